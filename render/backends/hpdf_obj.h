/* hpdf_obj: what the PDF back end's writers of objects (dev_hpdf.c for the
 * document, pdf_font.c for fonts) share about building libharu objects.
 *
 * libharu frees an object whose HPDF_Dict_Add or HPDF_Array_Add fails, so
 * nothing may touch it afterwards: a chain of steps runs each one only
 * while every earlier one succeeded (BR_HPDF_STEP, on a local
 * `HPDF_STATUS r`), and children are filled before they are attached.
 * Objects made but never attached are freed with the document's blocks.
 */
#ifndef BR_HPDF_OBJ_H
#define BR_HPDF_OBJ_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

#define BR_HPDF_STEP(call)                                                                                            \
    do {                                                                                                              \
        if (r == HPDF_OK)                                                                                             \
            r = (call);                                                                                               \
    } while (0)
/* A step that fails when obj (just made) is NULL. */
#define BR_HPDF_MADE(obj) BR_HPDF_STEP((obj) ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM)

/* A stream object in the document's cross-reference table holding the len
 * bytes at data, written compressed (FlateDecode) or as they are.  NULL
 * when libharu fails (out of memory). */
HPDF_Dict br_hpdf_stream_new(HPDF_Doc pdf, const void *data, size_t len, bool compress);

#endif
