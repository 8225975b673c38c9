# The fresh-machine conditions (sourced by tests/fresh-machine.sh, and by
# test.sh when it runs in a fresh clone): nothing installed earlier by hand
# may help the README's commands.
#   - no `wasm-bindgen` (or its helpers) on PATH: every PATH folder holding
#     one is replaced by a folder of links to the rest of it;
#   - a temporary, empty CARGO_INSTALL_ROOT (a `cargo install` lands there;
#     the check fails if anything did);
#   - no CARGO_TARGET_DIR: the checkout's own target/.
# Registries' download caches stay: they hold packages as the registries
# serve them, not installed tools.
FRESH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/lucid-fresh-env.XXXXXX")
fresh_hidden=(wasm-bindgen wasm-bindgen-test-runner wasm2es6js)
fresh_path=""
IFS=: read -r -a fresh_dirs <<<"$PATH"
for d in "${fresh_dirs[@]}"; do
  [[ -d $d ]] || continue
  has=0
  for h in "${fresh_hidden[@]}"; do [[ -e $d/$h ]] && has=1; done
  if [[ $has == 1 ]]; then
    shadow=$FRESH_TMP/path/$(echo "$d" | tr / _)
    mkdir -p "$shadow"
    for f in "$d"/*; do
      name=$(basename "$f")
      [[ " ${fresh_hidden[*]} " == *" $name "* ]] || ln -s "$f" "$shadow/$name"
    done
    d=$shadow
  fi
  fresh_path=${fresh_path:+$fresh_path:}$d
done
export PATH=$fresh_path CARGO_INSTALL_ROOT=$FRESH_TMP/cargo-install
export LUCID_FRESH_ENV=$FRESH_TMP
unset CARGO_TARGET_DIR
if command -v wasm-bindgen >/dev/null; then
  echo "fresh-env: wasm-bindgen is still on PATH ($(command -v wasm-bindgen))" >&2
  exit 1
fi
