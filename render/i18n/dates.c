/* dates: see dates.h. */
#include "i18n/dates.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *br_date_label(const br_locale *loc, const char *date)
{
    int y, m, d;
    if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
        return g_strdup(date);
    switch (loc->id) {
    case BR_LANG_DE: return g_strdup_printf("%d. %s %d", d, loc->words->months_full[m - 1], y);
    case BR_LANG_ZH: return g_strdup_printf("%d年%d月%d日", y, m, d);
    default: return g_strdup_printf("%s %d, %d", loc->words->months_full[m - 1], d, y);
    }
}

/* A range of years, "YYYY/YYYY" or "YYYY–YYYY" (the model checked that the
 * second comes after the first): its years. */
static bool year_range(const char *period, int *from, int *to)
{
    size_t n = strlen(period);
    size_t sep = n == 9 && period[4] == '/' ? 1 : n == 11 && !strncmp(period + 4, "\xE2\x80\x93", 3) ? 3 : 0;
    if (!sep)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((i < 4 || i >= 4 + sep) && !g_ascii_isdigit(period[i]))
            return false;
    *from = atoi(period);
    *to = atoi(period + 4 + sep);
    return true;
}

char *br_period_span_label(const br_locale *loc, const char *first, const char *last)
{
    if (strcmp(first, last) == 0)
        return br_period_label(loc, first);
    int a0, a1, b0, b1;
    bool ra = year_range(first, &a0, &a1), rb = year_range(last, &b0, &b1);
    char *a = ra ? g_strdup_printf("%d", a0) : br_period_label(loc, first);
    char *b = rb ? g_strdup_printf("%d", b1) : br_period_label(loc, last);
    char *out = loc->id == BR_LANG_ZH && (ra || rb) ? g_strdup_printf("%s–%s年", a, b) : g_strdup_printf("%s–%s", a, b);
    g_free(a);
    g_free(b);
    return out;
}

char *br_period_label(const br_locale *loc, const char *period)
{
    int y = 0, m = 0, d = 0, q = 0;
    int from, to;
    if (year_range(period, &from, &to))
        return loc->id == BR_LANG_ZH ? g_strdup_printf("%d–%d年", from, to) : g_strdup_printf("%d–%d", from, to);
    const char *const *months = loc->words->months;
    int zh = loc->id == BR_LANG_ZH;
    if (sscanf(period, "%4d-Q%1d", &y, &q) == 2 && strlen(period) == 7)
        return zh ? g_strdup_printf("%d年第%d季度", y, q) : g_strdup_printf("Q%d %d", q, y);
    int n = sscanf(period, "%4d-%2d-%2d", &y, &m, &d);
    if (n == 3 && m >= 1 && m <= 12)
        return zh ? g_strdup_printf("%d年%d月%d日", y, m, d)
                  : loc->id == BR_LANG_DE ? g_strdup_printf("%d. %s %d", d, months[m - 1], y)
                                    : g_strdup_printf("%s %d, %d", months[m - 1], d, y);
    if (n == 2 && m >= 1 && m <= 12)
        return zh ? g_strdup_printf("%d年%d月", y, m) : g_strdup_printf("%s %d", months[m - 1], y);
    return g_strdup(period);
}
