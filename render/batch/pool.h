/* pool: runs the jobs of a plan on a GLib thread pool, all sharing one
 * engine, layout and the plan's sets (immutable, so br_render may use them
 * from any thread: briefing.h).  A worker renders one job, publishes it
 * (br_output_publish: atomic) and frees the document before it takes the
 * next, so memory grows with the jobs in flight (threads), not with the
 * batch.  Results go back to the calling thread through a queue; the
 * callback, progress and printing all run there, in completion order.
 * Output bytes do not depend on the number of threads.
 *
 * May include: briefing.h only.
 */
#ifndef BR_BATCH_POOL_H
#define BR_BATCH_POOL_H

#include <briefing.h>

#include "batch/jobs.h"
#include "batch/stop.h"

typedef struct br_pool_options {
    unsigned threads;          /* at least 1 */
    int fail_fast;             /* start no job after the first failure */
    int skip_unchanged;        /* a PDF whose inputs digest the same is left as it is (UNCHANGED) */
    br_render_options render;  /* lang and focus are each job's */
} br_pool_options;

/* Called on the calling thread once per job that ended (ok or failed). */
typedef void (*br_pool_done_fn)(void *user, const br_job *job);

/* Runs every PENDING job of jobs (each with its own layout); with
 * skip_unchanged, a job whose PDF br_output_current finds made from the
 * same inputs becomes UNCHANGED instead.  Jobs not started because of fail_fast or
 * a signal taken by stop (NULL: none) become SKIPPED.  Each job gets its
 * status, pages, bytes, ms, error and messages.  Returns BR_OK when the
 * batch ran (however many jobs failed), BR_ERR_NOMEM when no thread could
 * be made. */
br_status br_pool_run(br_engine *engine, br_jobs *jobs, const br_pool_options *options, const br_stop *stop,
                      br_pool_done_fn done, void *user) BR_MUST_CHECK;

#endif
