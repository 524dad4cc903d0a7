/* file: reading input files whole.
 *
 * Sets, CSV observation files and layouts are read into memory with a
 * terminating NUL (so an empty file still gives a non-NULL buffer).
 */
#ifndef BR_FILE_H
#define BR_FILE_H

#include <stddef.h>
#include <stdio.h>

/* The whole of path; NULL with errno set on failure.  g_free it. */
char *br_file_read(const char *path, size_t *len);

/* The whole of an open stream (standard input); NULL with errno set. */
char *br_file_read_stream(FILE *f, size_t *len);

#endif
