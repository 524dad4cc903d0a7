/* cmd_check: `briefing check [-v] SET.json...`: validates indicator sets
 * and prints every problem as FILE:LINE:COL: json.path: message. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int run(int argc, char **argv)
{
    gboolean verbose = FALSE;
    GOptionEntry entries[] = {{"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print a line per valid file", NULL},
                              {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new("SET.json... - validate indicator sets");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = EXIT_OK;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        rc = cli_usage_error(ctx, err->message);
        g_error_free(err);
    } else if (argc < 2) {
        rc = cli_usage_error(ctx, "check needs at least one SET.json");
    } else {
        br_engine *engine = cli_engine();
        if (!engine)
            rc = EXIT_BAD;
        for (int i = 1; i < argc && engine; i++) {
            br_diag *diag = br_diag_new(0);
            br_indicator_set *set = NULL;
            br_status st = br_indicator_set_load_file(engine, argv[i], NULL, diag, &set);
            cli_print_diag(diag);
            br_diag_free(diag);
            if (st != BR_OK)
                rc = EXIT_BAD;
            else if (verbose) {
                char *shown = br_escape_text(strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i]);
                printf("%s: ok\n", shown);
                br_free(shown);
            }
            br_indicator_set_free(set);
        }
    }
    g_option_context_free(ctx);
    return rc;
}

const cli_command cli_check = {"check", "validate indicator sets (errors as FILE:LINE:COL: path: message)", run};
