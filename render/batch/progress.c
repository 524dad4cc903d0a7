/* progress: see progress.h. */
#include "batch/progress.h"

#include <glib.h>

struct br_progress {
    br_progress_mode mode;
    size_t total, done, failed, unchanged;
    FILE *f;
    gint64 t0;
    int live_shown; /* a live line is on the screen */
};

br_progress *br_progress_new(br_progress_mode mode, size_t total, FILE *f)
{
    br_progress *p = g_new0(br_progress, 1);
    p->mode = mode;
    p->total = total;
    p->f = f;
    p->t0 = g_get_monotonic_time();
    return p;
}

double br_progress_rate(const br_progress *p)
{
    double s = (double)(g_get_monotonic_time() - p->t0) / 1e6;
    return s > 0 ? (double)p->done / s : 0;
}

static void clear_live(br_progress *p)
{
    if (p->live_shown) {
        fputs("\r\033[K", p->f);
        p->live_shown = 0;
    }
}

static void print_live(br_progress *p)
{
    double rate = br_progress_rate(p);
    fprintf(p->f, "\r\033[K%zu/%zu done, %zu failed", p->done, p->total, p->failed);
    if (p->unchanged)
        fprintf(p->f, ", %zu unchanged", p->unchanged);
    fprintf(p->f, ", %.1f jobs/s", rate);
    if (rate > 0 && p->done < p->total) {
        long left = (long)((double)(p->total - p->done) / rate + 0.5);
        fprintf(p->f, ", %ld:%02ld left", left / 60, left % 60);
    }
    fflush(p->f);
    p->live_shown = 1;
}

void br_progress_job(br_progress *p, const br_job *job)
{
    p->done++;
    p->failed += job->status == BR_JOB_FAILED;
    p->unchanged += job->status == BR_JOB_UNCHANGED;
    if (job->messages && (p->mode != BR_PROGRESS_QUIET || job->status == BR_JOB_FAILED)) {
        clear_live(p);
        fputs(job->messages, p->f);
    }
    if (p->mode == BR_PROGRESS_LIVE) {
        print_live(p);
    } else if (p->mode == BR_PROGRESS_LINES) {
        if (job->status == BR_JOB_OK)
            fprintf(p->f, "briefing: [%zu/%zu] ok %s -> %s (%zu pages, %.0f ms)\n", p->done, p->total, job->key,
                    job->output, job->pages, job->ms);
        else if (job->status == BR_JOB_UNCHANGED)
            fprintf(p->f, "briefing: [%zu/%zu] unchanged %s: %s\n", p->done, p->total, job->key, job->output);
        else {
            char *failure = br_job_failure(job);
            fprintf(p->f, "briefing: [%zu/%zu] FAILED %s\n", p->done, p->total, failure);
            g_free(failure);
        }
        fflush(p->f);
    }
}

void br_progress_finish(br_progress *p)
{
    if (p->live_shown) {
        fputc('\n', p->f);
        p->live_shown = 0;
    }
}

void br_progress_free(br_progress *p)
{
    g_free(p);
}
