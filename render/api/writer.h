/* writer: turns a sequence of pages into output files of one format.
 *
 * Pages are drawn into recordings (dlist.h); at close the writer renders them
 * in the chosen format: one PDF (dev_hpdf), one PNG or SVG per page
 * (dev_cairo), or one trace text (dev_trace).  Output stays in memory: the
 * caller (main.c) writes it to disk atomically, so a failed render never
 * leaves a partial file.
 */
#ifndef BR_WRITER_H
#define BR_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "backends/dev_hpdf.h"
#include "device/device.h"
#include "base/diag.h"

typedef enum { BR_FORMAT_PDF, BR_FORMAT_PNG, BR_FORMAT_SVG, BR_FORMAT_TRACE } br_format;

typedef struct br_writer br_writer;

/* A writer for format; dpi applies to PNG. info applies to PDF (strings are
 * copied). Never fails. */
br_writer *br_writer_new(br_format format, double dpi, const br_pdf_info *info);
void br_writer_free(br_writer *writer);

/* Starts a page of width x height points and returns its device (borrowed
 * until br_writer_end_page). */
br_device *br_writer_begin_page(br_writer *writer, double width, double height);
/* Ends the current page; returns the page device's first error. */
br_status br_writer_end_page(br_writer *writer) BR_MUST_CHECK;

/* An outline (bookmark) entry pointing at y on the current page. */
void br_writer_add_outline(br_writer *writer, const char *title, int level, double y);

/* Renders all pages into the output files. Errors go to diag. */
br_status br_writer_close(br_writer *writer, br_diag *diag) BR_MUST_CHECK;

/* After a successful close: the files, in page order (one for PDF and
 * trace). Borrowed; live as long as the writer. */
size_t br_writer_n_files(const br_writer *writer);
const uint8_t *br_writer_file(const br_writer *writer, size_t i, size_t *len);
size_t br_writer_n_pages(const br_writer *writer);

#endif
