#!/usr/bin/env python3
"""gen_synthetic.py: the synthetic indicator sets of the benchmark workload.

This reproduces, byte for byte, the data the benchmark workload defines (its
synthetic-31, -300, -3000 sets and the batch of 31 sets).  The data definition
is the benchmark's contract, so the algorithm below (names, draws, their order,
the JSON layout) follows it exactly; any change here changes the data and must
not be made.  tests/data/synthetic.sha256 holds the checksums the generated
files must have (test 'synthetic-sums'); the benchmark also compares them with
the workload's own copies when those are present (tests/bench/parity.py).

Usage:
    gen_synthetic.py OUT.json ...
        each OUT named synthetic-N.json (N regions, 1..3000, seed 20260301)
        or synthetic-31-bNN.json (batch set NN, 01..31: seed 20260301 + NN)
    gen_synthetic.py --all DIR
        the 34 standard files: DIR/synthetic-{31,300,3000}.json and
        DIR/batch/synthetic-31-b01.json .. b31.json
    gen_synthetic.py --n N --seed SEED [--id ID] OUT.json
        any other set
    gen_synthetic.py --self-test
        checks the generator below against random.Random of this Python

One set: N regions (ids R001.., R0001.. when N > 999, kind "province"), each in
one of 3 groups G1..G3, the country CN, and 4 indicators: invention_patents
(count, log-normal, 1,000..600,000), compute_pflops (0..220,000, skewed),
clean_power_share (percent, 5.0..95.0), all one 2025 observation per region,
and cn_patents_series (CN only, 2016..2025).

Why the random numbers are our own: the workload's numbers come from CPython's
random.Random(int seed), using random(), choice(), randrange(n), gauss() and
uniform().  Those have given the same stream since Python 3.2 (the Mersenne
Twister, its init_by_array seeding of an int, 53-bit random(), _randbelow by
rejection on getrandbits(n.bit_length()), Box-Muller gauss() with its cached
second value, uniform() as a + (b - a) * random()), but they are library
internals, not a promise.  So this file carries the same algorithms (MT19937
as in CPython's _randommodule.c) and is deterministic on any Python 3.7+
(3.7 for ordered dicts).  Checked: the same 34 files under CPython 3.6 to
3.13, and --self-test shows the draws still agree with the running Python's
random module.  What remains platform-dependent is only libm
(log, sqrt, cos, sin, pow), which is correctly rounded for these arguments on
every glibc we build on.  Python 3 standard library only.
"""
import json
import math
import os
import re
import sys

BASE_SEED = 20260301
SYL_A = ["Al", "Bel", "Cor", "Dan", "El", "Fen", "Gal", "Har", "Is", "Jor", "Kal", "Lun",
         "Mar", "Nor", "Or", "Pel", "Quen", "Ros", "Sel", "Tar", "Ul", "Val", "Wen", "Yar", "Zan"]
SYL_B = ["a", "e", "i", "o", "u", "ae", "ia", "ou"]
SYL_C = ["dor", "mere", "vale", "stad", "land", "mark", "wick", "holm", "gard", "shire",
         "ton", "burg", "field", "port", "crest", "more"]
GROUPS = [("G1", "North Cluster"), ("G2", "Coastal Zone"), ("G3", "Western Belt")]


class MT19937:
    """The Mersenne Twister with CPython's int seeding and derived draws."""
    N, M = 624, 397

    def __init__(self, seed):
        key, n = [], abs(seed)          # the seed as 32-bit words, least significant first
        while True:
            key.append(n & 0xffffffff)
            n >>= 32
            if not n:
                break
        mt = [0] * self.N
        mt[0] = 19650218
        for i in range(1, self.N):
            mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xffffffff
        i, j = 1, 0
        for _ in range(max(self.N, len(key))):
            mt[i] = ((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525)) + key[j] + j) & 0xffffffff
            i, j = i + 1, j + 1
            if i >= self.N:
                mt[0], i = mt[self.N - 1], 1
            if j >= len(key):
                j = 0
        for _ in range(self.N - 1):
            mt[i] = ((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941)) - i) & 0xffffffff
            i += 1
            if i >= self.N:
                mt[0], i = mt[self.N - 1], 1
        mt[0] = 0x80000000
        self.mt, self.index, self.gauss_next = mt, self.N, None

    def _twist(self):
        mt, N, M = self.mt, self.N, self.M
        for k in range(N):
            y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff)
            mt[k] = mt[(k + M) % N] ^ (y >> 1) ^ (0x9908b0df if y & 1 else 0)
        self.index = 0

    def uint32(self):
        if self.index >= self.N:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        return y ^ (y >> 18)

    def random(self):
        """A float in [0, 1) from 53 bits, as random.random()."""
        a, b = self.uint32() >> 5, self.uint32() >> 6
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def randbelow(self, n):
        """An int in [0, n), n < 2**32, as random.randrange(n)."""
        k = n.bit_length()
        r = self.uint32() >> (32 - k)
        while r >= n:
            r = self.uint32() >> (32 - k)
        return r

    def choice(self, seq):
        return seq[self.randbelow(len(seq))]

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def gauss(self, mu, sigma):
        """Box-Muller; the second value of a pair is kept for the next call."""
        z, self.gauss_next = self.gauss_next, None
        if z is None:
            x2pi = self.random() * (2 * math.pi)
            g2rad = math.sqrt(-2.0 * math.log(1.0 - self.random()))
            z = math.cos(x2pi) * g2rad
            self.gauss_next = math.sin(x2pi) * g2rad
        return mu + z * sigma


def region_names(rng, n):
    names, seen = [], set()
    while len(names) < min(n, 3000):
        name = rng.choice(SYL_A) + rng.choice(SYL_B) + rng.choice(SYL_C)
        if name in seen:   # 25*8*16 = 3200 combinations, so N <= 3000 always ends
            continue
        seen.add(name)
        names.append(name)
    # Larger sets (the linearity benchmark's 30,000 rows) repeat the first
    # 3,000 names with a number: "Name 2", "Name 3", ...
    names += [f"{names[i % 3000]} {i // 3000 + 1}" for i in range(3000, n)]
    return names


def fmt_int(v):
    return f"{v:,.0f}"


def make_set(n, seed, set_id=None, rng_class=MT19937):
    if not 1 <= n <= 100000:
        raise SystemExit("gen_synthetic.py: N must be 1..100000")
    rng = rng_class(seed)
    width = 3 if n <= 999 else 4
    ids = [f"R{i + 1:0{width}d}" for i in range(n)]
    names = region_names(rng, n)
    groups = [GROUPS[rng.randbelow(3)][0] for _ in range(n)]

    entities = [{"id": "CN", "name": "China", "kind": "country"}]
    entities += [{"id": g, "name": gname, "kind": "group"} for g, gname in GROUPS]
    for rid, name, g in zip(ids, names, groups):
        entities.append({"id": rid, "name": name, "kind": "province", "groups": [g]})

    # invention patents: log10 ~ Normal(4.45, 0.55), truncated to [3, log10(600000)] by
    # drawing again (no pile-up at the bounds)
    patents = []
    for _ in range(n):
        x = rng.gauss(4.45, 0.55)
        while not 3.0 <= x <= math.log10(600000):
            x = rng.gauss(4.45, 0.55)
        patents.append(int(round(10 ** x)))
    # compute: 220000 * u^3 (many small, few large), integers 0..220000
    compute = [int(round(220000 * rng.random() ** 3)) for _ in range(n)]
    # clean power share: uniform 5..95, one decimal
    clean = [round(5 + 90 * rng.random(), 1) for _ in range(n)]
    # CN series 2016..2025: ~404k growing ~10 %/yr with noise
    series, v = [], 404000.0
    for year in range(2016, 2026):
        series.append({"entity": "CN", "period": str(year), "value": int(round(v))})
        v *= 1.0 + rng.uniform(0.04, 0.16)

    i_max_c = max(range(n), key=lambda i: (compute[i], -i))
    i_max_s = max(range(n), key=lambda i: (clean[i], -i))
    summary = (
        f"This synthetic briefing covers {n} regions in three groups. "
        f"Invention patents granted in 2025 range from {fmt_int(min(patents))} to "
        f"{fmt_int(max(patents))} per region, while the national total reached "
        f"{fmt_int(series[-1]['value'])}. Computing capacity is concentrated: "
        f"{names[i_max_c]} leads with {fmt_int(compute[i_max_c])} PFLOPS. "
        f"Clean sources supply between {min(clean):.1f} % and {max(clean):.1f} % of installed power "
        f"capacity, highest in {names[i_max_s]}. All figures are generated from a fixed seed and "
        f"carry no real-world meaning; they exist to exercise chart, table and pagination code "
        f"on realistic shapes of data."
    )

    def obs(vals):
        return [{"entity": rid, "period": "2025", "value": val} for rid, val in zip(ids, vals)]

    return {
        "format": "indicator-set/1",
        "id": set_id or f"synthetic-{n}",
        "title": "Innovation and Clean Energy Briefing",
        "subtitle": f"Synthetic indicator set: {n} regions in 3 groups",
        "date": "2026-03-01",
        "language": "en",
        "publisher": "briefing benchmark (synthetic data)",
        "summary": summary,
        "entities": entities,
        "indicators": [
            {"id": "invention_patents", "name": "Invention patents granted", "topic": "patents",
             "unit": "count", "decimals": 0, "source": "synthetic", "observations": obs(patents)},
            {"id": "compute_pflops", "name": "Computing capacity", "topic": "compute",
             "unit": "PFLOPS", "decimals": 0, "source": "synthetic", "observations": obs(compute)},
            {"id": "clean_power_share", "name": "Clean energy share of installed capacity",
             "topic": "clean-energy", "unit": "percent", "decimals": 1, "source": "synthetic",
             "observations": obs(clean)},
            {"id": "cn_patents_series", "name": "Invention patents granted, China", "topic": "patents",
             "unit": "count", "decimals": 0, "source": "synthetic", "observations": series},
        ],
        "sources": [{"id": "synthetic", "title": f"Synthetic data, gen_synthetic.py seed {seed}",
                     "publisher": "briefing benchmark, synthetic data", "date": "2026-03-01"}],
    }


def dumps(doc):
    # indent=1 with explicit separators: before Python 3.4 indent implied ", ".
    return json.dumps(doc, ensure_ascii=False, indent=1, separators=(",", ": ")) + "\n"


def write(path, doc):
    """Writes through a temporary file, so an interrupted build leaves no half set."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(dumps(doc))
    os.replace(tmp, path)


def standard(name):
    """(n, seed, id) of a standard file name, or None."""
    m = re.fullmatch(r"synthetic-(\d+)\.json", name)
    if m:
        return int(m.group(1)), BASE_SEED, None
    m = re.fullmatch(r"synthetic-31-b(\d\d)\.json", name)
    if m and 1 <= int(m.group(1)) <= 31:
        return 31, BASE_SEED + int(m.group(1)), name[:-5]
    return None


def standard_files():
    """Relative paths of the 34 standard files."""
    return ([f"synthetic-{n}.json" for n in (31, 300, 3000)] +
            [f"batch/synthetic-31-b{b:02d}.json" for b in range(1, 32)])


def self_test():
    import random

    class Stdlib(random.Random):
        randbelow = random.Random.randrange

    for n, seed, set_id in [(31, BASE_SEED, None), (300, BASE_SEED, None), (31, BASE_SEED + 7, "x"),
                            (5, 2 ** 40 + 3, None)]:
        if dumps(make_set(n, seed, set_id)) != dumps(make_set(n, seed, set_id, Stdlib)):
            print(f"gen_synthetic.py: differs from random.Random of Python {sys.version.split()[0]} "
                  f"for N={n} seed={seed}")
            return 1
    print(f"gen_synthetic.py: same sets as random.Random of Python {sys.version.split()[0]}")
    return 0


def main(argv):
    args = argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    if args[0] == "--self-test":
        return self_test()
    if args[0] == "--all" and len(args) == 2:
        for rel in standard_files():
            write(os.path.join(args[1], rel), make_set(*standard(os.path.basename(rel))))
        return 0
    if args[0] == "--n":
        opts = dict(zip(args[0:-1:2], args[1:-1:2]))
        if len(args) % 2 == 0 or set(opts) - {"--n", "--seed", "--id"} or "--seed" not in opts:
            raise SystemExit("usage: gen_synthetic.py --n N --seed SEED [--id ID] OUT.json")
        write(args[-1], make_set(int(opts["--n"]), int(opts["--seed"]), opts.get("--id")))
        return 0
    for out in args:
        std = standard(os.path.basename(out))
        if std is None:
            raise SystemExit(f"gen_synthetic.py: {out}: not a standard name "
                             "(synthetic-N.json or synthetic-31-bNN.json)")
        write(out, make_set(*std))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
