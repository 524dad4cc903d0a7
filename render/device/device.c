/* device: wrappers around the back-end slots; see device.h.
 *
 * The wrappers are where the device's rules live (MuPDF source/fitz/device.c):
 * a failed device ignores further calls, clips must balance, dash
 * patterns must be ones every back end can write exactly, and every number
 * a call carries is finite.
 *
 * Finite numbers: PDF has no NaN or infinity, and libharu given one writes
 * a token no reader can parse ("EOF while reading token"), Cairo draws
 * nothing or asserts.  Charts compute their coordinates so that any finite
 * value of a set gives finite ones (charts/scale.c); this check is the last
 * line of defence, so that no back end ever sees NaN: a call with a number
 * that is not finite fails the device with BR_ERR_RANGE, and the render
 * with it, rather than write a corrupt file.
 */
#include "device/device.h"

#include <glib.h>
#include <math.h>

#include "base/arena.h"

static bool finite_path(const br_path *path)
{
    const br_path_seg *seg = br_path_segments(path);
    for (size_t i = 0, n = br_path_length(path); i < n; i++) {
        int pts = seg[i].op == BR_PATH_CURVE ? 3 : seg[i].op == BR_PATH_CLOSE ? 0 : 1;
        for (int k = 0; k < pts; k++)
            if (!isfinite(seg[i].pts[k][0]) || !isfinite(seg[i].pts[k][1]))
                return false;
    }
    return true;
}

static bool finite_color(br_color c)
{
    return isfinite(c.v[0]) && isfinite(c.v[1]) && isfinite(c.v[2]) && isfinite(c.v[3]) && isfinite(c.a);
}

static bool finite_rect(const br_rect *r)
{
    return isfinite(r->x0) && isfinite(r->y0) && isfinite(r->x1) && isfinite(r->y1);
}

static bool finite_matrix(const br_matrix *m)
{
    return isfinite(m->xx) && isfinite(m->yx) && isfinite(m->xy) && isfinite(m->yy) && isfinite(m->x0) &&
           isfinite(m->y0);
}

static bool finite_stroke(const br_stroke *s)
{
    return isfinite(s->width) && isfinite(s->miter_limit) && isfinite(s->dash_offset);
}

static bool finite_run(const br_text_run *run)
{
    if (!isfinite(run->size) || !finite_color(run->color) || !finite_rect(&run->box))
        return false;
    for (size_t i = 0; i < run->n_glyphs; i++)
        if (!isfinite(run->glyphs[i].x) || !isfinite(run->glyphs[i].y))
            return false;
    return true;
}

/* Fails dev with BR_ERR_RANGE unless ok; returns whether to go on. */
static bool require_finite(br_device *dev, bool ok)
{
    if (!ok)
        br_dev_fail(dev, BR_ERR_RANGE);
    return dev->status == BR_OK;
}

void br_dev_init(br_device *dev, double width, double height)
{
    dev->sheet_width = width;
    dev->sheet_height = height;
    dev->page_ctm = br_matrix_identity();
    dev->color_space = BR_SPACE_RGB;
    dev->opaque = false;
    dev->clip_depth = 0;
    dev->status = BR_OK;
}

void br_dev_set_page_transform(br_device *dev, const br_matrix *page_ctm)
{
    if (!require_finite(dev, finite_matrix(page_ctm)) || br_matrix_equal(&dev->page_ctm, page_ctm))
        return;
    if (dev->clip_depth != 0) {
        br_dev_fail(dev, BR_ERR_UNSUPPORTED);
        return;
    }
    dev->page_ctm = *page_ctm;
    if (dev->set_page_transform)
        br_dev_fail(dev, dev->set_page_transform(dev));
}

void br_dev_set_color_space(br_device *dev, br_colorspace space)
{
    dev->color_space = space;
}

void br_dev_set_opaque(br_device *dev, bool opaque)
{
    dev->opaque = opaque;
}

/* A colour as the slots receive it: in the device's space and, on an
 * opaque device, composited over white paper (white in that space: 1 in
 * gray and RGB, no ink in CMYK).  The one rule for colours and pixels. */
static br_color device_color(const br_device *dev, br_color c)
{
    br_color d = br_color_convert(c, dev->color_space);
    if (dev->opaque && d.a < 1) {
        br_color white = br_color_convert(br_color_rgb(1, 1, 1, 1), dev->color_space);
        double a = d.a < 0 ? 0 : d.a;
        for (int k = 0; k < 4; k++)
            d.v[k] = a * d.v[k] + (1 - a) * white.v[k];
        d.a = 1;
    }
    return d;
}

/* Does the colour reach the slots changed? */
static bool needs_conversion(const br_device *dev, br_color c)
{
    return c.space != dev->color_space || (dev->opaque && c.a < 1);
}


void br_dev_fail(br_device *dev, br_status status)
{
    if (dev->status == BR_OK && status != BR_OK)
        dev->status = br_error_set(status);
}

br_status br_dev_status(const br_device *dev)
{
    return dev->status;
}

#define CALL(dev, slot, ...)                                                   \
    do {                                                                       \
        if ((dev)->status == BR_OK && (dev)->slot)                             \
            br_dev_fail((dev), (dev)->slot((dev), __VA_ARGS__));               \
    } while (0)

void br_dev_fill_path(br_device *dev, const br_path *path, br_fill_rule rule,
                      br_color color)
{
    if (br_path_status(path) != BR_OK)
        br_dev_fail(dev, br_path_status(path));
    if (!require_finite(dev, finite_path(path) && finite_color(color)))
        return;
    CALL(dev, fill_path, path, rule, device_color(dev, color));
}

static int stroke_is_portable(const br_stroke *s)
{
    if (s->n_dashes < 0 || s->n_dashes > BR_MAX_DASHES)
        return 0;
    for (int i = 0; i < s->n_dashes; i++) {
        /* libharu writes integer dashes 1..100 only. */
        if (s->dashes[i] < 1 || s->dashes[i] > 100 || s->dashes[i] != (int)s->dashes[i])
            return 0;
    }
    return s->width > 0;
}

void br_dev_stroke_path(br_device *dev, const br_path *path,
                        const br_stroke *stroke, br_color color)
{
    if (br_path_status(path) != BR_OK)
        br_dev_fail(dev, br_path_status(path));
    if (!require_finite(dev, finite_path(path) && finite_stroke(stroke) && finite_color(color)))
        return;
    if (!stroke_is_portable(stroke))
        br_dev_fail(dev, BR_ERR_UNSUPPORTED);
    CALL(dev, stroke_path, path, stroke, device_color(dev, color));
}

void br_dev_clip_path(br_device *dev, const br_path *path, br_fill_rule rule)
{
    if (br_path_status(path) != BR_OK)
        br_dev_fail(dev, br_path_status(path));
    if (!require_finite(dev, finite_path(path)))
        return;
    dev->clip_depth++;
    CALL(dev, clip_path, path, rule);
}

void br_dev_pop_clip(br_device *dev)
{
    if (dev->status != BR_OK)
        return;
    if (dev->clip_depth <= 0) {
        br_dev_fail(dev, BR_ERR_UNSUPPORTED); /* unbalanced: a programming error */
        return;
    }
    dev->clip_depth--;
    if (dev->pop_clip)
        br_dev_fail(dev, dev->pop_clip(dev));
}

void br_dev_fill_text(br_device *dev, const br_text_run *run)
{
    if (run->n_glyphs == 0 || !require_finite(dev, finite_run(run)))
        return;
    if (!needs_conversion(dev, run->color)) {
        CALL(dev, fill_text, run);
        return;
    }
    br_text_run converted = *run;
    converted.color = device_color(dev, run->color);
    CALL(dev, fill_text, &converted);
}

/* The image's pixels as the device's slots receive them: a new buffer
 * (g_free it), or NULL when out of memory.  Each pixel goes through
 * device_color, the rule for colours, so images and vector colours agree. */
static uint8_t *convert_pixels(const br_device *dev, const br_image *img)
{
    br_colorspace space = dev->color_space;
    int from = br_image_channels(img->space), to = br_image_channels(space);
    size_t n = (size_t)img->width * (size_t)img->height, bytes;
    if (br_mul_size(n, (size_t)to, &bytes) != 0)
        return NULL;
    uint8_t *out = g_try_malloc(bytes ? bytes : 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *s = img->rgba + i * (size_t)from;
        br_color c = {0};
        c.space = img->space;
        for (int k = 0; k < from - 1; k++)
            c.v[k] = s[k] / 255.0;
        c.a = s[from - 1] / 255.0;
        br_color d = device_color(dev, c);
        uint8_t *o = out + i * (size_t)to;
        for (int k = 0; k < to - 1; k++)
            o[k] = (uint8_t)lround(d.v[k] * 255);
        o[to - 1] = (uint8_t)lround(d.a * 255);
    }
    return out;
}

/* Is any pixel less than opaque? */
static bool has_alpha(const br_image *img)
{
    int ch = br_image_channels(img->space);
    size_t n = (size_t)img->width * (size_t)img->height;
    for (size_t i = 0; i < n; i++)
        if (img->rgba[i * (size_t)ch + (size_t)ch - 1] != 255)
            return true;
    return false;
}

void br_dev_fill_image(br_device *dev, const br_image *image,
                       const br_rect *dest)
{
    if (!require_finite(dev, finite_rect(dest)))
        return;
    if (image->space == dev->color_space && !(dev->opaque && has_alpha(image))) {
        CALL(dev, fill_image, image, dest);
        return;
    }
    if (dev->status != BR_OK || !dev->fill_image)
        return;
    br_image converted = *image;
    uint8_t *px = convert_pixels(dev, image);
    if (!px) {
        br_dev_fail(dev, BR_ERR_NOMEM);
        return;
    }
    converted.space = dev->color_space;
    converted.rgba = px;
    CALL(dev, fill_image, &converted, dest);
    g_free(px);
}

void br_dev_begin_link(br_device *dev, const br_rect *area, const char *uri)
{
    if (!require_finite(dev, finite_rect(area)))
        return;
    CALL(dev, begin_link, area, uri);
}

void br_dev_end_link(br_device *dev)
{
    if (dev->status == BR_OK && dev->end_link)
        br_dev_fail(dev, dev->end_link(dev));
}

void br_dev_fill_rect(br_device *dev, double x, double y, double w, double h,
                      br_color color)
{
    br_path *p = br_path_new();
    if (!p) {
        br_dev_fail(dev, BR_ERR_NOMEM);
        return;
    }
    br_path_rect(p, x, y, w, h);
    br_dev_fill_path(dev, p, BR_FILL_NONZERO, color);
    br_path_free(p);
}

void br_dev_line(br_device *dev, double x0, double y0, double x1, double y1,
                 const br_stroke *stroke, br_color color)
{
    br_path *p = br_path_new();
    if (!p) {
        br_dev_fail(dev, BR_ERR_NOMEM);
        return;
    }
    br_path_move_to(p, x0, y0);
    br_path_line_to(p, x1, y1);
    br_dev_stroke_path(dev, p, stroke, color);
    br_path_free(p);
}

void br_dev_fill_circle(br_device *dev, double cx, double cy, double r, br_color color)
{
    br_path *p = br_path_new();
    if (!p) {
        br_dev_fail(dev, BR_ERR_NOMEM);
        return;
    }
    br_path_arc(p, cx, cy, r, 0, 2 * 3.14159265358979323846, 1);
    br_path_close(p);
    br_dev_fill_path(dev, p, BR_FILL_NONZERO, color);
    br_path_free(p);
}

br_stroke br_stroke_dashed(double width, double on, double off)
{
    br_stroke s = br_stroke_solid(width);
    s.n_dashes = 2;
    s.dashes[0] = on;
    s.dashes[1] = off;
    return s;
}

br_stroke br_stroke_solid(double width)
{
    br_stroke s = {0};
    s.width = width;
    s.cap = BR_CAP_BUTT;
    s.join = BR_JOIN_MITER;
    s.miter_limit = 10;
    return s;
}
