/* device: the one drawing interface of briefing.
 *
 * Chart and layout code draw pages through a br_device (MuPDF's fz_device is
 * the model): fill and stroke paths, clip, draw text runs and images.  Back
 * ends (dev_cairo: PNG/SVG, dev_hpdf: PDF, dev_trace: one text line per call,
 * dev_bbox: bounds only, dlist: a recording) fill in the function slots; a
 * NULL slot is a no-op.  Callers never call the slots directly: they go
 * through the br_dev_* wrappers, which keep the first error (later calls do
 * nothing), check that clips balance, refuse any coordinate, matrix,
 * width, size or colour that is not a finite number (BR_ERR_RANGE: no back
 * end ever sees NaN or infinity), and apply nothing else.
 *
 * Coordinates: points (1/72 in), origin at the top-left corner of the
 * logical page, y pointing down.  A device draws onto a sheet (its
 * sheet_width x sheet_height, the paper); the page transform
 * (br_device.page_ctm) maps logical page space onto the sheet, and every
 * device applies it after the coordinates it is given.  It is the identity
 * when the sheet is the page; imposition (2-up, booklets) sets it per
 * logical page, between drawing calls, with no clip open.
 *
 * Colour: a device draws in one colour space (br_device.color_space).  The
 * wrappers convert every colour and image into it before a slot sees it
 * (base/color.h br_color_convert, then the flattening of
 * br_dev_set_opaque): the one place conversion happens, so back ends only
 * translate colours they are given.
 *
 * The interface holds only what both PDF and Cairo do natively; anything
 * else is refused with BR_ERR_UNSUPPORTED, never drawn approximately.
 */
#ifndef BR_DEVICE_H
#define BR_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/color.h"
#include "base/diag.h"
#include "base/geom.h"
#include "base/image.h"
#include "device/path.h"


typedef enum { BR_CAP_BUTT, BR_CAP_ROUND, BR_CAP_SQUARE } br_line_cap;
typedef enum { BR_JOIN_MITER, BR_JOIN_ROUND, BR_JOIN_BEVEL } br_line_join;

#define BR_MAX_DASHES 8

typedef struct br_stroke {
    double width; /* points */
    br_line_cap cap;
    br_line_join join;
    double miter_limit;
    int n_dashes;                 /* 0: solid; at most BR_MAX_DASHES */
    double dashes[BR_MAX_DASHES]; /* whole points, 1..100 (what PDF writers agree on) */
    double dash_offset;
} br_stroke;

typedef enum { BR_FILL_NONZERO, BR_FILL_EVENODD } br_fill_rule;

/* A font face: one file (and face index in a collection).  Owned by the
 * br_fonts that produced it; lives as long as it. */
typedef struct br_font_face {
    const char *file;
    int index;
    bool truetype; /* glyf outlines (the only kind the PDF back end embeds) */
} br_font_face;

typedef struct br_glyph {
    uint32_t id; /* glyph index in the face */
    double x, y; /* origin, page coordinates (points) */
} br_glyph;

/* Maps a stretch of text to the glyphs that show it (Cairo's text_cluster). */
typedef struct br_cluster {
    int n_bytes;  /* UTF-8 bytes of text */
    int n_glyphs; /* glyphs drawn for them */
} br_cluster;

/* Positioned glyphs of one face and size, with the text they show.  Glyphs
 * and clusters are in visual order (left to right). */
typedef struct br_text_run {
    const br_font_face *face;
    double size; /* em size in points */
    br_color color;
    const char *utf8;
    size_t n_bytes;
    const br_glyph *glyphs;
    size_t n_glyphs;
    const br_cluster *clusters;
    size_t n_clusters;
    br_rect box; /* logical extents of the run (ascent to descent), page coordinates */
} br_text_run;


typedef struct br_device br_device;

struct br_device {
    /* Slots; NULL means no-op. They return BR_OK or an error, which the
     * wrappers make sticky. */
    br_status (*fill_path)(br_device *dev, const br_path *path,
                           br_fill_rule rule, br_color color);
    br_status (*stroke_path)(br_device *dev, const br_path *path,
                             const br_stroke *stroke, br_color color);
    br_status (*clip_path)(br_device *dev, const br_path *path,
                           br_fill_rule rule);
    br_status (*pop_clip)(br_device *dev);
    br_status (*fill_text)(br_device *dev, const br_text_run *run);
    br_status (*fill_image)(br_device *dev, const br_image *image,
                            const br_rect *dest);
    br_status (*begin_link)(br_device *dev, const br_rect *area,
                            const char *uri);
    br_status (*end_link)(br_device *dev);
    /* The page transform changed (dev->page_ctm holds it); no clip is open. */
    br_status (*set_page_transform)(br_device *dev);

    /* State kept by the wrappers; back ends read page_ctm and sheet size. */
    br_matrix page_ctm;               /* logical page -> sheet */
    double sheet_width, sheet_height; /* the sheet drawn on, points */
    br_colorspace color_space;        /* what the slots receive */
    bool opaque;                      /* slots receive no alpha below 1 (br_dev_set_opaque) */
    int clip_depth;
    br_status status; /* first error; BR_OK while healthy */
};

/* Initialises the shared state of a device drawing on a sheet of width x
 * height points: identity page transform, RGB.  Back ends call it when
 * they begin a sheet. */
void br_dev_init(br_device *dev, double width, double height);

/* Sets the page transform (logical page -> sheet) for the calls that
 * follow.  Only between drawing calls with no clip open (a clip belongs to
 * the page it was made on); otherwise the device fails with
 * BR_ERR_UNSUPPORTED. */
void br_dev_set_page_transform(br_device *dev, const br_matrix *page_ctm);

/* Sets the colour space the device draws in (before the first call). */
void br_dev_set_color_space(br_device *dev, br_colorspace space);

/* With opaque (before the first call), every colour and image pixel with
 * alpha below 1 reaches the slots flattened against white paper, in the
 * device's colour space, with alpha 1: PDF/A-1 has no transparency.  Exact
 * where nothing but paper lies below, as on a briefing's white pages;
 * over ink it draws lighter than the blend would.  br_dev_init turns it
 * off. */
void br_dev_set_opaque(br_device *dev, bool opaque);

/* Wrappers. Each does nothing once the device has an error. */
void br_dev_fill_path(br_device *dev, const br_path *path, br_fill_rule rule,
                      br_color color);
void br_dev_stroke_path(br_device *dev, const br_path *path,
                        const br_stroke *stroke, br_color color);
void br_dev_clip_path(br_device *dev, const br_path *path, br_fill_rule rule);
void br_dev_pop_clip(br_device *dev);
void br_dev_fill_text(br_device *dev, const br_text_run *run);
void br_dev_fill_image(br_device *dev, const br_image *image,
                       const br_rect *dest);
void br_dev_begin_link(br_device *dev, const br_rect *area, const char *uri);
void br_dev_end_link(br_device *dev);

/* Convenience: fill or stroke an axis-aligned rectangle / a line. */
void br_dev_fill_rect(br_device *dev, double x, double y, double w, double h,
                      br_color color);
void br_dev_line(br_device *dev, double x0, double y0, double x1, double y1,
                 const br_stroke *stroke, br_color color);

/* Convenience: fill a circle (as Bézier arcs). */
void br_dev_fill_circle(br_device *dev, double cx, double cy, double r, br_color color);

/* Sets a sticky error on the device (keeps an earlier one). */
void br_dev_fail(br_device *dev, br_status status);

/* The device's first error, or BR_OK; call once at the end. */
br_status br_dev_status(const br_device *dev);

/* A solid stroke of the given width with butt caps and miter joins. */
br_stroke br_stroke_solid(double width);
/* The same, dashed: `on` points drawn, `off` points skipped (whole points). */
br_stroke br_stroke_dashed(double width, double on, double off);

#endif
