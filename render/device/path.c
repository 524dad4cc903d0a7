/* path: see path.h. */
#include "device/path.h"

#include <cairo.h>
#include <stdlib.h>
#include <string.h>

struct br_path {
    br_path_seg *segs;
    size_t n, cap;
    br_status status;
};

br_path *br_path_new(void)
{
    return calloc(1, sizeof(br_path));
}

void br_path_free(br_path *path)
{
    if (!path)
        return;
    free(path->segs);
    free(path);
}

void br_path_clear(br_path *path)
{
    path->n = 0;
}

static br_path_seg *push(br_path *path, br_path_op op)
{
    if (path->status != BR_OK)
        return NULL;
    if (path->n == path->cap) {
        size_t cap = path->cap ? path->cap * 2 : 16;
        br_path_seg *segs = realloc(path->segs, cap * sizeof *segs);
        if (!segs) {
            path->status = br_error_set(BR_ERR_NOMEM);
            return NULL;
        }
        path->segs = segs;
        path->cap = cap;
    }
    br_path_seg *s = &path->segs[path->n++];
    memset(s, 0, sizeof *s);
    s->op = op;
    return s;
}

void br_path_move_to(br_path *path, double x, double y)
{
    br_path_seg *s = push(path, BR_PATH_MOVE);
    if (s) {
        s->pts[0][0] = x;
        s->pts[0][1] = y;
    }
}

void br_path_line_to(br_path *path, double x, double y)
{
    br_path_seg *s = push(path, BR_PATH_LINE);
    if (s) {
        s->pts[0][0] = x;
        s->pts[0][1] = y;
    }
}

void br_path_curve_to(br_path *path, double x1, double y1, double x2,
                      double y2, double x3, double y3)
{
    br_path_seg *s = push(path, BR_PATH_CURVE);
    if (s) {
        s->pts[0][0] = x1;
        s->pts[0][1] = y1;
        s->pts[1][0] = x2;
        s->pts[1][1] = y2;
        s->pts[2][0] = x3;
        s->pts[2][1] = y3;
    }
}

void br_path_close(br_path *path)
{
    push(path, BR_PATH_CLOSE);
}

void br_path_rect(br_path *path, double x, double y, double w, double h)
{
    br_path_move_to(path, x, y);
    br_path_line_to(path, x + w, y);
    br_path_line_to(path, x + w, y + h);
    br_path_line_to(path, x, y + h);
    br_path_close(path);
}

/* Cairo already knows how to approximate arcs with Béziers to a tolerance
 * far below a pixel; a 1x1 scratch surface lends us that code. */
void br_path_arc(br_path *path, double cx, double cy, double r, double a0,
                 double a1, int new_sub_path)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    if (!new_sub_path && path->n > 0) {
        const br_path_seg *last = &path->segs[path->n - 1];
        if (last->op == BR_PATH_CURVE)
            cairo_move_to(cr, last->pts[2][0], last->pts[2][1]);
        else if (last->op != BR_PATH_CLOSE)
            cairo_move_to(cr, last->pts[0][0], last->pts[0][1]);
    }
    cairo_arc(cr, cx, cy, r, a0, a1);
    cairo_identity_matrix(cr);
    cairo_path_t *cp = cairo_copy_path(cr);
    if (cp->status != CAIRO_STATUS_SUCCESS) {
        if (path->status == BR_OK)
            path->status = br_error_set(BR_ERR_NOMEM);
    } else {
        int first = 1;
        for (int i = 0; i < cp->num_data; i += cp->data[i].header.length) {
            cairo_path_data_t *d = &cp->data[i];
            switch (d->header.type) {
            case CAIRO_PATH_MOVE_TO:
                if (first && !new_sub_path && path->n > 0)
                    break; /* continue the current sub-path */
                br_path_move_to(path, d[1].point.x, d[1].point.y);
                break;
            case CAIRO_PATH_LINE_TO:
                br_path_line_to(path, d[1].point.x, d[1].point.y);
                break;
            case CAIRO_PATH_CURVE_TO:
                br_path_curve_to(path, d[1].point.x, d[1].point.y, d[2].point.x,
                                 d[2].point.y, d[3].point.x, d[3].point.y);
                break;
            case CAIRO_PATH_CLOSE_PATH:
                br_path_close(path);
                break;
            }
            first = 0;
        }
    }
    cairo_path_destroy(cp);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

size_t br_path_length(const br_path *path)
{
    return path->n;
}

const br_path_seg *br_path_segments(const br_path *path)
{
    return path->segs;
}

br_status br_path_status(const br_path *path)
{
    return path->status;
}
