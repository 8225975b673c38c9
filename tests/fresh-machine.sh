#!/usr/bin/env bash
# The fresh-machine check: clone this checkout's HEAD into a temporary folder
# and run the README's first command (./demo.sh: set-up, build, the demo) as a
# new user would, with nothing installed earlier by hand able to help:
#   - no `wasm-bindgen` (or its helpers) on PATH: every PATH folder holding
#     one is replaced by a copy of it without them;
#   - a temporary, empty CARGO_INSTALL_ROOT (a `cargo install` lands there
#     and is gone afterwards);
#   - its own target/ and node_modules/ (registries' download caches stay:
#     they hold packages as the registries serve them, not installed tools).
# Prints how long each part took; exits non-zero if anything fails.
#   tests/fresh-machine.sh            clone HEAD
#   KEEP=1 tests/fresh-machine.sh     keep the temporary folder
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/lucid-fresh.XXXXXX)
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$tmp"' EXIT

# PATH without the bindings generator's binaries.
hidden=(wasm-bindgen wasm-bindgen-test-runner wasm2es6js)
path=""
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [[ -d $d ]] || continue
  has=0
  for h in "${hidden[@]}"; do [[ -e $d/$h ]] && has=1; done
  if [[ $has == 1 ]]; then
    shadow=$tmp/path/$(echo "$d" | tr / _)
    mkdir -p "$shadow"
    for f in "$d"/*; do
      name=$(basename "$f")
      [[ " ${hidden[*]} " == *" $name "* ]] || ln -s "$f" "$shadow/$name"
    done
    d=$shadow
  fi
  path=${path:+$path:}$d
done

export PATH=$path CARGO_INSTALL_ROOT=$tmp/cargo-install
unset CARGO_TARGET_DIR
if command -v wasm-bindgen >/dev/null; then
  echo "fresh-machine: wasm-bindgen is still on PATH ($(command -v wasm-bindgen))" >&2
  exit 1
fi

start=$SECONDS
git clone -q "$repo" "$tmp/lucid"
ln -s "$repo/../shared" "$tmp/shared" 2>/dev/null || true
cd "$tmp/lucid"
echo "==> fresh clone of $(git rev-parse --short HEAD) in $tmp/lucid; PATH without wasm-bindgen, CARGO_INSTALL_ROOT=$CARGO_INSTALL_ROOT"
./demo.sh >"$tmp/demo.log" 2>&1 || { tail -n 30 "$tmp/demo.log" >&2; echo "fresh-machine: ./demo.sh failed in a fresh clone (log above)" >&2; exit 1; }
grep '^==> \|done in' "$tmp/demo.log"
test -s dist/chrome/extension/pkg/lucid_core_bg.wasm
test -s target/demo/reader.png
if [[ -n $(ls -A "$CARGO_INSTALL_ROOT" 2>/dev/null) ]]; then
  echo "fresh-machine: set-up installed into CARGO_INSTALL_ROOT: $(ls "$CARGO_INSTALL_ROOT")" >&2
  exit 1
fi
echo "==> fresh-machine check passed: ./demo.sh in a fresh clone in $((SECONDS - start)) s"
