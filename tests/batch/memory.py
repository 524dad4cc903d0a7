#!/usr/bin/env python3
"""memory.py WORKROOT PEAKRSS: a batch's memory does not grow with the size of its set.

The issue: "memory bounded by the jobs in flight, not by the number of
jobs", and the peak for 3,000 profiles within 1.5x of that for 31.  The
number of jobs is the case profiles-memory's (tests/cases); this is the
size of the set: 30 profiles of the 3,000-region set (--shard 0/100, the
whole set read and planned) against the 31 of the 31-region set, at -j 1
and -j 2.  The benchmark batch-3000 measures all 3,000 (tests/bench).
PEAKRSS is tests/tools/peakrss, which measures a command without the floor
that this script's own size would set.  Skipped under sanitizers, whose
allocators keep freed memory on purpose."""
import os
import shutil
import subprocess
import sys

from batchlib import BRIEFING, S31, S3000, check, finish, workdir

LIMIT = 1.5


def peak_rss_kb(args, out):
    shutil.rmtree(out, ignore_errors=True)
    # meson test sets MALLOC_PERTURB_, with which glibc writes every block
    # it hands out or takes back: pages a batch never touches would count.
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}
    kib = out + ".rss"
    r = subprocess.run([sys.argv[2], kib, BRIEFING, "render"] + args +
                       ["-l", "profile", "--focus", "all", "-q", "-o", out + "/"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    made = len(os.listdir(out)) if os.path.isdir(out) else 0
    shutil.rmtree(out, ignore_errors=True)
    with open(kib) as f:
        return r.returncode, int(f.read()), made, r.stderr.decode(errors="replace")


def main():
    if os.environ.get("BR_SANITIZE", "none") not in ("", "none"):
        print(f"SKIP: peak memory is not measurable under -Db_sanitize={os.environ['BR_SANITIZE']}")
        return 77
    d = workdir("memory")
    for jobs in ("1", "2"):
        rc, small, n_small, err = peak_rss_kb([S31, "-j", jobs], os.path.join(d, "s31"))
        check(rc == 0 and n_small == 31, f"-j {jobs}: 31 profiles of synthetic-31 (exit {rc}, {n_small} files) {err[:200]}")
        rc, big, n_big, err = peak_rss_kb([S3000, "-j", jobs, "--shard", "0/100"], os.path.join(d, "s3000"))
        check(rc == 0 and n_big > 0, f"-j {jobs}: shard 0/100 of synthetic-3000 (exit {rc}, {n_big} files) {err[:200]}")
        ratio = big / small
        check(ratio <= LIMIT, f"-j {jobs}: peak RSS {big} KiB for {n_big} profiles of 3,000 regions, {small} KiB for "
              f"31 of 31: {ratio:.2f}x (at most {LIMIT})")
    finish()


if __name__ == "__main__":
    raise SystemExit(main())
