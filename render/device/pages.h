/* pages: the logical pages of one document, recorded (dlist.h), with the
 * outline entries that point into them.
 *
 * Layout draws a document into br_pages; a writer (api/writer.h) turns
 * them into output files of some format, possibly imposing them onto
 * sheets first (print/).  Nothing here knows any back end.
 */
#ifndef BR_PAGES_H
#define BR_PAGES_H

#include <stddef.h>

#include "device/dlist.h"

typedef struct br_pages br_pages;

/* An entry of the document outline (bookmarks). */
typedef struct br_outline_entry {
    const char *title; /* UTF-8 */
    int level;         /* 0 = top */
    size_t page;       /* 0-based logical page */
    double y;          /* points from the top of the page */
} br_outline_entry;

br_pages *br_pages_new(void);
void br_pages_free(br_pages *pages);

/* Starts a page of width x height points and returns its recording
 * device (borrowed until br_pages_end). */
br_device *br_pages_begin(br_pages *pages, double width, double height);
/* Ends the current page; returns its first error (an open clip is one).
 * A failed page is dropped. */
br_status br_pages_end(br_pages *pages) BR_MUST_CHECK;

/* An outline entry pointing at y on the current (begun) page. */
void br_pages_add_outline(br_pages *pages, const char *title, int level, double y);

size_t br_pages_count(const br_pages *pages);
const br_dlist *br_pages_at(const br_pages *pages, size_t i);
size_t br_pages_n_outline(const br_pages *pages);
const br_outline_entry *br_pages_outline_at(const br_pages *pages, size_t i);

#endif
