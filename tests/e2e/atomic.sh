#!/usr/bin/env bash
# atomic: a failed render leaves an existing output file byte-identical,
# exits 1 with a message and leaves no temporary files behind; usage errors
# exit 2; `briefing check` exits 0 on the samples and 1 on a bad set.
#   atomic.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init atomic "$@"

# expect_exit WANT LABEL CMD...: runs CMD, checks its exit code, and that
# it said something on stderr when it failed.
expect_exit() {
  local want=$1 label=$2; shift 2
  local rc=0
  "$@" >"$W/last.out" 2>"$W/last.err" </dev/null || rc=$?
  if [ "$rc" -ne "$want" ]; then
    fail "$label: exit $rc, want $want"
    show_log "$W/last.err"
    return 0
  fi
  if [ "$want" -ne 0 ] && [ ! -s "$W/last.err" ]; then
    fail "$label: exit $rc but no message on stderr"
    return 0
  fi
  if [ "$rc" -ne 0 ]; then say "$label: exit $rc: $(head -1 "$W/last.err")"; else say "$label: exit 0"; fi
}

# no_temp DIR LABEL: no temporary files (*.tmp*, .*tmp*, *~) in DIR.
no_temp() {
  local left
  left=$(find "$1" -mindepth 1 -maxdepth 1 \( -name '*.tmp*' -o -name '.*tmp*' -o -name '*~' \) -printf '%f ' 2>/dev/null)
  [ -z "$left" ] || fail "$2: temporary files left in $1: $left"
}

# Invalid sets.
python3 - "$EN" "$W" <<'EOF' || die "could not write the invalid sets"
import json, sys
src, w = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    s = json.load(f)
s["format"] = "indicator-set/2"
with open(w + "/bad-format.json", "w", encoding="utf-8") as f:
    json.dump(s, f, ensure_ascii=False)
with open(src, encoding="utf-8") as f:
    text = f.read()
with open(w + "/truncated.json", "w", encoding="utf-8") as f:
    f.write(text[: len(text) // 2])
EOF

out=$W/out
mkdir -p "$out"
printf 'existing output, must survive a failed render\n' >"$out/keep.pdf"
cp "$out/keep.pdf" "$W/keep.orig"
mkdir -p "$out/png"
printf 'existing page 1\n' >"$out/png/keep-1.png"
cp "$out/png/keep-1.png" "$W/keep-1.orig"

expect_exit 1 "render of a set with format indicator-set/2" \
  "$BRIEFING" render "$W/bad-format.json" -o "$out/keep.pdf"
cmp -s "$out/keep.pdf" "$W/keep.orig" || fail "bad-format render changed the existing $out/keep.pdf"
no_temp "$out" "bad-format render"

expect_exit 1 "render of truncated JSON" \
  "$BRIEFING" render "$W/truncated.json" -o "$out/keep.pdf"
cmp -s "$out/keep.pdf" "$W/keep.orig" || fail "truncated-JSON render changed the existing $out/keep.pdf"
no_temp "$out" "truncated-JSON render"

expect_exit 1 "render of a missing file" \
  "$BRIEFING" render "$W/no-such-set.json" -o "$out/keep.pdf"
cmp -s "$out/keep.pdf" "$W/keep.orig" || fail "missing-input render changed the existing $out/keep.pdf"

expect_exit 1 "PNG render of a set with format indicator-set/2" \
  "$BRIEFING" render "$W/bad-format.json" --format png -o "$out/png/keep.png"
cmp -s "$out/png/keep-1.png" "$W/keep-1.orig" || fail "failed PNG render changed the existing $out/png/keep-1.png"
no_temp "$out/png" "failed PNG render"
[ ! -e "$out/png/keep-2.png" ] || fail "failed PNG render wrote $out/png/keep-2.png"

expect_exit 1 "render into a directory that does not exist" \
  "$BRIEFING" render "$EN" -o "$W/no/such/dir/out.pdf"
[ ! -e "$W/no" ] || fail "render into a missing directory created $W/no"
no_temp "$W" "render into a missing directory"

# A good render over the existing file replaces it, with no leftovers.
expect_exit 0 "render over an existing file" "$BRIEFING" render "$EN" -o "$out/keep.pdf"
head -c 5 "$out/keep.pdf" | grep -q '^%PDF-' || fail "render over an existing file did not write a PDF"
no_temp "$out" "successful render"

# Usage errors.
expect_exit 2 "briefing with no arguments" "$BRIEFING"
expect_exit 2 "briefing render with no file" "$BRIEFING" render
expect_exit 2 "unknown option" "$BRIEFING" render --no-such-option "$EN" -o "$W/u.pdf"
expect_exit 2 "unknown command" "$BRIEFING" frobnicate "$EN"
expect_exit 2 "unknown --format" "$BRIEFING" render "$EN" --format bmp -o "$W/u.pdf"
expect_exit 2 "non-numeric --dpi" "$BRIEFING" render "$EN" --format png --dpi lots -o "$W/u.png"
[ ! -e "$W/u.pdf" ] && [ ! -e "$W/u-1.png" ] || fail "a usage error wrote output"
no_temp "$W" "usage errors"

# briefing check.
expect_exit 0 "check of the samples" "$BRIEFING" check "$EN" "$DE"
expect_exit 1 "check of a set with format indicator-set/2" "$BRIEFING" check "$W/bad-format.json"
expect_exit 1 "check of a good and a bad set" "$BRIEFING" check "$EN" "$W/bad-format.json"
e2e_finish
