#!/usr/bin/env python3
"""text.py BRIEFING WORKDIR [N] [RUNS]

Scaling benchmark of text layout (issue 11.7): renders, for N and 2N,
  - a paragraph of N words of two letters (a layout's text block),
  - a text block of N/2 unmatched '{' between words (template expansion),
  - a word of N/16 characters, broken between characters,
RUNS times each (default 3, after a warm-up) and prints the median CPU
time of the whole process and the ratio 2N/N: about 2 is linear, about 4
quadratic.  The word stays quadratic (Pango shapes the rest of a word again
for every line it breaks off), which is why a word has a limit of 2,000
characters (briefing-layout(5), LIMITS).  N defaults to 16,000 (2N then stays within the layout's limits:
100,000 characters in a text, 2,000 in a word).  Exit 1 when a render fails."""
import json
import os
import random
import resource
import statistics
import subprocess
import sys

SET = {"format": "indicator-set/1", "id": "bench-text", "title": "Text benchmark", "date": "2026-03-02",
       "entities": [{"id": "W", "name": "World", "kind": "country"},
                    {"id": "A", "name": "Alpha", "kind": "province"}],
       "indicators": [{"id": "a", "name": "Index", "topic": "t", "unit": "count", "source": "s",
                       "observations": [{"entity": "A", "period": "2024", "value": 1}]}],
       "sources": [{"id": "s", "title": "synthetic"}]}


def text_of(kind, n):
    rnd = random.Random(n)
    if kind == "paragraph":
        return " ".join(f"w{rnd.randrange(10)}" for _ in range(n))
    if kind == "braces":
        return " ".join("{ a" for _ in range(n // 2))
    return "x" * (n // 16)


def timed(exe, set_path, layout, out, runs):
    times = []
    for i in range(runs + 1):
        # CPU time of the child (user + system): the machine is shared, and
        # wall time of a busy one says little about the ratio.
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = subprocess.run([exe, "render", set_path, "-l", layout, "-o", out], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0, t1 = 0.0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode(errors="replace")[:2000])
            return None
        if i > 0:
            times.append(t1 - t0)
    return statistics.median(times)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    exe, work = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 16000
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    os.makedirs(work, exist_ok=True)
    set_path = os.path.join(work, "set.json")
    json.dump(SET, open(set_path, "w"))
    status = 0
    # The process without the text (start-up, fonts, the PDF): taken off
    # both times, so the ratio is the text's own.
    layout = os.path.join(work, "base.json")
    json.dump({"format": "briefing-layout/1", "page": {"size": "A4"}, "blocks": [{"type": "text", "text": "x"}]},
              open(layout, "w"))
    base = timed(exe, set_path, layout, os.path.join(work, "base.pdf"), runs) or 0
    print(f"bench text: base {base * 1000:.0f} ms (a one-word text)")
    for kind in ("paragraph", "braces", "word"):
        res = []
        for m in (n, 2 * n):
            layout = os.path.join(work, f"{kind}-{m}.json")
            json.dump({"format": "briefing-layout/1", "page": {"size": "A4"},
                       "blocks": [{"type": "text", "text": text_of(kind, m)}]}, open(layout, "w"))
            t = timed(exe, set_path, layout, os.path.join(work, f"{kind}-{m}.pdf"), runs)
            if t is None:
                print(f"bench text {kind}: FAIL: render of {m} exited non-zero")
                return 1
            res.append(t)
        ratio = (res[1] - base) / max(res[0] - base, 1e-3)
        print(f"bench text {kind}: N={n}: {res[0] * 1000:.0f} ms, 2N: {res[1] * 1000:.0f} ms, "
              f"ratio {ratio:.2f} above the base (2 linear, 4 quadratic; median of {runs}, CPU time of the whole process)")
    return status


if __name__ == "__main__":
    sys.exit(main())
