#!/usr/bin/env python3
"""bench.py BRIEFING SET.json RUNS WORKDIR [RENDER-ARGS...]

Renders SET.json RUNS times (after one warm-up run that is not counted),
timing the whole `briefing render` process, and prints the median, min and
max wall time and the output size.  Exit 1 when a render fails."""
import os, statistics, subprocess, sys, time


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    exe, set_file, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    extra = sys.argv[5:]
    name = os.path.splitext(os.path.basename(set_file))[0]
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, name + ".pdf")
    cmd = [exe, "render", set_file, "-o", out] + extra
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t1 = time.perf_counter()
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode(errors="replace"))
            print(f"bench {name}: FAIL: {' '.join(cmd)} exited {r.returncode}")
            return 1
        if i > 0:  # run 0 warms the page cache
            times.append(t1 - t0)
    size = os.path.getsize(out)
    ms = [t * 1000 for t in times]
    print(f"bench {name}: median {statistics.median(ms):.1f} ms "
          f"(min {min(ms):.1f}, max {max(ms):.1f}, {runs} runs, whole process); "
          f"PDF {size} bytes ({size / 1024:.1f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
