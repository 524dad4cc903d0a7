#!/usr/bin/env python3
"""check_set.py SET LAYOUT

Renders the real-data set SET (countries, counties, states-income, monthly,
industries, population: made by convert.py from tests/realdata/node_modules)
with the shipped layout LAYOUT (briefing, briefing-letter, onepager,
profile) and checks the PDF as a reader would see it.  LAYOUT profile-all
renders `--focus all` instead, into a fresh directory, and checks that one
PDF is made per entity the set can profile.

Checks (one line per failure on stdout, "FAIL: ..."):
  render     briefing render exits 0 (PDF and --format trace)
  pdfcheck   tests/tools/pdfcheck passes (qpdf, poppler, MuPDF, Ghostscript)
  collisions tests/tools/textcollisions reports 0
  pages      tests/layout/check_pages.py passes on the trace (page numbers,
             nothing outside the margins, no stranded headings, no widows)
  names      (briefing only) every indicator that has data is named: its name,
             or the start of it cut with "…", is in the text of the PDF
  no-data    no "no data" panel (the text "no data" alone inside a filled or
             stroked rectangle drawn just before it, as frame.c draws it) unless its title is an
             indicator of the set that has no data at all
  slugs      no text run is a raw topic slug ("clean-energy", "patents"):
             the set's topics and the layout's (a line of a wrapped title
             or table header that happens to be such a word does not count)
  periods    no year range is shown raw ("2011/2013" instead of "2011–2013")
  page-count > 0; at most the layout's page.max_pages (onepager: 1,
             profile: 2); briefing and briefing-letter: at most
             2 + N + ceil(E / 30) * ceil(N / 6) for N indicators with data
             and E entities (see README.md)
With LAYOUT briefing it also writes every page as PNG (pdftocairo -png -r 60)
into $REALDATA_OUT/png/SET-*.png for a person to look at.

Environment (tests/realdata/meson.build sets it): BRIEFING (the binary),
SRCDIR, TOOLS (tests/tools), REALDATA_OUT (where sets, PDFs and PNGs go).
Exit 0 when every check passes, 1 when one fails, 77 (skip) when the npm
packages are not installed (./setup.sh --test installs them).
Python 3 standard library only."""
import fcntl
import glob
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = ["countries", "counties", "states-income", "monthly", "industries", "population"]
LAYOUTS = ["briefing", "briefing-letter", "onepager", "profile", "profile-all"]
NO_DATA = {"en": "no data", "de": "keine Daten", "zh": "无数据"}
PAGE_FORMAT = {"en": "Page {i} of {n}", "de": "Seite {i} von {n}", "zh": "第{i}页，共{n}页"}
# Subnational kinds: what a set compares by default when it has any.
NATIONAL = {"world", "country", "group"}
COLOUR = r'(?:#\w+|gray [\d.]+|cmyk [\d.]+ [\d.]+ [\d.]+ [\d.]+)(?: alpha=[\d.]+)?'
TEXT = re.compile(r'text (\S+) size ([\d.]+) (' + COLOUR + r') box ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) "(.*)"$')
BOX = re.compile(r'(?:fill(?: evenodd)?|stroke) ' + COLOUR + r'(?: w [\d.]+)?(?: cap=\d+ join=\d+)?(?: dash[\d. ]+?)? M ([-\d.]+) ([-\d.]+) L ([-\d.]+) ([-\d.]+) L ([-\d.]+) ([-\d.]+) '
                  r'L ([-\d.]+) ([-\d.]+) Z$')

failures = []


def fail(msg):
    failures.append(msg)
    print(f"FAIL: {msg}", flush=True)


def env(name):
    v = os.environ.get(name)
    if not v:
        print(f"check_set.py: ${name} is not set (run through meson test)", file=sys.stderr)
        sys.exit(2)
    return v


# ---- the sets, made once per build directory ----

def ensure_sets(out):
    """Runs convert.py into OUT/sets unless it is up to date (a stamp of
    convert.py and package-lock.json); a lock keeps parallel tests from
    converting twice."""
    sets = os.path.join(out, "sets")
    os.makedirs(sets, exist_ok=True)
    h = hashlib.sha256()
    for f in ("convert.py", "package-lock.json"):
        h.update(open(os.path.join(HERE, f), "rb").read())
    stamp = h.hexdigest()
    with open(os.path.join(sets, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp_file = os.path.join(sets, ".stamp")
        if os.path.exists(stamp_file) and open(stamp_file).read() == stamp and \
                all(os.path.exists(os.path.join(sets, s + ".json")) for s in SETS):
            return sets
        r = subprocess.run([sys.executable, os.path.join(HERE, "convert.py"), sets], capture_output=True, text=True)
        if r.returncode == 2 and "not found" in r.stderr:
            print(f"SKIP: {r.stderr.strip()}")
            sys.exit(77)
        if r.returncode != 0:
            print(r.stderr, end="")
            print("FAIL: convert.py failed")
            sys.exit(1)
        with open(stamp_file, "w") as f:
            f.write(stamp)
    return sets


# ---- reading a set ----

def load_set(path):
    d = json.load(open(path, encoding="utf-8"))
    base = os.path.dirname(path)
    with_data = {}
    for ind in d["indicators"]:
        o = ind["observations"]
        if isinstance(o, str):
            lines = open(os.path.join(base, o), encoding="utf-8").read().splitlines()[1:]
            n = sum(1 for ln in lines if ln and ln.split(",")[2] not in ("", "NA", "N/A", "n/a", ".."))
        else:
            n = sum(1 for x in o if x.get("value") is not None)
        with_data[ind["id"]] = n
    return d, with_data


def focus_entities(d):
    """The entities a profile can be about, as render/api/briefing.c picks
    them: the compared ones, else the countries."""
    ents = d["entities"]
    compares = d.get("compares")
    if compares is not None:
        kinds = set([compares] if isinstance(compares, str) else compares)
    elif any(e["kind"] not in NATIONAL for e in ents):
        kinds = {e["kind"] for e in ents if e["kind"] not in NATIONAL}
    elif any(e["kind"] == "country" for e in ents):
        kinds = {"country"}
    else:
        kinds = {"world"}
    ids = [e["id"] for e in ents if e["kind"] in kinds]
    return ids or [e["id"] for e in ents if e["kind"] == "country"]


# ---- running the tools ----

def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def render(briefing, set_path, layout, out, extra=()):
    args = [briefing, "render", set_path, "-l", layout, *extra, "-o", out]
    r = run(args)
    if r.returncode != 0:
        fail(f"render: {' '.join(args[1:])} exited {r.returncode}: {r.stderr.strip()[:500]}")
        return False
    return True


def pdfcheck(tools, pdf):
    r = run(["bash", os.path.join(tools, "pdfcheck"), pdf])
    if r.returncode != 0:
        lines = [ln for ln in r.stdout.splitlines() if "FAIL" in ln] or r.stdout.splitlines()[-3:]
        for ln in lines[:10]:
            fail(f"pdfcheck: {ln}")


def collisions(tools, pdf):
    r = run([sys.executable, os.path.join(tools, "textcollisions"), pdf])
    last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr.strip()
    if r.returncode != 0:
        shown = r.stdout.strip().splitlines()[:-1][:5]
        fail(f"collisions: {last}" + "".join(f"\n    {s}" for s in shown))


def check_pages(srcdir, trace, layout_path, lang):
    r = run([sys.executable, os.path.join(srcdir, "tests", "layout", "check_pages.py"), trace, layout_path,
             "--page-format", PAGE_FORMAT.get(lang, PAGE_FORMAT["en"])])
    if r.returncode != 0:
        lines = r.stdout.strip().splitlines()
        for ln in lines[:-1][:15]:
            fail(f"pages: {ln}")
        fail(f"pages: {lines[-1] if lines else r.stderr.strip()}")


def pdf_text(pdf, raw=False):
    r = run(["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), pdf, "-"])
    return r.stdout


def norm(s):
    s = re.sub(r"\s+", " ", s)
    return s


def pdf_pages(pdf):
    r = run(["pdfinfo", pdf])
    m = re.search(r"^Pages:\s+(\d+)", r.stdout, re.M)
    return int(m.group(1)) if m else 0


# ---- the trace ----

def read_trace(path):
    """Pages, each a list of ('text', font, size, x0, y0, x1, y1, text) and
    ('box', x0, y0, x1, y1) items (a filled or stroked rectangle) in drawing
    order."""
    pages = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("page "):
            pages.append([])
            continue
        if not pages:
            continue
        m = TEXT.match(line)
        if m:
            f, size, _col, x0, y0, x1, y1, text = m.groups()
            text = re.sub(r"\\(.)", r"\1", text)
            pages[-1].append(("text", f, float(size), float(x0), float(y0), float(x1), float(y1), text))
            continue
        m = BOX.match(line)
        if m:
            xs = [float(v) for v in m.groups()[0::2]]
            ys = [float(v) for v in m.groups()[1::2]]
            pages[-1].append(("box", min(xs), min(ys), max(xs), max(ys)))
        elif line.startswith(("fill", "stroke")):
            pages[-1].append(("path",))
    return pages


def no_data_panels(pages, word):
    """(page, title) of every "no data" panel: the word alone, centred in
    a rectangle filled or stroked just before it; the title is the run of
    text in the title's font and size just before the rectangle."""
    found = []
    for pno, items in enumerate(pages, 1):
        for k, it in enumerate(items):
            if it[0] != "text" or it[7].strip() != word:
                continue
            cx, cy = (it[3] + it[5]) / 2, (it[4] + it[6]) / 2
            box = None
            for j in range(k - 1, max(-1, k - 5), -1):
                p = items[j]
                if p[0] == "box" and p[1] <= cx <= p[3] and p[2] <= cy <= p[4]:
                    box = j
                    break
            if box is None:
                continue
            title = []
            j = box - 1
            while j >= 0 and items[j][0] == "box":
                j -= 1
            while j >= 0 and items[j][0] == "text":
                t = items[j]
                if title and (t[1] != title[0][1] or t[2] != title[0][2]):
                    break
                title.insert(0, t)
                j -= 1
            found.append((pno, " ".join(t[7] for t in title).strip()))
    return found


def trace_text(pages):
    return norm(" ".join(it[7] for items in pages for it in items if it[0] == "text"))


# ---- the checks ----

def name_shown(name, texts):
    """The name, or its start cut with an ellipsis, in one of the texts."""
    name = norm(name)
    for t in texts:
        if name in t:
            return True
    for k in range(len(name) - 1, max(6, len(name) // 3) - 1, -1):
        prefix = name[:k].rstrip(" ,;:-–(")
        if any(prefix + "…" in t or prefix + " …" in t for t in texts):
            return True
    return False


def check_names(d, with_data, texts):
    for ind in d["indicators"]:
        if with_data[ind["id"]] and not name_shown(ind["name"], texts):
            fail(f"names: indicator \"{ind['name']}\" ({ind['id']}, {with_data[ind['id']]} values) is not named "
                 "in the briefing")


def check_no_data(d, with_data, pages, word, label):
    names = {norm(i["name"]): i["id"] for i in d["indicators"]}
    bad = 0
    for pno, title in no_data_panels(pages, word):
        base = re.sub(r" \([^()]*\)$", "", title)  # "Name (2024)": no data for that period
        iid = names.get(title) or names.get(base)
        if not iid and title.endswith("…"):  # a title cut to fit
            cut = title[:-1].rstrip()
            iid = next((i for n, i in names.items() if cut and n.startswith(cut)), None)
        if iid and with_data[iid] == 0:
            continue
        bad += 1
        if bad > 12:
            continue
        if iid:
            fail(f"no-data: {label} page {pno}: \"no data\" panel for \"{title}\", which has "
                 f"{with_data[iid]} values")
        else:
            fail(f"no-data: {label} page {pno}: \"no data\" panel titled \"{title}\" (no indicator of the set: "
                 "a block that found nothing to show)")
    if bad > 12:
        fail(f"no-data: {label}: {bad} \"no data\" panels in all")


def check_slugs(d, layout, pages, label):
    slugs = {i["topic"] for i in d["indicators"]} | set(d.get("topics", {}))

    def walk(blocks):
        for b in blocks:
            if "topic" in b:
                slugs.add(b["topic"])
            slugs.update(b.get("topics", []))
            walk(b.get("blocks", []))
    walk(layout["blocks"])
    def joined(a, b):
        """b is the line after a in one block of text (a wrapped title or
        header cell), so a slug-like word there is just a word."""
        return a[1] == b[1] and a[2] == b[2] and abs(a[6] - b[4]) < 1 and a[3] < b[5] and b[3] < a[5]

    seen = set()
    for pno, items in enumerate(pages, 1):
        texts = [it for it in items if it[0] == "text"]
        for k, it in enumerate(texts):
            if k > 0 and joined(texts[k - 1], it) or k + 1 < len(texts) and joined(it, texts[k + 1]):
                continue
            if it[7].strip() in slugs and (pno, it[7].strip()) not in seen:
                seen.add((pno, it[7].strip()))
                fail(f"slugs: {label} page {pno}: raw topic slug \"{it[7].strip()}\" as text "
                     f"({os.path.basename(it[1])} {it[2]:g} pt)")


def check_periods(d, text, label):
    if not re.search(r'"period": "\d{4}/\d{4}"', json.dumps(d, indent=0)):
        return
    raw = sorted(set(re.findall(r"(?<![\d/])\d{4}/\d{4}(?![\d/])", text)))
    if raw:
        fail(f"periods: {label}: year ranges shown raw: {', '.join(raw[:6])} (want 2011–2013)")


def page_bound(d, with_data):
    n = sum(1 for v in with_data.values() if v)
    e = len(d["entities"])
    return 2 + n + math.ceil(e / 30) * math.ceil(n / 6)


def check_document(ctx, layout_name, pdf, trace, layout_path):
    d, with_data, lang, label = ctx["set"], ctx["with_data"], ctx["lang"], ctx["label"]
    layout = json.load(open(layout_path, encoding="utf-8"))
    pdfcheck(ctx["tools"], pdf)
    collisions(ctx["tools"], pdf)
    check_pages(ctx["srcdir"], trace, layout_path, lang)
    pages = read_trace(trace)
    text = norm(pdf_text(pdf))
    texts = [text, norm(pdf_text(pdf, raw=True)), trace_text(pages)]
    texts += [t.replace("- ", "-") for t in texts]
    if layout_name == "briefing":
        check_names(d, with_data, texts)
    check_no_data(d, with_data, pages, NO_DATA.get(lang, NO_DATA["en"]), label)
    check_slugs(d, layout, pages, label)
    check_periods(d, text, label)
    n = pdf_pages(pdf)
    if n != len(pages):
        fail(f"page-count: {label}: the PDF has {n} pages, the trace {len(pages)}")
    if n < 1:
        fail(f"page-count: {label}: no pages")
    elif max_pages(layout) and n > max_pages(layout):
        fail(f"page-count: {label}: {n} pages, the layout allows {max_pages(layout)}")
    elif layout_name in ("briefing", "briefing-letter") and n > page_bound(d, with_data):
        fail(f"page-count: {label}: {n} pages, more than the bound {page_bound(d, with_data)} "
             f"for {sum(1 for v in with_data.values() if v)} indicators and {len(d['entities'])} entities")
    return n


def max_pages(layout):
    """The layout's page.max_pages (0: no limit)."""
    return int(layout.get("page", {}).get("max_pages", 0))


def pngs(pdf, out, name):
    pdir = os.path.join(out, "png")
    os.makedirs(pdir, exist_ok=True)
    for old in glob.glob(os.path.join(pdir, f"{name}-*.png")):
        os.remove(old)
    r = run(["pdftocairo", "-png", "-r", "60", pdf, os.path.join(pdir, name)])
    if r.returncode != 0:
        fail(f"png: pdftocairo exited {r.returncode}: {r.stderr.strip()[:200]}")
    made = sorted(glob.glob(os.path.join(pdir, f"{name}-*.png")))
    print(f"png: {len(made)} pages in {pdir}/{name}-*.png")


def profile_all(ctx, set_path, layout_path, outdir):
    d = ctx["set"]
    want = [f"{d['id']}.{e}.pdf" for e in focus_entities(d)]
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    if not render(ctx["briefing"], set_path, layout_path, outdir + "/", ["--focus", "all"]):
        return
    got = sorted(f for f in os.listdir(outdir) if not f.startswith("."))
    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    if missing:
        fail(f"profile-all: {len(missing)} of {len(want)} PDFs missing: {', '.join(missing[:5])}")
    if extra:
        fail(f"profile-all: {len(extra)} unexpected files: {', '.join(extra[:5])}")
    broken = []
    for f in got:
        with open(os.path.join(outdir, f), "rb") as fh:
            head = fh.read(8)
            fh.seek(max(0, os.path.getsize(fh.name) - 32))
            tail = fh.read()
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            broken.append(f)
    if broken:
        fail(f"profile-all: {len(broken)} files are not whole PDFs: {', '.join(broken[:5])}")
    # A sample gets the full checks: pdfcheck on 3,000 files would take half an hour.
    present = [f for f in want if f in got]
    sample = sorted({present[int(i * (len(present) - 1) / 4)] for i in range(5)}) if present else []
    for f in sample:
        pdf = os.path.join(outdir, f)
        pdfcheck(ctx["tools"], pdf)
        collisions(ctx["tools"], pdf)
        limit = max_pages(ctx["layout"])
        if limit and pdf_pages(pdf) > limit:
            fail(f"profile-all: {f} has {pdf_pages(pdf)} pages, the layout allows {limit}")
    print(f"profile-all: {len(got)} PDFs for {len(want)} entities; full checks on {', '.join(sample)}")
    if not failures:
        shutil.rmtree(outdir, ignore_errors=True)


def main(argv):
    if len(argv) != 2 or argv[0] not in SETS or argv[1] not in LAYOUTS:
        print(f"usage: check_set.py {{{','.join(SETS)}}} {{{','.join(LAYOUTS)}}}", file=sys.stderr)
        return 2
    set_name, layout_name = argv
    briefing, srcdir, tools, out = env("BRIEFING"), env("SRCDIR"), env("TOOLS"), env("REALDATA_OUT")
    sets = ensure_sets(out)
    set_path = os.path.join(sets, set_name + ".json")
    d, with_data = load_set(set_path)
    lname = "profile" if layout_name == "profile-all" else layout_name
    layout_path = os.path.join(srcdir, "layouts", lname + ".json")
    ctx = {"set": d, "with_data": with_data, "lang": d.get("language", "en")[:2], "briefing": briefing,
           "srcdir": srcdir, "tools": tools, "label": f"{set_name} x {layout_name}",
           "layout": json.load(open(layout_path, encoding="utf-8"))}
    odir = os.path.join(out, "out")
    os.makedirs(odir, exist_ok=True)
    if layout_name == "profile-all":
        profile_all(ctx, set_path, layout_path, os.path.join(odir, f"{set_name}-profile-all.d"))
    else:
        extra = []
        if layout_name == "profile":
            focus = focus_entities(d)[0]
            extra = ["--focus", focus]
            ctx["label"] += f" (--focus {focus})"
        base = os.path.join(odir, f"{set_name}-{layout_name}")
        if render(briefing, set_path, layout_path, base + ".pdf", extra) and \
                render(briefing, set_path, layout_path, base + ".trace", extra + ["--format", "trace"]):
            n = check_document(ctx, layout_name, base + ".pdf", base + ".trace", layout_path)
            print(f"{ctx['label']}: {n} pages, {sum(1 for v in with_data.values() if v)} indicators with data, "
                  f"{len(d['entities'])} entities")
            if layout_name == "briefing":
                pngs(base + ".pdf", out, set_name)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
