/* Fuzz target: the indicator-set reader (json_in, validate, model) on any
 * bytes.  Checks for crashes, sanitizer reports and leaks, not output
 * (SQLite's fuzzcheck).  Built with libFuzzer when -Dfuzzing=true (clang);
 * replay.c runs it over the corpus as an ordinary test. */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    br_arena *arena = br_arena_new();
    br_diag *diag = br_diag_new(50);
    const br_set *set = NULL;
    /* CSV observation files resolve against a directory with none in it. */
    if (br_set_load_buffer((const char *)data, size, "fuzz.json", "/nonexistent", arena, diag, &set) == BR_OK) {
        for (size_t i = 0; i < set->n_entities; i++)
            (void)br_set_lookup_entity(set, set->entities[i].id);
    }
    for (size_t i = 0; i < br_diag_count(diag); i++)
        g_free(br_diag_format(br_diag_item_at(diag, i)));
    br_diag_free(diag);
    br_arena_free(arena);
    return 0;
}
