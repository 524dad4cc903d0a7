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
 */
#ifndef BR_DEV_HPDF_H
#define BR_DEV_HPDF_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "device/sheet.h"

typedef struct br_pdf_info {
    const char *title, *author, *subject, *keywords, *creator, *producer; /* UTF-8, each optional */
    int64_t creation_time; /* seconds since 1970 UTC; < 0: none */
    br_colorspace color_space; /* every colour and image is written in it */
    const char *inputs_digest; /* written as /BriefingInputs in the Info dictionary; optional */
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
