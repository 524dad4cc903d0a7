/* dlist: see dlist.h. Calls are kept in a GArray of tagged records whose
 * payloads live in the list's arena. */
#include "device/dlist.h"

#include <glib.h>
#include <string.h>

#include "base/arena.h"

typedef enum { OP_FILL, OP_STROKE, OP_CLIP, OP_POP_CLIP, OP_TEXT, OP_IMAGE, OP_BEGIN_LINK, OP_END_LINK } op_kind;

typedef struct {
    op_kind kind;
    br_fill_rule rule;
    br_color color;
    br_stroke stroke;
    br_path_seg *segs;
    size_t n_segs;
    br_text_run run;
    br_image image;
    br_rect rect;
    const char *uri;
} op;

struct br_dlist {
    br_device base; /* must be first */
    br_arena *arena;
    GArray *ops;
};

static br_dlist *from_dev(br_device *dev)
{
    return (br_dlist *)dev;
}

static br_status copy_path(br_dlist *l, op *o, const br_path *path)
{
    o->n_segs = br_path_length(path);
    o->segs = br_arena_calloc(l->arena, o->n_segs ? o->n_segs : 1, sizeof(br_path_seg));
    if (!o->segs)
        return BR_ERR_NOMEM;
    if (o->n_segs)
        memcpy(o->segs, br_path_segments(path), o->n_segs * sizeof(br_path_seg));
    return BR_OK;
}

static br_status rec_fill(br_device *dev, const br_path *path, br_fill_rule rule, br_color color)
{
    br_dlist *l = from_dev(dev);
    op o = {.kind = OP_FILL, .rule = rule, .color = color};
    if (copy_path(l, &o, path) != BR_OK)
        return BR_ERR_NOMEM;
    g_array_append_val(l->ops, o);
    return BR_OK;
}

static br_status rec_stroke(br_device *dev, const br_path *path, const br_stroke *stroke, br_color color)
{
    br_dlist *l = from_dev(dev);
    op o = {.kind = OP_STROKE, .stroke = *stroke, .color = color};
    if (copy_path(l, &o, path) != BR_OK)
        return BR_ERR_NOMEM;
    g_array_append_val(l->ops, o);
    return BR_OK;
}

static br_status rec_clip(br_device *dev, const br_path *path, br_fill_rule rule)
{
    br_dlist *l = from_dev(dev);
    op o = {.kind = OP_CLIP, .rule = rule};
    if (copy_path(l, &o, path) != BR_OK)
        return BR_ERR_NOMEM;
    g_array_append_val(l->ops, o);
    return BR_OK;
}

static br_status rec_pop_clip(br_device *dev)
{
    op o = {.kind = OP_POP_CLIP};
    g_array_append_val(from_dev(dev)->ops, o);
    return BR_OK;
}

static br_status rec_text(br_device *dev, const br_text_run *run)
{
    br_dlist *l = from_dev(dev);
    op o = {.kind = OP_TEXT, .run = *run};
    char *utf8 = br_arena_strndup(l->arena, run->utf8, run->n_bytes);
    br_glyph *g = br_arena_calloc(l->arena, run->n_glyphs, sizeof *g);
    br_cluster *c = br_arena_calloc(l->arena, run->n_clusters ? run->n_clusters : 1, sizeof *c);
    if (!utf8 || !g || !c)
        return BR_ERR_NOMEM;
    memcpy(g, run->glyphs, run->n_glyphs * sizeof *g);
    if (run->n_clusters)
        memcpy(c, run->clusters, run->n_clusters * sizeof *c);
    o.run.utf8 = utf8;
    o.run.glyphs = g;
    o.run.clusters = c;
    g_array_append_val(l->ops, o);
    return BR_OK;
}

static br_status rec_image(br_device *dev, const br_image *image, const br_rect *dest)
{
    br_dlist *l = from_dev(dev);
    op o = {.kind = OP_IMAGE, .image = *image, .rect = *dest};
    size_t n;
    if (br_mul_size((size_t)image->width * 4, (size_t)image->height, &n) != 0)
        return BR_ERR_NOMEM;
    uint8_t *px = br_arena_alloc(l->arena, n);
    if (!px)
        return BR_ERR_NOMEM;
    memcpy(px, image->rgba, n);
    o.image.rgba = px;
    g_array_append_val(l->ops, o);
    return BR_OK;
}

static br_status rec_begin_link(br_device *dev, const br_rect *area, const char *uri)
{
    br_dlist *l = from_dev(dev);
    op o = {.kind = OP_BEGIN_LINK, .rect = *area, .uri = br_arena_strdup(l->arena, uri)};
    if (!o.uri)
        return BR_ERR_NOMEM;
    g_array_append_val(l->ops, o);
    return BR_OK;
}

static br_status rec_end_link(br_device *dev)
{
    op o = {.kind = OP_END_LINK};
    g_array_append_val(from_dev(dev)->ops, o);
    return BR_OK;
}

br_dlist *br_dlist_new(double width, double height)
{
    br_dlist *l = g_new0(br_dlist, 1);
    l->arena = br_arena_new();
    if (!l->arena) {
        g_free(l);
        return NULL;
    }
    l->ops = g_array_new(FALSE, FALSE, sizeof(op));
    br_dev_init(&l->base, width, height, NULL);
    l->base.fill_path = rec_fill;
    l->base.stroke_path = rec_stroke;
    l->base.clip_path = rec_clip;
    l->base.pop_clip = rec_pop_clip;
    l->base.fill_text = rec_text;
    l->base.fill_image = rec_image;
    l->base.begin_link = rec_begin_link;
    l->base.end_link = rec_end_link;
    return l;
}

void br_dlist_free(br_dlist *list)
{
    if (!list)
        return;
    br_arena_free(list->arena);
    g_array_free(list->ops, TRUE);
    g_free(list);
}

br_device *br_dlist_device(br_dlist *list)
{
    return &list->base;
}

double br_dlist_width(const br_dlist *list)
{
    return list->base.page_width;
}

double br_dlist_height(const br_dlist *list)
{
    return list->base.page_height;
}

static void load_path(br_path *p, const op *o)
{
    br_path_clear(p);
    for (size_t i = 0; i < o->n_segs; i++) {
        const br_path_seg *s = &o->segs[i];
        switch (s->op) {
        case BR_PATH_MOVE: br_path_move_to(p, s->pts[0][0], s->pts[0][1]); break;
        case BR_PATH_LINE: br_path_line_to(p, s->pts[0][0], s->pts[0][1]); break;
        case BR_PATH_CURVE:
            br_path_curve_to(p, s->pts[0][0], s->pts[0][1], s->pts[1][0], s->pts[1][1],
                             s->pts[2][0], s->pts[2][1]);
            break;
        case BR_PATH_CLOSE: br_path_close(p); break;
        }
    }
}

br_status br_dlist_replay(const br_dlist *list, br_device *target)
{
    br_path *p = br_path_new();
    if (!p) {
        br_dev_fail(target, BR_ERR_NOMEM);
        return br_dev_status(target);
    }
    for (guint i = 0; i < list->ops->len && br_dev_status(target) == BR_OK; i++) {
        const op *o = &g_array_index(list->ops, op, i);
        switch (o->kind) {
        case OP_FILL:
            load_path(p, o);
            br_dev_fill_path(target, p, o->rule, o->color);
            break;
        case OP_STROKE:
            load_path(p, o);
            br_dev_stroke_path(target, p, &o->stroke, o->color);
            break;
        case OP_CLIP:
            load_path(p, o);
            br_dev_clip_path(target, p, o->rule);
            break;
        case OP_POP_CLIP: br_dev_pop_clip(target); break;
        case OP_TEXT: br_dev_fill_text(target, &o->run); break;
        case OP_IMAGE: br_dev_fill_image(target, &o->image, &o->rect); break;
        case OP_BEGIN_LINK: br_dev_begin_link(target, &o->rect, o->uri); break;
        case OP_END_LINK: br_dev_end_link(target); break;
        }
    }
    br_path_free(p);
    return br_dev_status(target);
}

void br_dlist_each_text(const br_dlist *list,
                        void (*fn)(const br_text_run *run, void *data), void *data)
{
    for (guint i = 0; i < list->ops->len; i++) {
        const op *o = &g_array_index(list->ops, op, i);
        if (o->kind == OP_TEXT)
            fn(&o->run, data);
    }
}
