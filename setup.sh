#!/usr/bin/env bash
# Install everything Lucid Reader needs to build and test, on a Debian machine
# that has Rust (rustup), Node/npm and Python. Safe to run again: it only
# installs what is missing.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ ! -x /usr/bin/chromium ]]; then
  echo "==> Debian chromium (end-to-end tests, demo)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for c in clippy rustfmt; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

locked=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$locked" ]]; then
  echo "==> wasm-bindgen-cli $locked (the version in Cargo.lock)"
  cargo install --locked wasm-bindgen-cli --version "$locked"
fi

if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "==> npm packages (package-lock.json)"
  npm ci --no-audit --no-fund
fi
echo "==> set-up complete"
