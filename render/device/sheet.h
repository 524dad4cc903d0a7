/* sheet: what a back end prints on one side of paper: logical pages
 * (display lists), each placed by a transform and cut by a clip.
 *
 * A plain document has one sheet per page, the page at the identity.
 * Imposition (2-up, 4-up, booklets) puts several pages on a sheet, scaled
 * and moved; the back ends do not know the difference, because every one
 * of them draws sheets through br_sheet_replay, which sets the device's
 * page transform for each placement (device.h).
 */
#ifndef BR_SHEET_H
#define BR_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "device/dlist.h"

typedef struct br_placement {
    const br_dlist *page; /* borrowed; NULL: a blank slot */
    br_matrix ctm;        /* logical page -> sheet */
    bool clip;            /* cut the page to clip_rect (logical page space) */
    br_rect clip_rect;
} br_placement;

typedef struct br_sheet {
    double width, height; /* points */
    const br_placement *items;
    size_t n_items;
    /* Print boxes (print/: bleed, crop marks), sheet space, y down: where
     * the paper is cut and how far the page's ink reaches beyond the cut
     * (PDF TrimBox and BleedBox).  has_boxes false: the sheet is the page. */
    bool has_boxes;
    br_rect trim_box, bleed_box;
} br_sheet;

/* Draws every placement of sheet into target, which must be a fresh
 * device of the sheet's size: for each, the page transform, the clip, the
 * page's calls; the transform is the identity again at the end.  Returns
 * the target's status. */
br_status br_sheet_replay(const br_sheet *sheet, br_device *target) BR_MUST_CHECK;

/* Calls fn for every text run of every page on the sheets, in drawing
 * order (how the PDF back end learns which glyphs each font needs). */
void br_sheets_each_text(const br_sheet *sheets, size_t n_sheets,
                         void (*fn)(const br_text_run *run, void *data), void *data);

#endif
