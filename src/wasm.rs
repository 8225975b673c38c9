//! Browser bindings: the content script calls [`extract`] with the live
//! document's markup and gets the article as a plain JS object.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// `extract(html, url, options?)` → article object, or throws `{code, message}`.
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
            }
            let ser = serde_wasm_bindgen::Serializer::json_compatible();
            serde::Serialize::serialize(&ForBrowser { article: &article, nodes: &article.nodes }, &ser)
                .map_err(|e| error("internal", &e.to_string()))
        }
        Err(e) => Err(error(e.code(), &e.to_string())),
    }
}

/// Panics on purpose: lets the tests check that a panic in the core becomes a
/// clear error in the reader view and that the next use starts a fresh module.
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
