/* tilegrid: what the tile map (tilemap.c) and the innovation mosaic
 * (mosaic.c) share.
 *
 * Design note.  Every entity with a `tile` [col, row] is one square of a
 * grid; the grid is trimmed to the cells in use and scaled to the width
 * (squares of at most BR_TILE_MAX pt, so a 10 x 8 grid stays compact, with
 * a small gap between them), and never taller than a page allows.
 * Entities without a tile are not drawn.  Tiles show the `short` label
 * and, when every value fits at >= 6 pt, the value below it (with
 * qualifier and note marker); a mosaic puts its list numbers in their
 * corner instead.
 *
 * Classes.  Fill by value is ColorBrewer Blues in (up to) 5 classes.
 * Class breaks are quantiles moved to the roundest number near them: break
 * i may move anywhere between the midpoints to its neighbouring quantiles,
 * and takes the coarsest 1 or 5 x 10^k that lies there.  Quantiles,
 * because the indicators of a briefing are skewed (patents: a few regions
 * hold most of them), so equal intervals would put nearly every tile in
 * the lightest class; moved to round numbers, because a reader compares
 * "1,000-2,000" at a glance and not "1,043-2,187".  The window keeps the
 * breaks in order and the classes roughly balanced; a class left empty is
 * merged away (and fewer classes take evenly spread colours of the five).
 * The outer bounds are nice ticks around the data.  Tiles without data
 * have the no-data look (paint.h).
 */
#ifndef BR_CHART_TILEGRID_H
#define BR_CHART_TILEGRID_H

#include <glib.h>

#include "charts/chart.h"
#include "charts/legend.h"

#define BR_TILE_MAX 34.0 /* largest square, points */

typedef struct br_tile {
    const br_entity *e;
    const br_observation *obs; /* NULL: no data (or not coloured by value) */
    int cls;                   /* colour class; -1: no data */
    int number;                /* mosaic list number; 0: none */
    br_color fill, ink;
    br_color hatch_color;      /* of the pattern */
    int hatch;                 /* paint.h pattern, or BR_HATCH_NONE */
    bool no_data;              /* the no-data look */
    char *label;               /* short label (+ note marker when no value shows) */
    char *value;               /* formatted value, or NULL */
} br_tile;

/* The set's entities with a tile, in reading order (row by row).  OUT:
 * *n; free with br_tiles_free. */
br_tile *br_tiles_collect(const br_set *set, size_t *n);
void br_tiles_free(br_tile *tiles, size_t n);

typedef struct br_tile_classes {
    int n;       /* classes, 1..5 */
    double b[6]; /* bounds: b[0] lowest, b[n] highest */
    int decimals;
    bool compact;
} br_tile_classes;

/* Classes of the values of the tiles that have an observation. */
br_tile_classes br_tile_classes_make(const br_tile *tiles, size_t n, int decimals);
int br_tile_class_of(const br_tile_classes *k, double v);
/* The fill of class i, and its legend text ("1,000–2,000 %"; g_free). */
br_color br_tile_class_color(const br_chart_ctx *c, const br_tile_classes *k, int i);
char *br_tile_class_label(const br_chart_ctx *c, const br_tile_classes *k, const char *unit, int i);

/* An entity's group colour, and the hatching that keeps groups apart in
 * grayscale (OUT: *hatch, may be NULL). */
br_color br_tile_group_color(const br_chart_ctx *c, const br_entity *e, int *hatch);

/* Where the grid goes and what text fits in its squares. */
typedef struct br_tile_geom {
    int col0, row0;    /* the first column and row used */
    size_t cols, rows; /* columns and rows from the first to the last used */
    double pitch, size, gap; /* square + gap = pitch */
    double w, h;
    double label_size, value_size, number_size;
    double label_h, value_h; /* line heights at those sizes */
    bool labels, values, numbers;
} br_tile_geom;

/* Sizes the grid to a width (square at most max_tile) and decides what
 * text fits in the squares; numbers (mosaic) take the values' place. */
br_tile_geom br_tile_layout(br_chart_ctx *c, const br_tile *tiles, size_t n, double width, double max_tile,
                            bool numbers);
/* Draws the tiles with the top-left of the grid at (x, y); the focus
 * entity's tile (may be NULL) gets a highlight outline. */
void br_tile_draw(br_chart_ctx *c, br_device *dev, const br_tile *tiles, size_t n, const br_tile_geom *g,
                  const char *focus, double x, double y);

/* Legend items for the groups among ents (set order, "other" last), as
 * circles (badge colours) or hatched squares; names are borrowed. */
void br_tile_group_legend(br_chart_ctx *c, const br_entity *const *ents, size_t n, bool circles, GArray *items);

/* ", periods differ" or ", <period>" after a subtitle. */
void br_tile_period_facts(br_chart_ctx *c, GString *sub, bool mixed, const char *period);

/* Each tile's observation of ind (of spec period, else its latest): sets
 * tiles[i].obs.  Returns how many have one; OUT: *mixed (periods differ),
 * *period (the latest). */
size_t br_tiles_observe(br_tile *tiles, size_t n, const br_set *set, const br_indicator *ind, const char *period,
                        bool *mixed, const char **latest);

#endif
