//! Small helpers over scraper's tree, shared by the stages.

use ego_tree::NodeRef;
use scraper::Node;

pub type NRef<'a> = NodeRef<'a, Node>;

pub fn tag<'a>(n: &NRef<'a>) -> Option<&'a str> {
    n.value().as_element().map(|e| e.name())
}

pub fn attr<'a>(n: &NRef<'a>, name: &str) -> Option<&'a str> {
    n.value().as_element().and_then(|e| e.attr(name))
}

/// Lower-cased "class id" string used for hint matching.
pub fn class_id(n: &NRef) -> String {
    let c = attr(n, "class").unwrap_or("");
    let i = attr(n, "id").unwrap_or("");
    format!("{c} {i}").trim().to_ascii_lowercase()
}

pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "picture",
    "video",
    "audio",
    "iframe",
    "select",
    "textarea",
    "noscript",
    "object",
];

pub fn is_block(t: &str) -> bool {
    BLOCK_TAGS.contains(&t)
}

/// Elements whose content is never article text.
pub const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "link", "meta",
    "button", "input", "select", "textarea", "option", "nav", "dialog", "base", "head", "title", "audio", "video",
    "source", "track", "map", "area", "frame", "frameset", "applet",
];

/// Is the element hidden by markup (not by stylesheet, which we cannot see natively)?
pub fn is_hidden(n: &NRef) -> bool {
    let Some(e) = n.value().as_element() else {
        return false;
    };
    // `data-lucid-hidden`: clutter the extension already hid on the live page.
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr(crate::declutter::HIDDEN_ATTR).is_some()
    {
        return true;
    }
    if e.attr("class").is_some_and(|c| crate::hints::matches(&c.to_ascii_lowercase(), &crate::hints::hints().invisible))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Visible text of a subtree, skipping elements that never hold content.
pub fn text_of(n: &NRef, out: &mut String) {
    for d in n.children() {
        match d.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if !NEVER_CONTENT.contains(&e.name()) => {
                text_of(&d, out);
            }
            _ => {}
        }
    }
}

pub fn text(n: &NRef) -> String {
    let mut s = String::new();
    text_of(n, &mut s);
    s
}

/// Text with whitespace runs collapsed and trimmed.
pub fn norm_text(n: &NRef) -> String {
    collapse_ws(&text(n))
}

pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (text length, text length inside links) of a subtree, in chars of collapsed text.
pub fn text_and_link_len(n: &NRef) -> (usize, usize) {
    fn walk(n: &NRef, in_link: bool, acc: &mut (usize, usize)) {
        for d in n.children() {
            match d.value() {
                Node::Text(t) => {
                    let len = t.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>();
                    acc.0 += len;
                    if in_link {
                        acc.1 += len;
                    }
                }
                Node::Element(e) if !NEVER_CONTENT.contains(&e.name()) => {
                    let link = in_link || (e.name() == "a" && e.attr("href").is_some_and(|h| !h.starts_with('#')));
                    walk(&d, link, acc);
                }
                _ => {}
            }
        }
    }
    let mut acc = (0, 0);
    walk(n, false, &mut acc);
    acc
}

pub fn link_density(n: &NRef) -> f64 {
    let (t, l) = text_and_link_len(n);
    if t == 0 {
        0.0
    } else {
        l as f64 / t as f64
    }
}

/// `s` without `prefix`, compared ASCII-case-insensitively (never splits a char).
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// All text below a node, including what `text` skips (for `<noscript>` markup).
pub fn text_raw(n: &NRef) -> String {
    n.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect()
}
