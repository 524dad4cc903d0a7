#!/usr/bin/env bash
# pdfmeta: what every PDF says about itself, and --pdfa (issue 14 C,
# briefing(1) "PDF/A"), checked by tests/tools/pdfmeta.py (see there):
#   - every shipped layout: /ID, /Lang, DisplayDocTitle, PageMode, XMP that
#     agrees with Info, printable links; the outline has Notes and Sources;
#   - /ID equal across reruns, distinct across every profile x language of
#     the sample (--focus all --lang en,de), and each profile's Title names
#     its entity;
#   - --pdfa for every layout, and with --grayscale and --cmyk: the PDF/A-1b
#     checks, the project's pdfcheck, byte-identical reruns; the same checks
#     fail on the plain PDF (so they can fail);
#   - --pdfa with --format png, svg or trace exits 2 and writes nothing.
#   pdfmeta.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init pdfmeta "$@"
need qpdf qpdf
need pdfinfo poppler-utils
need mutool mupdf-tools
need gs ghostscript
meta() { python3 "$TOOLS/pdfmeta.py" "$@"; }

set_title=$(json_get "$EN" title)
for layout in "$SRCDIR"/layouts/*.json; do
  name=$(basename "$layout" .json)
  args=("$EN" -l "$layout")
  [ "$name" != profile ] || args+=(--focus AH)
  render "$name" "${args[@]}" -o "$W/$name.pdf"
  meta "$W/$name.pdf" >"$W/$name.meta" 2>"$W/$name.meta.err" || fail "$name: $(cat "$W/$name.meta.err")"
  grep -qx "lang en" "$W/$name.meta" || fail "$name: /Lang is not en: $(grep ^lang "$W/$name.meta")"
  if [ "$name" = briefing ]; then
    grep -qx "outline 0 Notes" "$W/$name.meta" || fail "$name: no Notes bookmark"
    grep -qx "outline 0 Sources" "$W/$name.meta" || fail "$name: no Sources bookmark"
  fi
  # PDF/A, and the same checks must fail on the plain PDF.
  render "$name-a" "${args[@]}" --pdfa -o "$W/$name.a.pdf"
  render "$name-a2" "${args[@]}" --pdfa -o "$W/$name.a2.pdf"
  meta --pdfa "$W/$name.a.pdf" >/dev/null 2>"$W/$name.a.err" || fail "$name --pdfa: $(cat "$W/$name.a.err")"
  cmp -s "$W/$name.a.pdf" "$W/$name.a2.pdf" || fail "$name --pdfa: two runs differ"
  ! meta --pdfa "$W/$name.pdf" >/dev/null 2>&1 || fail "$name: the plain PDF passes the PDF/A checks"
  out=$(bash "$TOOLS/pdfcheck" "$W/$name.a.pdf" 2>&1) || fail "$name --pdfa: pdfcheck: $out"
  say "$name: metadata and PDF/A ok"
done
# Transparency: an image with an alpha channel gets an /SMask in the plain
# PDF and none with --pdfa, where it is flattened against white.
python3 - "$W" <<'PY'
import json, struct, sys, zlib
d = sys.argv[1]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
w = h = 8
# Blue, the left half opaque, the right half at alpha 96/255.
rows = b"".join(b"\0" + b"".join(bytes([30, 90, 200, 255 if x < 4 else 96]) for x in range(w)) for _ in range(h))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open(d + "/alpha.png", "wb").write(png)
json.dump({"format": "briefing-layout/1",
           "blocks": [{"type": "title"}, {"type": "image", "file": "alpha.png", "width_mm": 30}]},
          open(d + "/alpha-layout.json", "w"))
PY
render alpha "$EN" -l "$W/alpha-layout.json" -o "$W/alpha.pdf"
render alpha-a "$EN" -l "$W/alpha-layout.json" --pdfa -o "$W/alpha.a.pdf"
qpdf --qdf --object-streams=disable "$W/alpha.pdf" "$W/alpha.qdf.pdf"
grep -a -q "/SMask" "$W/alpha.qdf.pdf" || fail "the plain PDF of an image with alpha has no /SMask (the check would prove nothing)"
meta --pdfa "$W/alpha.a.pdf" >/dev/null 2>"$W/alpha.a.err" || fail "image with alpha, --pdfa: $(cat "$W/alpha.a.err")"
! meta --pdfa "$W/alpha.pdf" >/dev/null 2>&1 || fail "image with alpha: the plain PDF passes the PDF/A checks"
for colours in grayscale cmyk; do
  render "briefing-a-$colours" "$EN" --pdfa --$colours -o "$W/a-$colours.pdf"
  extra=(); [ $colours = cmyk ] && extra=(--cmyk)
  meta --pdfa "${extra[@]}" "$W/a-$colours.pdf" >/dev/null 2>"$W/a-$colours.err" ||
    fail "--pdfa --$colours: $(cat "$W/a-$colours.err")"
done

# Every profile x language: distinct identities and titles naming the entity.
render batch "$EN" -l profile --focus all --lang en,de -q -o "$W/batch/"
render batch2 "$EN" -l profile --focus all --lang en,de -q -o "$W/batch2/"
n=0
: >"$W/ids"
for pdf in "$W"/batch/*.pdf; do
  n=$((n + 1))
  meta "$pdf" >"$W/one.meta" 2>"$W/one.err" || fail "$(basename "$pdf"): $(cat "$W/one.err")"
  sed -n 's/^id //p' "$W/one.meta" >>"$W/ids"
  title=$(sed -n 's/^title //p' "$W/one.meta")
  entity=$(basename "$pdf" .pdf); entity=${entity##*.}
  case "$title" in
    "$set_title – "?*) ;;
    *) fail "$(basename "$pdf"): Title '$title' does not name its entity after the set title" ;;
  esac
  cmp -s "$pdf" "$W/batch2/$(basename "$pdf")" || fail "$(basename "$pdf"): two runs differ"
done
[ "$n" -ge 62 ] || fail "the batch made $n profiles, want 31 entities x 2 languages"
dups=$(sort "$W/ids" | uniq -d | wc -l)
[ "$dups" -eq 0 ] || fail "$dups /ID values are shared by several profiles or languages"
titles=$(for pdf in "$W"/batch/*.en.*.pdf "$W"/batch/*.de.*.pdf; do pdfinfo -enc UTF-8 "$pdf" | sed -n 's/^Title: *//p'; done 2>/dev/null | sort -u | wc -l)
[ "$titles" -ge 31 ] || fail "only $titles distinct titles among the profiles"

for fmt in png svg trace; do
  rc=0
  "$BRIEFING" render "$EN" --pdfa --format $fmt -o "$W/pdfa.$fmt" >/dev/null 2>"$W/pdfa-$fmt.err" || rc=$?
  [ "$rc" -eq 2 ] || fail "--pdfa --format $fmt exited $rc, want 2"
  [ ! -e "$W/pdfa.$fmt" ] && ! ls "$W"/pdfa*.png >/dev/null 2>&1 || fail "--pdfa --format $fmt wrote a file"
  grep -q -- "--pdfa: .*--format pdf" "$W/pdfa-$fmt.err" || fail "--pdfa --format $fmt: $(cat "$W/pdfa-$fmt.err")"
done
say "$n profiles with distinct /IDs"
e2e_finish
