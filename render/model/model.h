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
#include "base/digest.h"
#include "base/lang_text.h"
#include "base/noun.h"
#include "io/file.h"

/* Kinds of entity, in the order of their names in the format. */
typedef enum {
    BR_ENTITY_WORLD,
    BR_ENTITY_COUNTRY,
    BR_ENTITY_GROUP,
    BR_ENTITY_PROVINCE,
    BR_ENTITY_MUNICIPALITY,
    BR_ENTITY_AUTONOMOUS_REGION,
    BR_ENTITY_SAR,
    BR_ENTITY_STATE,
    BR_ENTITY_COUNTY,
    BR_ENTITY_CITY,
    BR_ENTITY_TERRITORY,
    BR_ENTITY_DISTRICT,
    BR_ENTITY_REGION,
    BR_ENTITY_OTHER,
    BR_ENTITY_N_KINDS
} br_entity_kind;

/* The name of a kind as the format writes it ("autonomous-region"). */
const char *br_entity_kind_name(br_entity_kind kind);

/* Which way an indicator is better. */
typedef enum { BR_BETTER_HIGHER, BR_BETTER_LOWER, BR_BETTER_NEITHER } br_better;

/* How values are shown: as they are, or in thousands, millions, billions. */
typedef enum { BR_SCALE_ONE, BR_SCALE_THOUSAND, BR_SCALE_MILLION, BR_SCALE_BILLION } br_display_scale;

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
    bool compared;           /* one of the units the set compares (br_set.compares) */
    bool has_tile;
    int tile_col, tile_row;
    size_t index; /* position in br_set.entities */
};

typedef struct br_observation {
    const br_entity *entity;
    const char *period;   /* YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD, YYYY/YYYY (br_period_canonical) */
    int period_end;       /* the day the period ends, as YYYYMMDD (2024-Q3 -> 20240930) */
    double value;         /* finite */
    br_qualifier qualifier;
    const br_source *source; /* the observation's first, else the indicator's first, else NULL */
    const br_source *const *sources; /* all of them (original, redistributor, ...), n_sources */
    size_t n_sources;
    const char *note;        /* optional */
} br_observation;

/* A whole that indicators are parts of (household income by bracket). */
typedef struct br_whole {
    const char *id;
    const char *name;
    const br_lang_text *names;
    size_t n_names;
    const struct br_indicator *const *parts; /* in file order, n_parts */
    size_t n_parts;
} br_whole;

/* A topic's display name. */
typedef struct br_topic {
    const char *slug;
    const char *name;
    const br_lang_text *names;
    size_t n_names;
    const char *description; /* optional */
} br_topic;

typedef struct br_indicator {
    const char *id;
    const char *name;
    const br_lang_text *names;
    size_t n_names;
    const char *topic;
    const char *unit; /* "count", "percent", "percent-change" or a symbol */
    const br_lang_text *unit_names; /* the unit in other languages */
    size_t n_unit_names;
    int decimals;     /* explicit, or the default (0 for count, 1 otherwise) */
    br_better better;
    bool higher_is_better; /* better == BR_BETTER_HIGHER (kept for old callers) */
    br_display_scale scale;
    const char *definition; /* optional: what is measured */
    const char *note;       /* optional: a note on the whole indicator */
    const br_whole *part_of; /* optional */
    const br_source *source; /* optional; the first of sources */
    const br_source *const *sources;
    size_t n_sources;
    const br_observation *observations; /* in file (or CSV) order; not-available values left out */
    size_t n_observations;
    size_t n_not_available; /* observations given as not available */
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
    const br_topic *topics; /* display names of topics, n_topics */
    size_t n_topics;
    const br_whole *wholes;
    size_t n_wholes;
    bool compares[BR_ENTITY_N_KINDS]; /* the kinds of the units compared (explicit or default) */
    br_noun noun;                     /* what they are called */
    const br_entity *reference;       /* the reference entity (national, world), or NULL */
    size_t n_compared;                /* entities of a compared kind */
    const br_file_id *inputs; /* the set's file and its CSV files (an output must not replace them) */
    size_t n_inputs;
    /* The fingerprint of the set's bytes and of each CSV file's (by the
     * name the set gives it), in the order read: equal digests, equal
     * sets (--skip-unchanged). */
    char digest[BR_DIGEST_HEX_SIZE];
    void *priv; /* lookup tables; owned by the arena */
} br_set;

/* Reads and validates the set in the file at path.  display_name is used in
 * messages (NULL: path itself; "<stdin>" for standard input).  The path
 * "-" reads standard input.  OUT: *out on success. */
br_status br_set_load(const char *path, const char *display_name,
                      br_arena *arena, br_diag *diag,
                      const br_set **out) BR_MUST_CHECK;

/* The same for a buffer of len bytes (need not be NUL-terminated). base_dir
 * resolves CSV observation files (NULL: the current directory), which
 * must lie inside it (br_file_resolve_inside). */
br_status br_set_load_buffer(const char *data, size_t len,
                             const char *display_name, const char *base_dir,
                             br_arena *arena, br_diag *diag,
                             const br_set **out) BR_MUST_CHECK;

/* Id lookups in O(1); NULL when absent. */
const br_entity *br_set_lookup_entity(const br_set *set, const char *id);
const br_indicator *br_set_lookup_indicator(const br_set *set, const char *id);
const br_source *br_set_lookup_source(const br_set *set, const char *id);

/* True for entities the set compares: its `compares` kinds; by default its
 * regions (every kind but world, country and group), or, in a set without
 * regions, its countries, or else its world entities. */
bool br_entity_is_compared(const br_entity *entity);

/* The topic's display entry, or NULL. */
const br_topic *br_set_lookup_topic(const br_set *set, const char *slug);

#endif
