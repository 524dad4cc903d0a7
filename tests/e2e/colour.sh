#!/usr/bin/env bash
# colour: --grayscale and --cmyk for every shipped layout (issue 14 B,
# briefing(1) "Colour for print").
#   - --grayscale: every pixel of every page, rasterised with pdftocairo,
#     has R = G = B (the colour PDFs have coloured pixels, so the check
#     can fail);
#   - --cmyk: the PDF, expanded by qpdf --qdf, has no RGB colour operator
#     (rg, RG, sc, SC, scn, SCN) and no DeviceRGB anywhere, and does set
#     CMYK colours (k);
#   - the shipped layouts load without the category_colors lightness
#     warning; a layout whose colours the patterns cannot separate gets it
#     at FILE:LINE:COL;
#   - --grayscale with --cmyk exits 2; --cmyk with PNG or SVG exits 1.
#   colour.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init colour "$@"
need pdftocairo poppler-utils
need qpdf qpdf

coloured=0 # pixels with colour in the colour PDFs
for layout in "$SRCDIR"/layouts/*.json; do
  name=$(basename "$layout" .json)
  args=("$EN" -l "$layout")
  [ "$name" != profile ] || args+=(--focus AH)
  render "$name-rgb" "${args[@]}" -o "$W/$name.pdf"
  render "$name-gray" "${args[@]}" --grayscale -o "$W/$name.gray.pdf"
  render "$name-cmyk" "${args[@]}" --cmyk -o "$W/$name.cmyk.pdf"
  for kind in rgb gray cmyk; do
    if grep -q 'CIE L\*' "$W/$name-$kind.err"; then
      fail "$name ($kind): the shipped layout gets the lightness warning: $(grep 'CIE L' "$W/$name-$kind.err")"
    fi
  done
  mkdir -p "$W/$name.px" "$W/$name.gray.px"
  pdftocairo -png -r 30 "$W/$name.pdf" "$W/$name.px/p"
  pdftocairo -png -r 30 "$W/$name.gray.pdf" "$W/$name.gray.px/p"
  coloured=$((coloured + $(python3 "$TOOLS/pngsat.py" "$W/$name.px"/p*.png | awk '{ s += $2 } END { print s + 0 }')))
  while read -r png n total; do
    [ "$n" -eq 0 ] || fail "$name --grayscale: $(basename "$png"): $n of $total pixels have colour"
  done < <(python3 "$TOOLS/pngsat.py" "$W/$name.gray.px"/p*.png)
  qpdf --qdf --object-streams=disable "$W/$name.cmyk.pdf" "$W/$name.cmyk.qdf.pdf"
  rgb_ops=$(grep -a -c -E '(^| )(rg|RG|sc|SC|scn|SCN)$' "$W/$name.cmyk.qdf.pdf" || true)
  [ "$rgb_ops" -eq 0 ] || fail "$name --cmyk: $rgb_ops RGB colour operators in the content streams"
  ! grep -a -q DeviceRGB "$W/$name.cmyk.qdf.pdf" || fail "$name --cmyk: DeviceRGB in the file"
  cmyk_ops=$(grep -a -c -E '(^| )(k|K)$' "$W/$name.cmyk.qdf.pdf" || true)
  [ "$cmyk_ops" -gt 0 ] || fail "$name --cmyk: no CMYK colour operator (k, K) at all"
  # The RGB document has the operators this check looks for.
  qpdf --qdf --object-streams=disable "$W/$name.pdf" "$W/$name.qdf.pdf"
  grep -a -q -E '(^| )rg$' "$W/$name.qdf.pdf" || fail "$name: the RGB PDF has no rg (the CMYK check would prove nothing)"
  say "$name: gray and CMYK ok"
done
[ "$coloured" -gt 0 ] || fail "the colour PDFs have no coloured pixel (the gray check would prove nothing)"

# A palette of eight greys alike in lightness (seven layout colours and
# "other"): more than the patterns can separate.
python3 - "$SRCDIR/layouts/onepager.json" "$W/flat.json" <<'PY'
import json, sys
l = json.load(open(sys.argv[1], encoding="utf-8"))
l.setdefault("theme", {})["category_colors"] = ["#7a7a7a", "#b04a6a", "#3f7f8f", "#8a6f2f", "#5f7f3f", "#7f5faf", "#a0603f"]
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(l, indent=2))
PY
line=$(grep -n '"category_colors"' "$W/flat.json" | cut -d: -f1)
col=$(($(grep '"category_colors"' "$W/flat.json" | sed 's/\[.*//' | wc -c) ))
render flat "$EN" -l "$W/flat.json" -o "$W/flat.pdf"
grep -q "^$W/flat.json:$line:$col: theme.category_colors: warning: .*CIE L\*" "$W/flat.err" ||
  fail "no lightness warning at $W/flat.json:$line:$col: $(cat "$W/flat.err")"

rc=0
"$BRIEFING" render "$EN" --grayscale --cmyk -o "$W/pair.pdf" >/dev/null 2>"$W/pair.err" || rc=$?
[ "$rc" -eq 2 ] || fail "--grayscale --cmyk exited $rc, want 2"
[ ! -e "$W/pair.pdf" ] || fail "--grayscale --cmyk wrote a file"
for fmt in png svg; do
  rc=0
  "$BRIEFING" render "$EN" --cmyk --format $fmt -o "$W/cmyk.$fmt" >/dev/null 2>"$W/cmyk-$fmt.err" || rc=$?
  [ "$rc" -eq 1 ] || fail "--cmyk --format $fmt exited $rc, want 1"
  grep -q "CMYK needs --format pdf" "$W/cmyk-$fmt.err" || fail "--cmyk --format $fmt: $(cat "$W/cmyk-$fmt.err")"
done
e2e_finish
