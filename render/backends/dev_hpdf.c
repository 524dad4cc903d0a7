/* dev_hpdf: see dev_hpdf.h.
 *
 * Design note.  libharu is driven as a plain content-stream writer:
 *   - Each page starts with one `cm` that maps logical page space (points,
 *     y down) to PDF space (y up) through the page transform, so paths, line
 *     widths and dashes are written in logical units, unscaled.
 *   - Text sets the text matrix [1 0 0 -1 x y] so glyphs stand upright in the
 *     flipped space, then moves with Td between stretches.
 *   - Graphics state is cached (colours, width, cap, join, dash, alpha,
 *     font) and written only when it changes; a pop_clip (Q) forgets the
 *     cache because Q restores state behind our back.
 *   - libharu's error handler only records the error (it never longjmps);
 *     every constructor result is checked for NULL as well, because some
 *     failures (a truncated TTF) return NULL without calling the handler.
 */
#include "backends/dev_hpdf.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <hpdf.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "backends/pdf_font.h"
#include "base/failalloc.h"

typedef struct {
    HPDF_STATUS error_no, detail_no;
} hpdf_error;

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    hpdf_error *e = user_data;
    if (e->error_no == 0) {
        e->error_no = error_no;
        e->detail_no = detail_no;
    }
}

/* libharu's allocations go through failalloc so that the test hook
 * reaches them (with the hook off: plain malloc).  Two things libharu
 * does not do are done here, per thread (a document is written by one
 * thread from HPDF_NewEx to HPDF_Free, and libharu's allocator has no user
 * pointer):
 *   - it does not always pass an allocation failure to the error handler
 *     (and a later error overwrites it), so failures are counted;
 *   - on some out-of-memory paths it loses blocks that HPDF_Free never
 *     frees (found by tests/unit/test_nomem.c under LeakSanitizer), so
 *     every block is linked into the document's list and what is left after
 *     HPDF_Free is freed by us.
 * Nothing global is written unless an allocation fails. */
typedef struct hpdf_block {
    struct hpdf_block *prev, *next;
} hpdf_block; /* 16 bytes: the block after it stays aligned as malloc's */

static _Thread_local unsigned long hpdf_alloc_failures;
static _Thread_local hpdf_block hpdf_live; /* the list head; empty: NULL or itself */

static void *hpdf_alloc(HPDF_UINT size)
{
    hpdf_block *b = br_failalloc_malloc(sizeof(hpdf_block) + size);
    if (!b) {
        hpdf_alloc_failures++;
        return NULL;
    }
    if (!hpdf_live.next) /* a new thread's list */
        hpdf_live.next = hpdf_live.prev = &hpdf_live;
    b->next = hpdf_live.next;
    b->prev = &hpdf_live;
    hpdf_live.next->prev = b;
    hpdf_live.next = b;
    return b + 1;
}

static void hpdf_free(void *p)
{
    if (!p)
        return;
    hpdf_block *b = (hpdf_block *)p - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    br_failalloc_free(b);
}

/* After HPDF_Free: the blocks libharu lost. */
static void hpdf_free_lost(void)
{
    while (hpdf_live.next && hpdf_live.next != &hpdf_live)
        hpdf_free(hpdf_live.next + 1);
}

typedef struct {
    br_device base; /* must be first */
    HPDF_Doc pdf;
    HPDF_Page page;
    GHashTable *fonts; /* br_font_face * -> br_pdf_font * */
    GHashTable *gstates; /* alpha * 1000 -> HPDF_ExtGState */
    GHashTable *images;  /* image_key * -> HPDF_Image: an image shown again is one XObject */
    /* cached state; valid == 0 means unknown */
    int valid;
    br_color fill, stroke_color;
    double alpha;
    br_stroke stroke;
    double cur_size;
    br_matrix flip;   /* sheet (y down) -> PDF user space (y up) */
    br_matrix to_pdf; /* logical page -> PDF user space: page_ctm, then flip */
    int moved;        /* a q ... cm of a page transform is open */
    GString *scratch;
    GArray *stretch; /* uint32_t codes of the text being shown */
} hpdf_dev;

static hpdf_dev *from_dev(br_device *dev)
{
    return (hpdf_dev *)dev;
}

static br_status hpdf_status(hpdf_dev *d)
{
    return HPDF_GetError(d->pdf) == HPDF_OK ? BR_OK : br_error_set(BR_ERR_BACKEND);
}

static void emit_path(HPDF_Page page, const br_path *p)
{
    const br_path_seg *s = br_path_segments(p);
    for (size_t i = 0; i < br_path_length(p); i++) {
        switch (s[i].op) {
        case BR_PATH_MOVE: HPDF_Page_MoveTo(page, (HPDF_REAL)s[i].pts[0][0], (HPDF_REAL)s[i].pts[0][1]); break;
        case BR_PATH_LINE: HPDF_Page_LineTo(page, (HPDF_REAL)s[i].pts[0][0], (HPDF_REAL)s[i].pts[0][1]); break;
        case BR_PATH_CURVE:
            HPDF_Page_CurveTo(page, (HPDF_REAL)s[i].pts[0][0], (HPDF_REAL)s[i].pts[0][1],
                              (HPDF_REAL)s[i].pts[1][0], (HPDF_REAL)s[i].pts[1][1],
                              (HPDF_REAL)s[i].pts[2][0], (HPDF_REAL)s[i].pts[2][1]);
            break;
        case BR_PATH_CLOSE: HPDF_Page_ClosePath(page); break;
        }
    }
}

/* Colours arrive in the device's space (the wrappers converted them);
 * each space has its operator. */
static void write_fill_color(HPDF_Page page, br_color c)
{
    switch (c.space) {
    case BR_SPACE_GRAY: HPDF_Page_SetGrayFill(page, (HPDF_REAL)c.gray); break;
    case BR_SPACE_CMYK:
        HPDF_Page_SetCMYKFill(page, (HPDF_REAL)c.c, (HPDF_REAL)c.m, (HPDF_REAL)c.y, (HPDF_REAL)c.k);
        break;
    case BR_SPACE_RGB: HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b); break;
    }
}

static void write_stroke_color(HPDF_Page page, br_color c)
{
    switch (c.space) {
    case BR_SPACE_GRAY: HPDF_Page_SetGrayStroke(page, (HPDF_REAL)c.gray); break;
    case BR_SPACE_CMYK:
        HPDF_Page_SetCMYKStroke(page, (HPDF_REAL)c.c, (HPDF_REAL)c.m, (HPDF_REAL)c.y, (HPDF_REAL)c.k);
        break;
    case BR_SPACE_RGB: HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b); break;
    }
}

/* One ExtGState per opacity: libharu makes a new object on every call. */
static void set_alpha(hpdf_dev *d, double alpha)
{
    if ((d->valid & 4) && d->alpha == alpha)
        return;
    gpointer key = GINT_TO_POINTER((int)lround(alpha * 1000) + 1);
    HPDF_ExtGState gs = g_hash_table_lookup(d->gstates, key);
    if (!gs) {
        gs = HPDF_CreateExtGState(d->pdf);
        if (!gs)
            return;
        HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)alpha);
        HPDF_ExtGState_SetAlphaStroke(gs, (HPDF_REAL)alpha);
        g_hash_table_insert(d->gstates, key, gs);
    }
    HPDF_Page_SetExtGState(d->page, gs);
    d->alpha = alpha;
    d->valid |= 4;
}

static void set_fill(hpdf_dev *d, br_color c)
{
    set_alpha(d, c.a);
    if ((d->valid & 1) && br_color_same(d->fill, c))
        return;
    write_fill_color(d->page, c);
    d->fill = c;
    d->valid |= 1;
}

static void set_stroke(hpdf_dev *d, const br_stroke *st, br_color c)
{
    static const HPDF_LineCap caps[] = {HPDF_BUTT_END, HPDF_ROUND_END, HPDF_PROJECTING_SCUARE_END};
    static const HPDF_LineJoin joins[] = {HPDF_MITER_JOIN, HPDF_ROUND_JOIN, HPDF_BEVEL_JOIN};
    set_alpha(d, c.a);
    int known = d->valid & 2;
    if (!known || !br_color_same(d->stroke_color, c))
        write_stroke_color(d->page, c);
    if (!known || d->stroke.width != st->width)
        HPDF_Page_SetLineWidth(d->page, (HPDF_REAL)st->width);
    if (!known || d->stroke.cap != st->cap)
        HPDF_Page_SetLineCap(d->page, caps[st->cap]);
    if (!known || d->stroke.join != st->join)
        HPDF_Page_SetLineJoin(d->page, joins[st->join]);
    double ml = st->miter_limit > 0 ? st->miter_limit : 10;
    if (!known || d->stroke.miter_limit != ml)
        HPDF_Page_SetMiterLimit(d->page, (HPDF_REAL)ml);
    int dash_same = known && d->stroke.n_dashes == st->n_dashes && d->stroke.dash_offset == st->dash_offset &&
                    memcmp(d->stroke.dashes, st->dashes, sizeof(double) * (size_t)st->n_dashes) == 0;
    if (!dash_same) {
        /* The device wrapper has checked: at most 8 entries, integers 1..100. */
        HPDF_UINT16 dash[BR_MAX_DASHES];
        for (int i = 0; i < st->n_dashes; i++)
            dash[i] = (HPDF_UINT16)st->dashes[i];
        HPDF_Page_SetDash(d->page, st->n_dashes ? dash : NULL, (HPDF_UINT)st->n_dashes,
                          (HPDF_UINT)st->dash_offset);
    }
    d->stroke_color = c;
    d->stroke = *st;
    d->stroke.miter_limit = ml;
    d->valid |= 2;
}

static br_status p_fill(br_device *dev, const br_path *p, br_fill_rule rule, br_color c)
{
    hpdf_dev *d = from_dev(dev);
    if (br_path_length(p) == 0)
        return BR_OK;
    set_fill(d, c);
    emit_path(d->page, p);
    if (rule == BR_FILL_EVENODD)
        HPDF_Page_Eofill(d->page);
    else
        HPDF_Page_Fill(d->page);
    return hpdf_status(d);
}

static br_status p_stroke(br_device *dev, const br_path *p, const br_stroke *st, br_color c)
{
    hpdf_dev *d = from_dev(dev);
    if (br_path_length(p) == 0)
        return BR_OK;
    set_stroke(d, st, c);
    emit_path(d->page, p);
    HPDF_Page_Stroke(d->page);
    return hpdf_status(d);
}

static br_status p_clip(br_device *dev, const br_path *p, br_fill_rule rule)
{
    hpdf_dev *d = from_dev(dev);
    HPDF_Page_GSave(d->page);
    if (br_path_length(p) == 0) {
        /* An empty clip hides everything: clip to an empty rectangle. */
        HPDF_Page_Rectangle(d->page, 0, 0, 0, 0);
    } else {
        emit_path(d->page, p);
    }
    if (rule == BR_FILL_EVENODD)
        HPDF_Page_Eoclip(d->page);
    else
        HPDF_Page_Clip(d->page);
    HPDF_Page_EndPath(d->page);
    return hpdf_status(d);
}

static br_status p_pop(br_device *dev)
{
    hpdf_dev *d = from_dev(dev);
    HPDF_Page_GRestore(d->page);
    d->valid = 0; /* Q restored colours and widths we no longer know */
    return hpdf_status(d);
}

/* The page transform changed, with no clip open: the sheet's flip stays
 * the page's base; a moved page draws inside q [ctm] cm ... Q. */
static br_status p_transform(br_device *dev)
{
    hpdf_dev *d = from_dev(dev);
    if (d->moved) {
        HPDF_Page_GRestore(d->page);
        d->moved = 0;
        d->valid = 0;
    }
    const br_matrix *m = &dev->page_ctm;
    if (!br_matrix_is_identity(m)) {
        HPDF_Page_GSave(d->page);
        HPDF_Page_Concat(d->page, (HPDF_REAL)m->xx, (HPDF_REAL)m->yx, (HPDF_REAL)m->xy, (HPDF_REAL)m->yy,
                         (HPDF_REAL)m->x0, (HPDF_REAL)m->y0);
        d->moved = 1;
    }
    d->to_pdf = br_matrix_multiply(m, &d->flip);
    return hpdf_status(d);
}

/* A number as content streams write it: at most 4 decimals, no
 * exponent, no trailing zeros, whatever the locale. */
static void append_number(GString *out, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.4f", fabs(v) < 5e-5 ? 0 : v);
    char *e = buf + strlen(buf);
    while (e > buf && e[-1] == '0')
        *--e = 0;
    if (e > buf && e[-1] == '.')
        *--e = 0;
    g_string_append(out, buf);
}

/* Shows a stretch of codes: <hex> Tj, written directly (the font is not a
 * libharu font object, see pdf_font.h). */
static void show_stretch(hpdf_dev *d, const GArray *stretch)
{
    if (!stretch->len)
        return;
    GString *op = d->scratch;
    g_string_truncate(op, 0);
    g_string_append_c(op, '<');
    for (guint i = 0; i < stretch->len; i++)
        g_string_append_printf(op, "%04X", g_array_index(stretch, uint32_t, i));
    g_string_append(op, "> Tj\012");
    HPDF_Stream_WriteStr(((HPDF_PageAttr)d->page->attr)->stream, op->str);
}

static void set_font(hpdf_dev *d, const br_pdf_font *pf, double size)
{
    const char *name = HPDF_Page_GetLocalFontName(d->page, br_pdf_font_dict(pf));
    if (!name) {
        HPDF_SetError(&d->pdf->error, HPDF_PAGE_INVALID_FONT, 0);
        return;
    }
    GString *op = d->scratch;
    g_string_printf(op, "/%s ", name);
    append_number(op, size);
    g_string_append(op, " Tf\012");
    HPDF_Stream_WriteStr(((HPDF_PageAttr)d->page->attr)->stream, op->str);
}

static br_status p_text(br_device *dev, const br_text_run *run)
{
    hpdf_dev *d = from_dev(dev);
    br_pdf_font *pf = g_hash_table_lookup(d->fonts, run->face);
    if (!pf || !br_pdf_font_dict(pf))
        return br_error_set(BR_ERR_FONT);
    set_alpha(d, run->color.a);
    HPDF_Page_BeginText(d->page);
    set_font(d, pf, run->size);
    write_fill_color(d->page, run->color);
    d->fill = run->color;
    d->valid |= 1;

    /* Walk glyphs; merge consecutive ones into one stretch while the
     * font's advances (the W array's) land each within 0.001 pt of where
     * Pango put it. */
    const char *text = run->utf8;
    size_t byte = 0, glyph = 0;
    int started = 0;
    double line_x = 0, line_y = 0; /* origin of the current Td line */
    double pen_x = 0;              /* where the reader's pen stands now */
    GArray *stretch = d->stretch;
    g_array_set_size(stretch, 0);
    uint32_t small[16];
    for (size_t c = 0; c < run->n_clusters; c++) {
        const br_cluster *cl = &run->clusters[c];
        size_t n = (size_t)cl->n_glyphs;
        if (n == 0 || glyph + n > run->n_glyphs) {
            byte += (size_t)cl->n_bytes;
            continue;
        }
        uint32_t *codes = n <= G_N_ELEMENTS(small) ? small : g_new(uint32_t, n);
        br_pdf_font_codes(pf, text + byte, (size_t)cl->n_bytes, run->glyphs + glyph, n, codes);
        for (size_t k = 0; k < n; k++) {
            if (!codes[k])
                continue;
            double gx = run->glyphs[glyph + k].x, gy = run->glyphs[glyph + k].y;
            if (!started) {
                HPDF_Page_SetTextMatrix(d->page, 1, 0, 0, -1, (HPDF_REAL)gx, (HPDF_REAL)gy);
                line_x = pen_x = gx;
                line_y = gy;
                started = 1;
            } else if (fabs(pen_x - gx) > 0.001 || gy != line_y) {
                show_stretch(d, stretch);
                g_array_set_size(stretch, 0);
                /* Td is relative to the start of the current line, in text
                 * space, whose y axis points up. */
                HPDF_Page_MoveTextPos(d->page, (HPDF_REAL)(gx - line_x), (HPDF_REAL)-(gy - line_y));
                line_x = pen_x = gx;
                line_y = gy;
            }
            g_array_append_val(stretch, codes[k]);
            pen_x += br_pdf_font_advance(pf, codes[k]) * run->size / 1000.0;
        }
        if (codes != small)
            g_free(codes);
        byte += (size_t)cl->n_bytes;
        glyph += n;
    }
    show_stretch(d, stretch);
    HPDF_Page_EndText(d->page);
    return hpdf_status(d);
}

/* An image by its content: the pixels a device is given may be a
 * conversion made for one call, so their address says nothing. */
typedef struct {
    int width, height;
    br_colorspace space;
    guint64 hash; /* FNV-1a of the pixels */
} image_key;

static guint image_key_hash(gconstpointer p)
{
    const image_key *k = p;
    return (guint)(k->hash ^ (k->hash >> 32));
}

static gboolean image_key_equal(gconstpointer a, gconstpointer b)
{
    const image_key *x = a, *y = b;
    return x->width == y->width && x->height == y->height && x->space == y->space && x->hash == y->hash;
}

static image_key key_of(const br_image *img)
{
    image_key k = {img->width, img->height, img->space, 14695981039346656037u};
    size_t n = (size_t)img->width * (size_t)img->height * (size_t)br_image_channels(img->space);
    for (size_t i = 0; i < n; i++)
        k.hash = (k.hash ^ img->rgba[i]) * 1099511628211u;
    return k;
}

static void draw_xobject(hpdf_dev *d, HPDF_Image image, const br_rect *r)
{
    HPDF_Page_GSave(d->page);
    /* Image space is the unit square with row 0 at the top of y = 1;
     * in our y-down space that means a negative y scale. */
    HPDF_Page_Concat(d->page, (HPDF_REAL)(r->x1 - r->x0), 0, 0, (HPDF_REAL)-(r->y1 - r->y0),
                     (HPDF_REAL)r->x0, (HPDF_REAL)r->y1);
    HPDF_Page_ExecuteXObject(d->page, image);
    HPDF_Page_GRestore(d->page);
    d->valid = 0;
}

static br_status p_image(br_device *dev, const br_image *img, const br_rect *r)
{
    hpdf_dev *d = from_dev(dev);
    image_key key = key_of(img);
    HPDF_Image known = g_hash_table_lookup(d->images, &key);
    if (known) {
        draw_xobject(d, known, r);
        return hpdf_status(d);
    }
    size_t npx = (size_t)img->width * (size_t)img->height;
    const int ch = br_image_channels(img->space), nc = ch - 1;
    guint8 *rgb = g_try_malloc(npx * (size_t)nc + 1), *alpha = g_try_malloc(npx + 1);
    if (!rgb || !alpha) {
        g_free(rgb);
        g_free(alpha);
        return br_error_set(BR_ERR_NOMEM);
    }
    int opaque = 1;
    for (size_t i = 0; i < npx; i++) {
        memcpy(rgb + (size_t)nc * i, img->rgba + (size_t)ch * i, (size_t)nc);
        alpha[i] = img->rgba[(size_t)ch * i + (size_t)nc];
        opaque &= alpha[i] == 255;
    }
    HPDF_ColorSpace cs = img->space == BR_SPACE_GRAY   ? HPDF_CS_DEVICE_GRAY
                         : img->space == BR_SPACE_CMYK ? HPDF_CS_DEVICE_CMYK
                                                       : HPDF_CS_DEVICE_RGB;
    HPDF_Image image = HPDF_LoadRawImageFromMem(d->pdf, rgb, (HPDF_UINT)img->width, (HPDF_UINT)img->height,
                                                cs, 8);
    if (image && !opaque) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(d->pdf, alpha, (HPDF_UINT)img->width,
                                                   (HPDF_UINT)img->height, HPDF_CS_DEVICE_GRAY, 8);
        if (mask) {
            /* 2.3.0 leaves the mask uncompressed. */
            mask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
            HPDF_Image_AddSMask(image, mask);
        }
    }
    g_free(rgb);
    g_free(alpha);
    if (!image)
        return br_error_set(BR_ERR_BACKEND);
    g_hash_table_insert(d->images, g_memdup2(&key, sizeof key), image);
    draw_xobject(d, image, r);
    return hpdf_status(d);
}

static br_status p_link(br_device *dev, const br_rect *r, const char *uri)
{
    hpdf_dev *d = from_dev(dev);
    double xs[2] = {r->x0, r->x1}, ys[2] = {r->y0, r->y1};
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
            double x = xs[i], y = ys[j];
            br_matrix_apply(&d->to_pdf, &x, &y);
            minx = fmin(minx, x);
            miny = fmin(miny, y);
            maxx = fmax(maxx, x);
            maxy = fmax(maxy, y);
        }
    }
    HPDF_Rect rect = {(HPDF_REAL)minx, (HPDF_REAL)miny, (HPDF_REAL)maxx, (HPDF_REAL)maxy};
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(d->page, rect, uri);
    if (!a)
        return br_error_set(BR_ERR_BACKEND);
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    return hpdf_status(d);
}

/* ---- fonts ---------------------------------------------------------- */

typedef struct {
    GHashTable *fonts; /* br_font_face * -> br_pdf_font * */
    GPtrArray *order;  /* br_pdf_font *, in order of first use */
} font_collector;

static void collect_text(const br_text_run *run, void *data)
{
    font_collector *fc = data;
    br_pdf_font *pf = g_hash_table_lookup(fc->fonts, run->face);
    if (!pf) {
        pf = br_pdf_font_new(run->face);
        g_hash_table_insert(fc->fonts, (gpointer)run->face, pf);
        g_ptr_array_add(fc->order, pf);
    }
    size_t byte = 0, glyph = 0;
    for (size_t c = 0; c < run->n_clusters; c++) {
        const br_cluster *cl = &run->clusters[c];
        size_t n = (size_t)cl->n_glyphs;
        if (n > 0 && glyph + n <= run->n_glyphs) {
            br_pdf_font_collect(pf, run->utf8 + byte, (size_t)cl->n_bytes, run->glyphs + glyph, n);
            glyph += n;
        }
        byte += (size_t)cl->n_bytes;
    }
}

/* ---- document ------------------------------------------------------- */

/* A PDF text string (ISO 32000-1 7.9.2.2) of UTF-8: printable ASCII as
 * itself, anything else as UTF-16BE after its byte order mark.  Made here
 * because libharu's UTF-8 encoder, the only other way, fills 384 KiB of
 * tables byte by byte for every document (about 4 % of a profile's time).
 * NULL when out of memory. */
static void *text_string(HPDF_Doc pdf, const char *utf8)
{
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)utf8; *p && ascii; p++)
        ascii = *p >= 0x20 && *p < 0x7F;
    if (ascii)
        return HPDF_String_New(pdf->mmgr, utf8, NULL);
    glong n = 0;
    gunichar2 *u16 = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    if (!u16)
        return HPDF_String_New(pdf->mmgr, "", NULL); /* not UTF-8: the readers checked it */
    guint8 *be = g_malloc(2 * (size_t)n + 2);
    be[0] = 0xFE;
    be[1] = 0xFF;
    for (glong i = 0; i < n; i++) {
        be[2 + 2 * i] = (guint8)(u16[i] >> 8);
        be[3 + 2 * i] = (guint8)u16[i];
    }
    void *s = HPDF_Binary_New(pdf->mmgr, be, (HPDF_UINT)(2 * n + 2));
    g_free(be);
    g_free(u16);
    return s;
}

static void set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    /* Makes the info dictionary (libharu has no other public way), then
     * replaces the value with the text string. */
    if (HPDF_SetInfoAttr(pdf, type, " ") == HPDF_OK && pdf->info)
        HPDF_Dict_Add(pdf->info, key, text_string(pdf, value));
}

/* A key of our own in the Info dictionary (PDF 32000-1 14.3.3 allows
 * them): the fingerprint of what the document was made from, which
 * --skip-unchanged compares (briefing.h: br_output_current).  libharu has
 * no call for custom keys; its info dictionary exists once a standard key
 * has been set (the producer always is). */
static void set_inputs_digest(HPDF_Doc pdf, const char *digest)
{
    if (!digest || !pdf->info)
        return;
    HPDF_String s = HPDF_String_New(pdf->mmgr, digest, NULL);
    if (s)
        HPDF_Dict_Add(pdf->info, "BriefingInputs", s);
}

bool br_pdf_has_inputs_digest(const uint8_t *data, size_t len, const char *digest)
{
    if (len < 16 || memcmp(data, "%PDF-", 5) != 0 || !digest)
        return false;
    /* The end marker within the last 1 KB (ISO 32000-1 7.5.5): a file cut
     * short is never taken for a current one. */
    size_t tail = len < 1024 ? len : 1024;
    bool ends = false;
    for (size_t i = len - tail; i + 5 <= len && !ends; i++)
        ends = memcmp(data + i, "%%EOF", 5) == 0;
    if (!ends)
        return false;
    char *key = g_strdup_printf("/BriefingInputs (%s)", digest);
    size_t n = strlen(key);
    bool found = false;
    /* memmem is not C11; the bytes hold NULs, so no str* search either. */
    for (const uint8_t *p = data, *end = data + len; !found && (size_t)(end - p) >= n; p++) {
        p = memchr(p, '/', (size_t)(end - p) - n + 1);
        if (!p)
            break;
        found = memcmp(p, key, n) == 0;
    }
    g_free(key);
    return found;
}

static void set_dates(HPDF_Doc pdf, int64_t t)
{
    if (t < 0)
        return;
    GDateTime *dt = g_date_time_new_from_unix_utc(t);
    if (!dt)
        return;
    /* '+' with zero offset, never 'Z' (breaks PDF/A in libharu). */
    HPDF_Date d = {g_date_time_get_year(dt), g_date_time_get_month(dt), g_date_time_get_day_of_month(dt),
                   g_date_time_get_hour(dt), g_date_time_get_minute(dt), g_date_time_get_second(dt),
                   '+', 0, 0};
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
    g_date_time_unref(dt);
}

/* A page box (ISO 32000-1 14.11.2) of a sheet's rectangle (y down) on a
 * page h points high; libharu writes only the MediaBox itself. */
static HPDF_STATUS add_box(HPDF_Doc pdf, HPDF_Page page, const char *key, const br_rect *r, double h)
{
    HPDF_Array box = HPDF_Array_New(pdf->mmgr);
    if (!box)
        return HPDF_FAILD_TO_ALLOC_MEM;
    /* Filled before it is attached: a failed Dict_Add frees it. */
    HPDF_REAL v[4] = {(HPDF_REAL)r->x0, (HPDF_REAL)(h - r->y1), (HPDF_REAL)r->x1, (HPDF_REAL)(h - r->y0)};
    for (int i = 0; i < 4; i++) {
        HPDF_STATUS ret = HPDF_Array_AddReal(box, v[i]);
        if (ret != HPDF_OK) {
            HPDF_Array_Free(box);
            return ret;
        }
    }
    return HPDF_Dict_Add(page, key, box);
}

static br_status write_outline(HPDF_Doc pdf, HPDF_Page *pages, size_t n_pages,
                               const br_pdf_outline *outline, size_t n)
{
    HPDF_Outline parents[8] = {NULL};
    for (size_t i = 0; i < n; i++) {
        const br_pdf_outline *o = &outline[i];
        if (o->page < 0 || (size_t)o->page >= n_pages)
            continue;
        int level = o->level < 0 ? 0 : o->level > 7 ? 7 : o->level;
        while (level > 0 && !parents[level - 1])
            level--;
        HPDF_Outline ol = HPDF_CreateOutline(pdf, level ? parents[level - 1] : NULL, "", NULL);
        if (!ol || HPDF_Dict_Add(ol, "Title", text_string(pdf, o->title)) != HPDF_OK)
            return br_error_set(BR_ERR_BACKEND);
        HPDF_Page page = pages[o->page];
        HPDF_Destination dst = HPDF_Page_CreateDestination(page);
        if (!dst)
            return br_error_set(BR_ERR_BACKEND);
        /* [page /XYZ left top null]: keep the reader's zoom.  libharu's
         * SetXYZ refuses a null zoom, so the array is written by hand. */
        HPDF_Array_Clear(dst);
        HPDF_Array_Add(dst, page);
        HPDF_Array_AddName(dst, "XYZ");
        HPDF_Array_AddReal(dst, (HPDF_REAL)o->x);
        HPDF_Array_AddReal(dst, HPDF_Page_GetHeight(page) - (HPDF_REAL)o->y);
        HPDF_Array_Add(dst, HPDF_Null_New(pdf->mmgr));
        HPDF_Outline_SetDestination(ol, dst);
        HPDF_Outline_SetOpened(ol, HPDF_TRUE);
        parents[level] = ol;
        for (int k = level + 1; k < 8; k++)
            parents[k] = NULL;
    }
    return BR_OK;
}

br_status br_pdf_write(const br_pdf_info *info, const br_sheet *sheets, size_t n_pages,
                       const br_pdf_outline *outline, size_t n_outline, GByteArray *out,
                       br_diag *diag)
{
    hpdf_error err = {0, 0};
    br_status st = BR_OK;
    hpdf_dev d;
    memset(&d, 0, sizeof d);
    unsigned long failures = hpdf_alloc_failures;
    d.pdf = HPDF_NewEx(on_hpdf_error, hpdf_alloc, hpdf_free, 0, &err);
    if (!d.pdf) {
        hpdf_free_lost();
        br_diag_error(diag, "libharu cannot create a document (out of memory)");
        return br_error_set(BR_ERR_NOMEM);
    }
    d.fonts = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)br_pdf_font_free);
    d.gstates = g_hash_table_new(NULL, NULL);
    d.images = g_hash_table_new_full(image_key_hash, image_key_equal, g_free, NULL);
    d.scratch = g_string_new(NULL);
    d.stretch = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    HPDF_Page *hpages = g_new0(HPDF_Page, n_pages ? n_pages : 1);

    HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
    set_info(d.pdf, HPDF_INFO_TITLE, "Title", info->title);
    set_info(d.pdf, HPDF_INFO_AUTHOR, "Author", info->author);
    set_info(d.pdf, HPDF_INFO_SUBJECT, "Subject", info->subject);
    set_info(d.pdf, HPDF_INFO_KEYWORDS, "Keywords", info->keywords);
    set_info(d.pdf, HPDF_INFO_CREATOR, "Creator", info->creator);
    set_info(d.pdf, HPDF_INFO_PRODUCER, "Producer", info->producer);
    set_dates(d.pdf, info->creation_time);
    set_inputs_digest(d.pdf, info->inputs_digest);

    /* Pass 1: which characters each face must carry; faces are loaded in
     * order of first use so object numbers never depend on hashing. */
    font_collector fc = {d.fonts, g_ptr_array_new()};
    br_sheets_each_text(sheets, n_pages, collect_text, &fc);
    for (guint i = 0; i < fc.order->len && st == BR_OK; i++)
        st = br_pdf_font_embed(g_ptr_array_index(fc.order, i), d.pdf, diag);
    g_ptr_array_free(fc.order, TRUE);

    /* Pass 2: the sheets. */
    br_dev_set_color_space(&d.base, info->color_space);
    for (size_t i = 0; i < n_pages && st == BR_OK; i++) {
        double w = sheets[i].width, h = sheets[i].height;
        HPDF_Page page = HPDF_AddPage(d.pdf);
        if (!page) {
            st = br_error_set(BR_ERR_BACKEND);
            break;
        }
        hpages[i] = page;
        HPDF_Page_SetWidth(page, (HPDF_REAL)w);
        HPDF_Page_SetHeight(page, (HPDF_REAL)h);
        if (sheets[i].has_boxes && (add_box(d.pdf, page, "TrimBox", &sheets[i].trim_box, h) != HPDF_OK ||
                                    add_box(d.pdf, page, "BleedBox", &sheets[i].bleed_box, h) != HPDF_OK)) {
            st = br_error_set(BR_ERR_BACKEND);
            break;
        }
        d.page = page;
        d.valid = 0;
        d.moved = 0;
        br_colorspace space = d.base.color_space;
        br_dev_init(&d.base, w, h);
        br_dev_set_color_space(&d.base, space);
        d.base.fill_path = p_fill;
        d.base.stroke_path = p_stroke;
        d.base.clip_path = p_clip;
        d.base.pop_clip = p_pop;
        d.base.fill_text = p_text;
        d.base.fill_image = p_image;
        d.base.begin_link = p_link;
        d.base.set_page_transform = p_transform;
        /* sheet (y down) -> PDF (y up): one flip per page; page transforms
         * (imposition) nest inside it. */
        d.flip = (br_matrix){1, 0, 0, -1, 0, h};
        d.to_pdf = d.flip;
        HPDF_Page_Concat(page, (HPDF_REAL)d.flip.xx, (HPDF_REAL)d.flip.yx, (HPDF_REAL)d.flip.xy,
                         (HPDF_REAL)d.flip.yy, (HPDF_REAL)d.flip.x0, (HPDF_REAL)d.flip.y0);
        st = br_sheet_replay(&sheets[i], &d.base);
        while (st == BR_OK && d.base.clip_depth > 0) {
            br_dev_pop_clip(&d.base);
            st = br_dev_status(&d.base);
        }
    }
    if (st == BR_OK)
        st = write_outline(d.pdf, hpages, n_pages, outline, n_outline);
    /* Page labels: viewers show "3" for the third page, as the footer says. */
    if (st == BR_OK && n_pages > 0 && HPDF_AddPageLabel(d.pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL) != HPDF_OK)
        st = br_error_set(BR_ERR_BACKEND);
    /* A libharu call that failed without its caller noticing (page
     * operators return a status nobody checks) still means an incomplete
     * PDF: nothing is saved. */
    if (st == BR_OK && err.error_no)
        st = br_error_set(BR_ERR_BACKEND);
    if (st == BR_OK && HPDF_SaveToStream(d.pdf) == HPDF_OK) {
        HPDF_UINT32 size = HPDF_GetStreamSize(d.pdf);
        guint base = out->len;
        g_byte_array_set_size(out, base + size);
        HPDF_UINT32 got = size;
        if (HPDF_ReadFromStream(d.pdf, out->data + base, &got) != HPDF_OK && got != size)
            st = br_error_set(BR_ERR_BACKEND);
    } else if (st == BR_OK) {
        st = br_error_set(BR_ERR_BACKEND);
    }
    /* libharu out of memory is out of memory, not a back-end fault, even
     * when libharu went on and failed otherwise, or swallowed it. */
    if (hpdf_alloc_failures != failures || (st != BR_OK && err.error_no == HPDF_FAILD_TO_ALLOC_MEM)) {
        st = br_error_set(BR_ERR_NOMEM);
        br_diag_error(diag, "out of memory");
    } else if (st != BR_OK && err.error_no)
        br_diag_error(diag, "libharu error 0x%04X (detail %u)", (unsigned)err.error_no, (unsigned)err.detail_no);
    else if (st != BR_OK && br_diag_error_count(diag) == 0)
        br_diag_error(diag, "cannot write the PDF: %s", br_status_str(st));
    g_free(hpages);
    g_string_free(d.scratch, TRUE);
    g_array_free(d.stretch, TRUE);
    g_hash_table_destroy(d.gstates);
    g_hash_table_destroy(d.images);
    g_hash_table_destroy(d.fonts);
    HPDF_Free(d.pdf);
    hpdf_free_lost();
    return st;
}
