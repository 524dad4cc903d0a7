/* The font set read from fontconfig's caches is the font set made by
 * scanning the files (issue 13, render/text/text.c): the same faces in the
 * same order, every pattern equal (file, index, family and style names,
 * charset, language set, ...), and the same digest.  The scanning path is
 * taken with BRIEFING_FONT_CACHE_DIRS empty or naming a folder without
 * caches.  fontconfig counts the system caches as stale under
 * SOURCE_DATE_EPOCH (which meson's test environment sets), so the test
 * unsets it; on a machine without valid caches for the font folders the
 * comparison is skipped, not failed. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "tap.h"

/* A copy of src/fonts (fonts.conf and fonts.list) in a new folder, so that
 * it gets a font set of its own (one per folder and process). */
static char *copy_fonts(const char *src, const char *tmp, const char *name)
{
    char *dir = g_build_filename(tmp, name, NULL);
    g_mkdir_with_parents(dir, 0700);
    static const char *const files[] = {"fonts.conf", "fonts.list"};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        char *from = g_build_filename(src, "fonts", files[i], NULL);
        char *to = g_build_filename(dir, files[i], NULL);
        char *text = NULL;
        gsize len = 0;
        if (!g_file_get_contents(from, &text, &len, NULL) || !g_file_set_contents(to, text, (gssize)len, NULL))
            g_error("cannot copy %s to %s", from, to);
        g_free(text);
        g_free(from);
        g_free(to);
    }
    return dir;
}

static void print_diag(const br_diag *diag)
{
    for (size_t i = 0; i < br_diag_count(diag); i++) {
        char *line = br_diag_format(br_diag_item_at(diag, i));
        fprintf(stderr, "# %s\n", line);
        free(line);
    }
}

static br_fontset *fontset(const char *dir, const char *cache_dirs)
{
    if (cache_dirs)
        g_setenv("BRIEFING_FONT_CACHE_DIRS", cache_dirs, TRUE);
    else
        g_unsetenv("BRIEFING_FONT_CACHE_DIRS");
    br_diag *diag = br_diag_new(0);
    br_fontset *s = NULL;
    if (br_fontset_new(dir, diag, &s) != BR_OK) {
        print_diag(diag);
        g_error("no font set for %s", dir);
    }
    br_diag_free(diag);
    return s;
}

int main(void)
{
    const char *src = g_getenv("SRCDIR");
    if (!src) {
        printf("1..0 # SKIP SRCDIR not set\n");
        return 0;
    }
    g_unsetenv("SOURCE_DATE_EPOCH");
    char *tmp = g_dir_make_tmp("fontcache-XXXXXX", NULL);
    char *fonts = g_build_filename(src, "fonts", NULL);
    char *scan_dir = copy_fonts(src, tmp, "scanned");
    char *none_dir = copy_fonts(src, tmp, "no-cache");
    char *empty = g_build_filename(tmp, "empty-cache", NULL);
    g_mkdir(empty, 0700);

    br_fontset *cached = fontset(fonts, NULL);
    br_fontset *scanned = fontset(scan_dir, "");
    br_fontset *nocache = fontset(none_dir, empty);
    g_unsetenv("BRIEFING_FONT_CACHE_DIRS");

    size_t files = 0, files_scanned = 0, files_nocache = 0;
    size_t n_cached = br_fontset_cached_files(cached, &files);
    ok(files > 0, "fonts.list lists %zu files", files);
    ok(br_fontset_cached_files(scanned, &files_scanned) == 0 && files_scanned == files,
       "BRIEFING_FONT_CACHE_DIRS empty: every file scanned");
    ok(br_fontset_cached_files(nocache, &files_nocache) == 0 && files_nocache == files,
       "a cache folder without caches: every file scanned");
    ok(strcmp(br_fontset_digest(cached), br_fontset_digest(scanned)) == 0 &&
       strcmp(br_fontset_digest(cached), br_fontset_digest(nocache)) == 0,
       "the digest does not depend on where the faces came from");

    br_diag *diag = br_diag_new(0);
    ok(br_fontset_same_faces(scanned, nocache, diag), "both scanned sets hold the same faces");
    if (n_cached == 0) {
        printf("ok %d # SKIP no valid fontconfig cache for the font folders (run fc-cache)\n", ++tap_n);
    } else {
        printf("# %zu of %zu files from fontconfig's caches\n", n_cached, files);
        if (!ok(br_fontset_same_faces(cached, scanned, diag),
                "the faces from the caches are the scanned faces (%zu of %zu files cached)", n_cached, files))
            print_diag(diag);
    }
    br_diag_free(diag);
    ok(br_fontset_has_family(cached, "Noto Sans") && br_fontset_has_family(cached, "WenQuanYi Zen Hei") &&
       !br_fontset_has_family(cached, "DejaVu Sans"),
       "the cached set has the project's families and no other");

    br_fontset_free(cached);
    br_fontset_free(scanned);
    br_fontset_free(nocache);
    for (const char *const *p = (const char *const[]){"scanned/fonts.conf", "scanned/fonts.list", "scanned",
                                                      "no-cache/fonts.conf", "no-cache/fonts.list", "no-cache",
                                                      "empty-cache", NULL};
         *p; p++) {
        char *f = g_build_filename(tmp, *p, NULL);
        g_remove(f);
        g_free(f);
    }
    g_rmdir(tmp);
    g_free(empty);
    g_free(none_dir);
    g_free(scan_dir);
    g_free(fonts);
    g_free(tmp);
    return done();
}
