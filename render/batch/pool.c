/* pool: see pool.h. */
#include "batch/pool.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <pthread.h>

typedef struct {
    br_engine *engine;
    const br_pool_options *options;
    const br_stop *stop;
    gint failed;       /* atomic: some job failed (for fail_fast) */
    GAsyncQueue *done; /* br_job * that ended or were skipped */
} pool_ctx;

/* Taken around every hand-over of a job, both ways.  GLib's queues
 * already order them, but with a futex ThreadSanitizer cannot see; this
 * pthread mutex makes the same order visible, so a TSan build checks our
 * jobs' data instead of reporting every hand-over.  It is one for the
 * process, not one per pool, because GLib keeps idle pool threads and
 * gives them to the next pool: a mutex inside the next pool's context
 * would itself be handed over unseen.  It guards no data. */
static pthread_mutex_t handover_lock = PTHREAD_MUTEX_INITIALIZER;

static void handover(void)
{
    pthread_mutex_lock(&handover_lock);
    pthread_mutex_unlock(&handover_lock);
}

static int should_stop(pool_ctx *c)
{
    return (c->stop && br_stop_signal(c->stop)) || (c->options->fail_fast && g_atomic_int_get(&c->failed));
}

/* Is the job's PDF already made from the same inputs?  The file's size
 * counts as its bytes; its pages are not known without reading it. */
static int unchanged(pool_ctx *c, br_job *job, const br_render_options *o, br_diag *diag)
{
    char digest[BR_RENDER_DIGEST_SIZE];
    if (br_render_digest(c->engine, job->set, job->layout, o, diag, digest) != BR_OK)
        return 0; /* br_render reports the same problem */
    if (!br_output_current(job->output, digest))
        return 0;
    GStatBuf st;
    if (g_stat(job->output, &st) == 0)
        job->bytes = (size_t)st.st_size;
    return 1;
}

static void run_job(br_job *job, pool_ctx *c)
{
    gint64 t0 = g_get_monotonic_time();
    br_render_options o = c->options->render;
    o.lang = job->lang;
    o.focus = job->focus;
    if (job->options)
        br_build_job_apply(job->options, &o);
    br_diag *diag = br_diag_new(0);
    br_output *out = NULL;
    if (diag && c->options->skip_unchanged && o.format == BR_FORMAT_PDF && unchanged(c, job, &o, diag)) {
        br_diag_free(diag);
        job->status = BR_JOB_UNCHANGED;
        job->ms = (double)(g_get_monotonic_time() - t0) / 1000.0;
        return;
    }
    br_status st = diag ? br_render(c->engine, job->set, job->layout, &o, diag, &out) : BR_ERR_NOMEM;
    if (st == BR_OK)
        st = br_output_publish(out, job->output, diag);
    if (st == BR_OK) {
        job->pages = br_output_pages(out);
        for (size_t i = 0; i < br_output_n_files(out); i++) {
            size_t len = 0;
            (void)br_output_file(out, i, &len);
            job->bytes += len;
        }
    }
    br_output_free(out);
    if (diag) {
        job->messages = br_jobs_diag_lines(diag, &job->error);
        br_diag_free(diag);
    }
    if (st != BR_OK && !job->error)
        job->error = g_strdup_printf("%s: %s", job->output, br_status_str(st));
    job->status = st == BR_OK ? BR_JOB_OK : BR_JOB_FAILED;
    job->ms = (double)(g_get_monotonic_time() - t0) / 1000.0;
}

static void worker(gpointer data, gpointer user)
{
    br_job *job = data;
    pool_ctx *c = user;
    handover();
    if (should_stop(c)) {
        job->status = BR_JOB_SKIPPED;
    } else {
        run_job(job, c);
        if (job->status == BR_JOB_FAILED)
            g_atomic_int_set(&c->failed, 1);
    }
    pthread_mutex_lock(&handover_lock);
    g_async_queue_push(c->done, job);
    pthread_mutex_unlock(&handover_lock);
}

br_status br_pool_run(br_engine *engine, br_jobs *jobs, const br_pool_options *options, const br_stop *stop,
                      br_pool_done_fn done, void *user)
{
    pool_ctx c = {.engine = engine, .options = options, .stop = stop,
                  .done = g_async_queue_new()};
    GThreadPool *pool = g_thread_pool_new(worker, &c, options->threads ? (gint)options->threads : 1, FALSE, NULL);
    if (!pool) {
        g_async_queue_unref(c.done);
        return BR_ERR_NOMEM;
    }
    /* The queue holds pointers only: the jobs' documents exist only while
     * a worker renders them. */
    size_t queued = 0;
    for (size_t i = 0; i < br_jobs_count(jobs); i++)
        if (br_jobs_at(jobs, i)->status == BR_JOB_FAILED) /* a set that could not be read */
            c.failed = 1;
    for (size_t i = 0; i < br_jobs_count(jobs); i++) {
        br_job *job = br_jobs_at(jobs, i);
        pthread_mutex_lock(&handover_lock);
        gboolean pushed = job->status == BR_JOB_PENDING && g_thread_pool_push(pool, job, NULL);
        pthread_mutex_unlock(&handover_lock);
        if (pushed)
            queued++;
        else if (job->status == BR_JOB_PENDING)
            job->status = BR_JOB_SKIPPED;
    }
    for (size_t n = 0; n < queued; n++) {
        br_job *job = g_async_queue_pop(c.done);
        handover();
        if (job->status != BR_JOB_SKIPPED && done)
            done(user, job);
    }
    g_thread_pool_free(pool, FALSE, TRUE);
    g_async_queue_unref(c.done);
    return BR_OK;
}
