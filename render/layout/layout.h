/* layout: reads a layout file (layouts/NAME.json, format
 * "briefing-layout/1") and turns a layout plus an indicator set into pages.
 *
 * A layout is data: page size and margins, a theme, header and footer
 * templates, and a list of blocks (title, summary, key figures, heading,
 * chart, sources, notes, image, columns, profile, spacer, page break).
 * Blocks choose indicators by topic and unit, or by id, so a layout fits
 * any valid set.  Errors are reported like set errors: FILE:LINE:COL:
 * path: message.  The format is documented in briefing-layout(5).
 *
 * Pagination (design note in layout.c): every block is drawn once into a
 * recording, which gives its height; paragraphs, tables and lists are
 * split into units of known height.  Blocks are then placed top to bottom
 * and only then are pages drawn, so "Page X of Y" knows Y.
 */
#ifndef BR_LAYOUT_H
#define BR_LAYOUT_H

#include "base/arena.h"
#include "base/diag.h"
#include "charts/context.h"
#include "device/pages.h"
#include "io/file.h"
#include "text/text.h"

typedef struct br_layout br_layout;

/* Reads the layout file at path (display_name for messages); with fonts,
 * its theme's font family must be one of them.  The layout lives in arena.
 * OUT: *out. */
br_status br_layout_read_file(const char *path, const char *display_name, br_fontset *fonts, br_arena *arena,
                         br_diag *diag, br_layout **out) BR_MUST_CHECK;

/* The same for a buffer of len bytes; base_dir resolves image files
 * (NULL: the current directory), which must lie inside it
 * (br_file_resolve_inside).  Each image file is decoded once, however
 * many blocks show it (io/image.h has the limits). */
br_status br_layout_read_buffer(const char *data, size_t len, const char *display_name, const char *base_dir,
                                br_fontset *fonts, br_arena *arena, br_diag *diag, br_layout **out) BR_MUST_CHECK;

/* The rule for what names a layout (briefing.h br_engine_layout): a name
 * with a '/' or ending in ".json" is a file's path, any other the name of
 * a layout in the layouts folder. */
bool br_layout_name_is_path(const char *name);

/* The files the layout was read from: its own (unless read from a
 * buffer) and its images; borrowed, *n of them. */
const br_file_id *br_layout_inputs(const br_layout *layout, size_t *n);
/* The fingerprint of the layout's bytes and its images' (hex, borrowed). */
const char *br_layout_digest(const br_layout *layout);

/* Lays out and draws the set into pages (appended).  ctx holds the set,
 * fonts, language and focus; the layout's theme is applied to a copy. */
br_status br_layout_render(const br_layout *layout, const br_chart_ctx *ctx, br_pages *pages) BR_MUST_CHECK;

/* Does the layout need a focus entity (a profile block, or "$focus")? */
bool br_layout_uses_focus(const br_layout *layout);

#endif
