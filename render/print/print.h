/* print: logical pages onto sheets for printing (issue 14 A): 2-up, 4-up
 * and booklet imposition, bleed and crop marks.
 *
 * The result is a list of br_sheet (device/sheet.h): each placement a
 * logical page's recording with a transform (scale, then move) and a clip
 * to the page.  Back ends draw them through br_sheet_replay like plain
 * sheets, so PDF, PNG, SVG and trace impose alike and text stays text.
 * This layer draws nothing itself except crop marks, into recordings of
 * its own, and never knows a back end.  May include: device, base.
 */
#ifndef BR_PRINT_H
#define BR_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "device/pages.h"
#include "device/sheet.h"

typedef enum {
    BR_PRINT_PLAIN,  /* one page per sheet (bleed and crop marks possible) */
    BR_PRINT_2UP,    /* two pages side by side (the sheet turned to fit) */
    BR_PRINT_4UP,    /* four pages, two by two, in reading order */
    BR_PRINT_BOOKLET /* two pages a side in saddle-stitch order */
} br_print_layout;

typedef struct br_print_options {
    br_print_layout layout;
    /* The sheet in points, either orientation (the imposition turns it);
     * 0 x 0: the logical page's own paper. */
    double sheet_width, sheet_height;
    double bleed;    /* points; PLAIN only */
    bool crop_marks; /* PLAIN only */
} br_print_options;

/* Below this printed size (points) text is hard to read: the warning of
 * br_print_new. */
#define BR_PRINT_MIN_TEXT_PT 5.0

typedef struct br_print br_print;

/* The rules of the options, before anything is drawn: BR_ERR_USAGE with
 * one message in diag for bleed or crop marks with imposition, a sheet
 * without imposition, a bleed outside 0..20 mm, an unknown layout or a
 * negative sheet size; else BR_OK. */
br_status br_print_check(const br_print_options *options, br_diag *diag) BR_MUST_CHECK;

/* Imposes pages by the options.  The sheets borrow the pages' recordings:
 * pages must outlive the result.  A warning goes to diag when the
 * smallest text of the document times a placement's scale is below
 * BR_PRINT_MIN_TEXT_PT.  OUT: *out, free with br_print_free.  Errors:
 * br_print_check's, BR_ERR_NOMEM. */
br_status br_print_new(const br_pages *pages, const br_print_options *options, br_diag *diag,
                       br_print **out) BR_MUST_CHECK;
void br_print_free(br_print *print);

/* The sheets, in print order (booklet: side 1 then side 2 of each
 * sheet); borrowed.  OUT: *n. */
const br_sheet *br_print_sheets(const br_print *print, size_t *n);

/* Where point (0, y) of logical page `page` lands: OUT: *sheet (0-based)
 * and *x, *y on it, in points from the sheet's top left.  False when the
 * page is on no sheet (an index out of range). */
bool br_print_locate(const br_print *print, size_t page, double y, size_t *sheet, double *x_out,
                     double *y_out);

/* The logical page (0-based) in slot `slot` (0 left, 1 right) of side
 * `side` (0-based, in print order) of a saddle-stitched booklet of n
 * pages, padded with blanks to a multiple of 4; SIZE_MAX for a blank.
 * Side 0 holds [N, 1], side 1 [2, N-1], side 2 [N-2, 3], ... (1-based, N
 * the padded count).  Never fails. */
size_t br_print_booklet_page(size_t n_pages, size_t side, size_t slot);

/* The number of sides a booklet of n pages prints: ceil(n / 4) * 2. */
size_t br_print_booklet_sides(size_t n_pages);

#endif
