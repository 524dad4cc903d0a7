/* mosaic: the chart kind "mosaic": the innovation mosaic.  Tiles (see
 * tilegrid.h) are coloured by group (Okabe-Ito, with the theme's patterns per
 * group so groups stay apart in grayscale), or by an indicator as in the
 * tile map when the layout names one.  Regions with `focus` get a number
 * in reading order of the grid (row by row), shown in the tile's corner and
 * in a numbered list beside the map (below it when the page is narrow or
 * that is shorter): "1 Anhui: quantum computing, nuclear fusion", the
 * number on a badge in the region's group colour.  The list wraps in its
 * column and is cut with "... and N more" rather than run off the page.
 * Coloured by group, the tiles of regions without a focus fade to a tint,
 * so the picture shows who holds a niche.  The source line names the
 * entities' `source`.  With neither tiles nor a region with a focus, the
 * block has nothing to show.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/frame.h"
#include "charts/kinds.h"
#include "charts/label.h"
#include "charts/legend.h"
#include "charts/paint.h"
#include "charts/select.h"
#include "charts/tilegrid.h"

#define PLOT_MAX_H 580.0   /* the map and list together (a block fits a page) */
#define LIST_MIN_COL 150.0 /* narrowest column of the list */
#define LIST_SIZE 7.5      /* list text */
#define LIST_LEADING 10.0
#define LIST_GAP 3.5       /* between list entries */
#define COL_GAP 14.0       /* between list columns, and map to list */
#define BADGE 10.5         /* badge diameter (1-2 digits) */
#define TINT 0.35          /* strength of the faded tiles' colour */

typedef struct {
    const br_entity *e;
    int number;
    br_color badge, badge_ink;
    char *markup;
    double h;
} entry;

typedef struct {
    int ncols;
    double col_w, text_w, badge_w;
    size_t shown;      /* entries listed; the rest summed up in a "more" line */
    size_t split[3];
    double h;          /* including the "more" line */
} list_geom;

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
    double d = badge_diameter(c, number), h = br_chart_line_height(c, 6.5, true);
    br_dev_fill_circle(dev, cx, cy, d / 2, fill);
    double w = br_chart_text_width(c, s, 6.5, true);
    br_chart_line(c, dev, s, cx - w / 2, cy - h / 2, 0, 6.5, true, ink, BR_ALIGN_LEFT, NULL);
}

/* Heights of the entries' text at a column width. */
static void measure_entries(br_chart_ctx *c, entry *en, size_t n, double text_w)
{
    for (size_t i = 0; i < n; i++)
        en[i].h = br_chart_markup_height(c, en[i].markup, text_w, LIST_SIZE, LIST_LEADING);
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
        char *more = g_strdup_printf(c->str->more_regions[c->set->noun], num);
        br_chart_text(c, dev, more, x, y + g->h - LIST_LEADING, 0, LIST_SIZE, LIST_LEADING, false,
                      c->theme.secondary, BR_ALIGN_LEFT);
        g_free(more);
    }
}


/* The numbered list: regions with a focus, tiles in reading order first.
 * Focus items are in the set's language, and join with its comma.  OUT:
 * *n_regions, the regions of the set. */
static GArray *make_entries(br_chart_ctx *c, const br_tile *tiles, size_t n_tiles, size_t *n_regions)
{
    const br_set *set = c->set;
    const br_words *set_words = br_locale_for(set->language)->words;
    GArray *entries = g_array_new(FALSE, TRUE, sizeof(entry));
    GPtrArray *order = g_ptr_array_new();
    *n_regions = 0;
    for (size_t i = 0; i < n_tiles; i++)
        if (tiles[i].e->n_focus > 0)
            g_ptr_array_add(order, (gpointer)tiles[i].e);
    for (size_t i = 0; i < set->n_entities; i++) {
        const br_entity *e = &set->entities[i];
        *n_regions += br_entity_is_compared(e);
        if (e->n_focus > 0 && !e->has_tile)
            g_ptr_array_add(order, (gpointer)e);
    }
    for (guint i = 0; i < order->len; i++) {
        const br_entity *e = g_ptr_array_index(order, i);
        entry en = {0};
        en.e = e;
        en.number = (int)i + 1;
        en.badge = br_tile_group_color(c, e, NULL);
        en.badge_ink = br_chart_ink_on(c, en.badge);
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
        g_array_append_val(entries, en);
    }
    g_ptr_array_free(order, TRUE);
    return entries;
}

static void entries_free(GArray *entries)
{
    for (guint i = 0; i < entries->len; i++)
        g_free(g_array_index(entries, entry, i).markup);
    g_array_free(entries, TRUE);
}

/* Tile colours and labels: by value in classes, or by group (regions
 * without a focus faded, unless none or all list one). */
static void colour_tiles(br_chart_ctx *c, br_tile *tiles, size_t n, bool by_value, const br_tile_classes *k,
                         bool faded, br_chart_notes *notes)
{
    const br_theme *t = &c->theme;
    for (size_t i = 0; i < n; i++) {
        br_tile *tl = &tiles[i];
        if (by_value && tl->obs) {
            br_chart_notes_add(notes, tl->obs);
            tl->cls = br_tile_class_of(k, tl->obs->value);
            tl->fill = br_tile_class_color(c, k, tl->cls);
            tl->ink = br_chart_ink_on(c, tl->fill);
        } else if (by_value) {
            tl->no_data = true;
            tl->fill = t->paper;
            tl->ink = t->text;
        } else {
            tl->fill = br_tile_group_color(c, tl->e, &tl->hatch);
            /* Patterns: in the ink colour on full tiles, in the group's own
             * colour on faded ones (lighter, as the tile is). */
            br_color full = tl->fill;
            if (faded && tl->e->n_focus == 0)
                tl->fill = br_chart_tint(c, tl->fill, TINT);
            tl->ink = br_chart_ink_on(c, tl->fill);
            if (br_color_same(tl->fill, full)) {
                tl->hatch_color = br_chart_pattern_ink(c, tl->fill, 0.6);
            } else {
                tl->hatch_color = full;
            }
        }
        tl->label = g_strdup(tl->e->short_label);
        /* No values on mosaic tiles: note markers go with the labels. */
        if (tl->obs && tl->obs->note) {
            char *l = g_strdup_printf("%s%s", tl->label, br_chart_notes_add(notes, tl->obs));
            g_free(tl->label);
            tl->label = l;
        }
    }
}

/* "n of N regions with a listed focus · colour: indicator, unit, period". */
static GString *subtitle(br_chart_ctx *c, size_t n_entries, size_t n_regions, const br_indicator *ind,
                         bool by_value, bool mixed, const char *period, size_t n_data, size_t n_tiles)
{
    GString *sub = g_string_new(NULL);
    if (n_entries > 0) {
        char a[BR_NUM_BUF], b[BR_NUM_BUF];
        br_numfmt_number(&c->nf, (double)n_entries, 0, a);
        br_numfmt_number(&c->nf, (double)n_regions, 0, b);
        g_string_append_printf(sub, c->str->with_focus[c->set->noun], a, b);
    }
    if (by_value) {
        GString *what = g_string_new(br_indicator_label(c, ind));
        char *unit = br_unit_label(c, ind);
        if (*unit && strcmp(unit, "%") != 0)
            g_string_append_printf(what, "%s%s", c->str->comma, unit);
        br_tile_period_facts(c, what, mixed, period);
        char *col = g_strdup_printf(c->str->colour_by, what->str);
        g_string_append(sub, sub->len ? " · " : "");
        g_string_append(sub, col);
        g_free(col);
        g_free(unit);
        g_string_free(what, TRUE);
        if (n_data < n_tiles) {
            char buf[160];
            br_count_phrase(c, c->str->regions_reported[c->set->noun], n_data, n_tiles, buf, sizeof buf);
            g_string_append(sub, " · ");
            g_string_append(sub, buf);
        }
    }
    return sub;
}

/* Classes (when coloured by value), then the groups of tiles and badges,
 * then the faded tiles' meaning. */
static double legend(br_chart_ctx *c, br_device *dev, const br_indicator *ind, bool by_value,
                     const br_tile_classes *k, const br_tile *tiles, size_t n_tiles, const entry *entries,
                     size_t n_entries, bool faded, double x, double y, double width)
{
    GArray *items = g_array_new(FALSE, TRUE, sizeof(br_legend_item));
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    if (by_value) {
        for (int i = 0; i < k->n; i++) {
            char *text = br_tile_class_label(c, k, ind->unit, i);
            g_ptr_array_add(owned, text);
            br_color fill = br_tile_class_color(c, k, i);
            br_legend_item it = {text, fill, BR_HATCH_NONE, BR_SWATCH_FILL, br_color_luminance(fill) > 0.8};
            g_array_append_val(items, it);
        }
    }
    const br_entity **ents = g_new(const br_entity *, n_tiles + n_entries + 1);
    size_t m = 0;
    if (!by_value)
        for (size_t i = 0; i < n_tiles; i++)
            ents[m++] = tiles[i].e;
    for (size_t i = 0; i < n_entries; i++)
        ents[m++] = entries[i].e;
    if (items->len > 0) {
        br_legend_item brk = {0};
        g_array_append_val(items, brk);
    }
    br_tile_group_legend(c, ents, m, by_value, items);
    g_free(ents);
    if (faded) {
        br_legend_item it = {c->str->no_focus, br_chart_tint(c, c->theme.other, TINT), BR_HATCH_NONE,
                             BR_SWATCH_FILL, false};
        g_array_append_val(items, it);
    }
    double h = br_chart_legend(c, dev, (const br_legend_item *)(void *)items->data, items->len, x, y, width);
    g_array_free(items, TRUE);
    g_ptr_array_free(owned, TRUE);
    return h;
}

/* Where the map and the list go: the map at a few sizes with the list
 * beside it (largest first), then the map at full size with the list
 * below.  The first whose height is within 10 % of the shortest wins, so
 * the map stays large and beside its list when that costs little. */
typedef struct {
    bool beside;
    br_tile_geom map;
    list_geom list;
} arrangement;

static arrangement arrange(br_chart_ctx *c, const br_tile *tiles, size_t n_tiles, entry *entries, size_t n_entries,
                           double width)
{
    double badge_w = 0;
    for (size_t i = 0; i < n_entries; i++)
        badge_w = fmax(badge_w, badge_diameter(c, entries[i].number));
    br_tile_geom full = {0};
    if (n_tiles)
        full = br_tile_layout(c, tiles, n_tiles, width, BR_TILE_MAX, true);
    typedef struct {
        bool beside;
        double max_tile, cost;
    } candidate;
    candidate cand[12];
    int n_cand = 0;
    if (n_entries > 0 && n_tiles > 0 && n_entries <= 80) {
        for (double s = BR_TILE_MAX; s >= 20 - 1e-9 && n_cand < 11; s -= 3) {
            br_tile_geom mg = br_tile_layout(c, tiles, n_tiles, width, s, true);
            if (mg.size < s - 0.5 && s < BR_TILE_MAX)
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
            lg = list_layout(c, entries, n_entries, width, badge_w, 2, PLOT_MAX_H - (n_tiles ? full.h + COL_GAP : 0));
        cand[n_cand++] =
            (candidate){false, BR_TILE_MAX, (n_tiles ? full.h : 0) + (n_tiles && n_entries ? COL_GAP : 0) + lg.h};
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
    /* Lay the winner out again: measuring leaves the entries' heights of
     * the last candidate. */
    arrangement a = {0};
    a.beside = cand[pick].beside;
    a.map = n_tiles ? br_tile_layout(c, tiles, n_tiles, width, cand[pick].max_tile, true) : full;
    if (a.beside)
        a.list = list_layout(c, entries, n_entries, width - a.map.w - COL_GAP, badge_w, 2, PLOT_MAX_H);
    else if (n_entries > 0)
        a.list = list_layout(c, entries, n_entries, width, badge_w, 2, PLOT_MAX_H - (n_tiles ? full.h + COL_GAP : 0));
    return a;
}

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    const br_set *set = c->set;
    size_t n_tiles = 0;
    br_tile *tiles = br_tiles_collect(set, &n_tiles);
    const char *ind_id = spec->indicator ? spec->indicator : spec->n_indicators ? spec->indicators[0] : NULL;
    const br_indicator *ind = ind_id || spec->topic ? br_chart_pick(set, ind_id, spec->topic, spec->unit) : NULL;
    size_t n_data = 0;
    bool mixed = false;
    const char *period = NULL;
    if (ind)
        n_data = br_tiles_observe(tiles, n_tiles, set, ind, spec->period, &mixed, &period);
    /* Asked to colour by an indicator without data on the map, the mosaic
     * colours by group instead (its subtitle then names no indicator). */
    bool by_value = ind && n_data > 0;
    if (!by_value)
        for (size_t i = 0; i < n_tiles; i++)
            tiles[i].obs = NULL;

    size_t n_regions = 0;
    GArray *entries_a = make_entries(c, tiles, n_tiles, &n_regions);
    entry *entries = (entry *)(void *)entries_a->data;
    size_t n_entries = entries_a->len;
    /* The mosaic is about each region's focus: without any, there is
     * nothing to key (a map by value is the tile map's job). */
    if (n_entries == 0) {
        entries_free(entries_a);
        br_tiles_free(tiles, n_tiles);
        return 0; /* neither a map nor a list to show */
    }

    br_chart_notes *notes = br_chart_notes_new();
    br_tile_classes k = {0};
    if (by_value)
        k = br_tile_classes_make(tiles, n_tiles, ind->decimals);
    size_t n_tile_focus = 0;
    for (size_t i = 0; i < n_tiles; i++)
        n_tile_focus += tiles[i].e->n_focus > 0;
    const bool faded = !by_value && n_tile_focus > 0 && n_tile_focus < n_tiles;
    colour_tiles(c, tiles, n_tiles, by_value, &k, faded, notes);
    for (size_t i = 0; i < n_entries; i++)
        for (size_t j = 0; j < n_tiles; j++)
            if (tiles[j].e == entries[i].e)
                tiles[j].number = entries[i].number;

    const char *title = spec->title ? spec->title : c->str->mosaic_title[c->set->noun];
    GString *sub = subtitle(c, n_entries, n_regions, ind, by_value, mixed, period, n_data, n_tiles);
    double h = br_chart_header(c, dev, title, sub->str, x, y, width);
    g_string_free(sub, TRUE);
    h += legend(c, dev, ind, by_value, &k, tiles, n_tiles, entries, n_entries, faded, x, y + h, width);

    arrangement a = arrange(c, tiles, n_tiles, entries, n_entries, width);
    for (size_t i = 0; i < n_tiles; i++)
        if (tiles[i].number > 0 && (size_t)tiles[i].number > a.list.shown)
            tiles[i].number = 0; /* cut from the list: no number on the map */
    /* Sources of what is shown: the listed focus, the tiles' values. */
    for (size_t i = 0; i < a.list.shown; i++)
        br_chart_notes_add_source(notes, entries[i].e->source);
    if (n_tiles)
        br_tile_draw(c, dev, tiles, n_tiles, &a.map, spec->focus, x, y + h);
    double plot_h;
    if (a.beside) {
        list_draw(c, dev, entries, n_entries, &a.list, x + a.map.w + COL_GAP, y + h);
        plot_h = fmax(a.map.h, a.list.h);
    } else {
        double ly = y + h + (n_tiles ? a.map.h + COL_GAP : 0);
        list_draw(c, dev, entries, n_entries, &a.list, x, ly);
        plot_h = (n_tiles ? a.map.h : 0) + (n_tiles && n_entries ? COL_GAP : 0) + a.list.h;
    }
    h += plot_h + 6;
    h += br_chart_notes_draw(c, notes, dev, x, y + h, width);
    entries_free(entries_a);
    br_tiles_free(tiles, n_tiles);
    br_chart_notes_free(notes);
    return h;
}

const br_chart_kind_def br_chart_kind_mosaic = {"mosaic", BR_CHART_MOSAIC, draw,
    BR_OPT_IND_ANY | BR_OPT_PERIOD | BR_OPT_FOCUS, 0};
