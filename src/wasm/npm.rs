//! The npm package's module (`lucid-reader`, docs/npm.md): the whole
//! pipeline, with the HTML parser, for markup no browser has parsed (a
//! string fetched by a server, a jsdom or linkedom document's
//! serialisation). Built by `build.sh` with `--features npm`; its
//! JavaScript face is `npm/index.js`.
//!
//! The names models are not built in (4 MB): the package's JavaScript hands
//! a language's model over the first time a text in that language asks for
//! it ([`crate::ner::handed`]).

use super::error;
use wasm_bindgen::prelude::*;

/// `extract(html, url, optionsJson, format, models)` → the article as the
/// CLI prints it in `format`: `json` (the CLI's JSON, a string), `markdown`,
/// `text` or `html`; or throws `{code, message}` (`empty`, `not-html`,
/// `not-an-article`, `bad-option`). `models(file)` gives the bytes of a
/// names model (`Uint8Array`) or `undefined`. The prose citations are not in
/// the JSON: the package adds them from the citation module.
#[wasm_bindgen]
pub fn extract(
    html: &str,
    url: &str,
    options_json: &str,
    format: &str,
    models: js_sys::Function,
) -> Result<String, JsValue> {
    let options: crate::types::Options = match options_json {
        "" => crate::types::Options::default(),
        j => serde_json::from_str(j).map_err(|e| error("bad-option", &e.to_string()))?,
    };
    if !matches!(format, "json" | "markdown" | "text" | "html") {
        return Err(error("bad-option", &format!("unknown format {format:?}")));
    }
    let article = crate::ner::handed::with_source(models, || crate::extract(html, url, &options));
    let article = article.map_err(|e| error(e.code(), &e.to_string()))?;
    Ok(match format {
        "markdown" => crate::document::markdown_document(&article),
        "text" => crate::document::text_document(&article),
        "html" => article.html,
        _ => serde_json::to_string(&article).map_err(|e| error("internal", &e.to_string()))?,
    })
}

/// Panics on purpose: lets the package's tests check that a panic becomes an
/// `internal` error and that the next call gets a fresh instance.
#[wasm_bindgen]
pub fn selftest_panic() {
    panic!("lucid self-test panic");
}
