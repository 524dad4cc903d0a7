/* chart_common: see chart_common.h. */
#include "charts/chart_common.h"

#include "i18n/lang.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- strings and theme ---------------------------------------------- */

br_theme br_theme_default(void)
{
    br_theme t = {
        .family = NULL,
        .title_size = 22, .subtitle_size = 12, .heading_size = 13, .body_size = 9.5, .body_leading = 13.5,
        .chart_title_size = 10, .chart_subtitle_size = 8.5, .label_size = 7.5, .source_size = 7,
        .source_leading = 9, .key_number_size = 24, .key_label_size = 8,
    };
    t.text = br_rgb(0x1a1a1a);
    t.secondary = br_rgb(0x595959);
    t.grid = br_rgb(0xd9d9d9);
    t.axis = br_rgb(0x404040);
    t.source = br_rgb(0x666666);
    t.muted = br_rgb(0xc6c6c6);
    t.rest = br_rgb(0xe6e6e6);
    t.highlight = br_rgb(0xD55E00);
    static const uint32_t okabe_ito[7] = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0x56B4E9, 0xCC79A7, 0xF0E442};
    for (int i = 0; i < 7; i++)
        t.categories[i] = br_rgb(okabe_ito[i]);
    t.other = br_rgb(0x8c8c8c);
    return t;
}

void br_chart_ctx_init(br_chart_ctx *c, br_fonts *fonts, const br_set *set, const char *lang, br_diag *diag)
{
    memset(c, 0, sizeof *c);
    c->fonts = fonts;
    c->set = set;
    c->lang = lang ? lang : set->language;
    c->loc = br_locale_for(c->lang);
    c->nf = c->loc->nf;
    c->str = c->loc->words;
    c->theme = br_theme_default();
    c->diag = diag;
}

/* ---- data ----------------------------------------------------------- */

static size_t regions_reported(const br_indicator *ind)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    for (size_t i = 0; i < ind->n_observations; i++)
        if (br_entity_is_region(ind->observations[i].entity))
            g_hash_table_add(seen, (gpointer)ind->observations[i].entity);
    size_t n = g_hash_table_size(seen);
    g_hash_table_destroy(seen);
    return n;
}

const br_indicator *br_chart_pick(const br_set *set, const char *id, const char *topic, const char *unit)
{
    if (id)
        return br_set_lookup_indicator(set, id);
    const br_indicator *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < set->n_indicators; i++) {
        const br_indicator *ind = &set->indicators[i];
        if (topic && strcmp(ind->topic, topic) != 0)
            continue;
        if (unit && strcmp(ind->unit, unit) != 0)
            continue;
        size_t n = regions_reported(ind);
        if (!best || n > best_n) {
            best = ind;
            best_n = n;
        }
    }
    return best;
}

br_series br_series_latest(const br_set *set, const br_indicator *ind, bool regions_only)
{
    br_series s = {0};
    s.indicator = ind;
    for (size_t i = 0; i < set->n_entities; i++)
        s.n_regions_total += br_entity_is_region(&set->entities[i]);
    /* latest observation per entity, indexed by entity position */
    const br_observation **best = g_new0(const br_observation *, set->n_entities ? set->n_entities : 1);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if (regions_only && !br_entity_is_region(o->entity))
            continue;
        const br_observation **b = &best[o->entity->index];
        if (!*b || o->period_end > (*b)->period_end)
            *b = o;
    }
    s.points = g_new0(br_point, set->n_entities ? set->n_entities : 1);
    int latest = 0;
    for (size_t i = 0; i < set->n_entities; i++) {
        if (!best[i])
            continue;
        s.points[s.n_points].entity = &set->entities[i];
        s.points[s.n_points].obs = best[i];
        s.n_points++;
        if (best[i]->period_end > latest) {
            latest = best[i]->period_end;
            s.latest_period = best[i]->period;
        }
    }
    for (size_t i = 1; i < s.n_points; i++)
        if (strcmp(s.points[i].obs->period, s.points[0].obs->period) != 0)
            s.mixed_periods = true;
    g_free(best);
    return s;
}

void br_series_free(br_series *s)
{
    g_free(s->points);
    s->points = NULL;
    s->n_points = 0;
}

const br_observation *br_national_value(const br_set *set, const br_indicator *ind)
{
    const br_observation *best = NULL;
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        if (o->entity->kind != BR_ENTITY_COUNTRY)
            continue;
        if (!best || (o->entity == best->entity && o->period_end > best->period_end))
            best = o;
    }
    return best;
}

/* Rendering in a language other than the set's own? */
static bool foreign(const br_chart_ctx *c)
{
    return c->lang && !br_lang_equal(c->lang, c->set->language);
}

const char *br_entity_label(const br_chart_ctx *c, const br_entity *e)
{
    const char *t = foreign(c) ? br_lang_pick(e->names, e->n_names, c->lang, BR_LANG_STRICT) : NULL;
    return t ? t : e->name;
}

const char *br_indicator_label(const br_chart_ctx *c, const br_indicator *ind)
{
    const char *t = foreign(c) ? br_lang_pick(ind->names, ind->n_names, c->lang, BR_LANG_STRICT) : NULL;
    return t ? t : ind->name;
}

static const br_translation *translation(const br_chart_ctx *c)
{
    if (!foreign(c))
        return NULL;
    for (size_t i = 0; i < c->set->n_translations; i++)
        if (br_lang_equal(c->set->translations[i].lang, c->lang))
            return &c->set->translations[i];
    for (size_t i = 0; i < c->set->n_translations; i++)
        if (br_lang_same_primary(c->set->translations[i].lang, c->lang))
            return &c->set->translations[i];
    return NULL;
}

const char *br_set_title(const br_chart_ctx *c)
{
    const br_translation *t = translation(c);
    return t && t->title ? t->title : c->set->title;
}

const char *br_set_subtitle(const br_chart_ctx *c)
{
    const br_translation *t = translation(c);
    return t && t->subtitle ? t->subtitle : c->set->subtitle;
}

const char *br_set_summary(const br_chart_ctx *c)
{
    const br_translation *t = translation(c);
    return t && t->summary ? t->summary : c->set->summary;
}


char *br_unit_label(const br_chart_ctx *c, const br_indicator *ind)
{
    if (strcmp(ind->unit, "count") == 0)
        return g_strdup("");
    if (strcmp(ind->unit, "percent") == 0)
        return g_strdup("%");
    return g_strdup(ind->unit);
}

const br_entity *br_entity_group(const br_entity *e)
{
    return e->n_groups > 0 ? e->groups[0] : NULL;
}

int br_entity_order(const void *a, const void *b)
{
    const br_entity *x = *(const br_entity *const *)a, *y = *(const br_entity *const *)b;
    return x->index < y->index ? -1 : x->index > y->index;
}

int br_group_index(const br_set *set, const br_entity *group)
{
    if (!group)
        return -1;
    int n = 0;
    for (size_t i = 0; i < set->n_entities; i++) {
        if (set->entities[i].kind != BR_ENTITY_GROUP)
            continue;
        if (&set->entities[i] == group)
            return n;
        n++;
    }
    return -1;
}

/* ---- text ----------------------------------------------------------- */

static double text_block(br_chart_ctx *c, br_device *dev, const char *utf8, bool markup, double x, double y,
                         double width, double size, double leading, bool bold, br_color color, br_align align,
                         int max_lines)
{
    br_text_style st = {c->theme.family, size, bold, false, color, leading, align, max_lines};
    br_text *t = NULL;
    if (br_text_new(c->fonts, utf8, markup, &st, width, c->diag, &t) != BR_OK)
        return 0;
    double h = br_text_height(t);
    if (dev)
        br_text_draw(t, dev, x, y);
    br_text_free(t);
    return h;
}

double br_chart_text(br_chart_ctx *c, br_device *dev, const char *utf8, double x, double y, double width,
                     double size, double leading, bool bold, br_color color, br_align align)
{
    return text_block(c, dev, utf8, false, x, y, width, size, leading, bold, color, align, 0);
}

double br_chart_text_capped(br_chart_ctx *c, br_device *dev, const char *utf8, double x, double y, double width,
                            double size, double leading, bool bold, br_color color, int max_lines)
{
    return text_block(c, dev, utf8, false, x, y, width, size, leading, bold, color, BR_ALIGN_LEFT, max_lines);
}

double br_chart_markup(br_chart_ctx *c, br_device *dev, const char *markup, double x, double y, double width,
                       double size, double leading, br_color color)
{
    return text_block(c, dev, markup, true, x, y, width, size, leading, false, color, BR_ALIGN_LEFT, 0);
}

double br_chart_text_width(br_chart_ctx *c, const char *utf8, double size, bool bold)
{
    br_text_style st = {c->theme.family, size, bold, false, c->theme.text, 0, BR_ALIGN_LEFT, 0};
    return br_text_measure(c->fonts, utf8, &st);
}

double br_chart_header(br_chart_ctx *c, br_device *dev, const char *title, const char *subtitle, double x,
                       double y, double width)
{
    const br_theme *t = &c->theme;
    double h = br_chart_text(c, dev, title, x, y, width, t->chart_title_size, 13, true, t->text, BR_ALIGN_LEFT);
    if (subtitle && *subtitle)
        h += br_chart_text(c, dev, subtitle, x, y + h, width, t->chart_subtitle_size, 11, false, t->secondary,
                           BR_ALIGN_LEFT);
    return h + 6;
}

double br_chart_no_data(br_chart_ctx *c, br_device *dev, const char *title, double x, double y, double width)
{
    const br_theme *t = &c->theme;
    double h = br_chart_header(c, dev, title, NULL, x, y, width);
    double box = 40;
    if (dev) {
        br_stroke s = br_stroke_solid(0.75);
        br_path *p = br_path_new();
        br_path_rect(p, x, y + h, width, box);
        br_dev_fill_path(dev, p, BR_FILL_NONZERO, br_rgb(0xf5f5f5));
        br_dev_stroke_path(dev, p, &s, t->grid);
        br_path_free(p);
    }
    double th = br_chart_text(c, NULL, c->str->no_data, 0, 0, width, t->chart_subtitle_size, 11, false,
                              t->secondary, BR_ALIGN_CENTER);
    br_chart_text(c, dev, c->str->no_data, x, y + h + (box - th) / 2, width, t->chart_subtitle_size, 11, false,
                  t->secondary, BR_ALIGN_CENTER);
    return h + box;
}

/* ---- notes and sources ---------------------------------------------- */

struct br_chart_notes {
    GPtrArray *sources; /* const br_source *, first-use order */
    GPtrArray *notes;   /* const char * */
    GPtrArray *markers; /* char *, owned */
};

br_chart_notes *br_chart_notes_new(void)
{
    br_chart_notes *n = g_new0(br_chart_notes, 1);
    n->sources = g_ptr_array_new();
    n->notes = g_ptr_array_new();
    n->markers = g_ptr_array_new_with_free_func(g_free);
    return n;
}

void br_chart_notes_free(br_chart_notes *n)
{
    if (!n)
        return;
    g_ptr_array_free(n->sources, TRUE);
    g_ptr_array_free(n->notes, TRUE);
    g_ptr_array_free(n->markers, TRUE);
    g_free(n);
}

static char *superscript(unsigned n)
{
    static const char *digits[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    char buf[16];
    snprintf(buf, sizeof buf, "%u", n);
    GString *s = g_string_new(NULL);
    for (char *p = buf; *p; p++)
        g_string_append(s, digits[*p - '0']);
    return g_string_free(s, FALSE);
}

const char *br_chart_notes_add(br_chart_notes *n, const br_observation *obs)
{
    if (obs->source) {
        guint idx;
        if (!g_ptr_array_find(n->sources, obs->source, &idx))
            g_ptr_array_add(n->sources, (gpointer)obs->source);
    }
    if (!obs->note)
        return "";
    for (guint i = 0; i < n->notes->len; i++)
        if (strcmp(g_ptr_array_index(n->notes, i), obs->note) == 0)
            return g_ptr_array_index(n->markers, i);
    g_ptr_array_add(n->notes, (gpointer)obs->note);
    g_ptr_array_add(n->markers, superscript(n->notes->len));
    return g_ptr_array_index(n->markers, n->notes->len - 1);
}

double br_chart_notes_draw(br_chart_ctx *c, const br_chart_notes *n, br_device *dev, double x, double y,
                           double width)
{
    const br_theme *t = &c->theme;
    double h = 0;
    if (n->sources->len > 0) {
        GString *s = g_string_new(n->sources->len > 1 ? c->str->sources : c->str->source);
        g_string_append(s, c->str->colon);
        for (guint i = 0; i < n->sources->len; i++) {
            const br_source *src = g_ptr_array_index(n->sources, i);
            if (i)
                g_string_append(s, c->str->semicolon);
            g_string_append(s, src->publisher ? src->publisher : src->title);
        }
        g_string_append_c(s, '.');
        h += br_chart_text(c, dev, s->str, x, y + h, width, t->source_size, t->source_leading, false, t->source,
                           BR_ALIGN_LEFT);
        g_string_free(s, TRUE);
    }
    for (guint i = 0; i < n->notes->len; i++) {
        char *line = g_strdup_printf("%s %s", (const char *)g_ptr_array_index(n->markers, i),
                                     (const char *)g_ptr_array_index(n->notes, i));
        h += br_chart_text(c, dev, line, x, y + h, width, t->source_size, t->source_leading, false, t->source,
                           BR_ALIGN_LEFT);
        g_free(line);
    }
    return h;
}

void br_chart_spec_init(br_chart_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->kind = BR_CHART_BARS;
    spec->reference = -2;
    spec->sort = BR_SORT_VALUE;
}

/* Tables drawn whole (layout splits them itself across pages). */
static double table_draw_whole(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                               double width)
{
    br_table *t = NULL;
    if (br_table_new(c, spec, width, &t) != BR_OK || !t)
        return 0;
    double h = br_table_draw(t, dev, x, y, 0, br_table_rows(t), true, true);
    br_table_free(t);
    return h;
}

double br_chart_draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y,
                     double width)
{
    switch (spec->kind) {
    case BR_CHART_BARS: return br_chart_bars_draw(c, spec, dev, x, y, width);
    case BR_CHART_SHARE: return br_chart_share_draw(c, spec, dev, x, y, width);
    case BR_CHART_KEYFIGS: return br_chart_keyfigs_draw(c, spec, dev, x, y, width);
    case BR_CHART_GROUPED:
    case BR_CHART_STACKED:
    case BR_CHART_PARTS: return br_chart_multi_draw(c, spec, dev, x, y, width);
    case BR_CHART_LINE: return br_chart_line_draw(c, spec, dev, x, y, width);
    case BR_CHART_TILEMAP:
    case BR_CHART_MOSAIC: return br_chart_tilemap_draw(c, spec, dev, x, y, width);
    case BR_CHART_TABLE: return table_draw_whole(c, spec, dev, x, y, width);
    }
    return 0;
}

void br_count_phrase(const br_chart_ctx *c, const char *fmt, size_t a, size_t b, char *buf, size_t size)
{
    char na[BR_NUM_BUF], nb[BR_NUM_BUF];
    br_numfmt_number(&c->nf, (double)a, 0, na);
    br_numfmt_number(&c->nf, (double)b, 0, nb);
    g_snprintf(buf, size, fmt, na, nb);
}

char *br_count_phrase_dup(const br_chart_ctx *c, const char *fmt, size_t a, size_t b)
{
    char na[BR_NUM_BUF], nb[BR_NUM_BUF];
    br_numfmt_number(&c->nf, (double)a, 0, na);
    br_numfmt_number(&c->nf, (double)b, 0, nb);
    return g_strdup_printf(fmt, na, nb);
}

#define NBSP "\xC2\xA0"

static const char *qualifier_sign(br_qualifier q)
{
    switch (q) {
    case BR_QUALIFIER_OVER: return ">" NBSP;
    case BR_QUALIFIER_UNDER: return "<" NBSP;
    case BR_QUALIFIER_ABOUT: return "~" NBSP;
    case BR_QUALIFIER_NONE: break;
    }
    return "";
}

char *br_numfmt_value(const br_numfmt *f, double value, int decimals, const char *unit, br_qualifier q, char *buf)
{
    char num[BR_NUM_BUF];
    if (unit && strcmp(unit, "percent") == 0)
        br_numfmt_percent(f, value, decimals, num);
    else
        br_numfmt_number(f, value, decimals, num);
    g_snprintf(buf, BR_NUM_BUF, "%s%s", qualifier_sign(q), num);
    return buf;
}
