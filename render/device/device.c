/* device: wrappers around the back-end slots; see device.h.
 *
 * The wrappers are where the device's rules live (MuPDF source/fitz/device.c):
 * a failed device ignores further calls, clips must balance, and dash
 * patterns must be ones every back end can write exactly.
 */
#include "device/device.h"

br_matrix br_matrix_identity(void)
{
    return (br_matrix){1, 0, 0, 1, 0, 0};
}

br_matrix br_matrix_multiply(const br_matrix *a, const br_matrix *b)
{
    br_matrix r;
    r.xx = a->xx * b->xx + a->yx * b->xy;
    r.yx = a->xx * b->yx + a->yx * b->yy;
    r.xy = a->xy * b->xx + a->yy * b->xy;
    r.yy = a->xy * b->yx + a->yy * b->yy;
    r.x0 = a->x0 * b->xx + a->y0 * b->xy + b->x0;
    r.y0 = a->x0 * b->yx + a->y0 * b->yy + b->y0;
    return r;
}

void br_matrix_apply(const br_matrix *m, double *x, double *y)
{
    double nx = m->xx * *x + m->xy * *y + m->x0;
    double ny = m->yx * *x + m->yy * *y + m->y0;
    *x = nx;
    *y = ny;
}

void br_dev_init(br_device *dev, double width, double height,
                 const br_matrix *page_ctm)
{
    dev->page_width = width;
    dev->page_height = height;
    dev->page_ctm = page_ctm ? *page_ctm : br_matrix_identity();
    dev->clip_depth = 0;
    dev->status = BR_OK;
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
    CALL(dev, fill_path, path, rule, color);
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
    if (!stroke_is_portable(stroke))
        br_dev_fail(dev, BR_ERR_UNSUPPORTED);
    CALL(dev, stroke_path, path, stroke, color);
}

void br_dev_clip_path(br_device *dev, const br_path *path, br_fill_rule rule)
{
    if (br_path_status(path) != BR_OK)
        br_dev_fail(dev, br_path_status(path));
    if (dev->status != BR_OK)
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
    if (run->n_glyphs == 0)
        return;
    CALL(dev, fill_text, run);
}

void br_dev_fill_image(br_device *dev, const br_image *image,
                       const br_rect *dest)
{
    CALL(dev, fill_image, image, dest);
}

void br_dev_begin_link(br_device *dev, const br_rect *area, const char *uri)
{
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

br_color br_rgb(uint32_t rgb)
{
    return br_rgba(rgb, 1.0);
}

br_color br_rgba(uint32_t rgb, double alpha)
{
    br_color c = {((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                  (rgb & 0xff) / 255.0, alpha};
    return c;
}
