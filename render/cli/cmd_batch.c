/* cmd_batch: the batches of `briefing render A.json B.json ... -o DIR/` and
 * of `briefing build FILE.json` (cmd_build.c), with [-j N] [--shard K/N]
 * [--report FILE.json] [--fail-fast] [--quiet] [--skip-unchanged]: see
 * batch.h and briefing(1).  Options and printing only; the work is
 * render/batch/'s. */
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
        {"skip-unchanged", 0, 0, G_OPTION_ARG_NONE, &b->skip_unchanged,
         "Leave a PDF that was made from the same inputs as it is", NULL},
        {"dry-run", 0, 0, G_OPTION_ARG_NONE, &b->dry_run,
         "Batch: print each job's key and file (a line each, on stdout); write nothing", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    g_option_context_add_main_entries(ctx, entries, NULL); /* copies the entries */
    cli_colour_add_entries(ctx, &b->colour);
    cli_pdfa_add_entries(ctx, &b->pdfa);
    cli_print_add_entries(ctx, &b->print);
}

void cli_batch_args_clear(cli_batch_args *b)
{
    g_free(b->shard);
    g_free(b->report);
    cli_print_args_clear(&b->print);
}

int cli_batch_wanted(const cli_batch_args *b, const cli_batch_input *in)
{
    return in->n_sets > 1 || (in->lang && strchr(in->lang, ',')) || (in->focus && strcmp(in->focus, "all") == 0) ||
           b->jobs != -1 || b->shard || b->report || b->fail_fast || b->quiet || b->dry_run; /* not skip_unchanged */
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

/* The render command's batch: sets, --lang a,b and --focus all into -o DIR. */
static int check_render_args(GOptionContext *ctx, const cli_batch_input *in)
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
    return EXIT_OK;
}

/* The options every batch has. */
static int check_batch_args(GOptionContext *ctx, const cli_batch_args *b, unsigned *k, unsigned *n)
{
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
    size_t n = br_jobs_count(jobs), failed = 0, skipped = 0, unchanged = 0;
    for (size_t i = 0; i < n; i++) {
        br_job_status st = br_jobs_at(jobs, i)->status;
        failed += st == BR_JOB_FAILED;
        skipped += st == BR_JOB_SKIPPED || st == BR_JOB_PENDING;
        unchanged += st == BR_JOB_UNCHANGED;
    }
    if (failed) {
        fprintf(stderr, "briefing: %zu of %zu jobs failed:\n", failed, n);
        for (size_t i = 0; i < n; i++) {
            const br_job *j = br_jobs_at(jobs, i);
            if (j->status == BR_JOB_FAILED) {
                char *failure = br_job_failure(j);
                fprintf(stderr, "  %s\n", failure);
                g_free(failure);
            }
        }
    }
    if (sig)
        fprintf(stderr, "briefing: interrupted by signal %d: %zu jobs not started\n", sig, skipped);
    else if (skipped)
        fprintf(stderr, "briefing: %s: %zu jobs not started\n", b->fail_fast ? "--fail-fast" : "stopped", skipped);
    else if (!b->quiet && !failed && unchanged)
        fprintf(stderr, "briefing: %zu jobs written, %zu unchanged (--skip-unchanged)\n", n - unchanged, unchanged);
    else if (!b->quiet && !failed)
        fprintf(stderr, "briefing: %zu jobs written\n", n);
}

/* Every job's folder, before any job runs (a build's template may give
 * each set its own). */
static int make_folders(br_jobs *jobs)
{
    for (size_t i = 0; i < br_jobs_count(jobs); i++) {
        const br_job *j = br_jobs_at(jobs, i);
        if (!j->output)
            continue;
        char *dir = g_path_get_dirname(j->output);
        int ok = g_mkdir_with_parents(dir, 0777) == 0;
        if (!ok)
            cli_error("cannot create directory %s: %s", dir, g_strerror(errno));
        g_free(dir);
        if (!ok)
            return 0;
    }
    return 1;
}

/* --dry-run: "KEY\tOUTPUT" per job of this shard on stdout, in plan
 * order; jobs that have failed already (a set that cannot be read) print
 * their error on stderr and make the exit code 1. */
static int dry_run(br_jobs *jobs)
{
    int rc = EXIT_OK;
    for (size_t i = 0; i < br_jobs_count(jobs); i++) {
        br_job *j = br_jobs_at(jobs, i);
        if (j->status == BR_JOB_FAILED) {
            if (j->messages)
                fputs(j->messages, stderr);
            else
                fprintf(stderr, "%s\n", j->error);
            rc = EXIT_BAD;
            continue;
        }
        char *key = br_escape_text(j->key), *output = br_escape_text(j->output);
        printf("%s\t%s\n", key, output);
        br_free(key);
        br_free(output);
    }
    return rc;
}

static int run_batch(const cli_batch_args *b, const br_jobs_spec *specs, size_t n_specs, unsigned k, unsigned n,
                     br_stop *stop, const br_render_options *render)
{
    br_engine *engine = cli_engine();
    if (!engine)
        return EXIT_BAD;
    br_jobs *jobs = br_jobs_new(engine);
    GPtrArray *problems = NULL;
    br_status st = BR_OK;
    for (size_t i = 0; i < n_specs && st == BR_OK; i++)
        st = br_jobs_add(jobs, &specs[i]);
    if (st == BR_OK)
        st = br_jobs_finish(jobs, k, n, &problems);
    int rc = EXIT_OK;
    if (st != BR_OK) {
        for (guint i = 0; problems && i < problems->len; i++)
            fprintf(stderr, "briefing: %s\n", (char *)g_ptr_array_index(problems, i));
        fprintf(stderr, "briefing: %s; nothing written\n",
                st == BR_ERR_USAGE ? "two jobs would write one file" : br_status_str(st));
        rc = EXIT_BAD;
        goto out;
    }
    if (b->dry_run) {
        rc = dry_run(jobs);
        goto out;
    }
    if (!make_folders(jobs)) {
        rc = EXIT_BAD;
        goto out;
    }
    size_t total = br_jobs_count(jobs);
    br_progress_mode mode = b->quiet ? BR_PROGRESS_QUIET : isatty(fileno(stderr)) ? BR_PROGRESS_LIVE
                                                                                   : BR_PROGRESS_LINES;
    br_progress *progress = br_progress_new(mode, total, stderr);
    /* Warnings about the sets once, before the jobs; sets and layouts
     * that cannot be read are jobs that have already failed. */
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
    br_pool_options po = {.fail_fast = b->fail_fast, .skip_unchanged = b->skip_unchanged};
    po.render = *render;
    unsigned threads = b->jobs > 0 ? (unsigned)b->jobs : g_get_num_processors();
    po.threads = threads < total ? threads : (total ? (unsigned)total : 1);
    gint64 t0 = g_get_monotonic_time();
    st = br_pool_run(engine, jobs, &po, stop, on_done, progress);
    br_progress_finish(progress);
    int sig = br_stop_signal(stop);
    if (st != BR_OK) {
        fprintf(stderr, "briefing: %s\n", br_status_str(st));
        rc = EXIT_BAD;
    }
    summary(jobs, b, sig);
    for (size_t i = 0; i < total; i++) {
        br_job_status js = br_jobs_at(jobs, i)->status;
        if (js != BR_JOB_OK && js != BR_JOB_UNCHANGED)
            rc = EXIT_BAD;
    }
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

int cli_batch_run(GOptionContext *ctx, const cli_batch_args *b, const br_jobs_spec *specs, size_t n_specs)
{
    unsigned k, n;
    int rc = check_batch_args(ctx, b, &k, &n);
    if (rc != EXIT_OK)
        return rc;
    br_render_options render; /* what every job shares */
    br_render_options_init(&render);
    if ((rc = cli_source_date_epoch(&render.source_date_epoch)) != EXIT_OK)
        return rc;
    if ((rc = cli_colour_apply(ctx, &b->colour, &render)) != EXIT_OK)
        return rc;
    cli_pdfa_apply(&b->pdfa, &render);
    if ((rc = cli_print_apply(ctx, &b->print, &render)) != EXIT_OK)
        return rc;
    /* Options that no document can honour are one usage error, not one
     * failed job each (a build file's own print keys still fail their jobs). */
    br_diag *diag = br_diag_new(0);
    br_status st = br_render_options_check(&render, diag);
    cli_print_diag(diag);
    br_diag_free(diag);
    if (st != BR_OK)
        return cli_exit_code(st);
    /* Before the engine and the pool make threads: they inherit the
     * blocked signals (stop.h). */
    br_stop *stop = NULL;
    if (br_stop_new(&stop) != BR_OK) {
        fprintf(stderr, "briefing: cannot start a thread\n");
        return EXIT_BAD;
    }
    rc = run_batch(b, specs, n_specs, k, n, stop, &render);
    int sig = br_stop_signal(stop);
    br_stop_free(stop);
    if (sig) {
        cli_engine_free();
        br_stop_die(sig);
        rc = EXIT_BAD;
    }
    return rc;
}

int cli_batch_render(GOptionContext *ctx, const cli_batch_args *b, const cli_batch_input *in)
{
    int rc = check_render_args(ctx, in);
    if (rc != EXIT_OK)
        return rc;
    char **langs = NULL;
    if (in->lang && !(langs = split_langs(ctx, in->lang, &rc)))
        return rc;
    br_jobs_spec spec = {.set_paths = (const char *const *)in->sets,
                         .n_sets = (size_t)in->n_sets,
                         .layout_name = in->layout,
                         .langs = (const char *const *)langs,
                         .n_langs = langs ? g_strv_length(langs) : 0,
                         .focus = in->focus,
                         .out_dir = in->output};
    rc = cli_batch_run(ctx, b, &spec, 1);
    g_strfreev(langs);
    return rc;
}
