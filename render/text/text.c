/* text: see text.h.
 *
 * Why the Pango set-up looks the way it does (measured, see
 * doc/notes/libharu-2.3.0.md): resolution 72 so one Pango point is one
 * PDF point; hint metrics and hinting off and unrounded glyph positions so
 * advances are the font's own, which libharu can reproduce; ligatures off
 * because libharu reaches glyphs only through the cmap, so an fi ligature
 * could not be written as text.
 */
#include "text/text.h"

#include <glib/gstdio.h>
#include <pthread.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pango.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <stdint.h>
#include <string.h>

#define DEFAULT_FAMILY "Noto Sans, WenQuanYi Zen Hei"

/* Process-wide, read-only once made (but for the interned faces, which a
 * mutex guards): the configuration and what was learned from it.  Font
 * maps are cached for reuse: a Pango font map is not thread-safe, so a
 * document takes one from the pool (or makes one), uses it alone, and
 * gives it back; its caches of loaded fonts then serve the next document
 * instead of being rebuilt. */
struct br_fontset {
    FcConfig *config;
    pthread_mutex_t lock;
    GHashTable *faces;  /* "file\x01index" -> br_font_face *, under lock */
    GPtrArray *idle;    /* PangoFontMap * not in use, under lock */
    char digest[BR_DIGEST_HEX_SIZE]; /* br_fontset_digest */
    size_t files, cached_files;      /* listed files; of those, read from a cache */
};

/* One document's view of the font set. */
struct br_fonts {
    br_fontset *set;
    PangoFontMap *fontmap; /* taken from set->idle, given back at free */
    PangoContext *context;
    size_t replaced;       /* clusters drawn as U+FFFD */
    GHashTable *memo;      /* text_key -> text_memo *: see "memo" below */
    GHashTable *items;     /* memo key -> item_template *: see "items" below */
    GHashTable *drawn_in;  /* PangoFont * (a reference) -> font_use *: draw_run's */
    bool layouts_only;     /* br_fonts_set_simple_lines(false), for tests */
};

/* A text that is one simple line (one_simple_line) and fits its width is
 * shaped without a PangoLayout: its items, shaped, and the numbers a
 * layout of one line would report, in Pango units.  Shared (reference
 * counted, g_rc_box) by the memo and the br_texts that use it. */
typedef struct line_run {
    PangoGlyphItem gi;      /* the item and its glyphs */
    int x;                  /* pen position of the run from the line start */
    int logical_y, logical_h; /* the run's logical extents, y from the baseline */
} line_run;

typedef struct simple_line {
    char *text;
    line_run *runs;
    int n_runs;
    int width;           /* sum of the runs' advances */
    int ascent, descent; /* the line's logical extents around the baseline */
    /* The font it was shaped in (br_text_refit's check). */
    char *family; /* NULL: the default family */
    double size;
    bool bold, italic;
} simple_line;

struct br_text {
    br_fonts *fonts;
    PangoLayout *layout; /* NULL when line is set */
    simple_line *line;
    int x_offset; /* a simple line's alignment inside the width */
    br_color color;
    double width; /* the wrap width, or 0 */
};

/* ---- fonts ---------------------------------------------------------- */

static void face_free(gpointer p)
{
    br_font_face *f = p;
    g_free((char *)f->file);
    g_free(f);
}

/* The font files enter the digest by name, size and modification time,
 * not by their 21 MB of bytes: a package upgrade changes those, and a
 * digest that cost 100 ms would be paid by every render.  OUT: *st (zeroed
 * when the file cannot be read). */
static void digest_font_file(br_digest *d, const char *file, GStatBuf *st)
{
    br_digest_add_string(d, "font", file);
    if (g_stat(file, st) == 0) {
        br_digest_add_int(d, "size", (int64_t)st->st_size);
        br_digest_add_int(d, "mtime", (int64_t)st->st_mtim.tv_sec);
        br_digest_add_int(d, "mtime-ns", (int64_t)st->st_mtim.tv_nsec);
    } else {
        memset(st, 0, sizeof *st);
    }
}

/* ---- the faces of the listed files, from fontconfig's caches --------
 *
 * FcConfigAppFontAddFile opens every face of a file and computes its
 * charset: 49.5 M of the 237 M instructions of a render of synthetic-31
 * (issue 13).  fc-cache has done that work already for the directories the
 * packages install into (Debian runs it when a font package is installed),
 * and kept the result in fontconfig's own cache files, one per directory,
 * which fontconfig maps into memory.  So each listed file's faces are taken
 * from the cache of its directory when fontconfig holds that cache valid
 * (FcDirCacheLoad: the directory's modification time is the one the cache
 * was made for) and the file is not newer than the cache file; copies of
 * the cached patterns are what FcConfigAppFontAddFile would have made (the same
 * FcFreeTypeQueryAll; our fonts.conf has no <match target="scan"> rules,
 * nor has Debian's), so matching, output and the digest are unchanged
 * (tests/unit/test_fontcache.c compares both ways face by face).  A file
 * without a valid cached face is scanned as before, in its place in the
 * list, so the faces keep the list's order.
 *
 * Only the cache files are read, through a throw-away configuration that
 * knows nothing but where they are: the private configuration never learns
 * of a cache or font directory, and no system configuration is read.
 * fontconfig validates a cache against SOURCE_DATE_EPOCH when that is set
 * (the checksum is then the epoch, not the directory's time), so caches
 * made by fc-cache without it count as stale and the files are scanned;
 * the briefing command hides the variable while it makes its engine
 * (cli/cli.c).
 *
 * BRIEFING_FONT_CACHE_DIRS, a ':'-separated list of directories, replaces
 * the default ones (fontconfig's system cache, then the user's); empty, it
 * turns the caches off (tests and benchmarks of the scanning path). */

#define SYSTEM_FONT_CACHE "/var/cache/fontconfig"

typedef struct dir_cache {
    FcCache *cache;  /* NULL: no valid cache for the directory */
    FcFontSet *set;  /* its faces (references into the cache) */
    GStatBuf st;     /* of the cache file */
} dir_cache;

static void dir_cache_free(gpointer p)
{
    dir_cache *dc = p;
    if (dc->set)
        FcFontSetDestroy(dc->set);
    if (dc->cache)
        FcDirCacheUnload(dc->cache);
    g_free(dc);
}

/* A configuration that holds only the cache directories, for FcDirCacheLoad;
 * NULL when there are none. */
static FcConfig *cache_lookup_new(void)
{
    const char *env = g_getenv("BRIEFING_FONT_CACHE_DIRS");
    char **dirs = NULL;
    if (env) {
        dirs = g_strsplit(env, G_SEARCHPATH_SEPARATOR_S, -1);
    } else {
        dirs = g_new0(char *, 3);
        dirs[0] = g_strdup(SYSTEM_FONT_CACHE);
        dirs[1] = g_build_filename(g_get_user_cache_dir(), "fontconfig", NULL);
    }
    GString *xml = g_string_new("<fontconfig>");
    int n = 0;
    for (int i = 0; dirs[i]; i++) {
        if (!*dirs[i])
            continue;
        char *esc = g_markup_escape_text(dirs[i], -1);
        g_string_append_printf(xml, "<cachedir>%s</cachedir>", esc);
        g_free(esc);
        n++;
    }
    g_string_append(xml, "</fontconfig>");
    FcConfig *lookup = n > 0 ? FcConfigCreate() : NULL;
    if (lookup && !FcConfigParseAndLoadFromMemory(lookup, (const FcChar8 *)xml->str, FcFalse)) {
        FcConfigDestroy(lookup);
        lookup = NULL;
    }
    g_string_free(xml, TRUE);
    g_strfreev(dirs);
    return lookup;
}

static const dir_cache *dir_cache_of(GHashTable *caches, FcConfig *lookup, const char *file)
{
    char *dir = g_path_get_dirname(file);
    dir_cache *dc = g_hash_table_lookup(caches, dir);
    if (dc) {
        g_free(dir);
        return dc;
    }
    dc = g_new0(dir_cache, 1);
    FcChar8 *cache_file = NULL;
    dc->cache = FcDirCacheLoad((const FcChar8 *)dir, lookup, &cache_file);
    if (dc->cache && (!cache_file || g_stat((const char *)cache_file, &dc->st) != 0 ||
                      !(dc->set = FcCacheCopySet(dc->cache)))) {
        FcDirCacheUnload(dc->cache);
        dc->cache = NULL;
    }
    if (cache_file)
        FcStrFree(cache_file);
    g_hash_table_insert(caches, dir, dc);
    return dc;
}

static bool newer(const GStatBuf *a, const GStatBuf *b)
{
    return a->st_mtim.tv_sec != b->st_mtim.tv_sec ? a->st_mtim.tv_sec > b->st_mtim.tv_sec
                                                  : a->st_mtim.tv_nsec > b->st_mtim.tv_nsec;
}

/* Adds file's faces from its directory's cache to the application font set
 * of config.  False (nothing added) when there is no such set, no valid
 * cache, no face of file in it, or the file is newer than the cache. */
static bool add_cached(FcConfig *config, FcConfig *lookup, GHashTable *caches, const char *file,
                       const GStatBuf *st)
{
    FcFontSet *app = FcConfigGetFonts(config, FcSetApplication);
    if (!app || !lookup || st->st_size == 0)
        return false;
    const dir_cache *dc = dir_cache_of(caches, lookup, file);
    if (!dc->cache || newer(st, &dc->st))
        return false;
    GPtrArray *faces = g_ptr_array_new();
    for (int i = 0; i < dc->set->nfont; i++) {
        FcChar8 *f = NULL;
        if (FcPatternGetString(dc->set->fonts[i], FC_FILE, 0, &f) == FcResultMatch &&
            strcmp((const char *)f, file) == 0)
            g_ptr_array_add(faces, dc->set->fonts[i]);
    }
    bool added = faces->len > 0;
    for (guint i = 0; i < faces->len; i++) {
        /* A copy, not the mapped pattern: that holds its values as offsets
         * into the cache, which not every fontconfig call decodes
         * (FcPatternEqual compares them raw); a copy holds them as
         * FcConfigAppFontAddFile's patterns do.  Its charset stays shared
         * with the cache, which the reference keeps mapped. */
        FcPattern *p = FcPatternDuplicate(faces->pdata[i]);
        if (!p || !FcFontSetAdd(app, p)) {
            if (p)
                FcPatternDestroy(p);
            added = false; /* out of memory: the set is lost anyway */
        }
    }
    g_ptr_array_free(faces, TRUE);
    return added;
}

static br_status read_list(const char *fonts_dir, const char *conf_path, FcConfig *config,
                           br_digest *digest, br_diag *diag, size_t *files, size_t *cached)
{
    char *list_path = g_build_filename(fonts_dir, "fonts.list", NULL);
    char *contents = NULL;
    GError *err = NULL;
    br_status st = BR_OK;
    if (!g_file_get_contents(list_path, &contents, NULL, &err)) {
        br_diag_error(diag, "%s: %s", list_path, err->message);
        g_error_free(err);
        g_free(list_path);
        return br_error_set(BR_ERR_FONT);
    }
    br_digest_add_string(digest, "fonts.list", contents);
    FcConfig *lookup = cache_lookup_new();
    GHashTable *caches = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, dir_cache_free);
    /* fontconfig makes a configuration's application font set only in
     * FcConfigAppFontAddFile/Dir, before it scans; a file that is no font
     * (fonts.conf) makes the set and adds nothing.  Without the set every
     * file is scanned. */
    if (lookup && !FcConfigGetFonts(config, FcSetApplication))
        (void)FcConfigAppFontAddFile(config, (const FcChar8 *)conf_path);
    char **lines = g_strsplit(contents, "\n", -1);
    int n = 0;
    for (int i = 0; lines[i]; i++) {
        char *line = g_strstrip(lines[i]);
        if (!*line || *line == '#')
            continue;
        char *file = g_path_is_absolute(line) ? g_strdup(line) : g_build_filename(fonts_dir, line, NULL);
        GStatBuf fst;
        digest_font_file(digest, file, &fst);
        if (add_cached(config, lookup, caches, file, &fst)) {
            (*cached)++;
        } else if (!FcConfigAppFontAddFile(config, (const FcChar8 *)file)) {
            br_diag_add(diag, BR_SEV_ERROR, list_path, i + 1, 1, NULL,
                        "cannot load font file %s (is its package installed?)", file);
            st = br_error_set(BR_ERR_FONT);
        }
        n++;
        g_free(file);
    }
    *files = (size_t)n;
    if (n == 0 && st == BR_OK) {
        br_diag_error(diag, "%s lists no font files", list_path);
        st = br_error_set(BR_ERR_FONT);
    }
    g_hash_table_destroy(caches);
    if (lookup)
        FcConfigDestroy(lookup);
    g_strfreev(lines);
    g_free(contents);
    g_free(list_path);
    return st;
}

static br_status fontset_make(const char *fonts_dir, br_diag *diag, br_fontset **out)
{
    char *conf_path = g_build_filename(fonts_dir, "fonts.conf", NULL);
    FcConfig *config = FcConfigCreate();
    if (!config) {
        g_free(conf_path);
        return br_error_set(BR_ERR_NOMEM);
    }
    if (!FcConfigParseAndLoad(config, (const FcChar8 *)conf_path, FcTrue)) {
        br_diag_error(diag, "%s: cannot read the project's fontconfig file", conf_path);
        g_free(conf_path);
        FcConfigDestroy(config);
        return br_error_set(BR_ERR_FONT);
    }
    br_digest *digest = br_digest_new();
    char *conf = NULL;
    gsize conf_len = 0;
    if (g_file_get_contents(conf_path, &conf, &conf_len, NULL))
        br_digest_add(digest, "fonts.conf", conf, conf_len);
    g_free(conf);
    size_t files = 0, cached = 0;
    br_status st = read_list(fonts_dir, conf_path, config, digest, diag, &files, &cached);
    g_free(conf_path);
    char hex[BR_DIGEST_HEX_SIZE];
    br_digest_finish(digest, hex);
    if (st != BR_OK) {
        FcConfigDestroy(config);
        return st;
    }
    /* Pango's font map initialises fontconfig's *default* configuration
     * (FcInit) on first use, which reads /etc/fonts and scans every system
     * font directory: 150-280 ms with a cold cache, for fonts we never use.
     * FcInit does nothing once a current configuration exists, so the
     * first font set makes its private configuration current, once per
     * process.  Every font map still matches fonts only in its own set's
     * config (pango_fc_font_map_set_config); the current one is never read. */
    static gsize current_set = 0;
    if (g_once_init_enter(&current_set)) {
        FcConfigSetCurrent(config);
        g_once_init_leave(&current_set, 1);
    }
    br_fontset *s = g_new0(br_fontset, 1);
    s->config = config;
    pthread_mutex_init(&s->lock, NULL);
    s->faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, face_free);
    s->idle = g_ptr_array_new_with_free_func(g_object_unref);
    memcpy(s->digest, hex, sizeof hex);
    s->files = files;
    s->cached_files = cached;
    *out = s;
    return BR_OK;
}

const char *br_fontset_digest(const br_fontset *s)
{
    return s->digest;
}

size_t br_fontset_cached_files(const br_fontset *s, size_t *files)
{
    if (files)
        *files = s->files;
    return s->cached_files;
}

/* The application font set is read-only once the set is made (matching
 * reads it, never writes it), so two sets compare without their locks. */
bool br_fontset_same_faces(const br_fontset *a, const br_fontset *b, br_diag *diag)
{
    FcFontSet *fa = FcConfigGetFonts(a->config, FcSetApplication);
    FcFontSet *fb = FcConfigGetFonts(b->config, FcSetApplication);
    int na = fa ? fa->nfont : 0, nb = fb ? fb->nfont : 0;
    if (na != nb) {
        br_diag_error(diag, "%d faces against %d", na, nb);
        return false;
    }
    for (int i = 0; i < na; i++) {
        if (FcPatternEqual(fa->fonts[i], fb->fonts[i]))
            continue;
        FcChar8 *ua = FcNameUnparse(fa->fonts[i]), *ub = FcNameUnparse(fb->fonts[i]);
        br_diag_error(diag, "face %d differs: %.300s against %.300s", i,
                      ua ? (const char *)ua : "?", ub ? (const char *)ub : "?");
        FcStrFree(ua);
        FcStrFree(ub);
        return false;
    }
    return true;
}

/* The font sets of the process, one per fonts folder, made by the first
 * engine that asks and then shared by every engine, document and thread.
 * They are never freed: a font set is the one-time cache of a fontconfig
 * configuration, and freeing it does not give the memory back (Pango
 * 1.50's font maps keep a reference on their configuration that is never
 * dropped, and the first configuration is fontconfig's current one), so a
 * program that made an engine per job lost 42 KB per engine
 * (tests/unit/test_growth.c; valgrind on three engines one after another:
 * 145 KB lost before, 42 KB after). */
static pthread_mutex_t sets_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *sets; /* canonical fonts_dir -> br_fontset *, under sets_lock */

br_status br_fontset_new(const char *fonts_dir, br_diag *diag, br_fontset **out)
{
    char *key = g_canonicalize_filename(fonts_dir, NULL);
    br_status st = BR_OK;
    pthread_mutex_lock(&sets_lock);
    if (!sets)
        sets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    br_fontset *s = g_hash_table_lookup(sets, key);
    if (!s) {
        st = fontset_make(fonts_dir, diag, &s);
        if (st == BR_OK) {
            g_hash_table_insert(sets, key, s);
            key = NULL;
        }
    }
    pthread_mutex_unlock(&sets_lock);
    g_free(key);
    if (st == BR_OK)
        *out = s;
    return st;
}

void br_fontset_free(br_fontset *s)
{
    /* Shared for the rest of the process (see sets above); the font maps
     * given back to its pool serve the next engine's documents. */
    (void)s;
}

/* ---- memo ------------------------------------------------------------
 *
 * Charts measure a label, test whether it fits, and then draw it; a
 * region's name shows in several charts and the table.  Each of those
 * used to shape the text again (HarfBuzz on Noto's GSUB/GPOS is most of
 * the cost of text).  A document's fonts remember, for short texts, the
 * laid-out PangoLayout of each distinct (text, markup, style but colour,
 * width) and the measured width of each (text, font): a later request
 * for the same gets the same layout, already broken into lines and
 * shaped.  The result is exactly what a fresh layout would give, since a
 * layout is a pure function of those inputs and of the context, whose
 * language change empties the memo; so output never depends on hits.
 * Bounded: texts up to MEMO_TEXT_MAX bytes, at most MEMO_ENTRIES_MAX
 * entries, after which the memo starts again empty (a 3,000-row table
 * must not keep every cell's layout for the whole document). */
#define MEMO_TEXT_MAX 256
#define MEMO_ENTRIES_MAX 2048

typedef struct text_memo {
    PangoLayout *layout; /* a laid-out text, or */
    simple_line *line;   /* a shaped simple line; neither: width only */
    double width;        /* br_text_measure's result, for width-only entries */
} text_memo;

static void simple_line_clear(gpointer p)
{
    simple_line *l = p;
    for (int i = 0; i < l->n_runs; i++) {
        pango_item_free(l->runs[i].gi.item);
        pango_glyph_string_free(l->runs[i].gi.glyphs);
    }
    g_free(l->runs);
    g_free(l->text);
    g_free(l->family);
}

static void memo_free(gpointer p)
{
    text_memo *m = p;
    if (m->layout)
        g_object_unref(m->layout);
    if (m->line)
        g_rc_box_release_full(m->line, simple_line_clear);
    g_free(m);
}

/* The memo's key for a layout ('L') or a measured width ('W'): every
 * input that changes the result, as bytes (doubles bit for bit: exact),
 * then the family and the text; the first four bytes hold the length of
 * the rest.  Built with a printf of %a before, which cost more than a
 * memo hit saved on short labels. */
typedef struct memo_head {
    char kind;
    bool markup, bold, italic;
    int align, max_lines;
    double size, line_height, width;
} memo_head;

static char *memo_key(char kind, const char *utf8, bool markup, const br_text_style *style, double width)
{
    size_t n_text = strlen(utf8);
    if (n_text > MEMO_TEXT_MAX)
        return NULL;
    memo_head h;
    memset(&h, 0, sizeof h); /* padding too: the key is compared as bytes */
    h.kind = kind;
    h.size = style->size;
    h.bold = style->bold;
    h.italic = style->italic;
    if (kind == 'L') {
        h.markup = markup;
        h.line_height = style->line_height;
        h.align = (int)style->align;
        h.max_lines = style->max_lines;
        h.width = width;
    }
    const char *family = style->family ? style->family : "";
    size_t n_family = strlen(family);
    uint32_t len = (uint32_t)(sizeof h + n_family + 1 + n_text);
    char *key = g_malloc(sizeof len + len);
    char *p = key;
    memcpy(p, &len, sizeof len);
    p += sizeof len;
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    memcpy(p, family, n_family);
    p += n_family;
    *p++ = '\x01';
    memcpy(p, utf8, n_text);
    return key;
}

static guint memo_hash(gconstpointer key)
{
    uint32_t len;
    memcpy(&len, key, sizeof len);
    const unsigned char *p = (const unsigned char *)key + sizeof len;
    guint h = 2166136261u; /* FNV-1a */
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static gboolean memo_equal(gconstpointer a, gconstpointer b)
{
    uint32_t len_a, len_b;
    memcpy(&len_a, a, sizeof len_a);
    memcpy(&len_b, b, sizeof len_b);
    return len_a == len_b && memcmp(a, b, sizeof len_a + len_a) == 0;
}

/* Takes key (NULL: not memoised, freed); the memo takes a reference to
 * layout and line when they are not NULL. */
static void memo_put(br_fonts *fonts, char *key, PangoLayout *layout, simple_line *line, double width)
{
    if (!key)
        return;
    if (g_hash_table_size(fonts->memo) >= MEMO_ENTRIES_MAX)
        g_hash_table_remove_all(fonts->memo);
    text_memo *m = g_new0(text_memo, 1);
    m->layout = layout ? g_object_ref(layout) : NULL;
    m->line = line ? g_rc_box_acquire(line) : NULL;
    m->width = width;
    g_hash_table_replace(fonts->memo, key, m);
}

/* ---- items ------------------------------------------------------------
 *
 * pango_itemize splits a text into runs of one script, one font, one
 * bidi level, one emoji presentation and one vertical orientation, and
 * picks each character's font: the first font of the style's fontset
 * that has it.  For a text of Latin letters, digits and the punctuation
 * of numbers (plain_char) in one font, the answer is always one item
 * that differs from the item of any other such text only in where it
 * is: the same font, the script LATIN (COMMON when there is no letter:
 * numbers), the language derived from it, level 0 and the same extra
 * attributes.  So the first such text of a style is itemized by Pango
 * and its item kept as a template; later ones take a copy of it, when
 * every character's first font is the template's (checked per character
 * against the fontset, as itemize does, and remembered).  Half of
 * itemize's cost was this search, made again for every label.
 * test_lines compares every drawn run with a layout's. */

/* The characters of such texts: printable ASCII, Latin-1 and Latin
 * Extended-A without the ones Pango puts in runs of their own (upright
 * in vertical text: section sign, copyright, registered, plus-minus,
 * fractions, multiplication and division signs; emoji: copyright and
 * registered) and without soft hyphens; and the dashes, quotes, bullet,
 * ellipsis, narrow no-break space, prime, euro and minus signs of
 * labels and numbers.  The index of c in a template's tables, or -1. */
static const gunichar plain_extra[] = {0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                                       0x2022, 0x2026, 0x202F, 0x2032, 0x20AC, 0x2212};
#define PLAIN_LATIN_END 0x180
#define PLAIN_CHARS (PLAIN_LATIN_END - 0x20 + (int)G_N_ELEMENTS(plain_extra))

static int plain_char(gunichar c)
{
    if (c >= 0x20 && c < PLAIN_LATIN_END) {
        if ((c >= 0x7F && c < 0xA0) || c == 0xA7 || c == 0xA9 || c == 0xAD || c == 0xAE || c == 0xB1 ||
            (c >= 0xBC && c <= 0xBE) || c == 0xD7 || c == 0xF7)
            return -1;
        return (int)(c - 0x20);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(plain_extra); i++)
        if (plain_extra[i] == c)
            return PLAIN_LATIN_END - 0x20 + (int)i;
    return -1;
}

typedef struct item_template {
    PangoItem *item;       /* itemized by Pango; offset, length and num_chars are replaced */
    PangoFontset *fontset; /* the style's fonts in the item's language */
    /* Per plain character: 0 not known yet, 1 the template's font is its
     * first font, 2 another font is. */
    uint8_t first[PLAIN_CHARS];
} item_template;

static void item_template_free(gpointer p)
{
    item_template *t = p;
    pango_item_free(t->item);
    g_object_unref(t->fontset);
    g_free(t);
}

/* The style's font description as itemize makes it: the context's,
 * with the attribute's fields set. */
static PangoFontDescription *make_desc(const br_text_style *style);

typedef struct first_font {
    gunichar c;
    PangoFont *font;
} first_font;

static gboolean first_font_of(PangoFontset *fontset, PangoFont *font, gpointer data)
{
    (void)fontset;
    first_font *f = data;
    if (font && pango_font_has_char(font, f->c)) {
        f->font = font;
        return TRUE;
    }
    return FALSE;
}

/* The key of utf8's template, or NULL when utf8 is not all plain
 * characters; *n_chars counts them. */
static char *items_key(const char *utf8, const br_text_style *style, long *n_chars)
{
    bool latin = false;
    long n = 0;
    for (const char *p = utf8; *p; p = g_utf8_next_char(p), n++) {
        gunichar c = g_utf8_get_char(p);
        if (plain_char(c) < 0)
            return NULL;
        latin |= g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN;
    }
    *n_chars = n;
    br_text_style st = {.family = style->family, .size = style->size, .bold = style->bold,
                        .italic = style->italic};
    return memo_key(latin ? 'I' : 'N', "", false, &st, 0);
}

/* utf8's one item from a template, or NULL (then pango_itemize). */
static PangoItem *item_from_template(br_fonts *fonts, const char *key, const char *utf8, int len, long n_chars)
{
    item_template *t = g_hash_table_lookup(fonts->items, key);
    if (!t)
        return NULL;
    for (const char *p = utf8; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        uint8_t *first = &t->first[plain_char(c)];
        if (*first == 0) {
            first_font f = {c, NULL};
            pango_fontset_foreach(t->fontset, first_font_of, &f);
            *first = f.font == t->item->analysis.font ? 1 : 2;
        }
        if (*first != 1)
            return NULL;
    }
    PangoItem *item = pango_item_copy(t->item);
    item->offset = 0;
    item->length = len;
    item->num_chars = (int)n_chars;
    return item;
}

/* Keeps items (pango_itemize's of utf8) as the template of key when it
 * is one item of the whole text. */
static void item_template_put(br_fonts *fonts, char *key, GList *items, int len, const br_text_style *style)
{
    PangoItem *item = items && !items->next ? items->data : NULL;
    if (!item || item->offset != 0 || item->length != len || !item->analysis.font || item->analysis.level != 0) {
        g_free(key);
        return;
    }
    item_template *t = g_new0(item_template, 1);
    t->item = pango_item_copy(item);
    PangoFontDescription *desc = pango_font_description_copy(pango_context_get_font_description(fonts->context));
    PangoFontDescription *own = make_desc(style);
    pango_font_description_merge(desc, own, TRUE);
    pango_font_description_free(own);
    t->fontset = pango_font_map_load_fontset(fonts->fontmap, fonts->context, desc, item->analysis.language);
    pango_font_description_free(desc);
    if (!t->fontset) {
        pango_item_free(t->item);
        g_free(t);
        g_free(key);
        return;
    }
    g_hash_table_replace(fonts->items, key, t);
}

static PangoFontMap *take_fontmap(br_fontset *s)
{
    PangoFontMap *fm = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->idle->len > 0)
        fm = g_ptr_array_steal_index(s->idle, s->idle->len - 1);
    pthread_mutex_unlock(&s->lock);
    if (!fm) {
        fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), s->config);
    }
    return fm;
}

br_status br_fonts_new(br_fontset *set, br_fonts **out)
{
    br_fonts *f = g_new0(br_fonts, 1);
    f->set = set;
    f->fontmap = take_fontmap(set);
    f->context = pango_font_map_create_context(f->fontmap);
    pango_cairo_context_set_resolution(f->context, 72);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(f->context, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(f->context, FALSE);
    pango_context_set_base_dir(f->context, PANGO_DIRECTION_LTR);
    f->memo = g_hash_table_new_full(memo_hash, memo_equal, g_free, memo_free);
    f->items = g_hash_table_new_full(memo_hash, memo_equal, g_free, item_template_free);
    f->drawn_in = g_hash_table_new_full(g_direct_hash, g_direct_equal, g_object_unref, g_free);
    *out = f;
    return BR_OK;
}

void br_fonts_free(br_fonts *fonts)
{
    if (!fonts)
        return;
    g_hash_table_destroy(fonts->memo);
    g_hash_table_destroy(fonts->items);
    g_hash_table_destroy(fonts->drawn_in);
    g_object_unref(fonts->context);
    pthread_mutex_lock(&fonts->set->lock);
    g_ptr_array_add(fonts->set->idle, fonts->fontmap);
    pthread_mutex_unlock(&fonts->set->lock);
    g_free(fonts);
}

bool br_fontset_has_family(br_fontset *fontset, const char *family)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
    pthread_mutex_lock(&fontset->lock);
    FcFontSet *set = FcFontList(fontset->config, pat, os);
    pthread_mutex_unlock(&fontset->lock);
    bool found = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return found;
}

void br_fonts_set_simple_lines(br_fonts *fonts, bool on)
{
    fonts->layouts_only = !on;
    g_hash_table_remove_all(fonts->memo);
    g_hash_table_remove_all(fonts->items);
}

size_t br_fonts_replacements(const br_fonts *fonts)
{
    return fonts->replaced;
}

void br_fonts_set_language(br_fonts *fonts, const char *lang)
{
    /* Pango interns language tags in a process-wide table under a GLib
     * lock (a futex ThreadSanitizer cannot see); taking the set's pthread
     * lock as well makes the hand-over of the interned string from the
     * thread that first asked visible to it.  Once per document. */
    pthread_mutex_lock(&fonts->set->lock);
    PangoLanguage *language = pango_language_from_string(lang ? lang : "en");
    pthread_mutex_unlock(&fonts->set->lock);
    pango_context_set_language(fonts->context, language);
    g_hash_table_remove_all(fonts->memo); /* laid out in the old language */
    g_hash_table_remove_all(fonts->items);
}

/* The face a Pango font was made from, interned so devices can key caches
 * on the pointer. */
static const br_font_face *face_of(br_fonts *fonts, PangoFont *font)
{
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file = NULL, *format = NULL;
    int index = 0;
    if (FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
        return NULL;
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    char *key = g_strdup_printf("%s\x01%d", (const char *)file, index);
    pthread_mutex_lock(&fonts->set->lock);
    br_font_face *face = g_hash_table_lookup(fonts->set->faces, key);
    if (face) {
        pthread_mutex_unlock(&fonts->set->lock);
        g_free(key);
        return face;
    }
    face = g_new0(br_font_face, 1);
    face->file = g_strdup((const char *)file);
    face->index = index & 0xffff;
    face->truetype = FcPatternGetString(pat, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
                     strcmp((const char *)format, "TrueType") == 0;
    g_hash_table_insert(fonts->set->faces, key, face);
    pthread_mutex_unlock(&fonts->set->lock);
    return face;
}

/* What draw_run needs of a Pango font: its face and its size.  Asked
 * for every run drawn (a 3,000-row table draws 12,000): the face's key
 * was a printf and a lookup under the set's lock, the size a font
 * description made and freed.  Kept per document, each font referenced
 * (so its address is not reused for another). */
typedef struct font_use {
    const br_font_face *face; /* NULL: not a font file we can embed */
    double size;
} font_use;

static const font_use *font_use_of(br_fonts *fonts, PangoFont *font)
{
    font_use *use = g_hash_table_lookup(fonts->drawn_in, font);
    if (use)
        return use;
    use = g_new(font_use, 1);
    use->face = face_of(fonts, font);
    PangoFontDescription *fd = pango_font_describe_with_absolute_size(font);
    use->size = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
    pango_font_description_free(fd);
    g_hash_table_insert(fonts->drawn_in, g_object_ref(font), use);
    return use;
}

/* ---- paragraphs ----------------------------------------------------- */

static PangoFontDescription *make_desc(const br_text_style *style)
{
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, style->family ? style->family : DEFAULT_FAMILY);
    pango_font_description_set_absolute_size(d, style->size * PANGO_SCALE);
    pango_font_description_set_weight(d, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d, style->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return d;
}

static bool one_simple_line(const char *utf8);

/* The width of a layout box of width points in Pango units (0: none). */
static int box_units(double width)
{
    return width > 0 ? (int)lround(width * PANGO_SCALE) : 0;
}

/* Does a line of line_width units fit a box of width points (<= 0: any)?
 * Where it does not, the layout breaks or cuts it. */
static bool line_fits(int line_width, double width)
{
    int box = box_units(width);
    return box == 0 || line_width <= box;
}

/* Pango's alignment of a line in a layout of a set width (its
 * get_x_offset): right flush, or centred, rounded to whole points when
 * both widths are whole points. */
static int line_offset(const simple_line *l, double width, br_align align)
{
    int box = box_units(width);
    if (box == 0 || align == BR_ALIGN_LEFT)
        return 0;
    if (align == BR_ALIGN_RIGHT)
        return box - l->width;
    int x = (box - l->width) / 2;
    if (((box | l->width) & (PANGO_SCALE - 1)) == 0)
        x = PANGO_UNITS_ROUND(x);
    return x;
}

/* One simple line (one_simple_line) shaped as br_text_new's layout would
 * shape it, without the layout: the same items (pango_itemize with the
 * layout's font and features), shaped as the layout shapes them; text_of
 * places it in its box as the layout places a line (line_offset).  NULL
 * when the text is not a simple line or does not fit the width (> 0),
 * where the layout breaks or ellipsizes it.  Labels, cells and measurements are
 * most of what charts do with text, and the layout's line breaking, log
 * attributes and extents were most of its cost; test_measure and
 * test_lines check that widths and drawn runs equal the layout's. */
static simple_line *shape_simple_line(br_fonts *fonts, const char *utf8, const br_text_style *style, double width)
{
    if (!*utf8 || fonts->layouts_only || !one_simple_line(utf8))
        return NULL;
    int len = (int)strlen(utf8);
    PangoAttrList *attrs = pango_attr_list_new();
    PangoFontDescription *desc = make_desc(style);
    pango_attr_list_insert(attrs, pango_attr_font_desc_new(desc));
    pango_font_description_free(desc);
    pango_attr_list_insert(attrs, pango_attr_font_features_new("liga=0, clig=0"));
    long n_chars = 0;
    char *items_at = items_key(utf8, style, &n_chars);
    PangoItem *from_template = items_at ? item_from_template(fonts, items_at, utf8, len, n_chars) : NULL;
    GList *items;
    if (from_template) {
        items = g_list_prepend(NULL, from_template);
        g_free(items_at);
    } else {
        items = pango_itemize(fonts->context, utf8, 0, len, attrs, NULL);
        if (items_at && !g_hash_table_contains(fonts->items, items_at))
            item_template_put(fonts, items_at, items, len, style);
        else
            g_free(items_at);
    }
    pango_attr_list_unref(attrs);
    simple_line *l = g_rc_box_new0(simple_line);
    l->text = g_strdup(utf8);
    l->runs = g_new0(line_run, g_list_length(items));
    int64_t pen = 0;
    int ascent = 0, descent = 0;
    for (GList *it = items; it; it = it->next) {
        PangoItem *item = it->data;
        PangoGlyphString *gs = pango_glyph_string_new();
        pango_shape_item(item, utf8, len, NULL, gs, PANGO_SHAPE_NONE);
        PangoRectangle logical;
        pango_glyph_string_extents(gs, item->analysis.font, NULL, &logical);
        line_run *r = &l->runs[l->n_runs++];
        r->gi.item = item;
        r->gi.glyphs = gs;
        r->x = (int)pen;
        r->logical_y = logical.y;
        r->logical_h = logical.height;
        if (l->n_runs == 1 || -logical.y > ascent)
            ascent = -logical.y;
        if (l->n_runs == 1 || logical.y + logical.height > descent)
            descent = logical.y + logical.height;
        pen += logical.width;
    }
    g_list_free(items);
    /* A line of several fonts is left to the layout: its runs' logical
     * boxes there are not each font's own (measured: a Han run beside a
     * Latin one sits 0.07 pt higher), and only widths were equal. */
    bool one_font = true;
    for (int i = 1; i < l->n_runs; i++)
        one_font &= l->runs[i].gi.item->analysis.font == l->runs[0].gi.item->analysis.font;
    if (l->n_runs == 0 || !one_font || pen > INT32_MAX / 2 || !line_fits((int)pen, width)) {
        g_rc_box_release_full(l, simple_line_clear);
        return NULL;
    }
    l->width = (int)pen;
    l->ascent = ascent;
    l->descent = descent;
    l->family = g_strdup(style->family);
    l->size = style->size;
    l->bold = style->bold;
    l->italic = style->italic;
    return l;
}

/* A br_text of a layout or a simple line (its reference is taken). */
static br_text *text_of(br_fonts *fonts, PangoLayout *layout, simple_line *line, const br_text_style *style,
                        double width)
{
    br_text *t = g_new0(br_text, 1);
    t->fonts = fonts;
    t->layout = layout;
    t->line = line;
    t->x_offset = line ? line_offset(line, width, style->align) : 0;
    t->color = style->color;
    t->width = width > 0 ? width : 0;
    return t;
}

br_text *br_text_refit(const br_text *text, const br_text_style *style, double width)
{
    const simple_line *l = text->line;
    if (!l || l->size != style->size || l->bold != style->bold || l->italic != style->italic ||
        g_strcmp0(l->family, style->family) != 0 || !line_fits(l->width, width))
        return NULL;
    return text_of(text->fonts, NULL, g_rc_box_acquire(text->line), style, width);
}

br_status br_text_new(br_fonts *fonts, const char *utf8, bool markup,
                      const br_text_style *style, double width, br_diag *diag,
                      br_text **out)
{
    char *key = memo_key('L', utf8, markup, style, width);
    const text_memo *hit = key ? g_hash_table_lookup(fonts->memo, key) : NULL;
    if (hit) {
        g_free(key);
        *out = text_of(fonts, hit->layout ? g_object_ref(hit->layout) : NULL,
                       hit->line ? g_rc_box_acquire(hit->line) : NULL, style, width);
        return BR_OK;
    }
    simple_line *line = markup ? NULL : shape_simple_line(fonts, utf8, style, width);
    if (line) {
        memo_put(fonts, key, NULL, line, 0);
        *out = text_of(fonts, NULL, line, style, width);
        return BR_OK;
    }
    PangoLayout *layout = pango_layout_new(fonts->context);
    PangoAttrList *attrs = NULL;
    if (markup) {
        char *plain = NULL;
        GError *err = NULL;
        if (!pango_parse_markup(utf8, -1, 0, &attrs, &plain, NULL, &err)) {
            br_diag_error(diag, "invalid markup: %s", err->message);
            g_error_free(err);
            g_object_unref(layout);
            g_free(key);
            return br_error_set(BR_ERR_SPEC);
        }
        pango_layout_set_text(layout, plain, -1);
        g_free(plain);
    } else {
        pango_layout_set_text(layout, utf8, -1);
        attrs = pango_attr_list_new();
    }
    /* Ligatures off for both back ends (see the file comment). */
    PangoAttribute *feat = pango_attr_font_features_new("liga=0, clig=0");
    pango_attr_list_insert_before(attrs, feat);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);

    PangoFontDescription *desc = make_desc(style);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    if (width > 0) {
        pango_layout_set_width(layout, (int)lround(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    if (style->max_lines > 0) {
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(layout, -style->max_lines);
        if (width <= 0)
            pango_layout_set_width(layout, -1);
    }
    pango_layout_set_alignment(layout, style->align == BR_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
                                       : style->align == BR_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                        : PANGO_ALIGN_LEFT);
    if (width > 0 && style->max_lines <= 0) {
        /* Pango's line breaking overflows (2^31 Pango units) on a paragraph
         * of several hundred thousand characters and sets it as one line
         * far wider than the page: an error, never a silent cut.  The
         * readers' length limits keep ordinary texts far from it. */
        PangoRectangle logical;
        pango_layout_get_extents(layout, NULL, &logical);
        if ((double)logical.width / PANGO_SCALE > width + 8 * style->size) {
            br_diag_error(diag, "a paragraph is too long to be broken into lines (%.0f points wide for a width of "
                          "%.0f): split it into shorter paragraphs", (double)logical.width / PANGO_SCALE, width);
            g_object_unref(layout);
            g_free(key);
            return br_error_set(BR_ERR_SPEC);
        }
    }
    br_text *t = text_of(fonts, layout, NULL, style, width);
    if (style->line_height > 0) {
        /* A fixed baseline-to-baseline distance: spacing is what is added
         * to the natural line height. */
        PangoRectangle logical;
        /* The first line's height, from the first 4 KiB of a long text
         * (a wrapped line is shorter): laying the whole text out only to
         * read it, then again with the spacing, doubled the cost. */
        const char *all = pango_layout_get_text(layout);
        size_t len = strlen(all);
        PangoLayout *probe = layout;
        if (width > 0 && len > 4096) {
            probe = pango_layout_copy(layout);
            const char *cut = g_utf8_find_prev_char(all, all + 4096);
            pango_layout_set_text(probe, all, cut ? (int)(cut - all) : 4096);
        }
        PangoLayoutIter *it = pango_layout_get_iter(probe);
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        pango_layout_iter_free(it);
        if (probe != layout)
            g_object_unref(probe);
        double natural = (double)logical.height / PANGO_SCALE;
        /* Never tighter than the font's own line box (ascent + descent):
         * tighter lines make ascenders touch descenders, and readers that
         * box words by the font's ascent and descent see them overlap. */
        if (style->line_height > natural)
            pango_layout_set_spacing(layout, (int)lround((style->line_height - natural) * PANGO_SCALE));
    }
    memo_put(fonts, key, layout, NULL, 0);
    *out = t;
    return BR_OK;
}

void br_text_free(br_text *text)
{
    if (!text)
        return;
    if (text->layout)
        g_object_unref(text->layout);
    if (text->line)
        g_rc_box_release_full(text->line, simple_line_clear);
    g_free(text);
}

double br_text_width(const br_text *text)
{
    if (text->line)
        return (double)(text->x_offset + text->line->width) / PANGO_SCALE;
    PangoRectangle logical;
    pango_layout_get_extents(text->layout, NULL, &logical);
    return (double)(logical.x + logical.width) / PANGO_SCALE;
}

double br_text_height(const br_text *text)
{
    if (text->line)
        return (double)(text->line->ascent + text->line->descent) / PANGO_SCALE;
    PangoRectangle logical;
    pango_layout_get_extents(text->layout, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

double br_text_baseline(const br_text *text)
{
    if (text->line)
        return (double)text->line->ascent / PANGO_SCALE;
    return (double)pango_layout_get_baseline(text->layout) / PANGO_SCALE;
}

int br_text_line_count(const br_text *text)
{
    return text->line ? 1 : pango_layout_get_line_count(text->layout);
}

/* A glyph Pango could not find in any project font: draw the replacement
 * character's glyph instead (visible, and the same in both back ends). */
static uint32_t replacement_glyph(PangoFont *font, const char **text, gunichar *shown)
{
    hb_font_t *hb = pango_font_get_hb_font(font);
    hb_codepoint_t g = 0;
    if (hb && hb_font_get_nominal_glyph(hb, 0xFFFD, &g)) {
        *text = "\xEF\xBF\xBD";
        *shown = 0xFFFD;
        return g;
    }
    if (hb && hb_font_get_nominal_glyph(hb, '?', &g)) {
        *text = "?";
        *shown = '?';
        return g;
    }
    return 0;
}

static void draw_run(br_text *t, PangoGlyphItem *gi, const char *layout_text, double x, double baseline,
                     double line_top, double line_bottom, bool line_end, br_device *dev)
{
    PangoItem *item = gi->item;
    PangoGlyphString *gs = gi->glyphs;
    const font_use *use = font_use_of(t->fonts, item->analysis.font);
    if (!use->face || gs->num_glyphs == 0)
        return;
    const br_font_face *face = use->face;
    double size = use->size;

    /* At most one glyph and one cluster per glyph of the run. */
    br_glyph *glyphs = g_new(br_glyph, (gsize)gs->num_glyphs);
    br_cluster *clusters = g_new(br_cluster, (gsize)gs->num_glyphs);
    size_t n_glyphs = 0, n_clusters = 0;
    GString *text = g_string_new(NULL);
    const char *item_text = layout_text + item->offset;
    double pen = x, x_end = x;
    for (int i = 0; i < gs->num_glyphs;) {
        int start = gs->log_clusters[i];
        int j = i;
        while (j < gs->num_glyphs && gs->log_clusters[j] == start)
            j++;
        /* The cluster's bytes run to the next cluster's start in logical
         * order: after it in a left-to-right run, before it in a
         * right-to-left one (glyphs are in visual order).  Only the
         * neighbour is looked at, so long runs stay linear. */
        int end = item->length;
        if (item->analysis.level % 2 == 0) {
            if (j < gs->num_glyphs && gs->log_clusters[j] > start)
                end = gs->log_clusters[j];
        } else if (i > 0 && gs->log_clusters[i - 1] > start) {
            end = gs->log_clusters[i - 1];
        }
        br_cluster cl = {0, 0};
        size_t text_before = text->len;
        int replaced = 0;
        /* The ellipsis Pango puts in place of cut text stands for all of
         * it; its text is "…" alone, or readers would find the hidden words
         * in the PDF. */
        if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) {
            j = gs->num_glyphs;
            for (int k = i; k < j; k++) {
                PangoGlyphInfo *g = &gs->glyphs[k];
                if (g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
                    glyphs[n_glyphs++] = (br_glyph){g->glyph, pen + (double)g->geometry.x_offset / PANGO_SCALE,
                                                    baseline + (double)g->geometry.y_offset / PANGO_SCALE};
                    cl.n_glyphs++;
                }
                pen += (double)g->geometry.width / PANGO_SCALE;
            }
            x_end = pen;
            if (cl.n_glyphs > 0) {
                g_string_append(text, "\xE2\x80\xA6");
                cl.n_bytes = 3;
                clusters[n_clusters++] = cl;
            }
            i = j;
            continue;
        }
        for (int k = i; k < j; k++) {
            PangoGlyphInfo *g = &gs->glyphs[k];
            PangoGlyph id = g->glyph;
            if (id == PANGO_GLYPH_EMPTY) {
                pen += (double)g->geometry.width / PANGO_SCALE;
                continue;
            }
            if (id & PANGO_GLYPH_UNKNOWN_FLAG) {
                const char *rt = NULL;
                gunichar shown = 0;
                id = replacement_glyph(item->analysis.font, &rt, &shown);
                if (!replaced && rt) {
                    g_string_append(text, rt);
                    replaced = 1;
                    t->fonts->replaced++;
                }
            }
            glyphs[n_glyphs++] = (br_glyph){id, pen + (double)g->geometry.x_offset / PANGO_SCALE,
                                            baseline + (double)g->geometry.y_offset / PANGO_SCALE};
            cl.n_glyphs++;
            pen += (double)g->geometry.width / PANGO_SCALE;
        }
        x_end = pen;
        if (cl.n_glyphs > 0) {
            if (!replaced) {
                /* Control characters (line ends) show nothing. */
                for (const char *p = item_text + start; p < item_text + end;) {
                    const char *next = g_utf8_next_char(p);
                    unsigned char b = (unsigned char)*p;
                    /* the layout's text is valid UTF-8: copied as it is */
                    if (b >= 0x80 || (b >= 0x20 && b != 0x7f))
                        g_string_append_len(text, p, next - p);
                    p = next;
                }
                if (text->len == text_before)
                    g_string_append_c(text, ' ');
            }
            cl.n_bytes = (int)(text->len - text_before);
            clusters[n_clusters++] = cl;
        }
        i = j;
    }
    /* Spaces that hang at the end of a wrapped line show nothing; leaving
     * them out keeps the run's box inside the wrap width. */
    while (line_end && n_clusters > 0) {
        const br_cluster *last = &clusters[n_clusters - 1];
        const char *ct = text->str + text->len - last->n_bytes;
        bool blank = true;
        for (const char *p = ct; p < text->str + text->len; p = g_utf8_next_char(p))
            blank &= g_unichar_isspace(g_utf8_get_char(p));
        if (!blank)
            break;
        x_end = glyphs[n_glyphs - (size_t)last->n_glyphs].x;
        g_string_truncate(text, text->len - (gsize)last->n_bytes);
        n_glyphs -= (size_t)last->n_glyphs;
        n_clusters--;
    }
    if (n_glyphs > 0) {
        br_text_run run = {
            .face = face,
            .size = size,
            .color = t->color,
            .utf8 = text->str,
            .n_bytes = text->len,
            .glyphs = glyphs,
            .n_glyphs = n_glyphs,
            .clusters = clusters,
            .n_clusters = n_clusters,
            .box = {x, line_top, x_end, line_bottom},
        };
        br_dev_fill_text(dev, &run);
    }
    g_free(glyphs);
    g_free(clusters);
    g_string_free(text, TRUE);
}

/* Draws a simple line as br_text_draw_lines draws a layout's one line:
 * the same runs at the same positions, with the same boxes. */
static void draw_simple_line(br_text *t, br_device *dev, double x, double y)
{
    const simple_line *l = t->line;
    double baseline = y + (double)l->ascent / PANGO_SCALE;
    for (int i = 0; i < l->n_runs; i++) {
        line_run *r = &l->runs[i];
        double top = y + (double)(l->ascent + r->logical_y) / PANGO_SCALE;
        draw_run(t, &r->gi, l->text, x + (double)(t->x_offset + r->x) / PANGO_SCALE, baseline, top,
                 top + (double)r->logical_h / PANGO_SCALE, i == l->n_runs - 1, dev);
    }
}

void br_text_line_extents(const br_text *text, double *top, double *bottom)
{
    if (text->line) {
        top[0] = 0;
        bottom[0] = br_text_height(text);
        return;
    }
    /* One pass of one iterator: restarting at line 0 for every line made
     * long paragraphs quadratic. */
    PangoLayoutIter *it = pango_layout_get_iter(text->layout);
    int n = pango_layout_get_line_count(text->layout);
    for (int i = 0; i < n; i++) {
        int y0, y1;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        top[i] = (double)y0 / PANGO_SCALE;
        bottom[i] = (double)y1 / PANGO_SCALE;
        if (!pango_layout_iter_next_line(it))
            break;
    }
    pango_layout_iter_free(it);
}

void br_text_draw_lines(const br_text *text, br_device *dev, double x, double y, int first, int end)
{
    br_text *t = (br_text *)text;
    if (t->line) {
        if (first <= 0 && end > 0)
            draw_simple_line(t, dev, x, y);
        return;
    }
    const char *layout_text = pango_layout_get_text(t->layout);
    PangoLayoutIter *it = pango_layout_get_iter(t->layout);
    /* Lines before `first` are skipped line by line, not run by run. */
    int line = 0;
    for (; line < first; line++) {
        if (!pango_layout_iter_next_line(it)) {
            pango_layout_iter_free(it);
            return;
        }
    }
    int y0, y1;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    double shift = (double)y0 / PANGO_SCALE;
    PangoLayoutLine *current = pango_layout_iter_get_line_readonly(it);
    do {
        PangoLayoutLine *l = pango_layout_iter_get_line_readonly(it);
        if (l != current) {
            current = l;
            line++;
        }
        if (line >= end)
            break;
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it, NULL, &logical);
        double top = y - shift;
        double baseline = top + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        double rx = x + (double)logical.x / PANGO_SCALE;
        GSList *last = g_slist_last(current->runs);
        draw_run(t, run, layout_text, rx, baseline, top + (double)logical.y / PANGO_SCALE,
                 top + (double)(logical.y + logical.height) / PANGO_SCALE, last && last->data == run, dev);
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

void br_text_draw(const br_text *text, br_device *dev, double x, double y)
{
    br_text_draw_lines(text, dev, x, y, 0, INT32_MAX);
}

double br_text_block(br_fonts *fonts, const char *utf8, bool markup, const br_text_style *style, double width,
                     br_device *dev, double x, double y, br_diag *diag)
{
    br_text *t = NULL;
    if (br_text_new(fonts, utf8, markup, style, width, diag, &t) != BR_OK)
        return 0;
    double h = br_text_height(t);
    if (dev)
        br_text_draw(t, dev, x, y);
    br_text_free(t);
    return h;
}

/* True when Pango sets the text as one line made of its items, shaped one
 * by one, in logical order, so that the items' widths add up to the
 * layout's: no line ends or tabs (the layout breaks and tabs them), no
 * right-to-left script (reordered), no soft hyphen, bidi controls or
 * other format characters (the layout's line breaking decides how they
 * show).  Conservative: anything else goes through the layout. */
static bool one_simple_line(const char *utf8)
{
    for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
        if (*p < 0x80) { /* the common case, without decoding */
            if (*p < 0x20 || *p == 0x7F)
                return false;
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char((const char *)p);
        if (c <= 0x9F || c == 0xAD || (c >= 0x0590 && c <= 0x08FF) || (c >= 0x200B && c <= 0x200F) ||
            (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || (c >= 0xFB1D && c <= 0xFDFF) ||
            (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0x10800 && c <= 0x10FFF) ||
            (c >= 0x1E800 && c <= 0x1EFFF))
            return false;
        p = (const unsigned char *)g_utf8_next_char((const char *)p);
    }
    return true;
}

double br_text_measure(br_fonts *fonts, const char *utf8, const br_text_style *style)
{
    char *key = memo_key('W', utf8, false, style, 0);
    const text_memo *hit = key ? g_hash_table_lookup(fonts->memo, key) : NULL;
    if (hit) {
        g_free(key);
        return hit->width;
    }
    /* br_text_new takes the simple-line short cut when it can (and
     * remembers the shaped line for the label drawn next). */
    double w = 0;
    br_text *t = NULL;
    br_text_style s = *style;
    s.max_lines = 0;
    if (br_text_new(fonts, utf8, false, &s, 0, NULL, &t) == BR_OK)
        w = br_text_width(t);
    br_text_free(t);
    memo_put(fonts, key, NULL, NULL, w);
    return w;
}

char *br_text_markup_to_plain(const char *markup)
{
    char *plain = NULL;
    if (!pango_parse_markup(markup, -1, 0, NULL, &plain, NULL, NULL))
        return NULL;
    return plain;
}
