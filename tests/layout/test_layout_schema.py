#!/usr/bin/env python3
"""data/layout.schema.json against the layouts: it accepts every shipped and
test layout, and rejects every invalid layout whose rule a schema can
express (the others need the fonts, the image files or the markup parser,
which only briefing itself can check).  Exit 77 (skip) without
python3-jsonschema."""
import glob, json, os, sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed")
    sys.exit(77)

src = os.environ["SRCDIR"]
schema = json.load(open(os.path.join(src, "data", "layout.schema.json")))
v = jsonschema.Draft202012Validator(schema)
SCHEMA_CANNOT = {"font-not-project", "image-missing", "syntax-trailing-comma", "text-bad-markup"}
fail = 0
valid = sorted(glob.glob(os.path.join(src, "layouts", "*.json"))) + \
    sorted(glob.glob(os.path.join(src, "tests", "layout", "*.json"))) + \
    sorted(glob.glob(os.path.join(src, "tests", "charts", "*", "*.json")))
n = 0
for f in valid:
    d = json.load(open(f))
    if not isinstance(d, dict) or d.get("format") != "briefing-layout/1":
        continue
    n += 1
    errs = list(v.iter_errors(d))
    if errs:
        print(f"FAIL: {f}: the schema rejects a valid layout: {errs[0].message[:200]}")
        fail = 1
m = 0
for f in sorted(glob.glob(os.path.join(src, "tests", "layout", "invalid", "*.json"))):
    name = os.path.basename(f)[:-5]
    if name in SCHEMA_CANNOT:
        continue
    m += 1
    d = json.load(open(f))
    if v.is_valid(d):
        print(f"FAIL: {f}: the schema accepts an invalid layout")
        fail = 1
print(f"{n} valid layouts accepted, {m} invalid layouts rejected" if not fail else "schema test failed")
sys.exit(fail)
