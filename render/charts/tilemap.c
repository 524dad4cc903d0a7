/* tilemap: the chart kind "tilemap": a tile-grid map of the regions,
 * coloured by value in classes (see tilegrid.h).
 *
 * When no entity of the set has a tile, a tile map has nothing to show and
 * returns 0 (layout leaves the block out).  Regions without data have the
 * no-data look and are named in the legend when there are few.
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

/* Fill, ink, label and value of each tile; returns the regions without data. */
static size_t colour_tiles(br_chart_ctx *c, const br_indicator *ind, br_tile *tiles, size_t n,
                           const br_tile_classes *k, br_chart_notes *notes)
{
    size_t missing = 0;
    for (size_t i = 0; i < n; i++) {
        br_tile *tl = &tiles[i];
        if (tl->obs) {
            const char *marker = br_chart_notes_add(notes, tl->obs);
            tl->cls = br_tile_class_of(k, tl->obs->value);
            tl->fill = br_tile_class_color(c, k, tl->cls);
            tl->ink = br_chart_ink_on(c, tl->fill);
            char num[BR_NUM_BUF];
            br_value_text(c, ind, tl->obs->value, tl->obs->qualifier, num);
            tl->value = g_strdup_printf("%s%s", num, marker);
        } else {
            tl->no_data = true;
            tl->fill = c->theme.paper;
            tl->ink = c->theme.text;
            missing++;
        }
        tl->label = g_strdup(tl->e->short_label);
    }
    return missing;
}

/* "no data (3): A, B, C" (the names when there are few). */
static char *no_data_text(br_chart_ctx *c, const br_tile *tiles, size_t n, size_t missing)
{
    char num[BR_NUM_BUF];
    br_numfmt_number(&c->nf, (double)missing, 0, num);
    GString *s = g_string_new(c->str->no_data);
    g_string_append_printf(s, "%s%s%s", c->str->paren_open, num, c->str->paren_close);
    if (missing <= 6) {
        g_string_append(s, c->str->colon);
        size_t listed = 0;
        for (size_t i = 0; i < n; i++) {
            if (tiles[i].obs)
                continue;
            g_string_append_printf(s, "%s%s", listed++ ? c->str->list_comma : "", br_entity_label(c, tiles[i].e));
        }
    }
    return g_string_free(s, FALSE);
}

/* The classes, then the no-data swatch; returns the height. */
static double legend(br_chart_ctx *c, br_device *dev, const br_indicator *ind, const br_tile_classes *k,
                     const br_tile *tiles, size_t n, size_t missing, double x, double y, double width)
{
    GArray *items = g_array_new(FALSE, TRUE, sizeof(br_legend_item));
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < k->n; i++) {
        char *text = br_tile_class_label(c, k, ind->unit, i);
        g_ptr_array_add(owned, text);
        br_color fill = br_tile_class_color(c, k, i);
        br_legend_item it = {text, fill, BR_HATCH_NONE, BR_SWATCH_FILL, br_color_luminance(fill) > 0.8};
        g_array_append_val(items, it);
    }
    if (missing > 0) {
        char *text = no_data_text(c, tiles, n, missing);
        g_ptr_array_add(owned, text);
        br_legend_item it = {text, c->theme.paper, BR_HATCH_NONE, BR_SWATCH_NO_DATA, false};
        g_array_append_val(items, it);
    }
    double h = br_chart_legend(c, dev, (const br_legend_item *)(void *)items->data, items->len, x, y, width);
    g_array_free(items, TRUE);
    g_ptr_array_free(owned, TRUE);
    return h;
}

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    const br_set *set = c->set;
    size_t n_tiles = 0;
    br_tile *tiles = br_tiles_collect(set, &n_tiles);
    if (n_tiles == 0) {
        /* A set without tiles has no map to draw: leave the block out. */
        br_tiles_free(tiles, 0);
        return 0;
    }
    const char *ind_id = spec->indicator ? spec->indicator : spec->n_indicators ? spec->indicators[0] : NULL;
    const br_indicator *ind = br_chart_pick(set, ind_id, spec->topic, spec->unit);
    if (!ind) {
        br_tiles_free(tiles, n_tiles);
        return br_chart_no_data(c, dev, spec->title ? spec->title : spec->topic ? spec->topic : "", x, y, width);
    }
    bool mixed;
    const char *period;
    size_t n_data = br_tiles_observe(tiles, n_tiles, set, ind, spec->period, &mixed, &period);
    const char *title = spec->title ? spec->title : br_indicator_label(c, ind);
    if (n_data == 0) {
        br_tiles_free(tiles, n_tiles);
        return br_chart_no_data(c, dev, title, x, y, width);
    }

    br_chart_notes *notes = br_chart_notes_new();
    br_tile_classes k = br_tile_classes_make(tiles, n_tiles, ind->decimals);
    size_t missing = colour_tiles(c, ind, tiles, n_tiles, &k, notes);
    br_tile_geom geom = br_tile_layout(c, tiles, n_tiles, width, BR_TILE_MAX, false);
    if (!geom.values) {
        /* No values on the tiles: note markers go with the labels. */
        for (size_t i = 0; i < n_tiles; i++) {
            if (!tiles[i].obs || !tiles[i].obs->note)
                continue;
            char *l = g_strdup_printf("%s%s", tiles[i].label, br_chart_notes_add(notes, tiles[i].obs));
            g_free(tiles[i].label);
            tiles[i].label = l;
        }
        geom = br_tile_layout(c, tiles, n_tiles, width, BR_TILE_MAX, false);
    }

    GString *sub = g_string_new(NULL);
    char *unit = br_unit_label(c, ind);
    if (*unit && strcmp(unit, "%") != 0) /* the legend says "%" */
        g_string_append(sub, unit);
    g_free(unit);
    br_tile_period_facts(c, sub, mixed, period);
    if (n_data < n_tiles) {
        char buf[160];
        br_count_phrase(c, c->str->regions_reported[c->set->noun], n_data, n_tiles, buf, sizeof buf);
        g_string_append(sub, sub->len ? " · " : "");
        g_string_append(sub, buf);
    }
    double h = br_chart_header(c, dev, title, sub->str, x, y, width);
    g_string_free(sub, TRUE);
    h += legend(c, dev, ind, &k, tiles, n_tiles, missing, x, y + h, width);
    br_tile_draw(c, dev, tiles, n_tiles, &geom, spec->focus, x, y + h);
    h += geom.h + 6;
    h += br_chart_notes_draw(c, notes, dev, x, y + h, width);
    br_tiles_free(tiles, n_tiles);
    br_chart_notes_free(notes);
    return h;
}

const br_chart_kind_def br_chart_kind_tilemap = {"tilemap", BR_CHART_TILEMAP, draw,
    BR_OPT_IND_ANY | BR_OPT_PERIOD | BR_OPT_FOCUS, 0};
