/* paint: see paint.h. */
#include "charts/paint.h"

#include <math.h>

br_color br_chart_ink_on(const br_chart_ctx *c, br_color fill)
{
    double white = br_color_contrast(c->theme.paper, fill), dark = br_color_contrast(c->theme.text, fill);
    return white >= 4.0 || white >= dark ? c->theme.paper : c->theme.text;
}

bool br_chart_plan_hatching(const br_color *colors, int n, int *hatch, int *clash_a, int *clash_b)
{
    bool ok = true;
    for (int i = 0; i < n; i++) {
        /* taken[p + 1]: an earlier category too close in lightness wears p. */
        bool taken[BR_HATCH_PATTERNS + 1] = {false};
        double li = br_color_lightness(colors[i]);
        for (int j = 0; j < i; j++)
            if (fabs(li - br_color_lightness(colors[j])) < BR_MIN_LIGHTNESS_GAP)
                taken[hatch[j] + 1] = true;
        int p = 0;
        while (p <= BR_HATCH_PATTERNS && taken[p])
            p++;
        if (p > BR_HATCH_PATTERNS) {
            p = i % BR_HATCH_PATTERNS + 1;
            for (int j = 0; ok && j < i; j++)
                if (hatch[j] == p - 1 && fabs(li - br_color_lightness(colors[j])) < BR_MIN_LIGHTNESS_GAP) {
                    if (clash_a)
                        *clash_a = j;
                    if (clash_b)
                        *clash_b = i;
                    ok = false;
                }
        }
        hatch[i] = p - 1;
    }
    return ok;
}

br_color br_theme_category(const br_theme *t, int i)
{
    return i >= 0 && i < 7 ? t->categories[i] : t->other;
}

bool br_chart_plan_theme(br_theme *t, int *clash_a, int *clash_b)
{
    br_color colors[8];
    for (int i = 0; i < 8; i++)
        colors[i] = br_theme_category(t, i);
    return br_chart_plan_hatching(colors, 8, t->hatch, clash_a, clash_b);
}

int br_chart_hatch_for(const br_chart_ctx *c, int category)
{
    return c->theme.hatch[category < 0 ? 7 : category % 7];
}

br_stroke br_chart_line_stroke(double width, int pattern)
{
    /* On-off lengths in whole points (the device's rule), long enough to
     * read at a line's width; round caps lengthen each dash by the width. */
    static const double dashes[BR_HATCH_PATTERNS][6] = {
        {5, 3}, {1, 3}, {7, 3, 1, 3}, {10, 3}, {2, 2}, {7, 2, 1, 2, 1, 2}};
    br_stroke st = br_stroke_solid(width);
    if (pattern < 0 || pattern >= BR_HATCH_PATTERNS)
        return st;
    for (int k = 0; k < 6 && dashes[pattern][k] > 0; k++)
        st.dashes[st.n_dashes++] = dashes[pattern][k];
    return st;
}

br_color br_chart_category_color(const br_chart_ctx *c, int category)
{
    return category < 0 ? c->theme.other : c->theme.categories[category % 7];
}

/* Lines at 45 degrees (dir 1: rising to the right, -1: falling) across the
 * band [y, y + h], on the page grid of `gap`, until they have crossed
 * x_to. */
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

void br_chart_hatch(br_device *dev, double x, double y, double w, double h, int pattern, br_color color)
{
    if (pattern < 0 || w <= 0 || h <= 0)
        return;
    br_path *clip = br_path_new();
    br_path *lines = br_path_new();
    if (!clip || !lines) {
        br_path_free(clip);
        br_path_free(lines);
        br_dev_fail(dev, BR_ERR_NOMEM);
        return;
    }
    br_path_rect(clip, x, y, w, h);
    const double gap = 3;
    br_stroke st = br_stroke_solid(0.6);
    switch (pattern) {
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
    case 3: hatch_lines(lines, x, x + w, y, h, gap, -1); break;
    case 4:
        for (double ly = floor(y / gap) * gap + gap / 2; ly < y + h; ly += gap) {
            br_path_move_to(lines, x, ly);
            br_path_line_to(lines, x + w, ly);
        }
        break;
    default:
        for (double lx = floor(x / gap) * gap + gap / 2; lx < x + w; lx += gap) {
            br_path_move_to(lines, lx, y);
            br_path_line_to(lines, lx, y + h);
        }
        break;
    }
    br_dev_clip_path(dev, clip, BR_FILL_NONZERO);
    br_dev_stroke_path(dev, lines, &st, color);
    br_dev_pop_clip(dev);
    br_path_free(clip);
    br_path_free(lines);
}

void br_chart_fill_hatched(const br_chart_ctx *c, br_device *dev, double x, double y, double w, double h,
                           br_color fill, int hatch)
{
    if (w <= 0 || h <= 0)
        return;
    br_dev_fill_rect(dev, x, y, w, h, fill);
    /* Half-strength ink: the pattern tells categories apart without
     * outweighing the colour (a grey "other" bar would read as black). */
    br_chart_hatch(dev, x, y, w, h, hatch, br_chart_pattern_ink(c, fill, 0.5));
}

br_color br_chart_pattern_ink(const br_chart_ctx *c, br_color fill, double strength)
{
    return br_color_mix(fill, br_chart_ink_on(c, fill), strength);
}

void br_chart_stroke_inside(br_device *dev, double x, double y, double w, double h, double lw, br_color color)
{
    if (w < lw || h < lw)
        return;
    br_path *p = br_path_new();
    br_path_rect(p, x + lw / 2, y + lw / 2, w - lw, h - lw);
    br_stroke st = br_stroke_solid(lw);
    br_dev_stroke_path(dev, p, &st, color);
    br_path_free(p);
}

void br_chart_fill_no_data(const br_chart_ctx *c, br_device *dev, double x, double y, double w, double h)
{
    br_dev_fill_rect(dev, x, y, w, h, c->theme.paper);
    if (w >= 3 && h >= 3)
        br_chart_hatch(dev, x, y, w, h, 0, c->theme.missing);
    if (w >= 1 && h >= 1)
        br_chart_stroke_inside(dev, x, y, w, h, fmin(0.5, w / 4), c->theme.missing);
}

br_color br_chart_tint(const br_chart_ctx *c, br_color fill, double amount)
{
    return br_color_mix(c->theme.paper, fill, amount);
}
