/* bleed: see bleed.h.  A filter device between the page's recording and
 * a new one: it forwards every call, growing the rectangles (fills and
 * clips) that reach an edge of the page.  Only axis-aligned rectangles:
 * backgrounds and bands are drawn as such (br_dev_fill_rect), and a shape
 * that merely touches an edge (a chart's bar at the margin) is not one. */
#include "print/bleed.h"

#include <math.h>

typedef struct {
    br_device base;
    br_device *target;
    double width, height, bleed;
} bleed_dev;

static bleed_dev *from_dev(br_device *dev)
{
    return (bleed_dev *)dev;
}

/* Edges within this distance of the page's edge touch it (points). */
#define TOUCH_PT 0.5

/* When path is one axis-aligned rectangle: OUT: *r, its corners. */
static bool as_rect(const br_path *path, br_rect *r)
{
    size_t n = br_path_length(path);
    const br_path_seg *seg = br_path_segments(path);
    if (n < 4 || n > 6 || seg[0].op != BR_PATH_MOVE)
        return false;
    double x[5], y[5];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (seg[i].op == BR_PATH_CLOSE)
            continue;
        if (seg[i].op == BR_PATH_CURVE || k == 5 || (i > 0 && seg[i].op == BR_PATH_MOVE))
            return false;
        x[k] = seg[i].pts[0][0];
        y[k] = seg[i].pts[0][1];
        k++;
    }
    if (k == 5 && (x[4] != x[0] || y[4] != y[0]))
        return false;
    if (k < 4)
        return false;
    /* Four corners, each side horizontal or vertical, alternating. */
    bool h_first = y[0] == y[1];
    for (size_t i = 0; i < 4; i++) {
        size_t j = (i + 1) % 4;
        bool horizontal = (i % 2 == 0) == h_first;
        if (horizontal ? y[i] != y[j] : x[i] != x[j])
            return false;
    }
    *r = (br_rect){fmin(x[0], x[2]), fmin(y[0], y[2]), fmax(x[0], x[2]), fmax(y[0], y[2])};
    return r->x1 > r->x0 && r->y1 > r->y0;
}

/* path, or when it is a rectangle reaching an edge, the rectangle grown
 * beyond that edge into *grown (which the caller frees).  NULL when out of
 * memory. */
static const br_path *grow(const bleed_dev *d, const br_path *path, br_path **grown)
{
    *grown = NULL;
    br_rect r;
    if (!as_rect(path, &r))
        return path;
    bool left = r.x0 <= TOUCH_PT, top = r.y0 <= TOUCH_PT;
    bool right = r.x1 >= d->width - TOUCH_PT, bottom = r.y1 >= d->height - TOUCH_PT;
    if (!left && !top && !right && !bottom)
        return path;
    if (left)
        r.x0 = -d->bleed;
    if (top)
        r.y0 = -d->bleed;
    if (right)
        r.x1 = d->width + d->bleed;
    if (bottom)
        r.y1 = d->height + d->bleed;
    *grown = br_path_new();
    if (!*grown)
        return NULL;
    br_path_rect(*grown, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
    return *grown;
}

static br_status f_fill(br_device *dev, const br_path *path, br_fill_rule rule, br_color color)
{
    bleed_dev *d = from_dev(dev);
    br_path *grown;
    const br_path *p = grow(d, path, &grown);
    if (!p)
        return br_error_set(BR_ERR_NOMEM);
    br_dev_fill_path(d->target, p, rule, color);
    br_path_free(grown);
    return br_dev_status(d->target);
}

static br_status f_clip(br_device *dev, const br_path *path, br_fill_rule rule)
{
    bleed_dev *d = from_dev(dev);
    br_path *grown;
    const br_path *p = grow(d, path, &grown);
    if (!p)
        return br_error_set(BR_ERR_NOMEM);
    br_dev_clip_path(d->target, p, rule);
    br_path_free(grown);
    return br_dev_status(d->target);
}

static br_status f_stroke(br_device *dev, const br_path *path, const br_stroke *stroke, br_color color)
{
    br_dev_stroke_path(from_dev(dev)->target, path, stroke, color);
    return br_dev_status(from_dev(dev)->target);
}

static br_status f_pop(br_device *dev)
{
    br_dev_pop_clip(from_dev(dev)->target);
    return br_dev_status(from_dev(dev)->target);
}

static br_status f_text(br_device *dev, const br_text_run *run)
{
    br_dev_fill_text(from_dev(dev)->target, run);
    return br_dev_status(from_dev(dev)->target);
}

static br_status f_image(br_device *dev, const br_image *image, const br_rect *dest)
{
    br_dev_fill_image(from_dev(dev)->target, image, dest);
    return br_dev_status(from_dev(dev)->target);
}

static br_status f_begin_link(br_device *dev, const br_rect *area, const char *uri)
{
    br_dev_begin_link(from_dev(dev)->target, area, uri);
    return br_dev_status(from_dev(dev)->target);
}

static br_status f_end_link(br_device *dev)
{
    br_dev_end_link(from_dev(dev)->target);
    return br_dev_status(from_dev(dev)->target);
}

br_status br_bleed_page(const br_dlist *page, double bleed, br_dlist **out)
{
    double w = br_dlist_width(page), h = br_dlist_height(page);
    br_dlist *list = br_dlist_new(w, h);
    if (!list)
        return br_error_set(BR_ERR_NOMEM);
    bleed_dev d = {.target = br_dlist_device(list), .width = w, .height = h, .bleed = bleed};
    br_dev_init(&d.base, w, h);
    d.base.fill_path = f_fill;
    d.base.stroke_path = f_stroke;
    d.base.clip_path = f_clip;
    d.base.pop_clip = f_pop;
    d.base.fill_text = f_text;
    d.base.fill_image = f_image;
    d.base.begin_link = f_begin_link;
    d.base.end_link = f_end_link;
    br_status st = br_dlist_replay(page, &d.base);
    if (st == BR_OK)
        st = br_dev_status(d.target);
    if (st != BR_OK) {
        br_dlist_free(list);
        return st;
    }
    *out = list;
    return BR_OK;
}
