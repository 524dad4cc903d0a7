/* briefing: the public API (include/briefing.h): the engine, sets,
 * layouts, rendering and publishing.  It only wires the layers below
 * together; every rule lives in its own module.
 */
#define _GNU_SOURCE /* dladdr */
#include "briefing.h"

#include <pthread.h>
#include <dlfcn.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api/writer.h"
#include "base/arena.h"
#include "base/paper.h"
#include "br_config.h"
#include "charts/context.h"
#include "i18n/locale.h"
#include "io/publish.h"
#include "layout/layout.h"
#include "model/model.h"
#include "model/validate.h"
#include "text/text.h"

const char *br_version(void)
{
    return BR_VERSION;
}

/* Out of memory, with the message every such failure gives. */
static br_status nomem(br_diag *diag)
{
    br_diag_error(diag, "out of memory");
    return br_error_set(BR_ERR_NOMEM);
}

/* ---- engine ------------------------------------------------------------ */

struct br_engine {
    char *data_dir;
    br_fontset *fonts;
    pthread_mutex_t lock;
    GHashTable *layouts; /* name -> br_layout *, loaded once, under lock */
    GPtrArray *arenas;   /* the layouts' arenas */
    /* print: PDF/A (issue 14 C): the output intents' ICC profiles (meson
     * options srgb_icc, cmyk_icc), read once; NULL when unreadable, which
     * only a --pdfa render minds (prepare). */
    GBytes *srgb_icc, *cmyk_icc;
};

/* The ICC profile at path, or NULL when it cannot be read. */
static GBytes *read_profile(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL))
        return NULL;
    return g_bytes_new_take(data, len);
}

/* Is path inside folder dir? */
static bool inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Where layouts/ and fonts/ are: BRIEFING_DATADIR; the source tree when
 * this library (or the program) runs from its build tree; share/briefing
 * beside the library's or the program's folder (a relocated install);
 * else the configured data directory. */
static char *default_data_dir(void)
{
    const char *env = g_getenv("BRIEFING_DATADIR");
    if (env && *env)
        return g_strdup(env);
    char *places[2] = {NULL, g_file_read_link("/proc/self/exe", NULL)};
    Dl_info info;
    if (dladdr((void *)default_data_dir, &info) && info.dli_fname && g_path_is_absolute(info.dli_fname))
        places[0] = g_strdup(info.dli_fname);
    char *found = NULL;
    for (int i = 0; i < 2 && !found; i++) {
        if (!places[i])
            continue;
        if (inside(places[i], BR_BUILD_ROOT)) {
            found = g_strdup(BR_SOURCE_ROOT);
            break;
        }
        char *dir = g_path_get_dirname(places[i]);
        char *rel = g_build_filename(dir, "..", "share", "briefing", NULL);
        char *rel_layouts = g_build_filename(rel, "layouts", NULL);
        if (g_file_test(rel_layouts, G_FILE_TEST_IS_DIR))
            found = g_steal_pointer(&rel);
        g_free(rel);
        g_free(rel_layouts);
        g_free(dir);
    }
    g_free(places[0]);
    g_free(places[1]);
    return found ? found : g_strdup(BR_PKGDATADIR);
}

br_status br_engine_new(const char *data_dir, br_diag *diag, br_engine **out)
{
    br_engine *e = g_new0(br_engine, 1);
    e->data_dir = data_dir ? g_strdup(data_dir) : default_data_dir();
    char *fonts_dir = g_build_filename(e->data_dir, "fonts", NULL);
    br_status st = br_fontset_new(fonts_dir, diag, &e->fonts);
    g_free(fonts_dir);
    if (st != BR_OK) {
        g_free(e->data_dir);
        g_free(e);
        return st;
    }
    pthread_mutex_init(&e->lock, NULL);
    e->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    e->arenas = g_ptr_array_new_with_free_func((GDestroyNotify)br_arena_free);
    e->srgb_icc = read_profile(BR_SRGB_ICC);
    e->cmyk_icc = read_profile(BR_CMYK_ICC);
    *out = e;
    return BR_OK;
}

void br_engine_free(br_engine *e)
{
    if (!e)
        return;
    g_hash_table_destroy(e->layouts);
    g_ptr_array_free(e->arenas, TRUE);
    br_fontset_free(e->fonts);
    if (e->srgb_icc)
        g_bytes_unref(e->srgb_icc);
    if (e->cmyk_icc)
        g_bytes_unref(e->cmyk_icc);
    pthread_mutex_destroy(&e->lock);
    g_free(e->data_dir);
    g_free(e);
}

const char *br_engine_data_dir(const br_engine *e)
{
    return e->data_dir;
}

/* ---- sets -------------------------------------------------------------- */

struct br_indicator_set {
    br_arena *arena;
    const br_set *set;
    const char **focus_ids; /* in the arena, n_focus */
    size_t n_focus;
    char *display;
};

static br_status wrap_set(br_arena *arena, const br_set *set, const char *display, br_diag *diag,
                          br_indicator_set **out)
{
    br_indicator_set *s = g_new0(br_indicator_set, 1);
    s->arena = arena;
    s->set = set;
    s->display = g_strdup(display);
    /* A profile is about a region; a set of countries has no regions, and
     * then its countries are what it compares. */
    for (int pass = 0; pass < 2 && s->n_focus == 0; pass++) {
        for (size_t i = 0; i < set->n_entities; i++) {
            const br_entity *en = &set->entities[i];
            if (pass == 0 ? br_entity_is_compared(en) : en->kind == BR_ENTITY_COUNTRY)
                s->n_focus++;
        }
        if (s->n_focus == 0)
            continue;
        s->focus_ids = br_arena_calloc(arena, s->n_focus + 1, sizeof(char *));
        if (!s->focus_ids) {
            br_arena_free(arena);
            g_free(s->display);
            g_free(s);
            return nomem(diag);
        }
        size_t k = 0;
        for (size_t i = 0; i < set->n_entities; i++) {
            const br_entity *en = &set->entities[i];
            if (pass == 0 ? br_entity_is_compared(en) : en->kind == BR_ENTITY_COUNTRY)
                s->focus_ids[k++] = en->id;
        }
    }
    *out = s;
    return BR_OK;
}

br_status br_indicator_set_load_file(br_engine *engine, const char *path, const char *display_name, br_diag *diag,
                                     br_indicator_set **out)
{
    (void)engine;
    br_arena *arena = br_arena_new();
    if (!arena)
        return nomem(diag);
    const char *display = display_name ? display_name : strcmp(path, "-") == 0 ? "<stdin>" : path;
    const br_set *set = NULL;
    br_status st = br_set_load(path, display, arena, diag, &set);
    if (st != BR_OK) {
        br_arena_free(arena);
        return st;
    }
    return wrap_set(arena, set, display, diag, out);
}

br_status br_indicator_set_load_buffer(br_engine *engine, const char *data, size_t len, const char *display_name,
                                       const char *base_dir, br_diag *diag, br_indicator_set **out)
{
    (void)engine;
    br_arena *arena = br_arena_new();
    if (!arena)
        return nomem(diag);
    const char *display = display_name ? display_name : "<buffer>";
    const br_set *set = NULL;
    br_status st = br_set_load_buffer(data, len, display, base_dir, arena, diag, &set);
    if (st != BR_OK) {
        br_arena_free(arena);
        return st;
    }
    return wrap_set(arena, set, display, diag, out);
}

void br_indicator_set_free(br_indicator_set *s)
{
    if (!s)
        return;
    br_arena_free(s->arena);
    g_free(s->display);
    g_free(s);
}

const char *br_indicator_set_language(const br_indicator_set *s)
{
    return s->set->language;
}

const char *br_indicator_set_id(const br_indicator_set *s)
{
    return s->set->id;
}

const char *const *br_indicator_set_focus_ids(const br_indicator_set *s, size_t *n)
{
    *n = s->n_focus;
    return s->focus_ids;
}

/* ---- layouts ----------------------------------------------------------- */

br_status br_engine_layout(br_engine *e, const char *name, br_diag *diag, const br_layout **out)
{
    if (!name)
        name = "briefing";
    pthread_mutex_lock(&e->lock);
    br_layout *l = g_hash_table_lookup(e->layouts, name);
    pthread_mutex_unlock(&e->lock);
    if (l) {
        *out = l;
        return BR_OK;
    }
    char *path;
    if (br_layout_name_is_path(name)) {
        path = g_strdup(name);
    } else {
        char *file = g_strdup_printf("%s.json", name);
        path = g_build_filename(e->data_dir, "layouts", file, NULL);
        g_free(file);
    }
    br_arena *arena = br_arena_new();
    if (!arena) {
        g_free(path);
        return nomem(diag);
    }
    br_status st = br_layout_read_file(path, br_layout_name_is_path(name) ? name : path, e->fonts, arena, diag, &l);
    g_free(path);
    if (st != BR_OK) {
        br_arena_free(arena);
        return st;
    }
    pthread_mutex_lock(&e->lock);
    br_layout *again = g_hash_table_lookup(e->layouts, name);
    if (again) {
        /* Another thread loaded it meanwhile: keep theirs. */
        br_arena_free(arena);
        l = again;
    } else {
        g_hash_table_insert(e->layouts, g_strdup(name), l);
        g_ptr_array_add(e->arenas, arena);
    }
    pthread_mutex_unlock(&e->lock);
    *out = l;
    return BR_OK;
}

/* Layouts the caller owns are kept with their arena in a side table, so
 * br_layout_free finds it without the layout module knowing. */
static pthread_mutex_t owned_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *owned; /* br_layout * -> br_arena * */

br_status br_layout_load_buffer(br_engine *e, const char *data, size_t len, const char *display_name,
                                const char *base_dir, br_diag *diag, br_layout **out)
{
    br_arena *arena = br_arena_new();
    if (!arena)
        return nomem(diag);
    br_layout *l = NULL;
    br_status st = br_layout_read_buffer(data, len, display_name ? display_name : "<layout>", base_dir,
                                                  e->fonts, arena, diag, &l);
    if (st != BR_OK) {
        br_arena_free(arena);
        return st;
    }
    pthread_mutex_lock(&owned_lock);
    if (!owned)
        owned = g_hash_table_new(NULL, NULL);
    g_hash_table_insert(owned, l, arena);
    pthread_mutex_unlock(&owned_lock);
    *out = l;
    return BR_OK;
}

void br_layout_free(br_layout *l)
{
    if (!l)
        return;
    pthread_mutex_lock(&owned_lock);
    br_arena *arena = owned ? g_hash_table_lookup(owned, l) : NULL;
    if (arena)
        g_hash_table_remove(owned, l);
    pthread_mutex_unlock(&owned_lock);
    br_arena_free(arena);
}

int br_layout_needs_focus(const br_layout *l)
{
    return br_layout_uses_focus(l);
}

/* ---- rendering --------------------------------------------------------- */

struct br_output {
    br_format format;
    GPtrArray *files; /* GByteArray * */
    size_t pages;
    GArray *inputs; /* br_file_id: the files the render read, which publishing must not replace */
};

void br_render_options_init(br_render_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = BR_FORMAT_PDF;
    o->dpi = 96;
    o->source_date_epoch = -1;
}

/* The set's date at midnight UTC, the document date when no
 * SOURCE_DATE_EPOCH is given: the same input gives the same bytes. */
static int64_t date_epoch(const char *date)
{
    int y, m, d;
    if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    GDateTime *dt = g_date_time_new_utc(y, m, d, 0, 0, 0);
    if (!dt)
        return -1;
    int64_t t = g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return t;
}

int br_impose_from_name(const char *name, br_impose *out)
{
    static const struct {
        const char *name;
        br_impose impose;
    } ways[] = {{"none", BR_IMPOSE_NONE}, {"2up", BR_IMPOSE_2UP}, {"4up", BR_IMPOSE_4UP}, {"booklet", BR_IMPOSE_BOOKLET}};
    *out = BR_IMPOSE_NONE;
    for (size_t i = 0; name && i < G_N_ELEMENTS(ways); i++) {
        if (strcmp(name, ways[i].name) == 0) {
            *out = ways[i].impose;
            return 1;
        }
    }
    return 0;
}

/* The print options (print/) of render options: the one place --impose,
 * --sheet, --bleed and --crop-marks become points and layouts.  An
 * unknown imposition or sheet name is BR_ERR_USAGE; the rules between the
 * options are br_print_check's.  OUT: *po. */
static br_status print_options(const br_render_options *o, br_diag *diag, br_print_options *po)
{
    *po = (br_print_options){BR_PRINT_PLAIN, 0, 0, 0, false};
    switch (o->impose) {
    case BR_IMPOSE_NONE: po->layout = BR_PRINT_PLAIN; break;
    case BR_IMPOSE_2UP: po->layout = BR_PRINT_2UP; break;
    case BR_IMPOSE_4UP: po->layout = BR_PRINT_4UP; break;
    case BR_IMPOSE_BOOKLET: po->layout = BR_PRINT_BOOKLET; break;
    default: br_diag_error(diag, "unknown imposition"); return br_error_set(BR_ERR_USAGE);
    }
    if (o->sheet && !br_paper_lookup(o->sheet, &po->sheet_width, &po->sheet_height)) {
        br_diag_error(diag, "unknown sheet size \"%s\" (allowed: %s)", o->sheet, br_paper_names());
        return br_error_set(BR_ERR_USAGE);
    }
    /* NaN fails the range check as it is; only finite values are scaled. */
    po->bleed = isfinite(o->bleed_mm) ? o->bleed_mm * BR_PT_PER_MM : o->bleed_mm;
    po->crop_marks = o->crop_marks != 0;
    return br_print_check(po, diag);
}

br_status br_render_options_check(const br_render_options *o, br_diag *diag)
{
    br_print_options po;
    br_status st = print_options(o, diag, &po);
    if (st != BR_OK)
        return st;
    if (!(o->dpi >= 9 && o->dpi <= 2400)) {
        br_diag_error(diag, "the PNG resolution must be between 9 and 2400 dpi");
        return br_error_set(BR_ERR_USAGE);
    }
    if (o->format > BR_FORMAT_TRACE) {
        br_diag_error(diag, "unknown output format");
        return br_error_set(BR_ERR_USAGE);
    }
    if (o->colors > BR_COLORS_CMYK) {
        br_diag_error(diag, "unknown colour output");
        return br_error_set(BR_ERR_USAGE);
    }
    if (o->colors == BR_COLORS_CMYK && (o->format == BR_FORMAT_PNG || o->format == BR_FORMAT_SVG)) {
        br_diag_error(diag, "--cmyk: Cairo writes PNG and SVG in RGB only; CMYK needs --format pdf");
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    if (o->pdfa && o->format != BR_FORMAT_PDF) {
        br_diag_error(diag, "--pdfa: PDF/A is a kind of PDF; it needs --format pdf");
        return br_error_set(BR_ERR_USAGE);
    }
    if (o->lang && !br_validate_lang_tag(o->lang)) {
        br_diag_error(diag, "\"%s\" is not a BCP 47 language tag such as en, de or zh-Hans", o->lang);
        return br_error_set(BR_ERR_USAGE);
    }
    return BR_OK;
}

static br_status check_options(const br_indicator_set *s, const br_layout *layout, const br_render_options *o,
                               br_diag *diag, const br_entity **focus)
{
    *focus = NULL;
    br_status st = br_render_options_check(o, diag);
    if (st != BR_OK)
        return st;
    if (o->focus) {
        *focus = br_set_lookup_entity(s->set, o->focus);
        if (!*focus) {
            br_diag_error(diag, "%s: no entity with id \"%s\" (focus)", s->display, o->focus);
            return br_error_set(BR_ERR_USAGE);
        }
    } else if (br_layout_uses_focus(layout)) {
        br_diag_error(diag, "this layout is a profile of one entity: give it a focus (--focus ID or --focus all)");
        return br_error_set(BR_ERR_USAGE);
    }
    return BR_OK;
}

/* The digest of a render's inputs (briefing.h: br_render_digest), for
 * options that have passed check_options.  Every input that can change a
 * byte of the output is a part: a new render option must be added here. */
static void inputs_digest(const br_engine *e, const br_indicator_set *s, const br_layout *layout,
                          const br_render_options *o, char hex[BR_DIGEST_HEX_SIZE])
{
    br_digest *d = br_digest_new();
    br_digest_add_string(d, "briefing", BR_VERSION);
    br_digest_add_string(d, "fonts", br_fontset_digest(e->fonts));
    br_digest_add_string(d, "set", s->set->digest);
    br_digest_add_string(d, "layout", br_layout_digest(layout));
    br_digest_add_string(d, "lang", o->lang ? o->lang : s->set->language);
    br_digest_add_string(d, "focus", o->focus);
    br_digest_add_int(d, "format", (int64_t)o->format);
    br_digest_add_int(d, "dpi-milli", (int64_t)(o->dpi * 1000.0 + 0.5));
    br_digest_add_int(d, "colors", (int64_t)o->colors);
    br_digest_add_int(d, "pdfa", o->pdfa);
    br_digest_add_int(d, "impose", (int64_t)o->impose);
    br_digest_add_string(d, "sheet", o->sheet);
    br_digest_add_int(d, "bleed-micro-mm", (int64_t)llround(o->bleed_mm * 1000000.0));
    br_digest_add_int(d, "crop-marks", (int64_t)(o->crop_marks != 0));
    /* The document date as written, so a SOURCE_DATE_EPOCH equal to the
     * set's date gives the same digest, as it gives the same bytes. */
    br_digest_add_int(d, "date", o->source_date_epoch >= 0 ? o->source_date_epoch : date_epoch(s->set->date));
    br_digest_finish(d, hex);
}

/* The device colour space of a br_colors. */
static br_colorspace color_space(br_colors colors)
{
    return colors == BR_COLORS_GRAY ? BR_SPACE_GRAY : colors == BR_COLORS_CMYK ? BR_SPACE_CMYK : BR_SPACE_RGB;
}

/* The ICC profile of a PDF/A render's output intent: that of the colours
 * written (gray documents take sRGB: DeviceGray needs no intent of its
 * own); NULL when the engine could not read it. */
static GBytes *output_profile(const br_engine *e, const br_render_options *o)
{
    return o->colors == BR_COLORS_CMYK ? e->cmyk_icc : e->srgb_icc;
}

/* What br_render and br_render_digest share: the default options (in
 * *defaults) and layout, and the checks of the options.  OUT: *layout,
 * *o, *focus. */
static br_status prepare(br_engine *e, const br_indicator_set *s, const br_layout **layout,
                         const br_render_options **o, br_render_options *defaults, br_diag *diag,
                         const br_entity **focus)
{
    if (!*o) {
        br_render_options_init(defaults);
        *o = defaults;
    }
    if (!*layout) {
        br_status st = br_engine_layout(e, "briefing", diag, layout);
        if (st != BR_OK)
            return st;
    }
    br_status st = check_options(s, *layout, *o, diag, focus);
    if (st == BR_OK && (*o)->pdfa && !output_profile(e, *o)) {
        bool cmyk = (*o)->colors == BR_COLORS_CMYK;
        br_diag_error(diag,
                      "--pdfa: cannot read the %s ICC profile %s for the output intent (install Debian's "
                      "libgs-common, or build with -D%s=PATH)",
                      cmyk ? "CMYK" : "sRGB", cmyk ? BR_CMYK_ICC : BR_SRGB_ICC, cmyk ? "cmyk_icc" : "srgb_icc");
        st = br_error_set(BR_ERR_UNSUPPORTED);
    }
    return st;
}

br_status br_render_digest(br_engine *e, const br_indicator_set *s, const br_layout *layout,
                           const br_render_options *o, br_diag *diag, char digest[BR_RENDER_DIGEST_SIZE])
{
    br_render_options defaults;
    const br_entity *focus = NULL;
    br_status st = prepare(e, s, &layout, &o, &defaults, diag, &focus);
    if (st != BR_OK)
        return st;
    inputs_digest(e, s, layout, o, digest);
    return BR_OK;
}

_Static_assert(BR_DIGEST_HEX_SIZE == BR_RENDER_DIGEST_SIZE, "one digest size");

int br_output_current(const char *path, const char digest[BR_RENDER_DIGEST_SIZE])
{
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    if (br_file_read(path, &data, &len, NULL, &why) != BR_OK)
        return 0;
    bool same = br_pdf_has_inputs_digest((const uint8_t *)data, len, digest);
    g_free(data);
    return same;
}

/* The document's Title: the set's, and for a profile also the name of
 * its entity in the render language, so that every profile of a set has
 * a title of its own in a reader's window and list.  g_free it. */
static char *document_title(const br_chart_ctx *ctx, const br_entity *focus)
{
    const char *set_title = br_set_title(ctx);
    if (!focus)
        return g_strdup(set_title);
    return g_strdup_printf("%s \u2013 %s", set_title, br_entity_label(ctx, focus));
}

br_status br_render(br_engine *e, const br_indicator_set *s, const br_layout *layout, const br_render_options *o,
                    br_diag *diag, br_output **out)
{
    br_render_options defaults;
    const br_entity *focus = NULL;
    br_status st = prepare(e, s, &layout, &o, &defaults, diag, &focus);
    if (st != BR_OK)
        return st;
    const br_set *set = s->set;
    const char *lang = o->lang ? o->lang : set->language;
    if (!br_locale_known(lang))
        br_diag_add(diag, BR_SEV_WARNING, s->display, 0, 0, NULL,
                    "no page furniture for language \"%s\"; using English words and number formats", lang);

    br_fonts *fonts = NULL;
    st = br_fonts_new(e->fonts, &fonts);
    if (st != BR_OK)
        return st;
    br_fonts_set_language(fonts, lang);
    br_chart_ctx ctx;
    br_chart_ctx_init(&ctx, fonts, set, lang, diag);
    ctx.focus = focus;
    if (br_locale_known(lang) && !br_chart_ctx_translated(&ctx))
        br_diag_add(diag, BR_SEV_WARNING, s->display, 0, 0, NULL,
                    "the set has no translation for \"%s\" (translations.%s): its title, summary and other "
                    "texts stay in \"%s\"",
                    lang, lang, set->language);

    size_t errors_before = br_diag_error_count(diag);
    br_pages *pages = br_pages_new();
    st = br_layout_render(layout, &ctx, pages);
    if (st != BR_OK && br_diag_error_count(diag) == 0)
        br_diag_error(diag, "cannot lay out the document: %s", br_status_str(st));
    /* A block the set cannot fill as asked (two units in one chart) is an
     * error at the block: no document. */
    if (st == BR_OK && br_diag_error_count(diag) > errors_before)
        st = br_error_set(BR_ERR_LAYOUT);
    size_t replaced = br_fonts_replacements(fonts);
    if (replaced > 0)
        br_diag_add(diag, BR_SEV_WARNING, s->display, 0, 0, NULL,
                    "%zu characters have no glyph in the project fonts; they are shown as \xEF\xBF\xBD",
                    replaced);
    br_output *output = NULL;
    char digest[BR_DIGEST_HEX_SIZE];
    inputs_digest(e, s, layout, o, digest);
    if (st == BR_OK) {
        char *creator = g_strdup_printf("briefing %s", BR_VERSION);
        char *producer = g_strdup_printf("briefing %s (libharu, Cairo, Pango)", BR_VERSION);
        char *title = document_title(&ctx, focus);
        br_write_options wo = {o->format, o->dpi, color_space(o->colors),
                               {title, set->publisher, br_set_subtitle(&ctx), NULL, creator, producer,
                                o->source_date_epoch >= 0 ? o->source_date_epoch : date_epoch(set->date),
                                BR_SPACE_RGB, digest, lang, o->pdfa, NULL, 0},
                               {BR_PRINT_PLAIN, 0, 0, 0, false}};
        GBytes *icc = o->pdfa ? output_profile(e, o) : NULL;
        if (icc)
            wo.info.output_icc = g_bytes_get_data(icc, &wo.info.output_icc_len);
        st = print_options(o, diag, &wo.print); /* checked before: never fails here */
        output = g_new0(br_output, 1);
        output->format = o->format;
        output->files = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
        output->pages = br_pages_count(pages);
        output->inputs = g_array_new(FALSE, FALSE, sizeof(br_file_id));
        g_array_append_vals(output->inputs, set->inputs, (guint)set->n_inputs);
        size_t n_layout_inputs = 0;
        const br_file_id *layout_inputs = br_layout_inputs(layout, &n_layout_inputs);
        g_array_append_vals(output->inputs, layout_inputs, (guint)n_layout_inputs);
        if (st == BR_OK)
            st = br_write_pages(pages, &wo, diag, output->files);
        g_free(title);
        g_free(creator);
        g_free(producer);
    }
    /* The recordings borrow font faces from the font set and nothing from
     * the document's fonts, but they go first anyway. */
    br_pages_free(pages);
    br_chart_ctx_clear(&ctx);
    br_fonts_free(fonts);
    if (st != BR_OK) {
        br_output_free(output);
        return st;
    }
    *out = output;
    return BR_OK;
}

void br_output_free(br_output *o)
{
    if (!o)
        return;
    g_ptr_array_free(o->files, TRUE);
    if (o->inputs)
        g_array_free(o->inputs, TRUE);
    g_free(o);
}

br_format br_output_format(const br_output *o)
{
    return o->format;
}

size_t br_output_pages(const br_output *o)
{
    return o->pages;
}

size_t br_output_n_files(const br_output *o)
{
    return o->files->len;
}

const uint8_t *br_output_file(const br_output *o, size_t i, size_t *len)
{
    GByteArray *b = g_ptr_array_index(o->files, i);
    *len = b->len;
    return b->data;
}

static const char *extension(br_format f)
{
    switch (f) {
    case BR_FORMAT_PNG: return "png";
    case BR_FORMAT_SVG: return "svg";
    case BR_FORMAT_TRACE: return "trace";
    case BR_FORMAT_PDF: break;
    }
    return "pdf";
}

void br_output_cleanup(void)
{
    br_publish_cleanup();
}

char *br_output_default_name(const char *set_path, br_format format)
{
    if (strcmp(set_path, "-") == 0)
        return g_strdup_printf("briefing.%s", extension(format));
    char *base = g_path_get_basename(set_path);
    if (g_str_has_suffix(base, ".json"))
        base[strlen(base) - 5] = '\0';
    char *out = g_strdup_printf("%s.%s", base, extension(format));
    g_free(base);
    return out;
}

/* Page files: "out.png" -> "out-1.png", "out-2.png", ...; "out" ->
 * "out-1.png".  OUT: *stem ("out-"), *suffix (".png"); g_free both. */
static void page_pattern(const char *out, const char *ext, char **stem, char **suffix)
{
    const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
    if (dot && (!slash || dot > slash + 1) && dot != out) {
        *stem = g_strdup_printf("%.*s-", (int)(dot - out), out);
        *suffix = g_strdup(dot);
    } else {
        *stem = g_strdup_printf("%s-", out);
        *suffix = g_strdup_printf(".%s", ext);
    }
}

/* The page number of a file name in the folder of stem, or 0 when name is
 * not a page file of this pattern ("out-7.png": 7; "out-07.png": 0). */
static size_t page_number(const char *name, const char *stem_base, const char *suffix)
{
    size_t ls = strlen(stem_base), lx = strlen(suffix), ln = strlen(name);
    if (ln <= ls + lx || strncmp(name, stem_base, ls) != 0 || strcmp(name + ln - lx, suffix) != 0)
        return 0;
    const char *p = name + ls, *end = name + ln - lx;
    if (*p == '0')
        return 0;
    size_t n = 0;
    for (; p < end; p++) {
        if (!g_ascii_isdigit(*p) || n > G_MAXSIZE / 10 - 1)
            return 0;
        n = n * 10 + (size_t)(*p - '0');
    }
    return n;
}

/* Page files of an earlier, longer render at this pattern: every number
 * above n, gaps or not (a folder scan, not a count up to the first
 * missing page). */
static GPtrArray *stale_pages(const char *stem, const char *suffix, size_t n)
{
    GPtrArray *stale = g_ptr_array_new_with_free_func(g_free);
    char *dir = g_path_get_dirname(stem);
    /* stem ends in '-', so its base name is never empty or a folder */
    char *stem_base = g_path_get_basename(stem);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        if (page_number(name, stem_base, suffix) > n)
            g_ptr_array_add(stale, g_build_filename(dir, name, NULL));
    if (d)
        g_dir_close(d);
    g_free(stem_base);
    g_free(dir);
    return stale;
}

br_status br_output_publish(const br_output *o, const char *path, br_diag *diag)
{
    if (!path || !*path) {
        br_diag_error(diag, "the output path is empty");
        return br_error_set(BR_ERR_USAGE);
    }
    bool per_page = o->format == BR_FORMAT_PNG || o->format == BR_FORMAT_SVG;
    size_t n = o->files->len;
    br_publish_file *files = g_new0(br_publish_file, n ? n : 1);
    char **paths = g_new0(char *, n + 1);
    char *stem = NULL, *suffix = NULL;
    if (per_page)
        page_pattern(path, extension(o->format), &stem, &suffix);
    for (size_t i = 0; i < n; i++) {
        paths[i] = per_page ? g_strdup_printf("%s%zu%s", stem, i + 1, suffix) : g_strdup(path);
        size_t len;
        const uint8_t *data = br_output_file(o, i, &len);
        files[i] = (br_publish_file){paths[i], data, len};
    }
    /* Pages of an earlier, longer render at this path go when the new
     * ones are in place, in the same step (publish.h). */
    GPtrArray *stale = per_page ? stale_pages(stem, suffix, n) : g_ptr_array_new();
    br_status st = br_publish(files, n, o->inputs ? (const br_file_id *)(const void *)o->inputs->data : NULL,
                              o->inputs ? o->inputs->len : 0, (const char *const *)stale->pdata, stale->len, diag);
    g_ptr_array_free(stale, TRUE);
    g_free(stem);
    g_free(suffix);
    g_strfreev(paths);
    g_free(files);
    return st;
}
