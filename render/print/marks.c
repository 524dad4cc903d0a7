/* marks: see marks.h. */
#include "print/marks.h"

br_status br_marks_new(double sheet_w, double sheet_h, const br_rect *trim, double bleed, br_dlist **out)
{
    br_dlist *list = br_dlist_new(sheet_w, sheet_h);
    if (!list)
        return br_error_set(BR_ERR_NOMEM);
    br_device *dev = br_dlist_device(list);
    br_stroke stroke = br_stroke_solid(0.25);
    br_color black = br_rgb(0x000000);
    double near = bleed + BR_MARKS_GAP_PT, far = near + BR_MARKS_LENGTH_PT;
    double xs[2] = {trim->x0, trim->x1}, ys[2] = {trim->y0, trim->y1};
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
            double x = xs[i], y = ys[j];
            double out_x = i == 0 ? -1 : 1, out_y = j == 0 ? -1 : 1; /* away from the page */
            /* On the prolonged vertical trim edge, above or below the page;
             * then on the horizontal one, left or right of it. */
            br_dev_line(dev, x, y + out_y * near, x, y + out_y * far, &stroke, black);
            br_dev_line(dev, x + out_x * near, y, x + out_x * far, y, &stroke, black);
        }
    }
    br_status st = br_dev_status(dev);
    if (st != BR_OK) {
        br_dlist_free(list);
        return st;
    }
    *out = list;
    return BR_OK;
}
