#!/usr/bin/env python3
"""batch.py BRIEFING SET.json RUNS WORKDIR JOBS...

The batch (render/batch/): renders every profile of SET.json (`-l profile
--focus all -q`) into a fresh folder, RUNS times for each -j in JOBS, and
prints for each the median wall time of the whole process, jobs per second
(profiles / wall time, set loading included) and the peak RSS of the
process (ru_maxrss from wait4, so the largest of the runs).  Exit 1 when a
run fails.  Peak RSS means nothing under AddressSanitizer; it is printed
as "n/a" there (BR_SANITIZE)."""
import os, shutil, statistics, subprocess, sys, time


def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, t1 - t0, usage.ru_maxrss, err.decode(errors="replace")


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    exe, set_file, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    name = os.path.splitext(os.path.basename(set_file))[0]
    sanitized = os.environ.get("BR_SANITIZE", "none") not in ("", "none")
    for jobs in sys.argv[5:]:
        times, rss, n = [], 0, 0
        for _ in range(runs):
            out = os.path.join(work, f"{name}-j{jobs}")
            shutil.rmtree(out, ignore_errors=True)
            cmd = [exe, "render", set_file, "-l", "profile", "--focus", "all", "-q", "-j", jobs, "-o", out]
            rc, secs, maxrss, err = run(cmd)
            if rc != 0:
                sys.stderr.write(err)
                print(f"bench batch {name} -j {jobs}: FAIL: {' '.join(cmd)} exited {rc}")
                return 1
            n = len(os.listdir(out))
            times.append(secs)
            rss = max(rss, maxrss)
            shutil.rmtree(out, ignore_errors=True)
        med = statistics.median(times)
        print(f"bench batch {name} -j {jobs}: {n} profiles, median {med:.2f} s, {n / med:.1f} jobs/s, "
              f"peak RSS {'n/a' if sanitized else f'{rss / 1024:.0f} MiB'} ({runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
