/* xmp: the XMP metadata packet of a PDF (ISO 16684-1, as PDF/A-1 reads
 * it: ISO 19005-1 6.7), made from the same br_pdf_info as the Info
 * dictionary, so the two agree by construction: dc:title (Title),
 * dc:language (the document's language),
 * dc:creator (Author), dc:description (Subject), pdf:Keywords (Keywords),
 * xmp:CreatorTool (Creator), pdf:Producer (Producer), xmp:CreateDate,
 * ModifyDate and MetadataDate (CreationDate and ModDate: one instant), and
 * with info->pdfa the pdfaid part 1, conformance B.
 *
 * Text only: the packet knows nothing of PDF objects (dev_hpdf.c puts it
 * into the catalog's /Metadata stream).
 */
#ifndef BR_XMP_H
#define BR_XMP_H

#include <glib.h>

#include "backends/dev_hpdf.h"

/* The packet, UTF-8, with its xpacket wrapper and padding for in-place
 * edits; every value XML-escaped.  Absent (NULL or empty) strings and a
 * negative creation_time leave their properties out.  Never fails
 * (GLib aborts when out of memory); g_free the result. */
char *br_xmp_packet(const br_pdf_info *info);

/* The instant t (seconds since 1970 UTC) as XMP writes it,
 * "YYYY-MM-DDThh:mm:ss+00:00", into out (26 bytes); false when t is out
 * of the years 0..9999. */
bool br_xmp_date(int64_t t, char out[26]);

#endif
