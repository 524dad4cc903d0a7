/* dev_bbox: see dev_bbox.h. Curves are bounded by their control points,
 * which is conservative and enough for layout. */
#include "device/dev_bbox.h"

#include <glib.h>
#include <math.h>

#define MAX_CLIPS 64

struct br_bbox_dev {
    br_device base;
    br_rect bounds;
    int any;
    br_rect clips[MAX_CLIPS];
    int n_clips;
};

static br_rect path_bounds(const br_path *p)
{
    br_rect r = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    const br_path_seg *s = br_path_segments(p);
    for (size_t i = 0; i < br_path_length(p); i++) {
        int n = s[i].op == BR_PATH_CURVE ? 3 : s[i].op == BR_PATH_CLOSE ? 0 : 1;
        for (int k = 0; k < n; k++) {
            r.x0 = fmin(r.x0, s[i].pts[k][0]);
            r.y0 = fmin(r.y0, s[i].pts[k][1]);
            r.x1 = fmax(r.x1, s[i].pts[k][0]);
            r.y1 = fmax(r.y1, s[i].pts[k][1]);
        }
    }
    return r;
}

/* r cut to the innermost clip. */
static br_rect clipped(const br_bbox_dev *b, br_rect r)
{
    if (b->n_clips > 0) {
        br_rect c = b->clips[b->n_clips - 1];
        r.x0 = fmax(r.x0, c.x0);
        r.y0 = fmax(r.y0, c.y0);
        r.x1 = fmin(r.x1, c.x1);
        r.y1 = fmin(r.y1, c.y1);
    }
    return r;
}

/* Bounds are kept in sheet space: through the page transform first. */
static void add(br_bbox_dev *b, br_rect r)
{
    if (!br_matrix_is_identity(&b->base.page_ctm))
        r = br_rect_transform(&r, &b->base.page_ctm);
    r = clipped(b, r);
    if (!(r.x0 <= r.x1 && r.y0 <= r.y1))
        return;
    if (!b->any) {
        b->bounds = r;
        b->any = 1;
        return;
    }
    b->bounds.x0 = fmin(b->bounds.x0, r.x0);
    b->bounds.y0 = fmin(b->bounds.y0, r.y0);
    b->bounds.x1 = fmax(b->bounds.x1, r.x1);
    b->bounds.y1 = fmax(b->bounds.y1, r.y1);
}

static br_status b_fill(br_device *dev, const br_path *p, br_fill_rule rule, br_color c)
{
    add((br_bbox_dev *)dev, path_bounds(p));
    return BR_OK;
}

static br_status b_stroke(br_device *dev, const br_path *p, const br_stroke *st, br_color c)
{
    br_rect r = path_bounds(p);
    double h = st->width / 2;
    r.x0 -= h;
    r.y0 -= h;
    r.x1 += h;
    r.y1 += h;
    add((br_bbox_dev *)dev, r);
    return BR_OK;
}

static br_status b_clip(br_device *dev, const br_path *p, br_fill_rule rule)
{
    br_bbox_dev *b = (br_bbox_dev *)dev;
    if (b->n_clips == MAX_CLIPS)
        return BR_ERR_UNSUPPORTED;
    br_rect r = path_bounds(p);
    if (!br_matrix_is_identity(&b->base.page_ctm))
        r = br_rect_transform(&r, &b->base.page_ctm);
    r = clipped(b, r);
    b->clips[b->n_clips++] = r;
    return BR_OK;
}

static br_status b_pop(br_device *dev)
{
    ((br_bbox_dev *)dev)->n_clips--;
    return BR_OK;
}

static br_status b_text(br_device *dev, const br_text_run *run)
{
    add((br_bbox_dev *)dev, run->box);
    return BR_OK;
}

static br_status b_image(br_device *dev, const br_image *img, const br_rect *r)
{
    add((br_bbox_dev *)dev, *r);
    return BR_OK;
}

br_bbox_dev *br_bbox_dev_new(void)
{
    br_bbox_dev *b = g_new0(br_bbox_dev, 1);
    br_dev_init(&b->base, 0, 0);
    b->base.fill_path = b_fill;
    b->base.stroke_path = b_stroke;
    b->base.clip_path = b_clip;
    b->base.pop_clip = b_pop;
    b->base.fill_text = b_text;
    b->base.fill_image = b_image;
    return b;
}

br_device *br_bbox_dev_device(br_bbox_dev *dev)
{
    return &dev->base;
}

int br_bbox_dev_bounds(const br_bbox_dev *dev, br_rect *r)
{
    if (dev->any)
        *r = dev->bounds;
    return dev->any;
}

void br_bbox_dev_free(br_bbox_dev *dev)
{
    g_free(dev);
}
