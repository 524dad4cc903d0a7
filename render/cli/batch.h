/* batch (cli): the options of `briefing render` that make a batch (-j,
 * --shard, --report, --fail-fast, --quiet) and the batch command itself:
 * several sets, several languages or --focus all, rendered by the batch
 * layer (render/batch/) into one folder.  cmd_render.c hands over to it;
 * a single document never comes here, so its behaviour stays as it was.
 */
#ifndef BR_CLI_BATCH_H
#define BR_CLI_BATCH_H

#include "batch/jobs.h"
#include "cli/cli.h"

typedef struct cli_batch_args {
    int jobs; /* -j; -1 when not given */
    char *shard, *report;
    gboolean fail_fast, quiet;
    gboolean skip_unchanged; /* also honoured by a single render (cmd_render.c) */
    gboolean dry_run;        /* list the jobs and their files; write nothing */
    cli_colour_args colour;  /* print: colour (issue 14 B); also a single render's */
    cli_pdfa_args pdfa;      /* print: PDF/A (issue 14 C); also a single render's */
    cli_print_args print;    /* print: imposition, bleed, crop marks (issue 14 A); also a single render's */
} cli_batch_args;

/* What `render` was given besides the batch options. */
typedef struct cli_batch_input {
    char **sets;
    int n_sets;
    const char *layout, *output, *format, *lang, *focus;
} cli_batch_input;

/* Adds the batch options to ctx's main group; b must outlive the parse. */
void cli_batch_add_entries(GOptionContext *ctx, cli_batch_args *b);
/* True when the command line asks for a batch: several sets, a comma in
 * --lang, --focus all, or any batch option but --skip-unchanged. */
int cli_batch_wanted(const cli_batch_args *b, const cli_batch_input *in);
/* Runs the batch; returns the exit code (0 all written, 1 a job failed or
 * was skipped, or two jobs would write one file, 2 usage).  May end the
 * process by the signal that interrupted it, after reporting. */
int cli_batch_render(GOptionContext *ctx, const cli_batch_args *b, const cli_batch_input *in);
void cli_batch_args_clear(cli_batch_args *b);
/* Plans the specs' jobs into one batch and runs it (render's batch, and
 * every job of a build file); the exit codes of cli_batch_render. */
int cli_batch_run(GOptionContext *ctx, const cli_batch_args *b, const br_jobs_spec *specs, size_t n_specs);

#endif
