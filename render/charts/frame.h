/* frame: what surrounds every chart: title and subtitle above, the source
 * line and numbered notes below, and the "no data" panel that stands in
 * for a chart whose indicator has nothing to show.
 *
 * Notes and sources are gathered while a chart is built (br_chart_notes),
 * so the source line names exactly the sources of what is shown and
 * identical notes share one number.
 */
#ifndef BR_CHART_FRAME_H
#define BR_CHART_FRAME_H

#include "charts/context.h"

/* Title and subtitle; returns the height. */
double br_chart_header(br_chart_ctx *c, br_device *dev, const char *title, const char *subtitle, double x,
                       double y, double width);

/* Their height, drawing nothing. */
double br_chart_header_height(br_chart_ctx *c, const char *title, const char *subtitle, double width);

/* The "no data" panel for an indicator without observations. */
double br_chart_no_data(br_chart_ctx *c, br_device *dev, const char *title, double x, double y, double width);

typedef struct br_chart_notes br_chart_notes;
br_chart_notes *br_chart_notes_new(void);
void br_chart_notes_free(br_chart_notes *n);
/* Registers an observation's sources and note; returns the note's marker
 * ("¹", "²", ...; "" when the observation has no note). Borrowed string. */
const char *br_chart_notes_add(br_chart_notes *n, const br_observation *obs);
/* Registers one source (of what is not an observation: an entity's
 * focus); NULL is ignored.  Never fails. */
void br_chart_notes_add_source(br_chart_notes *n, const br_source *src);
/* Draws "Source: A; B." and the numbered notes; returns the height. */
double br_chart_notes_draw(br_chart_ctx *c, const br_chart_notes *n, br_device *dev, double x, double y,
                           double width);
/* Their height, drawing nothing. */
double br_chart_notes_height(br_chart_ctx *c, const br_chart_notes *n, double width);

/* Takes the numbered notes out of n ("¹ text" each; the markers already
 * handed out stay valid): the lines under the chart keep only the source
 * line.  Returns them (g_ptr_array_free(.., TRUE) frees them all). */
GPtrArray *br_chart_notes_take(br_chart_notes *n);

#endif
