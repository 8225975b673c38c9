//! The names models of the npm package's module: not built in (4 MB), but
//! handed over by the package's JavaScript the first time a text in a
//! language asks for one (its bytes from the `lucid-reader-names` package;
//! docs/npm.md), and kept for the instance's life (five at most).

use super::Model;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static MODELS: RefCell<HashMap<&'static str, &'static Model>> = RefCell::new(HashMap::new());
    /// During [`with_source`]: the JavaScript function that gives a model
    /// file's bytes (a `Uint8Array`), or `undefined` when it has none at hand.
    static SOURCE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Runs `run` with `source` as where models come from.
pub fn with_source<R>(source: js_sys::Function, run: impl FnOnce() -> R) -> R {
    SOURCE.with(|s| *s.borrow_mut() = Some(source));
    let out = run();
    SOURCE.with(|s| *s.borrow_mut() = None);
    out
}

/// The model `file` (`data/ner/FILE.bin`), asked of the source the first
/// time; `None` when it cannot give it now (a browser that has not fetched
/// it yet: the package fetches it and extracts again; or no names package).
pub(super) fn model(file: &'static str) -> Option<&'static Model> {
    if let Some(m) = MODELS.with(|m| m.borrow().get(file).copied()) {
        return Some(m);
    }
    let bytes = SOURCE.with(|s| s.borrow().as_ref().and_then(|f| f.call1(&JsValue::NULL, &file.into()).ok()))?;
    let bytes = bytes.dyn_into::<js_sys::Uint8Array>().ok()?;
    let model: &'static Model = Box::leak(Box::new(Model::from_bytes(&bytes.to_vec()).ok()?));
    MODELS.with(|m| m.borrow_mut().insert(file, model));
    Some(model)
}
