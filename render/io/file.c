/* file: see file.h. */
#include "io/file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char too_large[] = "larger than the " BR_FILE_MAX_TEXT " limit";
static const char not_regular[] = "not a regular file";

static const char *errno_text(int e)
{
    return g_strerror(e);
}

/* Reads fd to its end, at most BR_FILE_MAX_BYTES; size_hint is the
 * expected size (0: unknown), so a regular file takes one allocation. */
static br_status read_all(int fd, size_t size_hint, char **data, size_t *len, const char **why)
{
    size_t cap = size_hint + 1 > 65536 ? size_hint + 1 : 65536, n = 0;
    char *buf = g_try_malloc(cap + 1);
    if (!buf) {
        *why = g_strerror(ENOMEM);
        return br_error_set(BR_ERR_NOMEM);
    }
    for (;;) {
        if (n == cap) {
            /* One byte past the limit is enough to know it is too long. */
            size_t next = cap > BR_FILE_MAX_BYTES / 2 ? BR_FILE_MAX_BYTES + 1 : cap * 2;
            if (next <= cap) {
                g_free(buf);
                *why = too_large;
                return br_error_set(BR_ERR_UNSUPPORTED);
            }
            char *grown = g_try_realloc(buf, next + 1);
            if (!grown) {
                g_free(buf);
                *why = g_strerror(ENOMEM);
                return br_error_set(BR_ERR_NOMEM);
            }
            buf = grown;
            cap = next;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            g_free(buf);
            *why = errno_text(e);
            return br_error_set(BR_ERR_IO);
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > BR_FILE_MAX_BYTES) {
            g_free(buf);
            *why = too_large;
            return br_error_set(BR_ERR_UNSUPPORTED);
        }
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return BR_OK;
}

br_status br_file_read_fd(int fd, char **data, size_t *len, const char **why)
{
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        *why = not_regular;
        return br_error_set(BR_ERR_UNSUPPORTED);
    }
    return read_all(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, data, len, why);
}

br_status br_file_read(const char *path, char **data, size_t *len, br_file_id *id, const char **why)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
     * says what the file is, before anything is read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        *why = errno_text(errno);
        return br_error_set(BR_ERR_IO);
    }
    struct stat st;
    br_status s;
    if (fstat(fd, &st) != 0) {
        *why = errno_text(errno);
        s = br_error_set(BR_ERR_IO);
    } else if (!S_ISREG(st.st_mode)) {
        *why = not_regular;
        s = br_error_set(BR_ERR_UNSUPPORTED);
    } else if ((uintmax_t)st.st_size > BR_FILE_MAX_BYTES) {
        *why = too_large;
        s = br_error_set(BR_ERR_UNSUPPORTED);
    } else {
        int flags = fcntl(fd, F_GETFL);
        if (flags >= 0)
            (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        s = read_all(fd, (size_t)st.st_size, data, len, why);
        if (s == BR_OK && id) {
            id->dev = st.st_dev;
            id->ino = st.st_ino;
        }
    }
    close(fd);
    return s;
}

bool br_file_id_of(const char *path, br_file_id *out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    out->dev = st.st_dev;
    out->ino = st.st_ino;
    return true;
}

bool br_file_resolve_inside(const char *base, const char *name, char **real)
{
    char *joined = g_path_is_absolute(name) ? g_strdup(name) : g_build_filename(base, name, NULL);
    char *file = realpath(joined, NULL), *dir = realpath(base, NULL);
    bool ok;
    if (!file) {
        /* Missing (the read will say so) or unreadable on the way. */
        *real = joined;
        ok = true;
    } else {
        g_free(joined);
        size_t n = dir ? strlen(dir) : 0;
        ok = dir && strncmp(file, dir, n) == 0 && (file[n] == '/' || (n == 1 && dir[0] == '/'));
        *real = g_strdup(file);
    }
    free(file);
    free(dir);
    return ok;
}

br_status br_file_read_failed(br_status st, const char *why, const char *shown, const char *what, br_diag *diag)
{
    if (st == BR_ERR_UNSUPPORTED)
        br_diag_add(diag, BR_SEV_ERROR, shown, 0, 0, NULL, "%s", why);
    else
        br_diag_add(diag, BR_SEV_ERROR, shown, 0, 0, NULL, "cannot read %s: %s", what, why);
    return st == BR_ERR_NOMEM ? st : br_error_set(BR_ERR_IO);
}
