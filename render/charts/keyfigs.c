/* keyfigs: the chart kind "keyfigures": a row of key figures ("big numbers"), one per topic.
 *
 * For each topic the figure is the national value when the set has one
 * (the latest observation of a country, from the indicator of that topic
 * with most observations among those that have one), else the highest
 * region of the indicator with most regions reported.  Each figure shows
 * its qualifier ("> 5,000,000"), unit, what and where, the period, and its
 * source: a big number without provenance is not to be trusted.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/kinds.h"
#include "charts/label.h"
#include "charts/select.h"

typedef struct {
    const br_indicator *ind;
    const br_observation *obs;
    const char *rank_word; /* "highest" when the figure is the top of the compared, not a reference */
} figure;

/* A topic's figure: the reference value (national, world) of its indicator
 * with most observations that has one; else, for a topic measured only
 * outside the compared units (a world series), that entity's latest; else
 * the top compared entity, said to be the top ("highest"). */
static figure pick_figure(br_chart_ctx *c, const char *topic)
{
    figure f = {NULL, NULL, NULL};
    size_t best_n = 0;
    for (size_t i = 0; i < c->set->n_indicators; i++) {
        const br_indicator *ind = &c->set->indicators[i];
        if (strcmp(ind->topic, topic) != 0)
            continue;
        const br_observation *nat = br_reference_value(c->set, ind, NULL);
        if (nat && (!f.obs || ind->n_observations > best_n)) {
            f.ind = ind;
            f.obs = nat;
            best_n = ind->n_observations;
        }
    }
    if (f.obs)
        return f;
    const br_indicator *ind = br_chart_pick(c->set, NULL, topic, NULL);
    if (!ind || ind->n_observations == 0)
        return f;
    br_series s = br_series_latest(c->set, ind, true);
    if (s.n_points == 0) {
        /* Nothing compared: the entity the topic is about (the world). */
        br_series_free(&s);
        s = br_series_latest(c->set, ind, false);
        for (size_t i = 0; i < s.n_points; i++)
            if (!f.obs || s.points[i].obs->period_end > f.obs->period_end) {
                f.ind = ind;
                f.obs = s.points[i].obs;
            }
        br_series_free(&s);
        return f;
    }
    bool high = br_select_descending(ind, BR_SELECT_BEST);
    for (size_t i = 0; i < s.n_points; i++) {
        const br_observation *o = s.points[i].obs;
        if (!f.obs || (high ? o->value > f.obs->value : o->value < f.obs->value)) {
            f.ind = ind;
            f.obs = o;
        }
    }
    if (s.n_points > 1)
        f.rank_word = ind->better == BR_BETTER_NEITHER ? c->str->largest : high ? c->str->highest : c->str->lowest;
    br_series_free(&s);
    return f;
}

static double draw_figure(br_chart_ctx *c, const figure *f, br_device *dev, double x, double y, double w)
{
    const br_theme *t = &c->theme;
    double h = 0;
    br_stroke rule = br_stroke_solid(1);
    br_dev_line(dev, x, y + 0.5, x + w, y + 0.5, &rule, t->axis);
    h += 5;
    char num[BR_NUM_BUF];
    br_value_text(c, f->ind, f->obs->value, f->obs->qualifier, num);
    /* The number never wraps: shrink it until it fits the box. */
    double size = t->key_number_size;
    while (size > 12 && br_chart_text_width(c, num, size, true) > w)
        size -= 1;
    h += br_chart_text(c, dev, num, x, y + h, w, size, size * 1.2, true, t->text, BR_ALIGN_LEFT);
    char *unit = br_unit_label(c, f->ind);
    char *period = br_period_label(c->loc, f->obs->period);
    GString *what = g_string_new(br_indicator_label(c, f->ind));
    if (*unit && strcmp(unit, "%") != 0)
        g_string_append_printf(what, " (%s)", unit);
    g_string_append_c(what, '\n');
    if (f->rank_word)
        g_string_append_printf(what, "%s%s", f->rank_word, c->str->colon);
    g_string_append_printf(what, "%s%s%s", br_entity_label(c, f->obs->entity), c->str->comma, period);
    h += br_chart_text(c, dev, what->str, x, y + h, w, t->key_label_size, 10, false, t->secondary, BR_ALIGN_LEFT);
    if (f->obs->source) {
        char *src = g_strdup_printf("%s%s%s", c->str->source, c->str->colon,
                                    f->obs->source->publisher ? f->obs->source->publisher : f->obs->source->title);
        h += 2 + br_chart_text(c, dev, src, x, y + h + 2, w, t->source_size, t->source_leading, false, t->source,
                               BR_ALIGN_LEFT);
        g_free(src);
    }
    g_string_free(what, TRUE);
    g_free(unit);
    g_free(period);
    return h;
}

#define PER_ROW 4    /* figures side by side */
#define MAX_FIGURES 8

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    /* Without topics: the set's own, in the order its indicators name them. */
    const char *own[PER_ROW];
    const char *const *topics = spec->topics;
    size_t n_topics = spec->n_topics;
    if (!n_topics) {
        n_topics = br_set_topics(c->set, own, PER_ROW);
        topics = own;
    }
    figure figs[MAX_FIGURES];
    size_t n = 0;
    for (size_t i = 0; i < n_topics && n < MAX_FIGURES; i++) {
        figure f = pick_figure(c, topics[i]);
        if (f.obs)
            figs[n++] = f;
        else if (spec->n_topics)
            br_chart_problem(c, spec, "topics", BR_SEV_WARNING, "topic \"%s\" has no figure to show", topics[i]);
    }
    if (n == 0)
        return 0; /* nothing to show: the block is left out */
    /* Rows of at most PER_ROW, as wide as the first row's figures. */
    size_t per_row = MIN(n, (size_t)PER_ROW);
    double gap = 14, w = (width - gap * (double)(per_row - 1)) / (double)per_row, h = 0;
    for (size_t r = 0; r * per_row < n; r++) {
        double row_h = 0;
        for (size_t i = r * per_row; i < n && i < (r + 1) * per_row; i++)
            row_h = fmax(row_h, draw_figure(c, &figs[i], dev, x + (double)(i - r * per_row) * (w + gap), y + h, w));
        h += row_h + (r + 1 < (n + per_row - 1) / per_row ? 10 : 0);
    }
    return h;
}

const br_chart_kind_def br_chart_kind_keyfigs = {"keyfigures", BR_CHART_KEYFIGS, draw,
    0, 0};
