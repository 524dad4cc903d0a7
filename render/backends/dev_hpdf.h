/* dev_hpdf: the PDF back end, through libharu.
 *
 * Pages arrive as sheets of display lists (sheet.h) because the fonts can
 * only be subset once all the text of the document is known: br_pdf_write()
 * first collects the code points of every text run per font file, embeds an
 * hb-subset of each face with a correct ToUnicode CMap, then replays every
 * sheet into a libharu page device.  Text is real text: each stretch of
 * glyphs is placed at the x Pango gave it, so kerning survives although
 * libharu knows none (see doc/notes/libharu-2.3.0.md).
 *
 * Only this module includes hpdf.h.  The result is a pure function of the
 * pages and the info: no clock, no random /ID, same bytes every time.
 *
 * Every document has a trailer /ID, /Lang, DisplayDocTitle, an XMP
 * metadata stream that agrees with the Info dictionary, and /PageMode
 * /UseOutlines when it has an outline; link annotations are printable
 * (/F 4).  With info->pdfa it is also PDF/A-1b (ISO 19005-1): see
 * br_pdf_info.pdfa; the page devices are opaque (device.h
 * br_dev_set_opaque), so no transparency reaches the file, and the caller
 * chooses the output profile.
 */
#ifndef BR_DEV_HPDF_H
#define BR_DEV_HPDF_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "device/sheet.h"

/* What the document says about itself: the Info dictionary and the XMP
 * metadata (backends/xmp.h) carry the same strings and the same instant. */
typedef struct br_pdf_info {
    const char *title, *author, *subject, *keywords, *creator, *producer; /* UTF-8, each optional */
    int64_t creation_time; /* seconds since 1970 UTC; < 0: none */
    br_colorspace color_space; /* every colour and image is written in it */
    /* Hex (at least 32 digits): written as /BriefingInputs in the Info
     * dictionary, and its first 16 bytes as both strings of the trailer's
     * /ID, so a document's identity is a function of its inputs; optional. */
    const char *inputs_digest;
    const char *lang; /* BCP 47: the catalog's /Lang, the XMP's xml:lang; optional */
    /* print: PDF/A (issue 14 C) */
    bool pdfa; /* PDF/A-1b: version 1.4, output intent, CIDSets, pdfaid, transparency flattened */
    const uint8_t *output_icc; /* pdfa: the ICC profile of color_space's output intent */
    size_t output_icc_len;
} br_pdf_info;

/* An entry of the document outline (bookmarks). */
typedef struct br_pdf_outline {
    const char *title; /* UTF-8 */
    int level;         /* 0 = top */
    int page;          /* 0-based sheet; < 0: on no sheet, left out */
    double x, y;       /* points from the left and the top of the sheet (where the page landed) */
} br_pdf_outline;

/* Writes the n_pages sheets as one PDF (a page per sheet), appended to out. On failure
 * a message goes to diag and an error is returned; out is then undefined. */
br_status br_pdf_write(const br_pdf_info *info, const br_sheet *sheets,
                       size_t n_pages, const br_pdf_outline *outline,
                       size_t n_outline, GByteArray *out,
                       br_diag *diag) BR_MUST_CHECK;

/* True when the len bytes at data are a whole PDF (a header, an end of
 * file marker) whose Info dictionary has /BriefingInputs with this digest:
 * a document br_pdf_write made from the same inputs.  The key's form is
 * this module's, so its reader is here too. */
bool br_pdf_has_inputs_digest(const uint8_t *data, size_t len, const char *digest);

#endif
