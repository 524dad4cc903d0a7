/* dev_trace: see dev_trace.h. */
#include "device/dev_trace.h"

#include <math.h>

struct br_trace_dev {
    br_device base;
    GString *out;
};

/* %.2f of -0.001 prints "-0.00"; golden files should not care. */
static void num(GString *s, double v)
{
    double r = round(v * 100) / 100;
    if (r == 0)
        r = 0;
    g_string_append_printf(s, " %.2f", r);
}

static void color(GString *s, br_color c)
{
    if (c.space == BR_SPACE_GRAY) {
        g_string_append(s, " gray");
        num(s, c.gray);
    } else if (c.space == BR_SPACE_CMYK) {
        g_string_append(s, " cmyk");
        for (int i = 0; i < 4; i++)
            num(s, c.v[i]);
    } else {
        g_string_append_printf(s, " #%02x%02x%02x", (int)lround(c.r * 255), (int)lround(c.g * 255),
                               (int)lround(c.b * 255));
    }
    if (c.a < 1)
        g_string_append_printf(s, " alpha=%.2f", c.a);
}

static void path(GString *s, const br_path *p)
{
    const br_path_seg *seg = br_path_segments(p);
    for (size_t i = 0; i < br_path_length(p); i++) {
        switch (seg[i].op) {
        case BR_PATH_MOVE: g_string_append(s, " M"); num(s, seg[i].pts[0][0]); num(s, seg[i].pts[0][1]); break;
        case BR_PATH_LINE: g_string_append(s, " L"); num(s, seg[i].pts[0][0]); num(s, seg[i].pts[0][1]); break;
        case BR_PATH_CURVE:
            g_string_append(s, " C");
            for (int k = 0; k < 3; k++) {
                num(s, seg[i].pts[k][0]);
                num(s, seg[i].pts[k][1]);
            }
            break;
        case BR_PATH_CLOSE: g_string_append(s, " Z"); break;
        }
    }
}

static br_status t_fill(br_device *dev, const br_path *p, br_fill_rule rule, br_color c)
{
    GString *s = ((br_trace_dev *)dev)->out;
    g_string_append(s, rule == BR_FILL_EVENODD ? "fill evenodd" : "fill");
    color(s, c);
    path(s, p);
    g_string_append_c(s, '\n');
    return BR_OK;
}

static br_status t_stroke(br_device *dev, const br_path *p, const br_stroke *st, br_color c)
{
    GString *s = ((br_trace_dev *)dev)->out;
    g_string_append(s, "stroke");
    color(s, c);
    g_string_append(s, " w");
    num(s, st->width);
    if (st->cap != BR_CAP_BUTT || st->join != BR_JOIN_MITER)
        g_string_append_printf(s, " cap=%d join=%d", st->cap, st->join);
    if (st->n_dashes) {
        g_string_append(s, " dash");
        for (int i = 0; i < st->n_dashes; i++)
            num(s, st->dashes[i]);
    }
    path(s, p);
    g_string_append_c(s, '\n');
    return BR_OK;
}

static br_status t_clip(br_device *dev, const br_path *p, br_fill_rule rule)
{
    GString *s = ((br_trace_dev *)dev)->out;
    g_string_append(s, "clip");
    path(s, p);
    g_string_append_c(s, '\n');
    return BR_OK;
}

static br_status t_pop(br_device *dev)
{
    g_string_append(((br_trace_dev *)dev)->out, "pop_clip\n");
    return BR_OK;
}

static br_status t_text(br_device *dev, const br_text_run *run)
{
    GString *s = ((br_trace_dev *)dev)->out;
    const char *base = strrchr(run->face->file, '/');
    g_string_append_printf(s, "text %s size", base ? base + 1 : run->face->file);
    num(s, run->size);
    color(s, run->color);
    g_string_append(s, " box");
    num(s, run->box.x0);
    num(s, run->box.y0);
    num(s, run->box.x1);
    num(s, run->box.y1);
    g_string_append(s, " \"");
    for (size_t i = 0; i < run->n_bytes; i++) {
        char ch = run->utf8[i];
        if (ch == '"' || ch == '\\')
            g_string_append_c(s, '\\');
        g_string_append_c(s, ch == '\n' ? ' ' : ch);
    }
    g_string_append(s, "\"\n");
    return BR_OK;
}

static br_status t_image(br_device *dev, const br_image *img, const br_rect *r)
{
    GString *s = ((br_trace_dev *)dev)->out;
    g_string_append_printf(s, "image %dx%d", img->width, img->height);
    num(s, r->x0);
    num(s, r->y0);
    num(s, r->x1);
    num(s, r->y1);
    g_string_append_c(s, '\n');
    return BR_OK;
}

static br_status t_link(br_device *dev, const br_rect *r, const char *uri)
{
    GString *s = ((br_trace_dev *)dev)->out;
    g_string_append(s, "link");
    num(s, r->x0);
    num(s, r->y0);
    num(s, r->x1);
    num(s, r->y1);
    g_string_append_printf(s, " %s\n", uri);
    return BR_OK;
}

static br_status t_transform(br_device *dev)
{
    GString *s = ((br_trace_dev *)dev)->out;
    const br_matrix *m = &dev->page_ctm;
    g_string_append(s, "transform");
    double v[6] = {m->xx, m->yx, m->xy, m->yy, m->x0, m->y0};
    for (int i = 0; i < 6; i++)
        num(s, v[i]);
    g_string_append_c(s, '\n');
    return BR_OK;
}

br_trace_dev *br_trace_dev_new(GString *out, double width, double height)
{
    br_trace_dev *t = g_new0(br_trace_dev, 1);
    t->out = out;
    br_dev_init(&t->base, width, height);
    t->base.fill_path = t_fill;
    t->base.stroke_path = t_stroke;
    t->base.clip_path = t_clip;
    t->base.pop_clip = t_pop;
    t->base.fill_text = t_text;
    t->base.fill_image = t_image;
    t->base.begin_link = t_link;
    t->base.set_page_transform = t_transform;
    g_string_append(out, "page");
    num(out, width);
    num(out, height);
    g_string_append_c(out, '\n');
    return t;
}

br_device *br_trace_dev_device(br_trace_dev *dev)
{
    return &dev->base;
}

void br_trace_dev_free(br_trace_dev *dev)
{
    g_free(dev);
}
