/* image: see image.h. */
#include "io/image.h"

#include <cairo.h>
#include <glib.h>
#include <stdint.h>

br_status br_image_load_png(const char *path, br_arena *arena, br_image *out, char **why)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    cairo_status_t cst = cairo_surface_status(s);
    if (cst != CAIRO_STATUS_SUCCESS) {
        *why = g_strdup(cst == CAIRO_STATUS_FILE_NOT_FOUND ? "file not found"
                        : cst == CAIRO_STATUS_READ_ERROR   ? "not a readable PNG file"
                                                           : cairo_status_to_string(cst));
        cairo_surface_destroy(s);
        return br_error_set(cst == CAIRO_STATUS_NO_MEMORY ? BR_ERR_NOMEM : BR_ERR_IO);
    }
    /* Draw onto ARGB32 whatever format the PNG decoded to. */
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    if (w <= 0 || h <= 0 || w > 8192 || h > 8192) {
        *why = g_strdup_printf("image size %dx%d is outside 1..8192 pixels", w, h);
        cairo_surface_destroy(s);
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
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
