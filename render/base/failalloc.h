/* failalloc: the test hook that fails the N-th allocation the project
 * controls (Lua ltests.c debug_realloc, Cairo's memfault), so a test can
 * walk N = 1, 2, ... over a whole load and render and expect a clean
 * BR_ERR_NOMEM every time (STYLE.md section 4).
 *
 * Counted allocations: every arena (br_arena_new, br_arena_alloc and what
 * builds on it), every allocation of libharu in the PDF back end (through
 * HPDF_NewEx's alloc function), and cJSON's, but only when a test points
 * cJSON's hooks at br_failalloc_malloc: the hooks are process-global and
 * take no user pointer, so the library never installs them.  GLib's
 * g_malloc aborts on failure by design, and Cairo, Pango, fontconfig,
 * FreeType and HarfBuzz allocate through malloc directly; none of those is
 * counted or failed (README, Memory: what grows with the input goes
 * through an arena).
 *
 * In normal operation the hook is off and costs one relaxed atomic load
 * per allocation; nothing is written.  When set, the count is shared by
 * every thread (atomically), so a walk should run one render at a time. */
#ifndef BR_FAILALLOC_H
#define BR_FAILALLOC_H

#include <stdbool.h>
#include <stddef.h>

/* From now on the n-th counted allocation (1 = the next) and every later
 * one fail, and the count starts again from 0.  n = SIZE_MAX only counts;
 * n = 0 switches the hook off and keeps the count. */
void br_test_fail_alloc_after(size_t n);

/* Counted allocations since the last br_test_fail_alloc_after (failed
 * ones included). */
size_t br_test_alloc_count(void);

/* For the project's allocators: counts one allocation and says whether it
 * is to fail.  Always false while the hook is off. */
bool br_failalloc_should_fail(void);

/* malloc and free that honour the hook (for cJSON_InitHooks in tests,
 * and libharu's HPDF_NewEx). */
void *br_failalloc_malloc(size_t size);
void br_failalloc_free(void *p);

#endif
