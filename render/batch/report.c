/* report: see report.h. */
#include "batch/report.h"

#include <glib.h>

static const char *status_name(br_job_status s)
{
    switch (s) {
    case BR_JOB_OK:
        return "ok";
    case BR_JOB_FAILED:
        return "failed";
    case BR_JOB_SKIPPED:
        return "skipped";
    case BR_JOB_UNCHANGED:
        return "unchanged";
    case BR_JOB_PENDING:
        break;
    }
    return "skipped"; /* never run: as good as skipped */
}

/* A JSON string; text that is not UTF-8 (a file name) has its bad bytes
 * replaced, so the report stays valid JSON. */
static void put_string(GString *s, const char *text)
{
    if (!text) {
        g_string_append(s, "null");
        return;
    }
    char *valid = g_utf8_make_valid(text, -1);
    g_string_append_c(s, '"');
    for (const unsigned char *p = (const unsigned char *)valid; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(s, "\\%c", *p);
        else if (*p == '\n')
            g_string_append(s, "\\n");
        else if (*p < 0x20)
            g_string_append_printf(s, "\\u%04x", *p);
        else
            g_string_append_c(s, (char)*p);
    }
    g_string_append_c(s, '"');
    g_free(valid);
}

char *br_report_json(br_jobs *jobs, const br_report_info *info)
{
    size_t n = br_jobs_count(jobs), counts[BR_JOB_UNCHANGED + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        br_job_status st = br_jobs_at(jobs, i)->status;
        counts[st == BR_JOB_PENDING ? BR_JOB_SKIPPED : st]++;
    }
    GString *s = g_string_new("{\n  \"format\": \"briefing-report/1\",\n");
    if (info->shard_n)
        g_string_append_printf(s, "  \"shard\": {\"index\": %u, \"count\": %u},\n", info->shard_k, info->shard_n);
    else
        g_string_append(s, "  \"shard\": null,\n");
    g_string_append_printf(s, "  \"threads\": %u,\n  \"interrupted\": %s,\n", info->threads,
                           info->interrupted ? "true" : "false");
    g_string_append_printf(s, "  \"seconds\": %.3f,\n", info->seconds);
    g_string_append_printf(s,
                           "  \"total\": %zu, \"ok\": %zu, \"unchanged\": %zu, \"failed\": %zu, \"skipped\": %zu,\n",
                           n, counts[BR_JOB_OK], counts[BR_JOB_UNCHANGED], counts[BR_JOB_FAILED],
                           counts[BR_JOB_SKIPPED]);
    g_string_append(s, "  \"jobs\": [");
    for (size_t i = 0; i < n; i++) {
        const br_job *j = br_jobs_at(jobs, i);
        g_string_append(s, i ? ",\n    {\"key\": " : "\n    {\"key\": ");
        put_string(s, j->key);
        g_string_append(s, ", \"status\": ");
        put_string(s, status_name(j->status));
        g_string_append(s, ", \"set\": ");
        put_string(s, j->set_path);
        g_string_append(s, ", \"output\": ");
        put_string(s, j->output);
        /* An unchanged PDF was not opened: its pages are not known. */
        if (j->status == BR_JOB_UNCHANGED)
            g_string_append(s, ", \"pages\": null");
        else
            g_string_append_printf(s, ", \"pages\": %zu", j->status == BR_JOB_OK ? j->pages : 0);
        g_string_append_printf(s, ", \"bytes\": %zu, \"milliseconds\": %.1f, \"error\": ",
                               j->status == BR_JOB_OK || j->status == BR_JOB_UNCHANGED ? j->bytes : 0, j->ms);
        put_string(s, j->status == BR_JOB_FAILED ? j->error : NULL);
        g_string_append_c(s, '}');
    }
    g_string_append(s, n ? "\n  ]\n}\n" : "]\n}\n");
    return g_string_free(s, FALSE);
}

int br_report_write(const char *path, br_jobs *jobs, const br_report_info *info, char **error)
{
    char *text = br_report_json(jobs, info);
    GError *err = NULL;
    /* g_file_set_contents writes a temporary file beside path, syncs it
     * and renames it over path. */
    gboolean ok = g_file_set_contents(path, text, -1, &err);
    g_free(text);
    if (!ok) {
        *error = g_strdup(err->message);
        g_error_free(err);
    }
    return ok;
}
