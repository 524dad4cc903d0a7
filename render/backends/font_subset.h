/* font_subset: cuts a TrueType face down to the characters a document uses,
 * with HarfBuzz's hb-subset.
 *
 * libharu 2.3.0 only subsets `glyf` and writes per-face tables for the whole
 * BMP (about 500 KB for wqy-zenhei), so the PDF back end embeds these small
 * subsets instead.  The subset keeps the cmap of the given code points, drops
 * hinting and the layout tables (GSUB, GPOS, GDEF: text is already shaped),
 * and is a standalone TrueType file even when the source is a collection.
 *
 * libharu reaches glyphs only through a font's cmap (a character code is a
 * CID, and the CID's glyph is the cmap's), so glyphs that no character maps
 * to (Arabic joining forms, Indic conjuncts and reordered vowel signs, the
 * glyphs of characters beyond the BMP) are given a code of their own: the
 * subset's cmap maps each extra code to its glyph.  br_font_source tells
 * which codes are free for that.
 */
#ifndef BR_FONT_SUBSET_H
#define BR_FONT_SUBSET_H

#include <glib.h>
#include <stdint.h>

#include "base/diag.h"

/* One face of a font file, opened for its cmap and for subsetting. */
typedef struct br_font_source br_font_source;

/* Opens face `index` of file. OUT: *out. Errors: BR_ERR_FONT (unreadable
 * file, not a face). */
br_status br_font_source_new(const char *file, int index, br_font_source **out) BR_MUST_CHECK;
void br_font_source_free(br_font_source *src);

/* The glyph the face's cmap gives character c, or 0 when it has none.
 * Never fails. */
uint32_t br_font_source_glyph(const br_font_source *src, uint32_t c);

/* An extra code of a subset and the glyph (of the source face) it shows. */
typedef struct br_font_code {
    uint32_t code, glyph;
} br_font_code;

/* Subsets src to the n code points (each showing its cmap glyph) and the
 * n_extra extra codes (each showing its glyph; codes the source's cmap
 * does not map, all in the BMP). OUT: *out, the subset's bytes
 * (g_bytes_unref it). Errors: BR_ERR_FONT (subsetting failed),
 * BR_ERR_NOMEM. */
br_status br_font_subset(const br_font_source *src, const uint32_t *codepoints, size_t n,
                         const br_font_code *extra, size_t n_extra, GBytes **out) BR_MUST_CHECK;

#endif
