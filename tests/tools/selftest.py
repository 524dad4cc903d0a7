#!/usr/bin/env python3
"""selftest.py WORKDIR: the PDF checkers catch what they are there to catch.

The other tests trust tests/tools/pdfcheck and tests/tools/textcollisions
to fail on a bad PDF; a checker that quietly passes everything would make
them all pass.  So this feeds both known-bad PDFs, written by hand here (raw
PDF objects, base-14 fonts) or made by damaging a briefing, and known-good
ones, and checks exit status and message.  Needs BRIEFING and TOOLS in the
environment (meson test sets them).  WORKDIR is removed when all pass."""
import os
import shutil
import subprocess
import sys
import time

TOOLS = os.environ.get("TOOLS", "")
BRIEFING = os.environ.get("BRIEFING", "")
fails = 0


def check(cond, what, output=""):
    global fails
    print(f"{'ok' if cond else 'FAIL'}: {what}")
    if not cond:
        fails += 1
        for line in output.splitlines()[:15]:
            print(f"  | {line}")


def raw_pdf(path, pages, font="/Type /Font /Subtype /Type1 /BaseFont /Helvetica", extra=(), size=(595, 842)):
    """A PDF with one content stream per page, all pages using font /F1
    (object 3); the EXTRA object bodies are objects 4, 5, ..."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", None, f"<< {font} >>"] + list(extra)
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        objs.append(f"<< /Length {len(data)} >>\nstream\n{content}\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objs)} 0 R >>")
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as f:
        f.write(out)
    return path


def text(*words):
    """Content stream: (x, y, size, string) words in Helvetica."""
    return "\n".join(f"BT /F1 {s} Tf {x} {y} Td ({t}) Tj ET" for x, y, s, t in words)


def run(args, env=None):
    r = subprocess.run(args, capture_output=True, text=True, env=env)
    return r.returncode, r.stdout + r.stderr


def textcollisions(work):
    tc = os.path.join(TOOLS, "textcollisions")
    cases = [
        # name, words, want exit, want in output
        ("apart", [text((100, 700, 12, "Hello"), (300, 700, 12, "World"))], 0, "0 collisions in 2 words"),
        ("overlap", [text((100, 700, 12, "Hello"), (103, 701, 12, "World"))], 1, '"Hello" overlaps "World"'),
        # 40 pt words span several 12 pt strips: still one collision, not one per strip.
        ("tall", [text((100, 500, 40, "Big"), (110, 510, 40, "Bold"))], 1, "1 collisions in 2 words"),
        # A 4 pt full stop is narrower than twice the shrink; it must not vanish.
        ("tiny", [text((100, 700, 12, "Hello"), (112, 702, 4, "."))], 1, "1 collisions in 2 words"),
        # Lines 10.2 pt apart: their 11.1 pt boxes overlap by 0.9 pt, less than
        # the two shrinks (tight leading is fine); 9.5 pt apart, by 1.6 pt.
        ("leading", [text((100, 700, 12, "Hello"), (100, 689.8, 12, "World"))], 0, "0 collisions in 2 words"),
        ("leading-tight", [text((100, 700, 12, "Hello"), (100, 690.5, 12, "World"))], 1, "1 collisions in 2 words"),
        ("outside", [text((570, 400, 12, "Edge"))], 1, '"Edge" outside the page'),
    ]
    for name, pages, want_rc, want in cases:
        pdf = raw_pdf(os.path.join(work, f"tc-{name}.pdf"), pages)
        rc, out = run([sys.executable, tc, pdf])
        check(rc == want_rc and want in out, f"textcollisions {name}: exit {rc} (want {want_rc}), '{want}'", out)

    # 60 pages of a 600-word grid with one collision on the last page: found
    # once, and in about the time pdftotext takes (no quadratic pair loop).
    grid = [(40 + 50 * (i % 10), 40 + 12.5 * (i // 10), 9, f"w{i}") for i in range(600)]
    pages = [text(*grid) for _ in range(59)] + [text(*grid, (42, 40, 9, "clash"))]
    pdf = raw_pdf(os.path.join(work, "tc-many.pdf"), pages)
    t0 = time.monotonic()
    rc, out = run([sys.executable, tc, pdf])
    t = time.monotonic() - t0
    check(rc == 1 and "1 collisions in 36001 words" in out and "p60:" in out,
          f"textcollisions 60 pages x 600 words: one collision on p60 ({t:.1f} s)", out)
    rc, out = run([sys.executable, tc, os.path.join(work, "no-such.pdf")])
    check(rc == 2, f"textcollisions on a missing file: exit {rc} (want 2)", out)


def pdfcheck(work):
    pc = os.path.join(TOOLS, "pdfcheck")
    good = os.path.join(work, "good.pdf")
    src = os.path.join(os.environ.get("SRCDIR", ""), "data", "cn-provinces-2026.json")
    rc, out = run([BRIEFING, "render", src, "-o", good])
    if rc != 0:
        check(False, "briefing renders the sample", out)
        return
    data = open(good, "rb").read()

    def variant(name, blob):
        path = os.path.join(work, name + ".pdf")
        with open(path, "wb") as f:
            f.write(blob)
        return path

    at = data.index(b"stream\n", len(data) // 3) + 100
    glyph = "1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f"    # the Type 3 font's one glyph, a square
    # A ToUnicode CMap with a broken bfchar entry: poppler warns while reading it.
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> "
            "endcodespacerange 1 beginbfchar <48> <0048 endbfchar endcmap")
    bad_cmap = raw_pdf(os.path.join(work, "cmap.pdf"), [text((100, 700, 12, "Hello"))],
                       font="/Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 4 0 R",
                       extra=[f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream"])
    cases = [
        # name, args, want exit, want in output
        ("good", ["--size", "595.28x841.89", good, "Inner Mongolia"], 0, ": ok"),
        ("pages", ["--pages", "99", good], 1, "pages, want 99"),
        ("size", ["--size", "612x792", good], 1, "want 612 x 792"),
        ("text", [good, "No such phrase"], 1, 'text layer lacks "No such phrase"'),
        ("truncated", [variant("truncated", data[: len(data) * 2 // 3])], 1, "qpdf --check exit"),
        ("garbled", [variant("garbled", data[:at] + b"\x00garbage" + data[at + 8:])], 1, "FAIL"),
        ("xref", [variant("xref", data.replace(b"startxref\n", b"startxref\n1"))], 1, "qpdf --check exit"),
        ("empty", [variant("empty", b"")], 1, "missing or empty"),
        ("unembedded", [raw_pdf(os.path.join(work, "helvetica.pdf"), [text((100, 700, 12, "Hello"))])], 1,
         "font not embedded"),
        ("no-tounicode", [os.path.join(work, "helvetica.pdf")], 1, "no ToUnicode map"),
        ("bad-cmap", [bad_cmap], 1, "pdffonts prints: Syntax Warning: Illegal entry in bfchar block"),
        ("type3", [raw_pdf(os.path.join(work, "type3.pdf"), ["BT /F1 12 Tf 100 700 Td (a) Tj ET"],
                           font="/Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] "
                                "/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 4 0 R >> "
                                "/Encoding << /Type /Encoding /Differences [97 /a] >> "
                                "/FirstChar 97 /LastChar 97 /Widths [1000]",
                           extra=[f"<< /Length {len(glyph)} >>\nstream\n{glyph}\nendstream"])],
         1, "Type 3 font"),
        ("usage", ["--pages", "x", good], 2, "usage"),
    ]
    for name, args, want_rc, want in cases:
        rc, out = run(["bash", pc] + args)
        lines_ok = all(line.startswith("pdfcheck: ") or line.startswith("usage: ") for line in out.splitlines())
        check(rc == want_rc and want in out and lines_ok,
              f"pdfcheck {name}: exit {rc} (want {want_rc}), '{want}', one line per message", out)

    # A missing tool is a failure naming its package: a PATH of links to
    # everything pdfcheck runs except mutool.
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir, exist_ok=True)
    for tool in ["bash", "mktemp", "rm", "grep", "sed", "awk", "sort", "head", "tail", "tr", "cat",
                 "qpdf", "pdfinfo", "pdffonts", "pdftotext", "gs"]:
        where = shutil.which(tool)
        if where and not os.path.exists(os.path.join(bindir, tool)):
            os.symlink(where, os.path.join(bindir, tool))
    rc, out = run([os.path.join(bindir, "bash"), pc, good], env=dict(os.environ, PATH=bindir))
    check(rc == 1 and "missing tool mutool (apt-get install mupdf-tools)" in out,
          f"pdfcheck without mutool: exit {rc}, names mupdf-tools", out)


def main(argv):
    if len(argv) != 2 or not TOOLS or not BRIEFING:
        sys.exit(__doc__)
    work = argv[1]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    textcollisions(work)
    pdfcheck(work)
    if fails:
        print(f"{fails} check(s) failed; files kept in {work}")
        return 1
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
