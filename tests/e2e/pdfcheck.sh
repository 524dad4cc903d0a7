#!/usr/bin/env bash
# pdfcheck-en / pdfcheck-de: the sample briefing passes ../shared/tools/pdfcheck
# (qpdf, pdffonts, MuPDF, Ghostscript, text layer) with the expected words,
# and its document info and page size are right.
#   pdfcheck.sh WORK_ROOT PNGDIFF LANG
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
lang=${3:-}
e2e_init "pdfcheck-$lang" "$@"

case "$lang" in
  en) set_file=$EN; expect=("Inner Mongolia" "220,000") ;;
  de) set_file=$DE; expect=("Innere Mongolei") ;;
  *) die "unknown language '$lang'" ;;
esac
need pdfinfo poppler-utils
need qpdf qpdf
need mutool mupdf-tools
need gs ghostscript
[ -r "$SHARED/tools/pdfcheck" ] || die "shared checker $SHARED/tools/pdfcheck missing"

pdf=$W/$lang.pdf
render "$lang" "$set_file" -o "$pdf"

# 1. The shared checker, with the words the text layer must hold.
out=$(bash "$SHARED/tools/pdfcheck" "$pdf" "${expect[@]}" 2>&1) || {
  echo "$out" | sed 's/^/  /'
  fail "pdfcheck failed"
}

# 2. Document info.
info=$(pdfinfo -enc UTF-8 "$pdf" 2>&1) || die "pdfinfo failed: $info"
field() { printf '%s\n' "$info" | sed -n "s/^$1: *//p" | head -1; }

creator=$(field Creator)
case "$creator" in
  "briefing "?*) ;;
  *) fail "Creator is '$creator', want 'briefing VERSION'" ;;
esac
producer=$(field Producer)
case "$producer" in
  "") fail "Producer is not set" ;;
  Haru*) fail "Producer is libharu's default '$producer'; set our own" ;;
esac
want_title=$(json_get "$set_file" title)
title=$(field Title)
[ "$title" = "$want_title" ] || fail "Title is '$title', want the set's title '$want_title'"
want_author=$(json_get "$set_file" publisher)
author=$(field Author)
[ "$author" = "$want_author" ] || fail "Author is '$author', want the set's publisher '$want_author'"

# 3. Every page is A4 portrait: 595.28 x 841.89 pt (pdfinfo may round).
pages=$(field Pages)
[ -n "$pages" ] && [ "$pages" -ge 1 ] || die "pdfinfo shows no pages"
pdfinfo -f 1 -l "$pages" "$pdf" 2>/dev/null | awk -v name="$E2E_NAME" '
  /^Page +[0-9]+ size:/ {
    n++
    w = $4; h = $6
    if (w < 594.78 || w > 595.78 || h < 841.39 || h > 842.39) {
      printf "%s: FAIL: page %s is %s x %s pt, want A4 595.28 x 841.89\n", name, $2, w, h
      bad = 1
    }
  }
  END { if (n == 0) { printf "%s: FAIL: pdfinfo printed no page sizes\n", name; bad = 1 } exit bad }
' || E2E_FAILS=$((E2E_FAILS + 1))

say "$pages pages, $(file_size "$pdf") bytes, Creator '$creator', Producer '$producer'"
e2e_finish
