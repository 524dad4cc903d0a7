#!/usr/bin/env bash
# pdfjs: pdf.js (tests/pdfjs/check.mjs, the npm package pdfjs-dist that
# setup.sh --test installs) reads the output of every shipped layout, plain
# and --pdfa, and every profile x language of the sample:
#   - fingerprints (/ID) equal within a file and across reruns, distinct
#     across profiles x languages;
#   - /Lang, outline titles and XMP metadata found; the briefing's outline
#     has Notes and Sources;
#   - --pdfa: Info and XMP agree, every link annotation is printable.
# Skipped (77) without node or tests/pdfjs/node_modules.
#   pdfjs.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init pdfjs "$@"
check=$SRCDIR/tests/pdfjs/check.mjs
if ! command -v node >/dev/null || [ ! -d "$SRCDIR/tests/pdfjs/node_modules/pdfjs-dist" ]; then
  say "SKIP: node or tests/pdfjs/node_modules missing (run setup.sh --test)"
  exit 77
fi
# node's warnings about the optional canvas module are not problems.
js() { node "$check" "$@" 2>"$W/js.err" | tee -a "$W/js.all"; }
js_problems() { grep -v -e '^Warning' -e '^Require stack' -e '^- ' -e 'napi-rs/canvas' "$W/js.err" || true; }

files=()
for layout in "$SRCDIR"/layouts/*.json; do
  name=$(basename "$layout" .json)
  args=("$EN" -l "$layout")
  [ "$name" != profile ] || args+=(--focus AH)
  render "$name" "${args[@]}" -o "$W/$name.pdf"
  render "$name-a" "${args[@]}" --pdfa -o "$W/$name.a.pdf"
  files+=("$W/$name.pdf")
  js --pdfa "$W/$name.a.pdf" >"$W/$name.a.js" || fail "$name --pdfa: $(js_problems)"
done
js "${files[@]}" >"$W/plain.js" || fail "plain PDFs: $(js_problems)"
grep -qx "$W/briefing.pdf outline Notes" "$W/plain.js" || fail "pdf.js finds no Notes bookmark"
grep -qx "$W/briefing.pdf outline Sources" "$W/plain.js" || fail "pdf.js finds no Sources bookmark"
grep -qx "$W/briefing.pdf lang en" "$W/plain.js" || fail "pdf.js finds no /Lang en"
links=$(sed -n 's/.* links //p' "$W/briefing.a.js")
[ "${links:-0}" -gt 0 ] || fail "the briefing has no links (the print flag check would prove nothing)"

render batch "$EN" -l profile --focus all --lang en,de -q -o "$W/batch/"
render batch2 "$EN" -l profile --focus all --lang en,de -q -o "$W/batch2/"
js "$W"/batch/*.pdf >"$W/batch.js" || fail "profiles: $(js_problems)"
js "$W"/batch2/*.pdf >"$W/batch2.js" || fail "profiles, rerun: $(js_problems)"
n=$(grep -c ' fingerprint ' "$W/batch.js")
[ "$n" -ge 62 ] || fail "pdf.js read $n profiles, want 31 entities x 2 languages"
distinct=$(sed -n 's/.* fingerprint //p' "$W/batch.js" | sort -u | wc -l)
[ "$distinct" -eq "$n" ] || fail "$n profiles x languages but $distinct distinct fingerprints"
diff <(sed -n 's|.*/\([^/]*\) fingerprint |\1 |p' "$W/batch.js") \
     <(sed -n 's|.*/\([^/]*\) fingerprint |\1 |p' "$W/batch2.js") >/dev/null ||
  fail "fingerprints differ between two runs"
grep ' lang de$' "$W/batch.js" | grep -q '\.de\.' || fail "the de profiles have no /Lang de"
say "$n profiles, $distinct fingerprints, $links links printable"
e2e_finish
