/* layout: reads a layout file (layouts/NAME.json, format
 * "briefing-layout/1") and turns a layout plus an indicator set into pages.
 *
 * A layout is data: page size and margins, and a list of blocks (title,
 * summary, key figures, heading, chart, sources, spacer, page break).  Blocks
 * choose indicators by topic and unit, not by id, so a layout fits any valid
 * set.  Errors are reported like set errors: FILE:LINE:COL: path: message.
 *
 * Pagination (design note): every block is measured first by drawing it to
 * no device (the chart code returns the height it would use); blocks are
 * then placed top to bottom, a block that does not fit the rest of a page
 * moves to the next (blocks keep together; a heading keeps with the block
 * after it).  Only then are pages drawn, so "Page X of Y" knows Y.
 */
#ifndef BR_LAYOUT_H
#define BR_LAYOUT_H

#include "base/arena.h"
#include "charts/chart_common.h"
#include "base/diag.h"
#include "api/writer.h"

typedef struct br_layout br_layout;

/* Reads the layout file at path (display_name for messages). The layout
 * lives in arena. OUT: *out. */
br_status br_layout_load(const char *path, const char *display_name, br_arena *arena, br_diag *diag,
                         br_layout **out) BR_MUST_CHECK;

/* Lays out and draws the set into writer's pages. */
br_status br_layout_render(const br_layout *layout, br_chart_ctx *ctx, br_writer *writer) BR_MUST_CHECK;

#endif
