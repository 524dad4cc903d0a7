#!/usr/bin/env python3
"""Defect 11.15: Arabic, Hebrew, Devanagari (and Bengali, Thai) through the
project's fonts, and characters beyond the BMP.
  - entity names and the title in those scripts render: pdftotext gives
    every string back (logical order), pdffonts lists the Noto faces
    embedded, pdfcheck passes, and no character is replaced;
  - the PDF draws the shaped glyphs: rendered with pdftocairo, the page
    matches the Cairo PNG of it (joined Arabic, Devanagari conjuncts and
    vowel signs; before, the PDF drew each character's own glyph);
  - beyond the BMP: U+1D400.. (Noto Sans Math) and U+1F30D (Noto Sans
    Symbols 2) are embedded and extract as themselves; U+1F600 and U+20000,
    which no project font has, become U+FFFD with one warning that counts
    them (briefing-set(5), SCRIPTS AND FONTS)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textlib as T  # noqa: E402

W = T.workdir("scripts")
names = [("AR", "القاهرة"), ("HE", "ירושלים"), ("HI", "नई दिल्ली"), ("BN", "ঢাকা"), ("TH", "กรุงเทพ")]
title = "مدن العالم — ערים — विश्व के शहर"
s = T.write_json(os.path.join(W, "scripts.json"), T.small_set(names, title=title))
pdf = os.path.join(W, "scripts.pdf")
rc, err = T.render(s, pdf)
if rc != 0 or "warning" in err:
    T.fail(f"scripts: exit {rc}: {err[:400]}")
else:
    text = T.text_of(pdf)
    # poppler marks right-to-left runs with U+202B..U+202C; the words are in logical order
    plain = text.replace("\u202b", "").replace("\u202c", "")
    for _, n in names:
        if n not in plain:
            T.fail(f"scripts: {n!r} not in the text layer")
    for part in ("مدن العالم", "ערים", "विश्व के शहर"):
        if part not in plain:
            T.fail(f"scripts: title part {part!r} not in the text layer")
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    for face in ("NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansBengali", "NotoSansThai"):
        rows = [l for l in fonts.splitlines() if face in l]
        if not rows or not all(" yes yes yes " in l for l in rows):
            T.fail(f"scripts: {face} not embedded as a subset with ToUnicode:\n{fonts}")
    T.pdfcheck(pdf)

    # Shaped glyphs: the PDF's first page against the Cairo PNG, title band only.
    png = os.path.join(W, "cairo.png")
    rc2, err2 = T.render(s, png, fmt="png")
    subprocess.run(["pdftocairo", "-png", "-r", "96", "-f", "1", "-l", "1", "-singlefile", pdf,
                    os.path.join(W, "pdf")], check=True)
    pngdiff = sys.argv[2] if len(sys.argv) > 2 else None
    if rc2 != 0:
        T.fail(f"scripts: PNG render exit {rc2}: {err2[:300]}")
    elif pngdiff:
        r = subprocess.run([pngdiff, os.path.join(W, "cairo-1.png"), os.path.join(W, "pdf.png")],
                           capture_output=True, text=True)
        print("pngdiff:", (r.stdout + r.stderr).strip()[:300])
        if r.returncode != 0:
            T.fail("scripts: the PDF page and the Cairo PNG differ (glyphs not as shaped)")

# Beyond the BMP.
s = T.write_json(os.path.join(W, "nonbmp.json"),
                 T.small_set(title="Math \U0001D400\U0001D401\U0001D402 globe \U0001F30D smile \U0001F600 "
                                   "ext-B \U00020000 end"))
pdf = os.path.join(W, "nonbmp.pdf")
rc, err = T.render(s, pdf)
if rc != 0:
    T.fail(f"non-BMP: exit {rc}: {err[:400]}")
else:
    warnings = [l for l in err.splitlines() if "warning" in l]
    if len(warnings) != 1 or "2 characters have no glyph in the project fonts; they are shown as \ufffd" \
            not in warnings[0]:
        T.fail(f"non-BMP: expected one warning counting 2 characters, got: {err[:400]}")
    text = T.text_of(pdf, "-f", "1", "-l", "1")
    for want in ("\U0001D400\U0001D401\U0001D402", "\U0001F30D", "smile \ufffd", "ext-B \ufffd"):
        if want not in text:
            T.fail(f"non-BMP: {want!r} not in the text layer")
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    for face in ("NotoSansMath", "NotoSansSymbols2"):
        if face not in fonts:
            T.fail(f"non-BMP: {face} not embedded:\n{fonts}")
    T.pdfcheck(pdf)
T.finish("scripts")
