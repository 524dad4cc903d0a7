#!/usr/bin/env bash
# png-pages: --format png -o DIR/brief.png writes brief-1.png ... brief-N.png
# and --format svg writes brief-1.svg ... brief-N.svg, N = the PDF's page
# count; at --dpi 72 each PNG is the page size in points, rounded up; each
# SVG is well-formed XML with an <svg> root.
#   png-pages.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init png-pages "$@"
need pdfinfo poppler-utils

render pdf "$EN" -o "$W/brief.pdf"
pages=$(pdf_pages "$W/brief.pdf")
[ -n "$pages" ] && [ "$pages" -ge 1 ] || die "pdfinfo shows no pages in $W/brief.pdf"
# Page sizes in points, "W H" per line.
mapfile -t sizes < <(pdfinfo -f 1 -l "$pages" "$W/brief.pdf" 2>/dev/null | awk '/^Page +[0-9]+ size:/ { print $4, $6 }')
[ "${#sizes[@]}" -eq "$pages" ] || die "pdfinfo printed ${#sizes[@]} page sizes for $pages pages"

mkdir -p "$W/png" "$W/svg"
render png "$EN" --format png --dpi 72 -o "$W/png/brief.png"
render svg "$EN" --format svg -o "$W/svg/brief.svg"

for ext in png svg; do
  for ((p = 1; p <= pages; p++)); do
    [ -s "$W/$ext/brief-$p.$ext" ] || fail "--format $ext did not write brief-$p.$ext"
  done
  [ ! -e "$W/$ext/brief-$((pages + 1)).$ext" ] || fail "--format $ext wrote brief-$((pages + 1)).$ext, but the PDF has $pages pages"
  [ ! -e "$W/$ext/brief.$ext" ] || fail "--format $ext wrote brief.$ext itself (want brief-N.$ext only)"
  others=$(find "$W/$ext" -mindepth 1 -maxdepth 1 -regextype posix-extended ! -regex ".*/brief-[0-9]+\.$ext" -printf '%f ')
  [ -z "$others" ] || fail "--format $ext left other files: $others"
done

# PNG pixel sizes at 72 dpi = page size in points, rounded up; SVGs parse.
python3 - "$W" "$pages" "${sizes[@]}" <<'EOF' || E2E_FAILS=$((E2E_FAILS + 1))
import math, struct, sys, xml.etree.ElementTree as ET
w, pages, sizes = sys.argv[1], int(sys.argv[2]), " ".join(sys.argv[3:]).split()
bad = 0
for p in range(1, pages + 1):
    pw, ph = (float(x) for x in sizes[2 * (p - 1): 2 * p])
    want = (math.ceil(pw - 1e-6), math.ceil(ph - 1e-6))
    path = f"{w}/png/brief-{p}.png"
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError as e:
        print(f"png-pages: FAIL: {e}"); bad = 1; continue
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        print(f"png-pages: FAIL: {path} is not a PNG"); bad = 1; continue
    got = struct.unpack(">II", head[16:24])
    # pdfinfo prints at most 2-3 decimals: allow 1 px for its rounding.
    ok = all(g == x or (g == x + 1 and abs(s - round(s)) < 0.01) or (g == x - 1 and abs(s - round(s)) < 0.01)
             for g, x, s in zip(got, want, (pw, ph)))
    if ok:
        print(f"png-pages: page {p}: {pw} x {ph} pt -> {got[0]} x {got[1]} px")
    else:
        print(f"png-pages: FAIL: page {p} is {pw} x {ph} pt, so {want[0]} x {want[1]} px at 72 dpi; {path} is {got[0]} x {got[1]}")
        bad = 1
    svg = f"{w}/svg/brief-{p}.svg"
    try:
        root = ET.parse(svg).getroot()
        if not root.tag.endswith("svg"):
            print(f"png-pages: FAIL: {svg} root element is {root.tag}"); bad = 1
    except (OSError, ET.ParseError) as e:
        print(f"png-pages: FAIL: {svg} does not parse: {e}"); bad = 1
sys.exit(bad)
EOF
say "$pages pages as PDF, PNG and SVG"
e2e_finish
