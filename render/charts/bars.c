/* bars: ranked bars, the chart kind "bars" (the engine is barplot.c). */
#include "charts/barplot.h"
#include "charts/kinds.h"

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    return br_barplot_draw(c, spec, dev, x, y, width, false);
}

const br_chart_kind_def br_chart_kind_bars = {"bars", BR_CHART_BARS, draw};
