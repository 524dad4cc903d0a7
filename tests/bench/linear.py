#!/usr/bin/env python3
"""linear.py BRIEFING PEAKRSS GEN_SYNTHETIC WORKDIR RUNS [SIZES]

Linearity (issue 13): the default layout over synthetic sets of 300, 3,000
and 30,000 regions (SIZES, comma-separated, overrides), made here by
tests/tools/gen_synthetic.py --n N --seed 13 (the 30,000 set is 10 MB, so
it is not kept with the test data).  For each: the median wall and CPU
time of the whole process over RUNS runs after one warm-up, peak RSS,
pages, bytes, and the CPU time per row, in total and at the margin (the
extra time per extra row from the size before).  The issue's target:
time per row within 1.3x across the sizes; the last line prints the
ratio of the largest marginal time per row to the smallest.  Exit 1 when a
run fails."""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

exe, peakrss, gen, work = (os.path.abspath(a) for a in sys.argv[1:5])
runs = int(sys.argv[5])
sizes = [int(n) for n in (sys.argv[6] if len(sys.argv) > 6 else "300,3000,30000").split(",")]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def measure(cmd):
    """One run under peakrss (a Python parent would set a floor to the
    child's peak, see tests/tools/peakrss.c): (wall s, cpu s, peak KiB)."""
    rss_file = os.path.join(work, "rss.txt")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([peakrss, rss_file] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace")[-2000:])
        raise SystemExit(f"linear.py: failed: {' '.join(cmd)}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(rss_file) as f:
        return wall, cpu, int(f.read().strip() or 0)


rows = []
for n in sizes:
    path = os.path.join(work, f"synthetic-{n}.json")
    subprocess.run([sys.executable, gen, "--n", str(n), "--seed", "13", path], check=True)
    pdf = os.path.join(work, f"out-{n}.pdf")
    cmd = [exe, "render", path, "-o", pdf]
    measure(cmd)  # warm-up
    samples = [measure(cmd) for _ in range(runs)]
    pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = next((l.split()[-1] for l in pages.splitlines() if l.startswith("Pages:")), "?")
    rows.append((n, statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
                 max(s[2] for s in samples), pages, os.path.getsize(pdf)))

print(f"{'regions':>8} {'wall ms':>9} {'cpu ms':>9} {'peak MB':>8} {'pages':>6} {'KB':>7} "
      f"{'cpu us/row':>11} {'marginal us/row':>16}")
marginal = []
for i, (n, wall, cpu, rss, pages, size) in enumerate(rows):
    m = ""
    if i > 0:
        dn = n - rows[i - 1][0]
        per = (cpu - rows[i - 1][2]) / dn * 1e6
        marginal.append(per)
        m = f"{per:.1f}"
    print(f"{n:>8} {wall * 1e3:>9.1f} {cpu * 1e3:>9.1f} {rss / 1024:>8.1f} {pages:>6} {size / 1024:>7.0f} "
          f"{cpu / n * 1e6:>11.1f} {m:>16}")
if len(marginal) >= 2:
    print(f"marginal time per row, largest / smallest: {max(marginal) / min(marginal):.2f} (target <= 1.3)")
