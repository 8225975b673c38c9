#!/usr/bin/env bash
# Benchmarks that print numbers and write them to target/*.json.
#   ./bench.sh quality      extraction quality on the three corpora in ../shared/corpus vs the peers, and the gate ([--halves] [--per-page] [--ablation])
#   ./bench.sh facts        key facts: names on Wikigold and GermEval 2014 dev (each half) vs compromise, the
#                           name fixtures in other languages, time per page (target/bench-facts.json)
#   ./bench.sh robustness   property tests at scale: CASES per property (default 500000, two properties)
#   ./bench.sh declutter    live-page decluttering in Chromium and Firefox ESR on AEB dev + trafilatura-dev: list-matched ads hidden,
#                           article paragraphs hidden, what Lucid alone hides (target/bench-declutter.json)
#   ./bench.sh browser      in-browser speed on the AEB dev pages vs Readability.js (target/bench-browser.json)
#   ./bench.sh throughput   lucid batch vs Readability.js+jsdom vs trafilatura, pages/s (target/bench-throughput.json)
#   ./bench.sh growth       10 KB … 50 MB synthetic articles: time, memory, fitted exponent (target/bench-growth.json)
#   ./bench.sh size         wasm modules raw/gzipped and JS size (target/bench-size.json)
#   ./bench.sh npm          the npm package vs @mozilla/readability + jsdom and defuddle: pages/s from strings and from
#                           jsdom Documents, quality on the three corpora (target/bench-npm.json; docs/npm.md)
#   ./bench.sh stages       the core's time per pipeline stage, natively, on the AEB dev pages (target/bench-stages.json)
#   ./bench.sh speed        all four speed/size benchmarks above and one table (target/bench-speed.json)
#   ./bench.sh memory PAGE  the core's memory per stage on one page, built for wasm32 (WASI, in Node) as in
#                           the extension (PAGE must be a serialisation, e.g. target/growth/article-10000000.html)
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-quality}" in
  quality)
    cargo build --locked --release --bin lucid
    python3 bench/quality.py --write-docs "${@:2}"
    ;;
  facts)
    cargo build --locked --release --bin lucid
    python3 bench/facts.py --write-docs "${@:2}"
    ;;
  declutter)
    ./build.sh --no-cli
    node tools/bench-declutter.mjs --write-docs
    ;;
  browser)
    ./build.sh --no-cli
    node tools/bench-browser.mjs
    node tools/bench-report.mjs
    ;;
  throughput)
    cargo build --locked --release --bin lucid
    node tools/bench-throughput.mjs
    node tools/bench-report.mjs
    ;;
  growth)
    ./build.sh
    node tools/bench-growth.mjs
    node tools/bench-report.mjs
    ;;
  npm)
    ./build.sh
    [[ -s target/quality.json ]] || python3 bench/quality.py
    node --max-old-space-size=12288 tools/bench-npm.mjs
    ;;
  size)
    ./build.sh --no-cli
    node tools/bench-report.mjs size
    node tools/bench-report.mjs
    ;;
  speed)
    ./build.sh
    node tools/bench-report.mjs size
    node tools/bench-throughput.mjs
    node tools/bench-growth.mjs
    node tools/bench-browser.mjs
    node tools/bench-report.mjs
    ;;
  stages)
    cargo run --locked --release --example stages
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
  memory)
    page=$(realpath "${2:?usage: ./bench.sh memory PAGE.html}")
    rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1
    cargo build --locked --release --example memory --target wasm32-wasip1 --no-default-features
    # (Node 20's WASI hits a V8 fatal error in incremental marking while wasm
    # memory grows past ~50 MB; without incremental marking it does not.)
    node --no-warnings --no-incremental-marking tools/wasi-run.mjs \
      target/wasm32-wasip1/release/examples/memory.wasm "$page"
    ;;
  *)
    echo "usage: ./bench.sh quality [--per-page] [--ablation] | robustness | browser | throughput | growth | size | stages | speed | memory PAGE" >&2
    exit 2
    ;;
esac
