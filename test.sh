#!/usr/bin/env bash
# Run every test: formatting, lints, unit + fixture + CLI tests, the
# extraction quality floors, the end-to-end suite in Chromium, and the
# fresh-machine check (LUCID_SKIP_FRESH=1 skips it for a quick local run).
# docs/testing.md says what each part covers.
set -euo pipefail
cd "$(dirname "$0")"

./setup.sh
echo "==> cargo fmt --check"
cargo fmt --check
echo "==> cargo clippy (native and wasm32)"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked -p lucid-python -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features csl -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features tidy -- -D warnings
echo "==> JavaScript unit tests (the content script's logic, in jsdom)"
node --test tests/unit/
echo "==> build"
./build.sh
echo "==> cargo test"
cargo test --locked
echo "==> extraction quality floors (AEB dev, Readability dev, trafilatura-dev; gate)"
python3 tests/quality_regression.py
echo "==> the Python package: wheel, tests, PySpark (tests/python.sh)"
tests/python.sh
echo "==> web-ext lint (dist/firefox): no errors allowed"
npx --no-install web-ext lint --source-dir dist/firefox --no-input
echo "==> end-to-end (Chromium and Firefox ESR + extension)"
node --test --test-concurrency=1 tests/e2e/
if [[ ${LUCID_SKIP_FRESH:-0} == 1 ]]; then
  echo "==> fresh-machine check skipped (LUCID_SKIP_FRESH=1)"
else
  echo "==> fresh-machine check (a fresh clone, no wasm-bindgen, empty CARGO_INSTALL_ROOT; about 10 min)"
  tests/fresh-machine.sh
fi
