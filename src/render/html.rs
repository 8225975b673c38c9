//! The clean tree written as sanitised HTML: every text and attribute value
//! escaped, white space collapsed as the browser would show it.

use super::*;
use crate::parse::escape_text;

/// Sanitised HTML of a clean tree.
pub fn to_html(tree: &[RNode]) -> String {
    let mut html = String::new();
    for n in tree {
        write_html(n, &mut html, false);
    }
    html
}

/// A text node's HTML: as it is inside `<pre>`, its whitespace collapsed elsewhere.
pub(super) fn write_text(t: &str, out: &mut String, pre: bool) {
    if pre {
        escape_text(t, out)
    } else {
        escape_text(&collapse_keep_edges(t), out)
    }
}

pub(super) fn write_html(n: &RNode, out: &mut String, pre: bool) {
    match n {
        RNode::Mark { class, text } => {
            out.push_str("<mark class=\"");
            escape_text(class, out);
            out.push_str("\">");
            write_text(text, out, pre);
            out.push_str("</mark>");
        }
        RNode::Text(t) => write_text(t, out, pre),
        RNode::El { tag, attrs, children } => {
            out.push('<');
            out.push_str(tag);
            for (k, v) in attrs {
                out.push(' ');
                out.push_str(k);
                out.push_str("=\"");
                escape_text(v, out);
                out.push('"');
            }
            if *tag == "img" {
                out.push_str(" loading=\"lazy\" referrerpolicy=\"no-referrer\"");
            }
            if *tag == "a" {
                out.push_str(" rel=\"noopener noreferrer\"");
            }
            out.push('>');
            if matches!(*tag, "br" | "hr" | "img") {
                return;
            }
            for c in children {
                write_html(c, out, pre || *tag == "pre");
            }
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
    }
}

/// Collapse whitespace runs to one space, keeping a single leading/trailing space.
/// Would [`collapse_keep_edges`] change `t`?
pub(super) fn needs_collapse(t: &str) -> bool {
    let mut ws = false;
    t.chars().any(|c| {
        let space = c.is_whitespace() && c != '\u{a0}';
        let changes = space && (ws || c != ' ');
        ws = space;
        changes
    })
}

pub(super) fn collapse_keep_edges(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    let mut ws = false;
    for c in t.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !ws {
                s.push(' ');
            }
            ws = true;
        } else {
            s.push(c);
            ws = false;
        }
    }
    s
}
