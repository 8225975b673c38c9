//! Browser bindings. Two wasm modules are built from this crate:
//! - the reader core (default build without the `csl` feature): the content
//!   script calls [`extract`] with the live document's markup and gets the
//!   article as a plain JS object;
//! - the citation module (`--features csl`): [`cite`] renders one CSL-JSON
//!   item in the prose styles. It is loaded only when a citation is copied.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// `extract(html, url, options?)` → article object, or throws `{code, message}`.
#[cfg(not(feature = "csl"))]
#[wasm_bindgen]
pub fn extract(html: &str, url: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let options: crate::Options = if options.is_undefined() || options.is_null() {
        crate::Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| error("bad-options", &e.to_string()))?
    };
    match crate::extract(html, url, &options) {
        Ok(article) => {
            #[derive(serde::Serialize)]
            struct ForBrowser<'a> {
                #[serde(flatten)]
                article: &'a crate::Article,
                nodes: &'a [crate::render::RNode],
                /// "Copy as Markdown" / "Copy as plain text".
                document_markdown: String,
                document_text: String,
            }
            let ser = serde_wasm_bindgen::Serializer::json_compatible();
            let for_browser = ForBrowser {
                article: &article,
                nodes: &article.nodes,
                document_markdown: crate::render::markdown_document(&article),
                document_text: crate::render::text_document(&article),
            };
            serde::Serialize::serialize(&for_browser, &ser).map_err(|e| error("internal", &e.to_string()))
        }
        Err(e) => Err(error(e.code(), &e.to_string())),
    }
}

/// `cite(itemJson, style)` → `{text, html}`: one reference in a prose style
/// (`apa`, `mla`, `chicago-author-date`, `chicago-notes`, `harvard`).
#[cfg(feature = "csl")]
#[wasm_bindgen]
pub fn cite(item_json: &str, style: &str) -> Result<JsValue, JsValue> {
    let item: serde_json::Value =
        serde_json::from_str(item_json).map_err(|e| error("bad-item", &format!("bad CSL-JSON item: {e}")))?;
    let rendered = crate::cite::csl::render(&item, style).map_err(|e| error("cite", &e))?;
    serde_wasm_bindgen::to_value(&rendered).map_err(|e| error("internal", &e.to_string()))
}

/// Panics on purpose: lets the tests check that a panic in the core becomes a
/// clear error in the reader view and that the next use starts a fresh module.
#[cfg(not(feature = "csl"))]
#[wasm_bindgen]
pub fn selftest_panic() {
    panic!("lucid self-test panic");
}

fn error(code: &str, message: &str) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(&o, &"message".into(), &message.into());
    o.into()
}
