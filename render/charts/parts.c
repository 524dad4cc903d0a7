/* parts: 100 % bars, the chart kind "parts": an entity's share of a whole
 * (China against the rest of the world); see barset.h. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/barset.h"
#include "charts/frame.h"
#include "charts/kinds.h"
#include "charts/label.h"
#include "charts/paint.h"
#include "charts/select.h"

typedef struct {
    const br_indicator *ind;
    const br_observation *obs;
} part;

static br_qualifier flip(br_qualifier q)
{
    return q == BR_QUALIFIER_OVER ? BR_QUALIFIER_UNDER : q == BR_QUALIFIER_UNDER ? BR_QUALIFIER_OVER : q;
}

static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    const br_theme *t = &c->theme;
    const br_indicator *inds[BR_BARSET_MAX_PARTS];
    size_t n_ind = br_barset_indicators(c, spec, true, inds, BR_BARSET_MAX_PARTS);
    const char *title = spec->title;
    if (n_ind == 0) {
        /* Nothing in percent: name what was asked for. */
        const br_indicator *asked = br_set_lookup_indicator(
            c->set, spec->indicator ? spec->indicator : spec->n_indicators ? spec->indicators[0] : "");
        if (!title)
            title = asked ? br_indicator_label(c, asked) : spec->topic ? spec->topic : "";
        return br_chart_no_data(c, dev, title, x, y, width);
    }

    /* At most `top` bars (default 12), so the chart fits a page; the
     * subtitle says how many were left out. */
    part parts[BR_BARSET_MAX_PARTS];
    size_t n = 0, available = 0;
    size_t cap = spec->top > 0 ? MIN((size_t)spec->top, (size_t)BR_BARSET_MAX_PARTS) : 12;
    for (size_t i = 0; i < n_ind; i++) {
        const br_observation **by = br_chart_by_entity(c->set, inds[i], spec->period);
        if (spec->n_entities > 0) {
            for (size_t k = 0; k < spec->n_entities; k++) {
                const br_entity *e = br_set_lookup_entity(c->set, spec->entities[k]);
                if (e && by[e->index] && available++ < cap)
                    parts[n++] = (part){inds[i], by[e->index]};
            }
        } else {
            for (size_t e = 0; e < c->set->n_entities; e++)
                if (by[e] && available++ < cap)
                    parts[n++] = (part){inds[i], by[e]};
        }
        g_free(by);
    }
    br_barset m = {.c = c, .spec = spec};
    char *joined = NULL;
    if (!title)
        title = n_ind == 1 ? br_indicator_label(c, inds[0]) : (joined = br_barset_join_names(&m, inds, n_ind));
    if (n == 0) {
        double h = br_chart_no_data(c, dev, title, x, y, width);
        g_free(joined);
        return h;
    }
    bool mixed = false;
    for (size_t i = 1; i < n; i++)
        mixed |= strcmp(parts[i].obs->period, parts[0].obs->period) != 0;
    GString *sub = g_string_new(NULL);
    if (mixed) {
        g_string_append(sub, c->str->mixed_periods);
    } else {
        char *p = br_period_label(c->loc, parts[0].obs->period);
        g_string_append(sub, p);
        g_free(p);
    }
    if (available > n) {
        char buf[128];
        br_count_phrase(c, c->str->top_of, n, available, buf, sizeof buf);
        g_string_append_printf(sub, " · %s", buf);
    }
    double h = br_chart_header(c, dev, title, sub->str, x, y, width);
    g_string_free(sub, TRUE);
    g_free(joined);

    m.notes = br_chart_notes_new();
    br_color share_col = t->categories[0];
    br_color share_ink = br_chart_ink_on(c, share_col), rest_ink = t->text;
    const char *rest_word = c->str->rest;
    br_stroke sep = br_stroke_solid(0.75);
    for (size_t i = 0; i < n; i++) {
        const br_observation *o = parts[i].obs;
        const br_indicator *ind = parts[i].ind;
        if (n_ind > 1) {
            /* Caption: which whole this bar divides. */
            h += br_chart_text(c, dev, br_indicator_label(c, ind), x, y + h, width, t->label_size, LINE, false,
                               t->axis, BR_ALIGN_LEFT);
            h += 1;
        }
        char num[BR_NUM_BUF], rnum[BR_NUM_BUF];
        br_numfmt_value(&c->nf, o->value, ind->decimals, "percent", o->qualifier, num);
        /* The rest from the share as shown, so the two labels add up to 100. */
        double shown = round(o->value * pow(10, ind->decimals)) / pow(10, ind->decimals);
        br_numfmt_value(&c->nf, 100 - shown, ind->decimals, "percent", flip(o->qualifier), rnum);
        const char *marker = br_chart_notes_add(m.notes, o);
        char *share_text;
        if (mixed) {
            char *p = br_period_label(c->loc, o->period);
            share_text = g_strdup_printf("%s %s%s (%s)", br_entity_label(c, o->entity), num, marker, p);
            g_free(p);
        } else {
            share_text = g_strdup_printf("%s %s%s", br_entity_label(c, o->entity), num, marker);
        }
        char *rest_text = g_strdup_printf("%s %s", rest_word, rnum);
        double sw = br_chart_text_width(c, share_text, t->label_size, false);
        double rw = br_chart_text_width(c, rest_text, t->label_size, false);
        double split = x + width * fmin(100, fmax(0, o->value)) / 100;
        double by = y + h, cy = by + PARTS_BAR / 2;
        bool has_rest = o->value < 100;
        if (split > x)
            br_dev_fill_rect(dev, x, by, split - x, PARTS_BAR, share_col);
        if (has_rest)
            br_dev_fill_rect(dev, split, by, x + width - split, PARTS_BAR, t->rest);
        if (split > x && has_rest)
            br_dev_line(dev, split, by, split, by + PARTS_BAR, &sep, t->paper);
        /* Each label inside its part when it fits; the share's else just
         * past the split; what fits neither goes on a line under the bar
         * (share at the left, rest at the right). */
        double right = x + width;
        bool rest_in = !has_rest || right - split >= rw + 2 * PAD;
        double rest_x = right - PAD - rw;
        bool share_in = split - x >= sw + 2 * PAD;
        bool share_beside = !share_in && split + PAD + sw + 8 <= (has_rest && rest_in ? rest_x : right);
        if (share_in || share_beside)
            br_chart_label(c, dev, share_text, share_in ? x + PAD : split + PAD, cy, 0, BR_ALIGN_LEFT,
                           share_in ? share_ink : rest_ink);
        if (has_rest && rest_in)
            br_chart_label(c, dev, rest_text, rest_x, cy, 0, BR_ALIGN_LEFT, rest_ink);
        h += PARTS_BAR;
        bool share_below = !share_in && !share_beside, rest_below = has_rest && !rest_in;
        if (share_below || rest_below) {
            h += 1;
            double sw_cut = fmin(sw, width);
            if (share_below)
                br_chart_label(c, dev, share_text, x, y + h + LINE / 2, width, BR_ALIGN_LEFT, t->text);
            if (rest_below) {
                if (share_below && sw_cut + 8 + rw > width)
                    h += LINE;
                br_chart_label(c, dev, rest_text, right - rw, y + h + LINE / 2, 0, BR_ALIGN_LEFT, t->axis);
            }
            h += LINE;
        }
        h += 7;
        g_free(share_text);
        g_free(rest_text);
    }
    h += br_chart_notes_draw(c, m.notes, dev, x, y + h, width);
    br_chart_notes_free(m.notes);
    return h;
}

const br_chart_kind_def br_chart_kind_parts = {"parts", BR_CHART_PARTS, draw,
    (BR_OPT_IND_ANY & ~BR_OPT_UNIT) | BR_OPT_INDICATORS | BR_OPT_TOP | BR_OPT_PERIOD | BR_OPT_ENTITIES,
    BR_BARSET_MAX_PARTS};
