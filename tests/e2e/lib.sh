# Sourced by every end-to-end test script:
#   bash tests/e2e/NAME.sh WORK_ROOT PNGDIFF [ARGS...]
# Environment (tests/meson.build test_env): BRIEFING, SRCDIR, TOOLS (the
# checkers in tests/tools), GENDATA (the generated synthetic sets), LC_ALL,
# TZ, SOURCE_DATE_EPOCH.
#
# e2e_init NAME "$@" makes a fresh work dir $W = WORK_ROOT/NAME.d, sets
# PNGDIFF, and leaves the remaining arguments in E2E_ARGS.  fail records a
# failure and goes on; die stops at once.  e2e_finish removes $W when all
# passed and keeps it (printing its path) otherwise.  All output goes to
# stdout so that meson --print-errorlogs shows it in order.
set -euo pipefail

E2E_NAME=e2e
E2E_FAILS=0

say()  { echo "$E2E_NAME: $*"; }
fail() { echo "$E2E_NAME: FAIL: $*"; E2E_FAILS=$((E2E_FAILS + 1)); }
die()  { fail "$@"; e2e_finish; }

e2e_init() {
  E2E_NAME=$1; shift
  [ $# -ge 2 ] || { echo "$E2E_NAME: usage: $0 WORK_ROOT PNGDIFF [ARGS...]"; exit 2; }
  local root=$1
  PNGDIFF=$2
  shift 2
  E2E_ARGS=("$@")
  local v
  for v in BRIEFING SRCDIR TOOLS GENDATA; do
    [ -n "${!v:-}" ] || { echo "$E2E_NAME: FAIL: environment variable $v not set (run through meson test)"; exit 1; }
  done
  [ -x "$BRIEFING" ] || { echo "$E2E_NAME: FAIL: briefing binary $BRIEFING missing"; exit 1; }
  mkdir -p "$root"
  W=$(cd "$root" && pwd)/$E2E_NAME.d
  rm -rf "$W"
  mkdir -p "$W"
  EN=$SRCDIR/data/cn-provinces-2026.json
  DE=$SRCDIR/data/cn-provinces-2026.de.json
}

e2e_finish() {
  if [ "$E2E_FAILS" -gt 0 ]; then
    say "$E2E_FAILS check(s) failed; files kept in $W"
    exit 1
  fi
  rm -rf "$W"
  say "ok"
  exit 0
}

# need TOOL PACKAGE: a missing tool is a failure, not a skip (setup.sh --test
# installs it).
need() {
  command -v "$1" >/dev/null 2>&1 || die "missing tool $1 (install $2: ./setup.sh --test)"
}

# show_log FILE: a program's stderr, indented; long ones (sanitizer reports)
# as their first 40 and last 15 lines.
show_log() {
  local n
  n=$(wc -l <"$1")
  if [ "$n" -le 60 ]; then
    sed 's/^/  stderr: /' "$1"
  else
    head -40 "$1" | sed 's/^/  stderr: /'
    echo "  stderr: ... ($((n - 55)) lines left out; all in $1)"
    tail -15 "$1" | sed 's/^/  stderr: /'
  fi
}

# render LABEL ARGS...: runs "$BRIEFING render ARGS..." and dies, showing its
# stderr, when it does not exit 0.  stderr is kept in $W/LABEL.err.
render() {
  local label=$1; shift
  local rc=0
  "$BRIEFING" render "$@" >"$W/$label.out" 2>"$W/$label.err" || rc=$?
  if [ $rc -ne 0 ]; then
    show_log "$W/$label.err"
    die "briefing render $* exited $rc"
  fi
}

# pdf_pages PDF: page count from pdfinfo.
pdf_pages() {
  pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# json_get FILE KEY: a top-level string of an indicator set.
json_get() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))[sys.argv[2]])' "$1" "$2"
}

# file_size FILE
file_size() { stat -c %s "$1"; }
