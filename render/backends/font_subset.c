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

br_status br_font_subset(const char *file, int index, const uint32_t *codepoints,
                         size_t n, GBytes **out)
{
    br_status st = BR_OK;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
    if (!blob)
        return br_error_set(BR_ERR_FONT);
    hb_face_t *face = hb_face_create(blob, (unsigned)index);
    hb_blob_destroy(blob);
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input) {
        hb_face_destroy(face);
        return br_error_set(BR_ERR_NOMEM);
    }
    hb_set_t *unicodes = hb_subset_input_unicode_set(input);
    for (size_t i = 0; i < n; i++)
        hb_set_add(unicodes, codepoints[i]);
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
