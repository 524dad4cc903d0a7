/* scale: see scale.h.
 *
 * Design note: a set's values may be any finite double, from 5e-324 to
 * 1.7976931348623157e308 either side of zero, and a scale must still be
 * finite: a domain, ticks and a step that are finite, hi > lo, and a map
 * that gives a finite point for every value in the domain.  So
 *   - differences of values are taken from halves (hi/2 - lo/2), which
 *     cannot overflow; halving is exact for all but subnormal numbers, so
 *     ordinary values map exactly as with hi - lo;
 *   - steps are 1-2-5 x 10^k from 10^-307 (the normal range, so a step
 *     never underflows to 0) to 10^308 (the largest that is finite);
 *   - a domain rounded out to a whole step that would overflow stays at
 *     the data's end instead (ticks are then only the whole steps inside).
 */
#include "charts/scale.h"

#include <float.h>
#include <math.h>

#define STEP_MIN 1e-307
#define STEP_MAX 1e308

/* A finite value (NaN: 0), for inputs computed by callers (sums). */
static double finite_or_max(double v)
{
    return isnan(v) ? 0 : fmax(-DBL_MAX, fmin(DBL_MAX, v));
}

/* half of b - a, which cannot overflow. */
static double half_span(double a, double b)
{
    return b / 2 - a / 2;
}

/* The 1-2-5 step at or above raw, within STEP_MIN..STEP_MAX. */
static double nice_of(double raw)
{
    if (!(raw >= STEP_MIN))
        return STEP_MIN;
    raw = finite_or_max(raw);
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    double step = nice * mag;
    return isfinite(step) && step <= STEP_MAX ? step : STEP_MAX;
}

double br_scale_nice_step(double span, int target_ticks)
{
    if (!(span > 0))
        return 1;
    if (target_ticks < 1)
        target_ticks = 1;
    return nice_of(finite_or_max(span) / target_ticks);
}

double br_scale_round_out(double v, double step, bool up)
{
    double k = up ? ceil(v / step - 1e-9) : floor(v / step + 1e-9);
    double r = k * step;
    return isfinite(r) ? r : v;
}

br_scale br_scale_linear(double min, double max, int target_ticks, double out0, double out1)
{
    br_scale s = {0};
    min = finite_or_max(min);
    max = finite_or_max(max);
    if (!(max > min)) {
        /* A single value (or none): show a range around it. */
        max = min == 0 ? 1 : min > 0 ? min * 1.0 : 0;
        if (min > 0)
            min = 0;
        if (max <= min)
            max = min + 1;
    }
    /* The span from halves: max - min may exceed DBL_MAX. */
    if (target_ticks < 1)
        target_ticks = 1;
    double step = nice_of(half_span(min, max) / target_ticks * 2);
    double lo = br_scale_round_out(min, step, false), hi = br_scale_round_out(max, step, true);
    while (hi / step - lo / step + 1 > BR_SCALE_MAX_TICKS && step * 2 <= DBL_MAX) {
        step *= 2;
        lo = br_scale_round_out(min, step, false);
        hi = br_scale_round_out(max, step, true);
    }
    if (!(hi > lo)) { /* spans below the smallest step (5e-324) */
        if (isfinite(lo + step))
            hi = lo + step;
        else
            lo = hi - step;
    }
    s.lo = lo;
    s.hi = hi;
    s.step = step;
    s.out0 = out0;
    s.out1 = out1;
    /* From the first whole step at or above lo (lo itself unless the
     * domain could not be rounded out); v += step may overflow at the top,
     * which ends the loop. */
    double first = br_scale_round_out(lo, step, true);
    for (double v = first; isfinite(v) && v <= hi + step * 1e-6 && s.n_ticks < BR_SCALE_MAX_TICKS; v += step)
        s.ticks[s.n_ticks++] = fabs(v) < step * 1e-9 ? 0 : v;
    return s;
}

br_scale br_scale_log(double min, double max, double out0, double out1)
{
    br_scale s = {0};
    s.log = true;
    if (!(min > 0))
        min = 1;
    min = finite_or_max(min);
    max = finite_or_max(max);
    if (!(max > min))
        max = min <= DBL_MAX / 10 ? min * 10 : DBL_MAX;
    double e0 = floor(log10(min)), e1 = ceil(log10(max));
    if (e1 <= e0)
        e1 = e0 + 1;
    /* Powers of ten beyond the doubles (1e-324, 1e309) are 0 and inf: the
     * domain then ends at the data, as for a linear scale. */
    s.lo = pow(10, e0);
    s.hi = pow(10, e1);
    if (!(s.lo > 0)) {
        s.lo = min;
        e0++;
    }
    if (!isfinite(s.hi)) {
        s.hi = max;
        e1--;
    }
    if (!(s.hi > s.lo))
        s.hi = s.lo * 2 <= DBL_MAX ? s.lo * 2 : DBL_MAX;
    s.out0 = out0;
    s.out1 = out1;
    /* Every decade, or every few when there are too many for the axis. */
    double every = ceil((e1 - e0 + 1) / BR_SCALE_MAX_TICKS);
    if (every < 1)
        every = 1;
    for (double e = e0; e <= e1 && s.n_ticks < BR_SCALE_MAX_TICKS; e += every)
        s.ticks[s.n_ticks++] = pow(10, e);
    s.step = 10;
    return s;
}

double br_scale_map(const br_scale *s, double v)
{
    double t;
    if (s->log)
        t = v > 0 ? (log10(v) - log10(s->lo)) / (log10(s->hi) - log10(s->lo)) : 0;
    else
        t = half_span(s->lo, v) / half_span(s->lo, s->hi);
    return s->out0 + t * (s->out1 - s->out0);
}

br_scale br_chart_nice_scale(double vmin, double vmax, double out0, double out1, double min_gap)
{
    /* Score = share of the axis left empty by rounding out + 0.05 per tick
     * away from the ideal count (ticks 2 x min_gap apart): a tight domain
     * matters more than the tick count, but not at any density. */
    double len = fabs(out1 - out0), data = half_span(fmin(finite_or_max(vmin), 0), fmax(finite_or_max(vmax), 0));
    double ideal = len / (2 * min_gap) + 1;
    int most = (int)fmax(2, len / min_gap);
    br_scale best = {0};
    double best_score = INFINITY;
    for (int target = 2; target <= most + 1 && target <= BR_SCALE_MAX_TICKS; target++) {
        br_scale s = br_scale_linear(vmin, vmax, target, out0, out1);
        if (target > 2 && s.n_ticks > 1 && len / (s.n_ticks - 1) < min_gap)
            break;
        double span = half_span(s.lo, s.hi); /* halves, like data */
        double score = (span > 0 && data > 0 ? (span - data) / span : 0) + 0.05 * fabs(s.n_ticks - ideal);
        if (score < best_score - 1e-9 || best.n_ticks == 0) {
            best = s;
            best_score = score;
        }
    }
    return best;
}
