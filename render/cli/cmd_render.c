/* cmd_render: `briefing render SET.json [options]`: one briefing; several
 * sets, languages, --focus all or a batch option make a batch
 * (cmd_batch.c, render/batch/).  Files are published
 * atomically (briefing.h br_output_publish): a failed render leaves every
 * existing output as it was. */
#include <stdio.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"

typedef struct {
    char *layout, *output, *format, *lang, *focus;
    double dpi;
} render_args;

/* Renders one document and publishes it at out_path; returns the exit
 * code.  skip_unchanged: a PDF at out_path made from the same inputs is
 * left as it is (other formats always render). */
static int render_one(br_engine *engine, const br_indicator_set *set, const br_layout *layout,
                      const br_render_options *o, const char *out_path, int skip_unchanged)
{
    br_diag *diag = br_diag_new(0);
    br_output *out = NULL;
    char digest[BR_RENDER_DIGEST_SIZE];
    if (skip_unchanged && o->format == BR_FORMAT_PDF &&
        br_render_digest(engine, set, layout, o, diag, digest) == BR_OK && br_output_current(out_path, digest)) {
        cli_print_diag(diag);
        br_diag_free(diag);
        char *shown = br_escape_text(out_path);
        fprintf(stderr, "briefing: %s is unchanged (made from the same inputs); not rewritten\n", shown);
        br_free(shown);
        return EXIT_OK;
    }
    br_diag_clear(diag);
    br_status st = br_render(engine, set, layout, o, diag, &out);
    if (st == BR_OK)
        st = br_output_publish(out, out_path, diag);
    cli_print_diag(diag);
    br_diag_free(diag);
    br_output_free(out);
    return cli_exit_code(st);
}

static int check_args(GOptionContext *ctx, render_args *a, int argc, br_render_options *o)
{
    if (argc != 2)
        return cli_usage_error(ctx, argc < 2 ? "render needs one SET.json" : "render takes one SET.json");
    if (a->format) {
        static const struct {
            const char *name;
            br_format f;
        } formats[] = {{"pdf", BR_FORMAT_PDF}, {"png", BR_FORMAT_PNG}, {"svg", BR_FORMAT_SVG}, {"trace", BR_FORMAT_TRACE}};
        size_t i;
        for (i = 0; i < G_N_ELEMENTS(formats); i++)
            if (strcmp(a->format, formats[i].name) == 0)
                break;
        if (i == G_N_ELEMENTS(formats))
            return cli_usage_error(ctx, "--format must be pdf, png, svg or trace");
        o->format = formats[i].f;
    }
    if (!(a->dpi >= 9 && a->dpi <= 2400))
        return cli_usage_error(ctx, "--dpi must be between 9 and 2400");
    o->dpi = a->dpi;
    if (a->output && !*a->output)
        return cli_usage_error(ctx, "-o needs a file name");
    o->lang = a->lang;
    return EXIT_OK;
}

static int run(int argc, char **argv)
{
    render_args a = {.dpi = 96};
    GOptionEntry entries[] = {
        {"layout", 'l', 0, G_OPTION_ARG_FILENAME, &a.layout, "Layout name from layouts/, or a path (default: briefing)",
         "LAYOUT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output, "Output file (default: SET.pdf in this directory)", "OUT"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &a.format, "pdf, png, svg or trace (default: pdf)", "FORMAT"},
        {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &a.dpi, "PNG resolution (default: 96)", "N"},
        {"focus", 0, 0, G_OPTION_ARG_STRING, &a.focus,
         "Entity a profile is about; 'all': one file per entity into the -o directory", "ID"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &a.lang,
         "Language to render in, a BCP 47 tag such as en, de, zh (default: the set's)", "TAG"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new("SET.json... - render a briefing, or a batch of them");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_batch_args batch;
    cli_batch_add_entries(ctx, &batch);
    GError *err = NULL;
    char **owned_args = NULL;
    int rc = EXIT_OK;
    br_render_options o;
    br_render_options_init(&o);
    br_indicator_set *set = NULL;
    if (!cli_parse(ctx, &argc, &argv, &owned_args, &err)) {
        rc = cli_usage_error(ctx, err->message);
        g_error_free(err);
        goto out;
    }
    /* Several documents: the batch (cmd_batch.c) takes over. */
    cli_batch_input bin = {argv + 1, argc - 1, a.layout, a.output, a.format, a.lang, a.focus};
    if (cli_batch_wanted(&batch, &bin)) {
        rc = cli_batch_render(ctx, &batch, &bin);
        goto out;
    }
    if ((rc = check_args(ctx, &a, argc, &o)) != EXIT_OK)
        goto out;
    if ((rc = cli_source_date_epoch(&o.source_date_epoch)) != EXIT_OK)
        goto out;
    if ((rc = cli_colour_apply(ctx, &batch.colour, &o)) != EXIT_OK)
        goto out;
    cli_pdfa_apply(&batch.pdfa, &o);
    if ((rc = cli_print_apply(ctx, &batch.print, &o)) != EXIT_OK)
        goto out;
    br_engine *engine = cli_engine();
    if (!engine) {
        rc = EXIT_BAD;
        goto out;
    }
    /* Read the set and the layout first, and report all their problems
     * together, before any work. */
    br_diag *diag = br_diag_new(0);
    const br_layout *layout = NULL;
    br_status st = br_indicator_set_load_file(engine, argv[1], NULL, diag, &set);
    br_status lst = br_engine_layout(engine, a.layout, diag, &layout);
    cli_print_diag(diag);
    br_diag_free(diag);
    if (st != BR_OK || lst != BR_OK) {
        rc = EXIT_BAD;
        goto out;
    }
    o.focus = a.focus; /* never "all": that is a batch */
    char *out_path = a.output ? g_strdup(a.output) : br_output_default_name(argv[1], o.format);
    rc = render_one(engine, set, layout, &o, out_path, batch.skip_unchanged);
    br_free(out_path);
out:
    cli_batch_args_clear(&batch);
    br_indicator_set_free(set);
    g_free(a.focus);
    g_free(a.layout);
    g_free(a.output);
    g_free(a.format);
    g_free(a.lang);
    g_option_context_free(ctx);
    g_strfreev(owned_args);
    return rc;
}

const cli_command cli_render = {"render", "render a briefing (PDF, PNG, SVG)", run};
