/* layout_read: reads a layout file ("briefing-layout/1") into the structs
 * of layout_private.h, with every problem reported as
 * FILE:LINE:COL: json.path: message (all of them, not just the first).
 * Images are decoded here (with Cairo, never by libharu, which aborts on a
 * corrupt PNG) so that a bad logo is a layout error, not a crash. */
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/paper.h"
#include "charts/paint.h"
#include "io/image.h"
#include "io/json_in.h"
#include "layout/layout_private.h"
#include "model/validate.h"

#define MM 2.834645669 /* points per millimetre */

typedef struct {
    const char *file; /* as shown in messages */
    const char *base_dir; /* to resolve image files; they stay inside it */
    br_arena *arena;
    br_diag *diag;
    int errors;
    GArray *inputs;     /* br_file_id of the layout and of each image file */
    GArray *images;     /* decoded: {br_file_id, br_image}, one per file */
    uint64_t pixels;    /* the decoded images' pixels, within BR_IMAGE_MAX_TOTAL_PIXELS */
    br_digest *digest;  /* of the layout's bytes and each image file's (br_layout.digest) */
} reader;

typedef struct {
    br_file_id id;
    br_image image;
} decoded_image;

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

/* Unknown keys and duplicates (json_in.h: the rule), at the key. */
typedef struct {
    reader *r;
    const char *path; /* of the object */
} key_check;

static void key_problem(void *user, const br_json *member, const br_json *at_key, const char *message)
{
    key_check *k = user;
    char *p = join(k->path, member->key);
    err(k->r, at_key, p, "%s", message);
    g_free(p);
}

static void check_keys(reader *r, const br_json *obj, const char *path, const char *const *allowed)
{
    key_check k = {r, path};
    br_json_check_keys(obj, allowed, key_problem, &k);
}

/* Length limits of texts (briefing-layout(5), LIMITS; model/validate.h):
 * a text block's, and everything else's (headings, titles, header and
 * footer, chart titles, ids). */
#define TEXT_MAX BR_LONG_TEXT_MAX
#define SHORT_MAX BR_SHORT_TEXT_MAX

/* True when s is within its limits; an error at node otherwise. */
static bool within_limit(reader *r, const br_json *node, const char *path, const char *s, size_t max)
{
    char why[96];
    if (br_validate_text_length(s, max, why, sizeof why))
        return true;
    err(r, node, path, "%s (the limit for %s)", why,
        max == TEXT_MAX ? "a text block" : "a heading, title, header, footer or name");
    return false;
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
    char *p = join(path, key);
    bool ok = within_limit(r, v, p, v->string, SHORT_MAX);
    g_free(p);
    return ok ? br_arena_strdup(r->arena, v->string) : NULL;
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
    else if (v->number < lo || v->number > hi) {
        char num[32];
        br_json_format_number(v->number, num, sizeof num);
        err(r, v, p, "%s is outside %g..%g", num, lo, hi);
    }
    else
        *out = v->number;
    g_free(p);
    return v->type == BR_JSON_NUMBER;
}

static bool get_int(reader *r, const br_json *obj, const char *key, const char *path, int lo, int hi, int *out);

static void read_page(reader *r, br_layout *l, const br_json *page)
{
    static const char *const keys[] = {"size", "orientation", "margins_mm", "max_pages", NULL};
    if (page->type != BR_JSON_OBJECT) {
        err(r, page, "page", "expected an object, found %s", br_json_type_name(page->type));
        return;
    }
    check_keys(r, page, "page", keys);
    const char *size = get_string(r, page, "size", "page");
    if (size && !br_paper_lookup(size, &l->page_w, &l->page_h))
        err(r, br_json_member(page, "size"), "page.size", "unknown page size \"%s\" (allowed: %s)", size,
            br_paper_names());
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
    get_int(r, page, "max_pages", "page", 1, 10000, &l->max_pages);
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

/* An integer in lo..hi at key; false when absent or wrong (reported).
 * The rule is every reader's (br_json_int_in). */
static bool get_int(reader *r, const br_json *obj, const char *key, const char *path, int lo, int hi, int *out)
{
    const br_json *v = br_json_member(obj, key);
    if (!v)
        return false;
    char why[96];
    bool ok = br_json_int_in(v, lo, hi, out, why, sizeof why);
    if (!ok) {
        char *p = join(path, key);
        err(r, v, p, "%s", why);
        g_free(p);
    }
    return ok;
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
    static const char *const scales[] = {"linear", "log", NULL};
    static const char *const orientations[] = {"horizontal", "vertical", NULL};
    static const char *const sorts[] = {"value", "name", "file", NULL};
    static const char *const selects[] = {"best", "worst", "highest", "lowest", NULL};
    br_chart_spec_init(spec);
    spec->file = r->file;
    spec->path = br_arena_strdup(r->arena, path);
    spec->line = node->line;
    spec->col = node->col;
    /* Chart kinds are the registry's (keyfigures is a block of its own). */
    const char *kind_names[16];
    br_chart_kind kind_values[16];
    int n_kinds = 0;
    for (size_t i = 0; i < br_chart_n_kinds() && n_kinds < 15; i++) {
        const br_chart_kind_def *d = br_chart_kind_at(i);
        if (d->kind == BR_CHART_KEYFIGS)
            continue;
        kind_names[n_kinds] = d->name;
        kind_values[n_kinds++] = d->kind;
    }
    kind_names[n_kinds] = NULL;
    int k = get_enum(r, node, "kind", path, kind_names);
    const br_chart_kind_def *def = NULL;
    if (k >= 0) {
        spec->kind = kind_values[k];
        def = br_chart_kind_of(spec->kind);
    } else if (!br_json_member(node, "kind")) {
        err(r, node, path, "missing key \"kind\"");
    }
    /* An option the kind does not honour is an error, never ignored. */
    for (size_t i = 0; def && i < node->n_items; i++) {
        const br_json *m = node->items[i];
        unsigned bit = br_chart_option_of(m->key);
        if (bit && !(def->options & bit)) {
            char *p = join(path, m->key);
            GString *has = g_string_new(NULL);
            static const char *const all[] = {"indicator", "indicators", "topic", "unit", "title", "top",
                                              "focus", "scale", "reference", "orientation", "sort", "period",
                                              "rank", "entities", "select"};
            for (size_t j = 0; j < G_N_ELEMENTS(all); j++)
                if (def->options & br_chart_option_of(all[j]))
                    g_string_append_printf(has, "%s%s", has->len ? ", " : "", all[j]);
            err(r, m, p, "a %s chart does not use \"%s\" (its options: %s)", def->name, m->key, has->str);
            g_string_free(has, TRUE);
            g_free(p);
        }
    }
    spec->indicator = get_string(r, node, "indicator", path);
    spec->topic = get_string(r, node, "topic", path);
    spec->unit = get_string(r, node, "unit", path);
    spec->title = get_string(r, node, "title", path);
    spec->focus = get_string(r, node, "focus", path);
    spec->period = get_string(r, node, "period", path);
    int period_end;
    if (spec->period && !br_validate_period(spec->period, &period_end)) {
        char *p = join(path, "period");
        err(r, br_json_member(node, "period"), p,
            "period \"%s\" is not YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD or a range YYYY/YYYY",
            spec->period);
        g_free(p);
    } else if (spec->period) {
        const char *canonical = br_period_canonical(spec->period, r->arena);
        if (canonical) /* else out of memory, noticed by the next allocation */
            spec->period = canonical;
    }
    spec->indicators = get_string_list(r, node, "indicators", path, &spec->n_indicators);
    spec->entities = get_string_list(r, node, "entities", path, &spec->n_entities);
    /* Without a known kind nothing more can be said (the kind has its
     * message); an option the kind does not use has one too. */
    bool needs_data = def && spec->kind != BR_CHART_MOSAIC && spec->kind != BR_CHART_TABLE;
    if (needs_data && !spec->indicator && !spec->topic && !spec->n_indicators)
        err(r, node, path, "a %s chart needs \"indicator\", \"indicators\" or \"topic\"", def->name);
    int top = 0;
    if (def && (def->options & BR_OPT_TOP) && get_int(r, node, "top", path, 1, def->max_top, &top))
        spec->top = top;
    int sel = get_enum(r, node, "select", path, selects);
    if (sel >= 0)
        spec->select = (br_select)sel;
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
        else if (ref->type == BR_JSON_STRING && strcmp(ref->string, "none") == 0)
            spec->reference = -3;
        else if (ref->type == BR_JSON_NUMBER && ref->number >= 0 && ref->number <= 100)
            spec->reference = ref->number;
        else
            err(r, ref, p, "expected \"national\", \"none\" or a percentage 0..100");
        g_free(p);
    }
}


/* A string, or an object of language tag -> string. */
static bool read_lang_text(reader *r, const br_json *v, const char *path, size_t max, const lang_text **out,
                           size_t *n)
{
    *out = NULL;
    *n = 0;
    if (v->type == BR_JSON_STRING) {
        if (!within_limit(r, v, path, v->string, max))
            return false;
        lang_text *t = br_arena_calloc(r->arena, 1, sizeof *t);
        if (!t)
            return false;
        t->lang = "";
        t->text = br_arena_strdup(r->arena, v->string);
        *out = t;
        *n = 1;
        return true;
    }
    if (v->type != BR_JSON_OBJECT || v->n_items == 0) {
        err(r, v, path, "expected a string or an object of language -> text");
        return false;
    }
    lang_text *t = br_arena_calloc(r->arena, v->n_items, sizeof *t);
    if (!t)
        return false;
    for (size_t k = 0; k < v->n_items; k++) {
        const br_json *m = v->items[k];
        char *mp = join(path, m->key);
        if (!br_validate_lang_tag(m->key))
            err(r, m, mp, "\"%s\" is not a BCP 47 language tag", m->key);
        else if (m->type != BR_JSON_STRING)
            err(r, m, mp, "expected a string, found %s", br_json_type_name(m->type));
        else if (within_limit(r, m, mp, m->string, max))
            t[(*n)++] = (lang_text){br_arena_strdup(r->arena, m->key), br_arena_strdup(r->arena, m->string)};
        g_free(mp);
    }
    *out = t;
    return true;
}

static bool parse_color(const char *s, br_color *out)
{
    if (!s || strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 1; i < 7; i++)
        if (!g_ascii_isxdigit(s[i]))
            return false;
    *out = br_rgb((uint32_t)strtoul(s + 1, NULL, 16));
    return true;
}

static void read_color(reader *r, const br_json *obj, const char *key, const char *path, bool *has, br_color *out)
{
    const br_json *v = br_json_member(obj, key);
    if (!v)
        return;
    char *p = join(path, key);
    if (v->type != BR_JSON_STRING || !parse_color(v->string, out))
        err(r, v, p, "expected a colour as \"#rrggbb\"");
    else
        *has = true;
    g_free(p);
}

/* The lightness test of category_colors (charts/paint.h): the colours as
 * charts will use them (the layout's, then the house palette's, then
 * "other") must be told apart in gray by lightness or by the planned
 * patterns.  A palette the patterns cannot separate still renders, so this
 * is a warning, at the later colour of the first pair left alike. */
static void check_category_lightness(reader *r, const br_layout *l, const br_json *cc)
{
    br_theme t = br_theme_default();
    for (int i = 0; i < l->n_categories; i++)
        t.categories[i] = l->categories[i];
    int a = 0, b = 0;
    if (br_chart_plan_theme(&t, &a, &b))
        return;
    const br_json *at = b < l->n_categories ? cc->items[b] : cc;
    char *path = b < l->n_categories ? g_strdup_printf("theme.category_colors[%d]", b)
                                     : g_strdup("theme.category_colors");
    char *names[2];
    for (int k = 0; k < 2; k++) {
        int i = k ? b : a;
        br_color c = br_theme_category(&t, i);
        unsigned hex = (unsigned)lround(c.r * 255) << 16 | (unsigned)lround(c.g * 255) << 8 | (unsigned)lround(c.b * 255);
        names[k] = i < l->n_categories ? g_strdup_printf("category_colors[%d] #%06x", i, hex)
                   : i < 7             ? g_strdup_printf("the house colour #%06x (category %d)", hex, i + 1)
                                       : g_strdup_printf("the grey #%06x of \"other\"", hex);
    }
    br_diag_add(r->diag, BR_SEV_WARNING, r->file, at->line, at->col, path,
                "%s and %s differ by %.1f units of CIE L* (fewer than %g) and no pattern is left to tell them "
                "apart: in gray (--grayscale, black-and-white printers) they print alike; make the colours differ "
                "more in lightness",
                names[1], names[0], fabs(br_color_lightness(br_theme_category(&t, a)) - br_color_lightness(br_theme_category(&t, b))),
                BR_MIN_LIGHTNESS_GAP);
    g_free(names[0]);
    g_free(names[1]);
    g_free(path);
}

static void read_theme(reader *r, br_layout *l, const br_json *t)
{
    static const char *const keys[] = {"font_family", "body_size", "title_size", "text_color", "accent",
                                       "category_colors", NULL};
    if (t->type != BR_JSON_OBJECT) {
        err(r, t, "theme", "expected an object, found %s", br_json_type_name(t->type));
        return;
    }
    check_keys(r, t, "theme", keys);
    l->font_family = get_string(r, t, "font_family", "theme");
    if (l->font_family) {
        const br_json *f = br_json_member(t, "font_family");
        l->font_family_line = f->line;
        l->font_family_col = f->col;
    }
    get_number(r, t, "body_size", "theme", 6, 14, &l->body_size);
    get_number(r, t, "title_size", "theme", 12, 40, &l->title_size);
    read_color(r, t, "text_color", "theme", &l->has_text_color, &l->text_color);
    read_color(r, t, "accent", "theme", &l->has_accent, &l->accent);
    const br_json *cc = br_json_member(t, "category_colors");
    if (cc) {
        if (cc->type != BR_JSON_ARRAY || cc->n_items == 0 || cc->n_items > 7) {
            err(r, cc, "theme.category_colors", "expected an array of 1 to 7 colours \"#rrggbb\"");
        } else {
            for (size_t i = 0; i < cc->n_items; i++) {
                char *p = g_strdup_printf("theme.category_colors[%zu]", i);
                if (cc->items[i]->type != BR_JSON_STRING || !parse_color(cc->items[i]->string, &l->categories[i]))
                    err(r, cc->items[i], p, "expected a colour as \"#rrggbb\"");
                g_free(p);
            }
            l->n_categories = (int)cc->n_items;
            if (r->errors == 0)
                check_category_lightness(r, l, cc);
        }
    }
}

static void read_furniture(reader *r, furniture *f, const br_json *v, const char *path)
{
    static const char *const keys[] = {"left", "right", NULL};
    if (v->type != BR_JSON_OBJECT) {
        err(r, v, path, "expected an object with \"left\" and/or \"right\"");
        return;
    }
    check_keys(r, v, path, keys);
    f->present = true;
    const br_json *left = br_json_member(v, "left"), *right = br_json_member(v, "right");
    if (left) {
        char *p = join(path, "left");
        read_lang_text(r, left, p, SHORT_MAX, &f->left, &f->n_left);
        g_free(p);
    }
    if (right) {
        char *p = join(path, "right");
        read_lang_text(r, right, p, SHORT_MAX, &f->right, &f->n_right);
        g_free(p);
    }
}

static void read_blocks(reader *r, const br_json *arr, const char *path, block **out, size_t *n, int depth);

/* Decodes image file `file` for the block at node (path p), once per file
 * however many blocks show it; OUT: *out. */
static void load_image(reader *r, const br_json *node, const char *p, const char *file, br_image *out)
{
    char *full = NULL;
    if (!br_file_resolve_inside(r->base_dir, file, &full)) {
        err(r, node, p,
            "image %s is outside the layout's folder (an image must be in the folder of the layout or below it; "
            "links are followed)",
            file);
        g_free(full);
        return;
    }
    br_png_file f;
    char *why = NULL;
    br_status st = br_png_open(full, &f, &why);
    g_free(full);
    for (guint i = 0; st == BR_OK && i < r->images->len; i++) {
        const decoded_image *d = &g_array_index(r->images, decoded_image, i);
        if (d->id.dev == f.id.dev && d->id.ino == f.id.ino) {
            *out = d->image;
            br_png_close(&f);
            return;
        }
    }
    uint64_t px = (uint64_t)f.width * (uint64_t)f.height;
    if (st == BR_OK && r->pixels + px > BR_IMAGE_MAX_TOTAL_PIXELS) {
        why = g_strdup_printf("the layout's images would decode to more than the limit of %u megapixels in all",
                              (unsigned)(BR_IMAGE_MAX_TOTAL_PIXELS / BR_MEGAPIXEL));
        st = br_error_set(BR_ERR_UNSUPPORTED);
    }
    if (st == BR_OK)
        st = br_png_decode(&f, r->arena, out, &why);
    if (st == BR_OK) {
        decoded_image d = {f.id, *out};
        g_array_append_val(r->images, d);
        br_digest_add_string(r->digest, "image", file);
        br_digest_add(r->digest, "image-bytes", f.data, f.len);
        g_array_append_val(r->inputs, f.id);
        r->pixels += px;
    } else if (st == BR_ERR_IO) {
        err(r, node, p, "cannot read the PNG image %s: %s", file, why);
    } else if (st == BR_ERR_NOMEM) {
        err(r, node, p, "cannot decode the PNG image %s: out of memory", file);
    } else {
        err(r, node, p, "%s: %s", file, why);
    }
    g_free(why);
    br_png_close(&f);
}

static void read_image(reader *r, block *b, const br_json *node, const char *path)
{
    const char *file = get_string(r, node, "file", path);
    if (!file) {
        if (!br_json_member(node, "file"))
            err(r, node, path, "missing key \"file\"");
        return;
    }
    char *p = join(path, "file");
    load_image(r, br_json_member(node, "file"), p, file, &b->image);
    g_free(p);
    double mm = 30;
    get_number(r, node, "width_mm", path, 1, 500, &mm);
    b->image_width = mm * MM;
    static const char *const aligns[] = {"left", "center", "right", NULL};
    int a = get_enum(r, node, "align", path, aligns);
    b->align = a == 1 ? BR_ALIGN_CENTER : a == 2 ? BR_ALIGN_RIGHT : BR_ALIGN_LEFT;
}

static void read_block(reader *r, block *b, const br_json *node, const char *path, int depth)
{
    static const char *const common[] = {"type", NULL};
    static const char *const title_keys[] = {"type", "title", "subtitle", NULL};
    static const char *const text_keys[] = {"type", "text", "markup", NULL};
    static const char *const heading_keys[] = {"type", "text", "level", NULL};
    static const char *const spacer_keys[] = {"type", "height", NULL};
    static const char *const kf_keys[] = {"type", "topics", NULL};
    static const char *const image_keys[] = {"type", "file", "width_mm", "align", NULL};
    static const char *const columns_keys[] = {"type", "count", "blocks", NULL};
    static const char *const topics_keys[] = {"type", "level", "topics", "top", "charts", "max", NULL};
    static const char *const chart_keys[] = {"type", "kind", "indicator", "topic", "unit", "title", "top",
                                             "focus", "scale", "reference", "orientation", "sort", "period",
                                             "rank", "indicators", "entities", "select", NULL};
    static const char *const types[] = {"title", "summary", "text", "keyfigures", "heading", "chart", "sources",
                                        "notes", "image", "columns", "profile", "spacer", "pagebreak", "topics", NULL};
    static const block_type type_values[] = {B_TITLE, B_TEXT, B_TEXT, B_KEYFIGS, B_HEADING, B_CHART, B_SOURCES,
                                             B_NOTES, B_IMAGE, B_COLUMNS, B_PROFILE, B_SPACER, B_PAGEBREAK, B_TOPICS};
    if (node->type != BR_JSON_OBJECT) {
        err(r, node, path, "expected an object, found %s", br_json_type_name(node->type));
        return;
    }
    int t = get_enum(r, node, "type", path, types);
    if (t < 0) {
        if (!br_json_member(node, "type"))
            err(r, node, path, "missing key \"type\"");
        b->type = B_SPACER; /* harmless while the errors are reported */
        return;
    }
    b->type = type_values[t];
    br_chart_spec_init(&b->chart);
    /* Where the block stands, for problems found while rendering. */
    b->path = br_arena_strdup(r->arena, path);
    b->chart.file = r->file;
    b->chart.path = b->path;
    b->chart.line = node->line;
    b->chart.col = node->col;
    const br_json *v;
    switch (b->type) {
    case B_TITLE:
        check_keys(r, node, path, title_keys);
        if ((v = br_json_member(node, "title"))) {
            char *p = join(path, "title");
            read_lang_text(r, v, p, SHORT_MAX, &b->texts, &b->n_texts);
            g_free(p);
        }
        if ((v = br_json_member(node, "subtitle"))) {
            char *p = join(path, "subtitle");
            read_lang_text(r, v, p, SHORT_MAX, &b->subtexts, &b->n_subtexts);
            g_free(p);
        }
        break;
    case B_TEXT:
        if (t == 1) { /* "summary": the set's summary, as markup */
            check_keys(r, node, path, common);
            static const lang_text summary = {"", "{summary}"};
            b->texts = &summary;
            b->n_texts = 1;
            b->markup = true;
            break;
        }
        check_keys(r, node, path, text_keys);
        b->markup = true;
        if ((v = br_json_member(node, "markup"))) {
            if (v->type == BR_JSON_TRUE || v->type == BR_JSON_FALSE) {
                b->markup = v->type == BR_JSON_TRUE;
            } else {
                char *p = join(path, "markup");
                err(r, v, p, "expected true or false, found %s", br_json_type_name(v->type));
                g_free(p);
            }
        }
        /* The text itself is read like a heading's. */
        __attribute__((fallthrough));
    case B_HEADING: {
        if (b->type == B_HEADING)
            check_keys(r, node, path, heading_keys);
        v = br_json_member(node, "text");
        char *p = join(path, "text");
        if (!v)
            err(r, node, path, "missing key \"text\"");
        else
            read_lang_text(r, v, p, b->type == B_TEXT ? TEXT_MAX : SHORT_MAX, &b->texts, &b->n_texts);
        if (b->type == B_TEXT && b->markup) {
            for (size_t i = 0; i < b->n_texts; i++) {
                char why[160];
                if (!br_validate_markup(b->texts[i].text, why, sizeof why))
                    err(r, v, p, "invalid markup: %s", why);
            }
        }
        g_free(p);
        b->level = 1;
        if (b->type == B_HEADING)
            get_int(r, node, "level", path, 1, 2, &b->level);
        break;
    }
    case B_SPACER:
        check_keys(r, node, path, spacer_keys);
        b->height = 10;
        get_number(r, node, "height", path, 0, 1000, &b->height);
        break;
    case B_KEYFIGS: {
        check_keys(r, node, path, kf_keys);
        b->chart.kind = BR_CHART_KEYFIGS;
        b->chart.topics = get_string_list(r, node, "topics", path, &b->chart.n_topics);
        if (b->chart.n_topics > 8) {
            char *p = join(path, "topics");
            err(r, br_json_member(node, "topics"), p, "at most 8 key figures fit a block (%zu topics given)",
                b->chart.n_topics);
            g_free(p);
        }
        break;
    }
    case B_CHART:
        check_keys(r, node, path, chart_keys);
        read_chart(r, &b->chart, node, path);
        break;
    case B_TOPICS:
        check_keys(r, node, path, topics_keys);
        b->level = 1;
        get_int(r, node, "level", path, 1, 2, &b->level);
        get_int(r, node, "top", path, 1, br_chart_kind_of(BR_CHART_BARS)->max_top, &b->top);
        b->topics = get_string_list(r, node, "topics", path, &b->n_topics);
        get_int(r, node, "charts", path, 1, 20, &b->per_topic);
        get_int(r, node, "max", path, 1, 256, &b->max_topics);
        if (depth > 0)
            err(r, node, path, "topics cannot stand inside columns");
        break;
    case B_IMAGE:
        check_keys(r, node, path, image_keys);
        read_image(r, b, node, path);
        break;
    case B_COLUMNS: {
        check_keys(r, node, path, columns_keys);
        b->columns = 2;
        get_int(r, node, "count", path, 2, 4, &b->columns);
        v = br_json_member(node, "blocks");
        char *p = join(path, "blocks");
        if (!v)
            err(r, node, path, "missing key \"blocks\"");
        else if (depth > 0)
            err(r, node, path, "columns cannot contain columns");
        else
            read_blocks(r, v, p, &b->children, &b->n_children, depth + 1);
        g_free(p);
        break;
    }
    default:
        check_keys(r, node, path, common);
        break;
    }
}

static void read_blocks(reader *r, const br_json *arr, const char *path, block **out, size_t *n, int depth)
{
    if (arr->type != BR_JSON_ARRAY) {
        err(r, arr, path, "expected an array, found %s", br_json_type_name(arr->type));
        return;
    }
    *out = br_arena_calloc(r->arena, arr->n_items ? arr->n_items : 1, sizeof(block));
    if (!*out)
        return;
    for (size_t i = 0; i < arr->n_items; i++) {
        char *p = g_strdup_printf("%s[%zu]", path, i);
        block *b = &(*out)[(*n)++];
        read_block(r, b, arr->items[i], p, depth);
        if (depth > 0 && (b->type == B_PAGEBREAK || (b->type == B_CHART && b->chart.kind == BR_CHART_TABLE)))
            err(r, arr->items[i], p, "a %s cannot stand inside columns",
                b->type == B_PAGEBREAK ? "page break" : "table");
        g_free(p);
    }
}

static br_status read_buffer(const char *data, size_t len, const char *display_name, const char *base_dir,
                             const br_file_id *self, br_fontset *fonts, br_arena *arena, br_diag *diag,
                             br_layout **out);

br_status br_layout_read_file(const char *path, const char *display_name, br_fontset *fonts, br_arena *arena,
                         br_diag *diag, br_layout **out)
{
    const char *name = display_name ? display_name : path;
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    br_file_id id;
    br_status rst = br_file_read(path, &data, &len, &id, &why);
    if (rst != BR_OK)
        return br_file_read_failed(rst, why, name, "the layout", diag);
    char *dir = g_path_get_dirname(path);
    br_status st = read_buffer(data, len, name, dir, &id, fonts, arena, diag, out);
    g_free(dir);
    g_free(data);
    return st;
}

/* The layout in root, read with r; OUT: *out. */
static br_status read_layout(reader *r, const br_json *root, br_fontset *fonts, br_layout **out)
{
    br_arena *arena = r->arena;
    const char *name = r->file;
    size_t first_item = br_diag_count(r->diag);
    br_layout *l = br_arena_alloc(arena, sizeof *l);
    if (!l)
        return br_error_set(BR_ERR_NOMEM);
    l->file = br_arena_strdup(arena, name);
    l->page_w = 595.28;
    l->page_h = 841.89;
    l->margin_top = l->margin_right = l->margin_left = 18 * MM;
    l->margin_bottom = 22 * MM;
    if (root->type != BR_JSON_OBJECT) {
        err(r, root, "$", "a layout is a JSON object, found %s", br_json_type_name(root->type));
        return br_error_set(BR_ERR_LAYOUT);
    }
    static const char *const keys[] = {"format", "page", "theme", "header", "footer", "blocks", NULL};
    check_keys(r, root, "$", keys);
    const char *format = get_string(r, root, "format", "$");
    if (!format && !br_json_member(root, "format"))
        err(r, root, "$", "missing key \"format\"");
    else if (format && strcmp(format, "briefing-layout/1") != 0)
        err(r, br_json_member(root, "format"), "format", "unknown format \"%s\" (expected \"briefing-layout/1\")",
            format);
    const br_json *v;
    if ((v = br_json_member(root, "page")))
        read_page(r, l, v);
    if ((v = br_json_member(root, "theme")))
        read_theme(r, l, v);
    if ((v = br_json_member(root, "header")))
        read_furniture(r, &l->header, v, "header");
    if ((v = br_json_member(root, "footer")))
        read_furniture(r, &l->footer, v, "footer");
    if (!(v = br_json_member(root, "blocks")))
        err(r, root, "$", "missing key \"blocks\"");
    else
        read_blocks(r, v, "blocks", &l->blocks, &l->n_blocks, 0);
    if (fonts && l->font_family && !br_fontset_has_family(fonts, l->font_family)) {
        br_diag_add(r->diag, BR_SEV_ERROR, name, l->font_family_line, l->font_family_col, "theme.font_family",
                    "font family \"%s\" is not one of the project's fonts (fonts/fonts.list)", l->font_family);
        r->errors++;
    }
    if (l->margin_left + l->margin_right > l->page_w - 72 || l->margin_top + l->margin_bottom > l->page_h - 72)
        err(r, br_json_member(root, "page"), "page.margins_mm", "margins leave less than 1 inch of the page");
    if (r->errors) {
        br_diag_sort_from(r->diag, first_item);
        return br_error_set(BR_ERR_LAYOUT);
    }
    br_file_id *ids = br_arena_calloc(arena, r->inputs->len + 1, sizeof *ids);
    if (!ids)
        return br_error_set(BR_ERR_NOMEM);
    if (r->inputs->len)
        memcpy(ids, r->inputs->data, r->inputs->len * sizeof *ids);
    l->inputs = ids;
    l->n_inputs = r->inputs->len;
    br_digest_finish(r->digest, l->digest);
    r->digest = NULL;
    *out = l;
    return BR_OK;
}

/* br_layout_read_buffer of a layout read from a file (self: its identity)
 * or not (NULL). */
static br_status read_buffer(const char *data, size_t len, const char *display_name, const char *base_dir,
                             const br_file_id *self, br_fontset *fonts, br_arena *arena, br_diag *diag,
                             br_layout **out)
{
    const char *name = display_name ? display_name : "<layout>";
    if (!base_dir)
        base_dir = ".";
    const br_json *root = NULL;
    br_status st = br_json_parse(data, len, name, arena, arena, diag, &root);
    if (st != BR_OK)
        return st;
    /* The reader stores what the arena gives without checking each part
     * (a NULL is never dereferenced: lists are checked, strings stay
     * NULL); any failed allocation makes the whole layout out of memory. */
    size_t failures = br_arena_failures(arena);
    /* The name outlives the call: charts report problems at their block
     * while drawing. */
    name = br_arena_strdup(arena, name);
    if (!name) {
        br_diag_error(diag, "%s: out of memory", display_name ? display_name : "<layout>");
        return br_error_set(BR_ERR_NOMEM);
    }
    reader r = {name, base_dir, arena, diag, 0, g_array_new(FALSE, FALSE, sizeof(br_file_id)),
                g_array_new(FALSE, FALSE, sizeof(decoded_image)), 0, br_digest_new()};
    if (self)
        g_array_append_val(r.inputs, *self);
    br_digest_add(r.digest, "layout", data, len);
    st = read_layout(&r, root, fonts, out);
    if (r.digest) {
        char unused[BR_DIGEST_HEX_SIZE];
        br_digest_finish(r.digest, unused);
    }
    g_array_free(r.inputs, TRUE);
    g_array_free(r.images, TRUE);
    if (st == BR_ERR_NOMEM || br_arena_failures(arena) != failures) {
        /* Errors found meanwhile may stem from a part that is missing. */
        *out = NULL;
        br_diag_error(diag, "%s: out of memory", name);
        return br_error_set(BR_ERR_NOMEM);
    }
    return st;
}

br_status br_layout_read_buffer(const char *data, size_t len, const char *display_name, const char *base_dir,
                                br_fontset *fonts, br_arena *arena, br_diag *diag, br_layout **out)
{
    return read_buffer(data, len, display_name, base_dir, NULL, fonts, arena, diag, out);
}

bool br_layout_name_is_path(const char *name)
{
    return strchr(name, '/') || g_str_has_suffix(name, ".json");
}

const char *br_layout_digest(const br_layout *l)
{
    return l->digest;
}

const br_file_id *br_layout_inputs(const br_layout *l, size_t *n)
{
    *n = l->n_inputs;
    return l->inputs;
}
