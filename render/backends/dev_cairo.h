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

/* A blank white page of width x height points; dpi applies to PNG only.
 * OUT: *out. */
br_status br_cairo_page_new(br_cairo_kind kind, double width, double height,
                            double dpi, br_cairo_page **out) BR_MUST_CHECK;

/* The page's device; borrowed. */
br_device *br_cairo_page_device(br_cairo_page *page);

/* Finishes the page and appends its PNG or SVG bytes to out. Returns the
 * first error of the device or of Cairo. */
br_status br_cairo_page_finish(br_cairo_page *page, GByteArray *out) BR_MUST_CHECK;

void br_cairo_page_free(br_cairo_page *page);

#endif
