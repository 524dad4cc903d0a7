#!/usr/bin/env bash
# parity: the libharu PDF, rasterised with pdftocairo, matches the Cairo PNG
# back end page by page: at most 0.1 % of pixels differ by more than 64 in a
# channel.  Resolution 96 dpi when every stroke in the trace is at least
# 0.8 pt, else 300 dpi (poppler widens strokes of 1 device pixel or less
# when it rasterises libharu's PDF).  Runs for the English and German samples.
#   parity.sh WORK_ROOT PNGDIFF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init parity "$@"
need pdftocairo poppler-utils
need pdfinfo poppler-utils
[ -x "$PNGDIFF" ] || die "pngdiff tool $PNGDIFF missing"

# page_files DIR PREFIX: PREFIX-N.png files in page order, whatever the
# zero padding (pdftocairo pads to the width of the page count).
page_files() {
  local f
  for f in "$1/$2"-*.png; do
    [ -e "$f" ] || continue
    local n=${f##*-}; n=${n%.png}
    [[ $n =~ ^[0-9]+$ ]] && printf '%d\t%s\n' "$((10#$n))" "$f"
  done | sort -n | cut -f2-
}

for lang in en de; do
  case $lang in en) set_file=$EN ;; de) set_file=$DE ;; esac
  d=$W/$lang
  mkdir -p "$d"

  # Thinnest stroke, from the trace back end ("stroke #rrggbb w 0.50 ...").
  dpi=96
  if "$BRIEFING" render "$set_file" --format trace -o "$d/trace.txt" >/dev/null 2>"$d/trace.err"; then
    thin=$(awk '$1 == "stroke" { for (i = 2; i < NF; i++) if ($i == "w") { w = $(i + 1) + 0; if (min == "" || w < min) min = w } }
                END { print min }' "$d/trace.txt")
    if [ -n "$thin" ] && awk -v t="$thin" 'BEGIN { exit !(t < 0.8) }'; then
      dpi=300
    fi
    say "$lang: thinnest stroke ${thin:-none} pt -> ${dpi} dpi"
  else
    dpi=300
    say "$lang: --format trace failed ($(head -1 "$d/trace.err")); comparing at 300 dpi"
  fi

  render "$lang-pdf" "$set_file" -o "$d/doc.pdf"
  render "$lang-png" "$set_file" --format png --dpi "$dpi" -o "$d/cairo.png"
  pdftocairo -png -r "$dpi" "$d/doc.pdf" "$d/poppler" 2>"$d/pdftocairo.err" ||
    { fail "$lang: pdftocairo failed: $(head -3 "$d/pdftocairo.err")"; continue; }

  pages=$(pdf_pages "$d/doc.pdf")
  mapfile -t cairo_pages < <(page_files "$d" cairo)
  mapfile -t poppler_pages < <(page_files "$d" poppler)
  if [ "${#cairo_pages[@]}" -ne "${#poppler_pages[@]}" ] || [ "${#cairo_pages[@]}" -ne "${pages:-0}" ]; then
    fail "$lang: page counts differ: PDF $pages, --format png ${#cairo_pages[@]}, pdftocairo ${#poppler_pages[@]}"
    continue
  fi
  for ((i = 0; i < ${#cairo_pages[@]}; i++)); do
    p=$((i + 1))
    diff_png=$d/diff-$p.png
    if out=$("$PNGDIFF" "${cairo_pages[i]}" "${poppler_pages[i]}" 0.001 64 "$diff_png" 2>&1); then
      say "$lang page $p @${dpi}dpi: $out"
      rm -f "$diff_png"
    else
      fail "$lang page $p @${dpi}dpi: $out"
      say "  cairo:   ${cairo_pages[i]}"
      say "  poppler: ${poppler_pages[i]}"
      [ -e "$diff_png" ] && say "  diff:    $diff_png"
    fi
  done
done
e2e_finish
