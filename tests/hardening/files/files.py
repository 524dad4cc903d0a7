#!/usr/bin/env python3
"""files.py NAME: one check of issue 11's "files in and out" (hardening);
files.py --list prints the names.

Each check works in a fresh folder under the current directory (the build
tree), runs $BRIEFING as a user would, and asserts what the user sees: the
exit status, the message, and the files afterwards (contents, mode, inode,
no ".briefing-*" temporary file left).  Prints one line per failure; exit 1
if any, 0 if none."""
import json
import os
import resource
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time
import zlib

BRIEFING = os.environ["BRIEFING"]
SRCDIR = os.environ["SRCDIR"]
GENDATA = os.environ.get("GENDATA", "")
SAMPLE = os.path.join(SRCDIR, "data", "cn-provinces-2026.json")
CSV_SET = os.path.join(SRCDIR, "tests", "spec", "valid", "csv-observations.json")
MIB = 1 << 20
LIMIT = 256 * MIB

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def run(args, cwd, stdin=None, timeout=120, limit_fsize=None, **kw):
    def pre():
        if limit_fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_fsize, limit_fsize))
    try:
        return subprocess.run([BRIEFING] + args, cwd=cwd, stdin=stdin, capture_output=True, text=True,
                              errors="replace", timeout=timeout, preexec_fn=pre, **kw)
    except subprocess.TimeoutExpired:
        fail("briefing %s: still running after %d s" % (" ".join(args), timeout))
        return subprocess.CompletedProcess(args, -999, "", "")


def expect(r, code, *texts, absent=()):
    what = "briefing " + " ".join(r.args)
    ok = check(r.returncode == code, "%s: exit %d, wanted %d; stderr: %s" % (what, r.returncode, code,
                                                                             r.stderr.strip()[:500]))
    for t in texts:
        ok &= check(t in r.stderr, "%s: stderr lacks %r; it is: %s" % (what, t, r.stderr.strip()[:500]))
    for t in absent:
        ok &= check(t not in r.stderr, "%s: stderr shows %r" % (what, t))
    return ok


def no_temps(d):
    left = [n for n in os.listdir(d) if n.startswith(".briefing-")]
    check(not left, "temporary files left in %s: %s" % (d, left))


def read(p):
    with open(p, "rb") as f:
        return f.read()


def write(p, data, mode=None):
    with open(p, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
    if mode is not None:
        os.chmod(p, mode)


def png(w, h, rgb=(200, 30, 30), corrupt=False, truncate=False):
    """A w x h RGB PNG of one colour (rows compress to almost nothing)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\0" + bytes(rgb) * w
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()
    if corrupt:
        idat = idat[:8] + bytes(b ^ 0x5A for b in idat[8:64]) + idat[64:]
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return data[:len(data) // 2] if truncate else data


def image_layout(d, files, name="layout.json"):
    blocks = [{"type": "title"}] + [{"type": "image", "file": f, "width_mm": 20} for f in files]
    write(os.path.join(d, name), json.dumps({"format": "briefing-layout/1", "blocks": blocks}))
    return os.path.join(d, name)


def csv_set(d, csv_name, name="set.json"):
    """The spec's CSV set, its first indicator's observations from csv_name."""
    s = json.load(open(CSV_SET))
    s["indicators"] = s["indicators"][:1]
    s["indicators"][0]["observations"] = csv_name
    write(os.path.join(d, name), json.dumps(s))
    return os.path.join(d, name)


# ---- 2: what -o may replace ----

def t_output_not_regular(d):
    os.mkfifo(os.path.join(d, "fifo.pdf"))
    os.mkdir(os.path.join(d, "dir.pdf"))
    for target in ("fifo.pdf", "dir.pdf"):
        r = run(["render", SAMPLE, "-o", target], d, timeout=60)
        expect(r, 2, "%s exists and is not a regular file; not replacing it" % target)
    check(stat.S_ISFIFO(os.stat(os.path.join(d, "fifo.pdf")).st_mode), "the FIFO is no longer a FIFO")
    check(os.path.isdir(os.path.join(d, "dir.pdf")), "the folder is no longer a folder")
    no_temps(d)


def t_output_is_input(d):
    shutil.copy(SAMPLE, os.path.join(d, "set.json"))
    shutil.copy(os.path.join(SRCDIR, "layouts", "briefing.json"), os.path.join(d, "layout.json"))
    os.symlink("set.json", os.path.join(d, "link.json"))
    os.link(os.path.join(d, "set.json"), os.path.join(d, "hard.json"))
    before = {n: read(os.path.join(d, n)) for n in ("set.json", "layout.json")}
    for target in ("set.json", "layout.json", "link.json", "hard.json", "./set.json"):
        r = run(["render", "set.json", "-l", "./layout.json", "-o", target], d)
        expect(r, 2, "%s is an input of this render; not replacing it" % target)
    # the files a set and a layout read: a CSV file, an image
    csv_set(d, "obs.csv", "csvset.json")
    shutil.copy(os.path.join(SRCDIR, "tests", "spec", "valid", "csv-observations.csv"), os.path.join(d, "obs.csv"))
    write(os.path.join(d, "logo.png"), png(40, 20))
    image_layout(d, ["logo.png"], "img.json")
    before["obs.csv"] = read(os.path.join(d, "obs.csv"))
    before["logo.png"] = read(os.path.join(d, "logo.png"))
    for target in ("obs.csv", "logo.png", "csvset.json", "img.json"):
        r = run(["render", "csvset.json", "-l", "./img.json", "-o", target], d)
        expect(r, 2, "%s is an input of this render; not replacing it" % target)
    for n, data in before.items():
        check(read(os.path.join(d, n)) == data, "%s changed" % n)
    check(os.path.islink(os.path.join(d, "link.json")), "link.json is no longer a link")
    no_temps(d)


def t_output_link_mode(d):
    out = os.path.join(d, "real.pdf")
    write(out, "old", 0o600)
    os.symlink("real.pdf", os.path.join(d, "link.pdf"))
    ino = os.stat(out).st_ino
    r = run(["render", SAMPLE, "-o", "link.pdf"], d)
    expect(r, 0)
    check(os.path.islink(os.path.join(d, "link.pdf")), "the link was replaced by a file")
    check(read(out).startswith(b"%PDF-"), "the link's target is not the new PDF")
    check(stat.S_IMODE(os.stat(out).st_mode) == 0o600, "mode 0600 became %o" % stat.S_IMODE(os.stat(out).st_mode))
    check(os.stat(out).st_ino != ino, "the target was rewritten in place, not replaced atomically")
    # a hard-linked output is replaced by a new file; its other name keeps the old contents
    write(os.path.join(d, "a.pdf"), "old")
    os.link(os.path.join(d, "a.pdf"), os.path.join(d, "b.pdf"))
    expect(run(["render", SAMPLE, "-o", "a.pdf"], d), 0)
    check(read(os.path.join(d, "a.pdf")).startswith(b"%PDF-"), "a.pdf is not the new PDF")
    check(read(os.path.join(d, "b.pdf")) == b"old", "the other name of a hard-linked output changed")
    no_temps(d)


# ---- 4: pages of PNG and SVG output ----

def pages(d, stem="p", ext=".svg"):
    return sorted(n for n in os.listdir(d) if n.startswith(stem + "-") and n.endswith(ext))


def t_pages_stale(d):
    expect(run(["render", SAMPLE, "--format", "svg", "-o", "p.svg"], d), 0)
    n = len(pages(d))
    check(n > 2, "the sample has %d SVG pages" % n)
    # a gap does not hide stale pages; names of another pattern stay
    write(os.path.join(d, "p-%d.svg" % (n + 3)), "stale")
    for keep in ("p-01.svg", "p-x.svg", "p-1.svg.bak", "q-2.svg"):
        write(os.path.join(d, keep), "keep")
    r = run(["render", SAMPLE, "-l", "onepager", "--format", "svg", "-o", "p.svg"], d)
    expect(r, 0)
    check(pages(d) == ["p-01.svg", "p-1.svg", "p-x.svg"], "pages after a one-page render: %s" % pages(d))
    check(read(os.path.join(d, "p-1.svg")).lstrip().startswith(b"<?xml"), "p-1.svg is not an SVG")
    for keep in ("p-01.svg", "p-x.svg", "p-1.svg.bak", "q-2.svg"):
        check(os.path.exists(os.path.join(d, keep)), "%s was removed" % keep)
    no_temps(d)


def t_pages_failed(d):
    expect(run(["render", SAMPLE, "--format", "svg", "-o", "p.svg"], d), 0)
    names = pages(d)
    sizes = sorted(os.path.getsize(os.path.join(d, n)) for n in names)
    for n in names:
        write(os.path.join(d, n), "old " + n)
    # a file size limit between the smallest and the largest page: some
    # pages are staged before one fails
    limit = (sizes[0] + sizes[-1]) // 2
    r = run(["render", SAMPLE, "--format", "svg", "-o", "p.svg"], d, limit_fsize=limit)
    expect(r, 1, "File too large")
    check(pages(d) == names, "pages after a failed render: %s" % pages(d))
    for n in names:
        check(read(os.path.join(d, n)) == ("old " + n).encode(), "%s was replaced by a failed render" % n)
    no_temps(d)


# ---- 5: signals and the file size limit ----

def t_ulimit(d):
    write(os.path.join(d, "out.pdf"), "old")
    r = subprocess.run(["bash", "-c", 'ulimit -f 10; exec "$0" render "$1" -o out.pdf', BRIEFING, SAMPLE],
                       cwd=d, capture_output=True, text=True, timeout=120)
    r.args = ["render", "(ulimit -f 10)"]
    expect(r, 1, "cannot write out.pdf: File too large (the file size limit of this process, ulimit -f)")
    check(read(os.path.join(d, "out.pdf")) == b"old", "the old output changed")
    no_temps(d)


def signal_run(d, sig):
    src = os.path.join(GENDATA, "synthetic-3000.json")
    s = json.load(open(src))
    out = os.path.join(d, "out")
    os.mkdir(out)
    names = ["%s.%s.pdf" % (s["id"], e["id"]) for e in s["entities"]]
    for n in names[:400]:
        write(os.path.join(out, n), "old")
    p = subprocess.Popen([BRIEFING, "render", src, "-l", "profile", "--focus", "all", "-o", out], cwd=d,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait until it is publishing profiles, then signal it at once
    t0 = time.time()
    while time.time() - t0 < 120 and p.poll() is None:
        if sum(1 for n in names[:40] if os.path.getsize(os.path.join(out, n)) > 3):
            break
        time.sleep(0.02)
    time.sleep(0.3)
    p.send_signal(sig)
    try:
        p.wait(60)
    except subprocess.TimeoutExpired:
        p.kill()
        fail("still running 60 s after %s" % sig.name)
        return
    check(p.returncode == -sig, "exit status %d after %s, wanted death by the signal" % (p.returncode, sig.name))
    no_temps(out)
    new = 0
    for n in os.listdir(out):
        data = read(os.path.join(out, n))
        if data == b"old":
            continue
        new += 1
        check(data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), "%s is neither old nor whole" % n)
    check(new > 0, "no profile was published before %s" % sig.name)


def t_sigterm(d):
    signal_run(d, signal.SIGTERM)


def t_sighup(d):
    signal_run(d, signal.SIGHUP)


def t_sigint(d):
    signal_run(d, signal.SIGINT)


# ---- 6: what is read ----

def t_input_not_regular(d):
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    for dev in ("/dev/zero", "/dev/urandom", "fifo"):
        expect(run(["render", dev, "-o", "x.pdf"], d, timeout=30), 1, "%s: not a regular file" % dev)
    expect(run(["render", SAMPLE, "-l", "./fifo", "-o", "x.pdf"], d, timeout=30), 1, "./fifo: not a regular file")
    csv_set(d, "fifo")
    expect(run(["render", "set.json", "-o", "x.pdf"], d, timeout=30), 1, "observations: fifo: not a regular file")
    image_layout(d, ["fifo"])
    expect(run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d, timeout=30), 1,
           "blocks[1].file: fifo: not a regular file")
    check(not os.path.exists(os.path.join(d, "x.pdf")), "an output was written")


def sparse(p, size, head=b""):
    with open(p, "wb") as f:
        f.write(head)
        f.truncate(size)


def t_input_size(d):
    text = read(SAMPLE)
    big = os.path.join(d, "big.json")
    sparse(big, LIMIT + 1, text)
    expect(run(["check", "big.json"], d), 1, "big.json: larger than the 256 MiB limit")
    sparse(big, LIMIT, text)
    r = run(["check", "big.json"], d)
    expect(r, 1, absent=("limit",))
    check("big.json:" in r.stderr and "$:" in r.stderr, "a set of 256 MiB is not read and parsed: %s" % r.stderr[:300])
    # standard input, which cannot be measured first: a valid set padded
    # with spaces to the limit, and one byte more
    for extra, code in ((0, 0), (1, 1)):
        gen = subprocess.Popen([sys.executable, "-c",
                                "import sys\nt=open(sys.argv[1],'rb').read()\nsys.stdout.buffer.write(t)\n"
                                "n=int(sys.argv[2])-len(t)\nc=b' '*(1<<20)\n"
                                "while n>0:\n  sys.stdout.buffer.write(c[:n]); n-=len(c)\n",
                                SAMPLE, str(LIMIT + extra)], stdout=subprocess.PIPE)
        r = run(["check", "-"], d, stdin=gen.stdout)
        gen.stdout.close()
        gen.wait()
        if code == 0:
            expect(r, 0, absent=("limit",))
        else:
            expect(r, 1, "<stdin>: larger than the 256 MiB limit")
    # a CSV file and an image past the limit
    sparse(os.path.join(d, "big.csv"), LIMIT + 1, b"entity,period,value\n")
    csv_set(d, "big.csv")
    expect(run(["check", "set.json"], d), 1, "observations: big.csv: larger than the 256 MiB limit")
    sparse(os.path.join(d, "big.png"), LIMIT + 1, png(10, 10))
    image_layout(d, ["big.png"])
    expect(run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d), 1,
           "blocks[1].file: big.png: larger than the 256 MiB limit")


# ---- 10: where CSV and image files may be ----

SECRET = "SECRET-FIELD-7431"


def t_csv_outside(d):
    inner = os.path.join(d, "inner")
    os.mkdir(inner)
    write(os.path.join(d, "outside.csv"), SECRET + ",x,y\n")
    os.symlink(os.path.join(d, "outside.csv"), os.path.join(inner, "link.csv"))
    for name in ("../outside.csv", os.path.join(d, "outside.csv"), "link.csv", "/etc/passwd"):
        csv_set(inner, name)
        r = run(["check", "set.json"], inner)
        expect(r, 1, 'observations file "%s" is outside the set\'s folder' % name, absent=(SECRET, "root"))
    # inside is fine, also through a link that stays inside and a subfolder
    os.mkdir(os.path.join(inner, "sub"))
    shutil.copy(os.path.join(SRCDIR, "tests", "spec", "valid", "csv-observations.csv"),
                os.path.join(inner, "sub", "obs.csv"))
    os.symlink("sub/obs.csv", os.path.join(inner, "in.csv"))
    for name in ("sub/obs.csv", "in.csv", os.path.join(inner, "sub", "obs.csv")):
        csv_set(inner, name)
        expect(run(["check", "set.json"], inner), 0)


def t_csv_not_text(d):
    for name, data, why in (("nul.csv", SECRET.encode() + b",a\0b\n", "not a CSV file (a NUL byte)"),
                            ("latin.csv", SECRET.encode() + b",caf\xe9\n", "not a CSV file (invalid UTF-8 byte 0xE9)"),
                            ("bin.csv", b"\x89PNG\r\n\x1a\n" + SECRET.encode(), "not a CSV file")):
        write(os.path.join(d, name), data)
        csv_set(d, name)
        expect(run(["check", "set.json"], d), 1, why, absent=(SECRET,))


def t_image_outside(d):
    inner = os.path.join(d, "inner")
    os.mkdir(inner)
    write(os.path.join(d, "logo.png"), png(10, 10))
    os.symlink(os.path.join(d, "logo.png"), os.path.join(inner, "link.png"))
    for name in ("../logo.png", os.path.join(d, "logo.png"), "link.png"):
        image_layout(inner, [name])
        r = run(["render", SAMPLE, "-l", "./inner/layout.json", "-o", "x.pdf"], d)
        expect(r, 1, "image %s is outside the layout's folder" % name)
    write(os.path.join(inner, "ok.png"), png(10, 10))
    image_layout(inner, ["ok.png"])
    expect(run(["render", SAMPLE, "-l", "./inner/layout.json", "-o", "x.pdf"], d), 0)


# ---- 12: what is not a PNG ----

def t_image_errors(d):
    cases = [("photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01" + b"\0" * 200, "photo.jpg: not a PNG image"),
             ("zeros.png", b"\0" * 4096, "zeros.png: not a PNG image"),
             ("empty.png", b"", "empty.png: not a PNG image"),
             ("nohdr.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "nohdr.png: corrupt PNG (no IHDR header chunk)"),
             ("bad.png", png(64, 64, corrupt=True), "bad.png: corrupt PNG ("),
             ("short.png", png(64, 64, truncate=True), "short.png: corrupt PNG (")]
    for name, data, why in cases:
        write(os.path.join(d, name), data)
        image_layout(d, [name])
        expect(run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d), 1, why, absent=("out of memory",))
    os.symlink("/dev/zero", os.path.join(d, "zero.png"))
    image_layout(d, ["zero.png"])
    expect(run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d, timeout=30), 1,
           "outside the layout's folder", absent=("out of memory",))
    image_layout(d, ["/dev/zero"])
    expect(run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d, timeout=30), 1,
           "outside the layout's folder", absent=("out of memory",))
    check(not os.path.exists(os.path.join(d, "x.pdf")), "an output was written")


# ---- 8: image and page pixels ----

def t_image_limits(d):
    over_one = "is over the limit of one image (8192 pixels a side, 16 megapixels)"
    # first, while no other render has raised this process's children's peak
    write(os.path.join(d, "max.png"), png(4096, 4096))
    image_layout(d, ["max.png"] * 8)
    r = run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    expect(r, 0)
    if os.environ.get("BR_SANITIZE", "none") in ("", "none"):
        check(peak_mb < 700, "one 16-megapixel image shown 8 times took %d MB" % peak_mb)
    pdf = read(os.path.join(d, "x.pdf"))
    check(pdf.count(b"/Subtype /Image") <= 2, "the image is embedded %d times" % pdf.count(b"/Subtype /Image"))
    for name, w, h, ok in (("max.png", 4096, 4096, True), ("wide.png", 8192, 2048, True),
                           ("over.png", 4097, 4096, False), ("side.png", 8193, 1, False)):
        write(os.path.join(d, name), png(w, h))
        image_layout(d, [name])
        r = run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d)
        if ok:
            expect(r, 0)
        else:
            expect(r, 1, "%s: image of %dx%d pixels %s" % (name, w, h, over_one))
    # every layout: 64 megapixels decoded in all; four distinct 16-megapixel
    # images fit, a fifth does not; one file shown eight times is decoded once
    names = []
    for i in range(5):
        names.append("c%d.png" % i)
        write(os.path.join(d, names[-1]), png(4096, 4096, (i * 40, 100, 200)))
    image_layout(d, names[:4])
    expect(run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d), 0)
    image_layout(d, names)
    expect(run(["render", SAMPLE, "-l", "./layout.json", "-o", "x.pdf"], d), 1,
           "c4.png: the layout's images would decode to more than the limit of 64 megapixels in all")


def t_page_pixels(d):
    # onepager is A4: 1041 dpi is the most that stays within 100 megapixels
    r = run(["render", SAMPLE, "-l", "onepager", "--format", "png", "--dpi", "1042", "-o", "p.png"], d)
    expect(r, 1, "page 1 at 1042 dpi would be 8616x12185 pixels, over the limit of 100 megapixels for a PNG page; "
           "at most 1041 dpi fits")
    r = run(["render", SAMPLE, "--format", "png", "--dpi", "2400", "-o", "p.png"], d, timeout=30)
    expect(r, 1, "at most 1041 dpi fits")
    check(not pages(d, "p", ".png"), "pages were written")
    r = run(["render", SAMPLE, "-l", "onepager", "--format", "png", "--dpi", "1041", "-o", "p.png"], d, timeout=300)
    expect(r, 0)
    head = read(os.path.join(d, "p-1.png"))[:24]
    w, h = struct.unpack(">II", head[16:24])
    check(w * h <= 100 * MIB and w * h > 99 * MIB, "page at 1041 dpi is %dx%d" % (w, h))


TESTS = {n[2:].replace("_", "-"): f for n, f in sorted(globals().items()) if n.startswith("t_")}


def main():
    if sys.argv[1:] == ["--list"]:
        print("\n".join(TESTS))
        return 0
    name = sys.argv[1]
    d = tempfile.mkdtemp(prefix="files-%s-" % name, dir=os.getcwd())
    try:
        TESTS[name](d)
    finally:
        if not failures:
            shutil.rmtree(d, ignore_errors=True)
        else:
            print("work folder kept: " + d)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
