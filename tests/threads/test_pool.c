/* The batch layer's thread pool (render/batch/pool.c) with its plan
 * (jobs.c): 12 profiles of synthetic-31 on 3 threads sharing one engine,
 * set and layout, published into a folder; then the same plan on 1
 * thread; every file must be byte-identical.  Then the plan again with
 * skip_unchanged on 3 threads: every job must come back UNCHANGED, the
 * digest of every input computed in parallel.
 *
 * Meaningful in every build; in the ThreadSanitizer build of
 * tests/run-all.sh it shows data races in the pool, the plan's shared
 * sets, the engine's layout cache, publishing and the digests. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include <briefing.h>
#include "../unit/tap.h"
#include "batch/jobs.h"
#include "batch/pool.h"

#define N_SHARDS 3 /* one shard of three: about 10 of the 31 profiles */

static br_engine *engine;

/* Runs a plan of shard 0/N_SHARDS into dir; OUT: the statuses seen. */
static int run(const char *set_path, const char *dir, unsigned threads, int skip, size_t *n_ok, size_t *n_unchanged)
{
    const char *sets[] = {set_path};
    br_jobs_spec spec = {.set_paths = sets, .n_sets = 1, .layout_name = "profile", .focus = "all", .out_dir = dir};
    br_jobs *jobs = NULL;
    GPtrArray *problems = NULL;
    br_status st = br_jobs_plan(engine, &spec, 0, N_SHARDS, &jobs, &problems);
    int good = st == BR_OK && br_jobs_count(jobs) > 5;
    if (good) {
        g_mkdir_with_parents(dir, 0777);
        br_pool_options po = {.threads = threads, .skip_unchanged = skip};
        br_render_options_init(&po.render);
        po.render.source_date_epoch = 1772409600;
        good = br_pool_run(engine, jobs, &po, NULL, NULL, NULL) == BR_OK;
        *n_ok = *n_unchanged = 0;
        for (size_t i = 0; i < br_jobs_count(jobs); i++) {
            const br_job *j = br_jobs_at(jobs, i);
            *n_ok += j->status == BR_JOB_OK;
            *n_unchanged += j->status == BR_JOB_UNCHANGED;
            if (j->status != BR_JOB_OK && j->status != BR_JOB_UNCHANGED)
                printf("# %s: %s\n", j->key, j->error ? j->error : "not run");
        }
        good = good && *n_ok + *n_unchanged == br_jobs_count(jobs);
    }
    if (problems)
        g_ptr_array_unref(problems);
    br_jobs_free(jobs);
    return good;
}

/* Do the two folders hold the same files with the same bytes? */
static int same_files(const char *a, const char *b, size_t *n)
{
    GDir *d = g_dir_open(a, 0, NULL);
    int same = d != NULL;
    *n = 0;
    for (const char *name; d && (name = g_dir_read_name(d));) {
        char *pa = g_build_filename(a, name, NULL), *pb = g_build_filename(b, name, NULL);
        gchar *ca = NULL, *cb = NULL;
        gsize la = 0, lb = 0;
        same = same && g_file_get_contents(pa, &ca, &la, NULL) && g_file_get_contents(pb, &cb, &lb, NULL) &&
               la == lb && memcmp(ca, cb, la) == 0;
        (*n)++;
        g_free(ca);
        g_free(cb);
        g_free(pa);
        g_free(pb);
    }
    if (d)
        g_dir_close(d);
    return same;
}

static void remove_tree(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    for (const char *name; d && (name = g_dir_read_name(d));) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(dir);
}

int main(void)
{
    const char *src = g_getenv("SRCDIR"), *gendata = g_getenv("GENDATA");
    if (!src || !gendata) {
        printf("Bail out! SRCDIR and GENDATA must be set\n");
        return 1;
    }
    br_diag *diag = br_diag_new(0);
    if (!ok(br_engine_new(src, diag, &engine) == BR_OK, "an engine")) {
        br_diag_free(diag);
        return done();
    }
    char *set_path = g_build_filename(gendata, "synthetic-31.json", NULL);
    char *tmp = g_dir_make_tmp("briefing-pool-XXXXXX", NULL);
    char *many = g_build_filename(tmp, "threads-3", NULL), *one = g_build_filename(tmp, "threads-1", NULL);
    size_t n_ok = 0, n_unchanged = 0, n_files = 0;
    ok(run(set_path, many, 3, 0, &n_ok, &n_unchanged) && n_ok > 5 && n_unchanged == 0, "3 threads render the shard");
    size_t rendered = n_ok;
    ok(run(set_path, one, 1, 0, &n_ok, &n_unchanged) && n_ok == rendered, "1 thread renders it too");
    ok(same_files(many, one, &n_files) && n_files == rendered, "the files are byte-identical (%zu)", n_files);
    ok(run(set_path, many, 3, 1, &n_ok, &n_unchanged) && n_ok == 0 && n_unchanged == rendered,
       "with skip_unchanged on 3 threads every job is unchanged (%zu)", n_unchanged);
    remove_tree(many);
    remove_tree(one);
    g_rmdir(tmp);
    g_free(many);
    g_free(one);
    g_free(tmp);
    g_free(set_path);
    br_engine_free(engine);
    br_diag_free(diag);
    return done();
}
