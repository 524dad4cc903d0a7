/* writer: see writer.h. */
#include "api/writer.h"

#include <glib.h>

#include "backends/dev_cairo.h"
#include "device/dev_trace.h"
#include "device/dlist.h"

struct br_writer {
    br_format format;
    double dpi;
    br_pdf_info info;
    char *strings[6];
    GPtrArray *pages;   /* br_dlist * */
    GArray *outline;    /* br_pdf_outline, titles owned */
    GPtrArray *files;   /* GByteArray * */
    br_dlist *current;
    size_t n_closed_pages;
};

br_writer *br_writer_new(br_format format, double dpi, const br_pdf_info *info)
{
    br_writer *w = g_new0(br_writer, 1);
    w->format = format;
    w->dpi = dpi > 0 ? dpi : 96;
    if (info) {
        w->info = *info;
        const char **fields[6] = {&w->info.title, &w->info.author, &w->info.subject,
                                  &w->info.keywords, &w->info.creator, &w->info.producer};
        for (int i = 0; i < 6; i++) {
            w->strings[i] = g_strdup(*fields[i]);
            *fields[i] = w->strings[i];
        }
    } else {
        w->info.creation_time = -1;
    }
    w->pages = g_ptr_array_new_with_free_func((GDestroyNotify)br_dlist_free);
    w->outline = g_array_new(FALSE, FALSE, sizeof(br_pdf_outline));
    w->files = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    return w;
}

void br_writer_free(br_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < 6; i++)
        g_free(w->strings[i]);
    for (guint i = 0; i < w->outline->len; i++)
        g_free((char *)g_array_index(w->outline, br_pdf_outline, i).title);
    g_array_free(w->outline, TRUE);
    g_ptr_array_free(w->pages, TRUE);
    g_ptr_array_free(w->files, TRUE);
    br_dlist_free(w->current);
    g_free(w);
}

br_device *br_writer_begin_page(br_writer *w, double width, double height)
{
    br_dlist_free(w->current);
    w->current = br_dlist_new(width, height);
    return w->current ? br_dlist_device(w->current) : NULL;
}

br_status br_writer_end_page(br_writer *w)
{
    if (!w->current)
        return br_error_set(BR_ERR_NOMEM);
    br_status st = br_dev_status(br_dlist_device(w->current));
    if (st == BR_OK && br_dlist_device(w->current)->clip_depth != 0)
        st = br_error_set(BR_ERR_UNSUPPORTED); /* unbalanced clips */
    if (st != BR_OK) {
        br_dlist_free(w->current);
    } else {
        g_ptr_array_add(w->pages, w->current);
    }
    w->current = NULL;
    return st;
}

void br_writer_add_outline(br_writer *w, const char *title, int level, double y)
{
    br_pdf_outline o = {g_strdup(title), level, (int)w->pages->len, y};
    g_array_append_val(w->outline, o);
}

size_t br_writer_n_pages(const br_writer *w)
{
    return w->pages->len ? w->pages->len : w->n_closed_pages;
}

/* One sheet per page, the page at the identity (imposition comes from
 * print/ and gives other sheets).  OUT: *placements, to g_free. */
static br_sheet *plain_sheets(br_writer *w, br_placement **placements)
{
    size_t n = w->pages->len;
    br_sheet *sheets = g_new0(br_sheet, n ? n : 1);
    br_placement *items = g_new0(br_placement, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        br_dlist *page = g_ptr_array_index(w->pages, i);
        items[i].page = page;
        items[i].ctm = br_matrix_identity();
        sheets[i] = (br_sheet){br_dlist_width(page), br_dlist_height(page), &items[i], 1};
    }
    *placements = items;
    return sheets;
}

static br_status close_cairo(br_writer *w, br_cairo_kind kind, const br_sheet *sheets, br_diag *diag)
{
    for (guint i = 0; i < w->pages->len; i++) {
        const br_sheet *sheet = &sheets[i];
        br_cairo_page *cp = NULL;
        br_status st = br_cairo_page_new(kind, sheet->width, sheet->height, w->dpi, &cp);
        if (st == BR_OK) {
            br_dev_set_color_space(br_cairo_page_device(cp), w->info.color_space);
            st = br_sheet_replay(sheet, br_cairo_page_device(cp));
        }
        GByteArray *bytes = g_byte_array_new();
        if (st == BR_OK)
            st = br_cairo_page_finish(cp, bytes);
        br_cairo_page_free(cp);
        if (st != BR_OK) {
            g_byte_array_unref(bytes);
            br_diag_error(diag, "cannot draw page %u: %s", i + 1, br_status_str(st));
            return st;
        }
        g_ptr_array_add(w->files, bytes);
    }
    return BR_OK;
}

static br_status close_trace(br_writer *w, const br_sheet *sheets, br_diag *diag)
{
    GString *s = g_string_new(NULL);
    br_status st = BR_OK;
    for (guint i = 0; i < w->pages->len && st == BR_OK; i++) {
        br_trace_dev *t = br_trace_dev_new(s, sheets[i].width, sheets[i].height);
        br_dev_set_color_space(br_trace_dev_device(t), w->info.color_space);
        st = br_sheet_replay(&sheets[i], br_trace_dev_device(t));
        br_trace_dev_free(t);
    }
    for (guint i = 0; i < w->outline->len; i++) {
        br_pdf_outline *o = &g_array_index(w->outline, br_pdf_outline, i);
        g_string_append_printf(s, "outline %d page %d y %.2f \"%s\"\n", o->level, o->page + 1, o->y, o->title);
    }
    if (st != BR_OK) {
        br_diag_error(diag, "cannot trace the pages: %s", br_status_str(st));
        g_string_free(s, TRUE);
        return st;
    }
    gsize len = s->len;
    char *data = g_string_free(s, FALSE);
    g_ptr_array_add(w->files, g_byte_array_new_take((guint8 *)data, len));
    return BR_OK;
}

static br_status close_pages(br_writer *w, br_diag *diag)
{
    if (w->current) {
        br_diag_error(diag, "a page was begun but never ended");
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    br_placement *placements = NULL;
    br_sheet *sheets = plain_sheets(w, &placements);
    br_status st = br_error_set(BR_ERR_UNSUPPORTED);
    switch (w->format) {
    case BR_FORMAT_PNG: st = close_cairo(w, BR_CAIRO_PNG, sheets, diag); break;
    case BR_FORMAT_SVG: st = close_cairo(w, BR_CAIRO_SVG, sheets, diag); break;
    case BR_FORMAT_TRACE: st = close_trace(w, sheets, diag); break;
    case BR_FORMAT_PDF: {
        GByteArray *bytes = g_byte_array_new();
        st = br_pdf_write(&w->info, sheets, w->pages->len, (const br_pdf_outline *)(void *)w->outline->data,
                          w->outline->len, bytes, diag);
        if (st != BR_OK)
            g_byte_array_unref(bytes);
        else
            g_ptr_array_add(w->files, bytes);
        break;
    }
    }
    g_free(sheets);
    g_free(placements);
    return st;
}

size_t br_writer_n_files(const br_writer *w)
{
    return w->files->len;
}

const uint8_t *br_writer_file(const br_writer *w, size_t i, size_t *len)
{
    GByteArray *b = g_ptr_array_index(w->files, i);
    *len = b->len;
    return b->data;
}

br_status br_writer_close(br_writer *w, br_diag *diag)
{
    br_status st = close_pages(w, diag);
    /* The recordings borrow font faces from the document's fonts; drop them
     * now so nothing can replay them after the fonts are gone. */
    w->n_closed_pages = w->pages->len;
    g_ptr_array_set_size(w->pages, 0);
    return st;
}
