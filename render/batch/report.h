/* report: the batch's report as JSON (--report FILE.json), one object per
 * job of the shard with its key, status, output, pages, bytes,
 * milliseconds and error; data/batch-report.schema.json is its schema and
 * briefing(1) its manual.  Written atomically (a temporary file in the
 * target folder, renamed into place), so a reader sees the old report or
 * the whole new one.
 *
 * May include: briefing.h only.
 */
#ifndef BR_BATCH_REPORT_H
#define BR_BATCH_REPORT_H

#include "batch/jobs.h"

typedef struct br_report_info {
    unsigned shard_k, shard_n; /* n 0: not sharded */
    unsigned threads;
    int interrupted; /* the signal that stopped the batch, 0 when none */
    double seconds;  /* wall time of the batch */
} br_report_info;

/* The report as JSON text (free with g_free).  Never fails. */
char *br_report_json(br_jobs *jobs, const br_report_info *info);

/* Writes it to path atomically.  Returns 0 and sets *error (free with
 * g_free) when it cannot. */
int br_report_write(const char *path, br_jobs *jobs, const br_report_info *info, char **error);

#endif
