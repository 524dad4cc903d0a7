/* json_in: reads JSON text into an immutable tree that knows where each
 * value stands in the source.
 *
 * The parse itself is cJSON's; this module adds what cJSON lacks and the
 * strict rules the project needs (see doc/notes/cjson-1.7.15.md):
 * positions (line and column, the column in characters) of every value and
 * key, rejection of leading zeros, `1.`, non-finite numbers, NUL in strings,
 * invalid UTF-8, a clear message for nesting too deep, and acceptance of a
 * leading byte-order mark.  Duplicate keys are kept (in order) and reported
 * by the caller's validation, which knows the path.  No cJSON type leaves
 * this module; the tree lives in the caller's arenas: its strings in one,
 * its nodes in another (or the same), so that a reader which keeps the
 * strings but not the tree can free the nodes once it has read them.
 *
 * Used by the indicator-set reader (model) and the layout reader (layout).
 */
#ifndef BR_JSON_IN_H
#define BR_JSON_IN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

typedef enum {
    BR_JSON_NULL,
    BR_JSON_FALSE,
    BR_JSON_TRUE,
    BR_JSON_NUMBER,
    BR_JSON_STRING,
    BR_JSON_ARRAY,
    BR_JSON_OBJECT
} br_json_type;

typedef struct br_json br_json;
struct br_json {
    br_json_type type;
    int line, col;        /* of the value's first character, from 1 */
    const char *key;      /* member name inside an object, else NULL */
    int key_line, key_col; /* position of the key's opening quote */
    double number;        /* BR_JSON_NUMBER (finite) */
    bool is_integer;      /* number written without fraction or exponent */
    const char *string;   /* BR_JSON_STRING: valid UTF-8 without NUL */
    size_t string_len;
    const br_json *const *items; /* array elements or object members, in order */
    size_t n_items;
};

/* Parses len bytes of JSON (data need not be NUL-terminated). file is used
 * in messages. On a syntax error one diagnostic FILE:LINE:COL: PATH:
 * message is added and BR_ERR_JSON returned; PATH is the failing value's
 * (indicators[0].observations[2].value for NaN there, its object's for a
 * bad key), $ for a problem between values (a missing or trailing comma).
 * Keys and string values are allocated in arena, the nodes in nodes (which
 * may be arena): every `key` and `string` lives as long as arena, the rest
 * of the tree as long as nodes.  Errors: BR_ERR_JSON, BR_ERR_NOMEM (with an
 * "out of memory" diagnostic).
 * OUT: *root. */
br_status br_json_parse(const char *data, size_t len, const char *file,
                        br_arena *arena, br_arena *nodes, br_diag *diag,
                        const br_json **root) BR_MUST_CHECK;

/* The first member named key of an object, or NULL. */
const br_json *br_json_member(const br_json *object, const char *key);

/* A double for messages: the shortest form that reads back to the same
 * value (130, not 130.000000 or 130.00000000000001), positional for
 * everyday magnitudes.  Never fails. */
void br_json_format_number(double v, char *buf, size_t size);

/* The rule for integer keys, the one every reader uses: the number v
 * (BR_JSON_NUMBER) is an integer in lo..hi.  Whole values written with a
 * fraction or exponent (5.0, 5e2) are integers; 1.5 is not.  True with
 * OUT: *out; false with why (size bytes) saying what is wrong, such as
 * "1.5 is not an integer" or "7 is outside 0..6", for the reader to put
 * at the value's path.  Never fails otherwise. */
bool br_json_int_in(const br_json *v, int lo, int hi, int *out, char *why, size_t size);

/* The rule for the keys of an object that layouts and build files share:
 * a key outside allowed (NULL-terminated) is unknown unless it starts with
 * "x-" (the user's own), and a key appears once.  Calls problem once per
 * broken rule with the member, a copy of it positioned at its key, and the
 * message ("unknown key \"k\" (allowed: a, b, or x-*)", "duplicate key
 * \"k\""); the caller adds its path.  Never fails. */
typedef void (*br_json_key_problem_fn)(void *user, const br_json *member, const br_json *at_key,
                                       const char *message);
void br_json_check_keys(const br_json *object, const char *const *allowed, br_json_key_problem_fn problem,
                        void *user);

/* A human name for a type ("string", "array", ...). */
const char *br_json_type_name(br_json_type type);

#endif
