/* chart_share: the horizontal-bar engine shared by ranked bars and share
 * bars (internal to the chart modules). */
#ifndef BR_CHART_SHARE_H
#define BR_CHART_SHARE_H

#include "chart_common.h"

/* Horizontal bars; share = true draws a fixed 0..100 % axis, the rest of
 * each bar to 100 % in a light grey, and a reference line. */
double br_chart_hbars(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                      double width, bool share);

#endif
