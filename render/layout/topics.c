/* topics: the "topics" block: one section per topic of the set, each
 * indicator drawn with the chart its data call for.
 *
 * Design note.  A layout describes structure; the set decides what is in
 * it.  For each topic (the block's list, else the set's `topics` in their
 * order, then every other topic in the order its indicators first name it)
 * the block makes a heading with the topic's name and then, per
 * indicator with data, in file order:
 *
 *   - parts of one whole (income brackets): one stacked chart of all the
 *     parts, a 100 % bar per entity, with one legend;
 *   - nothing compared has data (a world series, a national figure): a
 *     line chart when there are two periods or more, else a part against
 *     the rest for a percentage, bars of what there is otherwise;
 *     several such indicators of one entity and unit share one line chart
 *     (unemployment by industry), six lines at most each;
 *   - few compared entities (up to six) with long series (five periods or
 *     more for most of them): a line chart of them all;
 *   - else the cross-section of the latest values, ranked: share bars for
 *     percentages (0 to 100 %) when the largest is at least SHARE_AXIS_MIN
 *     (smaller rates, such as unemployment, would be slivers on that axis),
 *     bars otherwise (diverging when values are negative), the top N,
 *     then, when most compared entities have long series, a line chart of
 *     the top five and the reference;
 *   - the first indicator of a topic that covers at least half of the
 *     tiles also gets a tile map, when the set has tiles.
 *
 * The heading is followed by the topic's description, when the set gives
 * one and the document is in the set's language.  A topic whose
 * indicators have no data makes nothing, so no heading stands over an
 * empty section.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/select.h"
#include "i18n/lang.h"
#include "layout/layout_private.h"

#define LONG_SERIES 5   /* periods that make a time series */
#define FEW_ENTITIES 6  /* lines one chart can tell apart */
#define DEFAULT_TOP 15  /* entities in ranked charts */
#define SHARE_AXIS_MIN 20 /* percent: the largest value that earns a 0..100 axis */

/* What an indicator's data look like. */
typedef struct {
    size_t compared;      /* compared entities with data */
    size_t any;           /* entities with data */
    size_t long_compared; /* compared entities with LONG_SERIES periods or more */
    size_t max_periods;   /* periods of the entity with most */
    const br_entity *only; /* the one entity with data, when there is one */
    bool percent_range;   /* a percent unit with every value in 0..100 */
    double max_value;     /* the largest value */
    size_t tiles_covered; /* entities with a tile and data */
} shape;

static shape shape_of(const br_set *set, const br_indicator *ind)
{
    shape s = {0};
    size_t *periods = g_new0(size_t, set->n_entities + 1);
    s.percent_range = br_unit_is_percent(ind->unit);
    s.max_value = -INFINITY;
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        periods[o->entity->index]++;
        s.max_value = fmax(s.max_value, o->value);
        if (o->value < 0 || o->value > 100)
            s.percent_range = false;
    }
    for (size_t e = 0; e < set->n_entities; e++) {
        if (!periods[e])
            continue;
        const br_entity *en = &set->entities[e];
        s.any++;
        s.only = s.any == 1 ? en : NULL;
        s.max_periods = MAX(s.max_periods, periods[e]);
        if (en->compared) {
            s.compared++;
            s.long_compared += periods[e] >= LONG_SERIES;
        }
        s.tiles_covered += en->has_tile;
    }
    g_free(periods);
    return s;
}

static size_t tiles_in_set(const br_set *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n_entities; i++)
        n += set->entities[i].has_tile;
    return n;
}

/* A chart block of kind for one indicator. */
static block chart_block(const br_chart_ctx *c, const block *from, br_chart_kind kind, const br_indicator *ind,
                         int top)
{
    block b = {0};
    b.type = B_CHART;
    br_chart_spec_init(&b.chart);
    b.chart.kind = kind;
    b.chart.indicator = ind ? ind->id : NULL;
    b.chart.top = top;
    b.chart.file = from->chart.file;
    b.chart.line = from->chart.line;
    b.chart.col = from->chart.col;
    b.path = from->path;
    b.expanded = true;
    b.chart.path = from->path;
    /* A profile's charts highlight its entity. */
    if (c->focus && kind != BR_CHART_TABLE)
        b.chart.focus = c->focus->id;
    return b;
}

/* A list of ids that lives until the render ends. */
static const char *const *keep_ids(GPtrArray *keep, const br_indicator *const *inds, size_t n)
{
    const char **ids = g_new0(const char *, n + 1);
    for (size_t i = 0; i < n; i++)
        ids[i] = inds[i]->id;
    g_ptr_array_add(keep, ids);
    return ids;
}

/* The topics to show, in order: the block's, else the set's `topics`
 * entries, then the rest in the order indicators name them. */
static size_t topic_order(const br_set *set, const block *b, const char **out, size_t cap)
{
    if (b->n_topics) {
        size_t n = MIN(b->n_topics, cap);
        for (size_t i = 0; i < n; i++)
            out[i] = b->topics[i];
        return n;
    }
    return br_set_topics(set, out, cap);
}

/* Adds the charts of one topic; returns how many. */
static size_t topic_charts(const br_chart_ctx *c, const block *b, const char *topic, GArray *out, GPtrArray *keep)
{
    const br_set *set = c->set;
    int top = b->top > 0 ? b->top : DEFAULT_TOP;
    size_t made = 0, n_tiles = tiles_in_set(set);
    bool tilemap_done = n_tiles == 0;
    const br_whole **wholes_done = g_new0(const br_whole *, set->n_wholes + 1);
    size_t n_wholes_done = 0;
    bool *grouped = g_new0(bool, set->n_indicators + 1); /* drawn with others already */
    for (size_t i = 0; i < set->n_indicators; i++) {
        const br_indicator *ind = &set->indicators[i];
        if (strcmp(ind->topic, topic) != 0 || grouped[i] || ind->n_observations == 0)
            continue;
        if (b->per_topic > 0 && made >= (size_t)b->per_topic)
            break;
        shape s = shape_of(set, ind);
        /* Parts of a whole: one chart of them all. */
        if (ind->part_of && ind->part_of->n_parts >= 2) {
            bool done = false;
            for (size_t k = 0; k < n_wholes_done && !done; k++)
                done = wholes_done[k] == ind->part_of;
            if (!done) {
                wholes_done[n_wholes_done++] = ind->part_of;
                const br_indicator *parts[BR_CHART_MAX_LIST];
                size_t n = 0;
                for (size_t k = 0; k < ind->part_of->n_parts && n < BR_CHART_MAX_LIST; k++)
                    if (!strcmp(ind->part_of->parts[k]->topic, topic))
                        parts[n++] = ind->part_of->parts[k];
                block bl = chart_block(c, b, BR_CHART_STACKED, NULL, MIN(top, 36));
                bl.chart.indicators = keep_ids(keep, parts, n);
                bl.chart.n_indicators = n;
                g_array_append_val(out, bl);
                made++;
            }
            continue;
        }
        if (s.compared == 0) {
            /* The world, the nation: its series; several of one entity and
             * unit in one chart. */
            if (s.max_periods >= 2 && s.only) {
                const br_indicator *same[FEW_ENTITIES];
                size_t n = 0;
                for (size_t k = i; k < set->n_indicators && n < FEW_ENTITIES; k++) {
                    const br_indicator *o = &set->indicators[k];
                    if (grouped[k] || strcmp(o->topic, topic) != 0 || strcmp(o->unit, ind->unit) != 0 ||
                        o->part_of)
                        continue;
                    shape so = shape_of(set, o);
                    if (so.compared == 0 && so.only == s.only && so.max_periods >= 2) {
                        same[n++] = o;
                        grouped[k] = true;
                    }
                }
                block bl = chart_block(c, b, BR_CHART_LINE, n == 1 ? ind : NULL, 0);
                if (n > 1) {
                    bl.chart.indicators = keep_ids(keep, same, n);
                    bl.chart.n_indicators = n;
                }
                g_array_append_val(out, bl);
            } else {
                /* One period: a share of a whole (China's share of AI
                 * patents) is a part against the rest; else bars. */
                br_chart_kind k = s.max_periods >= 2 ? BR_CHART_LINE
                                  : s.percent_range   ? BR_CHART_PARTS
                                                      : BR_CHART_BARS;
                block bl = chart_block(c, b, k, ind, 0);
                g_array_append_val(out, bl);
            }
            made++;
            continue;
        }
        bool long_series = s.long_compared * 2 > s.compared;
        if (s.compared <= FEW_ENTITIES && long_series) {
            block bl = chart_block(c, b, BR_CHART_LINE, ind, (int)MIN(s.compared + (set->reference ? 1 : 0), 6));
            g_array_append_val(out, bl);
            made++;
        } else {
            bool share = s.percent_range && s.max_value >= SHARE_AXIS_MIN;
            block bl = chart_block(c, b, share ? BR_CHART_SHARE : BR_CHART_BARS, ind, top);
            g_array_append_val(out, bl);
            made++;
            if (long_series && (b->per_topic == 0 || made < (size_t)b->per_topic)) {
                block ln = chart_block(c, b, BR_CHART_LINE, ind, 5);
                g_array_append_val(out, ln);
                made++;
            }
        }
        if (!tilemap_done && s.tiles_covered * 2 >= n_tiles && (b->per_topic == 0 || made < (size_t)b->per_topic)) {
            block tm = chart_block(c, b, BR_CHART_TILEMAP, ind, 0);
            g_array_append_val(out, tm);
            tilemap_done = true;
            made++;
        }
    }
    g_free(grouped);
    g_free(wholes_done);
    return made;
}

void br_topics_expand(const br_chart_ctx *c, const block *b, GArray *out, GPtrArray *keep)
{
    const char *topics[256];
    size_t n = topic_order(c->set, b, topics, G_N_ELEMENTS(topics));
    size_t shown = 0;
    for (size_t t = 0; t < n && (b->max_topics == 0 || shown < (size_t)b->max_topics); t++) {
        guint heading_at = out->len;
        block h = {0};
        h.type = B_HEADING;
        h.level = b->level;
        h.path = b->path;
        h.expanded = true;
        h.chart.file = b->chart.file;
        h.chart.line = b->chart.line;
        h.chart.col = b->chart.col;
        lang_text *text = g_new0(lang_text, 1);
        text->lang = "";
        text->text = g_strdup(br_topic_label(c, topics[t]));
        g_ptr_array_add(keep, (gpointer)text->text);
        g_ptr_array_add(keep, text);
        h.texts = text;
        h.n_texts = 1;
        g_array_append_val(out, h);
        /* The topic's description, in the set's language only (a foreign
         * document would otherwise mix languages). */
        const br_topic *tp = br_set_lookup_topic(c->set, topics[t]);
        if (tp && tp->description && br_lang_equal(c->lang, c->set->language)) {
            block d = {0};
            d.type = B_TEXT;
            d.expanded = true;
            d.path = b->path;
            d.chart.file = b->chart.file;
            d.chart.line = b->chart.line;
            d.chart.col = b->chart.col;
            lang_text *dt = g_new0(lang_text, 1);
            dt->lang = "";
            dt->text = tp->description;
            g_ptr_array_add(keep, dt);
            d.texts = dt;
            d.n_texts = 1;
            d.markup = false;
            g_array_append_val(out, d);
        }
        if (topic_charts(c, b, topics[t], out, keep) == 0)
            g_array_set_size(out, heading_at); /* no heading over nothing */
        else
            shown++;
    }
}
