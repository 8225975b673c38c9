//! Compiles the consent-banner rules of `@duckduckgo/autoconsent` (installed by
//! `npm ci`, see `setup.sh`) into `$OUT_DIR/consent-rules.json`, which the core
//! embeds. The compiler itself is `src/declutter/compile.rs` (unit-tested there).

#[path = "src/declutter/compile.rs"]
#[allow(dead_code)]
mod compile;

use std::{env, fs, path::Path};

fn main() {
    let pkg = Path::new("node_modules/@duckduckgo/autoconsent");
    println!("cargo:rerun-if-changed=src/declutter/compile.rs");
    println!("cargo:rerun-if-changed={}", pkg.join("package.json").display());
    let read = |rel: &str| {
        fs::read_to_string(pkg.join(rel)).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}.\nThe consent-banner rules are compiled from the npm package \
                 @duckduckgo/autoconsent: run ./setup.sh (or `npm ci`) first.",
                pkg.join(rel).display()
            )
        })
    };
    let manifest: serde_json::Value = serde_json::from_str(&read("package.json")).expect("autoconsent package.json");
    let version = manifest["version"].as_str().unwrap_or("unknown").to_string();
    let mut cmp_sources: Vec<(String, String)> = fs::read_dir(pkg.join("lib/cmps"))
        .expect("autoconsent lib/cmps")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read_to_string(e.path()).unwrap_or_default()))
        .collect();
    cmp_sources.sort();
    let rules = read("rules/rules.json");
    let patterns = read("lib/heuristic-patterns.ts");
    let out = compile::compile(&compile::Input {
        rules_json: &rules,
        cmp_sources,
        patterns_ts: &patterns,
        version: &version,
    })
    .unwrap_or_else(|e| panic!("compiling the autoconsent rules: {e}"));
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("consent-rules.json");
    fs::write(dest, serde_json::to_string(&out).unwrap()).unwrap();
}
