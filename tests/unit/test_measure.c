/* br_text_measure takes a short cut for one simple line of text (items
 * shaped without a layout, render/text/text.c): its width must be the
 * layout's to the Pango unit, for every script, size, weight and style the
 * charts use, and for the texts the short cut refuses (line ends, tabs,
 * right-to-left, soft hyphens), which go through the layout anyway. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>

#include "text/text.h"
#include "tap.h"

static double layout_width(br_fonts *fonts, const char *text, const br_text_style *style)
{
    br_text *t = NULL;
    if (br_text_new(fonts, text, false, style, 0, NULL, &t) != BR_OK)
        return -1;
    double w = br_text_width(t);
    br_text_free(t);
    return w;
}

int main(void)
{
    const char *src = g_getenv("SRCDIR");
    if (!src) {
        printf("1..0 # SKIP SRCDIR not set\n");
        return 0;
    }
    char *dir = g_build_filename(src, "fonts", NULL);
    br_diag *diag = br_diag_new(0);
    br_fontset *set = NULL;
    br_fonts *fonts = NULL;
    if (br_fontset_new(dir, diag, &set) != BR_OK || br_fonts_new(set, &fonts) != BR_OK) {
        printf("Bail out! no fonts in %s\n", dir);
        return 1;
    }
    static const char *const texts[] = {
        "AVATAR To Wa", "1,234,567.89", "−12.5 %", "Inner Mongolia", "Beijing-Tianjin-Hebei",
        "Größenordnung 3,5 Mrd. €", "  leading and trailing  ", "fi fl ffi office", "Ｆｕｌｌ　ｗｉｄｔｈ",
        "广东省 Guangdong", "内蒙古自治区", "算力 220,000 PFLOPS", "Ελληνικά Кириллица", "ñ̃ e\xCC\x81 a\xCC\x8A",
        "हिन्दी देवनागरी", "ภาษาไทย", "😀 emoji", "\xEF\xBF\xBD", "x", "Mixed 中文 and Latin, 42",
        /* refused by the short cut: the layout measures them */
        "two\nlines", "tab\there", "soft\xC2\xADhyphen", "עברית", "العربية 12", "zero\xE2\x80\x8Bwidth",
    };
    static const struct { double size; bool bold, italic; const char *family; } styles[] = {
        {7, false, false, NULL}, {9.5, true, false, NULL}, {12, false, true, NULL}, {23.7, true, true, NULL},
        {8, false, false, "WenQuanYi Zen Hei"},
    };
    static const char *const langs[] = {"en", "zh", "de"};
    for (size_t l = 0; l < G_N_ELEMENTS(langs); l++) {
        br_fonts_set_language(fonts, langs[l]);
        for (size_t s = 0; s < G_N_ELEMENTS(styles); s++) {
            br_text_style st = {.family = styles[s].family, .size = styles[s].size, .bold = styles[s].bold,
                                .italic = styles[s].italic};
            int same = 0, total = 0;
            for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
                double fast = br_text_measure(fonts, texts[i], &st), slow = layout_width(fonts, texts[i], &st);
                total++;
                /* Both are whole Pango units (1/1024 pt): equal means equal. */
                if (fast == slow && fast > 0)
                    same++;
                else
                    printf("# %s %.1f pt: \"%s\": measured %.6f, laid out %.6f\n", langs[l], st.size, texts[i],
                           fast, slow);
            }
            ok(same == total, "lang %s, %.1f pt%s%s%s: %d of %d widths equal the layout's", langs[l], st.size,
               st.bold ? " bold" : "", st.italic ? " italic" : "", st.family ? " (wqy)" : "", same, total);
        }
    }
    br_text_style st = {.size = 10};
    ok(br_text_measure(fonts, "", &st) == 0, "the empty text measures 0");
    double one = br_text_measure(fonts, "Guangdong", &st), two = br_text_measure(fonts, "Guangdong Guangdong", &st);
    ok(two > 2 * one, "a longer text measures wider (%.3f, %.3f)", one, two);
    br_fonts_free(fonts);
    br_fontset_free(set);
    br_diag_free(diag);
    g_free(dir);
    return done();
}
