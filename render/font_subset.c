/* font_subset: see font_subset.h. */
#include "font_subset.h"

#include <hb-subset.h>
#include <hb.h>

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
        else
            *out = g_bytes_new(data, len);
        hb_blob_destroy(res);
        hb_face_destroy(sub);
    }
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    return st;
}
