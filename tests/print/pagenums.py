#!/usr/bin/env python3
"""pagenums.py COLS ROWS PDF: the logical page numbers the layout printed
("Page N of M" in the footer) in each cell of each imposed sheet, read
back with poppler's `pdftotext -bbox` (not our renderer's idea of where
they went).  Prints one line a sheet: the cells in reading order, each a
number or '-' for a cell without one (a blank).  Exit 2 when the PDF
cannot be read, 1 when a cell shows two numbers."""
import html
import re
import subprocess
import sys

PAGE = re.compile(r'<page width="([-\d.]+)" height="([-\d.]+)">')
WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')


def main():
    cols, rows, pdf = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    try:
        out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        print(f'pagenums: {pdf}: {e}', file=sys.stderr)
        return 2
    status = 0
    for chunk in out.split('<page ')[1:]:
        m = PAGE.match('<page ' + chunk)
        w, h = float(m.group(1)), float(m.group(2))
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(chunk)]
        cells = [[] for _ in range(cols * rows)]
        for i in range(len(words) - 1):
            if words[i][4] == 'Page' and words[i + 1][4].isdigit():
                x = (words[i][0] + words[i][2]) / 2
                y = (words[i][1] + words[i][3]) / 2
                cell = min(int(y / (h / rows)), rows - 1) * cols + min(int(x / (w / cols)), cols - 1)
                cells[cell].append(words[i + 1][4])
        if any(len(c) > 1 for c in cells):
            status = 1
        print(' '.join(','.join(c) if c else '-' for c in cells))
    return status


if __name__ == '__main__':
    sys.exit(main())
