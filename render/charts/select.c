/* select: see select.h. */
#include "charts/select.h"

#include "charts/chart.h"

#include <glib.h>
#include <string.h>

static size_t regions_reported(const br_indicator *ind)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    for (size_t i = 0; i < ind->n_observations; i++)
        if (br_entity_is_compared(ind->observations[i].entity))
            g_hash_table_add(seen, (gpointer)ind->observations[i].entity);
    size_t n = g_hash_table_size(seen);
    g_hash_table_destroy(seen);
    return n;
}

const br_indicator *br_chart_pick(const br_set *set, const char *id, const char *topic, const char *unit)
{
    if (id)
        return br_set_lookup_indicator(set, id);
    const br_indicator *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < set->n_indicators; i++) {
        const br_indicator *ind = &set->indicators[i];
        if (topic && strcmp(ind->topic, topic) != 0)
            continue;
        if (unit && strcmp(ind->unit, unit) != 0)
            continue;
        size_t n = regions_reported(ind);
        if (!best || n > best_n) {
            best = ind;
            best_n = n;
        }
    }
    return best;
}

br_series br_series_latest(const br_set *set, const br_indicator *ind, bool regions_only)
{
    br_series s = {0};
    s.indicator = ind;
    for (size_t i = 0; i < set->n_entities; i++)
        s.n_regions_total += br_entity_is_compared(&set->entities[i]);
    /* latest observation per entity, indexed by entity position */
    const br_observation **best = g_new0(const br_observation *, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if (regions_only && !br_entity_is_compared(o->entity))
            continue;
        const br_observation **b = &best[o->entity->index];
        if (!*b || o->period_end > (*b)->period_end)
            *b = o;
    }
    s.points = g_new0(br_point, set->n_entities ? set->n_entities : 1);
    int latest = 0;
    for (size_t i = 0; i < set->n_entities; i++) {
        if (!best[i])
            continue;
        s.points[s.n_points].entity = &set->entities[i];
        s.points[s.n_points].obs = best[i];
        s.n_points++;
        if (best[i]->period_end > latest) {
            latest = best[i]->period_end;
            s.latest_period = best[i]->period;
        }
    }
    for (size_t i = 1; i < s.n_points; i++)
        if (strcmp(s.points[i].obs->period, s.points[0].obs->period) != 0)
            s.mixed_periods = true;
    g_free(best);
    return s;
}

void br_series_free(br_series *s)
{
    g_free(s->points);
    s->points = NULL;
    s->n_points = 0;
}

const br_observation *br_reference_value(const br_set *set, const br_indicator *ind, const char *period)
{
    const br_entity *ref = set->reference;
    if (!ref)
        return NULL;
    const br_observation *best = NULL, *exact = NULL;
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if (o->entity != ref)
            continue;
        if (period && !strcmp(o->period, period))
            exact = o;
        if (!best || o->period_end > best->period_end)
            best = o;
    }
    return exact ? exact : best;
}

const br_entity *br_entity_group(const br_entity *e)
{
    return e->n_groups > 0 ? e->groups[0] : NULL;
}

int br_entity_order(const void *a, const void *b)
{
    const br_entity *x = *(const br_entity *const *)a, *y = *(const br_entity *const *)b;
    return x->index < y->index ? -1 : x->index > y->index;
}

int br_group_index(const br_set *set, const br_entity *group)
{
    if (!group)
        return -1;
    int n = 0;
    for (size_t i = 0; i < set->n_entities; i++) {
        if (set->entities[i].kind != BR_ENTITY_GROUP)
            continue;
        if (&set->entities[i] == group)
            return n;
        n++;
    }
    return -1;
}

br_series br_chart_series(const br_set *set, const br_indicator *ind, bool regions_only, const char *period)
{
    if (!period)
        return br_series_latest(set, ind, regions_only);
    br_series s = {0};
    s.indicator = ind;
    for (size_t i = 0; i < set->n_entities; i++)
        s.n_regions_total += br_entity_is_compared(&set->entities[i]);
    const br_observation **by_entity = g_new0(const br_observation *, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if ((regions_only && !br_entity_is_compared(o->entity)) || strcmp(o->period, period) != 0)
            continue;
        by_entity[o->entity->index] = o; /* at most one per (entity, period) */
    }
    s.points = g_new0(br_point, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < set->n_entities; i++) {
        if (!by_entity[i])
            continue;
        s.points[s.n_points++] = (br_point){&set->entities[i], by_entity[i]};
        s.latest_period = by_entity[i]->period;
    }
    g_free(by_entity);
    return s;
}

const br_observation **br_chart_by_entity(const br_set *set, const br_indicator *ind, const char *period)
{
    const br_observation **by = g_new0(const br_observation *, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if (period && strcmp(o->period, period) != 0)
            continue;
        const br_observation **b = &by[o->entity->index];
        if (!*b || o->period_end > (*b)->period_end)
            *b = o;
    }
    return by;
}

bool br_select_descending(const br_indicator *ind, int select)
{
    bool best_high = ind->better != BR_BETTER_LOWER;
    switch (select) {
    case 1: return !best_high; /* worst */
    case 2: return true;       /* highest */
    case 3: return false;      /* lowest */
    default: return best_high; /* best */
    }
}

size_t br_listed_entities(const br_chart_ctx *c, const br_chart_spec *spec, const br_entity ***out)
{
    *out = NULL;
    if (spec->n_entities == 0)
        return 0;
    const br_entity **list = g_new0(const br_entity *, spec->n_entities);
    size_t n = 0;
    for (size_t i = 0; i < spec->n_entities; i++) {
        const br_entity *e = br_set_lookup_entity(c->set, spec->entities[i]);
        if (e)
            list[n++] = e;
        else
            br_chart_problem(c, spec, "entities", BR_SEV_WARNING, "no entity with id \"%s\" in the set",
                             spec->entities[i]);
    }
    *out = list;
    return n;
}

void br_series_keep(const br_chart_ctx *c, const br_chart_spec *spec, br_series *s)
{
    if (spec->n_entities == 0)
        return;
    bool *want = g_new0(bool, c->set->n_entities + 1);
    const br_entity **listed;
    size_t n_listed = br_listed_entities(c, spec, &listed);
    for (size_t i = 0; i < n_listed; i++)
        want[listed[i]->index] = true;
    g_free(listed);
    size_t k = 0;
    for (size_t i = 0; i < s->n_points; i++)
        if (want[s->points[i].entity->index])
            s->points[k++] = s->points[i];
    s->n_points = k;
    s->mixed_periods = false;
    for (size_t i = 1; i < k; i++)
        if (strcmp(s->points[i].obs->period, s->points[0].obs->period) != 0)
            s->mixed_periods = true;
    g_free(want);
}

size_t br_set_topics(const br_set *set, const char **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n_topics && n < cap; i++)
        out[n++] = set->topics[i].slug;
    for (size_t i = 0; i < set->n_indicators && n < cap; i++) {
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(out[k], set->indicators[i].topic) == 0;
        if (!seen)
            out[n++] = set->indicators[i].topic;
    }
    return n;
}
