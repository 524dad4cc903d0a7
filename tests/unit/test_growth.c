/* Memory does not grow with the number of documents, nor with the number
 * of engines made one after another (issue 11: a font configuration made
 * per render, later per engine, was lost every time, 42 KB each).  The
 * heap in use (glibc mallinfo2) is compared after a few warm-up rounds and
 * after many more; what a round leaks shows as growth.  Skipped under
 * sanitizers, whose allocators keep freed memory on purpose (valgrind and
 * LeakSanitizer cover leaks there).  meson runs it with glibc's tcache
 * off (GLIBC_TUNABLES, tests/unit/meson.build): mallinfo2 counts the
 * chunks the tcache keeps as in use. */
#include <glib.h>
#include <malloc.h>
#include <stdbool.h>
#include <string.h>

#include <briefing.h>
#include "tap.h"

static const char *src;

static size_t in_use(void)
{
    malloc_trim(0);
    return mallinfo2().uordblks;
}

/* An engine (or the given one), the sample set, n profile PDFs. */
static bool round_of(br_engine *engine, int n)
{
    br_diag *diag = br_diag_new(0);
    br_engine *own = NULL;
    br_indicator_set *set = NULL;
    const br_layout *layout = NULL;
    bool good = true;
    char *path = g_build_filename(src, "data", "cn-provinces-2026.json", NULL);
    if (!engine)
        good = br_engine_new(src, diag, &own) == BR_OK, engine = own;
    good = good && br_indicator_set_load_file(engine, path, NULL, diag, &set) == BR_OK &&
           br_engine_layout(engine, "profile", diag, &layout) == BR_OK;
    size_t n_focus = 0;
    const char *const *focus = good ? br_indicator_set_focus_ids(set, &n_focus) : NULL;
    for (int i = 0; good && i < n; i++) {
        br_render_options o;
        br_render_options_init(&o);
        o.focus = focus[(size_t)i % n_focus];
        br_output *out = NULL;
        good = br_render(engine, set, layout, &o, diag, &out) == BR_OK;
        br_output_free(out);
    }
    br_indicator_set_free(set);
    br_engine_free(own);
    br_diag_free(diag);
    g_free(path);
    return good;
}

int main(void)
{
    src = g_getenv("SRCDIR");
    const char *san = g_getenv("BR_SANITIZE");
    if (!src) {
        printf("Bail out! SRCDIR not set\n");
        return 1;
    }
    if (san && *san && strcmp(san, "none") != 0) {
        printf("1..0 # SKIP memory is not measured under sanitizers (%s)\n", san);
        return 0;
    }
    /* Documents on one engine. */
    br_diag *diag = br_diag_new(0);
    br_engine *engine = NULL;
    ok(br_engine_new(src, diag, &engine) == BR_OK, "engine");
    /* The first round fills the caches (Pango's fonts and glyphs, the
     * faces): every profile of the set once.  The same profiles again
     * must not need more. */
    bool good = round_of(engine, 31);
    size_t before = in_use();
    good = good && round_of(engine, 31) && round_of(engine, 31);
    size_t after = in_use();
    long grown = (long)after - (long)before;
    ok(good && grown < 16 * 1024, "62 more documents on one engine: heap grew by %ld bytes (under 16 KB)", grown);
    br_engine_free(engine);
    br_diag_free(diag);

    /* Engines one after another, a document each. */
    good = round_of(NULL, 1) && round_of(NULL, 1);
    before = in_use();
    for (int i = 0; i < 8 && good; i++)
        good = round_of(NULL, 1);
    after = in_use();
    grown = (long)after - (long)before;
    ok(good && grown < 16 * 1024, "8 more engines with a document each: heap grew by %ld bytes (under 16 KB)", grown);
    return done();
}
