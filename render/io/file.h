/* file: reading input files whole, within one size limit.
 *
 * Sets, CSV observation files, layouts and images are read into memory
 * with a terminating NUL (so an empty file still gives a non-NULL buffer).
 * Only regular files are read: a device (/dev/zero, /dev/urandom) never
 * ends and a FIFO may never be written, so both are refused before a byte
 * is read (the file is opened with O_NONBLOCK, so opening a FIFO does not
 * wait for a writer).  Standard input, which may be a pipe, is the one
 * stream that is read as it comes.  Every input, standard input included,
 * is limited to BR_FILE_MAX_BYTES, checked while reading: a file that
 * grows while it is read, or a pipe that never ends, stops at the limit.
 */
#ifndef BR_FILE_H
#define BR_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/diag.h"

/* The size limit of every input file and of standard input, in bytes, and
 * how messages and the manual pages name it. */
#define BR_FILE_MAX_BYTES ((size_t)256 << 20)
#define BR_FILE_MAX_TEXT "256 MiB"

/* A file's identity (device and inode), to tell that an output would
 * replace an input. */
typedef struct br_file_id {
    dev_t dev;
    ino_t ino;
} br_file_id;

/* The whole of the regular file at path.  OUT: *data (g_free it), *len,
 * and *id when id is not NULL.  Errors: BR_ERR_IO when the system cannot
 * read it (*why is strerror's text), BR_ERR_UNSUPPORTED
 * when it is not a regular file or is larger than the limit (*why says
 * which: "not a regular file", "larger than the 256 MiB limit").  *why is
 * a constant string. */
br_status br_file_read(const char *path, char **data, size_t *len, br_file_id *id,
                       const char **why) BR_MUST_CHECK;

/* The one way a reader reports a failed br_file_read or br_file_read_fd
 * of its input: "SHOWN: REASON" for a file refused by kind or size,
 * "SHOWN: cannot read WHAT: REASON" otherwise (what: "the file", "the
 * layout", ...), as an error about the file SHOWN.  Returns the status for
 * the reader to return: BR_ERR_NOMEM, else BR_ERR_IO. */
br_status br_file_read_failed(br_status st, const char *why, const char *shown, const char *what, br_diag *diag);

/* The same for an open descriptor (standard input: 0), read to its end or
 * to the limit; a pipe, a terminal or a file. */
br_status br_file_read_fd(int fd, char **data, size_t *len, const char **why) BR_MUST_CHECK;

/* Resolves a file name an input refers to (a set's CSV file, a layout's
 * image) against base, the folder it must stay in: name relative to base,
 * or absolute.  Links are followed (realpath), so neither "..", an
 * absolute path nor a symbolic link can reach a file outside base.  OUT:
 * *real, the resolved path to read (g_free it).  false when the file lies
 * outside base; a file that does not exist is not outside (*real is then
 * the joined name, and reading it says it is missing). */
bool br_file_resolve_inside(const char *base, const char *name, char **real);

/* The file identity of path (following links); false when it does not
 * exist. */
bool br_file_id_of(const char *path, br_file_id *out);

#endif
