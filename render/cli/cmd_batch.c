/* cmd_batch: `briefing render A.json B.json ... -o DIR/ [-j N] [--shard K/N]
 * [--report FILE.json] [--fail-fast] [--quiet]`: see batch.h and
 * briefing(1).  Options and printing only; the work is render/batch/'s. */
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/jobs.h"
#include "batch/pool.h"
#include "batch/progress.h"
#include "batch/report.h"
#include "batch/shard.h"
#include "batch/stop.h"
#include "cli/batch.h"

void cli_batch_add_entries(GOptionContext *ctx, cli_batch_args *b)
{
    *b = (cli_batch_args){.jobs = -1};
    GOptionEntry entries[] = {
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &b->jobs, "Batch: jobs at once (default: the number of cores)", "N"},
        {"shard", 0, 0, G_OPTION_ARG_STRING, &b->shard, "Batch: render only shard K of N (K from 0)", "K/N"},
        {"report", 0, 0, G_OPTION_ARG_FILENAME, &b->report, "Batch: write a JSON report of every job", "FILE"},
        {"fail-fast", 0, 0, G_OPTION_ARG_NONE, &b->fail_fast, "Batch: start no job after the first failure", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &b->quiet, "Batch: no progress, only errors", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    g_option_context_add_main_entries(ctx, entries, NULL); /* copies the entries */
}

void cli_batch_args_clear(cli_batch_args *b)
{
    g_free(b->shard);
    g_free(b->report);
}

int cli_batch_wanted(const cli_batch_args *b, const cli_batch_input *in)
{
    return in->n_sets > 1 || (in->lang && strchr(in->lang, ',')) || (in->focus && strcmp(in->focus, "all") == 0) ||
           b->jobs != -1 || b->shard || b->report || b->fail_fast || b->quiet;
}

/* --lang a,b: the tags, each once.  NULL after a usage message. */
static char **split_langs(GOptionContext *ctx, const char *lang, int *rc)
{
    char **tags = g_strsplit(lang, ",", -1);
    for (size_t i = 0; tags[i]; i++) {
        const char *why = !*tags[i] ? "--lang: an empty tag in the list" : NULL;
        for (size_t k = 0; k < i && !why; k++)
            if (strcmp(tags[i], tags[k]) == 0)
                why = "--lang: a tag is listed twice";
        if (why) {
            *rc = cli_usage_error(ctx, why);
            g_strfreev(tags);
            return NULL;
        }
    }
    return tags;
}

static int check_args(GOptionContext *ctx, const cli_batch_args *b, const cli_batch_input *in, unsigned *k,
                      unsigned *n)
{
    if (in->n_sets < 1)
        return cli_usage_error(ctx, "render needs at least one SET.json");
    if (in->format && strcmp(in->format, "pdf") != 0)
        return cli_usage_error(ctx, "a batch writes PDF files (--format pdf)");
    if (!in->output || !*in->output)
        return cli_usage_error(ctx, "a batch (several sets or languages, --focus all, -j, --shard, --report) "
                                    "needs -o DIRECTORY");
    struct stat st;
    if (stat(in->output, &st) == 0 ? !S_ISDIR(st.st_mode) : g_str_has_suffix(in->output, ".pdf"))
        return cli_usage_error(ctx, "a batch writes one file per job: -o must name a directory");
    if (b->jobs != -1 && (b->jobs < 1 || b->jobs > 1024))
        return cli_usage_error(ctx, "-j must be between 1 and 1024");
    *k = *n = 0;
    if (b->shard && !br_shard_parse(b->shard, k, n))
        return cli_usage_error(ctx, "--shard must be K/N with 0 <= K < N, such as 0/4");
    if (b->report && !*b->report)
        return cli_usage_error(ctx, "--report needs a file name");
    return EXIT_OK;
}

static void on_done(void *user, const br_job *job)
{
    br_progress_job(user, job);
}

/* The failures, each with its error, and what was not run. */
static void summary(br_jobs *jobs, const cli_batch_args *b, int sig)
{
    size_t n = br_jobs_count(jobs), failed = 0, skipped = 0;
    for (size_t i = 0; i < n; i++) {
        br_job_status st = br_jobs_at(jobs, i)->status;
        failed += st == BR_JOB_FAILED;
        skipped += st == BR_JOB_SKIPPED || st == BR_JOB_PENDING;
    }
    if (failed) {
        fprintf(stderr, "briefing: %zu of %zu jobs failed:\n", failed, n);
        for (size_t i = 0; i < n; i++) {
            const br_job *j = br_jobs_at(jobs, i);
            if (j->status == BR_JOB_FAILED)
                fprintf(stderr, "  %s: %s\n", j->key, j->error ? j->error : "failed");
        }
    }
    if (sig)
        fprintf(stderr, "briefing: interrupted by signal %d: %zu jobs not started\n", sig, skipped);
    else if (skipped)
        fprintf(stderr, "briefing: %s: %zu jobs not started\n", b->fail_fast ? "--fail-fast" : "stopped", skipped);
    else if (!b->quiet && !failed)
        fprintf(stderr, "briefing: %zu jobs written\n", n);
}

static int run_batch(const cli_batch_args *b, const cli_batch_input *in, char **langs, unsigned k, unsigned n,
                     br_stop *stop, int64_t sde)
{
    br_engine *engine = cli_engine();
    if (!engine)
        return EXIT_BAD;
    br_diag *diag = br_diag_new(0);
    const br_layout *layout = NULL;
    br_status lst = br_engine_layout(engine, in->layout, diag, &layout);
    cli_print_diag(diag);
    br_diag_free(diag);
    if (lst != BR_OK)
        return EXIT_BAD;

    br_jobs_spec spec = {.set_paths = (const char *const *)in->sets,
                         .n_sets = (size_t)in->n_sets,
                         .layout_name = in->layout,
                         .langs = (const char *const *)langs,
                         .n_langs = langs ? g_strv_length(langs) : 0,
                         .focus = in->focus,
                         .out_dir = in->output,
                         .shard_k = k,
                         .shard_n = n};
    br_jobs *jobs = NULL;
    GPtrArray *problems = NULL;
    br_status st = br_jobs_plan(engine, &spec, &jobs, &problems);
    int rc = EXIT_OK;
    if (st != BR_OK) {
        for (guint i = 0; i < problems->len; i++)
            fprintf(stderr, "briefing: %s\n", (char *)g_ptr_array_index(problems, i));
        fprintf(stderr, "briefing: %s; nothing written\n",
                st == BR_ERR_USAGE ? "two jobs would write one file" : br_status_str(st));
        rc = EXIT_BAD;
        goto out;
    }
    if (g_mkdir_with_parents(in->output, 0777) != 0) {
        fprintf(stderr, "briefing: cannot create directory %s: %s\n", in->output, g_strerror(errno));
        rc = EXIT_BAD;
        goto out;
    }
    size_t total = br_jobs_count(jobs);
    br_progress_mode mode = b->quiet ? BR_PROGRESS_QUIET : isatty(fileno(stderr)) ? BR_PROGRESS_LIVE
                                                                                   : BR_PROGRESS_LINES;
    br_progress *progress = br_progress_new(mode, total, stderr);
    /* Warnings about the sets once, before the jobs; sets that cannot be
     * read are jobs that have already failed. */
    for (size_t i = 0; i < total; i++) {
        br_job *j = br_jobs_at(jobs, i);
        if (j->status == BR_JOB_FAILED) {
            br_progress_job(progress, j);
        } else if (j->messages) {
            if (!b->quiet)
                fputs(j->messages, stderr);
            g_free(j->messages);
            j->messages = NULL;
        }
    }
    br_pool_options po = {.fail_fast = b->fail_fast};
    br_render_options_init(&po.render);
    po.render.source_date_epoch = sde;
    unsigned threads = b->jobs > 0 ? (unsigned)b->jobs : g_get_num_processors();
    po.threads = threads < total ? threads : (total ? (unsigned)total : 1);
    gint64 t0 = g_get_monotonic_time();
    st = br_pool_run(engine, layout, jobs, &po, stop, on_done, progress);
    br_progress_finish(progress);
    int sig = br_stop_signal(stop);
    if (st != BR_OK) {
        fprintf(stderr, "briefing: %s\n", br_status_str(st));
        rc = EXIT_BAD;
    }
    summary(jobs, b, sig);
    for (size_t i = 0; i < total; i++)
        if (br_jobs_at(jobs, i)->status != BR_JOB_OK)
            rc = EXIT_BAD;
    if (b->report) {
        br_report_info info = {.shard_k = k, .shard_n = n, .threads = po.threads, .interrupted = sig,
                               .seconds = (double)(g_get_monotonic_time() - t0) / 1e6};
        char *error = NULL;
        if (!br_report_write(b->report, jobs, &info, &error)) {
            fprintf(stderr, "briefing: --report %s: %s\n", b->report, error);
            g_free(error);
            rc = EXIT_BAD;
        }
    }
    br_progress_free(progress);
out:
    if (problems)
        g_ptr_array_unref(problems);
    br_jobs_free(jobs);
    return rc;
}

int cli_batch_render(GOptionContext *ctx, const cli_batch_args *b, const cli_batch_input *in)
{
    unsigned k, n;
    int rc = check_args(ctx, b, in, &k, &n);
    if (rc != EXIT_OK)
        return rc;
    int64_t sde;
    if ((rc = cli_source_date_epoch(&sde)) != EXIT_OK)
        return rc;
    char **langs = NULL;
    if (in->lang && !(langs = split_langs(ctx, in->lang, &rc)))
        return rc;
    /* Before the engine and the pool make threads: they inherit the
     * blocked signals (stop.h). */
    br_stop *stop = NULL;
    if (br_stop_new(&stop) != BR_OK) {
        fprintf(stderr, "briefing: cannot start a thread\n");
        g_strfreev(langs);
        return EXIT_BAD;
    }
    rc = run_batch(b, in, langs, k, n, stop, sde);
    int sig = br_stop_signal(stop);
    br_stop_free(stop);
    g_strfreev(langs);
    if (sig) {
        cli_engine_free();
        br_stop_die(sig);
        rc = EXIT_BAD;
    }
    return rc;
}
