#!/usr/bin/env python3
"""Defect 11.3: notes are never cut by the page.
  - 2,000 distinct notes on one indicator (each on one region): the briefing
    layout shows all 2,000 in the notes appendix and all 2,000 under the
    table (which lets them flow after it), exit 0, no warning; the PDF passes
    pdfcheck and textcollisions.
  - one note of 100,000 characters (taller than a page): a notes-only layout
    splits it between its lines: every one of its 10,000 words is in the PDF,
    exactly once, with no warning.
  - a block that cannot split and is taller than a page is a warning."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textlib as T  # noqa: E402

W = T.workdir("notes-flow")
n = 2000
ents = [(f"R{i}", f"Region {i}") for i in range(n)]
d = T.small_set(ents, title="Notes")
for i, o in enumerate(d["indicators"][0]["observations"]):
    o["note"] = f"Distinct note number {i:05d} about region {i}."
s = T.write_json(os.path.join(W, "notes.json"), d)
pdf = os.path.join(W, "notes.pdf")
rc, err = T.render(s, pdf)
if rc != 0 or "warning" in err:
    T.fail(f"2,000 notes: exit {rc}, stderr: {err[:500]}")
else:
    found = re.findall(r"Distinct note number (\d{5})", T.text_of(pdf))
    missing = n - len(set(found))
    if missing:
        T.fail(f"2,000 notes: {missing} notes missing from the PDF")
    # appendix and table each list every note once (the bars chart some)
    if len(found) < 2 * n:
        T.fail(f"2,000 notes: {len(found)} note lines, expected at least {2 * n} (appendix and table)")
    T.pdfcheck(pdf)
    T.textcollisions(pdf)

# One note taller than a page.
d = T.small_set()
d["indicators"][0]["observations"][0]["note"] = " ".join(f"w{i:06d}" for i in range(10000)) + "."
s = T.write_json(os.path.join(W, "bignote.json"), d)
lay = T.write_json(os.path.join(W, "notes-only.json"),
                   {"format": "briefing-layout/1", "page": {"size": "A4"}, "blocks": [{"type": "notes"}]})
pdf = os.path.join(W, "bignote.pdf")
rc, err = T.render(s, pdf, lay)
if rc != 0 or "warning" in err:
    T.fail(f"one note of 100,000 characters: exit {rc}, stderr: {err[:500]}")
else:
    words = re.findall(r"w(\d{6})", T.text_of(pdf))
    if sorted(words) != [f"{i:06d}" for i in range(10000)]:
        T.fail(f"one note of 100,000 characters: {len(set(words))} of 10,000 words, {len(words)} in all")
    T.pdfcheck(pdf)
    T.textcollisions(pdf)

# A chart taller than a page (a note of 100,000 characters under it) warns.
lay = T.write_json(os.path.join(W, "bars.json"),
                   {"format": "briefing-layout/1", "page": {"size": "A4"},
                    "blocks": [{"type": "chart", "kind": "bars", "indicator": "a"}]})
rc, err = T.render(s, os.path.join(W, "bars.pdf"), lay)
if rc != 0 or "is taller than a page" not in err or "blocks[0]" not in err:
    T.fail(f"a chart taller than a page: exit {rc}, expected a warning at blocks[0], stderr: {err[:500]}")
T.finish("notes-flow")
