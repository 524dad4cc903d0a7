/* marks: crop marks, drawn on the sheet outside the trim and the bleed, so
 * a cutter sees where to cut and no mark reaches the cut page.  Internal
 * to print/. */
#ifndef BR_PRINT_MARKS_H
#define BR_PRINT_MARKS_H

#include "base/geom.h"
#include "device/dlist.h"

/* How far from the trim the marks begin (beyond the bleed) and how long
 * they are, in points. */
#define BR_MARKS_GAP_PT (2.0 * 72.0 / 25.4)
#define BR_MARKS_LENGTH_PT (5.0 * 72.0 / 25.4)

/* A recording on a sheet of sheet_w x sheet_h points of the eight crop
 * marks of trim (sheet space): at each corner one line on the prolonged
 * trim edge in each direction, from bleed + BR_MARKS_GAP_PT to bleed +
 * BR_MARKS_GAP_PT + BR_MARKS_LENGTH_PT beyond the trim, 0.25 pt black.
 * OUT: *out, free with br_dlist_free.  Errors: BR_ERR_NOMEM. */
br_status br_marks_new(double sheet_w, double sheet_h, const br_rect *trim, double bleed,
                       br_dlist **out) BR_MUST_CHECK;

#endif
