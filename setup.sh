#!/usr/bin/env bash
# setup.sh [--test]
#
# Installs the Debian 12 packages briefing needs to build and render; with
# --test also what the test suite needs (PDF checkers, clang with the
# sanitizer runtime, valgrind, Node.js and npm) and the test-only npm
# packages of tests/realdata (public data sets, into
# tests/realdata/node_modules) and tests/pdfjs (pdf.js, into
# tests/pdfjs/node_modules).  Idempotent: asks dpkg what is missing and runs
# apt-get (update once, then install) only when something is, and runs
# `npm ci` only when node_modules does not match package-lock.json.  Runs
# apt-get as root, or through sudo when not root.
set -euo pipefail

usage() { echo "usage: $0 [--test]" >&2; exit 2; }

with_test=0
for arg in "$@"; do
  case "$arg" in
    --test) with_test=1 ;;
    -h|--help) echo "usage: $0 [--test]"; exit 0 ;;
    *) usage ;;
  esac
done

# Build and render.  --no-install-recommends below, so what is only
# recommended is listed here: gcc merely recommends libc6-dev, meson
# dpkg-dev (for Debian's multiarch libdir).  libgs-common holds the ICC
# profiles of --pdfa's output intents (meson options srgb_icc, cmyk_icc).
pkgs=(
  gcc libc6-dev meson dpkg-dev ninja-build pkg-config
  libcairo2-dev libpango1.0-dev libharfbuzz-dev libcjson-dev libhpdf-dev nettle-dev
  libfontconfig-dev libglib2.0-dev
  fonts-noto-core fonts-wqy-zenhei
  libgs-common
)
# Tests.  clang only recommends its sanitizer runtime (libclang-rt-14-dev on
# Debian 12), which the -Db_sanitize=address,undefined build links; poppler
# only recommends poppler-data (CJK CMaps).  man-db and groff-base render
# the manual pages (tests/man), which minimal images leave out.  GNU
# parallel runs the shards of tests/batch's batch-gnu-parallel; strace shows
# tests/e2e's fonts-private what the process opens.  Slurm
# (controller, node daemon, commands) and munge, its authentication, run
# README.md's Slurm recipe as a job array in batch-slurm, on a one-node
# cluster with a munged of the test's own.  Installing starts no Slurm
# daemon (Debian's units and init scripts need /etc/slurm/slurm.conf); a
# system munged it may start is harmless and unused.
if [ "$with_test" = 1 ]; then
  pkgs+=(
    poppler-utils poppler-data qpdf mupdf-tools ghostscript
    python3 python3-jsonschema
    valgrind clang libclang-rt-14-dev
    man-db groff-base
    parallel
    strace
    slurmctld slurmd slurm-client munge
    nodejs
  )
  # npm installs the data of tests/realdata.  Debian's nodejs needs the npm
  # package; a nodejs that bundles npm (NodeSource's: Provides and Conflicts
  # npm) must not get it.
  if ! dpkg-query -W -f='${Provides}' nodejs 2>/dev/null | grep -qw npm; then
    pkgs+=(npm)
  fi
fi

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all ${#pkgs[@]} packages present"
else
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "setup.sh: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi

  echo "setup.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

# The test-only npm packages of tests/realdata (tests/realdata/README.md)
# and of tests/pdfjs (pdf.js reading the PDFs: tests/e2e/pdfjs.sh),
# exactly as each package-lock.json pins them (versions and integrity
# hashes).  `npm ci` replaces node_modules, so it runs only when some
# package of the lock is missing there or has another version.  Optional
# packages are left out (pdf.js's canvas, a native module for rendering,
# which the tests do not do).
if [ "$with_test" = 1 ]; then
  for npm_dir in realdata pdfjs; do
    dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/tests/$npm_dir
    if node -e '
        const fs = require("fs"), dir = process.argv[1];
        const lock = JSON.parse(fs.readFileSync(dir + "/package-lock.json", "utf8")).packages;
        for (const [path, p] of Object.entries(lock)) {
          if (!path || p.optional) continue;
          const pj = dir + "/" + path + "/package.json";
          if (!fs.existsSync(pj) || JSON.parse(fs.readFileSync(pj, "utf8")).version !== p.version)
            process.exit(1);
        }' "$dir"; then
      echo "setup.sh: tests/$npm_dir/node_modules matches package-lock.json"
    else
      echo "setup.sh: npm ci in tests/$npm_dir"
      (cd "$dir" && npm ci --no-audit --no-fund --omit=optional </dev/null)
    fi
    # Type declarations and source maps are never loaded by the tests;
    # pdf.js's name its own source folders by paths that climb out of
    # the package, which read like paths out of the repository to anyone
    # checking that the tree stands alone.  The lock check above reads
    # package.json only.
    find "$dir/node_modules" -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' \) -delete
  done
fi
