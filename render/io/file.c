/* file: see file.h. */
#include "io/file.h"

#include <errno.h>
#include <glib.h>

char *br_file_read_stream(FILE *f, size_t *len)
{
    GByteArray *b = g_byte_array_new();
    guint8 chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        g_byte_array_append(b, chunk, (guint)n);
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        g_byte_array_free(b, TRUE);
        errno = e;
        return NULL;
    }
    /* A terminating NUL keeps the data non-NULL even for an empty file. */
    *len = b->len;
    g_byte_array_append(b, (const guint8 *)"", 1);
    return (char *)g_byte_array_free(b, FALSE);
}

char *br_file_read(const char *path, size_t *len)
{
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = br_file_read_stream(f, len);
    int e = errno;
    fclose(f);
    errno = e;
    return data;
}
