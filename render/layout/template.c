/* template: {placeholders} in a layout's texts, header and footer; see
 * layout_private.h. */
#include <glib.h>
#include <string.h>

#include "layout/layout_private.h"

static size_t region_count(const br_set *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n_entities; i++)
        n += br_entity_is_compared(&set->entities[i]);
    return n;
}

char *br_layout_expand(const br_chart_ctx *c, const char *tmpl, bool markup, int page, int pages)
{
    GString *out = g_string_new(NULL);
    for (const char *p = tmpl; *p;) {
        /* A placeholder is '{', a few lowercase letters and '}': looking
         * no further keeps expansion linear however many '{' a text has
         * (searching for the next '}' from every '{' was quadratic). */
        const char *close = NULL;
        if (*p == '{') {
            const char *q = p + 1;
            while (q - p <= 16 && *q >= 'a' && *q <= 'z')
                q++;
            if (*q == '}')
                close = q;
        }
        if (!close) {
            g_string_append_c(out, *p++);
            continue;
        }
        char *name = g_strndup(p + 1, (size_t)(close - p - 1));
        char *value = NULL;
        bool is_markup = false;
        if (strcmp(name, "title") == 0)
            value = g_strdup(br_set_title(c));
        else if (strcmp(name, "subtitle") == 0)
            value = g_strdup(br_set_subtitle(c) ? br_set_subtitle(c) : "");
        else if (strcmp(name, "date") == 0)
            value = br_date_label(c->loc, c->set->date);
        else if (strcmp(name, "publisher") == 0)
            value = g_strdup(c->set->publisher ? c->set->publisher : "");
        else if (strcmp(name, "id") == 0)
            value = g_strdup(c->set->id);
        else if (strcmp(name, "summary") == 0) {
            value = g_strdup(br_set_summary(c) ? br_set_summary(c) : "");
            is_markup = true;
        } else if (strcmp(name, "regions") == 0)
            value = g_strdup_printf("%zu", region_count(c->set));
        else if (strcmp(name, "focus") == 0)
            value = g_strdup(c->focus ? br_entity_label(c, c->focus) : "");
        else if (strcmp(name, "page") == 0)
            value = page > 0 ? g_strdup_printf(c->str->page_of, page, pages) : g_strdup("");
        if (!value) { /* not a placeholder: keep the text as it is */
            g_string_append_c(out, *p++);
            g_free(name);
            continue;
        }
        if (markup && !is_markup) {
            char *esc = g_markup_escape_text(value, -1);
            g_string_append(out, esc);
            g_free(esc);
        } else if (!markup && is_markup) {
            /* summary into plain text: drop the tags, keep the words */
            char *plain = br_text_markup_to_plain(value);
            if (plain)
                g_string_append(out, plain);
            g_free(plain);
        } else {
            g_string_append(out, value);
        }
        g_free(value);
        g_free(name);
        p = close + 1;
    }
    return g_string_free(out, FALSE);
}
