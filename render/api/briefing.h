/* briefing.h: the public C API of libbriefing.
 *
 * Rendering is a pure function of its inputs (the set file, the layout
 * file, the project's fonts, the options): no global mutable state, so
 * several documents may render in parallel threads, each with its own call.
 * Output stays in memory in a br_writer; writing it to disk (atomically) is
 * the caller's business, see main.c.
 */
#ifndef BRIEFING_H
#define BRIEFING_H

#include <stdint.h>

#include "base/diag.h"
#include "api/writer.h"

typedef struct br_render_options {
    const char *set_path;    /* the indicator set; "-" reads standard input */
    const char *set_display; /* the name used in messages (NULL: set_path) */
    const char *layout;      /* a layout name from DATA_DIR/layouts, or a path; NULL: "briefing" */
    const char *data_dir;    /* holds layouts/ and fonts/ */
    const char *lang;        /* BCP 47 tag to render in (names{}, translations{}, number and
                                date formats, page furniture); NULL: the set's language */
    const char *focus;       /* entity id a profile is about ("$focus" in layouts); NULL: none */
    br_format format;
    double dpi;                /* PNG resolution */
    int64_t source_date_epoch; /* document date; < 0: the set's `date` */
} br_render_options;

/* Defaults: layout "briefing", PDF, 96 dpi, no SOURCE_DATE_EPOCH. */
void br_render_options_init(br_render_options *options);

/* Reads and validates the set and the layout, lays out and draws the
 * document.  OUT: *out, the writer holding the output files (free it with
 * br_writer_free).  Every problem goes to diag. */
br_status br_render(const br_render_options *options, br_diag *diag, br_writer **out) BR_MUST_CHECK;

/* The set's id and the ids of its regions, in file order (for --focus
 * all). OUT: *set_id (g_free) and *region_ids (g_strfreev). */
br_status br_list_regions(const char *path, const char *display, br_diag *diag, char **set_id,
                          char ***region_ids) BR_MUST_CHECK;

/* Validates a set file; problems go to diag. */
br_status br_check(const char *path, const char *display, br_diag *diag) BR_MUST_CHECK;

/* The resolved path of a layout name (or the path itself). g_free it. */
char *br_layout_path(const char *data_dir, const char *layout);

/* The library's version string. */
const char *br_version(void);

#endif
