/* geom: see geom.h. */
#include "base/geom.h"

#include <math.h>

br_matrix br_matrix_identity(void)
{
    return (br_matrix){1, 0, 0, 1, 0, 0};
}

br_matrix br_matrix_translate(double tx, double ty)
{
    return (br_matrix){1, 0, 0, 1, tx, ty};
}

br_matrix br_matrix_scale(double sx, double sy)
{
    return (br_matrix){sx, 0, 0, sy, 0, 0};
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

void br_matrix_apply_vector(const br_matrix *m, double *x, double *y)
{
    double nx = m->xx * *x + m->xy * *y;
    double ny = m->yx * *x + m->yy * *y;
    *x = nx;
    *y = ny;
}

bool br_matrix_is_identity(const br_matrix *m)
{
    return m->xx == 1 && m->yx == 0 && m->xy == 0 && m->yy == 1 && m->x0 == 0 && m->y0 == 0;
}

bool br_matrix_equal(const br_matrix *a, const br_matrix *b)
{
    return a->xx == b->xx && a->yx == b->yx && a->xy == b->xy && a->yy == b->yy && a->x0 == b->x0 &&
           a->y0 == b->y0;
}

double br_matrix_scale_factor(const br_matrix *m)
{
    return sqrt(fabs(m->xx * m->yy - m->xy * m->yx));
}

br_rect br_rect_transform(const br_rect *r, const br_matrix *m)
{
    double xs[4] = {r->x0, r->x1, r->x0, r->x1}, ys[4] = {r->y0, r->y0, r->y1, r->y1};
    br_rect out = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int i = 0; i < 4; i++) {
        br_matrix_apply(m, &xs[i], &ys[i]);
        out.x0 = fmin(out.x0, xs[i]);
        out.y0 = fmin(out.y0, ys[i]);
        out.x1 = fmax(out.x1, xs[i]);
        out.y1 = fmax(out.y1, ys[i]);
    }
    return out;
}
