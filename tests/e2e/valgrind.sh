#!/usr/bin/env bash
# valgrind: a whole render (set, layout, fonts, PDF with subset fonts) and
# a failing render run under memcheck without errors and without leaks of
# our own (tests/valgrind.supp lists the library leaks that are not ours).
#   valgrind.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init valgrind "$@"
need valgrind valgrind

vg() {
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --suppressions="$SRCDIR/tests/valgrind.supp" "$@"
}

rc=0
vg "$BRIEFING" render "$EN" -o "$W/en.pdf" >"$W/pdf.log" 2>&1 || rc=$?
[ $rc -eq 0 ] || { show_log "$W/pdf.log"; fail "PDF render under valgrind exited $rc"; }
[ -s "$W/en.pdf" ] || fail "no PDF written under valgrind"

rc=0
vg "$BRIEFING" render "$DE" --format png --dpi 40 -o "$W/de.png" >"$W/png.log" 2>&1 || rc=$?
[ $rc -eq 0 ] || { show_log "$W/png.log"; fail "PNG render under valgrind exited $rc"; }

printf '{"format": "indicator-set/1", "id": "x", "title": 5}\n' >"$W/bad.json"
rc=0
vg "$BRIEFING" render "$W/bad.json" -o "$W/bad.pdf" >"$W/bad.log" 2>&1 || rc=$?
[ $rc -eq 1 ] || { show_log "$W/bad.log"; fail "failing render under valgrind exited $rc, expected 1"; }
grep -q "==" "$W/bad.log" && { show_log "$W/bad.log"; fail "valgrind reported on the failing render"; }
e2e_finish
