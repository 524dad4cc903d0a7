#!/usr/bin/env python3
"""batch-report: --report FILE.json of a batch with one broken set is
valid against data/batch-report.schema.json and true: one entry per job
in plan order, the written files' sizes and page counts (pdfinfo), keys
SET|LAYOUT|LANG|ENTITY, the broken set failed with its FILE:LINE:COL
error, counts that add up; the report replaces an old one atomically (no
temporary file beside it) and a failing --report path fails the run."""
import json
import re
import jsonschema
from batchlib import *

w = workdir("report")
bad = os.path.join(w, "broken.json")
with open(bad, "w") as f:
    f.write('{\n  "format": "indicator-set/1",\n  "id": 7\n}\n')
rep = os.path.join(w, "report.json")
with open(rep, "w") as f:
    f.write("old")
sets = BATCH[:3] + [bad]
rc, err = render(sets + ["-l", "briefing", "--lang", "en,de", "-o", f"{w}/out", "-j", "2", "--report", rep])
check(rc == 1, f"exit 1 with a broken set ({rc})")
with open(os.path.join(SRCDIR, "data", "batch-report.schema.json")) as f:
    schema = json.load(f)
with open(rep) as f:
    r = json.load(f)
try:
    jsonschema.validate(r, schema, format_checker=jsonschema.FormatChecker())
    check(True, "the report is valid against data/batch-report.schema.json")
except jsonschema.ValidationError as e:
    check(False, f"the report is valid against its schema: {e.message}")
jobs = r["jobs"]
want = [f"synthetic-31-b{i:02d}|briefing|{lang}|" for i in (1, 2, 3) for lang in ("en", "de")] + [bad]
check([j["key"] for j in jobs] == want, f"one job per set and language, in plan order ({[j['key'] for j in jobs]})")
check((r["total"], r["ok"], r["failed"], r["skipped"]) == (7, 6, 1, 0), "counts: 7 jobs, 6 ok, 1 failed")
check(r["shard"] is None and r["threads"] == 2 and r["interrupted"] is False, "shard null, 2 threads, not interrupted")
for j in jobs[:6]:
    path = j["output"]
    size = os.path.getsize(path) if os.path.exists(path) else -1
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    pages = int(m.group(1)) if m else -1
    check(j["status"] == "ok" and j["error"] is None and j["bytes"] == size and j["pages"] == pages
          and j["milliseconds"] > 0, f"{j['key']}: ok, {size} bytes, {pages} pages as written")
    lang = j["key"].split("|")[2]
    check(path == os.path.join(f"{w}/out", j["key"].split("|")[0] + f".{lang}.pdf"), f"{j['key']}: output {path}")
b = jobs[6]
check(b["status"] == "failed" and b["output"] is None and b["pages"] == 0 and b["bytes"] == 0,
      "the broken set: failed, no output")
check(bool(b["error"]) and re.match(re.escape(bad) + r":\d+:\d+: ", b["error"]) is not None,
      f"its error is FILE:LINE:COL: ... ({b['error']})")
check(not [n for n in os.listdir(w) if n.startswith("report.json.")], "no temporary file beside the report")

rc, err = render(BATCH[:1] + ["-o", f"{w}/o2", "--report", f"{w}/no/such/dir/r.json", "-q"])
check(rc == 1 and "--report" in err, f"a report that cannot be written fails the run ({rc}: {err[-200:]})")
finish()
