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

#include "base/arena.h"

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

/* The one spelling of a valid period the model keeps, so "2011\u20132013"
 * and "2011/2013" are the same period (for duplicates, lookups and
 * layouts): a range with an en dash becomes YYYY/YYYY, copied into arena;
 * every other period is s itself.  NULL only when the arena is out of
 * memory. */
const char *br_period_canonical(const char *s, br_arena *arena);

/* A well-formed BCP 47 language tag (RFC 5646 `langtag` or private use),
 * case-insensitive: en, de, zh-Hans, zh-Hant-TW, sr-Latn-RS, x-klingon. */
bool br_validate_lang_tag(const char *s);

/* Summary markup: text with <b> <i> <sup> <sub> (properly nested and closed)
 * and &lt; &gt; &amp;, nothing else.  On false, why (size bytes, may be
 * NULL) says what is wrong, e.g. `markup tag <a> is not allowed`. */
bool br_validate_markup(const char *s, char *why, size_t size);

/* Length limits of every text of a set or layout (briefing-set(5) and
 * briefing-layout(5), LIMITS), in characters.  Long texts: a set's
 * summary, notes, definitions and descriptions, a layout's text blocks;
 * short: everything else.  A word (characters with no line break
 * opportunity between them, as spaces, ideographs and Thai give) is broken
 * between characters when longer than a line, which costs Pango time
 * quadratic in its length, so words have a limit of their own. */
#define BR_LONG_TEXT_MAX 100000
#define BR_SHORT_TEXT_MAX 1000
#define BR_WORD_MAX 2000

/* True when s has at most max_chars characters and no word longer than
 * BR_WORD_MAX; on false, why (size bytes) says which limit it passes.
 * Stops reading at the first limit passed. */
bool br_validate_text_length(const char *s, size_t max_chars, char *why, size_t size);

#endif
