/* select: which data a chart shows.
 *
 * Which indicator a block means (by id, or by topic and unit, preferring
 * the one with most regions reported), each entity's latest observation
 * (or that of one period), with the facts a reader must be told: how many
 * regions reported, whether periods differ.  Pure functions of the set.
 */
#ifndef BR_CHART_SELECT_H
#define BR_CHART_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

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
const br_indicator *br_chart_pick(const br_set *set, const char *id, const char *topic, const char *unit);

/* Each region's latest observation of ind (regions only when regions_only),
 * in file order. br_series_free releases the points. */
br_series br_series_latest(const br_set *set, const br_indicator *ind, bool regions_only);
void br_series_free(br_series *s);

/* The observations a chart of ind shows, one per entity in file order
 * (regions only when regions_only): each entity's latest, or, with period,
 * only observations of exactly that period.  Release with br_series_free. */
br_series br_chart_series(const br_set *set, const br_indicator *ind, bool regions_only, const char *period);

/* Per entity of the set (by index): its observation of exactly `period`,
 * or its latest when period is NULL; NULL where it has none.  g_free the
 * array. */
const br_observation **br_chart_by_entity(const br_set *set, const br_indicator *ind, const char *period);

/* The reference entity's observation (the set's `reference`: the
 * national figure of a set of regions, the world of a set of countries)
 * of exactly `period` when it has one, else its latest; NULL when the set
 * has no reference or it has no value. */
const br_observation *br_reference_value(const br_set *set, const br_indicator *ind, const char *period);

struct br_chart_ctx;
struct br_chart_spec;
/* Keeps the points of the entities spec->entities lists (every point when
 * it lists none); an id that names no entity of the set is reported as a
 * warning at the block. */
void br_series_keep(const struct br_chart_ctx *c, const struct br_chart_spec *spec, br_series *s);

/* The entities spec->entities lists, in its order, as set entities; an id
 * that names no entity of the set is reported as a warning at the block
 * (once per chart: every kind that takes `entities` calls this, not its
 * own lookup).  Returns the count; OUT: out[0..count), g_free it (NULL
 * when the block lists none). */
size_t br_listed_entities(const struct br_chart_ctx *c, const struct br_chart_spec *spec, const br_entity ***out);

/* Which way a ranking runs for `select` (chart.h): true for highest first.
 * "best" follows the indicator's `better` (highest first when neither). */
bool br_select_descending(const br_indicator *ind, int select);

/* The set's topics: its `topics` entries in their order, then the others
 * in the order its indicators first name them; at most cap.  Returns how many. */
size_t br_set_topics(const br_set *set, const char **out, size_t cap);

/* A group's colour index among the set's groups (0..), or -1 for none. */
int br_group_index(const br_set *set, const br_entity *group);
/* GCompareFunc for a GPtrArray of entities: the set's order. */
int br_entity_order(const void *a, const void *b);
/* An entity's first group, or NULL. */
const br_entity *br_entity_group(const br_entity *e);

#endif
