#!/usr/bin/env python3
"""batch-parallel: the 31 profiles of synthetic-31 (--focus all) with -j 2
are byte for byte the files -j 1 writes, named SET.ENTITY.pdf, one per
region; the 31 sets of the batch (several sets, default layout) too; every
PDF passes qpdf --check."""
from batchlib import *

w = workdir("parallel")
for j in ("1", "2"):
    rc, err = render([S31, "-l", "profile", "--focus", "all", "-o", f"{w}/p{j}", "-j", j])
    check(rc == 0, f"-j {j} --focus all exits 0 ({rc}: {err[-300:]})")
p1, p2 = tree(f"{w}/p1"), tree(f"{w}/p2")
check(len(p1) == 31, f"31 profiles written ({len(p1)})")
check(p1 == p2, "-j 2 writes the same files as -j 1, byte for byte")
check("synthetic-31.R001.pdf" in p1 and "synthetic-31.R031.pdf" in p1, "named SET.ENTITY.pdf")

sets = BATCH[:8]
for j in ("1", "2"):
    rc, err = render(sets + ["-o", f"{w}/b{j}", "-j", j])
    check(rc == 0, f"-j {j} with 8 sets exits 0 ({rc}: {err[-300:]})")
b1, b2 = tree(f"{w}/b1"), tree(f"{w}/b2")
check(sorted(b1) == [f"synthetic-31-b{i:02d}.pdf" for i in range(1, 9)], f"one SET.pdf per set ({sorted(b1)})")
check(b1 == b2, "8 sets: -j 2 equals -j 1 byte for byte")
check(all(qpdf_ok(f"{w}/p2/{n}") for n in p2) and all(qpdf_ok(f"{w}/b2/{n}") for n in b2),
      "every PDF passes qpdf --check")
finish()
