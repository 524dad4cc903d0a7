/* legend: see legend.h. */
#include "charts/legend.h"

#include <math.h>

#include "charts/label.h"
#include "charts/paint.h"

#define SWATCH 8.0
#define LINE_H 11.0
#define PAD 3.0
#define GAP 10.0

double br_chart_legend(br_chart_ctx *c, br_device *dev, const br_legend_item *items, size_t n, double x,
                       double y, double width)
{
    if (n == 0)
        return 0;
    double cx = x, h = 0;
    for (size_t i = 0; i < n; i++) {
        const br_legend_item *it = &items[i];
        if (!it->name) {
            if (cx > x) {
                cx = x;
                h += LINE_H;
            }
            continue;
        }
        double room = width - SWATCH - PAD;
        double tw = fmin(br_chart_text_width(c, it->name, c->theme.label_size, false), room);
        if (cx > x && cx + SWATCH + PAD + tw > x + width) {
            cx = x;
            h += LINE_H;
        }
        double sy = y + h + (LINE_H - SWATCH) / 2;
        switch (it->swatch) {
        case BR_SWATCH_CIRCLE: br_dev_fill_circle(dev, cx + SWATCH / 2, sy + SWATCH / 2, SWATCH / 2, it->color); break;
        case BR_SWATCH_NO_DATA: br_chart_fill_no_data(c, dev, cx, sy, SWATCH, SWATCH); break;
        case BR_SWATCH_FILL:
            br_chart_fill_hatched(c, dev, cx, sy, SWATCH, SWATCH, it->color, it->hatch);
            if (it->outline)
                br_chart_stroke_inside(dev, cx, sy, SWATCH, SWATCH, 0.5, c->theme.outline);
            break;
        }
        br_chart_label(c, dev, it->name, cx + SWATCH + PAD, y + h + LINE_H / 2, room, BR_ALIGN_LEFT, c->theme.axis);
        cx += SWATCH + PAD + tw + GAP;
    }
    return h + LINE_H + 4;
}
