/* chart: the chart blocks of a layout, as layout sees them.
 *
 * A chart kind is an entry of one table (br_chart_kinds, registry.c): its
 * name in layouts, the options it honours, and its draw function.  Every
 * kind draws through the device and returns the height it used, so a
 * chart is drawn exactly once: layout records it into a display list
 * (br_chart_plan_new), which gives its height, and replays the recording
 * where pagination puts it (br_chart_plan_draw).  No kind includes
 * another kind; what several share lives in helper modules (context,
 * select, label, frame, paint, legend, scale, barplot, barset, tilegrid).
 *
 * Tables split between pages, so they have a row interface of their own
 * (br_table_*).
 */
#ifndef BR_CHART_H
#define BR_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "charts/context.h"
#include "device/dlist.h"

typedef enum {
    BR_CHART_BARS,    /* ranked bars (horizontal, or vertical columns) */
    BR_CHART_SHARE,   /* share bars on a 0-100 % axis with a reference line */
    BR_CHART_KEYFIGS, /* a row of key figures */
    BR_CHART_GROUPED, /* grouped bars: several indicators (or periods) per entity */
    BR_CHART_STACKED, /* stacked bars: parts of a total per entity */
    BR_CHART_PARTS,   /* 100 % bars: an entity's share of a whole (China vs rest of world) */
    BR_CHART_LINE,    /* time series, one line per entity */
    BR_CHART_TILEMAP, /* tile-grid map coloured by value */
    BR_CHART_MOSAIC,  /* tile map with each region's focus as keyed callouts */
    BR_CHART_TABLE    /* regions x indicators */
} br_chart_kind;

typedef enum { BR_SORT_VALUE, BR_SORT_NAME, BR_SORT_FILE } br_sort;

/* Which end of a ranking a chart shows ("top"): the best (the indicator's
 * `better` decides; for neither, the highest), the worst, or by value. */
typedef enum { BR_SELECT_BEST, BR_SELECT_WORST, BR_SELECT_HIGHEST, BR_SELECT_LOWEST } br_select;

/* Options of a chart block, as bits: which a kind honours. */
enum {
    BR_OPT_INDICATOR = 1 << 0,
    BR_OPT_INDICATORS = 1 << 1,
    BR_OPT_TOPIC = 1 << 2,
    BR_OPT_UNIT = 1 << 3,
    BR_OPT_TITLE = 1 << 4,
    BR_OPT_TOP = 1 << 5,
    BR_OPT_FOCUS = 1 << 6,
    BR_OPT_SCALE = 1 << 7,
    BR_OPT_REFERENCE = 1 << 8,
    BR_OPT_ORIENTATION = 1 << 9,
    BR_OPT_SORT = 1 << 10,
    BR_OPT_PERIOD = 1 << 11,
    BR_OPT_RANK = 1 << 12,
    BR_OPT_ENTITIES = 1 << 13,
    BR_OPT_SELECT = 1 << 14,
    /* what names the data: an indicator, or a topic and unit, and a title */
    BR_OPT_IND_ANY = BR_OPT_INDICATOR | BR_OPT_TOPIC | BR_OPT_UNIT | BR_OPT_TITLE,
};

/* Longest list of topics, indicators or entities a block may give. */
#define BR_CHART_MAX_LIST 16

typedef struct br_chart_spec {
    br_chart_kind kind;
    const char *indicator; /* id, or NULL to pick by topic/unit */
    const char *topic;
    const char *unit;
    const char *title;     /* overrides the indicator's name */
    int top;               /* show at most this many entities (0: the kind's default) */
    const char *focus;     /* entity id to highlight */
    int log_scale;         /* 1: log scale (when every value is > 0), 0: linear */
    double reference;      /* share bars: a value; -1 the reference entity's ("national"), -2 the same by
                              default (silently absent when there is none), -3 none */
    bool vertical;         /* bars: vertical columns instead of horizontal bars */
    br_sort sort;          /* bars, table: order of entities */
    const char *period;    /* a period to show instead of each entity's latest */
    bool rank;             /* table: a rank column */
    const char *const *topics; /* key figures: one figure per topic */
    size_t n_topics;
    const char *const *indicators; /* grouped, stacked, table: the indicators (ids); none: by topic */
    size_t n_indicators;
    const char *const *entities;   /* the entities (ids) to show; none: chosen by the kind */
    size_t n_entities;
    br_select select;      /* which end of the ranking `top` keeps */
    bool split;            /* table: indicators that do not fit go to another table (br_table_hidden) */
    const struct br_table *rows_like; /* table: the rows (and ranks) of this table, in its order: the
                                         later tables of a split one read across like the first */
    /* Where the block is in its layout, for problems found while drawing
     * (line 0: not from a layout). */
    const char *file;
    int line, col;
    const char *path;      /* "blocks[3]" */
} br_chart_spec;

/* Defaults: bars, the kind's default top, linear, no reference, sorted by value. */
void br_chart_spec_init(br_chart_spec *spec);

/* One kind of chart. */
typedef struct br_chart_kind_def {
    const char *name;    /* as layouts write it ("bars") */
    br_chart_kind kind;
    /* Draws the chart of spec with its top-left at (x, y), width points
     * wide, into dev (never NULL); returns the height used.  0 means the
     * block has nothing to show and is left out; an indicator without data
     * draws a "no data" panel instead.  Never fails: device errors stick
     * to the device. */
    double (*draw)(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width);
    unsigned options; /* BR_OPT_* the kind honours; a layout giving another is an error */
    int max_top;      /* the most entities (rows, lines) a `top` may ask for */
} br_chart_kind_def;

/* The option bit of a chart block key ("orientation"), or 0. */
unsigned br_chart_option_of(const char *key);

/* A problem a chart finds with its block while drawing (two units in one
 * grouped chart): an error at the block's place in the layout.  The chart
 * then draws what it can. */
void br_chart_problem(const br_chart_ctx *c, const br_chart_spec *spec, const char *key, br_severity sev,
                      const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The table of kinds, in the order of br_chart_kind; n_kinds entries. */
const br_chart_kind_def *br_chart_kind_at(size_t i);
size_t br_chart_n_kinds(void);
/* By name, or NULL; by kind (never NULL). */
const br_chart_kind_def *br_chart_kind_named(const char *name);
const br_chart_kind_def *br_chart_kind_of(br_chart_kind kind);

/* A chart drawn once, ready to be placed. */
typedef struct br_chart_plan br_chart_plan;

/* Draws the chart of spec at width into a recording.  OUT: *out (NULL
 * when the chart has nothing to show).  Errors: BR_ERR_NOMEM, or the
 * recording device's error. */
br_status br_chart_plan_new(br_chart_ctx *c, const br_chart_spec *spec, double width,
                            br_chart_plan **out) BR_MUST_CHECK;
void br_chart_plan_free(br_chart_plan *plan);
double br_chart_plan_height(const br_chart_plan *plan);
/* Replays the recording with its top-left at (x, y). */
void br_chart_plan_draw(const br_chart_plan *plan, br_device *dev, double x, double y);

/* Draws any block's content once into a recording (for layout's own
 * blocks): fn draws at (0, 0) into the recording and returns the height.
 * OUT: *list (free with br_dlist_free), *height. */
br_status br_record(double width, double (*fn)(void *data, br_device *dev), void *data, br_dlist **list,
                    double *height) BR_MUST_CHECK;

/* ---- tables: split across pages, so layout drives them row by row ---- */

typedef struct br_table br_table;

/* Prepares the table of spec (kind BR_CHART_TABLE) at the given width.
 * OUT: *out (NULL when there is nothing to show). */
br_status br_table_new(br_chart_ctx *c, const br_chart_spec *spec, double width, br_table **out) BR_MUST_CHECK;
void br_table_free(br_table *table);
size_t br_table_rows(const br_table *table);                 /* body rows */
double br_table_head_height(const br_table *table, bool title); /* header row, with the title (first piece) or
                                                                   the continuation line */
double br_table_row_height(const br_table *table, size_t row);
double br_table_header_height(const br_table *table);        /* the header row alone */
double br_table_foot_height(const br_table *table);          /* source line and notes */
/* Takes the numbered notes out of the table's foot (which then holds the
 * source line alone, its height measured again): how a layout lets notes
 * taller than a page flow over pages after the table.  Returns the lines
 * ("¹ text"; g_ptr_array_free(.., TRUE) frees them). */
GPtrArray *br_table_take_notes(br_table *table);
/* The width the table's columns use (at most the width it was made for). */
double br_table_width(const br_table *table);
/* The indicators that did not fit the width, in priority order (ids
 * borrowed from the set).  OUT: *ids.  Returns how many. */
size_t br_table_hidden(const br_table *table, const char *const **ids);
/* Numbers the title of one of the tables a wide table was split into:
 * "Title (2 of 3)"; n_parts under 2 leaves it alone.  Heights change, so
 * it comes before they are read. */
void br_table_set_part(br_table *table, size_t part, size_t n_parts);
/* Draws the header row (and, with title, the title above it; without, the
 * continuation line), body rows [first, end), and with foot the source
 * line; returns the height used. */
double br_table_draw(const br_table *table, br_device *dev, double x, double y, size_t first, size_t end, bool title,
                     bool foot);
/* The header row and rows [first, end) alone, with the header's top at y:
 * the second and later columns of a table flowed into columns. */
void br_table_draw_rows(const br_table *table, br_device *dev, double x, double y, size_t first, size_t end);

#endif
