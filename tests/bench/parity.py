#!/usr/bin/env python3
"""parity.py GENDATA PEERDATA

Benchmark data parity: the synthetic sets this repository generates
(GENDATA, made by tests/tools/gen_synthetic.py) must be the benchmark
workload's own files (PEERDATA, the ../shared/bench/data folder beside the
repository, used only for this optional peer comparison) byte for byte, so
that our timings and the peers' are of the same inputs.  When PEERDATA is
absent (a clone on its own) it says so and exits 77, which meson shows as
SKIP.  Exit 1 on any difference, or when either side has a file the other
lacks."""
import os
import sys


def json_files(root):
    found = set()
    for d, _, files in os.walk(root):
        found.update(os.path.relpath(os.path.join(d, f), root) for f in files if f.endswith(".json"))
    return found


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    gen, peer = argv[1], argv[2]
    label = "../shared/bench/data"
    if not os.path.isdir(peer):
        print(f"bench parity: skipped, {label} not found beside the repository ({os.path.normpath(peer)})")
        return 77
    ours, theirs = json_files(gen), json_files(peer)
    bad = [f"only in {label}: {f}" for f in sorted(theirs - ours)]
    bad += [f"not in {label}: {f}" for f in sorted(ours - theirs)]
    for f in sorted(ours & theirs):
        with open(os.path.join(gen, f), "rb") as a, open(os.path.join(peer, f), "rb") as b:
            if a.read() != b.read():
                bad.append(f"differs from {label}: {f}")
    for line in bad:
        print(f"bench parity: FAIL: {line}")
    if bad or not ours:
        print(f"bench parity: generated sets differ from {label} ({len(bad)} problems, {len(ours)} files generated)")
        return 1
    print(f"bench parity: generated sets identical to {label}: {len(ours)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
