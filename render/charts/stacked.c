/* stacked: stacked bars, the chart kind "stacked": parts of a total per
 * entity; see barset.h. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/barset.h"
#include "charts/frame.h"
#include "charts/kinds.h"
#include "charts/label.h"
#include "charts/paint.h"
#include "charts/select.h"

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

static double plot(br_barset *m, br_device *dev, double x, double y, double width)
{
    br_chart_ctx *c = m->c;
    const br_theme *t = &c->theme;
    const br_indicator *ind0 = m->ser[0].ind;
    size_t n = m->n_ent, ns = m->n_ser;
    char **totals = g_new0(char *, n), **seg = g_new0(char *, n * ns);
    double *w = g_new0(double, n), *ends = g_new0(double, n);
    double vmin = 0, vmax = 0;
    bool any_incomplete = false;
    const br_entity *too_large = NULL;
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
            br_value_text(c, m->ser[i].ind, parts[i]->value, parts[i]->qualifier, num);
            seg[k * ns + i] = g_strdup(num);
            /* Note markers go on the total, which is always shown. */
            const char *marker = br_chart_notes_add(m->notes, parts[i]);
            if (*marker && !strstr(markers->str, marker))
                g_string_append(markers, marker);
        }
        /* Parts near the largest double can add up to more than any
         * double: no bar can end there, and the total cannot be shown. */
        if (!isfinite(pos) || !isfinite(neg) || !isfinite(sum))
            too_large = too_large ? too_large : m->ents[k];
        vmax = fmax(vmax, pos);
        vmin = fmin(vmin, neg);
        ends[k] = pos;
        bool known, incomplete;
        br_qualifier q = total_qualifier(parts, ns, &known, &incomplete);
        any_incomplete |= incomplete;
        char num[BR_NUM_BUF];
        if (known)
            br_value_text(c, ind0, sum, q, num);
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
    if (too_large) {
        br_chart_problem(c, m->spec, NULL, BR_SEV_ERROR,
                         "the parts of entity \"%s\" add up to more than the largest number (about 1.8e308), "
                         "which a stacked bar cannot show",
                         too_large->id);
        n = 0; /* draw nothing; the error fails the render */
    }
    double label_w = br_barset_label_column(m, width);
    double px0 = x + label_w + LABEL_GAP;
    br_scale sc;
    if (m->whole) {
        /* Parts of a whole: every bar is 100 %, so the totals say nothing. */
        for (size_t k = 0; k < n; k++) {
            g_free(totals[k]);
            totals[k] = g_strdup("");
            w[k] = 0;
        }
        any_incomplete = false;
        sc = br_scale_linear(0, fmax(100, vmax), 4, px0, x + width);
    } else {
        sc = br_barset_fit_scale(vmin, vmax, ends, w, n, px0, x + width);
    }

    double plot_top = y + 11, plot_h = (double)n * STACK_BAND;
    double h = br_barset_value_axis(m, dev, &sc, y, x + width, plot_top + plot_h);
    br_stroke sep = br_stroke_solid(0.75);
    for (size_t k = 0; k < n; k++) {
        double top = plot_top + (double)k * STACK_BAND, cy = top + STACK_BAND / 2;
        double by = cy - STACK_BAR / 2;
        br_barset_entity_label(m, dev, m->ents[k], x, top, STACK_BAND, label_w);
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
        /* Separators of paper colour where two segments meet (not at zero's
         * outer ends). */
        {
            double at = 0;
            bool first = true;
            for (size_t i = 0; i < ns; i++) {
                const br_observation *o = m->obs[k * ns + i];
                if (!o || o->value <= 0)
                    continue;
                if (!first) {
                    double sx = br_scale_map(&sc, at);
                    br_dev_line(dev, sx, by, sx, by + STACK_BAR, &sep, t->paper);
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
                    br_dev_line(dev, sx, by, sx, by + STACK_BAR, &sep, t->paper);
                }
                at += o->value;
                first = false;
            }
        }
        br_text_style st = {t->family, t->label_size, true, false, t->text, 0, BR_ALIGN_LEFT, 1};
        br_text *tx = NULL;
        if (br_text_new(c->fonts, totals[k], false, &st, 0, c->diag, &tx) == BR_OK) {
            br_text_draw(tx, dev, br_scale_map(&sc, ends[k]) + PAD, cy - br_text_height(tx) / 2);
            br_text_free(tx);
        }
    }
    br_barset_zero_line(m, dev, &sc, plot_top, plot_top + plot_h);
    double key = 0;
    if (any_incomplete)
        key = 4 + br_chart_text(c, dev, c->str->lower_bound_key, x, plot_top + plot_h + 4, width,
                                t->source_size, t->source_leading, false, t->source, BR_ALIGN_LEFT);
    for (size_t k = 0; k < m->n_ent; k++)
        g_free(totals[k]);
    for (size_t j = 0; j < m->n_ent * ns; j++)
        g_free(seg[j]);
    g_free(totals);
    g_free(seg);
    g_free(w);
    g_free(ends);
    return h + plot_h + 4 + key;
}

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    return br_barset_draw(c, spec, dev, x, y, width, true, plot);
}

const br_chart_kind_def br_chart_kind_stacked = {"stacked", BR_CHART_STACKED, draw,
    BR_OPT_IND_ANY | BR_OPT_INDICATORS | BR_OPT_TOP | BR_OPT_FOCUS | BR_OPT_PERIOD | BR_OPT_ENTITIES | BR_OPT_SELECT | BR_OPT_SORT, 36};
