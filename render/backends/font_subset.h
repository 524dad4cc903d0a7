/* font_subset: cuts a TrueType face down to the characters a document uses,
 * with HarfBuzz's hb-subset.
 *
 * libharu 2.3.0 only subsets `glyf` and writes per-face tables for the whole
 * BMP (about 500 KB for wqy-zenhei), so the PDF back end embeds these small
 * subsets instead.  The subset keeps the cmap of the given code points, drops
 * hinting and the layout tables (GSUB, GPOS, GDEF: text is already shaped),
 * and is a standalone TrueType file even when the source is a collection.
 */
#ifndef BR_FONT_SUBSET_H
#define BR_FONT_SUBSET_H

#include <glib.h>
#include <stdint.h>

#include "base/diag.h"

/* Subsets face `index` of the font file to the n code points. OUT: *out, the
 * subset's bytes (g_bytes_unref it). Errors: BR_ERR_FONT (unreadable file,
 * not a face, subsetting failed), BR_ERR_NOMEM. */
br_status br_font_subset(const char *file, int index, const uint32_t *codepoints,
                         size_t n, GBytes **out) BR_MUST_CHECK;

#endif
