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

# What the process opens (strace, when it runs here): no system
# configuration, no font file that fonts.list does not list, and of
# fontconfig's caches (render/text/text.c reads the faces of the listed
# files from them) at most one per folder of fonts.list.  Twice: with the
# caches (SOURCE_DATE_EPOCH unset: fontconfig counts the system caches as
# stale under it) and with them turned off (every listed file scanned):
# the two PDFs are the same bytes.
listed=$(sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$SRCDIR/fonts/fonts.list" | grep -v -e '^#' -e '^$' |
  while read -r f; do case $f in /*) echo "$f" ;; *) echo "$SRCDIR/fonts/$f" ;; esac; done)
ndirs=$(printf '%s\n' "$listed" | xargs -n1 dirname | sort -u | wc -l)
# LeakSanitizer cannot run under ptrace: no leak check in these two runs.
# SOURCE_DATE_EPOCH stays set: the command hides it from fontconfig.
noleak="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then
  for mode in caches no-caches; do
    if [ $mode = caches ]; then
      ASAN_OPTIONS=$noleak strace -f -qq -e trace=open,openat -o "$W/open-$mode.log" \
        "$BRIEFING" render "$EN" -o "$W/$mode.pdf" >"$W/$mode.log" 2>&1 || rc=$?
    else
      BRIEFING_FONT_CACHE_DIRS= ASAN_OPTIONS=$noleak strace -f -qq -e trace=open,openat -o "$W/open-$mode.log" \
        "$BRIEFING" render "$EN" -o "$W/$mode.pdf" >"$W/$mode.log" 2>&1 || rc=$?
    fi
    [ $rc -eq 0 ] || { show_log "$W/$mode.log"; die "render under strace ($mode) exited $rc"; }
    opened=$(grep -v -e ENOENT -e ENOTDIR "$W/open-$mode.log" | sed -n 's/.*open[a-z]*([^"]*"\([^"]*\)".*/\1/p' | sort -u)
    etc=$(printf '%s\n' "$opened" | grep '^/etc/fonts' || true)
    [ -z "$etc" ] || fail "$mode: opened system configuration: $(echo $etc | head -c 300)"
    fonts=$(printf '%s\n' "$opened" | grep -i -E '\.(ttf|ttc|otf|otc|pfb|pfa|pcf|pcf\.gz|woff2?)$' | grep -v '/briefing-font-' || true)
    foreign=$(printf '%s\n' "$fonts" | grep . | grep -v -x -F "$listed" || true)
    [ -z "$foreign" ] || fail "$mode: opened font files fonts.list does not list: $(echo $foreign | head -c 300)"
    caches=$(printf '%s\n' "$opened" | grep -c -E '\.cache-[0-9]+$' || true)
    if [ $mode = caches ] && [ "$caches" -gt "$ndirs" ]; then
      fail "$mode: opened $caches fontconfig cache files for $ndirs font folders"
    elif [ $mode = no-caches ] && [ "$caches" -gt 0 ]; then
      fail "$mode: opened $caches fontconfig cache files with BRIEFING_FONT_CACHE_DIRS empty"
    else
      say "$mode: no system configuration, only listed font files, $caches cache files ($ndirs folders)"
    fi
  done
  cmp -s "$W/caches.pdf" "$W/no-caches.pdf" || fail "the PDF from cached faces differs from the one from scanned faces"
else
  say "strace unavailable: the files opened are not checked"
fi
e2e_finish
