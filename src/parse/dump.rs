//! A tree written out as the html5lib tree-construction tests write theirs
//! (`| <p>`, `|   class="x"`, `|   "text"`), from the root element down:
//! how the parse round trip is compared with the tree the browser has
//! (`tests/conformance.rs`, `tests/e2e/conformance.test.mjs`, `lucid tree`).
//! Adjacent texts are merged (the browser never has two side by side after
//! parsing). HTML `<script>` (but JSON-LD) and `<style>` are written empty:
//! the serialisation reader drops their text on purpose (nothing reads it).

use ego_tree::NodeRef;
use markup5ever::ns;
use scraper::{Html, Node};

/// The dump of `doc`'s root element and everything under it.
pub fn dump(doc: &Html) -> String {
    let mut out = String::new();
    if let Some(root) = doc.tree.root().children().find(|n| n.value().is_element()) {
        node(root, 0, &mut out);
    }
    out
}

fn node(n: NodeRef<Node>, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    match n.value() {
        Node::Element(e) => {
            let prefix = match e.name.ns {
                ns!(svg) => "svg ",
                ns!(mathml) => "math ",
                _ => "",
            };
            out.push_str(&format!("| {pad}<{prefix}{}>\n", e.name.local));
            let mut attrs: Vec<(String, &str)> = e
                .attrs
                .iter()
                .map(|(q, v)| {
                    let name = match &q.prefix {
                        Some(p) => format!("{p}:{}", q.local),
                        None => q.local.to_string(),
                    };
                    (name, &**v)
                })
                .collect();
            attrs.sort();
            for (k, v) in attrs {
                out.push_str(&format!("| {pad}  {k}=\"{v}\"\n"));
            }
            let raw = e.name.ns == ns!(html)
                && (&*e.name.local == "style"
                    || (&*e.name.local == "script" && !e.attr("type").is_some_and(|t| t.contains("ld+json"))));
            if !raw {
                children(n, depth + 1, out);
            }
        }
        // Template contents: written as the template's children.
        Node::Fragment => children(n, depth, out),
        Node::Comment(c) => out.push_str(&format!("| {pad}<!-- {} -->\n", &*c.comment)),
        _ => {}
    }
}

fn children(n: NodeRef<Node>, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let mut text: Option<String> = None;
    for c in n.children() {
        if let Node::Text(t) = c.value() {
            text.get_or_insert_with(String::new).push_str(&t.text);
            continue;
        }
        if let Some(t) = text.take() {
            out.push_str(&format!("| {pad}\"{t}\"\n"));
        }
        node(c, depth, out);
    }
    if let Some(t) = text {
        out.push_str(&format!("| {pad}\"{t}\"\n"));
    }
}
