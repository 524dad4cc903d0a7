/* briefing: the public API; see briefing.h. */
#include "api/briefing.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "br_config.h"
#include "charts/chart_common.h"
#include "layout/layout.h"
#include "model/model.h"
#include "text/text.h"

const char *br_version(void)
{
    return BR_VERSION;
}

void br_render_options_init(br_render_options *o)
{
    memset(o, 0, sizeof *o);
    o->layout = "briefing";
    o->format = BR_FORMAT_PDF;
    o->dpi = 96;
    o->source_date_epoch = -1;
}

char *br_layout_path(const char *data_dir, const char *layout)
{
    if (!layout)
        layout = "briefing";
    if (strchr(layout, '/') || g_str_has_suffix(layout, ".json"))
        return g_strdup(layout);
    char *file = g_strdup_printf("%s.json", layout);
    char *path = g_build_filename(data_dir, "layouts", file, NULL);
    g_free(file);
    return path;
}

br_status br_check(const char *path, const char *display, br_diag *diag)
{
    br_arena *arena = br_arena_new();
    if (!arena)
        return br_error_set(BR_ERR_NOMEM);
    const br_set *set = NULL;
    br_status st = br_set_load(path, display, arena, diag, &set);
    br_arena_free(arena);
    return st;
}

br_status br_list_regions(const char *path, const char *display, br_diag *diag, char **set_id, char ***region_ids)
{
    br_arena *arena = br_arena_new();
    if (!arena)
        return br_error_set(BR_ERR_NOMEM);
    const br_set *set = NULL;
    br_status st = br_set_load(path, display, arena, diag, &set);
    if (st == BR_OK) {
        GPtrArray *ids = g_ptr_array_new();
        for (size_t i = 0; i < set->n_entities; i++)
            if (br_entity_is_region(&set->entities[i]))
                g_ptr_array_add(ids, g_strdup(set->entities[i].id));
        g_ptr_array_add(ids, NULL);
        *region_ids = (char **)g_ptr_array_free(ids, FALSE);
        *set_id = g_strdup(set->id);
    }
    br_arena_free(arena);
    return st;
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

br_status br_render(const br_render_options *o, br_diag *diag, br_writer **out)
{
    br_arena *arena = br_arena_new();
    if (!arena)
        return br_error_set(BR_ERR_NOMEM);
    const br_set *set = NULL;
    br_layout *layout = NULL;
    br_fonts *fonts = NULL;
    br_writer *w = NULL;
    char *layout_path = br_layout_path(o->data_dir, o->layout);
    char *fonts_dir = g_build_filename(o->data_dir, "fonts", NULL);

    /* Read everything first: a bad set or layout is reported before any
     * work, with all their problems together. */
    br_status st = br_set_load(o->set_path, o->set_display, arena, diag, &set);
    br_status lst = br_layout_load(layout_path, NULL, arena, diag, &layout);
    if (st == BR_OK)
        st = lst;
    if (st == BR_OK)
        st = br_fonts_new(fonts_dir, diag, &fonts);
    if (st == BR_OK) {
        const char *lang = o->lang ? o->lang : set->language;
        if (!br_locale_known(lang))
            br_diag_add(diag, BR_SEV_WARNING, o->set_display ? o->set_display : o->set_path, 0, 0, NULL,
                        "no page furniture for language \"%s\"; using English words and number formats",
                        lang);
        br_fonts_set_language(fonts, lang);
        br_chart_ctx ctx;
        br_chart_ctx_init(&ctx, fonts, set, lang, diag);
        if (o->focus) {
            ctx.focus = br_set_lookup_entity(set, o->focus);
            if (!ctx.focus) {
                br_diag_error(diag, "%s: no entity with id \"%s\" (--focus)", o->set_display ? o->set_display : o->set_path,
                              o->focus);
                st = br_error_set(BR_ERR_USAGE);
            }
        }
        char *creator = g_strdup_printf("briefing %s", BR_VERSION);
        char *producer = g_strdup_printf("briefing %s (libharu, Cairo, Pango)", BR_VERSION);
        br_pdf_info info = {br_set_title(&ctx), set->publisher, br_set_subtitle(&ctx), NULL, creator, producer,
                            o->source_date_epoch >= 0 ? o->source_date_epoch : date_epoch(set->date), BR_SPACE_RGB};
        w = br_writer_new(o->format, o->dpi, &info);
        g_free(creator);
        g_free(producer);
        if (st == BR_OK) {
            st = br_layout_render(layout, &ctx, w);
            if (st != BR_OK && br_diag_error_count(diag) == 0)
                br_diag_error(diag, "%s: cannot lay out the document: %s", layout_path, br_status_str(st));
        }
        size_t replaced = br_fonts_replacements(fonts);
        if (replaced > 0)
            br_diag_add(diag, BR_SEV_WARNING, o->set_display ? o->set_display : o->set_path, 0, 0, NULL,
                        "%zu characters have no glyph in the project fonts or lie outside the Basic "
                        "Multilingual Plane; they are shown as \xEF\xBF\xBD",
                        replaced);
        if (st == BR_OK)
            st = br_writer_close(w, diag);
    }
    if (st == BR_OK) {
        *out = w;
    } else {
        br_writer_free(w);
    }
    br_fonts_free(fonts);
    g_free(layout_path);
    g_free(fonts_dir);
    br_arena_free(arena);
    return st;
}
