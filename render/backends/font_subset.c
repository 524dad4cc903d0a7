/* font_subset: see font_subset.h. */
#include "backends/font_subset.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <math.h>
#include <string.h>

struct br_font_source {
    hb_face_t *face;
    hb_font_t *font; /* at the face's own scale: metrics in font units */
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

static unsigned be16_at(hb_blob_t *blob, unsigned off)
{
    unsigned len = 0;
    const unsigned char *p = (const unsigned char *)hb_blob_get_data(blob, &len);
    return off + 2 <= len ? (unsigned)p[off] << 8 | p[off + 1] : 0;
}

static double per_mille(const br_font_source *src, double units)
{
    unsigned upem = hb_face_get_upem(src->face);
    return units * 1000.0 / (upem ? upem : 1000);
}

/* A name as PDF names may spell it without escapes (ISO 32000-1 7.3.5):
 * printable ASCII but the delimiters. */
static void pdf_name_chars(const char *in, char *out, size_t size)
{
    size_t k = 0;
    for (const char *p = in; *p && k + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (c > 0x20 && c < 0x7F && !strchr("()<>[]{}/%#", c))
            out[k++] = (char)c;
    }
    out[k] = 0;
    if (k == 0)
        g_strlcpy(out, "Font", size);
}

void br_font_source_metrics(const br_font_source *src, br_font_metrics *m)
{
    memset(m, 0, sizeof *m);
    hb_blob_t *head = hb_face_reference_table(src->face, HB_TAG('h', 'e', 'a', 'd'));
    for (int i = 0; i < 4; i++)
        m->bbox[i] = per_mille(src, (int16_t)be16_at(head, 36 + 2 * (unsigned)i));
    hb_blob_destroy(head);

    hb_position_t v = 0;
    m->ascent = hb_ot_metrics_get_position(src->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)
                    ? per_mille(src, v) : m->bbox[3];
    m->descent = hb_ot_metrics_get_position(src->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)
                     ? per_mille(src, v) : m->bbox[1];
    m->cap_height = hb_ot_metrics_get_position(src->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0
                        ? per_mille(src, v) : m->ascent;
    m->italic_angle = hb_style_get_value(src->font, HB_STYLE_TAG_SLANT_ANGLE);
    if (!isfinite(m->italic_angle))
        m->italic_angle = 0;
    /* No table states the vertical stem width; this estimate from the
     * weight class (400: 88, 700: 166) is what readers need it for:
     * choosing a substitute's weight. */
    double weight = hb_style_get_value(src->font, HB_STYLE_TAG_WEIGHT);
    if (!(weight >= 1 && weight <= 1000))
        weight = 400;
    m->stem_v = round(50 + (weight / 65) * (weight / 65));

    hb_blob_t *post = hb_face_reference_table(src->face, HB_TAG('p', 'o', 's', 't'));
    m->fixed_pitch = be16_at(post, 12) != 0 || be16_at(post, 14) != 0;
    hb_blob_destroy(post);
    hb_blob_t *os2 = hb_face_reference_table(src->face, HB_TAG('O', 'S', '/', '2'));
    m->italic = (be16_at(os2, 62) & 1) != 0 || m->italic_angle != 0;
    hb_blob_destroy(os2);

    char name[256];
    unsigned len = sizeof name;
    if (!hb_ot_name_get_utf8(src->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name))
        name[0] = 0;
    pdf_name_chars(name, m->postscript_name, sizeof m->postscript_name);
}

double br_font_source_advance(const br_font_source *src, uint32_t glyph)
{
    return per_mille(src, hb_font_get_glyph_h_advance(src->font, glyph));
}

br_status br_font_subset(const br_font_source *src, const uint32_t *glyphs, size_t n, uint32_t *new_ids,
                         GBytes **out)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return br_error_set(BR_ERR_NOMEM);
    hb_set_t *keep = hb_subset_input_glyph_set(input);
    for (size_t i = 0; i < n; i++)
        hb_set_add(keep, glyphs[i]);
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_set_add(drop, HB_TAG('k', 'e', 'r', 'n'));
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);

    br_status st = BR_OK;
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(src->face, input);
    hb_subset_input_destroy(input);
    if (!plan)
        return br_error_set(BR_ERR_FONT);
    const hb_map_t *old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    for (size_t i = 0; i < n && st == BR_OK; i++) {
        new_ids[i] = hb_map_get(old_to_new, glyphs[i]);
        if (new_ids[i] == HB_MAP_VALUE_INVALID)
            st = br_error_set(BR_ERR_FONT); /* a glyph id the face does not have */
    }
    hb_face_t *sub = st == BR_OK ? hb_subset_plan_execute_or_fail(plan) : NULL;
    hb_subset_plan_destroy(plan);
    if (st != BR_OK)
        return st;
    if (!sub)
        return br_error_set(BR_ERR_FONT);
    hb_blob_t *res = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(res, &len);
    if (len == 0)
        st = br_error_set(BR_ERR_FONT);
    else
        *out = g_bytes_new(data, len);
    hb_blob_destroy(res);
    hb_face_destroy(sub);
    return st;
}
