/* print/: placement transforms of 2-up, 4-up and booklets, the booklet's
 * saddle-stitch order for 1..9 pages, bleed growth and crop marks, the
 * paper table and the option rules. */
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/paper.h"
#include "device/dev_trace.h"
#include "device/pages.h"
#include "print/print.h"
#include "tap.h"

#define A4_W 595.28
#define A4_H 841.89
#define A5_W 419.53
#define A5_H 595.28

static bool near(double a, double b)
{
    return fabs(a - b) < 0.01;
}

/* n pages of w x h, each with a filled rectangle in its middle and one
 * across its whole width at the top (a band that touches the edges). */
static br_pages *make_pages(size_t n, double w, double h)
{
    br_pages *pages = br_pages_new();
    for (size_t i = 0; i < n; i++) {
        br_device *d = br_pages_begin(pages, w, h);
        br_dev_fill_rect(d, 0, 0, w, 20, br_rgb(0x336699));
        br_dev_fill_rect(d, 100, 100, 50, 50, br_rgb(0x000000));
        br_pages_add_outline(pages, "page", 0, 100);
        if (br_pages_end(pages) != BR_OK)
            return NULL;
    }
    return pages;
}

static br_print *impose(const br_pages *pages, br_print_layout layout, double sw, double sh, br_diag *diag)
{
    br_print_options o = {layout, sw, sh, 0, false};
    br_print *p = NULL;
    return br_print_new(pages, &o, diag, &p) == BR_OK ? p : NULL;
}

/* The page drawn at placement k of sheet s, as an index into pages
 * (SIZE_MAX: a blank). */
static size_t page_at(const br_pages *pages, const br_sheet *sheet, size_t k)
{
    if (k >= sheet->n_items || !sheet->items[k].page)
        return SIZE_MAX;
    for (size_t i = 0; i < br_pages_count(pages); i++)
        if (br_pages_at(pages, i) == sheet->items[k].page)
            return i;
    return SIZE_MAX - 1;
}

static size_t warnings(const br_diag *diag)
{
    size_t n = 0;
    for (size_t i = 0; i < br_diag_count(diag); i++)
        n += br_diag_item_at(diag, i)->severity == BR_SEV_WARNING;
    return n;
}

int main(void)
{
    /* Booklet order, checked against the rule written out by hand. */
    static const size_t expect[9][6][2] = {
        /* 1-based, 0 = blank */
        {{0, 1}, {0, 0}},
        {{0, 1}, {2, 0}},
        {{0, 1}, {2, 3}},
        {{4, 1}, {2, 3}},
        {{0, 1}, {2, 0}, {0, 3}, {4, 5}},
        {{0, 1}, {2, 0}, {6, 3}, {4, 5}},
        {{0, 1}, {2, 7}, {6, 3}, {4, 5}},
        {{8, 1}, {2, 7}, {6, 3}, {4, 5}},
        {{0, 1}, {2, 0}, {0, 3}, {4, 9}, {8, 5}, {6, 7}},
    };
    for (size_t n = 1; n <= 9; n++) {
        size_t sides = br_print_booklet_sides(n);
        ok(sides == (n + 3) / 4 * 2, "booklet of %zu pages: %zu sides", n, sides);
        bool same = true, each_once = true;
        int seen[9] = {0};
        for (size_t s = 0; s < sides; s++)
            for (size_t k = 0; k < 2; k++) {
                size_t p = br_print_booklet_page(n, s, k);
                size_t want = expect[n - 1][s][k];
                same = same && (want == 0 ? p == SIZE_MAX : p == want - 1);
                if (p != SIZE_MAX && p < 9)
                    seen[p]++;
            }
        for (size_t i = 0; i < n; i++)
            each_once = each_once && seen[i] == 1;
        ok(same, "booklet of %zu pages: saddle-stitch order", n);
        ok(each_once, "booklet of %zu pages: every page once", n);
        ok(br_print_booklet_page(n, sides, 0) == SIZE_MAX, "booklet of %zu pages: no side past the last", n);

        br_pages *pages = make_pages(n, A4_W, A4_H);
        br_diag *diag = br_diag_new(0);
        br_print *p = impose(pages, BR_PRINT_BOOKLET, 0, 0, diag);
        size_t n_sheets = 0;
        const br_sheet *sheets = p ? br_print_sheets(p, &n_sheets) : NULL;
        bool placed = p && n_sheets == sides;
        for (size_t s = 0; placed && s < n_sheets; s++)
            for (size_t k = 0; k < 2; k++)
                placed = placed && page_at(pages, &sheets[s], k) == br_print_booklet_page(n, s, k);
        ok(placed, "booklet of %zu pages: the sheets hold the pages in that order", n);
        br_print_free(p);
        br_diag_free(diag);
        br_pages_free(pages);
    }

    /* 2-up of A4 on the same paper: a landscape A4 sheet, 0.707, pages
     * centred in their halves, clipped to themselves. */
    {
        br_pages *pages = make_pages(3, A4_W, A4_H);
        br_diag *diag = br_diag_new(0);
        br_print *p = impose(pages, BR_PRINT_2UP, 0, 0, diag);
        size_t n = 0;
        const br_sheet *sh = p ? br_print_sheets(p, &n) : NULL;
        ok(p && n == 2, "2-up of 3 pages: 2 sheets");
        ok(sh && near(sh[0].width, A4_H) && near(sh[0].height, A4_W), "2-up: a landscape A4 sheet");
        double s = A4_W / A4_H;
        const br_placement *a = sh ? &sh[0].items[0] : NULL, *b = sh ? &sh[0].items[1] : NULL;
        ok(a && near(a->ctm.xx, s) && near(a->ctm.yy, s) && a->ctm.xy == 0 && a->ctm.yx == 0,
           "2-up: scale %.3f, no rotation", s);
        ok(a && near(a->ctm.x0, (A4_H / 2 - A4_W * s) / 2) && near(a->ctm.y0, 0), "2-up: left page centred in its half");
        ok(b && near(b->ctm.x0, A4_H / 2 + (A4_H / 2 - A4_W * s) / 2), "2-up: right page in the right half");
        ok(a && a->clip && a->clip_rect.x0 == 0 && near(a->clip_rect.x1, A4_W) && near(a->clip_rect.y1, A4_H),
           "2-up: clipped to the logical page");
        ok(sh && sh[1].n_items == 2 && sh[1].items[1].page == NULL, "2-up: the last sheet's second half is blank");
        size_t sheet = 99;
        double x, y;
        ok(p && br_print_locate(p, 1, 100, &sheet, &x, &y) && sheet == 0 && near(y, 100 * s) &&
               near(x, b->ctm.x0),
           "2-up: page 2's outline point lands on sheet 1, right half, y through the transform");
        ok(p && !br_print_locate(p, 3, 0, &sheet, &x, &y), "2-up: no page 4 to locate");
        ok(warnings(diag) == 0, "2-up: no text, no warning");
        br_print_free(p);
        br_diag_free(diag);
        br_pages_free(pages);
    }

    /* 4-up: a portrait sheet, 0.5, reading order. */
    {
        br_pages *pages = make_pages(5, A4_W, A4_H);
        br_diag *diag = br_diag_new(0);
        br_print *p = impose(pages, BR_PRINT_4UP, 0, 0, diag);
        size_t n = 0;
        const br_sheet *sh = p ? br_print_sheets(p, &n) : NULL;
        ok(p && n == 2 && near(sh[0].width, A4_W) && near(sh[0].height, A4_H), "4-up of 5 pages: 2 portrait sheets");
        bool order = sh != NULL;
        for (size_t k = 0; order && k < 4; k++) {
            const br_placement *pl = &sh[0].items[k];
            order = page_at(pages, &sh[0], k) == k && near(pl->ctm.xx, 0.5) &&
                    near(pl->ctm.x0, (double)(k % 2) * A4_W / 2) && near(pl->ctm.y0, (double)(k / 2) * A4_H / 2);
        }
        ok(order, "4-up: pages 1-4 at scale 0.5 in reading order");
        br_print_free(p);
        br_diag_free(diag);
        br_pages_free(pages);
    }

    /* --sheet A4 for A5 pages, and A3 for A4 pages: 100 %, either
     * orientation given. */
    {
        br_pages *pages = make_pages(2, A5_W, A5_H);
        br_diag *diag = br_diag_new(0);
        br_print *p = impose(pages, BR_PRINT_2UP, A4_W, A4_H, diag);
        size_t n = 0;
        const br_sheet *sh = p ? br_print_sheets(p, &n) : NULL;
        ok(p && n == 1 && near(sh[0].width, A4_H) && sh[0].items[0].ctm.xx == 1.0 && sh[1 - 1].items[1].ctm.xx == 1.0,
           "2-up of A5 on A4: one landscape sheet at 100 %%");
        br_print_free(p);
        br_pages_free(pages);
        pages = make_pages(4, A4_W, A4_H);
        p = impose(pages, BR_PRINT_BOOKLET, 1190.55, 841.89, diag);
        sh = p ? br_print_sheets(p, &n) : NULL;
        ok(p && n == 2 && near(sh[0].width, 1190.55) && sh[0].items[1].ctm.xx == 1.0,
           "booklet of A4 on A3 (given landscape): 100 %%");
        ok(sh && near(sh[1].items[0].ctm.x0, 1190.55 / 2 - A4_W) && near(sh[1].items[1].ctm.x0, 1190.55 / 2),
           "booklet: the pages meet at the fold");
        br_print_free(p);
        br_diag_free(diag);
        br_pages_free(pages);
    }

    /* The 5 pt warning: 6 pt text 4-up (3 pt) warns, 2-up A5 on A4 not. */
    {
        for (int four = 0; four < 2; four++) {
            br_pages *pages = br_pages_new();
            br_device *d = br_pages_begin(pages, A5_W, A5_H);
            br_font_face face = {"x.ttf", 0, true};
            br_glyph g = {1, 10, 10};
            br_cluster c = {1, 1};
            br_text_run run = {&face, 6.0, br_rgb(0), "x", 1, &g, 1, &c, 1, {10, 4, 14, 12}};
            br_dev_fill_text(d, &run);
            ok(br_pages_end(pages) == BR_OK, "a page with 6 pt text");
            br_diag *diag = br_diag_new(0);
            br_print *p = four ? impose(pages, BR_PRINT_4UP, 0, 0, diag) : impose(pages, BR_PRINT_2UP, A4_W, A4_H, diag);
            ok(p && warnings(diag) == (size_t)four, four ? "4-up of 6 pt text (3 pt) warns" : "2-up A5 on A4 does not warn");
            br_print_free(p);
            br_diag_free(diag);
            br_pages_free(pages);
        }
    }

    /* Bleed and crop marks: sheet grown, boxes, the band grown into the
     * bleed, marks outside the bleed box. */
    {
        br_pages *pages = make_pages(1, A4_W, A4_H);
        br_diag *diag = br_diag_new(0);
        double b = 3 * BR_PT_PER_MM;
        br_print_options o = {BR_PRINT_PLAIN, 0, 0, b, true};
        br_print *p = NULL;
        ok(br_print_new(pages, &o, diag, &p) == BR_OK, "bleed 3 mm and crop marks");
        size_t n = 0;
        const br_sheet *sh = br_print_sheets(p, &n);
        double m = sh[0].trim_box.x0;
        ok(n == 1 && sh[0].has_boxes && m > b && near(sh[0].width, A4_W + 2 * m) && near(sh[0].trim_box.x1 - m, A4_W),
           "the sheet is the page with a margin of bleed and marks; the trim is the page");
        ok(near(sh[0].bleed_box.x0, m - b) && near(sh[0].bleed_box.y1, m + A4_H + b), "the bleed box is trim + 3 mm");
        GString *t = g_string_new(NULL);
        br_trace_dev *td = br_trace_dev_new(t, sh[0].width, sh[0].height);
        ok(br_sheet_replay(&sh[0], br_trace_dev_device(td)) == BR_OK, "the sheet replays");
        br_trace_dev_free(td);
        ok(strstr(t->str, "M -8.50 -8.50 L 603.78 -8.50 L 603.78 20.00 L -8.50 20.00") != NULL,
           "the band at the top edge reaches 3 mm beyond the page");
        ok(strstr(t->str, "M 100.00 100.00") != NULL, "the rectangle inside the page stays as drawn");
        size_t strokes = 0, outside = 0;
        char **lines = g_strsplit(t->str, "\n", -1);
        for (char **l = lines; *l; l++) {
            if (strncmp(*l, "stroke", 6) != 0)
                continue;
            strokes++;
            double x0, y0, x1, y1;
            const char *mv = strstr(*l, " M ");
            if (mv && sscanf(mv, " M %lf %lf L %lf %lf", &x0, &y0, &x1, &y1) == 4) {
                br_rect bb = sh[0].bleed_box;
                bool in_x = fmax(x0, x1) > bb.x0 && fmin(x0, x1) < bb.x1;
                bool in_y = fmax(y0, y1) > bb.y0 && fmin(y0, y1) < bb.y1;
                outside += !(in_x && in_y);
            }
        }
        g_strfreev(lines);
        ok(strokes == 8 && outside == 8, "8 crop marks, all outside the bleed box (%zu, %zu)", strokes, outside);
        g_string_free(t, TRUE);
        br_print_free(p);
        br_diag_free(diag);
        br_pages_free(pages);
    }

    /* Option rules. */
    {
        br_pages *pages = make_pages(1, A4_W, A4_H);
        br_diag *diag = br_diag_new(0);
        br_print_options bad[] = {
            {BR_PRINT_2UP, 0, 0, 3, false}, {BR_PRINT_4UP, 0, 0, 0, true}, {BR_PRINT_PLAIN, A4_W, A4_H, 0, false},
            {BR_PRINT_PLAIN, 0, 0, -1, false}, {BR_PRINT_PLAIN, 0, 0, 21 * BR_PT_PER_MM, false},
            {BR_PRINT_PLAIN, 0, 0, NAN, false}};
        for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
            br_print *p = NULL;
            ok(br_print_new(pages, &bad[i], diag, &p) == BR_ERR_USAGE && !p, "bad options %zu: a usage error", i);
        }
        br_print_options edge = {BR_PRINT_PLAIN, 0, 0, 20 * BR_PT_PER_MM, false};
        ok(br_print_check(&edge, diag) == BR_OK, "a bleed of 20 mm is allowed");
        br_diag_free(diag);
        br_pages_free(pages);
    }

    /* The paper table. */
    {
        double w = 0, h = 0;
        ok(br_paper_lookup("A4", &w, &h) && near(w, A4_W) && near(h, A4_H), "A4");
        ok(br_paper_lookup("Tabloid", &w, &h) && w == 792 && h == 1224, "Tabloid");
        ok(br_paper_lookup("210x297mm", &w, &h) && near(w, A4_W) && near(h, A4_H), "210x297mm is A4");
        ok(br_paper_lookup("100.5x200mm", &w, &h) && near(w, 100.5 * BR_PT_PER_MM), "decimals in WxHmm");
        const char *bad[] = {"a4", "B5", "210x297", "x297mm", "210x297mmm", "5x5mm", "210x-297mm", "1e3x200mm", ""};
        bool none = true;
        for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
            none = none && !br_paper_lookup(bad[i], &w, &h);
        ok(none, "unknown names and malformed sizes are refused");
    }
    return done();
}
