/* layout_private: the parsed form of a layout, shared by the modules that
 * read it (layout_read.c), draw its blocks (blocks.c) and paginate it
 * (layout.c).  Not part of the library's API. */
#ifndef BR_LAYOUT_PRIVATE_H
#define BR_LAYOUT_PRIVATE_H

#include <stdbool.h>

#include "charts/chart.h"
#include "base/digest.h"
#include "layout/layout.h"

typedef enum {
    B_TITLE,     /* set title, subtitle, "as of" date and publisher */
    B_TEXT,      /* a paragraph: Pango markup with {placeholders}; "summary" is one */
    B_KEYFIGS,   /* key-figure row */
    B_HEADING,   /* section heading, level 1 or 2: an outline entry */
    B_CHART,     /* any chart kind, tables included */
    B_SOURCES,   /* the list of sources */
    B_NOTES,     /* every observation note of the set, by indicator */
    B_IMAGE,     /* a PNG (logo) */
    B_COLUMNS,   /* child blocks side by side in N columns */
    B_PROFILE,   /* the focus entity's figures and ranks */
    B_SPACER,
    B_PAGEBREAK,
    B_TOPICS     /* a section per topic of the set, charts chosen from the data (topics.c) */
} block_type;

/* A text in several languages; lang "" matches any (i18n/lang.h picks). */
typedef br_lang_text lang_text;

typedef struct block block;
struct block {
    block_type type;
    const char *path;        /* "blocks[3]", for messages; chart.file/line/col say where */
    bool expanded;           /* made by a topics block (path is the topics block's) */
    br_chart_spec chart;     /* B_CHART, B_KEYFIGS */
    const lang_text *texts;  /* B_TEXT, B_HEADING; B_TITLE overrides */
    size_t n_texts;
    const lang_text *subtexts; /* B_TITLE: subtitle override */
    size_t n_subtexts;
    bool markup;             /* B_TEXT */
    int level;               /* B_HEADING: 1 or 2 */
    double height;           /* B_SPACER */
    br_image image;          /* B_IMAGE, decoded when the layout is read */
    double image_width;      /* points */
    br_align align;          /* B_IMAGE */
    block *children;         /* B_COLUMNS */
    size_t n_children;
    int columns;
    const char *const *topics; /* B_TOPICS: the topics to show, in order (none: all) */
    size_t n_topics;
    int top;                   /* B_TOPICS: entities in ranked charts (0: the default) */
    int per_topic;             /* B_TOPICS: charts per topic at most (0: all) */
    int max_topics;            /* B_TOPICS: topics at most (0: all) */
};

/* Expands a B_TOPICS block into headings and charts for the set of c:
 * appends them to out (a GArray of block).  Strings they need are kept in
 * keep (a GPtrArray that frees with g_free) until the render ends. */
void br_topics_expand(const br_chart_ctx *c, const block *b, GArray *out, GPtrArray *keep);

/* Header or footer: left and right templates. */
typedef struct {
    const lang_text *left, *right;
    size_t n_left, n_right;
    bool present;
} furniture;

struct br_layout {
    const char *file;
    double page_w, page_h;
    double margin_top, margin_right, margin_bottom, margin_left;
    int max_pages;           /* page.max_pages: blocks that would pass it are left out (0: no limit) */
    block *blocks;
    size_t n_blocks;
    furniture header, footer;
    /* Theme overrides (NULL/0: DESIGN.md's defaults). */
    const char *font_family;
    int font_family_line, font_family_col; /* for the message when it is not a project font */
    double body_size, title_size;
    bool has_text_color, has_accent;
    br_color text_color, accent;
    br_color categories[7];
    int n_categories;
    const br_file_id *inputs; /* the layout's file and its images (an output must not replace them) */
    size_t n_inputs;
    /* The fingerprint of the layout's bytes and of each image file's, in
     * the order read (--skip-unchanged). */
    char digest[BR_DIGEST_HEX_SIZE];
};

/* Expands {placeholders} in a template: {title} {subtitle} {date}
 * {publisher} {id} {summary} {regions} {focus} {page} {pages}.  With
 * markup, the values are escaped for Pango markup (except {summary}, which
 * is markup already).  page <= 0 leaves {page} and {pages} empty.
 * g_free the result. */
char *br_layout_expand(const br_chart_ctx *c, const char *tmpl, bool markup, int page, int pages);

/* Draws block b (not a table; dev NULL measures) and returns its height. */
double br_block_draw(br_chart_ctx *c, const br_layout *l, const block *b, br_device *dev, double x, double y,
                     double w);

/* Sources and notes split between their items: the number of items, the
 * heading (drawn on the first piece only), and item i; each returns the
 * height used (dev NULL measures). */
size_t br_list_block_count(const br_chart_ctx *c, const block *b);
double br_list_block_head(br_chart_ctx *c, const block *b, br_device *dev, double x, double y, double w);
double br_list_block_item(br_chart_ctx *c, const block *b, size_t i, br_device *dev, double x, double y, double w);

/* Item i of a notes list as the paragraphs it is drawn as (at most two:
 * the indicator's name, the note), at width w, and the space after the
 * item: how an item taller than a page splits between lines.  OUT:
 * texts[0..n) (br_text_free each), *after.  Returns n; 0 for lists that
 * do not split so (sources, profiles). */
size_t br_list_block_item_texts(br_chart_ctx *c, const block *b, size_t i, double w, br_text **texts,
                                double *after);

/* The heading text of b in the rendered language. */
const char *br_block_heading(const br_chart_ctx *c, const block *b);
/* The bookmark of a block: the text of a heading, the title a notes or
 * sources list is drawn under (when it has items); NULL for a block that
 * has none.  The one rule for which blocks appear in the outline. */
const char *br_block_outline_title(const br_chart_ctx *c, const block *b);

#endif
