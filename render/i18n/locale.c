/* locale: see locale.h. */
#include "i18n/locale.h"

#include <stddef.h>

#include "i18n/lang.h"

#define NBSP "\xC2\xA0"

static const br_locale locales[] = {
    {BR_LANG_EN, "en", {",", ".", "", BR_NUM_ENGLISH}, &br_words_en},
    {BR_LANG_DE, "de", {".", ",", NBSP, BR_NUM_GERMAN}, &br_words_de},
    {BR_LANG_ZH, "zh", {",", ".", "", BR_NUM_CHINESE}, &br_words_zh},
};

static const br_locale *find(const char *tag)
{
    for (size_t i = 0; i < sizeof locales / sizeof *locales; i++)
        if (br_lang_same_primary(tag, locales[i].tag))
            return &locales[i];
    return NULL;
}

const br_locale *br_locale_for(const char *tag)
{
    const br_locale *l = find(tag);
    return l ? l : &locales[0];
}

bool br_locale_known(const char *tag)
{
    return find(tag) != NULL;
}
