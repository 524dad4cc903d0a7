#!/bin/sh
# One man page renders cleanly: `MANWIDTH=80 man --warnings -l PAGE` (and
# again with every groff warning on, --warnings=w) must print nothing on
# stderr and exit 0, and no line of the page may be wider than 80 columns.
# Skipped (77) without man-db: ./setup.sh --test installs it.
#   usage: render.sh PAGE
set -u
page=$1
command -v man >/dev/null 2>&1 || { echo "man (man-db) is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for warnings in --warnings --warnings=w; do
    MANWIDTH=80 man "$warnings" -l "$page" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
        cat "$tmp/err"
        echo "FAIL: MANWIDTH=80 man $warnings -l $page: exit $rc, warnings above"
        status=1
    fi
done
width=$(wc -L <"$tmp/out")
if [ "$width" -gt 80 ]; then
    awk 'length($0) > 80' "$tmp/out"
    echo "FAIL: $page: lines of $width columns (at most 80)"
    status=1
fi
[ -s "$tmp/out" ] || { echo "FAIL: $page: nothing rendered"; status=1; }
[ "$status" -eq 0 ] && echo "ok: $page renders without warnings in 80 columns"
exit $status
