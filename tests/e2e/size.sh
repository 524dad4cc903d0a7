#!/usr/bin/env bash
# size: fonts are subset, CJK included.  The English sample briefing is at
# most 100 KB; the same set with each entity's name replaced by names.zh is at
# most 150 KB and its text layer holds the Chinese names; every font is
# embedded, subset and has a ToUnicode map.
#   size.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init size "$@"
need pdffonts poppler-utils
need pdftotext poppler-utils

EN_MAX=100000
ZH_MAX=150000

# Chinese variant of the English set.
python3 - "$EN" "$W/zh.json" <<'EOF' || die "could not write the Chinese variant of $EN"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    s = json.load(f)
n = 0
for e in s["entities"]:
    zh = e.get("names", {}).get("zh")
    if zh:
        e["name"] = zh
        n += 1
if n == 0:
    sys.exit("no entity has names.zh")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(s, f, ensure_ascii=False, indent=1)
EOF
# The Chinese name of Inner Mongolia (entity NM), as the data spells it.
want_zh=$(python3 -c 'import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
print(next(e["names"]["zh"] for e in s["entities"] if e["id"] == "NM"))' "$EN") ||
  die "no names.zh for entity NM in $EN"

render en "$EN" -o "$W/en.pdf"
render zh "$W/zh.json" -o "$W/zh.pdf"

check_fonts() { # PDF
  local fonts line col n
  fonts=$(pdffonts "$1" 2>/dev/null | tail -n +3)
  [ -n "$fonts" ] || { fail "$(basename "$1"): pdffonts lists no fonts"; return; }
  while read -r line; do
    [ -z "$line" ] && continue
    read -r -a col <<< "$line"
    n=${#col[@]}
    # columns from the right: object ID (2), uni, sub, emb
    [ "${col[n-5]}" = yes ] || fail "$(basename "$1"): font not embedded: $line"
    [ "${col[n-4]}" = yes ] || fail "$(basename "$1"): font not subset: $line"
    [ "${col[n-3]}" = yes ] || fail "$(basename "$1"): font has no ToUnicode map: $line"
  done <<< "$fonts"
  say "$(basename "$1") fonts:"
  printf '%s\n' "$fonts" | sed 's/^/    /'
}

en_size=$(file_size "$W/en.pdf")
zh_size=$(file_size "$W/zh.pdf")
say "en.pdf $en_size bytes (max $EN_MAX), zh.pdf $zh_size bytes (max $ZH_MAX)"
[ "$en_size" -le "$EN_MAX" ] || fail "English briefing is $en_size bytes, more than $EN_MAX"
[ "$zh_size" -le "$ZH_MAX" ] || fail "Chinese-names briefing is $zh_size bytes, more than $ZH_MAX"

check_fonts "$W/en.pdf"
check_fonts "$W/zh.pdf"

text=$(pdftotext -enc UTF-8 "$W/zh.pdf" - 2>/dev/null | tr -s ' \n' '  ')
case "$text" in
  *"$want_zh"*) say "zh.pdf text layer has $want_zh" ;;
  *) fail "zh.pdf text layer lacks \"$want_zh\" (Inner Mongolia)" ;;
esac
e2e_finish
