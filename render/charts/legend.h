/* legend: one legend for every chart kind: items left to right in reading
 * order, wrapping at the chart's width, each a swatch and a name.
 *
 * A swatch shows what the chart draws: a filled square (hatched as the
 * category is), a circle (a badge colour), the no-data look, or a very
 * light fill outlined so it shows on paper.  A name too long for a line
 * ends in an ellipsis.  An item without a name breaks the line (two
 * legends one above the other).
 */
#ifndef BR_CHART_LEGEND_H
#define BR_CHART_LEGEND_H

#include <stdbool.h>
#include <stddef.h>

#include "charts/context.h"

typedef enum { BR_SWATCH_FILL, BR_SWATCH_CIRCLE, BR_SWATCH_NO_DATA } br_swatch;

typedef struct br_legend_item {
    const char *name; /* NULL: a line break */
    br_color color;
    int hatch;        /* br_chart_hatch_for(), or BR_HATCH_NONE */
    br_swatch swatch;
    bool outline;     /* outline a light fill */
} br_legend_item;

/* Draws the legend at (x, y); returns the height used, including the gap
 * below (0 for n == 0). */
double br_chart_legend(br_chart_ctx *c, br_device *dev, const br_legend_item *items, size_t n, double x,
                       double y, double width);

#endif
