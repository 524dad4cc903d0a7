/* chart_share: share bars on a fixed 0-100 % axis with a reference line
 * (the national value, or a fixed mark such as 50 %), for clean-energy
 * shares.  The geometry is the ranked-bar engine's (chart_bars.c). */
#include "chart_share.h"

double br_chart_share_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                           double width)
{
    return br_chart_hbars(c, spec, dev, x, y, width, true);
}
