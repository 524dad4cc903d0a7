/* words: every word briefing itself puts on a page, in each language it
 * knows (en, de, zh), in one table.
 *
 * Charts and blocks never write a word of their own: a new word is a new
 * field here, filled in for every language, so no language can lack it.
 * Formats with two counts (regions_reported, top_of, rank_of, ...) take two
 * %s, filled with numbers formatted for the language (charts/chart_common.h
 * br_count_phrase); a format with one count takes one %s.  Separators carry
 * their own spacing: ": " in English and German, "：" in Chinese.
 */
#ifndef BR_WORDS_H
#define BR_WORDS_H

#include "base/noun.h"

typedef struct br_words {
    /* page furniture */
    const char *page_of;          /* "Page %d of %d" (two %d) */
    const char *as_of;            /* "As of %s" (a date) */
    const char *source, *sources; /* before a list of one / several sources */
    const char *notes;            /* heading of the notes appendix */
    const char *continued;        /* "continued" */
    /* separators */
    const char *colon, *comma, *semicolon;
    const char *list_comma;               /* between items of a list of names ("、" in Chinese) */
    const char *paren_open, *paren_close; /* " (" and ")" */
    const char *and_;                     /* " and " before the last of several names */
    /* dates */
    const char *months[12];      /* abbreviated, for periods on charts */
    const char *months_full[12]; /* for dates in text */
    /* charts */
    const char *no_data;
    const char *regions_reported[BR_NOUN_COUNT]; /* "%s of %s regions reported", by the set's noun */
    const char *top_of;           /* "top %s of %s" */
    const char *rank_of;          /* "%s of %s" (a rank) */
    const char *shown_top;        /* line charts: "top %s of %s shown" */
    const char *shown_some;       /* line charts: "%s of %s shown" */
    const char *log_scale, *mixed_periods;
    const char *other;            /* legend entry of entities without a group */
    const char *national;
    const char *rest;             /* the remainder of a whole ("rest of world") */
    const char *percent_word;     /* axis title of a percent axis */
    const char *lower_bound_key;  /* stacked bars: "> total: not every part reported" */
    /* table */
    const char *table_title[BR_NOUN_COUNT]; /* "Indicators by region" */
    const char *table_region[BR_NOUN_COUNT]; /* name column header ("Region", "Country") */
    const char *table_rank;       /* rank column header */
    const char *table_continued;  /* " (continued)", after the title of a continued table */
    const char *table_part;       /* " (%s of %s)", after the title of a table split by its columns */
    const char *more_indicator;   /* "1 more indicator not shown." */
    const char *more_indicators;  /* "%s more indicators not shown." */
    const char *n_regions[BR_NOUN_COUNT]; /* "%s regions" */
    const char *table_no_data;    /* key of the missing-value mark: "– no data" */
    /* tile maps and the innovation mosaic */
    const char *mosaic_title[BR_NOUN_COUNT]; /* "Where each region specialises" */
    const char *with_focus[BR_NOUN_COUNT];   /* "%s of %s regions with a listed focus" */
    const char *colour_by;        /* "colour: %s" */
    const char *more_regions[BR_NOUN_COUNT]; /* "… and %s more regions" */
    /* the set's own words */
    const char *scale_word[4];    /* "", "thousands", "millions", "billions" (the unit of scaled values) */
    const char *highest, *lowest; /* key figures without a reference: "highest", "lowest" */
    const char *largest;          /* ... of a neutral indicator */
    const char *more_indicators_shown; /* "%s of %s indicators" */
    const char *rank_mark;        /* "%s." before a rank number */
    const char *no_focus;         /* "no focus listed" */
} br_words;

/* The tables (words.c); callers reach them through br_locale_for(). */
extern const br_words br_words_en, br_words_de, br_words_zh;

#endif
