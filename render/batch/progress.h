/* progress: what a batch says while it runs, on one stream (stderr).  On a
 * terminal one live line, rewritten after every job: "done/total, failed,
 * jobs/s, time left"; otherwise (a log, cron's mail, CI) one plain line per
 * job: "[done/total] ok|FAILED KEY -> OUTPUT (pages, ms)".  Quiet says
 * nothing.  Diagnostics of a job are printed above the live line.
 *
 * May include: briefing.h only.
 */
#ifndef BR_BATCH_PROGRESS_H
#define BR_BATCH_PROGRESS_H

#include <stdio.h>

#include "batch/jobs.h"

typedef enum { BR_PROGRESS_QUIET, BR_PROGRESS_LINES, BR_PROGRESS_LIVE } br_progress_mode;

typedef struct br_progress br_progress;

/* total: the jobs that will run.  Never fails (GLib aborts when out of
 * memory). */
br_progress *br_progress_new(br_progress_mode mode, size_t total, FILE *f);
/* A job ended: prints its messages (in every mode but quiet, errors even
 * then) and the progress. */
void br_progress_job(br_progress *p, const br_job *job);
/* Ends the live line. */
void br_progress_finish(br_progress *p);
void br_progress_free(br_progress *p);
/* Jobs per second so far. */
double br_progress_rate(const br_progress *p);

#endif
