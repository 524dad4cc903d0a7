#!/usr/bin/env bash
# pdfcheck-en / pdfcheck-de: the sample briefing passes tests/tools/pdfcheck
# (qpdf, pdffonts, MuPDF, Ghostscript, text layer) with the expected words
# and every page A4 portrait, and its document info is right.
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
[ -r "$TOOLS/pdfcheck" ] || die "checker $TOOLS/pdfcheck missing"

pdf=$W/$lang.pdf
render "$lang" "$set_file" -o "$pdf"

# 1. The checker, with the words the text layer must hold; every page is A4
# portrait, 595.28 x 841.89 pt (within 0.5 pt: pdfinfo rounds).
out=$(bash "$TOOLS/pdfcheck" --size 595.28x841.89 "$pdf" "${expect[@]}" 2>&1) || {
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

pages=$(field Pages)
[ -n "$pages" ] && [ "$pages" -ge 1 ] || die "pdfinfo shows no pages"

say "$pages pages, $(file_size "$pdf") bytes, Creator '$creator', Producer '$producer'"
e2e_finish
