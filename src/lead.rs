//! Stage 3, the content: the title and the lead over the page: which heading is the title (kept
//! in place when the header around it is stripped as clutter), the
//! standfirst marked as the lead, and the standfirst and lead picture between
//! the title heading and the chosen content, which scoring leaves out; and
//! the class words of what sits between a headline and its story but is not
//! the story. Finding the content (`content`) and stripping clutter (`clean`)
//! ask it. Of the lead, what is decided on the clean tree (a byline or
//! dateline line moved out of the body, the page's picture above a story
//! that shows none) is done where that tree is built (`render::take_lead_meta`,
//! `render::with_lead_image`).

use crate::dom::{self, has_block_child, NRef};
use crate::hints::{hints, matches};
use ego_tree::NodeId;
use scraper::Html;

/// A title heading: an `<h1>`–`<h3>`, not inside a link, whose text is the
/// page's title (or repeats it: [`crate::title::is_title_heading`]).
fn is_title_heading_el(n: &NRef, title: &str) -> bool {
    dom::tag(n).is_some_and(|t| matches!(t, "h1" | "h2" | "h3"))
        && !n.ancestors().any(|a| dom::tag(&a) == Some("a"))
        && crate::title::is_title_heading(&dom::norm_text(n), title)
}

/// The title heading inside a small block (a page's article header).
pub fn title_heading(n: &NRef, title: &str) -> Option<NodeId> {
    if dom::norm_len_upto(n, 600) >= 600 {
        return None;
    }
    n.descendants().skip(1).find(|d| is_title_heading_el(d, title)).map(|d| d.id())
}

/// Marked up as the article's lead: a class word of `lead` on a block of
/// prose without links (but "teaser" is also a word of related-story boxes,
/// whose blurbs end in a "more" link or are a headline).
pub fn is_lead(n: &NRef) -> bool {
    if !matches(&dom::class_id(n), &hints().lead) {
        return false;
    }
    let len = dom::norm_len_upto(n, 1000);
    (80..1000).contains(&len)
        && dom::link_density(n) == 0.0
        && dom::norm_text(n).trim_end_matches(['"', '\'', '”', '“', '»', '«', ')']).ends_with(['.', '!', '?', '。'])
}

/// The standfirst: prose between the title heading and the chosen content
/// (a lead paragraph, an excerpt or a deck in the article's header), which
/// scoring leaves out because it sits in another container than the body.
/// Only whole blocks of prose: bylines, dates, captions, labels and link
/// lines stay out.
pub fn with_lead(doc: &Html, mut nodes: Vec<NodeId>, title: &str) -> Vec<NodeId> {
    use ego_tree::iter::Edge;
    let Some(first) = nodes.first().and_then(|&id| doc.tree.get(id)) else { return nodes };
    // The title heading: the last one before the content, in document order.
    let root = doc.tree.root();
    let mut heading = None;
    for edge in root.traverse() {
        let Edge::Open(n) = edge else { continue };
        if n.id() == first.id() {
            break;
        }
        if is_title_heading_el(&n, title) {
            heading = Some(n);
        }
    }
    let Some(heading) = heading else { return nodes };
    if first.ancestors().any(|a| a.id() == heading.id()) {
        return nodes;
    }
    // Walk from the heading to the content: close enough in the tree that both
    // belong to one article (their common ancestor at most four levels up).
    let first_anc: Vec<NodeId> = first.ancestors().map(|a| a.id()).collect();
    let Some((depth, lca)) = heading.ancestors().enumerate().find(|(_, a)| first_anc.contains(&a.id())) else {
        return nodes;
    };
    if depth > 4 {
        return nodes;
    }
    let mut lead = Vec::new();
    let mut has_figure = false;
    let mut after_heading = false;
    let mut skip: Option<NodeId> = None;
    // A meta block (byline, share bar) that also holds the lead figure: only
    // the figure is taken from it.
    let mut meta: Option<NodeId> = None;
    for edge in lca.traverse() {
        match edge {
            Edge::Close(n) if n.id() == heading.id() => after_heading = true,
            Edge::Close(n) if Some(n.id()) == skip => skip = None,
            Edge::Close(n) if Some(n.id()) == meta => meta = None,
            Edge::Open(n) if n.id() == first.id() => break,
            Edge::Open(n) if after_heading && skip.is_none() && n.value().is_element() => {
                let t = dom::tag(&n).unwrap_or("");
                // The lead image and its caption, between headline and body,
                // past share bars, toolbars and ad slots. (Kept like a marked
                // lead, in document order.)
                // (In a meta block, a picture that is a link is a badge or a
                // teaser.)
                let taken = match meta {
                    None => (t == "figure" && has_image(&n)) || is_image_block(&n),
                    Some(_) => t == "figure" && has_image(&n) && !n.descendants().any(|d| dom::tag(&d) == Some("a")),
                };
                if !has_figure && taken && !is_lead_clutter(&n) {
                    has_figure = true;
                    lead.push((n.id(), true));
                    skip = Some(n.id());
                    continue;
                }
                if meta.is_some() {
                    continue;
                }
                let clutter = is_lead_clutter(&n);
                if clutter && !has_figure && dom::is_block(t) && n.descendants().any(|d| dom::tag(&d) == Some("figure"))
                {
                    meta = Some(n.id());
                    continue;
                }
                if dom::never_content(t)
                    || matches!(t, "a" | "figure" | "figcaption" | "aside" | "footer" | "form" | "table" | "ul" | "ol")
                    || clutter
                {
                    skip = Some(n.id());
                } else if (t == "p" || (dom::is_block(t) && !has_block_child(&n))) && is_lead_prose(&n) {
                    // A heading is a lead only when marked as one (a deck otherwise).
                    let marked = is_marked_lead(&n, lca.id());
                    if marked || !matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                        lead.push((n.id(), marked));
                    }
                    skip = Some(n.id());
                }
            }
            _ => {}
        }
    }
    // One unmarked paragraph is a display deck or summary; two or more are
    // the story itself, which scoring passed over for a later block.
    let unmarked = lead.iter().filter(|(_, marked)| !marked).count();
    // (The lead image counts as marked: kept whatever the paragraphs are.)
    let mut lead: Vec<NodeId> =
        lead.into_iter().filter(|&(_, marked)| marked || unmarked >= 2).map(|(id, _)| id).collect();
    if !lead.is_empty() {
        lead.append(&mut nodes);
        nodes = lead;
    }
    nodes
}

/// A picture set in a block of its own rather than a `<figure>`: one image,
/// not a link (a teaser, a badge), no width under 300 said, and nothing
/// else but a caption or credit marked as one ("caption", "credit" class
/// words, or a "Photo:" line).
fn is_image_block(n: &NRef) -> bool {
    if !dom::tag(n).is_some_and(|t| matches!(t, "div" | "p" | "picture")) {
        return false;
    }
    let mut imgs = n.descendants().filter(|d| dom::tag(d) == Some("img"));
    let (Some(img), None) = (imgs.next(), imgs.next()) else { return false };
    if n.descendants().any(|d| dom::tag(&d) == Some("figure")) {
        return false; // its figure is taken as one
    }
    let wide = dom::attr(&img, "width").and_then(|w| w.trim().parse::<u32>().ok()).is_none_or(|w| w >= 300);
    if !wide || img.ancestors().take_while(|a| a.id() != n.id()).any(|a| dom::tag(&a) == Some("a")) {
        return false;
    }
    let text = dom::norm_text(n);
    if text.is_empty() {
        return true;
    }
    let h = hints();
    let captioned = n.descendants().any(|d| {
        d.value().is_element() && matches(&dom::class_id(&d), &h.captions) && dom::norm_len(&d) == text.chars().count()
    });
    text.chars().count() <= 300 && (captioned || h.short_prefixes.prefixes(&text.to_lowercase()))
}

/// Does `n` hold an image (`<img>` or `<picture>`)?
fn has_image(n: &NRef) -> bool {
    n.descendants().any(|d| matches!(dom::tag(&d), Some("img" | "picture")))
}

/// Class words of what sits between a headline and its story but is not the
/// story: bylines, dates, captions, labels, share bars.
pub fn is_lead_clutter(n: &NRef) -> bool {
    let ci = dom::class_id(n);
    let h = hints();
    matches(&ci, &h.byline)
        || matches(&ci, &h.captions)
        || matches(&ci, &h.lead_clutter)
        || (matches(&ci, &h.unlikely) && !matches(&ci, &h.maybe) && !matches(&ci, &h.lead))
}

/// Marked up as the lead (by a class or id word of the block or of a
/// wrapper below the common ancestor): a display deck or summary is not.
fn is_marked_lead(n: &NRef, stop: NodeId) -> bool {
    std::iter::once(*n)
        .chain(n.ancestors().take_while(|a| a.id() != stop))
        .any(|a| matches(&dom::class_id(&a), &hints().lead))
}

/// A block of prose: a sentence or more, not a link line.
pub fn is_lead_prose(n: &NRef) -> bool {
    let text = dom::norm_text(n);
    let chars = text.chars().count();
    let words = text.split_whitespace().count();
    let cjk = text.chars().filter(|&c| c > '\u{2e80}').count();
    (words >= 8 || cjk >= 20) && chars >= 50 && dom::link_density(n) < 0.3
}
