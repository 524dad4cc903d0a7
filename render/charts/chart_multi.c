/* chart_multi: grouped, stacked and 100 % bars.
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
 * A series colour past the third also gets hatching (chart_share.c).  The
 * plot is made as wide as the labels past the bar ends allow, as for
 * ranked bars, so no label leaves the chart.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/chart_common.h"
#include "charts/chart_share.h"
#include "charts/scale.h"

#define PITCH 10.0       /* grouped: one bar per series (7.5 pt labels need 10) */
#define GROUP_GAP 6.0    /* grouped: between entities */
#define STACK_BAND 16.0  /* stacked: row pitch */
#define STACK_BAR 11.0   /* stacked: bar height (inside labels fit) */
#define PARTS_BAR 14.0   /* 100 % bars */
#define PAD 3.0          /* label to bar end */
#define LABEL_GAP 6.0    /* category label to plot */
#define LINE 10.0        /* leading of label lines */
#define MAX_SERIES 8
#define MAX_PARTS 24

typedef struct {
    const br_indicator *ind;
    const char *period; /* exactly this period; NULL: each entity's latest */
    const char *name;   /* legend text (borrowed, or in names_owned) */
    br_color color;
    int hatch;
    const br_observation **by_entity; /* per set entity: latest (or the period's) observation */
} series;

typedef struct {
    br_chart_ctx *c;
    const br_chart_spec *spec;
    series ser[MAX_SERIES];
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
} multi;

/* ---- data ----------------------------------------------------------- */

static const br_observation **index_series(const br_set *set, const br_indicator *ind, const char *period)
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
static size_t block_indicators(const br_chart_ctx *c, const br_chart_spec *spec, bool percent_only,
                               const br_indicator **out, size_t cap)
{
    const br_set *set = c->set;
    size_t n = 0;
    const char *unit = percent_only ? "percent" : spec->unit;
    if (spec->n_indicators > 0) {
        for (size_t i = 0; i < spec->n_indicators && n < cap; i++) {
            const br_indicator *ind = br_set_lookup_indicator(set, spec->indicators[i]);
            if (!ind || (unit && strcmp(ind->unit, unit) != 0))
                continue;
            if (!unit && !percent_only)
                unit = ind->unit;
            out[n++] = ind;
        }
    } else if (spec->indicator) {
        const br_indicator *ind = br_set_lookup_indicator(set, spec->indicator);
        if (ind && (!percent_only || strcmp(ind->unit, "percent") == 0))
            out[n++] = ind;
    } else if (spec->topic) {
        for (size_t i = 0; i < set->n_indicators && n < cap; i++) {
            const br_indicator *ind = &set->indicators[i];
            if (strcmp(ind->topic, spec->topic) != 0 || (unit && strcmp(ind->unit, unit) != 0))
                continue;
            if (!unit)
                unit = ind->unit;
            out[n++] = ind;
        }
    }
    return n;
}

/* "A, B and C" in the language rendered. */
static char *join_names(multi *m, const br_indicator *const *inds, size_t n)
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
            if (pass == 0 && !br_entity_is_region(o->entity))
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

static void multi_free(multi *m)
{
    for (size_t i = 0; i < m->n_ser; i++)
        g_free(m->ser[i].by_entity);
    if (m->owned)
        g_ptr_array_free(m->owned, TRUE);
    g_free(m->ents);
    g_free(m->obs);
    br_chart_notes_free(m->notes);
}

/* Series colours: Okabe-Ito by indicator, hatched past the third; Blues
 * from light (oldest) to dark (latest) by period. */
static void colour_series(multi *m)
{
    static const uint32_t blues[3][3] = {{0x08519c}, {0x6baed6, 0x08519c}, {0x9ecae1, 0x4292c6, 0x08519c}};
    for (size_t i = 0; i < m->n_ser; i++) {
        if (m->by_period) {
            m->ser[i].color = br_rgb(blues[m->n_ser - 1][i]);
            m->ser[i].hatch = -1;
        } else {
            m->ser[i].color = m->c->theme.categories[i % 7];
            m->ser[i].hatch = br_chart_hatch_for((int)i);
        }
    }
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

/* Chooses series, entities and observations for grouped or stacked bars.
 * Returns false when there is nothing to show. */
static bool select_data(multi *m, bool stacked)
{
    br_chart_ctx *c = m->c;
    const br_set *set = c->set;
    const br_chart_spec *spec = m->spec;
    const br_indicator *inds[MAX_SERIES];
    size_t n_ind = block_indicators(c, spec, false, inds, MAX_SERIES);
    if (n_ind == 0)
        return false;
    /* A topic may hold national series next to regional ones: when some
     * indicators have regional data, keep only those, so that a single
     * regional indicator is grouped by its periods. */
    size_t regional = 0;
    for (size_t i = 0; i < n_ind; i++) {
        bool any = false;
        for (size_t k = 0; k < inds[i]->n_observations && !any; k++)
            any = br_entity_is_region(inds[i]->observations[k].entity);
        if (any)
            inds[regional++] = inds[i];
    }
    if (regional > 0)
        n_ind = regional;
    else
        n_ind = block_indicators(c, spec, false, inds, MAX_SERIES);
    m->owned = g_ptr_array_new_with_free_func(g_free);
    if (!stacked && n_ind == 1 && !spec->period) {
        const char *periods[3];
        size_t np = latest_periods(inds[0], periods);
        if (np >= 2) {
            m->by_period = true;
            for (size_t i = 0; i < np; i++) {
                char *name = br_period_label(c->loc, periods[i]);
                g_ptr_array_add(m->owned, name);
                m->ser[m->n_ser++] = (series){.ind = inds[0], .period = periods[i], .name = name, .hatch = -1};
            }
        }
    }
    if (!m->by_period)
        for (size_t i = 0; i < n_ind; i++)
            m->ser[m->n_ser++] = (series){.ind = inds[i], .period = spec->period, .name = br_indicator_label(c, inds[i]), .hatch = -1};
    for (size_t i = 0; i < m->n_ser; i++)
        m->ser[i].by_entity = index_series(set, m->ser[i].ind, m->ser[i].period);

    /* Candidates: regions with data (anyone with data when no region has). */
    cand *cands = g_new0(cand, set->n_entities ? set->n_entities : 1);
    size_t nc = 0;
    for (int pass = 0; pass < 2 && nc == 0; pass++) {
        m->regions = pass == 0;
        for (size_t e = 0; e < set->n_entities; e++) {
            const br_entity *ent = &set->entities[e];
            if (pass == 0 && !br_entity_is_region(ent))
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
                    o = find_obs(m->ser[i].ind, cands[k].e, latest->period);
                total += o ? o->value : 0;
            }
            cands[k].key = total;
            cands[k].has_key = true;
        } else {
            const br_observation *o = m->ser[rank_ser].by_entity[e];
            cands[k].key = o ? o->value : 0;
            cands[k].has_key = o != NULL;
        }
    }
    bool higher = stacked || m->ser[rank_ser].ind->higher_is_better;
    g_qsort_with_data(cands, (gint)nc, sizeof(cand), by_key, &higher);
    size_t top = spec->top > 0 ? (size_t)spec->top : stacked ? 15 : 10;
    /* A chart must fit a page (about 600 pt of plot). */
    size_t fit = stacked ? 36 : (size_t)fmax(3, 560 / ((double)m->n_ser * PITCH + GROUP_GAP));
    m->n_candidates = nc;
    m->n_ent = MIN(MIN(top, fit), nc);
    m->ents = g_new0(const br_entity *, m->n_ent);
    m->obs = g_new0(const br_observation *, m->n_ent * m->n_ser);
    m->notes = br_chart_notes_new();
    const char *first_period = NULL;
    for (size_t k = 0; k < m->n_ent; k++) {
        m->ents[k] = cands[k].e;
        for (size_t i = 0; i < m->n_ser; i++) {
            const br_observation *o = m->ser[i].by_entity[cands[k].e->index];
            if (stacked && o && strcmp(o->period, cands[k].period) != 0)
                o = find_obs(m->ser[i].ind, cands[k].e, cands[k].period);
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

static double header(multi *m, br_device *dev, const char *title, double x, double y, double width)
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
        total += br_entity_is_region(&c->set->entities[i]);
    if (m->regions && m->n_candidates < total) {
        char buf[96];
        br_count_phrase(c, c->str->regions_reported, m->n_candidates, total, buf, sizeof buf);
        g_string_append(sub, sub->len ? " · " : "");
        g_string_append(sub, buf);
    }
    double h = br_chart_header(c, dev, t->str, sub->str, x, y, width);
    g_string_free(t, TRUE);
    g_string_free(sub, TRUE);
    if (m->n_ser >= 2) {
        br_legend_item items[MAX_SERIES];
        for (size_t i = 0; i < m->n_ser; i++)
            items[i] = (br_legend_item){m->ser[i].name, m->ser[i].color, m->ser[i].hatch};
        h += br_chart_legend(c, dev, items, m->n_ser, x, y + h, width);
    }
    return h;
}

/* A value label: number, note marker, and the period when periods differ. */
static char *value_text(multi *m, const br_observation *o, const br_indicator *ind, bool with_period)
{
    br_chart_ctx *c = m->c;
    char num[BR_NUM_BUF];
    br_numfmt_value(&c->nf, o->value, ind->decimals, ind->unit, o->qualifier, num);
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
static double value_axis(multi *m, br_device *dev, const br_scale *sc, double y, double right, double plot_bottom)
{
    br_chart_ctx *c = m->c;
    const br_theme *t = &c->theme;
    const double tick_h = 11;
    double last_right = -INFINITY;
    for (int k = 0; k < sc->n_ticks; k++) {
        double tx = br_scale_map(sc, sc->ticks[k]);
        char tl[BR_NUM_BUF];
        if (strcmp(m->ser[0].ind->unit, "percent") == 0)
            br_numfmt_value(&c->nf, sc->ticks[k], 0, "percent", BR_QUALIFIER_NONE, tl);
        else
            br_numfmt_compact(&c->nf, sc->ticks[k], sc->step, fmax(fabs(sc->lo), fabs(sc->hi)), tl);
        double tw = br_chart_text_width(c, tl, t->label_size, false);
        double lx = fmin(tx - tw / 2, right - tw);
        if (lx < last_right + 4)
            continue;
        last_right = lx + tw;
        br_chart_label(c, dev, tl, lx, y + tick_h / 2 - 1, 0, BR_ALIGN_LEFT, t->axis);
    }
    if (dev) {
        br_stroke grid = br_stroke_solid(0.5);
        for (int k = 0; k < sc->n_ticks; k++) {
            double tx = br_scale_map(sc, sc->ticks[k]);
            br_dev_line(dev, tx, y + tick_h, tx, plot_bottom, &grid, t->grid);
        }
    }
    return tick_h;
}

static void zero_line(multi *m, br_device *dev, const br_scale *sc, double top, double bottom)
{
    if (!dev)
        return;
    br_stroke axis = br_stroke_solid(0.75);
    double zx = br_scale_map(sc, 0);
    br_dev_line(dev, zx, top - 2, zx, bottom, &axis, m->c->theme.axis);
}

/* A label for the entity of a band [top, top + h]: right-aligned in the
 * label column, on as many lines as the band holds (at most two). */
static void entity_label(multi *m, br_device *dev, const br_entity *e, double x, double top, double h,
                         double label_w)
{
    br_chart_ctx *c = m->c;
    const br_theme *t = &c->theme;
    int max_lines = h >= 2 * LINE ? 2 : 1;
    char *name = br_chart_fit(c, br_entity_label(c, e), label_w, max_lines);
    br_text_style st = {t->family, t->label_size, false, false, t->axis, LINE, BR_ALIGN_RIGHT, 0};
    br_text *tx = NULL;
    if (br_text_new(c->fonts, name, false, &st, label_w + 0.02, c->diag, &tx) == BR_OK) {
        if (dev)
            br_text_draw(tx, dev, x, top + (h - br_text_height(tx)) / 2);
        br_text_free(tx);
    }
    g_free(name);
}

static double label_column(multi *m, double width)
{
    double w = 0;
    for (size_t k = 0; k < m->n_ent; k++)
        w = fmax(w, br_chart_text_width(m->c, br_entity_label(m->c, m->ents[k]), m->c->theme.label_size, false));
    return fmin(w, width * 0.3);
}

/* The widest plot [px0, px1] whose labels past the bar ends (ends[i] in
 * value units, widths w[i]) all end inside right. */
static br_scale fit_scale(double vmin, double vmax, const double *ends, const double *w, size_t n, double px0,
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

/* ---- grouped -------------------------------------------------------- */

static double grouped(multi *m, br_device *dev, double x, double y, double width)
{
    br_chart_ctx *c = m->c;
    const br_theme *t = &c->theme;
    size_t nb = m->n_ent * m->n_ser;
    char **labels = g_new0(char *, nb);
    double *w = g_new0(double, nb), *right_w = g_new0(double, nb), *ends = g_new0(double, nb);
    double vmin = 0, vmax = 0, neg_w = 0;
    for (size_t k = 0; k < m->n_ent; k++) {
        for (size_t i = 0; i < m->n_ser; i++) {
            size_t j = k * m->n_ser + i;
            const br_observation *o = m->obs[j];
            labels[j] = o ? value_text(m, o, m->ser[i].ind, m->mixed) : g_strdup(c->str->no_data);
            w[j] = br_chart_text_width(c, labels[j], t->label_size, false);
            /* Labels of negative bars go past their ends on the left. */
            if (o && o->value < 0)
                neg_w = fmax(neg_w, w[j] + PAD);
            else
                right_w[j] = w[j];
            ends[j] = o ? fmax(0, o->value) : 0;
            if (o) {
                vmin = fmin(vmin, o->value);
                vmax = fmax(vmax, o->value);
            }
        }
    }
    double label_w = label_column(m, width);
    double px0 = x + label_w + LABEL_GAP + neg_w;
    br_scale sc = fit_scale(vmin, vmax, ends, right_w, nb, px0, x + width);

    double group_h = (double)m->n_ser * PITCH;
    double plot_top = y + 11;
    double plot_h = (double)m->n_ent * (group_h + GROUP_GAP) - GROUP_GAP;
    double h = value_axis(m, dev, &sc, y, x + width, plot_top + plot_h);
    for (size_t k = 0; k < m->n_ent; k++) {
        double gy = plot_top + (double)k * (group_h + GROUP_GAP);
        entity_label(m, dev, m->ents[k], x, gy, group_h, label_w);
        for (size_t i = 0; i < m->n_ser; i++) {
            size_t j = k * m->n_ser + i;
            const br_observation *o = m->obs[j];
            double cy = gy + (double)i * PITCH + PITCH / 2, bh = PITCH - 1.5;
            if (o) {
                double lo = br_scale_map(&sc, fmin(0, o->value)), hi = br_scale_map(&sc, fmax(0, o->value));
                br_chart_fill_hatched(c, dev, lo, cy - bh / 2, hi - lo, bh, m->ser[i].color, m->ser[i].hatch);
                double lx = o->value < 0 ? lo - PAD - w[j] : hi + PAD;
                br_chart_label(c, dev, labels[j], lx, cy, 0, BR_ALIGN_LEFT, t->text);
            } else {
                br_chart_label(c, dev, labels[j], br_scale_map(&sc, 0) + PAD, cy, 0, BR_ALIGN_LEFT, t->secondary);
            }
        }
    }
    zero_line(m, dev, &sc, plot_top, plot_top + plot_h);
    for (size_t j = 0; j < nb; j++)
        g_free(labels[j]);
    g_free(labels);
    g_free(w);
    g_free(right_w);
    g_free(ends);
    return h + plot_h + 4;
}

/* ---- stacked -------------------------------------------------------- */

/* The qualifier of a sum: exact parts give an exact total; a missing part
 * (of non-negative parts) makes it a lower bound; mixed signs or
 * qualifiers make it approximate. */
static br_qualifier total_qualifier(const br_observation *const *parts, size_t n, bool *known, bool *incomplete)
{
    bool missing = false, negative = false, over = false, under = false, about = false;
    for (size_t i = 0; i < n; i++) {
        if (!parts[i]) {
            missing = true;
            continue;
        }
        negative |= parts[i]->value < 0;
        over |= parts[i]->qualifier == BR_QUALIFIER_OVER;
        under |= parts[i]->qualifier == BR_QUALIFIER_UNDER;
        about |= parts[i]->qualifier == BR_QUALIFIER_ABOUT;
    }
    *known = !(missing && negative);
    *incomplete = missing;
    if (about || (over && under))
        return BR_QUALIFIER_ABOUT;
    if (missing || over)
        return under ? BR_QUALIFIER_ABOUT : BR_QUALIFIER_OVER;
    return under ? BR_QUALIFIER_UNDER : BR_QUALIFIER_NONE;
}

static double stacked(multi *m, br_device *dev, double x, double y, double width)
{
    br_chart_ctx *c = m->c;
    const br_theme *t = &c->theme;
    const br_indicator *ind0 = m->ser[0].ind;
    size_t n = m->n_ent, ns = m->n_ser;
    char **totals = g_new0(char *, n), **seg = g_new0(char *, n * ns);
    double *w = g_new0(double, n), *ends = g_new0(double, n);
    double vmin = 0, vmax = 0;
    bool any_incomplete = false;
    for (size_t k = 0; k < n; k++) {
        const br_observation *const *parts = &m->obs[k * ns];
        double pos = 0, neg = 0, sum = 0;
        const br_observation *any = NULL;
        GString *markers = g_string_new(NULL);
        for (size_t i = 0; i < ns; i++) {
            if (!parts[i])
                continue;
            any = parts[i];
            sum += parts[i]->value;
            if (parts[i]->value >= 0)
                pos += parts[i]->value;
            else
                neg += parts[i]->value;
            char num[BR_NUM_BUF];
            br_numfmt_value(&c->nf, parts[i]->value, m->ser[i].ind->decimals, m->ser[i].ind->unit,
                            parts[i]->qualifier, num);
            seg[k * ns + i] = g_strdup(num);
            /* Note markers go on the total, which is always shown. */
            const char *marker = br_chart_notes_add(m->notes, parts[i]);
            if (*marker && !strstr(markers->str, marker))
                g_string_append(markers, marker);
        }
        vmax = fmax(vmax, pos);
        vmin = fmin(vmin, neg);
        ends[k] = pos;
        bool known, incomplete;
        br_qualifier q = total_qualifier(parts, ns, &known, &incomplete);
        any_incomplete |= incomplete;
        char num[BR_NUM_BUF];
        if (known)
            br_numfmt_value(&c->nf, sum, ind0->decimals, ind0->unit, q, num);
        else
            g_strlcpy(num, "?", sizeof num);
        if (m->mixed && any) {
            char *p = br_period_label(c->loc, any->period);
            totals[k] = g_strdup_printf("%s%s (%s)", num, markers->str, p);
            g_free(p);
        } else {
            totals[k] = g_strdup_printf("%s%s", num, markers->str);
        }
        g_string_free(markers, TRUE);
        w[k] = br_chart_text_width(c, totals[k], t->label_size, true);
    }
    double label_w = label_column(m, width);
    double px0 = x + label_w + LABEL_GAP;
    br_scale sc = fit_scale(vmin, vmax, ends, w, n, px0, x + width);

    double plot_top = y + 11, plot_h = (double)n * STACK_BAND;
    double h = value_axis(m, dev, &sc, y, x + width, plot_top + plot_h);
    br_stroke sep = br_stroke_solid(0.75);
    for (size_t k = 0; k < n; k++) {
        double top = plot_top + (double)k * STACK_BAND, cy = top + STACK_BAND / 2;
        double by = cy - STACK_BAR / 2;
        entity_label(m, dev, m->ents[k], x, top, STACK_BAND, label_w);
        double at_pos = 0, at_neg = 0;
        for (size_t i = 0; i < ns; i++) {
            const br_observation *o = m->obs[k * ns + i];
            if (!o || o->value == 0)
                continue;
            double v0, v1;
            if (o->value > 0) {
                v0 = at_pos;
                v1 = at_pos += o->value;
            } else {
                v1 = at_neg;
                v0 = at_neg += o->value;
            }
            double sx0 = br_scale_map(&sc, v0), sx1 = br_scale_map(&sc, v1);
            br_chart_fill_hatched(c, dev, sx0, by, sx1 - sx0, STACK_BAR, m->ser[i].color, m->ser[i].hatch);
            const char *s = seg[k * ns + i];
            double sw = br_chart_text_width(c, s, t->label_size, false);
            if (m->ser[i].hatch < 0 && sx1 - sx0 >= sw + 2 * PAD)
                br_chart_label(c, dev, s, (sx0 + sx1 - sw) / 2, cy, 0, BR_ALIGN_LEFT,
                               br_chart_ink_on(c, m->ser[i].color));
        }
        /* White separators where two segments meet (not at zero's outer ends). */
        if (dev) {
            double at = 0;
            bool first = true;
            for (size_t i = 0; i < ns; i++) {
                const br_observation *o = m->obs[k * ns + i];
                if (!o || o->value <= 0)
                    continue;
                if (!first) {
                    double sx = br_scale_map(&sc, at);
                    br_dev_line(dev, sx, by, sx, by + STACK_BAR, &sep, br_rgb(0xffffff));
                }
                at += o->value;
                first = false;
            }
            at = 0;
            first = true;
            for (size_t i = 0; i < ns; i++) {
                const br_observation *o = m->obs[k * ns + i];
                if (!o || o->value >= 0)
                    continue;
                if (!first) {
                    double sx = br_scale_map(&sc, at);
                    br_dev_line(dev, sx, by, sx, by + STACK_BAR, &sep, br_rgb(0xffffff));
                }
                at += o->value;
                first = false;
            }
        }
        br_text_style st = {t->family, t->label_size, true, false, t->text, 0, BR_ALIGN_LEFT, 1};
        br_text *tx = NULL;
        if (br_text_new(c->fonts, totals[k], false, &st, 0, c->diag, &tx) == BR_OK) {
            if (dev)
                br_text_draw(tx, dev, br_scale_map(&sc, ends[k]) + PAD, cy - br_text_height(tx) / 2);
            br_text_free(tx);
        }
    }
    zero_line(m, dev, &sc, plot_top, plot_top + plot_h);
    double key = 0;
    if (any_incomplete)
        key = 4 + br_chart_text(c, dev, c->str->lower_bound_key, x, plot_top + plot_h + 4, width,
                                t->source_size, t->source_leading, false, t->source, BR_ALIGN_LEFT);
    for (size_t k = 0; k < n; k++)
        g_free(totals[k]);
    for (size_t j = 0; j < n * ns; j++)
        g_free(seg[j]);
    g_free(totals);
    g_free(seg);
    g_free(w);
    g_free(ends);
    return h + plot_h + 4 + key;
}

/* ---- 100 % bars ----------------------------------------------------- */

typedef struct {
    const br_indicator *ind;
    const br_observation *obs;
} part;

static br_qualifier flip(br_qualifier q)
{
    return q == BR_QUALIFIER_OVER ? BR_QUALIFIER_UNDER : q == BR_QUALIFIER_UNDER ? BR_QUALIFIER_OVER : q;
}

static double parts_chart(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                          double width)
{
    const br_theme *t = &c->theme;
    const br_indicator *inds[MAX_PARTS];
    size_t n_ind = block_indicators(c, spec, true, inds, MAX_PARTS);
    const char *title = spec->title;
    if (n_ind == 0) {
        /* Nothing in percent: name what was asked for. */
        const br_indicator *asked = br_set_lookup_indicator(
            c->set, spec->indicator ? spec->indicator : spec->n_indicators ? spec->indicators[0] : "");
        if (!title)
            title = asked ? br_indicator_label(c, asked) : spec->topic ? spec->topic : "";
        return br_chart_no_data(c, dev, title, x, y, width);
    }

    /* At most `top` bars (default 12), so the chart fits a page; the
     * subtitle says how many were left out. */
    part parts[MAX_PARTS];
    size_t n = 0, available = 0;
    size_t cap = spec->top > 0 ? MIN((size_t)spec->top, (size_t)MAX_PARTS) : 12;
    for (size_t i = 0; i < n_ind; i++) {
        const br_observation **by = index_series(c->set, inds[i], spec->period);
        if (spec->n_entities > 0) {
            for (size_t k = 0; k < spec->n_entities; k++) {
                const br_entity *e = br_set_lookup_entity(c->set, spec->entities[k]);
                if (e && by[e->index] && available++ < cap)
                    parts[n++] = (part){inds[i], by[e->index]};
            }
        } else {
            for (size_t e = 0; e < c->set->n_entities; e++)
                if (by[e] && available++ < cap)
                    parts[n++] = (part){inds[i], by[e]};
        }
        g_free(by);
    }
    multi m = {.c = c, .spec = spec};
    char *joined = NULL;
    if (!title)
        title = n_ind == 1 ? br_indicator_label(c, inds[0]) : (joined = join_names(&m, inds, n_ind));
    if (n == 0) {
        double h = br_chart_no_data(c, dev, title, x, y, width);
        g_free(joined);
        return h;
    }
    bool mixed = false;
    for (size_t i = 1; i < n; i++)
        mixed |= strcmp(parts[i].obs->period, parts[0].obs->period) != 0;
    GString *sub = g_string_new(NULL);
    if (mixed) {
        g_string_append(sub, c->str->mixed_periods);
    } else {
        char *p = br_period_label(c->loc, parts[0].obs->period);
        g_string_append(sub, p);
        g_free(p);
    }
    if (available > n) {
        char buf[128];
        br_count_phrase(c, c->str->top_of, n, available, buf, sizeof buf);
        g_string_append_printf(sub, " · %s", buf);
    }
    double h = br_chart_header(c, dev, title, sub->str, x, y, width);
    g_string_free(sub, TRUE);
    g_free(joined);

    m.notes = br_chart_notes_new();
    br_color share_col = t->categories[0];
    br_color share_ink = br_chart_ink_on(c, share_col), rest_ink = t->text;
    const char *rest_word = c->str->rest;
    br_stroke sep = br_stroke_solid(0.75);
    for (size_t i = 0; i < n; i++) {
        const br_observation *o = parts[i].obs;
        const br_indicator *ind = parts[i].ind;
        if (n_ind > 1) {
            /* Caption: which whole this bar divides. */
            h += br_chart_text(c, dev, br_indicator_label(c, ind), x, y + h, width, t->label_size, LINE, false,
                               t->axis, BR_ALIGN_LEFT);
            h += 1;
        }
        char num[BR_NUM_BUF], rnum[BR_NUM_BUF];
        br_numfmt_value(&c->nf, o->value, ind->decimals, "percent", o->qualifier, num);
        /* The rest from the share as shown, so the two labels add up to 100. */
        double shown = round(o->value * pow(10, ind->decimals)) / pow(10, ind->decimals);
        br_numfmt_value(&c->nf, 100 - shown, ind->decimals, "percent", flip(o->qualifier), rnum);
        const char *marker = br_chart_notes_add(m.notes, o);
        char *share_text;
        if (mixed) {
            char *p = br_period_label(c->loc, o->period);
            share_text = g_strdup_printf("%s %s%s (%s)", br_entity_label(c, o->entity), num, marker, p);
            g_free(p);
        } else {
            share_text = g_strdup_printf("%s %s%s", br_entity_label(c, o->entity), num, marker);
        }
        char *rest_text = g_strdup_printf("%s %s", rest_word, rnum);
        double sw = br_chart_text_width(c, share_text, t->label_size, false);
        double rw = br_chart_text_width(c, rest_text, t->label_size, false);
        double split = x + width * fmin(100, fmax(0, o->value)) / 100;
        double by = y + h, cy = by + PARTS_BAR / 2;
        bool has_rest = o->value < 100;
        if (dev) {
            if (split > x)
                br_dev_fill_rect(dev, x, by, split - x, PARTS_BAR, share_col);
            if (has_rest)
                br_dev_fill_rect(dev, split, by, x + width - split, PARTS_BAR, t->rest);
            if (split > x && has_rest)
                br_dev_line(dev, split, by, split, by + PARTS_BAR, &sep, br_rgb(0xffffff));
        }
        /* Each label inside its part when it fits; the share's else just
         * past the split; what fits neither goes on a line under the bar
         * (share at the left, rest at the right). */
        double right = x + width;
        bool rest_in = !has_rest || right - split >= rw + 2 * PAD;
        double rest_x = right - PAD - rw;
        bool share_in = split - x >= sw + 2 * PAD;
        bool share_beside = !share_in && split + PAD + sw + 8 <= (has_rest && rest_in ? rest_x : right);
        if (share_in || share_beside)
            br_chart_label(c, dev, share_text, share_in ? x + PAD : split + PAD, cy, 0, BR_ALIGN_LEFT,
                           share_in ? share_ink : rest_ink);
        if (has_rest && rest_in)
            br_chart_label(c, dev, rest_text, rest_x, cy, 0, BR_ALIGN_LEFT, rest_ink);
        h += PARTS_BAR;
        bool share_below = !share_in && !share_beside, rest_below = has_rest && !rest_in;
        if (share_below || rest_below) {
            h += 1;
            double sw_cut = fmin(sw, width);
            if (share_below)
                br_chart_label(c, dev, share_text, x, y + h + LINE / 2, width, BR_ALIGN_LEFT, t->text);
            if (rest_below) {
                if (share_below && sw_cut + 8 + rw > width)
                    h += LINE;
                br_chart_label(c, dev, rest_text, right - rw, y + h + LINE / 2, 0, BR_ALIGN_LEFT, t->axis);
            }
            h += LINE;
        }
        h += 7;
        g_free(share_text);
        g_free(rest_text);
    }
    h += br_chart_notes_draw(c, m.notes, dev, x, y + h, width);
    br_chart_notes_free(m.notes);
    return h;
}

/* ---- entry ---------------------------------------------------------- */

double br_chart_multi_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                           double width)
{
    if (spec->kind == BR_CHART_PARTS)
        return parts_chart(c, spec, dev, x, y, width);
    bool is_stacked = spec->kind == BR_CHART_STACKED;
    multi m = {.c = c, .spec = spec};
    if (!select_data(&m, is_stacked) || m.n_ser == 0) {
        const br_indicator *inds[MAX_SERIES];
        size_t n = block_indicators(c, spec, false, inds, MAX_SERIES);
        const char *title = spec->title ? spec->title
                            : n > 0     ? br_indicator_label(c, inds[0])
                            : spec->topic ? spec->topic
                                          : "";
        multi_free(&m);
        return br_chart_no_data(c, dev, title, x, y, width);
    }
    char *joined = NULL;
    const char *title = spec->title;
    if (!title) {
        if (m.by_period || m.n_ser == 1) {
            title = br_indicator_label(c, m.ser[0].ind);
        } else {
            const br_indicator *inds[MAX_SERIES];
            for (size_t i = 0; i < m.n_ser; i++)
                inds[i] = m.ser[i].ind;
            title = joined = join_names(&m, inds, m.n_ser);
        }
    }
    double h = header(&m, dev, title, x, y, width);
    g_free(joined);
    h += is_stacked ? stacked(&m, dev, x, y + h, width) : grouped(&m, dev, x, y + h, width);
    h += 3;
    h += br_chart_notes_draw(c, m.notes, dev, x, y + h, width);
    multi_free(&m);
    return h;
}
