/* chart_share: share bars on a fixed 0-100 % axis with a reference line
 * (the national value, or a fixed mark such as 50 %), for clean-energy
 * shares.  The geometry is the ranked-bar engine's (chart_bars.c); this
 * file also holds the helpers every bar chart shares (chart_share.h).
 *
 * Hatching.  Okabe-Ito's first three colours differ clearly in lightness,
 * the others do not (vermillion, purple and green print as nearly the same
 * grey as blue), so from the fourth category on bars carry a pattern:
 * 45-degree lines, dots (short dashes), crosshatch, 135-degree lines.  PDF
 * patterns are not in the device interface (libharu has none), so the
 * pattern is drawn as lines clipped to the bar.  Lines are white on dark
 * fills and dark on light ones, like label text.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/chart_share.h"

double br_chart_share_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                           double width)
{
    return br_chart_hbars(c, spec, dev, x, y, width, true);
}

br_series br_chart_series(const br_set *set, const br_indicator *ind, bool regions_only, const char *period)
{
    if (!period)
        return br_series_latest(set, ind, regions_only);
    br_series s = {0};
    s.indicator = ind;
    for (size_t i = 0; i < set->n_entities; i++)
        s.n_regions_total += br_entity_is_region(&set->entities[i]);
    const br_observation **by_entity = g_new0(const br_observation *, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if ((regions_only && !br_entity_is_region(o->entity)) || strcmp(o->period, period) != 0)
            continue;
        by_entity[o->entity->index] = o; /* at most one per (entity, period) */
    }
    s.points = g_new0(br_point, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < set->n_entities; i++) {
        if (!by_entity[i])
            continue;
        s.points[s.n_points++] = (br_point){&set->entities[i], by_entity[i]};
        s.latest_period = by_entity[i]->period;
    }
    g_free(by_entity);
    return s;
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

static double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4);
}

static double luminance(br_color k)
{
    return 0.2126 * linear(k.r) + 0.7152 * linear(k.g) + 0.0722 * linear(k.b);
}

br_color br_chart_ink_on(const br_chart_ctx *c, br_color fill)
{
    double l = luminance(fill), ink = luminance(c->theme.text);
    double contrast_white = 1.05 / (l + 0.05), contrast_ink = (l + 0.05) / (ink + 0.05);
    return contrast_white >= contrast_ink ? br_rgb(0xffffff) : c->theme.text;
}

int br_chart_hatch_for(int category)
{
    return category < 3 ? -1 : (category - 3) % 4;
}

/* Lines at 45 degrees (dir 1: rising to the right, -1: falling) across the band
 * [y, y + h], starting at x_from (on the page grid of `gap`) and every gap
 * points until they have crossed x_to. */
static void hatch_lines(br_path *p, double x_from, double x_to, double y, double h, double gap, int dir)
{
    double start = floor((x_from - h) / gap) * gap;
    for (double x0 = start; x0 < x_to; x0 += gap) {
        if (dir > 0) {
            br_path_move_to(p, x0, y + h);
            br_path_line_to(p, x0 + h, y);
        } else {
            br_path_move_to(p, x0, y);
            br_path_line_to(p, x0 + h, y + h);
        }
    }
}

void br_chart_fill_hatched(const br_chart_ctx *c, br_device *dev, double x, double y, double w, double h,
                           br_color fill, int hatch)
{
    if (!dev || w <= 0 || h <= 0)
        return;
    br_dev_fill_rect(dev, x, y, w, h, fill);
    if (hatch < 0)
        return;
    br_color ink = br_chart_ink_on(c, fill);
    br_path *clip = br_path_new();
    br_path *lines = br_path_new();
    if (!clip || !lines) {
        br_path_free(clip);
        br_path_free(lines);
        br_dev_fail(dev, BR_ERR_NOMEM);
        return;
    }
    br_path_rect(clip, x, y, w, h);
    /* Lines start on a grid fixed to the page, so adjacent bars line up. */
    const double gap = 3;
    br_stroke st = br_stroke_solid(0.6);
    switch (hatch) {
    case 0: hatch_lines(lines, x, x + w, y, h, gap, 1); break;
    case 1:
        st.width = 0.9;
        st.n_dashes = 2;
        st.dashes[0] = 1;
        st.dashes[1] = 2;
        hatch_lines(lines, x, x + w, y, h, gap, 1);
        break;
    case 2:
        st.width = 0.5;
        hatch_lines(lines, x, x + w, y, h, gap + 1, 1);
        hatch_lines(lines, x, x + w, y, h, gap + 1, -1);
        break;
    default: hatch_lines(lines, x, x + w, y, h, gap, -1); break;
    }
    br_dev_clip_path(dev, clip, BR_FILL_NONZERO);
    br_dev_stroke_path(dev, lines, &st, ink);
    br_dev_pop_clip(dev);
    br_path_free(clip);
    br_path_free(lines);
}

/* Does s fit max_lines lines of width at the label size? */
static bool fits(br_chart_ctx *c, const char *s, double width, int max_lines)
{
    if (max_lines <= 1)
        return br_chart_text_width(c, s, c->theme.label_size, false) <= width + 0.01;
    br_text_style st = {c->theme.family, c->theme.label_size, false, false, c->theme.text, 0, BR_ALIGN_LEFT, 0};
    br_text *t = NULL;
    if (br_text_new(c->fonts, s, false, &st, width, c->diag, &t) != BR_OK)
        return false;
    bool ok = br_text_line_count(t) <= max_lines && br_text_width(t) <= width + 0.01;
    br_text_free(t);
    return ok;
}

/* The first n characters of s, trailing spaces dropped, and "…". */
static char *cut(const char *s, glong n)
{
    const char *end = g_utf8_offset_to_pointer(s, n);
    while (end > s && end[-1] == ' ')
        end--;
    return g_strdup_printf("%.*s…", (int)(end - s), s);
}

char *br_chart_fit(br_chart_ctx *c, const char *s, double width, int max_lines)
{
    if (fits(c, s, width, max_lines))
        return g_strdup(s);
    /* The longest prefix that fits with its ellipsis (binary search). */
    glong lo = 0, hi = g_utf8_strlen(s, -1) - 1;
    while (lo < hi) {
        glong mid = (lo + hi + 1) / 2;
        char *try = cut(s, mid);
        if (fits(c, try, width, max_lines))
            lo = mid;
        else
            hi = mid - 1;
        g_free(try);
    }
    return cut(s, lo);
}

double br_chart_label(br_chart_ctx *c, br_device *dev, const char *s, double x, double y_center,
                      double max_width, br_align align, br_color color)
{
    char *text = max_width > 0 ? br_chart_fit(c, s, max_width, 1) : g_strdup(s);
    br_text_style st = {c->theme.family, c->theme.label_size, false, false, color, 0, align, 0};
    br_text *t = NULL;
    /* The cut text fits: the width only aligns it. */
    double w = 0;
    if (br_text_new(c->fonts, text, false, &st, max_width > 0 ? max_width + 0.02 : 0, c->diag, &t) == BR_OK) {
        w = br_text_width(t);
        if (dev)
            br_text_draw(t, dev, x, y_center - br_text_height(t) / 2);
        br_text_free(t);
    }
    g_free(text);
    return w;
}

double br_chart_legend(br_chart_ctx *c, br_device *dev, const br_legend_item *items, size_t n, double x,
                       double y, double width)
{
    if (n == 0)
        return 0;
    const double sw = 8, lh = 11, pad = 3, gap = 10;
    double cx = x, h = 0;
    for (size_t i = 0; i < n; i++) {
        double room = width - sw - pad;
        double tw = fmin(br_chart_text_width(c, items[i].name, c->theme.label_size, false), room);
        if (cx > x && cx + sw + pad + tw > x + width) {
            cx = x;
            h += lh;
        }
        br_chart_fill_hatched(c, dev, cx, y + h + (lh - sw) / 2, sw, sw, items[i].color, items[i].hatch);
        br_chart_label(c, dev, items[i].name, cx + sw + pad, y + h + lh / 2, room, BR_ALIGN_LEFT, c->theme.axis);
        cx += sw + pad + tw + gap;
    }
    return h + lh + 4;
}
