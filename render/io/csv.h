/* csv: RFC 4180 records with the line and column of every field.
 *
 * Fields are separated by ',', records end at '\n' or "\r\n"; a field
 * may be quoted ("a, b", with "" for a quote).  Columns count characters
 * (UTF-8), from 1, as every position briefing reports does.  The reader
 * only splits: what the fields mean is the reader of the format (model/).
 */
#ifndef BR_CSV_H
#define BR_CSV_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

typedef struct br_csv_cell {
    const char *text; /* unquoted, NUL-terminated, in the arena */
    size_t len;
    int line, col;
} br_csv_cell;

typedef struct br_csv {
    const char *p, *end;
    int line, col;
    br_arena *arena;
    GString *buf;
} br_csv;

typedef enum { BR_CSV_RECORD, BR_CSV_END, BR_CSV_ERROR, BR_CSV_NOMEM } br_csv_result;

/* A problem: where, and a constant message. */
typedef struct br_csv_error {
    int line, col;
    const char *message;
} br_csv_error;

/* Starts reading len bytes at data (a UTF-8 byte order mark is skipped).
 * Cells are copied into arena.  br_csv_clear releases the reader's own
 * buffer. */
void br_csv_init(br_csv *r, const char *data, size_t len, br_arena *arena);
void br_csv_clear(br_csv *r);

/* Reads the next record into cells (a GArray of br_csv_cell, cleared
 * first).  BR_CSV_END at the end of the data; BR_CSV_ERROR with *err set;
 * BR_CSV_NOMEM. */
br_csv_result br_csv_next(br_csv *r, GArray *cells, br_csv_error *err);

/* The line and column of byte at (from the reader's position on). */
void br_csv_locate(const br_csv *r, const char *at, int *line, int *col);

/* A field in JSON's number syntax (so a value means the same in a CSV as
 * inline); OUT: *out. */
bool br_csv_number(const char *s, double *out);

#endif
