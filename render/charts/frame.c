/* frame: see frame.h. */
#include "charts/frame.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "charts/label.h"

struct br_chart_notes {
    GPtrArray *sources; /* const br_source *, first-use order */
    GPtrArray *notes;   /* const char * */
    GPtrArray *markers; /* char *, owned */
};

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

double br_chart_header_height(br_chart_ctx *c, const char *title, const char *subtitle, double width)
{
    const br_theme *t = &c->theme;
    double h = br_chart_text_height(c, title, width, t->chart_title_size, 13, true);
    if (subtitle && *subtitle)
        h += br_chart_text_height(c, subtitle, width, t->chart_subtitle_size, 11, false);
    return h + 6;
}

double br_chart_no_data(br_chart_ctx *c, br_device *dev, const char *title, double x, double y, double width)
{
    const br_theme *t = &c->theme;
    double h = br_chart_header(c, dev, title, NULL, x, y, width);
    double box = 40;
    br_stroke s = br_stroke_solid(0.75);
    br_path *p = br_path_new();
    br_path_rect(p, x, y + h, width, box);
    br_dev_fill_path(dev, p, BR_FILL_NONZERO, t->panel);
    br_dev_stroke_path(dev, p, &s, t->grid);
    br_path_free(p);
    double th = br_chart_text_height(c, c->str->no_data, width, t->chart_subtitle_size, 11, false);
    br_chart_text(c, dev, c->str->no_data, x, y + h + (box - th) / 2, width, t->chart_subtitle_size, 11, false,
                  t->secondary, BR_ALIGN_CENTER);
    return h + box;
}

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

void br_chart_notes_add_source(br_chart_notes *n, const br_source *src)
{
    guint idx;
    if (src && !g_ptr_array_find(n->sources, src, &idx))
        g_ptr_array_add(n->sources, (gpointer)src);
}

const char *br_chart_notes_add(br_chart_notes *n, const br_observation *obs)
{
    /* Every source of the figure is named (the original and who
     * redistributes it), each once. */
    for (size_t k = 0; k < obs->n_sources; k++)
        br_chart_notes_add_source(n, obs->sources[k]);
    if (!obs->note)
        return "";
    for (guint i = 0; i < n->notes->len; i++)
        if (strcmp(g_ptr_array_index(n->notes, i), obs->note) == 0)
            return g_ptr_array_index(n->markers, i);
    g_ptr_array_add(n->notes, (gpointer)obs->note);
    g_ptr_array_add(n->markers, superscript(n->notes->len));
    return g_ptr_array_index(n->markers, n->notes->len - 1);
}

/* The lines under a chart: "Source: A; B." then each numbered note. */
static GPtrArray *notes_lines(br_chart_ctx *c, const br_chart_notes *n)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    if (n->sources->len > 0) {
        /* Each source by its publisher (else its title), each name once:
         * two reports of one office are one "Source: NBS". */
        GPtrArray *names = g_ptr_array_new();
        for (guint i = 0; i < n->sources->len; i++) {
            const br_source *src = g_ptr_array_index(n->sources, i);
            const char *name = src->publisher ? src->publisher : src->title;
            bool seen = false;
            for (guint k = 0; k < names->len && !seen; k++)
                seen = strcmp(g_ptr_array_index(names, k), name) == 0;
            if (!seen)
                g_ptr_array_add(names, (gpointer)name);
        }
        GString *s = g_string_new(names->len > 1 ? c->str->sources : c->str->source);
        g_string_append(s, c->str->colon);
        for (guint i = 0; i < names->len; i++) {
            if (i)
                g_string_append(s, c->str->semicolon);
            g_string_append(s, g_ptr_array_index(names, i));
        }
        g_string_append_c(s, '.');
        g_ptr_array_free(names, TRUE);
        g_ptr_array_add(lines, g_string_free(s, FALSE));
    }
    for (guint i = 0; i < n->notes->len; i++)
        g_ptr_array_add(lines, g_strdup_printf("%s %s", (const char *)g_ptr_array_index(n->markers, i),
                                               (const char *)g_ptr_array_index(n->notes, i)));
    return lines;
}

double br_chart_notes_draw(br_chart_ctx *c, const br_chart_notes *n, br_device *dev, double x, double y,
                           double width)
{
    const br_theme *t = &c->theme;
    GPtrArray *lines = notes_lines(c, n);
    double h = 0;
    for (guint i = 0; i < lines->len; i++)
        h += br_chart_text(c, dev, g_ptr_array_index(lines, i), x, y + h, width, t->source_size, t->source_leading,
                           false, t->source, BR_ALIGN_LEFT);
    g_ptr_array_free(lines, TRUE);
    return h;
}

double br_chart_notes_height(br_chart_ctx *c, const br_chart_notes *n, double width)
{
    const br_theme *t = &c->theme;
    GPtrArray *lines = notes_lines(c, n);
    double h = 0;
    for (guint i = 0; i < lines->len; i++)
        h += br_chart_text_height(c, g_ptr_array_index(lines, i), width, t->source_size, t->source_leading, false);
    g_ptr_array_free(lines, TRUE);
    return h;
}

GPtrArray *br_chart_notes_take(br_chart_notes *n)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < n->notes->len; i++)
        g_ptr_array_add(lines, g_strdup_printf("%s %s", (const char *)g_ptr_array_index(n->markers, i),
                                               (const char *)g_ptr_array_index(n->notes, i)));
    g_ptr_array_set_size(n->notes, 0);
    return lines;
}
