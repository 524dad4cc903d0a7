/* diag: status codes and the list of diagnostics of one document.
 *
 * Anything that can fail returns a br_status; the details of what went wrong
 * (file, line, column, JSON path, message) are appended to a br_diag, which
 * formats them as `FILE:LINE:COL: json.path: message`.  The diag never
 * prints: the caller (the CLI) decides where the lines go.  Every error
 * passes through br_error_set(), so one breakpoint catches them all.
 *
 * The types and the reading functions are public (briefing.h, included
 * here the way Cairo's internal headers include cairo.h); what follows is
 * for the library's own use.
 */
#ifndef BR_DIAG_H
#define BR_DIAG_H

#include <stddef.h>

#include "briefing.h" /* br_status, br_diag and its public functions */

/* The one place every error passes through; returns status unchanged. */
br_status br_error_set(br_status status);

/* Appends one problem. Any of file and path may be NULL, line/col 0.
 * Never fails visibly: when out of memory the item is counted but lost. */
void br_diag_add(br_diag *diag, br_severity sev, const char *file, int line,
                 int col, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Shorthand for errors without a position ("briefing: cannot write x.pdf"). */
void br_diag_error(br_diag *diag, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));


/* True once the error cap has been reached: validators may stop early. */
int br_diag_full(const br_diag *diag);

/* Sorts the items from index `from` on by line, then column (stably), so
 * a reader's problems print in file order whatever order they were found
 * in. */
void br_diag_sort_from(br_diag *diag, size_t from);


#endif
