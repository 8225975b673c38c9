//! `lucid-bindgen`: wasm-bindgen's bindings generator, built from this
//! project's `Cargo.lock` (it depends on `wasm-bindgen-cli-support` at exactly
//! the `wasm-bindgen` version the core links), so the build needs no
//! `wasm-bindgen` CLI installed by hand. `build.sh` runs it as
//!
//!     lucid-bindgen --out-dir DIR --out-name NAME module.wasm
//!
//! and it writes what `wasm-bindgen --target web --no-typescript` writes.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: lucid-bindgen --out-dir DIR --out-name NAME INPUT.wasm\n\
                     (what `wasm-bindgen --target web --no-typescript` does, at the version in Cargo.lock)";

struct Args {
    out_dir: PathBuf,
    out_name: String,
    input: PathBuf,
}

fn parse(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut out_dir, mut out_name, mut input) = (None, None, None);
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "--out-dir" => out_dir = argv.next().map(PathBuf::from),
            "--out-name" => out_name = argv.next(),
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
            _ if input.is_some() => return Err(format!("one input module only\n{USAGE}")),
            _ => input = Some(PathBuf::from(arg)),
        }
    }
    match (out_dir, out_name, input) {
        (Some(out_dir), Some(out_name), Some(input)) => Ok(Args { out_dir, out_name, input }),
        _ => Err(USAGE.into()),
    }
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    let result = bindgen
        .input_path(&args.input)
        .out_name(&args.out_name)
        .web(true)
        .map(|b| b.typescript(false).omit_default_module_path(false))
        .and_then(|b| b.generate(&args.out_dir));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lucid-bindgen: {}: {e:#}", args.input.display());
            ExitCode::FAILURE
        }
    }
}
