/* shard: see shard.h. */
#include "batch/shard.h"

#include <errno.h>
#include <stdlib.h>

uint64_t br_shard_hash(const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

int br_shard_has(const char *key, unsigned k, unsigned n)
{
    return n <= 1 || br_shard_hash(key) % n == k;
}

/* A decimal number of digits only (no sign, no space, no leading '+'). */
static int parse_uint(const char *s, const char **end, unsigned long *out)
{
    if (*s < '0' || *s > '9')
        return 0;
    char *e = NULL;
    errno = 0;
    *out = strtoul(s, &e, 10);
    *end = e;
    return errno == 0;
}

int br_shard_parse(const char *s, unsigned *k, unsigned *n)
{
    unsigned long a, b;
    const char *end;
    if (!s || !parse_uint(s, &end, &a) || *end != '/' || !parse_uint(end + 1, &end, &b) || *end)
        return 0;
    if (b < 1 || b > 1000000 || a >= b)
        return 0;
    *k = (unsigned)a;
    *n = (unsigned)b;
    return 1;
}
