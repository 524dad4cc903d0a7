"""Shared by the hardening-text tests: small sets and layouts written into a
work directory, the briefing binary and the PDF checkers (tests/meson.build
test_env: BRIEFING, SRCDIR, TOOLS)."""
import json
import os
import shutil
import subprocess
import sys

BRIEFING = os.environ["BRIEFING"]
TOOLS = os.environ["TOOLS"]
FAILS = []


def fail(msg):
    print("FAIL: " + msg)
    FAILS.append(msg)


def finish(name):
    if FAILS:
        print(f"{name}: {len(FAILS)} check(s) failed")
        sys.exit(1)
    print(f"{name}: ok")
    sys.exit(0)


def workdir(name):
    w = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", name + ".d")
    shutil.rmtree(w, ignore_errors=True)
    os.makedirs(w)
    return w


def small_set(entities=None, title="Hardening", **extra):
    """A valid set: a country, the given (id, name) provinces, one indicator."""
    entities = entities or [("A", "Alpha"), ("B", "Beta")]
    ents = [{"id": "W", "name": "World", "kind": "country"}]
    ents += [{"id": i, "name": n, "kind": "province"} for i, n in entities]
    obs = [{"entity": i, "period": "2024", "value": 10 + 7 * k} for k, (i, _) in enumerate(entities)]
    d = {"format": "indicator-set/1", "id": "hardening", "title": title, "date": "2026-03-02",
         "entities": ents,
         "indicators": [{"id": "a", "name": "Index", "topic": "t", "unit": "count", "source": "s",
                         "observations": obs}],
         "sources": [{"id": "s", "title": "synthetic"}]}
    d.update(extra)
    return d


def write_json(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


def render(set_path, out, layout=None, fmt=None):
    """Runs briefing render; returns (exit code, stderr)."""
    cmd = [BRIEFING, "render", set_path, "-o", out]
    if layout:
        cmd += ["-l", layout]
    if fmt:
        cmd += ["--format", fmt]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    err = r.stderr.decode("utf-8", "replace")
    # Under the sanitizers an error path must stay as clean as a render.
    if "Sanitizer" in err or "runtime error:" in err:
        fail(f"{os.path.basename(out)}: sanitizer report:\n{err[-3000:]}")
    return r.returncode, err


def text_of(pdf, *args):
    return subprocess.run(["pdftotext", *args, pdf, "-"], capture_output=True, check=True).stdout.decode()


def pdfcheck(pdf, *expected):
    r = subprocess.run(["bash", os.path.join(TOOLS, "pdfcheck"), pdf, *expected], capture_output=True)
    if r.returncode != 0:
        fail(f"pdfcheck {os.path.basename(pdf)}:\n" + r.stdout.decode("utf-8", "replace")[-1500:])


def textcollisions(pdf):
    r = subprocess.run([sys.executable, os.path.join(TOOLS, "textcollisions"), pdf], capture_output=True)
    if r.returncode != 0:
        fail(f"textcollisions {os.path.basename(pdf)}:\n" + r.stdout.decode("utf-8", "replace")[-1500:])
