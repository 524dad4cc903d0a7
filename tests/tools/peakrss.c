/* peakrss OUT CMD [ARG...]
 *
 * Runs CMD and writes its peak resident set size in KiB (ru_maxrss of
 * wait4) and a newline to the file OUT; exits with CMD's status (128 + the
 * signal when it died of one, 127 when it could not be started).
 *
 * Why not wait4 in the Python test itself: on Linux a child's ru_maxrss is
 * never below its parent's resident size.  fork copies the parent's
 * mappings, and exec records the high-water mark of the memory it replaces
 * in the process's maxrss (exec_mmap), so a 14 MiB Python hides every peak
 * below 14 MiB, and a batch of 31 profiles measured as much as one of 3,000
 * (tests/batch/memory.py, tests/cases).  This program is small, and so is
 * the floor it leaves. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: peakrss OUT CMD [ARG...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "peakrss: fork: %s\n", strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "peakrss: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "peakrss: wait4: %s\n", strerror(errno));
            return 127;
        }
    }
    FILE *out = fopen(argv[1], "w");
    if (!out || fprintf(out, "%ld\n", usage.ru_maxrss) < 0 || fclose(out) != 0) {
        fprintf(stderr, "peakrss: %s: %s\n", argv[1], strerror(errno));
        return 127;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
