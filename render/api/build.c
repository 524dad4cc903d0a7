/* build: the reader of build files (briefing-build(5)) and their output
 * templates; briefing.h documents the API.
 *
 * A build file is one place for a whole nightly build: a list of jobs, each
 * sets x languages x focus with a layout and where the files go.  The
 * reader checks everything it can without reading a set: keys, types,
 * language tags, and that an output template gives each of a job's files a
 * name of its own ({set} when it has several sets, {lang} with several
 * languages, {entity} with "focus": "all").  Every problem is reported at
 * its place, FILE:LINE:COL: jobs[2].output: message, all of them at once.
 * Relative paths resolve against the build file's folder, so the build
 * does the same from any working directory (cron, CI).
 *
 * Everything lives in the build's arena.
 */
#include "briefing.h"

#include <glib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/paper.h"
#include "io/file.h"
#include "io/json_in.h"
#include "layout/layout.h"
#include "model/validate.h"

/* Limits: a build is a list people write, and every job multiplies. */
#define BUILD_MAX_JOBS 10000
#define BUILD_MAX_SETS 10000 /* per job */
#define BUILD_MAX_LANGS 100  /* per job */
#define BUILD_MAX_STRING 4096

struct br_build {
    br_arena *arena;
    br_build_job *jobs;
    size_t n_jobs;
};

typedef struct {
    const char *file;     /* as shown in messages */
    const char *base_dir; /* relative paths resolve against it */
    br_arena *arena;
    br_diag *diag;
    int errors;
    GHashTable *said; /* "line:col:path:message" of each error, said once although defaults serve many jobs */
} reader;

/* The fields a job may have and "defaults" may give (all but the sets). */
typedef struct {
    const br_json *layout, *lang, *focus, *output;
    const br_json *colors, *impose, *sheet, *bleed, *crop_marks, *pdfa; /* print (issue 14) */
} job_fields;

__attribute__((format(printf, 4, 5))) static void err(reader *r, const br_json *at, const char *path,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    int line = at ? at->line : 0, col = at ? at->col : 0;
    char *key = g_strdup_printf("%d:%d:%s:%s", line, col, path, msg);
    if (g_hash_table_add(r->said, key))
        br_diag_add(r->diag, BR_SEV_ERROR, r->file, line, col, path, "%s", msg);
    g_free(msg);
    r->errors++;
}

/* Unknown keys and duplicates (json_in.h: the rule), at the key. */
typedef struct {
    reader *r;
    const char *path; /* of the object; "" for the top level */
} key_check;

static void key_problem(void *user, const br_json *member, const br_json *at_key, const char *message)
{
    key_check *k = user;
    char *p = *k->path ? g_strdup_printf("%s.%s", k->path, member->key) : g_strdup(member->key);
    err(k->r, at_key, p, "%s", message);
    g_free(p);
}

static void check_keys(reader *r, const br_json *obj, const char *path, const char *const *allowed)
{
    key_check k = {r, path};
    br_json_check_keys(obj, allowed, key_problem, &k);
}

/* A non-empty string of at most BUILD_MAX_STRING bytes, or NULL after a
 * message. */
static const char *string_at(reader *r, const br_json *v, const char *path, const char *what)
{
    if (v->type != BR_JSON_STRING) {
        err(r, v, path, "%s must be a string, found %s", what, br_json_type_name(v->type));
        return NULL;
    }
    if (v->string_len == 0) {
        err(r, v, path, "%s is empty", what);
        return NULL;
    }
    if (v->string_len > BUILD_MAX_STRING) {
        err(r, v, path, "%s is longer than %d bytes", what, BUILD_MAX_STRING);
        return NULL;
    }
    return v->string;
}

/* path relative to the build file's folder, unless absolute. */
static const char *resolve(reader *r, const char *path)
{
    if (g_path_is_absolute(path) || !strcmp(r->base_dir, "."))
        return br_arena_strdup(r->arena, path);
    char *full = g_build_filename(r->base_dir, path, NULL);
    const char *s = br_arena_strdup(r->arena, full);
    g_free(full);
    return s;
}


/* "set" or "sets": the set files, resolved. */
static void read_sets(reader *r, const br_json *job, const char *path, br_build_job *out)
{
    const br_json *one = br_json_member(job, "set"), *many = br_json_member(job, "sets");
    char *p;
    if (one && many) {
        p = g_strdup_printf("%s.sets", path);
        err(r, many, p, "a job has \"set\" or \"sets\", not both");
        g_free(p);
        return;
    }
    if (!one && !many) {
        err(r, job, path, "a job needs \"set\" (a file) or \"sets\" (a list of files)");
        return;
    }
    const char **sets;
    if (one) {
        p = g_strdup_printf("%s.set", path);
        const char *s = string_at(r, one, p, "a set file");
        g_free(p);
        if (!s)
            return;
        sets = br_arena_calloc(r->arena, 1, sizeof *sets);
        if (!sets)
            return;
        sets[0] = resolve(r, s);
        out->sets = sets;
        out->n_sets = 1;
        return;
    }
    p = g_strdup_printf("%s.sets", path);
    if (many->type != BR_JSON_ARRAY || many->n_items == 0 || many->n_items > BUILD_MAX_SETS) {
        if (many->type != BR_JSON_ARRAY)
            err(r, many, p, "\"sets\" must be an array of file names, found %s", br_json_type_name(many->type));
        else
            err(r, many, p, "\"sets\" must list 1 to %d files", BUILD_MAX_SETS);
        g_free(p);
        return;
    }
    sets = br_arena_calloc(r->arena, many->n_items, sizeof *sets);
    size_t n = 0;
    for (size_t i = 0; sets && i < many->n_items; i++) {
        char *pi = g_strdup_printf("%s[%zu]", p, i);
        const char *s = string_at(r, many->items[i], pi, "a set file");
        g_free(pi);
        if (s)
            sets[n++] = resolve(r, s);
    }
    g_free(p);
    out->sets = sets;
    out->n_sets = n;
}

static void read_langs(reader *r, const br_json *v, const char *path, br_build_job *out)
{
    const br_json *const *items = &v;
    size_t n = 1;
    if (v->type == BR_JSON_ARRAY) {
        items = v->items;
        n = v->n_items;
        if (n == 0 || n > BUILD_MAX_LANGS) {
            err(r, v, path, "\"lang\" must list 1 to %d language tags", BUILD_MAX_LANGS);
            return;
        }
    } else if (v->type != BR_JSON_STRING) {
        err(r, v, path, "\"lang\" must be a language tag or an array of them, found %s", br_json_type_name(v->type));
        return;
    }
    const char **langs = br_arena_calloc(r->arena, n, sizeof *langs);
    size_t k = 0;
    for (size_t i = 0; langs && i < n; i++) {
        char *p = v->type == BR_JSON_ARRAY ? g_strdup_printf("%s[%zu]", path, i) : g_strdup(path);
        const char *tag = string_at(r, items[i], p, "a language tag");
        if (tag && !br_validate_lang_tag(tag)) {
            err(r, items[i], p, "\"%s\" is not a BCP 47 language tag such as en, de or zh-Hans", tag);
            tag = NULL;
        }
        for (size_t j = 0; tag && j < k; j++)
            if (!strcmp(langs[j], tag)) {
                err(r, items[i], p, "language \"%s\" is listed twice", tag);
                tag = NULL;
            }
        if (tag)
            langs[k++] = br_arena_strdup(r->arena, tag);
        g_free(p);
    }
    out->langs = langs;
    out->n_langs = k;
}

/* The placeholders of an output template. */
static const char *const placeholders[] = {"set", "lang", "entity", "layout", NULL};

/* Checks the template's braces and names; OUT: which placeholders it uses
 * (bit i for placeholders[i]).  false with why when it is malformed. */
/* The placeholder whose "{" is at p and "}" at end: its index in
 * placeholders, or -1 for an unknown name.  The one matcher of both the
 * reader's check and the expansion. */
static int placeholder_at(const char *p, const char *end)
{
    size_t len = (size_t)(end - p - 1);
    for (int i = 0; placeholders[i]; i++)
        if (strlen(placeholders[i]) == len && !strncmp(p + 1, placeholders[i], len))
            return i;
    return -1;
}

static bool scan_template(const char *t, unsigned *used, char **why)
{
    *used = 0;
    for (const char *p = t; *p; p++) {
        if (*p == '}') {
            *why = g_strdup("\"}\" without \"{\" (braces only enclose a placeholder)");
            return false;
        }
        if (*p != '{')
            continue;
        const char *end = strchr(p + 1, '}');
        if (!end) {
            *why = g_strdup("\"{\" without \"}\"");
            return false;
        }
        int i = placeholder_at(p, end);
        if (i < 0) {
            size_t len = (size_t)(end - p - 1);
            *why = g_strdup_printf("unknown placeholder {%.*s} (allowed: {set}, {lang}, {entity}, {layout})",
                                   (int)(len > 40 ? 40 : len), p + 1);
            return false;
        }
        *used |= 1u << i;
        p = end;
    }
    return true;
}

/* "output": a folder (ends in "/": default names in it) or a template. */
static void read_output(reader *r, const br_json *v, const char *path, const char *job_path, br_build_job *job)
{
    const char *s = string_at(r, v, path, "\"output\"");
    if (!s)
        return;
    if (g_str_has_suffix(s, "/")) {
        job->output_dir = resolve(r, s);
        return;
    }
    unsigned used;
    char *why = NULL;
    if (!scan_template(s, &used, &why)) {
        err(r, v, path, "%s", why);
        g_free(why);
        return;
    }
    if (!g_str_has_suffix(s, ".pdf")) {
        err(r, v, path, "a build writes PDF files: the output template must end in .pdf (or be a folder, ending in /)");
        return;
    }
    /* Files of one job that the template would give one name. */
    const char *missing = job->n_sets > 1 && !(used & 1u)                       ? "{set} (%s has several sets)"
                          : job->n_langs > 1 && !(used & 2u)                    ? "{lang} (%s has several languages)"
                          : job->focus && !strcmp(job->focus, "all") && !(used & 4u) ? "{entity} (%s has \"focus\": \"all\": a file per entity)"
                                                                                : NULL;
    if (missing) {
        char *what = g_strdup_printf(missing, job_path);
        err(r, v, path, "the template gives several files one name: add %s", what);
        g_free(what);
        return;
    }
    if ((used & 4u) && !job->focus) {
        err(r, v, path, "{entity} needs a \"focus\" (an entity id or \"all\")");
        return;
    }
    job->output = br_arena_strdup(r->arena, s);
}

/* The fields of one job (or of "defaults", at path "defaults"). */
static void fields_of(const br_json *obj, job_fields *f)
{
    const br_json *v;
    if ((v = br_json_member(obj, "layout")))
        f->layout = v;
    if ((v = br_json_member(obj, "lang")))
        f->lang = v;
    if ((v = br_json_member(obj, "focus")))
        f->focus = v;
    if ((v = br_json_member(obj, "output")))
        f->output = v;
    if ((v = br_json_member(obj, "colors")))
        f->colors = v;
    if ((v = br_json_member(obj, "impose")))
        f->impose = v;
    if ((v = br_json_member(obj, "sheet")))
        f->sheet = v;
    if ((v = br_json_member(obj, "bleed")))
        f->bleed = v;
    if ((v = br_json_member(obj, "crop_marks")))
        f->crop_marks = v;
    if ((v = br_json_member(obj, "pdfa")))
        f->pdfa = v;
}

/* Where a field came from, for its message's path: the job, or defaults. */
static char *field_path(const br_json *job, const char *job_path, const char *key)
{
    return br_json_member(job, key) ? g_strdup_printf("%s.%s", job_path, key) : g_strdup_printf("defaults.%s", key);
}

/* A true/false print field (key) of a job, when v is given: *value, and
 * bit in out->given. */
static void read_flag(reader *r, const br_json *job, const char *path, const br_json *v, const char *key,
                      unsigned bit, int *value, br_build_job *out)
{
    if (!v)
        return;
    char *p = field_path(job, path, key);
    if (v->type != BR_JSON_TRUE && v->type != BR_JSON_FALSE)
        err(r, v, p, "\"%s\" must be true or false, found %s", key, br_json_type_name(v->type));
    *value = v->type == BR_JSON_TRUE;
    out->given |= bit;
    g_free(p);
}

/* The print fields of a job: each checked on its own here (how they
 * combine, bleed with imposition, is br_render's rule and fails the job). */
static void read_print(reader *r, const br_json *job, const char *path, const job_fields *f, br_build_job *out)
{
    char *p;
    if (f->colors) {
        p = field_path(job, path, "colors");
        const char *c = string_at(r, f->colors, p, "\"colors\"");
        if (c && !strcmp(c, "rgb"))
            out->colors = BR_COLORS_RGB;
        else if (c && !strcmp(c, "grayscale"))
            out->colors = BR_COLORS_GRAY;
        else if (c && !strcmp(c, "cmyk"))
            out->colors = BR_COLORS_CMYK;
        else if (c)
            err(r, f->colors, p, "unknown colours \"%s\" (allowed: rgb, grayscale, cmyk)", c);
        out->given |= c ? BR_BUILD_COLORS : 0;
        g_free(p);
    }
    if (f->impose) {
        p = field_path(job, path, "impose");
        const char *name = string_at(r, f->impose, p, "\"impose\"");
        if (name && !br_impose_from_name(name, &out->impose))
            err(r, f->impose, p, "unknown imposition \"%s\" (allowed: none, 2up, 4up, booklet)", name);
        out->given |= name ? BR_BUILD_IMPOSE : 0;
        g_free(p);
    }
    if (f->sheet) {
        p = field_path(job, path, "sheet");
        const char *name = string_at(r, f->sheet, p, "\"sheet\"");
        double w, h;
        if (name && !br_paper_lookup(name, &w, &h))
            err(r, f->sheet, p, "unknown sheet size \"%s\" (allowed: %s)", name, br_paper_names());
        else if (name)
            out->sheet = br_arena_strdup(r->arena, name);
        out->given |= name ? BR_BUILD_SHEET : 0;
        g_free(p);
    }
    if (f->bleed) {
        p = field_path(job, path, "bleed");
        if (f->bleed->type != BR_JSON_NUMBER || !(f->bleed->number >= 0 && f->bleed->number <= 20))
            err(r, f->bleed, p, "\"bleed\" must be a number of millimetres from 0 to 20");
        else
            out->bleed_mm = f->bleed->number;
        out->given |= BR_BUILD_BLEED;
        g_free(p);
    }
    read_flag(r, job, path, f->crop_marks, "crop_marks", BR_BUILD_CROP_MARKS, &out->crop_marks, out);
    read_flag(r, job, path, f->pdfa, "pdfa", BR_BUILD_PDFA, &out->pdfa, out);
}

void br_build_job_apply(const br_build_job *job, br_render_options *o)
{
    if (job->given & BR_BUILD_COLORS)
        o->colors = job->colors;
    if (job->given & BR_BUILD_IMPOSE)
        o->impose = job->impose;
    if (job->given & BR_BUILD_SHEET)
        o->sheet = job->sheet;
    if (job->given & BR_BUILD_BLEED)
        o->bleed_mm = job->bleed_mm;
    if (job->given & BR_BUILD_CROP_MARKS)
        o->crop_marks = job->crop_marks;
    if (job->given & BR_BUILD_PDFA)
        o->pdfa = job->pdfa != 0;
}

static void read_job(reader *r, const br_json *job, size_t index, const job_fields *defaults, br_build_job *out)
{
    char *path = g_strdup_printf("jobs[%zu]", index);
    char *where = g_strdup_printf("%s:%d:%d: %s", r->file, job->line, job->col, path);
    out->where = br_arena_strdup(r->arena, where);
    g_free(where);
    if (job->type != BR_JSON_OBJECT) {
        err(r, job, path, "a job must be an object, found %s", br_json_type_name(job->type));
        g_free(path);
        return;
    }
    static const char *const keys[] = {"set",    "sets",   "layout", "lang",  "focus",      "output",
                                       "colors", "impose", "sheet",  "bleed", "crop_marks", "pdfa", NULL};
    check_keys(r, job, path, keys);
    read_sets(r, job, path, out);
    job_fields f = *defaults;
    fields_of(job, &f);
    char *p;
    if (f.layout) {
        p = field_path(job, path, "layout");
        const char *name = string_at(r, f.layout, p, "\"layout\"");
        if (name && !br_layout_name_is_path(name) && !br_validate_id(name)) {
            err(r, f.layout, p,
                "\"%s\" is neither a layout name (letters, digits, _ . -) nor a layout file (with a / or ending "
                "in .json)",
                name);
            name = NULL;
        }
        if (name) {
            out->layout_name = br_arena_strdup(r->arena, name);
            out->layout = br_layout_name_is_path(name) ? resolve(r, name) : out->layout_name;
        }
        g_free(p);
    }
    if (f.lang) {
        p = field_path(job, path, "lang");
        read_langs(r, f.lang, p, out);
        g_free(p);
    }
    if (f.focus) {
        p = field_path(job, path, "focus");
        const char *focus = string_at(r, f.focus, p, "\"focus\"");
        if (focus && strcmp(focus, "all") != 0 && !br_validate_id(focus)) {
            err(r, f.focus, p, "\"%s\" is not an entity id (letters, digits, _ . -) or \"all\"", focus);
            focus = NULL;
        }
        out->focus = focus ? br_arena_strdup(r->arena, focus) : NULL;
        g_free(p);
    }
    if (f.output) {
        p = field_path(job, path, "output");
        read_output(r, f.output, p, path, out);
        g_free(p);
    }
    read_print(r, job, path, &f, out);
    if (!out->output && !out->output_dir)
        out->output_dir = r->base_dir;
    out->base_dir = r->base_dir;
    g_free(path);
}

static void read_build(reader *r, const br_json *root, br_build *b)
{
    if (root->type != BR_JSON_OBJECT) {
        err(r, root, "$", "a build file is a JSON object, found %s", br_json_type_name(root->type));
        return;
    }
    static const char *const keys[] = {"format", "defaults", "jobs", NULL};
    check_keys(r, root, "", keys);
    const br_json *v = br_json_member(root, "format");
    if (!v)
        err(r, root, "$", "missing key \"format\" (\"briefing-build/1\")");
    else if (v->type != BR_JSON_STRING || strcmp(v->string, "briefing-build/1") != 0)
        err(r, v, "format", "unknown format (expected \"briefing-build/1\")");
    job_fields defaults = {0};
    if ((v = br_json_member(root, "defaults"))) {
        if (v->type != BR_JSON_OBJECT) {
            err(r, v, "defaults", "\"defaults\" must be an object, found %s", br_json_type_name(v->type));
        } else {
            static const char *const dkeys[] = {"layout", "lang",  "focus", "output",     "colors",
                                                "impose", "sheet", "bleed", "crop_marks", "pdfa", NULL};
            check_keys(r, v, "defaults", dkeys);
            fields_of(v, &defaults);
        }
    }
    const br_json *jobs = br_json_member(root, "jobs");
    if (!jobs) {
        err(r, root, "$", "missing key \"jobs\"");
        return;
    }
    if (jobs->type != BR_JSON_ARRAY || jobs->n_items == 0 || jobs->n_items > BUILD_MAX_JOBS) {
        if (jobs->type != BR_JSON_ARRAY)
            err(r, jobs, "jobs", "\"jobs\" must be an array of jobs, found %s", br_json_type_name(jobs->type));
        else
            err(r, jobs, "jobs", "\"jobs\" must list 1 to %d jobs", BUILD_MAX_JOBS);
        return;
    }
    b->jobs = br_arena_calloc(r->arena, jobs->n_items, sizeof *b->jobs);
    if (!b->jobs)
        return;
    b->n_jobs = jobs->n_items;
    for (size_t i = 0; i < jobs->n_items; i++)
        read_job(r, jobs->items[i], i, &defaults, &b->jobs[i]);
}

br_status br_build_load_buffer(const char *data, size_t len, const char *display_name, const char *base_dir,
                               br_diag *diag, br_build **out)
{
    *out = NULL;
    if (!display_name)
        display_name = "<build>";
    br_arena *arena = br_arena_new();
    if (!arena) {
        br_diag_add(diag, BR_SEV_ERROR, display_name, 0, 0, NULL, "out of memory");
        return br_error_set(BR_ERR_NOMEM);
    }
    size_t failures = br_arena_failures(arena);
    const br_json *root = NULL;
    br_status st = br_json_parse(data, len, display_name, arena, arena, diag, &root);
    if (st != BR_OK) {
        br_arena_free(arena);
        return st;
    }
    br_build *b = br_arena_calloc(arena, 1, sizeof *b);
    reader r = {br_arena_strdup(arena, display_name), br_arena_strdup(arena, base_dir ? base_dir : "."), arena,
                diag, 0, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    size_t first_item = br_diag_count(diag);
    if (b && r.file && r.base_dir)
        read_build(&r, root, b);
    g_hash_table_unref(r.said);
    if (!b || br_arena_failures(arena) != failures) {
        br_diag_add(diag, BR_SEV_ERROR, display_name, 0, 0, NULL, "out of memory");
        br_arena_free(arena);
        return br_error_set(BR_ERR_NOMEM);
    }
    if (r.errors) {
        br_diag_sort_from(diag, first_item);
        br_arena_free(arena);
        return br_error_set(BR_ERR_SPEC);
    }
    b->arena = arena;
    *out = b;
    return BR_OK;
}

br_status br_build_load_file(const char *path, br_diag *diag, br_build **out)
{
    *out = NULL;
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    br_status rst = br_file_read(path, &data, &len, NULL, &why);
    if (rst != BR_OK)
        return br_file_read_failed(rst, why, path, "the build file", diag);
    char *dir = g_path_get_dirname(path);
    br_status st = br_build_load_buffer(data, len, path, dir, diag, out);
    g_free(dir);
    g_free(data);
    return st;
}

void br_build_free(br_build *b)
{
    if (b)
        br_arena_free(b->arena);
}

size_t br_build_n_jobs(const br_build *b)
{
    return b->n_jobs;
}

const br_build_job *br_build_job_at(const br_build *b, size_t i)
{
    return i < b->n_jobs ? &b->jobs[i] : NULL;
}

char *br_build_output_path(const br_build_job *job, const char *set_id, const char *lang, const char *entity)
{
    if (!job->output)
        return NULL;
    /* {layout}: the layout's name, or its file's without ".json", so the
     * value never adds a folder. */
    char *layout = g_path_get_basename(job->layout_name ? job->layout_name : "briefing");
    if (g_str_has_suffix(layout, ".json"))
        layout[strlen(layout) - 5] = '\0';
    const char *values[] = {set_id, lang, entity, layout};
    GString *s = g_string_new(NULL);
    for (const char *p = job->output; *p; p++) {
        const char *end = *p == '{' ? strchr(p + 1, '}') : NULL;
        if (!end) {
            g_string_append_c(s, *p);
            continue;
        }
        /* The reader has checked every placeholder. */
        int i = placeholder_at(p, end);
        if (i >= 0 && values[i])
            g_string_append(s, values[i]);
        p = end;
    }
    g_free(layout);
    /* Expanded first, then resolved: braces in the build file's folder
     * name are not placeholders. */
    char *out = g_path_is_absolute(s->str) || !strcmp(job->base_dir, ".")
                    ? g_strdup(s->str)
                    : g_build_filename(job->base_dir, s->str, NULL);
    g_string_free(s, TRUE);
    return out;
}
