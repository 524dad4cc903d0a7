/* Documents render in parallel threads on one engine, set and layout: no
 * global mutable state.  Renders the samples in 8 threads at once and
 * expects every result byte-identical to a render done alone. */
#include <glib.h>
#include <string.h>

#include <briefing.h>
#include "tap.h"

static br_engine *engine;

typedef struct {
    const br_indicator_set *set;
    GBytes *result;
} job;

static GBytes *render(const br_indicator_set *set)
{
    br_render_options o;
    br_render_options_init(&o);
    o.source_date_epoch = 1772409600;
    br_diag *diag = br_diag_new(0);
    br_output *w = NULL;
    GBytes *out = NULL;
    if (br_render(engine, set, NULL, &o, diag, &w) == BR_OK) {
        size_t len;
        const uint8_t *data = br_output_file(w, 0, &len);
        out = g_bytes_new(data, len);
    }
    br_output_free(w);
    br_diag_free(diag);
    return out;
}

static gpointer run(gpointer data)
{
    job *j = data;
    j->result = render(j->set);
    return NULL;
}

int main(void)
{
    const char *src = g_getenv("SRCDIR");
    if (!src) {
        printf("Bail out! SRCDIR not set\n");
        return 1;
    }
    char *paths[2] = {g_build_filename(src, "data", "cn-provinces-2026.json", NULL),
                      g_build_filename(src, "data", "cn-provinces-2026.de.json", NULL)};
    br_diag *diag = br_diag_new(0);
    br_indicator_set *sets[2] = {NULL, NULL};
    ok(br_engine_new(src, diag, &engine) == BR_OK, "engine");
    for (int i = 0; i < 2; i++)
        ok(engine && br_indicator_set_load_file(engine, paths[i], NULL, diag, &sets[i]) == BR_OK, "set %d loads", i);
    GBytes *alone[2];
    for (int i = 0; i < 2; i++) {
        alone[i] = render(sets[i]);
        ok(alone[i] != NULL && g_bytes_get_size(alone[i]) > 1000, "set %d renders alone", i);
    }
    job jobs[8];
    GThread *threads[8];
    for (int i = 0; i < 8; i++) {
        jobs[i] = (job){sets[i % 2], NULL};
        threads[i] = g_thread_new("render", run, &jobs[i]);
    }
    for (int i = 0; i < 8; i++)
        g_thread_join(threads[i]);
    for (int i = 0; i < 8; i++) {
        ok(jobs[i].result && alone[i % 2] && g_bytes_equal(jobs[i].result, alone[i % 2]),
           "thread %d: identical to the render done alone", i);
        if (jobs[i].result)
            g_bytes_unref(jobs[i].result);
    }
    for (int i = 0; i < 2; i++) {
        if (alone[i])
            g_bytes_unref(alone[i]);
        br_indicator_set_free(sets[i]);
        g_free(paths[i]);
    }
    br_engine_free(engine);
    br_diag_free(diag);
    return done();
}
