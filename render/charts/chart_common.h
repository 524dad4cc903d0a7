/* chart_common: what every chart kind shares.
 *
 * - br_chart_ctx: the fonts, the set, number formats, localized strings and
 *   the theme (sizes and colours of DESIGN.md) a chart is drawn with.
 * - Data selection: which indicator a block means (by id, or by topic and
 *   unit, preferring the one with most regions reported), and each entity's
 *   latest observation, with the facts a reader must be told (how many
 *   regions reported, whether periods differ).
 * - The chart frame: title, subtitle, legend, then the plot, then the
 *   source line and numbered notes.  Every chart kind measures and draws
 *   through the same function pair so layout can ask for heights first.
 *
 * Drawing to a NULL device only measures: every draw function returns the
 * height it used, so layout calls it once with NULL, then for real.
 */
#ifndef BR_CHART_COMMON_H
#define BR_CHART_COMMON_H

#include <stdbool.h>

#include "device/device.h"
#include "model/model.h"
#include "i18n/dates.h"
#include "i18n/locale.h"
#include "i18n/numfmt.h"
#include "text/text.h"

struct br_chart_ctx;
/* fmt (two %s) with the counts a and b formatted as numbers of the
 * language ("31 of 3,000 regions reported"), into buf / newly allocated. */
void br_count_phrase(const struct br_chart_ctx *c, const char *fmt, size_t a, size_t b, char *buf, size_t size);
char *br_count_phrase_dup(const struct br_chart_ctx *c, const char *fmt, size_t a, size_t b);

typedef struct br_theme {
    const char *family;
    double title_size, subtitle_size, heading_size, body_size, body_leading;
    double chart_title_size, chart_subtitle_size, label_size, source_size, source_leading;
    double key_number_size, key_label_size;
    br_color text, secondary, grid, axis, source, muted, rest, highlight;
    br_color categories[7];
    br_color other;
} br_theme;

/* The house style of ../shared/DESIGN.md. */
br_theme br_theme_default(void);

typedef struct br_chart_ctx {
    br_fonts *fonts;
    const br_set *set;
    const char *lang; /* the language rendered: --lang, else the set's */
    const br_locale *loc; /* its words and formats */
    br_numfmt nf;         /* loc->nf */
    const br_words *str;  /* loc->words */
    br_theme theme;
    br_diag *diag;
    const br_entity *focus; /* --focus: the entity a profile is about, or NULL */
} br_chart_ctx;

/* A context for drawing set in lang (the set's language when NULL): its
 * locale, the default theme, no focus.  Never fails. */
void br_chart_ctx_init(br_chart_ctx *c, br_fonts *fonts, const br_set *set, const char *lang, br_diag *diag);

/* One entity's value as a chart shows it. */
typedef struct br_point {
    const br_entity *entity;
    const br_observation *obs;
} br_point;

typedef struct br_series {
    const br_indicator *indicator;
    br_point *points; /* g_malloc'd */
    size_t n_points;
    size_t n_regions_total; /* regions in the set */
    bool mixed_periods;
    const char *latest_period; /* the latest period among points */
} br_series;

/* Picks an indicator: by id when id is given; else the one of `topic` (and
 * `unit`, when given) with most distinct regions reported, the first in
 * file order on ties.  NULL when none matches. */
const br_indicator *br_chart_pick(const br_set *set, const char *id, const char *topic,
                                  const char *unit);

/* Each region's latest observation of ind (regions only when regions_only),
 * in file order. br_series_free releases the points. */
br_series br_series_latest(const br_set *set, const br_indicator *ind, bool regions_only);
void br_series_free(br_series *s);

/* The latest observation of the first country entity, or NULL. */
const br_observation *br_national_value(const br_set *set, const br_indicator *ind);

/* Display forms, in the language rendered: names{} and translations{}
 * when that language differs from the set's own. */
const char *br_entity_label(const br_chart_ctx *c, const br_entity *e);
const char *br_set_title(const br_chart_ctx *c);
const char *br_set_subtitle(const br_chart_ctx *c);  /* may be NULL */
const char *br_set_summary(const br_chart_ctx *c);   /* may be NULL */
/* A value of an indicator as shown in labels: number, then the unit
 * ("93%", "220,000"; other units are left to titles), with the qualifier
 * sign before it ("> 93%", "~ 60%"); into buf (BR_NUM_BUF bytes). */
char *br_numfmt_value(const br_numfmt *f, double value, int decimals, const char *unit, br_qualifier q, char *buf);
char *br_unit_label(const br_chart_ctx *c, const br_indicator *ind); /* g_free; "" for counts */
const char *br_indicator_label(const br_chart_ctx *c, const br_indicator *ind);

/* A group's colour index among the set's groups (0..), or -1 for none. */
int br_group_index(const br_set *set, const br_entity *group);
/* GCompareFunc for a GPtrArray of entities: the set's order. */
int br_entity_order(const void *a, const void *b);
const br_entity *br_entity_group(const br_entity *e);

/* Text helpers: draw (dev may be NULL) and return the height used. */
double br_chart_text(br_chart_ctx *c, br_device *dev, const char *utf8, double x, double y,
                     double width, double size, double leading, bool bold, br_color color,
                     br_align align);
double br_chart_text_width(br_chart_ctx *c, const char *utf8, double size, bool bold);
/* Left-aligned plain text of at most max_lines lines, the rest cut with an
 * ellipsis. */
double br_chart_text_capped(br_chart_ctx *c, br_device *dev, const char *utf8, double x, double y, double width,
                            double size, double leading, bool bold, br_color color, int max_lines);
/* The same for Pango markup (a set's summary), left-aligned, regular. */
double br_chart_markup(br_chart_ctx *c, br_device *dev, const char *markup, double x, double y, double width,
                       double size, double leading, br_color color);

/* Notes and sources gathered while a chart is built. */
typedef struct br_chart_notes br_chart_notes;
br_chart_notes *br_chart_notes_new(void);
void br_chart_notes_free(br_chart_notes *n);
/* Registers an observation's source and note; returns the note's marker
 * ("¹", "²", ...; "" when the observation has no note). Borrowed string. */
const char *br_chart_notes_add(br_chart_notes *n, const br_observation *obs);
/* Draws "Source: A; B." and the numbered notes; returns the height. */
double br_chart_notes_draw(br_chart_ctx *c, const br_chart_notes *n, br_device *dev, double x,
                           double y, double width);

/* Title and subtitle; returns the height. */
double br_chart_header(br_chart_ctx *c, br_device *dev, const char *title, const char *subtitle,
                       double x, double y, double width);

/* The "no data" panel for an indicator without observations. */
double br_chart_no_data(br_chart_ctx *c, br_device *dev, const char *title, double x, double y,
                        double width);

/* The chart block of a layout: which kind, what data, which options. */
typedef enum {
    BR_CHART_BARS,     /* ranked bars (horizontal, or vertical columns) */
    BR_CHART_SHARE,    /* share bars on a 0-100 % axis with a reference line */
    BR_CHART_KEYFIGS,  /* a row of key figures */
    BR_CHART_GROUPED,  /* grouped bars: several indicators (or periods) per entity */
    BR_CHART_STACKED,  /* stacked bars: parts of a total per entity */
    BR_CHART_PARTS,    /* 100 % bars: an entity's share of a whole (China vs rest of world) */
    BR_CHART_LINE,     /* time series, one line per entity */
    BR_CHART_TILEMAP,  /* tile-grid map coloured by value */
    BR_CHART_MOSAIC,   /* tile map with each region's focus as keyed callouts */
    BR_CHART_TABLE     /* regions x indicators */
} br_chart_kind;

typedef enum { BR_SORT_VALUE, BR_SORT_NAME, BR_SORT_FILE } br_sort;

#define BR_CHART_MAX_LIST 16

typedef struct br_chart_spec {
    br_chart_kind kind;
    const char *indicator; /* id, or NULL to pick by topic/unit */
    const char *topic;
    const char *unit;
    const char *title;     /* overrides the indicator's name */
    int top;               /* show at most this many entities (0: 31) */
    const char *focus;     /* entity id to highlight */
    int log_scale;         /* 1: log scale (when every value is > 0), 0: linear */
    double reference;      /* share bars: a reference value; -1: the national value; < -1: none */
    bool vertical;         /* bars: vertical columns instead of horizontal bars */
    br_sort sort;          /* bars, table: order of entities */
    const char *period;    /* a period to show instead of each entity's latest */
    bool rank;             /* table: a rank column */
    const char *const *topics; /* key figures: one figure per topic */
    size_t n_topics;
    const char *const *indicators; /* grouped, stacked, table: the indicators (ids); none: by topic */
    size_t n_indicators;
    const char *const *entities;   /* line, parts: the entities (ids); none: chosen by the kind */
    size_t n_entities;
} br_chart_spec;

/* Defaults: bars, top 31, linear, no reference, sorted by value. */
void br_chart_spec_init(br_chart_spec *spec);

/* Draws a chart block at (x, y) of the given width; dev NULL measures.
 * Returns the height used; 0 means the block has nothing to show and is
 * left out (a chart whose indicator has no data draws a "no data" panel
 * instead). */
double br_chart_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                     double width);

/* Kinds (one file each). */
double br_chart_bars_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x,
                          double y, double width);
double br_chart_share_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x,
                           double y, double width);
double br_chart_keyfigs_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x,
                             double y, double width);
double br_chart_multi_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x,
                           double y, double width); /* grouped, stacked, parts */
double br_chart_line_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x,
                          double y, double width);
double br_chart_tilemap_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x,
                             double y, double width); /* tilemap and mosaic */

/* Tables split across pages, so layout drives them row by row. */
typedef struct br_table br_table;

/* Prepares the table of spec (kind BR_CHART_TABLE) at the given width.
 * OUT: *out (NULL when there is nothing to show). */
br_status br_table_new(br_chart_ctx *c, const br_chart_spec *spec, double width,
                       br_table **out) BR_MUST_CHECK;
void br_table_free(br_table *table);
size_t br_table_rows(const br_table *table);                /* body rows */
double br_table_head_height(const br_table *table);         /* title + header row */
double br_table_row_height(const br_table *table, size_t row);
double br_table_foot_height(const br_table *table);         /* source line and notes */
/* Draws the header row (and, with title, the title above it), body rows
 * [first, end), and with foot the source line; returns the height used. */
double br_table_draw(const br_table *table, br_device *dev, double x, double y, size_t first, size_t end,
                     bool title, bool foot);

#endif
