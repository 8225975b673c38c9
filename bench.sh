#!/usr/bin/env bash
# Benchmarks that print numbers and write them to target/*.json.
#   ./bench.sh quality    extraction quality on ../shared/corpus (both corpora) vs the peers
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-quality}" in
  quality)
    cargo build --locked --release --bin lucid
    python3 bench/quality.py "${@:2}"
    ;;
  *)
    echo "usage: ./bench.sh quality [--per-page]" >&2
    exit 2
    ;;
esac
