/* barplot: the engine of ranked bars and share bars (horizontal bars, or
 * vertical columns); see barplot.h.
 *
 * Design note.  An entity per row, ranked by value (best first, ties keep
 * file order), the top N kept, then shown in the order asked for (value,
 * name or file order).  Data: each entity's latest observation, or with a
 * `period` only observations of exactly that period.
 *
 * Horizontal bars: the width is split into three columns measured from the
 * actual strings: category labels (at most 30 % of the width, longer names
 * end in an ellipsis), the plot, and room for the value labels.  A value
 * label goes inside the end of its bar (white, or dark on light colours)
 * when the bar is long enough and carries no hatching, else just past the
 * bar end.  The plot is made as wide as the labels left outside allow: the
 * engine tries the widest plot first and narrows it until every outside
 * label ends inside the chart, so no label can leave the chart or touch
 * another one.
 *
 * Vertical columns: the device has no rotated text, so category labels sit
 * under their column, wrapped to at most two lines within the column's
 * slot (a longer name ends in an ellipsis), and value labels sit above (or,
 * for negative values, below) the column within the same slot.  When a
 * word of a category label is wider than its slot (it would break inside
 * the word), or a value label is, the chart falls back to horizontal bars,
 * which fit any name.
 *
 * Ticks are nice numbers; bars start at zero; a log scale (for ranges over
 * three orders of magnitude) is used only when the layout asks, since a
 * bar's length on a log scale misstates its value.  Colour says group
 * (Okabe-Ito, legend above; groups carry the planned patterns, see
 * paint.h) or, with a focus entity, highlight against grey.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/barplot.h"

#include "charts/frame.h"
#include "charts/label.h"
#include "charts/legend.h"
#include "charts/paint.h"
#include "charts/scale.h"
#include "charts/select.h"

#define BAND 12.0      /* row pitch of horizontal bars */
#define LABEL_GAP 6.0  /* category label to plot */
#define PAD 3.0        /* value label to bar end */
#define LINE 10.0      /* leading of stacked label lines */

typedef struct {
    const br_entity *entity;
    const br_observation *obs;
    size_t order;
    char *key; /* name sort key */
    size_t rank; /* 1-based place in the ranking */
    char *label; /* the entity's label, with "N. " before it when ranks show */
} row;

typedef struct {
    br_chart_ctx *c;
    const br_chart_spec *spec;
    const br_indicator *ind;
    bool share, mixed, log_scale;
    row *rows;
    size_t n;        /* rows drawn, the focus row included */
    size_t gap_at;   /* the focus row past the top N comes after a gap: its index (SIZE_MAX: none) */
    char **values;   /* "1,234¹" or, when periods differ, "1,234¹ (2024)" */
    char **stacked;  /* the same on two lines, for columns */
    double *value_w; /* widths of values[] */
    br_chart_notes *notes;
} bars;

#define FOCUS_GAP 8.0 /* between the top N and a focus row ranked lower */

/* The centre of row i and the height of the rows, with the gap before a
 * focus row that is not among the top N. */
static double row_y(const bars *b, double plot_top, size_t i)
{
    return plot_top + (double)i * BAND + BAND / 2 + (i >= b->gap_at ? FOCUS_GAP : 0);
}

static double rows_height(const bars *b)
{
    return (double)b->n * BAND + (b->gap_at < b->n ? FOCUS_GAP : 0);
}

static gint by_value(gconstpointer a, gconstpointer b, gpointer data)
{
    const row *x = a, *y = b;
    bool higher = *(const bool *)data;
    double vx = x->obs->value, vy = y->obs->value;
    if (vx != vy)
        return (higher ? vx < vy : vx > vy) ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Puts the first n rows of the order by_value at the front of rows,
 * sorted; the others stay behind them in no particular order.  A chart
 * shows at most BR_BARPLOT_MAX_ROWS of them, so of thousands of regions
 * it keeps the best n as it goes instead of sorting them all (a profile
 * of a 3,000-region set sorted 3,000 rows for each of its charts).
 * by_value is a total order (ties by file order), so the n are the
 * first n of the full sort. */
static void select_top(row *rows, size_t n_rows, size_t n, bool *higher)
{
    if (n == 0)
        return;
    if (n >= n_rows) {
        g_qsort_with_data(rows, (gint)n_rows, sizeof(row), by_value, higher);
        return;
    }
    g_qsort_with_data(rows, (gint)n, sizeof(row), by_value, higher);
    for (size_t i = n; i < n_rows; i++) {
        if (by_value(&rows[i], &rows[n - 1], higher) >= 0)
            continue;
        row r = rows[i];
        rows[i] = rows[n - 1]; /* the worst of the n drops out */
        size_t j = n - 1;
        for (; j > 0 && by_value(&r, &rows[j - 1], higher) < 0; j--)
            rows[j] = rows[j - 1];
        rows[j] = r;
    }
}

/* Name order: by br_entity_sort_key. */
static gint by_name(gconstpointer a, gconstpointer b)
{
    const row *x = a, *y = b;
    int d = strcmp(x->key, y->key);
    if (d)
        return d;
    return x->entity->index < y->entity->index ? -1 : x->entity->index > y->entity->index;
}

static gint by_file(gconstpointer a, gconstpointer b)
{
    const row *x = a, *y = b;
    return x->entity->index < y->entity->index ? -1 : x->entity->index > y->entity->index;
}

static br_color bar_color(const bars *b, const br_entity *e)
{
    const br_chart_ctx *c = b->c;
    if (b->spec->focus)
        return strcmp(e->id, b->spec->focus) == 0 ? c->theme.highlight : c->theme.muted;
    return br_chart_category_color(c, br_group_index(c->set, br_entity_group(e)));
}

static int bar_hatch(const bars *b, const br_entity *e)
{
    if (b->spec->focus)
        return -1;
    return br_chart_hatch_for(b->c, br_group_index(b->c->set, br_entity_group(e)));
}

/* The legend of groups present among the rows, in the set's group order,
 * "other" last; none with a focus entity or fewer than two kinds. */
static double legend(bars *b, br_device *dev, double x, double y, double width)
{
    br_chart_ctx *c = b->c;
    if (b->spec->focus)
        return 0;
    GPtrArray *groups = g_ptr_array_new();
    bool none = false;
    for (size_t i = 0; i < b->n; i++) {
        const br_entity *g = br_entity_group(b->rows[i].entity);
        guint idx;
        if (!g)
            none = true;
        else if (!g_ptr_array_find(groups, g, &idx))
            g_ptr_array_add(groups, (gpointer)g);
    }
    g_ptr_array_sort(groups, br_entity_order);
    size_t kinds = groups->len + (none ? 1 : 0);
    double h = 0;
    if (kinds >= 2) {
        br_legend_item *items = g_new0(br_legend_item, kinds);
        for (size_t i = 0; i < kinds; i++) {
            const br_entity *g = i < groups->len ? g_ptr_array_index(groups, i) : NULL;
            int gi = br_group_index(c->set, g);
            items[i] = (br_legend_item){g ? br_entity_label(c, g) : c->str->other, br_chart_category_color(c, gi),
                                        br_chart_hatch_for(c, gi), BR_SWATCH_FILL, false};
        }
        h = br_chart_legend(c, dev, items, kinds, x, y, width);
        g_free(items);
    }
    g_ptr_array_free(groups, TRUE);
    return h;
}

/* The value axis over [out0, out1] (points; out0 maps the low end), ticks
 * at least tick_gap points apart. */
static br_scale value_scale(const bars *b, double out0, double out1, double tick_gap)
{
    double vmin = 0, vmax = 0, vmin_pos = INFINITY;
    for (size_t i = 0; i < b->n; i++) {
        double v = b->rows[i].obs->value;
        vmin = fmin(vmin, v);
        vmax = fmax(vmax, v);
        if (v > 0)
            vmin_pos = fmin(vmin_pos, v);
    }
    /* Shares run 0..100 %; a negative share (a change, say) extends the
     * axis to the left of zero instead of running off it. */
    if (b->share)
        return br_scale_linear(fmin(0, vmin), fmax(100, vmax), 4, out0, out1);
    if (b->log_scale)
        return br_scale_log(vmin_pos, vmax, out0, out1);
    return br_chart_nice_scale(vmin, vmax, out0, out1, tick_gap);
}

/* Where bar i starts and ends on the scale (start <= end along the axis). */
static void bar_ends(const bars *b, const br_scale *sc, size_t i, double *lo, double *hi)
{
    double v = b->rows[i].obs->value;
    if (b->log_scale) {
        *lo = sc->out0;
        *hi = br_scale_map(sc, v);
    } else {
        *lo = br_scale_map(sc, fmin(0, v));
        *hi = br_scale_map(sc, fmax(0, v));
    }
}

/* A value label inside the bar end: positive bars long enough for it with
 * some bar to spare (a label filling its bar reads as a box, not a bar),
 * and not hatched (lines behind text would hurt it); never on share bars. */
static bool inside(const bars *b, size_t i, double bar_len)
{
    return !b->share && b->rows[i].obs->value > 0 && bar_hatch(b, b->rows[i].entity) < 0 &&
           bar_len >= b->value_w[i] + 2 * PAD + 8;
}

/* Compact tick label of tick k. */
static void tick_text(const bars *b, const br_scale *sc, int k, char *buf)
{
    const br_chart_ctx *c = b->c;
    if (b->share)
        br_numfmt_value(&c->nf, sc->ticks[k], 0, "percent", BR_QUALIFIER_NONE, buf);
    else
        br_tick_text(c, b->ind, sc, k, false, buf);
}

/* Horizontal bars below y; returns the height used. */
static double horizontal(bars *b, br_device *dev, double x, double y, double width)
{
    br_chart_ctx *c = b->c;
    const br_theme *t = &c->theme;
    const br_chart_spec *spec = b->spec;
    double val_w = 0, label_w = 0;
    for (size_t i = 0; i < b->n; i++) {
        val_w = fmax(val_w, b->value_w[i]);
        label_w = fmax(label_w, br_chart_text_width(c, b->rows[i].label, t->label_size, false));
    }
    label_w = fmin(label_w, width * 0.3);
    double right = x + width;
    /* Labels of negative bars go past their ends, on the left: room for
     * them between the category labels and the plot. */
    double neg_w = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->rows[i].obs->value < 0 && !b->share)
            neg_w = fmax(neg_w, b->value_w[i] + PAD);
    double px0 = x + label_w + LABEL_GAP + neg_w;
    /* The narrowest plot: room for every value label past the plot. */
    double px1_min = fmax(right - val_w - 4, px0 + 40);
    double px1 = px1_min;
    if (!b->share) {
        /* The widest plot whose outside labels all end inside the chart. */
        for (double cand = right; cand > px1_min; cand -= 1) {
            br_scale sc = value_scale(b, px0, cand, 35);
            bool ok = true;
            for (size_t i = 0; i < b->n && ok; i++) {
                double lo, hi;
                bar_ends(b, &sc, i, &lo, &hi);
                if (b->rows[i].obs->value >= 0 && !inside(b, i, hi - lo))
                    ok = hi + PAD + b->value_w[i] <= right;
            }
            if (ok) {
                px1 = cand;
                break;
            }
        }
    }
    br_scale sc = value_scale(b, px0, px1, 35);

    /* Tick labels above the plot. */
    double tick_h = 11, h = 0;
    double plot_top = y + tick_h, plot_h = rows_height(b);
    double last_right = -INFINITY;
    for (int k = 0; k < sc.n_ticks; k++) {
        double tx = br_scale_map(&sc, sc.ticks[k]);
        char tl[BR_NUM_BUF];
        tick_text(b, &sc, k, tl);
        double tw = br_chart_text_width(c, tl, t->label_size, false);
        double lx = tx - tw / 2;
        if (lx + tw > right)
            lx = right - tw;
        if (lx < last_right + 4)
            continue; /* would touch its neighbour: skip this label, keep the gridline */
        last_right = lx + tw;
        br_chart_label(c, dev, tl, lx, y + tick_h / 2 - 1, 0, BR_ALIGN_LEFT, t->axis);
    }
    br_stroke grid = br_stroke_solid(0.5);
    for (int k = 0; k < sc.n_ticks; k++) {
        double tx = br_scale_map(&sc, sc.ticks[k]);
        br_dev_line(dev, tx, plot_top, tx, plot_top + plot_h, &grid, t->grid);
    }

    for (size_t i = 0; i < b->n; i++) {
        const row *r = &b->rows[i];
        double cy = row_y(b, plot_top, i);
        double bh = BAND * 0.65;
        if (i == b->gap_at) {
            /* The focus ranks below the top N: a dotted rule marks the cut. */
            br_stroke dots = br_stroke_dashed(0.5, 1, 2);
            double gy = cy - BAND / 2 - FOCUS_GAP / 2;
            br_dev_line(dev, x, gy, x + width, gy, &dots, t->grid);
        }
        br_chart_label(c, dev, r->label, x, cy, label_w, BR_ALIGN_RIGHT, t->axis);
        double lo, hi;
        bar_ends(b, &sc, i, &lo, &hi);
        br_color fill = bar_color(b, r->entity);
        if (b->share) {
            double z = br_scale_map(&sc, 0), full = br_scale_map(&sc, 100);
            br_dev_fill_rect(dev, z, cy - bh / 2, full - z, bh, t->rest);
        }
        br_chart_fill_hatched(c, dev, lo, cy - bh / 2, hi - lo, bh, fill, bar_hatch(b, r->entity));
        if (b->share)
            br_chart_label(c, dev, b->values[i], px1 + 4, cy, 0, BR_ALIGN_LEFT, t->text);
        else if (inside(b, i, hi - lo))
            br_chart_label(c, dev, b->values[i], hi - PAD - b->value_w[i], cy, 0, BR_ALIGN_LEFT,
                           br_chart_ink_on(c, fill));
        else if (r->obs->value < 0)
            br_chart_label(c, dev, b->values[i], lo - PAD - b->value_w[i], cy, 0, BR_ALIGN_LEFT, t->text);
        else
            br_chart_label(c, dev, b->values[i], hi + PAD, cy, 0, BR_ALIGN_LEFT, t->text);
    }
    if (!b->log_scale) {
        br_stroke axis = br_stroke_solid(0.75);
        double zx = br_scale_map(&sc, 0);
        br_dev_line(dev, zx, plot_top - 2, zx, plot_top + plot_h, &axis, t->axis);
    }
    h += tick_h + plot_h + 4;

    /* Reference line (share bars): the national value, or a fixed mark. */
    if (b->share) {
        const br_observation *nat = spec->reference == -1 || spec->reference == -2
                                        ? br_reference_value(c->set, b->ind, b->mixed ? NULL : b->rows[0].obs->period)
                                        : NULL;
        double ref = nat ? nat->value : spec->reference;
        if (spec->reference == -1 && !nat)
            br_chart_problem(c, spec, "reference", BR_SEV_WARNING,
                             "\"national\": the set has no reference entity with a value of \"%s\"",
                             b->ind->id);
        if ((nat || spec->reference >= 0) && ref >= sc.lo && ref <= sc.hi) {
            double rx = br_scale_map(&sc, ref);
            char num[BR_NUM_BUF];
            br_numfmt_value(&c->nf, ref, b->ind->decimals, "percent", nat ? nat->qualifier : BR_QUALIFIER_NONE,
                            num);
            char *text;
            if (nat) {
                char *p = br_period_label(c->loc, nat->period);
                const char *marker = br_chart_notes_add(b->notes, nat);
                text = g_strdup_printf("%s %s%s (%s)", br_entity_label(c, nat->entity), num, marker, p);
                g_free(p);
            } else {
                text = g_strdup(num);
            }
            br_stroke dash = br_stroke_dashed(0.75, 3, 2);
            br_dev_line(dev, rx, plot_top - 2, rx, plot_top + plot_h + 3, &dash, t->axis);
            double tw = br_chart_text_width(c, text, t->label_size, false);
            double lx = rx + tw > right ? rx - tw : rx;
            if (lx < x)
                lx = x;
            br_chart_label(c, dev, text, lx, y + h + 6, 0, BR_ALIGN_LEFT, t->axis);
            h += 12;
            g_free(text);
        }
    }
    return h;
}

/* Lines a category label needs at width (at most 2: a longer name ends in
 * an ellipsis on the second line), or 3 when a word it shows whole would
 * not fit the width (Pango would break inside the word).  Words are placed
 * greedily, as Pango does; CJK text breaks between characters, as it
 * should, so wide characters are not words here. */
static int label_lines(br_chart_ctx *c, const char *s, double width)
{
    gchar **words = g_strsplit(s, " ", -1);
    double space = br_chart_text_width(c, "a a", c->theme.label_size, false) -
                   br_chart_text_width(c, "aa", c->theme.label_size, false);
    double cur = 0;
    int line = 1;
    bool ok = true;
    for (gchar **w = words; *w && ok; w++) {
        if (!**w)
            continue;
        bool cjk = g_unichar_iswide(g_utf8_get_char(*w));
        double ww = br_chart_text_width(c, *w, c->theme.label_size, false);
        if (cur > 0 && cur + space + ww > width && !cjk) {
            line++;
            cur = 0;
            if (line > 2)
                break; /* the rest is cut with an ellipsis */
        }
        /* A word too wide for a line: fine only where the ellipsis cuts it
         * (second line, more text after it). */
        if (!cjk && ww > width && (line == 1 || !w[1]))
            ok = false;
        cur = cur > 0 ? cur + space + ww : ww;
        if (cjk && cur > width) {
            line += (int)(cur / width);
            cur = fmod(cur, width);
        }
    }
    g_strfreev(words);
    if (!ok)
        return 3;
    /* The lines drawn (the greedy estimate only guards words). */
    char *fit = br_chart_fit(c, s, width, 2);
    br_text_style st = {c->theme.family, c->theme.label_size, false, false, c->theme.axis, LINE, BR_ALIGN_CENTER, 0};
    br_text *t = NULL;
    int lines = 3;
    if (br_text_new(c->fonts, fit, false, &st, width, c->diag, &t) == BR_OK) {
        lines = br_text_line_count(t);
        br_text_free(t);
    }
    g_free(fit);
    return lines;
}

/* Vertical columns below y; returns the height used, or -1 when the labels
 * cannot fit under the columns (the caller then draws horizontal bars). */
static double vertical(bars *b, br_device *dev, double x, double y, double width)
{
    br_chart_ctx *c = b->c;
    const br_theme *t = &c->theme;
    double plot_h = fmin(200, fmax(120, width * 0.36));
    double value_lines = b->mixed ? 2 : 1;

    /* The tick labels decide the axis column; the plot height does not
     * depend on it, so one scale serves for measuring and drawing. */
    br_scale sc = value_scale(b, plot_h, 0, 24);
    double ax_w = 0;
    for (int k = 0; k < sc.n_ticks; k++) {
        char tl[BR_NUM_BUF];
        tick_text(b, &sc, k, tl);
        ax_w = fmax(ax_w, br_chart_text_width(c, tl, t->label_size, false));
    }
    double px0 = x + ax_w + LABEL_GAP, px1 = x + width;
    double slot = (px1 - px0) / (double)b->n;
    if (slot < 16)
        return -1;

    int cat_lines = 1;
    for (size_t i = 0; i < b->n; i++) {
        char **parts = g_strsplit(b->stacked[i], "\n", 2);
        bool fits = true;
        for (char **p = parts; *p; p++)
            fits &= br_chart_text_width(c, *p, t->label_size, false) <= slot - 2;
        g_strfreev(parts);
        int lines = label_lines(c, b->rows[i].label, slot - 4);
        if (!fits || lines > 2)
            return -1;
        cat_lines = MAX(cat_lines, lines);
    }

    bool any_negative = false;
    for (size_t i = 0; i < b->n; i++)
        any_negative |= b->rows[i].obs->value < 0;
    double label_room = value_lines * LINE + 2;
    double plot_top = y + label_room, plot_bottom = plot_top + plot_h;
    sc = value_scale(b, plot_bottom, plot_top, 24);

    br_stroke grid = br_stroke_solid(0.5);
    for (int k = 0; k < sc.n_ticks; k++) {
        double ty = br_scale_map(&sc, sc.ticks[k]);
        br_dev_line(dev, px0, ty, px1, ty, &grid, t->grid);
    }
    double last_y = INFINITY;
    for (int k = 0; k < sc.n_ticks; k++) {
        char tl[BR_NUM_BUF];
        tick_text(b, &sc, k, tl);
        double ty = br_scale_map(&sc, sc.ticks[k]);
        if (last_y - ty < 12)
            continue; /* too close to the label below: keep only the gridline */
        last_y = ty;
        br_chart_label(c, dev, tl, x, ty, ax_w, BR_ALIGN_RIGHT, t->axis);
    }

    double col_w = fmin(slot * 0.65, 48);
    double cat_top = plot_bottom + (any_negative ? label_room : 0) + 4;
    for (size_t i = 0; i < b->n; i++) {
        const row *r = &b->rows[i];
        double sx = px0 + slot * (double)i, cx = sx + slot / 2;
        double lo, hi; /* lo is the bottom of the column on the page */
        bar_ends(b, &sc, i, &lo, &hi);
        br_chart_fill_hatched(c, dev, cx - col_w / 2, hi, col_w, lo - hi, bar_color(b, r->entity),
                              bar_hatch(b, r->entity));
        double vh = value_lines * LINE;
        double vy = r->obs->value < 0 ? lo + 2 : hi - 2 - vh;
        if (!b->mixed)
            vy += (vh - LINE) / 2;
        br_chart_text(c, dev, b->stacked[i], sx + 1, vy, slot - 2, t->label_size, LINE, false, t->text,
                      BR_ALIGN_CENTER);
        char *name = br_chart_fit(c, r->label, slot - 4, 2);
        br_chart_text(c, dev, name, sx + 2, cat_top, slot - 4, t->label_size, LINE, false, t->axis, BR_ALIGN_CENTER);
        g_free(name);
    }
    if (!b->log_scale) {
        br_stroke axis = br_stroke_solid(0.75);
        double zy = br_scale_map(&sc, 0);
        br_dev_line(dev, px0, zy, px1, zy, &axis, t->axis);
    }
    return cat_top - y + cat_lines * LINE + 4;
}

static void title_and_subtitle(bars *b, const br_series *s, bool regions, size_t n, GString *title, GString *sub)
{
    br_chart_ctx *c = b->c;
    g_string_append(title, b->spec->title ? b->spec->title : br_indicator_label(c, b->ind));
    if (s->n_points > n) {
        char buf[96];
        br_count_phrase(c, c->str->top_of, n, s->n_points, buf, sizeof buf);
        /* zh's phrase holds full-width parentheses already. */
        if (c->loc->id == BR_LANG_ZH)
            g_string_append_printf(title, "%s%s", c->str->comma, buf);
        else
            g_string_append_printf(title, " (%s)", buf);
    }
    char *unit = br_unit_label(c, b->ind);
    if (*unit && strcmp(unit, "%") != 0)
        g_string_append(sub, unit);
    g_free(unit);
    if (s->mixed_periods) {
        g_string_append(sub, sub->len ? c->str->comma : "");
        g_string_append(sub, c->str->mixed_periods);
    } else if (s->latest_period) {
        char *p = br_period_label(c->loc, s->latest_period);
        g_string_append(sub, sub->len ? c->str->comma : "");
        g_string_append(sub, p);
        g_free(p);
    }
    if (regions && s->n_points < s->n_regions_total) {
        char buf[96];
        br_count_phrase(c, c->str->regions_reported[c->set->noun], s->n_points, s->n_regions_total, buf, sizeof buf);
        g_string_append(sub, sub->len ? " · " : "");
        g_string_append(sub, buf);
    }
}

double br_barplot_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                       double width, bool share)
{
    const br_theme *t = &c->theme;
    const br_indicator *ind = br_chart_pick(c->set, spec->indicator, spec->topic, spec->unit);
    const char *fallback_title = spec->title ? spec->title : spec->topic ? br_topic_label(c, spec->topic) : "";
    if (!ind)
        return br_chart_no_data(c, dev, fallback_title, x, y, width);
    br_series s = br_chart_series(c->set, ind, true, spec->period);
    bool regions = true;
    if (s.n_points == 0) {
        /* No region reported: show what there is (countries, groups). */
        br_series_free(&s);
        s = br_chart_series(c->set, ind, false, spec->period);
        regions = false;
    }
    if (s.n_points == 0) {
        br_series_free(&s);
        const char *name = spec->title ? spec->title : br_indicator_label(c, ind);
        if (!spec->period)
            return br_chart_no_data(c, dev, name, x, y, width);
        /* Say which period has no data. */
        char *p = br_period_label(c->loc, spec->period);
        char *with_period = g_strdup_printf("%s (%s)", name, p);
        double h = br_chart_no_data(c, dev, with_period, x, y, width);
        g_free(with_period);
        g_free(p);
        return h;
    }

    if (spec->n_entities > 0) {
        /* The entities asked for, whatever their kind. */
        br_series_free(&s);
        s = br_chart_series(c->set, ind, false, spec->period);
        br_series_keep(c, spec, &s);
        regions = false;
    }
    if (s.n_points == 0) {
        br_series_free(&s);
        return br_chart_no_data(c, dev, spec->title ? spec->title : br_indicator_label(c, ind), x, y, width);
    }
    bars b = {.c = c, .spec = spec, .ind = ind, .share = share, .mixed = s.mixed_periods, .gap_at = SIZE_MAX};
    b.rows = g_new0(row, s.n_points);
    for (size_t i = 0; i < s.n_points; i++)
        b.rows[i] = (row){s.points[i].entity, s.points[i].obs, i, NULL, 0, NULL};
    bool higher = br_select_descending(ind, spec->select);
    size_t top = spec->top > 0 ? (size_t)spec->top : 31;
    b.n = MIN(MIN(top, (size_t)BR_BARPLOT_MAX_ROWS), s.n_points);
    select_top(b.rows, s.n_points, b.n, &higher);
    for (size_t i = 0; i < b.n; i++)
        b.rows[i].rank = i > 0 && b.rows[i].obs->value == b.rows[i - 1].obs->value ? b.rows[i - 1].rank : i + 1;
    /* A focus ranked below the top N is shown after a gap, with its rank:
     * a chart about it must not leave it out.  Its rank is its place in
     * the whole order, the first of its tie (as above): one more than the
     * rows with a better value. */
    const br_entity *focus_e = spec->focus ? br_set_lookup_entity(c->set, spec->focus) : NULL;
    for (size_t i = b.n; focus_e && i < s.n_points; i++) {
        if (b.rows[i].entity == focus_e) {
            row f = b.rows[i];
            f.rank = 1;
            for (size_t k = 0; k < s.n_points; k++) {
                double v = b.rows[k].obs->value;
                f.rank += higher ? v > f.obs->value : v < f.obs->value;
            }
            b.rows[i] = b.rows[b.n];
            b.rows[b.n] = f;
            b.gap_at = b.n;
            b.n++;
            break;
        }
    }
    size_t n_sorted = b.gap_at < b.n ? b.gap_at : b.n; /* the top N, sorted below as asked */
    if (spec->sort == BR_SORT_NAME) {
        for (size_t i = 0; i < n_sorted; i++)
            b.rows[i].key = br_entity_sort_key(c, b.rows[i].entity);
        qsort(b.rows, n_sorted, sizeof(row), by_name);
    } else if (spec->sort == BR_SORT_FILE) {
        qsort(b.rows, n_sorted, sizeof(row), by_file);
    }
    for (size_t i = 0; i < b.n; i++) {
        const char *name = br_entity_label(c, b.rows[i].entity);
        if (spec->rank || i == b.gap_at) {
            char num[BR_NUM_BUF], mark[BR_NUM_BUF + 16];
            br_numfmt_number(&c->nf, (double)b.rows[i].rank, 0, num);
            g_snprintf(mark, sizeof mark, c->str->rank_mark, num);
            b.rows[i].label = g_strdup_printf("%s %s", mark, name);
        } else {
            b.rows[i].label = g_strdup(name);
        }
    }
    bool all_pos = true;
    for (size_t i = 0; i < b.n; i++)
        all_pos &= b.rows[i].obs->value > 0;
    /* Bars on a log scale exaggerate small values: only when asked. */
    b.log_scale = !share && spec->log_scale == 1 && all_pos;
    if (!share && spec->log_scale == 1 && !all_pos)
        br_chart_problem(c, spec, "scale", BR_SEV_WARNING,
                         "\"log\": some values are zero or negative, which a log scale cannot show; drawn on a "
                         "linear scale");

    GString *title = g_string_new(NULL), *sub = g_string_new(NULL);
    title_and_subtitle(&b, &s, regions, n_sorted, title, sub);
    double h = br_chart_header(c, dev, title->str, sub->str, x, y, width);
    g_string_free(title, TRUE);
    g_string_free(sub, TRUE);
    h += legend(&b, dev, x, y + h, width);

    /* Value labels (with note markers and, when periods differ, the period). */
    b.notes = br_chart_notes_new();
    b.values = g_new0(char *, b.n);
    b.stacked = g_new0(char *, b.n);
    b.value_w = g_new0(double, b.n);
    for (size_t i = 0; i < b.n; i++) {
        const br_observation *o = b.rows[i].obs;
        char num[BR_NUM_BUF];
        br_value_text(c, ind, o->value, o->qualifier, num);
        const char *marker = br_chart_notes_add(b.notes, o);
        if (b.mixed) {
            char *p = br_period_label(c->loc, o->period);
            b.values[i] = g_strdup_printf("%s%s (%s)", num, marker, p);
            b.stacked[i] = g_strdup_printf("%s%s\n(%s)", num, marker, p);
            g_free(p);
        } else {
            b.values[i] = g_strdup_printf("%s%s", num, marker);
            b.stacked[i] = g_strdup(b.values[i]);
        }
        b.value_w[i] = br_chart_text_width(c, b.values[i], t->label_size, false);
    }

    double plot = !share && spec->vertical && b.gap_at == SIZE_MAX ? vertical(&b, dev, x, y + h, width) : -1;
    if (plot < 0 && !share && spec->vertical)
        br_chart_problem(c, spec, "orientation", BR_SEV_WARNING,
                         b.gap_at != SIZE_MAX ? "vertical columns cannot show the focus below the top %zu; drawn as "
                                                "horizontal bars"
                                              : "the names of %zu columns do not fit under them; drawn as horizontal bars",
                         n_sorted);
    if (plot < 0)
        plot = horizontal(&b, dev, x, y + h, width);
    h += plot;
    if (b.log_scale) {
        br_chart_label(c, dev, c->str->log_scale, x, y + h + 5, 0, BR_ALIGN_LEFT, t->secondary);
        h += 11;
    }
    h += 3;
    h += br_chart_notes_draw(c, b.notes, dev, x, y + h, width);

    for (size_t i = 0; i < b.n; i++) {
        g_free(b.values[i]);
        g_free(b.stacked[i]);
    }
    for (size_t i = 0; i < s.n_points; i++) {
        g_free(b.rows[i].key);
        g_free(b.rows[i].label);
    }
    g_free(b.values);
    g_free(b.stacked);
    g_free(b.value_w);
    br_chart_notes_free(b.notes);
    g_free(b.rows);
    br_series_free(&s);
    return h;
}
