/* sheet: see sheet.h. */
#include "device/sheet.h"

br_status br_sheet_replay(const br_sheet *sheet, br_device *target)
{
    br_matrix identity = br_matrix_identity();
    for (size_t i = 0; i < sheet->n_items && br_dev_status(target) == BR_OK; i++) {
        const br_placement *p = &sheet->items[i];
        if (!p->page)
            continue;
        bool moved = !br_matrix_is_identity(&p->ctm);
        if (moved)
            br_dev_set_page_transform(target, &p->ctm);
        if (p->clip) {
            br_path *clip = br_path_new();
            if (!clip) {
                br_dev_fail(target, BR_ERR_NOMEM);
                break;
            }
            br_path_rect(clip, p->clip_rect.x0, p->clip_rect.y0, p->clip_rect.x1 - p->clip_rect.x0,
                         p->clip_rect.y1 - p->clip_rect.y0);
            br_dev_clip_path(target, clip, BR_FILL_NONZERO);
            br_path_free(clip);
        }
        br_status st = br_dlist_replay(p->page, target);
        if (st != BR_OK)
            break;
        if (p->clip)
            br_dev_pop_clip(target);
        if (moved)
            br_dev_set_page_transform(target, &identity);
    }
    return br_dev_status(target);
}

void br_sheets_each_text(const br_sheet *sheets, size_t n_sheets,
                         void (*fn)(const br_text_run *run, void *data), void *data)
{
    for (size_t s = 0; s < n_sheets; s++)
        for (size_t i = 0; i < sheets[s].n_items; i++)
            if (sheets[s].items[i].page)
                br_dlist_each_text(sheets[s].items[i].page, fn, data);
}
