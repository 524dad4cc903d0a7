#!/usr/bin/env bash
# collisions: tests/tools/textcollisions finds no overlapping words and
# no word outside the page in the English and German samples and in the
# generated synthetic sets with 31 and 3000 regions (any valid set must
# render).
#   collisions.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init collisions "$@"
need pdftotext poppler-utils
[ -r "$TOOLS/textcollisions" ] || die "checker $TOOLS/textcollisions missing"

check() { # LABEL SET
  local t0 t1
  t0=$(date +%s.%N)
  render "$1" "$2" -o "$W/$1.pdf"
  t1=$(date +%s.%N)
  local out rc=0
  out=$(python3 "$TOOLS/textcollisions" "$W/$1.pdf" 2>&1) || rc=$?
  if [ $rc -eq 0 ]; then
    say "$1 ($(pdf_pages "$W/$1.pdf") pages, rendered in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s): $(tail -1 <<< "$out")"
  else
    fail "$1: textcollisions exited $rc"
    sed 's/^/  /' <<< "$out"
  fi
}

check en "$EN"
check de "$DE"
check synthetic-31 "$GENDATA/synthetic-31.json"
check synthetic-3000 "$GENDATA/synthetic-3000.json"
e2e_finish
