/* impose: see print.h.
 *
 * Design note.  Every imposition is a grid of cells on a sheet: 2-up and
 * booklets 2 x 1 on a sheet turned against the page (landscape sheets for
 * portrait pages), 4-up 2 x 2 on a sheet turned like the page.  A page is
 * scaled to fit its cell, never enlarged, and a scale within 0.1 % of 1 is
 * taken as 1 (A4 cells of an A3 sheet are 0.005 pt narrower than A4 by the
 * rounding of the ISO sizes; printing them at 99.999 % helps nobody and
 * the clip hides the rest).  2-up and 4-up centre a page in its cell; a
 * booklet puts its two pages against the fold.  Plain sheets with bleed
 * or crop marks are the page moved into a margin of bleed (+ mark room).
 */
#include "print/print.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>

#include "base/paper.h"
#include "print/bleed.h"
#include "print/marks.h"

struct br_print {
    br_sheet *sheets;
    size_t n_sheets;
    br_placement *placements; /* every sheet's, in one array */
    GPtrArray *owned;         /* br_dlist *: bled pages, crop marks */
    size_t *page_sheet;       /* logical page -> its sheet */
    size_t *page_item;        /* logical page -> its placement */
    size_t n_pages;
};

size_t br_print_booklet_sides(size_t n_pages)
{
    return (n_pages + 3) / 4 * 2;
}

size_t br_print_booklet_page(size_t n_pages, size_t side, size_t slot)
{
    size_t padded = (n_pages + 3) / 4 * 4;
    if (side >= padded / 2 || slot > 1)
        return SIZE_MAX;
    /* 1-based: front sides (even) hold [N - side, side + 1], backs
     * [side + 1, N - side]. */
    size_t left = side % 2 == 0 ? padded - side : side + 1;
    size_t right = side % 2 == 0 ? side + 1 : padded - side;
    size_t page = (slot == 0 ? left : right) - 1;
    return page < n_pages ? page : SIZE_MAX;
}

/* The transform that puts a page of pw x ph into the cell (x, y, cw x
 * ch): fitted, never enlarged; align_x -1 against the cell's left edge, 0
 * centred, 1 against its right edge.  OUT: *scale. */
static br_matrix fit_cell(double pw, double ph, double x, double y, double cw, double ch, int align_x,
                          double *scale)
{
    double s = fmin(fmin(cw / pw, ch / ph), 1.0);
    if (s > 0.999)
        s = 1.0;
    double free_x = cw - pw * s;
    double dx = align_x < 0 ? 0 : align_x > 0 ? free_x : free_x / 2;
    double dy = (ch - ph * s) / 2;
    br_matrix m = br_matrix_scale(s, s);
    br_matrix t = br_matrix_translate(x + dx, y + dy);
    *scale = s;
    return br_matrix_multiply(&m, &t);
}

static void min_text_size(const br_text_run *run, void *data)
{
    double *min = data;
    if (run->n_glyphs > 0 && run->size < *min)
        *min = run->size;
}

static br_status plain(br_print *p, const br_pages *pages, const br_print_options *o)
{
    bool marked = o->bleed > 0 || o->crop_marks;
    double margin = o->bleed + (o->crop_marks ? BR_MARKS_GAP_PT + BR_MARKS_LENGTH_PT : 0);
    br_dlist *marks = NULL;
    p->n_sheets = p->n_pages;
    p->sheets = g_new0(br_sheet, p->n_sheets ? p->n_sheets : 1);
    p->placements = g_new0(br_placement, p->n_pages ? 2 * p->n_pages : 1);
    for (size_t i = 0; i < p->n_pages; i++) {
        const br_dlist *page = br_pages_at(pages, i);
        double pw = br_dlist_width(page), ph = br_dlist_height(page);
        br_placement *items = &p->placements[2 * i];
        br_sheet *sheet = &p->sheets[i];
        *sheet = (br_sheet){pw + 2 * margin, ph + 2 * margin, items, 1, false, {0, 0, 0, 0}, {0, 0, 0, 0}};
        items[0] = (br_placement){page, br_matrix_identity(), false, {0, 0, 0, 0}};
        p->page_sheet[i] = i;
        p->page_item[i] = 0;
        if (!marked)
            continue;
        items[0].ctm = br_matrix_translate(margin, margin);
        items[0].clip = true;
        items[0].clip_rect = (br_rect){-o->bleed, -o->bleed, pw + o->bleed, ph + o->bleed};
        sheet->has_boxes = true;
        sheet->trim_box = (br_rect){margin, margin, margin + pw, margin + ph};
        sheet->bleed_box = (br_rect){margin - o->bleed, margin - o->bleed, margin + pw + o->bleed,
                                     margin + ph + o->bleed};
        if (o->bleed > 0) {
            br_dlist *bled = NULL;
            br_status st = br_bleed_page(page, o->bleed, &bled);
            if (st != BR_OK)
                return st;
            g_ptr_array_add(p->owned, bled);
            items[0].page = bled;
        }
        if (o->crop_marks) {
            /* Pages of one document share a size, so usually one recording
             * of the marks serves every sheet. */
            if (!marks || br_dlist_width(marks) != sheet->width || br_dlist_height(marks) != sheet->height) {
                br_status st = br_marks_new(sheet->width, sheet->height, &sheet->trim_box, o->bleed, &marks);
                if (st != BR_OK)
                    return st;
                g_ptr_array_add(p->owned, marks);
            }
            items[1] = (br_placement){marks, br_matrix_identity(), false, {0, 0, 0, 0}};
            sheet->n_items = 2;
        }
    }
    return BR_OK;
}

static br_status impose(br_print *p, const br_pages *pages, const br_print_options *o, br_diag *diag)
{
    const br_dlist *first = br_pages_at(pages, 0);
    double pw = br_dlist_width(first), ph = br_dlist_height(first);
    bool four = o->layout == BR_PRINT_4UP, booklet = o->layout == BR_PRINT_BOOKLET;
    double sw = o->sheet_width > 0 ? o->sheet_width : pw, sh = o->sheet_height > 0 ? o->sheet_height : ph;
    /* 4-up: the sheet turned like the page; 2-up and booklets against it. */
    bool page_tall = ph >= pw, sheet_tall = sh >= sw;
    if ((page_tall == sheet_tall) != four) {
        double t = sw;
        sw = sh;
        sh = t;
    }
    size_t cols = four || sw >= sh ? 2 : 1, rows = four || sw < sh ? 2 : 1;
    size_t per_side = cols * rows;
    size_t n_sheets = booklet ? br_print_booklet_sides(p->n_pages) : (p->n_pages + per_side - 1) / per_side;
    p->n_sheets = n_sheets;
    p->sheets = g_new0(br_sheet, n_sheets);
    p->placements = g_new0(br_placement, n_sheets * per_side);
    double min_text = INFINITY, min_scale = 1.0;
    for (size_t i = 0; i < p->n_pages; i++)
        br_dlist_each_text(br_pages_at(pages, i), min_text_size, &min_text);
    double cw = sw / (double)cols, ch = sh / (double)rows;
    for (size_t s = 0; s < n_sheets; s++) {
        br_placement *items = &p->placements[s * per_side];
        p->sheets[s] = (br_sheet){sw, sh, items, per_side, false, {0, 0, 0, 0}, {0, 0, 0, 0}};
        for (size_t k = 0; k < per_side; k++) {
            size_t page = booklet ? br_print_booklet_page(p->n_pages, s, k) : s * per_side + k;
            if (page >= p->n_pages)
                continue; /* a blank: no recording */
            const br_dlist *rec = br_pages_at(pages, page);
            size_t col = k % cols, row = k / cols;
            /* A booklet's pages meet at the fold: the first against the
             * cell's far edge, the second against its near one (side by
             * side; pages stacked on a portrait sheet are centred). */
            int align = !booklet ? 0 : k == 0 ? 1 : -1;
            double scale = 1;
            items[k].page = rec;
            items[k].ctm = fit_cell(br_dlist_width(rec), br_dlist_height(rec), (double)col * cw, (double)row * ch,
                                    cw, ch, cols == 2 ? align : 0, &scale);
            items[k].clip = true;
            items[k].clip_rect = (br_rect){0, 0, br_dlist_width(rec), br_dlist_height(rec)};
            min_scale = fmin(min_scale, scale);
            p->page_sheet[page] = s;
            p->page_item[page] = k;
        }
    }
    if (isfinite(min_text) && min_text * min_scale < BR_PRINT_MIN_TEXT_PT)
        br_diag_add(diag, BR_SEV_WARNING, NULL, 0, 0, NULL,
                    "imposition prints the smallest text (%.1f pt) at %.1f pt (%.0f %%), below %.0f pt: "
                    "choose a larger sheet (--sheet) or fewer pages a side",
                    min_text, min_text * min_scale, min_scale * 100, BR_PRINT_MIN_TEXT_PT);
    return BR_OK;
}

br_status br_print_check(const br_print_options *o, br_diag *diag)
{
    if (o->layout > BR_PRINT_BOOKLET || !(o->sheet_width >= 0 && o->sheet_height >= 0)) {
        br_diag_error(diag, "unknown imposition or sheet size");
        return br_error_set(BR_ERR_USAGE);
    }
    if (o->layout != BR_PRINT_PLAIN && (o->bleed != 0 || o->crop_marks)) {
        br_diag_error(diag, "--bleed and --crop-marks are for one page a sheet: they cannot be used with --impose");
        return br_error_set(BR_ERR_USAGE);
    }
    if (o->layout == BR_PRINT_PLAIN && (o->sheet_width > 0 || o->sheet_height > 0)) {
        br_diag_error(diag, "--sheet chooses the paper of an imposition: it needs --impose");
        return br_error_set(BR_ERR_USAGE);
    }
    /* 20 mm: more than any print shop asks (3 to 5 mm is usual); a
     * bigger one is a typo for points or inches. */
    if (!(o->bleed >= 0 && o->bleed <= 20 * BR_PT_PER_MM + 1e-9)) {
        br_diag_error(diag, "--bleed must be between 0 and 20 mm");
        return br_error_set(BR_ERR_USAGE);
    }
    return BR_OK;
}

br_status br_print_new(const br_pages *pages, const br_print_options *o, br_diag *diag, br_print **out)
{
    *out = NULL;
    br_status st = br_print_check(o, diag);
    if (st != BR_OK)
        return st;
    br_print *p = g_new0(br_print, 1);
    p->n_pages = br_pages_count(pages);
    p->owned = g_ptr_array_new_with_free_func((GDestroyNotify)br_dlist_free);
    p->page_sheet = g_new0(size_t, p->n_pages ? p->n_pages : 1);
    p->page_item = g_new0(size_t, p->n_pages ? p->n_pages : 1);
    st = o->layout == BR_PRINT_PLAIN || p->n_pages == 0 ? plain(p, pages, o) : impose(p, pages, o, diag);
    if (st != BR_OK) {
        br_print_free(p);
        return st;
    }
    *out = p;
    return BR_OK;
}

void br_print_free(br_print *p)
{
    if (!p)
        return;
    g_ptr_array_free(p->owned, TRUE);
    g_free(p->sheets);
    g_free(p->placements);
    g_free(p->page_sheet);
    g_free(p->page_item);
    g_free(p);
}

const br_sheet *br_print_sheets(const br_print *p, size_t *n)
{
    *n = p->n_sheets;
    return p->sheets;
}

bool br_print_locate(const br_print *p, size_t page, double y, size_t *sheet, double *x_out, double *y_out)
{
    if (page >= p->n_pages)
        return false;
    *sheet = p->page_sheet[page];
    const br_placement *item = &p->sheets[*sheet].items[p->page_item[page]];
    double x = 0;
    br_matrix_apply(&item->ctm, &x, &y);
    *x_out = x;
    *y_out = y;
    return true;
}
