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
# (rustc's warnings fail the wasm modules' builds: each module's own
# feature set linted as it is built, the modules byte for byte the same)
LUCID_DENY_WARNINGS=$((1 - quick)) stage "build (build.sh: wasm modules, CLI, extensions)" ./build.sh

# The end-to-end files, one node process each, so each file's time is known.
# Files named firefox*.test.mjs drive Firefox ESR; MIXED files hold a test for
# each browser and run once for each, with LUCID_E2E_BROWSERS set to one.
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
e2e_name() { echo "e2e $1: $(basename "$2")"; }
e2e_cmd() { echo "LUCID_E2E_BROWSERS=$1 $LOW node --test --test-concurrency=1 $2"; }
# The jobs that wait most of their time (the browsers, node) run at a lower
# priority than the compiles (cargo test, the Python wheel, clippy), which
# are the longest jobs and are bound by the CPU alone: when both want a
# core, the compile gets it, and the browsers run in the compiles' gaps.
LOW="nice -n 10"

# Clippy's lints in the builds that test: `cargo test` and the Python
# wheel's build are compiled by clippy-driver (cargo's workspace wrapper,
# what `cargo clippy` itself uses; dependencies are compiled by rustc) with
# warnings denied, so the code is checked and built in one compile instead
# of two. Each in a target folder of its own (TARGET-DIR): the flags differ
# from a plain build's, and cargo locks a folder while it builds, which
# would keep one job waiting for the other's whole compile.
lint_build() { # lint_build TARGET-DIR COMMAND...
  local driver dir=$1
  shift
  driver=$(command -v clippy-driver) || { echo "clippy-driver not found: run ./setup.sh" >&2; return 1; }
  RUSTC_WORKSPACE_WRAPPER=$driver RUSTFLAGS="-D warnings" CARGO_TARGET_DIR=$dir "$@"
}

if [[ $quick == 1 ]]; then
  stage "clippy, native (lib, CLI, tests, examples)" cargo clippy --locked --all-targets -- -D warnings
  stage "cargo test" cargo test --locked
  stage "$(e2e_name chromium tests/e2e/reader.test.mjs)" eval "$(e2e_cmd chromium tests/e2e/reader.test.mjs)"
  exit 0
fi

# After the build, every job is independent of the others: five workers
# (LUCID_TEST_WORKERS) take them from one queue, longest first
# (tests/stages.sh), so that they end together. Five on two cores: a
# browser job waits most of its time (page loads, settling: its CPU time is
# a fifth to a half of its wall clock), and with three workers the cores
# were busy 58 % of the time; the browsers at a lower priority ($LOW).
queue_add "cargo test, linted by clippy (lib, CLI, tests, examples)" "lint_build target/linted cargo test --locked"
# (wasm-only code: the cite, tidy and npm features together, which only
# add code; the reader module's own set is linted by rustc as it is built)
queue_add "clippy, wasm32 (the cite, tidy and npm modules' features)" \
  "cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features csl,tidy,npm -- -D warnings"
queue_add "quality floors (tests/quality_regression.py)" "$LOW python3 tests/quality_regression.py"
queue_add "web-ext lint (dist/firefox): no errors" "$LOW npx --no-install web-ext lint --source-dir dist/firefox --no-input"
queue_add "npm package (tests/npm: the tarball installed; Node, Deno, Bun, Chromium)" "$LOW node --test tests/npm/"
queue_add "Python package (its crate linted by clippy) and PySpark (tests/python.sh)" "lint_build target/linted-py tests/python.sh"
for browser in chromium firefox; do
  while read -r f; do
    queue_add "$(e2e_name "$browser" "$f")" "$(e2e_cmd "$browser" "$f")"
  done < <(e2e_files "$browser")
done
queue_order docs/testing.md
queue_run "${LUCID_TEST_WORKERS:-5}"

if [[ $fresh == 1 ]]; then
  stage "fresh-machine proof: this run was a fresh clone; ./demo.sh on its build" tests/fresh-machine.sh --in-place
elif [[ ${LUCID_SKIP_FRESH:-0} == 1 ]]; then
  echo "==> fresh-machine check skipped (LUCID_SKIP_FRESH=1)"
else
  stage "fresh-machine check (a fresh clone, set-up and build from nothing)" tests/fresh-machine.sh
fi
