/* A TAP helper small enough to read at once (Redis testhelp.h shows how
 * little a test needs).  ok(cond, fmt, ...) prints "ok N - ..." or
 * "not ok N - ...", done() prints the plan and returns the exit status. */
#ifndef BR_TAP_H
#define BR_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3))) static int ok(int cond, const char *fmt, ...)
{
    va_list ap;
    tap_n++;
    if (!cond)
        tap_failed++;
    printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    return cond;
}

static int done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
