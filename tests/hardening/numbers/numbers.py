#!/usr/bin/env python3
"""numbers.py CASE OUTDIR: one hardening test of issue 11 ("numbers and
messages"); numbers.py --list prints the cases.

Each case builds its sets and layouts in OUTDIR/CASE/, runs $BRIEFING
there, and checks what a user sees: the exit status, the exact lines on
standard error (FILE:LINE:COL: path: message), that a PDF written passes
`qpdf --check` and $TOOLS/pdfcheck, and that nothing is written on an
error.  Prints one line per failure; exit 1 if any, 0 if none.

  extreme-KIND   defect 1: a chart of KIND over values at the edges of
                 double precision (5e-324, 1e308, 1.7976931348623157e308,
                 -1.7976931348623157e308 among ordinary ones) gives a valid
                 PDF, or a clear error at the block and no file
  tile-limit     defect 9: tiles from 0 to 999 (at the limit renders, past
                 it and at 2147483647 is an error at the tile's path)
  escapes        defect 11: control characters in values (a newline, ESC,
                 U+0085) and invalid UTF-8 in file names are escaped in
                 every message
  cli            defect 13: -l with non-ASCII bytes in any locale, -o '',
                 SOURCE_DATE_EPOCH, output names of 246 to 256 characters
  json-paths     defect 14: NaN, 1e999, a NUL byte and nesting over 1000
                 reported at the value's path (nesting 1000 is fine)
  layout-integers defect 14: integer keys of a layout reject 1.5
"""
import json
import os
import re
import shutil
import subprocess
import sys

failures = []
KINDS = ["bars", "share", "grouped", "stacked", "line", "tilemap", "mosaic", "table", "keyfigs", "parts"]
CASES = ["extreme-" + k for k in KINDS] + ["tile-limit", "escapes", "cli", "json-paths", "layout-integers"]
MAX = 1.7976931348623157e308


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


# LeakSanitizer's statistics (under build-asan without print_suppressions=0)
# are not the command's messages.
LSAN_STATS = re.compile(r"-{20,}\nSuppressions used:\n(?:.*\n)*?-{20,}\n\n?")


def clean(stderr):
    return LSAN_STATS.sub("", stderr)


def run(args, cwd, env=None, check=False):
    e = dict(os.environ)
    if env:
        e.update(env)
    cmd = [os.environ["BRIEFING"], "check" if check else "render"] + args
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, env=e)
    return p.returncode, clean(p.stderr.decode("utf-8", "surrogateescape"))


def expect(what, got, want):
    if got != want:
        fail("%s: got %r, want %r" % (what, got, want))


def pdf_ok(what, path):
    """The PDF passes qpdf --check and pdfcheck."""
    q = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    if q.returncode != 0 or "WARNING" in q.stdout + q.stderr:
        fail("%s: qpdf --check: %s" % (what, (q.stdout + q.stderr).strip()[-300:]))
    c = subprocess.run([os.path.join(os.environ["TOOLS"], "pdfcheck"), path], capture_output=True, text=True)
    if c.returncode != 0:
        fail("%s: pdfcheck: %s" % (what, c.stdout.strip()[-400:]))


def write(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        if isinstance(obj, str):
            f.write(obj)
        else:
            json.dump(obj, f, indent=1)


def base_set(entities, indicators):
    return {"format": "indicator-set/1", "id": "extreme", "title": "Extreme values", "date": "2026-03-02",
            "wholes": [{"id": "w", "name": "Whole"}], "entities": entities, "indicators": indicators}


ENTITIES = [
    {"id": "CN", "name": "China", "kind": "country"},
    {"id": "AH", "name": "Anhui", "kind": "province", "tile": [1, 2], "focus": ["quantum"]},
    {"id": "BJ", "name": "Beijing", "kind": "municipality", "tile": [2, 2]},
    {"id": "SH", "name": "Shanghai", "kind": "municipality", "tile": [3, 2]},
    {"id": "ZJ", "name": "Zhejiang", "kind": "province", "tile": [3, 3]},
]


def obs(values):
    out = []
    for (entity, period), v in values.items():
        out.append({"entity": entity, "period": period, "value": v})
    return out


def extreme_sets():
    """name -> set: mixed signs, only huge, only tiny, a count."""
    mixed = {("CN", "2023"): 5e-324, ("AH", "2023"): MAX, ("BJ", "2023"): -MAX, ("SH", "2023"): 1e308,
             ("ZJ", "2023"): 3, ("AH", "2024"): -MAX, ("BJ", "2024"): MAX, ("SH", "2024"): 5e-324,
             ("ZJ", "2024"): 2}
    mixed_b = {("AH", "2024"): MAX, ("BJ", "2024"): MAX, ("SH", "2024"): -1e308, ("ZJ", "2024"): 7}
    huge = {("CN", "2024"): MAX, ("AH", "2024"): MAX, ("BJ", "2024"): 1e308, ("SH", "2024"): 1.5e308,
            ("ZJ", "2024"): 1e308, ("AH", "2023"): 1e308, ("BJ", "2023"): MAX}
    tiny = {("CN", "2024"): 5e-324, ("AH", "2024"): 5e-324, ("BJ", "2024"): 1e-320, ("SH", "2024"): 0,
            ("ZJ", "2024"): 2.5e-323, ("AH", "2023"): 1e-310}
    sets = {}
    for name, a, b, unit in [("mixed", mixed, mixed_b, "GW"), ("huge", huge, huge, "GW"),
                             ("tiny", tiny, tiny, "percent"), ("count", huge, huge, "count")]:
        sets[name] = base_set(ENTITIES, [
            {"id": "a", "name": "A", "topic": "t", "unit": unit, "part_of": "w", "observations": obs(a)},
            {"id": "b", "name": "B", "topic": "t", "unit": unit, "part_of": "w", "observations": obs(b)},
        ])
    return sets


def kind_layout(kind):
    if kind == "keyfigs":
        block = {"type": "keyfigures", "topics": ["t"]}
    elif kind in ("grouped", "stacked", "parts", "table"):
        block = {"type": "chart", "kind": kind, "indicators": ["a", "b"]}
    else:
        block = {"type": "chart", "kind": kind, "indicator": "a"}
    blocks = [block]
    if kind == "line":  # one indicator of many entities, and two indicators of one
        blocks.append({"type": "chart", "kind": "line", "indicators": ["a", "b"]})
    if kind == "bars":
        blocks.append({"type": "chart", "kind": "bars", "indicator": "a", "scale": "log"})
        blocks.append({"type": "chart", "kind": "bars", "indicator": "a", "orientation": "vertical"})
    return {"format": "briefing-layout/1", "blocks": blocks}


def case_extreme(kind, work):
    write(os.path.join(work, "layout.json"), kind_layout(kind))
    for name, s in extreme_sets().items():
        set_file = name + ".json"
        write(os.path.join(work, set_file), s)
        what = "%s over %s values" % (kind, name)
        rc, err = run([set_file], work, check=True)
        expect(what + ": check", (rc, err), (0, ""))
        out = name + ".pdf"
        rc, err = run([set_file, "-l", "./layout.json", "-o", out], work)
        exists = os.path.exists(os.path.join(work, out))
        if rc == 0:
            if not exists:
                fail(what + ": exit 0 but no file")
            else:
                pdf_ok(what, os.path.join(work, out))
            rc_t, err_t = run([set_file, "-l", "./layout.json", "--format", "trace", "-o", name + ".trace"], work)
            with open(os.path.join(work, name + ".trace"), encoding="utf-8", errors="replace") as f:
                trace = f.read()
            if re.search(r"(?<![A-Za-z])-?(nan|inf)(?![a-z])", trace):
                fail(what + ": the trace holds a number that is not finite")
        else:
            lines = err.splitlines()
            if rc != 1 or exists or not lines or not all(l.startswith("./layout.json:") for l in lines if
                                                           "warning:" not in l):
                fail("%s: exit %d, file %s, stderr %r: want exit 0 and a PDF, or exit 1, an error at the block "
                     "and no file" % (what, rc, "written" if exists else "not written", err))
            # Where a kind must fail, it says why, at its block.
            if kind == "stacked" and name in ("mixed", "huge", "count"):
                pass
            elif "blocks[" not in err:
                fail("%s: error without the block's path: %r" % (what, err))
        if kind == "stacked" and name in ("huge", "count"):
            want = ('./layout.json:4:3: blocks[0]: the parts of entity "AH" add up to more than the largest '
                    'number (about 1.8e308), which a stacked bar cannot show\n')
            expect(what + ": stderr", (rc, err, exists), (1, want, False))
        elif kind != "stacked" or name == "tiny":
            errors = [l for l in err.splitlines() if ": warning: " not in l]
            expect(what + ": exit status and errors", (rc, errors), (0, []))


def case_tile_limit(work):
    def tile_set(col, row):
        ents = [dict(e) for e in ENTITIES]
        ents[1]["tile"] = [col, row]
        return base_set(ents, [{"id": "a", "name": "A", "topic": "t", "unit": "GW",
                                "observations": obs({("AH", "2024"): 1, ("BJ", "2024"): 2, ("ZJ", "2024"): 3})}])
    write(os.path.join(work, "tilemap.json"),
          {"format": "briefing-layout/1", "blocks": [{"type": "chart", "kind": "tilemap", "indicator": "a"},
                                                     {"type": "chart", "kind": "mosaic", "indicator": "a"}]})
    for col, row in [(999, 999), (0, 999), (999, 0)]:
        write(os.path.join(work, "at.json"), tile_set(col, row))
        what = "tile [%d, %d]" % (col, row)
        expect(what + ": check", run(["at.json"], work, check=True), (0, ""))
        rc, err = run(["at.json", "-l", "./tilemap.json", "-o", "at.pdf"], work)
        expect(what + ": render", (rc, err), (0, ""))
        if rc == 0:
            pdf_ok(what, os.path.join(work, "at.pdf"))
    for col, row, want in [
        (1000, 0, "past.json:23:5: entities[1].tile[0]: tile column 1000 is outside 0..999\n"),
        (0, 1000, "past.json:24:5: entities[1].tile[1]: tile row 1000 is outside 0..999\n"),
        (2147483647, 2147483647, "past.json:23:5: entities[1].tile[0]: tile column 2147483647 is outside 0..999\n"
                                 "past.json:24:5: entities[1].tile[1]: tile row 2147483647 is outside 0..999\n"),
        (-1, 0, "past.json:23:5: entities[1].tile[0]: tile column -1 is outside 0..999\n"),
    ]:
        write(os.path.join(work, "past.json"), tile_set(col, row))
        what = "tile [%d, %d]" % (col, row)
        expect(what + ": check", run(["past.json"], work, check=True), (1, want))
        rc, err = run(["past.json", "-l", "./tilemap.json", "-o", "past.pdf"], work)
        expect(what + ": render", (rc, err, os.path.exists(os.path.join(work, "past.pdf"))), (1, want, False))


def case_escapes(work):
    s = base_set([{"id": "CN", "name": "China", "kind": "country"},
                  {"id": "A\nB\u001b[31m", "name": "Anhui", "kind": "province"},
                  {"id": "BJ", "name": "Beijing", "kind": "municipality"}],
                 [{"id": "a", "name": "A", "topic": "t", "unit": "GW",
                   "observations": [{"entity": "X\u0085Y\u007f", "period": "2024", "value": 1},
                                    {"entity": "BJ", "period": "2024\r", "value": 2}]}])
    del s["wholes"]
    write(os.path.join(work, "ctl.json"), s)
    want = ('ctl.json:13:10: entities[1].id: id "A\\nB\\x1b[31m" is not valid (allowed: letters, digits, \'_\', '
            '\'.\', \'-\', starting with a letter or digit, at most 64 characters)\n'
            'ctl.json:31:16: indicators[0].observations[0].entity: unknown entity "X\\u0085Y\\x7f" (not the id of '
            'any of the set\'s entities)\n'
            'ctl.json:37:16: indicators[0].observations[1].period: period "2024\\r" is not valid (allowed: YYYY, '
            'YYYY-MM, YYYY-Qn, YYYY-MM-DD, a range YYYY/YYYY)\n')
    rc, err = run(["ctl.json"], work, check=True)
    expect("control characters in values: check", (rc, err), (1, want))
    if "\x1b" in err or "\x85" in err or "\r" in err:
        fail("a raw control character reached stderr")
    rc, err = run(["ctl.json", "-o", "ctl.pdf"], work)
    expect("control characters in values: render", (rc, err), (1, want))
    # A file name that is not UTF-8: shown with \xff, in the library's
    # diagnostics and in the command's own messages.
    layout = os.fsencode(work) + b"/no-such-\xff\x1b.json"
    e = dict(os.environ)
    p = subprocess.run([os.fsencode(os.environ["BRIEFING"]), b"render", b"ctl.json", b"-l", layout, b"-o", b"x.pdf"],
                       cwd=work, capture_output=True, env=e)
    if b"\xff" in p.stderr or b"\x1b" in p.stderr or b"no-such-\\xff\\x1b.json" not in p.stderr:
        fail("a layout path with invalid UTF-8 and ESC is not escaped: %r" % p.stderr)
    p = subprocess.run([os.environ["BRIEFING"], "frob\nbriefing: forged"], capture_output=True, text=True)
    expect("an unknown command with a newline", (p.returncode, clean(p.stderr)),
           (2, "briefing: unknown command \"frob\\nbriefing: forged\" (try 'briefing --help')\n"))


def case_cli(work):
    minimal = os.path.join(os.environ["SRCDIR"], "tests", "spec", "valid", "minimal.json")
    shutil.copy(minimal, os.path.join(work, "set.json"))
    lay = {"format": "briefing-layout/1", "blocks": [{"type": "title"}]}
    for d in [b"d\xc3\xa9", b"d\xff"]:  # UTF-8 and not
        os.makedirs(os.path.join(os.fsencode(work), d), exist_ok=True)
        write(os.fsdecode(os.path.join(os.fsencode(work), d, b"l.json")), lay)
        for loc in ["C", "C.UTF-8"]:
            e = dict(os.environ, LC_ALL=loc)
            out = os.path.join(os.fsencode(work), b"out.pdf")
            if os.path.exists(out):
                os.unlink(out)
            p = subprocess.run([os.fsencode(os.environ["BRIEFING"]), b"render", b"set.json", b"-l", b"./" + d + b"/l.json",
                                b"-o", b"out.pdf"], cwd=work, capture_output=True, env=e)
            if p.returncode != 0 or not os.path.exists(out):
                fail("-l %r in LC_ALL=%s: exit %d, %r" % (d, loc, p.returncode, p.stderr))
    rc, err = run(["set.json", "-o", ""], work)
    expect("-o ''", (rc, err.splitlines()[0] if err else ""), (2, "briefing: -o needs a file name"))

    bad = "briefing: SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to 253402300799 (9999-12-31), got "
    for v in ["253402300800", "99999999999999999999", "18446744073709551617", "abc", "-1", "+5", " 5", "5 ", "1e3",
              "0x10", "1.5", "12abc", "\x1b[31m"]:
        if os.path.exists(os.path.join(work, "sde.pdf")):
            os.unlink(os.path.join(work, "sde.pdf"))
        rc, err = run(["set.json", "-o", "sde.pdf"], work, env={"SOURCE_DATE_EPOCH": v})
        shown = v.replace("\x1b", "\\x1b")
        expect("SOURCE_DATE_EPOCH=%r" % v, (rc, err, os.path.exists(os.path.join(work, "sde.pdf"))),
               (2, bad + '"%s"\n' % shown, False))
    for v, date in [("253402300799", "D:99991231235959"), ("0", "D:19700101000000"), ("1772409600", "D:2026030")]:
        rc, err = run(["set.json", "-o", "sde.pdf"], work, env={"SOURCE_DATE_EPOCH": v})
        expect("SOURCE_DATE_EPOCH=%s" % v, (rc, err), (0, ""))
        info = subprocess.run(["qpdf", "--show-object=trailer", os.path.join(work, "sde.pdf")], capture_output=True,
                              text=True).stdout
        with open(os.path.join(work, "sde.pdf"), "rb") as f:
            data = f.read()
        if ("/CreationDate (" + date).encode() not in data:
            fail("SOURCE_DATE_EPOCH=%s: no CreationDate %s in the PDF %s" % (v, date, info.strip()))

    # Output names up to the file system's 255 bytes work (the temporary
    # file beside it has a short name of its own); 256 is a clear error.
    for n in range(246, 257):
        name = "o" * (n - 4) + ".pdf"
        rc, err = run(["set.json", "-o", name], work)
        left = [f for f in os.listdir(work) if f.startswith(".briefing-") or ".tmp" in f]
        if n <= 255:
            expect("-o a name of %d characters" % n, (rc, err, os.path.exists(os.path.join(work, name))),
                   (0, "", True))
            if rc == 0:
                os.unlink(os.path.join(work, name))
        elif rc != 1 or not err.startswith("cannot write ") or "File name too long" not in err:
            fail("-o a name of %d characters: exit %d, %r (want exit 1 and why)" % (n, rc, err))
        if left:
            fail("-o a name of %d characters left temporary files: %s" % (n, left))


def case_json_paths(work):
    set_text = json.dumps(base_set(ENTITIES[:2], [{"id": "a", "name": "A", "topic": "t", "unit": "GW",
                                                   "observations": obs({("AH", "2024"): 12345})}]), indent=1)
    cases = [
        ("nan", set_text.replace("12345", "NaN"),
         "nan.json:41:15: indicators[0].observations[0].value: NaN is not allowed in JSON (numbers must be finite)\n"),
        ("inf", set_text.replace("12345", "1e999"),
         "inf.json:41:15: indicators[0].observations[0].value: number 1e999 is too large (numbers must be finite)\n"),
        ("minus-inf", set_text.replace("12345", "-1e999"),
         "minus-inf.json:41:15: indicators[0].observations[0].value: number -1e999 is too large (numbers must be "
         "finite)\n"),
        ("past-max", set_text.replace("12345", "1.797693134862316e308"),
         "past-max.json:41:15: indicators[0].observations[0].value: number 1.797693134862316e308 is too large "
         "(numbers must be finite)\n"),
        ("nul", set_text.replace('"Anhui"', '"An\0hui"'),
         "nul.json:20:15: entities[1].name: NUL byte is not allowed in strings\n"),
        ("nul-escape", set_text.replace('"Anhui"', '"An\\u0000hui"'),
         "nul-escape.json:20:15: entities[1].name: NUL (\\u0000) is not allowed in strings\n"),
        ("key-escape", set_text.replace('"title"', '"ti\\u0074le"').replace("12345", "NaN"),
         "key-escape.json:41:15: indicators[0].observations[0].value: NaN is not allowed in JSON (numbers must be "
         "finite)\n"),
        ("x-key", set_text.replace('"format"', '"x-\\u00e9\\n": [0, [1, NaN]], "format"'),
         "x-key.json:2:24: x-\u00e9\\n[1][1]: NaN is not allowed in JSON (numbers must be finite)\n"),
        ("trailing-comma", set_text.replace('"Anhui",', '"Anhui",,'),
         "trailing-comma.json:20:20: $: unexpected character ',', expected a key (a string in double quotes)\n"),
    ]
    deep = '{"format": "indicator-set/1", "x-deep": ' + "[" * 999 + "]" * 999 + "}"
    cases.append(("nesting-1000", deep,
                  "nesting-1000.json:1:1: $: missing required key \"id\" in an indicator set\n"
                  "nesting-1000.json:1:1: $: missing required key \"title\" in an indicator set\n"
                  "nesting-1000.json:1:1: $: missing required key \"date\" in an indicator set\n"
                  "nesting-1000.json:1:1: $: missing required key \"entities\" in an indicator set\n"
                  "nesting-1000.json:1:1: $: missing required key \"indicators\" in an indicator set\n"))
    deep = '{"format": "indicator-set/1", "x-deep": ' + "[" * 1000 + "]" * 1000 + "}"
    cases.append(("nesting-1001", deep,
                  "nesting-1001.json:1:1040: x-deep[0][0][0][0][0][0][0]...[0][0][0][0][0][0][0][0]: nesting "
                  "deeper than 1000 levels of arrays and objects is not allowed\n"))
    for name, text, want in cases:
        with open(os.path.join(work, name + ".json"), "w", encoding="utf-8") as f:
            f.write(text)
        expect(name + ": check", run([name + ".json"], work, check=True), (1, want))
    # A layout's lexical errors have their paths too.
    lay = '{"format": "briefing-layout/1", "blocks": [{"type": "spacer", "height": NaN}]}'
    write(os.path.join(work, "lay.json"), lay)
    with open(os.path.join(work, "set.json"), "w", encoding="utf-8") as f:
        f.write(set_text)
    rc, err = run(["set.json", "-l", "./lay.json", "-o", "lay.pdf"], work)
    expect("a layout with NaN", (rc, err, os.path.exists(os.path.join(work, "lay.pdf"))),
           (1, "./lay.json:1:73: blocks[0].height: NaN is not allowed in JSON (numbers must be finite)\n", False))


def case_layout_integers(work):
    minimal = os.path.join(os.environ["SRCDIR"], "tests", "spec", "valid", "minimal.json")
    shutil.copy(minimal, os.path.join(work, "set.json"))
    lay = ('{"format": "briefing-layout/1", "page": {"max_pages": 2.5}, "blocks": [\n'
           '{"type": "heading", "text": "H", "level": 1.5},\n'
           '{"type": "chart", "kind": "bars", "topic": "patents", "top": 1.5},\n'
           '{"type": "columns", "count": 2.9, "blocks": [{"type": "text", "text": "x"}, {"type": "text", "text": "y"}]},\n'
           '{"type": "topics", "top": 3.5, "charts": 1.2, "max": 2.2},\n'
           '{"type": "chart", "kind": "bars", "topic": "patents", "top": 51},\n'
           '{"type": "chart", "kind": "bars", "topic": "patents", "top": "5"}\n'
           ']}\n')
    write(os.path.join(work, "ints.json"), lay)
    want = ("./ints.json:1:55: page.max_pages: 2.5 is not an integer\n"
            "./ints.json:2:43: blocks[0].level: 1.5 is not an integer\n"
            "./ints.json:3:62: blocks[1].top: 1.5 is not an integer\n"
            "./ints.json:4:30: blocks[2].count: 2.9 is not an integer\n"
            "./ints.json:5:27: blocks[3].top: 3.5 is not an integer\n"
            "./ints.json:5:42: blocks[3].charts: 1.2 is not an integer\n"
            "./ints.json:5:54: blocks[3].max: 2.2 is not an integer\n"
            "./ints.json:6:62: blocks[4].top: 51 is outside 1..50\n"
            "./ints.json:7:62: blocks[5].top: expected an integer, found string\n")
    rc, err = run(["set.json", "-l", "./ints.json", "-o", "ints.pdf"], work)
    expect("layout integers", (rc, err, os.path.exists(os.path.join(work, "ints.pdf"))), (1, want, False))
    # Whole numbers written otherwise are integers, at the limits.
    ok = ('{"format": "briefing-layout/1", "page": {"max_pages": 1e1}, "blocks": [\n'
          '{"type": "heading", "text": "H", "level": 2.0},\n'
          '{"type": "chart", "kind": "bars", "topic": "patents", "top": 50},\n'
          '{"type": "columns", "count": 4, "blocks": [{"type": "text", "text": "x"}, {"type": "text", "text": "y"}]}\n'
          ']}\n')
    write(os.path.join(work, "ok.json"), ok)
    rc, err = run(["set.json", "-l", "./ok.json", "-o", "ok.pdf"], work)
    expect("layout integers at their limits", (rc, err), (0, ""))


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        print("\n".join(CASES))
        return 0
    name = argv[1]
    work = os.path.join(argv[2] if len(argv) > 2 else ".", name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    if name.startswith("extreme-"):
        case_extreme(name[len("extreme-"):], work)
    else:
        globals()["case_" + name.replace("-", "_")](work)
    if not failures:
        print("ok: " + name)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
