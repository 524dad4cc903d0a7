/* context: see context.h. */
#include "charts/context.h"

#include <pthread.h>
#include <math.h>

#include "charts/paint.h"
#include "charts/scale.h"

#include <glib.h>
#include <string.h>

#include "i18n/lang.h"

#define NBSP "\xC2\xA0"

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
    t.paper = br_rgb(0xffffff);
    t.panel = br_rgb(0xf5f5f5);
    t.stripe = br_rgb(0xf2f2f2);
    t.missing = br_rgb(0xa6a6a6);
    t.outline = br_rgb(0x9ecae1);
    t.subtitle = br_rgb(0x404040);
    /* ColorBrewer Blues in five classes (sequential values) and the ramps
     * for one to three periods (oldest light, latest dark). */
    /* Classes of values differ by 17 L* (94, 77, 60, 43, 26: points on
     * ColorBrewer's Blues 9), so neighbouring classes stay apart in gray
     * (paint.h, BR_MIN_LIGHTNESS_GAP). */
    static const uint32_t blues5[5] = {0xe5eff9, 0x94c5df, 0x4a97c9, 0x1a67ae, 0x083c7c};
    for (int i = 0; i < 5; i++)
        t.sequential[i] = br_rgb(blues5[i]);
    static const uint32_t ramps[3][3] = {{0x08519c}, {0x6baed6, 0x08519c}, {0x9ecae1, 0x4292c6, 0x08519c}};
    for (int n = 0; n < 3; n++)
        for (int i = 0; i <= n; i++)
            t.period_ramp[n][i] = br_rgb(ramps[n][i]);
    br_chart_plan_theme(&t, NULL, NULL);
    return t;
}

static void disambiguate(br_chart_ctx *c);

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
    c->owned = g_new0(br_chart_strings, 1);
    pthread_mutex_init(&c->owned->lock, NULL);
    c->owned->table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    disambiguate(c);
}

/* Rendering in a language other than the set's own? */
static bool foreign(const br_chart_ctx *c)
{
    return c->lang && !br_lang_equal(c->lang, c->set->language);
}

/* The entity's name in the language rendered, before disambiguation. */
static const char *plain_label(const br_chart_ctx *c, const br_entity *e)
{
    const char *t = foreign(c) ? br_lang_pick(e->names, e->n_names, c->lang, BR_LANG_STRICT) : NULL;
    return t ? t : e->name;
}

const char *br_entity_label(const br_chart_ctx *c, const br_entity *e)
{
    if (c->labels && e->index < c->set->n_entities && c->labels[e->index])
        return c->labels[e->index];
    return plain_label(c, e);
}

/* Counts each string of labels[0..n) into a new table (string -> count). */
static GHashTable *count_labels(char *const *labels, size_t n)
{
    GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++)
        g_hash_table_insert(count, labels[i],
                            GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(count, labels[i])) + 1));
    return count;
}

/* Names that repeat (two Richmonds) get what tells them apart: their first
 * group's name ("Richmond (Virginia)"); where name and group still repeat
 * (or there is no group), their id ("Richmond (51760)"), which is unique. */
static void disambiguate(br_chart_ctx *c)
{
    const br_set *set = c->set;
    size_t n = set->n_entities;
    char **plain = g_new(char *, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        plain[i] = (char *)plain_label(c, &set->entities[i]);
    GHashTable *count = count_labels(plain, n);
    char **grouped = g_new0(char *, n ? n : 1);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const br_entity *e = &set->entities[i];
        const br_entity *g = e->n_groups > 0 ? e->groups[0] : NULL;
        if (GPOINTER_TO_SIZE(g_hash_table_lookup(count, plain[i])) < 2 || !g)
            continue;
        grouped[i] = g_strdup_printf("%s%s%s%s", plain[i], c->str->paren_open, plain_label(c, g), c->str->paren_close);
        any = true;
    }
    /* Count the labels as they would be, to find those still repeated. */
    char **would = g_new(char *, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        would[i] = grouped[i] ? grouped[i] : plain[i];
    GHashTable *count2 = count_labels(would, n);
    for (size_t i = 0; i < n; i++) {
        if (GPOINTER_TO_SIZE(g_hash_table_lookup(count, plain[i])) < 2)
            continue;
        if (!grouped[i] || GPOINTER_TO_SIZE(g_hash_table_lookup(count2, grouped[i])) > 1) {
            char *by_id = g_strdup_printf("%s%s%s%s", plain[i], c->str->paren_open, set->entities[i].id,
                                          c->str->paren_close);
            any = true;
            /* grouped[i] stays in count2 until the end: freed below. */
            would[i] = by_id;
        }
    }
    if (any) {
        c->labels = g_new0(char *, n);
        for (size_t i = 0; i < n; i++)
            if (would[i] != plain[i])
                c->labels[i] = would[i] == grouped[i] ? g_steal_pointer(&grouped[i]) : would[i];
    }
    g_hash_table_destroy(count2);
    g_hash_table_destroy(count);
    for (size_t i = 0; i < n; i++)
        g_free(grouped[i]);
    g_free(grouped);
    g_free(would);
    g_free(plain);
}

void br_chart_ctx_clear(br_chart_ctx *c)
{
    if (c->owned) {
        for (int i = 0; i < BR_CACHE_N; i++)
            if (c->owned->lists[i])
                g_ptr_array_free(c->owned->lists[i], TRUE);
        g_hash_table_destroy(c->owned->table);
        pthread_mutex_destroy(&c->owned->lock);
        g_free(c->owned);
    }
    c->owned = NULL;
    if (c->labels)
        for (size_t i = 0; i < c->set->n_entities; i++)
            g_free(c->labels[i]);
    g_free(c->labels);
    c->labels = NULL;
}

const char *br_whole_label(const br_chart_ctx *c, const br_whole *w)
{
    const char *t = foreign(c) ? br_lang_pick(w->names, w->n_names, c->lang, BR_LANG_STRICT) : NULL;
    return t ? t : w->name;
}

const char *br_topic_label(const br_chart_ctx *c, const char *slug)
{
    const br_topic *t = br_set_lookup_topic(c->set, slug);
    if (t) {
        const char *tr = foreign(c) ? br_lang_pick(t->names, t->n_names, c->lang, BR_LANG_STRICT) : NULL;
        if (tr)
            return tr;
        if (t->name)
            return t->name;
    }
    /* Never a raw slug on a page: "clean-energy" reads "Clean energy". */
    char *key = g_strdup_printf("topic\x01%s", slug);
    if (!c->owned)
        return slug;
    pthread_mutex_lock(&c->owned->lock);
    char *label = g_hash_table_lookup(c->owned->table, key);
    if (!label) {
        label = g_strdup(slug);
        for (char *p = label; *p; p++)
            if (*p == '-')
                *p = ' ';
        label[0] = g_ascii_toupper(label[0]);
        g_hash_table_insert(c->owned->table, key, label);
    } else {
        g_free(key);
    }
    pthread_mutex_unlock(&c->owned->lock);
    return label;
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

char *br_entity_sort_key(const br_chart_ctx *c, const br_entity *e)
{
    char *norm = g_utf8_normalize(br_entity_label(c, e), -1, G_NORMALIZE_ALL);
    char *key = g_utf8_casefold(norm ? norm : "", -1);
    g_free(norm);
    return key;
}

bool br_chart_ctx_translated(const br_chart_ctx *c)
{
    return !foreign(c) || translation(c) != NULL;
}

const char *br_set_summary(const br_chart_ctx *c)
{
    const br_translation *t = translation(c);
    return t && t->summary ? t->summary : c->set->summary;
}

bool br_unit_is_percent(const char *unit)
{
    return unit && (!strcmp(unit, "percent") || !strcmp(unit, "%") || !strcmp(unit, "percent-change"));
}

char *br_unit_label(const br_chart_ctx *c, const br_indicator *ind)
{
    const char *scale = c->str->scale_word[ind->scale];
    if (strcmp(ind->unit, "count") == 0)
        return g_strdup(scale);
    if (br_unit_is_percent(ind->unit))
        return g_strdup("%"); /* the values carry it */
    const char *unit = foreign(c) ? br_lang_pick(ind->unit_names, ind->n_unit_names, c->lang, BR_LANG_STRICT) : NULL;
    if (!unit)
        unit = ind->unit;
    return *scale ? g_strdup_printf("%s%s%s", unit, c->str->comma, scale) : g_strdup(unit);
}

double br_display_value(const br_indicator *ind, double value)
{
    static const double div[] = {1, 1e3, 1e6, 1e9};
    return value / div[ind->scale];
}

char *br_value_text(const br_chart_ctx *c, const br_indicator *ind, double value, br_qualifier q, char *buf)
{
    return br_numfmt_value(&c->nf, br_display_value(ind, value), ind->decimals, ind->unit, q, buf);
}

char *br_tick_text(const br_chart_ctx *c, const br_indicator *ind, const br_scale *sc, int k, bool percent_sign,
                   char *buf)
{
    double v = br_display_value(ind, sc->ticks[k]);
    if (percent_sign && br_unit_is_percent(ind->unit))
        return br_numfmt_value(&c->nf, v, 0, "percent", BR_QUALIFIER_NONE, buf);
    /* A log axis spans orders of magnitude: each tick its own suffix
     * (10, 1k, 1M), else 1 would read "0T". */
    double step = sc->log ? v : br_display_value(ind, sc->step);
    double big = sc->log ? fabs(v) : br_display_value(ind, fmax(fabs(sc->lo), fabs(sc->hi)));
    return br_numfmt_compact(&c->nf, v, step, big, buf);
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
    if (br_unit_is_percent(unit))
        br_numfmt_percent(f, value, decimals, num);
    else
        br_numfmt_number(f, value, decimals, num);
    /* A change says its direction: "+5.3%" (a minus is already there). */
    bool plus = unit && !strcmp(unit, "percent-change") && value > 0 && strspn(num, "0.,") != strlen(num);
    g_snprintf(buf, BR_NUM_BUF, "%s%s%s", qualifier_sign(q), plus ? "+" : "", num);
    return buf;
}
