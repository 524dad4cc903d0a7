#!/usr/bin/env bash
# deterministic: two renders of the English sample are byte-identical
# whatever the working directory, time zone, locale and path spelling; the
# CreationDate comes from SOURCE_DATE_EPOCH, else from the set's date.
#   deterministic.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init deterministic "$@"
need pdfinfo poppler-utils

mkdir -p "$W/a" "$W/b/out"

# Run 1: absolute paths, UTC, C.UTF-8.
(cd "$W/a" && TZ=UTC LC_ALL=C.UTF-8 "$BRIEFING" render "$EN" -o one.pdf) >"$W/one.log" 2>&1 ||
  { show_log "$W/one.log"; die "first render failed"; }
# Run 2: another directory, relative input and output paths, another zone
# and locale.
rel=$(python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$EN" "$W/b")
(cd "$W/b" && TZ=Asia/Shanghai LC_ALL=C "$BRIEFING" render "$rel" -o out/two.pdf) >"$W/two.log" 2>&1 ||
  { show_log "$W/two.log"; die "second render (input $rel) failed"; }

if cmp -s "$W/a/one.pdf" "$W/b/out/two.pdf"; then
  say "identical: $(file_size "$W/a/one.pdf") bytes"
else
  fail "renders differ: $(cmp "$W/a/one.pdf" "$W/b/out/two.pdf" 2>&1 | head -1)"
fi

# creation_date PDF: "ISO RAW" from pdfinfo.
creation_date() {
  local iso raw
  iso=$(pdfinfo -isodates "$1" 2>/dev/null | sed -n 's/^CreationDate: *//p')
  raw=$(pdfinfo -rawdates "$1" 2>/dev/null | sed -n 's/^CreationDate: *//p')
  echo "$iso $raw"
}
check_date() { # LABEL PDF WANT-ISO-PREFIX
  local got iso raw
  got=$(creation_date "$2"); iso=${got%% *}; raw=${got#* }
  case "$iso" in
    "$3"*) say "$1: CreationDate $iso ($raw)" ;;
    *) fail "$1: CreationDate is '$iso' (raw '$raw'), want $3" ;;
  esac
  case "$raw" in *Z*) fail "$1: CreationDate '$raw' uses 'Z' (libharu needs '+' with zero offset)" ;; esac
}

# With SOURCE_DATE_EPOCH (the test environment sets 1772409600).
(cd "$W" && SOURCE_DATE_EPOCH=1772409600 "$BRIEFING" render "$EN" -o epoch.pdf) >"$W/epoch.log" 2>&1 ||
  { show_log "$W/epoch.log"; die "render with SOURCE_DATE_EPOCH failed"; }
check_date "SOURCE_DATE_EPOCH=1772409600" "$W/epoch.pdf" 2026-03-02T00:00:00

# Without it: the set's date.
set_date=$(json_get "$EN" date)
(cd "$W" && env -u SOURCE_DATE_EPOCH TZ=Asia/Shanghai "$BRIEFING" render "$EN" -o nodate.pdf) >"$W/nodate.log" 2>&1 ||
  { show_log "$W/nodate.log"; die "render without SOURCE_DATE_EPOCH failed"; }
check_date "no SOURCE_DATE_EPOCH" "$W/nodate.pdf" "$set_date"
# 1772409600 is the set's date at 00:00 UTC, so this render (in UTC+8) must
# equal the first one byte for byte: the date is not taken as local time.
if [ "$set_date" = 2026-03-02 ]; then
  cmp -s "$W/a/one.pdf" "$W/nodate.pdf" ||
    fail "render without SOURCE_DATE_EPOCH in Asia/Shanghai differs from the SOURCE_DATE_EPOCH=1772409600 (2026-03-02T00:00Z) render"
fi

# A different SOURCE_DATE_EPOCH must show up (the variable is really read).
(cd "$W" && SOURCE_DATE_EPOCH=1700000000 "$BRIEFING" render "$EN" -o epoch2.pdf) >"$W/epoch2.log" 2>&1 ||
  { show_log "$W/epoch2.log"; die "render with SOURCE_DATE_EPOCH=1700000000 failed"; }
check_date "SOURCE_DATE_EPOCH=1700000000" "$W/epoch2.pdf" 2023-11-14T22:13:20
e2e_finish
