#!/usr/bin/env python3
"""startup.py BRIEFING WORKDIR [RUNS] [LIMIT_MS]

Start-up cost of the font set (issue 13): `briefing check` and `briefing
render` of a tiny set (both make an engine, which loads the fonts), RUNS
times each (default 11, after one warm-up), with the faces read from
fontconfig's caches and with the caches turned off (BRIEFING_FONT_CACHE_DIRS
empty: every listed font file scanned, as with an empty or stale cache),
the two interleaved.  SOURCE_DATE_EPOCH is unset for both: fontconfig counts
caches made without it as stale.  Prints the median wall time of the whole
process for each and their difference; exit 1 when a command fails or the
scanning start-up is more than LIMIT_MS (default 30) slower."""
import json, os, statistics, subprocess, sys, time


def tiny_set(path):
    doc = {"format": "indicator-set/1", "id": "startup", "title": "Start-up",
           "date": "2026-03-02",
           "entities": [{"id": "CN", "name": "Country", "kind": "country"},
                        {"id": "R1", "name": "Region one", "kind": "province", "tile": [0, 0]}],
           "indicators": [{"id": "i", "name": "Indicator", "topic": "patents", "unit": "count",
                           "source": "s", "observations": [
                               {"entity": "R1", "period": "2025", "value": 1},
                               {"entity": "CN", "period": "2025", "value": 2}]}],
           "sources": [{"id": "s", "title": "synthetic"}]}
    with open(path, "w") as f:
        json.dump(doc, f)


def run(cmd, env):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    t1 = time.perf_counter()
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace")[:2000])
        raise SystemExit(f"bench startup: FAIL: {' '.join(cmd)} exited {r.returncode}")
    return (t1 - t0) * 1000


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    exe, work = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    limit = float(sys.argv[4]) if len(sys.argv) > 4 else 30.0
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "startup.json")
    tiny_set(path)
    base = dict(os.environ)
    base.pop("SOURCE_DATE_EPOCH", None)
    base.pop("BRIEFING_FONT_CACHE_DIRS", None)
    modes = {"caches": base, "scanned": dict(base, BRIEFING_FONT_CACHE_DIRS="")}
    cmds = {"check": [exe, "check", path],
            "render": [exe, "render", path, "-o", os.path.join(work, "startup.pdf")]}
    status = 0
    for name, cmd in cmds.items():
        times = {m: [] for m in modes}
        for i in range(runs + 1):
            for m, env in modes.items():
                t = run(cmd, env)
                if i > 0:
                    times[m].append(t)
        med = {m: statistics.median(v) for m, v in times.items()}
        diff = med["scanned"] - med["caches"]
        verdict = "ok" if diff <= limit else f"FAIL: more than {limit:.0f} ms"
        print(f"bench startup: briefing {name} of a tiny set: median {med['caches']:.1f} ms with "
              f"fontconfig's caches, {med['scanned']:.1f} ms scanning the font files "
              f"(+{diff:.1f} ms, {verdict}; {runs} runs each, whole process)")
        if diff > limit:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
