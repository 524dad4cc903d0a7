#!/bin/sh
# One valid set must load cleanly: exit 0 and nothing on stderr.
#   usage: valid.sh NAME CHECK [ARGS...]
set -u
name=$1
shift
cd "$SRCDIR/tests/spec/valid" || exit 99
out=$("$@" "$name.json" 2>&1)
status=$?
if [ "$status" -ne 0 ] || [ -n "$out" ]; then
    printf '%s\n' "$out"
    echo "FAIL: $name: exit status $status, expected 0 and no output"
    exit 1
fi
exit 0
