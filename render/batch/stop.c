/* stop: see stop.h. */
#include "batch/stop.h"

#include <glib.h>
#include <signal.h>
#include <time.h>

struct br_stop {
    sigset_t set, old;
    GThread *watcher;
    gint signal; /* atomic: the first signal taken */
    gint done;   /* atomic: the watcher ends */
};

static void signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP);
}

/* Looks every 100 ms whether it should end; a signal wakes it at once. */
static gpointer watch(gpointer data)
{
    br_stop *s = data;
    const struct timespec tick = {0, 100 * 1000 * 1000};
    while (!g_atomic_int_get(&s->done)) {
        int sig = sigtimedwait(&s->set, NULL, &tick);
        if (sig > 0)
            g_atomic_int_compare_and_exchange(&s->signal, 0, sig);
    }
    return NULL;
}

br_status br_stop_new(br_stop **out)
{
    br_stop *s = g_new0(br_stop, 1);
    signals(&s->set);
    pthread_sigmask(SIG_BLOCK, &s->set, &s->old);
    s->watcher = g_thread_try_new("br-stop", watch, s, NULL);
    if (!s->watcher) {
        pthread_sigmask(SIG_SETMASK, &s->old, NULL);
        g_free(s);
        return BR_ERR_NOMEM;
    }
    *out = s;
    return BR_OK;
}

int br_stop_signal(const br_stop *stop)
{
    return g_atomic_int_get((gint *)&stop->signal);
}

void br_stop_free(br_stop *stop)
{
    if (!stop)
        return;
    g_atomic_int_set(&stop->done, 1);
    g_thread_join(stop->watcher);
    pthread_sigmask(SIG_SETMASK, &stop->old, NULL);
    g_free(stop);
}

void br_stop_die(int sig)
{
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}
