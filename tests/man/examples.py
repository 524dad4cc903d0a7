#!/usr/bin/env python3
"""The examples of the man pages are valid.

Every block between `.\\" example: NAME [FILE]` and `.\\" end example` is
extracted (roff escapes undone) into WORKDIR:
- briefing-set.5: the sets must pass `briefing check` with no output; the
  CSV file, named as the page names it, must hold exactly the inline
  observations of the indicator the page says it can replace (patents),
  and the set must pass with the CSV in their place;
- briefing-layout.5: the layouts must render the sample set
  (data/cn-provinces-2026.json) and the set example of briefing-set.5,
  with no output on stderr.
With python3-jsonschema, the examples must also pass data/*.schema.json.
    usage: examples.py WORKDIR"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roff  # noqa: E402

src = os.environ["SRCDIR"]
briefing = os.environ["BRIEFING"]
work = sys.argv[1]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
failed = False


def fail(msg):
    global failed
    failed = True
    print("FAIL: " + msg)


def run(args, what):
    """Runs briefing in WORKDIR; fails unless exit 0 and nothing on stderr."""
    p = subprocess.run([briefing] + args, cwd=work, capture_output=True, text=True)
    if p.returncode != 0 or p.stderr:
        fail(f"{what}: briefing {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
        return False
    print(f"ok: {what}: briefing {' '.join(args)}")
    return True


try:
    import jsonschema
except ImportError:
    jsonschema = None
    print("python3-jsonschema is not installed: the examples are not checked against the schemas")


def schema_check(doc, schema_file, what):
    if jsonschema is None:
        return
    schema = json.load(open(os.path.join(src, "data", schema_file)))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    if errors:
        fail(f"{what}: data/{schema_file} rejects it: {errors[0].message[:300]}")


def examples(page):
    path = os.path.join(src, "man", page)
    found = roff.blocks(path, "example")
    if not found:
        fail(f"man/{page} has no marked examples")
    return {name: (file, text) for name, file, text in found}


def write(name, text):
    with open(os.path.join(work, name), "w", encoding="utf-8") as f:
        f.write(text)


def load(text, what):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        fail(f"{what} is not JSON: {e}")
        return None


# ---- briefing-set.5
sets = examples("briefing-set.5")
set_files = []
for name in ("set-minimal", "set"):
    if name not in sets:
        fail(f"man/briefing-set.5 lacks the example {name!r}")
        continue
    text = sets[name][1]
    doc = load(text, f"briefing-set.5 example {name}")
    if doc is None:
        continue
    write(name + ".json", text)
    schema_check(doc, "indicator-set.schema.json", f"briefing-set.5 example {name}")
    if run(["check", "-v", name + ".json"], f"briefing-set.5 example {name}"):
        set_files.append(name + ".json")

csv_examples = [(n, f, t) for n, (f, t) in sets.items() if n == "csv"]
if not csv_examples or not csv_examples[0][1]:
    fail("man/briefing-set.5 lacks the example 'csv FILE'")
elif "set" in sets:
    _, csv_name, csv_text = csv_examples[0]
    write(csv_name, csv_text)
    doc = json.loads(sets["set"][1])
    ind = next((i for i in doc["indicators"] if i["id"] == "patents"), None)
    if ind is None:
        fail("the set example of briefing-set.5 has no indicator 'patents' for the CSV example")
    else:
        rows = list(csv.DictReader(io.StringIO(csv_text)))
        inline = [{k: str(v) for k, v in o.items()} for o in ind["observations"]]
        from_csv = [{k: v for k, v in r.items() if v != ""} for r in rows]
        if inline != from_csv:
            fail(f"{csv_name} does not hold the patents observations of the set example:\n"
                 f"  inline: {inline}\n  CSV:    {from_csv}")
        ind["observations"] = csv_name
        write("set-csv.json", json.dumps(doc, indent=2, ensure_ascii=False))
        run(["check", "-v", "set-csv.json"], f"briefing-set.5 example {csv_name}")

# ---- briefing-layout.5
layouts = examples("briefing-layout.5")
sample = os.path.join(src, "data", "cn-provinces-2026.json")
for name in ("layout-minimal", "layout"):
    if name not in layouts:
        fail(f"man/briefing-layout.5 lacks the example {name!r}")
        continue
    text = layouts[name][1]
    doc = load(text, f"briefing-layout.5 example {name}")
    if doc is None:
        continue
    write(name + ".json", text)
    schema_check(doc, "layout.schema.json", f"briefing-layout.5 example {name}")
    for set_file in [sample] + set_files[-1:]:
        out = f"{name}-{os.path.basename(set_file)[:-5]}.trace"
        if run(["render", set_file, "-l", "./" + name + ".json", "--format", "trace", "-o", out],
               f"briefing-layout.5 example {name}"):
            with open(os.path.join(work, out), encoding="utf-8") as f:
                if not any(line.startswith("page ") for line in f):
                    fail(f"{out}: the render has no page")

# ---- briefing-build.5: the build example plans (--dry-run) over the sample
builds = examples("briefing-build.5")
if "nightly" not in builds:
    fail("man/briefing-build.5 lacks the example 'nightly'")
else:
    text = builds["nightly"][1]
    doc = load(text, "briefing-build.5 example nightly")
    if doc is not None:
        schema_check(doc, "build.schema.json", "briefing-build.5 example nightly")
        os.makedirs(os.path.join(work, "data"), exist_ok=True)
        shutil.copy(sample, os.path.join(work, "data"))
        write("nightly.json", text)
        p = subprocess.run([briefing, "build", "nightly.json", "--dry-run"], cwd=work, capture_output=True,
                           text=True)
        outputs = [line.split("\t")[1] for line in p.stdout.splitlines()]
        if p.returncode != 0 or p.stderr or len(outputs) != 2 + 31 or \
                outputs[:2] != ["out/cn-provinces-2026/en.pdf", "out/cn-provinces-2026/de.pdf"]:
            fail(f"briefing-build.5 example nightly: build --dry-run exited {p.returncode}, "
                 f"{len(outputs)} jobs:\n{p.stdout[:300]}{p.stderr}")
        else:
            print("ok: briefing-build.5 example nightly plans 33 jobs")

sys.exit(1 if failed else 0)
