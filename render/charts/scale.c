/* scale: see scale.h. */
#include "charts/scale.h"

#include <math.h>

double br_scale_nice_step(double span, int target_ticks)
{
    if (!(span > 0) || !isfinite(span))
        return 1;
    if (target_ticks < 1)
        target_ticks = 1;
    double raw = span / target_ticks;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * mag;
}

br_scale br_scale_linear(double min, double max, int target_ticks, double out0, double out1)
{
    br_scale s = {0};
    if (!(max > min)) {
        /* A single value (or none): show a range around it. */
        max = min == 0 ? 1 : min > 0 ? min * 1.0 : 0;
        if (min > 0)
            min = 0;
        if (max <= min)
            max = min + 1;
    }
    double step = br_scale_nice_step(max - min, target_ticks);
    double lo = floor(min / step + 1e-9) * step, hi = ceil(max / step - 1e-9) * step;
    while ((hi - lo) / step + 1 > BR_SCALE_MAX_TICKS) {
        step *= 2;
        lo = floor(min / step + 1e-9) * step;
        hi = ceil(max / step - 1e-9) * step;
    }
    s.lo = lo;
    s.hi = hi;
    s.step = step;
    s.out0 = out0;
    s.out1 = out1;
    for (double v = lo; v <= hi + step * 1e-6 && s.n_ticks < BR_SCALE_MAX_TICKS; v += step)
        s.ticks[s.n_ticks++] = fabs(v) < step * 1e-9 ? 0 : v;
    return s;
}

br_scale br_scale_log(double min, double max, double out0, double out1)
{
    br_scale s = {0};
    s.log = true;
    if (!(min > 0))
        min = 1;
    if (!(max > min))
        max = min * 10;
    double e0 = floor(log10(min)), e1 = ceil(log10(max));
    if (e1 <= e0)
        e1 = e0 + 1;
    s.lo = pow(10, e0);
    s.hi = pow(10, e1);
    s.out0 = out0;
    s.out1 = out1;
    for (double e = e0; e <= e1 && s.n_ticks < BR_SCALE_MAX_TICKS; e++)
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
        t = (v - s->lo) / (s->hi - s->lo);
    return s->out0 + t * (s->out1 - s->out0);
}

br_scale br_chart_nice_scale(double vmin, double vmax, double out0, double out1, double min_gap)
{
    /* Score = share of the axis left empty by rounding out + 0.05 per tick
     * away from the ideal count (ticks 2 x min_gap apart): a tight domain
     * matters more than the tick count, but not at any density. */
    double len = fabs(out1 - out0), data = fmax(vmax, 0) - fmin(vmin, 0);
    double ideal = len / (2 * min_gap) + 1;
    int most = (int)fmax(2, len / min_gap);
    br_scale best = {0};
    double best_score = INFINITY;
    for (int target = 2; target <= most + 1 && target <= BR_SCALE_MAX_TICKS; target++) {
        br_scale s = br_scale_linear(vmin, vmax, target, out0, out1);
        if (target > 2 && s.n_ticks > 1 && len / (s.n_ticks - 1) < min_gap)
            break;
        double span = s.hi - s.lo;
        double score = (span > 0 && data > 0 ? (span - data) / span : 0) + 0.05 * fabs(s.n_ticks - ideal);
        if (score < best_score - 1e-9) {
            best = s;
            best_score = score;
        }
    }
    return best;
}
