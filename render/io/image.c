/* image: see image.h. */
#include "io/image.h"

#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <string.h>

static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void br_png_close(br_png_file *f)
{
    g_free(f->data);
    f->data = NULL;
}

br_status br_png_open(const char *path, br_png_file *f, char **why)
{
    memset(f, 0, sizeof *f);
    const char *reason = NULL;
    br_status st = br_file_read(path, &f->data, &f->len, &f->id, &reason);
    if (st != BR_OK) {
        *why = g_strdup(st == BR_ERR_IO && strcmp(reason, g_strerror(ENOENT)) == 0 ? "file not found" : reason);
        return st;
    }
    const uint8_t *p = (const uint8_t *)f->data;
    if (f->len < sizeof png_signature || memcmp(p, png_signature, sizeof png_signature) != 0) {
        *why = g_strdup("not a PNG image");
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    /* The first chunk must be IHDR, 13 bytes: width, height, ... */
    if (f->len < 8 + 8 + 13 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0) {
        *why = g_strdup("corrupt PNG (no IHDR header chunk)");
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    uint32_t w = be32(p + 16), h = be32(p + 20);
    if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu) {
        *why = g_strdup_printf("corrupt PNG (image size %ux%u in its header)", w, h);
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    if (w > BR_IMAGE_MAX_SIDE || h > BR_IMAGE_MAX_SIDE || (uint64_t)w * h > BR_IMAGE_MAX_PIXELS) {
        *why = g_strdup_printf("image of %ux%u pixels is over the limit of one image (%d pixels a side, %u "
                               "megapixels)",
                               w, h, BR_IMAGE_MAX_SIDE, (unsigned)(BR_IMAGE_MAX_PIXELS / BR_MEGAPIXEL));
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    f->width = (int)w;
    f->height = (int)h;
    return BR_OK;
}

typedef struct {
    const uint8_t *p;
    size_t left;
} png_reader;

static cairo_status_t read_mem(void *closure, unsigned char *data, unsigned int length)
{
    png_reader *r = closure;
    if (length > r->left)
        return CAIRO_STATUS_READ_ERROR; /* the data ends early */
    memcpy(data, r->p, length);
    r->p += length;
    r->left -= length;
    return CAIRO_STATUS_SUCCESS;
}

br_status br_png_decode(const br_png_file *f, br_arena *arena, br_image *out, char **why)
{
    png_reader rd = {(const uint8_t *)f->data, f->len};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_mem, &rd);
    cairo_status_t cst = cairo_surface_status(s);
    if (cst != CAIRO_STATUS_SUCCESS) {
        /* The header was checked and the size is within the limits, so
         * what the reader fails on is the data itself: libpng's errors
         * (a bad CRC, damaged compressed data, a truncated file) reach us
         * as a read error or, for most of them, as "out of memory". */
        *why = g_strdup_printf("corrupt PNG (%s)", rd.left == 0 && cst == CAIRO_STATUS_READ_ERROR
                                                       ? "the file ends early"
                                                       : "damaged data that cannot be decoded");
        cairo_surface_destroy(s);
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    if (w != f->width || h != f->height) {
        *why = g_strdup("corrupt PNG (its size differs from its header)");
        cairo_surface_destroy(s);
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    /* Draw onto ARGB32 whatever format the PNG decoded to. */
    cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    if (cairo_surface_status(argb) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(argb);
        cairo_surface_destroy(s);
        return br_error_set(BR_ERR_NOMEM);
    }
    cairo_t *cr = cairo_create(argb);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    cairo_surface_flush(argb);
    uint8_t *rgba = br_arena_alloc(arena, (size_t)w * (size_t)h * 4);
    if (!rgba) {
        cairo_surface_destroy(argb);
        return br_error_set(BR_ERR_NOMEM);
    }
    const unsigned char *data = cairo_image_surface_get_data(argb);
    int stride = cairo_image_surface_get_stride(argb);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            uint32_t px = row[x];
            unsigned a = px >> 24;
            uint8_t *o = rgba + ((size_t)y * w + x) * 4;
            /* un-premultiply */
            o[0] = (uint8_t)(a ? (((px >> 16) & 0xff) * 255 + a / 2) / a : 0);
            o[1] = (uint8_t)(a ? (((px >> 8) & 0xff) * 255 + a / 2) / a : 0);
            o[2] = (uint8_t)(a ? ((px & 0xff) * 255 + a / 2) / a : 0);
            o[3] = (uint8_t)a;
        }
    }
    cairo_surface_destroy(argb);
    out->width = w;
    out->height = h;
    out->rgba = rgba;
    return BR_OK;
}
