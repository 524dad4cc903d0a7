/* grouped: grouped bars, the chart kind "grouped": one bar per series
 * (indicator, or period) for each entity; see barset.h. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/barset.h"
#include "charts/frame.h"
#include "charts/kinds.h"
#include "charts/label.h"
#include "charts/paint.h"
#include "charts/select.h"

static double plot(br_barset *m, br_device *dev, double x, double y, double width)
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
            labels[j] = o ? br_barset_value_text(m, o, m->ser[i].ind, m->mixed) : g_strdup(c->str->no_data);
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
    double label_w = br_barset_label_column(m, width);
    double px0 = x + label_w + LABEL_GAP + neg_w;
    br_scale sc = br_barset_fit_scale(vmin, vmax, ends, right_w, nb, px0, x + width);

    double group_h = (double)m->n_ser * PITCH;
    double plot_top = y + 11;
    double plot_h = (double)m->n_ent * (group_h + GROUP_GAP) - GROUP_GAP;
    double h = br_barset_value_axis(m, dev, &sc, y, x + width, plot_top + plot_h);
    for (size_t k = 0; k < m->n_ent; k++) {
        double gy = plot_top + (double)k * (group_h + GROUP_GAP);
        br_barset_entity_label(m, dev, m->ents[k], x, gy, group_h, label_w);
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
    br_barset_zero_line(m, dev, &sc, plot_top, plot_top + plot_h);
    for (size_t j = 0; j < nb; j++)
        g_free(labels[j]);
    g_free(labels);
    g_free(w);
    g_free(right_w);
    g_free(ends);
    return h + plot_h + 4;
}

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    return br_barset_draw(c, spec, dev, x, y, width, false, plot);
}

const br_chart_kind_def br_chart_kind_grouped = {"grouped", BR_CHART_GROUPED, draw,
    BR_OPT_IND_ANY | BR_OPT_INDICATORS | BR_OPT_TOP | BR_OPT_FOCUS | BR_OPT_PERIOD | BR_OPT_ENTITIES | BR_OPT_SELECT | BR_OPT_SORT, 40};
