/* barset: see barset.h. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/barset.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/frame.h"
#include "charts/label.h"
#include "charts/legend.h"
#include "charts/paint.h"
#include "charts/select.h"




/* ---- data ----------------------------------------------------------- */

/* The observation of ind for entity e in exactly period, or NULL. */
static const br_observation *find_obs(const br_indicator *ind, const br_entity *e, const char *period)
{
    for (size_t i = 0; i < ind->n_observations; i++)
        if (ind->observations[i].entity == e && strcmp(ind->observations[i].period, period) == 0)
            return &ind->observations[i];
    return NULL;
}

/* The indicators of the block: its list (those that exist, in the unit of
 * the first), its indicator, or the topic's in the unit of the first. */
size_t br_barset_indicators(const br_chart_ctx *c, const br_chart_spec *spec, bool percent_only,
                            const br_indicator **out, size_t cap)
{
    size_t offered;
    const br_indicator *mismatch;
    return br_barset_indicators_ex(c, spec, percent_only, out, cap, &offered, &mismatch);
}

size_t br_barset_indicators_ex(const br_chart_ctx *c, const br_chart_spec *spec, bool percent_only,
                               const br_indicator **out, size_t cap, size_t *offered, const br_indicator **mismatch)
{
    const br_set *set = c->set;
    size_t n = 0;
    *offered = 0;
    *mismatch = NULL;
    const char *unit = percent_only ? "percent" : spec->unit;
    if (spec->n_indicators > 0) {
        for (size_t i = 0; i < spec->n_indicators; i++) {
            const br_indicator *ind = br_set_lookup_indicator(set, spec->indicators[i]);
            if (!ind)
                continue;
            (*offered)++;
            if (unit && strcmp(ind->unit, unit) != 0) {
                if (!*mismatch)
                    *mismatch = ind;
                continue;
            }
            if (!unit && !percent_only)
                unit = ind->unit;
            if (n < cap)
                out[n++] = ind;
        }
    } else if (spec->indicator) {
        const br_indicator *ind = br_set_lookup_indicator(set, spec->indicator);
        if (ind && (!percent_only || strcmp(ind->unit, "percent") == 0))
            out[n++] = ind;
        *offered = n;
    } else if (spec->topic) {
        for (size_t i = 0; i < set->n_indicators; i++) {
            const br_indicator *ind = &set->indicators[i];
            if (strcmp(ind->topic, spec->topic) != 0)
                continue;
            (*offered)++;
            if (unit && strcmp(ind->unit, unit) != 0)
                continue;
            if (!unit)
                unit = ind->unit;
            if (n < cap)
                out[n++] = ind;
        }
    }
    return n;
}

/* "A, B and C" in the language rendered. */
char *br_barset_join_names(br_barset *m, const br_indicator *const *inds, size_t n)
{
    br_chart_ctx *c = m->c;
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            g_string_append(s, i + 1 == n ? c->str->and_ : c->str->comma);
        g_string_append(s, br_indicator_label(c, inds[i]));
    }
    return g_string_free(s, FALSE);
}

static gint period_desc(gconstpointer a, gconstpointer b)
{
    const br_observation *x = *(const br_observation *const *)a, *y = *(const br_observation *const *)b;
    return x->period_end < y->period_end ? 1 : x->period_end > y->period_end ? -1 : strcmp(x->period, y->period);
}

/* Period mode: up to three latest periods of ind reported by regions (or
 * by anyone when no region reports), oldest first.  Returns the count. */
static size_t latest_periods(const br_indicator *ind, const char **out)
{
    GPtrArray *seen = g_ptr_array_new();
    for (int pass = 0; pass < 2 && seen->len == 0; pass++) {
        for (size_t i = 0; i < ind->n_observations; i++) {
            const br_observation *o = &ind->observations[i];
            if (pass == 0 && !br_entity_is_compared(o->entity))
                continue;
            bool dup = false;
            for (guint k = 0; k < seen->len && !dup; k++)
                dup = strcmp(((const br_observation *)g_ptr_array_index(seen, k))->period, o->period) == 0;
            if (!dup)
                g_ptr_array_add(seen, (gpointer)o);
        }
    }
    g_ptr_array_sort(seen, period_desc);
    size_t n = MIN(seen->len, 3);
    for (size_t i = 0; i < n; i++)
        out[n - 1 - i] = ((const br_observation *)g_ptr_array_index(seen, i))->period;
    g_ptr_array_free(seen, TRUE);
    return n;
}

void br_barset_free(br_barset *m)
{
    for (size_t i = 0; i < m->n_ser; i++)
        g_free(m->ser[i].by_entity);
    if (m->owned)
        g_ptr_array_free(m->owned, TRUE);
    g_free(m->ents);
    g_free(m->obs);
    br_chart_notes_free(m->notes);
}

/* Series colours: Okabe-Ito by indicator, with the theme's patterns; Blues
 * from light (oldest) to dark (latest) by period. */
static void colour_series(br_barset *m)
{
    for (size_t i = 0; i < m->n_ser; i++) {
        if (m->by_period) {
            m->ser[i].color = m->c->theme.period_ramp[m->n_ser - 1][i];
            m->ser[i].hatch = -1;
        } else {
            m->ser[i].color = m->c->theme.categories[i % 7];
            m->ser[i].hatch = br_chart_hatch_for(m->c, (int)i);
        }
    }
}

/* Stacked parts of one whole: the parts not among the series become one
 * more series, "other", so that each bar still adds up to the whole (an
 * income distribution cut after eight brackets would otherwise end short
 * of 100 % with nothing to say so).  Per entity, the rest is summed at the
 * period of its latest shown part; a rest part without a figure there
 * makes the sum a lower bound, so the total shows ">". */
static void add_rest(br_barset *m)
{
    const br_set *set = m->c->set;
    const br_whole *w = m->ser[0].ind->part_of;
    if (!w || m->by_period || m->n_ser == 0)
        return;
    for (size_t i = 1; i < m->n_ser; i++)
        if (m->ser[i].ind->part_of != w)
            return;
    const br_indicator *rest[256];
    size_t n_rest = 0;
    for (size_t k = 0; k < w->n_parts && n_rest < G_N_ELEMENTS(rest); k++) {
        bool shown = false;
        for (size_t i = 0; i < m->n_ser && !shown; i++)
            shown = m->ser[i].ind == w->parts[k];
        if (!shown)
            rest[n_rest++] = w->parts[k];
    }
    if (n_rest == 0)
        return;
    size_t n_ent = set->n_entities ? set->n_entities : 1;
    br_observation *sums = g_new0(br_observation, n_ent);
    size_t *found = g_new0(size_t, n_ent);
    g_ptr_array_add(m->owned, sums);
    for (size_t e = 0; e < set->n_entities; e++) {
        const br_observation *latest = NULL;
        for (size_t i = 0; i < m->n_ser; i++) {
            const br_observation *o = m->ser[i].by_entity[e];
            if (o && (!latest || o->period_end > latest->period_end))
                latest = o;
        }
        if (latest)
            sums[e] = (br_observation){.entity = latest->entity, .period = latest->period,
                                       .period_end = latest->period_end};
    }
    for (size_t r = 0; r < n_rest; r++) {
        for (size_t k = 0; k < rest[r]->n_observations; k++) {
            const br_observation *o = &rest[r]->observations[k];
            br_observation *sum = &sums[o->entity->index];
            if (sum->period && strcmp(o->period, sum->period) == 0) {
                sum->value += o->value;
                found[o->entity->index]++;
                if (o->qualifier != BR_QUALIFIER_NONE)
                    sum->qualifier = BR_QUALIFIER_ABOUT;
            }
        }
    }
    br_barset_series *rs = &m->ser[m->n_ser];
    *rs = (br_barset_series){.ind = m->ser[0].ind, .period = m->ser[0].period, .name = m->c->str->other,
                             .color = m->c->theme.other, .hatch = -1, .rest = true};
    rs->by_entity = g_new0(const br_observation *, n_ent);
    bool any = false;
    for (size_t e = 0; e < set->n_entities; e++) {
        if (!found[e])
            continue;
        if (found[e] < n_rest)
            sums[e].qualifier = BR_QUALIFIER_OVER;
        rs->by_entity[e] = &sums[e];
        any = true;
    }
    g_free(found);
    if (any)
        m->n_ser++;
    else
        g_free(rs->by_entity);
}

typedef struct {
    const br_entity *e;
    double key;
    bool has_key;
    const char *period; /* stacked: the entity's period */
} cand;

static gint by_key(gconstpointer a, gconstpointer b, gpointer data)
{
    const cand *x = a, *y = b;
    bool higher = *(const bool *)data;
    if (x->has_key != y->has_key)
        return x->has_key ? -1 : 1;
    if (x->has_key && x->key != y->key)
        return (higher ? x->key < y->key : x->key > y->key) ? 1 : -1;
    return x->e->index < y->e->index ? -1 : x->e->index > y->e->index;
}

typedef struct {
    const br_chart_ctx *c;
    bool by_name; /* else the set's order */
} sort_by;

static gint by_sort(gconstpointer a, gconstpointer b, gpointer data)
{
    const cand *x = a, *y = b;
    const sort_by *sb = data;
    if (sb->by_name) {
        char *nx = br_entity_sort_key(sb->c, x->e), *ny = br_entity_sort_key(sb->c, y->e);
        int d = strcmp(nx, ny);
        g_free(nx);
        g_free(ny);
        if (d)
            return d;
    }
    return x->e->index < y->e->index ? -1 : x->e->index > y->e->index;
}

/* Chooses series, entities and observations for grouped or stacked bars.
 * Returns false when there is nothing to show. */
bool br_barset_select(br_barset *m, bool stacked)
{
    br_chart_ctx *c = m->c;
    const br_set *set = c->set;
    const br_chart_spec *spec = m->spec;
    const br_indicator *inds[BR_BARSET_MAX_SERIES], *mismatch;
    size_t n_ind = br_barset_indicators_ex(c, spec, false, inds, BR_BARSET_MAX_SERIES, &m->n_offered, &mismatch);
    if (n_ind == 0)
        return false;
    /* A topic may hold national series next to regional ones: when some
     * indicators have regional data, keep only those, so that a single
     * regional indicator is grouped by its periods. */
    size_t regional = 0;
    for (size_t i = 0; i < n_ind; i++) {
        bool any = false;
        for (size_t k = 0; k < inds[i]->n_observations && !any; k++)
            any = br_entity_is_compared(inds[i]->observations[k].entity);
        if (any)
            inds[regional++] = inds[i];
    }
    if (regional > 0) {
        /* Those left out had no compared data: not "not shown". */
        m->n_offered -= MIN(m->n_offered, n_ind - regional);
        n_ind = regional;
    }
    else
        n_ind = br_barset_indicators(c, spec, false, inds, BR_BARSET_MAX_SERIES);
    m->owned = g_ptr_array_new_with_free_func(g_free);
    if (!stacked && n_ind == 1 && !spec->period) {
        const char *periods[3];
        size_t np = latest_periods(inds[0], periods);
        if (np >= 2) {
            m->by_period = true;
            for (size_t i = 0; i < np; i++) {
                char *name = br_period_label(c->loc, periods[i]);
                g_ptr_array_add(m->owned, name);
                m->ser[m->n_ser++] = (br_barset_series){.ind = inds[0], .period = periods[i], .name = name, .hatch = -1};
            }
        }
    }
    if (!m->by_period)
        for (size_t i = 0; i < n_ind; i++)
            m->ser[m->n_ser++] = (br_barset_series){.ind = inds[i], .period = spec->period, .name = br_indicator_label(c, inds[i]), .hatch = -1};
    for (size_t i = 0; i < m->n_ser; i++)
        m->ser[i].by_entity = br_chart_by_entity(set, m->ser[i].ind, m->ser[i].period);

    /* Candidates: regions with data (anyone with data when no region has). */
    cand *cands = g_new0(cand, set->n_entities ? set->n_entities : 1);
    size_t nc = 0;
    for (int pass = 0; pass < 2 && nc == 0; pass++) {
        m->regions = pass == 0;
        for (size_t e = 0; e < set->n_entities; e++) {
            const br_entity *ent = &set->entities[e];
            if (pass == 0 && !br_entity_is_compared(ent))
                continue;
            bool any = false;
            for (size_t i = 0; i < m->n_ser && !any; i++)
                any = m->ser[i].by_entity[e] != NULL;
            if (any)
                cands[nc++] = (cand){ent, 0, false, NULL};
        }
    }
    if (nc == 0) {
        g_free(cands);
        return false;
    }
    /* Drop series with no data at all among the candidates (a topic may
     * hold a national series next to regional ones). */
    size_t kept = 0;
    for (size_t i = 0; i < m->n_ser; i++) {
        bool any = false;
        for (size_t k = 0; k < nc && !any; k++)
            any = m->ser[i].by_entity[cands[k].e->index] != NULL;
        if (any)
            m->ser[kept++] = m->ser[i];
        else
            g_free(m->ser[i].by_entity);
    }
    m->n_ser = kept;
    if (m->n_ser < 2)
        m->by_period = false;
    colour_series(m);
    if (stacked)
        add_rest(m);
    /* Parts of one whole in percent: each bar is that whole, 100 %. */
    m->whole = stacked && m->n_ser >= 2 && m->ser[0].ind->part_of && br_unit_is_percent(m->ser[0].ind->unit);
    for (size_t i = 1; m->whole && i < m->n_ser; i++)
        m->whole = m->ser[i].ind->part_of == m->ser[0].ind->part_of;
    /* Only the entities the block lists, when it lists some. */
    if (spec->n_entities > 0) {
        const br_entity **listed;
        size_t n_listed = br_listed_entities(c, spec, &listed), kept = 0;
        for (size_t k = 0; k < nc; k++) {
            bool in = false;
            for (size_t i = 0; i < n_listed && !in; i++)
                in = listed[i] == cands[k].e;
            if (in)
                cands[kept++] = cands[k];
        }
        g_free(listed);
        nc = kept;
        if (nc == 0) {
            g_free(cands);
            return false;
        }
    }

    /* Ranking keys. */
    size_t rank_ser = m->by_period ? m->n_ser - 1 : 0;
    for (size_t k = 0; k < nc; k++) {
        size_t e = cands[k].e->index;
        if (stacked) {
            /* The entity's period: spec->period, else its latest among parts. */
            const br_observation *latest = NULL;
            for (size_t i = 0; i < m->n_ser; i++) {
                const br_observation *o = m->ser[i].by_entity[e];
                if (o && (!latest || o->period_end > latest->period_end))
                    latest = o;
            }
            cands[k].period = latest->period;
            double total = 0;
            for (size_t i = 0; i < m->n_ser; i++) {
                const br_observation *o = m->ser[i].by_entity[e];
                if (o && strcmp(o->period, latest->period) != 0)
                    o = m->ser[i].rest ? NULL : find_obs(m->ser[i].ind, cands[k].e, latest->period);
                total += o ? o->value : 0;
            }
            /* 100 % bars all total 100: they rank by their first part. */
            const br_observation *p0 = m->ser[0].by_entity[e];
            if (p0 && strcmp(p0->period, latest->period) != 0)
                p0 = find_obs(m->ser[0].ind, cands[k].e, latest->period);
            cands[k].key = m->whole ? (p0 ? p0->value : 0) : total;
            cands[k].has_key = true;
        } else {
            const br_observation *o = m->ser[rank_ser].by_entity[e];
            cands[k].key = o ? o->value : 0;
            cands[k].has_key = o != NULL;
        }
    }
    /* Totals rank like their first part (best: the highest unless lower
     * is better). */
    bool higher = br_select_descending(m->ser[rank_ser].ind, spec->select);
    g_qsort_with_data(cands, (gint)nc, sizeof(cand), by_key, &higher);
    size_t top = spec->top > 0 ? (size_t)spec->top : stacked ? 15 : 10;
    /* A chart must fit a page (about 600 pt of plot). */
    size_t fit = stacked ? 36 : (size_t)fmax(3, 560 / ((double)m->n_ser * PITCH + GROUP_GAP));
    m->n_candidates = nc;
    m->n_ent = MIN(MIN(top, fit), nc);
    if (spec->top > 0 && (size_t)spec->top > fit && nc > fit)
        br_chart_problem(c, spec, "top", BR_SEV_WARNING,
                         "top %d: with %zu bars each, only %zu entities fit on a page; the top %zu are shown",
                         spec->top, m->n_ser, fit, fit);
    /* A focus cut from the top N takes the last place shown. */
    const br_entity *focus = spec->focus ? br_set_lookup_entity(set, spec->focus) : NULL;
    for (size_t k = m->n_ent; focus && m->n_ent > 0 && k < nc; k++) {
        if (cands[k].e == focus) {
            cand tmp = cands[m->n_ent - 1];
            cands[m->n_ent - 1] = cands[k];
            cands[k] = tmp;
            break;
        }
    }
    /* The entities kept, in the order sort asks for (by value unless it
     * asks for name or file order). */
    if (spec->sort == BR_SORT_NAME || spec->sort == BR_SORT_FILE) {
        sort_by sb = {c, spec->sort == BR_SORT_NAME};
        g_qsort_with_data(cands, (gint)m->n_ent, sizeof(cand), by_sort, &sb);
    }
    m->ents = g_new0(const br_entity *, m->n_ent);
    m->obs = g_new0(const br_observation *, m->n_ent * m->n_ser);
    m->notes = br_chart_notes_new();
    const char *first_period = NULL;
    for (size_t k = 0; k < m->n_ent; k++) {
        m->ents[k] = cands[k].e;
        for (size_t i = 0; i < m->n_ser; i++) {
            const br_observation *o = m->ser[i].by_entity[cands[k].e->index];
            if (stacked && o && strcmp(o->period, cands[k].period) != 0)
                o = m->ser[i].rest ? NULL : find_obs(m->ser[i].ind, cands[k].e, cands[k].period);
            m->obs[k * m->n_ser + i] = o;
            if (!o)
                continue;
            if (!first_period)
                first_period = o->period;
            else if (strcmp(first_period, o->period) != 0)
                m->mixed = true;
        }
    }
    m->period = first_period;
    if (m->by_period)
        m->mixed = false; /* the legend names the periods */
    g_free(cands);
    return true;
}

/* ---- drawing helpers ------------------------------------------------ */

double br_barset_header(br_barset *m, br_device *dev, const char *title, double x, double y, double width)
{
    br_chart_ctx *c = m->c;
    GString *t = g_string_new(title);
    if (m->n_candidates > m->n_ent) {
        char buf[96];
        br_count_phrase(c, c->str->top_of, m->n_ent, m->n_candidates, buf, sizeof buf);
        /* zh's phrase holds full-width parentheses already. */
        if (c->loc->id == BR_LANG_ZH)
            g_string_append_printf(t, "%s%s", c->str->comma, buf);
        else
            g_string_append_printf(t, " (%s)", buf);
    }
    GString *sub = g_string_new(NULL);
    char *unit = br_unit_label(c, m->ser[0].ind);
    if (*unit && strcmp(unit, "%") != 0)
        g_string_append(sub, unit);
    g_free(unit);
    /* Not every indicator of the block (or part of the whole) has a
     * series of its own: say so ("8 of 19 indicators"; the legend's
     * "other" holds the rest of a whole). */
    bool rest = m->n_ser > 0 && m->ser[m->n_ser - 1].rest;
    size_t own = m->n_ser - rest, offered = rest ? MAX(m->n_offered, m->ser[0].ind->part_of->n_parts) : m->n_offered;
    if (!m->by_period && offered > own) {
        char buf[96];
        br_count_phrase(c, c->str->more_indicators_shown, own, offered, buf, sizeof buf);
        g_string_append(sub, sub->len ? c->str->comma : "");
        g_string_append(sub, buf);
    }
    if (!m->by_period) {
        if (m->mixed) {
            g_string_append(sub, sub->len ? c->str->comma : "");
            g_string_append(sub, c->str->mixed_periods);
        } else if (m->period) {
            char *p = br_period_label(c->loc, m->period);
            g_string_append(sub, sub->len ? c->str->comma : "");
            g_string_append(sub, p);
            g_free(p);
        }
    }
    size_t total = 0;
    for (size_t i = 0; i < c->set->n_entities; i++)
        total += br_entity_is_compared(&c->set->entities[i]);
    if (m->regions && m->n_candidates < total) {
        char buf[96];
        br_count_phrase(c, c->str->regions_reported[c->set->noun], m->n_candidates, total, buf, sizeof buf);
        g_string_append(sub, sub->len ? " · " : "");
        g_string_append(sub, buf);
    }
    double h = br_chart_header(c, dev, t->str, sub->str, x, y, width);
    g_string_free(t, TRUE);
    g_string_free(sub, TRUE);
    if (m->n_ser >= 2) {
        br_legend_item items[BR_BARSET_MAX_SERIES + 1];
        for (size_t i = 0; i < m->n_ser; i++)
            items[i] = (br_legend_item){m->ser[i].name, m->ser[i].color, m->ser[i].hatch, BR_SWATCH_FILL, false};
        h += br_chart_legend(c, dev, items, m->n_ser, x, y + h, width);
    }
    return h;
}

/* A value label: number, note marker, and the period when periods differ. */
char *br_barset_value_text(br_barset *m, const br_observation *o, const br_indicator *ind, bool with_period)
{
    br_chart_ctx *c = m->c;
    char num[BR_NUM_BUF];
    br_value_text(c, ind, o->value, o->qualifier, num);
    const char *marker = br_chart_notes_add(m->notes, o);
    if (!with_period)
        return g_strdup_printf("%s%s", num, marker);
    char *p = br_period_label(c->loc, o->period);
    char *s = g_strdup_printf("%s%s (%s)", num, marker, p);
    g_free(p);
    return s;
}

/* Tick labels above the plot and gridlines down to plot_bottom; returns
 * the height of the tick labels. */
double br_barset_value_axis(br_barset *m, br_device *dev, const br_scale *sc, double y, double right, double plot_bottom)
{
    br_chart_ctx *c = m->c;
    const br_theme *t = &c->theme;
    const double tick_h = 11;
    double last_right = -INFINITY;
    for (int k = 0; k < sc->n_ticks; k++) {
        double tx = br_scale_map(sc, sc->ticks[k]);
        char tl[BR_NUM_BUF];
        br_tick_text(c, m->ser[0].ind, sc, k, true, tl);
        double tw = br_chart_text_width(c, tl, t->label_size, false);
        double lx = fmin(tx - tw / 2, right - tw);
        if (lx < last_right + 4)
            continue;
        last_right = lx + tw;
        br_chart_label(c, dev, tl, lx, y + tick_h / 2 - 1, 0, BR_ALIGN_LEFT, t->axis);
    }
    br_stroke grid = br_stroke_solid(0.5);
    for (int k = 0; k < sc->n_ticks; k++) {
        double tx = br_scale_map(sc, sc->ticks[k]);
        br_dev_line(dev, tx, y + tick_h, tx, plot_bottom, &grid, t->grid);
    }
    return tick_h;
}

void br_barset_zero_line(br_barset *m, br_device *dev, const br_scale *sc, double top, double bottom)
{
    br_stroke axis = br_stroke_solid(0.75);
    double zx = br_scale_map(sc, 0);
    br_dev_line(dev, zx, top - 2, zx, bottom, &axis, m->c->theme.axis);
}

/* A label for the entity of a band [top, top + h]: right-aligned in the
 * label column, on as many lines as the band holds (at most two). */
void br_barset_entity_label(br_barset *m, br_device *dev, const br_entity *e, double x, double top, double h,
                         double label_w)
{
    br_chart_ctx *c = m->c;
    const br_theme *t = &c->theme;
    int max_lines = h >= 2 * LINE ? 2 : 1;
    char *name = br_chart_fit(c, br_entity_label(c, e), label_w, max_lines);
    br_text_style st = {t->family, t->label_size, false, false, t->axis, LINE, BR_ALIGN_RIGHT, 0};
    br_text *tx = NULL;
    if (br_text_new(c->fonts, name, false, &st, label_w + 0.02, c->diag, &tx) == BR_OK) {
        br_text_draw(tx, dev, x, top + (h - br_text_height(tx)) / 2);
        br_text_free(tx);
    }
    g_free(name);
}

double br_barset_label_column(br_barset *m, double width)
{
    double w = 0;
    for (size_t k = 0; k < m->n_ent; k++)
        w = fmax(w, br_chart_text_width(m->c, br_entity_label(m->c, m->ents[k]), m->c->theme.label_size, false));
    return fmin(w, width * 0.3);
}

/* The widest plot [px0, px1] whose labels past the bar ends (ends[i] in
 * value units, widths w[i]) all end inside right. */
br_scale br_barset_fit_scale(double vmin, double vmax, const double *ends, const double *w, size_t n, double px0,
                          double right)
{
    double max_w = 0;
    for (size_t i = 0; i < n; i++)
        max_w = fmax(max_w, w[i]);
    double px1_min = fmax(right - max_w - PAD - 1, px0 + 40);
    for (double cand = right; cand > px1_min; cand -= 1) {
        br_scale sc = br_chart_nice_scale(vmin, vmax, px0, cand, 35);
        bool ok = true;
        for (size_t i = 0; i < n && ok; i++)
            ok = br_scale_map(&sc, ends[i]) + PAD + w[i] <= right;
        if (ok)
            return sc;
    }
    return br_chart_nice_scale(vmin, vmax, px0, px1_min, 35);
}





double br_barset_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width,
                      bool is_stacked, br_barset_plot plot)
{
    {
        const br_indicator *inds[BR_BARSET_MAX_SERIES], *mismatch;
        size_t offered;
        size_t n = br_barset_indicators_ex(c, spec, false, inds, BR_BARSET_MAX_SERIES, &offered, &mismatch);
        if (mismatch && n > 0)
            br_chart_problem(c, spec, "indicators", BR_SEV_ERROR,
                             "\"%s\" is in %s, \"%s\" in %s; a %s chart shows one unit (make a chart "
                             "per unit)",
                             inds[0]->id, inds[0]->unit, mismatch->id, mismatch->unit,
                             is_stacked ? "stacked" : "grouped");
    }
    br_barset m = {.c = c, .spec = spec};
    if (!br_barset_select(&m, is_stacked) || m.n_ser == 0) {
        const br_indicator *inds[BR_BARSET_MAX_SERIES];
        size_t n = br_barset_indicators(c, spec, false, inds, BR_BARSET_MAX_SERIES);
        const char *title = spec->title ? spec->title
                            : n > 0     ? br_indicator_label(c, inds[0])
                            : spec->topic ? spec->topic
                                          : "";
        br_barset_free(&m);
        return br_chart_no_data(c, dev, title, x, y, width);
    }
    char *joined = NULL;
    const char *title = spec->title;
    if (!title) {
        if (m.by_period || m.n_ser == 1) {
            title = br_indicator_label(c, m.ser[0].ind);
        } else {
            const br_indicator *inds[BR_BARSET_MAX_SERIES + 1];
            for (size_t i = 0; i < m.n_ser; i++)
                inds[i] = m.ser[i].ind;
            /* Up to three names make a title; more are the legend's job,
             * under the whole's or the topic's name (and a whole with its
             * rest is the whole). */
            if (m.n_ser > 3 || m.ser[m.n_ser - 1].rest)
                title = m.ser[0].ind->part_of ? br_whole_label(c, m.ser[0].ind->part_of) : br_topic_label(c, m.ser[0].ind->topic);
            else
                title = joined = br_barset_join_names(&m, inds, m.n_ser);
        }
    }
    double h = br_barset_header(&m, dev, title, x, y, width);
    g_free(joined);
    h += plot(&m, dev, x, y + h, width);
    h += 3;
    h += br_chart_notes_draw(c, m.notes, dev, x, y + h, width);
    br_barset_free(&m);
    return h;
}
