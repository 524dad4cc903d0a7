#!/bin/sh
# Golden test of one invalid layout: renders the sample set with
# tests/layout/invalid/NAME.json (from inside that directory, so FILE in the
# messages is the bare name) and compares stderr with NAME.expected
# exactly; the render must fail with exit status 1 and write nothing.
#   usage: golden.sh NAME
set -u
name=$1
cd "$SRCDIR/tests/layout/invalid" || exit 99
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BRIEFING" render "$SRCDIR/data/cn-provinces-2026.json" -l "$name.json" -o "$tmp/out.pdf" 2>"$tmp/err" >/dev/null
status=$?
sed "s|$SRCDIR/||g" "$tmp/err" > "$tmp/actual"
if ! diff -u "$name.expected" "$tmp/actual"; then
    echo "FAIL: $name: stderr differs from $name.expected (diff above: expected, actual)"
    exit 1
fi
[ "$status" -eq 1 ] || { echo "FAIL: $name: exit status $status, expected 1"; exit 1; }
[ ! -e "$tmp/out.pdf" ] || { echo "FAIL: $name: a PDF was written"; exit 1; }
ls "$tmp" | grep -q tmp && { echo "FAIL: $name: temporary files left"; exit 1; }
exit 0
