#!/bin/sh
# Golden test of one chart case: renders SET with LAYOUT (a small layout,
# usually one chart block on a page) and checks
#   1. the trace (device calls, 0.01 pt) equals DIR/NAME.trace,
#   2. the Cairo PNG at 96 dpi equals DIR/NAME.ref.png within the tolerance
#      (at most 0.1 % of pixels differ by more than 64 in a channel),
#   3. the PDF has no text collisions as a reader sees them
#      (tests/tools/textcollisions).
# With REGEN=1, 1 and 2 rewrite the expected files instead; review them
# (look at the PNG) like code.  On failure the actual files stay in the
# build directory.
#   usage: chart.sh DIR NAME SET.json LAYOUT.json PNGDIFF
set -u
dir=$1 name=$2 set=$3 layout=$4 pngdiff=$5
out=${MESON_BUILD_ROOT:-$PWD}/chart-tests/$name
rm -rf "$out"
mkdir -p "$out"
fail=0
"$BRIEFING" render "$set" -l "$layout" --format trace -o "$out/actual.trace" || { echo "FAIL: $name: trace render failed"; exit 1; }
"$BRIEFING" render "$set" -l "$layout" --format png --dpi 96 -o "$out/actual.png" || { echo "FAIL: $name: PNG render failed"; exit 1; }
"$BRIEFING" render "$set" -l "$layout" -o "$out/actual.pdf" || { echo "FAIL: $name: PDF render failed"; exit 1; }
if [ "${REGEN:-0}" = 1 ]; then
    cp "$out/actual.trace" "$dir/$name.trace"
    cp "$out/actual-1.png" "$dir/$name.ref.png"
    echo "regenerated $dir/$name.trace and $dir/$name.ref.png"
else
    if ! diff -u "$dir/$name.trace" "$out/actual.trace" > "$out/trace.diff"; then
        head -40 "$out/trace.diff"
        echo "FAIL: $name: trace differs from $dir/$name.trace (REGEN=1 to accept)"
        fail=1
    fi
    if ! "$pngdiff" "$dir/$name.ref.png" "$out/actual-1.png" 0.001 64 "$out/diff.png"; then
        echo "FAIL: $name: PNG differs from $dir/$name.ref.png; see $out/diff.png"
        fail=1
    fi
fi
if ! python3 "$TOOLS/textcollisions" "$out/actual.pdf"; then
    echo "FAIL: $name: text collisions"
    fail=1
fi
[ $fail = 0 ] && rm -rf "$out" && echo "ok: $name"
exit $fail
