//! Browser bindings. Four wasm modules are built from this crate:
//! - the reader core (default build without the `csl` feature): the content
//!   script calls [`extract`] with the live document's markup and gets the
//!   article as a plain JS object;
//! - the citation module (`--features csl`): [`cite`] renders one CSL-JSON
//!   item in the prose styles. It is loaded only when a citation is copied;
//! - the declutter module (`--features tidy`): [`declutter`] hides the live
//!   page's clutter, and [`names`] finds the article's names with a
//!   language's model. It is loaded after the reader view has painted, and
//!   holds no HTML parser (it reads the live DOM through web-sys);
//! - the npm package's module (`--features npm`, [`npm`]): the whole
//!   pipeline with the HTML parser, for Node, Deno, Bun and workers.

use wasm_bindgen::prelude::*;

#[cfg(feature = "npm")]
pub mod npm;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
thread_local! {
    /// The page's markup as UTF-8, written into wasm memory by the content
    /// script (`TextEncoder.encodeInto` at [`markup_buffer`]'s pointer): the
    /// browser transcodes the page once, straight into the buffer the core reads.
    /// (`TextEncoder.encode` and a copy in took twice as long; given a string,
    /// wasm-bindgen's glue copies it char by char in JavaScript up to its first
    /// non-ASCII char, then reserves three bytes per remaining char: a 50 MB
    /// page took 150 MB.)
    static MARKUP: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `markupBuffer(capacity, keep)` → a pointer to `capacity` bytes of wasm
/// memory for the markup, of which the first `keep` are kept from the buffer
/// before (0 for a new page; more when `encodeInto` ran out of room and the
/// buffer grows).
#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
#[wasm_bindgen(js_name = markupBuffer)]
pub fn markup_buffer(capacity: usize, keep: usize) -> *mut u8 {
    MARKUP.with(|m| {
        let mut m = m.borrow_mut();
        let keep = keep.min(m.len()).min(capacity);
        if keep == 0 {
            // A new page: the buffer of the one before is not copied.
            *m = Vec::new();
        }
        m.truncate(keep);
        m.reserve_exact(capacity - keep);
        // Zeroed once: what `encodeInto` does not write is never read (see
        // `extract`'s `len`), but the bytes must be initialised to be a Vec's.
        m.resize(capacity, 0);
        m.as_mut_ptr()
    })
}

/// `extract(len, url, optionsJson?)` → the article as a JSON string (the
/// content script parses it: one `JSON.parse` is faster than building the
/// object field by field across the boundary), or throws `{code, message}`.
/// The markup is the first `len` bytes written at [`markup_buffer`] (UTF-8).
/// `optionsJson`: [`crate::types::Options`] as JSON (`{"accessed": "2026-11-26"}`).
/// The markup is freed with the page once the article is rendered, and the
/// JSON leaves wasm memory in pieces of about 256 KB as it is written
/// ([`ToJs`]): a large page's peak memory holds neither the whole markup nor
/// the whole JSON next to the tree.
#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
#[wasm_bindgen]
pub fn extract(len: usize, url: &str, options_json: Option<String>) -> Result<js_sys::JsString, JsValue> {
    let mut html = MARKUP.with(|m| std::mem::take(&mut *m.borrow_mut()));
    if len > html.len() {
        return Err(error("bad-markup", "no markup was written (markupBuffer first)"));
    }
    html.truncate(len);
    let html = String::from_utf8(html).map_err(|e| error("not-html", &format!("the markup is not UTF-8: {e}")))?;
    let options: crate::types::Options = match options_json.as_deref() {
        None | Some("") => crate::types::Options::default(),
        Some(j) => serde_json::from_str(j).map_err(|e| error("bad-options", &e.to_string()))?,
    };
    let mut article = crate::extract_owned(html, url, &options).map_err(|e| error(e.code(), &e.to_string()))?;
    let nodes = std::mem::take(&mut article.nodes);
    let for_browser = ForBrowser {
        article: &article,
        nodes: crate::render::Marked::new(&nodes, &article.facts),
        guard: Lazy(|| crate::declutter::guard_from_text(&article.text)),
    };
    let mut out = ToJs::default();
    serde_json::to_writer(&mut out, &for_browser).map_err(|e| error("internal", &e.to_string()))?;
    Ok(out.finish())
}

/// `copy(articleJson, kind)` → "Copy as Markdown" (`markdown`) or "Copy as
/// plain text" (`text`) of an article `extract` returned (its JSON with at
/// least `title`, `authors`, `published`, `site_name`, `url`, `text` and
/// `nodes`; `keys`, `panel` and `labels` for the key facts that close the
/// Markdown). Written on demand: extraction does not write both copies for
/// every page. In the module loaded after the paint (with the declutter rules
/// and the names): the reader core carries no Markdown writer.
#[cfg(feature = "tidy")]
#[wasm_bindgen]
pub fn copy(article_json: &str, kind: &str) -> Result<String, JsValue> {
    crate::document::copy_document(article_json, kind).map_err(|e| error("bad-item", &e))
}

/// `sentences(text)` → the sentences of `text` (one block of the reader view,
/// its text nodes joined) as `[start, end, start, end, …]` in UTF-16 code
/// units, JavaScript's string indices: what read-aloud speaks and highlights
/// one at a time ([`crate::facts::sentences`]).
#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
#[wasm_bindgen]
pub fn sentences(text: &str) -> Vec<u32> {
    crate::facts::sentences_utf16(text)
}

#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
#[derive(serde::Serialize)]
#[serde(bound(serialize = "Lazy<G>: serde::Serialize"))]
struct ForBrowser<'a, G> {
    #[serde(flatten)]
    article: &'a crate::Article,
    /// The article's tree, its facts marked as it is written.
    nodes: crate::render::Marked<'a>,
    /// The article's paragraph starts: live-page decluttering never hides them.
    guard: Lazy<G>,
}

/// A value computed when it is serialised and dropped right after.
#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
struct Lazy<F>(F);

#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
impl<F: Fn() -> V, V: serde::Serialize> serde::Serialize for Lazy<F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.0)().serialize(s)
    }
}

/// An `io::Write` that hands what is written to JavaScript in pieces of about
/// [`ToJs::PIECE`] bytes (cut at a char boundary) and joins them there into
/// one string (V8 joins strings as ropes, without copying).
#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
#[derive(Default)]
struct ToJs {
    buf: Vec<u8>,
    out: Option<js_sys::JsString>,
}

#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
impl ToJs {
    /// 256 KB: a buffer this size finds room in memory freed by earlier
    /// stages (1 MB took the 10 MB page one page of memory over its bound).
    const PIECE: usize = 1 << 18;

    /// Hands over everything but a trailing incomplete char.
    fn hand_over(&mut self) {
        let cut = crate::parse::complete_utf8_len(&self.buf);
        let piece = js_sys::JsString::from(std::str::from_utf8(&self.buf[..cut]).unwrap_or(""));
        self.out = Some(match self.out.take() {
            Some(s) => s.concat(&piece),
            None => piece,
        });
        self.buf.drain(..cut);
    }

    fn finish(mut self) -> js_sys::JsString {
        self.hand_over();
        self.out.unwrap_or_else(|| js_sys::JsString::from(""))
    }
}

#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
impl std::io::Write for ToJs {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.buf.is_empty() && self.buf.capacity() == 0 {
            self.buf.reserve(Self::PIECE + 4096);
        }
        self.buf.extend_from_slice(b);
        if self.buf.len() >= Self::PIECE {
            self.hand_over();
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `declutter(roots, guard)` hides the clutter of the live page: the whole
/// document when `roots` is null, else those elements' subtrees (content added
/// later). `guard`: the article's paragraph starts (from `extract`), never
/// hidden. Returns `{hidden: {kind: n}, items: [{kind, why, element}], unlocked: [...], list_guarded: n}`.
/// The stylesheet from [`declutter_stylesheet`] must be adopted first.
#[cfg(feature = "tidy")]
#[wasm_bindgen]
pub fn declutter(roots: JsValue, guard: JsValue) -> Result<JsValue, JsValue> {
    use crate::declutter::{plan_counted, web};
    use wasm_bindgen::JsCast;
    let guard: Vec<String> = if guard.is_undefined() || guard.is_null() {
        Vec::new()
    } else {
        serde_wasm_bindgen::from_value(guard).map_err(|e| error("bad-options", &e.to_string()))?
    };
    let roots: Vec<web_sys::Element> = if roots.is_undefined() || roots.is_null() {
        Vec::new()
    } else {
        let arr: js_sys::Array = roots.dyn_into().map_err(|_| error("bad-options", "roots must be an array"))?;
        let found: Vec<web_sys::Element> = arr.iter().filter_map(|v| v.dyn_into().ok()).collect();
        if found.is_empty() {
            return Ok(js_sys::Object::new().into());
        }
        found
    };
    let page = web::WebPage::new(roots).ok_or_else(|| error("not-html", "no document"))?;
    let planned = plan_counted(&page, &guard);
    let hits = planned.hits;
    web::enforce(&page, &hits);
    let unlocked = web::unlock(&page);
    #[derive(serde::Serialize)]
    struct Item {
        kind: crate::declutter::Kind,
        why: &'static str,
        element: String,
    }
    #[derive(serde::Serialize)]
    struct Report {
        hidden: std::collections::BTreeMap<&'static str, usize>,
        items: Vec<Item>,
        unlocked: Vec<String>,
        /// Filter-list matches kept on screen (article text, a disclosure).
        list_guarded: usize,
    }
    let describe = |e: &web_sys::Element| {
        let mut s = e.local_name();
        if !e.id().is_empty() {
            s.push('#');
            s.push_str(&e.id());
        }
        s
    };
    let report = Report {
        hidden: web::counts(&hits).into_iter().map(|(k, n)| (k.as_str(), n)).collect(),
        items: hits.iter().take(200).map(|h| Item { kind: h.kind, why: h.why, element: describe(&h.el) }).collect(),
        unlocked,
        list_guarded: planned.guarded,
    };
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &ser).map_err(|e| error("internal", &e.to_string()))
}

/// Takes every decluttering change back (the page's DOM is as it was).
#[cfg(feature = "tidy")]
#[wasm_bindgen]
pub fn declutter_restore() -> usize {
    crate::declutter::web::restore()
}

/// The CSS that goes with the decluttering attributes.
#[cfg(feature = "tidy")]
#[wasm_bindgen]
pub fn declutter_stylesheet() -> String {
    crate::declutter::STYLESHEET.to_string()
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

/// `quote(itemJson, style, text)` → `{plain, html, link}`: `text` quoted
/// from the article with its in-text citation (a note in a note style), its
/// reference in a prose style, and a link to the passage (a URL text
/// fragment). Throws `{code, message}`: `bad-item`, `cite`.
#[cfg(feature = "csl")]
#[wasm_bindgen]
pub fn quote(item_json: &str, style: &str, text: &str) -> Result<JsValue, JsValue> {
    let item: serde_json::Value =
        serde_json::from_str(item_json).map_err(|e| error("bad-item", &format!("bad CSL-JSON item: {e}")))?;
    let q = crate::cite::quote::quote(&item, style, text).map_err(|e| error("cite", &e))?;
    serde_wasm_bindgen::to_value(&q).map_err(|e| error("internal", &e.to_string()))
}

/// Panics on purpose: lets the tests check that a panic in the core becomes a
/// clear error in the reader view and that the next use starts a fresh module.
#[cfg(not(any(feature = "csl", feature = "tidy", feature = "npm")))]
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

/// `facts(model, lang, articleJson)` → the article's key facts, found after
/// the view has painted (the reader core's `extract` is asked for none, so
/// that the first paint does not wait for them), with the names of a
/// language's model (the bytes of `extension/ner/LANG.bin`; empty: a
/// language without a model, figures, dates, quotes and key sentences only)
/// for text in `lang`, as JSON `{facts, panel, nodes}`: the facts, the facts
/// panel, and the article's tree with the facts marked, for the view to mark
/// its paragraphs. `articleJson`: `{text, nodes}` as `extract` gave them
/// (any marks are taken off first). In this module, loaded after the view
/// has painted, so that the reader core carries no tagger. Throws
/// `{code, message}`: `bad-model`, `bad-item`.
#[cfg(feature = "tidy")]
#[wasm_bindgen]
pub fn facts(model: &[u8], lang: &str, article_json: &str) -> Result<String, JsValue> {
    let model = match model {
        [] => None,
        bytes => Some(crate::ner::Model::from_bytes(bytes).map_err(|e| error("bad-model", &e.to_string()))?),
    };
    let (text, nodes) = crate::render::held_text_and_tree(article_json).map_err(|e| error("bad-item", &e))?;
    let lang = (!lang.is_empty()).then_some(lang);
    let facts = crate::facts::find_with(&text, lang, model.as_ref());
    #[derive(serde::Serialize)]
    struct Named<'a> {
        facts: &'a [crate::facts::Fact],
        panel: crate::facts::panel::Panel,
        nodes: crate::render::Marked<'a>,
    }
    let panel = crate::facts::panel::panel(&facts);
    let named = Named { facts: &facts, panel, nodes: crate::render::Marked::new(&nodes, &facts) };
    serde_json::to_string(&named).map_err(|e| error("internal", &e.to_string()))
}
