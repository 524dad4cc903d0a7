/* json_in: strict JSON reading with positions; see json_in.h.
 *
 * Design note.  cJSON is the parser, but it is lenient (leading zeros, `1.`,
 * 1e999 as infinity, NUL cutting strings, raw invalid UTF-8) and its nodes
 * carry no positions.  So reading happens in three steps:
 *
 *   1. scan: our own strict recursive-descent scanner checks the whole text
 *      against plain JSON and records, for every value in pre-order, where it
 *      starts and where its key starts, as byte offsets.  The first problem
 *      stops it with a precise message at a precise place.
 *   2. cJSON parses the same text (it cannot fail now except out of memory).
 *   3. build: the cJSON tree is walked in pre-order alongside the records and
 *      copied into br_json nodes; each cJSON subtree is deleted as soon as it
 *      has been copied.  Lines and columns come from the offsets, numbers
 *      from the text (cJSON cuts number text at 63 characters).
 *
 * Memory.  The peak of a parse is the text, the records and cJSON's tree
 * (a 1 MB set: 1, 0.5 and 5.5 MB), and then ours.  So a record is two
 * offsets (8 bytes, not the 32 of the positions and number they give),
 * cJSON parses the caller's buffer (no terminated copy: it reads no further
 * than the length it is given, doc/notes/cjson-1.7.15.md), and each cJSON
 * subtree is deleted once copied, so that our tree grows into the memory
 * cJSON's gives back instead of on top of it.  Strings and nodes go to
 * arenas of their own (json_in.h): a reader keeps the one, frees the other.
 *
 * Positions are tracked by a cursor that only moves forward, so locating
 * every value costs one pass over the text even when it is all on one line.
 */
#include "io/json_in.h"

#include <cjson/cJSON.h>
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* cJSON refuses the 1,001st nested container; we report it ourselves. */
#define NESTING_LIMIT CJSON_NESTING_LIMIT
/* Deeper paths show their first and last PATH_SHOWN_LEVELS / 2 levels. */
#define PATH_SHOWN_LEVELS 16

/* One value as the scanner saw it (pre-order, the order cJSON builds in):
 * byte offsets into the text, which br_file_read's limit (256 MiB) keeps
 * within 32 bits. */
typedef struct rec {
    uint32_t at;     /* the value's first byte */
    uint32_t key_at; /* its key's opening quote; 0 outside objects (no key
                      * starts the text) */
} rec;

/* An open array or object, for the path of a value that fails. */
typedef struct frame {
    bool object;
    bool current;        /* an item (after its key) is being read */
    size_t index;        /* of the item being read */
    const char *key;     /* its key, raw JSON string contents */
    size_t key_len;
} frame;

/* A forward-only position cursor over a text (see where()). */
typedef struct cursor {
    const char *text, *at;
    int line, col;
} cursor;

typedef struct scanner {
    const char *text, *p, *end;
    GArray *frames; /* of frame: the containers open, outermost first */
    char *err_path; /* the failing value's path (g_free), NULL: $ */
    GArray *recs;   /* of rec */
    /* First error, set once. */
    bool failed;
    int err_line, err_col;
    char err_msg[200];
} scanner;

/* Line and column (in characters) of ptr.  Moves the cursor forward from its
 * last position, so positions asked for in text order cost O(length) in
 * all.  A continuation byte (10xxxxxx) does not start a character. */
static void where(cursor *k, const char *ptr, int *line, int *col)
{
    if (!k->at || ptr < k->at) { /* the first call, or back: from the top */
        k->at = k->text;
        k->line = 1;
        k->col = 1;
    }
    const char *q = k->at;
    int l = k->line, c = k->col;
    for (; q < ptr; q++) {
        unsigned char b = (unsigned char)*q;
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    k->at = q;
    k->line = l;
    k->col = c;
    *line = l;
    *col = c;
}

static int hex4(const char *p);

/* Appends a key's raw string contents, its escapes decoded (the scanner
 * has checked them), to path. */
static void append_key(GString *path, const char *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (k[i] != '\\' || i + 1 >= n) {
            g_string_append_c(path, k[i]);
            continue;
        }
        char e = k[++i];
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *f = strchr(from, e);
        if (e != 'u' && f && e) {
            g_string_append_c(path, to[f - from]);
            continue;
        }
        int u = i + 4 < n ? hex4(k + i + 1) : -1;
        if (u < 0)
            break;
        i += 4;
        if (u >= 0xD800 && u <= 0xDBFF && i + 6 < n && k[i + 1] == '\\' && k[i + 2] == 'u') {
            int lo = hex4(k + i + 3);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
        }
        g_string_append_unichar(path, (gunichar)u);
    }
}

/* The path of the value being read, as the readers write paths
 * (entities[0].name), from the open containers; NULL for the root. */
static char *current_path(const scanner *s)
{
    GString *path = g_string_new(NULL);
    guint n = 0;
    while (n < s->frames->len && g_array_index(s->frames, frame, n).current)
        n++;
    for (guint i = 0; i < n; i++) {
        const frame *f = &g_array_index(s->frames, frame, i);
        /* A path a thousand levels deep says no more than its ends (the
         * line and column say where). */
        if (n > PATH_SHOWN_LEVELS && i == PATH_SHOWN_LEVELS / 2) {
            g_string_append(path, "...");
            i = n - PATH_SHOWN_LEVELS / 2 - 1;
            continue;
        }
        if (!f->object) {
            g_string_append_printf(path, "[%zu]", f->index);
            continue;
        }
        if (path->len)
            g_string_append_c(path, '.');
        append_key(path, f->key, f->key_len);
    }
    if (path->len == 0) {
        g_string_free(path, TRUE);
        return NULL;
    }
    return g_string_free(path, FALSE);
}

/* The first problem, at `at`.  A problem with a value (a number, word or
 * string that is not JSON, nesting too deep) has the value's path; one
 * between values (a missing comma, a trailing one) has none ($). */
static bool vfail(scanner *s, bool in_value, const char *at, const char *fmt, va_list ap)
{
    if (s->failed)
        return false;
    s->failed = true;
    cursor k = {s->text, NULL, 0, 0};
    where(&k, at, &s->err_line, &s->err_col);
    vsnprintf(s->err_msg, sizeof s->err_msg, fmt, ap);
    s->err_path = in_value ? current_path(s) : NULL;
    return false;
}

__attribute__((format(printf, 3, 4))) static bool fail(scanner *s, const char *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(s, true, at, fmt, ap);
    va_end(ap);
    return false;
}

__attribute__((format(printf, 3, 4))) static bool fail_between(scanner *s, const char *at, const char *fmt,
                                                               ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(s, false, at, fmt, ap);
    va_end(ap);
    return false;
}

static void skip_ws(scanner *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

/* Describes the character at p for a message: 'x', U+00A0 'x', or byte 0xFF. */
static void describe_char(const scanner *s, const char *p, char *buf, size_t size)
{
    unsigned char b = (unsigned char)*p;
    if (b >= 0x20 && b < 0x7F) {
        snprintf(buf, size, "'%c'", b);
    } else if (b < 0x80) {
        snprintf(buf, size, "U+%04X", b);
    } else {
        gunichar u = g_utf8_get_char_validated(p, s->end - p);
        if (u == (gunichar)-1 || u == (gunichar)-2)
            snprintf(buf, size, "byte 0x%02X (invalid UTF-8)", b);
        else
            snprintf(buf, size, "'%.*s'", (int)(g_utf8_next_char(p) - p), p);
    }
}

/* Something else than what had to come next; in_value: where a value
 * had to start (see vfail). */
static bool unexpected(scanner *s, bool in_value, const char *expected)
{
    bool (*f)(scanner *, const char *, const char *, ...) = in_value ? fail : fail_between;
    if (s->p >= s->end)
        return f(s, s->p, "unexpected end of file, expected %s", expected);
    char what[64];
    describe_char(s, s->p, what, sizeof what);
    if (*s->p == '/')
        return f(s, s->p, "comments are not allowed in JSON");
    if (*s->p == '\'')
        return f(s, s->p, "strings must be in double quotes, not single quotes");
    return f(s, s->p, "unexpected character %s, expected %s", what, expected);
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A string at s->p (which is '"'); leaves s->p after the closing quote. */
static bool scan_string(scanner *s)
{
    const char *open = s->p++;
    while (s->p < s->end) {
        unsigned char c = (unsigned char)*s->p;
        if (c == '"') {
            s->p++;
            return true;
        }
        if (c == '\\') {
            const char *esc = s->p;
            if (s->end - s->p < 2)
                break;
            char e = s->p[1];
            if (strchr("\"\\/bfnrt", e) && e != '\0') {
                s->p += 2;
                continue;
            }
            if (e != 'u')
                return fail(s, esc, "invalid escape '\\%c' in string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                            e >= 0x20 && e < 0x7F ? e : '?');
            int u = s->end - s->p >= 6 ? hex4(s->p + 2) : -1;
            if (u < 0)
                return fail(s, esc, "\\u must be followed by four hex digits");
            if (u == 0)
                return fail(s, esc, "NUL (\\u0000) is not allowed in strings");
            s->p += 6;
            if (u >= 0xDC00 && u <= 0xDFFF)
                return fail(s, esc, "lone low surrogate \\u%04x in string", (unsigned)u);
            if (u >= 0xD800 && u <= 0xDBFF) {
                int lo = (s->end - s->p >= 6 && s->p[0] == '\\' && s->p[1] == 'u') ? hex4(s->p + 2) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(s, esc, "lone high surrogate \\u%04x in string (must be followed by a low surrogate)",
                                (unsigned)u);
                s->p += 6;
            }
            continue;
        }
        if (c == 0)
            return fail(s, s->p, "NUL byte is not allowed in strings");
        if (c == '\n' || c == '\r')
            return fail(s, open, "string not closed before the end of the line");
        if (c < 0x20)
            return fail(s, s->p, "control character U+%04X must be escaped in strings", c);
        if (c >= 0x80) {
            /* A run of non-ASCII bytes holds whole UTF-8 sequences when valid. */
            const char *run = s->p, *bad;
            while (s->p < s->end && (unsigned char)*s->p >= 0x80)
                s->p++;
            if (!g_utf8_validate(run, s->p - run, &bad))
                return fail(s, bad, "invalid UTF-8 byte 0x%02X in string", (unsigned char)*bad);
            continue;
        }
        s->p++;
    }
    return fail(s, open, "string not closed before the end of the file");
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The value of the number token at p (checked by scan_number) and whether
 * it is written as an integer (no fraction, no exponent).  The one
 * conversion, for the scanner's check and the built node alike. */
static double number_at(const char *p, const char *end, bool *is_integer)
{
    const char *start = p;
    *is_integer = true;
    for (; p < end && (is_digit(*p) || strchr("+-.eE", *p)) && *p; p++)
        if (*p == '.' || *p == 'e' || *p == 'E')
            *is_integer = false;
    /* g_ascii_strtod needs a terminated copy and ignores the locale. */
    char small[64];
    size_t n = (size_t)(p - start);
    char *copy = n < sizeof small ? small : g_malloc(n + 1);
    memcpy(copy, start, n);
    copy[n] = '\0';
    double v = g_ascii_strtod(copy, NULL);
    if (copy != small)
        g_free(copy);
    return v;
}

/* A number at s->p: checks its syntax and that it is finite. */
static bool scan_number(scanner *s)
{
    const char *start = s->p, *p = s->p;
    /* The whole run of characters that could belong to the token, to quote it. */
    const char *tok_end = p;
    while (tok_end < s->end && (g_ascii_isalnum(*tok_end) || strchr("+-._", *tok_end)) && *tok_end)
        tok_end++;
    int tok_len = (int)(tok_end - start > 40 ? 40 : tok_end - start);
    if (*p == '-')
        p++;
    if (p >= s->end || !is_digit(*p))
        return fail(s, start, "invalid number \"%.*s\": '-' must be followed by a digit", tok_len, start);
    if (*p == '0' && p + 1 < s->end && is_digit(p[1]))
        return fail(s, start, "invalid number \"%.*s\": leading zeros are not allowed", tok_len, start);
    while (p < s->end && is_digit(*p))
        p++;
    if (p < s->end && *p == '.') {
        p++;
        if (p >= s->end || !is_digit(*p))
            return fail(s, start, "invalid number \"%.*s\": a digit must follow the decimal point", tok_len,
                        start);
        while (p < s->end && is_digit(*p))
            p++;
    }
    if (p < s->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < s->end && (*p == '+' || *p == '-'))
            p++;
        if (p >= s->end || !is_digit(*p))
            return fail(s, start, "invalid number \"%.*s\": a digit must follow the exponent", tok_len, start);
        while (p < s->end && is_digit(*p))
            p++;
    }
    if (p < tok_end)
        return fail(s, start, "invalid number \"%.*s\"", tok_len, start);

    bool integer;
    if (!isfinite(number_at(start, p, &integer)))
        return fail(s, start, "number %.*s is too large (numbers must be finite)", tok_len, start);
    s->p = p;
    return true;
}

/* true, false, null, or a word we name in the message (NaN, Infinity...). */
static bool scan_word(scanner *s)
{
    const char *start = s->p;
    while (s->p < s->end && (g_ascii_isalnum(*s->p) || *s->p == '_'))
        s->p++;
    size_t n = (size_t)(s->p - start);
    if ((n == 4 && !memcmp(start, "true", 4)) || (n == 5 && !memcmp(start, "false", 5)) ||
        (n == 4 && !memcmp(start, "null", 4)))
        return true;
    int shown = n > 40 ? 40 : (int)n;
    if ((n == 3 && !memcmp(start, "NaN", 3)) || (n == 8 && !memcmp(start, "Infinity", 8)))
        return fail(s, start, "%.*s is not allowed in JSON (numbers must be finite)", shown, start);
    return fail(s, start, "unexpected word \"%.*s\", expected a value (true, false and null are the only words)",
                shown, start);
}

static bool scan_value(scanner *s, int depth, const char *key);

/* The frame of the innermost open container. */
static frame *top_frame(scanner *s)
{
    return &g_array_index(s->frames, frame, s->frames->len - 1);
}

static bool scan_container(scanner *s, int depth, bool object)
{
    char close = object ? '}' : ']';
    s->p++; /* the opening bracket */
    skip_ws(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        return true;
    }
    /* Frames stay on a failure: the failing value's path is built from
     * them (vfail), and nothing is read after it. */
    frame fr = {object, false, 0, NULL, 0};
    g_array_append_val(s->frames, fr);
    for (;;) {
        skip_ws(s);
        const char *quote = NULL;
        top_frame(s)->current = false; /* a bad key is the object's problem */
        if (object) {
            if (s->p >= s->end || *s->p != '"')
                return unexpected(s, false, "a key (a string in double quotes)");
            quote = s->p;
            const char *key = s->p + 1;
            if (!scan_string(s))
                return false;
            top_frame(s)->key = key;
            top_frame(s)->key_len = (size_t)(s->p - 1 - key);
            skip_ws(s);
            if (s->p >= s->end || *s->p != ':')
                return unexpected(s, false, "':' after the key");
            s->p++;
        }
        top_frame(s)->current = true;
        if (!scan_value(s, depth + 1, quote))
            return false;
        top_frame(s)->index++;
        skip_ws(s);
        if (s->p < s->end && *s->p == close) {
            s->p++;
            g_array_set_size(s->frames, s->frames->len - 1);
            return true;
        }
        if (s->p >= s->end || *s->p != ',')
            return unexpected(s, false, object ? "',' or '}'" : "',' or ']'");
        s->p++;
        skip_ws(s);
        if (s->p < s->end && (*s->p == '}' || *s->p == ']'))
            return fail_between(s, s->p, "trailing comma before '%c' is not allowed", *s->p);
    }
}

/* A value at s->p; key: its key's opening quote inside an object, else NULL. */
static bool scan_value(scanner *s, int depth, const char *key)
{
    skip_ws(s);
    if (s->p >= s->end)
        return unexpected(s, true, "a value");
    rec r = {(uint32_t)(s->p - s->text), key ? (uint32_t)(key - s->text) : 0};
    g_array_append_val(s->recs, r);
    switch (*s->p) {
    case '{':
    case '[':
        /* cJSON's limit: depth counts the containers already open. */
        if (depth >= NESTING_LIMIT)
            return fail(s, s->p, "nesting deeper than %d levels of arrays and objects is not allowed",
                        NESTING_LIMIT);
        return scan_container(s, depth, *s->p == '{');
    case '"':
        return scan_string(s);
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        return scan_number(s);
    default:
        if (g_ascii_isalpha(*s->p))
            return scan_word(s);
        if (*s->p == '+' || *s->p == '.')
            return fail(s, s->p, "invalid number: a number must start with '-' or a digit");
        return unexpected(s, true, "a value");
    }
}

/* ---- step 3: copy the cJSON tree into br_json nodes ---- */

typedef struct builder {
    br_arena *arena; /* strings */
    br_arena *nodes;
    const char *text, *end;
    cursor pos;
    const rec *recs;
    size_t n_recs, next;
    GHashTable *keys; /* key text -> arena copy: keys repeat a lot */
    bool nomem, mismatch;
} builder;

static const char *intern_key(builder *b, const char *key)
{
    char *k = g_hash_table_lookup(b->keys, key);
    if (k)
        return k;
    k = br_arena_strdup(b->arena, key);
    if (!k) {
        b->nomem = true;
        return NULL;
    }
    g_hash_table_insert(b->keys, k, k);
    return k;
}

/* Fills *out from node, consuming records in pre-order, and deletes node's
 * children as they are copied (the caller deletes node itself). */
static void build(builder *b, cJSON *node, br_json *out)
{
    if (b->nomem || b->mismatch)
        return;
    if (b->next >= b->n_recs) {
        b->mismatch = true;
        return;
    }
    const rec *r = &b->recs[b->next++];
    /* Pre-order visits keys and values in text order: the cursor only
     * moves forward. */
    if (r->key_at)
        where(&b->pos, b->text + r->key_at, &out->key_line, &out->key_col);
    where(&b->pos, b->text + r->at, &out->line, &out->col);
    if (node->string) {
        out->key = intern_key(b, node->string);
        if (!out->key)
            return;
    }
    switch (node->type & 0xFF) {
    case cJSON_NULL:
        out->type = BR_JSON_NULL;
        break;
    case cJSON_False:
        out->type = BR_JSON_FALSE;
        break;
    case cJSON_True:
        out->type = BR_JSON_TRUE;
        break;
    case cJSON_Number:
        out->type = BR_JSON_NUMBER;
        out->number = number_at(b->text + r->at, b->end, &out->is_integer);
        break;
    case cJSON_String:
        out->type = BR_JSON_STRING;
        out->string_len = strlen(node->valuestring);
        out->string = br_arena_strndup(b->arena, node->valuestring, out->string_len);
        if (!out->string)
            b->nomem = true;
        break;
    case cJSON_Array:
    case cJSON_Object: {
        out->type = (node->type & 0xFF) == cJSON_Array ? BR_JSON_ARRAY : BR_JSON_OBJECT;
        size_t n = 0;
        for (const cJSON *c = node->child; c; c = c->next)
            n++;
        if (n == 0)
            break;
        /* Children in one block and one pointer array: two allocations per
         * container keep the out-of-memory walk in the tests short. */
        br_json *kids = br_arena_calloc(b->nodes, n, sizeof *kids);
        const br_json **ptrs = br_arena_calloc(b->nodes, n, sizeof *ptrs);
        if (!kids || !ptrs) {
            b->nomem = true;
            return;
        }
        for (size_t i = 0; i < n && node->child; i++) {
            /* Unlinked first: cJSON_Delete frees the siblings that follow. */
            cJSON *c = node->child;
            node->child = c->next;
            c->next = c->prev = NULL;
            build(b, c, &kids[i]);
            cJSON_Delete(c);
            ptrs[i] = &kids[i];
        }
        out->items = ptrs;
        out->n_items = n;
        break;
    }
    default:
        b->mismatch = true;
        break;
    }
}

static void json_error(br_diag *diag, const char *file, int line, int col, const char *path, const char *msg)
{
    br_diag_add(diag, BR_SEV_ERROR, file, line, col, path ? path : "$", "%s", msg);
}

br_status br_json_parse(const char *data, size_t len, const char *file, br_arena *arena, br_arena *nodes,
                        br_diag *diag, const br_json **root)
{
    *root = NULL;
    /* A leading byte-order mark is accepted and not counted as a column. */
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        data += 3;
        len -= 3;
    }

    scanner s = {0};
    s.text = s.p = data;
    s.end = data + len;
    s.recs = g_array_new(FALSE, FALSE, sizeof(rec));
    s.frames = g_array_new(FALSE, FALSE, sizeof(frame));

    skip_ws(&s);
    if (len > UINT32_MAX) {
        /* Never from br_file_read (256 MiB); records hold 32-bit offsets. */
        fail_between(&s, s.p, "the text is larger than the 4 GiB limit");
    } else if (s.p >= s.end) {
        fail(&s, s.p, len == 0 ? "the file is empty (expected a JSON value)"
                               : "the file holds only white space (expected a JSON value)");
    } else if (scan_value(&s, 0, NULL)) {
        skip_ws(&s);
        if (s.p < s.end)
            unexpected(&s, false, "the end of the file after the JSON value");
    }
    g_array_free(s.frames, TRUE);
    if (s.failed) {
        json_error(diag, file, s.err_line, s.err_col, s.err_path, s.err_msg);
        g_free(s.err_path);
        g_array_free(s.recs, TRUE);
        return br_error_set(BR_ERR_JSON);
    }

    /* The text as it is, not a terminated copy: cJSON stops at len, and
     * without require_null_terminated at the end of the value, which the
     * scanner has found to be followed by white space only. */
    const char *end = NULL;
    cJSON *tree = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    br_status st = BR_OK;
    if (!tree) {
        /* Our scanner accepted the text and rejects all cJSON does (its
         * nesting limit included), so this is cJSON running out of memory.
         * cJSON's end pointer then only says how far it got: reporting it
         * as a syntax error (as this did) put a false error at a random
         * place, found by tests/unit/test_nomem.c. */
        st = BR_ERR_NOMEM;
    } else {
        builder b = {0};
        b.arena = arena;
        b.nodes = nodes;
        b.text = data;
        b.end = data + len;
        b.pos.text = data;
        b.recs = (const rec *)s.recs->data;
        b.n_recs = s.recs->len;
        b.keys = g_hash_table_new(g_str_hash, g_str_equal);
        /* Where cJSON stopped must be where the scanner did. */
        bool same_end = false;
        if (end && end >= data && end <= s.end) {
            s.p = end;
            skip_ws(&s);
            same_end = s.p == s.end;
        }
        if (!same_end)
            b.mismatch = true;
        br_json *top = br_arena_alloc(nodes, sizeof *top);
        if (!top)
            b.nomem = true;
        else
            build(&b, tree, top);
        if (!b.nomem && b.next != b.n_recs)
            b.mismatch = true;
        g_hash_table_destroy(b.keys);
        if (b.nomem) {
            st = BR_ERR_NOMEM;
        } else if (b.mismatch) {
            json_error(diag, file, 1, 1, NULL, "internal error: scanner and parser disagree");
            st = BR_ERR_JSON;
        } else {
            *root = top;
        }
        cJSON_Delete(tree);
    }
    g_array_free(s.recs, TRUE);
    if (st == BR_ERR_NOMEM)
        br_diag_add(diag, BR_SEV_ERROR, file, 0, 0, NULL, "out of memory");
    return st == BR_OK ? BR_OK : br_error_set(st);
}

const br_json *br_json_member(const br_json *object, const char *key)
{
    if (!object || object->type != BR_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < object->n_items; i++)
        if (!strcmp(object->items[i]->key, key))
            return object->items[i];
    return NULL;
}

const char *br_json_type_name(br_json_type type)
{
    switch (type) {
    case BR_JSON_NULL: return "null";
    case BR_JSON_FALSE:
    case BR_JSON_TRUE: return "boolean";
    case BR_JSON_NUMBER: return "number";
    case BR_JSON_STRING: return "string";
    case BR_JSON_ARRAY: return "array";
    case BR_JSON_OBJECT: return "object";
    }
    return "value";
}

void br_json_format_number(double v, char *buf, size_t size)
{
    /* g_ascii_*: messages must not depend on the locale's decimal point.
     * The shortest precision that reads back exactly (%.17g always does);
     * then positional rather than exponent form for everyday magnitudes,
     * so a message says 130, not 1.3e+02. */
    char fmt[16];
    int prec = 1;
    for (; prec < 17; prec++) {
        snprintf(fmt, sizeof fmt, "%%.%dg", prec);
        g_ascii_formatd(buf, (int)size, fmt, v);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    double mag = fabs(v);
    if (mag >= 1 && mag < 1e17) {
        int digits_before_point = (int)floor(log10(mag)) + 1;
        if (digits_before_point > prec)
            prec = digits_before_point;
    }
    snprintf(fmt, sizeof fmt, "%%.%dg", prec);
    g_ascii_formatd(buf, (int)size, fmt, v);
}

bool br_json_int_in(const br_json *v, int lo, int hi, int *out, char *why, size_t size)
{
    char num[32];
    br_json_format_number(v->number, num, sizeof num);
    if (v->type != BR_JSON_NUMBER) {
        snprintf(why, size, "expected an integer, found %s", br_json_type_name(v->type));
        return false;
    }
    if (v->number != floor(v->number)) {
        snprintf(why, size, "%s is not an integer", num);
        return false;
    }
    if (v->number < lo || v->number > hi) {
        snprintf(why, size, "%s is outside %d..%d", num, lo, hi);
        return false;
    }
    *out = (int)v->number;
    return true;
}

void br_json_check_keys(const br_json *obj, const char *const *allowed, br_json_key_problem_fn problem, void *user)
{
    for (size_t i = 0; i < obj->n_items; i++) {
        const br_json *m = obj->items[i];
        br_json at = *m;
        at.line = m->key_line;
        at.col = m->key_col;
        bool ok = strncmp(m->key, "x-", 2) == 0;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, m->key) == 0;
        if (!ok) {
            GString *msg = g_string_new(NULL);
            g_string_printf(msg, "unknown key \"%s\" (allowed: ", m->key);
            for (const char *const *a = allowed; *a; a++)
                g_string_append_printf(msg, "%s, ", *a);
            g_string_append(msg, "or x-*)");
            problem(user, m, &at, msg->str);
            g_string_free(msg, TRUE);
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(obj->items[j]->key, m->key) == 0) {
                char *msg = g_strdup_printf("duplicate key \"%s\"", m->key);
                problem(user, m, &at, msg);
                g_free(msg);
                break;
            }
    }
}
