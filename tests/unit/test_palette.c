/* palette: the colours charts use stay apart in gray (issue 14 B).  Any
 * two categories of the house theme (which every shipped layout uses: none
 * sets theme.category_colors; tests/e2e/colour.sh checks that they load
 * without the lightness warning) differ by BR_MIN_LIGHTNESS_GAP units of
 * CIE L* or carry different planned patterns; so do the line dashes the
 * patterns give; classes of values and period ramps differ in lightness
 * alone.  And the plan separates what it can for palettes of one
 * lightness, and says so when it cannot. */
#include <math.h>

#include "charts/context.h"
#include "charts/paint.h"
#include "tap.h"

static double gap(br_color a, br_color b)
{
    return fabs(br_color_lightness(a) - br_color_lightness(b));
}

/* Every pair of n colours separated by lightness or pattern? */
static int all_separated(const br_color *c, const int *hatch, int n, int *bad_a, int *bad_b)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            if (gap(c[i], c[j]) < 15.0 && hatch[i] == hatch[j]) {
                *bad_a = j, *bad_b = i;
                return 0;
            }
    return 1;
}

static int same_stroke(br_stroke a, br_stroke b)
{
    if (a.n_dashes != b.n_dashes)
        return 0;
    for (int k = 0; k < a.n_dashes; k++)
        if (a.dashes[k] != b.dashes[k])
            return 0;
    return 1;
}

int main(void)
{
    br_theme t = br_theme_default();
    br_color cats[8];
    for (int i = 0; i < 7; i++)
        cats[i] = t.categories[i];
    cats[7] = t.other;
    int a = -1, b = -1;
    ok(all_separated(cats, t.hatch, 8, &a, &b), "house categories and other: every pair 15 L* apart or patterned (%d, %d)",
       a, b);
    int patterned = 0;
    for (int i = 0; i < 8; i++)
        patterned += t.hatch[i] != BR_HATCH_NONE;
    ok(patterned > 0 && patterned < 8, "the plan patterns some categories, not all (%d of 8)", patterned);
    ok(t.hatch[0] == BR_HATCH_NONE, "the first category is plain");
    /* Lines carry the pattern as a dash: two lines alike in lightness
     * differ in dash. */
    int dash_ok = 1;
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < i; j++)
            if (gap(cats[i], cats[j]) < 15.0 &&
                same_stroke(br_chart_line_stroke(1.5, t.hatch[i]), br_chart_line_stroke(1.5, t.hatch[j])))
                dash_ok = 0, a = j, b = i;
    ok(dash_ok, "line series alike in lightness have different dashes (%d, %d)", a, b);
    for (int p = 0; p < BR_HATCH_PATTERNS; p++) {
        br_stroke s = br_chart_line_stroke(1.5, p);
        int whole = s.n_dashes > 0;
        for (int k = 0; k < s.n_dashes; k++)
            whole = whole && s.dashes[k] >= 1 && s.dashes[k] == floor(s.dashes[k]);
        ok(whole, "dash of pattern %d: whole points, at least 1", p);
    }
    /* Sequential classes (tile maps, mosaics) and period ramps: neighbours
     * by lightness alone. */
    double min_seq = 100;
    for (int i = 1; i < 5; i++)
        min_seq = fmin(min_seq, gap(t.sequential[i], t.sequential[i - 1]));
    ok(min_seq >= 15.0, "sequential classes at least 15 L* apart (%.1f)", min_seq);
    double min_ramp = 100;
    for (int n = 1; n < 3; n++)
        for (int i = 1; i <= n; i++)
            min_ramp = fmin(min_ramp, gap(t.period_ramp[n][i], t.period_ramp[n][i - 1]));
    ok(min_ramp >= 15.0, "period ramps at least 15 L* apart (%.1f)", min_ramp);
    /* Seven colours of one lightness: the six patterns and "none" still
     * separate them; an eighth cannot be. */
    br_color flat[8];
    for (int i = 0; i < 8; i++)
        flat[i] = br_color_rgb(0.45 + 0.01 * i, 0.45, 0.45 - 0.01 * i, 1);
    int hatch[8];
    a = b = -1;
    ok(br_chart_plan_hatching(flat, 7, hatch, &a, &b) && all_separated(flat, hatch, 7, &a, &b),
       "seven colours of one lightness: separated by patterns");
    a = b = -1;
    int eight = br_chart_plan_hatching(flat, 8, hatch, &a, &b);
    ok(!eight && a >= 0 && a < b && b == 7, "eight: the plan reports the pair left alike (%d, %d)", a, b);
    /* Colours far apart in lightness need no pattern. */
    br_color steps[5];
    for (int i = 0; i < 5; i++)
        steps[i] = br_color_rgb(0.2 * i, 0.2 * i, 0.2 * i, 1);
    int plain = br_chart_plan_hatching(steps, 5, hatch, NULL, NULL);
    for (int i = 0; i < 5; i++)
        plain = plain && hatch[i] == BR_HATCH_NONE;
    ok(plain, "greys 0, 0.2 .. 0.8 need no pattern");
    return done();
}
