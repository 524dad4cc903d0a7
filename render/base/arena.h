/* arena: a per-document bump allocator.
 *
 * Everything that lives exactly as long as one document (the model, glyph
 * runs, paths recorded in display lists, boxes) is allocated here and freed
 * with one br_arena_free(), so error paths cannot leak (MuPDF's fz_pool).
 * Non-memory resources register a cleanup hook that runs at free time, in
 * reverse order of registration.
 *
 * Not thread-safe: one arena belongs to one document, and one document is
 * rendered by one thread.  Out of memory is an ordinary error: allocation
 * returns NULL, never aborts.  For tests, br_arena_fail_after() makes the
 * N-th allocation fail so that every error path can be walked.
 */
#ifndef BR_ARENA_H
#define BR_ARENA_H

#include <stddef.h>

typedef struct br_arena br_arena;

/* A new empty arena, or NULL when out of memory. */
br_arena *br_arena_new(void);

/* A new empty arena for temporaries of work whose results go into owner
 * (the nodes of a parsed tree that a reader copies out of): it is freed on
 * its own, before owner, but for the test hooks the two are one arena, so
 * br_arena_fail_after(owner, n) counts and fails its allocations too and
 * br_arena_failures(owner) includes its failures.  owner must outlive it.
 * NULL when out of memory. */
br_arena *br_arena_new_scratch(br_arena *owner);

/* Runs the cleanup hooks (newest first) and frees all memory. NULL is a no-op. */
void br_arena_free(br_arena *arena);

/* size bytes aligned for any type, zero-filled; NULL when out of memory. */
void *br_arena_alloc(br_arena *arena, size_t size);

/* n * size bytes, zero-filled; NULL on overflow or out of memory. */
void *br_arena_calloc(br_arena *arena, size_t n, size_t size);

/* Copies of a string (NUL-terminated) or of n bytes plus a NUL; NULL in, NULL out. */
char *br_arena_strdup(br_arena *arena, const char *s);
char *br_arena_strndup(br_arena *arena, const char *s, size_t n);

/* printf into the arena; NULL when out of memory. */
char *br_arena_printf(br_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Registers fn(data) to run when the arena is freed. Returns 0, or -1 when
 * out of memory, in which case fn(data) has been run at once so the caller
 * never leaks. */
int br_arena_on_free(br_arena *arena, void (*fn)(void *), void *data);

/* How many allocations have returned NULL so far.  A reader that builds
 * many small parts compares it before and after instead of checking every
 * one, and reports BR_ERR_NOMEM when it grew. */
size_t br_arena_failures(const br_arena *arena);

/* Total bytes handed out so far (for benchmarks). */
size_t br_arena_used(const br_arena *arena);

/* Test hook: the n-th allocation from now (1 = the next) and every later one
 * fail. n = 0 switches the hook off. */
void br_arena_fail_after(br_arena *arena, size_t n);

/* Checked n * size; returns 0 and sets *out, or -1 on overflow. */
int br_mul_size(size_t n, size_t size, size_t *out);

#endif
