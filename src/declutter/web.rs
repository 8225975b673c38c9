//! [`Page`] over the live DOM (web-sys), and the changes that hide clutter
//! and undo scroll locks: attributes the extension owns, plus — only where the
//! page's own inline `!important` styles win — an inline override whose
//! original value is kept in [`STYLE_ATTR`]. [`restore`] takes all of it back.

use super::{Hit, Kind, Layout, Page, HIDDEN_ATTR, STYLE_ATTR, UNLOCK_ATTR};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleDeclaration, Document, Element, HtmlElement, Window};

pub struct WebPage {
    win: Window,
    doc: Document,
    /// Where to look: the whole document when empty, else these subtrees
    /// (content added since the last pass).
    roots: Vec<Element>,
    vw: f64,
    vh: f64,
}

thread_local! {
    static CONSENT_RE: RefCell<Option<Option<js_sys::RegExp>>> = const { RefCell::new(None) };
}

impl WebPage {
    pub fn new(roots: Vec<Element>) -> Option<Self> {
        let win = web_sys::window()?;
        let doc = win.document()?;
        let num = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let vw = num(win.inner_width());
        let vh = num(win.inner_height());
        Some(WebPage { win, doc, roots, vw, vh })
    }

    fn style(&self, e: &Element) -> Option<CssStyleDeclaration> {
        self.win.get_computed_style(e).ok().flatten()
    }

    fn prop(&self, e: &Element, name: &str) -> String {
        self.style(e).and_then(|s| s.get_property_value(name).ok()).unwrap_or_default()
    }
}

fn elements(list: web_sys::NodeList, out: &mut Vec<Element>) {
    for i in 0..list.length() {
        if let Some(e) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            out.push(e);
        }
    }
}

impl Page for WebPage {
    type El = Element;

    fn select(&self, selector: &str) -> Option<Vec<Element>> {
        let mut out = Vec::new();
        if self.roots.is_empty() {
            elements(self.doc.query_selector_all(selector).ok()?, &mut out);
            return Some(out);
        }
        for r in &self.roots {
            if r.matches(selector).ok()? {
                out.push(r.clone());
            }
            elements(r.query_selector_all(selector).ok()?, &mut out);
        }
        Some(out)
    }

    fn walk(&self, limit: usize) -> Vec<Element> {
        let mut out = Vec::new();
        let mut stack: Vec<Element> = if self.roots.is_empty() {
            self.doc.body().map(Element::from).into_iter().collect()
        } else {
            self.roots.iter().rev().cloned().collect()
        };
        while let Some(e) = stack.pop() {
            if out.len() >= limit {
                break;
            }
            if e.has_attribute(HIDDEN_ATTR) {
                continue;
            }
            let mut kids = Vec::new();
            let mut k = e.first_element_child();
            while let Some(c) = k {
                k = c.next_element_sibling();
                kids.push(c);
            }
            stack.extend(kids.into_iter().rev());
            out.push(e);
        }
        out
    }

    fn tag(&self, e: &Element) -> String {
        e.local_name().to_ascii_lowercase()
    }

    fn attr(&self, e: &Element, name: &str) -> Option<String> {
        e.get_attribute(name)
    }

    fn parent(&self, e: &Element) -> Option<Element> {
        e.parent_element()
    }

    fn child_count(&self, e: &Element) -> usize {
        e.child_element_count() as usize
    }

    fn text(&self, e: &Element, cap: usize) -> String {
        // Only the text a reader sees: an ad slot's inline <script> is code
        // (as the core's own parse holds no script text). Read from the
        // element's own nodes, never a copy (a copied <img> would load again,
        // which the page could see).
        const CODE: &str = "script,style,noscript,template";
        let mut t = match e.query_selector(CODE) {
            Ok(Some(_)) => text_without_code(e, cap),
            _ => e.text_content().unwrap_or_default(),
        };
        // A banner drawn in an open shadow root: its text is there.
        if let Some(sr) = e.shadow_root() {
            t.push(' ');
            t.push_str(&sr.text_content().unwrap_or_default());
        }
        if t.len() > cap {
            let mut end = cap;
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            t.truncate(end);
        }
        t
    }

    fn find(&self, e: &Element, selector: &str) -> Vec<Element> {
        let mut out = Vec::new();
        if let Ok(list) = e.query_selector_all(selector) {
            elements(list, &mut out);
        }
        out
    }

    fn has(&self, e: &Element, selector: &str) -> bool {
        e.query_selector(selector).ok().flatten().is_some()
    }

    fn matches(&self, e: &Element, selector: &str) -> bool {
        e.matches(selector).unwrap_or(false)
    }

    fn contains(&self, outer: &Element, inner: &Element) -> bool {
        outer != inner && outer.contains(Some(inner))
    }

    fn layout(&self, e: &Element) -> Layout {
        let Some(cs) = self.style(e) else { return Layout::default() };
        let pos = cs.get_property_value("position").unwrap_or_default();
        let mut pinned = pos == "fixed" || pos == "sticky";
        // A shadow host whose content is the fixed box.
        if !pinned {
            if let Some(sr) = e.shadow_root() {
                let mut inner = Vec::new();
                if let Ok(list) = sr.query_selector_all("*") {
                    elements(list, &mut inner);
                }
                pinned = inner.iter().take(40).any(|k| matches!(self.prop(k, "position").as_str(), "fixed" | "sticky"));
            }
        }
        if !pinned || cs.get_property_value("display").unwrap_or_default() == "none" {
            return Layout { pinned, area: 0.0 };
        }
        let r = e.get_bounding_client_rect();
        let w = (r.right().min(self.vw) - r.left().max(0.0)).max(0.0);
        let h = (r.bottom().min(self.vh) - r.top().max(0.0)).max(0.0);
        let area = if self.vw > 0.0 && self.vh > 0.0 { (w * h) / (self.vw * self.vh) } else { 0.0 };
        Layout { pinned, area }
    }

    fn host(&self) -> String {
        self.doc.location().and_then(|l| l.hostname().ok()).unwrap_or_default()
    }

    fn mark(&self, e: &Element, kind: Kind) {
        let _ = e.set_attribute(HIDDEN_ATTR, kind.as_str());
    }

    fn marked(&self, e: &Element) -> bool {
        e.closest("[data-lucid-hidden]").ok().flatten().is_some()
    }

    fn consent_pattern(&self, text: &str) -> bool {
        CONSENT_RE.with(|cell| {
            let mut cell = cell.borrow_mut();
            let re = cell.get_or_insert_with(|| {
                let ok: Vec<String> = super::rules()
                    .consent
                    .patterns
                    .iter()
                    .filter(|p| regexp(p).is_some())
                    .map(|p| format!("(?:{p})"))
                    .collect();
                regexp(&ok.join("|"))
            });
            re.as_ref().is_some_and(|re| re.test(text))
        })
    }
}

/// `new RegExp(source, "i")`, or `None` when this engine rejects the source.
fn regexp(source: &str) -> Option<js_sys::RegExp> {
    let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"RegExp".into()).ok()?.dyn_into().ok()?;
    let args = js_sys::Array::of2(&source.into(), &"i".into());
    js_sys::Reflect::construct(&ctor, &args).ok()?.dyn_into().ok()
}

/// Save the element's `style` attribute once, before the first inline override.
fn save_style(e: &Element) {
    if e.has_attribute(STYLE_ATTR) {
        return;
    }
    let saved = match e.get_attribute("style") {
        Some(s) => format!("={s}"),
        None => "-".to_string(),
    };
    let _ = e.set_attribute(STYLE_ATTR, &saved);
}

fn set_inline(e: &Element, prop: &str, value: &str) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        save_style(e);
        let _ = h.style().set_property_with_priority(prop, value, "important");
    }
}

/// Make sure the marked elements are hidden: the stylesheet loses only to the
/// page's inline `!important`, which gets an inline override.
pub fn enforce(page: &WebPage, hits: &[Hit<Element>]) -> usize {
    for h in hits {
        if page.prop(&h.el, "display") != "none" {
            set_inline(&h.el, "display", "none");
        }
    }
    hits.len()
}

fn add_unlock(e: &Element, what: &str) {
    let cur = e.get_attribute(UNLOCK_ATTR).unwrap_or_default();
    if !cur.split_whitespace().any(|w| w == what) {
        let v = if cur.is_empty() { what.to_string() } else { format!("{cur} {what}") };
        let _ = e.set_attribute(UNLOCK_ATTR, &v);
    }
}

/// Undo the scroll lock a banner left: `overflow: hidden` on `html`/`body`
/// while the page is taller than the window (or a banner was hidden), a
/// `position: fixed` body, blur (or, behind a banner, dimming) filters and
/// opacity, and `pointer-events: none`.
/// Returns what was undone.
pub fn unlock(page: &WebPage) -> Vec<String> {
    let mut done = Vec::new();
    let (Some(html), Some(body)) = (page.doc.document_element(), page.doc.body().map(Element::from)) else {
        return done;
    };
    let banner = page
        .doc
        .query_selector("[data-lucid-hidden=consent],[data-lucid-hidden=nag],[data-lucid-hidden=backdrop]")
        .ok()
        .flatten()
        .is_some();
    let locked = |e: &Element| matches!(page.prop(e, "overflow-y").as_str(), "hidden" | "clip");
    let tall = body.scroll_height() as f64 > page.vh + 1.0 || html.scroll_height() as f64 > page.vh + 1.0;
    if (locked(&html) || locked(&body)) && (tall || banner) {
        for e in [&html, &body] {
            add_unlock(e, "overflow");
            if locked(e) {
                if e == &html {
                    set_inline(e, "overflow-y", "auto");
                } else {
                    set_inline(e, "overflow", "visible");
                }
            }
        }
        done.push("overflow".to_string());
    }
    if page.prop(&body, "position") == "fixed" && (banner || body.scroll_height() as f64 > page.vh + 1.0) {
        let top = page.prop(&body, "top").trim_end_matches("px").parse::<f64>().unwrap_or(0.0);
        add_unlock(&body, "position");
        if page.prop(&body, "position") == "fixed" {
            set_inline(&body, "position", "static");
        }
        if top < 0.0 {
            page.win.scroll_to_with_x_and_y(0.0, -top);
        }
        done.push("position".to_string());
    }
    let mut wrappers = vec![html.clone(), body.clone()];
    let kids = body.children();
    wrappers.extend((0..kids.length().min(64)).filter_map(|i| kids.item(i)));
    // Blur always; other filters (brightness, grayscale…) and opacity that dim
    // the page only when a banner was hidden.
    let dimmed = |e: &Element| {
        let f = page.prop(e, "filter");
        f.contains("blur") || (banner && !f.is_empty() && f != "none")
    };
    let faded = |e: &Element| banner && page.prop(e, "opacity").parse::<f64>().is_ok_and(|o| o < 0.99);
    for e in &wrappers {
        if e.has_attribute(HIDDEN_ATTR) {
            continue;
        }
        for (what, prop, off, test) in
            [("filter", "filter", "none", &dimmed as &dyn Fn(&Element) -> bool), ("opacity", "opacity", "1", &faded)]
        {
            if test(e) {
                add_unlock(e, what);
                if test(e) {
                    set_inline(e, prop, off);
                }
                if !done.iter().any(|d| d == what) {
                    done.push(what.to_string());
                }
            }
        }
    }
    for e in [&html, &body] {
        if page.prop(e, "pointer-events") == "none" {
            add_unlock(e, "pointer");
            if page.prop(e, "pointer-events") == "none" {
                set_inline(e, "pointer-events", "auto");
            }
            done.push("pointer".to_string());
        }
    }
    done
}

/// Take every change back: the page's DOM is as it was. Returns how many
/// elements were touched.
pub fn restore() -> usize {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return 0 };
    let Ok(list) = doc.query_selector_all("[data-lucid-hidden],[data-lucid-unlock],[data-lucid-style]") else {
        return 0;
    };
    let mut els = Vec::new();
    elements(list, &mut els);
    for e in &els {
        if let Some(saved) = e.get_attribute(STYLE_ATTR) {
            match saved.strip_prefix('=') {
                Some(v) => {
                    let _ = e.set_attribute("style", v);
                }
                None => {
                    let _ = e.remove_attribute("style");
                }
            }
            let _ = e.remove_attribute(STYLE_ATTR);
        }
        let _ = e.remove_attribute(HIDDEN_ATTR);
        let _ = e.remove_attribute(UNLOCK_ATTR);
    }
    els.len()
}

/// Count hits by kind.
pub fn counts(hits: &[Hit<Element>]) -> Vec<(Kind, usize)> {
    let mut out: Vec<(Kind, usize)> = Vec::new();
    for h in hits {
        match out.iter_mut().find(|(k, _)| *k == h.kind) {
            Some((_, n)) => *n += 1,
            None => out.push((h.kind, 1)),
        }
    }
    out
}

/// The text of `e` but for what its `<script>`, `<style>`, `<noscript>` and
/// `<template>` elements hold, up to about `cap` bytes (a walk of its nodes).
fn text_without_code(e: &Element, cap: usize) -> String {
    let mut out = String::new();
    let mut stack: Vec<web_sys::Node> = vec![e.clone().into()];
    while let Some(n) = stack.pop() {
        if out.len() > cap {
            break;
        }
        match n.node_type() {
            web_sys::Node::TEXT_NODE => out.push_str(&n.node_value().unwrap_or_default()),
            web_sys::Node::ELEMENT_NODE => {
                let skip = n
                    .dyn_ref::<Element>()
                    .is_some_and(|el| matches!(el.local_name().as_str(), "script" | "style" | "noscript" | "template"));
                if !skip {
                    let kids = n.child_nodes();
                    for i in (0..kids.length()).rev() {
                        if let Some(k) = kids.get(i) {
                            stack.push(k);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}
