/* cmd_build: `briefing build FILE.json [batch options]`: every job of a
 * build file (briefing-build(5)) in one batch, with the options of
 * render's batches (-j, --shard, --report, --fail-fast, --quiet,
 * --skip-unchanged, --dry-run).  The build file is read and checked whole
 * before any set is read: one problem in it and nothing is rendered. */
#include <stdio.h>

#include "cli/batch.h"
#include "cli/cli.h"

static int run(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new("BUILD.json - render every job of a build file");
    cli_batch_args batch;
    cli_batch_add_entries(ctx, &batch);
    GError *err = NULL;
    char **owned_args = NULL;
    int rc = EXIT_OK;
    br_build *build = NULL;
    br_jobs_spec *specs = NULL;
    if (!cli_parse(ctx, &argc, &argv, &owned_args, &err)) {
        rc = cli_usage_error(ctx, err->message);
        g_error_free(err);
        goto out;
    }
    if (argc != 2) {
        rc = cli_usage_error(ctx, argc < 2 ? "build needs one BUILD.json" : "build takes one BUILD.json");
        goto out;
    }
    br_diag *diag = br_diag_new(0);
    br_status st = br_build_load_file(argv[1], diag, &build);
    cli_print_diag(diag);
    br_diag_free(diag);
    if (st != BR_OK) {
        rc = EXIT_BAD;
        goto out;
    }
    size_t n = br_build_n_jobs(build);
    specs = g_new0(br_jobs_spec, n);
    for (size_t i = 0; i < n; i++) {
        const br_build_job *j = br_build_job_at(build, i);
        specs[i] = (br_jobs_spec){.set_paths = j->sets,
                                  .n_sets = j->n_sets,
                                  .layout_name = j->layout_name,
                                  .layout_load = j->layout,
                                  .langs = j->langs,
                                  .n_langs = j->n_langs,
                                  .focus = j->focus,
                                  .out_dir = j->output_dir,
                                  .build_job = j->output ? j : NULL,
                                  .options = j,
                                  .where = j->where};
    }
    rc = cli_batch_run(ctx, &batch, specs, n);
out:
    g_free(specs);
    br_build_free(build);
    cli_batch_args_clear(&batch);
    g_option_context_free(ctx);
    g_strfreev(owned_args);
    return rc;
}

const cli_command cli_build = {"build", "render every job of a build file (briefing-build(5))", run};
