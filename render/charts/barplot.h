/* barplot: the engine of ranked bars (bars.c) and share bars (share.c).
 *
 * It picks the indicator and the entities, ranks them, and draws
 * horizontal bars (or, for ranked bars asked to, vertical columns) with
 * the frame of every chart: title, subtitle, legend, plot, sources.
 */
#ifndef BR_CHART_BARPLOT_H
#define BR_CHART_BARPLOT_H

#include "charts/chart.h"

/* The most bars a chart draws: more do not fit a page. */
#define BR_BARPLOT_MAX_ROWS 50

/* share = true draws a fixed 0..100 % axis, the rest of each bar to 100 %
 * in a light grey, and a reference line.  Ranked bars (share = false)
 * honour spec->vertical, sort, top, focus and period.  Returns the height
 * used; never fails. */
double br_barplot_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width,
                       bool share);

#endif
