/* hpdf_obj: see hpdf_obj.h. */
#include "backends/hpdf_obj.h"

HPDF_Dict br_hpdf_stream_new(HPDF_Doc pdf, const void *data, size_t len, bool compress)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s)
        return NULL;
    s->filter = compress ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE;
    if (len && HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    return s;
}
