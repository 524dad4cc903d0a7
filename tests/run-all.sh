#!/usr/bin/env bash
# tests/run-all.sh: the whole test suite, twice, and the threads again.
#   1. build/       gcc, warnings are errors (meson.build default options)
#   2. build-asan/  clang, -Db_sanitize=address,undefined, leaks checked
#   3. build-tsan/  clang, -Db_sanitize=thread: the suite 'threads' (parallel
#                   renders on one engine, the batch pool), races checked
# Runs `meson test --print-errorlogs` in both, goes on after a failure, and
# ends with one line "N passed, N failed, N skipped" summed over the runs.
# Exit 0 only when every build succeeds and no test fails.
# Needs the packages of `./setup.sh --test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

passed=0 failed=0 skipped=0 status=0

# configure DIR [MESON-ARGS...]: set up DIR, or reconfigure it with the
# arguments when it already is one (CC applies only the first time).
configure() {
  local dir=$1; shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$dir" "$@" || meson setup --wipe "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

# count LOG: adds meson test's summary ("Ok: N", "Fail: N", ...) to the
# totals; Expected Fail counts as passed, Unexpected Pass and Timeout as
# failed.  Returns 1 when the log has no summary.
count() {
  local ok xfail fail xpass skip timeout
  ok=$(awk '/^Ok:/ { print $2 }' "$1" | tail -1)
  [ -n "$ok" ] || return 1
  xfail=$(awk '/^Expected Fail:/ { print $3 }' "$1" | tail -1)
  fail=$(awk '/^Fail:/ { print $2 }' "$1" | tail -1)
  xpass=$(awk '/^Unexpected Pass:/ { print $3 }' "$1" | tail -1)
  skip=$(awk '/^Skipped:/ { print $2 }' "$1" | tail -1)
  timeout=$(awk '/^Timeout:/ { print $2 }' "$1" | tail -1)
  passed=$((passed + ok + ${xfail:-0}))
  failed=$((failed + ${fail:-0} + ${xpass:-0} + ${timeout:-0}))
  skipped=$((skipped + ${skip:-0}))
}

# run LABEL DIR [MESON-TEST-ARGS...]: build DIR and run its tests.
run() {
  local label=$1 dir=$2; shift 2
  echo "=== $label: ninja -C $dir"
  if ! ninja -C "$dir"; then
    echo "=== $label: BUILD FAILED"
    failed=$((failed + 1)); status=1
    return 0
  fi
  echo "=== $label: meson test -C $dir"
  local log=$dir/meson-logs/run-all.txt rc=0
  meson test -C "$dir" --print-errorlogs "$@" 2>&1 | tee "$log" || rc=$?
  if ! count "$log"; then
    echo "=== $label: meson test printed no summary (exit $rc)"
    failed=$((failed + 1)); status=1
    return 0
  fi
  if [ $rc -ne 0 ]; then status=1; fi
  echo "=== $label: meson test exit $rc"
}

# 1. gcc.
if configure build; then
  run gcc build
else
  echo "=== gcc: meson setup build FAILED"; failed=$((failed + 1)); status=1
fi

# 2. clang with AddressSanitizer (leaks included) and UBSan.  The LSan
# suppressions cover one-time allocations inside fontconfig, Pango and GLib.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:print_summary=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:print_summary=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
if CC=clang configure build-asan -Db_sanitize=address,undefined -Db_lundef=false; then
  run clang-asan build-asan --timeout-multiplier 4
else
  echo "=== clang-asan: meson setup build-asan FAILED"; failed=$((failed + 1)); status=1
fi
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

# 3. clang with ThreadSanitizer, the threads suite only (tests/threads sets
# TSAN_OPTIONS with the suppressions of tests/tsan.supp).
if CC=clang configure build-tsan -Db_sanitize=thread -Db_lundef=false; then
  run clang-tsan build-tsan --suite threads --timeout-multiplier 4
else
  echo "=== clang-tsan: meson setup build-tsan FAILED"; failed=$((failed + 1)); status=1
fi

if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
