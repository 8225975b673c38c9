//! The npm package's module (`lucid-reader`, docs/npm.md): the whole
//! pipeline, with the HTML parser, for markup no browser has parsed (a
//! string fetched by a server, a jsdom or linkedom document's
//! serialisation). Built by `build.sh` with `--features npm`; its
//! JavaScript face is `npm/index.js`.
//!
//! The names models are not built in (4 MB): the package's JavaScript hands
//! a language's model over the first time a text in that language asks for
//! it ([`model`]), read from the package's files.

use super::error;
use crate::ner::Model;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The models handed over so far, by file name (`en`, `pt`…): kept for
    /// the instance's life (five at most).
    static MODELS: RefCell<HashMap<&'static str, &'static Model>> = RefCell::new(HashMap::new());
    /// During a call of [`extract`]: the JavaScript function that gives a
    /// model file's bytes (or `undefined` when it has none at hand).
    static SOURCE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// The names model `file` (`data/ner/FILE.bin`), asked of the package's
/// JavaScript the first time; `None` when it cannot give it now (a browser
/// that has not fetched it yet: the package fetches it and extracts again).
pub fn model(file: &'static str) -> Option<&'static Model> {
    if let Some(m) = MODELS.with(|m| m.borrow().get(file).copied()) {
        return Some(m);
    }
    let bytes = SOURCE.with(|s| s.borrow().as_ref().and_then(|f| f.call1(&JsValue::NULL, &file.into()).ok()))?;
    if !bytes.is_instance_of::<js_sys::Uint8Array>() {
        return None;
    }
    let model = Model::from_bytes(&js_sys::Uint8Array::from(bytes).to_vec()).ok()?;
    let model: &'static Model = Box::leak(Box::new(model));
    MODELS.with(|m| m.borrow_mut().insert(file, model));
    Some(model)
}

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
    SOURCE.with(|s| *s.borrow_mut() = Some(models));
    let article = crate::extract(html, url, &options);
    SOURCE.with(|s| *s.borrow_mut() = None);
    let article = article.map_err(|e| error(e.code(), &e.to_string()))?;
    Ok(match format {
        "markdown" => crate::render::markdown_document(&article),
        "text" => crate::render::text_document(&article),
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
