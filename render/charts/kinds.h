/* kinds: the chart kinds registry.c puts in its table; one file each
 * defines its entry.  Only registry.c and the kinds' own files include
 * this. */
#ifndef BR_CHART_KINDS_H
#define BR_CHART_KINDS_H

#include "charts/chart.h"

extern const br_chart_kind_def br_chart_kind_bars, br_chart_kind_share, br_chart_kind_keyfigs,
    br_chart_kind_grouped, br_chart_kind_stacked, br_chart_kind_parts, br_chart_kind_line, br_chart_kind_tilemap,
    br_chart_kind_mosaic, br_chart_kind_table;

#endif
