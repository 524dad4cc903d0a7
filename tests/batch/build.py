#!/usr/bin/env python3
"""batch-build: `briefing build FILE.json` renders every job of a build
file as one batch: from any working directory (paths are the build
file's), each file exactly as `briefing render` of the same set, layout,
language and focus writes it; -j 1 equals -j 2; a missing set, a broken
set and an unknown layout fail alone (exit 1, each named) while the other
jobs are written; two jobs that would write one file stop the build before
anything is written, named at the job's FILE:LINE:COL; shards of a build
cover it; the report is valid against its schema."""
import json
import re
import jsonschema
from batchlib import *

w = workdir("build")
os.makedirs(f"{w}/sets")
for i in range(3):
    shutil.copy(BATCH[i], f"{w}/sets/")
shutil.copy(S31, f"{w}/sets/")
names = [os.path.basename(p) for p in BATCH[:3]]


def write_build(path, jobs, defaults=None):
    doc = {"format": "briefing-build/1", "jobs": jobs}
    if defaults:
        doc["defaults"] = defaults
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)


good = [
    {"set": "sets/synthetic-31.json", "layout": "profile", "focus": "all", "output": "out/p/{set}/{entity}.pdf"},
    {"sets": [f"sets/{n}" for n in names], "lang": ["en", "de"], "output": "out/b/{set}.{lang}.pdf"},
]
write_build(f"{w}/build.json", good)


def build(args, cwd="/"):
    r = subprocess.run([BRIEFING, "build"] + args, capture_output=True, text=True, cwd=cwd)
    return r.returncode, r.stderr, r.stdout


rc, err, _ = build([f"{w}/build.json", "-j", "2", "-q"])
check(rc == 0, f"build exits 0 from another folder ({rc}: {err[-300:]})")
profiles = tree(f"{w}/out/p/synthetic-31")
check(len(profiles) == 31, f"31 profiles under out/p/synthetic-31 ({len(profiles)})")
check(len(tree(f"{w}/out/b")) == 6, "3 sets x 2 languages under out/b")

# The same documents as briefing render.
rc, _ = render([S31, "-l", "profile", "--focus", "all", "-o", f"{w}/ref-p", "-j", "2", "-q"])
ref = {name.split(".", 1)[1]: h for name, h in tree(f"{w}/ref-p").items()}
check(rc == 0 and ref == profiles, "every profile equals briefing render --focus all's byte for byte")
rc, _ = render(BATCH[:3] + ["--lang", "en,de", "-o", f"{w}/ref-b", "-j", "2", "-q"])
check(rc == 0 and tree(f"{w}/ref-b") == tree(f"{w}/out/b"),
      "the sets x languages equal briefing render --lang en,de's byte for byte")

# -j 1 writes the same bytes.
shutil.copy(f"{w}/build.json", f"{w}/build-j1.json")
before = {**tree(f"{w}/out/p/synthetic-31"), **tree(f"{w}/out/b")}
shutil.rmtree(f"{w}/out")
rc, err, _ = build(["build-j1.json", "-j", "1", "-q"], cwd=w)
check(rc == 0 and {**tree(f"{w}/out/p/synthetic-31"), **tree(f"{w}/out/b")} == before,
      "-j 1 (run from the build file's folder) writes the same bytes as -j 2")

# Failures stay with their job.
with open(f"{w}/sets/broken.json", "w") as f:
    f.write('{\n  "format": "indicator-set/1",\n  "id": "broken",\n  "title": 7\n}\n')
mixed = [
    {"set": f"sets/{names[0]}", "output": "mixed/{set}.pdf"},
    {"set": "sets/missing.json", "output": "mixed/{set}.pdf"},
    {"set": "sets/broken.json", "output": "mixed/{set}.pdf"},
    {"set": f"sets/{names[1]}", "layout": "no-such-layout", "output": "mixed/{set}.{layout}.pdf"},
    {"set": f"sets/{names[2]}", "output": "mixed/{set}.pdf"},
]
write_build(f"{w}/mixed.json", mixed)
rc, err, _ = build([f"{w}/mixed.json", "-j", "2", "--report", f"{w}/mixed-report.json"])
written = sorted(tree(f"{w}/mixed"))
check(rc == 1, f"a build with failing jobs exits 1 ({rc})")
check(written == sorted([names[0][:-5] + ".pdf", names[2][:-5] + ".pdf"]), f"the good jobs are written ({written})")
summary = err[err.find("jobs failed"):]
check("3 of 5 jobs failed" in err, "the summary counts 3 failed jobs of 5")
check(f"{w}/sets/missing.json: cannot read the file" in summary, "the missing set is named with its error")
check(re.search(re.escape(f"{w}/sets/broken.json") + r":\d+:\d+: ", summary) is not None,
      f"the broken set is named at FILE:LINE:COL: {summary[:600]}")
check("no-such-layout" in summary, "the unknown layout is named")
with open(os.path.join(SRCDIR, "data", "batch-report.schema.json")) as f:
    schema = json.load(f)
with open(f"{w}/mixed-report.json") as f:
    rep = json.load(f)
try:
    jsonschema.validate(rep, schema)
    check((rep["ok"], rep["failed"]) == (2, 3), f"the report is valid and counts 2 ok, 3 failed")
except jsonschema.ValidationError as e:
    check(False, f"the report is valid against its schema: {e.message}")

# Two jobs writing one file: nothing is written, the job is named at its place.
clash = [{"set": f"sets/{names[0]}", "output": "clash/x.pdf"}, {"set": f"sets/{names[1]}", "output": "clash/x.pdf"}]
write_build(f"{w}/clash.json", clash)
rc, err, _ = build([f"{w}/clash.json"])
check(rc == 1 and not os.path.exists(f"{w}/clash"), f"a collision stops the build before any file ({rc})")
check(re.search(re.escape(f"{w}/clash.json") + r":\d+:\d+: jobs\[1\]: .* would both write " +
                re.escape(f"{w}/clash/x.pdf"), err) is not None, f"the collision names jobs[1] at its place: {err[:300]}")

# Shards of a build cover it exactly once.
shard_files = {}
for k in range(3):
    rc, err, out = build([f"{w}/build.json", "--dry-run", "--shard", f"{k}/3"])
    for line in out.splitlines():
        shard_files.setdefault(line.split("\t")[1], []).append(k)
rc, err, out = build([f"{w}/build.json", "--dry-run"])
every = [line.split("\t")[1] for line in out.splitlines()]
check(len(every) == 37 and sorted(shard_files) == sorted(every) and all(len(v) == 1 for v in shard_files.values()),
      f"shards 0/3..2/3 of the build list each of its {len(every)} files once")
finish()
