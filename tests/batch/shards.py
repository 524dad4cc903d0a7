#!/usr/bin/env python3
"""batch-shards: --shard 0/3, 1/3 and 2/3 of the 31 profiles together
write every file exactly once, byte for byte the unsharded run's, and
their reports' keys partition the unsharded report's; each job is in the
shard FNV-1a 64 of its key names (computed here independently)."""
import json
from batchlib import *


def fnv1a64(s):
    h = 14695981039346656037
    for b in s.encode():
        h = ((h ^ b) * 1099511628211) % 2**64
    return h


w = workdir("shards")
rc, err = render([S31, "-l", "profile", "--focus", "all", "-o", f"{w}/all", "-j", "2", "--report", f"{w}/all.json"])
check(rc == 0, f"unsharded run exits 0 ({rc})")
full = tree(f"{w}/all")
union, keys = {}, []
for k in range(3):
    rc, err = render([S31, "-l", "profile", "--focus", "all", "-o", f"{w}/s{k}", "-j", "2",
                      "--shard", f"{k}/3", "--report", f"{w}/s{k}.json"])
    check(rc == 0, f"shard {k}/3 exits 0 ({rc}: {err[-200:]})")
    part = tree(f"{w}/s{k}")
    check(not set(part) & set(union), f"shard {k}/3 writes no file another shard wrote")
    union.update(part)
    with open(f"{w}/s{k}.json") as f:
        rep = json.load(f)
    check(rep["shard"] == {"index": k, "count": 3}, f"shard {k}/3's report says so")
    check(all(fnv1a64(j["key"]) % 3 == k for j in rep["jobs"]), f"shard {k}/3 holds the jobs FNV-1a 64 puts there")
    check(len(part) == len(rep["jobs"]), f"shard {k}/3 wrote one file per job ({len(part)})")
    keys += [j["key"] for j in rep["jobs"]]
check(len(full) == 31 and union == full, "the shards together equal the unsharded run, byte for byte")
with open(f"{w}/all.json") as f:
    all_keys = [j["key"] for j in json.load(f)["jobs"]]
check(sorted(keys) == sorted(all_keys) and len(set(keys)) == 31, "the shards' keys cover every job exactly once")
finish()
