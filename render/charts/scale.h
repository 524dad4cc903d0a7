/* scale: linear and logarithmic axes with "nice" ticks (1-2-5 steps).
 *
 * A scale maps data values to a pixel range; ticks are chosen so labels are
 * round numbers a reader can read (0, 50,000, 100,000, ... not 0, 43,210).
 * Pure functions, no allocation.
 */
#ifndef BR_CHART_SCALE_H
#define BR_CHART_SCALE_H

#include <stdbool.h>

#define BR_SCALE_MAX_TICKS 32

typedef struct br_scale {
    double lo, hi;        /* domain, after rounding out to ticks */
    double out0, out1;    /* range, points */
    bool log;             /* log10 scale: lo, hi > 0 */
    int n_ticks;
    double ticks[BR_SCALE_MAX_TICKS];
    double step;          /* tick step (linear) */
} br_scale;

/* A linear scale over [min, max] (include zero for bars: pass min = 0) with
 * about target_ticks ticks at 1, 2 or 5 x 10^k; the domain is extended to
 * whole ticks. */
br_scale br_scale_linear(double min, double max, int target_ticks, double out0, double out1);

/* A linear value axis over [vmin, vmax] (include 0 for bars) mapped to
 * [out0, out1] (points): of the nice 1-2-5 tick steps that keep ticks at
 * least min_gap points apart, the one that best balances a tight domain
 * (little axis left empty by rounding out to whole ticks) against ticks
 * about 2 x min_gap apart.  Never fails. */
br_scale br_chart_nice_scale(double vmin, double vmax, double out0, double out1, double min_gap);

/* A log10 scale over [min, max] (both > 0), ticks at powers of ten. */
br_scale br_scale_log(double min, double max, double out0, double out1);

/* Maps a value to the range. */
double br_scale_map(const br_scale *s, double value);

/* v rounded down (up: rounded up) to a multiple of step, or v itself when
 * that multiple is beyond the doubles (1.7976931348623157e308 up to a step
 * of 1e308): the one rule for rounding a domain out to whole steps. */
double br_scale_round_out(double v, double step, bool up);

/* The nice step for a span and a target tick count. */
double br_scale_nice_step(double span, int target_ticks);

#endif
