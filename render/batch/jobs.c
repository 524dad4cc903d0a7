/* jobs: see jobs.h. */
#include "batch/jobs.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "batch/shard.h"

struct br_jobs {
    GPtrArray *sets; /* br_indicator_set *, owned; NULL for a set that could not be read */
    GArray *all;     /* br_job, every shard's */
    GPtrArray *mine; /* br_job * into all: this shard's */
};

static void job_clear(br_job *j)
{
    g_free(j->key);
    g_free(j->output);
    g_free(j->error);
    g_free(j->messages);
}

void br_jobs_free(br_jobs *jobs)
{
    if (!jobs)
        return;
    if (jobs->mine)
        g_ptr_array_unref(jobs->mine);
    if (jobs->all) {
        for (guint i = 0; i < jobs->all->len; i++)
            job_clear(&g_array_index(jobs->all, br_job, i));
        g_array_unref(jobs->all);
    }
    if (jobs->sets) {
        for (guint i = 0; i < jobs->sets->len; i++)
            br_indicator_set_free(g_ptr_array_index(jobs->sets, i));
        g_ptr_array_unref(jobs->sets);
    }
    g_free(jobs);
}

size_t br_jobs_count(const br_jobs *jobs)
{
    return jobs->mine->len;
}

br_job *br_jobs_at(br_jobs *jobs, size_t i)
{
    return g_ptr_array_index(jobs->mine, i);
}

size_t br_jobs_count_all(const br_jobs *jobs)
{
    return jobs->all->len;
}

char *br_jobs_diag_lines(const br_diag *diag, char **first_error)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < br_diag_count(diag); i++) {
        const br_diag_item *it = br_diag_item_at(diag, i);
        char *line = br_diag_format(it);
        g_string_append_printf(s, "%s\n", line);
        if (first_error && !*first_error && it->severity == BR_SEV_ERROR)
            *first_error = g_strdup(line);
        br_free(line);
    }
    return g_string_free(s, s->len == 0);
}

static void add_failed_set(br_jobs *jobs, const char *path, char *messages, char *error)
{
    br_job j = {.set_path = path, .key = g_strdup(path), .status = BR_JOB_FAILED, .messages = messages,
                .error = error ? error : g_strdup_printf("%s: cannot be read", path)};
    g_array_append_val(jobs->all, j);
}

static void add_job(br_jobs *jobs, const br_jobs_spec *spec, const br_indicator_set *set, const char *path,
                    const char *lang, const char *focus)
{
    const char *id = br_indicator_set_id(set);
    GString *name = g_string_new(id);
    if (spec->n_langs > 1)
        g_string_append_printf(name, ".%s", lang);
    if (focus)
        g_string_append_printf(name, ".%s", focus);
    g_string_append(name, ".pdf");
    /* g_build_filename leaves its result in a buffer of 128 bytes or more
     * (a GString's least); the plan keeps every job's name for the whole
     * batch, so it keeps an exact copy. */
    char *output = g_build_filename(spec->out_dir, name->str, NULL);
    br_job j = {.set = set,
                .set_path = path,
                .lang = lang,
                .focus = focus,
                .key = g_strdup_printf("%s|%s|%s|%s", id, spec->layout_name ? spec->layout_name : "briefing",
                                       lang ? lang : "", focus ? focus : ""),
                .output = g_strdup(output)};
    g_free(output);
    g_string_free(name, TRUE);
    g_array_append_val(jobs->all, j);
}

/* The jobs of one set, which has been read. */
static void expand_set(br_jobs *jobs, const br_jobs_spec *spec, const br_indicator_set *set, const char *path)
{
    size_t n_focus = 1;
    const char *const *ids = NULL;
    if (spec->focus && strcmp(spec->focus, "all") == 0) {
        ids = br_indicator_set_focus_ids(set, &n_focus);
        if (n_focus == 0) {
            add_failed_set(jobs, path, NULL,
                           g_strdup_printf("%s: %s has no region or country to make a profile of (--focus all)", path,
                                           br_indicator_set_id(set)));
            return;
        }
    }
    size_t n_langs = spec->n_langs ? spec->n_langs : 1;
    for (size_t l = 0; l < n_langs; l++)
        for (size_t f = 0; f < n_focus; f++)
            add_job(jobs, spec, set, path, spec->n_langs ? spec->langs[l] : NULL, ids ? ids[f] : spec->focus);
}

/* Two jobs that would write one file (compared case-folded: see jobs.h). */
static void find_collisions(br_jobs *jobs, GPtrArray *problems)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < jobs->all->len; i++) {
        br_job *j = &g_array_index(jobs->all, br_job, i);
        if (!j->output)
            continue;
        char *folded = g_utf8_casefold(j->output, -1);
        br_job *other = g_hash_table_lookup(seen, folded);
        if (other) {
            if (problems->len < 50)
                g_ptr_array_add(problems,
                                g_strdup_printf("%s and %s would both write %s (%s %s)", other->key, j->key,
                                                j->output, other->set_path, j->set_path));
            g_free(folded);
        } else {
            g_hash_table_insert(seen, folded, j);
        }
    }
    g_hash_table_unref(seen);
}

br_status br_jobs_plan(br_engine *engine, const br_jobs_spec *spec, br_jobs **out, GPtrArray **problems)
{
    br_jobs *jobs = g_new0(br_jobs, 1);
    jobs->sets = g_ptr_array_new();
    jobs->all = g_array_new(FALSE, TRUE, sizeof(br_job));
    *problems = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < spec->n_sets; i++) {
        const char *path = spec->set_paths[i];
        br_diag *diag = br_diag_new(0);
        if (!diag) {
            *out = jobs;
            return BR_ERR_NOMEM;
        }
        br_indicator_set *set = NULL;
        br_status st = br_indicator_set_load_file(engine, path, NULL, diag, &set);
        char *error = NULL;
        char *messages = br_jobs_diag_lines(diag, &error);
        br_diag_free(diag);
        g_ptr_array_add(jobs->sets, st == BR_OK ? set : NULL);
        if (st != BR_OK) {
            add_failed_set(jobs, path, messages, error);
            continue;
        }
        /* Warnings about a set that loads are printed once, not per job. */
        size_t first = jobs->all->len;
        expand_set(jobs, spec, set, path);
        if (jobs->all->len > first && messages) {
            br_job *j = &g_array_index(jobs->all, br_job, first);
            j->messages = messages;
        } else {
            g_free(messages);
        }
        g_free(error);
    }
    find_collisions(jobs, *problems);
#ifdef __GLIBC__
    /* Reading a set frees, but leaves resident, several times its size: its
     * text and parse trees (json_in.c), 4 MiB for the 3,000-region set,
     * which the jobs would run on top of.  Handed back now, a batch's
     * footprint is its sets and plan plus the jobs in flight. */
    malloc_trim(0);
#endif
    /* Pointers into all only now that it no longer grows. */
    jobs->mine = g_ptr_array_new();
    for (guint i = 0; i < jobs->all->len; i++) {
        br_job *j = &g_array_index(jobs->all, br_job, i);
        if (br_shard_has(j->key, spec->shard_k, spec->shard_n))
            g_ptr_array_add(jobs->mine, j);
    }
    *out = jobs;
    return (*problems)->len ? BR_ERR_USAGE : BR_OK;
}
