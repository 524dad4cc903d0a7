#!/usr/bin/env python3
"""no-outside-paths.py [ROOT]: the tests name no path outside the repository.

A fresh clone must build and pass its tests with nothing beside it, so no
test file (anything under tests/), meson file (meson.build, meson_options.txt,
meson.options anywhere), CI script (.ci/), setup.sh or tests/run-all.sh may
refer to a file outside ROOT (default: SRCDIR, else two levels above this
file).  Each line, comments included (a comment pointing outside is a stale
instruction), is checked for:
  named   the shared reference folder beside the repository (as a relative
          path or as a bare path starting with its name), the SHARED
          variable, HOME, or a path starting with a tilde;
  abs     an absolute path whose first directory is not a system one
          (usr bin sbin lib lib32 lib64 etc dev proc sys tmp run, and var/tmp);
          a single-component one only when it names a place files live
          (home root work mnt media srv opt var Users ...), so that PDF names
          like "/Type" and markup like "</b>" pass;
  climb   a relative path with a ".." component that, resolved, leaves ROOT.
          Quoted pieces joined by meson's "/" or by commas (os.path.join,
          g_build_filename) are joined first; the path is resolved against
          the nearest base named before it on the line: the source root
          (project_source_root, SRCDIR, src_root ...), the build directory
          (current_build_dir, MESON_BUILD_ROOT ...; climbing above it counts
          as leaving), else the file's own directory (current_source_dir,
          dirname, BASH_SOURCE, __file__, or nothing).
The one exception: files under tests/bench/ may name the workload's bench
folder inside the shared reference folder (and below it), for the optional
peer comparison of tests/bench/parity.py, which skips when it is absent; such
a file must say "optional peer comparison".  tests/fuzz/corpus*/ are not
read: they are machine-made reader input, opened by no test as a path; nor is any
node_modules/ (third-party npm packages installed for tests, not in git).
Before scanning ROOT the checker runs itself on a small made-up tree and
fails unless it flags exactly what it must (this file is scanned too, so its
own examples are spelt with escapes).  Exit 0 when clean, 1 otherwise."""
import os
import re
import sys
import tempfile

SYSTEM_ROOTS = {"usr", "bin", "sbin", "lib", "lib32", "lib64", "etc", "dev", "proc", "sys", "tmp", "run"}
PLACES = {"home", "root", "work", "mnt", "media", "srv", "opt", "var", "Users", "nix", "scratch", "data",
          "builds", "workspace", "src", "shared"}
REF = "shar" "ed"                           # the reference folder's name, spelt so this file passes
NAMED = [
    (re.compile(r"\.\./+(?:\.\./+)*" + REF + r"\b"), "names the shared reference folder"),
    (re.compile(r"\$\{?" + REF.upper() + r"\b"), "uses the SHARED variable"),
    (re.compile(r"(?<![\w./$-])" + REF + r"/"), "names the shared reference folder as a bare path"),
    (re.compile(r"\$\{?HOME\b"), "uses HOME"),
    (re.compile(r"(?<![\w.~-])~" + "/"), "names a path in a home directory"),
]
ABS = re.compile(r"/[\w.+~@%-]+(?:/[\w.+~@%-]*)*")
START = set(" \t=([,:{<>!|;&")            # what may precede an absolute path (or its quote)
TOKEN = re.compile(r"[\w.+~@%$/-]+")
BASES = [(re.compile(p, re.I), base) for p, base in [
    (r"project_source_root|global_source_root|source_root|src_root|srcdir|MESON_SOURCE_ROOT", "root"),
    (r"project_build_root|global_build_root|build_root|MESON_BUILD_ROOT", "build"),
    (r"current_build_dir", "builddir"),
    (r"current_source_dir|dirname|BASH_SOURCE|__file__|\$\{?0\b", "file"),
]]
JOIN = re.compile(r"""(['"])\s*[/,]\s*(['"])""")   # 'a' / 'b', "a", "b"  ->  'a/b'
SKIP_DIRS = {".git", "__pycache__", "node_modules"}  # node_modules: installed test-only npm packages, not ours


def in_scope(rel):
    name = os.path.basename(rel)
    return (rel.startswith("tests/") or rel.startswith(".ci/") or rel == "setup.sh"
            or name in ("meson.build", "meson_options.txt", "meson.options"))


def files(root):
    for d, dirs, names in os.walk(root):
        rel_d = os.path.relpath(d, root).replace(os.sep, "/")
        # build directories (they hold meson-private) and the fuzz corpus
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS
                         and not os.path.isdir(os.path.join(d, x, "meson-private"))
                         and not (rel_d == "tests/fuzz" and x.startswith("corpus")))
        for n in sorted(names):
            rel = os.path.normpath(os.path.join(rel_d, n)).replace(os.sep, "/")
            if in_scope(rel):
                yield rel


def base_of(line, pos):
    """The base named last before pos: root, build, builddir (this file's
    directory in the build tree) or file."""
    best, kind = -1, "file"
    for rx, base in BASES:
        for m in rx.finditer(line, 0, pos):
            if m.end() > best:
                best, kind = m.end(), base
    return kind


def bench_exception(rel, outside_rel):
    """outside_rel: the path relative to the repository's parent folder."""
    return rel.startswith("tests/bench/") and (outside_rel + "/").startswith(REF + "/bench/")


def check_line(rel, line, says_optional):
    found = []
    file_dir = os.path.dirname(rel)
    for rx, what in NAMED:
        for m in rx.finditer(line):
            tail = line[m.start():]
            peer = re.match(r"(?:\.\./+)" + REF + r"/bench\b", tail)
            if peer and rel.startswith("tests/bench/") and says_optional:
                continue
            found.append(what)
    for m in ABS.finditer(line):
        s = m.start()
        prev = line[s - 1] if s > 0 else ""
        if prev in "'\"":
            prev = line[s - 2] if s > 1 else ""
        if prev and prev not in START:
            continue                       # $W/x, "$dir"/x, a/b: not absolute
        comps = [c for c in m.group(0).split("/") if c]
        if len(comps) > 1 and comps[0] not in SYSTEM_ROOTS and comps[:2] != ["var", "tmp"]:
            found.append(f"absolute path {m.group(0)}")
        elif len(comps) == 1 and comps[0] in PLACES:
            found.append(f"absolute path {m.group(0)}")
    norm = JOIN.sub("/", line).replace("'", " ").replace('"', " ")
    for m in TOKEN.finditer(norm):
        tok, s = m.group(0), m.start()
        if ".." not in tok.split("/"):
            continue
        prev = norm[s - 1] if s > 0 else ""
        if tok.startswith("/"):
            if prev not in ")}]":
                continue                   # an absolute path: see above
            tok = tok.lstrip("/")          # $(dirname "$0")/..: relative to that
        kind = base_of(norm, s)
        start = file_dir if kind in ("file", "builddir") else ""
        path = os.path.normpath(os.path.join("ROOT", start, tok)).replace(os.sep, "/")
        if path == "ROOT" or path.startswith("ROOT/"):
            continue
        outside = os.path.normpath(os.path.join("PARENT/ROOT", start, tok)).replace(os.sep, "/")
        if kind in ("root", "file") and outside.startswith("PARENT/") and says_optional \
                and bench_exception(rel, outside[len("PARENT/"):]):
            continue
        frm = {"root": "the source root", "build": "the build root",
               "builddir": f"{start or '.'} in the build tree", "file": start or "."}[kind]
        found.append(f"{tok} from {frm} leaves the {'build directory' if kind.startswith('build') else 'repository'}")
    return list(dict.fromkeys(found))     # once per line and kind


def scan(root):
    problems, n = [], 0
    for rel in files(root):
        with open(os.path.join(root, rel), "rb") as f:
            data = f.read()
        if b"\0" in data[:8192]:
            continue                       # binary (a reference PNG)
        n += 1
        text = data.decode("utf-8", errors="replace")
        says_optional = "optional peer comparison" in text
        for no, line in enumerate(text.splitlines(), 1):
            for what in check_line(rel, line, says_optional):
                problems.append(f"{rel}:{no}: {what}: {line.strip()[:120]}")
    return n, problems


def self_check():
    """Runs scan on a made-up tree; returns a list of what went wrong."""
    up = "\x2e\x2e"                        # two dots, spelt so this file passes its own scan
    ref = up + "/" + REF
    bad = {   # file: content that must be flagged
        "tests/e2e/a.sh": f"bash {ref}/tools/pdfcheck x.pdf\n",
        "tests/e2e/b.sh": f"# see {ref}/notes/x.md\n",
        "tests/c.sh": 'python3 "${' + REF.upper() + '}/tools/textcollisions"\n',
        "tests/d/meson.build": f"x = meson.project_source_root() / '{up}' / 'other' / 'x.json'\n",
        "tests/e.c": f'g_build_filename(src_root(), "{up}", "{REF}", "x", NULL);\n',
        "tests/f.py": f"open(os.path.join(os.environ['SRCDIR'], '{up}', 'x'))\n",
        "tests/g.sh": "cat \x2fwork\x2fshared/x\n",
        "tests/h.sh": 'cp x "\x2fhome\x2fme/y"\n',
        "tests/i.sh": "cd \x24HOME/x\n",
        "tests/j/k/l.sh": f"cat {up}/{up}/{up}/{up}/x\n",
        "setup.sh": f"source {up}/env.sh\n",
        ".ci/run": "cd \x2fsrv\n",
        "render/meson.build": f"inc = '{up}/{up}/x'\n",
        "tests/bench/noreason.py": f"peer = '{ref}/bench/data'\n",
        "tests/e2e/notbench.py": f"# optional peer comparison\npeer = '{ref}/bench/data'\n",
        "tests/k/meson.build": f"x = meson.current_build_dir() / '{up}' / '{up}' / '{up}'\n",
    }
    good = {  # file: content that must pass
        "tests/ok.sh": ('cd "$(dirname "${BASH_SOURCE[0]}")/' + up + '"\n#!/usr/bin/env bash\n'
                        'x 2>/dev/null </dev/null; mktemp -p \x2ftmp; "$W/bad.json"; "$SRCDIR"/layouts/*.json\n'
                        "awk '/^Pages:/ { print $2 }'; sed 's/^/  /'; echo '<</Type /Page>> </b>'\n"),
        "tests/m/meson.build": (f"x = meson.current_source_dir() / '{up}' / 'multi' / 'a.json'\n"
                                f"inc = include_directories('{up}/{up}/unit')\n"
                                "y = meson.current_build_dir() / 'x'\n"),
        "tests/m/t.py": f"root = os.path.join(os.path.dirname(__file__), '{up}', '{up}')\n",
        "tests/bench/meson.build": (f"# optional peer comparison, only when present\n"
                                    f"peer = meson.project_source_root() / '{up}' / '{REF}' / 'bench' / 'data'\n"
                                    f"# {ref}/bench/data\n"),
        "tests/fuzz/corpus/x": f"{ref}/y \x2fhome\x2fz/y\n",
        "README.md": f"{ref}/tools\n",
    }
    wrong = []
    with tempfile.TemporaryDirectory() as tmp:
        for rel, content in list(bad.items()) + list(good.items()):
            os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w", encoding="utf-8") as f:
                f.write(content)
        os.makedirs(os.path.join(tmp, "build", "meson-private"))
        with open(os.path.join(tmp, "build", "meson.build"), "w") as f:
            f.write(bad["tests/e2e/a.sh"])   # a build directory is not read
        _, problems = scan(tmp)
    flagged = {p.split(":", 1)[0] for p in problems}
    wrong += [f"self-check: {rel} not flagged: {bad[rel].strip()}" for rel in sorted(set(bad) - flagged)]
    wrong += [f"self-check: wrongly flagged: {p}" for p in problems if p.split(":", 1)[0] not in bad]
    return wrong


def main(argv):
    root = argv[1] if len(argv) > 1 else (os.environ.get("SRCDIR")
                                           or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    root = os.path.abspath(root)
    wrong = self_check()
    for w in wrong:
        print(f"no-outside-paths: FAIL: {w}")
    n, problems = scan(root)
    for p in problems:
        print(f"no-outside-paths: FAIL: {p}")
    if n == 0:
        print(f"no-outside-paths: FAIL: no files to check under {root}")
        return 1
    print(f"no-outside-paths: {n} files checked, {len(problems)} outside paths"
          f"{', self-check failed' if wrong else ', self-check ok'}")
    return 1 if problems or wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
