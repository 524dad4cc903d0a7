/* dev_cairo: the Cairo back end, one page at a time, to PNG (at a given
 * resolution) or SVG, written into memory.
 *
 * Glyphs are drawn from the same font files the PDF embeds, loaded by file
 * and index with hinting, embedded bitmaps and synthetic emboldening off,
 * so the PNG matches the PDF rasterised by pdftocairo.
 */
#ifndef BR_DEV_CAIRO_H
#define BR_DEV_CAIRO_H

#include <glib.h>

#include "device/device.h"

typedef enum { BR_CAIRO_PNG, BR_CAIRO_SVG } br_cairo_kind;

typedef struct br_cairo_page br_cairo_page;

/* The most pixels a PNG page may have: 100 megapixels (of 2^20 pixels),
 * 400 MiB of memory while it is drawn.  An A4 page at 1000 dpi fits; at
 * 2400 dpi it would be 557 million pixels and minutes of work. */
#define BR_CAIRO_MAX_PAGE_PIXELS ((uint64_t)100 << 20)
#define BR_CAIRO_MAX_PAGE_MEGAPIXELS 100

/* The size in pixels of a PNG page of width x height points at dpi
 * (rounded up).  OUT: *w, *h.  Never fails. */
void br_cairo_png_size(double width, double height, double dpi, uint64_t *w, uint64_t *h);

/* The largest whole dpi at which such a page stays within
 * BR_CAIRO_MAX_PAGE_PIXELS and Cairo's 32767 pixels a side (0 when not
 * even 1 dpi does).  Never fails. */
int br_cairo_png_max_dpi(double width, double height);

/* A blank white page of width x height points; dpi applies to PNG only.
 * OUT: *out.  Errors: BR_ERR_UNSUPPORTED for a PNG page over
 * BR_CAIRO_MAX_PAGE_PIXELS (the caller says so, with the largest dpi),
 * BR_ERR_NOMEM. */
br_status br_cairo_page_new(br_cairo_kind kind, double width, double height,
                            double dpi, br_cairo_page **out) BR_MUST_CHECK;

/* The page's device; borrowed. */
br_device *br_cairo_page_device(br_cairo_page *page);

/* Finishes the page and appends its PNG or SVG bytes to out. Returns the
 * first error of the device or of Cairo. */
br_status br_cairo_page_finish(br_cairo_page *page, GByteArray *out) BR_MUST_CHECK;

void br_cairo_page_free(br_cairo_page *page);

#endif
