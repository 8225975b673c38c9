#!/usr/bin/env bash
# The Python package's abi3 wheel (maturin), installed into a virtualenv under
# target/py-venv with what its tests and benchmark need (maturin and pyspark
# from PyPI, pinned here; the Rust crates from this project's Cargo.lock).
# Prints the wheel's path.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-venv
if ! "$venv/bin/python" -c 'import maturin, pyspark' 2>/dev/null; then
  echo "==> virtualenv $venv: maturin, pyspark (PyPI, pinned; about a minute)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'maturin==1.16.0' 'pyspark==4.3.0' >&2
fi
echo "==> maturin build (the abi3 wheel)" >&2
rm -rf target/wheels
if ! "$venv/bin/maturin" build --locked --release -m python/Cargo.toml -o target/wheels >target/maturin.log 2>&1; then
  cat target/maturin.log >&2
  exit 1
fi
wheel=$(ls target/wheels/lucid_reader-*-abi3-*.whl)
"$venv/bin/pip" install -q --force-reinstall --no-deps "$wheel" >&2
echo "$wheel"
