/* main: the briefing command.  A table of subcommands, each in its own
 * file (cmd_*.c), over the public API; the only code that prints or exits.
 *
 *   briefing render SET.json [options]     render a briefing
 *   briefing build BUILD.json [options]    render every job of a build file
 *   briefing check SET.json...             validate indicator sets
 *   briefing --version | --help
 *
 * Exit codes: 0 ok, 1 bad input or failed render, 2 usage.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const cli_command *const commands[] = {&cli_render, &cli_build, &cli_check};

static void usage(FILE *f)
{
    fprintf(f, "usage: briefing COMMAND [OPTIONS] ...\n\ncommands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\nRun 'briefing COMMAND --help' for a command's options; 'briefing --version' for the version.\n");
}

int main(int argc, char **argv)
{
    cli_memory_policy();
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("briefing %s\n", br_version());
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    cli_signals_install();
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (strcmp(argv[1], commands[i]->name) == 0) {
            int rc = commands[i]->run(argc - 1, argv + 1);
            cli_engine_free();
            return rc;
        }
    }
    cli_error("unknown command \"%s\" (try 'briefing --help')", argv[1]);
    return EXIT_USAGE;
}
