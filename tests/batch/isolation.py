#!/usr/bin/env python3
"""batch-isolation: a batch of 31 sets, one of them broken, writes the 30
others, exits 1 and names the broken one (with its FILE:LINE:COL error)
in the summary; a job that fails at render time (a profile without a
focus) fails alone too; --fail-fast with -j 1 runs one job of a batch
whose jobs all fail, skips the rest and says how many."""
from batchlib import *

w = workdir("isolation")
bad = os.path.join(w, "broken.json")
with open(BATCH[4]) as f:
    text = f.read()
with open(bad, "w") as f:
    f.write(text.replace('"format"', '"format" "x"', 1))
sets = BATCH[:4] + [bad] + BATCH[5:]
rc, err = render(sets + ["-o", f"{w}/out", "-j", "2"])
check(rc == 1, f"a batch with one broken set exits 1 ({rc})")
out = tree(f"{w}/out")
check(len(out) == 30 and "synthetic-31-b05.pdf" not in out, f"the 30 other sets are written ({len(out)})")
check("1 of 31 jobs failed" in err, "the summary counts one failure of 31")
summary = err[err.find("jobs failed:"):]
check(bad in summary and f"{bad}:2:" in summary, f"the summary names the broken set with FILE:LINE ({summary[:300]})")

# Render-time failures: the profile layout needs a focus.
rc, err = render(BATCH[:6] + ["-l", "profile", "-o", f"{w}/ff", "-j", "1", "--fail-fast"])
check(rc == 1, f"--fail-fast exits 1 ({rc})")
check(tree(f"{w}/ff") == {}, "no file from failed jobs")
check("1 of 6 jobs failed" in err, "--fail-fast: one job ran and failed")
check("--fail-fast: 5 jobs not started" in err, f"--fail-fast says 5 jobs were skipped ({err[-300:]})")
rc, err = render(BATCH[:6] + ["-l", "profile", "-o", f"{w}/all", "-j", "2"])
check(rc == 1 and "6 of 6 jobs failed" in err, "without --fail-fast every job runs (and fails)")
rc, err = render([bad] + BATCH[:3] + ["-o", f"{w}/ff2", "-j", "1", "--fail-fast"])
check(rc == 1 and "--fail-fast: 3 jobs not started" in err and tree(f"{w}/ff2") == {},
      "--fail-fast after a set that cannot be read starts no job")
finish()
