#!/usr/bin/env bash
# Install everything Lucid Reader needs to build and test, on a Debian machine
# that has Rust (rustup), Node/npm and Python. Safe to run again: each step
# only does what is missing. Nothing is installed outside this checkout but
# Debian packages and rustup components: the wasm bindings generator is built
# from this project's Cargo.lock (tools/bindgen), not `cargo install`ed.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

# step NAME USUAL-TIME FIX COMMAND...: run one step, say what it is and how
# long it usually takes; on failure print one line naming the step and the fix.
step() {
  local name=$1 usual=$2 fix=$3 start=$SECONDS log
  shift 3
  log=$(mktemp "${TMPDIR:-/tmp}/lucid-setup.XXXXXX")
  echo "==> $name (usually $usual)"
  if ! "$@" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "setup.sh: step '$name' failed — $fix (full log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
  echo "    done in $((SECONDS - start)) s"
}

need() {
  command -v "$1" >/dev/null || { echo "setup.sh: '$1' not found — $2" >&2; exit 1; }
}
need cargo "install Rust with rustup (https://rustup.rs)"
need rustup "install Rust with rustup (https://rustup.rs); the wasm target comes from it"
need node "install Node.js 20 or newer (Debian: apt-get install nodejs npm)"
need npm "install npm (Debian: apt-get install npm)"
need python3 "install Python 3 (Debian: apt-get install python3)"

apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}
if [[ ! -x /usr/bin/chromium ]]; then
  step "Debian chromium, for the demo and the end-to-end tests" "1-2 min" \
    "run 'sudo apt-get install chromium' and check that /usr/bin/chromium exists" apt_install chromium
fi

# The interface in other languages: Debian's chromium ships only its en-US
# strings, and an extension's messages follow the browser's language.
if [[ ! -f /usr/lib/chromium/locales/pl.pak ]]; then
  step "Debian chromium-l10n, for the end-to-end tests of the interface's languages" "1 min" \
    "run 'sudo apt-get install chromium-l10n' and check that /usr/lib/chromium/locales/pl.pak exists" apt_install chromium-l10n
fi

if [[ ! -x /usr/bin/firefox-esr ]]; then
  step "Debian firefox-esr, for the end-to-end tests in Firefox" "1-2 min" \
    "run 'sudo apt-get install firefox-esr' and check that /usr/bin/firefox-esr exists" apt_install firefox-esr
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target wasm32-unknown-unknown" "under a minute" \
    "run 'rustup target add wasm32-unknown-unknown'" rustup target add wasm32-unknown-unknown
fi
for c in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$c"; then
    step "rustup component $c" "under a minute" "run 'rustup component add $c'" rustup component add "$c"
  fi
done

if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "npm packages from package-lock.json (test drivers, wasm-opt, fonts, rule sources)" "under a minute" \
    "check that the npm registry is reachable, then run 'npm ci'" npm ci --no-audit --no-fund
fi

# EasyList (CC BY-SA 3.0), whose generic element-hiding rules build.rs compiles
# into the declutter module: taken from Debian's pinned uBlock Origin package,
# which ships it (docs/declutter.md). Checked against the package's SHA-256.
EASYLIST_DEB=webext-ublock-origin-chromium_1.67.0+dfsg-1~deb12u1_all.deb
EASYLIST_SHA256=7c43dd25f680613f2a7e83bc643e42eec624a8f47a3822518123e48e87a143f4
EASYLIST=target/filters/easylist.txt
fetch_easylist() {
  local dir=target/filters deb
  mkdir -p "$dir"
  deb="$dir/$EASYLIST_DEB"
  curl -fsS --retry 3 -m 120 -o "$deb.part" \
    "http://deb.debian.org/debian/pool/main/u/ublock-origin/${EASYLIST_DEB//+/%2B}"
  echo "$EASYLIST_SHA256  $deb.part" | sha256sum -c --quiet
  mv "$deb.part" "$deb"
  dpkg-deb --fsys-tarfile "$deb" \
    | tar -xO ./usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easylist.txt >"$EASYLIST.part"
  grep -q '^! Title: EasyList' "$EASYLIST.part"
  mv "$EASYLIST.part" "$EASYLIST"
  rm -f "$deb"
}
if [[ ! -s $EASYLIST ]]; then
  step "EasyList from Debian's uBlock Origin package (pinned, checked)" "a few seconds" \
    "check that deb.debian.org is reachable and that curl and dpkg-deb are installed" fetch_easylist
fi

# The bindings generator: wasm-bindgen-cli-support at exactly the wasm-bindgen
# version in Cargo.lock, built by cargo into target/ like the rest.
step "wasm bindings generator (tools/bindgen, pinned by Cargo.lock)" "about 20 s the first time, seconds after" \
  "check that the crates registry is reachable, then run 'cargo build --locked -p lucid-bindgen'" \
  cargo build --locked -p lucid-bindgen
echo "==> set-up complete; ./build.sh builds the extension (about 4 min the first time)"
