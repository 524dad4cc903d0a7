/* share: share bars on a fixed 0-100 % axis with a reference line (the
 * national value, or a fixed mark such as 50 %), the chart kind "share";
 * for shares such as clean energy's.  The geometry is barplot.c's. */
#include "charts/barplot.h"
#include "charts/kinds.h"

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    return br_barplot_draw(c, spec, dev, x, y, width, true);
}

const br_chart_kind_def br_chart_kind_share = {"share", BR_CHART_SHARE, draw,
    BR_OPT_IND_ANY | BR_OPT_TOP | BR_OPT_FOCUS | BR_OPT_SORT | BR_OPT_PERIOD | BR_OPT_REFERENCE | BR_OPT_RANK | BR_OPT_ENTITIES | BR_OPT_SELECT, BR_BARPLOT_MAX_ROWS};
