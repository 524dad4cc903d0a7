/* chart_tilemap: the tile-grid map and the innovation mosaic (issue 4).
 *
 * Design note.  Every entity with a `tile` [col, row] is one square of a
 * grid; the grid is trimmed to the cells in use and scaled to the width
 * (squares of at most TILE_MAX pt, so a 10 x 8 grid stays compact, with
 * TILE_GAP between them), and never taller than MAP_MAX_H so a block fits a
 * page.  Entities without a tile are not drawn.  When no entity of the set
 * has a tile, a tile map has nothing to show and returns 0 (layout leaves
 * the block out); a mosaic then shows only its numbered list, or nothing
 * when no region lists a focus either.
 *
 * Tile map.  Fill is ColorBrewer Blues in (up to) 5 classes.  Class breaks
 * are quantiles moved to the roundest number near them: break i may move
 * anywhere between the midpoints to its neighbouring quantiles, and takes
 * the coarsest 1 or 5 x 10^k that lies there.  Quantiles, because the
 * indicators of a briefing are skewed (patents: a few regions hold most of
 * them), so equal intervals would put nearly every tile in the lightest
 * class; moved to round numbers, because a reader compares "1,000-2,000"
 * at a glance and not "1,043-2,187".  The window keeps the breaks in order
 * and the classes roughly balanced; a class left empty is merged away (and
 * fewer classes take evenly spread colours of the five).  The outer bounds
 * are nice ticks around the data.  Tiles show the `short` label and, when
 * every value fits at >= 6 pt, the value below it (with qualifier and note
 * marker).  Regions without data are white with grey hatching (clipped 45
 * degree lines, so the PDF needs no patterns) and are named in the legend
 * when there are few.
 *
 * Mosaic.  Tiles are coloured by group (Okabe-Ito, hatched past the third
 * group so groups stay apart in grayscale), or by an indicator as in the
 * tile map when the layout names one.  Regions with `focus` get a number
 * in reading order of the grid (row by row), shown in the tile's corner and
 * in a numbered list beside the map (below it when the page is narrow or
 * that is shorter): "1 Anhui: quantum computing, nuclear fusion", the
 * number on a badge in the region's group colour.  The list wraps in its
 * column and is cut with "... and N more" rather than run off the page.
 * The source line names the entities' `source`.
 *
 * Everything is measured before anything is drawn; dev == NULL measures.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/chart_common.h"
#include "charts/scale.h"

#define TILE_MAX 34.0      /* largest square, points */
#define TILE_GAP 2.0       /* between squares */
#define MAP_MAX_H 460.0    /* the map never gets taller than this */
#define PLOT_MAX_H 580.0   /* nor the map and list together (a block fits a page) */
#define LIST_MIN_COL 150.0 /* narrowest column of the mosaic list */
#define LIST_SIZE 7.5      /* list text */
#define LIST_LEADING 10.0
#define LIST_GAP 3.5       /* between list entries */
#define COL_GAP 14.0       /* between list columns, and map to list */
#define SWATCH 9.0         /* legend swatch */
#define LEGEND_LINE 12.0
#define BADGE 10.5         /* badge diameter (1-2 digits) */
#define TINT 0.35          /* mosaic: strength of the faded tiles' colour */

static const uint32_t blues[5] = {0xeff3ff, 0xbdd7e7, 0x6baed6, 0x3182bd, 0x08519c};
/* Which of the five colours n classes use: spread evenly, dark end kept. */
static const int class_colors[6][5] = {
    {0}, {2}, {1, 3}, {0, 2, 4}, {0, 1, 3, 4}, {0, 1, 2, 3, 4}};

typedef struct {
    const br_entity *e;
    const br_observation *obs; /* NULL: no data (or not coloured by value) */
    int cls;                   /* colour class; -1: no data */
    int number;                /* mosaic list number; 0: none */
    br_color fill, ink, hatch; /* hatch: colour of the pattern */
    int pattern;               /* 0 none; see draw_pattern() */
    char *label;               /* short label (+ note marker when no value shows) */
    char *value;               /* formatted value, or NULL */
} tile;

typedef struct {
    const br_entity *e;
    int number;
    br_color badge, badge_ink;
    char *markup;
    double h;
} entry;

typedef struct {
    int n;            /* classes, 1..5 */
    double b[6];      /* bounds: b[0] lowest, b[n] highest */
    int decimals;
    bool compact;
} classes;

/* ---- colour --------------------------------------------------------- */

static double channel(double v)
{
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(br_color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/* Text colour on a fill: white when it reads well there (contrast >= 4),
 * else whichever of white and the text colour contrasts more. */
static br_color ink_on(const br_theme *t, br_color fill)
{
    double l = luminance(fill), lt = luminance(t->text);
    double white = 1.05 / (l + 0.05), dark = (l + 0.05) / (lt + 0.05);
    return white >= 4.0 || white > dark ? br_rgb(0xffffff) : t->text;
}

/* A light tint of a colour (mixed with white), for tiles in the background. */
static br_color tint(br_color c, double amount)
{
    return br_color_rgb(1 - amount * (1 - c.r), 1 - amount * (1 - c.g), 1 - amount * (1 - c.b), 1);
}

static br_color group_color(const br_chart_ctx *c, const br_entity *e, int *pattern)
{
    int gi = br_group_index(c->set, br_entity_group(e));
    /* Past three categories colour alone does not survive grayscale. */
    if (pattern)
        *pattern = gi < 3 ? 0 : (gi - 3) % 4 + 1;
    return gi < 0 ? c->theme.other : c->theme.categories[gi % 7];
}

/* ---- drawing helpers ------------------------------------------------ */

/* One line of text with its top-left at (x, y); max_w > 0 cuts it with an
 * ellipsis (and aligns within max_w).  Returns the width; *h the height. */
static double text_line(br_chart_ctx *c, br_device *dev, const char *s, double x, double y, double max_w,
                        double size, bool bold, br_color color, br_align align, double *h)
{
    br_text_style st = {c->theme.family, size, bold, false, color, 0, align, 1};
    br_text *t = NULL;
    if (br_text_new(c->fonts, s, false, &st, max_w, c->diag, &t) != BR_OK) {
        if (h)
            *h = 0;
        return 0;
    }
    double w = br_text_width(t);
    if (h)
        *h = br_text_height(t);
    if (dev)
        br_text_draw(t, dev, x, y);
    br_text_free(t);
    return w;
}

/* Lines across a rectangle, clipped to it: kind 1 diagonal (45 degrees),
 * 2 dotted diagonal, 3 crosshatch, 4 the other diagonal. */
static void draw_pattern(br_device *dev, double x, double y, double w, double h, int kind, br_color color,
                         double spacing)
{
    if (!dev || kind <= 0 || w < 3 || h < 3)
        return;
    br_path *clip = br_path_new(), *p = br_path_new();
    br_path_rect(clip, x, y, w, h);
    br_dev_clip_path(dev, clip, BR_FILL_NONZERO);
    for (double t = -h; t < w; t += spacing) {
        if (kind != 4) { /* rising: bottom-left to top-right */
            br_path_move_to(p, x + t, y + h);
            br_path_line_to(p, x + t + h, y);
        }
        if (kind == 3 || kind == 4) { /* falling */
            br_path_move_to(p, x + t, y);
            br_path_line_to(p, x + t + h, y + h);
        }
    }
    br_stroke st = br_stroke_solid(0.5);
    if (kind == 2) {
        st = br_stroke_solid(1.0);
        st.cap = BR_CAP_BUTT;
        st.n_dashes = 2;
        st.dashes[0] = 1;
        st.dashes[1] = 2;
    }
    br_dev_stroke_path(dev, p, &st, color);
    br_dev_pop_clip(dev);
    br_path_free(p);
    br_path_free(clip);
}

static void stroke_rect(br_device *dev, double x, double y, double w, double h, double lw, br_color color)
{
    br_path *p = br_path_new();
    br_path_rect(p, x + lw / 2, y + lw / 2, w - lw, h - lw);
    br_stroke st = br_stroke_solid(lw);
    br_dev_stroke_path(dev, p, &st, color);
    br_path_free(p);
}

/* The no-data look: white, a grey outline, grey hatching. */
static void draw_no_data(br_device *dev, double x, double y, double w, double h)
{
    br_dev_fill_rect(dev, x, y, w, h, br_rgb(0xffffff));
    draw_pattern(dev, x, y, w, h, 1, br_rgb(0xa6a6a6), 3.0);
    if (w >= 1 && h >= 1)
        stroke_rect(dev, x, y, w, h, fmin(0.5, w / 4), br_rgb(0xa6a6a6));
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

static int class_of(const classes *k, double v)
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

static classes make_classes(const double *sorted, size_t n, int decimals)
{
    classes k = {0};
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
            q[i] = lo + 1 < n ? sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
        }
        for (int i = 1; i < want; i++) {
            double a = i == 1 ? vmin : (q[i - 1] + q[i]) / 2;
            double b = i == want - 1 ? vmax : (q[i] + q[i + 1]) / 2;
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
    double lo = floor(vmin / step + 1e-9) * step, hi = ceil(vmax / step - 1e-9) * step;
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

static void format_bound(const br_chart_ctx *c, const classes *k, const char *unit, double v, bool with_unit,
                         char *buf)
{
    if (k->compact)
        br_numfmt_compact(&c->nf, v, v == 0 ? 1 : pow(10, floor(log10(fabs(v)))), fabs(v), buf);
    else if (with_unit)
        br_numfmt_value(&c->nf, v, k->decimals, unit, BR_QUALIFIER_NONE, buf);
    else
        br_numfmt_number(&c->nf, v, k->decimals, buf);
}

static char *class_label(const br_chart_ctx *c, const classes *k, const char *unit, int i)
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

/* ---- legend --------------------------------------------------------- */

typedef struct {
    br_color fill;
    int pattern;       /* draw_pattern kind; -1: the no-data look */
    bool outline;      /* a light fill: outline it so it shows on paper */
    bool circle;       /* a badge colour rather than a tile colour */
    char *text;
} legend_item;

/* Items left to right, wrapping; an item too wide for a line wraps its
 * text.  Returns the height. */
static double legend_draw(br_chart_ctx *c, br_device *dev, const legend_item *items, size_t n, double x,
                          double y, double width)
{
    if (n == 0)
        return 0;
    const br_theme *t = &c->theme;
    double cx = x, cy = y, row_h = LEGEND_LINE;
    for (size_t i = 0; i < n; i++) {
        if (!items[i].text) { /* a line break between two legends */
            if (cx > x) {
                cx = x;
                cy += row_h;
                row_h = LEGEND_LINE;
            }
            continue;
        }
        double tw = br_chart_text_width(c, items[i].text, t->label_size, false);
        double iw = SWATCH + 4 + tw;
        if (cx > x && cx + iw > x + width) {
            cx = x;
            cy += row_h;
            row_h = LEGEND_LINE;
        }
        double avail = x + width - cx - SWATCH - 4;
        double th = br_chart_text(c, NULL, items[i].text, 0, 0, avail, t->label_size, 10, false, t->axis,
                                  BR_ALIGN_LEFT);
        if (dev) {
            double sy = cy + (LEGEND_LINE - SWATCH) / 2;
            if (items[i].circle) {
                br_dev_fill_circle(dev, cx + SWATCH / 2, sy + SWATCH / 2, SWATCH / 2, items[i].fill);
            } else if (items[i].pattern < 0) {
                draw_no_data(dev, cx, sy, SWATCH, SWATCH);
            } else {
                br_dev_fill_rect(dev, cx, sy, SWATCH, SWATCH, items[i].fill);
                draw_pattern(dev, cx, sy, SWATCH, SWATCH, items[i].pattern, ink_on(t, items[i].fill), 2.5);
                if (items[i].outline)
                    stroke_rect(dev, cx, sy, SWATCH, SWATCH, 0.5, br_rgb(0x9ecae1));
            }
            br_chart_text(c, dev, items[i].text, cx + SWATCH + 4, cy + 1, avail, t->label_size, 10, false,
                          t->axis, BR_ALIGN_LEFT);
        }
        row_h = fmax(row_h, th + 2);
        cx += iw + 12;
    }
    return cy + row_h - y + 4;
}

static void legend_free(legend_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        g_free(items[i].text);
}

/* ---- the mosaic list ------------------------------------------------ */

static double badge_diameter(br_chart_ctx *c, int number)
{
    char s[16];
    g_snprintf(s, sizeof s, "%d", number);
    return fmax(BADGE, br_chart_text_width(c, s, 6.5, true) + 4);
}

static void draw_badge(br_chart_ctx *c, br_device *dev, double cx, double cy, int number, br_color fill,
                       br_color ink)
{
    char s[16];
    g_snprintf(s, sizeof s, "%d", number);
    double d = badge_diameter(c, number), h;
    br_dev_fill_circle(dev, cx, cy, d / 2, fill);
    double w = text_line(c, NULL, s, 0, 0, 0, 6.5, true, ink, BR_ALIGN_LEFT, &h);
    text_line(c, dev, s, cx - w / 2, cy - h / 2, 0, 6.5, true, ink, BR_ALIGN_LEFT, NULL);
}

/* Heights of the entries' text at a column width. */
static void measure_entries(br_chart_ctx *c, entry *en, size_t n, double text_w)
{
    for (size_t i = 0; i < n; i++)
        en[i].h = br_chart_markup(c, NULL, en[i].markup, 0, 0, text_w, LIST_SIZE, LIST_LEADING, c->theme.text);
}

/* Splits the first m entries into ncols columns, top to bottom then left
 * to right, balancing their heights: OUT: split[k] = first entry of column
 * k (split[ncols] = m).  Returns the height of the tallest column. */
static double split_columns(const entry *en, size_t m, int ncols, size_t split[3])
{
    double total = 0;
    for (size_t i = 0; i < m; i++)
        total += en[i].h + (i ? LIST_GAP : 0);
    split[0] = 0;
    split[ncols] = m;
    if (ncols == 1 || m < 2) {
        split[1] = m;
        if (ncols == 2)
            split[2] = m;
        return total;
    }
    double best = INFINITY, acc = 0;
    size_t best_k = m;
    for (size_t k = 1; k <= m; k++) {
        acc += en[k - 1].h + (k > 1 ? LIST_GAP : 0);
        double rest = 0;
        for (size_t j = k; j < m; j++)
            rest += en[j].h + (j > k ? LIST_GAP : 0);
        double h = fmax(acc, rest);
        if (h < best - 1e-9) {
            best = h;
            best_k = k;
        }
    }
    split[1] = best_k;
    return best;
}

typedef struct {
    int ncols;
    double col_w, text_w, badge_w;
    size_t shown;      /* entries listed; the rest summed up in a "more" line */
    size_t split[3];
    double h;          /* including the "more" line */
} list_geom;

/* Lays out the list in width: one column, or two when there is room. */
static list_geom list_layout(br_chart_ctx *c, entry *en, size_t n, double width, double badge_w, int max_cols,
                             double max_h)
{
    max_h = fmax(max_h, 4 * LIST_LEADING);
    list_geom g = {0};
    g.ncols = max_cols >= 2 && width >= 2 * LIST_MIN_COL + COL_GAP ? 2 : 1;
    g.col_w = (width - (g.ncols - 1) * COL_GAP) / g.ncols;
    g.badge_w = badge_w;
    g.text_w = fmax(20, g.col_w - badge_w - 5);
    measure_entries(c, en, n, g.text_w);
    g.shown = n;
    g.h = split_columns(en, n, g.ncols, g.split);
    if (g.h > max_h) {
        /* Cut: the most entries that fit with the "more" line. */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi + 1) / 2;
            size_t sp[3];
            if (split_columns(en, mid, g.ncols, sp) + LIST_LEADING + LIST_GAP <= max_h)
                lo = mid;
            else
                hi = mid - 1;
        }
        g.shown = lo;
        g.h = split_columns(en, lo, g.ncols, g.split) + LIST_GAP + LIST_LEADING;
    }
    return g;
}

static void list_draw(br_chart_ctx *c, br_device *dev, const entry *en, size_t n, const list_geom *g, double x,
                      double y)
{
    if (!dev)
        return;
    for (int k = 0; k < g->ncols; k++) {
        double cx = x + k * (g->col_w + COL_GAP), cy = y;
        for (size_t i = g->split[k]; i < g->split[k + 1]; i++) {
            draw_badge(c, dev, cx + g->badge_w / 2, cy + LIST_LEADING / 2 + 0.5, en[i].number, en[i].badge,
                       en[i].badge_ink);
            br_chart_markup(c, dev, en[i].markup, cx + g->badge_w + 5, cy, g->text_w, LIST_SIZE, LIST_LEADING,
                            c->theme.text);
            cy += en[i].h + LIST_GAP;
        }
    }
    if (g->shown < n) {
        char num[BR_NUM_BUF];
        br_numfmt_number(&c->nf, (double)(n - g->shown), 0, num);
        char *more = g_strdup_printf(c->str->more_regions, num);
        br_chart_text(c, dev, more, x, y + g->h - LIST_LEADING, 0, LIST_SIZE, LIST_LEADING, false,
                      c->theme.secondary, BR_ALIGN_LEFT);
        g_free(more);
    }
}

/* ---- the map -------------------------------------------------------- */

typedef struct {
    int col0, row0, cols, rows;
    double pitch, size, gap; /* square + gap = pitch */
    double w, h;
    double label_size, value_size, number_size;
    double label_h, value_h; /* line heights at those sizes */
    bool labels, values, numbers;
} map_geom;

static void grid_extent(const tile *tiles, size_t n, map_geom *g)
{
    int c0 = INT32_MAX, r0 = INT32_MAX, c1 = 0, r1 = 0;
    for (size_t i = 0; i < n; i++) {
        c0 = MIN(c0, tiles[i].e->tile_col);
        r0 = MIN(r0, tiles[i].e->tile_row);
        c1 = MAX(c1, tiles[i].e->tile_col);
        r1 = MAX(r1, tiles[i].e->tile_row);
    }
    g->col0 = c0;
    g->row0 = r0;
    g->cols = c1 - c0 + 1;
    g->rows = r1 - r0 + 1;
}

/* Sizes the grid to a width (square at most max_tile) and decides what
 * text fits in the squares. */
static map_geom map_layout(br_chart_ctx *c, const tile *tiles, size_t n, double width, double max_tile,
                           bool mosaic)
{
    map_geom g = {0};
    grid_extent(tiles, n, &g);
    double pitch = fmin(max_tile + TILE_GAP, (width + TILE_GAP) / g.cols);
    pitch = fmin(pitch, (MAP_MAX_H + TILE_GAP) / g.rows);
    g.gap = pitch >= 16 ? TILE_GAP : pitch * 0.125;
    g.pitch = pitch;
    g.size = pitch - g.gap;
    g.w = g.cols * pitch - g.gap;
    g.h = g.rows * pitch - g.gap;
    double s = g.size, pad = 3;

    /* Mosaic numbers first: they matter more than the labels. */
    double nh = 0;
    if (mosaic) {
        g.number_size = 6.5;
        text_line(c, NULL, "0", 0, 0, 0, g.number_size, true, c->theme.text, BR_ALIGN_LEFT, &nh);
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
        text_line(c, NULL, "Ag", 0, 0, 0, sz, true, c->theme.text, BR_ALIGN_LEFT, &label_h);
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
        text_line(c, NULL, "Ag", 0, 0, 0, 6, true, c->theme.text, BR_ALIGN_LEFT, &label_h);
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
        double vh;
        g.value_size = fmin(6.5, g.label_size);
        text_line(c, NULL, "0", 0, 0, 0, g.value_size, false, c->theme.text, BR_ALIGN_LEFT, &vh);
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

static void map_draw(br_chart_ctx *c, br_device *dev, const tile *tiles, size_t n, const map_geom *g,
                     const char *focus, double x, double y)
{
    if (!dev)
        return;
    const br_theme *t = &c->theme;
    for (size_t i = 0; i < n; i++) {
        const tile *tl = &tiles[i];
        double tx = x + (tl->e->tile_col - g->col0) * g->pitch, ty = y + (tl->e->tile_row - g->row0) * g->pitch;
        double s = g->size;
        if (tl->pattern < 0) {
            draw_no_data(dev, tx, ty, s, s);
        } else {
            br_dev_fill_rect(dev, tx, ty, s, s, tl->fill);
            draw_pattern(dev, tx, ty, s, s, tl->pattern, tl->hatch, 4.0);
            if (luminance(tl->fill) > 0.8)
                stroke_rect(dev, tx, ty, s, s, fmin(0.5, s / 4), br_rgb(0x9ecae1));
        }
        if (focus && strcmp(tl->e->id, focus) == 0 && s >= 4)
            stroke_rect(dev, tx, ty, s, s, 1.5, t->highlight);
        double lh = g->label_h, vh = g->values && tl->value ? g->value_h : 0, nh = 0;
        if (g->numbers && tl->number) {
            char num[16];
            g_snprintf(num, sizeof num, "%d", tl->number);
            if (tl->pattern != 0) {
                double nw = text_line(c, NULL, num, 0, 0, 0, g->number_size, true, tl->ink, BR_ALIGN_LEFT, &nh);
                br_dev_fill_rect(dev, tx + 1, ty + 1, nw + 2, nh, tl->fill);
            }
            text_line(c, dev, num, tx + 2, ty + 1, 0, g->number_size, true, tl->ink, BR_ALIGN_LEFT, &nh);
        }
        if (g->labels) {
            double top;
            if (g->numbers)
                top = ty + s - 1.5 - lh; /* under the (possible) number */
            else
                top = ty + (s - lh - vh) / 2;
            double w = br_chart_text_width(c, tl->label, g->label_size, true);
            if (tl->pattern != 0) {
                /* A plate of the plain fill keeps hatching off the text. */
                double pw = fmin(s - 2, w + 3), vw = 0;
                if (g->values && tl->value)
                    vw = fmin(s - 2, br_chart_text_width(c, tl->value, g->value_size, false) + 3);
                br_dev_fill_rect(dev, tx + (s - pw) / 2, top, pw, lh, tl->fill);
                if (vw > 0)
                    br_dev_fill_rect(dev, tx + (s - vw) / 2, top + lh, vw, vh, tl->fill);
            }
            if (w <= s - 3)
                text_line(c, dev, tl->label, tx + (s - w) / 2, top, 0, g->label_size, true, tl->ink, BR_ALIGN_LEFT,
                          NULL);
            else
                text_line(c, dev, tl->label, tx + 1, top, s - 2, g->label_size, true, tl->ink, BR_ALIGN_CENTER,
                          NULL);
            if (g->values && tl->value) {
                double vw = br_chart_text_width(c, tl->value, g->value_size, false);
                text_line(c, dev, tl->value, tx + (s - vw) / 2, top + lh, 0, g->value_size, false, tl->ink,
                          BR_ALIGN_LEFT, NULL);
            }
        }
    }
}

/* ---- data ----------------------------------------------------------- */

static gint by_tile(gconstpointer a, gconstpointer b)
{
    const tile *x = a, *y = b;
    if (x->e->tile_row != y->e->tile_row)
        return x->e->tile_row < y->e->tile_row ? -1 : 1;
    return x->e->tile_col < y->e->tile_col ? -1 : x->e->tile_col > y->e->tile_col;
}

/* Each entity's observation: of spec->period when given, else its latest. */
static const br_observation **pick_observations(const br_set *set, const br_indicator *ind, const char *period)
{
    const br_observation **best = g_new0(const br_observation *, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if (period && strcmp(o->period, period) != 0)
            continue;
        const br_observation **b = &best[o->entity->index];
        if (!*b || o->period_end > (*b)->period_end)
            *b = o;
    }
    return best;
}

/* Legend items for the groups among the entities (set order, "other"
 * last). */
static void group_legend(br_chart_ctx *c, const br_entity *const *ents, size_t n, bool circles,
                         GArray *items)
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
            legend_item it = {0};
            int gi = br_group_index(c->set, g);
            it.fill = gi < 0 ? c->theme.other : c->theme.categories[gi % 7];
            it.pattern = circles || gi < 3 ? 0 : (gi - 3) % 4 + 1;
            it.circle = circles;
            it.text = g_strdup(g ? br_entity_label(c, g) : c->str->other);
            g_array_append_val(items, it);
        }
    }
    g_ptr_array_free(groups, TRUE);
}

static void append_period_facts(br_chart_ctx *c, GString *sub, bool mixed, const char *period)
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

double br_chart_tilemap_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                             double width)
{
    const br_theme *t = &c->theme;
    const bool mosaic = spec->kind == BR_CHART_MOSAIC;
    const br_set *set = c->set;

    GArray *tiles_a = g_array_new(FALSE, TRUE, sizeof(tile));
    for (size_t i = 0; i < set->n_entities; i++) {
        const br_entity *e = &set->entities[i];
        if (!e->has_tile)
            continue;
        tile tl = {0};
        tl.e = e;
        tl.cls = -1;
        g_array_append_val(tiles_a, tl);
    }
    size_t n_tiles = tiles_a->len;
    tile *tiles = (tile *)(void *)tiles_a->data;
    g_array_sort(tiles_a, by_tile); /* reading order: row by row */
    tiles = (tile *)(void *)tiles_a->data;

    const char *ind_id = spec->indicator ? spec->indicator : spec->n_indicators ? spec->indicators[0] : NULL;
    const br_indicator *ind =
        ind_id || spec->topic ? br_chart_pick(set, ind_id, spec->topic, spec->unit) : NULL;
    const char *fallback_title = spec->title ? spec->title : spec->topic ? spec->topic : "";

    if (!mosaic && n_tiles == 0) {
        /* A set without tiles has no map to draw: leave the block out. */
        g_array_free(tiles_a, TRUE);
        return 0;
    }
    if (!mosaic && !ind) {
        g_array_free(tiles_a, TRUE);
        return br_chart_no_data(c, dev, fallback_title, x, y, width);
    }

    /* Values of the tiles. */
    size_t n_data = 0;
    bool mixed = false;
    const char *period = NULL;
    int latest = 0;
    if (ind) {
        const br_observation **obs = pick_observations(set, ind, spec->period);
        for (size_t i = 0; i < n_tiles; i++) {
            tiles[i].obs = obs[tiles[i].e->index];
            if (!tiles[i].obs)
                continue;
            n_data++;
            if (period && strcmp(period, tiles[i].obs->period) != 0)
                mixed = true;
            if (!period || tiles[i].obs->period_end > latest) {
                period = tiles[i].obs->period;
                latest = tiles[i].obs->period_end;
            }
        }
        g_free((gpointer)obs);
    }
    const char *title_base = spec->title ? spec->title : mosaic ? c->str->mosaic_title : br_indicator_label(c, ind);
    if (!mosaic && n_data == 0) {
        g_array_free(tiles_a, TRUE);
        return br_chart_no_data(c, dev, title_base, x, y, width);
    }
    /* A mosaic asked to colour by an indicator without data on the map
     * colours by group instead (its subtitle then names no indicator). */
    bool by_value = ind && n_data > 0;

    br_chart_notes *notes = br_chart_notes_new();
    classes k = {0};
    if (by_value) {
        double *vals = g_new(double, n_data);
        size_t m = 0;
        for (size_t i = 0; i < n_tiles; i++)
            if (tiles[i].obs)
                vals[m++] = tiles[i].obs->value;
        qsort(vals, m, sizeof(double), cmp_double);
        k = make_classes(vals, m, ind->decimals);
        g_free(vals);
    }

    /* Mosaic entries: regions with focus, tiles in reading order first.
     * Focus items are in the set's language, and join with its comma. */
    const br_words *set_words = br_locale_for(set->language)->words;
    GArray *entries_a = g_array_new(FALSE, TRUE, sizeof(entry));
    size_t n_regions = 0;
    if (mosaic) {
        GPtrArray *order = g_ptr_array_new();
        for (size_t i = 0; i < n_tiles; i++)
            if (tiles[i].e->n_focus > 0)
                g_ptr_array_add(order, (gpointer)tiles[i].e);
        for (size_t i = 0; i < set->n_entities; i++) {
            const br_entity *e = &set->entities[i];
            n_regions += br_entity_is_region(e);
            if (e->n_focus > 0 && !e->has_tile)
                g_ptr_array_add(order, (gpointer)e);
        }
        for (guint i = 0; i < order->len; i++) {
            const br_entity *e = g_ptr_array_index(order, i);
            entry en = {0};
            en.e = e;
            en.number = (int)i + 1;
            en.badge = group_color(c, e, NULL);
            en.badge_ink = ink_on(t, en.badge);
            GString *s = g_string_new(NULL);
            char *name = g_markup_escape_text(br_entity_label(c, e), -1);
            g_string_append_printf(s, "<b>%s</b>%s", name, c->str->colon);
            g_free(name);
            /* Items that hold a comma themselves join with semicolons. */
            const char *sep = set_words->list_comma;
            for (size_t f = 0; f < e->n_focus; f++)
                if (strstr(e->focus[f], ",") || strstr(e->focus[f], "，") || strstr(e->focus[f], "、"))
                    sep = set_words->semicolon;
            for (size_t f = 0; f < e->n_focus; f++) {
                char *esc = g_markup_escape_text(e->focus[f], -1);
                g_string_append_printf(s, "%s%s", f ? sep : "", esc);
                g_free(esc);
            }
            en.markup = g_string_free(s, FALSE);
            g_array_append_val(entries_a, en);
        }
        g_ptr_array_free(order, TRUE);
        if (n_tiles == 0 && entries_a->len == 0) {
            g_array_free(entries_a, TRUE);
            g_array_free(tiles_a, TRUE);
            br_chart_notes_free(notes);
            return 0; /* neither a map nor a list to show */
        }
    }
    entry *entries = (entry *)(void *)entries_a->data;
    size_t n_entries = entries_a->len;

    /* Tile colours, labels, values.  Coloured by group, the tiles of
     * regions without a focus fade to a tint, so the picture shows who
     * holds a niche (unless no region or every region lists one). */
    size_t n_missing = 0, n_tile_focus = 0;
    for (size_t i = 0; i < n_tiles; i++)
        n_tile_focus += tiles[i].e->n_focus > 0;
    const bool faded = mosaic && !by_value && n_tile_focus > 0 && n_tile_focus < n_tiles;
    for (size_t i = 0; i < n_tiles; i++) {
        tile *tl = &tiles[i];
        const char *marker = "";
        if (by_value && tl->obs) {
            marker = br_chart_notes_add(notes, tl->obs);
            tl->cls = class_of(&k, tl->obs->value);
            tl->fill = br_rgb(blues[class_colors[k.n][tl->cls]]);
            tl->ink = class_colors[k.n][tl->cls] >= 3 ? br_rgb(0xffffff) : t->text;
            if (!mosaic) {
                char num[BR_NUM_BUF];
                br_numfmt_value(&c->nf, tl->obs->value, ind->decimals, ind->unit, tl->obs->qualifier, num);
                tl->value = g_strdup_printf("%s%s", num, marker);
            }
        } else if (by_value) {
            tl->pattern = -1;
            tl->fill = br_rgb(0xffffff);
            tl->ink = t->text;
            n_missing++;
        } else {
            tl->fill = group_color(c, tl->e, &tl->pattern);
            /* Patterns: in the ink colour on full tiles, in the group's own
             * colour on faded ones (lighter, as the tile is). */
            br_color full = tl->fill;
            if (faded && tl->e->n_focus == 0)
                tl->fill = tint(tl->fill, TINT);
            tl->ink = ink_on(t, tl->fill);
            tl->hatch = tl->fill.r == full.r && tl->fill.g == full.g && tl->fill.b == full.b
                            ? br_rgba(tl->ink.r > 0.5 ? 0xffffff : 0x1a1a1a, 0.6)
                            : full;
        }
        tl->label = g_strdup(tl->e->short_label);
    }
    map_geom probe = {0};
    if (n_tiles)
        probe = map_layout(c, tiles, n_tiles, width, TILE_MAX, mosaic);
    if (mosaic || !probe.values) {
        /* No values on the tiles: note markers go with the labels. */
        for (size_t i = 0; i < n_tiles; i++) {
            if (!tiles[i].obs || !tiles[i].obs->note)
                continue;
            char *l = g_strdup_printf("%s%s", tiles[i].label, br_chart_notes_add(notes, tiles[i].obs));
            g_free(tiles[i].label);
            tiles[i].label = l;
        }
        if (n_tiles)
            probe = map_layout(c, tiles, n_tiles, width, TILE_MAX, mosaic);
    }
    for (size_t i = 0; i < n_entries; i++) {
        for (size_t j = 0; j < n_tiles; j++)
            if (tiles[j].e == entries[i].e)
                tiles[j].number = entries[i].number;
    }

    /* Title and subtitle. */
    GString *sub = g_string_new(NULL);
    if (mosaic) {
        if (n_entries > 0) {
            char a[BR_NUM_BUF], b[BR_NUM_BUF];
            br_numfmt_number(&c->nf, (double)n_entries, 0, a);
            br_numfmt_number(&c->nf, (double)n_regions, 0, b);
            g_string_append_printf(sub, c->str->with_focus, a, b);
        }
        if (by_value) {
            GString *what = g_string_new(br_indicator_label(c, ind));
            char *unit = br_unit_label(c, ind);
            if (*unit && strcmp(unit, "%") != 0)
                g_string_append_printf(what, "%s%s", c->str->comma, unit);
            append_period_facts(c, what, mixed, period);
            char *col = g_strdup_printf(c->str->colour_by, what->str);
            g_string_append(sub, sub->len ? " · " : "");
            g_string_append(sub, col);
            g_free(col);
            g_free(unit);
            g_string_free(what, TRUE);
        }
    } else {
        char *unit = br_unit_label(c, ind);
        if (*unit && strcmp(unit, "%") != 0) /* the legend says "%" */
            g_string_append(sub, unit);
        g_free(unit);
        append_period_facts(c, sub, mixed, period);
    }
    if (by_value && n_data < n_tiles) {
        char buf[160];
        br_count_phrase(c, c->str->regions_reported, n_data, n_tiles, buf, sizeof buf);
        g_string_append(sub, sub->len ? " · " : "");
        g_string_append(sub, buf);
    }
    double h = br_chart_header(c, dev, title_base, sub->str, x, y, width);
    g_string_free(sub, TRUE);

    /* Legend. */
    GArray *items = g_array_new(FALSE, TRUE, sizeof(legend_item));
    if (by_value) {
        for (int i = 0; i < k.n; i++) {
            legend_item it = {0};
            it.fill = br_rgb(blues[class_colors[k.n][i]]);
            it.outline = class_colors[k.n][i] == 0;
            it.text = class_label(c, &k, ind->unit, i);
            g_array_append_val(items, it);
        }
        if (n_missing > 0) {
            char num[BR_NUM_BUF];
            br_numfmt_number(&c->nf, (double)n_missing, 0, num);
            GString *s = g_string_new(c->str->no_data);
            g_string_append_printf(s, "%s%s%s", c->str->paren_open, num, c->str->paren_close);
            if (n_missing <= 6) {
                g_string_append(s, c->str->colon);
                size_t listed = 0;
                for (size_t i = 0; i < n_tiles; i++) {
                    if (tiles[i].obs)
                        continue;
                    g_string_append_printf(s, "%s%s", listed++ ? c->str->list_comma : "",
                                           br_entity_label(c, tiles[i].e));
                }
            }
            legend_item it = {0};
            it.pattern = -1;
            it.text = g_string_free(s, FALSE);
            g_array_append_val(items, it);
        }
    }
    if (mosaic) {
        const br_entity **ents = g_new(const br_entity *, n_tiles + n_entries + 1);
        size_t m = 0;
        if (!by_value)
            for (size_t i = 0; i < n_tiles; i++)
                ents[m++] = tiles[i].e;
        for (size_t i = 0; i < n_entries; i++)
            ents[m++] = entries[i].e;
        if (items->len > 0) {
            legend_item brk = {0};
            g_array_append_val(items, brk);
        }
        group_legend(c, ents, m, by_value, items);
        if (faded) {
            legend_item it = {0};
            it.fill = tint(t->other, TINT);
            it.text = g_strdup(c->str->no_focus);
            g_array_append_val(items, it);
        }
        g_free(ents);
    }
    h += legend_draw(c, dev, (legend_item *)(void *)items->data, items->len, x, y + h, width);
    legend_free((legend_item *)(void *)items->data, items->len);
    g_array_free(items, TRUE);

    /* The plot: the map, and for a mosaic the list beside or below it. */
    double plot_h = 0;
    if (!mosaic) {
        map_draw(c, dev, tiles, n_tiles, &probe, spec->focus, x, y + h);
        plot_h = probe.h;
    } else {
        double badge_w = 0;
        for (size_t i = 0; i < n_entries; i++)
            badge_w = fmax(badge_w, badge_diameter(c, entries[i].number));
        /* Candidates: the map at a few sizes with the list beside it
         * (largest first), then the map at full size with the list below.
         * The first whose height is within 10 % of the shortest wins, so
         * the map stays large and beside its list when that costs little. */
        typedef struct {
            bool beside;
            double max_tile, cost;
        } candidate;
        candidate cand[12];
        int n_cand = 0;
        if (n_entries > 0 && n_tiles > 0 && n_entries <= 80) {
            for (double s = TILE_MAX; s >= 20 - 1e-9 && n_cand < 11; s -= 3) {
                map_geom mg = map_layout(c, tiles, n_tiles, width, s, true);
                if (mg.size < s - 0.5 && s < TILE_MAX)
                    break; /* the width limits the map already */
                double rest = width - mg.w - COL_GAP;
                if (rest < LIST_MIN_COL)
                    continue;
                list_geom lg = list_layout(c, entries, n_entries, rest, badge_w, 2, PLOT_MAX_H);
                cand[n_cand++] = (candidate){true, s, fmax(mg.h, lg.h)};
            }
        }
        {
            list_geom lg = {0};
            if (n_entries > 0)
                lg = list_layout(c, entries, n_entries, width, badge_w, 2,
                                 PLOT_MAX_H - (n_tiles ? probe.h + COL_GAP : 0));
            cand[n_cand++] = (candidate){false, TILE_MAX,
                                         (n_tiles ? probe.h : 0) + (n_tiles && n_entries ? COL_GAP : 0) + lg.h};
        }
        double shortest = INFINITY;
        for (int i = 0; i < n_cand; i++)
            shortest = fmin(shortest, cand[i].cost);
        int pick = n_cand - 1;
        for (int i = 0; i < n_cand; i++) {
            if (cand[i].cost <= shortest * 1.1 + 1e-6) {
                pick = i;
                break;
            }
        }
        /* Lay the winner out again: measuring leaves the entries' heights
         * of the last candidate. */
        bool beside = cand[pick].beside;
        map_geom best_map = n_tiles ? map_layout(c, tiles, n_tiles, width, cand[pick].max_tile, true) : probe;
        list_geom best_list = {0};
        if (beside)
            best_list = list_layout(c, entries, n_entries, width - best_map.w - COL_GAP, badge_w, 2, PLOT_MAX_H);
        else if (n_entries > 0)
            best_list = list_layout(c, entries, n_entries, width, badge_w, 2,
                                    PLOT_MAX_H - (n_tiles ? probe.h + COL_GAP : 0));
        for (size_t i = 0; i < n_tiles; i++)
            if (tiles[i].number > 0 && (size_t)tiles[i].number > best_list.shown)
                tiles[i].number = 0; /* cut from the list: no number on the map */
        /* Sources of what is shown: the listed focus, the tiles' values. */
        for (size_t i = 0; i < best_list.shown; i++) {
            if (!entries[i].e->source)
                continue;
            br_observation o = {0};
            o.entity = entries[i].e;
            o.source = entries[i].e->source;
            br_chart_notes_add(notes, &o);
        }
        if (n_tiles)
            map_draw(c, dev, tiles, n_tiles, &best_map, spec->focus, x, y + h);
        if (beside) {
            list_draw(c, dev, entries, n_entries, &best_list, x + best_map.w + COL_GAP, y + h);
            plot_h = fmax(best_map.h, best_list.h);
        } else {
            double ly = y + h + (n_tiles ? best_map.h + COL_GAP : 0);
            list_draw(c, dev, entries, n_entries, &best_list, x, ly);
            plot_h = (n_tiles ? best_map.h : 0) + (n_tiles && n_entries ? COL_GAP : 0) + best_list.h;
        }
    }
    h += plot_h + 6;
    h += br_chart_notes_draw(c, notes, dev, x, y + h, width);

    for (size_t i = 0; i < n_tiles; i++) {
        g_free(tiles[i].label);
        g_free(tiles[i].value);
    }
    for (size_t i = 0; i < n_entries; i++)
        g_free(entries[i].markup);
    g_array_free(entries_a, TRUE);
    g_array_free(tiles_a, TRUE);
    br_chart_notes_free(notes);
    return h;
}
