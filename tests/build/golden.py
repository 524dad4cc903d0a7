#!/usr/bin/env python3
"""Build files (briefing-build(5)) against their golden files.

- invalid/NAME.json: `briefing build NAME.json --dry-run`, run inside
  invalid/ (so FILE is the bare name), exits 1, writes nothing on stdout
  and exactly the lines of NAME.expected on stderr.
- valid/NAME.json: the same exits 0, nothing on stderr, and stdout (a
  line per job: KEY, a tab, the file) is NAME.expected.
- data/build.schema.json accepts every valid case and rejects every
  invalid one, except those whose rule only the reader can check (READER_ONLY).

REGEN=1 rewrites the expected files (review the diff)."""
import json
import os
import subprocess
import sys

briefing = os.environ["BRIEFING"]
src = os.environ["SRCDIR"]
here = os.path.join(src, "tests", "build")
regen = os.environ.get("REGEN") == "1"
# Rules beyond JSON Schema: a template's names per file, its braces and
# placeholders, {entity} without a focus, strict JSON.
READER_ONLY = {"output-one-name", "output-entity-no-focus", "output-placeholder", "defaults-bad",
               "trailing-comma", "duplicate-key"}

try:
    import jsonschema
    schema = json.load(open(os.path.join(src, "data", "build.schema.json")))
    validator = jsonschema.Draft202012Validator(schema)
except ImportError:
    validator = None
    print("python3-jsonschema is not installed: the schema is not checked")

failures = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


for kind in ("invalid", "valid"):
    folder = os.path.join(here, kind)
    names = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json"))
    check(len(names) >= (20 if kind == "invalid" else 2), f"{kind}: {len(names)} cases")
    for name in names:
        p = subprocess.run([briefing, "build", name + ".json", "--dry-run"], cwd=folder, capture_output=True,
                           text=True)
        expected_file = os.path.join(folder, name + ".expected")
        got = p.stderr if kind == "invalid" else p.stdout
        if regen:
            open(expected_file, "w").write(got)
        expected = open(expected_file).read()
        if kind == "invalid":
            check(p.returncode == 1 and not p.stdout and got == expected and got,
                  f"invalid/{name}: exit {p.returncode}, the expected errors")
            if got != expected:
                print("  expected:\n" + expected + "  got:\n" + got)
        else:
            check(p.returncode == 0 and not p.stderr and got == expected,
                  f"valid/{name}: exit {p.returncode}, the expected jobs")
            if p.stderr or got != expected:
                print(p.stderr + "  got:\n" + got[:2000])
        if validator is None:
            continue
        try:
            doc = json.load(open(os.path.join(folder, name + ".json")))
        except json.JSONDecodeError:
            doc = None
        schema_ok = doc is not None and not list(validator.iter_errors(doc))
        if kind == "valid":
            check(schema_ok, f"valid/{name}: the schema accepts it")
        elif name not in READER_ONLY:
            check(not schema_ok, f"invalid/{name}: the schema rejects it")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all passed")
