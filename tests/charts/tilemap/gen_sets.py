#!/usr/bin/env python3
"""Writes the edge-case sets of the tile-map golden tests (deterministic):
  edge-tiles.json  40 regions on an 8 x 6 grid: 7 groups and ungrouped ones,
                   long names (60+ characters), long and CJK short labels,
                   negative, huge (1e15), single and sparse values, an empty
                   indicator, focus lists long and short.
  many-tiles.json  420 regions on a 30 x 14 grid, every one with a value and
                   a focus: tiny tiles and a list that must be cut.
Run from this directory: python3 gen_sets.py"""
import json, random

def write(name, d, indent=1):
    with open(name, 'w', encoding='utf-8') as f:
        json.dump(d, f, ensure_ascii=False, indent=indent, separators=None if indent else (',', ':'))
        f.write('\n')

rnd = random.Random(4)
groups = [{"id": f"G{i}", "name": n, "kind": "group"} for i, n in enumerate(
    ["North Cluster", "Coastal Zone", "River Belt", "Highlands", "Delta Corridor", "Western Frontier", "Island Arc"], 1)]
ents = [{"id": "CN", "name": "Country", "kind": "country"}] + groups
cells = [(c, r) for r in range(6) for c in range(8) if (c, r) not in {(0, 0), (7, 0), (0, 5), (7, 5), (3, 2), (4, 3), (1, 1), (6, 4)}]
long_name = "Autonomous Prefecture of the Upper Valley and the Lower Plains Region"
shorts = {0: "Upper V.", 1: "京", 2: "沪", 5: "XJ-UY", 9: "Mt."}
focus_pool = ["quantum computing", "nuclear fusion", "batteries", "solar modules", "embodied AI",
              "deep-sea exploration and very long descriptions of maritime satellite launch infrastructure",
              "6G", "data centres", "green hydrogen", "optoelectronics"]
regs = []
for i, (c, r) in enumerate(cells):
    e = {"id": f"R{i:02d}", "name": long_name if i == 0 else f"Region {i}", "kind": "province", "tile": [c, r]}
    if i % 8 != 7:
        e["groups"] = [f"G{i % 8 + 1}"]
    if i in shorts:
        e["short"] = shorts[i]
    if i % 3 == 0:
        e["focus"] = rnd.sample(focus_pool, 1 + i % 3)
        e["source"] = "s2"
    regs.append(e)
ents += regs
ids = [e["id"] for e in regs]
def obs(vals):
    return [{"entity": k, "period": "2024", "value": v} for k, v in vals]
neg = obs([(k, round(rnd.uniform(-12.5, 30), 1)) for k in ids])
neg[3]["note"] = "Provisional."
neg[4]["qualifier"] = "about"
huge = obs([(k, int(10 ** rnd.uniform(3, 15))) for k in ids[:-3]] + [(ids[-2], 10 ** 15)])
few_missing = obs([(k, rnd.randint(0, 100)) for k in ids if k not in ("R00", "R05", "R17")])
few_missing[7]["qualifier"] = "over"
sparse = obs([(k, rnd.randint(1, 9) * 1000) for k in ids[::8]])
inds = [
    {"id": "change", "name": "Change on the previous year", "topic": "growth", "unit": "pp", "decimals": 1,
     "source": "s1", "observations": neg},
    {"id": "huge", "name": "Operations per year", "topic": "scale", "unit": "count", "source": "s1",
     "observations": huge},
    {"id": "share", "name": "Share of firms with a lab", "topic": "labs", "unit": "percent", "decimals": 0,
     "source": "s1", "observations": few_missing},
    {"id": "sparse", "name": "Large facilities", "topic": "facilities", "unit": "count", "source": "s1",
     "observations": sparse},
    {"id": "one", "name": "A single figure", "topic": "single", "unit": "GW", "source": "s1",
     "observations": obs([("R10", 12.5)])},
    {"id": "empty", "name": "Nothing reported yet", "topic": "empty", "unit": "count", "observations": []},
]
write("edge-tiles.json", {
    "format": "indicator-set/1", "id": "edge-tiles", "title": "Tile map edge cases", "date": "2026-01-01",
    "language": "en", "publisher": "briefing tests",
    "entities": ents, "indicators": inds,
    "sources": [{"id": "s1", "title": "Synthetic statistics", "publisher": "Test Office"},
                {"id": "s2", "title": "Synthetic reports", "publisher": "Test Reports"}]})

ents = [{"id": "CN", "name": "Country", "kind": "country"}] + groups[:3]
vals = []
for r in range(14):
    for c in range(30):
        i = r * 30 + c
        ents.append({"id": f"M{i:03d}", "name": f"Municipality {i}", "kind": "municipality", "tile": [c, r],
                     "groups": [f"G{i % 3 + 1}"], "focus": [focus_pool[i % len(focus_pool)]], "source": "s2"})
        vals.append((f"M{i:03d}", i * 7 % 1000))
write("many-tiles.json", {
    "format": "indicator-set/1", "id": "many-tiles", "title": "Four hundred and twenty tiles", "date": "2026-01-01",
    "entities": ents,
    "indicators": [{"id": "v", "name": "A value", "topic": "t", "unit": "count", "source": "s1",
                    "observations": obs(vals)}],
    "sources": [{"id": "s1", "title": "Synthetic statistics"}, {"id": "s2", "title": "Synthetic reports"}]},
    indent=None)
