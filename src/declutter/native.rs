//! [`Page`] over a parsed file (the CLI and the tests). There is no layout
//! here: an element counts as fixed/sticky only through its inline `style`,
//! and covers an unknown share of the viewport (0).

use super::{Kind, Layout, Page};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use std::cell::RefCell;
use std::collections::HashMap;

pub struct NativePage<'a> {
    doc: &'a Html,
    host: String,
    selectors: RefCell<HashMap<String, Option<Selector>>>,
    marked: RefCell<HashMap<NodeId, Kind>>,
}

impl<'a> NativePage<'a> {
    pub fn new(doc: &'a Html, url: &str) -> Self {
        NativePage {
            doc,
            host: crate::url::host(url).unwrap_or_default(),
            selectors: RefCell::new(HashMap::new()),
            marked: RefCell::new(HashMap::new()),
        }
    }

    fn el(&self, id: NodeId) -> Option<ElementRef<'a>> {
        self.doc.tree.get(id).and_then(ElementRef::wrap)
    }

    fn with_selector<T>(&self, s: &str, f: impl FnOnce(&Selector) -> T) -> Option<T> {
        let mut cache = self.selectors.borrow_mut();
        let sel = cache.entry(s.to_string()).or_insert_with(|| Selector::parse(s).ok());
        sel.as_ref().map(f)
    }

    /// A short description of an element (`div#id.class`), for reports.
    pub fn describe(&self, id: &NodeId) -> String {
        let Some(e) = self.el(*id) else { return String::new() };
        let mut s = e.value().name().to_string();
        if let Some(i) = e.value().id() {
            s.push('#');
            s.push_str(i);
        }
        for c in e.value().classes().take(3) {
            s.push('.');
            s.push_str(c);
        }
        s
    }

    /// Does the element match `selector` (false when it does not parse)?
    pub fn matches_selector(&self, id: &NodeId, selector: &str) -> bool {
        Page::matches(self, id, selector)
    }

    /// The element's whole text.
    pub fn full_text(&self, id: &NodeId) -> String {
        self.el(*id).map(|e| e.text().collect()).unwrap_or_default()
    }
}

fn consent_regex() -> Option<&'static regex::Regex> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        let ok: Vec<String> = super::rules()
            .consent
            .patterns
            .iter()
            .filter(|p| regex::Regex::new(p).is_ok())
            .map(|p| format!("(?:{p})"))
            .collect();
        regex::RegexBuilder::new(&ok.join("|")).case_insensitive(true).size_limit(64 << 20).build().ok()
    })
    .as_ref()
}

impl Page for NativePage<'_> {
    type El = NodeId;

    fn select(&self, selector: &str) -> Option<Vec<NodeId>> {
        self.with_selector(selector, |s| self.doc.select(s).map(|e| e.id()).collect())
    }

    fn walk(&self, limit: usize) -> Vec<NodeId> {
        let marked = self.marked.borrow();
        let mut out = Vec::new();
        let mut stack = vec![self.doc.root_element().id()];
        while let Some(id) = stack.pop() {
            if out.len() >= limit {
                break;
            }
            let Some(n) = self.doc.tree.get(id) else { continue };
            if marked.contains_key(&id) {
                continue;
            }
            stack.extend(n.children().rev().filter(|c| c.value().is_element()).map(|c| c.id()));
            out.push(id);
        }
        out
    }

    fn tag(&self, e: &NodeId) -> String {
        self.el(*e).map(|e| e.value().name().to_string()).unwrap_or_default()
    }

    fn attr(&self, e: &NodeId, name: &str) -> Option<String> {
        self.el(*e)?.value().attr(name).map(str::to_string)
    }

    fn parent(&self, e: &NodeId) -> Option<NodeId> {
        self.doc.tree.get(*e)?.parent().filter(|p| p.value().is_element()).map(|p| p.id())
    }

    fn child_count(&self, e: &NodeId) -> usize {
        self.doc.tree.get(*e).map(|n| n.children().filter(|c| c.value().is_element()).count()).unwrap_or(0)
    }

    fn text(&self, e: &NodeId, cap: usize) -> String {
        let mut out = String::new();
        if let Some(el) = self.el(*e) {
            for t in el.text() {
                out.push_str(t);
                if out.len() > cap {
                    break;
                }
            }
        }
        out
    }

    fn find(&self, e: &NodeId, selector: &str) -> Vec<NodeId> {
        let Some(el) = self.el(*e) else { return Vec::new() };
        self.with_selector(selector, |s| el.select(s).map(|x| x.id()).collect()).unwrap_or_default()
    }

    fn matches(&self, e: &NodeId, selector: &str) -> bool {
        let Some(el) = self.el(*e) else { return false };
        self.with_selector(selector, |s| s.matches(&el)).unwrap_or(false)
    }

    fn layout(&self, e: &NodeId) -> Layout {
        let style = self.attr(e, "style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
        Layout { pinned: style.contains("position:fixed") || style.contains("position:sticky"), area: 0.0 }
    }

    fn host(&self) -> String {
        self.host.clone()
    }

    fn mark(&self, e: &NodeId, kind: Kind) {
        self.marked.borrow_mut().insert(*e, kind);
    }

    fn marked(&self, e: &NodeId) -> bool {
        let marked = self.marked.borrow();
        let mut a = Some(*e);
        while let Some(x) = a {
            if marked.contains_key(&x) {
                return true;
            }
            a = self.parent(&x);
        }
        false
    }

    fn consent_pattern(&self, text: &str) -> bool {
        consent_regex().is_some_and(|re| re.is_match(text))
    }
}

/// What would be hidden in a saved page (its article, whose text the caller
/// extracted first as the extension does before it declutters, spared):
/// kind, element, reason and the start of its text; and how many elements a
/// filter-list rule matched that stay (they hold article text, or an
/// affiliate disclosure).
pub fn report(html: &str, url: &str, article_text: Option<&str>) -> (Vec<serde_json::Value>, usize) {
    let guard = article_text.map(super::guard_from_text).unwrap_or_default();
    let doc = crate::parse::parse(html);
    let page = NativePage::new(&doc, url);
    let plan = super::plan_counted(&page, &guard);
    let items = plan
        .hits
        .into_iter()
        .map(|h| {
            serde_json::json!({
                "kind": h.kind,
                "element": page.describe(&h.el),
                "why": h.why,
                "rule": (h.why == super::LISTED_WHY).then(|| super::listed::rule_for(&page, &h.el)).flatten(),
                "text": page.full_text(&h.el).split_whitespace().collect::<Vec<_>>().join(" ").chars().take(80).collect::<String>(),
            })
        })
        .collect();
    (items, plan.guarded)
}
