#!/usr/bin/env bash
# Run every test (what CI runs): set-up, formatting and lints, the JS unit
# tests, the build, cargo test, the extraction quality floors, the Python
# package and PySpark, web-ext lint, the end-to-end suites in Chromium and in
# Firefox ESR (side by side), and the fresh-machine proof. Each stage's time
# is printed, and the table is written to target/test-times.md.
#   ./test.sh           everything
#   ./test.sh --quick   the edit-test loop (under 5 minutes on a built tree):
#                       fmt, native clippy, JS unit tests, build, cargo test,
#                       the Chromium reader suite
# docs/testing.md says what each part covers and how the time is spent.
set -euo pipefail
cd "$(dirname "$0")"

quick=0
[[ ${1:-} == --quick ]] && quick=1

# A checkout holding nothing but what git holds (no target/, node_modules/,
# dist/ or build output): this run is then itself the fresh-machine proof
# (docs/testing.md), under the same conditions tests/fresh-machine.sh sets.
fresh=0
if [[ $quick == 0 && -z $(git status --porcelain --ignored 2>/dev/null) && -d .git ]]; then
  fresh=1
  source tests/fresh-env.sh
fi

rm -rf target/test-logs
source tests/stages.sh
# On exit, the stage table (target/test-times.md); after a full run that
# passed, also in docs/testing.md between its test-times markers.
finish() {
  local rc=$?
  echo
  stage_table target/test-times.md
  if [[ $rc == 0 && $quick == 0 ]]; then
    python3 tools/doc-block.py docs/testing.md test-times target/test-times.md \
      "(the last full \`./test.sh\` run: $(date -u +%F), commit $(git rev-parse --short HEAD)$([[ $fresh == 1 ]] && echo ', a fresh clone'))"
  fi
  return $rc
}
trap finish EXIT

stage "set-up (setup.sh)" ./setup.sh
stage "cargo fmt --check" cargo fmt --check
stage "JavaScript unit tests (tests/unit, jsdom)" node --test tests/unit/
stage "build (build.sh: wasm modules, CLI, extensions)" ./build.sh

# The end-to-end files, one node process each, so each file's time is known.
# Files named firefox*.test.mjs drive Firefox ESR; MIXED files hold a test for
# each browser and run in both lanes with LUCID_E2E_BROWSERS set to one.
MIXED=(conformance declutter-corpus)
e2e_files() { # e2e_files chromium|firefox
  local f base
  for f in tests/e2e/*.test.mjs; do
    base=$(basename "$f" .test.mjs)
    if [[ " ${MIXED[*]} " == *" $base "* ]]; then echo "$f"
    elif [[ $base == firefox* ]]; then [[ $1 == firefox ]] && echo "$f"
    else [[ $1 == chromium ]] && echo "$f"; fi
  done
  return 0
}
# e2e_lane chromium|firefox [FILE...]: every file of that browser in turn; a
# failing file does not stop the others; the lane fails if any failed.
e2e_lane() {
  local browser=$1 f rc=0
  shift
  local files=("$@")
  [[ ${#files[@]} -gt 0 ]] || mapfile -t files < <(e2e_files "$browser")
  for f in "${files[@]}"; do
    LUCID_E2E_BROWSERS=$browser stage "e2e $browser: $(basename "$f")" node --test --test-concurrency=1 "$f" || rc=1
  done
  return $rc
}

lints() {
  if [[ $quick == 1 ]]; then
    stage "clippy, native (lib, CLI, tests, examples)" cargo clippy --locked --all-targets -- -D warnings
    return 0
  fi
  # (one pass for the workspace: the Python crate shares the lib's check)
  stage "clippy, native (lib, CLI, tests, examples, Python crate)" cargo clippy --locked --workspace --exclude lucid-bindgen --all-targets -- -D warnings
  stage "clippy, wasm32 reader module" cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
  # (the cite, tidy and npm modules' code in one pass: their features only add code)
  stage "clippy, wasm32 cite, tidy and npm modules" cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features csl,tidy,npm -- -D warnings
}

if [[ $quick == 1 ]]; then
  lints
  stage "cargo test" cargo test --locked
  e2e_lane chromium tests/e2e/reader.test.mjs
  exit 0
fi

# The native checks in one lane beside the two browsers' (they need the
# build above, and nothing the browsers do): the lints, cargo test, the
# quality floors (on the CLI build.sh made), web-ext lint. The Python
# package and PySpark run after the Firefox files, the shortest browser
# lane (the lanes then end within a minute of each other: docs/testing.md).
native_lane() {
  lints
  stage "cargo test" cargo test --locked
  stage "quality floors (tests/quality_regression.py)" python3 tests/quality_regression.py
  stage "web-ext lint (dist/firefox): no errors" npx --no-install web-ext lint --source-dir dist/firefox --no-input
  stage "npm package (tests/npm: the tarball installed; Node, Deno, Bun, Chromium)" node --test tests/npm/
}
firefox_lane() {
  local rc=0
  e2e_lane firefox || rc=1
  stage "Python package and PySpark (tests/python.sh)" tests/python.sh || rc=1
  return $rc
}
lane native native_lane
lane chromium e2e_lane chromium
lane firefox firefox_lane
lanes_wait

if [[ $fresh == 1 ]]; then
  stage "fresh-machine proof: this run was a fresh clone; ./demo.sh on its build" tests/fresh-machine.sh --in-place
elif [[ ${LUCID_SKIP_FRESH:-0} == 1 ]]; then
  echo "==> fresh-machine check skipped (LUCID_SKIP_FRESH=1)"
else
  stage "fresh-machine check (a fresh clone, set-up and build from nothing)" tests/fresh-machine.sh
fi
