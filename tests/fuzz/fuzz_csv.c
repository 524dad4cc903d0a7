/* Fuzz target: CSV, twice over the same bytes: the RFC 4180 reader
 * (io/csv.c) record by record, with every field through br_csv_number,
 * and the set reader's CSV observation path (model.c's csv_load: header,
 * columns, rows, positions), as the observations file of a fixed set.
 * Checks for crashes, sanitizer reports and leaks, not output.  Built
 * with libFuzzer when -Dfuzzing=true; replay.c runs it over corpus-csv/. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "io/csv.h"
#include "model/model.h"
#include "fuzz_common.h"

static const char set_json[] =
    "{\"format\": \"indicator-set/1\", \"id\": \"fuzz-csv\", \"title\": \"CSV\", \"date\": \"2026-03-02\",\n"
    " \"entities\": [{\"id\": \"AH\", \"name\": \"Anhui\", \"kind\": \"province\"},\n"
    "              {\"id\": \"BJ\", \"name\": \"Beijing\", \"kind\": \"municipality\"}],\n"
    " \"indicators\": [{\"id\": \"share\", \"name\": \"Share\", \"topic\": \"t\", \"unit\": \"percent\",\n"
    "                 \"source\": \"s\", \"observations\": \"obs.csv\"},\n"
    "                {\"id\": \"n\", \"name\": \"Count\", \"topic\": \"t\", \"unit\": \"count\",\n"
    "                 \"observations\": \"obs.csv\"}],\n"
    " \"sources\": [{\"id\": \"s\", \"title\": \"Source\"}]}\n";

static char *dir;     /* a private folder holding obs.csv */
static char *csv_path;

static void remove_dir(void)
{
    g_unlink(csv_path);
    g_rmdir(dir);
    g_free(csv_path);
    g_free(dir);
}

static void read_records(const uint8_t *data, size_t size)
{
    br_arena *arena = br_arena_new();
    br_csv r;
    br_csv_init(&r, (const char *)data, size, arena);
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(br_csv_cell));
    br_csv_error e;
    for (int n = 0; n < 100000; n++) {
        br_csv_result res = br_csv_next(&r, cells, &e);
        if (res != BR_CSV_RECORD)
            break;
        for (guint i = 0; i < cells->len; i++) {
            const br_csv_cell *c = &g_array_index(cells, br_csv_cell, i);
            double v;
            if (c->line < 1 || c->col < 1 || c->text[c->len] != '\0')
                abort(); /* positions start at 1; fields are terminated */
            (void)br_csv_number(c->text, &v);
        }
    }
    br_csv_clear(&r);
    g_array_free(cells, TRUE);
    br_arena_free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_records(data, size);

    if (!dir) {
        dir = g_dir_make_tmp("fuzz-csv-XXXXXX", NULL);
        if (!dir)
            g_error("fuzz_csv: cannot make a temporary folder");
        csv_path = g_build_filename(dir, "obs.csv", NULL);
        atexit(remove_dir);
    }
    if (!g_file_set_contents(csv_path, (const char *)data, (gssize)size, NULL))
        g_error("fuzz_csv: cannot write %s", csv_path);
    br_arena *arena = br_arena_new();
    br_diag *diag = br_diag_new(50);
    const br_set *set = NULL;
    char *set_path = g_build_filename(dir, "set.json", NULL);
    if (br_set_load_buffer(set_json, sizeof set_json - 1, set_path, dir, arena, diag, &set) == BR_OK) {
        for (size_t i = 0; i < set->n_entities; i++)
            (void)br_set_lookup_entity(set, set->entities[i].id);
    }
    g_free(set_path);
    fuzz_format_diag(diag);
    br_diag_free(diag);
    br_arena_free(arena);
    return 0;
}
