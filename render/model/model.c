/* model: loads, validates and builds an indicator set; see model.h.
 *
 * Design note.  Validation and building are one walk over the br_json tree
 * (json_in), so a rule is written once, next to the field it concerns.  Ids
 * are collected first (collect_ids), so that references resolve in one pass
 * whatever the order of the sections; each id maps to the slot its object
 * will be built in, which is why the model arrays are allocated up front.
 * Entity groups are resolved after all entities, since they depend on the
 * referenced entity's kind.
 *
 * Problems are buffered and sorted by position before they go to the diag,
 * so messages come in file order however the walk visits them (a missing
 * key is reported at its object's `{`, before the object's contents).  CSV
 * observation files are turned into br_json objects (one per row, with the
 * CSV's positions) and checked by the same code as inline observations;
 * their problems sort at the place of the file name in the set.
 *
 * Strings in the model point into the br_json tree's strings, which
 * json_in puts in the set's arena: nothing is copied twice.  The tree's
 * nodes (and those made from CSV rows) go into a scratch arena, freed as
 * soon as the model is built, and the set's text is freed once it is
 * parsed: a set is about as large as its text, its tree several times that
 * (README.md, Memory).
 */
#include "model/model.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/csv.h"
#include "io/file.h"
#include "io/json_in.h"
#include "model/validate.h"

/* Lookup tables; set->priv.  Keys are the ids in the arena. */
typedef struct lookups {
    GHashTable *entities, *indicators, *sources;
} lookups;

/* A problem waiting to be sorted into file order. */
typedef struct pending {
    int k1_line, k1_col, k2_line, k2_col; /* sort keys */
    size_t seq;
    const char *file;
    int line, col;
    char *path, *message;
} pending;

typedef struct ctx {
    br_arena *arena;
    br_arena *scratch;    /* the br_json nodes: freed when the model is built */
    const char *file;     /* where the current problems are (set or CSV) */
    const char *set_file; /* the set, as given */
    const char *base_dir; /* resolves CSV file names; they stay inside it */
    GArray *inputs;       /* br_file_id of the set and each CSV file read */
    br_digest *digest;    /* of the set's bytes and each CSV file's (br_set.digest) */
    GString *path;        /* the JSON path of the value being checked */
    GArray *pending;      /* of pending */
    bool nomem;
    /* While checking a CSV file: the set position its problems sort at. */
    bool in_csv;
    int anchor_line, anchor_col;
    lookups *lk;
    br_set *set;
    br_entity *entities;
    br_indicator *indicators;
    br_source *sources;
    const br_json *entities_json, *indicators_json, *sources_json;
    GHashTable *tiles; /* "col,row" -> GSIZE index+1 of the first entity */
    GHashTable *obs_seen; /* br_observation * -> index+1, per indicator */
    /* Against cascades: a broken section already has its message, so the
     * references into it and checks on unknown kinds stay quiet. */
    bool entities_broken, sources_broken;
    bool *kind_known; /* per entity */
    bool *not_available; /* per observation of the indicator being loaded */
    GHashTable *wholes;  /* id -> br_whole * (in the arena) */
} ctx;

/* ---- problems and paths ---- */

__attribute__((format(printf, 4, 5))) static void err_at(ctx *c, int line, int col, const char *fmt,
                                                         ...)
{
    if (c->pending->len >= 100000) /* far beyond the 50 shown */
        return;
    pending p = {0};
    if (c->in_csv) {
        p.k1_line = c->anchor_line;
        p.k1_col = c->anchor_col;
        p.k2_line = line;
        p.k2_col = col;
    } else {
        p.k1_line = line;
        p.k1_col = col;
    }
    p.seq = c->pending->len;
    p.file = c->file;
    p.line = line;
    p.col = col;
    p.path = g_strdup(c->path->len ? c->path->str : "$");
    va_list ap;
    va_start(ap, fmt);
    p.message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_array_append_val(c->pending, p);
}

#define err(c, v, ...) err_at((c), (v)->line, (v)->col, __VA_ARGS__)

static size_t path_key(ctx *c, const char *key)
{
    size_t old = c->path->len;
    if (old)
        g_string_append_c(c->path, '.');
    g_string_append(c->path, key);
    return old;
}

static size_t path_index(ctx *c, size_t i)
{
    /* By hand: printf here was a visible cost with 200,000 observations. */
    char digits[24], *d = digits + sizeof digits;
    *--d = '\0';
    *--d = ']';
    do
        *--d = (char)('0' + i % 10);
    while ((i /= 10) > 0);
    *--d = '[';
    size_t old = c->path->len;
    g_string_append(c->path, d);
    return old;
}

static void path_pop(ctx *c, size_t old)
{
    g_string_truncate(c->path, old);
}

static gint pending_cmp(gconstpointer a, gconstpointer b)
{
    const pending *x = a, *y = b;
    if (x->k1_line != y->k1_line)
        return x->k1_line < y->k1_line ? -1 : 1;
    if (x->k1_col != y->k1_col)
        return x->k1_col < y->k1_col ? -1 : 1;
    if (x->k2_line != y->k2_line)
        return x->k2_line < y->k2_line ? -1 : 1;
    if (x->k2_col != y->k2_col)
        return x->k2_col < y->k2_col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void *alloc_in(ctx *c, br_arena *arena, size_t n, size_t size)
{
    if (n == 0)
        return NULL;
    void *p = br_arena_calloc(arena, n, size);
    if (!p)
        c->nomem = true;
    return p;
}

/* n zeroed items of the model; NULL for none and when out of memory. */
static void *alloc_n(ctx *c, size_t n, size_t size)
{
    return alloc_in(c, c->arena, n, size);
}

static const char *a_type(br_json_type t)
{
    switch (t) {
    case BR_JSON_NULL: return "null";
    case BR_JSON_FALSE:
    case BR_JSON_TRUE: return "a boolean";
    case BR_JSON_NUMBER: return "a number";
    case BR_JSON_STRING: return "a string";
    case BR_JSON_ARRAY: return "an array";
    case BR_JSON_OBJECT: return "an object";
    }
    return "a value";
}

static const char *fmt_num(double v, char buf[32])
{
    br_json_format_number(v, buf, 32);
    return buf;
}

/* ---- objects, members and plain types ---- */

static bool is_x_key(const char *key)
{
    return key[0] == 'x' && key[1] == '-';
}

/* Reports duplicate keys of obj (JSON allows them, the spec does not).
 * Small objects compare pairwise; big maps use a table. */
static void check_duplicate_keys(ctx *c, const br_json *obj)
{
    GHashTable *seen = obj->n_items > 16 ? g_hash_table_new(g_str_hash, g_str_equal) : NULL;
    for (size_t i = 0; i < obj->n_items; i++) {
        const br_json *m = obj->items[i], *first = NULL;
        if (seen) {
            first = g_hash_table_lookup(seen, m->key);
            if (!first)
                g_hash_table_insert(seen, (gpointer)m->key, (gpointer)m);
        } else {
            for (size_t j = 0; j < i && !first; j++)
                if (!strcmp(obj->items[j]->key, m->key))
                    first = obj->items[j];
        }
        if (first) {
            size_t old = path_key(c, m->key);
            err_at(c, m->key_line, m->key_col, "duplicate key \"%s\" (first at line %d)", m->key,
                   first->key_line);
            path_pop(c, old);
        }
    }
    if (seen)
        g_hash_table_destroy(seen);
}

/* Checks that obj is an object with only the given keys (plus x-*) and the
 * required ones (bit k of required: keys[k]).  OUT: out[k], the first member
 * named keys[k] or NULL.  Returns false when obj is not an object. */
static bool check_object(ctx *c, const br_json *obj, const char *what, const char *const *keys,
                         size_t n_keys, unsigned required, const br_json **out)
{
    for (size_t k = 0; k < n_keys; k++)
        out[k] = NULL;
    if (obj->type != BR_JSON_OBJECT) {
        err(c, obj, "expected an object (%s), found %s", what, a_type(obj->type));
        return false;
    }
    check_duplicate_keys(c, obj);
    for (size_t i = 0; i < obj->n_items; i++) {
        const br_json *m = obj->items[i];
        if (is_x_key(m->key))
            continue;
        size_t k = 0;
        while (k < n_keys && strcmp(keys[k], m->key))
            k++;
        if (k < n_keys) {
            if (!out[k])
                out[k] = m;
            continue;
        }
        GString *allowed = g_string_new(NULL);
        for (size_t j = 0; j < n_keys; j++)
            g_string_append_printf(allowed, "%s, ", keys[j]);
        size_t old = path_key(c, m->key);
        err_at(c, m->key_line, m->key_col, "unknown key \"%s\" in %s (allowed: %sor x-...)", m->key, what,
               allowed->str);
        path_pop(c, old);
        g_string_free(allowed, TRUE);
    }
    for (size_t k = 0; k < n_keys; k++)
        if ((required & (1u << k)) && !out[k])
            err(c, obj, "missing required key \"%s\" in %s", keys[k], what);
    return true;
}

static bool is_long_text_key(const char *key)
{
    static const char *const keys[] = {"summary", "note", "definition", "description"};
    for (size_t i = 0; key && i < G_N_ELEMENTS(keys); i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* The string value of member m (NULL when m is NULL or not a string, or
 * longer than its limit). */
static const char *member_string(ctx *c, const br_json *m)
{
    if (!m)
        return NULL;
    if (m->type == BR_JSON_STRING) {
        size_t max = is_long_text_key(m->key) ? BR_LONG_TEXT_MAX : BR_SHORT_TEXT_MAX;
        char why[96];
        if (!br_validate_text_length(m->string, max, why, sizeof why)) {
            size_t old = path_key(c, m->key);
            err(c, m, "%s (the limit for %s)", why,
                max == BR_LONG_TEXT_MAX ? "a summary, note, definition or description" : "a title, name or label");
            path_pop(c, old);
            return NULL;
        }
        return m->string;
    }
    size_t old = path_key(c, m->key);
    if (c->in_csv && !strcmp(m->key, "value"))
        err(c, m, "expected a number, found a string");
    else
        err(c, m, "expected a string, found %s", a_type(m->type));
    path_pop(c, old);
    return NULL;
}

static bool member_number(ctx *c, const br_json *m, double *out)
{
    if (!m)
        return false;
    if (m->type == BR_JSON_NUMBER) {
        *out = m->number;
        return true;
    }
    size_t old = path_key(c, m->key);
    if (m->type == BR_JSON_STRING && c->in_csv)
        err(c, m, "value \"%s\" is not a number", m->string);
    else
        err(c, m, "expected a number, found %s", a_type(m->type));
    path_pop(c, old);
    return false;
}

/* An integer in lo..hi (member m, named for messages by what): the
 * integer rule of every reader (br_json_int_in). */
static bool member_int(ctx *c, const br_json *m, const char *what, int lo, int hi, int *out)
{
    double v;
    if (!member_number(c, m, &v))
        return false;
    char why[96];
    if (br_json_int_in(m, lo, hi, out, why, sizeof why))
        return true;
    size_t old = path_key(c, m->key);
    err(c, m, "%s %s", what, why);
    path_pop(c, old);
    return false;
}

/* An array (member m); NULL and a message otherwise. */
static const br_json *member_array(ctx *c, const br_json *m)
{
    if (!m)
        return NULL;
    if (m->type == BR_JSON_ARRAY)
        return m;
    size_t old = path_key(c, m->key);
    err(c, m, "expected an array, found %s", a_type(m->type));
    path_pop(c, old);
    return NULL;
}

/* A string that must pass check; bad says what is wrong with s. */
static const char *member_checked(ctx *c, const br_json *m, bool (*check)(const char *),
                                  const char *bad_fmt)
{
    const char *s = member_string(c, m);
    if (!s || check(s))
        return s;
    size_t old = path_key(c, m->key);
    err(c, m, bad_fmt, s);
    path_pop(c, old);
    return NULL;
}

#define BAD_ID "id \"%s\" is not valid (allowed: letters, digits, '_', '.', '-', starting with a letter or digit, at most 64 characters)"

static const char *member_id(ctx *c, const br_json *m)
{
    const char *s = member_string(c, m);
    if (!s || br_validate_id(s))
        return s;
    size_t old = path_key(c, m->key);
    /* Say "too long" only when the characters themselves are fine. */
    size_t n = strlen(s);
    char head[BR_ID_MAX + 1];
    memcpy(head, s, BR_ID_MAX);
    head[BR_ID_MAX] = '\0';
    bool chars_ok = n > BR_ID_MAX && br_validate_id(head);
    for (size_t i = BR_ID_MAX; chars_ok && i < n; i++)
        chars_ok = g_ascii_isalnum(s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '-';
    if (chars_ok)
        err(c, m, "id \"%s\" is %zu characters long (at most %d)", s, n, BR_ID_MAX);
    else
        err(c, m, BAD_ID, s);
    path_pop(c, old);
    return NULL;
}

static bool check_date(const char *s)
{
    return br_validate_date(s, NULL);
}

static const char *member_date(ctx *c, const br_json *m)
{
    return member_checked(c, m, check_date,
                          "date \"%s\" is not a valid date (allowed: an existing day as YYYY-MM-DD)");
}

static const char *member_markup(ctx *c, const br_json *m)
{
    const char *s = member_string(c, m);
    char why[160];
    if (!s || br_validate_markup(s, why, sizeof why))
        return s;
    size_t old = path_key(c, m->key);
    err(c, m, "%s", why);
    path_pop(c, old);
    return NULL;
}

/* A reference to an id in table (what: "source"); NULL when unknown. */
static void *member_ref(ctx *c, const br_json *m, GHashTable *table, const char *what,
                        const char *section)
{
    const char *s = member_string(c, m);
    if (!s)
        return NULL;
    void *target = g_hash_table_lookup(table, s);
    bool broken = table == c->lk->entities ? c->entities_broken : c->sources_broken;
    if (!target && !broken) {
        size_t old = path_key(c, m->key);
        err(c, m, "unknown %s \"%s\" (not the id of any of the set's %s)", what, s, section);
        path_pop(c, old);
    }
    return target;
}

/* A map language tag -> string (`names`).  OUT: *n entries. */
static const br_lang_text *member_lang_map(ctx *c, const br_json *m, size_t *n)
{
    *n = 0;
    if (!m)
        return NULL;
    size_t old = path_key(c, m->key);
    br_lang_text *out = NULL;
    if (m->type != BR_JSON_OBJECT) {
        err(c, m, "expected an object (language tag -> text), found %s", a_type(m->type));
    } else {
        check_duplicate_keys(c, m);
        out = alloc_n(c, m->n_items, sizeof *out);
        for (size_t i = 0; out && i < m->n_items; i++) {
            const br_json *e = m->items[i];
            if (is_x_key(e->key))
                continue;
            if (!br_validate_lang_tag(e->key)) {
                size_t o2 = path_key(c, e->key);
                err_at(c, e->key_line, e->key_col,
                       "\"%s\" is not a valid BCP 47 language tag (such as en, de, zh-Hans)", e->key);
                path_pop(c, o2);
            }
            const char *text = member_string(c, e);
            if (text) {
                out[*n].lang = e->key;
                out[*n].text = text;
                (*n)++;
            }
        }
    }
    path_pop(c, old);
    return out;
}

/* An array of strings (`focus`). */
static const char *const *member_strings(ctx *c, const br_json *m, size_t *n)
{
    *n = 0;
    const br_json *a = member_array(c, m);
    if (!a)
        return NULL;
    const char **out = alloc_n(c, a->n_items, sizeof *out);
    size_t old = path_key(c, m->key);
    for (size_t i = 0; out && i < a->n_items; i++) {
        const br_json *v = a->items[i];
        if (v->type == BR_JSON_STRING) {
            out[(*n)++] = v->string;
        } else {
            size_t o2 = path_index(c, i);
            err(c, v, "expected a string, found %s", a_type(v->type));
            path_pop(c, o2);
        }
    }
    path_pop(c, old);
    return out;
}

/* A list of references (ids in table), or one reference (`single`, the
 * legacy key) when the list is absent; both at once is an error.  OUT: *n.
 * The list lives in the arena. */
static const void *const *member_refs(ctx *c, const br_json *single, const br_json *list, GHashTable *table,
                                      const char *what, const char *section, size_t *n)
{
    *n = 0;
    if (single && list) {
        size_t old = path_key(c, list->key);
        err(c, list, "give either \"%s\" or \"%s\", not both", single->key, list->key);
        path_pop(c, old);
        return NULL;
    }
    if (single) {
        void *one = member_ref(c, single, table, what, section);
        if (!one)
            return NULL;
        const void **out = alloc_n(c, 1, sizeof *out);
        if (out) {
            out[0] = one;
            *n = 1;
        }
        return (const void *const *)out;
    }
    const br_json *a = member_array(c, list);
    if (!a)
        return NULL;
    size_t old = path_key(c, list->key);
    if (a->n_items == 0)
        err(c, a, "expected at least one %s id", what);
    const void **out = alloc_n(c, a->n_items, sizeof *out);
    for (size_t i = 0; out && i < a->n_items; i++) {
        size_t o2 = path_index(c, i);
        const br_json *v = a->items[i];
        if (v->type != BR_JSON_STRING) {
            err(c, v, "expected a string (a %s id), found %s", what, a_type(v->type));
        } else {
            void *t = g_hash_table_lookup(table, v->string);
            bool broken = table == c->lk->entities ? c->entities_broken : c->sources_broken;
            if (t)
                out[(*n)++] = t;
            else if (!broken)
                err(c, v, "unknown %s \"%s\" (not the id of any of the set's %s)", what, v->string, section);
        }
        path_pop(c, o2);
    }
    path_pop(c, old);
    return (const void *const *)out;
}

/* One of a fixed list of words (member m); -1 with a message otherwise. */
static int member_enum(ctx *c, const br_json *m, const char *what, const char *const *words, size_t n_words)
{
    const char *s = member_string(c, m);
    if (!s)
        return -1;
    for (size_t i = 0; i < n_words; i++)
        if (!strcmp(s, words[i]))
            return (int)i;
    GString *allowed = g_string_new(NULL);
    for (size_t i = 0; i < n_words; i++)
        g_string_append_printf(allowed, "%s%s", i ? ", " : "", words[i]);
    size_t old = path_key(c, m->key);
    err(c, m, "%s \"%s\" is not allowed (allowed: %s)", what, s, allowed->str);
    path_pop(c, old);
    g_string_free(allowed, TRUE);
    return -1;
}

/* ---- sources ---- */

static const char *const source_keys[] = {"id", "title", "publisher", "date", "url"};

static void load_source(ctx *c, const br_json *v, br_source *s)
{
    const br_json *m[5];
    if (!check_object(c, v, "a source", source_keys, 5, 0x3, m))
        return;
    s->id = member_id(c, m[0]);
    s->title = member_string(c, m[1]);
    s->publisher = member_string(c, m[2]);
    s->date = member_date(c, m[3]);
    s->url = member_string(c, m[4]);
}

/* ---- entities ---- */

static const char *const entity_keys[] = {"id", "name", "names", "kind", "groups",
                                          "short", "focus", "source", "tile"};
static const char *const kind_names[BR_ENTITY_N_KINDS] = {
    "world", "country", "group", "province", "municipality", "autonomous-region", "sar",
    "state", "county", "city", "territory", "district", "region", "other"};

const char *br_entity_kind_name(br_entity_kind kind)
{
    return kind < BR_ENTITY_N_KINDS ? kind_names[kind] : "other";
}

static void load_tile(ctx *c, const br_json *m, br_entity *e)
{
    const br_json *a = member_array(c, m);
    if (!a)
        return;
    size_t old = path_key(c, m->key);
    if (a->n_items != 2) {
        err(c, a, "tile must be [column, row] (two integers from 0 to %d), found %zu items", BR_TILE_MAX, a->n_items);
        path_pop(c, old);
        return;
    }
    int cell[2];
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        const br_json *v = a->items[i];
        size_t o2 = path_index(c, (size_t)i);
        const char *what = i == 0 ? "tile column" : "tile row";
        char why[96];
        if (v->type != BR_JSON_NUMBER) {
            err(c, v, "expected a number (%s), found %s", what, a_type(v->type));
            ok = false;
        } else if (!br_json_int_in(v, 0, BR_TILE_MAX, &cell[i], why, sizeof why)) {
            err(c, v, "%s %s", what, why);
            ok = false;
        }
        path_pop(c, o2);
    }
    if (ok) {
        e->has_tile = true;
        e->tile_col = cell[0];
        e->tile_row = cell[1];
        char *key = g_strdup_printf("%d,%d", cell[0], cell[1]);
        gpointer first = g_hash_table_lookup(c->tiles, key);
        if (first) {
            const br_entity *f = &c->entities[GPOINTER_TO_SIZE(first) - 1];
            err(c, a, "tile [%d, %d] is already used by entity \"%s\" (tiles are unique)", cell[0], cell[1],
                f->id ? f->id : "?");
            g_free(key);
        } else {
            g_hash_table_insert(c->tiles, key, GSIZE_TO_POINTER(e->index + 1));
        }
    }
    path_pop(c, old);
}

static void load_entity(ctx *c, const br_json *v, br_entity *e)
{
    const br_json *m[9];
    e->kind = BR_ENTITY_PROVINCE;
    if (!check_object(c, v, "an entity", entity_keys, 9, 0x1 | 0x2 | 0x8, m))
        return;
    e->id = member_id(c, m[0]);
    e->name = member_string(c, m[1]);
    e->names = member_lang_map(c, m[2], &e->n_names);
    int kind = m[3] ? member_enum(c, m[3], "kind", kind_names, BR_ENTITY_N_KINDS) : -1;
    if (kind >= 0) {
        e->kind = (br_entity_kind)kind;
        c->kind_known[e->index] = true;
    }
    /* groups: resolved later (resolve_groups), when every kind is known. */
    member_array(c, m[4]);
    const char *shrt = member_string(c, m[5]);
    e->short_label = shrt ? shrt : e->id;
    e->focus = member_strings(c, m[6], &e->n_focus);
    e->source = member_ref(c, m[7], c->lk->sources, "source", "sources");
    if (m[8])
        load_tile(c, m[8], e);
}

static void resolve_groups(ctx *c)
{
    size_t old = path_key(c, "entities");
    for (size_t i = 0; i < c->set->n_entities; i++) {
        const br_json *v = c->entities_json->items[i];
        const br_json *a = br_json_member(v, "groups");
        if (!a || a->type != BR_JSON_ARRAY)
            continue;
        br_entity *e = &c->entities[i];
        const br_entity **out = alloc_n(c, a->n_items, sizeof *out);
        size_t o1 = path_index(c, i), o2 = path_key(c, "groups");
        for (size_t j = 0; out && j < a->n_items; j++) {
            const br_json *g = a->items[j];
            size_t o3 = path_index(c, j);
            if (g->type != BR_JSON_STRING) {
                err(c, g, "expected a string (an entity id), found %s", a_type(g->type));
            } else {
                const br_entity *t = g_hash_table_lookup(c->lk->entities, g->string);
                if (!t)
                    err(c, g, "unknown group \"%s\" (not the id of any entity)", g->string);
                else if (t->kind != BR_ENTITY_GROUP && c->kind_known[t->index])
                    err(c, g, "entity \"%s\" is not a group (its kind is \"%s\"; groups must be of kind \"group\")",
                        g->string, kind_names[t->kind]);
                else
                    out[e->n_groups++] = t;
            }
            path_pop(c, o3);
        }
        e->groups = out;
        path_pop(c, o2);
        path_pop(c, o1);
    }
    path_pop(c, old);
}

/* ---- observations ---- */

static const char *const obs_keys[] = {"entity", "period", "value", "qualifier", "source", "note", "sources"};
#define N_OBS_KEYS 7

static guint obs_hash(gconstpointer p)
{
    const br_observation *o = p;
    return g_str_hash(o->period) ^ g_direct_hash(o->entity);
}

static gboolean obs_equal(gconstpointer a, gconstpointer b)
{
    const br_observation *x = a, *y = b;
    return x->entity == y->entity && !strcmp(x->period, y->period);
}

static void load_observation(ctx *c, const br_json *v, const br_indicator *ind, br_observation *o,
                             size_t index)
{
    const br_json *m[N_OBS_KEYS];
    if (!check_object(c, v, "an observation", obs_keys, N_OBS_KEYS, 0x7, m))
        return;
    o->entity = member_ref(c, m[0], c->lk->entities, "entity", "entities");
    const char *period = member_string(c, m[1]);
    if (period && !br_validate_period(period, &o->period_end)) {
        size_t old = path_key(c, "period");
        err(c, m[1], "period \"%s\" is not valid (allowed: YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD, a range YYYY/YYYY)",
            period);
        path_pop(c, old);
    } else if (period) {
        o->period = br_period_canonical(period, c->arena);
        if (!o->period)
            c->nomem = true;
    }
    double value;
    if (m[2] && m[2]->type == BR_JSON_NULL) {
        /* null (in a CSV: NA) says the value is not available: the
         * observation is checked, then left out of the model. */
        c->not_available[index] = true;
    } else if (member_number(c, m[2], &value)) {
        char buf[32];
        size_t old = path_key(c, "value");
        if (ind->unit && !strcmp(ind->unit, "percent") && (value < 0 || value > 100))
            err(c, m[2], "percent value %s is outside 0..100", fmt_num(value, buf));
        else if (ind->unit && !strcmp(ind->unit, "count") && value < 0)
            err(c, m[2], "count value %s is negative (counts are integers >= 0)", fmt_num(value, buf));
        else if (ind->unit && !strcmp(ind->unit, "count") && value != floor(value))
            err(c, m[2], "count value %s is not an integer (counts are integers >= 0)", fmt_num(value, buf));
        path_pop(c, old);
        o->value = value;
    }
    const char *q = member_string(c, m[3]);
    if (q) {
        if (!strcmp(q, "over")) {
            o->qualifier = BR_QUALIFIER_OVER;
        } else if (!strcmp(q, "under")) {
            o->qualifier = BR_QUALIFIER_UNDER;
        } else if (!strcmp(q, "about")) {
            o->qualifier = BR_QUALIFIER_ABOUT;
        } else {
            size_t old = path_key(c, "qualifier");
            err(c, m[3], "qualifier \"%s\" is not allowed (allowed: over, under, about)", q);
            path_pop(c, old);
        }
    }
    size_t n_src = 0;
    const br_source *const *srcs =
        (const br_source *const *)member_refs(c, m[4], m[6], c->lk->sources, "source", "sources", &n_src);
    if (n_src > 0) {
        o->sources = srcs;
        o->n_sources = n_src;
    } else {
        o->sources = ind->sources;
        o->n_sources = ind->n_sources;
    }
    o->source = o->n_sources ? o->sources[0] : NULL;
    o->note = member_string(c, m[5]);

    if (o->entity && o->period) {
        gpointer first = g_hash_table_lookup(c->obs_seen, o);
        if (first)
            err(c, v, "second observation for entity \"%s\" and period \"%s\" (first at observations[%zu]; one per entity and period)",
                o->entity->id, o->period, GPOINTER_TO_SIZE(first) - 1);
        else
            g_hash_table_insert(c->obs_seen, o, GSIZE_TO_POINTER(index + 1));
    }
}

static void load_observations(ctx *c, const br_json *a, br_indicator *ind)
{
    br_observation *obs = alloc_n(c, a->n_items, sizeof *obs);
    if (!obs)
        return;
    g_hash_table_remove_all(c->obs_seen);
    g_free(c->not_available);
    c->not_available = g_new0(bool, a->n_items + 1);
    for (size_t i = 0; i < a->n_items; i++) {
        if (!a->items[i])
            continue; /* a CSV row that could not be split (reported) */
        size_t old = path_index(c, i);
        load_observation(c, a->items[i], ind, &obs[i], i);
        path_pop(c, old);
    }
    /* Values not available are left out; the rest keep file order. */
    size_t kept = 0;
    for (size_t i = 0; i < a->n_items; i++) {
        if (c->not_available[i]) {
            ind->n_not_available++;
            continue;
        }
        if (kept != i)
            obs[kept] = obs[i];
        kept++;
    }
    ind->observations = obs;
    ind->n_observations = kept;
}

/* ---- CSV observation files (RFC 4180) ---- */

/* The column names a CSV may have, in br_json member names. */
static int csv_column(const char *name)
{
    for (int k = 0; k < 6; k++) /* not "sources": a CSV cell holds one source */
        if (!strcmp(name, obs_keys[k]))
            return k;
    return is_x_key(name) ? -2 : -1;
}

/* Reads the next CSV record; false at the end or after a problem
 * (reported; *bad set). */
static bool csv_next(ctx *c, br_csv *r, GArray *cells, bool *bad)
{
    br_csv_error e;
    switch (br_csv_next(r, cells, &e)) {
    case BR_CSV_RECORD: return true;
    case BR_CSV_END: return false;
    case BR_CSV_ERROR: err_at(c, e.line, e.col, "%s", e.message); break;
    case BR_CSV_NOMEM: c->nomem = true; break;
    }
    *bad = true;
    return false;
}

/* The header: entity,period,value first, then optional known columns (or
 * x-... ones, ignored).  OUT: cols[] (observation key index, -2 for x-),
 * *n.  False after a problem (reported). */
static bool csv_header(ctx *c, br_csv *r, GArray *cells, int *cols, size_t max, size_t *n, bool *bad)
{
    if (!csv_next(c, r, cells, bad)) {
        if (!*bad)
            err_at(c, 1, 1, "CSV file is empty (expected the header entity,period,value[,qualifier][,note][,source])");
        return false;
    }
    *n = 0;
    for (size_t i = 0; i < cells->len; i++) {
        const br_csv_cell *h = &g_array_index(cells, br_csv_cell, i);
        int k = csv_column(h->text);
        if (i < 3 && k != (int)i) {
            err_at(c, h->line, h->col, "header must start with entity,period,value (column %zu is \"%s\")", i + 1,
                   h->text);
            return false;
        }
        if (k == -1) {
            err_at(c, h->line, h->col,
                   "unknown column \"%s\" (allowed: entity, period, value, qualifier, note, source, or x-...)",
                   h->text);
            return false;
        }
        for (size_t j = 0; j < i && k >= 0; j++)
            if (cols[j] == k) {
                err_at(c, h->line, h->col, "duplicate column \"%s\"", h->text);
                return false;
            }
        if (i >= max) {
            err_at(c, h->line, h->col, "too many columns (at most %zu)", max);
            return false;
        }
        cols[(*n)++] = k;
    }
    return true;
}

/* One data row as an observation object with the CSV's positions; NULL
 * when out of memory. */
static br_json *csv_row(ctx *c, GArray *cells, const int *cols, size_t n_cols, int row_line)
{
    br_json *obj = br_arena_alloc(c->scratch, sizeof *obj);
    br_json *kids = alloc_in(c, c->scratch, n_cols, sizeof *kids);
    const br_json **ptrs = alloc_in(c, c->scratch, n_cols, sizeof *ptrs);
    if (!obj || !kids || !ptrs) {
        c->nomem = true;
        return NULL;
    }
    obj->type = BR_JSON_OBJECT;
    obj->line = row_line;
    obj->col = 1;
    obj->items = ptrs;
    for (size_t i = 0; i < n_cols; i++) {
        const br_csv_cell *cell = &g_array_index(cells, br_csv_cell, i);
        if (cols[i] < 0 || cell->len == 0)
            continue; /* x- columns are ignored; empty cells are absent */
        br_json *k = &kids[obj->n_items];
        k->key = obs_keys[cols[i]];
        k->line = k->key_line = cell->line;
        k->col = k->key_col = cell->col;
        k->type = BR_JSON_STRING;
        k->string = cell->text;
        k->string_len = cell->len;
        if (cols[i] == 2 && (!strcmp(cell->text, "NA") || !strcmp(cell->text, "N/A") || !strcmp(cell->text, "n/a") ||
                             !strcmp(cell->text, ".."))) {
            k->type = BR_JSON_NULL; /* not available */
        } else if (cols[i] == 2 && br_csv_number(cell->text, &k->number)) {
            if (isfinite(k->number)) {
                k->type = BR_JSON_NUMBER;
            } else {
                err_at(c, cell->line, cell->col, "value %s is too large (numbers must be finite)", cell->text);
                k->type = BR_JSON_NULL;
            }
        }
        ptrs[obj->n_items++] = k;
    }
    return obj;
}

/* The rows as the array an inline "observations" would be. */
static const br_json *csv_rows_array(ctx *c, const br_json *m, GPtrArray *rows)
{
    br_json *arr = br_arena_alloc(c->scratch, sizeof *arr);
    const br_json **items = alloc_in(c, c->scratch, rows->len, sizeof *items);
    if (!arr || (!items && rows->len > 0)) {
        c->nomem = true;
        return NULL;
    }
    arr->type = BR_JSON_ARRAY;
    arr->line = m->line;
    arr->col = m->col;
    /* Rows that could not be split stay NULL so that the paths of the
     * others keep their row numbers; the caller skips them. */
    for (size_t i = 0; i < rows->len; i++)
        items[i] = rows->pdata[i];
    arr->items = items;
    arr->n_items = rows->len;
    return arr;
}

/* Turns the CSV file named by m (a string member, path at the indicator)
 * into an array of observation objects, with the CSV's positions.  NULL on
 * problems that stop the file (reported).  OUT: *shown_file, the CSV's name
 * for messages (relative to the set's as given). */
static const br_json *csv_load(ctx *c, const br_json *m, const char **shown_file)
{
    const char *name = m->string;
    size_t old = path_key(c, m->key);
    const br_json *result = NULL;
    if (!*name) {
        err(c, m, "observations file name is empty (a string names a CSV file)");
        path_pop(c, old);
        return NULL;
    }
    char *full = NULL;
    if (!br_file_resolve_inside(c->base_dir, name, &full)) {
        err(c, m,
            "observations file \"%s\" is outside the set's folder (a CSV file must be in the folder of the set "
            "or below it; links are followed)",
            name);
        g_free(full);
        path_pop(c, old);
        return NULL;
    }
    size_t len = 0;
    char *data = NULL;
    const char *why = NULL;
    br_file_id id;
    br_status rst = br_file_read(full, &data, &len, &id, &why);
    g_free(full);
    if (rst == BR_ERR_NOMEM) {
        c->nomem = true;
        path_pop(c, old);
        return NULL;
    }
    if (rst != BR_OK) {
        if (rst == BR_ERR_IO)
            err(c, m, "cannot read observations file \"%s\": %s", name, why);
        else
            err(c, m, "%s: %s", name, why);
        path_pop(c, old);
        return NULL;
    }
    g_array_append_val(c->inputs, id);
    br_digest_add_string(c->digest, "csv", name);
    br_digest_add(c->digest, "csv-bytes", data, len);
    char *dir = g_path_get_dirname(c->set_file);
    char *shown = g_path_is_absolute(name) || !strcmp(dir, ".") ? g_strdup(name) : g_build_filename(dir, name, NULL);
    g_free(dir);

    /* From here on problems are in the CSV file and sort at m. */
    const char *saved_file = c->file;
    c->file = *shown_file = br_arena_strdup(c->arena, shown);
    g_free(shown);
    if (!c->file) {
        c->nomem = true;
        c->file = saved_file;
        g_free(data);
        path_pop(c, old);
        return NULL;
    }
    c->in_csv = true;
    c->anchor_line = m->line;
    c->anchor_col = m->col;

    br_csv r;
    br_csv_init(&r, data, len, c->arena);
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(br_csv_cell));
    GPtrArray *rows = g_ptr_array_new();
    const char *bad_utf8;
    bool bad = false;
    int cols[16];
    size_t n_cols = 0;
    if (!g_utf8_validate(r.p, r.end - r.p, &bad_utf8)) {
        int line, col;
        br_csv_locate(&r, bad_utf8, &line, &col);
        /* Not text: nothing of it is quoted in a message (it may be any
         * file the set names). */
        if (*bad_utf8 == '\0')
            err_at(c, line, col, "not a CSV file (a NUL byte)");
        else
            err_at(c, line, col, "not a CSV file (invalid UTF-8 byte 0x%02X)", (unsigned char)*bad_utf8);
    } else if (csv_header(c, &r, cells, cols, G_N_ELEMENTS(cols), &n_cols, &bad)) {
        for (;;) {
            int row_line = r.line;
            if (!csv_next(c, &r, cells, &bad))
                break;
            const br_csv_cell *first = &g_array_index(cells, br_csv_cell, 0);
            if (cells->len == 1 && first->len == 0)
                continue; /* a blank line */
            size_t o1 = path_index(c, rows->len);
            br_json *obj = NULL;
            if (cells->len != n_cols) {
                err_at(c, row_line, 1, "row has %u fields, the header has %zu", cells->len, n_cols);
            } else if (!(obj = csv_row(c, cells, cols, n_cols, row_line))) {
                path_pop(c, o1);
                break;
            }
            path_pop(c, o1);
            g_ptr_array_add(rows, obj);
        }
        if (!bad && !c->nomem)
            result = csv_rows_array(c, m, rows);
    }
    br_csv_clear(&r);
    g_ptr_array_free(rows, TRUE);
    g_array_free(cells, TRUE);
    g_free(data);
    c->file = saved_file;
    c->in_csv = false;
    path_pop(c, old);
    return result;
}

/* ---- indicators ---- */

static const char *const indicator_keys[] = {"id", "name", "names", "topic", "unit",
                                             "decimals", "higher_is_better", "source", "observations",
                                             "better", "definition", "note", "unit_names", "scale",
                                             "part_of", "sources"};
#define N_INDICATOR_KEYS 16
static const char *const better_names[] = {"higher", "lower", "neither"};
static const char *const scale_names[] = {"one", "thousand", "million", "billion"};

static void load_indicator(ctx *c, const br_json *v, br_indicator *ind)
{
    const br_json *m[N_INDICATOR_KEYS];
    ind->higher_is_better = true;
    ind->better = BR_BETTER_HIGHER;
    if (!check_object(c, v, "an indicator", indicator_keys, N_INDICATOR_KEYS, 0x1 | 0x2 | 0x8 | 0x10 | 0x100, m))
        return;
    ind->id = member_id(c, m[0]);
    ind->name = member_string(c, m[1]);
    ind->names = member_lang_map(c, m[2], &ind->n_names);
    ind->topic = member_checked(c, m[3], br_validate_slug,
                                "topic \"%s\" is not a slug (allowed: a-z, 0-9 and '-', such as clean-energy)");
    ind->unit = member_string(c, m[4]);
    ind->decimals = ind->unit && !strcmp(ind->unit, "count") ? 0 : 1;
    if (m[5])
        member_int(c, m[5], "decimals", 0, 6, &ind->decimals);
    if (m[6]) {
        if (m[6]->type == BR_JSON_TRUE || m[6]->type == BR_JSON_FALSE) {
            ind->higher_is_better = m[6]->type == BR_JSON_TRUE;
            ind->better = ind->higher_is_better ? BR_BETTER_HIGHER : BR_BETTER_LOWER;
        } else {
            size_t old = path_key(c, m[6]->key);
            err(c, m[6], "expected a boolean (true or false), found %s", a_type(m[6]->type));
            path_pop(c, old);
        }
    }
    if (m[9]) {
        int b = member_enum(c, m[9], "better", better_names, 3);
        if (b >= 0) {
            /* higher_is_better says higher or lower; neither agrees with
             * neither. */
            br_better says = m[6] && m[6]->type == BR_JSON_TRUE ? BR_BETTER_HIGHER : BR_BETTER_LOWER;
            if (m[6] && (m[6]->type == BR_JSON_TRUE || m[6]->type == BR_JSON_FALSE) && b != (int)says) {
                size_t old = path_key(c, "better");
                err(c, m[9], "better \"%s\" contradicts higher_is_better %s (give one of them)", better_names[b],
                    m[6]->type == BR_JSON_TRUE ? "true" : "false");
                path_pop(c, old);
            }
            ind->better = (br_better)b;
            ind->higher_is_better = b == BR_BETTER_HIGHER;
        }
    }
    ind->definition = member_string(c, m[10]);
    ind->note = member_string(c, m[11]);
    ind->unit_names = member_lang_map(c, m[12], &ind->n_unit_names);
    if (m[13]) {
        int sc = member_enum(c, m[13], "scale", scale_names, 4);
        if (sc >= 0)
            ind->scale = (br_display_scale)sc;
        /* A count shown in thousands or more is no longer whole: 230000
         * in millions shows as 0.2, not 0. */
        if (!m[5] && sc > 0 && ind->decimals == 0)
            ind->decimals = 1;
    }
    if (m[14]) {
        const char *w = member_string(c, m[14]);
        ind->part_of = w && c->wholes ? g_hash_table_lookup(c->wholes, w) : NULL;
        if (w && !ind->part_of) {
            size_t old = path_key(c, "part_of");
            err(c, m[14], "unknown whole \"%s\" (not the id of any of the set's wholes)", w);
            path_pop(c, old);
        }
    }
    ind->sources =
        (const br_source *const *)member_refs(c, m[7], m[15], c->lk->sources, "source", "sources", &ind->n_sources);
    ind->source = ind->n_sources ? ind->sources[0] : NULL;
    const br_json *obs = m[8];
    if (!obs)
        return;
    const char *csv_file = NULL;
    if (obs->type == BR_JSON_STRING) {
        obs = csv_load(c, obs, &csv_file);
    } else if (obs->type != BR_JSON_ARRAY) {
        size_t old = path_key(c, obs->key);
        err(c, obs, "expected an array of observations or a CSV file name, found %s", a_type(obs->type));
        path_pop(c, old);
        obs = NULL;
    }
    if (!obs)
        return;
    /* Rows of a CSV are checked like inline observations, but their
     * problems are in the CSV file and sort where the set names it. */
    const char *saved = c->file;
    if (csv_file) {
        c->file = csv_file;
        c->in_csv = true;
        c->anchor_line = m[8]->line;
        c->anchor_col = m[8]->col;
    }
    size_t old = path_key(c, "observations");
    load_observations(c, obs, ind);
    path_pop(c, old);
    c->in_csv = false;
    c->file = saved;
}

/* ---- the set ---- */

static const char *const set_keys[] = {"format", "id", "title", "subtitle", "date", "language",
                                       "publisher", "summary", "translations", "entities",
                                       "indicators", "sources", "compares", "reference", "topics",
                                       "wholes"};
#define N_SET_KEYS 16

/* ---- topics, wholes, what the set compares ---- */

static const char *const topic_keys[] = {"name", "names", "description"};

static void load_topics(ctx *c, const br_json *m)
{
    if (!m)
        return;
    size_t old = path_key(c, "topics");
    if (m->type != BR_JSON_OBJECT) {
        err(c, m, "expected an object (topic -> its name), found %s", a_type(m->type));
        path_pop(c, old);
        return;
    }
    check_duplicate_keys(c, m);
    br_topic *out = alloc_n(c, m->n_items, sizeof *out);
    size_t n = 0;
    for (size_t i = 0; out && i < m->n_items; i++) {
        const br_json *t = m->items[i];
        if (is_x_key(t->key))
            continue;
        size_t o2 = path_key(c, t->key);
        if (!br_validate_slug(t->key))
            err_at(c, t->key_line, t->key_col,
                   "topic \"%s\" is not a slug (allowed: a-z, 0-9 and '-', such as clean-energy)", t->key);
        const br_json *k[3];
        if (check_object(c, t, "a topic", topic_keys, 3, 0x1, k)) {
            out[n].slug = t->key;
            out[n].name = member_string(c, k[0]);
            out[n].names = member_lang_map(c, k[1], &out[n].n_names);
            out[n].description = member_string(c, k[2]);
            n++;
        }
        path_pop(c, o2);
    }
    c->set->topics = out;
    c->set->n_topics = n;
    path_pop(c, old);
}

static const char *const whole_keys[] = {"id", "name", "names"};

static void load_wholes(ctx *c, const br_json *m)
{
    c->wholes = g_hash_table_new(g_str_hash, g_str_equal);
    const br_json *a = member_array(c, m);
    if (!a)
        return;
    size_t old = path_key(c, "wholes");
    br_whole *out = alloc_n(c, a->n_items, sizeof *out);
    for (size_t i = 0; out && i < a->n_items; i++) {
        size_t o2 = path_index(c, i);
        const br_json *k[3];
        if (check_object(c, a->items[i], "a whole", whole_keys, 3, 0x3, k)) {
            br_whole *w = &out[c->set->n_wholes];
            w->id = member_id(c, k[0]);
            w->name = member_string(c, k[1]);
            w->names = member_lang_map(c, k[2], &w->n_names);
            if (w->id && g_hash_table_contains(c->wholes, w->id)) {
                size_t o3 = path_key(c, "id");
                err(c, k[0], "duplicate whole id \"%s\"", w->id);
                path_pop(c, o3);
            } else if (w->id) {
                g_hash_table_insert(c->wholes, (gpointer)w->id, w);
                c->set->n_wholes++;
            }
        }
        path_pop(c, o2);
    }
    c->set->wholes = out;
    path_pop(c, old);
}

/* Each whole's parts, in file order; parts of one whole share a unit. */
static void resolve_wholes(ctx *c)
{
    br_set *set = c->set;
    for (size_t w = 0; w < set->n_wholes; w++) {
        br_whole *whole = (br_whole *)&set->wholes[w];
        size_t n = 0;
        for (size_t i = 0; i < set->n_indicators; i++)
            n += set->indicators[i].part_of == whole;
        const br_indicator **parts = alloc_n(c, n, sizeof *parts);
        if (!parts)
            return;
        const br_indicator *first = NULL;
        for (size_t i = 0; i < set->n_indicators; i++) {
            const br_indicator *ind = &set->indicators[i];
            if (ind->part_of != whole)
                continue;
            parts[whole->n_parts++] = ind;
            if (!first) {
                first = ind;
            } else if (ind->unit && first->unit && strcmp(ind->unit, first->unit)) {
                const br_json *v = br_json_member(c->indicators_json->items[i], "unit");
                size_t old = path_key(c, "indicators"), o2 = path_index(c, i), o3 = path_key(c, "unit");
                err(c, v ? v : c->indicators_json->items[i],
                    "unit \"%s\" differs from \"%s\" of \"%s\", another part of the whole \"%s\" (parts share a unit)",
                    ind->unit, first->unit, first->id, whole->id);
                path_pop(c, o3);
                path_pop(c, o2);
                path_pop(c, old);
            }
        }
        whole->parts = parts;
    }
}

static bool subnational(br_entity_kind k)
{
    return k != BR_ENTITY_WORLD && k != BR_ENTITY_COUNTRY && k != BR_ENTITY_GROUP;
}

/* compares: a kind or a list of kinds (not "group"); by default the set's
 * regions, else its countries, else its world entities.  Then the
 * reference: the one given, or, comparing regions, the first country (the
 * national figure), or, comparing countries, the world when there is one
 * (not a country: a country is one of the compared, never the reference). */
static void resolve_compared(ctx *c, const br_json *compares, const br_json *reference)
{
    br_set *set = c->set;
    bool given = false;
    if (compares) {
        size_t old = path_key(c, "compares");
        const br_json *one[1] = {compares};
        const br_json *const *items = one;
        size_t n = 1;
        if (compares->type == BR_JSON_ARRAY) {
            items = compares->items;
            n = compares->n_items;
            if (n == 0)
                err(c, compares, "expected at least one entity kind");
        }
        for (size_t i = 0; i < n; i++) {
            size_t o2 = compares->type == BR_JSON_ARRAY ? path_index(c, i) : c->path->len;
            const br_json *v = items[i];
            if (v->type != BR_JSON_STRING) {
                err(c, v, "expected an entity kind (a string), found %s", a_type(v->type));
            } else {
                size_t k = 0;
                while (k < BR_ENTITY_N_KINDS && strcmp(v->string, kind_names[k]))
                    k++;
                if (k == BR_ENTITY_N_KINDS || k == BR_ENTITY_GROUP)
                    err(c, v, "\"%s\" is not a kind of entity a set can compare (groups are not compared)",
                        v->string);
                else
                    set->compares[k] = given = true;
            }
            path_pop(c, o2);
        }
        path_pop(c, old);
    }
    if (!given) {
        bool any_sub = false, any_country = false;
        for (size_t i = 0; i < set->n_entities; i++) {
            any_sub |= subnational(set->entities[i].kind);
            any_country |= set->entities[i].kind == BR_ENTITY_COUNTRY;
        }
        for (int k = 0; k < BR_ENTITY_N_KINDS; k++)
            set->compares[k] = any_sub ? subnational((br_entity_kind)k)
                               : any_country ? k == BR_ENTITY_COUNTRY
                                             : k == BR_ENTITY_WORLD;
    }
    for (size_t i = 0; i < set->n_entities; i++) {
        br_entity *e = &c->entities[i];
        e->compared = set->compares[e->kind];
        set->n_compared += e->compared;
    }
    /* The noun for the compared units. */
    bool present[BR_ENTITY_N_KINDS] = {false};
    for (size_t i = 0; i < set->n_entities; i++)
        present[c->entities[i].kind] |= c->entities[i].compared;
    int kinds = 0, only = -1;
    for (int k = 0; k < BR_ENTITY_N_KINDS; k++)
        if (present[k]) {
            kinds++;
            only = k;
        }
    /* By the kinds the compared entities have.  Mixed: "regions" while all
     * are places within a country, else the neutral word; "other" units
     * (industries, age groups) are not places at all. */
    set->noun = kinds > 1 ? (present[BR_ENTITY_COUNTRY] || present[BR_ENTITY_OTHER] ? BR_NOUN_ENTITIES
                                                                                  : BR_NOUN_REGIONS)
                : only == BR_ENTITY_OTHER   ? BR_NOUN_ENTITIES
                : only == BR_ENTITY_COUNTRY ? BR_NOUN_COUNTRIES
                : only == BR_ENTITY_STATE   ? BR_NOUN_STATES
                : only == BR_ENTITY_COUNTY  ? BR_NOUN_COUNTIES
                : only == BR_ENTITY_CITY    ? BR_NOUN_CITIES
                : only == BR_ENTITY_WORLD   ? BR_NOUN_ENTITIES
                                            : BR_NOUN_REGIONS;
    if (reference) {
        const br_entity *r = member_ref(c, reference, c->lk->entities, "entity", "entities");
        if (r && r->kind == BR_ENTITY_GROUP) {
            size_t old = path_key(c, "reference");
            err(c, reference, "entity \"%s\" is a group, which cannot be the reference", r->id);
            path_pop(c, old);
        } else {
            set->reference = r;
        }
        return;
    }
    for (size_t i = 0; i < set->n_entities && !set->reference; i++) {
        const br_entity *e = &set->entities[i];
        if (e->compared)
            continue;
        if (set->compares[BR_ENTITY_COUNTRY] ? e->kind == BR_ENTITY_WORLD : e->kind == BR_ENTITY_COUNTRY)
            set->reference = e;
    }
}
static const char *const translation_keys[] = {"title", "subtitle", "summary"};

static void load_translations(ctx *c, const br_json *m)
{
    if (!m)
        return;
    size_t old = path_key(c, m->key);
    if (m->type != BR_JSON_OBJECT) {
        err(c, m, "expected an object (language tag -> {title, subtitle, summary}), found %s",
            a_type(m->type));
        path_pop(c, old);
        return;
    }
    check_duplicate_keys(c, m);
    br_translation *tr = alloc_n(c, m->n_items, sizeof *tr);
    size_t n = 0;
    for (size_t i = 0; tr && i < m->n_items; i++) {
        const br_json *t = m->items[i], *f[3];
        if (is_x_key(t->key))
            continue;
        size_t o2 = path_key(c, t->key);
        if (!br_validate_lang_tag(t->key))
            err_at(c, t->key_line, t->key_col, "\"%s\" is not a valid BCP 47 language tag (such as en, de, zh-Hans)",
                   t->key);
        if (check_object(c, t, "a translation", translation_keys, 3, 0, f)) {
            tr[n].lang = t->key;
            tr[n].title = member_string(c, f[0]);
            tr[n].subtitle = member_string(c, f[1]);
            tr[n].summary = member_markup(c, f[2]);
            n++;
        }
        path_pop(c, o2);
    }
    c->set->translations = tr;
    c->set->n_translations = n;
    path_pop(c, old);
}

/* Allocates the model array for a section and maps each well-formed id to
 * its slot, so that references resolve whatever the order in the file. */
static void *collect_ids(ctx *c, const br_json *a, size_t size, GHashTable *table, size_t *n)
{
    *n = 0;
    if (!a || a->type != BR_JSON_ARRAY || a->n_items == 0)
        return NULL;
    char *slots = alloc_n(c, a->n_items, size);
    if (!slots)
        return NULL;
    *n = a->n_items;
    for (size_t i = 0; i < a->n_items; i++) {
        const br_json *id = br_json_member(a->items[i], "id");
        if (id && id->type == BR_JSON_STRING && br_validate_id(id->string) &&
            !g_hash_table_contains(table, id->string))
            g_hash_table_insert(table, (gpointer)id->string, slots + i * size);
    }
    return slots;
}

/* Walks one section array, reporting a wrong type or emptiness, and the
 * duplicate ids the table (first wins) reveals. */
static const br_json *section(ctx *c, const br_json *m, bool non_empty, const char *what)
{
    if (!m)
        return NULL;
    size_t old = path_key(c, m->key);
    const br_json *a = NULL;
    if (m->type != BR_JSON_ARRAY)
        err(c, m, "expected an array of %s, found %s", what, a_type(m->type));
    else if (non_empty && m->n_items == 0)
        err(c, m, "the set needs at least one item in %s (the array is empty)", m->key);
    else
        a = m;
    path_pop(c, old);
    return a;
}

static void check_unique_id(ctx *c, GHashTable *table, const char *id, const void *slot,
                            const br_json *v, const br_json *section_json, size_t size,
                            const void *base, const char *what)
{
    if (!id)
        return;
    const char *found = g_hash_table_lookup(table, id);
    if (found && found != slot) {
        size_t first = (size_t)(found - (const char *)base) / size;
        const br_json *fid = br_json_member(section_json->items[first], "id");
        size_t old = path_key(c, "id");
        const br_json *mid = br_json_member(v, "id");
        err(c, mid, "duplicate %s id \"%s\" (first at line %d)", what, id, fid ? fid->line : 0);
        path_pop(c, old);
    }
}

static void load_set(ctx *c, const br_json *root)
{
    const br_json *m[N_SET_KEYS];
    br_set *set = c->set;
    if (!check_object(c, root, "an indicator set", set_keys, N_SET_KEYS, 0x1 | 0x2 | 0x4 | 0x10 | 0x200 | 0x400, m))
        return;
    const char *format = member_string(c, m[0]);
    if (format && strcmp(format, "indicator-set/1")) {
        size_t old = path_key(c, "format");
        err(c, m[0], "format \"%s\" is not supported (allowed: \"indicator-set/1\")", format);
        path_pop(c, old);
    }
    set->id = member_checked(c, m[1], br_validate_slug,
                             "set id \"%s\" is not valid (allowed: a-z, 0-9 and '-'; it names output files)");
    set->title = member_string(c, m[2]);
    set->subtitle = member_string(c, m[3]);
    set->date = member_date(c, m[4]);
    set->language = "en";
    if (m[5]) {
        const char *lang = member_checked(c, m[5], br_validate_lang_tag,
                                          "language \"%s\" is not a valid BCP 47 language tag (such as en, de, zh-Hans)");
        if (lang)
            set->language = lang;
    }
    set->publisher = member_string(c, m[6]);
    set->summary = member_markup(c, m[7]);
    load_translations(c, m[8]);

    const br_json *ents = section(c, m[9], true, "entities");
    const br_json *inds = section(c, m[10], true, "indicators");
    const br_json *srcs = section(c, m[11], false, "sources");
    c->entities_json = ents;
    c->indicators_json = inds;
    c->sources_json = srcs;
    c->sources = collect_ids(c, srcs, sizeof(br_source), c->lk->sources, &set->n_sources);
    c->entities = collect_ids(c, ents, sizeof(br_entity), c->lk->entities, &set->n_entities);
    c->indicators = collect_ids(c, inds, sizeof(br_indicator), c->lk->indicators, &set->n_indicators);
    if (c->nomem)
        return;
    c->entities_broken = !ents;
    c->sources_broken = m[11] && !srcs;
    c->kind_known = g_new0(bool, set->n_entities + 1);
    set->sources = c->sources;
    set->entities = c->entities;
    set->indicators = c->indicators;

    size_t old = path_key(c, "sources");
    for (size_t i = 0; i < set->n_sources; i++) {
        size_t o = path_index(c, i);
        load_source(c, srcs->items[i], &c->sources[i]);
        check_unique_id(c, c->lk->sources, c->sources[i].id, &c->sources[i], srcs->items[i], srcs,
                        sizeof(br_source), c->sources, "source");
        path_pop(c, o);
    }
    path_pop(c, old);

    old = path_key(c, "entities");
    for (size_t i = 0; i < set->n_entities; i++) {
        size_t o = path_index(c, i);
        c->entities[i].index = i;
        load_entity(c, ents->items[i], &c->entities[i]);
        check_unique_id(c, c->lk->entities, c->entities[i].id, &c->entities[i], ents->items[i], ents,
                        sizeof(br_entity), c->entities, "entity");
        if (!c->entities[i].short_label)
            c->entities[i].short_label = "";
        path_pop(c, o);
        if (c->nomem)
            return;
    }
    path_pop(c, old);
    resolve_groups(c);
    resolve_compared(c, m[12], m[13]);
    load_topics(c, m[14]);
    load_wholes(c, m[15]);

    old = path_key(c, "indicators");
    for (size_t i = 0; i < set->n_indicators; i++) {
        size_t o = path_index(c, i);
        load_indicator(c, inds->items[i], &c->indicators[i]);
        check_unique_id(c, c->lk->indicators, c->indicators[i].id, &c->indicators[i], inds->items[i], inds,
                        sizeof(br_indicator), c->indicators, "indicator");
        path_pop(c, o);
        if (c->nomem)
            return;
    }
    path_pop(c, old);
    resolve_wholes(c);
}

/* ---- entry points ---- */

static void destroy_table(void *table)
{
    g_hash_table_destroy(table);
}

static GHashTable *arena_table(ctx *c)
{
    GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
    if (br_arena_on_free(c->arena, destroy_table, t) != 0) {
        c->nomem = true; /* the hook has already destroyed it */
        return NULL;
    }
    return t;
}

/* br_set_load_buffer for a set that was read from a file (self: its
 * identity) or not (NULL).  owned: NULL, or the buffer that holds data,
 * which is freed (and set to NULL) as soon as the text is parsed. */
static br_status load_buffer(const char *data, size_t len, char **owned, const char *display_name,
                             const char *base_dir, const br_file_id *self, br_arena *arena, br_diag *diag,
                             const br_set **out)
{
    *out = NULL;
    if (!display_name)
        display_name = "<buffer>";
    /* The set's bytes enter the digest before the text is freed. */
    br_digest *digest = br_digest_new();
    br_digest_add(digest, "set", data, len);
    br_arena *scratch = br_arena_new_scratch(arena);
    const br_json *root;
    br_status st;
    if (scratch) {
        st = br_json_parse(data, len, display_name, arena, scratch, diag, &root);
    } else {
        br_diag_add(diag, BR_SEV_ERROR, display_name, 0, 0, NULL, "out of memory");
        st = br_error_set(BR_ERR_NOMEM);
    }
    if (owned) {
        g_free(*owned);
        *owned = NULL;
    }
    if (st != BR_OK) {
        char unused[BR_DIGEST_HEX_SIZE];
        br_digest_finish(digest, unused);
        br_arena_free(scratch);
        return st;
    }

    ctx c = {0};
    c.arena = arena;
    c.scratch = scratch;
    c.base_dir = base_dir ? base_dir : ".";
    c.path = g_string_new(NULL);
    c.inputs = g_array_new(FALSE, FALSE, sizeof(br_file_id));
    if (self)
        g_array_append_val(c.inputs, *self);
    c.digest = digest;
    c.pending = g_array_new(FALSE, FALSE, sizeof(pending));
    c.tiles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c.obs_seen = g_hash_table_new(obs_hash, obs_equal);
    c.set = br_arena_alloc(arena, sizeof *c.set);
    c.lk = br_arena_alloc(arena, sizeof *c.lk);
    c.set_file = c.file = br_arena_strdup(arena, display_name);
    if (!c.set || !c.lk || !c.file) {
        c.nomem = true;
    } else {
        c.set->file = c.file;
        c.set->priv = c.lk;
        c.lk->entities = arena_table(&c);
        c.lk->indicators = c.nomem ? NULL : arena_table(&c);
        c.lk->sources = c.nomem ? NULL : arena_table(&c);
    }
    if (!c.nomem)
        load_set(&c, root);

    size_t problems = c.pending->len;
    if (c.nomem) {
        br_diag_add(diag, BR_SEV_ERROR, display_name, 0, 0, NULL, "out of memory");
        st = br_error_set(BR_ERR_NOMEM);
    } else if (problems) {
        g_array_sort(c.pending, pending_cmp);
        for (size_t i = 0; i < problems; i++) {
            const pending *p = &g_array_index(c.pending, pending, i);
            br_diag_add(diag, BR_SEV_ERROR, p->file, p->line, p->col, p->path, "%s", p->message);
        }
        st = br_error_set(BR_ERR_SPEC);
    } else {
        br_file_id *ids = br_arena_calloc(arena, c.inputs->len + 1, sizeof *ids);
        if (!ids) {
            br_diag_add(diag, BR_SEV_ERROR, display_name, 0, 0, NULL, "out of memory");
            st = br_error_set(BR_ERR_NOMEM);
        } else {
            if (c.inputs->len)
                memcpy(ids, c.inputs->data, c.inputs->len * sizeof *ids);
            c.set->inputs = ids;
            c.set->n_inputs = c.inputs->len;
            br_digest_finish(c.digest, c.set->digest);
            c.digest = NULL;
            *out = c.set;
        }
    }
    g_array_free(c.inputs, TRUE);
    if (c.digest) {
        char unused[BR_DIGEST_HEX_SIZE];
        br_digest_finish(c.digest, unused);
    }
    for (size_t i = 0; i < c.pending->len; i++) {
        pending *p = &g_array_index(c.pending, pending, i);
        g_free(p->path);
        g_free(p->message);
    }
    g_array_free(c.pending, TRUE);
    g_string_free(c.path, TRUE);
    g_hash_table_destroy(c.tiles);
    g_hash_table_destroy(c.obs_seen);
    g_free(c.kind_known);
    g_free(c.not_available);
    if (c.wholes)
        g_hash_table_destroy(c.wholes);
    br_arena_free(scratch);
    return st;
}

br_status br_set_load_buffer(const char *data, size_t len, const char *display_name, const char *base_dir,
                             br_arena *arena, br_diag *diag, const br_set **out)
{
    return load_buffer(data, len, NULL, display_name, base_dir, NULL, arena, diag, out);
}

br_status br_set_load(const char *path, const char *display_name, br_arena *arena, br_diag *diag,
                      const br_set **out)
{
    *out = NULL;
    bool is_stdin = !strcmp(path, "-");
    if (!display_name)
        display_name = is_stdin ? "<stdin>" : path;
    size_t len = 0;
    char *data = NULL;
    const char *why = NULL;
    br_file_id id;
    br_status rst = is_stdin ? br_file_read_fd(0, &data, &len, &why) : br_file_read(path, &data, &len, &id, &why);
    if (rst != BR_OK)
        return br_file_read_failed(rst, why, display_name, "the file", diag);
    char *dir = is_stdin ? g_strdup(".") : g_path_get_dirname(path);
    br_status st = load_buffer(data, len, &data, display_name, dir, is_stdin ? NULL : &id, arena, diag, out);
    g_free(dir);
    return st;
}

const br_entity *br_set_lookup_entity(const br_set *set, const char *id)
{
    const lookups *lk = set->priv;
    return g_hash_table_lookup(lk->entities, id);
}

const br_indicator *br_set_lookup_indicator(const br_set *set, const char *id)
{
    const lookups *lk = set->priv;
    return g_hash_table_lookup(lk->indicators, id);
}

const br_source *br_set_lookup_source(const br_set *set, const char *id)
{
    const lookups *lk = set->priv;
    return g_hash_table_lookup(lk->sources, id);
}

bool br_entity_is_compared(const br_entity *entity)
{
    return entity->compared;
}

const br_topic *br_set_lookup_topic(const br_set *set, const char *slug)
{
    for (size_t i = 0; slug && i < set->n_topics; i++)
        if (!strcmp(set->topics[i].slug, slug))
            return &set->topics[i];
    return NULL;
}
