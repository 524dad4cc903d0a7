/* bars: ranked bars, the chart kind "bars" (the engine is barplot.c). */
#include "charts/barplot.h"
#include "charts/kinds.h"

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    return br_barplot_draw(c, spec, dev, x, y, width, false);
}

const br_chart_kind_def br_chart_kind_bars = {"bars", BR_CHART_BARS, draw,
    BR_OPT_IND_ANY | BR_OPT_TOP | BR_OPT_FOCUS | BR_OPT_SCALE | BR_OPT_ORIENTATION | BR_OPT_SORT | BR_OPT_PERIOD | BR_OPT_RANK | BR_OPT_ENTITIES | BR_OPT_SELECT, BR_BARPLOT_MAX_ROWS};
