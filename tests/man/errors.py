#!/usr/bin/env python3
"""The error lines the man pages show are real: every line between
`.\\" errors` and `.\\" end errors` (a line continued on lines indented by
four spaces is joined with one space) must be a line of the golden file of
the case it names: FILE.json:... or FILE.csv:... in the
tests/spec/invalid/FILE.expected of briefing-set.5, in the
tests/layout/invalid/FILE.expected of briefing-layout.5, in the
tests/build/invalid/FILE.expected of briefing-build.5."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roff  # noqa: E402

src = os.environ["SRCDIR"]
failed = False
for page, golden_dir in (("briefing-set.5", "tests/spec/invalid"),
                         ("briefing-layout.5", "tests/layout/invalid"),
                         ("briefing-build.5", "tests/build/invalid")):
    lines = []
    for _, _, text in roff.blocks(os.path.join(src, "man", page), "errors"):
        for line in text.splitlines():
            if line.startswith("    ") and lines:
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
    if not lines:
        print(f"FAIL: man/{page} shows no error lines")
        failed = True
    for line in lines:
        case = line.split(":", 1)[0].rsplit(".", 1)[0]
        golden = os.path.join(src, golden_dir, case + ".expected")
        try:
            expected = open(golden, encoding="utf-8").read().splitlines()
        except OSError as e:
            print(f"FAIL: man/{page}: {line}\n  no golden file for it: {e}")
            failed = True
            continue
        if line not in expected:
            print(f"FAIL: man/{page}: {line}\n  is not a line of {golden_dir}/{case}.expected")
            failed = True
    print(f"man/{page}: {len(lines)} error lines")
sys.exit(1 if failed else 0)
