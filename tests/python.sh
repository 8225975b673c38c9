#!/usr/bin/env bash
# The Python package (python/): its abi3 wheel built and installed by
# python/build.sh --dev, then its tests against the CLI
# (python/tests/test_lucid_reader.py) and inside PySpark in local mode
# (python/tests/spark_check.py; Java 17+, Debian's OpenJDK).
# Needs target/release/lucid (./build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
  echo "==> Java 17 (Debian's openjdk-17-jre-headless), for PySpark"
  apt-get update -q >/dev/null && apt-get install -y -q openjdk-17-jre-headless >/dev/null
fi
# (unoptimised: the tests compare its output with the CLI's, which does not
# depend on the optimisation, and it builds in half the time of a release)
wheel=$(python/build.sh --dev)
echo "==> Python package tests ($(basename "$wheel"))"
target/py-venv/bin/python -m unittest discover -s python/tests -p 'test_*.py'
echo "==> PySpark (local mode): WARC files and a UDF, against lucid batch"
target/py-venv/bin/python python/tests/spark_check.py
