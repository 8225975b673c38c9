#!/usr/bin/env bash
# Set up, build, and show Lucid Reader working on the bundled demo page (the
# seed article rebuilt as a cluttered news page): opens it in headless
# Chromium with the extension, toggles the reader view, saves screenshots to
# target/demo/, and prints the extracted article.
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh
./build.sh
node tools/demo.mjs
