/* paper: the one table of paper sizes, for everything that names one (a
 * layout's page.size, --sheet, a build file's "sheet").
 *
 * A name is one of A3, A4, A5, Letter, Legal, Tabloid (exact case), or
 * WxHmm with W and H in millimetres (decimals allowed, 10..2000), e.g.
 * "210x297mm".  Sizes are portrait (width <= height) for the names and as
 * written for WxHmm; orientation is the caller's business.  No state.
 */
#ifndef BR_PAPER_H
#define BR_PAPER_H

#include <stdbool.h>

#define BR_PT_PER_MM (72.0 / 25.4)

/* The size of the paper called name, in points.  OUT: *width, *height.
 * False (and the outputs untouched) when name is no known size.  Never
 * fails otherwise; thread-safe. */
bool br_paper_lookup(const char *name, double *width, double *height);

/* The allowed names, for messages: "A3, A4, A5, Letter, Legal, Tabloid or
 * WxHmm (e.g. 210x297mm)".  Static. */
const char *br_paper_names(void);

#endif
