/* font_subset: one face of a TrueType file, read with HarfBuzz: its
 * metrics as a PDF font descriptor states them, and subsets of it cut with
 * hb-subset.
 *
 * A subset keeps exactly the glyphs it is given (and .notdef, and the
 * components of composite glyphs), renumbered; it drops hinting and the
 * layout tables (GSUB, GPOS, GDEF, kern: text is already shaped) and is a
 * standalone TrueType file even when the source is a collection.  The PDF
 * reaches its glyphs by glyph id (pdf_font.h), so the subset needs no
 * character map.
 */
#ifndef BR_FONT_SUBSET_H
#define BR_FONT_SUBSET_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"

/* One face of a font file, opened for its metrics and for subsetting. */
typedef struct br_font_source br_font_source;

/* Opens face `index` of file. OUT: *out. Errors: BR_ERR_FONT (unreadable
 * file, not a face). */
br_status br_font_source_new(const char *file, int index, br_font_source **out) BR_MUST_CHECK;
void br_font_source_free(br_font_source *src);

/* What a PDF font descriptor says about a face (ISO 32000-1 9.8), in
 * glyph space units of 1/1000 em. */
typedef struct br_font_metrics {
    double bbox[4];           /* xMin, yMin, xMax, yMax of all glyphs (head) */
    double ascent, descent;   /* typographic, descent negative (OS/2, else hhea) */
    double cap_height;        /* OS/2 sCapHeight, else the ascent */
    double italic_angle;      /* degrees, counter-clockwise from vertical (post) */
    double stem_v;            /* estimated from the weight class (no table states it) */
    bool fixed_pitch, italic;
    char postscript_name[64]; /* name ID 6, PDF name characters only; never empty */
} br_font_metrics;

/* Never fails: what a table lacks gets a neutral value. */
void br_font_source_metrics(const br_font_source *src, br_font_metrics *out);

/* The advance width of glyph, in 1/1000 em, exactly (not rounded). */
double br_font_source_advance(const br_font_source *src, uint32_t glyph);

/* Subsets src to the n glyphs (ids of the source face, each < 65536, any
 * order, repeats allowed).  OUT: *out, the subset's bytes (g_bytes_unref
 * it), and new_ids[i], the subset's id of glyphs[i].  Errors: BR_ERR_FONT
 * (subsetting failed), BR_ERR_NOMEM. */
br_status br_font_subset(const br_font_source *src, const uint32_t *glyphs, size_t n, uint32_t *new_ids,
                         GBytes **out) BR_MUST_CHECK;

#endif
