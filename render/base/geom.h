/* geom: affine matrices and rectangles, in points.
 *
 * Page space has its origin at the top-left corner and y pointing down;
 * every coordinate in briefing is in points (1/72 in) unless a name says
 * otherwise.  Value types: pass and return them by value.
 */
#ifndef BR_GEOM_H
#define BR_GEOM_H

#include <stdbool.h>

typedef struct br_matrix {
    double xx, yx, xy, yy, x0, y0; /* x' = xx*x + xy*y + x0; y' = yx*x + yy*y + y0 */
} br_matrix;

typedef struct br_rect {
    double x0, y0, x1, y1;
} br_rect;

br_matrix br_matrix_identity(void);
br_matrix br_matrix_translate(double tx, double ty);
br_matrix br_matrix_scale(double sx, double sy);
br_matrix br_matrix_multiply(const br_matrix *a, const br_matrix *b); /* a, then b */
void br_matrix_apply(const br_matrix *m, double *x, double *y);
/* Only the linear part (no translation), for vectors and distances. */
void br_matrix_apply_vector(const br_matrix *m, double *x, double *y);
bool br_matrix_is_identity(const br_matrix *m);
bool br_matrix_equal(const br_matrix *a, const br_matrix *b);
/* The factor lengths grow by, for matrices that scale both axes alike
 * (rotations and uniform scales): sqrt(|det|). */
double br_matrix_scale_factor(const br_matrix *m);

/* The bounding box of r transformed by m. */
br_rect br_rect_transform(const br_rect *r, const br_matrix *m);

#endif
