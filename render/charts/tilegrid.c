/* tilegrid: see tilegrid.h. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/tilegrid.h"

#include "charts/label.h"
#include "charts/paint.h"
#include "charts/scale.h"
#include "charts/select.h"

#define BR_TILE_GAP 2.0 /* between squares */
#define BR_TILE_MAP_MAX_H 460.0 /* the map never gets taller than this */

/* Which of the five colours n classes use: spread evenly, dark end kept. */
static const int class_colors[6][5] = {
    {0}, {2}, {1, 3}, {0, 2, 4}, {0, 1, 3, 4}, {0, 1, 2, 3, 4}};

/* ---- colour --------------------------------------------------------- */

br_color br_tile_group_color(const br_chart_ctx *c, const br_entity *e, int *hatch)
{
    int gi = br_group_index(c->set, br_entity_group(e));
    /* The theme's pattern: colour alone may not survive grayscale. */
    if (hatch)
        *hatch = br_chart_hatch_for(c, gi);
    return br_chart_category_color(c, gi);
}

/* ---- classes -------------------------------------------------------- */

/* The nearest multiple of step to q (exact decimals for steps below 1). */
static double multiple(double q, double step)
{
    if (step < 1) {
        double inv = round(1 / step);
        return round(q * inv) / inv;
    }
    return round(q / step) * step;
}

/* The roundest number in (a, b): the coarsest step of 1 or 5 x 10^k
 * (not below min_step) with a multiple there, and of those the nearest
 * to q.  Without one, q at min_step.  Open at both ends, so no break
 * falls on the smallest or the largest value (a class of one number). */
static double roundest(double a, double b, double q, double min_step)
{
    if (b > a && isfinite(a) && isfinite(b)) {
        double e = ceil(log10(fmax(fabs(a), fabs(b)))) + 1;
        for (int i = 0; i < 80; i++) {
            double step = pow(10, e - i / 2) / (i % 2 ? 2 : 1);
            if (step < min_step * (1 - 1e-9))
                break;
            double m = multiple(q, step);
            if (m <= a)
                m = multiple(m + step, step);
            if (m >= b)
                m = multiple(m - step, step);
            if (m > a && m < b)
                return m;
        }
    }
    return multiple(q, min_step);
}

static gint cmp_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int br_tile_class_of(const br_tile_classes *k, double v)
{
    int i = 0;
    while (i < k->n - 1 && v >= k->b[i + 1])
        i++;
    return i;
}

/* Decimals that show x exactly (at most 6). */
static int decimals_of(double x)
{
    for (int d = 0; d < 6; d++) {
        double s = x * pow(10, d);
        if (fabs(s - round(s)) < 1e-6 * fmax(1, fabs(s)))
            return d;
    }
    return 6;
}

/* The point at t (0..1) from a to b.  Values near the largest double are
 * more than DBL_MAX apart; then the distance is taken in halves. */
static double between(double a, double b, double t)
{
    double d = b - a;
    if (isfinite(d))
        return a + t * d;
    double h = t * (b / 2 - a / 2);
    return a + h + h;
}

static br_tile_classes make_classes(const double *sorted, size_t n, int decimals)
{
    br_tile_classes k = {0};
    double min_step = pow(10, -(decimals < 0 ? 0 : decimals > 6 ? 6 : decimals));
    double vmin = sorted[0], vmax = sorted[n - 1];
    size_t distinct = 1;
    for (size_t i = 1; i < n; i++)
        distinct += sorted[i] != sorted[i - 1];
    int want = (int)MIN(5, distinct);
    double breaks[5];
    int nb = 0;
    if (want > 1) {
        double q[6];
        for (int i = 1; i < want; i++) {
            double h = (double)(n - 1) * i / want;
            size_t lo = (size_t)floor(h);
            q[i] = lo + 1 < n ? between(sorted[lo], sorted[lo + 1], h - (double)lo) : sorted[lo];
        }
        for (int i = 1; i < want; i++) {
            double a = i == 1 ? vmin : between(q[i - 1], q[i], 0.5);
            double b = i == want - 1 ? vmax : between(q[i], q[i + 1], 0.5);
            double r = roundest(a, b, q[i], min_step);
            if (r > vmin && r <= vmax && (nb == 0 || r > breaks[nb - 1]))
                breaks[nb++] = r;
        }
    }
    /* Merge classes left empty. */
    bool changed = true;
    while (changed && nb > 0) {
        changed = false;
        for (int i = 0; i <= nb; i++) {
            double lo = i == 0 ? -INFINITY : breaks[i - 1], hi = i == nb ? INFINITY : breaks[i];
            size_t count = 0;
            for (size_t j = 0; j < n; j++)
                count += sorted[j] >= lo && sorted[j] < hi;
            if (count == 0) {
                int drop = i == 0 ? 0 : i - 1;
                memmove(&breaks[drop], &breaks[drop + 1], sizeof(double) * (size_t)(nb - drop - 1));
                nb--;
                changed = true;
                break;
            }
        }
    }
    /* Outer bounds at nice ticks around the data. */
    br_scale sc = br_scale_linear(vmin, vmax, 5, 0, 1);
    double step = fmax(sc.step, min_step);
    double lo = br_scale_round_out(vmin, step, false), hi = br_scale_round_out(vmax, step, true);
    if (vmin == vmax)
        lo = hi = vmin; /* one value: the legend shows just it */
    k.n = nb + 1;
    k.b[0] = lo;
    for (int i = 0; i < nb; i++)
        k.b[i + 1] = breaks[i];
    k.b[k.n] = hi;
    k.decimals = 0;
    for (int i = 0; i <= k.n; i++)
        k.decimals = MAX(k.decimals, decimals_of(k.b[i]));
    k.decimals = MIN(k.decimals, MAX(decimals, 0));
    k.compact = fmax(fabs(lo), fabs(hi)) >= 1e6;
    return k;
}

static void format_bound(const br_chart_ctx *c, const br_tile_classes *k, const char *unit, double v, bool with_unit,
                         char *buf)
{
    if (k->compact)
        br_numfmt_compact(&c->nf, v, v == 0 ? 1 : pow(10, floor(log10(fabs(v)))), fabs(v), buf);
    else if (with_unit)
        br_numfmt_value(&c->nf, v, k->decimals, unit, BR_QUALIFIER_NONE, buf);
    else
        br_numfmt_number(&c->nf, v, k->decimals, buf);
}

char *br_tile_class_label(const br_chart_ctx *c, const br_tile_classes *k, const char *unit, int i)
{
    char a[BR_NUM_BUF], b[BR_NUM_BUF];
    format_bound(c, k, unit, k->b[i + 1], true, b);
    if (k->b[i] == k->b[i + 1])
        return g_strdup(b);
    format_bound(c, k, unit, k->b[i], false, a);
    /* A spaced dash when a bound carries a minus sign. */
    bool spaced = k->b[i] < 0 || k->b[i + 1] < 0;
    return g_strdup_printf("%s%s%s", a, spaced ? " – " : "–", b);
}

/* ---- the map -------------------------------------------------------- */

/* The columns and rows the tiles span.  In size_t: the set's validator
 * keeps tiles within 0..BR_TILE_MAX, but the width of a span is a count
 * and must not overflow an int whatever the limit. */
static void grid_extent(const br_tile *tiles, size_t n, br_tile_geom *g)
{
    int c0 = INT32_MAX, r0 = INT32_MAX, c1 = 0, r1 = 0;
    for (size_t i = 0; i < n; i++) {
        c0 = MIN(c0, tiles[i].e->tile_col);
        r0 = MIN(r0, tiles[i].e->tile_row);
        c1 = MAX(c1, tiles[i].e->tile_col);
        r1 = MAX(r1, tiles[i].e->tile_row);
    }
    if (n == 0)
        c0 = r0 = 0;
    g->col0 = c0;
    g->row0 = r0;
    g->cols = (size_t)c1 - (size_t)c0 + 1;
    g->rows = (size_t)r1 - (size_t)r0 + 1;
}

/* Sizes the grid to a width (square at most max_tile) and decides what
 * text fits in the squares. */
br_tile_geom br_tile_layout(br_chart_ctx *c, const br_tile *tiles, size_t n, double width, double max_tile,
                            bool mosaic)
{
    br_tile_geom g = {0};
    grid_extent(tiles, n, &g);
    double pitch = fmin(max_tile + BR_TILE_GAP, (width + BR_TILE_GAP) / (double)g.cols);
    pitch = fmin(pitch, (BR_TILE_MAP_MAX_H + BR_TILE_GAP) / (double)g.rows);
    g.gap = pitch >= 16 ? BR_TILE_GAP : pitch * 0.125;
    g.pitch = pitch;
    g.size = pitch - g.gap;
    g.w = (double)g.cols * pitch - g.gap;
    g.h = (double)g.rows * pitch - g.gap;
    double s = g.size, pad = 3;

    /* Mosaic numbers first: they matter more than the labels. */
    double nh = 0;
    if (mosaic) {
        g.number_size = 6.5;
        nh = br_chart_line_height(c, g.number_size, true);
        g.numbers = nh + 2 <= s;
    }
    double room = g.numbers ? s - 2.5 - nh : s - 2; /* height for a label */

    /* Labels: the largest size from 8 down to 6 pt at which all fit.
     * Text is laid out unhinted, so widths scale with the size: measure
     * once (at 8 pt) with a little slack. */
    double label_h = 0, widest8 = 0;
    for (size_t i = 0; i < n; i++)
        widest8 = fmax(widest8, br_chart_text_width(c, tiles[i].label, 8, true));
    for (double sz = 8; sz >= 6 - 1e-9; sz -= 0.5) {
        double widest = widest8 * sz / 8 * 1.01;
        label_h = br_chart_line_height(c, sz, true);
        if (widest <= s - pad && label_h <= room) {
            g.labels = true;
            g.label_size = sz;
            break;
        }
    }
    if (!g.labels && s >= 14) {
        /* Some labels too long even at 6 pt: when most fit, the others end
         * in an ellipsis; when most do not, a tile of "M…" helps nobody and
         * the tiles stay unlabelled. */
        label_h = br_chart_line_height(c, 6, true);
        size_t fit = 0;
        for (size_t i = 0; i < n; i++)
            fit += br_chart_text_width(c, tiles[i].label, 6, true) <= s - pad;
        g.labels = label_h <= room && fit * 4 >= n * 3;
        g.label_size = 6;
    }
    if (mosaic) {
        /* no values: the numbers take their place */
    } else if (g.labels) {
        /* Values under the labels when every one fits. */
        g.value_size = fmin(6.5, g.label_size);
        double vh = br_chart_line_height(c, g.value_size, false);
        bool fit = label_h + vh + 2 <= s;
        bool any = false;
        for (size_t i = 0; i < n && fit; i++) {
            if (!tiles[i].value)
                continue;
            any = true;
            fit = br_chart_text_width(c, tiles[i].value, g.value_size, false) <= s - pad;
        }
        g.values = fit && any;
        g.value_h = vh;
    }
    g.label_h = label_h;
    return g;
}

void br_tile_draw(br_chart_ctx *c, br_device *dev, const br_tile *tiles, size_t n, const br_tile_geom *g,
                  const char *focus, double x, double y)
{
    const br_theme *t = &c->theme;
    for (size_t i = 0; i < n; i++) {
        const br_tile *tl = &tiles[i];
        double tx = x + (double)(tl->e->tile_col - g->col0) * g->pitch,
               ty = y + (double)(tl->e->tile_row - g->row0) * g->pitch;
        double s = g->size;
        if (tl->no_data) {
            br_chart_fill_no_data(c, dev, tx, ty, s, s);
        } else {
            br_dev_fill_rect(dev, tx, ty, s, s, tl->fill);
            if (s >= 3)
                br_chart_hatch(dev, tx, ty, s, s, tl->hatch, tl->hatch_color);
            if (br_color_luminance(tl->fill) > 0.8)
                br_chart_stroke_inside(dev, tx, ty, s, s, fmin(0.5, s / 4), t->outline);
        }
        if (focus && strcmp(tl->e->id, focus) == 0 && s >= 4)
            br_chart_stroke_inside(dev, tx, ty, s, s, 1.5, t->highlight);
        double lh = g->label_h, vh = g->values && tl->value ? g->value_h : 0, nh = 0;
        if (g->numbers && tl->number) {
            char num[16];
            g_snprintf(num, sizeof num, "%d", tl->number);
            if (tl->hatch >= 0 || tl->no_data) {
                double nw = br_chart_text_width(c, num, g->number_size, true);
                nh = br_chart_line_height(c, g->number_size, true);
                br_dev_fill_rect(dev, tx + 1, ty + 1, nw + 2, nh, tl->fill);
            }
            br_chart_line(c, dev, num, tx + 2, ty + 1, 0, g->number_size, true, tl->ink, BR_ALIGN_LEFT, &nh);
        }
        if (g->labels) {
            double top;
            if (g->numbers)
                top = ty + s - 1.5 - lh; /* under the (possible) number */
            else
                top = ty + (s - lh - vh) / 2;
            double w = br_chart_text_width(c, tl->label, g->label_size, true);
            if (tl->hatch >= 0 || tl->no_data) {
                /* A plate of the plain fill keeps hatching off the text. */
                double pw = fmin(s - 2, w + 3), vw = 0;
                if (g->values && tl->value)
                    vw = fmin(s - 2, br_chart_text_width(c, tl->value, g->value_size, false) + 3);
                br_dev_fill_rect(dev, tx + (s - pw) / 2, top, pw, lh, tl->fill);
                if (vw > 0)
                    br_dev_fill_rect(dev, tx + (s - vw) / 2, top + lh, vw, vh, tl->fill);
            }
            if (w <= s - 3)
                br_chart_line(c, dev, tl->label, tx + (s - w) / 2, top, 0, g->label_size, true, tl->ink,
                              BR_ALIGN_LEFT, NULL);
            else
                br_chart_line(c, dev, tl->label, tx + 1, top, s - 2, g->label_size, true, tl->ink, BR_ALIGN_CENTER,
                              NULL);
            if (g->values && tl->value) {
                double vw = br_chart_text_width(c, tl->value, g->value_size, false);
                br_chart_line(c, dev, tl->value, tx + (s - vw) / 2, top + lh, 0, g->value_size, false, tl->ink,
                              BR_ALIGN_LEFT, NULL);
            }
        }
    }
}

/* ---- data ----------------------------------------------------------- */

static gint by_tile(gconstpointer a, gconstpointer b)
{
    const br_tile *x = a, *y = b;
    if (x->e->tile_row != y->e->tile_row)
        return x->e->tile_row < y->e->tile_row ? -1 : 1;
    return x->e->tile_col < y->e->tile_col ? -1 : x->e->tile_col > y->e->tile_col;
}

/* Legend items for the groups among the entities (set order, "other"
 * last). */
void br_tile_group_legend(br_chart_ctx *c, const br_entity *const *ents, size_t n, bool circles, GArray *items)
{
    GPtrArray *groups = g_ptr_array_new();
    bool none = false;
    for (size_t i = 0; i < n; i++) {
        const br_entity *g = br_entity_group(ents[i]);
        guint idx;
        if (!g)
            none = true;
        else if (!g_ptr_array_find(groups, g, &idx))
            g_ptr_array_add(groups, (gpointer)g);
    }
    g_ptr_array_sort(groups, br_entity_order);
    if (groups->len + (none ? 1 : 0) >= 2 || (circles && groups->len > 0)) {
        for (guint i = 0; i <= groups->len; i++) {
            if (i == groups->len && !none)
                break;
            const br_entity *g = i < groups->len ? g_ptr_array_index(groups, i) : NULL;
            int gi = br_group_index(c->set, g);
            br_legend_item it = {g ? br_entity_label(c, g) : c->str->other, br_chart_category_color(c, gi),
                                 circles ? BR_HATCH_NONE : br_chart_hatch_for(c, gi),
                                 circles ? BR_SWATCH_CIRCLE : BR_SWATCH_FILL, false};
            g_array_append_val(items, it);
        }
    }
    g_ptr_array_free(groups, TRUE);
}

void br_tile_period_facts(br_chart_ctx *c, GString *sub, bool mixed, const char *period)
{
    if (mixed) {
        g_string_append(sub, sub->len ? c->str->comma : "");
        g_string_append(sub, c->str->mixed_periods);
    } else if (period) {
        char *p = br_period_label(c->loc, period);
        g_string_append(sub, sub->len ? c->str->comma : "");
        g_string_append(sub, p);
        g_free(p);
    }
}

br_tile *br_tiles_collect(const br_set *set, size_t *n)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(br_tile));
    for (size_t i = 0; i < set->n_entities; i++) {
        const br_entity *e = &set->entities[i];
        if (!e->has_tile)
            continue;
        br_tile tl = {0};
        tl.e = e;
        tl.cls = -1;
        tl.hatch = BR_HATCH_NONE;
        g_array_append_val(a, tl);
    }
    g_array_sort(a, by_tile); /* reading order: row by row */
    *n = a->len;
    return (br_tile *)(void *)g_array_free(a, FALSE);
}

void br_tiles_free(br_tile *tiles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(tiles[i].label);
        g_free(tiles[i].value);
    }
    g_free(tiles);
}

size_t br_tiles_observe(br_tile *tiles, size_t n, const br_set *set, const br_indicator *ind, const char *period,
                        bool *mixed, const char **latest)
{
    size_t n_data = 0;
    int latest_end = 0;
    *mixed = false;
    *latest = NULL;
    const br_observation **obs = br_chart_by_entity(set, ind, period);
    for (size_t i = 0; i < n; i++) {
        tiles[i].obs = obs[tiles[i].e->index];
        if (!tiles[i].obs)
            continue;
        n_data++;
        if (*latest && strcmp(*latest, tiles[i].obs->period) != 0)
            *mixed = true;
        if (!*latest || tiles[i].obs->period_end > latest_end) {
            *latest = tiles[i].obs->period;
            latest_end = tiles[i].obs->period_end;
        }
    }
    g_free((gpointer)obs);
    return n_data;
}

br_tile_classes br_tile_classes_make(const br_tile *tiles, size_t n, int decimals)
{
    double *vals = g_new(double, n ? n : 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (tiles[i].obs)
            vals[m++] = tiles[i].obs->value;
    qsort(vals, m, sizeof(double), cmp_double);
    br_tile_classes k = make_classes(vals, m, decimals);
    g_free(vals);
    return k;
}

br_color br_tile_class_color(const br_chart_ctx *c, const br_tile_classes *k, int i)
{
    return c->theme.sequential[class_colors[k->n][i]];
}
