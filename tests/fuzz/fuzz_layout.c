/* Fuzz target: the layout reader (layout/layout_read.c) on any bytes,
 * with the project's font set so that a theme's font family is checked
 * too.  Checks for crashes, sanitizer reports and leaks, not output.
 * Built with libFuzzer when -Dfuzzing=true; replay.c runs it over
 * corpus-layout/ as an ordinary test. */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/layout.h"
#include "text/text.h"
#include "fuzz_common.h"

/* Made once: loading the fonts per input would be most of the time.  The
 * font set is read-only for the layout reader. */
static br_fontset *fontset;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fontset) {
        br_diag *d = br_diag_new(0);
        char *dir = g_build_filename(fuzz_srcdir(), "fonts", NULL);
        if (br_fontset_new(dir, d, &fontset) != BR_OK)
            g_error("fuzz_layout: cannot load the fonts in %s", dir);
        g_free(dir);
        br_diag_free(d);
    }
    br_arena *arena = br_arena_new();
    br_diag *diag = br_diag_new(50);
    br_layout *layout = NULL;
    /* Image files resolve against a folder with none in it. */
    if (br_layout_read_buffer((const char *)data, size, "fuzz-layout.json", "/nonexistent", fontset, arena, diag,
                              &layout) == BR_OK)
        (void)br_layout_uses_focus(layout);
    fuzz_format_diag(diag);
    br_diag_free(diag);
    br_arena_free(arena);
    return 0;
}
