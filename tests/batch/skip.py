#!/usr/bin/env python3
"""batch-skip-unchanged: --skip-unchanged leaves a PDF made from the same
inputs as it is (not rewritten: same inode, same time, status "unchanged"
in the report) and renders again when any input changes: the set's bytes,
a CSV file it reads, the layout file, the font configuration, the
document date (SOURCE_DATE_EPOCH); also a PDF cut short or replaced by
something else.  The same for a single document; PNG always renders."""
import json
from batchlib import *

w = workdir("skip")
s31 = f"{w}/s31.json"
shutil.copy(S31, s31)
out = f"{w}/out"
rep = f"{w}/report.json"


def stamps(d):
    """{name: (inode, mtime_ns)}: a rewrite (a rename of a new file) changes both."""
    return {n: (os.stat(os.path.join(d, n)).st_ino, os.stat(os.path.join(d, n)).st_mtime_ns)
            for n in sorted(os.listdir(d))}


def run(extra=(), env=None, layout="profile"):
    rc, err = render([s31, "-l", layout, "--focus", "all", "-o", out, "-j", "2", "--skip-unchanged",
                      "--report", rep] + list(extra), env=env)
    with open(rep) as f:
        r = json.load(f)
    return rc, err, r


rc, err, r = run()
check(rc == 0 and r["ok"] == 31 and r["unchanged"] == 0, f"the first run writes 31 ({rc}, {r['ok']})")
first, first_bytes = stamps(out), tree(out)
rc, err, r = run()
check(rc == 0 and r["unchanged"] == 31 and r["ok"] == 0, f"the second run leaves 31 unchanged ({r['unchanged']})")
check(stamps(out) == first, "no file was rewritten (same inodes and times)")
check(all(j["status"] == "unchanged" and j["pages"] is None and j["bytes"] == os.path.getsize(j["output"])
          for j in r["jobs"]), "the report says unchanged, with the file's size and no page count")
check("31 unchanged" in err, "the summary counts the unchanged jobs")


def changed(what, **kw):
    before = stamps(out)
    rc, err, r = run(**kw)
    after = stamps(out)
    check(rc == 0 and r["ok"] == 31 and all(before[n] != after[n] for n in before),
          f"{what}: all 31 are rendered again ({r['ok']} ok, {r['unchanged']} unchanged)")
    rc, err, r = run(**kw)
    check(r["unchanged"] == 31, f"{what}: and the run after that leaves them ({r['unchanged']} unchanged)")


# The set: one value more, then the same bytes again under a new time only.
with open(s31) as f:
    doc = json.load(f)
doc["title"] = doc["title"] + " (revised)"
with open(s31, "w") as f:
    json.dump(doc, f)
changed("the set's bytes change")
os.utime(s31, None)
rc, err, r = run()
check(r["unchanged"] == 31, "a new modification time alone changes nothing (the digest is of the bytes)")

# The document date.
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
changed("SOURCE_DATE_EPOCH changes", env=env)

# The layout file.
lay = f"{w}/profile.json"
shutil.copy(os.path.join(SRCDIR, "layouts", "profile.json"), lay)
changed("another layout file (same content, another -l)", layout=lay)
with open(lay, "a") as f:
    f.write("\n")
changed("the layout's bytes change", layout=lay)

# The font configuration: a data folder of our own, then its fonts.list edited.
data = f"{w}/datadir"
shutil.copytree(os.path.join(SRCDIR, "fonts"), f"{data}/fonts")
shutil.copytree(os.path.join(SRCDIR, "layouts"), f"{data}/layouts")
env_d = dict(os.environ, BRIEFING_DATADIR=data)
run()  # back to the installed layout
rc, err, r = run(env=env_d)
check(r["unchanged"] == 31, "the same fonts from another folder: unchanged")
with open(f"{data}/fonts/fonts.list", "a") as f:
    f.write("# edited\n")
changed("fonts.list changes", env=env_d)

# A file cut short, and a file that is not a PDF.
run()  # back to the installed fonts
name = sorted(os.listdir(out))[0]
with open(os.path.join(out, name), "r+b") as f:
    f.truncate(os.path.getsize(os.path.join(out, name)) // 2)
with open(os.path.join(out, sorted(os.listdir(out))[1]), "wb") as f:
    f.write(b"not a PDF\n")
rc, err, r = run()
check(rc == 0 and r["ok"] == 2 and r["unchanged"] == 29, f"a cut and a foreign file are rendered again ({r['ok']})")
check(qpdf_ok(os.path.join(out, name)), "the cut file is whole again")

# A single document with its CSV file.
spec = os.path.join(SRCDIR, "tests", "spec", "valid")
shutil.copy(os.path.join(spec, "csv-observations.json"), w)
for f in os.listdir(spec):
    if f.endswith(".csv"):
        shutil.copy(os.path.join(spec, f), w)
one, pdf = f"{w}/csv-observations.json", f"{w}/one.pdf"
r1 = subprocess.run([BRIEFING, "render", one, "-o", pdf, "--skip-unchanged"], capture_output=True, text=True)
st1 = os.stat(pdf)
r2 = subprocess.run([BRIEFING, "render", one, "-o", pdf, "--skip-unchanged"], capture_output=True, text=True)
st2 = os.stat(pdf)
check(r1.returncode == 0 and r2.returncode == 0 and (st1.st_ino, st1.st_mtime_ns) == (st2.st_ino, st2.st_mtime_ns)
      and "unchanged" in r2.stderr, f"a single render is left unchanged ({r2.stderr.strip()})")
csvs = [f for f in os.listdir(w) if f.endswith(".csv")]
check(len(csvs) >= 1, f"the set reads a CSV file ({csvs})")
with open(os.path.join(w, csvs[0]), "a") as f:
    f.write("")  # same bytes: still unchanged
with open(os.path.join(w, csvs[0])) as f:
    text = f.read()
with open(os.path.join(w, csvs[0]), "w") as f:
    f.write(text.replace("1", "2", 1))
r3 = subprocess.run([BRIEFING, "render", one, "-o", pdf, "--skip-unchanged"], capture_output=True, text=True)
st3 = os.stat(pdf)
check(r3.returncode == 0 and st3.st_ino != st2.st_ino and "unchanged" not in r3.stderr,
      f"a changed CSV file renders it again ({r3.returncode}: {r3.stderr.strip()[:200]})")

# PNG always renders.
png = f"{w}/one.png"
subprocess.run([BRIEFING, "render", one, "--format", "png", "-o", png], check=True)
p1 = os.stat(f"{w}/one-1.png")
subprocess.run([BRIEFING, "render", one, "--format", "png", "-o", png, "--skip-unchanged"], check=True)
p2 = os.stat(f"{w}/one-1.png")
check(p1.st_ino != p2.st_ino, "PNG pages are rendered again under --skip-unchanged")
finish()
