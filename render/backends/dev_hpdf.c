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

#include "backends/hpdf_obj.h"
#include "backends/pdf_font.h"
#include "backends/xmp.h"
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

static void append_number(GString *out, double v);
static void append_op(GString *op, const double *v, int n, const char *op_name);

/* Content operators are written straight into the page's content stream,
 * built in d->scratch and written in one piece: libharu's page functions
 * (HPDF_Page_MoveTo and the like) cost about 3,000 instructions each, in a
 * 512-byte buffer cleared per call and a check of the graphics mode.  The
 * mode stays libharu's "page description" throughout, which its own
 * calls that remain (q/Q, cm, ExtGState, XObjects, annotations) expect. */
static void put(hpdf_dev *d, const GString *op)
{
    HPDF_Stream_Write(((HPDF_PageAttr)d->page->attr)->stream, (const HPDF_BYTE *)op->str, (HPDF_UINT)op->len);
}

static void append_path(GString *op, const br_path *p)
{
    const br_path_seg *s = br_path_segments(p);
    for (size_t i = 0; i < br_path_length(p); i++) {
        switch (s[i].op) {
        case BR_PATH_MOVE: append_op(op, s[i].pts[0], 2, "m"); break;
        case BR_PATH_LINE: append_op(op, s[i].pts[0], 2, "l"); break;
        case BR_PATH_CURVE: {
            double v[6] = {s[i].pts[0][0], s[i].pts[0][1], s[i].pts[1][0], s[i].pts[1][1], s[i].pts[2][0],
                           s[i].pts[2][1]};
            append_op(op, v, 6, "c");
            break;
        }
        case BR_PATH_CLOSE: g_string_append(op, "h\012"); break;
        }
    }
}

/* Colours arrive in the device's space (the wrappers converted them);
 * each space has its operator, lower case for filling, upper for
 * stroking. */
static void append_color(GString *op, br_color c, bool stroke)
{
    switch (c.space) {
    case BR_SPACE_GRAY: append_op(op, &c.gray, 1, stroke ? "G" : "g"); break;
    case BR_SPACE_CMYK: {
        double v[4] = {c.c, c.m, c.y, c.k};
        append_op(op, v, 4, stroke ? "K" : "k");
        break;
    }
    case BR_SPACE_RGB: {
        double v[3] = {c.r, c.g, c.b};
        append_op(op, v, 3, stroke ? "RG" : "rg");
        break;
    }
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

/* These append to op what the state needs (and remember it); the caller
 * writes op. */
static void set_fill(hpdf_dev *d, GString *op, br_color c)
{
    set_alpha(d, c.a);
    if ((d->valid & 1) && br_color_same(d->fill, c))
        return;
    append_color(op, c, false);
    d->fill = c;
    d->valid |= 1;
}

static void set_stroke(hpdf_dev *d, GString *op, const br_stroke *st, br_color c)
{
    set_alpha(d, c.a);
    int known = d->valid & 2;
    if (!known || !br_color_same(d->stroke_color, c))
        append_color(op, c, true);
    if (!known || d->stroke.width != st->width)
        append_op(op, &st->width, 1, "w");
    if (!known || d->stroke.cap != st->cap) /* butt 0, round 1, square 2: br_line_cap's order */
        g_string_append_printf(op, "%d J\012", (int)st->cap);
    if (!known || d->stroke.join != st->join) /* miter 0, round 1, bevel 2 */
        g_string_append_printf(op, "%d j\012", (int)st->join);
    double ml = st->miter_limit > 0 ? st->miter_limit : 10;
    if (!known || d->stroke.miter_limit != ml)
        append_op(op, &ml, 1, "M");
    int dash_same = known && d->stroke.n_dashes == st->n_dashes && d->stroke.dash_offset == st->dash_offset &&
                    memcmp(d->stroke.dashes, st->dashes, sizeof(double) * (size_t)st->n_dashes) == 0;
    if (!dash_same) {
        /* The device wrapper has checked: at most 8 entries, integers 1..100. */
        g_string_append_c(op, '[');
        for (int i = 0; i < st->n_dashes; i++) {
            if (i)
                g_string_append_c(op, ' ');
            append_number(op, st->dashes[i]);
        }
        g_string_append(op, "] ");
        append_op(op, &st->dash_offset, 1, "d");
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
    GString *op = d->scratch;
    g_string_truncate(op, 0);
    set_fill(d, op, c);
    append_path(op, p);
    g_string_append(op, rule == BR_FILL_EVENODD ? "f*\012" : "f\012");
    put(d, op);
    return hpdf_status(d);
}

static br_status p_stroke(br_device *dev, const br_path *p, const br_stroke *st, br_color c)
{
    hpdf_dev *d = from_dev(dev);
    if (br_path_length(p) == 0)
        return BR_OK;
    GString *op = d->scratch;
    g_string_truncate(op, 0);
    set_stroke(d, op, st, c);
    append_path(op, p);
    g_string_append(op, "S\012");
    put(d, op);
    return hpdf_status(d);
}

static br_status p_clip(br_device *dev, const br_path *p, br_fill_rule rule)
{
    hpdf_dev *d = from_dev(dev);
    HPDF_Page_GSave(d->page);
    GString *op = d->scratch;
    /* An empty clip hides everything: clip to an empty rectangle. */
    g_string_assign(op, br_path_length(p) == 0 ? "0 0 0 0 re\012" : "");
    append_path(op, p);
    g_string_append(op, rule == BR_FILL_EVENODD ? "W* n\012" : "W n\012");
    put(d, op);
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
    /* Whole ten-thousandths, by integer arithmetic: g_ascii_formatd took
     * about 2,000 instructions a number, and a 3,000-row table writes
     * 100,000 of them.  Beyond 1e11 (never a page coordinate) printf. */
    if (!isfinite(v) || fabs(v) >= 1e11) {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(buf, sizeof buf, "%.4f", isfinite(v) ? v : 0);
        g_string_append(out, buf);
        return;
    }
    long long q = llround(v * 10000.0);
    if (q == 0) {
        g_string_append_c(out, '0');
        return;
    }
    char buf[32], *e = buf + sizeof buf, *p = e;
    unsigned long long u = q < 0 ? (unsigned long long)-q : (unsigned long long)q;
    unsigned frac = (unsigned)(u % 10000);
    u /= 10000;
    if (frac) {
        int digits = 4;
        while (frac % 10 == 0) { /* no trailing zeros */
            frac /= 10;
            digits--;
        }
        for (int i = 0; i < digits; i++) {
            *--p = (char)('0' + frac % 10);
            frac /= 10;
        }
        *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (q < 0)
        *--p = '-';
    g_string_append_len(out, p, e - p);
}

/* Appends a stretch of codes as <hex> Tj (the font is not a libharu font
 * object, see pdf_font.h). */
static void append_stretch(GString *op, const GArray *stretch)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!stretch->len)
        return;
    g_string_append_c(op, '<');
    for (guint i = 0; i < stretch->len; i++) {
        uint32_t code = g_array_index(stretch, uint32_t, i);
        char four[4] = {hex[code >> 12 & 15], hex[code >> 8 & 15], hex[code >> 4 & 15], hex[code & 15]};
        g_string_append_len(op, four, 4);
    }
    g_string_append(op, "> Tj\012");
}

/* Appends the operands a b ... and the operator op_name. */
static void append_op(GString *op, const double *v, int n, const char *op_name)
{
    for (int i = 0; i < n; i++) {
        append_number(op, v[i]);
        g_string_append_c(op, ' ');
    }
    g_string_append(op, op_name);
    g_string_append_c(op, '\012');
}

/* A text run is one text object, BT ... ET, written in one piece: its
 * operators (Tf, Tm, Td, Tj) go straight into the content stream, as
 * libharu's page functions spent more on their 512-byte buffers and
 * state checks than on the text (the 3,000-row table draws 24,000 runs).
 * libharu's graphics mode is not involved: it stays in page description,
 * where the colour and state calls around the run expect it. */
static br_status p_text(br_device *dev, const br_text_run *run)
{
    hpdf_dev *d = from_dev(dev);
    br_pdf_font *pf = g_hash_table_lookup(d->fonts, run->face);
    if (!pf || !br_pdf_font_dict(pf))
        return br_error_set(BR_ERR_FONT);
    const char *font_name = HPDF_Page_GetLocalFontName(d->page, br_pdf_font_dict(pf));
    if (!font_name) {
        HPDF_SetError(&d->pdf->error, HPDF_PAGE_INVALID_FONT, 0);
        return hpdf_status(d);
    }
    GString *op = d->scratch;
    g_string_truncate(op, 0);
    set_fill(d, op, run->color); /* graphics state: it holds inside the text object */
    g_string_append(op, "BT\012/");
    g_string_append(op, font_name);
    g_string_append_c(op, ' ');
    append_op(op, &run->size, 1, "Tf");

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
                /* y down on the page (the flip of br_pdf_write), up in text space. */
                double tm[6] = {1, 0, 0, -1, gx, gy};
                append_op(op, tm, 6, "Tm");
                line_x = pen_x = gx;
                line_y = gy;
                started = 1;
            } else if (fabs(pen_x - gx) > 0.001 || gy != line_y) {
                append_stretch(op, stretch);
                g_array_set_size(stretch, 0);
                /* Td is relative to the start of the current line, in text
                 * space, whose y axis points up. */
                double td[2] = {gx - line_x, -(gy - line_y)};
                append_op(op, td, 2, "Td");
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
    append_stretch(op, stretch);
    g_string_append(op, "ET\012");
    put(d, op);
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
    /* Print (ISO 32000-1 12.5.3): an annotation without it is left out of
     * print, which PDF/A-1 forbids (6.5.3); a link draws nothing anyway. */
    if (HPDF_Dict_AddNumber(a, "F", 4) != HPDF_OK)
        return br_error_set(BR_ERR_BACKEND);
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

#define STEP BR_HPDF_STEP /* hpdf_obj.h */
#define MADE BR_HPDF_MADE

/* The trailer's /ID (ISO 32000-1 14.4): two equal strings, the first 16
 * bytes of the inputs digest, so a rerun gives the same file and another
 * profile or language another identity.  libharu writes /ID only for
 * encryption (from the clock); the trailer dictionary is written with
 * whatever it holds. */
static HPDF_STATUS write_id(HPDF_Doc pdf, const char *digest)
{
    guint8 id[16];
    for (int i = 0; i < 16; i++) {
        int hi = g_ascii_xdigit_value(digest[2 * i]), lo = hi < 0 ? -1 : g_ascii_xdigit_value(digest[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return HPDF_INVALID_PARAMETER; /* shorter than 32 hex digits: the caller's mistake */
        id[i] = (guint8)(hi << 4 | lo);
    }
    HPDF_STATUS r = HPDF_OK;
    HPDF_Array ids = HPDF_Array_New(pdf->mmgr);
    MADE(ids);
    STEP(HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, sizeof id)));
    STEP(HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, sizeof id)));
    STEP(HPDF_Dict_Add(pdf->trailer, "ID", ids));
    return r;
}

/* The PDF/A-1 output intent (ISO 19005-1 6.2.2): the profile of the
 * colour space every colour is written in; gray documents take the RGB
 * profile (DeviceGray needs no particular intent). */
static HPDF_STATUS write_output_intent(HPDF_Doc pdf, const br_pdf_info *info)
{
    bool cmyk = info->color_space == BR_SPACE_CMYK;
    HPDF_STATUS r = HPDF_OK;
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict profile = br_hpdf_stream_new(pdf, info->output_icc, info->output_icc_len, true);
    MADE(profile);
    STEP(HPDF_Dict_AddNumber(profile, "N", cmyk ? 4 : 3));
    HPDF_Dict intent = r == HPDF_OK ? HPDF_Dict_New(mm) : NULL;
    MADE(intent);
    const char *condition = cmyk ? "CMYK (Ghostscript default_cmyk.icc)" : "sRGB IEC61966-2.1";
    STEP(HPDF_Dict_AddName(intent, "Type", "OutputIntent"));
    STEP(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"));
    STEP(HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, condition, NULL)));
    STEP(HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, condition, NULL)));
    STEP(HPDF_Dict_Add(intent, "DestOutputProfile", profile));
    HPDF_Array intents = r == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    MADE(intents);
    STEP(HPDF_Array_Add(intents, intent));
    STEP(HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents));
    return r;
}

/* What the catalog and trailer say about the document as a whole. */
static br_status write_document(HPDF_Doc pdf, const br_pdf_info *info, bool has_outline, br_diag *diag)
{
    HPDF_STATUS r = HPDF_OK;
    HPDF_MMgr mm = pdf->mmgr;
    if (info->lang && *info->lang)
        STEP(HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(mm, info->lang, NULL)));
    /* Viewers show the Title, not the file name, in their title bar. */
    HPDF_Dict prefs = HPDF_Dict_New(mm);
    MADE(prefs);
    STEP(HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE));
    STEP(HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs));
    if (has_outline)
        STEP(HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE));
    /* XMP, uncompressed so that tools which do not parse PDF find it. */
    char *packet = br_xmp_packet(info);
    HPDF_Dict meta = r == HPDF_OK ? br_hpdf_stream_new(pdf, packet, strlen(packet), false) : NULL;
    g_free(packet);
    MADE(meta);
    STEP(HPDF_Dict_AddName(meta, "Type", "Metadata"));
    STEP(HPDF_Dict_AddName(meta, "Subtype", "XML"));
    STEP(HPDF_Dict_Add(pdf->catalog, "Metadata", meta));
    if (info->inputs_digest)
        STEP(write_id(pdf, info->inputs_digest));
    if (info->pdfa) {
        if (!info->inputs_digest || !info->output_icc || !info->output_icc_len) {
            br_diag_error(diag, "PDF/A needs a document identity and an output profile");
            return br_error_set(BR_ERR_BACKEND);
        }
        pdf->pdf_version = HPDF_VER_14; /* PDF/A-1 is PDF 1.4 */
        STEP(write_output_intent(pdf, info));
    }
    return r == HPDF_OK ? BR_OK : br_error_set(r == HPDF_FAILD_TO_ALLOC_MEM ? BR_ERR_NOMEM : BR_ERR_BACKEND);
}

#undef MADE
#undef STEP

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
        st = br_pdf_font_embed(g_ptr_array_index(fc.order, i), d.pdf, info->pdfa, diag);
    g_ptr_array_free(fc.order, TRUE);

    /* Pass 2: the sheets. */
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
        br_dev_init(&d.base, w, h);
        br_dev_set_color_space(&d.base, info->color_space);
        /* PDF/A-1 has no transparency (6.4): the device flattens it. */
        br_dev_set_opaque(&d.base, info->pdfa);
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
    if (st == BR_OK)
        st = write_document(d.pdf, info, n_outline > 0, diag);
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
