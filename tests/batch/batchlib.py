"""Shared by the batch tests (tests/batch/*.py): run briefing, list and
hash outputs, check PDFs.  Environment from tests/meson.build's test_env:
BRIEFING, SRCDIR, TOOLS, GENDATA, SOURCE_DATE_EPOCH."""
import hashlib
import os
import shutil
import subprocess
import sys

BRIEFING = os.environ["BRIEFING"]
GENDATA = os.environ["GENDATA"]
SRCDIR = os.environ["SRCDIR"]
S31 = os.path.join(GENDATA, "synthetic-31.json")
S3000 = os.path.join(GENDATA, "synthetic-3000.json")
BATCH = [os.path.join(GENDATA, "batch", f"synthetic-31-b{i:02d}.json") for i in range(1, 32)]

failures = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def finish():
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all passed")
    sys.exit(0)


def workdir(name):
    """A fresh directory under the build dir (the first argument)."""
    d = os.path.join(sys.argv[1], name + ".d")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def render(args, **kw):
    """briefing render ARGS; returns (exit code, stderr)."""
    r = subprocess.run([BRIEFING, "render"] + args, capture_output=True, text=True, **kw)
    return r.returncode, r.stderr


def tree(d):
    """{file name: sha256} of the files in d (not recursive)."""
    if not os.path.isdir(d):
        return {}
    out = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


def qpdf_ok(path):
    return subprocess.run(["qpdf", "--check", path], capture_output=True).returncode in (0, 3)
