#!/usr/bin/env bash
# lang: briefings in English, German and Chinese (--lang zh with names.zh
# and translations.zh) show localised numbers, dates, page furniture and
# names exactly, as a reader's text extraction sees them; an unknown
# language falls back to English with a warning; output does not depend on
# the machine's locale.
#   lang.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init lang "$@"
need pdftotext poppler-utils

# The formats put U+00A0 between a number and its unit or qualifier
# (test_numfmt checks the bytes); text extraction (poppler, MuPDF) reports it
# as a plain space, and so do the expectations here.
NBSP=' '
# expect PDF LABEL TEXT...: each TEXT occurs in the PDF's text layer.
expect() {
  local pdf=$1 label=$2; shift 2
  local text
  text=$(pdftotext -enc UTF-8 "$pdf" - | tr -s ' \n' '  ')
  for want in "$@"; do
    case "$text" in *"$want"*) ;; *) fail "$label: text layer lacks \"$want\"" ;; esac
  done
}

"$BRIEFING" render "$EN" -o "$W/en.pdf" || die "en render failed"
expect "$W/en.pdf" en "As of March 2, 2026" "Page 1 of " "220,000" "Inner Mongolia" "Source: " \
  "4 of 31 regions reported" ">${NBSP}66,000"

"$BRIEFING" render "$DE" -o "$W/de.pdf" || die "de render failed"
expect "$W/de.pdf" de "Stand: 2. März 2026" "Seite 1 von " "220.000" "Innere Mongolei" "Quelle: " \
  "4 von 31 Regionen gemeldet" "56,0${NBSP}%"

"$BRIEFING" render "$EN" --lang zh -o "$W/zh.pdf" || die "zh render failed"
expect "$W/zh.pdf" zh "截至2026年3月2日" "第1页，共" "220,000" "内蒙古" "来源：" \
  "中国区域创新版图" "4/31个地区有数据" "算力总规模"

# Tags ignore case (RFC 5646): --lang DE is German in every part of the
# document, numbers included (once "Seite 1 von 7" over "68,780").
"$BRIEFING" render "$EN" --lang DE -o "$W/DE.pdf" || die "--lang DE render failed"
expect "$W/DE.pdf" "--lang DE" "Seite 1 von " "220.000" "Innere Mongolei" "4 von 31 Regionen gemeldet"
text=$(pdftotext -enc UTF-8 "$W/DE.pdf" - | tr -s ' \n' '  ')
case "$text" in *"220,000"*) fail "--lang DE: English number 220,000 in a German document" ;; esac

rc=0
"$BRIEFING" render "$EN" --lang fr -o "$W/fr.pdf" 2>"$W/fr.err" || rc=$?
[ $rc -eq 0 ] || fail "an unknown language must not be an error (exit $rc)"
grep -q 'warning: no page furniture for language "fr"' "$W/fr.err" || fail "no warning for an unknown language"
expect "$W/fr.pdf" fr "Page 1 of "

rc=0
"$BRIEFING" render "$EN" --lang "not a tag" -o "$W/x.pdf" 2>/dev/null || rc=$?
[ $rc -eq 2 ] || fail "an invalid --lang is a usage error (exit $rc, expected 2)"

# No setlocale: the bytes are the same under any locale the machine has.
for loc in C C.UTF-8 de_DE.UTF-8 zh_CN.UTF-8; do
  LC_ALL=$loc "$BRIEFING" render "$DE" -o "$W/de-$loc.pdf" 2>/dev/null || fail "render under LC_ALL=$loc failed"
  cmp -s "$W/de.pdf" "$W/de-$loc.pdf" || fail "LC_ALL=$loc changes the German PDF"
done
e2e_finish
