/* dates: dates and periods as a language writes them.
 *
 *   date 2026-03-02:   March 2, 2026 · 2. März 2026 · 2026年3月2日
 *   period 2024-09:    Sep 2024 · Sep. 2024 · 2024年9月
 *   period 2024-Q3:    Q3 2024 · Q3 2024 · 2024年第3季度
 *   period 2024:       2024
 *   period 2011/2013:  2011–2013 (also written 2011–2013 in a set)
 *   span 1955/1960 .. 2000/2005: 1955–2005; span 2022 .. 2025: 2022–2025
 * Anything else is returned as written.  Results are g_malloc'd.
 */
#ifndef BR_DATES_H
#define BR_DATES_H

#include "i18n/locale.h"

char *br_date_label(const br_locale *loc, const char *date);
char *br_period_label(const br_locale *loc, const char *period);
/* The time from period first to period last, for a subtitle ("2022–2025");
 * one period when they are the same. */
char *br_period_span_label(const br_locale *loc, const char *first, const char *last);

#endif
