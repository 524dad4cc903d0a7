/* bleed: a logical page grown by the bleed, for a print shop that cuts the
 * paper at the trim: filled rectangles and clips that reach an edge of the
 * page (backgrounds, bands) reach bleed points beyond it, so a cut a
 * little off the line shows no white edge.  Everything else stays as
 * drawn.  Internal to print/. */
#ifndef BR_PRINT_BLEED_H
#define BR_PRINT_BLEED_H

#include "device/dlist.h"

/* A new recording of page with edge-touching rectangles grown by bleed
 * points (page space; the page keeps its size).  OUT: *out, free with
 * br_dlist_free.  Errors: BR_ERR_NOMEM, or the replay's. */
br_status br_bleed_page(const br_dlist *page, double bleed, br_dlist **out) BR_MUST_CHECK;

#endif
