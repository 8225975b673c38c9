#!/usr/bin/env bash
# The fresh-machine check: the README's first command (./demo.sh: set-up,
# build, the demo) as a new user runs it, with nothing installed earlier by
# hand able to help (tests/fresh-env.sh: no `wasm-bindgen` on PATH, an empty
# temporary CARGO_INSTALL_ROOT, the checkout's own target/ and node_modules/).
# Exits non-zero if anything fails or anything was `cargo install`ed.
#   tests/fresh-machine.sh             clone HEAD into a temporary folder and
#                                      run ./demo.sh there (a build from nothing)
#   tests/fresh-machine.sh --in-place  test.sh's cheaper form, when test.sh
#                                      itself ran in a fresh clone under
#                                      tests/fresh-env.sh: its set-up and build
#                                      were the fresh ones; run ./demo.sh on
#                                      them here and check the same things
#   KEEP=1 tests/fresh-machine.sh      keep the temporary folder
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
start=$SECONDS

# check_result: what the fresh run must leave behind.
check_result() {
  test -s dist/chrome/extension/pkg/lucid_core_bg.wasm
  test -s target/demo/reader.png
  if [[ -n $(ls -A "$CARGO_INSTALL_ROOT" 2>/dev/null) ]]; then
    echo "fresh-machine: set-up installed into CARGO_INSTALL_ROOT: $(ls "$CARGO_INSTALL_ROOT")" >&2
    exit 1
  fi
}

if [[ ${1:-} == --in-place ]]; then
  if [[ -z ${LUCID_FRESH_ENV:-} ]]; then
    echo "fresh-machine: --in-place is for test.sh in a fresh clone (tests/fresh-env.sh was not in force)" >&2
    exit 1
  fi
  cd "$repo"
  log=$LUCID_FRESH_ENV/demo.log
  echo "==> ./demo.sh in this fresh clone ($(git rev-parse --short HEAD)), PATH without wasm-bindgen, CARGO_INSTALL_ROOT=$CARGO_INSTALL_ROOT"
  ./demo.sh >"$log" 2>&1 || { tail -n 30 "$log" >&2; echo "fresh-machine: ./demo.sh failed (log above)" >&2; exit 1; }
  check_result
  echo "==> fresh-machine proof passed: set-up, build and every test ran in a fresh clone; ./demo.sh on them in $((SECONDS - start)) s"
  exit 0
fi

source "$repo/tests/fresh-env.sh"
tmp=$LUCID_FRESH_ENV
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$tmp"' EXIT
git clone -q "$repo" "$tmp/lucid"
ln -s "$repo/../shared" "$tmp/shared" 2>/dev/null || true
cd "$tmp/lucid"
echo "==> fresh clone of $(git rev-parse --short HEAD) in $tmp/lucid; PATH without wasm-bindgen, CARGO_INSTALL_ROOT=$CARGO_INSTALL_ROOT"
./demo.sh >"$tmp/demo.log" 2>&1 || { tail -n 30 "$tmp/demo.log" >&2; echo "fresh-machine: ./demo.sh failed in a fresh clone (log above)" >&2; exit 1; }
grep '^==> \|done in' "$tmp/demo.log"
check_result
echo "==> fresh-machine check passed: ./demo.sh in a fresh clone in $((SECONDS - start)) s"
