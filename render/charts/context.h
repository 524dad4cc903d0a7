/* context: what a chart is drawn with, and the words it shows.
 *
 * - br_theme: sizes and colours of the house style (DESIGN.md), every
 *   colour a chart or block uses included, so a layout's theme can
 *   change any of them and no drawing code holds a literal colour.
 * - br_chart_ctx: the fonts, the set, the language rendered (its locale),
 *   the theme, where diagnostics go, and the focus entity of a profile.
 * - Display forms in the language rendered: entity, indicator and set
 *   names (names{} and translations{} when that language differs from
 *   the set's own), units, values with their qualifier sign, count phrases.
 */
#ifndef BR_CHART_CONTEXT_H
#define BR_CHART_CONTEXT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "device/device.h"
#include "i18n/dates.h"
#include "i18n/locale.h"
#include "i18n/numfmt.h"
#include "model/model.h"
#include "text/text.h"

typedef struct br_theme {
    const char *family;
    double title_size, subtitle_size, heading_size, body_size, body_leading;
    double chart_title_size, chart_subtitle_size, label_size, source_size, source_leading;
    double key_number_size, key_label_size;
    br_color text, secondary, grid, axis, source, muted, rest, highlight;
    br_color categories[7]; /* Okabe-Ito: groups and series */
    br_color other;         /* entities without a group */
    int hatch[8];           /* planned patterns of categories[0..6], then other (charts/paint.h) */
    br_color paper;         /* the page; separators between segments */
    br_color panel;         /* the "no data" panel */
    br_color stripe;        /* every other table row */
    br_color missing;       /* hatching and outline of a tile without data */
    br_color outline;       /* the edge of a very light tile */
    br_color subtitle;      /* a title block's subtitle */
    br_color sequential[5]; /* ColorBrewer Blues, light to dark: classes of values */
    br_color period_ramp[3][3]; /* for n + 1 periods: period_ramp[n][0..n], oldest first */
} br_theme;

/* The house style. */
br_theme br_theme_default(void);

typedef struct br_chart_ctx {
    br_fonts *fonts;
    const br_set *set;
    const char *lang;     /* the language rendered: --lang, else the set's */
    const br_locale *loc; /* its words and formats */
    br_numfmt nf;         /* loc->nf */
    const br_words *str;  /* loc->words */
    br_theme theme;
    br_diag *diag;
    const br_entity *focus; /* --focus: the entity a profile is about, or NULL */
    char **labels;          /* per entity: a disambiguated label, or NULL (owned) */
    struct br_chart_strings *owned; /* strings made on demand (topic labels), owned */
} br_chart_ctx;

/* What a context makes on demand; copies of a context share it.  Blocks
 * keep lists they would otherwise recompute per item here (under lock). */
typedef struct br_chart_strings {
    pthread_mutex_t lock;
    GHashTable *table;   /* strings by key */
    GPtrArray *lists[4]; /* per BR_CACHE_*, freed with the context */
} br_chart_strings;

enum { BR_CACHE_NOTES, BR_CACHE_PROFILE, BR_CACHE_N };

/* A context for drawing set in lang (the set's language when NULL): its
 * locale, the default theme, no focus.  Never fails.  br_chart_ctx_clear
 * releases what it made (copies of a context share it: clear once). */
void br_chart_ctx_init(br_chart_ctx *c, br_fonts *fonts, const br_set *set, const char *lang, br_diag *diag);
void br_chart_ctx_clear(br_chart_ctx *c);

/* A whole's name in the language rendered. */
const char *br_whole_label(const br_chart_ctx *c, const br_whole *w);

/* A topic's display name: the set's `topics` entry (translated), else the
 * slug in words ("clean-energy" reads "Clean energy"); never the raw slug. */
const char *br_topic_label(const br_chart_ctx *c, const char *slug);

/* Display forms (borrowed strings that live as long as the set). */
const char *br_entity_label(const br_chart_ctx *c, const br_entity *e);
/* The key entities sort by in name order, the same for every chart:
 * the label case-folded and compatibility-decomposed ("Ä" with "A"; CJK
 * by code point), independent of the machine's locale.  g_free it. */
char *br_entity_sort_key(const br_chart_ctx *c, const br_entity *e);
const char *br_indicator_label(const br_chart_ctx *c, const br_indicator *ind);
const char *br_set_title(const br_chart_ctx *c);
const char *br_set_subtitle(const br_chart_ctx *c); /* may be NULL */
const char *br_set_summary(const br_chart_ctx *c);  /* may be NULL */
/* False when the document is rendered in another language than the set's
 * and the set has no translation for it: its own texts stay in its
 * language (a mixed document, worth a warning). */
bool br_chart_ctx_translated(const br_chart_ctx *c);

/* The unit as titles show it: "" for counts, "%" for percent units (whose
 * values carry the sign), else the symbol in the language rendered; with
 * the display scale ("millions").  g_free it. */
char *br_unit_label(const br_chart_ctx *c, const br_indicator *ind);

/* Units whose values are written with a percent sign: percent, "%",
 * percent-change. */
bool br_unit_is_percent(const char *unit);

/* A value in the indicator's display scale (millions: divided by 10^6). */
double br_display_value(const br_indicator *ind, double value);

/* An observation's value as labels show it: scaled, formatted, unit sign,
 * qualifier (br_numfmt_value); into buf (BR_NUM_BUF bytes). */
char *br_value_text(const br_chart_ctx *c, const br_indicator *ind, double value, br_qualifier q, char *buf);
/* The label of tick k of an axis of ind's values (sc's domain in the set's
 * numbers): in the indicator's scale like its values ("1,400" for
 * millions), compact beyond ("1.4M"), with the step's decimals; a log
 * axis gives each tick its own suffix.  percent_sign: percent units end
 * in "%".  buf: BR_NUM_BUF bytes; returns buf. */
struct br_scale;
char *br_tick_text(const br_chart_ctx *c, const br_indicator *ind, const struct br_scale *sc, int k,
                   bool percent_sign, char *buf);

/* A value of an indicator as shown in labels: number, then the unit
 * ("93%", "220,000"; other units are left to titles), with the qualifier
 * sign before it ("> 93%", "~ 60%"); into buf (BR_NUM_BUF bytes). */
char *br_numfmt_value(const br_numfmt *f, double value, int decimals, const char *unit, br_qualifier q, char *buf);

/* fmt (two %s) with the counts a and b formatted as numbers of the
 * language ("31 of 3,000 regions reported"), into buf / newly allocated. */
void br_count_phrase(const br_chart_ctx *c, const char *fmt, size_t a, size_t b, char *buf, size_t size);
char *br_count_phrase_dup(const br_chart_ctx *c, const char *fmt, size_t a, size_t b);

#endif
