/* path: the project's own path type (move/line/curve/close, in points) and
 * a small builder.
 *
 * device.h speaks br_path so that neither cairo.h nor hpdf.h leaks into
 * chart code.  Arcs and rounded shapes are built with Cairo's geometry on a
 * scratch context and copied back as curves (cairo_copy_path under an
 * identity matrix gives device-space Bézier curves), so both back ends see
 * exactly the same segments.
 */
#ifndef BR_PATH_H
#define BR_PATH_H

#include <stddef.h>

#include "base/diag.h"

typedef enum { BR_PATH_MOVE, BR_PATH_LINE, BR_PATH_CURVE, BR_PATH_CLOSE } br_path_op;

/* One segment: MOVE and LINE use pts[0]; CURVE uses pts[0..2] (two control
 * points, then the end point); CLOSE uses none. */
typedef struct br_path_seg {
    br_path_op op;
    double pts[3][2];
} br_path_seg;

typedef struct br_path br_path;

/* An empty path (NULL when out of memory). */
br_path *br_path_new(void);
void br_path_free(br_path *path);

/* Removes all segments, keeping the allocation. */
void br_path_clear(br_path *path);

/* Appending never fails visibly: out of memory sets a sticky error that
 * br_path_status() reports. */
void br_path_move_to(br_path *path, double x, double y);
void br_path_line_to(br_path *path, double x, double y);
void br_path_curve_to(br_path *path, double x1, double y1, double x2,
                      double y2, double x3, double y3);
void br_path_close(br_path *path);

/* A closed rectangle, clockwise on the page (y down). */
void br_path_rect(br_path *path, double x, double y, double w, double h);

/* A circular arc from angle a0 to a1 (radians, clockwise on the page),
 * as a new sub-path when new_sub_path is nonzero, as Bézier curves. */
void br_path_arc(br_path *path, double cx, double cy, double r, double a0,
                 double a1, int new_sub_path);

size_t br_path_length(const br_path *path);
const br_path_seg *br_path_segments(const br_path *path);
br_status br_path_status(const br_path *path);

#endif
