/* model: the immutable indicator set (`indicator-set/1`) with id lookups.
 *
 * br_set_load() reads one set from a file (or a buffer), validates every rule
 * of briefing-set(5), man/briefing-set.5, and on success builds the model in the
 * caller's arena.  On failure it appends one diagnostic per problem to diag
 * (FILE:LINE:COL: json.path: message) and returns BR_ERR_JSON (syntax) or
 * BR_ERR_SPEC (rules); nothing is built.  No cJSON type appears here.
 *
 * The structs are read-only views: every pointer in them is owned by the
 * arena and lives as long as it.  Strings are valid UTF-8, NUL-terminated.
 * Optional strings are NULL when absent.
 */
#ifndef BR_MODEL_H
#define BR_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/lang_text.h"

typedef enum {
    BR_ENTITY_WORLD,
    BR_ENTITY_COUNTRY,
    BR_ENTITY_GROUP,
    BR_ENTITY_PROVINCE,
    BR_ENTITY_MUNICIPALITY,
    BR_ENTITY_AUTONOMOUS_REGION,
    BR_ENTITY_SAR
} br_entity_kind;

typedef enum {
    BR_QUALIFIER_NONE,
    BR_QUALIFIER_OVER,
    BR_QUALIFIER_UNDER,
    BR_QUALIFIER_ABOUT
} br_qualifier;

typedef struct br_source {
    const char *id;
    const char *title;
    const char *publisher; /* optional */
    const char *date;      /* optional, YYYY-MM-DD */
    const char *url;       /* optional */
} br_source;

typedef struct br_entity br_entity;
struct br_entity {
    const char *id;
    const char *name;
    const br_lang_text *names; /* n_names entries, in file order */
    size_t n_names;
    br_entity_kind kind;
    const br_entity *const *groups; /* resolved, n_groups, in file order */
    size_t n_groups;
    const char *short_label; /* `short`, or the id when absent (never NULL) */
    const char *const *focus;
    size_t n_focus;
    const br_source *source; /* optional */
    bool has_tile;
    int tile_col, tile_row;
    size_t index; /* position in br_set.entities */
};

typedef struct br_observation {
    const br_entity *entity;
    const char *period;   /* as written: YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD */
    int period_end;       /* the day the period ends, as YYYYMMDD (2024-Q3 -> 20240930) */
    double value;         /* finite */
    br_qualifier qualifier;
    const br_source *source; /* the observation's, else the indicator's, else NULL */
    const char *note;        /* optional */
} br_observation;

typedef struct br_indicator {
    const char *id;
    const char *name;
    const br_lang_text *names;
    size_t n_names;
    const char *topic;
    const char *unit; /* "count", "percent" or a symbol */
    int decimals;     /* explicit, or the default (0 for count, 1 otherwise) */
    bool higher_is_better;
    const br_source *source; /* optional */
    const br_observation *observations; /* in file (or CSV) order */
    size_t n_observations;
} br_indicator;

typedef struct br_translation {
    const char *lang;
    const char *title, *subtitle, *summary; /* each optional */
} br_translation;

typedef struct br_set {
    const char *file; /* path as given by the user (for messages) */
    const char *id;
    const char *title;
    const char *subtitle; /* optional */
    const char *date;     /* YYYY-MM-DD */
    const char *language; /* default "en" */
    const char *publisher; /* optional */
    const char *summary;   /* optional; may hold <b> <i> <sup> <sub> markup */
    const br_translation *translations;
    size_t n_translations;
    const br_entity *entities;
    size_t n_entities;
    const br_indicator *indicators;
    size_t n_indicators;
    const br_source *sources;
    size_t n_sources;
    void *priv; /* lookup tables; owned by the arena */
} br_set;

/* Reads and validates the set in the file at path.  display_name is used in
 * messages (NULL: path itself; "<stdin>" for standard input).  The path
 * "-" reads standard input.  OUT: *out on success. */
br_status br_set_load(const char *path, const char *display_name,
                      br_arena *arena, br_diag *diag,
                      const br_set **out) BR_MUST_CHECK;

/* The same for a buffer of len bytes (need not be NUL-terminated). base_dir
 * resolves CSV observation files (NULL: the current directory). */
br_status br_set_load_buffer(const char *data, size_t len,
                             const char *display_name, const char *base_dir,
                             br_arena *arena, br_diag *diag,
                             const br_set **out) BR_MUST_CHECK;

/* Id lookups in O(1); NULL when absent. */
const br_entity *br_set_lookup_entity(const br_set *set, const char *id);
const br_indicator *br_set_lookup_indicator(const br_set *set, const char *id);
const br_source *br_set_lookup_source(const br_set *set, const char *id);

/* True for entities that are regions (kind not world, country or group). */
bool br_entity_is_region(const br_entity *entity);

#endif
