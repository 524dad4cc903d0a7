/* Out of memory is an ordinary error (STYLE.md section 4): the test hook
 * (base/failalloc.h) fails the N-th allocation the project controls (the
 * arenas, libharu's allocator, and cJSON's through the hooks installed
 * here, in the test only: they are process-global) and every later one.
 * The walk goes over N = 1, 2, ... while loading the sample set and
 * rendering it to one PDF, and expects every time a clean BR_ERR_NOMEM
 * with an "out of memory" message, never a crash, another status or a
 * success; past the last allocation the render succeeds and gives the
 * same bytes as without the hook.  Leaks on any of these paths fail the
 * test under LeakSanitizer (build-asan) or valgrind.
 *
 * GLib's g_malloc aborts on failure by design, and Cairo, Pango,
 * fontconfig, FreeType and HarfBuzz call malloc themselves: the hook does
 * not reach them, which is why the library keeps what grows with the
 * input in arenas.
 *
 * Every N up to BR_NOMEM_DENSE is walked, then a stride that gives about
 * as many again spread over the rest (set BR_NOMEM_ALL=1 to walk every N;
 * slow). */
#include <cjson/cJSON.h>
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include <briefing.h>
#include "base/failalloc.h"
#include "tap.h"

#define BR_NOMEM_DENSE 400

static br_engine *engine;
static const br_layout *layout;
static char *set_path;

static void *hook_malloc(size_t size)
{
    return br_failalloc_malloc(size);
}

static bool says_nomem(const br_diag *diag)
{
    for (size_t i = 0; i < br_diag_count(diag); i++)
        if (strstr(br_diag_item_at(diag, i)->message, "out of memory"))
            return true;
    return false;
}

/* Loads the set and renders it to PDF with the hook at n; the status, and
 * a copy of the PDF in *pdf when it succeeds. */
static br_status load_and_render(size_t n, br_diag *diag, GBytes **pdf)
{
    br_indicator_set *set = NULL;
    br_output *out = NULL;
    *pdf = NULL;
    br_test_fail_alloc_after(n);
    br_status st = br_indicator_set_load_file(engine, set_path, "cn.json", diag, &set);
    if (st == BR_OK) {
        br_render_options o;
        br_render_options_init(&o);
        o.source_date_epoch = 1772409600;
        st = br_render(engine, set, layout, &o, diag, &out);
    }
    br_test_fail_alloc_after(0);
    if (st == BR_OK) {
        size_t len;
        const uint8_t *data = br_output_file(out, 0, &len);
        *pdf = g_bytes_new(data, len);
    }
    br_output_free(out);
    br_indicator_set_free(set);
    return st;
}

/* The same walk for reading a layout. */
static br_status load_layout(size_t n, const char *text, size_t len, br_diag *diag)
{
    br_layout *l = NULL;
    br_test_fail_alloc_after(n);
    br_status st = br_layout_load_buffer(engine, text, len, "profile.json", NULL, diag, &l);
    br_test_fail_alloc_after(0);
    br_layout_free(l);
    return st;
}

int main(void)
{
    const char *src = g_getenv("SRCDIR");
    if (!src) {
        printf("Bail out! SRCDIR not set\n");
        return 1;
    }
    cJSON_InitHooks(&(cJSON_Hooks){hook_malloc, br_failalloc_free});
    set_path = g_build_filename(src, "data", "cn-provinces-2026.json", NULL);
    br_diag *diag = br_diag_new(0);
    if (!ok(br_engine_new(src, diag, &engine) == BR_OK && br_engine_layout(engine, "briefing", diag, &layout) == BR_OK,
            "engine and layout")) {
        printf("Bail out! no engine\n");
        return 1;
    }
    br_diag_clear(diag);

    /* How many allocations a load and render counts; the output without
     * failures. */
    GBytes *expected = NULL;
    br_status st = load_and_render(SIZE_MAX, diag, &expected);
    size_t total = br_test_alloc_count();
    ok(st == BR_OK && expected && total > 100, "the sample set loads and renders: %zu counted allocations", total);
    br_diag_clear(diag);

    size_t stride = total > BR_NOMEM_DENSE ? (total - BR_NOMEM_DENSE) / BR_NOMEM_DENSE + 1 : 1;
    if (g_getenv("BR_NOMEM_ALL"))
        stride = 1;
    size_t walked = 0, unclean = 0, n;
    for (n = 1;;) {
        GBytes *pdf = NULL;
        st = load_and_render(n, diag, &pdf);
        walked++;
        bool clean = n <= total ? st == BR_ERR_NOMEM && !pdf && says_nomem(diag)
                                : st == BR_OK && pdf && expected && g_bytes_equal(pdf, expected);
        if (!clean && unclean++ < 10) {
            printf("# N = %zu: %s, %zu diagnostics%s\n", n, br_status_str(st), br_diag_count(diag),
                   br_diag_count(diag) ? ":" : "");
            for (size_t i = 0; i < br_diag_count(diag) && i < 3; i++) {
                char *line = br_diag_format(br_diag_item_at(diag, i));
                printf("#   %s\n", line);
                br_free(line);
            }
        }
        if (pdf)
            g_bytes_unref(pdf);
        br_diag_clear(diag);
        if (n == total + 1)
            break;
        /* Every N up to the dense part, then by stride; total and total
         * + 1 always. */
        size_t next = n < BR_NOMEM_DENSE ? n + 1 : n + stride;
        if (next > total)
            next = n < total ? total : total + 1;
        n = next;
    }
    ok(unclean == 0, "set and render: %zu of %zu N (1..%zu, every %zu after %d) fail cleanly with BR_ERR_NOMEM, "
       "then succeed (%zu unclean)", walked - unclean, walked, total + 1, stride, BR_NOMEM_DENSE, unclean);

    /* A layout, every N. */
    char *lpath = g_build_filename(src, "layouts", "profile.json", NULL), *text = NULL;
    gsize len = 0;
    ok(g_file_get_contents(lpath, &text, &len, NULL), "profile.json read");
    st = load_layout(SIZE_MAX, text, len, diag);
    size_t ltotal = br_test_alloc_count();
    ok(st == BR_OK && ltotal > 10, "the profile layout loads: %zu counted allocations", ltotal);
    br_diag_clear(diag);
    size_t lunclean = 0;
    for (n = 1; n <= ltotal + 1; n++) {
        st = load_layout(n, text, len, diag);
        bool clean = n <= ltotal ? st == BR_ERR_NOMEM && says_nomem(diag) : st == BR_OK;
        if (!clean && lunclean++ < 10)
            printf("# layout N = %zu: %s\n", n, br_status_str(st));
        br_diag_clear(diag);
    }
    ok(lunclean == 0, "layout: every N of 1..%zu fails cleanly, then it loads (%zu unclean)", ltotal + 1, lunclean);
    g_free(text);
    g_free(lpath);

    if (expected)
        g_bytes_unref(expected);
    br_engine_free(engine);
    br_diag_free(diag);
    g_free(set_path);
    return done();
}
