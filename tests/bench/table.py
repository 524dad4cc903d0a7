#!/usr/bin/env python3
"""table.py BRIEFING PEAKRSS GENDATA WORKDIR RUNS [PEERS]

The performance table of the project (benchmark `table`, run only by
`meson test --benchmark`): for each workload the median wall time of the
whole process, its median CPU time (user + system), its peak resident set
size (measured by tests/tools/peakrss, since a Python parent would set a
floor) and the bytes it wrote, over RUNS runs after one warm-up:

  one-31         the synthetic 31-region set, default layout
  one-3000       the synthetic 3,000-region set, default layout
  batch-31       31 different sets in one run, -j 2
  profiles-31    the 31 profiles of the 31-region set in one run, -j 1
                 (also per profile)

Optional peer comparison: PEERS is the workload's folder of the shared
reference material (../shared/bench beside the repository, or a copy of
it in which `npm ci` has run in typst/), used only when it exists and its
tools are installed (its run_all.sh installs them; ReportLab is Debian's
python3-reportlab).  Run by hand:
  python3 tests/bench/table.py build/render/briefing build/tests/tools/peakrss \
      build/tests/data /tmp/table 5 PEERS
Its commands (`run_all.sh --list`) run in a copy of it, alternating with
briefing's in the same session, and the ratios briefing / peer are
printed.  The peers' workload is their 3-page briefing, so the ratio is
the one the performance issue asks for, not a like-for-like page count.

Exit 1 when a briefing run fails."""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

exe, peakrss, gendata, work = (os.path.abspath(a) for a in sys.argv[1:5])
runs = int(sys.argv[5])
peers_dir = sys.argv[6] if len(sys.argv) > 6 else ""
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
s31 = os.path.join(gendata, "synthetic-31.json")
s3000 = os.path.join(gendata, "synthetic-3000.json")
batch = [os.path.join(gendata, "batch", f"synthetic-31-b{i:02d}.json") for i in range(1, 32)]


def briefing_cmd(name, out):
    if name == "one-31":
        return [exe, "render", s31, "-o", out + ".pdf"], out + ".pdf"
    if name == "one-3000":
        return [exe, "render", s3000, "-o", out + ".pdf"], out + ".pdf"
    if name == "batch-31":
        return [exe, "render"] + batch + ["-o", out + "/", "-j", "2", "-q"], out
    if name == "profiles-31":
        return [exe, "render", s31, "-l", "profile", "--focus", "all", "-o", out + "/", "-j", "1", "-q"], out
    raise KeyError(name)


def size_of(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    return os.path.getsize(path) if os.path.exists(path) else 0


def measure(cmd, cwd=None, quiet=False):
    """(wall s, cpu s, peak KiB) of one run; None when it fails."""
    rss_file = os.path.join(work, "rss.txt")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([peakrss, rss_file] + cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        if not quiet:
            sys.stderr.write(r.stderr.decode(errors="replace")[-2000:])
        return None
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(rss_file) as f:
        kib = int(f.read().strip() or 0)
    return wall, cpu, kib


# Peers: their commands, in a writable copy of their folder.
peers = {}
if peers_dir and os.path.isdir(peers_dir) and os.path.exists(os.path.join(peers_dir, "run_all.sh")):
    copy = os.path.join(work, "peers")
    shutil.copytree(peers_dir, copy, ignore=shutil.ignore_patterns("out"), symlinks=True)
    listing = subprocess.run(["bash", "run_all.sh", "--list"], cwd=copy, capture_output=True, text=True).stdout
    for line in listing.splitlines():
        parts = line.split("\t", 1)
        if len(parts) == 2 and " " in parts[0]:
            tool, what = parts[0].split(" ", 1)
            if tool in ("typst", "rl") and what in ("one-31", "one-3000", "batch-31"):
                peers[(tool, what)] = parts[1].split()
    for key, cmd in list(peers.items()):
        outs = [a for a in cmd if a.startswith("out/")]
        for o in outs:
            os.makedirs(os.path.join(copy, os.path.dirname(o)), exist_ok=True)
        if measure(cmd, cwd=copy, quiet=True) is None:
            print(f"peer {key[0]} {key[1]}: not available here (run {peers_dir}/run_all.sh to install it)")
            del peers[key]
    print(f"peers from {peers_dir}: {sorted(set(k[0] for k in peers)) or 'none installed'}")
else:
    print("optional peer comparison skipped: no peer folder beside the repository")

names = ["one-31", "one-3000", "batch-31", "profiles-31"]
results = {n: [] for n in names}
peer_results = {k: [] for k in peers}
failed = False
for i in range(runs + 1):  # run 0 warms caches and is not counted
    for n in names:
        out = os.path.join(work, f"{n}-{i}")
        cmd, path = briefing_cmd(n, out)
        m = measure(cmd)
        if m is None:
            print(f"FAIL: {' '.join(cmd)}")
            failed = True
            continue
        if i:
            results[n].append(m + (size_of(path),))
        shutil.rmtree(out, ignore_errors=True) if os.path.isdir(out) else None
        for key, pcmd in peers.items():
            if key[1] == n:
                pm = measure(pcmd, cwd=os.path.join(work, "peers"))
                if pm and i:
                    peer_results[key].append(pm)

print()
tools = sorted(set(t for t, _ in peers))
label = {"rl": "ReportLab (ratio)", "typst": "Typst (ratio)"}
print("| work | wall (median) | CPU | peak RSS | bytes |" + "".join(f" {label.get(t, t)} |" for t in tools))
print("|---|---|---|---|---|" + "---|" * len(tools))
for n in names:
    rs = results[n]
    if not rs:
        continue
    wall = statistics.median(r[0] for r in rs) * 1000
    cpu = statistics.median(r[1] for r in rs) * 1000
    rss = max(r[2] for r in rs) / 1024
    size = rs[-1][3]
    cells = []
    for t in tools:
        key = (t, n)
        pr = peer_results.get(key)
        if pr:
            pw = statistics.median(p[0] for p in pr) * 1000
            cells.append(f"{pw:.0f} ms (ratio {wall / pw:.2f})")
        else:
            cells.append("")
    extra = f" ({wall / 31:.1f} ms per profile)" if n == "profiles-31" else ""
    print(f"| {n} | {wall:.1f} ms{extra} | {cpu:.1f} ms | {rss:.1f} MiB | {size} |" + "".join(f" {c} |" for c in cells))
sys.exit(1 if failed else 0)
