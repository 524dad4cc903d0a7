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

    /* The memo (text.c): a document's fonts remember layouts and widths.
     * Asked again, in another order, with styles interleaved, colours
     * changed and after the memo has overflowed, every answer must be the
     * one a fresh br_fonts gives. */
    br_fonts *fresh = NULL;
    if (br_fonts_new(set, &fresh) != BR_OK)
        return 1;
    br_fonts_set_language(fresh, "en");
    br_fonts_set_language(fonts, "en");
    /* Styles that differ in one input each. */
    static const struct { double size; bool bold, italic; const char *family; } alike[] = {
        {10, false, false, NULL}, {10, true, false, NULL}, {10, false, true, NULL},
        {10, false, false, "WenQuanYi Zen Hei"}, {10.25, false, false, NULL},
    };
    size_t n_texts = G_N_ELEMENTS(texts), n_styles = G_N_ELEMENTS(alike);
    double *want = g_new(double, 2 * n_texts * n_styles);
    for (size_t s = 0; s < n_styles; s++)
        for (size_t i = 0; i < n_texts; i++) {
            br_text_style sty = {.family = alike[s].family, .size = alike[s].size, .bold = alike[s].bold,
                                 .italic = alike[s].italic};
            want[2 * (s * n_texts + i)] = br_text_measure(fresh, texts[i], &sty);
            want[2 * (s * n_texts + i) + 1] = layout_width(fresh, texts[i], &sty);
        }
    int agree = 0, asked = 0;
    for (int round = 0; round < 3; round++) {
        if (round == 2) /* past MEMO_ENTRIES_MAX distinct texts: the memo starts again */
            for (int k = 0; k < 5000; k++) {
                char label[32];
                g_snprintf(label, sizeof label, "label %d", k);
                br_text_measure(fonts, label, &st);
            }
        for (size_t j = 0; j < n_texts * n_styles; j++) {
            size_t i = (n_texts - 1) - j % n_texts, s = (j + round) % n_styles; /* reversed, interleaved */
            br_text_style sty = {.family = alike[s].family, .size = alike[s].size, .bold = alike[s].bold,
                                 .italic = alike[s].italic, .color = {.r = round / 2.0, .a = 1}};
            double m = br_text_measure(fonts, texts[i], &sty), w = layout_width(fonts, texts[i], &sty);
            asked += 2;
            agree += (m == want[2 * (s * n_texts + i)]) + (w == want[2 * (s * n_texts + i) + 1]);
        }
    }
    ok(agree == asked, "remembered widths and layouts equal fresh ones: %d of %d", agree, asked);
    br_text *a = NULL, *b = NULL;
    br_text_style narrow = {.size = 10};
    bool made = br_text_new(fonts, "Beijing-Tianjin-Hebei cluster", false, &narrow, 60, NULL, &a) == BR_OK &&
                br_text_new(fonts, "Beijing-Tianjin-Hebei cluster", false, &narrow, 0, NULL, &b) == BR_OK;
    ok(made && br_text_line_count(a) > 1 && br_text_line_count(b) == 1,
       "the wrap width is part of what is remembered (%d and %d lines)", made ? br_text_line_count(a) : 0,
       made ? br_text_line_count(b) : 0);
    br_text_free(a);
    br_text_free(b);
    g_free(want);
    br_fonts_free(fresh);
    br_fonts_free(fonts);
    br_fontset_free(set);
    br_diag_free(diag);
    g_free(dir);
    return done();
}
