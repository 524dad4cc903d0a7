#!/usr/bin/env bash
# print: imposition, bleed and crop marks (issue 14 A, briefing(1)
# "Printing handouts"), checked on the files users get:
#   - pdfinfo: 2up of N pages gives ceil(N/2) landscape sheets of the
#     page's paper, 4up ceil(N/4) portrait ones, --sheet A3 A3 sheets;
#   - booklet: ceil(N/4)*2 sides, and the page numbers the layout printed,
#     read back per half with pdftotext -bbox, are in saddle-stitch order;
#     2up and 4up hold the pages in reading order;
#   - the outline points at the sheet each heading's page landed on;
#   - every shipped layout x {2up, 4up, booklet} x {the sample, --focus
#     all in a batch} renders with 0 text collisions on the sheets;
#   - --bleed 3 --crop-marks: MediaBox = page + 2 x (3 mm + mark room),
#     TrimBox = the page, BleedBox = trim + 3 mm; in the trace every
#     stroke outside the page's placement (the crop marks) lies outside
#     the bleed box, and there are 8 of them;
#   - usage errors exit 2 with one line: --impose with --bleed or
#     --crop-marks, --sheet without --impose, an unknown sheet, a bleed of
#     -1 or 25 mm, --impose 3up; an existing output is left as it was; a
#     batch with such options stops before any job, with one line;
#   - a second render of a booklet and of a bled page, in another folder
#     and time zone, gives the same bytes;
#   - a build file's impose, sheet, bleed, crop_marks, pdfa and colors keys reach
#     their jobs, and a job combining bleed with impose fails alone;
#   - the 5 pt warning: 4up of the sample (6.5 pt text at 50 %) warns,
#     2up of an A5 layout on A4 does not;
#   - --format png of a 2up sheet equals pdftocairo of the 2up PDF (at most
#     0.1 % of pixels differ by more than 64, at 300 dpi).
#   print.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"
e2e_init print "$@"
need pdfinfo poppler-utils
need pdftotext poppler-utils
need pdftocairo poppler-utils
need qpdf qpdf
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# size PDF: "W H" of page 1 in points, rounded.
size() { pdfinfo "$1" | awk '/^Page size:/ { printf "%.0f %.0f\n", $3, $5 }'; }
# box PDF NAME: "x0 y0 x1 y1" of page 1's box, rounded to 0.1 pt.
box() { pdfinfo -box "$1" | awk -v n="$2:" '$1 == n { printf "%.1f %.1f %.1f %.1f\n", $2, $3, $4, $5 }'; }

# --- sheet counts, sizes and page order -------------------------------------
render plain "$EN" -o "$W/plain.pdf"
N=$(pdf_pages "$W/plain.pdf")
[ "$N" -ge 5 ] || die "the sample has $N pages; these checks want at least 5"
render 2up "$EN" --impose 2up -o "$W/2up.pdf"
render 4up "$EN" --impose 4up -o "$W/4up.pdf"
render booklet "$EN" --impose booklet -o "$W/booklet.pdf"
render 2up-a3 "$EN" --impose 2up --sheet A3 -o "$W/2up-a3.pdf"
got=$(pdf_pages "$W/2up.pdf"); want=$(((N + 1) / 2))
[ "$got" = "$want" ] || fail "2up of $N pages: $got sheets, want $want"
[ "$(size "$W/2up.pdf")" = "842 595" ] || fail "2up: sheet $(size "$W/2up.pdf"), want landscape A4 842 595"
got=$(pdf_pages "$W/4up.pdf"); want=$(((N + 3) / 4))
[ "$got" = "$want" ] || fail "4up of $N pages: $got sheets, want $want"
[ "$(size "$W/4up.pdf")" = "595 842" ] || fail "4up: sheet $(size "$W/4up.pdf"), want portrait A4 595 842"
got=$(pdf_pages "$W/booklet.pdf"); want=$(((N + 3) / 4 * 2))
[ "$got" = "$want" ] || fail "booklet of $N pages: $got sides, want $want"
[ "$(size "$W/2up-a3.pdf")" = "1191 842" ] || fail "2up --sheet A3: sheet $(size "$W/2up-a3.pdf"), want 1191 842"
say "$N pages: 2up $(pdf_pages "$W/2up.pdf"), 4up $(pdf_pages "$W/4up.pdf"), booklet $(pdf_pages "$W/booklet.pdf") sheets"

# Expected cells: 2up and 4up in reading order, '-' past the last page.
expect_grid() { # PER_SHEET N
  local per=$1 n=$2 s k p line
  for ((s = 0; s < (n + per - 1) / per; s++)); do
    line=""
    for ((k = 0; k < per; k++)); do
      p=$((s * per + k + 1))
      [ $p -le "$n" ] || p=-
      line+="${line:+ }$p"
    done
    echo "$line"
  done
}
# Saddle stitch, written out independently of print/impose.c: side 2k
# holds [P-2k, 2k+1], side 2k+1 [2k+2, P-2k-1], P the count padded to 4.
expect_booklet() { # N
  local n=$1 P=$((($1 + 3) / 4 * 4)) s a b
  for ((s = 0; s < P / 2; s++)); do
    if ((s % 2 == 0)); then a=$((P - s)); b=$((s + 1)); else a=$((s + 1)); b=$((P - s)); fi
    [ $a -le "$n" ] || a=-
    [ $b -le "$n" ] || b=-
    echo "$a $b"
  done
}
check_order() { # LABEL COLS ROWS PDF EXPECTED
  local got
  got=$(python3 "$HERE/pagenums.py" "$2" "$3" "$4") || fail "$1: pagenums failed"
  if [ "$got" = "$5" ]; then
    say "$1: page numbers per sheet: $(tr '\n' '|' <<< "$got")"
  else
    fail "$1: page numbers per sheet differ"
    diff <(echo "$5") <(echo "$got") | sed 's/^/  /'
  fi
}
check_order 2up 2 1 "$W/2up.pdf" "$(expect_grid 2 "$N")"
check_order 4up 2 2 "$W/4up.pdf" "$(expect_grid 4 "$N")"
check_order booklet 2 1 "$W/booklet.pdf" "$(expect_booklet "$N")"
check_order 2up-a3 2 1 "$W/2up-a3.pdf" "$(expect_grid 2 "$N")"

# The outline: every entry points at the sheet of its logical page (the
# trace lists both: plain trace = logical pages, 2up trace = sheets).
render plain-trace "$EN" --format trace -o "$W/plain.trace"
render 2up-trace "$EN" --impose 2up --format trace -o "$W/2up.trace"
paste -d' ' <(awk '$1 == "outline" { print $4, $6 }' "$W/plain.trace") \
            <(awk '$1 == "outline" { print $4, $6 }' "$W/2up.trace") |
  awk '{ want = int(($1 + 1) / 2); s = $2 * 0.7071; if ($3 != want || $4 - s > 0.5 || s - $4 > 0.5) bad++; n++ }
       END { if (n == 0 || bad) exit 1 }' ||
  fail "2up outline: entries do not point at their page's sheet and scaled y"
grep -q '^outline' "$W/2up.trace" || fail "2up trace has no outline"
# and in the PDF: as many outline entries as the plain document
pdf_outline() { qpdf --json --json-key=outlines "$1" | python3 -c 'import json,sys
def n(o): return sum(1 + n(c["kids"]) for c in o)
print(n(json.load(sys.stdin)["outlines"]))'; }
[ "$(pdf_outline "$W/2up.pdf")" = "$(pdf_outline "$W/plain.pdf")" ] ||
  fail "2up PDF: $(pdf_outline "$W/2up.pdf") outline entries, plain $(pdf_outline "$W/plain.pdf")"
# and each destination at the left edge of its page's half: x 0 (left
# page) or past the middle of the 842 pt sheet (right page), both seen
qpdf --json --json-key=outlines "$W/2up.pdf" | python3 -c 'import json,sys
def xs(o): return [x for e in o for x in [e["dest"][2]] + xs(e["kids"])]
x = xs(json.load(sys.stdin)["outlines"])
sys.exit(not (x and all(v < 1 or 421 - 1 < v < 421 + 1 for v in x) and any(v < 1 for v in x) and any(v > 1 for v in x)))' ||
  fail "2up PDF: outline destinations are not at the left edge of their page's half"

# --- every layout x imposition x {sample, --focus all batch}: 0 collisions ---
words=0
for layout in "$SRCDIR"/layouts/*.json; do
  name=$(basename "$layout" .json)
  sample=("$EN" -l "$layout")
  [ "$name" != profile ] || sample+=(--focus AH)
  for how in 2up 4up booklet; do
    render "$name-$how" "${sample[@]}" --impose "$how" -o "$W/$name.$how.pdf"
    render "$name-$how-all" "$EN" -l "$layout" --focus all --impose "$how" -q -j2 -o "$W/$name.$how.all/"
    n_all=$(ls "$W/$name.$how.all"/*.pdf | wc -l)
    [ "$n_all" -gt 1 ] || fail "$name $how --focus all: $n_all files"
    out=$(python3 "$TOOLS/textcollisions" "$W/$name.$how.pdf" "$W/$name.$how.all"/*.pdf 2>&1) ||
      { fail "$name $how: $(tail -1 <<< "$out")"; sed 's/^/  /' <<< "$out" | head -20; }
    words=$((words + $(tail -1 <<< "$out" | awk '{ print $4 }')))
    rm -rf "$W/$name.$how.all"
  done
done
say "every layout x 2up/4up/booklet x sample/--focus all: rendered; text collisions checked in $words words"

# --- bleed and crop marks --------------------------------------------------
render bleed "$EN" --bleed 3 --crop-marks -o "$W/bleed.pdf"
render bleed-trace "$EN" --bleed 3 --crop-marks --format trace -o "$W/bleed.trace"
python3 - "$W/bleed.pdf" "$W/bleed.trace" <<'PY' || fail "bleed 3 mm with crop marks: boxes or marks wrong"
import re, subprocess, sys
mm = 72 / 25.4
info = subprocess.run(['pdfinfo', '-box', sys.argv[1]], capture_output=True, text=True, check=True).stdout
box = {m.group(1): [float(v) for v in m.group(2).split()] for m in re.finditer(r'^(\w+Box):\s+(.*)$', info, re.M)}
pw, ph = 595.28, 841.89
media, trim, bleed = box['MediaBox'], box['TrimBox'], box['BleedBox']
ok = True
def check(cond, what):
    global ok
    print(('  ok: ' if cond else '  FAIL: ') + what)
    ok = ok and cond
near = lambda a, b: abs(a - b) < 0.02
check(near(trim[2] - trim[0], pw) and near(trim[3] - trim[1], ph), f'TrimBox {trim} is the A4 page')
check(all(near(bleed[i], trim[i] + d) for i, d in enumerate([-3 * mm, -3 * mm, 3 * mm, 3 * mm])),
      f'BleedBox {bleed} is the trim + 3 mm')
margin = trim[0]
check(near(media[2], pw + 2 * margin) and near(media[3], ph + 2 * margin) and margin >= 3 * mm + 5 * mm,
      f'MediaBox {media}: the page grown by 3 mm of bleed and {margin / mm - 3:.1f} mm of marks on each side')
# Trace: sheet space, y down.  Strokes drawn at the identity transform
# after the page (the marks) must lie outside the bleed box.
lines = open(sys.argv[2]).read().split('\n')
pages = [i for i, l in enumerate(lines) if l.startswith('page ')]
first = lines[pages[0]:pages[1] if len(pages) > 1 else len(lines)]
x0, y0 = bleed[0], media[3] - bleed[3]
x1, y1 = bleed[2], media[3] - bleed[1]
marks = 0; inside = 0; moved = False
for l in first:
    if l.startswith('transform'):
        moved = l.split()[1:] != ['1.00', '0.00', '0.00', '1.00', '0.00', '0.00']
    elif l.startswith('stroke') and not moved:
        pts = [float(v) for v in re.findall(r'-?\d+\.\d+', l.split(' M ', 1)[1])]
        xs, ys = pts[0::2], pts[1::2]
        marks += 1
        if max(xs) > x0 and min(xs) < x1 and max(ys) > y0 and min(ys) < y1:
            inside += 1
check(marks == 8 and inside == 0, f'{marks} strokes on the sheet outside the page, {inside} of them reach the bleed box')
sys.exit(0 if ok else 1)
PY

# --- usage errors and warnings ----------------------------------------------
echo "old" > "$W/kept.pdf"
usage() { # LABEL ARGS...
  local label=$1 rc=0; shift
  "$BRIEFING" render "$EN" "$@" -o "$W/kept.pdf" >"$W/$label.out" 2>"$W/$label.err" || rc=$?
  local lines
  lines=$(wc -l < "$W/$label.err")
  if [ $rc -ne 2 ]; then
    fail "$label ($*): exit $rc, want 2"; show_log "$W/$label.err"
  elif [ "$lines" -ne 1 ] && ! grep -q '^Usage:' "$W/$label.err"; then
    fail "$label ($*): $lines lines on stderr, want one"; show_log "$W/$label.err"
  else
    say "$label: exit 2: $(head -1 "$W/$label.err")"
  fi
  [ "$(cat "$W/kept.pdf")" = old ] || fail "$label: the existing output was replaced"
}
usage impose-bleed --impose 2up --bleed 3
usage impose-marks --impose booklet --crop-marks
usage sheet-alone --sheet A3
usage bad-sheet --impose 2up --sheet B9
usage bad-sheet-mm --impose 2up --sheet 5x5mm
usage bleed-negative --bleed -1
usage bleed-big --bleed 25
usage bad-impose --impose 3up
# A batch with options no document can honour: one line, exit 2, no file.
rc=0
"$BRIEFING" render "$EN" -l profile --focus all --impose 2up --bleed 3 -q -o "$W/batch-bad/" \
  >"$W/batch-bad.out" 2>"$W/batch-bad.err" || rc=$?
[ $rc -eq 2 ] && [ "$(wc -l < "$W/batch-bad.err")" -eq 1 ] && [ ! -e "$W/batch-bad" ] ||
  { fail "batch --impose with --bleed: exit $rc, $(wc -l < "$W/batch-bad.err") lines"; show_log "$W/batch-bad.err"; }
grep -q 'must be 2up, 4up, booklet or none' "$W/bad-impose.err" || fail "--impose 3up: message $(head -1 "$W/bad-impose.err")"

grep -q 'below 5 pt' "$W/4up.err" || fail "4up of the sample: no warning about text below 5 pt"
cat > "$W/a5.json" <<JSON
$(python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); l.setdefault("page",{})["size"]="A5"; print(json.dumps(l))' "$SRCDIR/layouts/onepager.json")
JSON
render a5 "$EN" -l "$W/a5.json" -o "$W/a5.pdf"
render a5-2up "$EN" -l "$W/a5.json" --impose 2up --sheet A4 -o "$W/a5-2up.pdf"
[ "$(size "$W/a5-2up.pdf")" = "842 595" ] || fail "A5 2up --sheet A4: sheet $(size "$W/a5-2up.pdf")"
if grep -q 'below 5 pt' "$W/a5-2up.err"; then fail "A5 2up on A4 (100 %) warns: $(cat "$W/a5-2up.err")"; fi
grep -q 'below 5 pt' "$W/4up.err" && say "4up warns: $(grep 'below 5 pt' "$W/4up.err")"

# --- deterministic: a booklet and a bled page rendered again, elsewhere and
# in another time zone, are the same bytes ----------------------------------
mkdir -p "$W/again"
(cd "$W/again" && TZ=Asia/Tokyo "$BRIEFING" render "$EN" --impose booklet -o booklet.pdf 2>/dev/null &&
  TZ=America/New_York "$BRIEFING" render "$EN" --bleed 3 --crop-marks -o bleed.pdf)
cmp -s "$W/again/booklet.pdf" "$W/booklet.pdf" || fail "booklet: a second render differs"
cmp -s "$W/again/bleed.pdf" "$W/bleed.pdf" || fail "bleed: a second render differs"

# --- a build file's print keys (briefing-build(5)) --------------------------
cat > "$W/build.json" <<JSON
{"format": "briefing-build/1", "defaults": {"impose": "booklet", "colors": "grayscale"},
 "jobs": [{"set": "$EN", "sheet": "A3", "output": "handouts/"},
          {"set": "$EN", "impose": "none", "bleed": 3, "crop_marks": true, "pdfa": true, "output": "shop/"},
          {"set": "$EN", "impose": "2up", "bleed": 3, "output": "bad/"}]}
JSON
rc=0
"$BRIEFING" build "$W/build.json" -q >"$W/build.out" 2>"$W/build.err" || rc=$?
hand=$W/handouts/$(basename "$EN" .json).pdf shop=$W/shop/$(basename "$EN" .json).pdf
[ "$(pdf_pages "$hand")" = "$(((N + 3) / 4 * 2))" ] && [ "$(size "$hand")" = "1191 842" ] ||
  fail "build: the booklet job on A3 has $(pdf_pages "$hand") sides of $(size "$hand")"
[ -n "$(box "$shop" TrimBox)" ] && [ "$(box "$shop" TrimBox)" != "$(box "$shop" MediaBox)" ] ||
  fail "build: the bleed job has no TrimBox inside its MediaBox"
head -c 8 "$shop" | grep -q '%PDF-1.4' && grep -aq GTS_PDFA1 "$shop" && ! grep -aq GTS_PDFA1 "$hand" ||
  fail "build: the \"pdfa\" key did not make the shop job (alone) PDF/A"
[ $rc -eq 1 ] && [ ! -e "$W/bad/$(basename "$EN" .json).pdf" ] && grep -q 'cannot be used with --impose' "$W/build.err" ||
  fail "build: a job with bleed and impose: exit $rc, $(head -1 "$W/build.err")"
say "build file: booklet on A3 ($(pdf_pages "$hand") sides), bled job boxed, bleed + impose job failed (exit $rc)"

# --- the PNG of a 2up sheet equals pdftocairo of the 2up PDF -----------------
# 300 dpi: the sheet scales strokes below 0.8 pt, which poppler widens at
# 96 dpi when it rasterises libharu's PDF (tests/e2e/parity.sh).
render 2up-png "$EN" --impose 2up --format png --dpi 300 -o "$W/cairo.png"
pdftocairo -png -r 300 -f 1 -l 1 "$W/2up.pdf" "$W/poppler" 2>"$W/pdftocairo.err" || fail "pdftocairo failed"
pop=$(ls "$W"/poppler-*.png | head -1)
[ "$(ls "$W"/cairo-*.png | wc -l)" = "$(pdf_pages "$W/2up.pdf")" ] || fail "2up PNG: not one file per sheet"
if out=$("$PNGDIFF" "$W/cairo-1.png" "$pop" 0.001 64 "$W/parity-diff.png" 2>&1); then
  say "2up sheet 1, PNG vs pdftocairo @300dpi: $out"
else
  fail "2up sheet 1, PNG vs pdftocairo @300dpi: $out (diff: $W/parity-diff.png)"
fi
e2e_finish
