/* pdf_font: see pdf_font.h. */
#include "backends/pdf_font.h"

#include <string.h>

#include "backends/font_subset.h"
#include "backends/hpdf_obj.h"

/* One code: a glyph of the face and the text it shows. */
typedef struct {
    uint32_t glyph;
    uint32_t len;
    const char *text; /* len bytes; owned (NUL-terminated) once in the table */
    uint32_t code;
} code_entry;

#define MAX_CODES 0xFFFFu /* 2-byte codes, 0 for .notdef */

struct br_pdf_font {
    const br_font_face *face;
    GHashTable *by_key; /* code_entry * (key and value) */
    GPtrArray *entries; /* code_entry *, entries[code - 1] */
    /* The first code given to each glyph id (0: none yet), n_first of
     * them: a glyph nearly always shows one text, so a lookup checks that
     * entry before hashing (each glyph drawn is looked up twice). */
    uint32_t *first_code;
    size_t n_first;
    bool out_of_codes;
    double *advance; /* [code], 1/1000 em; after embed */
    HPDF_Dict dict;
};

static guint entry_hash(gconstpointer p)
{
    const code_entry *e = p;
    guint32 h = 2166136261u ^ e->glyph;
    h *= 16777619u;
    for (uint32_t i = 0; i < e->len; i++)
        h = (h ^ (unsigned char)e->text[i]) * 16777619u;
    return h;
}

static gboolean entry_equal(gconstpointer a, gconstpointer b)
{
    const code_entry *x = a, *y = b;
    return x->glyph == y->glyph && x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

static void entry_free(gpointer p)
{
    code_entry *e = p;
    g_free((char *)e->text);
    g_free(e);
}

br_pdf_font *br_pdf_font_new(const br_font_face *face)
{
    br_pdf_font *f = g_new0(br_pdf_font, 1);
    f->face = face;
    f->by_key = g_hash_table_new(entry_hash, entry_equal);
    f->entries = g_ptr_array_new_with_free_func(entry_free);
    return f;
}

void br_pdf_font_free(br_pdf_font *f)
{
    if (!f)
        return;
    g_hash_table_destroy(f->by_key);
    g_ptr_array_free(f->entries, TRUE);
    g_free(f->first_code);
    g_free(f->advance);
    g_free(f);
}

static bool is_rtl(gunichar c)
{
    GUnicodeScript sc = g_unichar_get_script(c);
    return sc == G_UNICODE_SCRIPT_ARABIC || sc == G_UNICODE_SCRIPT_HEBREW || sc == G_UNICODE_SCRIPT_SYRIAC ||
           sc == G_UNICODE_SCRIPT_THAANA || sc == G_UNICODE_SCRIPT_NKO;
}

/* The text each of a cluster's n glyphs shows (OUT: off[k], len[k]): the
 * cluster's characters shared out over its glyphs in the order a reader
 * reads them (left to right, or right to left for Arabic and Hebrew, whose
 * glyphs come in visual order): one each, the rest with the last glyph,
 * none for glyphs beyond the characters; so text extraction gives every
 * character back once and in order.  Control characters show nothing. */
static void share_cluster(const char *text, size_t n_bytes, size_t n, size_t *off, size_t *len)
{
    const char *end = text + n_bytes;
    size_t small[33];
    size_t cap = n_bytes + 1, m = 0;
    size_t *offs = cap <= G_N_ELEMENTS(small) ? small : g_new(size_t, cap); /* each character, then the end */
    gunichar first = 0;
    for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
        gunichar u = g_utf8_get_char(p);
        if (u < 0x20)
            continue;
        if (m == 0)
            first = u;
        offs[m++] = (size_t)(p - text);
    }
    offs[m] = n_bytes;
    bool rtl = m > 0 && is_rtl(first);
    for (size_t k = 0; k < n; k++) {
        size_t lo = k < m ? k : m, hi = k + 1 == n ? m : k < m ? k + 1 : m;
        if (rtl) {
            size_t l2 = m - hi, h2 = m - lo;
            lo = l2;
            hi = h2;
        }
        off[k] = offs[lo];
        len[k] = hi > lo ? offs[hi] - offs[lo] : 0;
        if (off[k] + len[k] > n_bytes)
            len[k] = n_bytes - off[k];
    }
    if (offs != small)
        g_free(offs);
}

/* Codes of one cluster: looked up, and with assign given to new keys. */
static void cluster_codes(br_pdf_font *f, bool assign, const char *text, size_t n_bytes, const br_glyph *glyphs,
                          size_t n, uint32_t *codes)
{
    size_t small_off[16], small_len[16];
    bool heap = n > G_N_ELEMENTS(small_off);
    size_t *off = heap ? g_new(size_t, n) : small_off, *len = heap ? g_new(size_t, n) : small_len;
    share_cluster(text, n_bytes, n, off, len);
    for (size_t k = 0; k < n; k++) {
        code_entry key = {glyphs[k].id, (uint32_t)len[k], text + off[k], 0};
        code_entry *e = NULL;
        if (key.glyph < f->n_first && f->first_code[key.glyph]) {
            code_entry *first = g_ptr_array_index(f->entries, f->first_code[key.glyph] - 1);
            if (entry_equal(first, &key))
                e = first;
        }
        if (!e)
            e = g_hash_table_lookup(f->by_key, &key);
        if (e || !assign) {
            codes[k] = e ? e->code : 0;
            continue;
        }
        if (f->entries->len >= MAX_CODES - 1 || glyphs[k].id > 0xFFFF) {
            f->out_of_codes = true;
            codes[k] = 0;
            continue;
        }
        e = g_new(code_entry, 1);
        *e = key;
        e->text = g_strndup(key.text, key.len);
        e->code = f->entries->len + 1;
        g_ptr_array_add(f->entries, e);
        g_hash_table_add(f->by_key, e);
        if (e->glyph >= f->n_first) {
            size_t n_new = MAX(f->n_first * 2, MAX((size_t)e->glyph + 1, 256));
            f->first_code = g_renew(uint32_t, f->first_code, n_new);
            memset(f->first_code + f->n_first, 0, (n_new - f->n_first) * sizeof *f->first_code);
            f->n_first = n_new;
        }
        if (!f->first_code[e->glyph])
            f->first_code[e->glyph] = e->code;
        codes[k] = e->code;
    }
    if (heap) {
        g_free(off);
        g_free(len);
    }
}

void br_pdf_font_collect(br_pdf_font *f, const char *text, size_t n_bytes, const br_glyph *glyphs, size_t n)
{
    uint32_t small[16];
    uint32_t *codes = n <= G_N_ELEMENTS(small) ? small : g_new(uint32_t, n);
    cluster_codes(f, true, text, n_bytes, glyphs, n, codes);
    if (codes != small)
        g_free(codes);
}

void br_pdf_font_codes(const br_pdf_font *f, const char *text, size_t n_bytes, const br_glyph *glyphs, size_t n,
                       uint32_t *codes)
{
    cluster_codes((br_pdf_font *)f, false, text, n_bytes, glyphs, n, codes);
}

double br_pdf_font_advance(const br_pdf_font *f, uint32_t code)
{
    return f->advance && code > 0 && code <= f->entries->len ? f->advance[code] : 0;
}

uint32_t br_pdf_font_code_count(const br_pdf_font *f)
{
    return f->entries->len + 1;
}

HPDF_Dict br_pdf_font_dict(const br_pdf_font *f)
{
    return f->dict;
}

/* ---- objects ---------------------------------------------------------- */

static HPDF_Dict new_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    /* HPDF_Xref_Add frees the object when it fails. */
    return d && HPDF_Xref_Add(pdf->xref, d) == HPDF_OK ? d : NULL;
}

/* The ToUnicode CMap: each code to the text its glyph shows (UTF-16BE,
 * surrogate pairs beyond the BMP); a glyph that shows nothing (the second
 * glyph of a cluster) maps to no text. */
static HPDF_Dict to_unicode(HPDF_Doc pdf, const br_pdf_font *f)
{
    GString *s = g_string_new(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    GString *block = g_string_new(NULL);
    unsigned in_block = 0;
    for (guint i = 0; i <= f->entries->len; i++) {
        if (in_block == 100 || (i == f->entries->len && in_block)) {
            g_string_append_printf(s, "%u beginbfchar\n%sendbfchar\n", in_block, block->str);
            g_string_truncate(block, 0);
            in_block = 0;
        }
        if (i == f->entries->len)
            break;
        const code_entry *e = g_ptr_array_index(f->entries, i);
        if (e->len == 0)
            continue;
        g_string_append_printf(block, "<%04X> <", e->code);
        glong n16 = 0;
        gunichar2 *u16 = g_utf8_to_utf16(e->text, (glong)e->len, NULL, &n16, NULL);
        for (glong k = 0; u16 && k < n16 && k < 256; k++)
            g_string_append_printf(block, "%04X", u16[k]);
        g_free(u16);
        g_string_append(block, ">\n");
        in_block++;
    }
    g_string_free(block, TRUE);
    g_string_append(s, "endcmap\nCMapName currentdict /CMapName defineresource pop\nend\nend\n");
    HPDF_Dict stream = br_hpdf_stream_new(pdf, s->str, s->len, true);
    g_string_free(s, TRUE);
    return stream;
}

/* Six capital letters naming this subset (ISO 32000-1 9.6.4), from its
 * glyphs: the same subset gets the same tag in every run. */
static void subset_tag(const uint32_t *glyphs, size_t n, const char *name, char tag[8])
{
    guint32 h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ glyphs[i]) * 16777619u;
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h = h / 26 + (h % 26) * 2654435761u;
    }
    tag[6] = '+';
    tag[7] = 0;
}

#define STEP BR_HPDF_STEP /* hpdf_obj.h */
#define MADE BR_HPDF_MADE

/* The CIDSet of CIDs 0..count - 1 (ISO 32000-1 9.8.3.3): one bit per CID,
 * the high bit of byte 0 first. */
static HPDF_Dict cid_set_stream(HPDF_Doc pdf, uint32_t count)
{
    size_t len = ((size_t)count + 7) / 8;
    guint8 *bits = g_malloc0(len ? len : 1);
    for (uint32_t cid = 0; cid < count; cid++)
        bits[cid / 8] |= (guint8)(0x80u >> (cid % 8));
    HPDF_Dict s = br_hpdf_stream_new(pdf, bits, len, true);
    g_free(bits);
    return s;
}

static br_status write_objects(br_pdf_font *f, HPDF_Doc pdf, const br_font_source *src, GBytes *subset,
                               const uint32_t *glyphs, const uint32_t *new_ids, bool cid_set)
{
    size_t n = f->entries->len;
    br_font_metrics m;
    br_font_source_metrics(src, &m);
    char tag[8];
    subset_tag(glyphs, n, m.postscript_name, tag);
    char *base_font = g_strconcat(tag, m.postscript_name, NULL);
    HPDF_STATUS r = HPDF_OK;
    HPDF_MMgr mm = pdf->mmgr;

    gsize len = 0;
    const void *data = g_bytes_get_data(subset, &len);
    HPDF_Dict file = br_hpdf_stream_new(pdf, data, len, true);
    MADE(file);
    STEP(HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len));

    HPDF_Dict desc = r == HPDF_OK ? new_dict(pdf) : NULL;
    MADE(desc);
    STEP(HPDF_Dict_AddName(desc, "Type", "FontDescriptor"));
    STEP(HPDF_Dict_AddName(desc, "FontName", base_font));
    STEP(HPDF_Dict_AddNumber(desc, "Flags", 4 | (m.fixed_pitch ? 1 : 0) | (m.italic ? 64 : 0)));
    HPDF_Array bbox = r == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    MADE(bbox);
    for (int i = 0; i < 4; i++)
        STEP(HPDF_Array_AddNumber(bbox, (HPDF_INT32)(m.bbox[i] < 0 ? m.bbox[i] - 0.5 : m.bbox[i] + 0.5)));
    STEP(HPDF_Dict_Add(desc, "FontBBox", bbox));
    STEP(HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)m.italic_angle));
    STEP(HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)(m.ascent + 0.5)));
    STEP(HPDF_Dict_AddNumber(desc, "Descent", (HPDF_INT32)(m.descent - 0.5)));
    STEP(HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)(m.cap_height + 0.5)));
    STEP(HPDF_Dict_AddNumber(desc, "StemV", (HPDF_INT32)m.stem_v));
    STEP(HPDF_Dict_Add(desc, "FontFile2", file));
    if (cid_set) {
        HPDF_Dict set = r == HPDF_OK ? cid_set_stream(pdf, br_pdf_font_code_count(f)) : NULL;
        MADE(set);
        STEP(HPDF_Dict_Add(desc, "CIDSet", set));
    }

    /* Code -> glyph of the subset, two bytes each, from code 0. */
    HPDF_Dict cid_to_gid = NULL;
    if (r == HPDF_OK) {
        guint8 *map = g_malloc0(2 * (n + 1));
        for (size_t i = 0; i < n; i++) {
            map[2 * (i + 1)] = (guint8)(new_ids[i] >> 8);
            map[2 * (i + 1) + 1] = (guint8)new_ids[i];
        }
        cid_to_gid = br_hpdf_stream_new(pdf, map, 2 * (n + 1), true);
        g_free(map);
    }
    MADE(cid_to_gid);

    HPDF_Dict info = r == HPDF_OK ? HPDF_Dict_New(mm) : NULL;
    MADE(info);
    STEP(HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL)));
    STEP(HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL)));
    STEP(HPDF_Dict_AddNumber(info, "Supplement", 0));
    /* W: [1 [w1 w2 ...]], every code's advance from code 1. */
    HPDF_Array run = r == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    MADE(run);
    for (size_t i = 1; i <= n; i++)
        STEP(HPDF_Array_AddReal(run, (HPDF_REAL)f->advance[i]));
    HPDF_Array widths = r == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    MADE(widths);
    STEP(HPDF_Array_AddNumber(widths, 1));
    STEP(HPDF_Array_Add(widths, run));

    HPDF_Dict cid = r == HPDF_OK ? new_dict(pdf) : NULL;
    MADE(cid);
    STEP(HPDF_Dict_AddName(cid, "Type", "Font"));
    STEP(HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2"));
    STEP(HPDF_Dict_AddName(cid, "BaseFont", base_font));
    STEP(HPDF_Dict_Add(cid, "CIDSystemInfo", info));
    STEP(HPDF_Dict_Add(cid, "FontDescriptor", desc));
    STEP(HPDF_Dict_AddNumber(cid, "DW", 0));
    STEP(HPDF_Dict_Add(cid, "W", widths));
    STEP(HPDF_Dict_Add(cid, "CIDToGIDMap", cid_to_gid));

    HPDF_Dict cmap = r == HPDF_OK ? to_unicode(pdf, f) : NULL;
    MADE(cmap);
    HPDF_Array descendants = r == HPDF_OK ? HPDF_Array_New(mm) : NULL;
    MADE(descendants);
    STEP(HPDF_Array_Add(descendants, cid));
    HPDF_Dict type0 = r == HPDF_OK ? new_dict(pdf) : NULL;
    MADE(type0);
    STEP(HPDF_Dict_AddName(type0, "Type", "Font"));
    STEP(HPDF_Dict_AddName(type0, "Subtype", "Type0"));
    STEP(HPDF_Dict_AddName(type0, "BaseFont", base_font));
    STEP(HPDF_Dict_AddName(type0, "Encoding", "Identity-H"));
    STEP(HPDF_Dict_Add(type0, "DescendantFonts", descendants));
    STEP(HPDF_Dict_Add(type0, "ToUnicode", cmap));
    g_free(base_font);
    if (r != HPDF_OK)
        return br_error_set(BR_ERR_BACKEND);
    f->dict = type0;
    return BR_OK;
}

#undef MADE
#undef STEP

br_status br_pdf_font_embed(br_pdf_font *f, HPDF_Doc pdf, bool cid_set, br_diag *diag)
{
    if (!f->face->truetype) {
        br_diag_error(diag, "font %s is not TrueType (glyf); the PDF back end cannot embed it", f->face->file);
        return br_error_set(BR_ERR_FONT);
    }
    if (f->out_of_codes) {
        br_diag_error(diag, "font %s: the document uses more distinct glyphs than a PDF font of the "
                      "PDF back end can address (65,535 codes)", f->face->file);
        return br_error_set(BR_ERR_FONT);
    }
    br_font_source *src = NULL;
    if (br_font_source_new(f->face->file, f->face->index, &src) != BR_OK) {
        br_diag_error(diag, "cannot read font %s", f->face->file);
        return br_error_set(BR_ERR_FONT);
    }
    size_t n = f->entries->len;
    uint32_t *glyphs = g_new(uint32_t, n + 1), *new_ids = g_new(uint32_t, n + 1);
    f->advance = g_new0(double, n + 1);
    for (size_t i = 0; i < n; i++) {
        const code_entry *e = g_ptr_array_index(f->entries, i);
        glyphs[i] = e->glyph;
        f->advance[i + 1] = br_font_source_advance(src, e->glyph);
    }
    GBytes *subset = NULL;
    br_status st = br_font_subset(src, glyphs, n, new_ids, &subset);
    if (st != BR_OK)
        br_diag_error(diag, "cannot subset font %s", f->face->file);
    else
        st = write_objects(f, pdf, src, subset, glyphs, new_ids, cid_set);
    if (subset)
        g_bytes_unref(subset);
    g_free(glyphs);
    g_free(new_ids);
    br_font_source_free(src);
    return st;
}
