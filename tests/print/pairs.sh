#!/usr/bin/env bash
# pairs: the print options two at a time (issue 14: "a table of option
# pairs is tested row by row").  Each row of the table below is a pair of
# options, the exit status briefing must give the sample set with them,
# and for a success what the file must show:
#   sheets=N       pdfinfo counts N pages (sheets)
#   intent=N       a PDF/A output intent whose ICC profile has N components
#   no-rgb         no RGB colour operator in any content stream, no DeviceRGB
#   gray-only      no RGB or CMYK colour operator in any content stream
#   trim           a TrimBox and a BleedBox on the first page
#   version=V      the PDF header's version
# A failure must leave an existing output as it was, with a message that
# names an option of the pair.  pairs.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"
e2e_init pairs "$@"
need pdfinfo poppler-utils
need qpdf qpdf
SET=$SRCDIR/data/cn-provinces-2026.json

# The table: options (one word each, split on spaces) | exit | checks.
# The sample has 9 pages.
TABLE='
--grayscale --cmyk                  | 2 |
--cmyk --format=png                 | 1 |
--cmyk --format=svg                 | 1 |
--pdfa --format=png                 | 2 |
--pdfa --format=trace               | 2 |
--pdfa --cmyk                       | 0 | intent=4 no-rgb version=1.4
--pdfa --grayscale                  | 0 | intent=3 gray-only version=1.4
--impose=2up --pdfa                 | 0 | sheets=5 intent=3 version=1.4
--impose=booklet --cmyk             | 0 | sheets=6 no-rgb
--impose=4up --grayscale            | 0 | sheets=3 gray-only
--impose=2up --sheet=A3             | 0 | sheets=5
--impose=2up --bleed=3              | 2 |
--impose=4up --crop-marks           | 2 |
--sheet=A3 --grayscale              | 2 |
--impose=3up --cmyk                 | 2 |
--bleed=3 --crop-marks              | 0 | trim sheets=9
--bleed=3 --pdfa                    | 0 | trim intent=3
--crop-marks --cmyk                 | 0 | trim no-rgb
--bleed=25 --grayscale              | 2 |
--impose=booklet --format=trace     | 0 |
'

# content PDF: every content stream and the rest of the file, uncompressed.
content() { qpdf --qdf --object-streams=disable "$1" "$W/qdf.pdf" 2>/dev/null || true; cat "$W/qdf.pdf"; }

row=0
while IFS='|' read -r opts want checks; do
  opts=$(echo "$opts" | xargs)
  [ -n "$opts" ] || continue
  want=$(echo "$want" | xargs)
  row=$((row + 1))
  out=$W/row$row.pdf
  case "$opts" in *--format=png*) out=$W/row$row.png ;; *--format=svg*) out=$W/row$row.svg ;;
                  *--format=trace*) out=$W/row$row.trace ;; esac
  printf 'old\n' >"$out"
  rc=0
  # shellcheck disable=SC2086
  "$BRIEFING" render "$SET" $opts -o "$out" >"$W/row$row.stdout" 2>"$W/row$row.err" || rc=$?
  if [ "$rc" != "$want" ]; then
    show_log "$W/row$row.err"
    fail "$opts: exit $rc, expected $want"
    continue
  fi
  if [ "$want" != 0 ]; then
    [ "$(cat "$out")" = old ] || fail "$opts: a failed render replaced the existing output"
    # The message names an option of the pair.
    named=0
    for word in $opts; do
      grep -qF -- "${word%%=*}" "$W/row$row.err" && named=1
    done
    [ "$named" = 1 ] || fail "$opts: the message names neither option (stderr: $(head -c 200 "$W/row$row.err"))"
    continue
  fi
  for check in $checks; do
    case "$check" in
      sheets=*)
        n=$(pdf_pages "$out")
        [ "$n" = "${check#sheets=}" ] || fail "$opts: $n sheets, expected ${check#sheets=}" ;;
      intent=*)
        content "$out" >"$W/row$row.qdf"
        grep -q '/GTS_PDFA1' "$W/row$row.qdf" || fail "$opts: no PDF/A output intent"
        grep -aq "/N ${check#intent=}\b" "$W/row$row.qdf" ||
          fail "$opts: no ICC profile of ${check#intent=} components" ;;
      no-rgb)
        content "$out" >"$W/row$row.qdf"
        if grep -aEq '(^| )(rg|RG)$|/DeviceRGB' "$W/row$row.qdf"; then
          fail "$opts: RGB colour in the file: $(grep -aEm1 '(^| )(rg|RG)$|/DeviceRGB' "$W/row$row.qdf")"
        fi ;;
      gray-only)
        content "$out" >"$W/row$row.qdf"
        if grep -aEq '(^| )(rg|RG|k|K)$' "$W/row$row.qdf"; then
          fail "$opts: a colour operator other than gray: $(grep -aEm1 '(^| )(rg|RG|k|K)$' "$W/row$row.qdf")"
        fi ;;
      trim)
        pdfinfo -box "$out" | grep -q '^TrimBox:' || fail "$opts: no TrimBox"
        pdfinfo -box "$out" >"$W/row$row.box"
        media=$(awk '$1 == "MediaBox:" { print $4 - $2 }' "$W/row$row.box")
        trim=$(awk '$1 == "TrimBox:" { print $4 - $2 }' "$W/row$row.box")
        awk -v m="$media" -v t="$trim" 'BEGIN { exit !(m > t) }' || fail "$opts: the MediaBox is not larger than the trim" ;;
      version=*)
        v=$(head -c 8 "$out")
        [ "$v" = "%PDF-${check#version=}" ] || fail "$opts: header $v" ;;
      *) die "row $row: unknown check $check" ;;
    esac
  done
done <<<"$TABLE"
[ "$row" -ge 20 ] || fail "only $row rows read from the table"
say "$row option pairs checked"
e2e_finish
