/* dlist: a display list, a device that records every call of one page so it
 * can be replayed into any other device later (MuPDF's fz_display_list).
 *
 * The PDF back end needs it: fonts are subset once all the text of the
 * document is known, so pages are recorded first and written at the end.
 * The recording owns deep copies of the paths and text it was given; font
 * faces are borrowed from the br_fonts that made them, and image pixels
 * from whoever decoded them (a layout, which outlives every document made
 * with it), so an image shown many times is held once.
 */
#ifndef BR_DLIST_H
#define BR_DLIST_H

#include "device/device.h"

typedef struct br_dlist br_dlist;

/* An empty recording of a page of width x height points (NULL when out of memory). */
br_dlist *br_dlist_new(double width, double height);
void br_dlist_free(br_dlist *list);

/* The recording device; borrowed, lives as long as the list. */
br_device *br_dlist_device(br_dlist *list);

double br_dlist_width(const br_dlist *list);
double br_dlist_height(const br_dlist *list);

/* Replays every recorded call into target (whose own page transform
 * applies). Returns the target's status. */
br_status br_dlist_replay(const br_dlist *list, br_device *target);

/* The same with every coordinate moved by m first: how a block recorded
 * once at the origin is drawn where pagination puts it.  m may translate
 * and scale both axes alike (text has no matrix of its own); anything else
 * fails the target with BR_ERR_UNSUPPORTED. */
br_status br_dlist_replay_transformed(const br_dlist *list, br_device *target, const br_matrix *m);

/* Calls fn for every recorded text run, in drawing order. */
void br_dlist_each_text(const br_dlist *list,
                        void (*fn)(const br_text_run *run, void *data),
                        void *data);

#endif
