/* A text that is one simple line and fits its width is shaped without a
 * PangoLayout (render/text/text.c, shape_simple_line).  Everything the
 * layout would report and draw must come out the same: width, height,
 * baseline, line extents, and every text run (glyph ids, positions, boxes,
 * text, clusters) to the last bit, for the scripts, sizes, weights,
 * alignments and widths the charts use; texts that do not fit (wrapped or
 * ellipsized) and texts the short cut refuses go through the layout. */
#include <glib.h>
#include <stdlib.h>

#include "text/text.h"
#include "tap.h"

/* A device that writes each text run exactly (%a), to compare. */
typedef struct recorder {
    br_device base;
    GString *out;
} recorder;

static br_status record_text(br_device *dev, const br_text_run *run)
{
    GString *o = ((recorder *)dev)->out;
    g_string_append_printf(o, "run %p %a [%a %a %a %a] \"%.*s\"", (const void *)run->face, run->size, run->box.x0,
                           run->box.y0, run->box.x1, run->box.y1, (int)run->n_bytes, run->utf8);
    for (size_t i = 0; i < run->n_glyphs; i++)
        g_string_append_printf(o, " %u@%a,%a", run->glyphs[i].id, run->glyphs[i].x, run->glyphs[i].y);
    for (size_t i = 0; i < run->n_clusters; i++)
        g_string_append_printf(o, " c%d/%d", run->clusters[i].n_bytes, run->clusters[i].n_glyphs);
    g_string_append_c(o, '\n');
    return BR_OK;
}

/* Everything t reports and draws, as text; frees t. */
static char *describe_text(br_text *t)
{
    recorder rec = {.out = g_string_new(NULL)};
    rec.base.fill_text = record_text;
    int n = br_text_line_count(t);
    double *top = g_new(double, n), *bottom = g_new(double, n);
    br_text_line_extents(t, top, bottom);
    g_string_append_printf(rec.out, "w %a h %a b %a lines %d [%a %a]\n", br_text_width(t), br_text_height(t),
                           br_text_baseline(t), n, top[0], bottom[n - 1]);
    br_text_draw(t, &rec.base, 12.5, 30.25);
    br_text_draw_lines(t, &rec.base, 3, 7, 0, 1);
    g_free(top);
    g_free(bottom);
    br_text_free(t);
    return g_string_free(rec.out, FALSE);
}

/* Everything a br_text of utf8 reports and draws, as text. */
static char *describe(br_fonts *fonts, const char *utf8, const br_text_style *st, double width)
{
    br_text *t = NULL;
    if (br_text_new(fonts, utf8, false, st, width, NULL, &t) != BR_OK)
        return g_strdup("error");
    return describe_text(t);
}

/* utf8 measured as a table measures a cell (left, no width, another
 * colour) and refitted into st and width (br_text_refit): NULL when the
 * refit refuses (not one simple line, or too wide). */
static char *describe_refit(br_fonts *fonts, const char *utf8, const br_text_style *st, double width)
{
    br_text_style measure = *st;
    measure.align = BR_ALIGN_LEFT;
    measure.max_lines = 0;
    measure.color = (br_color){.r = 0.9, .g = 0.1, .b = 0.1, .a = 1};
    br_text *m = NULL;
    if (br_text_new(fonts, utf8, false, &measure, 0, NULL, &m) != BR_OK)
        return NULL;
    br_text *t = br_text_refit(m, st, width);
    /* Another weight is another font: never refitted. */
    br_text_style bolder = *st;
    bolder.bold = !st->bold;
    br_text *wrong = br_text_refit(m, &bolder, width);
    br_text_free(m);
    if (wrong) {
        br_text_free(wrong);
        br_text_free(t);
        return g_strdup("refitted into another font");
    }
    return t ? describe_text(t) : NULL;
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
    br_fonts *fast = NULL, *slow = NULL;
    if (br_fontset_new(dir, diag, &set) != BR_OK || br_fonts_new(set, &fast) != BR_OK ||
        br_fonts_new(set, &slow) != BR_OK) {
        printf("Bail out! no fonts in %s\n", dir);
        return 1;
    }
    br_fonts_set_simple_lines(slow, false);
    static const char *const texts[] = {
        "AVATAR To Wa", "1,234,567.89", "−12.5 %", "Inner Mongolia", "Beijing-Tianjin-Hebei",
        "Größenordnung 3,5 Mrd. €", "  leading and trailing  ", "fi fl ffi office", "Ｆｕｌｌ　ｗｉｄｔｈ",
        "广东省 Guangdong", "内蒙古自治区", "算力 220,000 PFLOPS", "Ελληνικά Кириллица", "ñ̃ e\xCC\x81 a\xCC\x8A",
        "हिन्दी देवनागरी", "ภาษาไทย", "😀 emoji", "\xEF\xBF\xBD", "x", "Mixed 中文 and Latin, 42", "–",
        "\xF3\xA0\x80\x81 tag", "\xE2\x80\xA6", "A very long region name that will not fit a narrow column",
        /* plain Latin texts share an item template (text.c, "items"): a
         * character another font has first, characters Pango puts in runs
         * of their own, the punctuation of numbers */
        "Erd\xC5\x91s P\xC3\xA1l 12", "\xC2\xA7 12 \xC2\xB1 3 \xC3\x97 4", "12\xE2\x80\xAF" "345\xE2\x80\xAF" "678",
        "x \xE2\x80\x93 y \xE2\x80\x94 z \xE2\x80\xA6 \xE2\x80\xA2 5\xE2\x80\xB2 \xE2\x82\xAC", "42", "   ",
        /* refused by the short cut: the layout draws them */
        "two\nlines", "tab\there", "soft\xC2\xADhyphen", "עברית", "العربية 12", "zero\xE2\x80\x8Bwidth",
    };
    static const struct { double size; bool bold, italic; const char *family; } styles[] = {
        {7, false, false, NULL}, {9.5, true, false, NULL}, {12, false, true, NULL}, {8, false, false, "WenQuanYi Zen Hei"},
    };
    static const double widths[] = {0, 20, 55.5, 80, 300};
    static const br_align aligns[] = {BR_ALIGN_LEFT, BR_ALIGN_RIGHT, BR_ALIGN_CENTER};
    static const char *const langs[] = {"en", "zh"};
    for (size_t l = 0; l < G_N_ELEMENTS(langs); l++) {
        br_fonts_set_language(fast, langs[l]);
        br_fonts_set_language(slow, langs[l]);
        for (size_t s = 0; s < G_N_ELEMENTS(styles); s++)
            for (size_t a = 0; a < G_N_ELEMENTS(aligns); a++)
                for (int cap = 0; cap <= 1; cap++) {
                    br_text_style st = {.family = styles[s].family, .size = styles[s].size,
                                        .bold = styles[s].bold, .italic = styles[s].italic,
                                        .color = {.r = 0.2, .g = 0.3, .b = 0.4, .a = 1}, .align = aligns[a],
                                        .max_lines = cap, .line_height = cap ? 14 : 0};
                    int same = 0, total = 0, refits = 0, refit_same = 0;
                    for (size_t w = 0; w < G_N_ELEMENTS(widths); w++)
                        for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
                            /* Twice: the second answer comes from the memo. */
                            for (int again = 0; again < 2; again++) {
                                char *f = describe(fast, texts[i], &st, widths[w]);
                                char *r = describe(slow, texts[i], &st, widths[w]);
                                total++;
                                if (strcmp(f, r) == 0)
                                    same++;
                                else if (total - same <= 3)
                                    printf("# %s, width %g: \"%s\"\n# short cut:\n%s# layout:\n%s", langs[l],
                                           widths[w], texts[i], f, r);
                                g_free(f);
                                g_free(r);
                            }
                            char *rf = describe_refit(fast, texts[i], &st, widths[w]);
                            if (rf) {
                                char *r = describe(slow, texts[i], &st, widths[w]);
                                refits++;
                                if (strcmp(rf, r) == 0)
                                    refit_same++;
                                else if (refits - refit_same <= 3)
                                    printf("# %s, width %g: \"%s\"\n# refitted:\n%s# layout:\n%s", langs[l],
                                           widths[w], texts[i], rf, r);
                                g_free(r);
                                g_free(rf);
                            }
                        }
                    ok(same == total, "%s %.1f pt%s%s%s, align %d, max_lines %d: %d of %d texts drawn alike",
                       langs[l], st.size, st.bold ? " bold" : "", st.italic ? " italic" : "",
                       st.family ? " (wqy)" : "", (int)aligns[a], cap, same, total);
                    /* Most of the texts are simple lines, and most fit most widths. */
                    ok(refits >= 40 && refit_same == refits,
                       "%s %.1f pt%s, align %d, max_lines %d: %d of %d refitted texts drawn alike", langs[l],
                       st.size, st.bold ? " bold" : "", (int)aligns[a], cap, refit_same, refits);
                }
    }
    br_fonts_free(fast);
    br_fonts_free(slow);
    br_fontset_free(set);
    br_diag_free(diag);
    g_free(dir);
    return done();
}
