#!/usr/bin/env python3
"""run.py NAME [OUTDIR [PEAKRSS]]: renders case NAME of cases.py and checks it;
run.py --list prints the names.

The set (and a layout given as a dict) are written to OUTDIR/NAME/
(default $CASES_OUT, else the current directory), the document rendered there with $BRIEFING as a trace
(and as a PDF where a check reads one).  Keys of a case:
  args         extra arguments to `briefing render`
  exit         the exit status wanted (default 0)
  stderr       texts standard error must contain
  order        texts the document must contain, first found in this order
  text         texts the document must contain (text runs joined by
               newlines and by spaces, so a wrapped title still matches)
  no_text      texts it must not contain (within a run or across lines)
  count        {text: n}: how often a text occurs
  columns      vertical bars: at least three filled boxes taller than wide
  inside       every fill and stroke lies between the page's side margins
  collisions   0: tests/tools/textcollisions finds no overlap in the PDF
  y_min_tick   ">0": the lowest number at the left of the plot is above 0
  line_segments the number of data lines drawn (subpaths of 4 points or
               more, in no grey)
  max_pages    at most this many pages
  out_dir      render into a directory (-o DIR/); files: the names wanted
  out          -o this name in the work directory; no_file: must not exist
               afterwards
  memory_per_profile_kb  --focus all over the first 40 and the first 400
               entities: the peak memory may grow by at most this much per
               extra profile (measured by PEAKRSS, tests/tools/peakrss: a
               child of this script never measures less than the script)
Prints one line per failure; exit 1 if any, 0 if none."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as case_defs  # noqa: E402

failures = []
PEAKRSS = []  # tests/tools/peakrss, for memory cases (third argument)


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def trace_pages(path):
    pages, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("page "):
                cur = {"size": tuple(map(float, line.split()[1:3])), "ops": []}
                pages.append(cur)
            elif cur is not None:
                cur["ops"].append(line.rstrip("\n"))
    return pages


TEXT_RE = re.compile(r'^text \S+ size ([\d.]+) (#\w+) box ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) "(.*)"$')


def runs(pages):
    out = []
    for p in pages:
        for op in p["ops"]:
            m = TEXT_RE.match(op)
            if m:
                out.append((float(m.group(3)), float(m.group(4)), float(m.group(5)), float(m.group(6)),
                            m.group(7).replace('\\"', '"').replace("\u00a0", " ")))
    return out


def path_points(op):
    nums = re.findall(r"[ML] ([\d.-]+) ([\d.-]+)", op)
    return [(float(x), float(y)) for x, y in nums]


def subpaths(op):
    """The subpaths of a path op, each a list of its points."""
    return [path_points("M " + part) for part in op.split(" M ")[1:]]


def grey(colour):
    r, g, b = int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
    return max(r, g, b) - min(r, g, b) < 16


def margins(layout):
    mm = 72 / 25.4
    m = {"top": 18, "right": 18, "bottom": 22, "left": 18}
    if isinstance(layout, dict):
        m.update(layout.get("page", {}).get("margins_mm", {}))
    return {k: v * mm for k, v in m.items()}


def render(args, cwd):
    return subprocess.run([os.environ["BRIEFING"], "render"] + args, cwd=cwd, capture_output=True, text=True)


def peak_rss_kb(cmd, cwd):
    # meson test sets MALLOC_PERTURB_, with which glibc writes every block
    # it hands out or takes back: pages a render never touches would count.
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}
    kib = os.path.join(cwd, "peak-rss.txt")
    r = subprocess.run([PEAKRSS[0], kib] + cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    with open(kib) as f:
        return int(f.read()), r.returncode, r.stderr.decode(errors="replace")


def check_memory(c, work, layout_arg):
    s = c["set"]
    rss = {}
    for n in (40, 400):
        sub = dict(s)
        keep = {e["id"] for e in s["entities"][:n]}
        sub["entities"] = s["entities"][:n]
        sub["indicators"] = [dict(i, observations=[o for o in i["observations"] if o["entity"] in keep])
                             for i in s["indicators"]]
        path = os.path.join(work, f"set-{n}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(sub, f)
        out = os.path.join(work, f"out-{n}")
        shutil.rmtree(out, ignore_errors=True)
        kb, rc, err = peak_rss_kb([os.environ["BRIEFING"], "render", path] + layout_arg +
                                  ["--focus", "all", "-o", out + "/"], work)
        if rc != 0:
            fail(f"--focus all over {n} entities exited {rc}: {err.strip()[:300]}")
            return
        made = len(os.listdir(out))
        if made != n:
            fail(f"--focus all over {n} entities made {made} files")
        shutil.rmtree(out, ignore_errors=True)
        rss[n] = kb
    per = (rss[400] - rss[40]) / 360
    print(f"peak memory: {rss[40]} KB for 40 profiles, {rss[400]} KB for 400: {per:.1f} KB per profile")
    if per > c["memory_per_profile_kb"]:
        fail(f"memory grows by {per:.1f} KB per profile (at most {c['memory_per_profile_kb']})")


def main(argv):
    all_cases = {c["name"]: c for c in case_defs.cases()}
    if argv == ["--list"]:
        print("\n".join(all_cases))
        return 0
    if len(argv) == 3:
        PEAKRSS.append(argv.pop())
    if len(argv) == 2:
        os.environ["CASES_OUT"] = argv.pop()
    if len(argv) != 1 or argv[0] not in all_cases:
        print(__doc__)
        return 2
    c = all_cases[argv[0]]
    print(f"{c['name']}: {c['about']}")
    work = os.path.join(os.environ.get("CASES_OUT") or tempfile.mkdtemp(prefix="briefing-case-"), c["name"])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(work, "set.json"), "w", encoding="utf-8") as f:
        json.dump(c["set"], f, indent=1, ensure_ascii=False)
    layout = c["layout"]
    if isinstance(layout, dict):
        with open(os.path.join(work, "layout.json"), "w", encoding="utf-8") as f:
            json.dump(layout, f, ensure_ascii=False)  # one line: messages say layout.json:1:COL
        layout_arg = ["-l", "layout.json"]
    else:
        layout_arg = ["-l", layout]
    if "memory_per_profile_kb" in c:
        if not PEAKRSS:
            print("run.py: a memory case needs PEAKRSS")
            return 2
        if os.environ.get("BR_SANITIZE", "none") != "none":
            # ASan keeps freed memory in its quarantine (256 MB) on purpose,
            # so peak memory grows with the work done; LeakSanitizer checks
            # this build for leaks instead, the plain build for growth.
            print(f"SKIP: peak memory is not measurable under -Db_sanitize={os.environ['BR_SANITIZE']}")
            return 77
        check_memory(c, work, layout_arg)
        print(f"{len(failures)} failures")
        return 1 if failures else 0

    args = ["set.json"] + layout_arg + c.get("args", [])
    want_exit = c.get("exit", 0)
    if c.get("out_dir"):
        r = render(args + ["-o", "out/"], work)
    elif "out" in c:
        r = render(args + ["-o", c["out"]], work)
    else:
        r = render(args + ["--format", "trace", "-o", "out.trace"], work)
    if r.returncode != want_exit:
        fail(f"exit status {r.returncode}, wanted {want_exit}; stderr: {r.stderr.strip()[:400]}")
    for s in c.get("stderr", []):
        if s not in r.stderr:
            fail(f"standard error lacks {s!r}: {r.stderr.strip()[:400]}")
    if "files" in c:
        got = sorted(os.listdir(os.path.join(work, "out"))) if os.path.isdir(os.path.join(work, "out")) else []
        if got != sorted(c["files"]):
            fail(f"files {got[:12]} (of {len(got)}), wanted {sorted(c['files'])[:12]}")
    if "no_file" in c and os.path.exists(os.path.join(work, c["no_file"])):
        fail(f"{c['no_file']} exists after the failed run")
    trace = os.path.join(work, "out.trace")
    if want_exit == 0 and os.path.exists(trace):
        check_trace(c, trace, layout)
    if c.get("pdf") and want_exit == 0:
        r = render(args + ["-o", "out.pdf"], work)
        if r.returncode != 0:
            fail(f"PDF render exited {r.returncode}: {r.stderr.strip()[:300]}")
        elif "collisions" in c:
            tc = subprocess.run([sys.executable, os.path.join(os.environ["TOOLS"], "textcollisions"),
                                 os.path.join(work, "out.pdf")], capture_output=True, text=True)
            if tc.returncode != 0:
                fail("text collisions: " + tc.stdout.strip()[-600:])
    print(f"{len(failures)} failures")
    return 1 if failures else 0


def check_trace(c, trace, layout):
    pages = trace_pages(trace)
    rs = runs(pages)
    texts = ["\n".join(r[4] for r in rs), " ".join(r[4] for r in rs)]
    for t in c.get("text", []):
        if not any(t in x for x in texts):
            fail(f"the document lacks {t!r}")
    for t in c.get("no_text", []):
        if t in texts[0]:  # runs intact: "Austria" next to "59.5%" is not "Austria 59.5%"
            hits = [r[4] for r in rs if t in r[4]][:3]
            fail(f"the document shows {t!r}: {hits}")
    order = c.get("order", [])
    at = [texts[0].find(t) for t in order]
    for t, i in zip(order, at):
        if i < 0:
            fail(f"the document lacks {t!r} (of order {order})")
    if all(i >= 0 for i in at) and at != sorted(at):
        fail(f"texts not in the order {order}: found at {at}")
    for t, n in c.get("count", {}).items():
        got = texts[0].count(t)
        if got != n:
            fail(f"{t!r} occurs {got} times, wanted {n}")
    if "max_pages" in c and len(pages) > c["max_pages"]:
        fail(f"{len(pages)} pages, at most {c['max_pages']} wanted")
    fills = [op for p in pages for op in p["ops"] if op.startswith("fill ")]
    strokes = [op for p in pages for op in p["ops"] if op.startswith("stroke ")]
    if c.get("columns"):
        tall = 0
        for op in fills:
            pts = path_points(op)
            if len(pts) == 4:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                tall += (max(ys) - min(ys)) > 1.5 * (max(xs) - min(xs)) > 0
        if tall < 3:
            fail(f"{tall} filled boxes taller than wide: the bars are not columns")
    if c.get("inside"):
        m = margins(layout)
        for p in pages:
            left, right = m["left"] - 0.5, p["size"][0] - m["right"] + 0.5
            for op in p["ops"]:
                if op.startswith(("fill ", "stroke ")):
                    xs = [pt[0] for pt in path_points(op)]
                    if xs and (min(xs) < left or max(xs) > right):
                        fail(f"drawn outside the frame ({min(xs):.1f}..{max(xs):.1f} not in "
                             f"{left:.1f}..{right:.1f}): {op[:80]}")
                        break
    if c.get("y_min_tick") == ">0":
        nums = []
        xs_left = min((r[0] for r in rs), default=0)
        for r in rs:
            if abs(r[0] - xs_left) < 40 and re.fullmatch(r"-?[\d,.]+", r[4]):
                nums.append(float(r[4].replace(",", "")))
        if not nums:
            fail("no y tick labels found")
        elif min(nums) <= 0:
            fail(f"the y axis starts at {min(nums)}")
    if "line_segments" in c:
        n = 0
        for op in strokes:
            colour = op.split()[1]
            if grey(colour):
                continue
            n += sum(1 for sp in subpaths(op) if len(sp) >= 4)
        if n != c["line_segments"]:
            fail(f"{n} data lines drawn, wanted {c['line_segments']}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
