#!/usr/bin/env python3
"""check_pages.py TRACE LAYOUT.json [--table-header TEXT] [--page-format FORMAT]

Checks the pagination of a rendered document from its trace (one line per
device call; `page W H` starts a page; `text FONT size S #rgb box X0 Y0 X1 Y1 "TEXT"`):
  1. every page's footer says "Page i of N" with the right i and N (FORMAT,
     default "Page {i} of {n}"; not checked when the layout's footer has
     no {page});
  2. no content text lies outside the content box of the layout's margins
     (the footer and header bands excepted);
  3. a section heading is never the last content of a page (it keeps with
     what follows);
  4. a paragraph split across pages leaves at least two of its lines on each
     page (no widows or orphans): checked on body-size text runs at the top
     and bottom of each page;
  5. with --table-header TEXT: the table splits (some page says
     "(continued)") and every page that continues it repeats the header
     row, whose first column reads TEXT.
Prints one line per problem; exit 1 if any."""
import json, re, sys

MM = 2.834645669
SIZES = {"A4": (595.28, 841.89), "A5": (419.53, 595.28), "Letter": (612, 792), "A3": (841.89, 1190.55)}


def main():
    trace, layout_path = sys.argv[1], sys.argv[2]
    table_header = sys.argv[sys.argv.index("--table-header") + 1] if "--table-header" in sys.argv else None
    page_format = sys.argv[sys.argv.index("--page-format") + 1] if "--page-format" in sys.argv else "Page {i} of {n}"
    layout = json.load(open(layout_path))
    footer = layout.get("footer")
    numbered = footer is None or "{page}" in json.dumps(footer)
    page = layout.get("page", {})
    m = {"top": 18, "right": 18, "bottom": 22, "left": 18}
    m.update(page.get("margins_mm", {}))
    headings = set()
    for b in layout["blocks"]:
        if b.get("type") == "heading":
            t = b["text"]
            headings.add(t if isinstance(t, str) else t.get("en", ""))
    pages = []
    for line in open(trace, encoding="utf-8"):
        if line.startswith("page "):
            _, w, h = line.split()[:3]
            pages.append({"w": float(w), "h": float(h), "texts": []})
            continue
        mt = re.match(r'text (\S+) size ([\d.]+) #(\w+)(?: alpha=[\d.]+)? box ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) "(.*)"$',
                      line.rstrip("\n"))
        if mt and pages:
            f, size, col, x0, y0, x1, y1, text = mt.groups()
            pages[-1]["texts"].append((float(size), float(x0), float(y0), float(x1), float(y1), text, f))
    problems = []
    n = len(pages)
    for i, p in enumerate(pages, 1):
        top, bottom = m["top"] * MM, p["h"] - m["bottom"] * MM
        want = page_format.format(i=i, n=n)
        footer = [t for t in p["texts"] if t[2] >= bottom - 0.5]
        if numbered and sum(1 for t in footer if want in t[5]) != 1:
            problems.append(f"page {i}: footer lacks \"{want}\" ({[t[5] for t in footer]})")
        content = [t for t in p["texts"] if top - 6 <= t[2] < bottom - 0.5]
        for t in p["texts"]:
            if t in footer:
                continue
            if t[4] > bottom + 0.5 or t[2] < top - 6.5 or t[1] < m["left"] * MM - 0.5 or t[3] > p["w"] - m["right"] * MM + 0.5:
                problems.append(f"page {i}: \"{t[5][:40]}\" leaves the content box ({t[1]:.1f} {t[2]:.1f} {t[3]:.1f} {t[4]:.1f})")
        if content:
            last = max(content, key=lambda t: (t[4], t[1]))
            if last[5].strip() in headings:
                problems.append(f"page {i}: heading \"{last[5]}\" is the last thing on the page")
        body = sorted({round(t[2], 2) for t in content if abs(t[0] - 9.5) < 0.01})
        # A paragraph that continues from the previous page starts at the top.
        if i > 1 and body and abs(body[0] - top) < 0.5:
            run = [y for y in body if y < top + 13.5 * 1.5 + 0.5]
            if len(run) < 2:
                problems.append(f"page {i}: a single line of a paragraph at the top (widow)")
        if table_header and any("(continued)" in t[5] for t in content):
            if not any(t[5] == table_header for t in content):
                problems.append(f"page {i}: the table continues without its header row \"{table_header}\"")
    if table_header and not any("(continued)" in t[5] for p in pages for t in p["texts"]):
        problems.append("the table does not continue on another page (nothing to check)")
    for pr in problems[:30]:
        print(pr)
    print(f"{len(problems)} pagination problems on {n} pages")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
