/* publish: puts finished output files in place, atomically.
 *
 * Every file is written to a temporary file in its target folder, synced,
 * and only when all of them are complete are they renamed over their
 * targets (then the folder is synced), so a reader, a web server or the
 * next step of a scheduled build sees either the old files or the new
 * ones, never a part.  On any failure the temporary files are removed and
 * the targets are as they were.
 *
 * Targets:
 *   - a symbolic link is followed: its (final) target is replaced, the
 *     link stays a link;
 *   - an existing target keeps its permission bits; a new one gets 0666
 *     less the umask, as any program's new file does;
 *   - a target that exists and is not a regular file (a folder, a device,
 *     a FIFO, a socket) is refused, as is a target that is one of the
 *     inputs (same device and inode);
 *   - a hard-linked target is replaced by a new file: its other names keep
 *     the old contents.
 *
 * Temporary files are named ".briefing-XXXXXX" so that a target name of
 * any allowed length still has room; they are registered while they
 * exist, so a signal handler can remove them (br_publish_cleanup).
 *
 * Signals: the library installs no handler.  It only blocks the signals a
 * program may catch (all but KILL and STOP) in the calling thread for the
 * two short steps that must not be cut in half: creating a temporary file
 * and registering it (else a handler could not find it), and renaming the
 * staged files into place and removing stale ones (else a handler that
 * removes the temporary files would leave some targets new and some old).
 * A signal that arrives meanwhile is delivered right after.  A signal
 * whose default action kills the process (no handler) kills it after the
 * renames too, so even then the targets are all old or all new; only
 * SIGKILL can leave a temporary file behind, never a partial target.
 */
#ifndef BR_PUBLISH_H
#define BR_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/diag.h"
#include "io/file.h"

typedef struct br_publish_file {
    const char *path; /* target */
    const uint8_t *data;
    size_t len;
} br_publish_file;

/* Publishes the files as one unit; paths must differ.  avoid[0..n_avoid)
 * are inputs.  stale[0..n_stale) are existing files of an earlier output
 * to remove once the new ones are in place (pages a shorter render no
 * longer has).  Errors: BR_ERR_IO (message in diag; a write past the
 * process's file size limit, ulimit -f, when SIGXFSZ is ignored, says
 * so), BR_ERR_USAGE (a target that is an input or not a regular file). */
br_status br_publish(const br_publish_file *files, size_t n, const br_file_id *avoid, size_t n_avoid,
                     const char *const *stale, size_t n_stale, br_diag *diag) BR_MUST_CHECK;

/* Removes every temporary file a br_publish in progress has made.  Only
 * async-signal-safe calls: for a handler of SIGINT, SIGTERM, SIGHUP. */
void br_publish_cleanup(void);

#endif
