/* lang: BCP 47 language tags, matched the one way every module uses.
 *
 * Tags compare case-insensitively (RFC 5646 section 2.1.1: "DE" is "de").
 * A tag matches another exactly, or by its primary language subtag ("de-AT"
 * and "de"); nothing here knows any particular language (see locale.h).
 */
#ifndef BR_LANG_H
#define BR_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/lang_text.h"

/* The same tag, ignoring case. NULL matches nothing. */
bool br_lang_equal(const char *a, const char *b);

/* The same primary language subtag ("zh-Hans" and "ZH"). NULL matches nothing. */
bool br_lang_same_primary(const char *a, const char *b);

typedef enum {
    BR_LANG_STRICT,  /* the exact tag, else the same primary language; else NULL */
    BR_LANG_ANY      /* then a text tagged "" (any language), then English, then the first */
} br_lang_fallback;

/* The text of texts[0..n) for lang, by the rules of fallback; NULL when
 * none applies (or n is 0). */
const char *br_lang_pick(const br_lang_text *texts, size_t n, const char *lang, br_lang_fallback fallback);

#endif
