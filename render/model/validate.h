/* validate: the value rules of `indicator-set/1` as pure functions.
 *
 * Each check looks at one string and says yes or no; the walk over the
 * document, the paths, positions and messages belong to model.c, which
 * calls these.  Nothing here allocates, nothing fails other than by saying
 * no, and nothing depends on the locale.
 */
#ifndef BR_VALIDATE_H
#define BR_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest id of an entity, indicator or source (ids become file names). */
#define BR_ID_MAX 64

/* Largest tile column or row.  A tile map draws every cell from the first
 * column (row) used to the last, so a thousand is already far more than a
 * page can show legibly (a point and a half per tile across A4), and sums
 * of tile numbers stay far from overflowing. */
#define BR_TILE_MAX 999

/* An id: [A-Za-z0-9][A-Za-z0-9_.-]*, 1..BR_ID_MAX characters. */
bool br_validate_id(const char *s);

/* A slug (set id, topic): [a-z0-9-]+. */
bool br_validate_slug(const char *s);

/* A date YYYY-MM-DD that exists in the Gregorian calendar.
 * OUT: *yyyymmdd (may be NULL) such as 20250228. */
bool br_validate_date(const char *s, int *yyyymmdd);

/* A period YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD, or a range of years
 * YYYY/YYYY or YYYYâYYYY (en dash).  OUT: *end_yyyymmdd, the
 * last day of the period (2024-Q3 -> 20240930). */
bool br_validate_period(const char *s, int *end_yyyymmdd);

/* A well-formed BCP 47 language tag (RFC 5646 `langtag` or private use),
 * case-insensitive: en, de, zh-Hans, zh-Hant-TW, sr-Latn-RS, x-klingon. */
bool br_validate_lang_tag(const char *s);

/* Summary markup: text with <b> <i> <sup> <sub> (properly nested and closed)
 * and &lt; &gt; &amp;, nothing else.  On false, why (size bytes, may be
 * NULL) says what is wrong, e.g. `markup tag <a> is not allowed`. */
bool br_validate_markup(const char *s, char *why, size_t size);

#endif
