/* barset: what grouped, stacked and 100 % bars share (grouped.c,
 * stacked.c, parts.c).
 *
 * Design note.  All three are horizontal, so long names fit, and share the
 * frame of ranked bars: title, subtitle (unit, period or "periods differ",
 * "n of N regions reported"), a legend above the plot, value ticks on top
 * with light gridlines and a darker zero line, then sources and notes.
 *
 * - Grouped: one series per indicator (spec->indicators, or every
 *   indicator of spec->topic with the unit of its first), one colour each;
 *   or, for a single indicator reported for several periods, one series
 *   per period (the latest two or three, oldest first, in Blues from light
 *   to dark so the latest reads strongest, also in grayscale).  Entities are
 *   the regions with data, ranked by the first indicator (by the latest
 *   period in period mode), the top N kept (default 10).  Every bar gets its
 *   value past its end; a missing value says "no data" instead of leaving
 *   a gap a reader could take for zero.
 * - Stacked: parts of a total (indicators of one unit), positive parts to
 *   the right of zero and negative ones to the left, white separators
 *   between segments, a value inside a segment only where it fits, and
 *   the total past the end.  Parts only add up within one period, so each
 *   entity shows its latest period (or spec->period) and a total missing
 *   a part is marked as a lower bound ("> 415").
 * - Parts (100 % bars): for percent indicators, one full-width bar per
 *   observation shown: the entity's share in the first category colour,
 *   the rest to 100 % in light grey, labelled inside when the labels fit,
 *   else beside the share or on a line below the bar.
 *
 * A series carries its colour's planned pattern (paint.h).  The
 * plot is made as wide as the labels past the bar ends allow, as for
 * ranked bars, so no label leaves the chart.
 */
#ifndef BR_CHART_BARSET_H
#define BR_CHART_BARSET_H

#include <glib.h>

#include "charts/chart.h"
#include "charts/frame.h"
#include "charts/scale.h"

#define PITCH 10.0       /* grouped: one bar per series (7.5 pt labels need 10) */
#define GROUP_GAP 6.0    /* grouped: between entities */
#define STACK_BAND 16.0  /* stacked: row pitch */
#define STACK_BAR 11.0   /* stacked: bar height (inside labels fit) */
#define PARTS_BAR 14.0   /* 100 % bars */
#define PAD 3.0          /* label to bar end */
#define LABEL_GAP 6.0    /* category label to plot */
#define LINE 10.0        /* leading of label lines */
#define BR_BARSET_MAX_SERIES 8
#define BR_BARSET_MAX_PARTS 24

typedef struct {
    const br_indicator *ind;
    const char *period; /* exactly this period; NULL: each entity's latest */
    const char *name;   /* legend text (borrowed, or in names_owned) */
    br_color color;
    int hatch;
    const br_observation **by_entity; /* per set entity: latest (or the period's) observation */
    bool rest;          /* the parts of the whole not shown, summed ("other") */
} br_barset_series;

typedef struct {
    br_chart_ctx *c;
    const br_chart_spec *spec;
    br_barset_series ser[BR_BARSET_MAX_SERIES + 1]; /* + the rest of a whole */
    size_t n_ser;
    bool by_period;
    GPtrArray *owned; /* strings to free */
    const br_entity **ents; /* shown, in order */
    size_t n_ent;
    size_t n_candidates; /* entities with data */
    bool regions;
    const br_observation **obs; /* n_ent x n_ser, NULL where missing */
    bool mixed;          /* periods differ among the observations shown */
    const char *period;  /* the one period shown when !mixed */
    br_chart_notes *notes;
    size_t n_offered;    /* indicators the block names (all units) */
    bool whole;          /* stacked parts of one whole, in percent: a 100 % bar each */
} br_barset;

/* The indicators of the block: its list (those that exist, in the unit of
 * the first), its indicator, or the topic's in the unit of the first;
 * percent indicators only when percent_only.  At most cap. */
size_t br_barset_indicators(const br_chart_ctx *c, const br_chart_spec *spec, bool percent_only,
                            const br_indicator **out, size_t cap);
/* The same, and OUT: *offered, how many the block names (all units, before
 * the cap: "8 of 14 indicators"), *mismatch, the first listed indicator
 * left out for its unit (NULL: none). */
size_t br_barset_indicators_ex(const br_chart_ctx *c, const br_chart_spec *spec, bool percent_only,
                               const br_indicator **out, size_t cap, size_t *offered, const br_indicator **mismatch);
/* "A, B and C" in the language rendered.  g_free it. */
char *br_barset_join_names(br_barset *m, const br_indicator *const *inds, size_t n);
/* Chooses series, entities and observations for grouped or stacked bars.
 * Returns false when there is nothing to show. */
bool br_barset_select(br_barset *m, bool stacked);
void br_barset_free(br_barset *m);
/* Title, subtitle and legend; returns the height. */
double br_barset_header(br_barset *m, br_device *dev, const char *title, double x, double y, double width);
/* A value label: number, note marker, and the period when asked.  g_free it. */
char *br_barset_value_text(br_barset *m, const br_observation *o, const br_indicator *ind, bool with_period);
/* Tick labels above the plot and gridlines down to plot_bottom; returns
 * the height of the tick labels. */
double br_barset_value_axis(br_barset *m, br_device *dev, const br_scale *sc, double y, double right,
                            double plot_bottom);
void br_barset_zero_line(br_barset *m, br_device *dev, const br_scale *sc, double top, double bottom);
/* A label for the entity of a band [top, top + h]: right-aligned in the
 * label column, on as many lines as the band holds (at most two). */
void br_barset_entity_label(br_barset *m, br_device *dev, const br_entity *e, double x, double top, double h,
                            double label_w);
/* The width of the entity label column (at most 30 % of width). */
double br_barset_label_column(br_barset *m, double width);
/* The widest plot [px0, ..] whose labels past the bar ends (ends[i] in
 * value units, widths w[i]) all end inside right. */
br_scale br_barset_fit_scale(double vmin, double vmax, const double *ends, const double *w, size_t n, double px0,
                             double right);

/* Draws the plot of a selected barset below y; returns its height. */
typedef double (*br_barset_plot)(br_barset *m, br_device *dev, double x, double y, double width);

/* Grouped or stacked bars: selects the data, draws the frame and calls
 * plot for the plot itself.  Returns the height used. */
double br_barset_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width,
                      bool is_stacked, br_barset_plot plot);

#endif
