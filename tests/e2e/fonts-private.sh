#!/usr/bin/env bash
# fonts-private: a render reads no fontconfig configuration but the project's
# own (fonts/fonts.conf), so it neither depends on nor pays for the system's
# fonts (a cold system cache costs 150-280 ms).  Fontconfig itself reports
# the configuration files it loads when FC_DEBUG includes 1024 (those loaded
# before its debug flags are read, like ours, may go unreported).
#   fonts-private.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init fonts-private "$@"

rc=0
FC_DEBUG=1024 "$BRIEFING" render "$EN" -o "$W/en.pdf" >"$W/fc.log" 2>&1 || rc=$?
[ $rc -eq 0 ] || { show_log "$W/fc.log"; die "render with FC_DEBUG=1024 exited $rc"; }

loaded=$(sed -n 's/^[[:space:]]*Loading config file from //p' "$W/fc.log" | sed 's/ done$//' | sort -u)
foreign=$(printf '%s\n' "$loaded" | grep -v -x -F "$SRCDIR/fonts/fonts.conf" | grep . || true)
if [ -n "$foreign" ]; then
  fail "fontconfig loaded configuration besides $SRCDIR/fonts/fonts.conf:"
  printf '%s\n' "$foreign" | head -5 | sed 's/^/    /'
  say "  (Pango's font map runs FcInit() for the default configuration unless a"
  say "   configuration is current: call FcConfigSetCurrent(private) before creating it)"
else
  say "no system fontconfig configuration loaded"
fi
e2e_finish
