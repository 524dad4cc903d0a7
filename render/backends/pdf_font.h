/* pdf_font: one font of one PDF: the codes its text is written in, the
 * subset of its face, and the font's objects.
 *
 * Every glyph the document shows, together with the text it shows, gets a
 * code of its own: 1, 2, 3, ... in order of first use (0 is .notdef).  The
 * font is a Type0 font with Identity-H encoding (2-byte codes) over a
 * CIDFontType2 whose CIDToGIDMap maps each code to its glyph in the
 * embedded subset, whose W array gives each code the glyph's exact advance,
 * and whose ToUnicode CMap gives each code its text (ISO 32000-1 9.7, 9.10).
 * So any glyph can be shown (an Arabic joining form, an Indic conjunct, a
 * character beyond the BMP), the text extracts character for character,
 * and the tables are as long as the document's glyph count.
 *
 * Why not libharu's own fonts: HPDF_GetFont with its UTF-8 encoder walks all
 * 65,536 codes twice (cmap lookups by linear search, then widths), writes a
 * 128 KiB CIDToGIDMap and a W array over the BMP, rounds advances down to
 * whole 1/1000 em and reads fonts only from files: that was a fifth of the
 * time of a five-page briefing.  The objects here are made through
 * libharu's object API, so libharu still numbers and writes them.
 *
 * Use: br_pdf_font_collect every cluster of the document (pass 1), then
 * br_pdf_font_embed, then br_pdf_font_codes for each cluster drawn (pass 2:
 * the same clusters get the same codes).
 */
#ifndef BR_PDF_FONT_H
#define BR_PDF_FONT_H

#include <hpdf.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "device/device.h"

typedef struct br_pdf_font br_pdf_font;

/* A font for face, with no codes yet.  Never fails (a face whose file
 * cannot be read fails in br_pdf_font_embed). */
br_pdf_font *br_pdf_font_new(const br_font_face *face);
void br_pdf_font_free(br_pdf_font *font);

/* Pass 1: gives the n glyphs of one cluster (text: the cluster's n_bytes of
 * UTF-8) their codes. */
void br_pdf_font_collect(br_pdf_font *font, const char *text, size_t n_bytes, const br_glyph *glyphs, size_t n);

/* After pass 1: subsets the face and adds the font's objects to pdf.
 * With cid_set, the FontDescriptor also gets a /CIDSet stream naming every
 * CID the font uses (PDF/A-1 6.3.5 wants one for a subset): the codes are
 * dense, so it is codes 0..br_pdf_font_code_count - 1.
 * Errors (to diag): BR_ERR_FONT (not TrueType, unreadable, more than 65,535
 * codes, subsetting failed), BR_ERR_BACKEND, BR_ERR_NOMEM. */
br_status br_pdf_font_embed(br_pdf_font *font, HPDF_Doc pdf, bool cid_set, br_diag *diag) BR_MUST_CHECK;

/* The Type0 font dictionary (after br_pdf_font_embed). */
HPDF_Dict br_pdf_font_dict(const br_pdf_font *font);

/* Pass 2: the codes of one cluster's n glyphs, as pass 1 gave them
 * (OUT: codes; 0 for a glyph pass 1 did not see). */
void br_pdf_font_codes(const br_pdf_font *font, const char *text, size_t n_bytes, const br_glyph *glyphs,
                       size_t n, uint32_t *codes);

/* The advance of code in 1/1000 em, as the W array states it. */
double br_pdf_font_advance(const br_pdf_font *font, uint32_t code);

/* Codes in use, .notdef's 0 included (for a CIDSet: every code below it
 * is present). */
uint32_t br_pdf_font_code_count(const br_pdf_font *font);

#endif
