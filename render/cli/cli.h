/* cli: what every subcommand of the briefing command shares: exit codes,
 * printing diagnostics, usage errors, and the engine.  The CLI uses only
 * the public API (briefing.h).
 */
#ifndef BR_CLI_H
#define BR_CLI_H

#include <briefing.h>
#include <glib.h>

#define EXIT_OK 0
#define EXIT_BAD 1   /* bad input, or a failed render */
#define EXIT_USAGE 2 /* the command line is wrong */

/* One subcommand: its name, a one-line summary, and its main. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command's name */
} cli_command;

extern const cli_command cli_render, cli_build, cli_check;

/* g_option_context_parse on a copy of the arguments in which "-jN" is
 * "-j N", as make and ninja users write it (GOption takes a short
 * option's value only as the next argument).  OUT: *argc and *argv, the
 * arguments left, in *owned (g_strfreev it, also after a failure). */
gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv, char ***owned, GError **err);

/* Prints every diagnostic to stderr, one line each, then "N more errors
 * not shown" when the cap hid some. */
void cli_print_diag(const br_diag *diag);

/* Prints "briefing: MESSAGE" to stderr, with the library's escaping of
 * control characters (br_escape_text), since messages quote arguments. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "briefing: MSG" and the command's usage to stderr; returns
 * EXIT_USAGE. */
int cli_usage_error(GOptionContext *ctx, const char *msg);

/* The engine (fonts and the data folder), made once per process; NULL
 * after printing why when it cannot be made. */
br_engine *cli_engine(void);
void cli_engine_free(void);

/* Signals, for every subcommand: SIGINT, SIGTERM and SIGHUP remove the
 * temporary files of a publish in progress (br_output_cleanup) and then
 * kill the process as they would have, so the exit status still names
 * the signal; SIGXFSZ is ignored, so a write past the file size limit
 * (ulimit -f) fails with EFBIG and is reported as an error (exit 1). */
void cli_signals_install(void);
/* glibc's malloc kept from giving memory back between documents (cli.c). */
void cli_memory_policy(void);

/* The exit code for a status: EXIT_USAGE for BR_ERR_USAGE, else EXIT_BAD. */
int cli_exit_code(br_status st);

/* ---- print: colour (issue 14 B) ----
 * --grayscale and --cmyk, options of render (one document or a batch) and
 * build, given to every document (briefing(1), "Colour for print"). */
typedef struct cli_colour_args {
    gboolean grayscale, cmyk;
} cli_colour_args;
/* Adds the options to ctx's main group; a must outlive the parse. */
void cli_colour_add_entries(GOptionContext *ctx, cli_colour_args *a);
/* Sets o->colors; EXIT_USAGE after the usage message for --grayscale with
 * --cmyk (a gray document has no CMYK to choose), else EXIT_OK. */
int cli_colour_apply(GOptionContext *ctx, const cli_colour_args *a, br_render_options *o);

/* ---- print: PDF/A (issue 14 C) ----
 * --pdfa, an option of render (one document or a batch), given to every
 * document (briefing(1), "PDF/A"); the library refuses it with another
 * format than PDF (a usage error). */
typedef struct cli_pdfa_args {
    gboolean pdfa;
} cli_pdfa_args;
/* Adds the option to ctx's main group; a must outlive the parse. */
void cli_pdfa_add_entries(GOptionContext *ctx, cli_pdfa_args *a);
/* Sets o->pdfa.  Never fails. */
void cli_pdfa_apply(const cli_pdfa_args *a, br_render_options *o);
/* ---- print: imposition, bleed, crop marks (issue 14 A) ----
 * --impose 2up|4up|booklet|none, --sheet SIZE, --bleed MM, --crop-marks,
 * options of render (one document or a batch) and build, given to every
 * document (briefing(1), "Printing handouts").  The library checks how
 * they combine and which sheets exist (exit 2 through cli_exit_code). */
typedef struct cli_print_args {
    char *impose, *sheet;
    double bleed_mm;
    gboolean crop_marks;
} cli_print_args;
/* Adds the options to ctx's main group; a must outlive the parse. */
void cli_print_add_entries(GOptionContext *ctx, cli_print_args *a);
/* Sets o->impose, sheet (borrowed from a), bleed_mm and crop_marks;
 * EXIT_USAGE after the usage message for an unknown --impose, else
 * EXIT_OK. */
int cli_print_apply(GOptionContext *ctx, const cli_print_args *a, br_render_options *o);
void cli_print_args_clear(cli_print_args *a);

/* SOURCE_DATE_EPOCH as seconds, or -1 when unset or empty; EXIT_USAGE
 * after a message when it is not plain decimal digits for 0..253402300799
 * (up to the end of year 9999). */
int cli_source_date_epoch(int64_t *out);

#endif
