/* locale: what briefing knows of a language: its words (words.h), its
 * number conventions (numfmt.h) and its date forms (dates.h).
 *
 * A tag is looked up by its primary language subtag, case-insensitively
 * ("DE", "de-AT" and "de" are German).  Languages without a table of their
 * own are written with English words and numbers; br_locale_known says so
 * beforehand, so the caller can warn.  Never uses setlocale: output never
 * depends on the machine's locale.  The tables are constant: safe to share
 * between threads.
 */
#ifndef BR_LOCALE_H
#define BR_LOCALE_H

#include <stdbool.h>

#include "i18n/numfmt.h"
#include "i18n/words.h"

typedef enum { BR_LANG_EN, BR_LANG_DE, BR_LANG_ZH } br_lang_id;

typedef struct br_locale {
    br_lang_id id;
    const char *tag; /* "en", "de", "zh" */
    br_numfmt nf;
    const br_words *words;
} br_locale;

/* The locale of a BCP 47 tag; English for NULL and for languages without
 * a table.  Never fails; the result is static. */
const br_locale *br_locale_for(const char *tag);

/* True when the tag's language has a table of its own. */
bool br_locale_known(const char *tag);

#endif
