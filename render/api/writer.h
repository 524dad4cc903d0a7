/* writer: turns a document's pages into output files of one format, in
 * memory: one PDF (backends/dev_hpdf), one PNG or SVG per page
 * (backends/dev_cairo), or one trace text (device/dev_trace).  The one
 * place that picks a back end.
 *
 * Pages are recordings (device/pages.h); print/ puts them onto sheets
 * (device/sheet.h: one per page, or imposed, bled, with crop marks), and
 * every back end draws the sheets through the same replay.
 */
#ifndef BR_WRITER_H
#define BR_WRITER_H

#include <glib.h>

#include "backends/dev_hpdf.h"
#include "device/pages.h"
#include "print/print.h"

typedef struct br_write_options {
    br_format format;
    double dpi;                /* PNG */
    br_colorspace color_space; /* every colour and image is written in it */
    br_pdf_info info;          /* PDF document information (strings borrowed) */
    br_print_options print;    /* imposition, bleed, crop marks */
} br_write_options;

/* Writes pages in the options' format, imposed by options->print; appends
 * one GByteArray per file (PNG, SVG: per sheet) to files (the caller's).
 * Outline entries point where their logical page landed.  Warnings
 * (text imposed too small) and errors go to diag; after an error files
 * holds nothing new worth keeping. */
br_status br_write_pages(const br_pages *pages, const br_write_options *options, br_diag *diag,
                         GPtrArray *files) BR_MUST_CHECK;

#endif
