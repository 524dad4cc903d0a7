/* image: a raster image as a value (the pixels are borrowed).
 *
 * 8-bit samples, not premultiplied, row-major: RGBA (4 bytes a pixel),
 * gray + alpha (2) or CMYK + alpha (5), as `space` says.  Readers produce
 * RGBA; the device wrappers convert into a device's colour space.
 */
#ifndef BR_BASE_IMAGE_H
#define BR_BASE_IMAGE_H

#include <stdint.h>

#include "base/color.h"

typedef struct br_image {
    int width, height; /* pixels */
    br_colorspace space;
    const uint8_t *rgba; /* width*height*br_image_channels(space) bytes */
} br_image;

/* Samples a pixel of an image in space (alpha included): 4, 2 or 5. */
static inline int br_image_channels(br_colorspace space)
{
    return space == BR_SPACE_GRAY ? 2 : space == BR_SPACE_CMYK ? 5 : 4;
}

#endif
