/* writer: see writer.h. */
#include "api/writer.h"

#include <glib.h>

#include "backends/dev_cairo.h"
#include "backends/dev_hpdf.h"
#include "device/dev_trace.h"
#include "device/sheet.h"
#include "print/print.h"

static br_status write_cairo(const br_write_options *o, br_cairo_kind kind, const br_sheet *sheets, size_t n,
                             GPtrArray *files, br_diag *diag)
{
    /* Before any page is drawn: a resolution too high for a page is known
     * from the sizes alone. */
    for (size_t i = 0; kind == BR_CAIRO_PNG && i < n; i++) {
        uint64_t w, h;
        br_cairo_png_size(sheets[i].width, sheets[i].height, o->dpi, &w, &h);
        if (w * h > BR_CAIRO_MAX_PAGE_PIXELS || w > 32767 || h > 32767) {
            int max_dpi = br_cairo_png_max_dpi(sheets[i].width, sheets[i].height);
            br_diag_error(diag,
                          "page %zu at %g dpi would be %" G_GUINT64_FORMAT "x%" G_GUINT64_FORMAT
                          " pixels, over the limit of %d megapixels for a PNG page; at most %d dpi fits",
                          i + 1, o->dpi, w, h, BR_CAIRO_MAX_PAGE_MEGAPIXELS, max_dpi);
            return br_error_set(BR_ERR_UNSUPPORTED);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const br_sheet *sheet = &sheets[i];
        br_cairo_page *cp = NULL;
        br_status st = br_cairo_page_new(kind, sheet->width, sheet->height, o->dpi, &cp);
        if (st == BR_OK) {
            br_dev_set_color_space(br_cairo_page_device(cp), o->color_space);
            st = br_sheet_replay(sheet, br_cairo_page_device(cp));
        }
        GByteArray *bytes = g_byte_array_new();
        if (st == BR_OK)
            st = br_cairo_page_finish(cp, bytes);
        br_cairo_page_free(cp);
        if (st != BR_OK) {
            g_byte_array_unref(bytes);
            br_diag_error(diag, "cannot draw page %zu: %s", i + 1, br_status_str(st));
            return st;
        }
        g_ptr_array_add(files, bytes);
    }
    return BR_OK;
}

static br_status write_trace(const br_write_options *o, const br_pages *pages, const br_print *print,
                             const br_sheet *sheets, size_t n, GPtrArray *files, br_diag *diag)
{
    GString *s = g_string_new(NULL);
    br_status st = BR_OK;
    for (size_t i = 0; i < n && st == BR_OK; i++) {
        br_trace_dev *t = br_trace_dev_new(s, sheets[i].width, sheets[i].height);
        br_dev_set_color_space(br_trace_dev_device(t), o->color_space);
        st = br_sheet_replay(&sheets[i], br_trace_dev_device(t));
        br_trace_dev_free(t);
    }
    for (size_t i = 0; i < br_pages_n_outline(pages); i++) {
        const br_outline_entry *e = br_pages_outline_at(pages, i);
        size_t sheet;
        double x, y;
        if (br_print_locate(print, e->page, e->y, &sheet, &x, &y))
            g_string_append_printf(s, "outline %d page %zu y %.2f \"%s\"\n", e->level, sheet + 1, y, e->title);
    }
    if (st != BR_OK) {
        br_diag_error(diag, "cannot trace the pages: %s", br_status_str(st));
        g_string_free(s, TRUE);
        return st;
    }
    gsize len = s->len;
    char *data = g_string_free(s, FALSE);
    g_ptr_array_add(files, g_byte_array_new_take((guint8 *)data, len));
    return BR_OK;
}

static br_status write_pdf(const br_write_options *o, const br_pages *pages, const br_print *print,
                           const br_sheet *sheets, size_t n, GPtrArray *files, br_diag *diag)
{
    size_t n_outline = br_pages_n_outline(pages);
    br_pdf_outline *outline = g_new0(br_pdf_outline, n_outline ? n_outline : 1);
    for (size_t i = 0; i < n_outline; i++) {
        const br_outline_entry *e = br_pages_outline_at(pages, i);
        size_t sheet = 0;
        double x = 0, y = 0;
        if (br_print_locate(print, e->page, e->y, &sheet, &x, &y))
            outline[i] = (br_pdf_outline){e->title, e->level, (int)sheet, x, y};
        else
            outline[i] = (br_pdf_outline){e->title, e->level, -1, 0, 0}; /* on no sheet: left out */
    }
    br_pdf_info info = o->info;
    info.color_space = o->color_space;
    GByteArray *bytes = g_byte_array_new();
    br_status st = br_pdf_write(&info, sheets, n, outline, n_outline, bytes, diag);
    g_free(outline);
    if (st != BR_OK)
        g_byte_array_unref(bytes);
    else
        g_ptr_array_add(files, bytes);
    return st;
}

br_status br_write_pages(const br_pages *pages, const br_write_options *o, br_diag *diag, GPtrArray *files)
{
    br_print *print = NULL;
    br_status st = br_print_new(pages, &o->print, diag, &print);
    if (st != BR_OK)
        return st;
    size_t n = 0;
    const br_sheet *sheets = br_print_sheets(print, &n);
    st = br_error_set(BR_ERR_UNSUPPORTED);
    switch (o->format) {
    case BR_FORMAT_PNG: st = write_cairo(o, BR_CAIRO_PNG, sheets, n, files, diag); break;
    case BR_FORMAT_SVG: st = write_cairo(o, BR_CAIRO_SVG, sheets, n, files, diag); break;
    case BR_FORMAT_TRACE: st = write_trace(o, pages, print, sheets, n, files, diag); break;
    case BR_FORMAT_PDF: st = write_pdf(o, pages, print, sheets, n, files, diag); break;
    }
    br_print_free(print);
    return st;
}
