/* Helpers the fuzz targets share: where the project's data is (fonts,
 * layouts), and freeing a diag's formatted messages the way a caller
 * would, so that formatting every diagnostic is fuzzed too. */
#ifndef BR_FUZZ_COMMON_H
#define BR_FUZZ_COMMON_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "briefing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The source tree (fonts/, layouts/): SRCDIR from the test environment,
 * else the tree this target was built from. */
static inline const char *fuzz_srcdir(void)
{
    const char *s = g_getenv("SRCDIR");
    return s && *s ? s : BR_FUZZ_SRCDIR;
}

static inline void fuzz_format_diag(const br_diag *diag)
{
    for (size_t i = 0; i < br_diag_count(diag); i++) {
        char *line = br_diag_format(br_diag_item_at(diag, i));
        br_free(line);
    }
}

#endif
