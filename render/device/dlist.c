/* dlist: see dlist.h. Calls are kept in a GArray of tagged records whose
 * payloads live in the list's arena. */
#include "device/dlist.h"

#include <glib.h>
#include <string.h>

#include "base/arena.h"

typedef enum {
    OP_FILL,
    OP_STROKE,
    OP_CLIP,
    OP_POP_CLIP,
    OP_TEXT,
    OP_IMAGE,
    OP_BEGIN_LINK,
    OP_END_LINK,
    OP_TRANSFORM
} op_kind;

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
    br_matrix ctm; /* OP_TRANSFORM */
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
    /* The pixels are borrowed (dlist.h): a copy per block that shows an
     * image, per recording, was what made one large logo cost gigabytes. */
    op o = {.kind = OP_IMAGE, .image = *image, .rect = *dest};
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

static br_status rec_transform(br_device *dev)
{
    op o = {.kind = OP_TRANSFORM, .ctm = dev->page_ctm};
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
    br_dev_init(&l->base, width, height);
    l->base.fill_path = rec_fill;
    l->base.stroke_path = rec_stroke;
    l->base.clip_path = rec_clip;
    l->base.pop_clip = rec_pop_clip;
    l->base.fill_text = rec_text;
    l->base.fill_image = rec_image;
    l->base.begin_link = rec_begin_link;
    l->base.end_link = rec_end_link;
    l->base.set_page_transform = rec_transform;
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
    return list->base.sheet_width;
}

double br_dlist_height(const br_dlist *list)
{
    return list->base.sheet_height;
}

/* The recorded path, moved by m when m is given. */
static void load_path(br_path *p, const op *o, const br_matrix *m)
{
    br_path_clear(p);
    for (size_t i = 0; i < o->n_segs; i++) {
        br_path_seg s = o->segs[i];
        if (m)
            for (int k = 0; k < 3; k++)
                br_matrix_apply(m, &s.pts[k][0], &s.pts[k][1]);
        switch (s.op) {
        case BR_PATH_MOVE: br_path_move_to(p, s.pts[0][0], s.pts[0][1]); break;
        case BR_PATH_LINE: br_path_line_to(p, s.pts[0][0], s.pts[0][1]); break;
        case BR_PATH_CURVE:
            br_path_curve_to(p, s.pts[0][0], s.pts[0][1], s.pts[1][0], s.pts[1][1], s.pts[2][0], s.pts[2][1]);
            break;
        case BR_PATH_CLOSE: br_path_close(p); break;
        }
    }
}

/* A text run moved and scaled by m (no rotation: checked by the caller);
 * the glyphs go into *buf, grown as needed. */
static br_text_run moved_run(const br_text_run *run, const br_matrix *m, GArray *buf)
{
    br_text_run r = *run;
    g_array_set_size(buf, (guint)run->n_glyphs);
    br_glyph *g = (br_glyph *)(void *)buf->data;
    for (size_t i = 0; i < run->n_glyphs; i++) {
        g[i] = run->glyphs[i];
        br_matrix_apply(m, &g[i].x, &g[i].y);
    }
    r.glyphs = g;
    r.size = run->size * m->yy;
    r.box = br_rect_transform(&run->box, m);
    return r;
}

static br_status replay(const br_dlist *list, br_device *target, const br_matrix *m);

br_status br_dlist_replay(const br_dlist *list, br_device *target)
{
    return replay(list, target, NULL);
}

br_status br_dlist_replay_transformed(const br_dlist *list, br_device *target, const br_matrix *m)
{
    /* Text has no matrix of its own: only moves and uniform scales keep it
     * upright and undistorted. */
    if (m->xy != 0 || m->yx != 0 || m->xx != m->yy || !(m->xx > 0)) {
        br_dev_fail(target, BR_ERR_UNSUPPORTED);
        return br_dev_status(target);
    }
    return replay(list, target, br_matrix_is_identity(m) ? NULL : m);
}

static br_status replay(const br_dlist *list, br_device *target, const br_matrix *m)
{
    const br_matrix base = target->page_ctm;
    GArray *glyphs = m ? g_array_new(FALSE, FALSE, sizeof(br_glyph)) : NULL;
    br_path *p = br_path_new();
    if (!p) {
        br_dev_fail(target, BR_ERR_NOMEM);
        return br_dev_status(target);
    }
    for (guint i = 0; i < list->ops->len && br_dev_status(target) == BR_OK; i++) {
        const op *o = &g_array_index(list->ops, op, i);
        switch (o->kind) {
        case OP_FILL:
            load_path(p, o, m);
            br_dev_fill_path(target, p, o->rule, o->color);
            break;
        case OP_STROKE: {
            load_path(p, o, m);
            br_stroke st = o->stroke;
            if (m) {
                st.width *= m->xx;
                st.dash_offset *= m->xx;
                for (int k = 0; k < st.n_dashes; k++)
                    st.dashes[k] *= m->xx;
            }
            br_dev_stroke_path(target, p, &st, o->color);
            break;
        }
        case OP_CLIP:
            load_path(p, o, m);
            br_dev_clip_path(target, p, o->rule);
            break;
        case OP_POP_CLIP: br_dev_pop_clip(target); break;
        case OP_TEXT:
            if (m) {
                br_text_run r = moved_run(&o->run, m, glyphs);
                br_dev_fill_text(target, &r);
            } else {
                br_dev_fill_text(target, &o->run);
            }
            break;
        case OP_IMAGE: {
            br_rect r = m ? br_rect_transform(&o->rect, m) : o->rect;
            br_dev_fill_image(target, &o->image, &r);
            break;
        }
        case OP_BEGIN_LINK: {
            br_rect r = m ? br_rect_transform(&o->rect, m) : o->rect;
            br_dev_begin_link(target, &r, o->uri);
            break;
        }
        case OP_END_LINK: br_dev_end_link(target); break;
        case OP_TRANSFORM: {
            /* Recorded transforms apply within the target's own. */
            br_matrix m = br_matrix_multiply(&o->ctm, &base);
            br_dev_set_page_transform(target, &m);
            break;
        }
        }
    }
    br_dev_set_page_transform(target, &base);
    if (glyphs)
        g_array_free(glyphs, TRUE);
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
