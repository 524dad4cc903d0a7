/* image: image files decoded for drawing.
 *
 * PNG only.  The file is read like every input (io/file.h: a regular file,
 * within the size limit), its signature and header are checked here, and
 * only then is it decoded, by Cairo's reader (libpng), from memory: a file
 * that is not a PNG, or a PNG too large to decode, is refused before any
 * pixel memory is taken, and a corrupt file is an error here, where
 * libharu's own reader would abort the process.  The pixels are RGBA, not
 * premultiplied.
 *
 * Limits (briefing-layout(5), LIMITS): an image is at most
 * BR_IMAGE_MAX_SIDE pixels wide and high and at most BR_IMAGE_MAX_PIXELS
 * pixels in all; the images one layout decodes add up to at most
 * BR_IMAGE_MAX_TOTAL_PIXELS (checked by the layout reader, which decodes
 * each file once however many blocks show it).
 */
#ifndef BR_IMAGE_IO_H
#define BR_IMAGE_IO_H

#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/image.h"
#include "io/file.h"

#define BR_IMAGE_MAX_SIDE 8192
#define BR_IMAGE_MAX_PIXELS ((uint64_t)16 << 20)       /* 16 megapixels: 64 MiB decoded */
#define BR_IMAGE_MAX_TOTAL_PIXELS ((uint64_t)64 << 20) /* 64 megapixels: 256 MiB decoded */
/* Megapixels here are 2^20 pixels, as the limits are written. */
#define BR_MEGAPIXEL ((uint64_t)1 << 20)

/* A PNG file read and checked, not yet decoded. */
typedef struct br_png_file {
    char *data; /* the file's bytes */
    size_t len;
    br_file_id id;     /* the file's identity: one decode per file */
    int width, height; /* from its header, within the limits of one image */
} br_png_file;

/* Reads the PNG file at path and checks its signature, its header and the
 * limits of one image.  OUT: *f (br_png_close it, also after a failure).
 * On failure *why says what went wrong (g_free it).  Errors: BR_ERR_IO
 * (the file cannot be read: *why is the system's reason, "file not found"
 * when it does not exist), BR_ERR_UNSUPPORTED (*why is the whole reason:
 * "not a regular file", "larger than the 256 MiB limit", "not a PNG
 * image", "corrupt PNG (...)", "image of WxH pixels is over ..."),
 * BR_ERR_NOMEM. */
br_status br_png_open(const char *path, br_png_file *f, char **why) BR_MUST_CHECK;

/* Decodes f into the arena.  OUT: *out.  Errors: BR_ERR_UNSUPPORTED (a
 * corrupt PNG: "corrupt PNG (...)" in *why), BR_ERR_NOMEM. */
br_status br_png_decode(const br_png_file *f, br_arena *arena, br_image *out, char **why) BR_MUST_CHECK;

void br_png_close(br_png_file *f);

#endif
