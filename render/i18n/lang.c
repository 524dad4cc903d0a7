/* lang: see lang.h. */
#include "i18n/lang.h"

#include <glib.h>
#include <string.h>

bool br_lang_equal(const char *a, const char *b)
{
    return a && b && g_ascii_strcasecmp(a, b) == 0;
}

bool br_lang_same_primary(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
    return na > 0 && na == nb && g_ascii_strncasecmp(a, b, na) == 0;
}

const char *br_lang_pick(const br_lang_text *texts, size_t n, const char *lang, br_lang_fallback fallback)
{
    for (size_t i = 0; i < n; i++)
        if (br_lang_equal(texts[i].lang, lang))
            return texts[i].text;
    for (size_t i = 0; i < n; i++)
        if (texts[i].lang[0] && br_lang_same_primary(texts[i].lang, lang))
            return texts[i].text;
    if (fallback == BR_LANG_STRICT || n == 0)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (texts[i].lang[0] == 0)
            return texts[i].text;
    for (size_t i = 0; i < n; i++)
        if (br_lang_same_primary(texts[i].lang, "en"))
            return texts[i].text;
    return texts[0].text;
}
