/* pngdiff A.png B.png [MAX_FRACTION [THRESHOLD [DIFF.png]]]
 *
 * Compares two PNG images of the same size pixel by pixel (Cairo's
 * test/buffer-diff idea): a pixel differs when any channel differs by more
 * than THRESHOLD (default 64).  Prints "N of M pixels differ (P ppm)" and
 * exits 0 when N <= MAX_FRACTION * M (default 0.001), 1 otherwise, 2 on
 * errors (unreadable file, different sizes).  With DIFF.png, writes an
 * image in which differing pixels are red. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

static cairo_surface_t *load(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "pngdiff: %s: %s\n", path, cairo_status_to_string(cairo_surface_status(s)));
        exit(2);
    }
    /* Normalise to ARGB32 so RGB24 and ARGB32 files compare. */
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    cairo_surface_t *n = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(n);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    cairo_surface_flush(n);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pngdiff A.png B.png [MAX_FRACTION [THRESHOLD [DIFF.png]]]\n");
        return 2;
    }
    double max_fraction = argc > 3 ? atof(argv[3]) : 0.001;
    int threshold = argc > 4 ? atoi(argv[4]) : 64;
    cairo_surface_t *a = load(argv[1]), *b = load(argv[2]);
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
        fprintf(stderr, "pngdiff: sizes differ: %dx%d vs %dx%d\n", w, h, cairo_image_surface_get_width(b),
                cairo_image_surface_get_height(b));
        return 2;
    }
    cairo_surface_t *d = argc > 5 ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) : NULL;
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
    unsigned char *pd = d ? cairo_image_surface_get_data(d) : NULL;
    int sd = d ? cairo_image_surface_get_stride(d) : 0;
    long n = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            unsigned char *ca = pa + (size_t)y * sa + 4 * x, *cb = pb + (size_t)y * sb + 4 * x;
            int bad = 0;
            for (int k = 0; k < 4; k++)
                bad |= abs(ca[k] - cb[k]) > threshold;
            n += bad;
            if (pd) {
                unsigned char *o = pd + (size_t)y * sd + 4 * x;
                unsigned char g = (unsigned char)(255 - (255 - ca[1]) / 4);
                o[0] = bad ? 0 : g;
                o[1] = bad ? 0 : g;
                o[2] = bad ? 255 : g;
                o[3] = 0;
            }
        }
    }
    long total = (long)w * h;
    printf("%ld of %ld pixels differ (%.0f ppm)\n", n, total, 1e6 * (double)n / (double)total);
    if (d) {
        cairo_surface_mark_dirty(d);
        cairo_surface_write_to_png(d, argv[5]);
        cairo_surface_destroy(d);
    }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    return (double)n <= max_fraction * (double)total ? 0 : 1;
}
