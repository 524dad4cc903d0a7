/* chart_share: what the bar-chart modules share (internal to chart_bars.c,
 * chart_share.c and chart_multi.c): the horizontal-bar engine, the data
 * a bar chart shows, and the print furniture of bars: legend swatches,
 * hatching for categories past the third, and label colours on fills.
 *
 * It does not pick indicators or lay out pages (chart_common, layout).
 */
#ifndef BR_CHART_SHARE_H
#define BR_CHART_SHARE_H

#include "charts/chart_common.h"
#include "charts/scale.h"

/* Horizontal bars; share = true draws a fixed 0..100 % axis, the rest of
 * each bar to 100 % in a light grey, and a reference line.  Ranked bars
 * (share = false) honour spec->vertical, sort, top, focus and period.
 * Returns the height used (dev NULL: measure only); never fails. */
double br_chart_hbars(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                      double width, bool share);

/* The observations a chart of ind shows, one per entity in file order
 * (regions only when regions_only): each entity's latest, or, with period,
 * only observations of exactly that period.  Release with br_series_free. */
br_series br_chart_series(const br_set *set, const br_indicator *ind, bool regions_only, const char *period);

/* A linear value axis over [vmin, vmax] (include 0 for bars) mapped to
 * [out0, out1] (points): of the nice 1-2-5 tick steps that keep ticks at
 * least min_gap points apart, the one that best balances a tight domain
 * (little axis left empty by rounding out to whole ticks) against ticks
 * about 2 x min_gap apart.  Never fails. */
br_scale br_chart_nice_scale(double vmin, double vmax, double out0, double out1, double min_gap);

/* The colour of label text drawn on fill: white or the theme's text
 * colour, whichever contrasts more with it (WCAG relative luminance): white
 * on Okabe-Ito blue, dark on orange, sky, yellow and greys.  Never fails. */
br_color br_chart_ink_on(const br_chart_ctx *c, br_color fill);

/* The hatching of category colour index i (0..): none (-1) for the first
 * three, whose lightness differs in grayscale; a pattern (0..3: 45-degree
 * lines, dots, crosshatch, 135-degree lines) from the fourth on. */
int br_chart_hatch_for(int category);

/* Fills the rectangle (points) with fill and, when hatch >= 0, strokes that
 * hatching pattern clipped to it (libharu has no pattern fills, so the
 * hatching is line geometry).  dev NULL does nothing. */
void br_chart_fill_hatched(const br_chart_ctx *c, br_device *dev, double x, double y, double w, double h,
                           br_color fill, int hatch);

/* One legend entry. */
typedef struct br_legend_item {
    const char *name;
    br_color color;
    int hatch; /* br_chart_hatch_for(), or -1 */
} br_legend_item;

/* A legend above the plot: swatches and names, left-aligned in reading
 * order, wrapping at width; names wider than a line end in an ellipsis.
 * Returns the height used, including the gap below (0 for n == 0). */
double br_chart_legend(br_chart_ctx *c, br_device *dev, const br_legend_item *items, size_t n, double x,
                       double y, double width);

/* s as it fits max_lines lines of width points at the label size: whole,
 * or cut with "…" (a real character, so a PDF's text holds what is shown:
 * Pango's own ellipsis keeps the hidden text in the PDF, where text
 * extraction lays it out past the ellipsis).  g_free the result. */
char *br_chart_fit(br_chart_ctx *c, const char *s, double width, int max_lines);

/* One line of label text (theme label size) centred vertically on
 * y_center; with max_width > 0 cut with an ellipsis there (right and centre
 * alignment happen inside max_width).  Returns the width drawn. */
double br_chart_label(br_chart_ctx *c, br_device *dev, const char *s, double x, double y_center,
                      double max_width, br_align align, br_color color);

#endif
