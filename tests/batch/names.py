#!/usr/bin/env python3
"""batch-names: output names and collisions.  Two jobs that would write
one file (two files with one set id, a set given twice, ids that differ
only in case) are rejected before anything is written: exit 1, every
collision named, no folder made.  --lang a,b puts the language in every
name; a tag listed twice, -o FILE.pdf and a non-PDF format are usage
errors (exit 2)."""
from batchlib import *

w = workdir("names")
copy = os.path.join(w, "copy.json")
shutil.copy(BATCH[0], copy)
rc, err = render([BATCH[0], BATCH[1], copy, "-o", f"{w}/out"])
check(rc == 1, f"two files with one set id: exit 1 ({rc})")
check("would both write" in err and copy in err and "nothing written" in err, f"the collision is named ({err[:300]})")
check(not os.path.exists(f"{w}/out"), "nothing is written, not even the folder")
rc, err = render([BATCH[0], BATCH[0], "-o", f"{w}/out"])
check(rc == 1 and not os.path.exists(f"{w}/out"), "a set given twice collides")

# Entities whose ids differ only in case collide on case-insensitive file systems.
with open(S31) as f:
    text = f.read()
case = os.path.join(w, "case.json")
with open(case, "w") as f:
    f.write(text.replace('"R031"', '"r030"'))
rc, err = render([case, "-l", "profile", "--focus", "all", "-o", f"{w}/case"])
check(rc == 1 and "would both write" in err and not os.path.exists(f"{w}/case"),
      f"ids that differ only in case collide ({rc}: {err[-300:]})")

rc, err = render([BATCH[0], "--lang", "en,de", "-o", f"{w}/lang", "-q"])
check(rc == 0, f"--lang en,de exits 0 ({rc}: {err[-200:]})")
check(sorted(tree(f"{w}/lang")) == ["synthetic-31-b01.de.pdf", "synthetic-31-b01.en.pdf"],
      f"the language is in the names ({sorted(tree(f'{w}/lang'))})")
rc, err = render([S31, "-l", "profile", "--focus", "all", "--lang", "en,de", "--shard", "0/8", "-o", f"{w}/lf", "-q"])
names = sorted(tree(f"{w}/lf"))
check(rc == 0 and names and all(n.startswith("synthetic-31.en.R") or n.startswith("synthetic-31.de.R") for n in names),
      f"with --focus all: SET.LANG.ENTITY.pdf ({names[:3]})")
for args, what in [([BATCH[0], "--lang", "en,en", "-o", f"{w}/u"], "a tag listed twice"),
                   ([BATCH[0], "--lang", "en,", "-o", f"{w}/u"], "an empty tag"),
                   ([BATCH[0], BATCH[1], "-o", f"{w}/u.pdf"], "-o FILE.pdf"),
                   ([BATCH[0], BATCH[1]], "no -o"),
                   ([BATCH[0], BATCH[1], "--format", "png", "-o", f"{w}/u"], "--format png"),
                   ([BATCH[0], "-j", "0", "-o", f"{w}/u"], "-j 0"),
                   ([BATCH[0], "--shard", "3/3", "-o", f"{w}/u"], "--shard 3/3")]:
    rc, err = render(args)
    check(rc == 2 and not os.path.exists(f"{w}/u") and not os.path.exists(f"{w}/u.pdf"),
          f"{what}: exit 2, nothing written ({rc})")

# A single document stays as it was: -o is a file.
rc, err = render([BATCH[0], "-o", f"{w}/one.pdf"])
check(rc == 0 and os.path.isfile(f"{w}/one.pdf") and err == "", "one set without batch options: one file, silent")
finish()
