/* layout: see layout.h. */
#include "layout.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json_in.h"
#include "validate.h"

#define MM 2.834645669 /* points per millimetre */

typedef enum { B_TITLE, B_SUMMARY, B_KEYFIGS, B_HEADING, B_CHART, B_SOURCES, B_SPACER, B_PAGEBREAK } block_type;

typedef struct {
    const char *lang;
    const char *text;
} lang_text;

typedef struct {
    block_type type;
    br_chart_spec chart;
    lang_text *texts; /* heading text per language ("" = any) */
    size_t n_texts;
    double height; /* spacer */
} block;

struct br_layout {
    double page_w, page_h;
    double margin_top, margin_right, margin_bottom, margin_left;
    block *blocks;
    size_t n_blocks;
};

/* ---- reading -------------------------------------------------------- */

typedef struct {
    const char *file;
    br_arena *arena;
    br_diag *diag;
    int errors;
} reader;

__attribute__((format(printf, 4, 5))) static void err(reader *r, const br_json *node, const char *path,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    br_diag_add(r->diag, BR_SEV_ERROR, r->file, node ? node->line : 0, node ? node->col : 0, path, "%s", msg);
    g_free(msg);
    r->errors++;
}

static char *join(const char *base, const char *key)
{
    return strcmp(base, "$") == 0 ? g_strdup(key) : g_strdup_printf("%s.%s", base, key);
}

/* Rejects keys outside `allowed` (NULL-terminated) except x-*, and
 * duplicates. */
static void check_keys(reader *r, const br_json *obj, const char *path, const char *const *allowed)
{
    for (size_t i = 0; i < obj->n_items; i++) {
        const br_json *m = obj->items[i];
        char *p = join(path, m->key);
        bool ok = strncmp(m->key, "x-", 2) == 0;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, m->key) == 0;
        br_json key_pos = *m;
        key_pos.line = m->key_line;
        key_pos.col = m->key_col;
        if (!ok) {
            GString *list = g_string_new(NULL);
            for (const char *const *a = allowed; *a; a++)
                g_string_append_printf(list, "%s%s", list->len ? ", " : "", *a);
            err(r, &key_pos, p, "unknown key \"%s\" (allowed: %s, or x-*)", m->key, list->str);
            g_string_free(list, TRUE);
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(obj->items[j]->key, m->key) == 0) {
                err(r, &key_pos, p, "duplicate key \"%s\"", m->key);
                break;
            }
        }
        g_free(p);
    }
}

static const char *get_string(reader *r, const br_json *obj, const char *key, const char *path)
{
    const br_json *v = br_json_member(obj, key);
    if (!v)
        return NULL;
    if (v->type != BR_JSON_STRING) {
        char *p = join(path, key);
        err(r, v, p, "expected a string, found %s", br_json_type_name(v->type));
        g_free(p);
        return NULL;
    }
    return br_arena_strdup(r->arena, v->string);
}

static bool get_number(reader *r, const br_json *obj, const char *key, const char *path, double lo, double hi,
                       double *out)
{
    const br_json *v = br_json_member(obj, key);
    if (!v)
        return false;
    char *p = join(path, key);
    if (v->type != BR_JSON_NUMBER)
        err(r, v, p, "expected a number, found %s", br_json_type_name(v->type));
    else if (v->number < lo || v->number > hi)
        err(r, v, p, "%g is outside %g..%g", v->number, lo, hi);
    else
        *out = v->number;
    g_free(p);
    return v->type == BR_JSON_NUMBER;
}

static void read_page(reader *r, br_layout *l, const br_json *page)
{
    static const char *const keys[] = {"size", "orientation", "margins_mm", NULL};
    static const struct { const char *name; double w, h; } sizes[] = {
        {"A4", 595.28, 841.89}, {"A5", 419.53, 595.28}, {"Letter", 612, 792}, {"A3", 841.89, 1190.55}};
    if (page->type != BR_JSON_OBJECT) {
        err(r, page, "page", "expected an object, found %s", br_json_type_name(page->type));
        return;
    }
    check_keys(r, page, "page", keys);
    const char *size = get_string(r, page, "size", "page");
    if (size) {
        bool found = false;
        for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
            if (strcmp(size, sizes[i].name) == 0) {
                l->page_w = sizes[i].w;
                l->page_h = sizes[i].h;
                found = true;
            }
        }
        if (!found)
            err(r, br_json_member(page, "size"), "page.size", "unknown page size \"%s\" (allowed: A4, A5, A3, Letter)",
                size);
    }
    const char *orient = get_string(r, page, "orientation", "page");
    if (orient) {
        if (strcmp(orient, "landscape") == 0) {
            double t = l->page_w;
            l->page_w = l->page_h;
            l->page_h = t;
        } else if (strcmp(orient, "portrait") != 0) {
            err(r, br_json_member(page, "orientation"), "page.orientation",
                "unknown orientation \"%s\" (allowed: portrait, landscape)", orient);
        }
    }
    const br_json *m = br_json_member(page, "margins_mm");
    if (m) {
        static const char *const mkeys[] = {"top", "right", "bottom", "left", NULL};
        if (m->type != BR_JSON_OBJECT) {
            err(r, m, "page.margins_mm", "expected an object, found %s", br_json_type_name(m->type));
            return;
        }
        check_keys(r, m, "page.margins_mm", mkeys);
        double v;
        if (get_number(r, m, "top", "page.margins_mm", 0, 100, &v))
            l->margin_top = v * MM;
        if (get_number(r, m, "right", "page.margins_mm", 0, 100, &v))
            l->margin_right = v * MM;
        if (get_number(r, m, "bottom", "page.margins_mm", 0, 100, &v))
            l->margin_bottom = v * MM;
        if (get_number(r, m, "left", "page.margins_mm", 0, 100, &v))
            l->margin_left = v * MM;
    }
}

/* One of `names` (NULL-terminated) at key, as its index; -1 when absent or
 * wrong (the error is reported). */
static int get_enum(reader *r, const br_json *obj, const char *key, const char *path, const char *const *names)
{
    const br_json *v = br_json_member(obj, key);
    if (!v)
        return -1;
    char *p = join(path, key);
    int found = -1;
    if (v->type == BR_JSON_STRING)
        for (int i = 0; names[i] && found < 0; i++)
            if (strcmp(v->string, names[i]) == 0)
                found = i;
    if (found < 0) {
        GString *list = g_string_new(NULL);
        for (int i = 0; names[i]; i++)
            g_string_append_printf(list, "%s%s", i ? ", " : "", names[i]);
        if (v->type == BR_JSON_STRING)
            err(r, v, p, "unknown %s \"%s\" (allowed: %s)", key, v->string, list->str);
        else
            err(r, v, p, "expected a string, one of: %s", list->str);
        g_string_free(list, TRUE);
    }
    g_free(p);
    return found;
}

/* An array of strings at key (ids); NULL when absent. */
static const char *const *get_string_list(reader *r, const br_json *obj, const char *key, const char *path,
                                          size_t *n)
{
    const br_json *v = br_json_member(obj, key);
    *n = 0;
    if (!v)
        return NULL;
    char *p = join(path, key);
    const char **list = NULL;
    if (v->type != BR_JSON_ARRAY || v->n_items == 0 || v->n_items > BR_CHART_MAX_LIST) {
        err(r, v, p, "expected an array of 1 to %d strings", BR_CHART_MAX_LIST);
    } else {
        list = br_arena_calloc(r->arena, v->n_items, sizeof(char *));
        for (size_t k = 0; list && k < v->n_items; k++) {
            if (v->items[k]->type != BR_JSON_STRING) {
                char *ip = g_strdup_printf("%s[%zu]", p, k);
                err(r, v->items[k], ip, "expected a string, found %s", br_json_type_name(v->items[k]->type));
                g_free(ip);
            } else {
                list[(*n)++] = br_arena_strdup(r->arena, v->items[k]->string);
            }
        }
    }
    g_free(p);
    return list;
}

static void read_chart(reader *r, br_chart_spec *spec, const br_json *node, const char *path)
{
    static const char *const kinds[] = {"bars", "share", "grouped", "stacked", "parts", "line",
                                        "tilemap", "mosaic", "table", NULL};
    static const br_chart_kind kind_values[] = {BR_CHART_BARS, BR_CHART_SHARE, BR_CHART_GROUPED,
                                                BR_CHART_STACKED, BR_CHART_PARTS, BR_CHART_LINE,
                                                BR_CHART_TILEMAP, BR_CHART_MOSAIC, BR_CHART_TABLE};
    static const char *const scales[] = {"linear", "log", NULL};
    static const char *const orientations[] = {"horizontal", "vertical", NULL};
    static const char *const sorts[] = {"value", "name", "file", NULL};
    br_chart_spec_init(spec);
    int k = get_enum(r, node, "kind", path, kinds);
    if (k >= 0)
        spec->kind = kind_values[k];
    else if (!br_json_member(node, "kind"))
        err(r, node, path, "missing key \"kind\"");
    spec->indicator = get_string(r, node, "indicator", path);
    spec->topic = get_string(r, node, "topic", path);
    spec->unit = get_string(r, node, "unit", path);
    spec->title = get_string(r, node, "title", path);
    spec->focus = get_string(r, node, "focus", path);
    spec->period = get_string(r, node, "period", path);
    int period_end;
    if (spec->period && !br_validate_period(spec->period, &period_end)) {
        char *p = join(path, "period");
        err(r, br_json_member(node, "period"), p, "period \"%s\" is not YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD",
            spec->period);
        g_free(p);
    }
    spec->indicators = get_string_list(r, node, "indicators", path, &spec->n_indicators);
    spec->entities = get_string_list(r, node, "entities", path, &spec->n_entities);
    bool needs_data = spec->kind != BR_CHART_MOSAIC && spec->kind != BR_CHART_TABLE;
    if (needs_data && !spec->indicator && !spec->topic && !spec->n_indicators)
        err(r, node, path, "a %s chart needs \"indicator\", \"indicators\" or \"topic\"",
            k >= 0 ? kinds[k] : "");
    double top = 0;
    if (get_number(r, node, "top", path, 1, 1000, &top))
        spec->top = (int)top;
    if (get_enum(r, node, "scale", path, scales) == 1)
        spec->log_scale = 1;
    spec->vertical = get_enum(r, node, "orientation", path, orientations) == 1;
    int sort = get_enum(r, node, "sort", path, sorts);
    spec->sort = sort == 1 ? BR_SORT_NAME : sort == 2 ? BR_SORT_FILE : BR_SORT_VALUE;
    const br_json *rank = br_json_member(node, "rank");
    if (rank) {
        if (rank->type == BR_JSON_TRUE || rank->type == BR_JSON_FALSE) {
            spec->rank = rank->type == BR_JSON_TRUE;
        } else {
            char *p = join(path, "rank");
            err(r, rank, p, "expected true or false, found %s", br_json_type_name(rank->type));
            g_free(p);
        }
    }
    const br_json *ref = br_json_member(node, "reference");
    if (ref) {
        char *p = join(path, "reference");
        if (ref->type == BR_JSON_STRING && strcmp(ref->string, "national") == 0)
            spec->reference = -1;
        else if (ref->type == BR_JSON_NUMBER && ref->number >= 0 && ref->number <= 100)
            spec->reference = ref->number;
        else
            err(r, ref, p, "expected \"national\" or a percentage 0..100");
        g_free(p);
    }
}

static void read_block(reader *r, block *b, const br_json *node, const char *path)
{
    static const char *const common[] = {"type", NULL};
    static const char *const heading_keys[] = {"type", "text", NULL};
    static const char *const spacer_keys[] = {"type", "height", NULL};
    static const char *const kf_keys[] = {"type", "topics", NULL};
    static const char *const chart_keys[] = {"type", "kind", "indicator", "topic", "unit", "title", "top",
                                             "focus", "scale", "reference", "orientation", "sort", "period",
                                             "rank", "indicators", "entities", NULL};
    if (node->type != BR_JSON_OBJECT) {
        err(r, node, path, "expected an object, found %s", br_json_type_name(node->type));
        return;
    }
    const char *type = get_string(r, node, "type", path);
    if (!type) {
        if (!br_json_member(node, "type"))
            err(r, node, path, "missing key \"type\"");
        return;
    }
    static const struct { const char *name; block_type t; } types[] = {
        {"title", B_TITLE}, {"summary", B_SUMMARY}, {"keyfigures", B_KEYFIGS}, {"heading", B_HEADING},
        {"chart", B_CHART}, {"sources", B_SOURCES}, {"spacer", B_SPACER}, {"pagebreak", B_PAGEBREAK}};
    size_t i;
    for (i = 0; i < G_N_ELEMENTS(types); i++)
        if (strcmp(type, types[i].name) == 0)
            break;
    if (i == G_N_ELEMENTS(types)) {
        char *p = join(path, "type");
        err(r, br_json_member(node, "type"), p,
            "unknown block type \"%s\" (allowed: title, summary, keyfigures, heading, chart, sources, spacer, "
            "pagebreak)",
            type);
        g_free(p);
        return;
    }
    b->type = types[i].t;
    switch (b->type) {
    case B_HEADING: {
        check_keys(r, node, path, heading_keys);
        const br_json *t = br_json_member(node, "text");
        char *p = join(path, "text");
        if (!t) {
            err(r, node, path, "missing key \"text\"");
        } else if (t->type == BR_JSON_STRING) {
            b->texts = br_arena_calloc(r->arena, 1, sizeof(lang_text));
            b->texts[0] = (lang_text){"", br_arena_strdup(r->arena, t->string)};
            b->n_texts = 1;
        } else if (t->type == BR_JSON_OBJECT && t->n_items > 0) {
            b->texts = br_arena_calloc(r->arena, t->n_items, sizeof(lang_text));
            for (size_t k = 0; k < t->n_items; k++) {
                const br_json *m = t->items[k];
                if (m->type != BR_JSON_STRING) {
                    char *mp = join(p, m->key);
                    err(r, m, mp, "expected a string, found %s", br_json_type_name(m->type));
                    g_free(mp);
                    continue;
                }
                b->texts[b->n_texts++] =
                    (lang_text){br_arena_strdup(r->arena, m->key), br_arena_strdup(r->arena, m->string)};
            }
        } else {
            err(r, t, p, "expected a string or an object of language -> text");
        }
        g_free(p);
        break;
    }
    case B_SPACER:
        check_keys(r, node, path, spacer_keys);
        b->height = 10;
        get_number(r, node, "height", path, 0, 1000, &b->height);
        break;
    case B_KEYFIGS: {
        check_keys(r, node, path, kf_keys);
        br_chart_spec_init(&b->chart);
        b->chart.kind = BR_CHART_KEYFIGS;
        const br_json *t = br_json_member(node, "topics");
        if (t) {
            char *p = join(path, "topics");
            if (t->type != BR_JSON_ARRAY || t->n_items == 0 || t->n_items > 8) {
                err(r, t, p, "expected an array of 1 to 8 topic names");
            } else {
                const char **topics = br_arena_calloc(r->arena, t->n_items, sizeof(char *));
                for (size_t k = 0; k < t->n_items; k++) {
                    if (t->items[k]->type != BR_JSON_STRING) {
                        char *ip = g_strdup_printf("%s[%zu]", p, k);
                        err(r, t->items[k], ip, "expected a string, found %s", br_json_type_name(t->items[k]->type));
                        g_free(ip);
                    } else {
                        topics[b->chart.n_topics++] = br_arena_strdup(r->arena, t->items[k]->string);
                    }
                }
                b->chart.topics = topics;
            }
            g_free(p);
        }
        break;
    }
    case B_CHART:
        check_keys(r, node, path, chart_keys);
        read_chart(r, &b->chart, node, path);
        break;
    default:
        check_keys(r, node, path, common);
        break;
    }
}

br_status br_layout_load(const char *path, const char *display_name, br_arena *arena, br_diag *diag,
                         br_layout **out)
{
    const char *name = display_name ? display_name : path;
    char *data = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        br_diag_error(diag, "%s: cannot read the layout: %s", name, gerr->message);
        g_error_free(gerr);
        return br_error_set(BR_ERR_IO);
    }
    const br_json *root = NULL;
    br_status st = br_json_parse(data, len, name, arena, diag, &root);
    g_free(data);
    if (st != BR_OK)
        return st;
    reader r = {name, arena, diag, 0};
    br_layout *l = br_arena_alloc(arena, sizeof *l);
    if (!l)
        return br_error_set(BR_ERR_NOMEM);
    l->page_w = 595.28;
    l->page_h = 841.89;
    l->margin_top = l->margin_right = l->margin_left = 18 * MM;
    l->margin_bottom = 22 * MM;
    if (root->type != BR_JSON_OBJECT) {
        err(&r, root, "$", "a layout is a JSON object, found %s", br_json_type_name(root->type));
        return br_error_set(BR_ERR_LAYOUT);
    }
    static const char *const keys[] = {"format", "page", "blocks", NULL};
    check_keys(&r, root, "$", keys);
    const char *format = get_string(&r, root, "format", "$");
    if (!format && !br_json_member(root, "format"))
        err(&r, root, "$", "missing key \"format\"");
    else if (format && strcmp(format, "briefing-layout/1") != 0)
        err(&r, br_json_member(root, "format"), "format", "unknown format \"%s\" (expected \"briefing-layout/1\")",
            format);
    const br_json *page = br_json_member(root, "page");
    if (page)
        read_page(&r, l, page);
    const br_json *blocks = br_json_member(root, "blocks");
    if (!blocks) {
        err(&r, root, "$", "missing key \"blocks\"");
    } else if (blocks->type != BR_JSON_ARRAY) {
        err(&r, blocks, "blocks", "expected an array, found %s", br_json_type_name(blocks->type));
    } else {
        l->blocks = br_arena_calloc(&*arena, blocks->n_items ? blocks->n_items : 1, sizeof(block));
        if (!l->blocks)
            return br_error_set(BR_ERR_NOMEM);
        for (size_t i = 0; i < blocks->n_items; i++) {
            char *p = g_strdup_printf("blocks[%zu]", i);
            read_block(&r, &l->blocks[l->n_blocks++], blocks->items[i], p);
            g_free(p);
        }
    }
    if (l->margin_left + l->margin_right > l->page_w - 72 || l->margin_top + l->margin_bottom > l->page_h - 72)
        err(&r, page, "page.margins_mm", "margins leave less than 1 inch of the page");
    if (r.errors)
        return br_error_set(BR_ERR_LAYOUT);
    *out = l;
    return BR_OK;
}

/* ---- drawing -------------------------------------------------------- */

static const char *heading_text(const block *b, const char *lang)
{
    const char *any = NULL;
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < b->n_texts; i++) {
        if (strcmp(b->texts[i].lang, lang) == 0)
            return b->texts[i].text;
        if (!any && strlen(b->texts[i].lang) == n && strncmp(b->texts[i].lang, lang, n) == 0)
            any = b->texts[i].text;
    }
    if (any)
        return any;
    for (size_t i = 0; i < b->n_texts; i++)
        if (strcmp(b->texts[i].lang, "en") == 0 || b->texts[i].lang[0] == 0)
            return b->texts[i].text;
    return b->n_texts ? b->texts[0].text : "";
}

static char *date_label(br_chart_ctx *c, const char *date)
{
    char *d = br_date_label(c, date);
    char *s = g_strdup_printf(c->str->as_of, d);
    g_free(d);
    return s;
}

static double draw_title(br_chart_ctx *c, br_device *dev, double x, double y, double w)
{
    const br_theme *t = &c->theme;
    const br_set *set = c->set;
    double h = br_chart_text(c, dev, br_set_title(c), x, y, w, t->title_size, 26, true, t->text, BR_ALIGN_LEFT);
    if (br_set_subtitle(c))
        h += 2 + br_chart_text(c, dev, br_set_subtitle(c), x, y + h + 2, w, t->subtitle_size, 15, false,
                               br_rgb(0x404040), BR_ALIGN_LEFT);
    char *date = date_label(c, set->date);
    char *line = set->publisher ? g_strdup_printf("%s · %s", date, set->publisher) : g_strdup(date);
    h += 4 + br_chart_text(c, dev, line, x, y + h + 4, w, t->chart_subtitle_size, 11, false, t->secondary,
                           BR_ALIGN_LEFT);
    g_free(line);
    g_free(date);
    return h;
}

static double draw_summary(br_chart_ctx *c, br_device *dev, double x, double y, double w)
{
    const char *summary = br_set_summary(c);
    if (!summary)
        return 0;
    return br_chart_markup(c, dev, summary, x, y, w, c->theme.body_size, c->theme.body_leading,
                           c->theme.text);
}

static double draw_sources(br_chart_ctx *c, br_device *dev, double x, double y, double w)
{
    const br_theme *t = &c->theme;
    const br_set *set = c->set;
    if (set->n_sources == 0)
        return 0;
    double h = br_chart_text(c, dev, c->str->sources, x, y, w, t->heading_size, 16, true, t->text, BR_ALIGN_LEFT);
    h += 4;
    for (size_t i = 0; i < set->n_sources; i++) {
        const br_source *s = &set->sources[i];
        GString *line = g_string_new(NULL);
        if (s->publisher)
            g_string_append_printf(line, "%s: ", s->publisher);
        g_string_append(line, s->title);
        if (s->date) {
            char *d = br_date_label(c, s->date);
            g_string_append_printf(line, ", %s", d);
            g_free(d);
        }
        g_string_append_c(line, '.');
        if (s->url)
            g_string_append_printf(line, " %s", s->url);
        double lh = br_chart_text(c, NULL, line->str, x, y + h, w, t->source_size, t->source_leading, false,
                                  t->source, BR_ALIGN_LEFT);
        if (dev && s->url) {
            br_rect area = {x, y + h, x + w, y + h + lh};
            br_dev_begin_link(dev, &area, s->url);
        }
        br_chart_text(c, dev, line->str, x, y + h, w, t->source_size, t->source_leading, false, t->source,
                      BR_ALIGN_LEFT);
        if (dev && s->url)
            br_dev_end_link(dev);
        h += lh + 2;
        g_string_free(line, TRUE);
    }
    return h;
}

/* Draws one block (dev NULL: measure) and returns its height. */
static double draw_block(br_chart_ctx *c, const block *b, br_device *dev, double x, double y, double w)
{
    switch (b->type) {
    case B_TITLE: return draw_title(c, dev, x, y, w);
    case B_SUMMARY: return draw_summary(c, dev, x, y, w);
    case B_KEYFIGS:
    case B_CHART: return br_chart_draw(c, &b->chart, dev, x, y, w);
    case B_HEADING:
        return br_chart_text(c, dev, heading_text(b, c->lang), x, y, w, c->theme.heading_size, 16, true,
                             c->theme.text, BR_ALIGN_LEFT);
    case B_SOURCES: return draw_sources(c, dev, x, y, w);
    case B_SPACER: return b->height;
    case B_PAGEBREAK: return 0;
    }
    return 0;
}

typedef struct {
    const block *b;
    int page;
    double y, h;
} placement;

br_status br_layout_render(const br_layout *l, br_chart_ctx *c, br_writer *writer)
{
    const double x = l->margin_left, w = l->page_w - l->margin_left - l->margin_right;
    const double top = l->margin_top, bottom = l->page_h - l->margin_bottom;
    const double gap = 10, before_heading = 16, after_heading = 4;
    placement *pl = g_new0(placement, l->n_blocks ? l->n_blocks : 1);
    double *heights = g_new0(double, l->n_blocks ? l->n_blocks : 1);
    for (size_t i = 0; i < l->n_blocks; i++)
        heights[i] = draw_block(c, &l->blocks[i], NULL, x, 0, w);

    /* Place. */
    int page = 0;
    double y = top;
    size_t n = 0;
    bool page_empty = true;
    for (size_t i = 0; i < l->n_blocks; i++) {
        const block *b = &l->blocks[i];
        if (b->type == B_PAGEBREAK) {
            if (!page_empty) {
                page++;
                y = top;
                page_empty = true;
            }
            continue;
        }
        if (heights[i] <= 0)
            continue; /* nothing to show: left out */
        double space = page_empty ? 0 : b->type == B_HEADING ? before_heading : gap;
        double need = heights[i];
        if (b->type == B_HEADING) {
            /* Keep with the next block that shows something. */
            for (size_t k = i + 1; k < l->n_blocks; k++) {
                if (l->blocks[k].type == B_PAGEBREAK)
                    break;
                if (heights[k] > 0) {
                    need += after_heading + heights[k];
                    break;
                }
            }
        }
        if (!page_empty && y + space + need > bottom) {
            page++;
            y = top;
            space = 0;
        }
        y += space;
        pl[n++] = (placement){b, page, y, heights[i]};
        y += heights[i];
        if (b->type == B_HEADING)
            y += after_heading - gap; /* the next block adds gap */
        page_empty = false;
    }
    int n_pages = page + 1;

    /* Draw. */
    br_status st = BR_OK;
    size_t k = 0;
    for (int p = 0; p < n_pages && st == BR_OK; p++) {
        br_device *dev = br_writer_begin_page(writer, l->page_w, l->page_h);
        if (!dev) {
            st = br_error_set(BR_ERR_NOMEM);
            break;
        }
        for (; k < n && pl[k].page == p; k++) {
            if (pl[k].b->type == B_HEADING)
                br_writer_add_outline(writer, heading_text(pl[k].b, c->lang), 0, pl[k].y);
            draw_block(c, pl[k].b, dev, x, pl[k].y, w);
        }
        /* Footer: publisher left, "Page X of Y" right, in the bottom margin. */
        char num[64];
        g_snprintf(num, sizeof num, c->str->page_of, p + 1, n_pages);
        double fy = bottom + 10;
        double nw = br_chart_text_width(c, num, 7, false);
        if (c->set->publisher)
            br_chart_text(c, dev, c->set->publisher, x, fy, w - nw - 12, 7, 9, false, c->theme.source,
                          BR_ALIGN_LEFT);
        br_chart_text(c, dev, num, x + w - nw, fy, 0, 7, 9, false, c->theme.source, BR_ALIGN_LEFT);
        st = br_writer_end_page(writer);
    }
    g_free(pl);
    g_free(heights);
    return st;
}
