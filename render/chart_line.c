/* chart_line: time series (to be built; issue 4). */
#include "chart_common.h"

double br_chart_line_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                          double width)
{
    return br_chart_no_data(c, dev, spec->title ? spec->title : "", x, y, width);
}
