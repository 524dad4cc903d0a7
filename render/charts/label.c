/* label: see label.h. */
#include "charts/label.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static double text_block(br_chart_ctx *c, br_device *dev, const char *utf8, bool markup, double x, double y,
                         double width, double size, double leading, bool bold, br_color color, br_align align,
                         int max_lines)
{
    br_text_style st = {c->theme.family, size, bold, false, color, leading, align, max_lines};
    return br_text_block(c->fonts, utf8, markup, &st, width, dev, x, y, c->diag);
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

/* Does s fit max_lines lines of width at the label size? */
static bool fits(br_chart_ctx *c, const char *s, double width, int max_lines)
{
    if (max_lines <= 1)
        return br_chart_text_width(c, s, c->theme.label_size, false) <= width + 0.01;
    br_text_style st = {c->theme.family, c->theme.label_size, false, false, c->theme.text, 0, BR_ALIGN_LEFT, 0};
    br_text *t = NULL;
    if (br_text_new(c->fonts, s, false, &st, width, c->diag, &t) != BR_OK)
        return false;
    bool ok = br_text_line_count(t) <= max_lines && br_text_width(t) <= width + 0.01;
    br_text_free(t);
    return ok;
}

/* The first n characters of s, trailing spaces dropped, and "…". */
static char *cut(const char *s, glong n)
{
    const char *end = g_utf8_offset_to_pointer(s, n);
    while (end > s && end[-1] == ' ')
        end--;
    return g_strdup_printf("%.*s…", (int)(end - s), s);
}

char *br_chart_fit(br_chart_ctx *c, const char *s, double width, int max_lines)
{
    if (fits(c, s, width, max_lines))
        return g_strdup(s);
    /* The longest prefix that fits with its ellipsis (binary search). */
    glong lo = 0, hi = g_utf8_strlen(s, -1) - 1;
    while (lo < hi) {
        glong mid = (lo + hi + 1) / 2;
        char *try = cut(s, mid);
        if (fits(c, try, width, max_lines))
            lo = mid;
        else
            hi = mid - 1;
        g_free(try);
    }
    return cut(s, lo);
}

double br_chart_label(br_chart_ctx *c, br_device *dev, const char *s, double x, double y_center,
                      double max_width, br_align align, br_color color)
{
    char *text = max_width > 0 ? br_chart_fit(c, s, max_width, 1) : g_strdup(s);
    br_text_style st = {c->theme.family, c->theme.label_size, false, false, color, 0, BR_ALIGN_LEFT, 0};
    br_text *t = NULL;
    double w = 0;
    /* One line, never wrapped: the cut text fits, and alignment within
     * max_width is done here, exactly. */
    if (br_text_new(c->fonts, text, false, &st, 0, c->diag, &t) == BR_OK) {
        w = br_text_width(t);
        double dx = max_width <= 0 ? 0 : align == BR_ALIGN_RIGHT ? max_width - w
                                      : align == BR_ALIGN_CENTER ? (max_width - w) / 2
                                                                 : 0;
        br_text_draw(t, dev, x + dx, y_center - br_text_height(t) / 2);
        br_text_free(t);
    }
    g_free(text);
    return w;
}

char *br_chart_fit_line(br_chart_ctx *c, const char *s, double width, double size, bool bold)
{
    if (br_chart_text_width(c, s, size, bold) <= width + 0.01)
        return g_strdup(s);
    glong lo = 0, hi = g_utf8_strlen(s, -1) - 1;
    while (lo < hi) {
        glong mid = (lo + hi + 1) / 2;
        char *try = cut(s, mid);
        if (br_chart_text_width(c, try, size, bold) <= width + 0.01)
            lo = mid;
        else
            hi = mid - 1;
        g_free(try);
    }
    return cut(s, lo);
}

double br_chart_line(br_chart_ctx *c, br_device *dev, const char *s, double x, double y, double max_width,
                     double size, bool bold, br_color color, br_align align, double *height)
{
    char *text = max_width > 0 ? br_chart_fit_line(c, s, max_width, size, bold) : g_strdup(s);
    br_text_style st = {c->theme.family, size, bold, false, color, 0, BR_ALIGN_LEFT, 0};
    br_text *t = NULL;
    double w = 0, h = 0;
    if (br_text_new(c->fonts, text, false, &st, 0, c->diag, &t) == BR_OK) {
        w = br_text_width(t);
        h = br_text_height(t);
        double dx = max_width <= 0 ? 0 : align == BR_ALIGN_RIGHT ? max_width - w
                                      : align == BR_ALIGN_CENTER ? (max_width - w) / 2
                                                                 : 0;
        br_text_draw(t, dev, x + dx, y);
        br_text_free(t);
    }
    g_free(text);
    if (height)
        *height = h;
    return w;
}

double br_chart_line_height(br_chart_ctx *c, double size, bool bold)
{
    br_text_style st = {c->theme.family, size, bold, false, c->theme.text, 0, BR_ALIGN_LEFT, 0};
    br_text *t = NULL;
    if (br_text_new(c->fonts, "Ag", false, &st, 0, c->diag, &t) != BR_OK)
        return 0;
    double h = br_text_height(t);
    br_text_free(t);
    return h;
}

double br_chart_text_height(br_chart_ctx *c, const char *utf8, double width, double size, double leading, bool bold)
{
    return text_block(c, NULL, utf8, false, 0, 0, width, size, leading, bold, c->theme.text, BR_ALIGN_LEFT, 0);
}

double br_chart_markup_height(br_chart_ctx *c, const char *markup, double width, double size, double leading)
{
    return text_block(c, NULL, markup, true, 0, 0, width, size, leading, false, c->theme.text, BR_ALIGN_LEFT, 0);
}
