#!/usr/bin/env python3
"""load.py BRIEFING WORKDIR [OBSERVATIONS] [RUNS]

Loading benchmark of the indicator-set reader: writes a valid set with
OBSERVATIONS observations (default 200,000: 2,000 regions x 10 indicators x
10 years, deterministic), then times `briefing check` on it RUNS times
(default 5, after one warm-up) and prints the median wall time of the
whole process and the set's size.  Exit 1 when the check fails."""
import json, os, statistics, subprocess, sys, time


def make_set(path, n_obs):
    n_ind, n_years = 10, 10
    n_regions = max(1, n_obs // (n_ind * n_years))
    entities = [{"id": "CN", "name": "Country", "kind": "country"},
                {"id": "G1", "name": "Group one", "kind": "group"}]
    entities += [{"id": f"R{i:05d}", "name": f"Region {i}", "kind": "province", "groups": ["G1"],
                  "tile": [i % 100, i // 100]} for i in range(n_regions)]
    indicators = []
    for k in range(n_ind):
        unit = "percent" if k % 3 == 0 else "count" if k % 3 == 1 else "PFLOPS"
        obs = []
        for i in range(n_regions):
            for y in range(n_years):
                v = (i * 7919 + k * 104729 + y * 31) % 10000
                value = v / 100 if unit == "percent" else v if unit == "count" else v / 10
                obs.append({"entity": f"R{i:05d}", "period": str(2016 + y), "value": value})
        indicators.append({"id": f"ind{k}", "name": f"Indicator {k}", "topic": "patents",
                           "unit": unit, "source": "s", "observations": obs})
    doc = {"format": "indicator-set/1", "id": "load-bench", "title": "Load benchmark",
           "date": "2026-03-02", "entities": entities, "indicators": indicators,
           "sources": [{"id": "s", "title": "synthetic"}]}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    return n_regions * n_ind * n_years


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    exe, work = sys.argv[1], sys.argv[2]
    n_obs = int(sys.argv[3]) if len(sys.argv) > 3 else 200000
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, f"load-{n_obs}.json")
    n = make_set(path, n_obs)
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        r = subprocess.run([exe, "check", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t1 = time.perf_counter()
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode(errors="replace")[:2000])
            print(f"bench load: FAIL: check exited {r.returncode}")
            return 1
        if i > 0:
            times.append((t1 - t0) * 1000)
    print(f"bench load: {n} observations, {os.path.getsize(path) / 1e6:.1f} MB: median "
          f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}, "
          f"{runs} runs of `briefing check`, whole process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
