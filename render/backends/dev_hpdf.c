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

#include "backends/font_subset.h"
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

/* One embedded face: the codes the document uses, then the loaded subset.
 * A glyph that shows one BMP character and is that character's own glyph
 * is written as the character; every other glyph (a joining form, a
 * conjunct, a reordered vowel sign, a character beyond the BMP) gets an
 * extra code of the subset, which the ToUnicode CMap maps back to the
 * text the glyph shows (see font_subset.h). */
typedef struct {
    uint32_t code, glyph;
    char *text; /* what the glyph shows: its cluster's text, or "" */
} extra_code;

typedef struct {
    const br_font_face *face;
    br_font_source *src; /* NULL when the file cannot be opened (load_font says so) */
    GArray *codepoints;  /* uint32_t, sorted and unique after collect */
    GHashTable *seen;
    GHashTable *extra_by_key; /* "glyph:text" (owned) -> extra code */
    GArray *extra;            /* extra_code, in order of first use */
    uint32_t next_code;       /* the next candidate for an extra code */
    bool out_of_codes;
    HPDF_Font font;
} pdf_font;

typedef struct {
    br_device base; /* must be first */
    HPDF_Doc pdf;
    HPDF_Page page;
    GHashTable *fonts; /* br_font_face * -> pdf_font * */
    GHashTable *gstates; /* alpha * 1000 -> HPDF_ExtGState */
    GHashTable *images;  /* image_key * -> HPDF_Image: an image shown again is one XObject */
    /* cached state; valid == 0 means unknown */
    int valid;
    br_color fill, stroke_color;
    double alpha;
    br_stroke stroke;
    HPDF_Font cur_font;
    double cur_size;
    br_matrix flip;   /* sheet (y down) -> PDF user space (y up) */
    br_matrix to_pdf; /* logical page -> PDF user space: page_ctm, then flip */
    int moved;        /* a q ... cm of a page transform is open */
    GString *scratch;
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
    d->cur_font = NULL;
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
        d->cur_font = NULL;
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

/* libharu's advance of one cluster, in points: its widths are whole
 * 1/1000 em, which is why stretches must be re-anchored at Pango's x. */
static double hpdf_advance(HPDF_Font font, const char *s, size_t n, double size)
{
    HPDF_TextWidth w = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)n);
    return w.width * size / 1000.0;
}

/* The next free extra code of pf: private use first, then any BMP code
 * the face's cmap does not map (so never a character written as itself);
 * 0 when none is left. */
static uint32_t next_extra_code(pdf_font *pf)
{
    for (;;) {
        uint32_t c = pf->next_code;
        if (c == 0)
            c = 0xE000;
        else if (c == 0xF8FF + 1)
            c = 0x100;
        else if (c == 0xD800)
            c = 0xF900;
        else if (c >= 0xFFFE)
            return 0;
        pf->next_code = c + 1;
        if (!br_font_source_glyph(pf->src, c))
            return c;
    }
}

static bool is_rtl(gunichar c)
{
    GUnicodeScript sc = g_unichar_get_script(c);
    return sc == G_UNICODE_SCRIPT_ARABIC || sc == G_UNICODE_SCRIPT_HEBREW || sc == G_UNICODE_SCRIPT_SYRIAC ||
           sc == G_UNICODE_SCRIPT_THAANA || sc == G_UNICODE_SCRIPT_NKO;
}

/* The codes of one cluster's n glyphs (OUT: codes, 0 for a glyph that
 * cannot be written).  The cluster's characters are shared out over its
 * glyphs in the order a reader reads them (left to right, or right to left
 * for Arabic and Hebrew, whose glyphs come in visual order): one each,
 * the rest with the last glyph, none for glyphs beyond the characters;
 * so text extraction gives every character back once and in order.  A
 * glyph that shows one BMP character and is that character's own glyph is
 * written as the character; any other gets an extra code.  With assign
 * (the first pass) characters and new extra codes are recorded in pf;
 * without (drawing) they are only looked up. */
static void cluster_codes(pdf_font *pf, const char *text, size_t n_bytes, const br_glyph *glyphs, size_t n,
                          bool assign, uint32_t *codes)
{
    const char *end = text + n_bytes;
    GArray *offs = g_array_new(FALSE, FALSE, sizeof(size_t)); /* byte offset of each character, then the end */
    gunichar first = 0;
    for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
        gunichar u = g_utf8_get_char(p);
        if (u < 0x20)
            continue;
        if (offs->len == 0)
            first = u;
        size_t o = (size_t)(p - text);
        g_array_append_val(offs, o);
    }
    size_t m = offs->len;
    g_array_append_val(offs, n_bytes);
    bool rtl = m > 0 && is_rtl(first);
    for (size_t k = 0; k < n; k++) {
        size_t lo = k < m ? k : m, hi = k + 1 == n ? m : k < m ? k + 1 : m;
        if (rtl) {
            size_t l2 = m - hi, h2 = m - lo;
            lo = l2;
            hi = h2;
        }
        const char *piece = text + g_array_index(offs, size_t, lo);
        size_t piece_len = hi > lo ? g_array_index(offs, size_t, hi) - g_array_index(offs, size_t, lo) : 0;
        if (hi > lo && piece + piece_len > end)
            piece_len = (size_t)(end - piece);
        gunichar c = hi - lo == 1 ? g_utf8_get_char(piece) : 0;
        if (!pf->src || (c && c <= 0xFFFF && br_font_source_glyph(pf->src, c) == glyphs[k].id)) {
            /* The character itself (also when the face could not be
             * opened: load_font reports that). */
            codes[k] = c <= 0xFFFF ? c : 0;
            if (assign && codes[k] && !g_hash_table_contains(pf->seen, GUINT_TO_POINTER(c))) {
                g_hash_table_add(pf->seen, GUINT_TO_POINTER(c));
                g_array_append_val(pf->codepoints, c);
            }
            continue;
        }
        char *key = g_strdup_printf("%u:%.*s", glyphs[k].id, (int)piece_len, piece);
        gpointer found = g_hash_table_lookup(pf->extra_by_key, key);
        if (found || !assign) {
            codes[k] = GPOINTER_TO_UINT(found);
            g_free(key);
            continue;
        }
        uint32_t code = pf->out_of_codes ? 0 : next_extra_code(pf);
        if (!code) {
            pf->out_of_codes = true;
            codes[k] = 0;
            g_free(key);
            continue;
        }
        extra_code e = {code, glyphs[k].id, g_strndup(piece, piece_len)};
        g_array_append_val(pf->extra, e);
        g_hash_table_insert(pf->extra_by_key, key, GUINT_TO_POINTER(code));
        codes[k] = code;
    }
    g_array_free(offs, TRUE);
}

/* Shows a stretch of codes (UTF-8 of BMP codes).  libharu's ShowText
 * silently drops text of zero width, such as a combining mark on a
 * stretch of its own (a Devanagari vowel sign placed at Pango's x), so
 * such a stretch is written into the content stream directly, as libharu
 * writes a CID font's codes: hex, two bytes per code. */
static void show_stretch(hpdf_dev *d, HPDF_Font font, const GString *stretch, double size)
{
    if (!stretch->len)
        return;
    if (hpdf_advance(font, stretch->str, stretch->len, size) != 0) {
        HPDF_Page_ShowText(d->page, stretch->str);
        return;
    }
    GString *op = g_string_new("<");
    for (const char *p = stretch->str; *p; p = g_utf8_next_char(p))
        g_string_append_printf(op, "%04x", (unsigned)g_utf8_get_char(p));
    g_string_append(op, "> Tj\012");
    HPDF_Stream_WriteStr(((HPDF_PageAttr)d->page->attr)->stream, op->str);
    g_string_free(op, TRUE);
}

static br_status p_text(br_device *dev, const br_text_run *run)
{
    hpdf_dev *d = from_dev(dev);
    pdf_font *pf = g_hash_table_lookup(d->fonts, run->face);
    if (!pf || !pf->font)
        return br_error_set(BR_ERR_FONT);
    set_alpha(d, run->color.a);
    HPDF_Page_BeginText(d->page);
    HPDF_Page_SetFontAndSize(d->page, pf->font, (HPDF_REAL)run->size);
    write_fill_color(d->page, run->color);
    d->fill = run->color;
    d->valid |= 1;

    /* Walk glyphs; merge consecutive ones into one stretch while libharu's
     * own advances land each within 0.001 pt of where Pango put it. */
    const char *text = run->utf8;
    size_t byte = 0, glyph = 0;
    int started = 0;
    double line_x = 0, line_y = 0; /* origin of the current Td line */
    double pen_x = 0;              /* where libharu's pen stands now */
    GString *stretch = d->scratch;
    g_string_truncate(stretch, 0);
    uint32_t small[16];
    for (size_t c = 0; c < run->n_clusters; c++) {
        const br_cluster *cl = &run->clusters[c];
        size_t n = (size_t)cl->n_glyphs;
        if (n == 0 || glyph + n > run->n_glyphs) {
            byte += (size_t)cl->n_bytes;
            continue;
        }
        uint32_t *codes = n <= G_N_ELEMENTS(small) ? small : g_new(uint32_t, n);
        cluster_codes(pf, text + byte, (size_t)cl->n_bytes, run->glyphs + glyph, n, false, codes);
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
                show_stretch(d, pf->font, stretch, run->size);
                g_string_truncate(stretch, 0);
                /* Td is relative to the start of the current line, in text
                 * space, whose y axis points up. */
                HPDF_Page_MoveTextPos(d->page, (HPDF_REAL)(gx - line_x), (HPDF_REAL)-(gy - line_y));
                line_x = pen_x = gx;
                line_y = gy;
            }
            size_t before = stretch->len;
            g_string_append_unichar(stretch, codes[k]);
            pen_x += hpdf_advance(pf->font, stretch->str + before, stretch->len - before, run->size);
        }
        if (codes != small)
            g_free(codes);
        byte += (size_t)cl->n_bytes;
        glyph += n;
    }
    show_stretch(d, pf->font, stretch, run->size);
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
    d->cur_font = NULL;
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
    GHashTable *fonts; /* br_font_face * -> pdf_font * */
    GPtrArray *order;  /* pdf_font *, in order of first use */
} font_collector;

static void collect_text(const br_text_run *run, void *data)
{
    font_collector *fc = data;
    pdf_font *pf = g_hash_table_lookup(fc->fonts, run->face);
    if (!pf) {
        pf = g_new0(pdf_font, 1);
        pf->face = run->face;
        if (br_font_source_new(run->face->file, run->face->index, &pf->src) != BR_OK)
            pf->src = NULL;
        pf->codepoints = g_array_new(FALSE, FALSE, sizeof(uint32_t));
        pf->seen = g_hash_table_new(NULL, NULL);
        pf->extra_by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        pf->extra = g_array_new(FALSE, FALSE, sizeof(extra_code));
        g_hash_table_insert(fc->fonts, (gpointer)run->face, pf);
        g_ptr_array_add(fc->order, pf);
    }
    size_t byte = 0, glyph = 0;
    uint32_t small[16];
    for (size_t c = 0; c < run->n_clusters; c++) {
        const br_cluster *cl = &run->clusters[c];
        size_t n = (size_t)cl->n_glyphs;
        if (n == 0 || glyph + n > run->n_glyphs) {
            byte += (size_t)cl->n_bytes;
            continue;
        }
        uint32_t *codes = n <= G_N_ELEMENTS(small) ? small : g_new(uint32_t, n);
        cluster_codes(pf, run->utf8 + byte, (size_t)cl->n_bytes, run->glyphs + glyph, n, true, codes);
        if (codes != small)
            g_free(codes);
        byte += (size_t)cl->n_bytes;
        glyph += n;
    }
}

static void pdf_font_free(gpointer p)
{
    pdf_font *pf = p;
    g_array_free(pf->codepoints, TRUE);
    g_hash_table_destroy(pf->seen);
    for (guint i = 0; i < pf->extra->len; i++)
        g_free(g_array_index(pf->extra, extra_code, i).text);
    g_array_free(pf->extra, TRUE);
    g_hash_table_destroy(pf->extra_by_key);
    br_font_source_free(pf->src);
    g_free(pf);
}

static gint cmp_u32(gconstpointer a, gconstpointer b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A ToUnicode CMap with one bfchar per code used.  libharu's UTF-8
 * encoding writes each BMP code as its own 2-byte code (CID = code), so
 * characters written as themselves map to themselves, and each extra code
 * to the text its glyph shows (UTF-16BE, surrogate pairs beyond the BMP);
 * a glyph that shows nothing (the second glyph of a cluster) maps to no
 * text.  libharu's own CMap is invalid (see the notes). */
static br_status add_to_unicode(HPDF_Doc pdf, HPDF_Font font, GArray *cps, GArray *extra)
{
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!stream)
        return br_error_set(BR_ERR_BACKEND);
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    GString *s = g_string_new(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    GPtrArray *entries = g_ptr_array_new_with_free_func(g_free);
    for (guint k = 0; k < cps->len; k++) {
        uint32_t c = g_array_index(cps, uint32_t, k);
        g_ptr_array_add(entries, g_strdup_printf("<%04X> <%04X>\n", c, c));
    }
    for (guint k = 0; k < extra->len; k++) {
        const extra_code *e = &g_array_index(extra, extra_code, k);
        if (!*e->text)
            continue;
        GString *line = g_string_new(NULL);
        g_string_append_printf(line, "<%04X> <", e->code);
        glong n16 = 0;
        gunichar2 *u16 = g_utf8_to_utf16(e->text, -1, NULL, &n16, NULL);
        for (glong i = 0; u16 && i < n16 && i < 256; i++)
            g_string_append_printf(line, "%04X", u16[i]);
        g_free(u16);
        g_string_append(line, ">\n");
        g_ptr_array_add(entries, g_string_free(line, FALSE));
    }
    for (guint i = 0; i < entries->len; i += 100) {
        guint n = MIN(100u, entries->len - i);
        g_string_append_printf(s, "%u beginbfchar\n", n);
        for (guint k = i; k < i + n; k++)
            g_string_append(s, g_ptr_array_index(entries, k));
        g_string_append(s, "endbfchar\n");
    }
    g_ptr_array_free(entries, TRUE);
    g_string_append(s, "endcmap\nCMapName currentdict /CMapName defineresource pop\nend\nend\n");
    HPDF_STATUS r = HPDF_Stream_Write(stream->stream, (const HPDF_BYTE *)s->str, (HPDF_UINT)s->len);
    g_string_free(s, TRUE);
    if (r != HPDF_OK || HPDF_Dict_Add(font, "ToUnicode", stream) != HPDF_OK)
        return br_error_set(BR_ERR_BACKEND);
    return BR_OK;
}

/* Writes the subset to a temporary file (libharu 2.3.0 loads fonts only
 * from files), loads it, and unlinks it at once: libharu keeps the file
 * open and reads it again when saving, which works after unlink. */
static br_status load_font(HPDF_Doc pdf, pdf_font *pf, br_diag *diag)
{
    if (!pf->face->truetype) {
        br_diag_error(diag, "font %s is not TrueType (glyf); the PDF back end cannot embed it",
                      pf->face->file);
        return br_error_set(BR_ERR_FONT);
    }
    if (!pf->src) {
        br_diag_error(diag, "cannot read font %s", pf->face->file);
        return br_error_set(BR_ERR_FONT);
    }
    if (pf->out_of_codes) {
        br_diag_error(diag, "font %s: the document uses more distinct glyphs than a PDF font of the "
                      "PDF back end can address (65,536 codes)", pf->face->file);
        return br_error_set(BR_ERR_FONT);
    }
    g_array_sort(pf->codepoints, cmp_u32);
    GArray *extra = g_array_sized_new(FALSE, FALSE, sizeof(br_font_code), pf->extra->len);
    for (guint i = 0; i < pf->extra->len; i++) {
        const extra_code *e = &g_array_index(pf->extra, extra_code, i);
        br_font_code fc = {e->code, e->glyph};
        g_array_append_val(extra, fc);
    }
    GBytes *subset = NULL;
    br_status st = br_font_subset(pf->src, (const uint32_t *)(void *)pf->codepoints->data, pf->codepoints->len,
                                  (const br_font_code *)(void *)extra->data, extra->len, &subset);
    g_array_free(extra, TRUE);
    if (st != BR_OK) {
        br_diag_error(diag, "cannot subset font %s", pf->face->file);
        return st;
    }
    GError *err = NULL;
    char *tmp = NULL;
    int fd = g_file_open_tmp("briefing-font-XXXXXX.ttf", &tmp, &err);
    if (fd < 0) {
        br_diag_error(diag, "cannot create a temporary font file: %s", err->message);
        g_error_free(err);
        g_bytes_unref(subset);
        return br_error_set(BR_ERR_IO);
    }
    gsize len;
    const char *data = g_bytes_get_data(subset, &len);
    int ok = 1;
    for (gsize off = 0; off < len && ok;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        off += w > 0 ? (gsize)w : 0;
    }
    close(fd);
    g_bytes_unref(subset);
    const char *name = ok ? HPDF_LoadTTFontFromFile(pdf, tmp, HPDF_TRUE) : NULL;
    if (name)
        pf->font = HPDF_GetFont(pdf, name, "UTF-8");
    g_unlink(tmp);
    g_free(tmp);
    if (!pf->font) {
        br_diag_error(diag, "libharu cannot load the subset of font %s", pf->face->file);
        return br_error_set(BR_ERR_FONT);
    }
    return add_to_unicode(pdf, pf->font, pf->codepoints, pf->extra);
}

/* ---- document ------------------------------------------------------- */

static void set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *value)
{
    if (value && *value)
        HPDF_SetInfoAttr(pdf, type, value);
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

static br_status write_outline(HPDF_Doc pdf, HPDF_Page *pages, size_t n_pages,
                               const br_pdf_outline *outline, size_t n)
{
    HPDF_Outline parents[8] = {NULL};
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    for (size_t i = 0; i < n; i++) {
        const br_pdf_outline *o = &outline[i];
        if (o->page < 0 || (size_t)o->page >= n_pages)
            continue;
        int level = o->level < 0 ? 0 : o->level > 7 ? 7 : o->level;
        while (level > 0 && !parents[level - 1])
            level--;
        HPDF_Outline ol = HPDF_CreateOutline(pdf, level ? parents[level - 1] : NULL, o->title, enc);
        if (!ol)
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
        HPDF_Array_AddReal(dst, 0);
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
    d.fonts = g_hash_table_new_full(NULL, NULL, NULL, pdf_font_free);
    d.gstates = g_hash_table_new(NULL, NULL);
    d.images = g_hash_table_new_full(image_key_hash, image_key_equal, g_free, NULL);
    d.scratch = g_string_new(NULL);
    HPDF_Page *hpages = g_new0(HPDF_Page, n_pages ? n_pages : 1);

    HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(d.pdf);
    HPDF_SetCurrentEncoder(d.pdf, "UTF-8"); /* Info strings are UTF-8 too */
    set_info(d.pdf, HPDF_INFO_TITLE, info->title);
    set_info(d.pdf, HPDF_INFO_AUTHOR, info->author);
    set_info(d.pdf, HPDF_INFO_SUBJECT, info->subject);
    set_info(d.pdf, HPDF_INFO_KEYWORDS, info->keywords);
    set_info(d.pdf, HPDF_INFO_CREATOR, info->creator);
    set_info(d.pdf, HPDF_INFO_PRODUCER, info->producer);
    set_dates(d.pdf, info->creation_time);
    set_inputs_digest(d.pdf, info->inputs_digest);

    /* Pass 1: which characters each face must carry; faces are loaded in
     * order of first use so object numbers never depend on hashing. */
    font_collector fc = {d.fonts, g_ptr_array_new()};
    br_sheets_each_text(sheets, n_pages, collect_text, &fc);
    for (guint i = 0; i < fc.order->len && st == BR_OK; i++)
        st = load_font(d.pdf, g_ptr_array_index(fc.order, i), diag);
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
        d.page = page;
        d.valid = 0;
        d.cur_font = NULL;
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
    g_hash_table_destroy(d.gstates);
    g_hash_table_destroy(d.images);
    g_hash_table_destroy(d.fonts);
    HPDF_Free(d.pdf);
    hpdf_free_lost();
    return st;
}
