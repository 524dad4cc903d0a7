/* numfmt and scale: number formats by language and nice ticks. */
#include <math.h>
#include <string.h>

#include "charts/context.h"
#include "i18n/lang.h"
#include "i18n/locale.h"
#include "i18n/numfmt.h"
#include "charts/scale.h"
#include "tap.h"

static int is(const char *got, const char *want, const char *what)
{
    return ok(strcmp(got, want) == 0, "%s: \"%s\" (want \"%s\")", what, got, want);
}

int main(void)
{
    char b[BR_NUM_BUF];
    br_numfmt en = br_locale_for("en")->nf, de = br_locale_for("de-DE")->nf, zh = br_locale_for("zh-Hans")->nf,
              xx = br_locale_for("tlh")->nf, upper = br_locale_for("DE")->nf;
    is(br_numfmt_number(&en, 220000, 0, b), "220,000", "en thousands");
    is(br_numfmt_number(&de, 220000.5, 1, b), "220.000,5", "de thousands and decimal comma");
    is(br_numfmt_number(&zh, 220000.5, 1, b), "220,000.5", "zh like en");
    is(br_numfmt_number(&xx, 1234, 0, b), "1,234", "unknown language formats as English");
    is(br_numfmt_number(&upper, 68780, 0, b), "68.780", "tags ignore case: DE is German");
    ok(br_locale_for("DE")->words == br_locale_for("de")->words, "DE and de share one word table");
    ok(br_locale_for("zh-Hant-TW")->id == BR_LANG_ZH, "zh-Hant-TW is Chinese");
    ok(!br_locale_known("fr") && br_locale_known("De-at"), "known languages by primary subtag");
    ok(br_lang_same_primary("de-AT", "DE") && !br_lang_same_primary("de", "dea") && !br_lang_same_primary("", ""),
       "primary subtags compare whole and ignore case");
    {
        br_lang_text t[] = {{"en", "one"}, {"de", "eins"}, {"zh-Hans", "一"}};
        br_lang_text any[] = {{"fr", "un"}, {"", "any"}};
        ok(strcmp(br_lang_pick(t, 3, "DE", BR_LANG_STRICT), "eins") == 0, "pick: case-insensitive exact tag");
        ok(strcmp(br_lang_pick(t, 3, "zh", BR_LANG_STRICT), "一") == 0, "pick: same primary language");
        ok(br_lang_pick(t, 3, "fr", BR_LANG_STRICT) == NULL, "pick: strict gives nothing for another language");
        ok(strcmp(br_lang_pick(t, 3, "fr", BR_LANG_ANY), "one") == 0, "pick: any falls back to English");
        ok(strcmp(br_lang_pick(any, 2, "de", BR_LANG_ANY), "any") == 0, "pick: a text for any language first");
    }
    is(br_numfmt_number(&en, 999, 0, b), "999", "no separator below 1000");
    is(br_numfmt_number(&en, 1000, 0, b), "1,000", "separator from 1000");
    is(br_numfmt_number(&en, 1234567.891, 2, b), "1,234,567.89", "millions with decimals");
    is(br_numfmt_number(&en, -1500, 0, b), "-1,500", "negative numbers: a hyphen-minus every font has");
    is(br_numfmt_number(&en, -0.001, 1, b), "0.0", "no negative zero");
    is(br_numfmt_number(&en, 0.05, 0, b), "0", "rounds to the decimals");
    br_numfmt_number(&en, 1e300, 6, b);
    ok(strlen(b) > 300 && strlen(b) < BR_NUM_BUF, "huge finite values fit the buffer (%zu bytes)", strlen(b));
    is(br_numfmt_value(&en, 93, 0, "percent", BR_QUALIFIER_OVER, b), ">\xC2\xA0" "93%", "en qualifier and percent");
    is(br_numfmt_value(&de, 93, 0, "percent", BR_QUALIFIER_NONE, b), "93\xC2\xA0%", "de percent with no-break space");
    is(br_numfmt_value(&en, 60, 0, "percent", BR_QUALIFIER_ABOUT, b), "~\xC2\xA0" "60%", "about");
    is(br_numfmt_value(&en, 220000, 0, "PFLOPS", BR_QUALIFIER_NONE, b), "220,000", "other units stay in titles");
    is(br_numfmt_compact(&en, 220000, 50000, 250000, b), "220k", "compact k");
    is(br_numfmt_compact(&en, 5000, 5000, 25000, b), "5k", "one suffix for the whole axis");
    is(br_numfmt_compact(&en, 5000, 5000, 5000, b), "5,000", "no suffix on axes below 10,000");
    is(br_numfmt_compact(&en, 500000, 500000, 1500000, b), "0.5M", "compact M with a decimal");
    is(br_numfmt_compact(&de, 220000, 50000, 250000, b), "220\xC2\xA0Tsd.", "compact Tsd.");
    is(br_numfmt_compact(&zh, 220000, 50000, 250000, b), "22\xE4\xB8\x87", "compact wan");
    is(br_numfmt_compact(&en, 0, 50000, 250000, b), "0", "zero has no suffix");
    is(br_numfmt_compact(&en, 500, 100, 500, b), "500", "small numbers plain");

    br_scale s = br_scale_linear(0, 23676, 5, 0, 100);
    ok(s.lo == 0 && s.hi >= 23676, "linear domain covers the data: %g..%g", s.lo, s.hi);
    ok(s.step == 5000, "nice step 5000 (got %g)", s.step);
    int nice = 1;
    for (int i = 0; i < s.n_ticks; i++) {
        double m = s.ticks[i] / pow(10, floor(log10(fabs(s.ticks[i]) + 1e-300)));
        nice &= s.ticks[i] == 0 || fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9 ||
                fmod(s.ticks[i], s.step) == 0;
    }
    ok(nice, "every tick is a multiple of the step");
    ok(fabs(br_scale_map(&s, s.hi) - 100) < 1e-9 && br_scale_map(&s, 0) == 0, "maps the domain to the range");
    br_scale one = br_scale_linear(0, 0, 5, 0, 100);
    ok(one.hi > one.lo && one.n_ticks >= 2, "all-zero data still gives an axis");
    br_scale neg = br_scale_linear(-37, 120, 5, 0, 100);
    ok(neg.lo <= -37 && neg.hi >= 120 && br_scale_map(&neg, 0) > 0, "negative values extend the domain below zero");
    br_scale lg = br_scale_log(23, 23676, 0, 100);
    ok(lg.log && lg.lo == 10 && lg.hi == 100000 && lg.n_ticks == 5, "log ticks at powers of ten");
    ok(fabs(br_scale_map(&lg, 1000) - 50) < 1e-9, "log maps 1000 to the middle of 10..100000");
    ok(br_scale_nice_step(1, 10) == 0.1, "steps below one");
    return done();
}
