//! Stage 3, the content: clutter. Decides which parts of a page are never the article
//! (scripts, navigation, hidden nodes, ads, comments, related links, share and
//! newsletter boxes). Whether the page is an article at all is [`crate::gate`]'s question.

use crate::dom::{self, never_content, NRef};
use crate::hints::{hints, matches};
use crate::lead;
use ego_tree::NodeId;
use scraper::{Html, Node};

/// What to strip before scoring (relaxed step by step when too little is left).
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
    pub signals: crate::types::Signals,
}

impl Flags {
    /// The attempts, strictest first.
    pub const LADDER: [Flags; 4] = [
        Flags {
            strip_unlikely: true,
            weight_classes: true,
            clean_conditionally: true,
            signals: crate::types::Signals::ALL,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: true,
            signals: crate::types::Signals::ALL,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
            signals: crate::types::Signals::ALL,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
            signals: crate::types::Signals::ALL,
        },
    ];
}

fn has_ancestor_tag(n: &NRef, tags: &[&str]) -> bool {
    n.ancestors().any(|a| dom::tag(&a).is_some_and(|t| tags.contains(&t)))
}

/// Is this element clutter whatever the page (ads, related, share, comments…)?
pub fn is_unlikely(n: &NRef) -> bool {
    let Some(t) = dom::tag(n) else { return false };
    if matches!(t, "html" | "body" | "a" | "article" | "main") || is_marked_body(n) {
        return false;
    }
    if let Some(role) = dom::attr(n, "role") {
        if hints().unlikely_roles.iter().any(|r| r == &role.to_ascii_lowercase()) {
            return true;
        }
    }
    let ci = dom::class_id(n);
    matches(&ci, &hints().unlikely) && !matches(&ci, &hints().maybe) && !has_ancestor_tag(n, &["table", "code"])
}

/// Marked up as the article body (schema.org microdata `itemprop="articleBody"`).
pub fn is_marked_body(n: &NRef) -> bool {
    dom::attr(n, "itemprop").is_some_and(|p| p.split_whitespace().any(|w| w.eq_ignore_ascii_case("articleBody")))
}

/// Remove what is never content, detect and remove the byline. Returns byline text found.
/// Of a clutter block that holds the title heading (a header with a
/// "header" class), the heading and the leads marked as such in it stay in
/// its place: the lead is looked for after the heading.
pub fn strip(doc: &mut Html, flags: Flags, title: &str) -> Vec<String> {
    let mut remove: Vec<NodeId> = Vec::new();
    // (removed block, its title heading)
    let mut headings: Vec<(NodeId, NodeId)> = Vec::new();
    let mut bylines = Vec::new();
    let mut stack: Vec<NodeId> = vec![doc.tree.root().id()];
    while let Some(id) = stack.pop() {
        let Some(n) = doc.tree.get(id) else { continue };
        let drop = match n.value() {
            Node::Comment(_) | Node::ProcessingInstruction(_) => true,
            Node::Element(e) => {
                let t = e.name();
                // Embeds, <noscript> and formulas stay for the renderer (links,
                // image fallbacks, MathML); they never count as text.
                let kept =
                    matches!(t, "head" | "noscript" | "iframe" | "embed" | "object" | "video" | "audio" | "math");
                if (never_content(t) && !kept) || dom::is_hidden(&n) {
                    true
                } else if bylines.is_empty() && is_byline(&n) {
                    // Checked before the clutter rules, as Readability does.
                    bylines.push(byline_text(&n));
                    true
                } else if flags.strip_unlikely
                    && flags.signals.class_hints
                    && is_unlikely(&n)
                    && !(flags.signals.lead && lead::is_lead(&n))
                {
                    if let Some(h) = lead::title_heading(&n, title).filter(|_| flags.signals.lead) {
                        headings.push((id, h));
                    }
                    true
                } else {
                    // Asides and footers go too, after a byline inside them was looked for.
                    if flags.strip_unlikely && matches!(t, "aside" | "footer") {
                        remove.push(id);
                    }
                    false
                }
            }
            _ => false,
        };
        if drop {
            remove.push(id);
        } else {
            let kids: Vec<NodeId> = n.children().map(|c| c.id()).collect();
            stack.extend(kids.into_iter().rev());
        }
    }
    for (block, heading) in headings {
        // The heading, and the leads marked as such after it, stay in place.
        let leads: Vec<NodeId> = doc
            .tree
            .get(block)
            .map(|b| {
                b.descendants()
                    .filter(|d| lead::is_lead(d) && !d.ancestors().any(|a| lead::is_lead(&a)))
                    .map(|d| d.id())
                    .collect()
            })
            .unwrap_or_default();
        for id in std::iter::once(heading).chain(leads) {
            if let Some(mut b) = doc.tree.get_mut(block) {
                b.insert_id_before(id);
            }
        }
    }
    for id in remove {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
    bylines
}

fn is_byline(n: &NRef) -> bool {
    let rel_author = dom::attr(n, "rel") == Some("author");
    let itemprop = dom::attr(n, "itemprop").is_some_and(|p| p.contains("author"));
    let ci = dom::class_id(n);
    if !(rel_author || itemprop || matches(&ci, &hints().byline)) {
        return false;
    }
    // A byline is short; a container (an article with an author class) is not.
    let len = byline_text(n).chars().count();
    len > 0 && len < 100 && dom::norm_len(n) < 250
}

/// The byline's text: an `itemprop="name"` inside it when there is one.
pub fn byline_text(n: &NRef) -> String {
    n.descendants()
        .find(|d| dom::attr(d, "itemprop").is_some_and(|p| p.split_whitespace().any(|w| w == "name")))
        .map(|d| dom::norm_text(&d))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| dom::norm_text(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_clutter_and_finds_byline() {
        let mut doc = Html::parse_document(
            r#"<body><nav>Home</nav><div class="sidebar">Most read</div><p class="byline">By Ann Lee</p>
            <div class="article-content"><p>Story text.</p></div><script>x()</script></body>"#,
        );
        let by = strip(&mut doc, Flags::LADDER[0], "");
        assert_eq!(by, vec!["By Ann Lee".to_string()]);
        let html = doc.root_element().html();
        assert!(html.contains("Story text."));
        for gone in ["Home", "Most read", "x()", "Ann Lee"] {
            assert!(!html.contains(gone), "{gone} should be stripped");
        }
    }
}
