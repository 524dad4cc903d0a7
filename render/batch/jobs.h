/* jobs: the plan of a batch.  Reads every set once, expands sets x
 * languages x focus entities into jobs, names each job's output file and
 * its key, rejects two jobs that would write one file, and keeps the jobs
 * of one shard.  It renders nothing and writes nothing: pool.h runs the
 * jobs, report.h and progress.h tell about them.
 *
 * Output names: DIR/<set-id>[.<lang>][.<entity-id>].pdf, the language part
 * whenever more than one language is asked for, the entity part with
 * --focus.  Set ids are slugs ([a-z0-9-]) and language tags have no '.',
 * so the first '.' ends the set id and, with languages, the second ends
 * the language; entity ids may contain '.', but they come last.  Names of
 * one batch therefore differ whenever their (set id, language, entity)
 * differ, except for case (ids are case-sensitive, some file systems are
 * not): the collision check compares case-folded names, so it also
 * catches two files with one set id.
 *
 * A build file (briefing-build(5)) may name each file instead, by a
 * template (br_build_output_path); the collision check is the same.
 *
 * Keys: "<set-id>|<layout>|<lang>|<entity-id>", the layout as given (-l,
 * default "briefing"), an empty lang for the set's own language and an
 * empty entity without --focus.  A set or a layout that cannot be read is
 * a job of its own, failed from the start, whose key is the file's path
 * (or the layout's name); a set read by several specs is read once.
 *
 * May include: briefing.h only (the batch layer is built on the public API).
 */
#ifndef BR_BATCH_JOBS_H
#define BR_BATCH_JOBS_H

#include <briefing.h>
#include <glib.h>

typedef enum {
    BR_JOB_PENDING, /* not run (yet) */
    BR_JOB_OK,
    BR_JOB_FAILED,
    BR_JOB_SKIPPED,  /* not started: --fail-fast, or the batch was interrupted */
    BR_JOB_UNCHANGED /* not rendered: its PDF is from the same inputs (--skip-unchanged) */
} br_job_status;

/* One job: its inputs (borrowed from the plan) and, once run, its result. */
typedef struct br_job {
    const br_indicator_set *set; /* NULL: the set or layout could not be read (status FAILED) */
    const br_layout *layout;     /* borrowed from the engine */
    const char *set_path;        /* as given */
    const char *lang;            /* NULL: the set's language */
    const char *focus;           /* NULL: no focus */
    const char *where;           /* the spec's (borrowed); NULL: none */
    const br_build_job *options; /* the spec's: print options over the batch's (br_build_job_apply); NULL: none */
    char *key;
    char *output; /* the file to write; NULL when the set could not be read */
    br_job_status status;
    size_t pages, bytes; /* of the written file */
    double ms;           /* wall time of render and publish */
    char *error;         /* the first error line, when failed */
    char *messages;      /* every diagnostic line of the job, '\n'-terminated; may be NULL */
} br_job;

/* What to render: the sets x languages x focus of one layout, written
 * into out_dir under the default names or where build_job's template says. */
typedef struct br_jobs_spec {
    const char *const *set_paths;
    size_t n_sets;
    const char *layout_name;   /* in keys, and loaded with br_engine_layout; NULL: "briefing" */
    const char *layout_load;   /* what to load instead, when not NULL (a build file's path, resolved) */
    const char *const *langs;  /* n_langs tags; 0 of them: the set's language */
    size_t n_langs;
    const char *focus;         /* NULL, an entity id, or "all" (every entity of each set) */
    const char *out_dir;       /* default names in this folder, unless build_job names the files */
    const br_build_job *build_job; /* NULL, or the build file's job whose output template names the files */
    const br_build_job *options;   /* NULL, or the build file's job whose print options (colors, impose, sheet,
                                      bleed, crop_marks) its documents take instead of the command line's */
    const char *where;         /* "FILE:LINE:COL: jobs[I]" before problems of this spec; NULL: none */
} br_jobs_spec;

typedef struct br_jobs br_jobs;

/* An empty plan whose sets and layouts come from engine. */
br_jobs *br_jobs_new(br_engine *engine);
/* Reads the spec's sets and layout (what cannot be read becomes a failed
 * job with its diagnostics as messages) and adds its jobs.  Errors:
 * BR_ERR_NOMEM. */
br_status br_jobs_add(br_jobs *jobs, const br_jobs_spec *spec) BR_MUST_CHECK;
/* Ends the plan: problems that stop the whole batch, two jobs writing one
 * file, go to *problems (one line each, free with g_ptr_array_unref) and
 * make the result BR_ERR_USAGE; then keeps the jobs of shard k of n (n = 0
 * or 1: all).  Call once, after the last br_jobs_add. */
br_status br_jobs_finish(br_jobs *jobs, unsigned shard_k, unsigned shard_n, GPtrArray **problems) BR_MUST_CHECK;
/* br_jobs_new, br_jobs_add and br_jobs_finish for one spec.  OUT: *out
 * (also on failure, for the caller to free). */
br_status br_jobs_plan(br_engine *engine, const br_jobs_spec *spec, unsigned shard_k, unsigned shard_n,
                       br_jobs **out, GPtrArray **problems) BR_MUST_CHECK;
void br_jobs_free(br_jobs *jobs);

/* The jobs of the shard (every job without sharding), in plan order:
 * sets in the order given, then languages, then entities in file order. */
size_t br_jobs_count(const br_jobs *jobs);
br_job *br_jobs_at(br_jobs *jobs, size_t i);
/* Jobs of every shard together. */
size_t br_jobs_count_all(const br_jobs *jobs);

/* A failed job in one line, "KEY: ERROR", or ERROR alone when it begins
 * with the key already (a set that cannot be read).  g_free it. */
char *br_job_failure(const br_job *job);

/* Every diagnostic of diag as its printed lines (NULL when there are
 * none; g_free it).  OUT: *first_error, when it is NULL and diag has an
 * error, a copy of the first error's line (first_error may be NULL). */
char *br_jobs_diag_lines(const br_diag *diag, char **first_error);

#endif
