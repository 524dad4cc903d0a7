/* Parallel renders on one engine (briefing.h, Threads): 4 threads, each
 * rendering 3 different documents (profiles of different entities, in
 * PDF, SVG, PNG and trace), then 4 threads rendering the same document at
 * once.  Every result must be byte-identical to the same document
 * rendered alone, before any thread started.  Each thread also asks the
 * engine for the layout by name itself while the others do, so the
 * engine's layout cache is loaded under contention.
 *
 * Meaningful in every build; under ThreadSanitizer (build-tsan, with
 * tests/tsan.supp for the libraries that are not instrumented) it also
 * shows data races. */
#include <glib.h>
#include <stdbool.h>
#include <string.h>

#include <briefing.h>
#include "../unit/tap.h"

#define N_THREADS 4
#define PER_THREAD 3
#define N_JOBS (N_THREADS * PER_THREAD)

static br_engine *engine;
static const br_indicator_set *set;

typedef struct {
    const char *focus;
    br_format format;
    GBytes *alone, *parallel;
    br_status status;
} job;

static const char *const layout_names[2] = {"profile", "onepager"};

/* The document's files, concatenated with their lengths. */
static GBytes *render(const char *layout_name, const char *focus, br_format format, br_status *status)
{
    br_diag *diag = br_diag_new(0);
    const br_layout *layout = NULL;
    br_output *out = NULL;
    GBytes *result = NULL;
    *status = br_engine_layout(engine, layout_name, diag, &layout);
    if (*status == BR_OK) {
        br_render_options o;
        br_render_options_init(&o);
        o.source_date_epoch = 1772409600;
        o.format = format;
        o.focus = focus;
        o.dpi = 48;
        *status = br_render(engine, set, layout, &o, diag, &out);
    }
    if (*status == BR_OK) {
        GByteArray *all = g_byte_array_new();
        for (size_t i = 0; i < br_output_n_files(out); i++) {
            size_t len;
            const uint8_t *data = br_output_file(out, i, &len);
            guint64 n = len;
            g_byte_array_append(all, (const guint8 *)&n, sizeof n);
            g_byte_array_append(all, data, (guint)len);
        }
        result = g_byte_array_free_to_bytes(all);
    } else {
        for (size_t i = 0; i < br_diag_count(diag); i++) {
            char *line = br_diag_format(br_diag_item_at(diag, i));
            printf("# %s\n", line);
            br_free(line);
        }
    }
    br_output_free(out);
    br_diag_free(diag);
    return result;
}

static job jobs[N_JOBS];
static job same[N_THREADS];

static const char *layout_of(const job *j)
{
    return j->format == BR_FORMAT_PNG ? layout_names[1] : layout_names[0];
}

static gpointer run_three(gpointer data)
{
    job *mine = data;
    for (int k = 0; k < PER_THREAD; k++)
        mine[k].parallel = render(layout_of(&mine[k]), mine[k].focus, mine[k].format, &mine[k].status);
    return NULL;
}

static gpointer run_same(gpointer data)
{
    job *j = data;
    j->parallel = render(layout_of(j), j->focus, j->format, &j->status);
    return NULL;
}

int main(void)
{
    const char *src = g_getenv("SRCDIR");
    if (!src) {
        printf("Bail out! SRCDIR not set\n");
        return 1;
    }
    char *path = g_build_filename(src, "data", "cn-provinces-2026.json", NULL);
    br_diag *diag = br_diag_new(0);
    br_indicator_set *s = NULL;
    if (!ok(br_engine_new(src, diag, &engine) == BR_OK &&
                br_indicator_set_load_file(engine, path, NULL, diag, &s) == BR_OK,
            "engine and the sample set")) {
        printf("Bail out! no engine or set\n");
        return 1;
    }
    set = s;
    size_t n_focus = 0;
    const char *const *focus = br_indicator_set_focus_ids(set, &n_focus);
    ok(n_focus >= N_JOBS, "the set has %zu entities to profile (%d needed)", n_focus, N_JOBS);

    /* Two engines' worth of documents: each alone first, in the main
     * thread, with a second engine so that the first one's layouts are
     * still to be loaded when the threads start. */
    br_engine *first = engine;
    ok(br_engine_new(src, diag, &engine) == BR_OK, "a second engine for the renders alone");
    static const br_format formats[4] = {BR_FORMAT_PDF, BR_FORMAT_SVG, BR_FORMAT_PDF, BR_FORMAT_TRACE};
    int rendered = 0;
    for (int i = 0; i < N_JOBS && (size_t)i < n_focus; i++) {
        /* Every fourth thread's second document is a PNG page of the onepager. */
        br_format f = i % PER_THREAD == 1 && (i / PER_THREAD) % 2 == 1 ? BR_FORMAT_PNG : formats[i % 4];
        jobs[i] = (job){focus[i], f, NULL, NULL, BR_OK};
        jobs[i].alone = render(layout_of(&jobs[i]), jobs[i].focus, f, &jobs[i].status);
        rendered += jobs[i].alone != NULL && g_bytes_get_size(jobs[i].alone) > 100;
    }
    ok(rendered == N_JOBS, "%d of %d documents render alone", rendered, N_JOBS);
    br_engine_free(engine);
    engine = first;

    GThread *threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++)
        threads[t] = g_thread_new("render", run_three, &jobs[t * PER_THREAD]);
    for (int t = 0; t < N_THREADS; t++)
        g_thread_join(threads[t]);
    int same_bytes = 0;
    for (int i = 0; i < N_JOBS; i++) {
        bool eq = jobs[i].alone && jobs[i].parallel && g_bytes_equal(jobs[i].alone, jobs[i].parallel);
        if (!eq)
            printf("# %s (format %d): %s\n", jobs[i].focus ? jobs[i].focus : "?", (int)jobs[i].format,
                   jobs[i].parallel ? "bytes differ" : br_status_str(jobs[i].status));
        same_bytes += eq;
    }
    ok(same_bytes == N_JOBS, "%d threads x %d documents: %d of %d identical to the render alone", N_THREADS,
       PER_THREAD, same_bytes, N_JOBS);

    /* The same document in every thread at once. */
    for (int t = 0; t < N_THREADS; t++)
        same[t] = (job){jobs[0].focus, jobs[0].format, NULL, NULL, BR_OK};
    for (int t = 0; t < N_THREADS; t++)
        threads[t] = g_thread_new("same", run_same, &same[t]);
    for (int t = 0; t < N_THREADS; t++)
        g_thread_join(threads[t]);
    int same_doc = 0;
    for (int t = 0; t < N_THREADS; t++) {
        same_doc += same[t].parallel && jobs[0].alone && g_bytes_equal(same[t].parallel, jobs[0].alone);
        if (same[t].parallel)
            g_bytes_unref(same[t].parallel);
    }
    ok(same_doc == N_THREADS, "one document in %d threads at once: %d identical", N_THREADS, same_doc);

    for (int i = 0; i < N_JOBS; i++) {
        if (jobs[i].alone)
            g_bytes_unref(jobs[i].alone);
        if (jobs[i].parallel)
            g_bytes_unref(jobs[i].parallel);
    }
    br_indicator_set_free(s);
    br_engine_free(engine);
    br_diag_free(diag);
    g_free(path);
    return done();
}
