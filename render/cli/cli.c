/* cli: see cli.h. */
#include "cli/cli.h"

#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_print_diag(const br_diag *diag)
{
    size_t shown = 0;
    for (size_t i = 0; i < br_diag_count(diag); i++) {
        const br_diag_item *it = br_diag_item_at(diag, i);
        char *line = br_diag_format(it);
        fprintf(stderr, "%s\n", line);
        br_free(line);
        shown += it->severity == BR_SEV_ERROR;
    }
    size_t errors = br_diag_error_count(diag);
    if (errors > shown)
        fprintf(stderr, "briefing: %zu more errors not shown\n", errors - shown);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *raw = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* The library's escaping, so these lines are as safe as diagnostics. */
    char *line = br_escape_text(raw);
    fprintf(stderr, "briefing: %s\n", line);
    br_free(line);
    g_free(raw);
}

int cli_usage_error(GOptionContext *ctx, const char *msg)
{
    cli_error("%s", msg);
    char *help = g_option_context_get_help(ctx, TRUE, NULL);
    fputs(help, stderr);
    g_free(help);
    return EXIT_USAGE;
}

static br_engine *engine;

br_engine *cli_engine(void)
{
    if (engine)
        return engine;
    br_diag *diag = br_diag_new(0);
    /* fontconfig checks its caches against SOURCE_DATE_EPOCH when it is
     * set (a directory's time counts as at most the epoch), so the caches
     * fc-cache wrote look stale and the fonts would be scanned again
     * (text/text.c).  The date is for the documents (cli_source_date_epoch
     * has read it), so it is hidden while the engine loads the fonts.  No
     * other thread reads the environment yet (the batch's signal thread
     * only waits for signals). */
    char *epoch = g_strdup(g_getenv("SOURCE_DATE_EPOCH"));
    if (epoch)
        g_unsetenv("SOURCE_DATE_EPOCH");
    if (br_engine_new(NULL, diag, &engine) != BR_OK)
        engine = NULL;
    if (epoch)
        g_setenv("SOURCE_DATE_EPOCH", epoch, TRUE);
    g_free(epoch);
    cli_print_diag(diag);
    br_diag_free(diag);
    return engine;
}

void cli_engine_free(void)
{
    br_engine_free(engine);
    engine = NULL;
}

/* ---- print: colour (issue 14 B) ---- */

void cli_colour_add_entries(GOptionContext *ctx, cli_colour_args *a)
{
    *a = (cli_colour_args){0};
    GOptionEntry entries[] = {
        {"grayscale", 0, 0, G_OPTION_ARG_NONE, &a->grayscale,
         "Every colour and image in gray of equal luminance (black-and-white printers)", NULL},
        {"cmyk", 0, 0, G_OPTION_ARG_NONE, &a->cmyk, "Every colour and image in DeviceCMYK (print shops; PDF only)",
         NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    g_option_context_add_main_entries(ctx, entries, NULL); /* copies the entries */
}

int cli_colour_apply(GOptionContext *ctx, const cli_colour_args *a, br_render_options *o)
{
    if (a->grayscale && a->cmyk)
        return cli_usage_error(ctx, "--grayscale and --cmyk exclude each other: choose one colour output");
    o->colors = a->grayscale ? BR_COLORS_GRAY : a->cmyk ? BR_COLORS_CMYK : BR_COLORS_RGB;
    return EXIT_OK;
}

/* ---- print: PDF/A (issue 14 C) ---- */

void cli_pdfa_add_entries(GOptionContext *ctx, cli_pdfa_args *a)
{
    *a = (cli_pdfa_args){0};
    GOptionEntry entries[] = {
        {"pdfa", 0, 0, G_OPTION_ARG_NONE, &a->pdfa,
         "PDF/A-1b for archiving: an sRGB (or with --cmyk a CMYK) output intent, no transparency (PDF only)", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    g_option_context_add_main_entries(ctx, entries, NULL); /* copies the entries */
}

void cli_pdfa_apply(const cli_pdfa_args *a, br_render_options *o)
{
    o->pdfa = a->pdfa;
}

/* ---- print: imposition, bleed, crop marks (issue 14 A) ---- */

void cli_print_add_entries(GOptionContext *ctx, cli_print_args *a)
{
    *a = (cli_print_args){0};
    GOptionEntry entries[] = {
        {"impose", 0, 0, G_OPTION_ARG_STRING, &a->impose,
         "Print several pages a sheet: 2up, 4up, booklet (saddle-stitch order), or none", "HOW"},
        {"sheet", 0, 0, G_OPTION_ARG_STRING, &a->sheet,
         "Sheet paper for --impose: A3, A4, A5, Letter, Legal, Tabloid or WxHmm (default: the page's)", "SIZE"},
        {"bleed", 0, 0, G_OPTION_ARG_DOUBLE, &a->bleed_mm,
         "Grow the page by MM (0 to 20) beyond the trim; backgrounds reach into it", "MM"},
        {"crop-marks", 0, 0, G_OPTION_ARG_NONE, &a->crop_marks, "Draw crop marks outside the trim and bleed", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    g_option_context_add_main_entries(ctx, entries, NULL); /* copies the entries */
}

int cli_print_apply(GOptionContext *ctx, const cli_print_args *a, br_render_options *o)
{
    o->impose = BR_IMPOSE_NONE;
    if (a->impose && !br_impose_from_name(a->impose, &o->impose))
        return cli_usage_error(ctx, "--impose must be 2up, 4up, booklet or none");
    o->sheet = a->sheet;
    o->bleed_mm = a->bleed_mm;
    o->crop_marks = a->crop_marks;
    return EXIT_OK;
}

void cli_print_args_clear(cli_print_args *a)
{
    g_free(a->impose);
    g_free(a->sheet);
    a->impose = a->sheet = NULL;
}

int cli_exit_code(br_status st)
{
    return st == BR_OK ? EXIT_OK : st == BR_ERR_USAGE ? EXIT_USAGE : EXIT_BAD;
}

int cli_source_date_epoch(int64_t *out)
{
    *out = -1;
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    if (!sde || !*sde)
        return EXIT_OK;
    /* Only plain decimal digits: strtoll would also take " 5", "+5" and
     * "-0".  253402300799 is 9999-12-31T23:59:59Z, the last moment a PDF
     * date holds; 12 digits at most keeps the sum below from overflowing. */
    size_t n = strspn(sde, "0123456789");
    gint64 t = 0;
    for (size_t i = 0; i < n && n <= 12 && !sde[n]; i++)
        t = t * 10 + (sde[i] - '0');
    if (sde[n] || n > 12 || t > G_GINT64_CONSTANT(253402300799)) {
        cli_error("SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to 253402300799 (9999-12-31), "
                  "got \"%s\"",
                  sde);
        return EXIT_USAGE;
    }
    *out = t;
    return EXIT_OK;
}

static void on_fatal_signal(int sig)
{
    /* SA_RESETHAND has restored the default action; the signal is blocked
     * while this runs, so raise() takes effect when the handler returns. */
    br_output_cleanup();
    raise(sig);
}

/* The program's memory policy (the library sets none: a program that
 * links it keeps its own).  A document allocates and frees some
 * megabytes (its recordings, shaped text, the PDF in memory), and glibc's
 * defaults hand large blocks and the free top of the heap back to the
 * kernel, so the next document of a batch takes them again page by page.
 * A page fault is not free (12 us on the virtual machines this is built
 * on, 1,200 of them in a render of the 31-region set).  So: blocks of up
 * to 64 MiB come from the heap, freed memory up to 256 MiB stays in the
 * process for the next document, and the heap grows 16 MiB at a time
 * (address space; pages are touched only when used).  Peak memory is
 * unchanged: what is kept is what the largest document needed. */
void cli_memory_policy(void)
{
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
}

void cli_signals_install(void)
{
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < G_N_ELEMENTS(fatal); i++) {
        struct sigaction old;
        /* A signal the caller of the program ignores (nohup) stays ignored. */
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        struct sigaction sa = {0};
        sa.sa_handler = on_fatal_signal;
        sigfillset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(fatal[i], &sa, NULL);
    }
    struct sigaction ign = {0};
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGXFSZ, &ign, NULL);
}

gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv, char ***owned, GError **err)
{
    GPtrArray *args = g_ptr_array_new();
    gboolean options = TRUE; /* before "--": after it everything stays as it is */
    for (int i = 0; i < *argc; i++) {
        const char *a = (*argv)[i];
        if (!strcmp(a, "--"))
            options = FALSE;
        if (options && a[0] == '-' && a[1] == 'j' && a[2] >= '0' && a[2] <= '9') {
            g_ptr_array_add(args, g_strdup("-j"));
            g_ptr_array_add(args, g_strdup(a + 2));
        } else {
            g_ptr_array_add(args, g_strdup(a));
        }
    }
    g_ptr_array_add(args, NULL);
    *owned = (char **)g_ptr_array_free(args, FALSE);
    gboolean ok = g_option_context_parse_strv(ctx, owned, err);
    *argc = (int)g_strv_length(*owned);
    *argv = *owned;
    return ok;
}
