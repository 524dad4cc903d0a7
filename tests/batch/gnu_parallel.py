#!/usr/bin/env python3
"""batch-gnu-parallel: GNU parallel runs two shards (--shard {}/2) at once,
as a recipe of briefing(1) does, and together they write the unsharded
run's files byte for byte.  Skipped (77) when parallel is not installed
(./setup.sh --test installs it)."""
from batchlib import *

if not shutil.which("parallel"):
    print("parallel (GNU parallel) is not installed")
    sys.exit(77)
w = workdir("gnu-parallel")
rc, err = render([S31, "-l", "profile", "--focus", "all", "-o", f"{w}/all", "-j", "1", "-q"])
check(rc == 0, "unsharded run exits 0")
r = subprocess.run(["parallel", "--will-cite", "-j2", "--halt", "now,fail=1", BRIEFING, "render", S31, "-l", "profile",
                    "--focus", "all", "-o", f"{w}/par", "-j", "1", "-q", "--shard", "{}/2", ":::", "0", "1"],
                   capture_output=True, text=True)
check(r.returncode == 0, f"parallel exits 0 ({r.returncode}: {r.stderr[-200:]})")
check(tree(f"{w}/par") == tree(f"{w}/all") and len(tree(f"{w}/all")) == 31,
      "two shards under GNU parallel write the unsharded files")
finish()
