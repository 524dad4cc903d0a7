#!/usr/bin/env python3
"""batch-progress: what a batch prints.  Not on a terminal: one line per
job, "briefing: [i/N] ok KEY -> OUTPUT (P pages, T ms)", i counting to N,
then "N jobs written"; --quiet: nothing at all on success, yet the failure
summary on failure; on a terminal (a pty): one line rewritten in place
("\\r\\033[K", done/total, failed, jobs/s, time left) ending "N/N done"."""
import os
import pty
import re
from batchlib import *

w = workdir("progress")
args = [S31, "-l", "profile", "--focus", "all", "--shard", "0/3", "-j", "2"]
rc, err = render(args + ["-o", f"{w}/lines"])
lines = err.splitlines()
n = len(tree(f"{w}/lines"))
jobs = [l for l in lines if re.fullmatch(r"briefing: \[\d+/\d+\] ok synthetic-31\|profile\|\|R\d+ -> \S+\.pdf "
                                         r"\(\d+ pages, \d+ ms\)", l)]
check(rc == 0 and n > 3 and len(jobs) == n, f"one line per job ({len(jobs)} of {n}): {lines[:2]}")
check([int(re.search(r"\[(\d+)/", l).group(1)) for l in jobs] == list(range(1, n + 1)), "counted 1..N")
check(lines[-1] == f"briefing: {n} jobs written", f"then a total ({lines[-1:]})")

rc, err = render(args + ["-o", f"{w}/quiet", "-q"])
check(rc == 0 and err == "", f"--quiet prints nothing on success ({err[:200]!r})")
rc, err = render(BATCH[:2] + ["-l", "profile", "-o", f"{w}/qf", "-q"])
check(rc == 1 and "2 of 2 jobs failed" in err and "synthetic-31-b01|profile||" in err,
      f"--quiet still prints the failures ({err[-200:]!r})")

pid, fd = pty.fork()
if pid == 0:
    os.execv(BRIEFING, [BRIEFING, "render"] + args + ["-o", f"{w}/tty"])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
text = out.decode(errors="replace")
check(os.waitstatus_to_exitcode(status) == 0, "on a terminal: exit 0")
check("\r\x1b[K" in text and "[1/" not in text, "on a terminal: one line rewritten in place, no per-job lines")
check(re.search(rf"{n}/{n} done, 0 failed, [\d.]+ jobs/s", text) is not None, f"it ends at {n}/{n} done ({text[-120:]!r})")
check(re.search(r"\d+/\d+ done, 0 failed, [\d.]+ jobs/s, \d+:\d\d left", text) is not None or n < 3,
      "it shows the time left while running")
finish()
