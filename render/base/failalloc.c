/* failalloc: see failalloc.h. */
#include "base/failalloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

static atomic_size_t fail_at; /* 0: off */
static atomic_size_t counted;

void br_test_fail_alloc_after(size_t n)
{
    atomic_store(&fail_at, 0);
    if (n == 0)
        return; /* the count stays readable */
    atomic_store(&counted, 0);
    atomic_store(&fail_at, n);
}

size_t br_test_alloc_count(void)
{
    return atomic_load(&counted);
}

bool br_failalloc_should_fail(void)
{
    size_t at = atomic_load_explicit(&fail_at, memory_order_relaxed);
    if (at == 0)
        return false;
    size_t k = atomic_fetch_add_explicit(&counted, 1, memory_order_relaxed) + 1;
    return at != SIZE_MAX && k >= at;
}

void *br_failalloc_malloc(size_t size)
{
    return br_failalloc_should_fail() ? NULL : malloc(size);
}

void br_failalloc_free(void *p)
{
    free(p);
}
