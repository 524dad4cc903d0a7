/* Issue 11, defect 1: no number that is not finite reaches a back end.
 *
 * The device wrappers refuse a NaN or infinite coordinate, matrix, width,
 * size or colour with a sticky BR_ERR_RANGE (the last line of defence),
 * and the scales every chart uses stay finite for the most extreme finite
 * values a set may hold (the first). */
#include <float.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/scale.h"
#include "device/dev_trace.h"
#include "device/dlist.h"
#include "tap.h"

typedef void (*draw_fn)(br_device *dev);

static void nan_rect(br_device *dev)
{
    br_dev_fill_rect(dev, NAN, 0, 10, 10, br_rgb(0x000000));
}

static void inf_line(br_device *dev)
{
    br_stroke s = br_stroke_solid(1);
    br_dev_line(dev, 0, 0, INFINITY, 5, &s, br_rgb(0x000000));
}

static void nan_width(br_device *dev)
{
    br_stroke s = br_stroke_solid(NAN);
    br_dev_line(dev, 0, 0, 5, 5, &s, br_rgb(0x000000));
}

static void nan_colour(br_device *dev)
{
    br_dev_fill_rect(dev, 0, 0, 10, 10, br_color_rgb(NAN, 0, 0, 1));
}

static void nan_alpha(br_device *dev)
{
    br_dev_fill_rect(dev, 0, 0, 10, 10, br_rgba(0x336699, NAN));
}

static void inf_clip(br_device *dev)
{
    br_path *p = br_path_new();
    br_path_rect(p, 0, 0, -INFINITY, 10);
    br_dev_clip_path(dev, p, BR_FILL_NONZERO);
    br_path_free(p);
}

static void nan_curve(br_device *dev)
{
    br_path *p = br_path_new();
    br_path_move_to(p, 0, 0);
    br_path_curve_to(p, 1, 1, 2, NAN, 3, 3);
    br_dev_fill_path(dev, p, BR_FILL_NONZERO, br_rgb(0x000000));
    br_path_free(p);
}

static void nan_matrix(br_device *dev)
{
    br_matrix m = br_matrix_translate(NAN, 0);
    br_dev_set_page_transform(dev, &m);
}

static void nan_glyph(br_device *dev)
{
    static const br_font_face face = {"none.ttf", 0, true};
    br_glyph g = {1, 10, NAN};
    br_cluster cl = {1, 1};
    br_text_run run = {0};
    run.face = &face;
    run.size = 10;
    run.color = br_rgb(0x000000);
    run.utf8 = "x";
    run.n_bytes = 1;
    run.glyphs = &g;
    run.n_glyphs = 1;
    run.clusters = &cl;
    run.n_clusters = 1;
    run.box = (br_rect){0, 0, 10, 10};
    br_dev_fill_text(dev, &run);
}

static void inf_link(br_device *dev)
{
    br_rect r = {0, 0, INFINITY, 10};
    br_dev_begin_link(dev, &r, "https://example.org/");
    br_dev_end_link(dev);
}

static const struct {
    const char *what;
    draw_fn draw;
} cases[] = {
    {"a NaN coordinate of a rectangle", nan_rect},
    {"an infinite end of a line", inf_line},
    {"a NaN stroke width", nan_width},
    {"a NaN colour component", nan_colour},
    {"a NaN alpha", nan_alpha},
    {"an infinite clip rectangle", inf_clip},
    {"a NaN control point of a curve", nan_curve},
    {"a NaN page transform", nan_matrix},
    {"a NaN glyph position", nan_glyph},
    {"an infinite link area", inf_link},
};

static bool scale_finite(const br_scale *s)
{
    if (!isfinite(s->lo) || !isfinite(s->hi) || !(s->hi > s->lo) || !isfinite(s->step) || s->n_ticks < 1)
        return false;
    for (int k = 0; k < s->n_ticks; k++)
        if (!isfinite(s->ticks[k]) || !isfinite(br_scale_map(s, s->ticks[k])))
            return false;
    return true;
}

/* Every value of the domain maps into the range. */
static bool maps_inside(const br_scale *s, double v)
{
    double x = br_scale_map(s, v), a = fmin(s->out0, s->out1), b = fmax(s->out0, s->out1);
    return isfinite(x) && x >= a - 1e-6 && x <= b + 1e-6;
}

int main(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        /* Directly on a device, and on a recording (what charts draw on). */
        GString *out = g_string_new(NULL);
        br_trace_dev *t = br_trace_dev_new(out, 100, 100);
        br_device *dev = br_trace_dev_device(t);
        size_t before = out->len;
        cases[i].draw(dev);
        ok(br_dev_status(dev) == BR_ERR_RANGE, "the device refuses %s (BR_ERR_RANGE)", cases[i].what);
        ok(strstr(out->str + before, "nan") == NULL && strstr(out->str + before, "inf") == NULL,
           "and nothing of it reaches the back end");
        br_dev_fill_rect(dev, 0, 0, 1, 1, br_rgb(0x000000));
        ok(out->len == before && br_dev_status(dev) == BR_ERR_RANGE, "the error is sticky");
        br_trace_dev_free(t);
        g_string_free(out, TRUE);

        br_dlist *rec = br_dlist_new(100, 100);
        cases[i].draw(br_dlist_device(rec));
        ok(br_dev_status(br_dlist_device(rec)) == BR_ERR_RANGE, "a recording refuses %s too", cases[i].what);
        br_dlist_free(rec);
    }
    ok(strstr(br_status_str(BR_ERR_RANGE), "not finite") != NULL, "BR_ERR_RANGE says: %s",
       br_status_str(BR_ERR_RANGE));

    /* Finite values at the edges of double precision give finite scales. */
    static const double extremes[][2] = {
        {-DBL_MAX, DBL_MAX}, {0, DBL_MAX},    {-DBL_MAX, 0}, {0, 5e-324},     {5e-324, 5e-324},
        {0, 1e308},          {1e308, DBL_MAX}, {-1e308, 3},  {DBL_MAX, DBL_MAX}, {-5e-324, 5e-324},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(extremes); i++) {
        double lo = extremes[i][0], hi = extremes[i][1];
        for (int target = 2; target <= 8; target += 3) {
            br_scale s = br_scale_linear(lo, hi, target, 0, 400);
            ok(scale_finite(&s) && maps_inside(&s, lo) && maps_inside(&s, hi),
               "linear scale over %g..%g (%d ticks): finite, and both ends map onto the axis", lo, hi, target);
        }
        br_scale n = br_chart_nice_scale(lo, hi, 300, 0, 24);
        ok(scale_finite(&n) && maps_inside(&n, lo) && maps_inside(&n, hi), "nice scale over %g..%g: finite", lo, hi);
        if (lo > 0 || hi > 0) {
            double pos = lo > 0 ? lo : 5e-324;
            br_scale g = br_scale_log(pos, hi, 0, 400);
            ok(scale_finite(&g) && maps_inside(&g, pos) && maps_inside(&g, hi), "log scale over %g..%g: finite",
               pos, hi);
        }
    }
    ok(isfinite(br_scale_nice_step(INFINITY, 4)) && br_scale_nice_step(DBL_MAX, 1) <= 1e308,
       "tick steps are clamped to 1e308");
    ok(br_scale_nice_step(5e-324, 4) > 0, "and never underflow to 0");

    /* Ordinary values keep their ticks (the golden charts depend on it). */
    br_scale s = br_scale_linear(0, 97, 5, 0, 100);
    ok(s.lo == 0 && s.hi == 100 && s.step == 20 && s.n_ticks == 6, "0..97 in about 5 ticks: 0, 20, ..., 100");
    return done();
}
