/* check_driver: `briefing check` for the reader's tests, without the CLI.
 *
 * Loads each SET.json with br_set_load() and prints every diagnostic with
 * br_diag_format(), one per line, to stderr; exit 1 on any error.  Exactly
 * what `briefing check` does, so golden files fit both. */
#include <glib.h>
#include <stdio.h>

#include "model.h"

int main(int argc, char **argv)
{
    int status = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: check_driver SET.json...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        br_arena *arena = br_arena_new();
        br_diag *diag = br_diag_new(0);
        const br_set *set = NULL;
        br_status st = br_set_load(argv[i], NULL, arena, diag, &set);
        for (size_t k = 0; k < br_diag_count(diag); k++) {
            char *line = br_diag_format(br_diag_item_at(diag, k));
            fprintf(stderr, "%s\n", line);
            g_free(line);
        }
        if (st != BR_OK)
            status = 1;
        br_diag_free(diag);
        br_arena_free(arena);
    }
    return status;
}
