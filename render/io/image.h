/* image: image files decoded for drawing.
 *
 * PNG only, decoded by Cairo's reader (libpng): a corrupt file is an
 * error here, where libharu's own reader would abort the process.  The
 * pixels are RGBA, not premultiplied.
 */
#ifndef BR_IMAGE_IO_H
#define BR_IMAGE_IO_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/image.h"

/* Decodes the PNG file at path into the arena.  On failure *why says what
 * went wrong (g_free it). */
br_status br_image_load_png(const char *path, br_arena *arena, br_image *out, char **why) BR_MUST_CHECK;

#endif
