/* line: the chart kind "line": time series of one indicator, one line per
 * entity.
 *
 * Design note.  The x axis is time, proportional to the day each period
 * ends (observation.period_end), so a set mixing 2024 and 2024-09 places
 * both honestly.  When most figures are annual, a year tick marks the end
 * of its year, which is where an annual figure sits: the point for "2023"
 * stands above the label "2023", and "Sep 2024" three quarters of the way
 * from "2023" to "2024" (an end of the axis that is not a year end is
 * labelled with its period).  Mostly quarterly or monthly series get ticks
 * where years begin and each year's label centred in its span, as in print
 * newsrooms.  The subtitle names the first and last period.
 *
 * Lines: spec->entities, else the entities with 2+ periods (countries and
 * groups first, then regions by latest value), at most 5 (6 on request:
 * yellow is too light for lines); a focus entity is kept and drawn in the
 * highlight colour over grey.  They are identified by end labels ("Name
 * value", in the line's colour) in a right-hand column reserved for the
 * longest of them (measured first; names shorten with an ellipsis).  A line
 * that stops early is labelled beside its last point when that spot is free
 * of lines and labels, else in the column with a dotted grey leader (a
 * solid one would read as data).  Column labels that would overlap are
 * pushed apart by rounds of pairwise relaxation, then sweeps that guarantee
 * the spacing, with a thin leader back to the point; when they cannot fit,
 * or the column would leave the plot too narrow, a legend above the plot
 * takes over.  The y axis starts at zero (unless the layout asks for a log
 * scale), with light gridlines at nice ticks chosen for the least headroom,
 * compact tick labels, and the unit in the subtitle.  Sparse lines (fewer
 * than 6 points) get markers; a lone point is only a marker.  Observation
 * notes get superscript markers beside their point (in a corner away from
 * its segments), or in the end label for the last one.
 *
 * Everything is measured before anything is drawn.  The drawing function
 * follows the steps in order: data extent, subtitle, end-label text,
 * y ticks, the end-label column, the frame (with the legend fallback),
 * grid, x axis, lines, note markers, end labels.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/frame.h"
#include "charts/kinds.h"
#include "charts/label.h"
#include "charts/paint.h"
#include "charts/scale.h"
#include "charts/select.h"

#define MAX_AUTO_LINES 5
#define MAX_LINES 6        /* Okabe-Ito colours before yellow, too light for lines and text */
#define LINE_WIDTH 1.5
#define MARKER_R 2.25
#define SPARSE_POINTS 6    /* fewer points than this: markers */
#define END_GAP 9.0        /* plot edge to end label */
#define X_INSET 6.0        /* first and last day kept off the plot edges */

typedef struct {
    const br_entity *entity;
    const br_indicator *ind;    /* what the line shows (one indicator, or one of several) */
    const br_observation **obs; /* by period end, one per day */
    size_t n;
    size_t order;       /* file order, for ties */
    br_color color, text_color;
    int hatch; /* the category's planned pattern, as the line's dash (paint.h) */
    char *label;        /* name part of the end label */
    char *value;        /* value part: "> 5,000,000¹ (Sep 2024)" */
    double name_w, value_w, label_w;
    double want, pos;   /* end label centre: wanted (the last point), placed */
    double *px, *py;    /* points on the page */
    bool inline_label;  /* labelled beside its last point, inside the plot */
} line;

/* Days since an epoch for a YYYYMMDD day. */
static double day_number(int ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    if (y < 1 || y > 9999 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return 0;
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    return (double)g_date_get_julian(&date);
}

static double year_end(int year)
{
    return day_number(year * 10000 + 1231);
}

static gint by_day(gconstpointer a, gconstpointer b)
{
    const br_observation *x = *(const br_observation *const *)a, *y = *(const br_observation *const *)b;
    if (x->period_end != y->period_end)
        return x->period_end < y->period_end ? -1 : 1;
    return x < y ? -1 : x > y; /* file order */
}

/* The indicator: by id, else the one of topic (and unit) whose longest
 * per-entity series has most periods; first in file order on ties. */
static const br_indicator *pick(const br_set *set, const br_chart_spec *spec)
{
    if (spec->indicator)
        return br_set_lookup_indicator(set, spec->indicator);
    if (spec->n_indicators == 1)
        return br_set_lookup_indicator(set, spec->indicators[0]);
    const br_indicator *best = NULL;
    size_t best_n = 0;
    size_t *count = g_new0(size_t, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < set->n_indicators; i++) {
        const br_indicator *ind = &set->indicators[i];
        if (spec->topic && strcmp(ind->topic, spec->topic) != 0)
            continue;
        if (spec->unit && strcmp(ind->unit, spec->unit) != 0)
            continue;
        memset(count, 0, sizeof *count * (set->n_entities ? set->n_entities : 1));
        size_t n = 0;
        for (size_t k = 0; k < ind->n_observations; k++) {
            size_t e = ind->observations[k].entity->index;
            n = MAX(n, ++count[e]);
        }
        if (!best || n > best_n) {
            best = ind;
            best_n = n;
        }
    }
    g_free(count);
    return best;
}

/* Line order: the set's reference (the national or world figure) first,
 * then the compared entities by their latest value (the end of the ranking
 * `select` asks for), then the others (groups), in file order. */
typedef struct {
    const br_entity *reference;
    bool descending;
} line_order;

static int line_class(const line_order *o, const line *l)
{
    return l->entity == o->reference ? 0 : br_entity_is_compared(l->entity) ? 1 : 2;
}

static gint by_latest(gconstpointer a, gconstpointer b, gpointer data)
{
    const line_order *o = data;
    const line *x = a, *y = b;
    int cx = line_class(o, x), cy = line_class(o, y);
    if (cx != cy)
        return cx < cy ? -1 : 1;
    if (cx == 1) {
        double vx = x->obs[x->n - 1]->value, vy = y->obs[y->n - 1]->value;
        if (vx != vy)
            return (o->descending ? vx < vy : vx > vy) ? 1 : -1;
    }
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The lines to draw (g_free the array and each obs); *n_candidates is how
 * many entities could have been shown. */
static line *pick_lines(const br_chart_ctx *c, const br_chart_spec *spec, const br_indicator *ind, size_t *n_out,
                        size_t *n_candidates, bool *swapped)
{
    *swapped = false;
    const br_set *set = c->set;
    size_t ne = set->n_entities ? set->n_entities : 1;
    GPtrArray **per = g_new0(GPtrArray *, ne);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        size_t e = o->entity->index;
        if (!per[e])
            per[e] = g_ptr_array_new();
        g_ptr_array_add(per[e], (gpointer)o);
    }
    /* Sort each entity's points by day; one point per day (the last in file order). */
    for (size_t e = 0; e < set->n_entities; e++) {
        if (!per[e])
            continue;
        g_ptr_array_sort(per[e], by_day);
        guint w = 0;
        for (guint k = 0; k < per[e]->len; k++) {
            const br_observation *o = g_ptr_array_index(per[e], k);
            if (w > 0 && ((const br_observation *)g_ptr_array_index(per[e], w - 1))->period_end == o->period_end)
                w--;
            per[e]->pdata[w++] = (gpointer)o;
        }
        g_ptr_array_set_size(per[e], w);
    }
    line *lines = g_new0(line, MAX(set->n_entities, spec->n_entities) + 1);
    size_t n = 0;
    if (spec->n_entities > 0) {
        const br_entity **listed;
        size_t n_listed = br_listed_entities(c, spec, &listed);
        for (size_t i = 0; i < n_listed; i++) {
            const br_entity *e = listed[i];
            if (!per[e->index] || per[e->index]->len == 0)
                continue;
            bool dup = false;
            for (size_t k = 0; k < n; k++)
                dup |= lines[k].entity == e;
            if (!dup)
                lines[n++] = (line){.entity = e, .ind = ind, .n = per[e->index]->len, .order = i};
        }
        g_free(listed);
    } else {
        for (int need = 2; need >= 1 && n == 0; need--) {
            for (size_t e = 0; e < set->n_entities; e++)
                if (per[e] && per[e]->len >= (guint)need)
                    lines[n++] = (line){.entity = &set->entities[e], .ind = ind, .n = per[e]->len, .order = e};
        }
    }
    for (size_t i = 0; i < n; i++) {
        GPtrArray *a = per[lines[i].entity->index];
        lines[i].obs = g_new(const br_observation *, a->len);
        memcpy(lines[i].obs, a->pdata, sizeof(gpointer) * a->len);
    }
    if (spec->n_entities == 0)
        g_qsort_with_data(lines, (gint)n, sizeof(line), by_latest,
                          &(line_order){set->reference, br_select_descending(ind, spec->select)});
    *n_candidates = n;
    size_t cap = spec->top > 0 ? MIN((size_t)spec->top, MAX_LINES) : spec->n_entities ? MAX_LINES : MAX_AUTO_LINES;
    /* A focus entity cut from the top N takes the last place shown. */
    const br_entity *focus = spec->focus ? br_set_lookup_entity(set, spec->focus) : NULL;
    for (size_t i = cap; focus && i < n; i++) {
        if (lines[i].entity == focus) {
            *swapped = true;
            line tmp = lines[cap - 1];
            lines[cap - 1] = lines[i];
            lines[i] = tmp;
            break;
        }
    }
    for (size_t i = cap; i < n; i++)
        g_free(lines[i].obs);
    *n_out = MIN(n, cap);
    for (size_t e = 0; e < set->n_entities; e++)
        if (per[e])
            g_ptr_array_free(per[e], TRUE);
    g_free(per);
    return lines;
}

/* Text colour for a line colour: light hues darkened so 7.5 pt text stays legible. */
static br_color text_tint(br_color col)
{
    double lum = 0.2126 * col.r + 0.7152 * col.g + 0.0722 * col.b;
    if (lum <= 0.5)
        return col;
    double k = 0.5 / lum * 1.1;
    if (k > 1)
        k = 1;
    return br_color_rgb(col.r * k, col.g * k, col.b * k, col.a);
}

/* Pushes end-label centres apart to at least `gap`, within [lo, hi]: a few
 * rounds of pairwise relaxation, then sweeps that make the spacing exact.
 * Returns false when the labels cannot fit. */
static bool relax(line *lines, size_t n, double gap, double lo, double hi)
{
    if (n == 0)
        return true;
    if ((double)(n - 1) * gap > hi - lo + 1e-6)
        return false;
    size_t *idx = g_new(size_t, n);
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        lines[i].pos = CLAMP(lines[i].want, lo, hi);
    }
    /* Sort by wanted position (insertion sort: n <= 7); ties keep line order. */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && lines[idx[k]].pos < lines[idx[k - 1]].pos; k--) {
            size_t t = idx[k];
            idx[k] = idx[k - 1];
            idx[k - 1] = t;
        }
    for (int round = 0; round < 200; round++) {
        bool moved = false;
        for (size_t k = 0; k + 1 < n; k++) {
            line *a = &lines[idx[k]], *b = &lines[idx[k + 1]];
            double overlap = gap - (b->pos - a->pos);
            if (overlap > 1e-3) {
                a->pos -= overlap / 2;
                b->pos += overlap / 2;
                moved = true;
            }
        }
        for (size_t k = 0; k < n; k++)
            lines[idx[k]].pos = CLAMP(lines[idx[k]].pos, lo, hi);
        if (!moved)
            break;
    }
    for (size_t k = 1; k < n; k++)
        lines[idx[k]].pos = MAX(lines[idx[k]].pos, lines[idx[k - 1]].pos + gap);
    if (lines[idx[n - 1]].pos > hi)
        lines[idx[n - 1]].pos = hi;
    for (size_t k = n - 1; k > 0; k--)
        lines[idx[k - 1]].pos = MIN(lines[idx[k - 1]].pos, lines[idx[k]].pos - gap);
    bool fits = lines[idx[0]].pos >= lo - 1e-6;
    g_free(idx);
    return fits;
}

/* The plot frame: where days and values go on the page. */
typedef struct {
    double x0, x1, top, bottom; /* gridlines span x0..x1 */
    double px0, px1;            /* first and last day */
    double d_lo, d_hi;
    br_scale ys;
} frame;

static double frame_x(const frame *f, double day)
{
    double span = f->d_hi - f->d_lo;
    return span > 0 ? f->px0 + (day - f->d_lo) / span * (f->px1 - f->px0) : (f->px0 + f->px1) / 2;
}

/* Does the y axis start at zero?  A line shows change, not size, so zero
 * is on the axis only when the data come near it (the lowest value below
 * a third of the highest, or values on both sides of it); CO2 at 315-416
 * ppm gets the whole height, not its top fifth. */
static bool zero_on_axis(double v_lo, double v_hi)
{
    if (v_lo <= 0 && v_hi >= 0)
        return true;
    if (v_lo > 0)
        return v_lo <= v_hi / 3;
    return v_hi >= v_lo / 3; /* all negative: mirror */
}

/* Nice y ticks with the least headroom above the data (at most 7 ticks). */
static br_scale y_scale(double v_lo, double v_hi, double v_min_pos, bool log_scale, double bottom, double top)
{
    if (log_scale)
        return br_scale_log(v_min_pos, v_hi, bottom, top);
    if (zero_on_axis(v_lo, v_hi)) {
        v_lo = fmin(0, v_lo);
        v_hi = fmax(0, v_hi);
    }
    br_scale best = br_scale_linear(v_lo, v_hi, 3, bottom, top);
    for (int target = 4; target <= 6; target++) {
        br_scale s = br_scale_linear(v_lo, v_hi, target, bottom, top);
        if (s.n_ticks <= 7 && s.hi - s.lo < best.hi - best.lo - 1e-9 * fabs(best.hi - best.lo))
            best = s;
    }
    return best;
}

static void place_points(line *lines, size_t n, const frame *f)
{
    for (size_t i = 0; i < n; i++) {
        line *ln = &lines[i];
        if (!ln->px) {
            ln->px = g_new(double, ln->n);
            ln->py = g_new(double, ln->n);
        }
        for (size_t k = 0; k < ln->n; k++) {
            ln->px[k] = frame_x(f, day_number(ln->obs[k]->period_end));
            ln->py[k] = br_scale_map(&f->ys, ln->obs[k]->value);
        }
    }
}

typedef struct {
    double x0, y0, x1, y1;
} box;

static bool boxes_meet(const box *a, const box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Does the box touch any line, marker or box in `taken`? */
static bool box_free(const line *lines, size_t n, const box *b, const GArray *taken)
{
    for (guint i = 0; i < taken->len; i++)
        if (boxes_meet(b, &g_array_index(taken, box, i)))
            return false;
    for (size_t i = 0; i < n; i++) {
        const line *ln = &lines[i];
        for (size_t k = 0; k < ln->n; k++) {
            double r = MARKER_R + 1.5;
            box m = {ln->px[k] - r, ln->py[k] - r, ln->px[k] + r, ln->py[k] + r};
            if (boxes_meet(b, &m))
                return false;
            if (k + 1 == ln->n)
                continue;
            double dx = ln->px[k + 1] - ln->px[k], dy = ln->py[k + 1] - ln->py[k];
            int steps = (int)ceil(hypot(dx, dy) / 0.5) + 1;
            for (int s = 0; s <= steps; s++) {
                double qx = ln->px[k] + dx * s / steps, qy = ln->py[k] + dy * s / steps;
                if (qx > b->x0 - 1 && qx < b->x1 + 1 && qy > b->y0 - 1 && qy < b->y1 + 1)
                    return false;
            }
        }
    }
    return true;
}

/* Where a note marker goes beside point i: a free corner (upper first)
 * away from the segments to its neighbours. */
/* bottom: the plot's bottom edge; a marker never hangs below it into the
 * axis labels. */
static box note_box(const line *ln, size_t i, double w, double h, double bottom)
{
    const double *py = ln->py;
    size_t n = ln->n;
    double px = ln->px[i];
    bool left_up = i > 0 && py[i - 1] < py[i] - 0.5, left_down = i > 0 && py[i - 1] > py[i] + 0.5;
    bool right_up = i + 1 < n && py[i + 1] < py[i] - 0.5, right_down = i + 1 < n && py[i + 1] > py[i] + 0.5;
    bool left_flat = i > 0 && !left_up && !left_down, right_flat = i + 1 < n && !right_up && !right_down;
    double up = py[i] - MARKER_R - h * 0.62, down = py[i] + MARKER_R - h * 0.2;
    double lx = px - 1 - w, rx = px + 1;
    double ox, oy;
    if (!left_up && !left_flat) {
        ox = lx, oy = up;
    } else if (!right_up && !right_flat) {
        ox = rx, oy = up;
    } else if (!left_down) {
        ox = lx, oy = down;
    } else {
        ox = rx, oy = down;
    }
    if (oy + h > bottom)
        oy = up;
    return (box){ox, oy, ox + w, oy + h};
}

/* An x-axis label centred at tx (kept inside the chart) unless it would
 * touch one already placed; with a stroke, its tick mark too. */
static void x_label(br_chart_ctx *c, br_device *dev, GArray *placed, const char *s, double tx, double x,
                    double width, double y_center, double plot_bottom, const br_stroke *tick)
{
    double tw = br_chart_text_width(c, s, c->theme.label_size, false);
    double lx = fmin(fmax(tx - tw / 2, x), x + width - tw);
    box b = {lx - 3, 0, lx + tw + 3, 1};
    for (guint k = 0; k < placed->len; k++)
        if (boxes_meet(&b, &g_array_index(placed, box, k)))
            return;
    g_array_append_val(placed, b);
    if (tick)
        br_dev_line(dev, tx, plot_bottom, tx, plot_bottom + 3, tick, c->theme.axis);
    br_chart_label(c, dev, s, lx, y_center, 0, BR_ALIGN_LEFT, c->theme.axis);
}

/* Is there a gap before point k (k >= 1)?  Periods are missing when the
 * step to k is more than 1.5 times the series' usual step (the median),
 * and a line is not drawn across missing periods: drought deaths of 1928
 * and 1940 are two points, not a slope. */
static bool gap_before(const line *ln, size_t k, double usual)
{
    double d = (double)(day_number(ln->obs[k]->period_end) - day_number(ln->obs[k - 1]->period_end));
    return usual > 0 && d > usual * 1.5 + 1;
}

static gint cmp_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The usual step between a line's periods (days): the median of them. */
static double usual_step(const line *ln)
{
    if (ln->n < 3)
        return 0; /* two points: nothing to compare with */
    double *d = g_new(double, ln->n - 1);
    for (size_t k = 1; k < ln->n; k++)
        d[k - 1] = day_number(ln->obs[k]->period_end) - day_number(ln->obs[k - 1]->period_end);
    qsort(d, ln->n - 1, sizeof *d, cmp_double);
    double m = d[(ln->n - 1) / 2];
    g_free(d);
    return m;
}

static void draw_series(br_device *dev, const line *ln)
{
    double usual = usual_step(ln);
    br_stroke st = br_chart_line_stroke(LINE_WIDTH, ln->hatch);
    st.join = BR_JOIN_ROUND;
    st.cap = BR_CAP_ROUND;
    br_path *p = br_path_new();
    bool any_segment = false;
    for (size_t a = 0; a < ln->n;) {
        size_t b = a + 1; /* the stretch [a, b) has no gap inside */
        while (b < ln->n && !gap_before(ln, b, usual))
            b++;
        if (b - a == 1) {
            /* A point alone between gaps: a marker, or nobody sees it. */
            if (ln->n >= SPARSE_POINTS)
                br_dev_fill_circle(dev, ln->px[a], ln->py[a], MARKER_R, ln->color);
        } else {
            br_path_move_to(p, ln->px[a], ln->py[a]);
            for (size_t k = a + 1; k < b; k++)
                br_path_line_to(p, ln->px[k], ln->py[k]);
            any_segment = true;
        }
        a = b;
    }
    if (any_segment)
        br_dev_stroke_path(dev, p, &st, ln->color);
    br_path_free(p);
    if (ln->n < SPARSE_POINTS)
        for (size_t k = 0; k < ln->n; k++)
            br_dev_fill_circle(dev, ln->px[k], ln->py[k], ln->n == 1 ? MARKER_R + 0.5 : MARKER_R, ln->color);
}

/* ---- the chart, step by step ---------------------------------------- */

/* What the steps share. */
typedef struct {
    br_chart_ctx *c;
    const br_chart_spec *spec;
    const br_indicator *ind;
    line *lines;
    size_t n, n_candidates;
    bool swapped; /* the focus entity replaced the last of the top N */
    bool by_indicator; /* several indicators of one entity: a line each */
    /* extent */
    double d_lo, d_hi, data_lo, data_hi, v_lo, v_hi, v_min_pos;
    const br_observation *first, *last;
    bool annual, log_scale;
    int y_lo, y_hi;
    /* labels */
    double size, space_w, line_h, col_w, gutter;
    bool end_labels;
    br_chart_notes *notes;
    const char **point_marks; /* per point of every line, in line order */
    char ticks[BR_SCALE_MAX_TICKS][BR_NUM_BUF];
    frame f;
} line_chart;

/* The days and values the lines cover, and the axis span around them. */
static void measure_extent(line_chart *lc)
{
    lc->d_lo = INFINITY, lc->d_hi = -INFINITY, lc->v_lo = INFINITY, lc->v_hi = -INFINITY;
    lc->v_min_pos = INFINITY;
    bool all_pos = true;
    for (size_t i = 0; i < lc->n; i++) {
        for (size_t k = 0; k < lc->lines[i].n; k++) {
            const br_observation *o = lc->lines[i].obs[k];
            double d = day_number(o->period_end);
            if (d < lc->d_lo) {
                lc->d_lo = d;
                lc->first = o;
            }
            if (d > lc->d_hi) {
                lc->d_hi = d;
                lc->last = o;
            }
            lc->v_lo = fmin(lc->v_lo, o->value);
            lc->v_hi = fmax(lc->v_hi, o->value);
            if (o->value > 0)
                lc->v_min_pos = fmin(lc->v_min_pos, o->value);
            all_pos &= o->value > 0;
        }
    }
    lc->data_lo = lc->d_lo, lc->data_hi = lc->d_hi;
    /* Annual figures (periods ending on 31 December) sit on year-end ticks
     * labelled with their year; mostly sub-annual series get year spans. */
    size_t n_ye = 0, n_obs = 0;
    for (size_t i = 0; i < lc->n; i++)
        for (size_t k = 0; k < lc->lines[i].n; k++, n_obs++)
            n_ye += lc->lines[i].obs[k]->period_end % 10000 == 1231;
    lc->annual = 2 * n_ye >= n_obs;
    lc->y_lo = lc->first->period_end / 10000, lc->y_hi = lc->last->period_end / 10000;
    if (lc->annual) {
        /* At least two year ends on the axis. */
        int n_year_ends = 0;
        for (int yr = lc->y_lo; yr <= lc->y_hi; yr++)
            n_year_ends += year_end(yr) >= lc->d_lo && year_end(yr) <= lc->d_hi;
        if (n_year_ends < 2) {
            lc->d_lo = fmin(lc->d_lo, year_end(lc->y_lo - 1));
            lc->y_lo--;
            n_year_ends = 0;
            for (int yr = lc->y_lo; yr <= lc->y_hi; yr++)
                n_year_ends += year_end(yr) >= lc->d_lo && year_end(yr) <= lc->d_hi;
            if (n_year_ends < 2)
                lc->d_hi = fmax(lc->d_hi, year_end(lc->y_hi));
        }
    } else if (lc->d_hi - lc->d_lo < 180) {
        /* A few months: show the whole calendar year(s). */
        lc->d_lo = fmin(lc->d_lo, year_end(lc->y_lo - 1) + 1);
        lc->d_hi = fmax(lc->d_hi, year_end(lc->y_hi));
    }
    lc->log_scale = lc->spec->log_scale == 1 && all_pos;
    if (lc->spec->log_scale == 1 && !all_pos)
        br_chart_problem(lc->c, lc->spec, "scale", BR_SEV_WARNING,
                         "\"log\": some values are zero or negative, which a log scale cannot show; drawn on a "
                         "linear scale");
}

/* Unit, periods, scale, cut. */
static GString *subtitle(line_chart *lc)
{
    br_chart_ctx *c = lc->c;
    GString *sub = g_string_new(NULL);
    char *unit = br_unit_label(c, lc->ind);
    if (strcmp(lc->ind->unit, "percent") == 0)
        g_string_append(sub, c->str->percent_word);
    else if (*unit)
        g_string_append(sub, unit);
    g_free(unit);
    char *span = br_period_span_label(c->loc, lc->first->period, lc->last->period);
    g_string_append(sub, sub->len ? c->str->comma : "");
    g_string_append(sub, span);
    g_free(span);
    if (lc->log_scale) {
        g_string_append(sub, " · ");
        g_string_append(sub, c->str->log_scale);
    }
    if (lc->n < lc->n_candidates) {
        char buf[128];
        br_count_phrase(c, lc->swapped ? c->str->shown_some : c->str->shown_top, lc->n, lc->n_candidates, buf,
                        sizeof buf);
        g_string_append(sub, " · ");
        g_string_append(sub, buf);
    }
    return sub;
}

/* Colours, note markers, and each end label's text and widths; returns
 * the widest label. */
static double end_label_texts(line_chart *lc)
{
    br_chart_ctx *c = lc->c;
    const br_theme *t = &c->theme;
    size_t total_points = 0;
    for (size_t i = 0; i < lc->n; i++)
        total_points += lc->lines[i].n;
    lc->notes = br_chart_notes_new();
    lc->point_marks = g_new0(const char *, total_points);
    lc->space_w = br_chart_text_width(c, "n", lc->size, false) * 0.55;
    double longest = 0;
    for (size_t i = 0, base = 0; i < lc->n; base += lc->lines[i].n, i++) {
        line *ln = &lc->lines[i];
        if (lc->spec->focus) {
            bool is_focus = strcmp(ln->entity->id, lc->spec->focus) == 0;
            ln->color = is_focus ? t->highlight : t->muted;
            ln->text_color = is_focus ? t->highlight : t->secondary;
            ln->hatch = BR_HATCH_NONE;
        } else {
            ln->color = t->categories[i % 7];
            ln->text_color = text_tint(ln->color);
            ln->hatch = br_chart_hatch_for(c, (int)(i % 7));
        }
        for (size_t k = 0; k < ln->n; k++)
            lc->point_marks[base + k] = br_chart_notes_add(lc->notes, ln->obs[k]);
        const br_observation *o = ln->obs[ln->n - 1];
        char num[BR_NUM_BUF];
        br_value_text(c, ln->ind, o->value, o->qualifier, num);
        GString *v = g_string_new(num);
        g_string_append(v, lc->point_marks[base + ln->n - 1]);
        if (day_number(o->period_end) < lc->data_hi) {
            char *p = br_period_label(c->loc, o->period);
            g_string_append_printf(v, " (%s)", p);
            g_free(p);
        }
        ln->value = g_string_free(v, FALSE);
        ln->label = g_strdup(lc->by_indicator ? br_indicator_label(c, ln->ind) : br_entity_label(c, ln->entity));
        ln->name_w = br_chart_text_width(c, ln->label, lc->size, false);
        ln->value_w = br_chart_text_width(c, ln->value, lc->size, false);
        longest = fmax(longest, ln->name_w + lc->space_w + ln->value_w);
    }
    return longest;
}

/* The y tick labels and the gutter they need. */
static void y_ticks(line_chart *lc)
{
    br_chart_ctx *c = lc->c;
    br_scale ys = y_scale(lc->v_lo, lc->v_hi, lc->v_min_pos, lc->log_scale, 1, 0);
    lc->gutter = 0;
    for (int k = 0; k < ys.n_ticks; k++) {
        br_tick_text(c, lc->ind, &ys, k, false, lc->ticks[k]);
        lc->gutter = fmax(lc->gutter, br_chart_text_width(c, lc->ticks[k], lc->size, false));
    }
    lc->gutter += 5;
}

/* A name cut to fit max_width, with its width. */
static char *fit_name(br_chart_ctx *c, const char *name, double max_width, double size, double *width)
{
    char *s = br_chart_fit_line(c, name, max_width, size, false);
    *width = br_chart_text_width(c, s, size, false);
    return s;
}

/* The end-label column: as wide as the longest label, at most a third of
 * the width; names shorten with an ellipsis, values never do. */
static void fit_column(line_chart *lc, double longest, double width)
{
    lc->col_w = fmin(longest, width * 0.34);
    for (size_t i = 0; i < lc->n; i++) {
        line *ln = &lc->lines[i];
        double room = lc->col_w - lc->space_w - ln->value_w;
        if (ln->name_w > room) {
            char *cut = fit_name(lc->c, ln->label, fmax(room, 24), lc->size, &ln->name_w);
            g_free(ln->label);
            ln->label = cut;
        }
        ln->label_w = ln->name_w + lc->space_w + ln->value_w;
    }
    lc->col_w = 0;
    for (size_t i = 0; i < lc->n; i++)
        lc->col_w = fmax(lc->col_w, lc->lines[i].label_w);
    lc->end_labels = width - lc->gutter - lc->col_w - END_GAP >= width * 0.45;
}

/* Places the plot under the header (height head_h) and the end labels:
 * lines that stop early beside their last point when that is free, the
 * others in the column, pushed apart; when they cannot fit, no column. */
static void place_frame(line_chart *lc, double x, double y, double width, double head_h, double plot_h,
                        GArray *taken)
{
    frame *f = &lc->f;
    line *lines = lc->lines;
    size_t n = lc->n;
    double line_h = lc->line_h;
    f->d_lo = lc->d_lo, f->d_hi = lc->d_hi;
    f->x0 = x + lc->gutter;
    for (int attempt = 0; attempt < 2; attempt++) {
        f->x1 = x + width - (lc->end_labels ? lc->col_w + END_GAP : 0);
        f->px0 = f->x0 + X_INSET;
        f->px1 = f->x1 - X_INSET;
        f->top = y + head_h + line_h / 2 + 1;
        f->bottom = f->top + plot_h;
        f->ys = y_scale(lc->v_lo, lc->v_hi, lc->v_min_pos, lc->log_scale, f->bottom, f->top);
        place_points(lines, n, f);
        if (!lc->end_labels)
            break;
        g_array_set_size(taken, 0);
        size_t n_col = 0;
        line **col = g_new(line *, n);
        for (size_t i = 0; i < n; i++) {
            line *ln = &lines[i];
            double ex = ln->px[ln->n - 1], ey = ln->py[ln->n - 1];
            ln->inline_label = false;
            if (ex < f->px1 - 0.5) {
                double lx = ex + MARKER_R + 3;
                box b = {lx, ey - line_h / 2, lx + ln->label_w, ey + line_h / 2};
                if (b.x1 <= f->x1 && b.y0 >= f->top - line_h / 2 && b.y1 <= f->bottom + 3 &&
                    box_free(lines, n, &b, taken)) {
                    ln->inline_label = true;
                    ln->pos = ey;
                    g_array_append_val(taken, b);
                }
            }
            if (!ln->inline_label) {
                ln->want = ey;
                col[n_col++] = ln;
            }
        }
        /* Relax the column's labels (on a copy, in line order). */
        line *tmp = g_new(line, n_col ? n_col : 1);
        for (size_t k = 0; k < n_col; k++)
            tmp[k] = *col[k];
        double lo = y + head_h + line_h / 2, hi = f->bottom + 3.5 - line_h / 2;
        bool fits = relax(tmp, n_col, line_h, lo, hi);
        for (size_t k = 0; k < n_col; k++)
            col[k]->pos = tmp[k].pos;
        g_free(tmp);
        g_free(col);
        if (fits)
            break;
        lc->end_labels = false;
    }
}

/* The legend above the plot when there is no end-label column: "Name
 * value" as the end labels would say (even for a single line, whose name
 * would otherwise be lost).  Moves the plot down; returns the height. */
static double legend(line_chart *lc, br_device *dev, double x, double y, double width)
{
    br_chart_ctx *c = lc->c;
    double legend_h = 0, cx = x, lh = 11, sw = 14;
    for (size_t i = 0; i < lc->n; i++) {
        line *ln = &lc->lines[i];
        double nw = 0;
        char *name = fit_name(c, lc->by_indicator ? br_indicator_label(c, ln->ind) : br_entity_label(c, ln->entity),
                              fmax(width - sw - 3 - lc->space_w - ln->value_w, 24), lc->size, &nw);
        double tw = nw + lc->space_w + ln->value_w;
        if (cx > x && cx + sw + 3 + tw > x + width) {
            cx = x;
            legend_h += lh;
        }
        double ly = y + legend_h + lh / 2;
        br_stroke st = br_chart_line_stroke(LINE_WIDTH, ln->hatch);
        st.cap = BR_CAP_ROUND;
        if (ln->n >= 2)
            br_dev_line(dev, cx, ly, cx + sw, ly, &st, ln->color);
        if (ln->n < SPARSE_POINTS)
            br_dev_fill_circle(dev, cx + sw / 2, ly, MARKER_R, ln->color);
        br_chart_label(c, dev, name, cx + sw + 3, ly, 0, BR_ALIGN_LEFT, ln->text_color);
        br_chart_label(c, dev, ln->value, cx + sw + 3 + nw + lc->space_w, ly, 0, BR_ALIGN_LEFT, ln->text_color);
        cx += sw + 3 + tw + 10;
        g_free(name);
    }
    legend_h += lh + 2;
    lc->f.top += legend_h;
    lc->f.bottom += legend_h;
    lc->f.ys = y_scale(lc->v_lo, lc->v_hi, lc->v_min_pos, lc->log_scale, lc->f.bottom, lc->f.top);
    place_points(lc->lines, lc->n, &lc->f);
    return legend_h;
}

/* Gridlines and y tick labels. */
static void draw_grid(line_chart *lc, br_device *dev, double x)
{
    const br_theme *t = &lc->c->theme;
    const frame *f = &lc->f;
    br_stroke grid = br_stroke_solid(0.5);
    for (int k = 0; k < f->ys.n_ticks; k++) {
        double ty = br_scale_map(&f->ys, f->ys.ticks[k]);
        bool zero = !lc->log_scale && f->ys.ticks[k] == 0;
        if (!zero)
            br_dev_line(dev, f->x0, ty, f->x1, ty, &grid, t->grid);
        br_chart_label(lc->c, dev, lc->ticks[k], x, ty, lc->gutter - 5, BR_ALIGN_RIGHT, t->axis);
    }
}

/* The x axis: year ticks and labels, and the axis line; returns the
 * centre of the labels' line. */
static double draw_x_axis(line_chart *lc, br_device *dev, double x, double width)
{
    br_chart_ctx *c = lc->c;
    const br_theme *t = &c->theme;
    const frame *f = &lc->f;
    double xlab_y = f->bottom + 4 + lc->line_h / 2;
    GArray *xl = g_array_new(FALSE, FALSE, sizeof(box)); /* x labels placed */
    br_stroke tick = br_stroke_solid(0.5);
    double year_w = br_chart_text_width(c, "2000", lc->size, false) + 8;
    double per_year = f->d_hi > f->d_lo ? 365.25 / (f->d_hi - f->d_lo) * (f->px1 - f->px0) : f->px1 - f->px0;
    static const int steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
    int ystep = 1;
    for (size_t s = 0; s < G_N_ELEMENTS(steps); s++) {
        ystep = steps[s];
        if (per_year * ystep >= year_w)
            break;
    }
    if (lc->annual) {
        /* The first and last period when they do not end a year ("Sep 2024"),
         * then year ends in steps of 1, 2, 5, 10 ... years where they fit. */
        const br_observation *ends[2] = {lc->first, lc->last};
        double end_days[2] = {lc->data_lo, lc->data_hi};
        for (int e = 0; e < 2; e++) {
            if ((e == 1 && end_days[1] == end_days[0]) || ends[e]->period_end % 10000 == 1231)
                continue;
            char *pl = br_period_label(c->loc, ends[e]->period);
            x_label(c, dev, xl, pl, frame_x(f, end_days[e]), x, width, xlab_y, f->bottom, &tick);
            g_free(pl);
        }
        for (int yr = lc->y_lo; yr <= lc->y_hi; yr++) {
            double d = year_end(yr);
            if (d < f->d_lo - 0.5 || d > f->d_hi + 0.5 || (ystep > 1 && yr % ystep != 0))
                continue;
            char yl[16];
            g_snprintf(yl, sizeof yl, "%d", yr);
            x_label(c, dev, xl, yl, frame_x(f, d), x, width, xlab_y, f->bottom, &tick);
        }
    } else {
        /* Ticks where years begin; with room, each year's label centred in
         * its span, else labels on every 2nd, 5th ... year's first tick. */
        for (int yr = lc->y_lo; yr <= lc->y_hi + 1; yr++) {
            double b0 = year_end(yr - 1) + 1, b1 = year_end(yr) + 1;
            char yl[16];
            g_snprintf(yl, sizeof yl, "%d", yr);
            if (b0 >= f->d_lo - 0.5 && b0 <= f->d_hi + 0.5) {
                double tx = frame_x(f, b0);
                br_dev_line(dev, tx, f->bottom, tx, f->bottom + 3, &tick, t->axis);
                if (ystep > 1 && yr % ystep == 0)
                    x_label(c, dev, xl, yl, tx, x, width, xlab_y, f->bottom, NULL);
            }
            if (ystep == 1) {
                double v0 = frame_x(f, fmax(b0, f->d_lo)), v1 = frame_x(f, fmin(b1, f->d_hi));
                double tw = br_chart_text_width(c, yl, lc->size, false);
                if (v1 - v0 >= tw + 4)
                    x_label(c, dev, xl, yl, (v0 + v1) / 2, x, width, xlab_y, f->bottom, NULL);
                else if (b0 >= f->d_lo - 0.5 && b0 <= f->d_hi + 0.5) /* a partial year: from its first tick */
                    x_label(c, dev, xl, yl, frame_x(f, b0) + tw / 2, x, width, xlab_y, f->bottom, NULL);
                else if (b1 >= f->d_lo - 0.5 && b1 <= f->d_hi + 0.5) /* up to its last tick */
                    x_label(c, dev, xl, yl, frame_x(f, b1) - tw / 2, x, width, xlab_y, f->bottom, NULL);
            }
        }
    }
    g_array_free(xl, TRUE);
    br_stroke axis = br_stroke_solid(0.75);
    bool zero_in = f->ys.lo <= 0 && f->ys.hi >= 0;
    double zy = lc->log_scale || !zero_in ? f->bottom : br_scale_map(&f->ys, 0);
    br_dev_line(dev, f->x0, zy, f->x1, zy, &axis, t->axis);
    return xlab_y;
}

/* Lines and markers: the first line on top, the focus over all. */
static void draw_lines(line_chart *lc, br_device *dev)
{
    size_t focus_i = lc->n;
    for (size_t i = 0; lc->spec->focus && i < lc->n; i++)
        if (strcmp(lc->lines[i].entity->id, lc->spec->focus) == 0)
            focus_i = i;
    for (size_t j = lc->n; j-- > 0;)
        if (j != focus_i)
            draw_series(dev, &lc->lines[j]);
    if (focus_i < lc->n)
        draw_series(dev, &lc->lines[focus_i]);
}

/* Note markers beside points (the last point's is in its end label or
 * legend entry). */
static void draw_note_marks(line_chart *lc, br_device *dev)
{
    br_chart_ctx *c = lc->c;
    double mark_size = 8.5;
    double mark_h = br_chart_line_height(c, mark_size, false);
    for (size_t i = 0, base = 0; i < lc->n; base += lc->lines[i].n, i++) {
        line *ln = &lc->lines[i];
        for (size_t k = 0; k + 1 < ln->n; k++) {
            const char *m = lc->point_marks[base + k];
            if (!*m)
                continue;
            double mw = br_chart_text_width(c, m, mark_size, false);
            box b = note_box(ln, k, mw, mark_h, lc->f.bottom);
            br_chart_text(c, dev, m, b.x0, b.y0, 0, mark_size, 0, false, ln->text_color, BR_ALIGN_LEFT);
        }
    }
}

/* End labels in the column (with leaders) or beside their last point. */
static void draw_end_labels(line_chart *lc, br_device *dev)
{
    const br_theme *t = &lc->c->theme;
    const frame *f = &lc->f;
    for (size_t i = 0; lc->end_labels && i < lc->n; i++) {
        line *ln = &lc->lines[i];
        double ex = ln->px[ln->n - 1], ey = ln->py[ln->n - 1];
        double lx = ln->inline_label ? ex + MARKER_R + 3 : f->x1 + END_GAP;
        if (!ln->inline_label) {
            double from = ex + (ln->n < SPARSE_POINTS ? MARKER_R + 1.5 : 2);
            if (ex < f->px1 - 0.5) {
                /* A line that stops early: a dotted grey leader, so it cannot pass for data. */
                br_stroke dots = br_stroke_dashed(0.5, 1, 2);
                br_dev_line(dev, from, ey, lx - 2, ln->pos, &dots, t->other);
            } else if (fabs(ln->pos - ey) > 1.0) {
                br_stroke ls = br_stroke_solid(0.5);
                br_path *p = br_path_new();
                br_path_move_to(p, from, ey);
                br_path_line_to(p, f->x1 + 2, ey);
                br_path_line_to(p, lx - 2, ln->pos);
                br_dev_stroke_path(dev, p, &ls, ln->color);
                br_path_free(p);
            }
        }
        br_chart_label(lc->c, dev, ln->label, lx, ln->pos, 0, BR_ALIGN_LEFT, ln->text_color);
        br_chart_label(lc->c, dev, ln->value, lx + ln->name_w + lc->space_w, ln->pos, 0, BR_ALIGN_LEFT,
                       ln->text_color);
    }
}

static void line_chart_clear(line_chart *lc)
{
    for (size_t i = 0; i < lc->n; i++) {
        g_free(lc->lines[i].obs);
        g_free(lc->lines[i].label);
        g_free(lc->lines[i].value);
        g_free(lc->lines[i].px);
        g_free(lc->lines[i].py);
    }
    g_free(lc->lines);
    g_free(lc->point_marks);
    br_chart_notes_free(lc->notes);
}

/* The entity a chart of several indicators is about: the block's first
 * entity, the profile's focus, the set's reference, else the one with
 * most observations of them. */
static const br_entity *indicators_entity(const br_chart_ctx *c, const br_chart_spec *spec,
                                          const br_indicator *const *inds, size_t n)
{
    const br_set *set = c->set;
    if (spec->n_entities > 0)
        return br_set_lookup_entity(set, spec->entities[0]);
    if (spec->focus && br_set_lookup_entity(set, spec->focus))
        return br_set_lookup_entity(set, spec->focus);
    if (c->focus)
        return c->focus;
    if (set->reference)
        return set->reference;
    size_t *count = g_new0(size_t, set->n_entities + 1), best = 0;
    const br_entity *e = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < inds[i]->n_observations; k++) {
            const br_entity *oe = inds[i]->observations[k].entity;
            if (++count[oe->index] > best) {
                best = count[oe->index];
                e = oe;
            }
        }
    g_free(count);
    return e;
}

/* Several indicators of one entity, a line each (unemployment by
 * industry): the listed indicators in the first one's unit.  OUT: *first,
 * *n. */
static line *pick_indicator_lines(br_chart_ctx *c, const br_chart_spec *spec, const br_indicator **first,
                                  size_t *n_out)
{
    const br_set *set = c->set;
    const br_indicator *inds[BR_CHART_MAX_LIST];
    size_t n_ind = 0;
    for (size_t i = 0; i < spec->n_indicators && n_ind < BR_CHART_MAX_LIST; i++) {
        const br_indicator *ind = br_set_lookup_indicator(set, spec->indicators[i]);
        if (!ind) {
            br_chart_problem(c, spec, "indicators", BR_SEV_WARNING, "no indicator with id \"%s\" in the set",
                             spec->indicators[i]);
            continue;
        }
        if (n_ind > 0 && strcmp(ind->unit, inds[0]->unit) != 0) {
            br_chart_problem(c, spec, "indicators", BR_SEV_ERROR,
                             "\"%s\" is in %s, \"%s\" in %s; one line chart has one unit", inds[0]->id,
                             inds[0]->unit, ind->id, ind->unit);
            continue;
        }
        inds[n_ind++] = ind;
    }
    *n_out = 0;
    *first = n_ind ? inds[0] : NULL;
    line *lines = g_new0(line, n_ind + 1);
    const br_entity *e = n_ind ? indicators_entity(c, spec, inds, n_ind) : NULL;
    for (size_t i = 0; e && i < n_ind && *n_out < MAX_LINES; i++) {
        GPtrArray *a = g_ptr_array_new();
        for (size_t k = 0; k < inds[i]->n_observations; k++)
            if (inds[i]->observations[k].entity == e)
                g_ptr_array_add(a, (gpointer)&inds[i]->observations[k]);
        g_ptr_array_sort(a, by_day);
        if (a->len > 0) {
            line *ln = &lines[(*n_out)++];
            ln->entity = e;
            ln->ind = inds[i];
            ln->n = a->len;
            ln->order = i;
            ln->obs = g_new(const br_observation *, a->len);
            memcpy(ln->obs, a->pdata, sizeof(gpointer) * a->len);
        }
        g_ptr_array_free(a, TRUE);
    }
    if (n_ind > MAX_LINES)
        br_chart_problem(c, spec, "indicators", BR_SEV_WARNING, "a line chart draws at most %d lines; %zu indicators given",
                         MAX_LINES, n_ind);
    return lines;
}

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    line_chart lc = {.c = c, .spec = spec};
    if (spec->n_indicators > 1) {
        lc.by_indicator = true;
        lc.lines = pick_indicator_lines(c, spec, &lc.ind, &lc.n);
        lc.n_candidates = lc.n;
        if (lc.n == 0) {
            g_free(lc.lines);
            return br_chart_no_data(c, dev, spec->title ? spec->title : lc.ind ? br_indicator_label(c, lc.ind) : "",
                                    x, y, width);
        }
    } else {
        lc.ind = pick(c->set, spec);
        if (!lc.ind)
            return br_chart_no_data(c, dev, spec->title ? spec->title : spec->topic ? br_topic_label(c, spec->topic) : "",
                                    x, y, width);
        lc.lines = pick_lines(c, spec, lc.ind, &lc.n, &lc.n_candidates, &lc.swapped);
    }
    /* Several indicators of one entity: titled by their topic and the entity. */
    char *own_title = NULL;
    if (lc.by_indicator && !spec->title)
        own_title = g_strdup_printf("%s%s%s", br_topic_label(c, lc.ind->topic), c->str->colon,
                                    br_entity_label(c, lc.lines[0].entity));
    const char *title = spec->title ? spec->title : own_title ? own_title : br_indicator_label(c, lc.ind);
    if (lc.n == 0) {
        g_free(lc.lines);
        double h0 = br_chart_no_data(c, dev, title, x, y, width);
        g_free(own_title);
        return h0;
    }
    lc.size = c->theme.label_size;
    measure_extent(&lc);
    if (lc.data_lo == lc.data_hi && !lc.by_indicator) {
        /* One period is no time series: a time axis around it would
         * invent years.  The same figures as ranked bars. */
        br_chart_problem(c, spec, "kind", BR_SEV_WARNING,
                         "\"line\": \"%s\" has one period (%s) for the entities shown; drawn as bars",
                         lc.ind->id, lc.first->period);
        br_chart_spec bars = *spec;
        bars.kind = BR_CHART_BARS;
        bars.indicator = lc.ind->id;
        bars.period = lc.first->period;
        line_chart_clear(&lc);
        g_free(own_title);
        return br_chart_kind_of(BR_CHART_BARS)->draw(c, &bars, dev, x, y, width);
    }
    GString *sub = subtitle(&lc);
    double longest = end_label_texts(&lc);
    y_ticks(&lc);
    lc.line_h = br_chart_line_height(c, lc.size, false);
    fit_column(&lc, longest, width);
    double head_h = br_chart_header(c, dev, title, sub->str, x, y, width);
    g_string_free(sub, TRUE);

    GArray *taken = g_array_new(FALSE, FALSE, sizeof(box)); /* inline labels and note markers */
    place_frame(&lc, x, y, width, head_h, CLAMP(width * 0.32, 110, 170), taken);
    if (!lc.end_labels)
        legend(&lc, dev, x, y + head_h, width);
    draw_grid(&lc, dev, x);
    double xlab_y = draw_x_axis(&lc, dev, x, width);
    draw_lines(&lc, dev);
    draw_note_marks(&lc, dev);
    draw_end_labels(&lc, dev);

    double h = xlab_y + lc.line_h / 2 - y + 6;
    h += br_chart_notes_draw(c, lc.notes, dev, x, y + h, width);
    g_array_free(taken, TRUE);
    line_chart_clear(&lc);
    g_free(own_title);
    return h;
}

const br_chart_kind_def br_chart_kind_line = {"line", BR_CHART_LINE, draw,
    BR_OPT_IND_ANY | BR_OPT_INDICATORS | BR_OPT_TOP | BR_OPT_FOCUS | BR_OPT_SCALE | BR_OPT_ENTITIES | BR_OPT_SELECT, MAX_LINES};
