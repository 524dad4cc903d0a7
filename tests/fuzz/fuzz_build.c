/* Fuzz target: the build file reader (api/build.c: json_in, the keys,
 * defaults and templates of briefing-build(5)) on any bytes, and every
 * output path of what it accepts.  Checks crashes, sanitizer reports and
 * leaks, and the reader's promises: a build has at least one job, every
 * job a set and an output folder or template, a template expands to a
 * path ending in .pdf with no brace left when the values have none, every
 * error has a position.  Built with libFuzzer when -Dfuzzing=true;
 * replay.c runs it over corpus-build/ and tests/build. */
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    br_diag *diag = br_diag_new(50);
    br_build *build = NULL;
    br_status st = br_build_load_buffer((const char *)data, size, "fuzz.json", "/base", diag, &build);
    if (st == BR_OK) {
        if (br_build_n_jobs(build) == 0 || br_diag_error_count(diag) != 0)
            abort();
        for (size_t i = 0; i < br_build_n_jobs(build); i++) {
            const br_build_job *j = br_build_job_at(build, i);
            if (j->n_sets == 0 || !j->sets[0] || !j->where || (!j->output) == (!j->output_dir))
                abort();
            char *path = br_build_output_path(j, "set-id", j->n_langs ? j->langs[0] : "en",
                                              j->focus ? "R001" : NULL);
            /* Only a layout file's name can bring braces into a path. */
            int braces_ok = j->layout_name && strpbrk(j->layout_name, "{}");
            if (j->output && (!path || !g_str_has_suffix(path, ".pdf") ||
                              (!braces_ok && (strchr(path, '{') || strchr(path, '}'))) || path[0] != '/'))
                abort(); /* relative templates resolve against /base */
            br_free(path);
        }
        if (br_build_job_at(build, br_build_n_jobs(build)))
            abort();
    } else {
        for (size_t i = 0; i < br_diag_count(diag); i++)
            if (br_diag_item_at(diag, i)->severity == BR_SEV_ERROR && br_diag_item_at(diag, i)->line < 1 &&
                st != BR_ERR_NOMEM)
                abort(); /* every problem of a build file is at its place */
    }
    fuzz_format_diag(diag);
    br_build_free(build);
    br_diag_free(diag);
    return 0;
}
