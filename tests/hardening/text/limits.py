#!/usr/bin/env python3
"""Defect 11.7: length limits of texts (briefing-set(5), briefing-layout(5),
LIMITS), each at the limit (renders) and one past it (exit 1 with the
error line at the string's place):
  set: title and name 1,000 characters, note 100,000, a word 2,000;
  layout: heading 1,000, text block 100,000, a word in it 2,000.
A title at the limit is cut with an ellipsis to its four lines, never
clipped; a huge title (3 MB) fails at once."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textlib as T  # noqa: E402

W = T.workdir("limits")


def words(n, word="Title"):
    """A text of exactly n characters: words, a letter in place of a last space."""
    t = ((word + " ") * (n // (len(word) + 1) + 1))[:n]
    return t[:-1] + "x" if t.endswith(" ") else t


def case(name, set_doc, layout_doc, ok, message=None):
    s = T.write_json(os.path.join(W, name + ".json"), set_doc)
    lay = T.write_json(os.path.join(W, name + ".layout.json"), layout_doc) if layout_doc else None
    pdf = os.path.join(W, name + ".pdf")
    rc, err = T.render(s, pdf, lay)
    if ok and (rc != 0 or "error" in err):
        T.fail(f"{name}: expected a render, exit {rc}: {err[:300]}")
    if not ok:
        lines = [l for l in err.splitlines() if "error" in l or "longer than" in l]
        if rc != 1 or not any(message in l for l in lines):
            T.fail(f"{name}: expected exit 1 and {message!r}, exit {rc}: {err[:300]}")
        else:
            print(f"{name}: {lines[0]}")
    return pdf


text_layout = lambda text: {"format": "briefing-layout/1", "page": {"size": "A4"},
                            "blocks": [{"type": "text", "text": text}]}
head_layout = lambda text: {"format": "briefing-layout/1", "page": {"size": "A4"},
                            "blocks": [{"type": "heading", "text": text}, {"type": "notes"}]}

pdf = case("title-1000", T.small_set(title=words(1000)), None, True)
if os.path.exists(pdf):
    first = T.text_of(pdf, "-f", "1", "-l", "1")
    if "\u2026" not in first:
        T.fail("title-1000: the title is not cut with an ellipsis")
    T.pdfcheck(pdf)
    T.textcollisions(pdf)
case("title-1001", T.small_set(title=words(1001)), None, False,
     ":1:59: title: text longer than 1000 characters (the limit for a title, name or label)")
t0 = time.monotonic()
case("title-3mb", T.small_set(title="T" * 3_000_000), None, False, "title: text longer than 1000 characters")
if time.monotonic() - t0 > 30:  # not a timing assertion: a hang guard far above any machine's cost
    T.fail("title-3mb: took longer than 30 s")

note = lambda n: T.small_set(indicators=[{"id": "a", "name": "Index", "topic": "t", "unit": "count", "source": "s",
                                          "observations": [{"entity": "A", "period": "2024", "value": 1,
                                                            "note": words(n, "note")}]}])
case("note-100000", note(100000), head_layout("Notes"), True)
case("note-100001", note(100001), head_layout("Notes"), False,
     "indicators[0].observations[0].note: text longer than 100000 characters (the limit for a summary, note, "
     "definition or description)")
case("name-1000", T.small_set([("A", words(1000, "Name"))]), head_layout("Names"), True)
case("name-1001", T.small_set([("A", words(1001, "Name"))]), head_layout("Names"), False,
     "entities[1].name: text longer than 1000 characters (the limit for a title, name or label)")
case("note-word-2001", note(10)
     | {"indicators": [{"id": "a", "name": "Index", "topic": "t", "unit": "count", "source": "s",
                        "observations": [{"entity": "A", "period": "2024", "value": 1, "note": "y" * 2001}]}]},
     head_layout("Notes"), False, "note: a word longer than 2000 characters")

case("heading-1000", T.small_set(), head_layout(words(1000, "Heading")), True)
case("heading-1001", T.small_set(), head_layout(words(1001, "Heading")), False,
     "blocks[0].text: text longer than 1000 characters (the limit for a heading, title, header, footer or name)")
pdf = case("text-100000", T.small_set(), text_layout(words(100000, "word")), True)
if os.path.exists(pdf):
    got = T.text_of(pdf).count("word")
    if got != 100000 // 5:
        T.fail(f"text-100000: {got} of {100000 // 5} words in the PDF")
    T.pdfcheck(pdf)
case("text-100001", T.small_set(), text_layout(words(100001, "word")), False,
     "blocks[0].text: text longer than 100000 characters (the limit for a text block)")
pdf = case("word-2000", T.small_set(), text_layout("a " + "x" * 2000 + " b"), True)
if os.path.exists(pdf):
    if T.text_of(pdf).count("x") != 2000:
        T.fail("word-2000: the word broken between characters lost characters")
    T.textcollisions(pdf)
case("word-2001", T.small_set(), text_layout("a " + "x" * 2001 + " b"), False,
     "blocks[0].text: a word longer than 2000 characters (the limit for a text block)")
T.finish("limits")
