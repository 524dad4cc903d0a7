/* lang_text: a text tagged with the language it is written in.
 *
 * The value type shared by every reader of language maps (a set's `names`,
 * a layout's per-language templates); choosing among them is the i18n
 * layer's job (i18n/lang.h). */
#ifndef BR_LANG_TEXT_H
#define BR_LANG_TEXT_H

typedef struct br_lang_text {
    const char *lang; /* a BCP 47 tag; "" in layouts means any language */
    const char *text;
} br_lang_text;

#endif
