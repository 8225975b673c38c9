#!/usr/bin/env bash
# Build Lucid Reader: the release wasm core, the native `lucid` CLI, and the
# unpacked extensions dist/chrome, dist/firefox, dist/chrome-test plus zips.
#   ./build.sh           everything
#   ./build.sh --no-cli  skip the native CLI
#   ./build.sh --npm     only the npm package's module and dist/npm (the
#                        citation module from an earlier full build)
set -euo pipefail
cd "$(dirname "$0")"

cli=1
[[ "${1:-}" == "--no-cli" ]] && cli=0
npm_only=0
[[ "${1:-}" == "--npm" ]] && npm_only=1 && cli=0

need() { command -v "$1" >/dev/null || { echo "build.sh: '$1' not found — run ./setup.sh first" >&2; exit 1; }; }
need cargo; need node
# The bindings generator, built from this project's Cargo.lock by setup.sh
# (tools/bindgen): no wasm-bindgen CLI on PATH is used or needed. An
# unoptimised build: a third of the compile (37 s of CPU, not 108), and it
# writes the same bytes, in 0.7 s a module instead of 0.15.
target_dir=${CARGO_TARGET_DIR:-target}
bindgen=$target_dir/debug/lucid-bindgen
cargo build --locked -q -p lucid-bindgen

# wasm-opt from the npm package `binaryen` (pinned in package-lock.json):
# Debian's binaryen is too old for the reference types Rust now emits.
wasm_opt=node_modules/.bin/wasm-opt
# What every wasm module is built from (the sources, data, manifests, the
# toolchain, this script, the bindings generator), hashed once for all four.
sources="$( (find src data vendor .cargo build.rs Cargo.toml Cargo.lock -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum "$0" "$bindgen"; rustc -V) | sha256sum | cut -c1-32)"
# build_wasm NAME PROFILE WASM-OPT-LEVEL CARGO-FEATURE-ARGS…: one wasm module into
# $pkg/NAME* ($pkg: extension/pkg unless set).
# An unchanged module (the same cargo output, the same bindgen and wasm-opt
# settings) is not bound and optimised again: its stamp says what it was made from.
build_wasm() {
  local name=$1 profile=$2 level=$3 pkg=${pkg:-extension/pkg}
  shift 3
  mkdir -p "$pkg"
  # Nothing it is built from changed (the sources, data, manifests, the
  # toolchain, this script, the bindings generator): not even cargo is asked.
  # (Cargo would build it again: the modules share one output file, so each
  # build of one makes the next of another start over.)
  local inputs
  inputs="$(echo "$sources $profile $level $*" | sha256sum | cut -c1-32)"
  if [[ -s $pkg/${name}_bg.wasm && -s $pkg/${name}.js && $(cat "$pkg/.$name.inputs" 2>/dev/null) == "$inputs" ]]; then
    echo "    ${name}: nothing it is built from changed, kept"
    return
  fi
  rm -f "$pkg/.$name.inputs"
  # (`cargo rustc --crate-type rlib,cdylib`: the crate is an rlib everywhere
  # else, so native builds and tests do not link a shared library nobody
  # uses. The rlib is kept here: the modules are then byte for byte what
  # they were when Cargo.toml listed both; cdylib alone optimises differently.)
  # (LUCID_DENY_WARNINGS=1, as test.sh sets: rustc's warnings fail the build,
  # the lint of each module's own feature set; the module is byte for byte the same.)
  local deny=()
  [[ ${LUCID_DENY_WARNINGS:-0} == 1 ]] && deny=(-- -D warnings)
  cargo rustc --locked --lib --crate-type rlib,cdylib --target wasm32-unknown-unknown --profile "$profile" "$@" "${deny[@]}"
  local src=$target_dir/wasm32-unknown-unknown/$profile/lucid.wasm
  local stamp
  stamp="$(sha256sum "$src" "$bindgen" "$0" | sha256sum | cut -c1-32) $level"
  if [[ -s $pkg/${name}_bg.wasm && -s $pkg/${name}.js && $(cat "$pkg/.$name.stamp" 2>/dev/null) == "$stamp" ]]; then
    echo "    ${name}: unchanged, kept"
    echo "$inputs" >"$pkg/.$name.inputs"
    return
  fi
  rm -f "$pkg/.$name.stamp"
  "$bindgen" --out-dir "$pkg" --out-name "$name" "$src"
  if [[ -x $wasm_opt ]]; then
    # (--low-memory-unused: Rust never places data in the first 1 KiB of
    # linear memory, so wasm-opt may fold address offsets; 0.5 % smaller.
    # The producers and target-features sections are metadata no browser reads.)
    if "$wasm_opt" "$level" --strip-producers --strip-target-features --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
         --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
         "$pkg/${name}_bg.wasm" -o "$pkg/${name}_bg.opt.wasm" 2>"$target_dir/wasm-opt-$name.log"; then
      mv "$pkg/${name}_bg.opt.wasm" "$pkg/${name}_bg.wasm"
    else
      echo "build.sh: wasm-opt failed (see $target_dir/wasm-opt-$name.log); keeping the unoptimised module" >&2
      rm -f "$pkg/${name}_bg.opt.wasm"
    fi
  else
    echo "build.sh: $wasm_opt missing (npm ci); the wasm module is not size-optimised" >&2
  fi
  echo "$stamp" >"$pkg/.$name.stamp"
  echo "$inputs" >"$pkg/.$name.inputs"
}
# The npm package (npm/, docs/npm.md): its module, the citation module and
# the names models, packed by `npm pack` as anyone installs it.
pack_npm() {
  echo "==> npm packages"
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
  local staged=target/npm/package names=target/npm/names
  rm -rf "$staged" "$names" && mkdir -p "$staged/pkg" "$names/ner" dist/npm
  cp npm/index.js npm/index.d.ts npm/README.md npm/LICENSE "$staged/"
  sed "s/\"\(version\|lucid-reader-names\)\": \"[^\"]*\"/\"\1\": \"$version\"/" npm/package.json >"$staged/package.json"
  cp target/npm/pkg/lucid_npm.js target/npm/pkg/lucid_npm_bg.wasm extension/pkg/lucid_cite.js extension/pkg/lucid_cite_bg.wasm "$staged/pkg/"
  # The data compiled into the modules and their licences: the CSL styles
  # in the citation module (CC BY-SA 3.0), CLDR, stopwords-iso, WordNet.
  cat data/csl/README.md data/NOTICE-cldr.md data/NOTICE-roles.md >"$staged/NOTICE.md"
  # The names models (CC BY-SA 4.0, 5.4 MB) in a package of their own, found
  # by the first when installed beside it (docs/npm.md).
  cp data/ner/*.bin "$names/ner/"
  cp data/NOTICE-ner.md "$names/NOTICE.md"
  cp npm/names/README.md "$names/"
  sed "s/\"version\": \"[^\"]*\"/\"version\": \"$version\"/" npm/names/package.json >"$names/package.json"
  local p
  for p in "$staged" "$names"; do
    (cd "$p" && npm pack --silent --pack-destination "$OLDPWD/dist/npm" >/dev/null)
  done
  echo "    dist/npm/lucid-reader-$version.tgz: $(stat -c %s "dist/npm/lucid-reader-$version.tgz") B"
  echo "    dist/npm/lucid-reader-names-$version.tgz: $(stat -c %s "dist/npm/lucid-reader-names-$version.tgz") B"
}
npm_module() {
  echo "==> wasm module of the npm package (profile 'wasm', with the HTML parser: the core for markup no browser parsed)"
  pkg=target/npm/pkg build_wasm lucid_npm wasm -O3 --no-default-features --features npm
}
if [[ $npm_only == 1 ]]; then
  npm_module
  pack_npm
  exit 0
fi

# The native CLI builds beside the wasm modules, in a target folder of its
# own (cargo locks a target folder while it builds): their fat LTO and
# wasm-opt run on one core and leave the other idle. It is copied to
# target/release/lucid, where the tests, benchmarks and demo run it.
if [[ $cli == 1 ]]; then
  echo "==> native CLI (release, thin LTO), beside the wasm modules: log in $target_dir/cli.log"
  cargo build --locked --release --bin lucid --target-dir "$target_dir/cli" >"$target_dir/cli.log" 2>&1 &
  cli_pid=$!
fi
mkdir -p extension/pkg
# The modules of each profile in turn (they share the profile's output
# file), the two profiles side by side: cargo locks a profile's folder, not
# the target folder, and each module's fat LTO and wasm-opt run on one core.
# The 'wasm-small' modules' output: $target_dir/wasm-small.log.
small_modules() {
  echo "==> wasm citation module (profile 'wasm-small': opt-level z; loaded when a citation is first copied)"
  build_wasm lucid_cite wasm-small -Oz --no-default-features --features csl
  echo "==> wasm declutter module (profile 'wasm-small'; loaded after the reader view has painted)"
  build_wasm lucid_tidy wasm-small -Oz --no-default-features --features tidy
}
small_modules >"$target_dir/wasm-small.log" 2>&1 &
small_pid=$!
# (one trap for both background builds: a script that stops early stops them)
trap 'kill "${cli_pid:-}" "$small_pid" 2>/dev/null || true' EXIT
echo "==> wasm reader core (profile 'wasm': opt-level 3, lto, codegen-units 1, panic abort; wasm-opt -O3 --low-memory-unused)"
build_wasm lucid_core wasm -O3 --no-default-features
npm_module
if ! wait "$small_pid"; then
  cat "$target_dir/wasm-small.log" >&2
  echo "build.sh: the citation or declutter module failed to build (above)" >&2
  exit 1
fi
grep -E '^(==>|    lucid_)' "$target_dir/wasm-small.log" || true

if [[ $cli == 1 ]]; then
  if ! wait "$cli_pid"; then
    cat "$target_dir/cli.log" >&2
    echo "build.sh: the native CLI failed to build (above)" >&2
    exit 1
  fi
  tail -n 1 "$target_dir/cli.log"
  mkdir -p "$target_dir/release"
  cp -f "$target_dir/cli/release/lucid" "$target_dir/release/lucid.new"
  mv -f "$target_dir/release/lucid.new" "$target_dir/release/lucid"
  echo "==> native CLI: $target_dir/release/lucid"
fi

echo "==> extensions"
rm -rf dist
fonts=node_modules/@fontsource/atkinson-hyperlegible
for target in chrome firefox chrome-test firefox-test; do
  mkdir -p "dist/$target/extension/fonts"
  cp -r extension/. "dist/$target/extension/"
  rm -f "dist/$target/extension/pkg/.gitignore" "dist/$target/extension/pkg/".*.stamp "dist/$target/extension/pkg/".*.inputs
  # Locales live at the extension root.
  mv "dist/$target/extension/_locales" "dist/$target/_locales"
  # The dyslexia-friendly font (Atkinson Hyperlegible, OFL), bundled: no web fonts.
  for w in 400 700; do
    cp "$fonts/files/atkinson-hyperlegible-latin-$w-normal.woff2" "dist/$target/extension/fonts/atkinson-hyperlegible-$w.woff2"
  done
  cp "$fonts/LICENSE" "dist/$target/extension/fonts/LICENSE-atkinson-hyperlegible.txt"
  # The consent-banner rules compiled into lucid_tidy come from autoconsent (MPL-2.0).
  cp data/NOTICE-autoconsent.md "dist/$target/extension/NOTICE-autoconsent.md"
  cp node_modules/@duckduckgo/autoconsent/LICENSE "dist/$target/extension/LICENSE-autoconsent.txt"
  # The ad-hiding rules compiled into lucid_tidy come from EasyList (CC BY-SA 3.0).
  cp data/NOTICE-easylist.md "dist/$target/extension/NOTICE-easylist.md"
  # The name models (data/ner, CC BY-SA 4.0): loaded after the view has painted.
  mkdir -p "dist/$target/extension/ner"
  cp data/ner/*.bin "dist/$target/extension/ner/"
  cp data/NOTICE-ner.md "dist/$target/extension/NOTICE-ner.md"
  # The key facts' language data (CLDR, stopwords-iso), compiled into the reader core.
  cp data/NOTICE-cldr.md "dist/$target/extension/NOTICE-cldr.md"
done
# Test builds only: axe-core for the accessibility audit, the speech stub; in Firefox, the
# bridge the tests drive the extension through (tests/e2e/firefox/).
for target in chrome-test firefox-test; do
  mkdir -p "dist/$target/extension/test"
  cp node_modules/axe-core/axe.min.js "dist/$target/extension/test/"
  # A stand-in for the Web Speech API (headless browsers have no voices).
  cp tests/e2e/speech/speech-stub.js "dist/$target/extension/test/"
done
cp tests/e2e/firefox/bridge.js tests/e2e/firefox/bridge-bg.js dist/firefox-test/extension/test/
node tools/manifest.mjs manifest.json dist
for target in chrome firefox; do
  (cd "dist/$target" && python3 -m zipfile -c "../lucid-reader-$target.zip" manifest.json _locales extension)
done

pack_npm

for name in lucid_core lucid_cite lucid_tidy; do
  wasm=extension/pkg/${name}_bg.wasm
  echo "==> ${name}: wasm $(stat -c %s "$wasm") B raw, $(gzip -9 -c "$wasm" | wc -c) B gzipped"
done
js=$(cat extension/*/*.js | wc -c)
echo "==> done; JS (glue and extension scripts) ${js} B"
echo "    dist/chrome  dist/firefox  dist/chrome-test  dist/firefox-test  dist/lucid-reader-{chrome,firefox}.zip"
