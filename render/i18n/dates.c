/* dates: see dates.h. */
#include "i18n/dates.h"

#include <glib.h>
#include <stdio.h>
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

char *br_period_label(const br_locale *loc, const char *period)
{
    int y = 0, m = 0, d = 0, q = 0;
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
