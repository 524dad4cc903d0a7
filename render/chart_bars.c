/* chart_bars: ranked horizontal bars, and the engine share bars reuse.
 *
 * Design note.  A row per entity, sorted by value (ties keep file order),
 * the top N shown.  The width is split into three columns measured from the
 * actual strings: category labels (at most 30 % of the width, longer names
 * end in an ellipsis), the plot, and room for the longest value label, so a
 * value label placed just past its bar can never leave the chart or touch
 * another label.  Ticks are nice numbers; bars start at zero; a log scale
 * (for ranges over three orders of magnitude) is used only when the layout
 * asks, since a bar's length on a log scale misstates its value.  Colour says group (Okabe-Ito, legend above) or, with a
 * focus entity, highlight against grey.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "chart_common.h"
#include "chart_share.h"
#include "scale.h"

#define BAND 12.0
#define LABEL_GAP 6.0

typedef struct {
    const br_entity *entity;
    const br_observation *obs;
    size_t order;
} row;

static gint by_value_desc(gconstpointer a, gconstpointer b, gpointer data)
{
    const row *x = a, *y = b;
    bool higher = *(const bool *)data;
    double vx = x->obs->value, vy = y->obs->value;
    if (vx != vy)
        return (higher ? vx < vy : vx > vy) ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* One line of text, cut with an ellipsis at max_width; returns its width. */
static double label(br_chart_ctx *c, br_device *dev, const char *s, double x, double y_center, double max_width,
                    br_align align, br_color color)
{
    br_text_style st = {c->theme.family, c->theme.label_size, false, false, color, 0, align, 1};
    br_text *t = NULL;
    if (br_text_new(c->fonts, s, false, &st, max_width, c->diag, &t) != BR_OK)
        return 0;
    double w = br_text_width(t), h = br_text_height(t);
    if (dev)
        br_text_draw(t, dev, x, y_center - h / 2);
    br_text_free(t);
    return w;
}

static br_color bar_color(br_chart_ctx *c, const br_chart_spec *spec, const br_entity *e)
{
    if (spec->focus)
        return strcmp(e->id, spec->focus) == 0 ? c->theme.highlight : c->theme.muted;
    int gi = br_group_index(c->set, br_entity_group(e));
    return gi < 0 ? c->theme.other : c->theme.categories[gi % 7];
}

static gint group_order(gconstpointer a, gconstpointer b)
{
    const br_entity *x = *(const br_entity *const *)a, *y = *(const br_entity *const *)b;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The legend of groups present among the rows, left-aligned, wrapping. */
static double legend(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, const row *rows, size_t n,
                     double x, double y, double width)
{
    if (spec->focus)
        return 0;
    GPtrArray *groups = g_ptr_array_new();
    bool none = false;
    for (size_t i = 0; i < n; i++) {
        const br_entity *g = br_entity_group(rows[i].entity);
        guint idx;
        if (!g)
            none = true;
        else if (!g_ptr_array_find(groups, g, &idx))
            g_ptr_array_add(groups, (gpointer)g);
    }
    /* Reading order = the set's group order. */
    g_ptr_array_sort(groups, group_order);
    size_t kinds = groups->len + (none ? 1 : 0);
    double h = 0;
    if (kinds >= 2) {
        double cx = x, sw = 7, lh = 11;
        size_t total = groups->len + (none ? 1 : 0);
        for (size_t i = 0; i < total; i++) {
            const br_entity *g = i < groups->len ? g_ptr_array_index(groups, i) : NULL;
            const char *name = g ? br_entity_label(c, g) : c->str->other;
            double tw = br_chart_text_width(c, name, c->theme.label_size, false);
            if (cx > x && cx + sw + 3 + tw > x + width) {
                cx = x;
                h += lh;
            }
            if (dev) {
                int gi = br_group_index(c->set, g);
                br_dev_fill_rect(dev, cx, y + h + (lh - sw) / 2, sw, sw,
                                 gi < 0 ? c->theme.other : c->theme.categories[gi % 7]);
            }
            label(c, dev, name, cx + sw + 3, y + h + lh / 2, 0, BR_ALIGN_LEFT, c->theme.axis);
            cx += sw + 3 + tw + 10;
        }
        h += lh + 4;
    }
    g_ptr_array_free(groups, TRUE);
    return h;
}

double br_chart_hbars(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                      double width, bool share)
{
    const br_theme *t = &c->theme;
    const br_indicator *ind = br_chart_pick(c->set, spec->indicator, spec->topic, spec->unit);
    const char *fallback_title = spec->title ? spec->title : spec->topic ? spec->topic : "";
    if (!ind)
        return br_chart_no_data(c, dev, fallback_title, x, y, width);
    br_series s = br_series_latest(c->set, ind, true);
    bool regions = true;
    if (s.n_points == 0) {
        /* No region reported: show what there is (countries, groups). */
        br_series_free(&s);
        s = br_series_latest(c->set, ind, false);
        regions = false;
    }
    const char *title_base = spec->title ? spec->title : br_indicator_label(c, ind);
    if (s.n_points == 0) {
        br_series_free(&s);
        return br_chart_no_data(c, dev, title_base, x, y, width);
    }

    row *rows = g_new0(row, s.n_points);
    for (size_t i = 0; i < s.n_points; i++)
        rows[i] = (row){s.points[i].entity, s.points[i].obs, i};
    bool higher = ind->higher_is_better;
    g_qsort_with_data(rows, (gint)s.n_points, sizeof(row), by_value_desc, &higher);
    size_t top = spec->top > 0 ? (size_t)spec->top : 31;
    size_t n = MIN(top, s.n_points);

    /* Title and subtitle. */
    GString *title = g_string_new(title_base);
    if (s.n_points > n) {
        char buf[64];
        g_string_append(title, " (");
        g_snprintf(buf, sizeof buf, c->str->top_of, n, s.n_points);
        g_string_append(title, buf);
        g_string_append_c(title, ')');
    }
    GString *sub = g_string_new(NULL);
    char *unit = br_unit_label(c, ind);
    if (*unit && strcmp(unit, "%") != 0)
        g_string_append(sub, unit);
    if (s.mixed_periods) {
        g_string_append(sub, sub->len ? c->str->comma : "");
        g_string_append(sub, c->str->mixed_periods);
    } else if (s.latest_period) {
        char *p = br_period_label(c, s.latest_period);
        g_string_append(sub, sub->len ? c->str->comma : "");
        g_string_append(sub, p);
        g_free(p);
    }
    if (regions && s.n_points < s.n_regions_total) {
        char buf[96];
        g_snprintf(buf, sizeof buf, c->str->regions_reported, s.n_points, s.n_regions_total);
        g_string_append(sub, sub->len ? " · " : "");
        g_string_append(sub, buf);
    }
    double h = br_chart_header(c, dev, title->str, sub->str, x, y, width);
    g_string_free(title, TRUE);
    g_string_free(sub, TRUE);
    g_free(unit);

    h += legend(c, spec, dev, rows, n, x, y + h, width);

    /* Value labels (with note markers and, when periods differ, the period). */
    br_chart_notes *notes = br_chart_notes_new();
    char **values = g_new0(char *, n);
    double val_w = 0, label_w = 0;
    for (size_t i = 0; i < n; i++) {
        char num[BR_NUM_BUF];
        br_numfmt_value(&c->nf, rows[i].obs->value, ind->decimals, ind->unit, rows[i].obs->qualifier, num);
        const char *marker = br_chart_notes_add(notes, rows[i].obs);
        if (s.mixed_periods) {
            char *p = br_period_label(c, rows[i].obs->period);
            values[i] = g_strdup_printf("%s%s (%s)", num, marker, p);
            g_free(p);
        } else {
            values[i] = g_strdup_printf("%s%s", num, marker);
        }
        val_w = fmax(val_w, br_chart_text_width(c, values[i], t->label_size, false));
        label_w = fmax(label_w, br_chart_text_width(c, br_entity_label(c, rows[i].entity), t->label_size, false));
    }
    label_w = fmin(label_w, width * 0.3);
    double px0 = x + label_w + LABEL_GAP, px1 = x + width - val_w - 4;
    if (px1 < px0 + 40)
        px1 = px0 + 40; /* very long value labels: still a plot */

    double vmax = 0, vmin_pos = INFINITY;
    for (size_t i = 0; i < n; i++) {
        vmax = fmax(vmax, rows[i].obs->value);
        if (rows[i].obs->value > 0)
            vmin_pos = fmin(vmin_pos, rows[i].obs->value);
    }
    br_scale sc;
    bool log_scale = false;
    if (share) {
        sc = br_scale_linear(0, 100, 4, px0, px1);
    } else {
        bool all_pos = true;
        for (size_t i = 0; i < n; i++)
            all_pos &= rows[i].obs->value > 0;
        /* Bars on a log scale exaggerate small values: only when asked. */
        log_scale = spec->log_scale == 1 && all_pos;
        double vmin = 0;
        for (size_t i = 0; i < n; i++)
            vmin = fmin(vmin, rows[i].obs->value);
        sc = log_scale ? br_scale_log(vmin_pos, vmax, px0, px1)
                       : br_scale_linear(vmin, vmax, (int)fmax(2, (px1 - px0) / 70), px0, px1);
    }

    /* Tick labels above the plot. */
    double tick_h = 11;
    double plot_top = y + h + tick_h, plot_h = (double)n * BAND;
    double last_right = -INFINITY;
    for (int k = 0; k < sc.n_ticks; k++) {
        double tx = br_scale_map(&sc, sc.ticks[k]);
        char tl[BR_NUM_BUF];
        if (share)
            br_numfmt_value(&c->nf, sc.ticks[k], 0, "percent", BR_QUALIFIER_NONE, tl);
        else
            br_numfmt_compact(&c->nf, sc.ticks[k], log_scale ? sc.ticks[k] : sc.step, fmax(fabs(sc.lo), fabs(sc.hi)), tl);
        double tw = br_chart_text_width(c, tl, t->label_size, false);
        double lx = tx - tw / 2;
        if (lx + tw > x + width)
            lx = x + width - tw;
        if (lx < last_right + 4)
            continue; /* would touch its neighbour: skip this label, keep the gridline */
        last_right = lx + tw;
        label(c, dev, tl, lx, y + h + tick_h / 2 - 1, 0, BR_ALIGN_LEFT, t->axis);
    }
    if (dev) {
        br_stroke grid = br_stroke_solid(0.5);
        for (int k = 0; k < sc.n_ticks; k++) {
            double tx = br_scale_map(&sc, sc.ticks[k]);
            br_dev_line(dev, tx, plot_top, tx, plot_top + plot_h, &grid, t->grid);
        }
    }

    for (size_t i = 0; i < n; i++) {
        double cy = plot_top + (double)i * BAND + BAND / 2;
        double bh = BAND * 0.65;
        label(c, dev, br_entity_label(c, rows[i].entity), x, cy, label_w, BR_ALIGN_RIGHT, t->axis);
        double v = rows[i].obs->value;
        double bx0 = log_scale ? px0 : br_scale_map(&sc, fmin(0, v)), bx1 = br_scale_map(&sc, fmax(0, v));
        if (log_scale)
            bx1 = br_scale_map(&sc, v);
        if (dev) {
            if (share)
                br_dev_fill_rect(dev, px0, cy - bh / 2, px1 - px0, bh, t->rest);
            if (bx1 - bx0 > 0)
                br_dev_fill_rect(dev, bx0, cy - bh / 2, bx1 - bx0, bh, bar_color(c, spec, rows[i].entity));
        }
        double vx = share ? px1 + 4 : bx1 + 3;
        label(c, dev, values[i], vx, cy, 0, BR_ALIGN_LEFT, t->text);
    }
    if (dev && !log_scale) {
        br_stroke axis = br_stroke_solid(0.75);
        double zx = br_scale_map(&sc, 0);
        br_dev_line(dev, zx, plot_top - 2, zx, plot_top + plot_h, &axis, t->axis);
    }
    h += tick_h + plot_h + 4;

    /* Reference line (share bars): the national value, or a fixed mark. */
    if (share) {
        const br_observation *nat = spec->reference < 0 ? br_national_value(c->set, ind) : NULL;
        double ref = nat ? nat->value : spec->reference;
        if (ref >= 0 && ref <= 100) {
            double rx = br_scale_map(&sc, ref);
            char num[BR_NUM_BUF];
            br_numfmt_value(&c->nf, ref, ind->decimals, "percent", nat ? nat->qualifier : BR_QUALIFIER_NONE, num);
            char *text;
            if (nat) {
                char *p = br_period_label(c, nat->period);
                const char *marker = br_chart_notes_add(notes, nat);
                text = g_strdup_printf("%s %s%s (%s)", br_entity_label(c, nat->entity), num, marker, p);
                g_free(p);
            } else {
                text = g_strdup(num);
            }
            if (dev) {
                br_stroke dash = br_stroke_solid(0.75);
                dash.n_dashes = 2;
                dash.dashes[0] = 3;
                dash.dashes[1] = 2;
                br_dev_line(dev, rx, plot_top - 2, rx, plot_top + plot_h + 3, &dash, t->axis);
            }
            double tw = br_chart_text_width(c, text, t->label_size, false);
            double lx = rx + tw > x + width ? rx - tw : rx - 0.0;
            if (lx < x)
                lx = x;
            label(c, dev, text, lx, y + h + 6, 0, BR_ALIGN_LEFT, t->axis);
            h += 12;
            g_free(text);
        }
    }
    if (log_scale) {
        label(c, dev, c->str->log_scale, x, y + h + 5, 0, BR_ALIGN_LEFT, t->secondary);
        h += 11;
    }
    h += 3;
    h += br_chart_notes_draw(c, notes, dev, x, y + h, width);

    for (size_t i = 0; i < n; i++)
        g_free(values[i]);
    g_free(values);
    br_chart_notes_free(notes);
    g_free(rows);
    br_series_free(&s);
    return h;
}

double br_chart_bars_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                          double width)
{
    return br_chart_hbars(c, spec, dev, x, y, width, false);
}
