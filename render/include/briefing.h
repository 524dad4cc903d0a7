/* briefing.h: the public C API of libbriefing.
 *
 * libbriefing turns indicator sets (JSON, "indicator-set/1", see
 * briefing-set(5)) into briefings: PDF with real, searchable text, or PNG
 * and SVG pages, laid out by a layout file (briefing-layout(5)).
 *
 *   br_engine          fonts and layouts, loaded once; shared by threads
 *   br_indicator_set   one validated indicator set (immutable)
 *   br_layout          one validated layout (immutable)
 *   br_output          the files of one render, in memory
 *   br_diag            what went wrong (or is worth a warning), as data
 *
 * A typical program:
 *
 *   br_engine *engine;  br_indicator_set *set;  br_output *out;
 *   br_diag *diag = br_diag_new(0);
 *   if (br_engine_new(NULL, diag, &engine) == BR_OK &&
 *       br_indicator_set_load_file(engine, "set.json", NULL, diag, &set) == BR_OK) {
 *       br_render_options o;
 *       br_render_options_init(&o);
 *       if (br_render(engine, set, NULL, &o, diag, &out) == BR_OK) {
 *           br_output_publish(out, "set.pdf", diag);   // atomic
 *           br_output_free(out);
 *       }
 *       br_indicator_set_free(set);
 *   }
 *   for (size_t i = 0; i < br_diag_count(diag); i++) { ... br_diag_item_at(diag, i) ... }
 *
 * Conventions.  Every function that can fail returns a br_status and puts
 * the details into a br_diag; results come back through OUT parameters and
 * are the caller's only when the status is BR_OK.  Objects made by _new or
 * _load are freed with their _free (NULL is a no-op).  Strings and arrays
 * that functions return are borrowed from their object unless the comment
 * says "free with br_free".  Rendering is a pure function of its inputs:
 * the same set, layout, fonts and options give byte-identical output.
 *
 * Threads.  An engine, a set and a layout are immutable once loaded and may
 * be used from any number of threads at once; br_render takes them as
 * const and keeps everything else it needs per call.  A br_diag and a
 * br_output belong to one thread at a time.  The library never calls
 * setlocale, exit or abort on bad input, and holds no global mutable state
 * besides fontconfig's process-wide current configuration, which the first
 * engine sets once (so that Pango never scans the system's fonts), and the
 * font sets: one per fonts folder and process, loaded by the first engine
 * that asks, shared by every later one and never freed (their caches of
 * font maps and faces are guarded by locks). */
#ifndef BRIEFING_H
#define BRIEFING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(BR_BUILDING_LIBRARY)
#define BR_API __attribute__((visibility("default")))
#else
#define BR_API
#endif
#define BR_MUST_CHECK __attribute__((warn_unused_result))

/* ---- status and diagnostics ------------------------------------------ */

typedef enum {
    BR_OK = 0,
    BR_ERR_NOMEM,       /* out of memory */
    BR_ERR_IO,          /* a file could not be read or written */
    BR_ERR_JSON,        /* a file is not (strict) JSON */
    BR_ERR_SPEC,        /* an indicator set breaks a rule of its format */
    BR_ERR_LAYOUT,      /* a layout breaks a rule of its format */
    BR_ERR_FONT,        /* the project's fonts are missing or unusable */
    BR_ERR_BACKEND,     /* the PDF, PNG or SVG writer failed */
    BR_ERR_UNSUPPORTED, /* an option or input that cannot be honoured */
    BR_ERR_USAGE,       /* the caller's options contradict each other */
    BR_ERR_RANGE        /* a number to draw is not finite (an overflow) */
} br_status;

/* A constant English name of a status ("out of memory").  Never fails;
 * thread-safe. */
BR_API const char *br_status_str(br_status status);

typedef enum { BR_SEV_ERROR, BR_SEV_WARNING } br_severity;

/* One problem.  Printed, it reads FILE:LINE:COL: json.path: message. */
typedef struct br_diag_item {
    br_severity severity;
    char *file;    /* as given by the caller; NULL when not about a file */
    int line, col; /* from 1 (the column counts characters); 0 when unknown */
    char *path;    /* JSON path such as "indicators[2].observations[5].value"; may be NULL */
    char *message; /* one line, control characters escaped */
} br_diag_item;

typedef struct br_diag br_diag;

/* A new, empty list of diagnostics.  Errors beyond max_errors (0 means 50)
 * are counted but not stored.  NULL only when out of memory. */
BR_API br_diag *br_diag_new(size_t max_errors);
BR_API void br_diag_free(br_diag *diag);
BR_API size_t br_diag_count(const br_diag *diag);       /* stored items */
BR_API size_t br_diag_error_count(const br_diag *diag); /* all errors, stored or not */
/* Item i (0 <= i < count); borrowed, lives as long as the diag. */
BR_API const br_diag_item *br_diag_item_at(const br_diag *diag, size_t i);
/* The item in its printed form; free with br_free. */
BR_API char *br_diag_format(const br_diag_item *item);
/* Empties the list. */
BR_API void br_diag_clear(br_diag *diag);
/* text with what a terminal would act on escaped: C0 controls and DEL
 * (\n, \r, \t, else \x1b), C1 controls (\u0085) and invalid UTF-8 bytes
 * (\xff); anything else as it is.  What every diagnostic goes through (its
 * file, path and message), for programs that print values of their own.
 * NULL for NULL; free with br_free.  Never fails. */
BR_API char *br_escape_text(const char *text);

/* Frees memory the library handed out ("free with br_free"). */
BR_API void br_free(void *p);

/* The library's version, "MAJOR.MINOR.PATCH". */
BR_API const char *br_version(void);

/* ---- engine ------------------------------------------------------------ */

typedef struct br_engine br_engine;

/* Loads the project's fonts (data_dir/fonts: a private fontconfig
 * configuration; nothing else from the system) and prepares to load
 * layouts from data_dir/layouts.  data_dir NULL: the environment variable
 * BRIEFING_DATADIR, else the installed data directory (found relative to
 * the running program first, so a relocated installation works).  OUT:
 * *out.  Errors: BR_ERR_FONT, BR_ERR_IO, BR_ERR_NOMEM. */
BR_API br_status br_engine_new(const char *data_dir, br_diag *diag, br_engine **out) BR_MUST_CHECK;
/* After every set, layout and output made with it is freed. */
BR_API void br_engine_free(br_engine *engine);
/* Where the engine found its data; borrowed. */
BR_API const char *br_engine_data_dir(const br_engine *engine);

/* ---- indicator sets ---------------------------------------------------- */

typedef struct br_indicator_set br_indicator_set;

/* Reads and validates the set in the file at path ("-": standard input).
 * display_name names it in messages (NULL: path; "<stdin>" for "-").
 * Relative CSV observation files resolve against the set's folder (the
 * current folder for "-").  Every problem goes to diag.  OUT: *out.
 * Errors: BR_ERR_IO, BR_ERR_JSON, BR_ERR_SPEC, BR_ERR_NOMEM.  Thread-safe. */
BR_API br_status br_indicator_set_load_file(br_engine *engine, const char *path, const char *display_name,
                                            br_diag *diag, br_indicator_set **out) BR_MUST_CHECK;
/* The same for len bytes at data (need not be NUL-terminated); base_dir
 * resolves CSV files (NULL: the current folder). */
BR_API br_status br_indicator_set_load_buffer(br_engine *engine, const char *data, size_t len,
                                              const char *display_name, const char *base_dir, br_diag *diag,
                                              br_indicator_set **out) BR_MUST_CHECK;
BR_API void br_indicator_set_free(br_indicator_set *set);
/* The set's id (borrowed). */
BR_API const char *br_indicator_set_id(const br_indicator_set *set);
/* The set's language tag (borrowed). */
BR_API const char *br_indicator_set_language(const br_indicator_set *set);
/* The ids of the entities a profile can be about (the set's regions, or
 * its countries when it has no regions), in file order; borrowed, *n of
 * them. */
BR_API const char *const *br_indicator_set_focus_ids(const br_indicator_set *set, size_t *n);

/* ---- layouts ----------------------------------------------------------- */

typedef struct br_layout br_layout;

/* The layout `name` from the engine's layouts folder ("briefing"), or the
 * file at a path (a name with a '/' or ending in ".json").  Layouts by
 * name are loaded once and kept by the engine: the result is borrowed
 * (never free it) and valid as long as the engine.  Every problem goes to
 * diag.  OUT: *out.  Errors: BR_ERR_IO, BR_ERR_JSON, BR_ERR_LAYOUT,
 * BR_ERR_NOMEM.  Thread-safe. */
BR_API br_status br_engine_layout(br_engine *engine, const char *name, br_diag *diag,
                                  const br_layout **out) BR_MUST_CHECK;
/* A layout from len bytes at data (base_dir resolves image files; NULL:
 * the current folder).  The result is the caller's: free it with
 * br_layout_free. */
BR_API br_status br_layout_load_buffer(br_engine *engine, const char *data, size_t len, const char *display_name,
                                       const char *base_dir, br_diag *diag, br_layout **out) BR_MUST_CHECK;
BR_API void br_layout_free(br_layout *layout);
/* True when the layout is about one entity (a profile) and needs a focus. */
BR_API int br_layout_needs_focus(const br_layout *layout);

/* ---- rendering --------------------------------------------------------- */

typedef enum { BR_FORMAT_PDF, BR_FORMAT_PNG, BR_FORMAT_SVG, BR_FORMAT_TRACE } br_format;

/* The colours a document is written in (issue 14 B, briefing(1) "Colour
 * for print").  GRAY: every colour and image converted to the gray of equal
 * luminance (PDF g/G and DeviceGray; PNG and SVG gray).  CMYK: every colour
 * and image in DeviceCMYK by the naive conversion k = 1 - max(r, g, b),
 * c = (1 - r - k) / (1 - k), m, y alike, no ICC profile; PDF and trace only
 * (Cairo writes no CMYK: br_render fails with BR_ERR_UNSUPPORTED). */
typedef enum { BR_COLORS_RGB = 0, BR_COLORS_GRAY, BR_COLORS_CMYK } br_colors;

/* Imposition (issue 14 A, briefing(1) "Printing handouts"): logical pages
 * drawn onto sheets, scaled and moved, with their text, links and outline
 * intact.  2UP: two pages side by side on a sheet turned against the page
 * (a landscape sheet of the page's paper by default); 4UP: four in reading
 * order on a sheet turned like the page; BOOKLET: two a side in
 * saddle-stitch order, padded with blank pages to a multiple of 4, so the
 * printed stack (both sides, flipped on the short edge) folds into a
 * booklet. */
typedef enum { BR_IMPOSE_NONE = 0, BR_IMPOSE_2UP, BR_IMPOSE_4UP, BR_IMPOSE_BOOKLET } br_impose;

typedef struct br_render_options {
    const char *lang;  /* BCP 47 tag to render in (names{}, translations{}, number and date
                          formats, page furniture); NULL: the set's language */
    const char *focus; /* entity id a profile is about ("$focus" in layouts); NULL: none */
    br_format format;
    double dpi;                /* PNG resolution, 9..2400 */
    int64_t source_date_epoch; /* the document date, seconds since 1970 UTC; < 0: the set's `date` */
    /* print: colour (issue 14 B) */
    br_colors colors; /* BR_COLORS_RGB (default), _GRAY (--grayscale), _CMYK (--cmyk) */
    /* print: PDF/A (issue 14 C) */
    bool pdfa; /* PDF/A-1b (--pdfa): PDF only; an output intent of the engine's ICC profile for
                  the colours (sRGB, or CMYK with _CMYK), transparency flattened against white */
    /* print: imposition, bleed and crop marks (issue 14 A) */
    br_impose impose;  /* BR_IMPOSE_NONE (default): one page a sheet */
    const char *sheet; /* the sheets' paper with imposition: A3, A4, A5, Letter, Legal, Tabloid or
                          WxHmm (either orientation; it is turned to fit); NULL: the page's own */
    double bleed_mm;   /* 0..20: the page grows by it, edge backgrounds reach into it (no imposition) */
    int crop_marks;    /* non-zero: crop marks outside the trim and bleed (no imposition) */
} br_render_options;

/* The imposition called name ("none", "2up", "4up", "booklet": the names
 * of --impose and of a build file's "impose").  OUT: *out.  Returns 0 for
 * any other name (then *out is BR_IMPOSE_NONE), else 1. */
BR_API int br_impose_from_name(const char *name, br_impose *out);

/* Defaults: PDF, 96 dpi, the set's language, no focus, the set's date, RGB,
 * no imposition, no bleed, no crop marks. */
BR_API void br_render_options_init(br_render_options *options);

/* Checks what br_render checks of options without a set or layout: the
 * ranges, the colour, imposition and sheet names and how the print
 * options combine (everything but the focus).  A program checks a batch's
 * options once with it before rendering any document.  Errors:
 * BR_ERR_USAGE, BR_ERR_UNSUPPORTED (--cmyk with PNG or SVG), with one
 * message in diag. */
BR_API br_status br_render_options_check(const br_render_options *options, br_diag *diag) BR_MUST_CHECK;

typedef struct br_output br_output;

/* Lays out and draws the set with the layout (NULL: the engine's
 * "briefing").  Warnings (an unknown language, characters no font has,
 * imposed text printed below 5 pt)
 * and errors go to diag.  OUT: *out, the files in memory.  Errors:
 * BR_ERR_USAGE (a focus that is not in the set, a profile without one,
 * options out of range; an unknown sheet, a sheet without imposition,
 * bleed or crop marks with it), BR_ERR_LAYOUT, BR_ERR_FONT, BR_ERR_BACKEND,
 * BR_ERR_NOMEM.  Thread-safe: any number of renders may run at once on
 * one engine, set and layout. */
BR_API br_status br_render(br_engine *engine, const br_indicator_set *set, const br_layout *layout,
                           const br_render_options *options, br_diag *diag, br_output **out) BR_MUST_CHECK;

BR_API void br_output_free(br_output *output);
BR_API br_format br_output_format(const br_output *output);
/* Logical pages of the document. */
BR_API size_t br_output_pages(const br_output *output);
/* Files: one for PDF and trace, one per page for PNG and SVG.  File i's
 * bytes are borrowed; OUT: *len. */
BR_API size_t br_output_n_files(const br_output *output);
BR_API const uint8_t *br_output_file(const br_output *output, size_t i, size_t *len);

/* Writes the output to path, atomically: every file goes to a temporary
 * file in its target folder, is synced, and only when all are complete
 * are they renamed into place, so an existing output is either replaced
 * by a whole new one or left as it was.  PNG and SVG pages go to
 * path-1.png, path-2.png, ... ("out.png" gives "out-1.png"); pages of an
 * earlier, longer render at the same path are removed.  A symbolic link
 * at path is followed (its target is replaced, its mode kept); a path
 * that is not a regular file (a device, a folder) is refused, and so is a
 * path that is one of the files the render read (the set, its CSV files,
 * the layout, its images).  A target with other hard links is replaced
 * by a new file: its other names keep the old contents.  Signals: the
 * library installs no handler; a program that catches SIGINT, SIGTERM or
 * SIGHUP calls br_output_cleanup in its handler, and a program that
 * ignores SIGXFSZ gets a write past its file size limit (ulimit -f) as an
 * error instead of being killed.  Errors: BR_ERR_IO, BR_ERR_USAGE. */
BR_API br_status br_output_publish(const br_output *output, const char *path, br_diag *diag) BR_MUST_CHECK;

/* Removes the temporary files of every br_output_publish in progress (in
 * any thread), so that a program killed by a signal leaves none behind.
 * Async-signal-safe: it only calls unlink(); meant for a handler of
 * SIGINT, SIGTERM and SIGHUP, which then lets the signal take its default
 * action.  The targets are never touched: they stay old or are all new. */
BR_API void br_output_cleanup(void);

/* ---- build files ------------------------------------------------------- */

/* A build file (briefing-build(5), "briefing-build/1"): the jobs of a
 * whole build, each sets x languages x focus with a layout and an output.
 * Read and checked at once, before any set is read; every problem goes to
 * diag as FILE:LINE:COL: jobs[I].key: message. */
typedef struct br_build br_build;

/* One job of a build file, with the defaults applied.  Strings are
 * borrowed from the build. */
typedef struct br_build_job {
    const char *const *sets;   /* the set files, relative ones resolved against the build file's folder */
    size_t n_sets;             /* at least 1 */
    const char *layout;        /* to load (br_engine_layout): a name, or a resolved path; NULL: "briefing" */
    const char *layout_name;   /* as the build file writes it (job keys, {layout}); NULL: "briefing" */
    const char *const *langs;  /* n_langs tags, each once; 0 of them: each set's own language */
    size_t n_langs;
    const char *focus;         /* NULL, an entity id, or "all" */
    const char *output_dir;    /* the folder of the files under their default names, or NULL when */
    const char *output;        /* a template names each file ({set} {lang} {entity} {layout}; ends in .pdf) */
    const char *base_dir;      /* the build file's folder */
    const char *where;         /* "FILE:LINE:COL: jobs[I]", to begin messages about this job */
    /* Print options the job (or "defaults") gives: each field counts only
     * when its BR_BUILD_* bit is in `given`; the others stay the command
     * line's (br_build_job_apply). */
    unsigned given;
    br_colors colors;  /* "colors": "rgb", "grayscale" or "cmyk" */
    br_impose impose;  /* "impose": "none", "2up", "4up" or "booklet" */
    const char *sheet; /* "sheet": a paper name (checked when read) */
    double bleed_mm;   /* "bleed": 0..20 */
    int crop_marks;    /* "crop_marks": true or false */
    int pdfa;          /* "pdfa": true or false */
} br_build_job;

#define BR_BUILD_COLORS 1u
#define BR_BUILD_IMPOSE 2u
#define BR_BUILD_SHEET 4u
#define BR_BUILD_BLEED 8u
#define BR_BUILD_CROP_MARKS 16u
#define BR_BUILD_PDFA 32u

/* Sets the print options job gives (its `given` fields) in o and leaves
 * the rest as they are.  Never fails. */
BR_API void br_build_job_apply(const br_build_job *job, br_render_options *o);

/* Reads the build file at path.  OUT: *out.  Errors: BR_ERR_IO,
 * BR_ERR_JSON, BR_ERR_SPEC (a rule of the format), BR_ERR_NOMEM. */
BR_API br_status br_build_load_file(const char *path, br_diag *diag, br_build **out) BR_MUST_CHECK;
/* The same for len bytes at data; base_dir resolves relative paths (NULL:
 * the current folder). */
BR_API br_status br_build_load_buffer(const char *data, size_t len, const char *display_name, const char *base_dir,
                                      br_diag *diag, br_build **out) BR_MUST_CHECK;
BR_API void br_build_free(br_build *build);
BR_API size_t br_build_n_jobs(const br_build *build);
/* Job i (NULL when i >= the count); borrowed. */
BR_API const br_build_job *br_build_job_at(const br_build *build, size_t i);
/* The file a job writes for one set (its id), language and entity (NULL
 * without a focus): its template expanded and resolved against the build
 * file's folder; NULL when the job has an output_dir instead.  Free with
 * br_free. */
BR_API char *br_build_output_path(const br_build_job *job, const char *set_id, const char *lang,
                                  const char *entity);

/* ---- incremental builds ------------------------------------------------ */

/* 64 hexadecimal digits and a NUL. */
#define BR_RENDER_DIGEST_SIZE 65

/* The fingerprint (SHA-256) of everything a render with these arguments
 * reads: the set's bytes and its CSV files', the layout's and its
 * images', the project's font configuration (fonts.conf, fonts.list and
 * each font file's name, size and modification time), the options that
 * change the output (language, focus, format, resolution, date, colours,
 * imposition, sheet, bleed, crop marks, PDF/A) and the
 * library's version.  br_render writes it into every PDF (the Info key
 * /BriefingInputs), so a build can skip a document whose inputs have not
 * changed (br_output_current).  Same checks and errors as br_render's
 * options (BR_ERR_USAGE); renders nothing.  OUT: digest.  Thread-safe. */
BR_API br_status br_render_digest(br_engine *engine, const br_indicator_set *set, const br_layout *layout,
                                  const br_render_options *options, br_diag *diag,
                                  char digest[BR_RENDER_DIGEST_SIZE]) BR_MUST_CHECK;
/* True when the file at path is a whole PDF that briefing rendered from
 * inputs with this digest; false for anything else (no file, another
 * format, another digest, a file cut short). */
BR_API int br_output_current(const char *path, const char digest[BR_RENDER_DIGEST_SIZE]);

/* The default output name for a set file: its base name with the format's
 * extension ("data/x.json" gives "x.pdf"), in the current folder.  Free
 * with br_free. */
BR_API char *br_output_default_name(const char *set_path, br_format format);

#ifdef __cplusplus
}
#endif

#endif
