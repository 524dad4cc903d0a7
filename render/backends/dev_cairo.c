/* dev_cairo: see dev_cairo.h. */
#include "backends/dev_cairo.h"

#include <cairo-ft.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

struct br_cairo_page {
    br_device base; /* must be first */
    br_cairo_kind kind;
    cairo_surface_t *surface;
    cairo_t *cr;
    GByteArray *svg; /* SVG bytes as Cairo streams them */
    GHashTable *faces; /* br_font_face * -> cairo_font_face_t * */
    cairo_font_options_t *font_options;
    cairo_glyph_t *glyph_buf;
    size_t glyph_cap;
    double scale; /* device units per point: dpi / 72 for PNG, 1 for SVG */
};

static br_cairo_page *from_dev(br_device *dev)
{
    return (br_cairo_page *)dev;
}

static br_status cairo_err(cairo_t *cr)
{
    cairo_status_t st = cairo_status(cr);
    if (st == CAIRO_STATUS_SUCCESS)
        return BR_OK;
    return br_error_set(st == CAIRO_STATUS_NO_MEMORY ? BR_ERR_NOMEM : BR_ERR_BACKEND);
}

/* Cairo draws RGB only: colours in another space (gray, CMYK) are shown as
 * the RGB they stand for; the conversion is the device layer's one rule. */
static void set_source(cairo_t *cr, br_color c)
{
    br_color rgb = br_color_convert(c, BR_SPACE_RGB);
    cairo_set_source_rgba(cr, rgb.r, rgb.g, rgb.b, c.a);
}

static br_status c_transform(br_device *dev)
{
    br_cairo_page *pg = from_dev(dev);
    const br_matrix *m = &dev->page_ctm;
    cairo_matrix_t cm = {m->xx * pg->scale, m->yx * pg->scale, m->xy * pg->scale,
                         m->yy * pg->scale, m->x0 * pg->scale, m->y0 * pg->scale};
    cairo_set_matrix(pg->cr, &cm);
    return cairo_err(pg->cr);
}

static void set_path(cairo_t *cr, const br_path *p)
{
    const br_path_seg *s = br_path_segments(p);
    cairo_new_path(cr);
    for (size_t i = 0; i < br_path_length(p); i++) {
        switch (s[i].op) {
        case BR_PATH_MOVE: cairo_move_to(cr, s[i].pts[0][0], s[i].pts[0][1]); break;
        case BR_PATH_LINE: cairo_line_to(cr, s[i].pts[0][0], s[i].pts[0][1]); break;
        case BR_PATH_CURVE:
            cairo_curve_to(cr, s[i].pts[0][0], s[i].pts[0][1], s[i].pts[1][0], s[i].pts[1][1],
                           s[i].pts[2][0], s[i].pts[2][1]);
            break;
        case BR_PATH_CLOSE: cairo_close_path(cr); break;
        }
    }
}

static br_status c_fill(br_device *dev, const br_path *p, br_fill_rule rule, br_color c)
{
    cairo_t *cr = from_dev(dev)->cr;
    set_path(cr, p);
    cairo_set_fill_rule(cr, rule == BR_FILL_EVENODD ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
    set_source(cr, c);
    cairo_fill(cr);
    return cairo_err(cr);
}

static br_status c_stroke(br_device *dev, const br_path *p, const br_stroke *st, br_color c)
{
    static const cairo_line_cap_t caps[] = {CAIRO_LINE_CAP_BUTT, CAIRO_LINE_CAP_ROUND, CAIRO_LINE_CAP_SQUARE};
    static const cairo_line_join_t joins[] = {CAIRO_LINE_JOIN_MITER, CAIRO_LINE_JOIN_ROUND, CAIRO_LINE_JOIN_BEVEL};
    cairo_t *cr = from_dev(dev)->cr;
    set_path(cr, p);
    cairo_set_line_width(cr, st->width);
    cairo_set_line_cap(cr, caps[st->cap]);
    cairo_set_line_join(cr, joins[st->join]);
    cairo_set_miter_limit(cr, st->miter_limit > 0 ? st->miter_limit : 10);
    cairo_set_dash(cr, st->dashes, st->n_dashes, st->dash_offset);
    set_source(cr, c);
    cairo_stroke(cr);
    return cairo_err(cr);
}

static br_status c_clip(br_device *dev, const br_path *p, br_fill_rule rule)
{
    cairo_t *cr = from_dev(dev)->cr;
    cairo_save(cr);
    set_path(cr, p);
    cairo_set_fill_rule(cr, rule == BR_FILL_EVENODD ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
    cairo_clip(cr);
    return cairo_err(cr);
}

static br_status c_pop(br_device *dev)
{
    cairo_t *cr = from_dev(dev)->cr;
    cairo_restore(cr);
    return cairo_err(cr);
}

static cairo_font_face_t *face_for(br_cairo_page *pg, const br_font_face *face)
{
    cairo_font_face_t *cf = g_hash_table_lookup(pg->faces, face);
    if (cf)
        return cf;
    /* A pattern naming the file pins the face; the rendering switches are
     * what the PDF rasteriser does too: no hinting, outlines not bitmaps,
     * no synthetic bold or slant. */
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FILE, (const FcChar8 *)face->file);
    FcPatternAddInteger(pat, FC_INDEX, face->index);
    FcPatternAddBool(pat, FC_HINTING, FcFalse);
    FcPatternAddBool(pat, FC_EMBEDDED_BITMAP, FcFalse);
    FcPatternAddBool(pat, FC_EMBOLDEN, FcFalse);
    FcPatternAddBool(pat, FC_ANTIALIAS, FcTrue);
    cf = cairo_ft_font_face_create_for_pattern(pat);
    FcPatternDestroy(pat);
    if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(cf);
        return NULL;
    }
    g_hash_table_insert(pg->faces, (gpointer)face, cf);
    return cf;
}

static br_status c_text(br_device *dev, const br_text_run *run)
{
    br_cairo_page *pg = from_dev(dev);
    cairo_t *cr = pg->cr;
    cairo_font_face_t *cf = face_for(pg, run->face);
    if (!cf)
        return br_error_set(BR_ERR_FONT);
    if (run->n_glyphs > pg->glyph_cap) {
        pg->glyph_cap = run->n_glyphs * 2;
        pg->glyph_buf = g_renew(cairo_glyph_t, pg->glyph_buf, pg->glyph_cap);
    }
    for (size_t i = 0; i < run->n_glyphs; i++) {
        pg->glyph_buf[i].index = run->glyphs[i].id;
        pg->glyph_buf[i].x = run->glyphs[i].x;
        pg->glyph_buf[i].y = run->glyphs[i].y;
    }
    cairo_set_font_face(cr, cf);
    cairo_set_font_size(cr, run->size);
    cairo_set_font_options(cr, pg->font_options);
    set_source(cr, run->color);
    cairo_show_glyphs(cr, pg->glyph_buf, (int)run->n_glyphs);
    return cairo_err(cr);
}

static br_status c_image(br_device *dev, const br_image *img, const br_rect *r)
{
    cairo_t *cr = from_dev(dev)->cr;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, img->width, img->height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return br_error_set(BR_ERR_NOMEM);
    }
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    const int ch = br_image_channels(img->space);
    for (int y = 0; y < img->height; y++) {
        uint32_t *row = (uint32_t *)(data + (size_t)y * stride);
        const uint8_t *src = img->rgba + (size_t)y * img->width * ch;
        for (int x = 0; x < img->width; x++) {
            const uint8_t *px = src + (size_t)x * ch;
            unsigned a = px[ch - 1], r8 = px[0], g8 = px[0], b8 = px[0];
            if (img->space == BR_SPACE_RGB) {
                g8 = px[1];
                b8 = px[2];
            } else if (img->space == BR_SPACE_CMYK) {
                br_color k = {0};
                k.space = BR_SPACE_CMYK;
                for (int i = 0; i < 4; i++)
                    k.v[i] = px[i] / 255.0;
                br_color rgb = br_color_convert(k, BR_SPACE_RGB);
                r8 = (unsigned)lround(rgb.r * 255), g8 = (unsigned)lround(rgb.g * 255),
                b8 = (unsigned)lround(rgb.b * 255);
            }
            unsigned rr = (r8 * a + 127) / 255, gg = (g8 * a + 127) / 255, bb = (b8 * a + 127) / 255;
            row[x] = (a << 24) | (rr << 16) | (gg << 8) | bb;
        }
    }
    cairo_surface_mark_dirty(s);
    cairo_save(cr);
    cairo_translate(cr, r->x0, r->y0);
    cairo_scale(cr, (r->x1 - r->x0) / img->width, (r->y1 - r->y0) / img->height);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(s);
    return cairo_err(cr);
}

static cairo_status_t svg_write(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

void br_cairo_png_size(double width, double height, double dpi, uint64_t *w, uint64_t *h)
{
    double scale = dpi / 72.0;
    *w = (uint64_t)ceil(width * scale - 1e-6);
    *h = (uint64_t)ceil(height * scale - 1e-6);
}

static bool png_fits(double width, double height, double dpi)
{
    uint64_t w, h;
    br_cairo_png_size(width, height, dpi, &w, &h);
    return w <= 32767 && h <= 32767 && w * h <= BR_CAIRO_MAX_PAGE_PIXELS; /* 32767: Cairo's largest side */
}

int br_cairo_png_max_dpi(double width, double height)
{
    if (!(width > 0 && height > 0))
        return 0;
    /* Near the square root of the ratio, then a step or two to be exact
     * about the rounding up. */
    int d = (int)floor(72.0 * sqrt((double)BR_CAIRO_MAX_PAGE_PIXELS / (width * height))) + 2;
    while (d > 0 && !png_fits(width, height, d))
        d--;
    return d;
}

br_status br_cairo_page_new(br_cairo_kind kind, double width, double height,
                            double dpi, br_cairo_page **out)
{
    if (kind == BR_CAIRO_PNG && !png_fits(width, height, dpi))
        return br_error_set(BR_ERR_UNSUPPORTED);
    br_cairo_page *pg = g_new0(br_cairo_page, 1);
    pg->kind = kind;
    double scale = kind == BR_CAIRO_PNG ? dpi / 72.0 : 1.0;
    if (kind == BR_CAIRO_PNG) {
        uint64_t w, h;
        br_cairo_png_size(width, height, dpi, &w, &h);
        pg->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    } else {
        pg->svg = g_byte_array_new();
        pg->surface = cairo_svg_surface_create_for_stream(svg_write, pg->svg, width, height);
        cairo_svg_surface_restrict_to_version(pg->surface, CAIRO_SVG_VERSION_1_1);
    }
    pg->cr = cairo_create(pg->surface);
    pg->faces = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)cairo_font_face_destroy);
    pg->font_options = cairo_font_options_create();
    cairo_font_options_set_hint_style(pg->font_options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(pg->font_options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(pg->font_options, CAIRO_ANTIALIAS_GRAY);
    br_status st = cairo_err(pg->cr);
    if (st != BR_OK) {
        br_cairo_page_free(pg);
        return st;
    }
    /* Paper is white, as every PDF viewer shows it. */
    cairo_set_source_rgb(pg->cr, 1, 1, 1);
    cairo_paint(pg->cr);
    cairo_scale(pg->cr, scale, scale);
    pg->scale = scale;
    br_dev_init(&pg->base, width, height);
    pg->base.set_page_transform = c_transform;
    pg->base.fill_path = c_fill;
    pg->base.stroke_path = c_stroke;
    pg->base.clip_path = c_clip;
    pg->base.pop_clip = c_pop;
    pg->base.fill_text = c_text;
    pg->base.fill_image = c_image;
    *out = pg;
    return BR_OK;
}

br_device *br_cairo_page_device(br_cairo_page *page)
{
    return &page->base;
}

/* Cairo 1.16 names some SVG elements after the surface's unique_id
 * (`<g id="surface21">`, `<image id="image7">`, and the `#surface21` that
 * refers to them), a process-wide counter: the same page came out
 * different after other renders in the process, or in another thread
 * (found by tests/threads).  Renumbers them 1, 2, ... in order of first
 * appearance so the output depends on the document alone.  Glyph,
 * pattern, clip and mask ids are counted per document already. */
static void append_renumbered(GByteArray *out, const guint8 *svg, size_t len)
{
    static const char *const prefixes[] = {"id=\"surface", "#surface", "id=\"image", "#image"};
    GHashTable *seen[2] = {g_hash_table_new(g_str_hash, g_str_equal), g_hash_table_new(g_str_hash, g_str_equal)};
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    guint next[2] = {1, 1};
    size_t copied = 0;
    for (size_t i = 0; i < len; i++) {
        if (svg[i] != 'i' && svg[i] != '#')
            continue;
        for (int k = 0; k < 4; k++) {
            size_t pl = strlen(prefixes[k]);
            if (len - i <= pl || memcmp(svg + i, prefixes[k], pl) != 0 || !g_ascii_isdigit(svg[i + pl]))
                continue;
            size_t d = i + pl, e = d;
            while (e < len && g_ascii_isdigit(svg[e]))
                e++;
            char *num = g_strndup((const char *)svg + d, e - d);
            int kind = k / 2;
            guint id = GPOINTER_TO_UINT(g_hash_table_lookup(seen[kind], num));
            if (!id) {
                id = next[kind]++;
                g_hash_table_insert(seen[kind], num, GUINT_TO_POINTER(id));
                g_ptr_array_add(keys, num);
            } else {
                g_free(num);
            }
            char buf[16];
            int n = snprintf(buf, sizeof buf, "%u", id);
            g_byte_array_append(out, svg + copied, (guint)(d - copied));
            g_byte_array_append(out, (const guint8 *)buf, (guint)n);
            copied = e;
            i = e - 1;
            break;
        }
    }
    g_byte_array_append(out, svg + copied, (guint)(len - copied));
    g_hash_table_destroy(seen[0]);
    g_hash_table_destroy(seen[1]);
    g_ptr_array_free(keys, TRUE);
}

br_status br_cairo_page_finish(br_cairo_page *page, GByteArray *out)
{
    br_status st = br_dev_status(&page->base);
    if (st != BR_OK)
        return st;
    while (page->base.clip_depth > 0)
        br_dev_pop_clip(&page->base);
    st = cairo_err(page->cr);
    if (st != BR_OK)
        return st;
    cairo_surface_flush(page->surface);
    if (page->kind == BR_CAIRO_PNG) {
        if (cairo_surface_write_to_png_stream(page->surface, svg_write, out) != CAIRO_STATUS_SUCCESS)
            return br_error_set(BR_ERR_BACKEND);
    } else {
        cairo_surface_finish(page->surface);
        if (cairo_surface_status(page->surface) != CAIRO_STATUS_SUCCESS)
            return br_error_set(BR_ERR_BACKEND);
        append_renumbered(out, page->svg->data, page->svg->len);
    }
    return BR_OK;
}

void br_cairo_page_free(br_cairo_page *page)
{
    if (!page)
        return;
    if (page->cr)
        cairo_destroy(page->cr);
    if (page->surface)
        cairo_surface_destroy(page->surface);
    if (page->faces)
        g_hash_table_destroy(page->faces);
    if (page->font_options)
        cairo_font_options_destroy(page->font_options);
    if (page->svg)
        g_byte_array_free(page->svg, TRUE);
    g_free(page->glyph_buf);
    g_free(page);
}
