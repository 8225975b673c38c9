//! The content widened to siblings that continue it, inside the article's
//! own container.

use super::*;
use crate::lead::{is_lead_clutter, is_lead_prose};

/// The article's own container: the nearest `<article>`, `<main>`,
/// `role=main` or `itemprop=articleBody` holding every chosen node (at most
/// eleven levels above the first: CMS templates nest a story's body that
/// deep). Prose blocks in it up to the end of the chosen content
/// that scoring left out (a deck or first paragraph in a wrapper of its own,
/// a story split into components) join the article, in document order.
/// Only prose: a sentence or more, few links, outside clutter, forms,
/// figures, lists and links; nothing after the story's end (an author's
/// note or a disclaimer there would also shield a trailing "more stories"
/// list from being cut).
pub(super) fn widen(doc: &Html, nodes: Vec<NodeId>) -> Vec<NodeId> {
    let Some(first) = nodes.first().and_then(|&id| doc.tree.get(id)) else { return nodes };
    let container = std::iter::once(first).chain(first.ancestors()).take(12).find(|a| {
        dom::tag(a).is_some_and(|t| matches!(t, "article" | "main"))
            || dom::attr(a, "role") == Some("main")
            || clean::is_marked_body(a)
    });
    let Some(container) = container else { return nodes };
    let inside = |id: NodeId| {
        container.id() == id || doc.tree.get(id).is_some_and(|n| n.ancestors().any(|a| a.id() == container.id()))
    };
    if !nodes.iter().all(|&id| inside(id)) {
        return nodes;
    }
    let mut chosen = nodes.clone();
    chosen.sort_unstable();
    // The wrappers of the chosen content are not clutter, whatever their
    // class says (a field wrapper's "label-hidden" is no kicker label).
    let mut holders: Vec<NodeId> = nodes
        .iter()
        .filter_map(|&id| doc.tree.get(id))
        .flat_map(|n| n.ancestors().take_while(|a| a.id() != container.id()).map(|a| a.id()))
        .collect();
    holders.sort_unstable();
    holders.dedup();
    let mut out = Vec::with_capacity(nodes.len() + 4);
    let mut added = false;
    let mut seen = 0;
    let mut stack = vec![container];
    while let Some(n) = stack.pop() {
        if chosen.binary_search(&n.id()).is_ok() {
            out.push(n.id());
            seen += 1;
            continue;
        }
        if seen == chosen.len() {
            break;
        }
        let Some(t) = dom::tag(&n) else { continue };
        if n.id() != container.id()
            && (dom::never_content(t)
                || matches!(
                    t,
                    "a" | "figure"
                        | "figcaption"
                        | "aside"
                        | "footer"
                        | "header"
                        | "form"
                        | "table"
                        | "ul"
                        | "ol"
                        | "blockquote"
                )
                || (is_lead_clutter(&n) && holders.binary_search(&n.id()).is_err()))
        {
            continue;
        }
        if n.id() != container.id() && (t == "p" || (dom::is_block(t) && !has_block_child(&n))) {
            if is_lead_prose(&n) && ends_sentence(&dom::norm_text(&n)) {
                out.push(n.id());
                added = true;
            }
            continue;
        }
        let kids: Vec<NRef> = n.children().collect();
        stack.extend(kids.into_iter().rev());
    }
    if added && seen == chosen.len() {
        out
    } else {
        nodes
    }
}

/// Ends as a sentence does (closing quotes and brackets aside), or with a colon.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '“', '»', '«', ')']).ends_with(['.', '!', '?', '。', ':'])
}
