#!/usr/bin/env bash
# trafilatura (PyPI, pinned) in its own virtualenv under target/, then timed
# over DIR (best of RUNS). Prints one JSON line: {"version", "seconds"}.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/bench-venv
if [[ ! -x $venv/bin/python ]] || ! $venv/bin/python -c 'import trafilatura' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q 'trafilatura==2.0.0' 'lxml_html_clean==0.4.3' >&2
fi
exec "$venv/bin/python" bench/throughput_loop.py trafilatura "$@"
