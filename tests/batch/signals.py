#!/usr/bin/env python3
"""batch-signals: TERM, INT and KILL sent at many moments into a long batch
(the 3,000 profiles of synthetic-3000, -j 2).  TERM and INT stop it
without leaving a temporary file or a broken output: the process dies of
the signal, and the report of an interrupted run says so and counts the
skipped jobs.  After KILL (which no program can catch) temporary files
may stay behind, but never under a .pdf name.  After every signal each PDF
in the folder passes qpdf --check, and the outputs of an earlier run
(another SOURCE_DATE_EPOCH, so other bytes) are each either the old file
or the new one, never anything else."""
import json
import signal
import time
from batchlib import *

w = workdir("signals")
out = f"{w}/out"
args = [S3000, "-l", "profile", "--focus", "all", "-o", out, "-j", "2", "-q"]
# Old outputs: shard 0/40 (about 75 files) from a different date.
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
rc, err = render(args + ["--shard", "0/40"], env=env)
check(rc == 0, f"the earlier run exits 0 ({rc}: {err[-200:]})")
old = tree(out)
check(len(old) > 20, f"{len(old)} old outputs")
# The same files with the test's date, to know the new bytes.
rc, err = render(args[:-3] + ["-o", f"{w}/new", "-j", "2", "-q", "--shard", "0/40"])
new = tree(f"{w}/new")

checked = {}  # name -> sha256 of the bytes that passed qpdf
for sig, delay in [(signal.SIGTERM, 0.3), (signal.SIGKILL, 0.9), (signal.SIGINT, 1.6), (signal.SIGKILL, 2.4),
                   (signal.SIGTERM, 3.1), (signal.SIGKILL, 3.9), (signal.SIGINT, 4.6), (signal.SIGKILL, 5.5),
                   (signal.SIGTERM, 6.2)]:
    rep = f"{w}/r.json"
    if os.path.exists(rep):
        os.unlink(rep)
    p = subprocess.Popen([BRIEFING, "render"] + args + ["--report", rep], stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    p.send_signal(sig)
    _, err = p.communicate(timeout=120)
    name = signal.Signals(sig).name
    check(p.returncode == -sig or p.returncode == 0,
          f"{name} after {delay} s: dies of the signal ({p.returncode}; {err[-200:]})")
    names = os.listdir(out)
    tmp = [n for n in names if not n.endswith(".pdf")]
    if sig == signal.SIGKILL:
        check(p.returncode == -sig and all(n.startswith(".briefing-") for n in tmp),
              f"KILL after {delay} s: only temporary files besides the PDFs ({len(tmp)} left: {tmp[:3]})")
        for n in tmp:
            os.unlink(os.path.join(out, n))
    else:
        check(not tmp, f"{name} after {delay} s: no temporary file ({tmp[:3]})")
    now = tree(out)
    fresh = [n for n in now if checked.get(n) != now[n]]  # new files, and files rewritten since
    bad = [n for n in fresh if not qpdf_ok(os.path.join(out, n))]
    checked.update({n: now[n] for n in fresh})
    check(not bad, f"{name} after {delay} s: the {len(fresh)} new PDFs pass qpdf --check ({bad[:3]})")
    changed = [n for n in old if now.get(n) not in (old[n], new.get(n))]
    check(not changed, f"{name} after {delay} s: every old output is the old file or the new one ({changed[:3]})")
    if p.returncode == -sig and os.path.exists(rep):
        with open(rep) as f:
            r = json.load(f)
        check(r["interrupted"] is True and r["skipped"] > 0
              and r["ok"] + r["unchanged"] + r["failed"] + r["skipped"] == r["total"],
              f"{name}: the report says interrupted, {r['skipped']} skipped")
finish()
