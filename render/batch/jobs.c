/* jobs: see jobs.h. */
#include "batch/jobs.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "batch/shard.h"

/* A set file as read once for every spec that names it. */
typedef struct set_entry {
    br_indicator_set *set; /* owned; NULL when it could not be read */
} set_entry;

struct br_jobs {
    br_engine *engine;
    GHashTable *sets; /* path -> set_entry *, owned */
    GArray *all;      /* br_job, every shard's */
    GPtrArray *mine;  /* br_job * into all: this shard's; NULL until finished */
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
    if (jobs->sets)
        g_hash_table_unref(jobs->sets);
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

static void set_entry_free(gpointer p)
{
    set_entry *e = p;
    br_indicator_set_free(e->set);
    g_free(e);
}

/* A job that has failed before it could start: its set or layout (key)
 * cannot be read. */
char *br_job_failure(const br_job *j)
{
    const char *error = j->error ? j->error : "failed";
    size_t n = strlen(j->key);
    if (!strncmp(error, j->key, n) && error[n] == ':')
        return g_strdup(error);
    return g_strdup_printf("%s: %s", j->key, error);
}

static void add_failed(br_jobs *jobs, const char *path, const char *key, char *messages, char *error)
{
    br_job j = {.set_path = path, .key = g_strdup(key), .status = BR_JOB_FAILED, .messages = messages,
                .error = error ? error : g_strdup_printf("%s: cannot be read", key)};
    g_array_append_val(jobs->all, j);
}

static void add_job(br_jobs *jobs, const br_jobs_spec *spec, const br_layout *layout, const br_indicator_set *set,
                    const char *path, const char *lang, const char *focus)
{
    const char *id = br_indicator_set_id(set);
    char *output;
    if (spec->build_job) {
        output = br_build_output_path(spec->build_job, id, lang ? lang : br_indicator_set_language(set), focus);
    } else {
        GString *name = g_string_new(id);
        if (spec->n_langs > 1)
            g_string_append_printf(name, ".%s", lang);
        if (focus)
            g_string_append_printf(name, ".%s", focus);
        g_string_append(name, ".pdf");
        output = strcmp(spec->out_dir, ".") ? g_build_filename(spec->out_dir, name->str, NULL) : g_strdup(name->str);
        g_string_free(name, TRUE);
    }
    br_job j = {.set = set,
                .layout = layout,
                .set_path = path,
                .lang = lang,
                .focus = focus,
                .options = spec->options,
                .key = g_strdup_printf("%s|%s|%s|%s", id, spec->layout_name ? spec->layout_name : "briefing",
                                       lang ? lang : "", focus ? focus : ""),
                .output = g_strdup(output)};
    /* Both ways make the name in a buffer of 128 bytes or more (a
     * GString's least); the plan keeps every job's name for the whole
     * batch, so it keeps an exact copy. */
    br_free(output);
    g_array_append_val(jobs->all, j);
}

/* The jobs of one set, which has been read. */
static void expand_set(br_jobs *jobs, const br_jobs_spec *spec, const br_layout *layout, const br_indicator_set *set,
                       const char *path)
{
    size_t n_focus = 1;
    const char *const *ids = NULL;
    if (spec->focus && strcmp(spec->focus, "all") == 0) {
        ids = br_indicator_set_focus_ids(set, &n_focus);
        if (n_focus == 0) {
            add_failed(jobs, path, path, NULL,
                       g_strdup_printf("%s: %s has no region or country to make a profile of (focus all)", path,
                                       br_indicator_set_id(set)));
            return;
        }
    }
    size_t n_langs = spec->n_langs ? spec->n_langs : 1;
    for (size_t l = 0; l < n_langs; l++)
        for (size_t f = 0; f < n_focus; f++)
            add_job(jobs, spec, layout, set, path, spec->n_langs ? spec->langs[l] : NULL, ids ? ids[f] : spec->focus);
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
                                g_strdup_printf("%s%s%s and %s would both write %s (%s %s)", j->where ? j->where : "",
                                                j->where ? ": " : "", other->key, j->key, j->output,
                                                other->set_path, j->set_path));
            g_free(folded);
        } else {
            g_hash_table_insert(seen, folded, j);
        }
    }
    g_hash_table_unref(seen);
}

br_jobs *br_jobs_new(br_engine *engine)
{
    br_jobs *jobs = g_new0(br_jobs, 1);
    jobs->engine = engine;
    jobs->sets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, set_entry_free);
    jobs->all = g_array_new(FALSE, TRUE, sizeof(br_job));
    return jobs;
}

/* The set at path, read once per plan: the first spec that names it reads
 * it and makes a failed job when it cannot; later specs skip it then. */
static br_status read_set(br_jobs *jobs, const char *path, const br_indicator_set **set, char **messages)
{
    *set = NULL;
    *messages = NULL;
    set_entry *e = g_hash_table_lookup(jobs->sets, path);
    if (e) {
        *set = e->set;
        return BR_OK;
    }
    br_diag *diag = br_diag_new(0);
    if (!diag)
        return BR_ERR_NOMEM;
    e = g_new0(set_entry, 1);
    br_status st = br_indicator_set_load_file(jobs->engine, path, NULL, diag, &e->set);
    char *error = NULL;
    *messages = br_jobs_diag_lines(diag, &error);
    br_diag_free(diag);
    g_hash_table_insert(jobs->sets, g_strdup(path), e);
    if (st != BR_OK) {
        e->set = NULL;
        add_failed(jobs, path, path, *messages, error);
        *messages = NULL;
        return BR_OK;
    }
    g_free(error);
    *set = e->set;
    return BR_OK;
}

br_status br_jobs_add(br_jobs *jobs, const br_jobs_spec *spec)
{
    const char *layout_name = spec->layout_name ? spec->layout_name : "briefing";
    br_diag *diag = br_diag_new(0);
    if (!diag)
        return BR_ERR_NOMEM;
    const br_layout *layout = NULL;
    br_status lst = br_engine_layout(jobs->engine, spec->layout_load ? spec->layout_load : layout_name, diag, &layout);
    char *error = NULL;
    char *lmessages = br_jobs_diag_lines(diag, &error);
    br_diag_free(diag);
    if (lst != BR_OK) {
        /* Its sets still get read, so their problems are reported too. */
        add_failed(jobs, layout_name, layout_name, lmessages, error);
        lmessages = NULL;
        error = NULL;
    }
    g_free(error);
    size_t first = jobs->all->len;
    for (size_t i = 0; i < spec->n_sets; i++) {
        const char *path = spec->set_paths[i];
        const br_indicator_set *set = NULL;
        char *messages = NULL;
        if (read_set(jobs, path, &set, &messages) != BR_OK) {
            g_free(lmessages);
            return BR_ERR_NOMEM;
        }
        size_t before = jobs->all->len;
        if (set && layout)
            expand_set(jobs, spec, layout, set, path);
        /* Warnings about a set that loads are printed once, not per job. */
        if (jobs->all->len > before && messages && !g_array_index(jobs->all, br_job, before).messages)
            g_array_index(jobs->all, br_job, before).messages = messages;
        else
            g_free(messages);
    }
    if (lmessages && jobs->all->len > first && !g_array_index(jobs->all, br_job, first).messages)
        g_array_index(jobs->all, br_job, first).messages = lmessages;
    else
        g_free(lmessages);
    for (size_t i = first; i < jobs->all->len; i++)
        g_array_index(jobs->all, br_job, i).where = spec->where;
    return BR_OK;
}

br_status br_jobs_finish(br_jobs *jobs, unsigned shard_k, unsigned shard_n, GPtrArray **problems)
{
    *problems = g_ptr_array_new_with_free_func(g_free);
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
        if (br_shard_has(j->key, shard_k, shard_n))
            g_ptr_array_add(jobs->mine, j);
    }
    return (*problems)->len ? BR_ERR_USAGE : BR_OK;
}

br_status br_jobs_plan(br_engine *engine, const br_jobs_spec *spec, unsigned shard_k, unsigned shard_n,
                       br_jobs **out, GPtrArray **problems)
{
    *out = br_jobs_new(engine);
    *problems = NULL;
    br_status st = br_jobs_add(*out, spec);
    if (st != BR_OK)
        return st;
    return br_jobs_finish(*out, shard_k, shard_n, problems);
}
