#!/usr/bin/env bash
# The Python package's abi3 wheel (maturin), installed into a virtualenv under
# target/py-venv with what its tests and benchmark need (maturin and pyspark
# from PyPI, pinned here; the Rust crates from this project's Cargo.lock).
# Prints the wheel's path.
#   python/build.sh          the release wheel (what a user installs; the benchmark)
#   python/build.sh --dev    unoptimised, for the tests (tests/python.sh): the
#                            same code and output, built in half the time
#
# maturin and pyspark (about 450 MB) live in a virtualenv of their own in the
# user's cache, named by their pins and the Python version, made once per
# machine: target/py-venv sees its packages through a .pth file, so a new
# clone does not download and unpack them again. A bare machine (or
# LUCID_CACHE pointed at an empty folder) makes it from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=(--release)
[[ ${1:-} == --dev ]] && profile=(--profile dev)
pins=('maturin==1.16.0' 'pyspark==4.3.0')
pyver=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
cache=${LUCID_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lucid-reader}
deps=$cache/py-deps-$(echo "${pins[*]} $pyver" | sha256sum | cut -c1-12)
if [[ ! -e $deps/.complete ]] || ! "$deps/bin/python" -c 'import maturin, pyspark' 2>/dev/null; then
  echo "==> $deps: ${pins[*]} (PyPI, pinned; once per machine, about a minute)" >&2
  rm -rf "$deps"
  mkdir -p "$cache"
  python3 -m venv "$deps"
  "$deps/bin/pip" install -q "${pins[@]}" >&2
  touch "$deps/.complete"
fi
venv=target/py-venv
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  "$deps/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' >"$site/lucid-py-deps.pth"
fi
echo "==> maturin build (the abi3 wheel, ${profile[*]})" >&2
rm -rf target/wheels
if ! "$deps/bin/maturin" build --locked "${profile[@]}" -m python/Cargo.toml -o target/wheels >target/maturin.log 2>&1; then
  cat target/maturin.log >&2
  exit 1
fi
wheel=$(ls target/wheels/lucid_reader-*-abi3-*.whl)
"$venv/bin/pip" install -q --force-reinstall --no-deps "$wheel" >&2
echo "$wheel"
