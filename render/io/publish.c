/* publish: see publish.h.
 *
 * The one piece of process-wide mutable state in the library is the table
 * of temporary files in flight, because a signal handler must be able to
 * find them (see temp_node below); the handler only calls unlink().
 */
#include "io/publish.h"

#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files in flight: a list that only grows (a render of many
 * pages has as many files at once), of nodes that are reused once free.
 * A node is pushed with a compare-and-swap and never unlinked or freed,
 * so a handler can walk the list at any moment; `used` is set only once
 * the node's path is complete. */
typedef struct temp_node {
    struct temp_node *next;
    atomic_int used;
    size_t size;
    char path[]; /* size bytes */
} temp_node;

static _Atomic(temp_node *) temps;
static pthread_mutex_t temps_lock = PTHREAD_MUTEX_INITIALIZER; /* claiming a free node (pthread: visible to TSan) */

static temp_node *temp_register(const char *path)
{
    size_t len = strlen(path) + 1;
    temp_node *t = NULL;
    pthread_mutex_lock(&temps_lock);
    for (temp_node *n = atomic_load(&temps); n && !t; n = n->next)
        if (!atomic_load(&n->used) && n->size >= len)
            t = n;
    if (t) {
        memcpy(t->path, path, len);
        atomic_store(&t->used, 1);
    }
    pthread_mutex_unlock(&temps_lock);
    if (t)
        return t;
    t = g_malloc(sizeof *t + len);
    t->size = len;
    memcpy(t->path, path, len);
    atomic_init(&t->used, 1);
    t->next = atomic_load(&temps);
    while (!atomic_compare_exchange_weak(&temps, &t->next, t))
        ;
    return t;
}

static void temp_forget(temp_node *t)
{
    if (t)
        atomic_store(&t->used, 0);
}

void br_publish_cleanup(void)
{
    for (temp_node *n = atomic_load(&temps); n; n = n->next)
        if (atomic_load(&n->used))
            unlink(n->path);
}

/* Blocks every signal a program can catch in this thread, for one of the
 * two steps publish.h names; OUT: *saved, for unblock_signals. */
static void block_signals(sigset_t *saved)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, saved);
}

static void unblock_signals(const sigset_t *saved)
{
    pthread_sigmask(SIG_SETMASK, saved, NULL);
}

/* The file a target path names: links followed to their final target (a
 * dangling link names where its target would be).  g_free it. */
static char *resolve_target(const char *path)
{
    char *p = g_strdup(path);
    for (int depth = 0; depth < 40; depth++) {
        char *link = g_file_read_link(p, NULL);
        if (!link)
            return p;
        char *next;
        if (g_path_is_absolute(link)) {
            next = link;
        } else {
            char *dir = g_path_get_dirname(p);
            next = g_build_filename(dir, link, NULL);
            g_free(dir);
            g_free(link);
        }
        g_free(p);
        p = next;
    }
    return p; /* a loop: open() will say so */
}

typedef struct {
    char *target;
    char *temp;
    temp_node *slot;
    mode_t mode;
} staged;

static void unstage(staged *s)
{
    if (s->temp) {
        g_unlink(s->temp);
        temp_forget(s->slot);
    }
    g_free(s->temp);
    g_free(s->target);
}

static mode_t default_mode(void)
{
    /* umask can only be read by setting it; no thread of ours creates
     * files without going through here and open()'s own mask handling,
     * and the value is restored at once. */
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    mode_t m = umask(022);
    umask(m);
    pthread_mutex_unlock(&lock);
    return 0666 & ~m;
}

static br_status fail_io(br_diag *diag, const char *what, const char *path, int err)
{
    if (err == EFBIG)
        br_diag_error(diag, "cannot %s %s: %s (the file size limit of this process, ulimit -f)", what, path,
                      g_strerror(err));
    else
        br_diag_error(diag, "cannot %s %s: %s", what, path, g_strerror(err));
    return br_error_set(BR_ERR_IO);
}

/* Writes one file's temporary twin and syncs it. */
static br_status stage(const br_publish_file *f, const br_file_id *avoid, size_t n_avoid, staged *s, br_diag *diag)
{
    memset(s, 0, sizeof *s);
    s->target = resolve_target(f->path);
    struct stat st;
    if (stat(s->target, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            br_diag_error(diag, "%s exists and is not a regular file; not replacing it", f->path);
            return br_error_set(BR_ERR_USAGE);
        }
        for (size_t i = 0; i < n_avoid; i++) {
            if (avoid[i].dev == st.st_dev && avoid[i].ino == st.st_ino) {
                br_diag_error(diag, "%s is an input of this render; not replacing it", f->path);
                return br_error_set(BR_ERR_USAGE);
            }
        }
        s->mode = st.st_mode & 07777;
    } else if (errno == ENOENT) {
        s->mode = default_mode();
    } else {
        return fail_io(diag, "write", f->path, errno);
    }
    char *dir = g_path_get_dirname(s->target);
    s->temp = g_build_filename(dir, ".briefing-XXXXXX", NULL);
    g_free(dir);
    sigset_t saved;
    block_signals(&saved);
    int fd = g_mkstemp_full(s->temp, O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0)
        s->slot = temp_register(s->temp);
    unblock_signals(&saved);
    if (fd < 0) {
        int e = errno;
        g_free(s->temp);
        s->temp = NULL;
        return fail_io(diag, "create a file beside", f->path, e);
    }
    size_t off = 0;
    while (off < f->len) {
        ssize_t n = write(fd, f->data + off, f->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : ENOSPC;
            close(fd);
            return fail_io(diag, "write", f->path, e);
        }
        off += (size_t)n;
    }
    if (fchmod(fd, s->mode) != 0 || fsync(fd) != 0) {
        int e = errno;
        close(fd);
        return fail_io(diag, "write", f->path, e);
    }
    if (close(fd) != 0)
        return fail_io(diag, "write", f->path, errno);
    return BR_OK;
}

static void sync_dir_of(const char *path)
{
    char *dir = g_path_get_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    g_free(dir);
}

br_status br_publish(const br_publish_file *files, size_t n, const br_file_id *avoid, size_t n_avoid,
                     const char *const *stale, size_t n_stale, br_diag *diag)
{
    staged *s = g_new0(staged, n ? n : 1);
    br_status st = BR_OK;
    size_t made = 0;
    for (; made < n && st == BR_OK; made++)
        st = stage(&files[made], avoid, n_avoid, &s[made], diag);
    /* All complete: rename them into place.  A rename within one folder
     * either happens or not; if one fails, those before it are already
     * new, which only an error in the folder itself can cause.  No signal
     * cuts this step in half (publish.h). */
    sigset_t saved;
    block_signals(&saved);
    for (size_t i = 0; i < n && st == BR_OK; i++) {
        if (g_rename(s[i].temp, s[i].target) != 0) {
            st = fail_io(diag, "rename into", files[i].path, errno);
            break;
        }
        temp_forget(s[i].slot);
        g_free(s[i].temp);
        s[i].temp = NULL;
    }
    if (st == BR_OK) {
        for (size_t i = 0; i < n_stale; i++) {
            struct stat sb;
            if (lstat(stale[i], &sb) == 0 && S_ISREG(sb.st_mode))
                g_unlink(stale[i]);
        }
    }
    unblock_signals(&saved);
    if (st == BR_OK) {
        for (size_t i = 0; i < n; i++)
            if (i == 0 || strcmp(s[i].target, s[i - 1].target) != 0)
                sync_dir_of(s[i].target);
    }
    for (size_t i = 0; i < made; i++)
        unstage(&s[i]);
    g_free(s);
    return st;
}
