/* stop: a batch that SIGTERM, SIGINT or SIGHUP stops cleanly.  While a
 * br_stop exists those signals are blocked in every thread made after it
 * and a watcher thread takes them (sigtimedwait) and records the first; the
 * pool then starts no new job and lets running ones finish publishing, so
 * an interrupted batch leaves no temporary file and no half-written
 * output.  No signal handler, so no global state: the signal is a value in
 * the br_stop.  Make it before any other thread (the engine, the pool)
 * exists, since threads inherit the mask they are made with.
 *
 * May include: briefing.h only.
 */
#ifndef BR_BATCH_STOP_H
#define BR_BATCH_STOP_H

#include <briefing.h>

typedef struct br_stop br_stop;

/* Blocks the signals in this thread and starts the watcher.  OUT: *out.
 * Errors: BR_ERR_NOMEM (no thread). */
br_status br_stop_new(br_stop **out) BR_MUST_CHECK;
/* The first signal taken, 0 while none.  Thread-safe. */
int br_stop_signal(const br_stop *stop);
/* Ends the watcher and unblocks the signals (a signal that arrives after
 * the watcher's last look then acts as usual). */
void br_stop_free(br_stop *stop);
/* Dies of sig as if it had never been blocked (exit status 128 + sig in a
 * shell), after the caller has said what was done.  Returns only if the
 * signal does not end the process. */
void br_stop_die(int sig);

#endif
