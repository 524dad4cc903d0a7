/* label: text in charts, at the theme's sizes and in its family.
 *
 * One rule for each: a paragraph (wrapped at a width), one line of label
 * text centred on a y, and the ellipsis: text that does not fit is cut at a
 * character boundary and ends in a real "…" (so a PDF's text layer holds
 * what is shown, never the hidden words).  Every function draws into dev
 * and returns what it used; the br_chart_text_* measures draw nothing.
 */
#ifndef BR_CHART_LABEL_H
#define BR_CHART_LABEL_H

#include <stdbool.h>

#include "charts/context.h"

/* A paragraph with its top-left at (x, y), wrapped at width (<= 0: one
 * line per paragraph); returns its height. */
double br_chart_text(br_chart_ctx *c, br_device *dev, const char *utf8, double x, double y, double width,
                     double size, double leading, bool bold, br_color color, br_align align);
/* Left-aligned plain text of at most max_lines lines, the rest cut with an
 * ellipsis. */
double br_chart_text_capped(br_chart_ctx *c, br_device *dev, const char *utf8, double x, double y, double width,
                            double size, double leading, bool bold, br_color color, int max_lines);
/* The same for Pango markup (a set's summary), left-aligned, regular. */
double br_chart_markup(br_chart_ctx *c, br_device *dev, const char *markup, double x, double y, double width,
                       double size, double leading, br_color color);

/* Measures without drawing: the advance width of one line, and the height
 * of a paragraph at width. */
double br_chart_text_width(br_chart_ctx *c, const char *utf8, double size, bool bold);
double br_chart_text_height(br_chart_ctx *c, const char *utf8, double width, double size, double leading, bool bold);
double br_chart_markup_height(br_chart_ctx *c, const char *markup, double width, double size, double leading);

/* s as it fits max_lines lines of width points at the label size: whole,
 * or cut with "…".  g_free the result. */
char *br_chart_fit(br_chart_ctx *c, const char *s, double width, int max_lines);
/* The same for one line at any size and weight. */
char *br_chart_fit_line(br_chart_ctx *c, const char *s, double width, double size, bool bold);

/* One line of label text (theme label size) centred vertically on
 * y_center; with max_width > 0 cut with an ellipsis there (right and centre
 * alignment happen inside max_width).  Returns the width drawn. */
double br_chart_label(br_chart_ctx *c, br_device *dev, const char *s, double x, double y_center,
                      double max_width, br_align align, br_color color);

/* One line of text at any size with its top-left at (x, y), cut with an
 * ellipsis at max_width (> 0; alignment within it).  Returns the width
 * drawn; OUT: *height (may be NULL), the line's height. */
double br_chart_line(br_chart_ctx *c, br_device *dev, const char *s, double x, double y, double max_width,
                     double size, bool bold, br_color color, br_align align, double *height);

/* The height of one line of text at size (the font's line box). */
double br_chart_line_height(br_chart_ctx *c, double size, bool bold);

#endif
