/* Fuzz target: a whole render, set to output, through the public API.
 *
 * Input: one options byte, then an indicator set (JSON), then optionally
 * a NUL byte and a layout (JSON) that replaces the shipped one (cJSON
 * fuzzers choose options the same way, by leading bytes).
 *   bits 0-1  the shipped layout: briefing, profile, onepager, briefing-letter
 *   bit 2     PDF (else the trace device, which is much faster)
 *   bit 3     a focus even when the layout needs none
 *   bits 4-7  which focus entity (modulo the set's)
 * Checks for crashes, sanitizer reports and leaks.  When BR_FUZZ_QPDF
 * names qpdf (the replay test sets it), every PDF made is also checked
 * with `qpdf --check`, and a PDF qpdf finds damaged aborts.  Built with
 * libFuzzer when -Dfuzzing=true; replay.c runs it over corpus-render/. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing.h"
#include "fuzz_common.h"

static const char *const layout_names[4] = {"briefing", "profile", "onepager", "briefing-letter"};

static br_engine *engine;
static const br_layout *layouts[4];

static void setup(void)
{
    br_diag *diag = br_diag_new(0);
    if (br_engine_new(fuzz_srcdir(), diag, &engine) != BR_OK)
        g_error("fuzz_render: no engine for %s", fuzz_srcdir());
    /* Loaded here, not in the first input, so that the engine's cache is
     * not taken for memory a fuzz input leaked. */
    for (int i = 0; i < 4; i++)
        if (br_engine_layout(engine, layout_names[i], diag, &layouts[i]) != BR_OK)
            g_error("fuzz_render: cannot load layout %s", layout_names[i]);
    br_diag_free(diag);
}

/* qpdf --check on the PDF; abort when it finds errors (exit 2). */
static void check_pdf(const char *qpdf, const uint8_t *pdf, size_t len)
{
    char *tmp = NULL;
    int fd = g_file_open_tmp("fuzz-render-XXXXXX.pdf", &tmp, NULL);
    if (fd < 0)
        g_error("fuzz_render: no temporary file");
    close(fd);
    if (!g_file_set_contents(tmp, (const char *)pdf, (gssize)len, NULL))
        g_error("fuzz_render: cannot write %s", tmp);
    const char *argv[] = {qpdf, "--check", tmp, NULL};
    char *out = NULL, *err = NULL;
    int status = 0;
    GError *gerr = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &gerr))
        g_error("fuzz_render: cannot run %s: %s", qpdf, gerr->message);
    if (!g_spawn_check_wait_status(status, NULL)) {
        fprintf(stderr, "fuzz_render: qpdf --check fails on the PDF (kept as %s):\n%s%s", tmp, out, err);
        abort();
    }
    g_unlink(tmp);
    g_free(tmp);
    g_free(out);
    g_free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine)
        setup();
    if (size < 1)
        return 0;
    unsigned opt = data[0];
    const char *set_data = (const char *)data + 1;
    size_t set_len = size - 1;
    const char *nul = memchr(set_data, '\0', set_len);
    const char *layout_data = NULL;
    size_t layout_len = 0;
    if (nul) {
        layout_data = nul + 1;
        layout_len = set_len - (size_t)(layout_data - set_data);
        set_len = (size_t)(nul - set_data);
    }

    br_diag *diag = br_diag_new(50);
    br_indicator_set *set = NULL;
    br_layout *own = NULL;
    const br_layout *layout = layouts[opt & 3];
    if (br_indicator_set_load_buffer(engine, set_data, set_len, "fuzz.json", "/nonexistent", diag, &set) != BR_OK)
        goto out;
    if (layout_data) {
        if (br_layout_load_buffer(engine, layout_data, layout_len, "fuzz-layout.json", "/nonexistent", diag, &own) !=
            BR_OK)
            goto out;
        layout = own;
    }
    br_render_options o;
    br_render_options_init(&o);
    o.format = opt & 4 ? BR_FORMAT_PDF : BR_FORMAT_TRACE;
    o.source_date_epoch = 1772409600;
    size_t n_focus = 0;
    const char *const *focus = br_indicator_set_focus_ids(set, &n_focus);
    if (n_focus > 0 && ((opt & 8) || br_layout_needs_focus(layout)))
        o.focus = focus[(opt >> 4) % n_focus];
    br_output *output = NULL;
    if (br_render(engine, set, layout, &o, diag, &output) == BR_OK) {
        if (br_output_n_files(output) != 1)
            abort(); /* PDF and trace are one file */
        size_t len = 0;
        const uint8_t *bytes = br_output_file(output, 0, &len);
        if (len == 0)
            abort();
        const char *qpdf = g_getenv("BR_FUZZ_QPDF");
        if (o.format == BR_FORMAT_PDF && qpdf && *qpdf)
            check_pdf(qpdf, bytes, len);
        br_output_free(output);
    }
out:
    fuzz_format_diag(diag);
    br_layout_free(own);
    br_indicator_set_free(set);
    br_diag_free(diag);
    return 0;
}
