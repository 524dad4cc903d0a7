/* numfmt: numbers as the set's language writes them, without setlocale
 * (output must not depend on the machine's locale).
 *
 * en, zh: 220,000.5   de: 220.000,5   Percent: "93%" (en, zh), "93 %" (de,
 * with U+00A0).  Compact forms for axis ticks: 220k / 220 Tsd. / 22万.
 * Unknown languages format as English.  Pure functions; results are
 * written into a caller's buffer (at least BR_NUM_BUF bytes).
 */
#ifndef BR_NUMFMT_H
#define BR_NUMFMT_H

#include <stddef.h>



#define BR_NUM_BUF 640 /* room for any finite double, grouped */

/* Which words compact numbers use (k, Tsd., 万). */
typedef enum { BR_NUM_ENGLISH, BR_NUM_GERMAN, BR_NUM_CHINESE } br_num_style;

/* A language's conventions; br_locale_for(tag)->nf (locale.h) gives them. */
typedef struct br_numfmt {
    const char *group;   /* thousands separator (UTF-8) */
    const char *decimal; /* decimal mark */
    const char *percent; /* between number and "%": "" or U+00A0 */
    br_num_style style;
} br_numfmt;

/* value with exactly `decimals` digits after the mark, grouped. */
char *br_numfmt_number(const br_numfmt *f, double value, int decimals, char *buf);

/* value and a percent sign after it, as the language writes it ("93%",
 * "93 %"). */
char *br_numfmt_percent(const br_numfmt *f, double value, int decimals, char *buf);

/* A compact tick label (220k, 1.5M; 220 Tsd., 1,5 Mio.; 22万, 1.5亿).
 * Every tick of one axis gets the same suffix, chosen from axis_max (the
 * largest absolute tick): k from 10,000, M from 1,000,000, ... (万 from
 * 10,000, 亿 from 100,000,000); step is the tick step and decides the
 * decimals. */
char *br_numfmt_compact(const br_numfmt *f, double value, double step, double axis_max, char *buf);

#endif
