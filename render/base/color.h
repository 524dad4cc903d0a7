/* color: colour values in a colour space.
 *
 * Charts and blocks choose colours in sRGB (the house palette is defined
 * there); a device may want them in another space (gray for black-and-white
 * printers, CMYK for print shops).  The conversion happens in one place, the
 * device wrappers (device/device.c, br_color_convert), never at a back
 * end's call sites, so every back end and every output agrees.
 *
 * The components alias each other: r, g, b for RGB; c, m, y, k for CMYK;
 * gray (= r) for gray.  Each is 0..1; a is opacity, 0..1.
 */
#ifndef BR_COLOR_H
#define BR_COLOR_H

#include <stdbool.h>
#include <stdint.h>

typedef enum { BR_SPACE_RGB = 0, BR_SPACE_GRAY, BR_SPACE_CMYK } br_colorspace;

typedef struct br_color {
    union {
        struct {
            double r, g, b;
        };
        struct {
            double c, m, y, k;
        };
        double gray;
        double v[4];
    };
    double a;
    br_colorspace space;
} br_color;

/* sRGB from 0xRRGGBB, opaque / with an opacity. */
br_color br_rgb(uint32_t rgb);
br_color br_rgba(uint32_t rgb, double alpha);
/* sRGB from components 0..1. */
br_color br_color_rgb(double r, double g, double b, double alpha);

/* WCAG relative luminance (0 black .. 1 white) of an sRGB colour; of a
 * gray, its level; of CMYK, that of its RGB form. */
double br_color_luminance(br_color c);

/* CIE L* (0..100) of the colour, from its relative luminance: the
 * lightness a reader sees, and what a gray printer prints. */
double br_color_lightness(br_color c);

/* The contrast ratio of two colours (WCAG 2: 1..21). */
double br_color_contrast(br_color a, br_color b);

/* Same space, same components (opacity ignored). */
bool br_color_same(br_color a, br_color b);

/* a mixed with b: t = 0 gives a, 1 gives b (sRGB components, linear in
 * the encoded values); opacity from a. */
br_color br_color_mix(br_color a, br_color b, double t);

/* The colour in space `to` (opacity kept).  RGB -> gray keeps the
 * luminance (so lightness differences survive); RGB -> CMYK is the naive
 * device conversion k = 1 - max(r,g,b), c = (1-r-k)/(1-k), ... (no ICC
 * profile: documented in briefing(1)); gray -> CMYK is k only.  The
 * reverse directions invert these. */
br_color br_color_convert(br_color c, br_colorspace to);

#endif
