#!/usr/bin/env bash
# Benchmarks that print numbers and write them to target/*.json.
#   ./bench.sh quality      extraction quality on ../shared/corpus (both corpora) vs the peers
#   ./bench.sh robustness   property tests at scale: CASES per property (default 500000, two properties)
#   ./bench.sh browser      in-browser speed on the AEB dev pages vs Readability.js (target/bench-browser.json)
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-quality}" in
  quality)
    cargo build --locked --release --bin lucid
    python3 bench/quality.py "${@:2}"
    ;;
  browser)
    ./build.sh --no-cli
    node tools/bench-browser.mjs
    ;;
  robustness)
    cases=${CASES:-500000}
    start=$(date +%s)
    PROPTEST_CASES=$cases cargo test --locked --release --test robustness -- --test-threads=1 --nocapture | tee target/robustness.log
    secs=$(( $(date +%s) - start ))
    worst=$(sed -n 's/.*time per byte (inputs over 2 KB): \([0-9]*\) ns.*/\1/p' target/robustness.log)
    printf '{"cases": %d, "properties": 2, "total_cases": %d, "seconds": %d, "worst_ns_per_byte": %s}\n' \
      "$cases" "$((cases * 2))" "$secs" "${worst:-null}" | tee target/robustness.json
    # Linear cost: no input over 2 KB may take more than 10 µs per byte.
    if [[ -n "$worst" && "$worst" -gt 10000 ]]; then
      echo "bench: worst time per byte ${worst} ns exceeds the 10000 ns bound" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: ./bench.sh quality [--per-page] [--ablation] | robustness | browser" >&2
    exit 2
    ;;
esac
