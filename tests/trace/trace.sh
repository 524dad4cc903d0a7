#!/bin/sh
# Golden geometry test: renders SET with the trace back end (one line per
# device call, numbers rounded to 0.01 pt) and compares it with
# tests/trace/NAME.trace.  With REGEN=1 the expected file is rewritten
# instead; review the diff like code.
#   usage: trace.sh NAME SET.json [LAYOUT]
set -u
name=$1 set=$2 layout=${3:-briefing}
expected="$SRCDIR/tests/trace/$name.trace"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! "$BRIEFING" render "$set" -l "$layout" --format trace -o "$out/actual.trace"; then
    echo "FAIL: $name: render failed"
    exit 1
fi
if [ "${REGEN:-0}" = 1 ]; then
    cp "$out/actual.trace" "$expected"
    echo "regenerated $expected"
    exit 0
fi
if ! diff -u "$expected" "$out/actual.trace" > "$out/diff"; then
    head -60 "$out/diff"
    echo "FAIL: $name: trace differs from $expected ($(grep -c '^[-+][^-+]' "$out/diff") lines); rerun with REGEN=1 if intended"
    exit 1
fi
echo "ok: $name: $(wc -l < "$expected") calls as expected"
