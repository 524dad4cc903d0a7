/* text: fonts and paragraphs.  The only module that speaks Pango and
 * fontconfig.
 *
 * br_fontset is the process-wide, shared part: a private fontconfig
 * configuration read from the project's fonts/ directory (fonts.conf plus
 * the files in fonts.list, nothing else from the system), the font faces
 * found in it, and a pool of Pango font maps.  It is loaded once (by the
 * engine) and shared by every document and thread; its functions are
 * thread-safe.
 *
 * br_fonts is one document's font context (Pango font maps are not
 * thread-safe): a font map from the set's pool and a Pango context set up
 * so that glyph positions are exactly what the PDF can reproduce
 * (resolution 72, no hinting, no rounded positions, ligatures off).  One
 * thread uses it at a time.
 *
 * br_text is one laid-out paragraph (plain text or Pango markup), broken
 * into lines at a width; it measures itself and draws positioned glyph runs
 * to a device.  Units are points.
 */
#ifndef BR_TEXT_H
#define BR_TEXT_H

#include <stdbool.h>

#include "device/device.h"
#include "base/diag.h"
#include "base/digest.h"

typedef struct br_fontset br_fontset;
typedef struct br_fonts br_fonts;

/* The font set of fonts_dir: the first call for a folder loads
 * fonts_dir/fonts.conf and the files of fonts_dir/fonts.list, later calls
 * share what it loaded (one font set per folder and process, never freed).
 * Errors (missing directory, unreadable or non-TrueType file) go to diag.
 * OUT: *out.  Thread-safe. */
br_status br_fontset_new(const char *fonts_dir, br_diag *diag, br_fontset **out) BR_MUST_CHECK;
/* Ends a user's share of the set; the set itself stays for the process. */
void br_fontset_free(br_fontset *set);
/* The fingerprint of the font set: fonts.conf and fonts.list, and each
 * listed file by name, size and modification time (hex, borrowed). */
const char *br_fontset_digest(const br_fontset *set);
/* How many of the listed files had their faces read from fontconfig's
 * caches rather than scanned (see text.c); OUT: *files, when not NULL, the
 * number of listed files.  Never fails. */
size_t br_fontset_cached_files(const br_fontset *set, size_t *files);
/* True when a and b hold the same faces in the same order (every pattern
 * equal: file, index, names, charset, ...); else false, and the first
 * difference goes to diag.  For tests. */
bool br_fontset_same_faces(const br_fontset *a, const br_fontset *b, br_diag *diag);

/* True when family names a family of the project's fonts. */
bool br_fontset_has_family(br_fontset *set, const char *family);

/* A document's font context on set (which must outlive it).  OUT: *out. */
br_status br_fonts_new(br_fontset *set, br_fonts **out) BR_MUST_CHECK;
void br_fonts_free(br_fonts *fonts);

/* Language of the texts (BCP 47), for line breaking and CJK font choice. */
void br_fonts_set_language(br_fonts *fonts, const char *lang);

/* For tests: false sends every text through a PangoLayout, the reference
 * that the short cut for simple lines (text.c) is checked against; true
 * (the default) takes the short cut. */
void br_fonts_set_simple_lines(br_fonts *fonts, bool on);

/* How many characters (clusters) were drawn as the replacement character
 * U+FFFD so far: missing from every project font.  Characters beyond the
 * Basic Multilingual Plane are drawn like any other when a project font has
 * them (the PDF back end gives their glyphs codes of their own). */
size_t br_fonts_replacements(const br_fonts *fonts);

typedef enum { BR_ALIGN_LEFT, BR_ALIGN_CENTER, BR_ALIGN_RIGHT } br_align;

typedef struct br_text_style {
    const char *family; /* comma-separated family list; NULL: the theme default */
    double size;        /* points */
    bool bold, italic;
    br_color color;
    double line_height; /* baseline to baseline, points; 0: the font's own */
    br_align align;
    int max_lines;      /* > 0: cut after this many lines with an ellipsis */
} br_text_style;

typedef struct br_text br_text;

/* Lays out utf8 (Pango markup when markup is true) at the given width in
 * points (<= 0: one line per paragraph, no wrapping).  OUT: *out.  Errors:
 * BR_ERR_SPEC for markup Pango rejects (message in diag), BR_ERR_NOMEM. */
br_status br_text_new(br_fonts *fonts, const char *utf8, bool markup,
                      const br_text_style *style, double width,
                      br_diag *diag, br_text **out) BR_MUST_CHECK;
void br_text_free(br_text *text);

/* text (made by br_text_new without markup) again, in a box of width
 * points with style's alignment and colour, as br_text_new of the same
 * string would make it, but without shaping it again: a table measures
 * every cell for its column widths and draws the cells later.  NULL when
 * text is not one simple line, when style's font (family, size, bold,
 * italic) is not the one text was shaped in, or when it does not fit the
 * width (br_text_new then breaks or cuts it). */
br_text *br_text_refit(const br_text *text, const br_text_style *style, double width);

/* Logical size of the laid-out text (width of the widest line). */
double br_text_width(const br_text *text);
double br_text_height(const br_text *text);
/* Distance from the top to the first baseline. */
double br_text_baseline(const br_text *text);
int br_text_line_count(const br_text *text);

/* Draws with the top-left of the layout box at (x, y); with a width set,
 * alignment happens inside that width. */
void br_text_draw(const br_text *text, br_device *dev, double x, double y);

/* The vertical extent of every line, from the top of the layout (line
 * spacing included in the distance between lines): OUT: top[i], bottom[i]
 * for the br_text_line_count lines, in one pass. */
void br_text_line_extents(const br_text *text, double *top, double *bottom);

/* Draws lines [first, end) only, with the top of line `first` at y: how
 * paragraphs continue on the next page. */
void br_text_draw_lines(const br_text *text, br_device *dev, double x, double y, int first, int end);

/* The text of Pango markup without its tags, or NULL when the markup is
 * invalid. g_free it. */
char *br_text_markup_to_plain(const char *markup);

/* Convenience: lays out utf8 (markup when markup is true) at width, draws
 * it with its top-left at (x, y) into dev (NULL: draws nothing) and
 * returns its height; 0 when it cannot be laid out (the reason in diag). */
double br_text_block(br_fonts *fonts, const char *utf8, bool markup, const br_text_style *style, double width,
                     br_device *dev, double x, double y, br_diag *diag);

/* Convenience: the advance width of a single line of plain text. */
double br_text_measure(br_fonts *fonts, const char *utf8,
                       const br_text_style *style);

#endif
