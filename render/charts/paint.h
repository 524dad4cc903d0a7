/* paint: the print furniture every chart shares, one rule each.
 *
 * Ink on a fill.  Text and hatching on a coloured area take white (the
 * paper) when it reads well there (WCAG 2 contrast ratio of at least 4, as
 * on Okabe-Ito blue or the darker Blues), else whichever of white and the
 * theme's text colour contrasts more (dark on orange, sky, yellow).
 *
 * Patterns.  A chart must read on a black-and-white printer
 * (--grayscale), where a category is only its lightness: two categories
 * whose colours are less than BR_MIN_LIGHTNESS_GAP units of CIE L* apart
 * print as one grey.  Okabe-Ito's colours do not all differ that much
 * (green, vermillion, sky and purple sit within 16 L* of blue or orange),
 * so the theme plans, once, a pattern per category (br_chart_plan_hatching):
 * any two categories either differ in lightness by the gap or carry
 * different patterns.  Every chart takes its category's pattern from the
 * plan (br_chart_hatch_for), in every output mode, so colour and gray
 * documents have the same marks, and legends show the marks' patterns.
 * Areas carry the pattern as hatching: 45-degree lines, dots (short
 * dashes), crosshatch, 135-degree lines, horizontal, vertical lines.  The
 * device has no pattern fills (libharu has none), so a pattern is lines
 * clipped to the area, on a grid fixed to the page so adjacent bars line
 * up.  Lines carry it as a dash pattern (br_chart_line_stroke).
 *
 * No data.  An area without data is white with grey 45-degree hatching and
 * a grey outline, never a colour a reader could take for a value.
 */
#ifndef BR_CHART_PAINT_H
#define BR_CHART_PAINT_H

#include "charts/context.h"

#define BR_HATCH_NONE (-1)
#define BR_HATCH_PATTERNS 6 /* patterns 0..5 */
/* Lightness (CIE L*) two categories without distinct patterns must differ
 * by to print as distinct greys. */
#define BR_MIN_LIGHTNESS_GAP 15.0

/* The colour of text or hatching drawn on fill.  Never fails. */
br_color br_chart_ink_on(const br_chart_ctx *c, br_color fill);

/* The colour of a pattern drawn on fill: the ink on fill at strength
 * (0..1), composited with fill here, opaque.  It looks as the ink at that
 * alpha would, and stays a pattern where transparency is flattened
 * against the paper (PDF/A, device.h br_dev_set_opaque), which would
 * lose the fill beneath.  Never fails. */
br_color br_chart_pattern_ink(const br_chart_ctx *c, br_color fill, double strength);

/* The pattern plan, the one rule: category i (in order) takes the first of
 * "no pattern", 0, 1, ... that no earlier category closer than
 * BR_MIN_LIGHTNESS_GAP in L* has taken.  OUT: hatch[0..n-1].  Returns true
 * when every pair is separated; false when patterns ran out (more than
 * BR_HATCH_PATTERNS + 1 colours of nearly one lightness): then *clash_a <
 * *clash_b are the first pair left alike (the later one takes a pattern
 * anyway).  clash_a, clash_b may be NULL.  Never fails. */
bool br_chart_plan_hatching(const br_color *colors, int n, int *hatch, int *clash_a, int *clash_b);

/* Plans the theme's patterns (t->hatch) from its categories and "other"
 * (index 7); call after changing them.  Returns br_chart_plan_hatching's
 * verdict and clash pair (clash_a, clash_b may be NULL). */
bool br_chart_plan_theme(br_theme *t, int *clash_a, int *clash_b);
/* The colour the plan numbers i: categories[0..6], 7 for "other". */
br_color br_theme_category(const br_theme *t, int i);

/* The pattern of category i (0..; -1: the theme's "other") from the
 * theme's plan: BR_HATCH_NONE or 0..BR_HATCH_PATTERNS-1. */
int br_chart_hatch_for(const br_chart_ctx *c, int category);

/* A line of width w carrying pattern (BR_HATCH_NONE: solid) as its dash. */
br_stroke br_chart_line_stroke(double width, int pattern);

/* The colour of category i (-1: the theme's "other"). */
br_color br_chart_category_color(const br_chart_ctx *c, int category);

/* Strokes pattern (0..BR_HATCH_PATTERNS-1) over the rectangle, clipped to it, in color. */
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
