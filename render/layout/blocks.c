/* blocks: drawing of the layout blocks that are not charts (title, text,
 * headings, sources, notes, image, columns, profile).  Every function
 * draws into a device and returns the height it used, like the chart
 * kinds: layout records each block once and replays the recording where
 * pagination puts it.  Text goes through the text module, in the
 * theme's family. */
#include <pthread.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "charts/select.h"
#include "i18n/lang.h"
#include "layout/layout_private.h"

/* A paragraph of plain text (or markup) in the theme's family; returns
 * its height. */
static double text(br_chart_ctx *c, br_device *dev, const char *utf8, bool markup, double x, double y, double w,
                   double size, double leading, bool bold, br_color color, br_align align, int max_lines)
{
    br_text_style st = {c->theme.family, size, bold, false, color, leading, align, max_lines};
    return br_text_block(c->fonts, utf8, markup, &st, w, dev, x, y, c->diag);
}

const char *br_block_heading(const br_chart_ctx *c, const block *b)
{
    const char *t = br_lang_pick(b->texts, b->n_texts, c->lang, BR_LANG_ANY);
    return t ? t : "";
}

const char *br_block_outline_title(const br_chart_ctx *c, const block *b)
{
    switch (b->type) {
    case B_HEADING: return br_block_heading(c, b);
    case B_SOURCES: return br_list_block_count(c, b) ? c->str->sources : NULL;
    case B_NOTES: return br_list_block_count(c, b) ? c->str->notes : NULL;
    default: return NULL;
    }
}

static double draw_title(br_chart_ctx *c, const block *b, br_device *dev, double x, double y, double w)
{
    const br_theme *t = &c->theme;
    const char *tt = br_lang_pick(b->texts, b->n_texts, c->lang, BR_LANG_ANY);
    const char *st = br_lang_pick(b->subtexts, b->n_subtexts, c->lang, BR_LANG_ANY);
    char *title = br_layout_expand(c, tt ? tt : "{title}", false, 0, 0);
    char *subtitle = br_layout_expand(c, st ? st : "{subtitle}", false, 0, 0);
    /* A title block must fit a page: at most 4 title and 3 subtitle lines,
     * the rest cut with an ellipsis. */
    double h = text(c, dev, title, false, x, y, w, t->title_size, t->title_size * 1.2, true, t->text, BR_ALIGN_LEFT, 4);
    if (*subtitle)
        h += 2 + text(c, dev, subtitle, false, x, y + h + 2, w, t->subtitle_size, t->subtitle_size * 1.25, false,
                      t->subtitle, BR_ALIGN_LEFT, 3);
    char *date = br_date_label(c->loc, c->set->date);
    char *as_of = g_strdup_printf(c->str->as_of, date);
    char *line = c->set->publisher ? g_strdup_printf("%s · %s", as_of, c->set->publisher) : g_strdup(as_of);
    h += 4 + text(c, dev, line, false, x, y + h + 4, w, t->chart_subtitle_size, 11, false, t->secondary,
                  BR_ALIGN_LEFT, 0);
    g_free(line);
    g_free(as_of);
    g_free(date);
    g_free(title);
    g_free(subtitle);
    return h;
}

static double draw_text(br_chart_ctx *c, const block *b, br_device *dev, double x, double y, double w)
{
    const char *tmpl = br_lang_pick(b->texts, b->n_texts, c->lang, BR_LANG_ANY);
    if (!tmpl)
        return 0;
    char *body = br_layout_expand(c, tmpl, b->markup, 0, 0);
    double h = 0;
    if (*body) {
        h = text(c, dev, body, b->markup, x, y, w, c->theme.body_size, c->theme.body_leading, false, c->theme.text,
                 BR_ALIGN_LEFT, 0);
    }
    g_free(body);
    return h;
}

/* One source as a reader cites it. */
static char *source_line(br_chart_ctx *c, const br_source *s)
{
    GString *line = g_string_new(NULL);
    if (s->publisher)
        g_string_append_printf(line, "%s%s", s->publisher, c->str->colon);
    g_string_append(line, s->title);
    if (s->date) {
        char *d = br_date_label(c->loc, s->date);
        g_string_append_printf(line, "%s%s", c->str->comma, d);
        g_free(d);
    }
    g_string_append_c(line, '.');
    if (s->url)
        g_string_append_printf(line, " %s", s->url);
    return g_string_free(line, FALSE);
}

/* The focus entity's value, period and rank among regions for every
 * indicator it has: what a one-page regional profile opens with.  One row
 * per indicator, so a long profile splits between pages like a list. */
static const br_observation *profile_obs(const br_chart_ctx *c, const br_indicator *ind, size_t *rank,
                                         size_t *of)
{
    const br_entity *e = c->focus;
    br_series s = br_series_latest(c->set, ind, br_entity_is_compared(e));
    const br_observation *mine = NULL;
    for (size_t k = 0; k < s.n_points; k++)
        if (s.points[k].entity == e)
            mine = s.points[k].obs;
    *rank = 1;
    *of = s.n_points;
    for (size_t k = 0; mine && k < s.n_points; k++) {
        double v = s.points[k].obs->value;
        if (ind->better != BR_BETTER_LOWER ? v > mine->value : v < mine->value)
            (*rank)++;
    }
    br_series_free(&s);
    return mine;
}

/* The indicators the focus entity has a value for, in file order: made
 * once per document (a profile asks for each row). */
static GPtrArray *profile_rows(const br_chart_ctx *c)
{
    br_chart_strings *o = c->owned;
    pthread_mutex_lock(&o->lock);
    if (!o->lists[BR_CACHE_PROFILE]) {
        GPtrArray *a = g_ptr_array_new();
        size_t rank, of;
        for (size_t i = 0; c->focus && i < c->set->n_indicators; i++)
            if (profile_obs(c, &c->set->indicators[i], &rank, &of))
                g_ptr_array_add(a, (gpointer)&c->set->indicators[i]);
        o->lists[BR_CACHE_PROFILE] = a;
    }
    pthread_mutex_unlock(&o->lock);
    return o->lists[BR_CACHE_PROFILE];
}

/* The nth indicator the focus entity has a value for, or NULL. */
static const br_indicator *profile_indicator(const br_chart_ctx *c, size_t nth)
{
    GPtrArray *a = profile_rows(c);
    return nth < a->len ? g_ptr_array_index(a, nth) : NULL;
}

static double profile_row(br_chart_ctx *c, const br_indicator *ind, br_device *dev, double x, double y, double w)
{
    const br_theme *t = &c->theme;
    double col_value = w * 0.55, col_period = w * 0.73, col_rank = w * 0.86, size = t->label_size + 0.5;
    size_t rank, of;
    const br_observation *mine = profile_obs(c, ind, &rank, &of);
    char num[BR_NUM_BUF];
    br_value_text(c, ind, mine->value, mine->qualifier, num);
    char *unit = br_unit_label(c, ind);
    char *value = *unit && strcmp(unit, "%") != 0 ? g_strdup_printf("%s %s", num, unit) : g_strdup(num);
    char *period = br_period_label(c->loc, mine->period);
    char *rank_text = of > 1 ? br_count_phrase_dup(c, c->str->rank_of, rank, of) : g_strdup("");
    /* Every column may wrap (a long name, a unit of several words): the row
     * is as tall as its tallest cell, so no cell runs into the next row. */
    double nh = text(c, dev, br_indicator_label(c, ind), false, x, y, col_value - 8, size, 10, false, t->text,
                     BR_ALIGN_LEFT, 0);
    nh = fmax(nh, text(c, dev, value, false, x + col_value, y, col_period - col_value - 8, size, 10, true, t->text,
                       BR_ALIGN_RIGHT, 0));
    nh = fmax(nh, text(c, dev, period, false, x + col_period, y, col_rank - col_period - 6, size, 10, false,
                       t->secondary, BR_ALIGN_LEFT, 0));
    nh = fmax(nh, text(c, dev, rank_text, false, x + col_rank, y, w - col_rank, size, 10, false, t->secondary,
                       BR_ALIGN_RIGHT, 0));
    double rh = fmax(12, nh + 2);
    br_stroke rule = br_stroke_solid(0.5);
    br_dev_line(dev, x, y + rh, x + w, y + rh, &rule, t->grid);
    g_free(unit);
    g_free(value);
    g_free(period);
    g_free(rank_text);
    return rh + 1;
}

/* ---- list blocks: sources and notes split between their items ---- */

/* One item of the notes appendix: under an indicator's name (ind set on
 * its first item), one note and the observations it is about; identical
 * notes of an indicator are one item ("A, B, C (2020): note"). */
typedef struct {
    const br_indicator *ind; /* the heading of this item, or NULL */
    char *text;
} note_entry;

static void note_entry_free(gpointer p)
{
    note_entry *e = p;
    g_free(e->text);
    g_free(e);
}

#define NOTE_NAMES 8 /* entities named before "and N more" */

/* "A (2020), B (2021) and 5 more", or with one period "A, B (2020)". */
static char *noted_where(const br_chart_ctx *c, GPtrArray *obs)
{
    bool one_period = true;
    for (guint k = 1; k < obs->len; k++)
        one_period &= strcmp(((const br_observation *)obs->pdata[k])->period,
                             ((const br_observation *)obs->pdata[0])->period) == 0;
    GString *s = g_string_new(NULL);
    guint shown = MIN(obs->len, NOTE_NAMES);
    for (guint k = 0; k < shown; k++) {
        const br_observation *o = obs->pdata[k];
        if (k)
            g_string_append(s, c->str->list_comma);
        g_string_append(s, br_entity_label(c, o->entity));
        if (!one_period) {
            char *p = br_period_label(c->loc, o->period);
            g_string_append_printf(s, "%s%s%s", c->str->paren_open, p, c->str->paren_close);
            g_free(p);
        }
    }
    if (obs->len > shown) {
        char num[BR_NUM_BUF];
        br_numfmt_number(&c->nf, (double)(obs->len - shown), 0, num);
        char *more = g_strdup_printf(c->str->more_regions[c->set->noun], num);
        g_string_append_printf(s, " %s", more);
        g_free(more);
    }
    if (one_period) {
        char *p = br_period_label(c->loc, ((const br_observation *)obs->pdata[0])->period);
        g_string_append_printf(s, "%s%s%s", c->str->paren_open, p, c->str->paren_close);
        g_free(p);
    }
    return g_string_free(s, FALSE);
}

static GPtrArray *note_entries(const br_chart_ctx *c)
{
    br_chart_strings *own = c->owned;
    pthread_mutex_lock(&own->lock);
    if (own->lists[BR_CACHE_NOTES]) {
        pthread_mutex_unlock(&own->lock);
        return own->lists[BR_CACHE_NOTES];
    }
    GPtrArray *entries = g_ptr_array_new_with_free_func(note_entry_free);
    for (size_t i = 0; i < c->set->n_indicators; i++) {
        const br_indicator *ind = &c->set->indicators[i];
        bool first = true;
        const char *own_notes[2] = {ind->definition, ind->note};
        for (int k = 0; k < 2; k++) {
            if (!own_notes[k])
                continue;
            note_entry *e = g_new0(note_entry, 1);
            e->ind = first ? ind : NULL;
            e->text = g_strdup(own_notes[k]);
            g_ptr_array_add(entries, e);
            first = false;
        }
        /* Distinct notes in order of first use, each with its observations. */
        GHashTable *by_text = g_hash_table_new(g_str_hash, g_str_equal);
        GPtrArray *order = g_ptr_array_new();
        for (size_t k = 0; k < ind->n_observations; k++) {
            const br_observation *o = &ind->observations[k];
            if (!o->note)
                continue;
            GPtrArray *obs = g_hash_table_lookup(by_text, o->note);
            if (!obs) {
                obs = g_ptr_array_new();
                g_hash_table_insert(by_text, (gpointer)o->note, obs);
                g_ptr_array_add(order, (gpointer)o->note);
            }
            g_ptr_array_add(obs, (gpointer)o);
        }
        for (guint k = 0; k < order->len; k++) {
            GPtrArray *obs = g_hash_table_lookup(by_text, order->pdata[k]);
            char *where = noted_where(c, obs);
            note_entry *e = g_new0(note_entry, 1);
            e->ind = first ? ind : NULL;
            e->text = g_strdup_printf("%s%s%s", where, c->str->colon, (const char *)order->pdata[k]);
            g_ptr_array_add(entries, e);
            first = false;
            g_free(where);
            g_ptr_array_free(obs, TRUE);
        }
        g_ptr_array_free(order, TRUE);
        g_hash_table_destroy(by_text);
    }
    own->lists[BR_CACHE_NOTES] = entries;
    pthread_mutex_unlock(&own->lock);
    return entries;
}

size_t br_list_block_count(const br_chart_ctx *c, const block *b)
{
    if (b->type == B_SOURCES)
        return c->set->n_sources;
    if (b->type == B_PROFILE) {
        size_t n = 0;
        while (profile_indicator(c, n))
            n++;
        return n;
    }
    return note_entries(c)->len;
}

double br_list_block_head(br_chart_ctx *c, const block *b, br_device *dev, double x, double y, double w)
{
    const br_theme *t = &c->theme;
    if (b->type == B_PROFILE)
        return 2;
    const char *title = br_block_outline_title(c, b);
    return text(c, dev, title, false, x, y, w, t->heading_size, t->heading_size * 1.25, true, t->text, BR_ALIGN_LEFT,
                0) + 4;
}

double br_list_block_item(br_chart_ctx *c, const block *b, size_t i, br_device *dev, double x, double y, double w)
{
    const br_theme *t = &c->theme;
    if (b->type == B_PROFILE)
        return profile_row(c, profile_indicator(c, i), dev, x, y, w);
    if (b->type == B_SOURCES) {
        const br_source *s = &c->set->sources[i];
        char *line = source_line(c, s);
        br_text_style st = {t->family, t->source_size, false, false, t->source, t->source_leading, BR_ALIGN_LEFT, 0};
        br_text *tx = NULL;
        double lh = 0;
        if (br_text_new(c->fonts, line, false, &st, w, c->diag, &tx) == BR_OK) {
            lh = br_text_height(tx);
            if (s->url) {
                br_rect area = {x, y, x + w, y + lh};
                br_dev_begin_link(dev, &area, s->url);
            }
            br_text_draw(tx, dev, x, y);
            if (s->url)
                br_dev_end_link(dev);
            br_text_free(tx);
        }
        g_free(line);
        return lh + 2;
    }
    const note_entry *e = g_ptr_array_index(note_entries(c), i);
    double h = 0;
    if (e->ind)
        h += text(c, dev, br_indicator_label(c, e->ind), false, x, y, w, t->source_size + 0.5, t->source_leading, true,
                  t->text, BR_ALIGN_LEFT, 0);
    h += text(c, dev, e->text, false, x, y + h, w, t->source_size, t->source_leading, false, t->source, BR_ALIGN_LEFT,
              0);
    return h + (i + 1 < note_entries(c)->len && ((const note_entry *)g_ptr_array_index(note_entries(c), i + 1))->ind
                    ? 3
                    : 1);
}

size_t br_list_block_item_texts(br_chart_ctx *c, const block *b, size_t i, double w, br_text **texts, double *after)
{
    const br_theme *t = &c->theme;
    if (b->type != B_NOTES)
        return 0;
    GPtrArray *entries = note_entries(c);
    const note_entry *e = g_ptr_array_index(entries, i);
    size_t n = 0;
    if (e->ind) {
        br_text_style st = {t->family, t->source_size + 0.5, true, false, t->text, t->source_leading, BR_ALIGN_LEFT,
                            0};
        if (br_text_new(c->fonts, br_indicator_label(c, e->ind), false, &st, w, c->diag, &texts[n]) == BR_OK)
            n++;
    }
    br_text_style st = {t->family, t->source_size, false, false, t->source, t->source_leading, BR_ALIGN_LEFT, 0};
    if (br_text_new(c->fonts, e->text, false, &st, w, c->diag, &texts[n]) == BR_OK)
        n++;
    *after = i + 1 < entries->len && ((const note_entry *)g_ptr_array_index(entries, i + 1))->ind ? 3 : 1;
    return n;
}

/* Whole list (inside columns, or when measured as one). */
static double draw_list(br_chart_ctx *c, const block *b, br_device *dev, double x, double y, double w)
{
    size_t n = br_list_block_count(c, b);
    if (n == 0)
        return 0;
    double h = br_list_block_head(c, b, dev, x, y, w);
    for (size_t i = 0; i < n; i++)
        h += br_list_block_item(c, b, i, dev, x, y + h, w);
    return h;
}

static double draw_image(const block *b, br_device *dev, double x, double y, double w)
{
    if (!b->image.rgba)
        return 0;
    double iw = fmin(b->image_width, w);
    double ih = iw * b->image.height / b->image.width;
    double ix = b->align == BR_ALIGN_RIGHT ? x + w - iw : b->align == BR_ALIGN_CENTER ? x + (w - iw) / 2 : x;
    br_rect r = {ix, y, ix + iw, y + ih};
    br_dev_fill_image(dev, &b->image, &r);
    return ih;
}

typedef struct {
    br_chart_ctx *c;
    const br_layout *l;
    const block *b;
    double w;
} block_job;

static double draw_job(void *data, br_device *dev)
{
    block_job *j = data;
    return br_block_draw(j->c, j->l, j->b, dev, 0, 0, j->w);
}

/* Children side by side: greedy columns balanced by height. */
static double draw_columns(br_chart_ctx *c, const br_layout *l, const block *b, br_device *dev, double x, double y,
                           double w)
{
    const double gap = 14, vgap = 10;
    int n = b->columns;
    double cw = (w - gap * (n - 1)) / n;
    double *hs = g_new0(double, b->n_children + 1);
    br_dlist **rec = g_new0(br_dlist *, b->n_children + 1);
    double total = 0;
    for (size_t i = 0; i < b->n_children; i++) {
        /* Each child is drawn once, into a recording, and placed below. */
        block_job job = {c, l, &b->children[i], cw};
        if (br_record(cw, draw_job, &job, &rec[i], &hs[i]) != BR_OK) {
            br_dev_fail(dev, BR_ERR_NOMEM);
            hs[i] = 0;
        }
        total += hs[i] + (hs[i] > 0 ? vgap : 0);
    }
    double target = total / n, tallest = 0, cy = 0;
    int col = 0;
    for (size_t i = 0; i < b->n_children; i++) {
        if (hs[i] <= 0)
            continue;
        if (cy > 0 && cy + hs[i] / 2 > target && col < n - 1) {
            tallest = fmax(tallest, cy - vgap);
            col++;
            cy = 0;
        }
        br_matrix at = br_matrix_translate(x + col * (cw + gap), y + cy);
        (void)br_dlist_replay_transformed(rec[i], dev, &at);
        cy += hs[i] + vgap;
    }
    tallest = fmax(tallest, cy - vgap);
    for (size_t i = 0; i < b->n_children; i++)
        br_dlist_free(rec[i]);
    g_free(rec);
    g_free(hs);
    return fmax(tallest, 0);
}

double br_block_draw(br_chart_ctx *c, const br_layout *l, const block *b, br_device *dev, double x, double y,
                     double w)
{
    switch (b->type) {
    case B_TITLE: return draw_title(c, b, dev, x, y, w);
    case B_TEXT: return draw_text(c, b, dev, x, y, w);
    case B_KEYFIGS:
    case B_CHART: return br_chart_kind_of(b->chart.kind)->draw(c, &b->chart, dev, x, y, w);
    case B_HEADING: {
        double size = b->level == 1 ? c->theme.heading_size : c->theme.chart_title_size + 1;
        return text(c, dev, br_block_heading(c, b), false, x, y, w, size, size * 1.25, true, c->theme.text,
                    BR_ALIGN_LEFT, 0);
    }
    case B_SOURCES:
    case B_NOTES: return draw_list(c, b, dev, x, y, w);
    case B_IMAGE: return draw_image(b, dev, x, y, w);
    case B_COLUMNS: return draw_columns(c, l, b, dev, x, y, w);
    case B_PROFILE: return draw_list(c, b, dev, x, y, w);
    case B_SPACER: return b->height;
    case B_PAGEBREAK:
    case B_TOPICS: return 0; /* expanded before drawing (topics.c) */
    }
    return 0;
}
