#!/usr/bin/env bash
# Every shipped layout x every test set: the render succeeds, the PDF has
# no text collisions (tests/tools/textcollisions), the pages pass
# check_pages.py (Page X of Y, content inside the margins, no stranded
# headings, no widows), and the page size is the layout's.
#   usage: matrix.sh WORKDIR SET.json...
set -u
work=$1
shift
mkdir -p "$work"
fail=0
for layout in "$SRCDIR"/layouts/*.json; do
  lname=$(basename "$layout" .json)
  for set in "$@"; do
    sname=$(basename "$set" .json)
    out="$work/$lname-$sname"
    args=()
    if [ "$lname" = profile ]; then
      focus=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1],encoding="utf-8-sig")); print(next(e["id"] for e in d["entities"] if e["kind"] not in ("world","country","group")))' "$set")
      args=(--focus "$focus")
    fi
    if ! "$BRIEFING" render "$set" -l "$lname" "${args[@]}" -o "$out.pdf" 2>"$out.err"; then
      cat "$out.err"; echo "FAIL: $lname x $sname: render failed"; fail=1; continue
    fi
    "$BRIEFING" render "$set" -l "$lname" "${args[@]}" --format trace -o "$out.trace" 2>/dev/null
    lang=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1],encoding="utf-8-sig")).get("language","en")[:2])' "$set")
    case $lang in de) pf='Seite {i} von {n}' ;; zh) pf='第{i}页，共{n}页' ;; *) pf='Page {i} of {n}' ;; esac
    if ! python3 "$SRCDIR/tests/layout/check_pages.py" "$out.trace" "$layout" --page-format "$pf" > "$out.pages"; then
      cat "$out.pages"; echo "FAIL: $lname x $sname: pagination"; fail=1
    fi
    if ! python3 "$TOOLS/textcollisions" "$out.pdf" > "$out.coll"; then
      tail -5 "$out.coll"; echo "FAIL: $lname x $sname: text collisions"; fail=1
    fi
    size=$(pdfinfo "$out.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1x\2/p')
    case "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["page"].get("size","A4"))' "$layout")" in
      A4) want=595.28x841.89 ;; Letter) want=612x792 ;; A5) want=419.53x595.28 ;; *) want=$size ;;
    esac
    [ "$size" = "$want" ] || { echo "FAIL: $lname x $sname: page size $size, want $want"; fail=1; }
    echo "ok: $lname x $sname: $(pdfinfo "$out.pdf" | sed -n 's/^Pages: *//p') pages, $(tail -1 "$out.coll")"
  done
done
[ $fail = 0 ] && rm -rf "$work"
exit $fail
