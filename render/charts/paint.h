/* paint: the print furniture every chart shares, one rule each.
 *
 * Ink on a fill.  Text and hatching on a coloured area take white (the
 * paper) when it reads well there (WCAG 2 contrast ratio of at least 4, as
 * on Okabe-Ito blue or the darker Blues), else whichever of white and the
 * theme's text colour contrasts more (dark on orange, sky, yellow).
 *
 * Hatching.  Okabe-Ito's first three colours differ clearly in lightness,
 * the others do not (vermillion, purple and green print as nearly the same
 * grey as blue), so from the fourth category on areas carry a pattern:
 * 45-degree lines, dots (short dashes), crosshatch, 135-degree lines.  The
 * device has no pattern fills (libharu has none), so a pattern is lines
 * clipped to the area, on a grid fixed to the page so adjacent bars line
 * up.
 *
 * No data.  An area without data is white with grey 45-degree hatching and
 * a grey outline, never a colour a reader could take for a value.
 */
#ifndef BR_CHART_PAINT_H
#define BR_CHART_PAINT_H

#include "charts/context.h"

#define BR_HATCH_NONE (-1)

/* The colour of text or hatching drawn on fill.  Never fails. */
br_color br_chart_ink_on(const br_chart_ctx *c, br_color fill);

/* The hatching of category colour index i (0..): none for the first three
 * (and for i < 0), a pattern 0..3 from the fourth on. */
int br_chart_hatch_for(int category);

/* The colour of category i (-1: the theme's "other"). */
br_color br_chart_category_color(const br_chart_ctx *c, int category);

/* Strokes pattern (0..3) over the rectangle, clipped to it, in color. */
void br_chart_hatch(br_device *dev, double x, double y, double w, double h, int pattern, br_color color);

/* Fills the rectangle with fill and, when hatch is a pattern, hatches it
 * in the ink for that fill. */
void br_chart_fill_hatched(const br_chart_ctx *c, br_device *dev, double x, double y, double w, double h,
                           br_color fill, int hatch);

/* The no-data look over the rectangle. */
void br_chart_fill_no_data(const br_chart_ctx *c, br_device *dev, double x, double y, double w, double h);

/* A rectangle's outline of width lw drawn inside it. */
void br_chart_stroke_inside(br_device *dev, double x, double y, double w, double h, double lw, br_color color);

/* fill mixed with the paper: amount 1 keeps it, 0 gives white (a faded
 * tile in the background). */
br_color br_chart_tint(const br_chart_ctx *c, br_color fill, double amount);

#endif
