/* font_subset: see font_subset.h. */
#include "backends/font_subset.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* libharu 2.3.0 copies 13 "required" tables and, for each one the font
 * lacks, seeks its temporary stream to the current end; when that end
 * falls exactly on its 4 KiB buffer boundary the seek fails
 * (HPDF_INVALID_OBJECT) and the whole document cannot be saved.  Subsets
 * without hinting lack cvt, fpgm and prep, so about one font in a thousand
 * failed.  Every subset therefore carries tiny, valid versions of the
 * tables it lacks: a one-entry cvt and programs that push and pop one
 * byte (PUSHB[0] 0, POP), which no rasteriser notices. */
static const struct {
    const char tag[5];
    unsigned char data[4];
    unsigned len;
} filler[] = {{"cvt ", {0, 0}, 2}, {"fpgm", {0xB0, 0, 0x21}, 3}, {"prep", {0xB0, 0, 0x21}, 3}};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static uint32_t table_sum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned char w[4] = {0, 0, 0, 0};
        memcpy(w, p + i, len - i < 4 ? len - i : 4);
        sum += be32(w);
    }
    return sum;
}

typedef struct {
    char tag[4];
    const unsigned char *data;
    size_t len;
} table;

static int by_tag(const void *a, const void *b)
{
    return memcmp(((const table *)a)->tag, ((const table *)b)->tag, 4);
}

/* The font with the filler tables it lacks added; NULL when the font's
 * table directory is not what hb-subset writes. */
static GBytes *with_required_tables(const unsigned char *font, size_t len)
{
    if (len < 12)
        return NULL;
    unsigned n = (unsigned)font[4] << 8 | font[5];
    if (len < 12 + 16 * (size_t)n)
        return NULL;
    table tables[64];
    if (n + G_N_ELEMENTS(filler) > G_N_ELEMENTS(tables))
        return NULL;
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *e = font + 12 + 16 * i;
        size_t off = be32(e + 8), tlen = be32(e + 12);
        if (off > len || tlen > len - off)
            return NULL;
        memcpy(tables[i].tag, e, 4);
        tables[i].data = font + off;
        tables[i].len = tlen;
    }
    unsigned total = n;
    for (size_t f = 0; f < G_N_ELEMENTS(filler); f++) {
        bool present = false;
        for (unsigned i = 0; i < n; i++)
            present |= memcmp(tables[i].tag, filler[f].tag, 4) == 0;
        if (!present) {
            memcpy(tables[total].tag, filler[f].tag, 4);
            tables[total].data = filler[f].data;
            tables[total].len = filler[f].len;
            total++;
        }
    }
    if (total == n)
        return g_bytes_new(font, len);
    qsort(tables, total, sizeof(table), by_tag);
    GByteArray *out = g_byte_array_new();
    unsigned char header[12];
    memcpy(header, font, 4);
    unsigned pow2 = 1, log2 = 0;
    while (pow2 * 2 <= total) {
        pow2 *= 2;
        log2++;
    }
    header[4] = (unsigned char)(total >> 8);
    header[5] = (unsigned char)total;
    header[6] = (unsigned char)((pow2 * 16) >> 8);
    header[7] = (unsigned char)(pow2 * 16);
    header[8] = (unsigned char)(log2 >> 8);
    header[9] = (unsigned char)log2;
    header[10] = (unsigned char)((total * 16 - pow2 * 16) >> 8);
    header[11] = (unsigned char)(total * 16 - pow2 * 16);
    g_byte_array_append(out, header, 12);
    size_t offset = 12 + 16 * (size_t)total;
    for (unsigned i = 0; i < total; i++) {
        unsigned char e[16];
        memcpy(e, tables[i].tag, 4);
        put32(e + 4, table_sum(tables[i].data, tables[i].len));
        put32(e + 8, (uint32_t)offset);
        put32(e + 12, (uint32_t)tables[i].len);
        g_byte_array_append(out, e, 16);
        offset += (tables[i].len + 3) & ~(size_t)3;
    }
    static const unsigned char pad[4] = {0, 0, 0, 0};
    for (unsigned i = 0; i < total; i++) {
        g_byte_array_append(out, tables[i].data, (guint)tables[i].len);
        g_byte_array_append(out, pad, (guint)(((tables[i].len + 3) & ~(size_t)3) - tables[i].len));
    }
    return g_byte_array_free_to_bytes(out);
}

struct br_font_source {
    hb_face_t *face;
    hb_font_t *font; /* for the cmap */
};

br_status br_font_source_new(const char *file, int index, br_font_source **out)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
    if (!blob)
        return br_error_set(BR_ERR_FONT);
    hb_face_t *face = hb_face_create(blob, (unsigned)index);
    hb_blob_destroy(blob);
    if (hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        return br_error_set(BR_ERR_FONT);
    }
    br_font_source *src = g_new0(br_font_source, 1);
    src->face = face;
    src->font = hb_font_create(face);
    *out = src;
    return BR_OK;
}

void br_font_source_free(br_font_source *src)
{
    if (!src)
        return;
    hb_font_destroy(src->font);
    hb_face_destroy(src->face);
    g_free(src);
}

uint32_t br_font_source_glyph(const br_font_source *src, uint32_t c)
{
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(src->font, c, &g) ? g : 0;
}

static int by_code(const void *a, const void *b)
{
    uint32_t x = ((const br_font_code *)a)->code, y = ((const br_font_code *)b)->code;
    return x < y ? -1 : x > y;
}

static void put16(GByteArray *a, unsigned v)
{
    unsigned char b[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    g_byte_array_append(a, b, 2);
}

/* A cmap of one format 4 subtable (3, 1) for the sorted, unique BMP codes:
 * what hb-subset reads as the face's character map, and the format it
 * writes again (the only one libharu reads).  NULL when it would pass
 * format 4's 64 KiB. */
static hb_blob_t *make_cmap(const br_font_code *codes, size_t n)
{
    /* Segments: runs of consecutive codes, glyphs from glyphIdArray. */
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 0; i < n; i++)
        if (i == 0 || codes[i].code != codes[i - 1].code + 1)
            g_array_append_val(starts, i);
    size_t seg = starts->len + 1; /* and the final 0xFFFF segment */
    size_t len = 16 + 8 * seg + 2 * n;
    if (len > 0xFFFF || (n > 0 && codes[n - 1].code >= 0xFFFF)) {
        g_array_free(starts, TRUE);
        return NULL;
    }
    unsigned pow2 = 1, log2 = 0;
    while (pow2 * 2 <= seg) {
        pow2 *= 2;
        log2++;
    }
    GByteArray *t = g_byte_array_new();
    put16(t, 0);  /* version */
    put16(t, 1);  /* one subtable */
    put16(t, 3);  /* platform 3 */
    put16(t, 1);  /* encoding 1: BMP */
    put16(t, 0);  /* offset 12 (32 bits) */
    put16(t, 12);
    put16(t, 4);  /* format 4 */
    put16(t, (unsigned)len);
    put16(t, 0);  /* language */
    put16(t, (unsigned)(2 * seg));
    put16(t, 2 * pow2);
    put16(t, log2);
    put16(t, (unsigned)(2 * seg - 2 * pow2));
    for (guint s = 0; s < starts->len; s++) { /* endCode */
        size_t end = s + 1 < starts->len ? g_array_index(starts, size_t, s + 1) : n;
        put16(t, codes[end - 1].code);
    }
    put16(t, 0xFFFF);
    put16(t, 0); /* reservedPad */
    for (guint s = 0; s < starts->len; s++) /* startCode */
        put16(t, codes[g_array_index(starts, size_t, s)].code);
    put16(t, 0xFFFF);
    for (guint s = 0; s < starts->len; s++) /* idDelta */
        put16(t, 0);
    put16(t, 1);
    for (guint s = 0; s < starts->len; s++) /* idRangeOffset, in bytes from itself */
        put16(t, (unsigned)(2 * (seg - s) + 2 * g_array_index(starts, size_t, s)));
    put16(t, 0);
    for (size_t i = 0; i < n; i++) /* glyphIdArray */
        put16(t, codes[i].glyph);
    g_array_free(starts, TRUE);
    guint size = t->len;
    guint8 *data = g_byte_array_free(t, FALSE);
    return hb_blob_create((const char *)data, size, HB_MEMORY_MODE_READONLY, data, g_free);
}

/* The source face with its cmap replaced by one of exactly the given codes
 * (glyphs no character maps to become reachable), as a face hb-subset can
 * read. */
static hb_face_t *face_with_cmap(hb_face_t *face, const br_font_code *codes, size_t n)
{
    hb_blob_t *cmap = make_cmap(codes, n);
    if (!cmap)
        return NULL;
    hb_face_t *b = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned offset = 0, count;
    do {
        count = G_N_ELEMENTS(tags);
        hb_face_get_table_tags(face, offset, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            if (tags[i] == HB_TAG('c', 'm', 'a', 'p'))
                continue;
            hb_blob_t *t = hb_face_reference_table(face, tags[i]);
            hb_face_builder_add_table(b, tags[i], t);
            hb_blob_destroy(t);
        }
        offset += count;
    } while (count == G_N_ELEMENTS(tags));
    hb_face_builder_add_table(b, HB_TAG('c', 'm', 'a', 'p'), cmap);
    hb_blob_destroy(cmap);
    return b;
}

br_status br_font_subset(const br_font_source *src, const uint32_t *codepoints, size_t n,
                         const br_font_code *extra, size_t n_extra, GBytes **out)
{
    br_status st = BR_OK;
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return br_error_set(BR_ERR_NOMEM);
    hb_face_t *face = hb_face_reference(src->face);
    if (n_extra > 0) {
        /* Every code, with its glyph, in one cmap of the source's glyphs. */
        br_font_code *codes = g_new(br_font_code, n + n_extra);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t g = br_font_source_glyph(src, codepoints[i]);
            if (g)
                codes[k++] = (br_font_code){codepoints[i], g};
        }
        memcpy(codes + k, extra, n_extra * sizeof *extra);
        k += n_extra;
        qsort(codes, k, sizeof *codes, by_code);
        hb_face_destroy(face);
        face = face_with_cmap(src->face, codes, k);
        if (!face) {
            g_free(codes);
            hb_subset_input_destroy(input);
            return br_error_set(BR_ERR_FONT);
        }
        hb_set_t *unicodes = hb_subset_input_unicode_set(input);
        for (size_t i = 0; i < k; i++)
            hb_set_add(unicodes, codes[i].code);
        g_free(codes);
    } else {
        hb_set_t *unicodes = hb_subset_input_unicode_set(input);
        for (size_t i = 0; i < n; i++)
            hb_set_add(unicodes, codepoints[i]);
    }
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_set_add(drop, HB_TAG('k', 'e', 'r', 'n'));
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);

    hb_face_t *sub = hb_subset_or_fail(face, input);
    if (!sub) {
        st = br_error_set(BR_ERR_FONT);
    } else {
        hb_blob_t *res = hb_face_reference_blob(sub);
        unsigned len = 0;
        const char *data = hb_blob_get_data(res, &len);
        if (len == 0)
            st = br_error_set(BR_ERR_FONT);
        else if (!(*out = with_required_tables((const unsigned char *)data, len)))
            st = br_error_set(BR_ERR_FONT);
        hb_blob_destroy(res);
        hb_face_destroy(sub);
    }
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    return st;
}
