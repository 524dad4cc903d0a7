#!/bin/sh
# Golden test of one invalid set: runs CHECK on NAME.json from inside
# tests/spec/invalid (so FILE in the messages is the bare name) and compares
# stderr with NAME.expected exactly.  CHECK is `briefing check` or the
# reader's check_driver (same output).  Exit 0 when equal and CHECK exited 1.
#   usage: golden.sh NAME CHECK [ARGS...]
set -u
name=$1
shift
cd "$SRCDIR/tests/spec/invalid" || exit 99
actual=${TMPDIR:-/tmp}/golden.$$.$name
"$@" "$name.json" 2>"$actual" >/dev/null
status=$?
if ! diff -u "$name.expected" "$actual"; then
    rm -f "$actual"
    echo "FAIL: $name: stderr differs from $name.expected (diff above: expected, actual)"
    exit 1
fi
rm -f "$actual"
if [ "$status" -ne 1 ]; then
    echo "FAIL: $name: exit status $status, expected 1"
    exit 1
fi
exit 0
