/* arena: bump allocation in chunks; see arena.h. */
#include "base/arena.h"

#include "base/failalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (64 * 1024)
#define ALIGN 16

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(ALIGN) unsigned char data[];
} chunk;

typedef struct cleanup {
    struct cleanup *next;
    void (*fn)(void *);
    void *data;
} cleanup;

struct br_arena {
    chunk *chunks;
    cleanup *cleanups;
    size_t used;
    size_t fail_countdown; /* 0: hook off */
    size_t failures;       /* allocations that returned NULL */
    br_arena *owner;       /* of a scratch arena, whose test hook is its owner's */
};

int br_mul_size(size_t n, size_t size, size_t *out)
{
    if (size != 0 && n > SIZE_MAX / size)
        return -1;
    *out = n * size;
    return 0;
}

br_arena *br_arena_new(void)
{
    if (br_failalloc_should_fail())
        return NULL;
    return calloc(1, sizeof(br_arena));
}

void br_arena_free(br_arena *arena)
{
    if (!arena)
        return;
    for (cleanup *c = arena->cleanups; c;) {
        cleanup *next = c->next;
        c->fn(c->data);
        c = next;
    }
    for (chunk *c = arena->chunks; c;) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

static int hook_says_fail(br_arena *arena)
{
    if (arena->owner)
        arena = arena->owner;
    if (br_failalloc_should_fail())
        return 1; /* the process-wide test hook (failalloc.h) */
    if (arena->fail_countdown == 0)
        return 0;
    if (arena->fail_countdown == 1)
        return 1; /* stays at 1: every later allocation fails too */
    arena->fail_countdown--;
    return 0;
}

static void *failed(br_arena *arena)
{
    if (arena->owner)
        arena = arena->owner;
    arena->failures++;
    return NULL;
}

br_arena *br_arena_new_scratch(br_arena *owner)
{
    if (hook_says_fail(owner))
        return failed(owner);
    br_arena *arena = calloc(1, sizeof(br_arena));
    if (!arena)
        return failed(owner);
    arena->owner = owner->owner ? owner->owner : owner;
    return arena;
}

void *br_arena_alloc(br_arena *arena, size_t size)
{
    if (hook_says_fail(arena))
        return failed(arena);
    if (size > SIZE_MAX - ALIGN)
        return failed(arena);
    size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (rounded == 0)
        rounded = ALIGN;
    chunk *c = arena->chunks;
    if (!c || c->size - c->used < rounded) {
        /* Big requests get a chunk of their own, put behind the current
         * one so the current chunk's free tail stays usable. */
        size_t want = rounded > CHUNK_SIZE / 4 ? rounded : CHUNK_SIZE;
        chunk *n = malloc(sizeof(chunk) + want);
        if (!n)
            return failed(arena);
        n->size = want;
        n->used = 0;
        if (c && want != CHUNK_SIZE) {
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            arena->chunks = n;
        }
        c = n;
    }
    void *p = c->data + c->used;
    c->used += rounded;
    arena->used += rounded;
    memset(p, 0, size);
    return p;
}

void *br_arena_calloc(br_arena *arena, size_t n, size_t size)
{
    size_t total;
    if (br_mul_size(n, size, &total) != 0)
        return failed(arena);
    return br_arena_alloc(arena, total);
}

char *br_arena_strndup(br_arena *arena, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = br_arena_alloc(arena, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *br_arena_strdup(br_arena *arena, const char *s)
{
    return s ? br_arena_strndup(arena, s, strlen(s)) : NULL;
}

char *br_arena_printf(br_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = br_arena_alloc(arena, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

int br_arena_on_free(br_arena *arena, void (*fn)(void *), void *data)
{
    cleanup *c = br_arena_alloc(arena, sizeof *c);
    if (!c) {
        fn(data);
        return -1;
    }
    c->fn = fn;
    c->data = data;
    c->next = arena->cleanups;
    arena->cleanups = c;
    return 0;
}

size_t br_arena_failures(const br_arena *arena)
{
    return arena->failures;
}

size_t br_arena_used(const br_arena *arena)
{
    return arena->used;
}

void br_arena_fail_after(br_arena *arena, size_t n)
{
    arena->fail_countdown = n;
}
