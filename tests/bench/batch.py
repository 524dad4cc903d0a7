#!/usr/bin/env python3
"""batch.py BRIEFING PEAKRSS SET.json RUNS WORKDIR JOBS... [--ratio-to REF.json]

The batch (render/batch/): renders every profile of SET.json (`-l profile
--focus all -q`) into a fresh folder, RUNS times for each -j in JOBS, and
prints for each the median wall time of the whole process, jobs per second
(profiles / wall time, set loading included) and the peak RSS of the
process, the largest of the runs.  PEAKRSS (tests/tools/peakrss) measures
it: wait4 here would never report less than this script's own 14 MiB
(peakrss.c says why).  With
--ratio-to, every profile of REF.json is rendered as well (3 runs for each
-j, right after SET's) and a line gives the ratio of the two peaks, such as
"peak RSS 3000/31 1.21x" (profiles of SET / profiles of REF): the issue's
requirement that a batch's memory is bounded by the jobs in flight, not by
the number of jobs or the size of the set, is that this stays within 1.5.
Exit 1 when a run fails.  Peak RSS means nothing under AddressSanitizer;
it is printed as "n/a" there (BR_SANITIZE), and so is the ratio."""
import os, shutil, statistics, subprocess, sys, time


def run(peakrss, cmd, work):
    kib = os.path.join(work, "peak-rss.txt")
    t0 = time.perf_counter()
    p = subprocess.run([peakrss, kib] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1 = time.perf_counter()
    maxrss = 0
    if p.returncode == 0:
        with open(kib) as f:
            maxrss = int(f.read())
    return p.returncode, t1 - t0, maxrss, p.stderr.decode(errors="replace")


def measure(exe, peakrss, set_file, runs, work, jobs):
    """(profiles, median seconds, peak RSS in KiB) of RUNS batches, or None
    when one fails (its error printed)."""
    name = os.path.splitext(os.path.basename(set_file))[0]
    times, rss, n = [], 0, 0
    for _ in range(runs):
        out = os.path.join(work, f"{name}-j{jobs}")
        shutil.rmtree(out, ignore_errors=True)
        cmd = [exe, "render", set_file, "-l", "profile", "--focus", "all", "-q", "-j", jobs, "-o", out]
        rc, secs, maxrss, err = run(peakrss, cmd, work)
        if rc != 0:
            sys.stderr.write(err)
            print(f"bench batch {name} -j {jobs}: FAIL: {' '.join(cmd)} exited {rc}")
            return None
        n = len(os.listdir(out))
        times.append(secs)
        rss = max(rss, maxrss)
        shutil.rmtree(out, ignore_errors=True)
    return n, statistics.median(times), rss


def main():
    args = sys.argv[1:]
    ref = None
    if "--ratio-to" in args:
        i = args.index("--ratio-to")
        if i + 1 == len(args):
            sys.exit(__doc__)
        ref = args[i + 1]
        del args[i:i + 2]
    if len(args) < 6:
        sys.exit(__doc__)
    exe, peakrss, set_file, runs, work = args[0], args[1], args[2], int(args[3]), args[4]
    os.makedirs(work, exist_ok=True)
    name = os.path.splitext(os.path.basename(set_file))[0]
    sanitized = os.environ.get("BR_SANITIZE", "none") not in ("", "none")
    for jobs in args[5:]:
        got = measure(exe, peakrss, set_file, runs, work, jobs)
        if not got:
            return 1
        n, med, rss = got
        print(f"bench batch {name} -j {jobs}: {n} profiles, median {med:.2f} s, {n / med:.1f} jobs/s, "
              f"peak RSS {'n/a' if sanitized else f'{rss / 1024:.1f} MiB'} ({runs} runs)")
        if ref:
            got = measure(exe, peakrss, ref, 3, work, jobs)
            if not got:
                return 1
            ref_n, _, ref_rss = got
            ref_name = os.path.splitext(os.path.basename(ref))[0]
            ratio = "n/a" if sanitized else f"{rss / ref_rss:.2f}x ({rss / 1024:.1f} / {ref_rss / 1024:.1f} MiB)"
            print(f"bench batch {name} -j {jobs}: peak RSS {n}/{ref_n} {ratio}, {ref_name} the reference (3 runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
