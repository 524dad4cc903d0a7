/* diag: status codes and the list of diagnostics of one document.
 *
 * Anything that can fail returns a br_status; the details of what went wrong
 * (file, line, column, JSON path, message) are appended to a br_diag, which
 * formats them as `FILE:LINE:COL: json.path: message`.  The diag never
 * prints: main.c decides where the lines go.  Every error passes through
 * br_error_set(), so one breakpoint catches them all.
 */
#ifndef BR_DIAG_H
#define BR_DIAG_H

#include <stddef.h>

typedef enum {
    BR_OK = 0,
    BR_ERR_NOMEM,
    BR_ERR_IO,
    BR_ERR_JSON,
    BR_ERR_SPEC,
    BR_ERR_LAYOUT,
    BR_ERR_FONT,
    BR_ERR_BACKEND,
    BR_ERR_UNSUPPORTED,
    BR_ERR_USAGE
} br_status;

#define BR_MUST_CHECK __attribute__((warn_unused_result))

/* A constant, human-readable name of a status ("out of memory"). */
const char *br_status_str(br_status status);

/* The one place every error passes through; returns status unchanged. */
br_status br_error_set(br_status status);

typedef enum { BR_SEV_ERROR, BR_SEV_WARNING } br_severity;

typedef struct br_diag_item {
    br_severity severity;
    char *file;    /* as given by the user; may be NULL */
    int line, col; /* from 1; 0 when unknown */
    char *path;    /* JSON path such as "indicators[2].value"; may be NULL */
    char *message;
} br_diag_item;

typedef struct br_diag br_diag;

/* A new empty list (NULL when out of memory). Errors beyond max_errors are
 * counted but not stored; 0 means 50. */
br_diag *br_diag_new(size_t max_errors);
void br_diag_free(br_diag *diag);

/* Appends one problem. Any of file and path may be NULL, line/col 0.
 * Never fails visibly: when out of memory the item is counted but lost. */
void br_diag_add(br_diag *diag, br_severity sev, const char *file, int line,
                 int col, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Shorthand for errors without a position ("briefing: cannot write x.pdf"). */
void br_diag_error(br_diag *diag, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

size_t br_diag_count(const br_diag *diag);          /* stored items */
size_t br_diag_error_count(const br_diag *diag);    /* all errors, stored or not */
const br_diag_item *br_diag_item_at(const br_diag *diag, size_t i);

/* True once the error cap has been reached: validators may stop early. */
int br_diag_full(const br_diag *diag);

/* Sorts the items from index `from` on by line, then column (stably), so
 * a reader's problems print in file order whatever order they were found
 * in. */
void br_diag_sort_from(br_diag *diag, size_t from);

/* The item in its printed form, FILE:LINE:COL: path: message (parts that are
 * missing are left out). Newly allocated with g_malloc; g_free it. */
char *br_diag_format(const br_diag_item *item);

#endif
