/* device, dlist, trace and writer: the wrappers' rules and faithful replay. */
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "device/dev_bbox.h"
#include "device/dev_trace.h"
#include "backends/dev_cairo.h"
#include "device/dlist.h"
#include "device/sheet.h"
#include "tap.h"
#include "api/writer.h"
#include "device/pages.h"

static void draw_sample(br_device *dev)
{
    br_dev_fill_rect(dev, 10, 20, 30, 40, br_rgb(0x0072B2));
    br_stroke s = br_stroke_solid(0.75);
    s.n_dashes = 2;
    s.dashes[0] = 3;
    s.dashes[1] = 2;
    br_dev_line(dev, 0, 0, 100, 50, &s, br_rgba(0x404040, 0.5));
    br_path *p = br_path_new();
    br_path_arc(p, 50, 50, 10, 0, 3.14159265358979 * 2, 1);
    br_path_close(p);
    br_dev_clip_path(dev, p, BR_FILL_EVENODD);
    br_dev_fill_path(dev, p, BR_FILL_NONZERO, br_rgb(0x009E73));
    br_dev_pop_clip(dev);
    br_path_free(p);
}

/* A device that keeps the pixels of the last image it was given. */
typedef struct {
    br_device base; /* must be first */
    uint8_t px[16];
    br_colorspace space;
} image_catcher;

static br_status catch_image(br_device *dev, const br_image *img, const br_rect *r)
{
    (void)r;
    image_catcher *c = (image_catcher *)dev;
    size_t n = (size_t)img->width * (size_t)img->height * (size_t)br_image_channels(img->space);
    memcpy(c->px, img->rgba, n < sizeof c->px ? n : sizeof c->px);
    c->space = img->space;
    return BR_OK;
}

int main(void)
{
    /* Trace of a direct drawing equals the trace of its recording replayed. */
    GString *direct = g_string_new(NULL), *replayed = g_string_new(NULL);
    br_trace_dev *t1 = br_trace_dev_new(direct, 200, 100);
    draw_sample(br_trace_dev_device(t1));
    ok(br_dev_status(br_trace_dev_device(t1)) == BR_OK, "drawing succeeds");
    br_dlist *rec = br_dlist_new(200, 100);
    draw_sample(br_dlist_device(rec));
    br_trace_dev *t2 = br_trace_dev_new(replayed, 200, 100);
    ok(br_dlist_replay(rec, br_trace_dev_device(t2)) == BR_OK, "replay succeeds");
    ok(strcmp(direct->str, replayed->str) == 0, "a replayed recording draws exactly the same calls");
    ok(strstr(direct->str, "fill #0072b2 M 10.00 20.00 L 40.00 20.00 L 40.00 60.00 L 10.00 60.00 Z") != NULL,
       "rectangles are traced in page coordinates");
    ok(strstr(direct->str, "stroke #404040 alpha=0.50 w 0.75 dash 3.00 2.00") != NULL, "stroke style is traced");
    ok(strstr(direct->str, " C ") != NULL, "arcs become curves");
    br_trace_dev_free(t1);
    br_trace_dev_free(t2);
    br_dlist_free(rec);

    /* Sticky errors: an unbalanced pop fails the device; later calls do nothing. */
    GString *s = g_string_new(NULL);
    br_trace_dev *t = br_trace_dev_new(s, 10, 10);
    br_device *dev = br_trace_dev_device(t);
    br_dev_pop_clip(dev);
    ok(br_dev_status(dev) == BR_ERR_UNSUPPORTED, "unbalanced pop_clip is an error");
    size_t len = s->len;
    br_dev_fill_rect(dev, 0, 0, 1, 1, br_rgb(0));
    ok(s->len == len, "a failed device ignores later calls");
    br_trace_dev_free(t);

    /* Dash patterns libharu cannot write are refused, not approximated. */
    g_string_truncate(s, 0);
    t = br_trace_dev_new(s, 10, 10);
    dev = br_trace_dev_device(t);
    br_stroke bad = br_stroke_solid(1);
    bad.n_dashes = 1;
    bad.dashes[0] = 0.5;
    br_dev_line(dev, 0, 0, 1, 1, &bad, br_rgb(0));
    ok(br_dev_status(dev) == BR_ERR_UNSUPPORTED, "fractional dashes are unsupported");
    br_trace_dev_free(t);
    g_string_free(s, TRUE);

    /* Bounds. */
    br_bbox_dev *bb = br_bbox_dev_new();
    br_dev_fill_rect(br_bbox_dev_device(bb), 10, 20, 30, 40, br_rgb(0));
    br_stroke w2 = br_stroke_solid(2);
    br_dev_line(br_bbox_dev_device(bb), 0, 100, 50, 100, &w2, br_rgb(0));
    br_rect r = {0, 0, 0, 0};
    int any = br_bbox_dev_bounds(bb, &r);
    ok(any && r.x0 == -1 && r.y0 == 20 && r.x1 == 51 && r.y1 == 101,
       "bbox covers fills and half the stroke width (%g %g %g %g)", r.x0, r.y0, r.x1, r.y1);
    br_bbox_dev_free(bb);

    /* Writer: a PNG per page, sized by the resolution. */
    br_pages *pages = br_pages_new();
    for (int i = 0; i < 2; i++) {
        br_device *d = br_pages_begin(pages, 100.5, 50);
        br_dev_fill_rect(d, 0, 0, 10, 10, br_rgb(0));
        ok(br_pages_end(pages) == BR_OK, "page %d ends cleanly", i + 1);
    }
    br_diag *diag = br_diag_new(0);
    br_write_options wo = {BR_FORMAT_PNG, 72, BR_SPACE_RGB, {0}, {BR_PRINT_PLAIN, 0, 0, 0, false}};
    wo.info.creation_time = -1;
    GPtrArray *files = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    ok(br_write_pages(pages, &wo, diag, files) == BR_OK, "PNG writer writes");
    ok(files->len == 2, "one PNG per page");
    GByteArray *first = files->len ? g_ptr_array_index(files, 0) : NULL;
    size_t n = first ? first->len : 0;
    const uint8_t *png = first ? first->data : (const uint8_t *)"";
    ok(n > 24 && memcmp(png, "\x89PNG", 4) == 0, "the file is a PNG");
    unsigned wpx = n > 24 ? (unsigned)png[16] << 24 | png[17] << 16 | png[18] << 8 | png[19] : 0;
    unsigned hpx = n > 24 ? (unsigned)png[20] << 24 | png[21] << 16 | png[22] << 8 | png[23] : 0;
    ok(wpx == 101 && hpx == 50, "72 dpi: pixels = points rounded up (%ux%u)", wpx, hpx);
    g_ptr_array_free(files, TRUE);
    br_pages_free(pages);

    /* A page left with an open clip is refused at end_page. */
    pages = br_pages_new();
    br_device *d = br_pages_begin(pages, 10, 10);
    br_path *p = br_path_new();
    br_path_rect(p, 0, 0, 5, 5);
    br_dev_clip_path(d, p, BR_FILL_NONZERO);
    br_path_free(p);
    ok(br_pages_end(pages) != BR_OK, "unbalanced clips fail the page");
    br_pages_free(pages);

    /* Page transforms: every device honours them. */
    {
        br_dlist *page = br_dlist_new(100, 100);
        br_dev_fill_rect(br_dlist_device(page), 10, 10, 20, 20, br_rgb(0x000000));
        br_matrix half = {0.5, 0, 0, 0.5, 200, 0};
        br_placement pl[2] = {{page, br_matrix_identity(), false, {0, 0, 0, 0}}, {page, half, true, {0, 0, 100, 100}}};
        br_sheet sheet = {300, 100, pl, 2, false, {0, 0, 0, 0}, {0, 0, 0, 0}};

        br_bbox_dev *bb = br_bbox_dev_new();
        br_device *bd = br_bbox_dev_device(bb);
        br_matrix m = {2, 0, 0, 2, 5, 7};
        br_dev_set_page_transform(bd, &m);
        br_dev_fill_rect(bd, 0, 0, 10, 10, br_rgb(0));
        br_rect r;
        ok(br_bbox_dev_bounds(bb, &r) && r.x0 == 5 && r.y0 == 7 && r.x1 == 25 && r.y1 == 27,
           "bbox: bounds in sheet space through the page transform (%g %g %g %g)", r.x0, r.y0, r.x1, r.y1);
        br_bbox_dev_free(bb);

        GString *tr = g_string_new(NULL);
        br_trace_dev *t = br_trace_dev_new(tr, 300, 100);
        ok(br_sheet_replay(&sheet, br_trace_dev_device(t)) == BR_OK, "a sheet of two placements replays");
        ok(strstr(tr->str, "transform 0.50 0.00 0.00 0.50 200.00 0.00\nclip M 0.00 0.00") != NULL &&
               strstr(tr->str, "transform 1.00 0.00 0.00 1.00 0.00 0.00") != NULL,
           "trace: the second page is drawn under its transform and clip, then the transform is reset");
        br_trace_dev_free(t);
        g_string_free(tr, TRUE);

        /* Cairo: the scaled copy lands at x 205..215 of the sheet. */
        br_cairo_page *cp = NULL;
        ok(br_cairo_page_new(BR_CAIRO_PNG, 300, 100, 72, &cp) == BR_OK, "cairo sheet");
        ok(br_sheet_replay(&sheet, br_cairo_page_device(cp)) == BR_OK, "cairo replays the sheet");
        GByteArray *png = g_byte_array_new();
        ok(br_cairo_page_finish(cp, png) == BR_OK, "cairo finishes");
        br_cairo_page_free(cp);
        char *path = g_build_filename(g_get_tmp_dir(), "test_device_sheet.png", NULL);
        g_file_set_contents(path, (const char *)png->data, png->len, NULL);
        cairo_surface_t *img = cairo_image_surface_create_from_png(path);
        unsigned char *px = cairo_image_surface_get_data(img);
        int stride = cairo_image_surface_get_stride(img);
        uint32_t inside = *(uint32_t *)(px + 12 * stride + 210 * 4), outside = *(uint32_t *)(px + 12 * stride + 220 * 4),
                 orig = *(uint32_t *)(px + 20 * stride + 20 * 4);
        ok((inside & 0xffffff) == 0 && (outside & 0xffffff) == 0xffffff && (orig & 0xffffff) == 0,
           "cairo: the transformed copy is where the transform puts it (%06x %06x %06x)", inside & 0xffffff,
           outside & 0xffffff, orig & 0xffffff);
        cairo_surface_destroy(img);
        g_unlink(path);
        g_free(path);
        g_byte_array_unref(png);

        /* A transform with a clip open is refused. */
        br_dlist *l = br_dlist_new(10, 10);
        br_device *ld = br_dlist_device(l);
        br_path *cp2 = br_path_new();
        br_path_rect(cp2, 0, 0, 5, 5);
        br_dev_clip_path(ld, cp2, BR_FILL_NONZERO);
        br_dev_set_page_transform(ld, &half);
        ok(br_dev_status(ld) == BR_ERR_UNSUPPORTED, "a page transform inside a clip is an error");
        br_path_free(cp2);
        br_dlist_free(l);

        /* Transformed replay moves every coordinate. */
        GString *mv = g_string_new(NULL);
        br_trace_dev *t2 = br_trace_dev_new(mv, 100, 100);
        br_matrix down = br_matrix_translate(0, 30);
        ok(br_dlist_replay_transformed(page, br_trace_dev_device(t2), &down) == BR_OK &&
               strstr(mv->str, "fill #000000 M 10.00 40.00") != NULL,
           "replay_transformed moves paths");
        br_matrix skew = {1, 0.5, 0, 1, 0, 0};
        ok(br_dlist_replay_transformed(page, br_trace_dev_device(t2), &skew) == BR_ERR_UNSUPPORTED,
           "replay_transformed refuses what text could not follow");
        br_trace_dev_free(t2);
        g_string_free(mv, TRUE);
        br_dlist_free(page);
    }

    /* Colour spaces: the wrappers convert, the slots receive the device's space. */
    {
        GString *g = g_string_new(NULL);
        br_trace_dev *t = br_trace_dev_new(g, 10, 10);
        br_device *d = br_trace_dev_device(t);
        br_dev_set_color_space(d, BR_SPACE_GRAY);
        br_dev_fill_rect(d, 0, 0, 1, 1, br_rgb(0xff0000));
        ok(strstr(g->str, "fill gray 0.50") != NULL, "gray device: pure red arrives as the gray of its luminance");
        br_trace_dev_free(t);
        g_string_free(g, TRUE);
        br_color red = br_rgb(0xff0000), cmyk = br_color_convert(red, BR_SPACE_CMYK);
        ok(cmyk.space == BR_SPACE_CMYK && cmyk.c == 0 && cmyk.m == 1 && cmyk.y == 1 && cmyk.k == 0,
           "RGB red is CMYK 0 1 1 0");
        br_color back = br_color_convert(cmyk, BR_SPACE_RGB);
        ok(back.r == 1 && back.g == 0 && back.b == 0, "and back");
        ok(fabs(br_color_lightness(br_rgb(0xffffff)) - 100) < 1e-9 && br_color_lightness(br_rgb(0)) == 0,
           "L* of white 100, of black 0");
        ok(fabs(br_color_contrast(br_rgb(0xffffff), br_rgb(0)) - 21) < 1e-9, "contrast of white on black is 21");
    }

    /* An opaque device (PDF/A): alpha is flattened against white in the
     * device's space, for colours and image pixels alike. */
    {
        GString *g = g_string_new(NULL);
        br_trace_dev *t = br_trace_dev_new(g, 10, 10);
        br_device *d = br_trace_dev_device(t);
        br_dev_set_opaque(d, true);
        br_dev_fill_rect(d, 0, 0, 1, 1, br_rgba(0x000000, 0.5));
        ok(strstr(g->str, "fill #808080 M") != NULL && !strstr(g->str, "alpha="),
           "opaque RGB device: black at alpha 0.5 arrives as opaque mid gray: %s", g->str);
        g_string_truncate(g, 0);
        br_dev_set_color_space(d, BR_SPACE_CMYK);
        br_dev_fill_rect(d, 0, 0, 1, 1, br_rgba(0xff0000, 0.25));
        ok(strstr(g->str, "fill cmyk 0.00 0.25 0.25 0.00 M") != NULL && !strstr(g->str, "alpha="),
           "opaque CMYK device: a quarter of the ink, no alpha: %s", g->str);
        br_trace_dev_free(t);
        g_string_truncate(g, 0);
        t = br_trace_dev_new(g, 10, 10);
        br_dev_fill_rect(br_trace_dev_device(t), 0, 0, 1, 1, br_rgba(0x000000, 0.5));
        ok(strstr(g->str, "alpha=0.50") != NULL, "a device that is not opaque keeps the alpha");
        br_trace_dev_free(t);
        g_string_free(g, TRUE);

        image_catcher cat;
        memset(&cat, 0, sizeof cat);
        br_dev_init(&cat.base, 10, 10);
        cat.base.fill_image = catch_image;
        br_dev_set_opaque(&cat.base, true);
        const uint8_t px[8] = {0, 0, 0, 128, 255, 0, 0, 255}; /* half-transparent black, opaque red */
        br_image img = {2, 1, BR_SPACE_RGB, px};
        br_rect dest = {0, 0, 2, 1};
        br_dev_fill_image(&cat.base, &img, &dest);
        ok(br_dev_status(&cat.base) == BR_OK && cat.space == BR_SPACE_RGB && cat.px[0] == 127 && cat.px[1] == 127 &&
               cat.px[3] == 255 && cat.px[4] == 255 && cat.px[5] == 0 && cat.px[7] == 255,
           "opaque device: image pixels flattened against white, alpha 255 (%u %u %u %u)", cat.px[0], cat.px[1],
           cat.px[2], cat.px[3]);
    }
    br_diag_free(diag);
    g_string_free(direct, TRUE);
    g_string_free(replayed, TRUE);
    return done();
}
