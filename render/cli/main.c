/* main: the briefing command line.  The only code that prints or exits.
 *
 *   briefing render SET.json [-l LAYOUT] [-o OUT] [--format pdf|png|svg|trace] [--dpi N]
 *   briefing check SET.json...
 *
 * Exit codes: 0 ok, 1 bad input or failed render, 2 usage.  Output files
 * are written to temporary files in the target directory, synced, and
 * renamed into place only when every file of the render is complete, so an
 * existing output is never replaced by a broken or partial one.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "br_config.h"
#include "api/briefing.h"
#include "model/validate.h"

#define EXIT_BAD 1
#define EXIT_USAGE 2

static void print_diag(const br_diag *diag)
{
    for (size_t i = 0; i < br_diag_count(diag); i++) {
        char *line = br_diag_format(br_diag_item_at(diag, i));
        fprintf(stderr, "%s\n", line);
        g_free(line);
    }
    size_t errors = br_diag_error_count(diag), shown = 0;
    for (size_t i = 0; i < br_diag_count(diag); i++)
        shown += br_diag_item_at(diag, i)->severity == BR_SEV_ERROR;
    if (errors > shown)
        fprintf(stderr, "briefing: %zu more errors not shown\n", errors - shown);
}

/* Where layouts/ and fonts/ are: the source tree when this binary runs from
 * its build tree, else the installed data directory (relative to the
 * binary first, so a relocated install works). BRIEFING_DATADIR overrides. */
static char *find_data_dir(void)
{
    const char *env = g_getenv("BRIEFING_DATADIR");
    if (env && *env)
        return g_strdup(env);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (exe) {
        char *dir = g_path_get_dirname(exe);
        char *build_render = g_build_filename(BR_BUILD_ROOT, "render", "cli", NULL);
        int in_build = strcmp(dir, build_render) == 0;
        char *rel = g_build_filename(dir, "..", "share", "briefing", NULL);
        char *rel_layouts = g_build_filename(rel, "layouts", NULL);
        int relocated = g_file_test(rel_layouts, G_FILE_TEST_IS_DIR);
        g_free(build_render);
        g_free(rel_layouts);
        g_free(exe);
        g_free(dir);
        if (in_build) {
            g_free(rel);
            return g_strdup(BR_SOURCE_ROOT);
        }
        if (relocated)
            return rel;
        g_free(rel);
    }
    return g_strdup(BR_PKGDATADIR);
}

typedef struct {
    char *final_path;
    char *tmp_path;
} pending;

static void pending_clear(GArray *files)
{
    for (guint i = 0; i < files->len; i++) {
        pending *p = &g_array_index(files, pending, i);
        if (p->tmp_path)
            g_unlink(p->tmp_path);
        g_free(p->tmp_path);
        g_free(p->final_path);
    }
    g_array_set_size(files, 0);
}

/* Writes data to a new temporary file beside path and syncs it. */
static int write_temp(const char *path, const uint8_t *data, size_t len, char **tmp_out)
{
    char *tmp = g_strdup_printf("%s.tmpXXXXXX", path);
    int fd = g_mkstemp_full(tmp, O_WRONLY, 0644);
    if (fd < 0) {
        fprintf(stderr, "briefing: cannot create %s: %s\n", path, g_strerror(errno));
        g_free(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(stderr, "briefing: cannot write %s: %s\n", path, g_strerror(errno));
            close(fd);
            g_unlink(tmp);
            g_free(tmp);
            return -1;
        }
        off += (size_t)n;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        fprintf(stderr, "briefing: cannot write %s: %s\n", path, g_strerror(errno));
        g_unlink(tmp);
        g_free(tmp);
        return -1;
    }
    *tmp_out = tmp;
    return 0;
}

/* "out.png", page 3 -> "out-3.png"; "out" -> "out-3.png". */
static char *page_path(const char *out, int page, const char *ext)
{
    const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
    if (dot && (!slash || dot > slash) && dot != out && (!slash || dot > slash + 1))
        return g_strdup_printf("%.*s-%d%s", (int)(dot - out), out, page, dot);
    return g_strdup_printf("%s-%d.%s", out, page, ext);
}

static char *default_output(const char *set_path, const char *ext)
{
    if (strcmp(set_path, "-") == 0)
        return g_strdup_printf("briefing.%s", ext);
    char *base = g_path_get_basename(set_path);
    if (g_str_has_suffix(base, ".json"))
        base[strlen(base) - 5] = '\0';
    char *out = g_strdup_printf("%s.%s", base, ext);
    g_free(base);
    return out;
}

static int usage_error(GOptionContext *ctx, const char *msg)
{
    fprintf(stderr, "briefing: %s\n", msg);
    char *help = g_option_context_get_help(ctx, TRUE, NULL);
    fputs(help, stderr);
    g_free(help);
    return EXIT_USAGE;
}

/* Renders with o and writes the files atomically: every file of the render
 * goes to a temporary file first, and only when all are complete are they
 * renamed into place.  Returns the exit code. */
static int render_to(const br_render_options *o, const char *out_path, const char *ext)
{
    br_diag *diag = br_diag_new(50);
    br_writer *w = NULL;
    br_status st = br_render(o, diag, &w);
    print_diag(diag);
    br_diag_free(diag);
    if (st != BR_OK)
        return st == BR_ERR_USAGE ? EXIT_USAGE : EXIT_BAD;
    int rc = 0;
    GArray *files = g_array_new(FALSE, TRUE, sizeof(pending));
    size_t n = br_writer_n_files(w);
    int per_page = o->format == BR_FORMAT_PNG || o->format == BR_FORMAT_SVG;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len;
        const uint8_t *data = br_writer_file(w, i, &len);
        pending p = {per_page ? page_path(out_path, (int)i + 1, ext) : g_strdup(out_path), NULL};
        g_array_append_val(files, p);
        if (write_temp(p.final_path, data, len, &g_array_index(files, pending, files->len - 1).tmp_path) != 0)
            rc = EXIT_BAD;
    }
    for (guint i = 0; i < files->len && rc == 0; i++) {
        pending *p = &g_array_index(files, pending, i);
        if (g_rename(p->tmp_path, p->final_path) != 0) {
            fprintf(stderr, "briefing: cannot rename %s to %s: %s\n", p->tmp_path, p->final_path, g_strerror(errno));
            rc = EXIT_BAD;
        } else {
            g_free(p->tmp_path);
            p->tmp_path = NULL;
        }
    }
    pending_clear(files); /* unlinks whatever temp files are left */
    g_array_free(files, TRUE);
    br_writer_free(w);
    return rc;
}

static int cmd_render(int argc, char **argv)
{
    char *layout = NULL, *output = NULL, *format = NULL, *lang = NULL, *focus = NULL;
    double dpi = 96;
    GOptionEntry entries[] = {
        {"layout", 'l', 0, G_OPTION_ARG_STRING, &layout, "Layout name from layouts/, or a path (default: briefing)",
         "LAYOUT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file (default: SET.pdf in this directory)", "OUT"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &format, "pdf, png, svg or trace (default: pdf)", "FORMAT"},
        {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "PNG resolution (default: 96)", "N"},
        {"focus", 0, 0, G_OPTION_ARG_STRING, &focus,
         "Entity a profile is about; 'all': one file per region into the -o directory", "ID"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
         "Language to render in, a BCP 47 tag such as en, de, zh (default: the set's)", "TAG"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new("SET.json - render a briefing");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = 0;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        rc = usage_error(ctx, err->message);
        g_error_free(err);
        goto out;
    }
    if (argc != 2) {
        rc = usage_error(ctx, argc < 2 ? "render needs one SET.json" : "render takes one SET.json");
        goto out;
    }
    br_render_options o;
    br_render_options_init(&o);
    const char *ext = "pdf";
    if (format) {
        static const struct { const char *name; br_format f; } formats[] = {
            {"pdf", BR_FORMAT_PDF}, {"png", BR_FORMAT_PNG}, {"svg", BR_FORMAT_SVG}, {"trace", BR_FORMAT_TRACE}};
        size_t i;
        for (i = 0; i < G_N_ELEMENTS(formats); i++)
            if (strcmp(format, formats[i].name) == 0)
                break;
        if (i == G_N_ELEMENTS(formats)) {
            rc = usage_error(ctx, "--format must be pdf, png, svg or trace");
            goto out;
        }
        o.format = formats[i].f;
        ext = formats[i].name;
    }
    if (!(dpi >= 9 && dpi <= 2400)) {
        rc = usage_error(ctx, "--dpi must be between 9 and 2400");
        goto out;
    }
    if (lang) {
        if (!br_validate_lang_tag(lang)) {
            rc = usage_error(ctx, "--lang must be a BCP 47 language tag such as en, de or zh-Hans");
            goto out;
        }
        o.lang = lang;
    }
    o.set_path = argv[1];
    o.set_display = strcmp(argv[1], "-") == 0 ? "<stdin>" : argv[1];
    if (layout)
        o.layout = layout;
    o.dpi = dpi;
    char *data_dir = find_data_dir();
    o.data_dir = data_dir;
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end = NULL;
        gint64 t = g_ascii_strtoll(sde, &end, 10);
        if (*end || t < 0) {
            fprintf(stderr, "briefing: SOURCE_DATE_EPOCH must be a non-negative integer, got \"%s\"\n", sde);
            g_free(data_dir);
            rc = EXIT_BAD;
            goto out;
        }
        o.source_date_epoch = t;
    }

    if (focus && strcmp(focus, "all") == 0) {
        /* One profile per region: -o names a directory. */
        if (!output || o.format != BR_FORMAT_PDF) {
            g_free(data_dir);
            rc = usage_error(ctx, "--focus all needs -o DIRECTORY and writes PDF files");
            goto out;
        }
        br_diag *diag = br_diag_new(50);
        char *set_id = NULL, **ids = NULL;
        br_status st = br_list_regions(o.set_path, o.set_display, diag, &set_id, &ids);
        print_diag(diag);
        br_diag_free(diag);
        if (st != BR_OK) {
            g_free(data_dir);
            rc = EXIT_BAD;
            goto out;
        }
        if (g_mkdir_with_parents(output, 0755) != 0) {
            fprintf(stderr, "briefing: cannot create directory %s: %s\n", output, g_strerror(errno));
            rc = EXIT_BAD;
        }
        for (int i = 0; ids[i] && rc == 0; i++) {
            char *name = g_strdup_printf("%s-%s.pdf", set_id, ids[i]);
            char *path = g_build_filename(output, name, NULL);
            o.focus = ids[i];
            rc = render_to(&o, path, "pdf");
            g_free(path);
            g_free(name);
        }
        g_strfreev(ids);
        g_free(set_id);
        g_free(data_dir);
        goto out;
    }
    o.focus = focus;
    char *out_path = output ? g_strdup(output) : default_output(o.set_path, ext);
    rc = render_to(&o, out_path, ext);
    g_free(out_path);
    g_free(data_dir);
out:
    g_free(focus);
    g_free(layout);
    g_free(output);
    g_free(format);
    g_free(lang);
    g_option_context_free(ctx);
    return rc;
}

static int cmd_check(int argc, char **argv)
{
    gboolean verbose = FALSE;
    GOptionEntry entries[] = {{"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print a summary line per valid file",
                               NULL},
                              {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new("SET.json... - validate indicator sets");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = 0;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        rc = usage_error(ctx, err->message);
        g_error_free(err);
    } else if (argc < 2) {
        rc = usage_error(ctx, "check needs at least one SET.json");
    } else {
        for (int i = 1; i < argc; i++) {
            br_diag *diag = br_diag_new(50);
            const char *display = strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i];
            br_status st = br_check(argv[i], display, diag);
            print_diag(diag);
            br_diag_free(diag);
            if (st != BR_OK)
                rc = EXIT_BAD;
            else if (verbose)
                printf("%s: ok\n", display);
        }
    }
    g_option_context_free(ctx);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "render") == 0)
        return cmd_render(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0)) {
        printf("briefing %s\n", br_version());
        return 0;
    }
    FILE *f = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) ? stdout : stderr;
    fprintf(f, "usage: briefing render SET.json [-l LAYOUT] [-o OUT] [--format pdf|png|svg|trace] [--dpi N] [--lang TAG]\n"
               "                       [--focus ID|all]\n"
               "       briefing check [-v] SET.json...\n"
               "       briefing --version\n"
               "Run 'briefing render --help' for the options.\n");
    return f == stdout ? 0 : EXIT_USAGE;
}
