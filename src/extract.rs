//! Stage 3: find the main content. A Readability-style scorer: paragraphs
//! (real `<p>`s, inline-only blocks, and runs of text split by `<br><br>`) give
//! points to their ancestors, weighted by class/id hints and link density; the
//! best candidate and its related siblings form the article, which is then
//! cleaned of link lists, forms and other leftovers.

use crate::clean::{self, Flags};
use crate::dom::{self, NRef, NodeMap};
use crate::hints::{hints, matches};
use crate::metadata::Metadata;
use ego_tree::NodeId;
use scraper::{Html, Node};

/// The chosen content: a pruned copy of the document and the nodes, in
/// document order, that make up the article.
pub struct Content {
    pub doc: Html,
    pub nodes: Vec<NodeId>,
    pub text_len: usize,
    /// Byline text found (and removed) in the page body.
    pub byline: Vec<String>,
}

const MIN_TEXT: usize = 500;

/// Finds the content in `doc`, which it takes apart. Most pages succeed at
/// the first step of the ladder; a later step starts from `reparse()`, a fresh
/// parse of the same page (cheaper overall, and in memory, than cloning the
/// tree for every step).
pub fn find_content(
    doc: Html,
    reparse: &dyn Fn() -> Html,
    meta: &Metadata,
    signals: crate::types::Signals,
) -> Option<Content> {
    let mut best: Option<Content> = None;
    // A passage of the strictest step's find, when that find is prose (two
    // sentences or more, longer than a cookie notice), and its length: a
    // relaxed step that no longer holds it found other text (a newsletter
    // form, a comment thread the strict step had stripped), not more of it,
    // and is taken only if it is much longer (the strict step having
    // stripped the story and found a footer blurb).
    let mut anchor: Option<(String, usize)> = None;
    let mut first = Some(doc);
    for flags in Flags::LADDER {
        let flags = Flags { signals, ..flags };
        let mut d = first.take().unwrap_or_else(reparse);
        let byline = clean::strip(&mut d, flags, &meta.title);
        let Some(mut nodes) = grab(&mut d, flags, &meta.title) else {
            continue;
        };
        if signals.lead {
            nodes = with_lead(&d, nodes, &meta.title);
        }
        if signals.widen {
            nodes = widen(&d, nodes);
        }
        let text_len: usize = nodes.iter().filter_map(|&id| d.tree.get(id)).map(|n| dom::norm_len(&n)).sum();
        let c = Content { doc: d, nodes, text_len, byline };
        if let Some((a, len)) = &anchor {
            if signals.ladder_anchor && text_len < 2 * len && !content_text(&c).contains(a.as_str()) {
                continue;
            }
        } else if best.is_none() && {
            let p = crate::gate::measure(&c.doc, &c.nodes);
            p.chars >= 250 && p.sentences >= 2
        } {
            let text = content_text(&c);
            let mid = text.char_indices().map(|(i, _)| i).nth(text.chars().count().saturating_sub(60) / 2).unwrap_or(0);
            anchor = Some((text[mid..].chars().take(60).collect(), text_len));
        }
        if text_len >= MIN_TEXT {
            return Some(c);
        }
        if best.as_ref().is_none_or(|b| text_len > b.text_len) {
            best = Some(c);
        }
    }
    best.filter(|b| b.text_len > 0)
}

/// The chosen nodes' text, whitespace collapsed, one space between nodes.
fn content_text(c: &Content) -> String {
    c.nodes.iter().filter_map(|&id| c.doc.tree.get(id)).map(|n| dom::norm_text(&n)).collect::<Vec<_>>().join(" ")
}

/// An article from plain text (a JSON-LD `articleBody`): each line a
/// paragraph, read as the markup of a page holding only them.
pub fn from_text(text: &str) -> Option<Content> {
    let mut markup = String::from("<html><head></head><body><article>");
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        markup.push_str("<p>");
        crate::render::escape_text(line, &mut markup);
        markup.push_str("</p>");
    }
    markup.push_str("</article></body></html>");
    whole_page(crate::parse::read_serialized(&markup))
}

/// Below this many characters of text, the content found is weak enough
/// that a `<noscript>` or `<template>` copy of the post is looked at.
pub const HIDDEN_MIN: usize = 500;

/// The page's markup with its `<noscript>` and `<template>` elements made
/// ordinary `<div>`s, so that a post held only there (shown when scripts are
/// off, or cloned in by a script) is read as page content; `None` when the
/// page has neither, or under two paragraphs in them. (A noscript's
/// content is raw text up to the first `</noscript`, as the browser read and
/// serialised it, so renaming its tags gives the markup it holds.)
pub fn unhidden(html: &str) -> Option<String> {
    const TAGS: [&[u8]; 2] = [b"noscript", b"template"];
    let b = html.as_bytes();
    // The tag (open or close) at byte `i` (a `<`), if it is one of TAGS:
    // (closing, where its name starts, where it ends).
    let tag_at = |i: usize| -> Option<(bool, usize, usize)> {
        let closing = b.get(i + 1) == Some(&b'/');
        let at = i + 1 + closing as usize;
        TAGS.iter().find_map(|t| {
            let end = at + t.len();
            (b.get(at..end)?.eq_ignore_ascii_case(t)
                && b.get(end).is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/')))
            .then_some((closing, at, end))
        })
    };
    let mut out = String::new();
    let (mut last, mut depth, mut paragraphs) = (0, 0usize, 0);
    for i in memchr::memchr_iter(b'<', b) {
        if depth > 0
            && b.get(i + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b'p'))
            && b.get(i + 2).is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
        {
            paragraphs += 1;
        }
        if let Some((closing, name, end)) = tag_at(i) {
            depth = if closing { depth.saturating_sub(1) } else { depth + 1 };
            out.push_str(&html[last..name]);
            out.push_str("div");
            last = end;
        }
    }
    if paragraphs < 2 {
        return None;
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// The whole page's body, with only what is never content stripped (scripts,
/// navigation, hidden nodes): what "Show it anyway" shows when the
/// extractor kept nothing.
pub fn whole_page(mut doc: Html) -> Option<Content> {
    let flags = Flags::LADDER[Flags::LADDER.len() - 1];
    let byline = clean::strip(&mut doc, flags, "");
    let body = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("body"))?.id();
    let text_len = dom::norm_len(&doc.tree.get(body)?);
    (text_len > 0).then_some(Content { doc, nodes: vec![body], text_len, byline })
}

/// The standfirst: prose between the title heading and the chosen content
/// (a lead paragraph, an excerpt or a deck in the article's header), which
/// scoring leaves out because it sits in another container than the body.
/// Only whole blocks of prose: bylines, dates, captions, labels and link
/// lines stay out.
fn with_lead(doc: &Html, mut nodes: Vec<NodeId>, title: &str) -> Vec<NodeId> {
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
        if dom::tag(&n).is_some_and(|t| matches!(t, "h1" | "h2" | "h3"))
            && !n.ancestors().any(|a| dom::tag(&a) == Some("a"))
            && crate::metadata::is_title_heading(&dom::norm_text(&n), title)
        {
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

/// The article's own container: the nearest `<article>`, `<main>`,
/// `role=main` or `itemprop=articleBody` holding every chosen node (at most a
/// few levels up). Prose blocks in it up to the end of the chosen content
/// that scoring left out (a deck or first paragraph in a wrapper of its own,
/// a story split into components) join the article, in document order.
/// Only prose: a sentence or more, few links, outside clutter, forms,
/// figures, lists and links; nothing after the story's end (an author's
/// note or a disclaimer there would also shield a trailing "more stories"
/// list from being cut).
fn widen(doc: &Html, nodes: Vec<NodeId>) -> Vec<NodeId> {
    let Some(first) = nodes.first().and_then(|&id| doc.tree.get(id)) else { return nodes };
    let container = std::iter::once(first).chain(first.ancestors()).take(8).find(|a| {
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
                || is_lead_clutter(&n))
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
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '“', '»', '«', ')']).ends_with(['.', '!', '?', '。', ':'])
}

/// Class words of what sits between a headline and its story but is not the
/// story: bylines, dates, captions, labels, share bars.
fn is_lead_clutter(n: &NRef) -> bool {
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
fn is_lead_prose(n: &NRef) -> bool {
    let text = dom::norm_text(n);
    let chars = text.chars().count();
    let words = text.split_whitespace().count();
    let cjk = text.chars().filter(|&c| c > '\u{2e80}').count();
    (words >= 8 || cjk >= 20) && chars >= 50 && dom::link_density(n) < 0.3
}

fn class_weight(n: &NRef, flags: Flags) -> f64 {
    if !flags.weight_classes || !flags.signals.class_hints {
        return 0.0;
    }
    let h = hints();
    let mut w = if clean::is_marked_body(n) { 25.0 } else { 0.0 };
    for s in [dom::attr(n, "class"), dom::attr(n, "id")].into_iter().flatten() {
        if matches(s, &h.negative) {
            w -= 25.0;
        }
        if matches(s, &h.positive) {
            w += 25.0;
        }
    }
    w
}

fn tag_score(t: &str) -> f64 {
    match t {
        "div" | "article" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn commas(s: &str) -> usize {
    s.chars().filter(|&c| dom::is_comma(c)).count()
}

/// Embeds and <noscript> kept for the renderer are invisible to scoring.
fn is_absent(t: &str) -> bool {
    dom::never_content(t)
}

fn has_block_child(n: &NRef) -> bool {
    n.children().any(|c| dom::tag(&c).is_some_and(|t| dom::is_block(t) && !is_absent(t)))
}

/// Text runs directly inside `n`, split at block children and at `<br><br>`.
fn inline_runs(n: &NRef) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut last_br = false;
    for c in n.children() {
        match c.value() {
            Node::Text(t) => {
                if !t.trim().is_empty() {
                    last_br = false;
                }
                cur.push_str(t);
            }
            Node::Element(e) => {
                let t = e.name();
                if t == "br" {
                    if last_br {
                        runs.push(std::mem::take(&mut cur));
                    }
                    last_br = true;
                    cur.push(' ');
                } else if is_absent(t) {
                } else if dom::is_block(t) {
                    runs.push(std::mem::take(&mut cur));
                    last_br = false;
                } else {
                    last_br = false;
                    dom::text_of(&c, &mut cur);
                }
            }
            _ => {}
        }
    }
    runs.push(cur);
    runs.into_iter().map(|r| dom::collapse_ws(&r)).filter(|r| !r.is_empty()).collect()
}

fn is_attached(doc: &Html, id: NodeId) -> bool {
    let root = doc.tree.root().id();
    doc.tree.get(id).is_some_and(|n| n.id() == root || n.ancestors().any(|a| a.id() == root))
}

fn grab(doc: &mut Html, flags: Flags, title: &str) -> Option<Vec<NodeId>> {
    let mut scores: NodeMap<f64> = NodeMap::default();
    let root = doc.tree.root();
    let body = root.descendants().find(|n| dom::tag(n) == Some("body")).unwrap_or(root);

    // 1. Paragraphs score their ancestors.
    for n in body.descendants() {
        let Some(t) = dom::tag(&n) else { continue };
        // List items, headings and captions are not paragraphs (as in Readability).
        let not_paragraph = matches!(
            t,
            "ul" | "ol"
                | "dl"
                | "table"
                | "tbody"
                | "thead"
                | "tr"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "dt"
                | "th"
                | "figcaption"
                | "caption"
        );
        if dom::is_block(t) && !not_paragraph {
            // (length, commas) of each paragraph's collapsed text.
            let (texts, start) = if !has_block_child(&n) {
                (vec![dom::norm_len_and_count(&n, dom::is_comma)], n.parent())
            } else {
                let runs = if flags.signals.br_runs { inline_runs(&n) } else { Vec::new() };
                (runs.iter().map(|t| (t.chars().count(), commas(t))).collect(), Some(n))
            };
            let Some(start) = start else { continue };
            for (len, c) in texts {
                if len < 25 {
                    continue;
                }
                let c = if flags.signals.commas { c } else { 0 };
                let score = 1.0 + c as f64 + (len / 100).min(3) as f64;
                let mut level = 0usize;
                let mut cur = Some(start);
                while let Some(a) = cur {
                    let Some(at) = dom::tag(&a) else { break };
                    if at == "html" {
                        break;
                    }
                    let entry = scores.entry(a.id()).or_insert_with(|| tag_score(at) + class_weight(&a, flags));
                    let div = match level {
                        0 => 1.0,
                        1 => 2.0,
                        l => l as f64 * 3.0,
                    };
                    *entry += score / div;
                    level += 1;
                    if level >= 5 {
                        break;
                    }
                    cur = a.parent();
                }
            }
        }
    }
    if scores.is_empty() {
        // No paragraph anywhere (a tiny page): the whole body is the candidate.
        let nodes = vec![body.id()];
        prune(doc, &nodes, flags, &scores, title);
        return Some(nodes);
    }
    // 2. Scale by link density and rank.
    let mut memo = dom::LinkMemo::with_capacity_and_hasher(scores.len(), dom::Fx);
    let scored = |id| scores.contains_key(&id);
    let mut ranked: Vec<(NodeId, f64)> = scores
        .iter()
        .filter_map(|(&id, &s)| {
            let ld = if flags.signals.link_density {
                dom::link_ratio(dom::text_and_link_len_memo(&doc.tree.get(id)?, &mut memo, &scored))
            } else {
                0.0
            };
            Some((id, s * (1.0 - ld)))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for (id, s) in &ranked {
        scores.insert(*id, *s);
    }
    let (mut top, top_score) = ranked[0];

    // 3. Several strong candidates under one ancestor: take the ancestor.
    let alternatives: Vec<Vec<NodeId>> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= 0.75)
        .filter_map(|(id, _)| doc.tree.get(*id))
        .map(|n| n.ancestors().map(|a| a.id()).collect())
        .collect();
    if alternatives.len() >= 3 {
        let mut p = doc.tree.get(top).and_then(|n| n.parent());
        while let Some(pn) = p {
            if pn.id() == body.id() || dom::tag(&pn).is_none() {
                break;
            }
            if alternatives.iter().filter(|a| a.contains(&pn.id())).count() >= 3 {
                top = pn.id();
                break;
            }
            p = pn.parent();
        }
    }
    // 4. Climb while the parent scores better; skip single-child wrappers.
    let mut last = scores.get(&top).copied().unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut p = doc.tree.get(top).and_then(|n| n.parent());
    while let Some(pn) = p {
        if pn.id() == body.id() || dom::tag(&pn).is_none() {
            break;
        }
        if let Some(&ps) = scores.get(&pn.id()) {
            if ps < threshold {
                break;
            }
            if ps > last {
                top = pn.id();
                break;
            }
            last = ps;
        }
        p = pn.parent();
    }
    loop {
        let n = doc.tree.get(top)?;
        let Some(pn) = n.parent() else { break };
        if pn.id() == body.id() || dom::tag(&pn).is_none() {
            break;
        }
        if pn.children().filter(|c| dom::tag(c).is_some_and(|t| !is_absent(t))).count() != 1 {
            break;
        }
        top = pn.id();
    }
    let top_score = scores.get(&top).copied().unwrap_or(0.0);

    // 5. A story split into repeated chunks (the same wrapper class, one after
    // another, each with paragraphs): take every chunk.
    if let Some(chunks) = repeated_chunks(doc, top, &scores).filter(|_| flags.signals.chunks) {
        prune(doc, &chunks, flags, &scores, title);
        let chunks: Vec<NodeId> = chunks.into_iter().filter(|&id| is_attached(doc, id)).collect();
        return (!chunks.is_empty()).then_some(chunks);
    }

    // 6. Siblings that belong to the article.
    let top_node = doc.tree.get(top)?;
    let mut nodes = Vec::new();
    match top_node.parent() {
        Some(parent) if top != body.id() && dom::tag(&parent).is_some() => {
            let threshold = (top_score * 0.2).max(10.0);
            let top_class = dom::attr(&top_node, "class").unwrap_or("");
            for s in parent.children() {
                if s.id() == top {
                    nodes.push(s.id());
                    continue;
                }
                let Some(st) = dom::tag(&s) else {
                    // Text directly beside the candidate (pages without wrappers).
                    if let Node::Text(t) = s.value() {
                        if t.trim().chars().count() > 80 {
                            nodes.push(s.id());
                        }
                    }
                    continue;
                };
                let mut bonus = 0.0;
                if !top_class.is_empty() && dom::attr(&s, "class") == Some(top_class) {
                    bonus = top_score * 0.2;
                }
                if scores.get(&s.id()).is_some_and(|&sc| sc + bonus >= threshold) {
                    nodes.push(s.id());
                } else if st == "p" || (matches!(st, "div" | "section") && !has_block_child(&s)) {
                    let ld = dom::link_density(&s);
                    let text = dom::norm_text(&s);
                    let len = text.chars().count();
                    let ends_sentence = text.ends_with(['.', '!', '?', '"', '”', '。']);
                    if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence) {
                        nodes.push(s.id());
                    }
                } else if matches!(st, "figure" | "blockquote" | "ul" | "ol" | "table" | "pre" | "h2" | "h3" | "h4")
                    && sandwiched(&parent, s.id(), &nodes)
                {
                    nodes.push(s.id());
                }
            }
        }
        _ => nodes.push(top),
    }
    // Drop structural elements that were only kept as "sandwiched" but end the list.
    while nodes.len() > 1 {
        let last = *nodes.last()?;
        let n = doc.tree.get(last)?;
        if last != top && dom::tag(&n).is_some_and(|t| matches!(t, "h2" | "h3" | "h4" | "figure" | "ul" | "ol")) {
            nodes.pop();
        } else {
            break;
        }
    }

    // 7. Clean the chosen subtrees.
    prune(doc, &nodes, flags, &scores, title);
    nodes.retain(|&id| is_attached(doc, id));
    (!nodes.is_empty()).then_some(nodes)
}

/// The top candidate or one of its two nearest ancestors, together with its
/// siblings of the same tag and class that also hold scored paragraphs.
fn repeated_chunks(doc: &Html, top: NodeId, scores: &NodeMap<f64>) -> Option<Vec<NodeId>> {
    let mut node = doc.tree.get(top)?;
    for _ in 0..3 {
        let class = dom::attr(&node, "class").unwrap_or("").trim();
        let parent = node.parent()?;
        dom::tag(&parent)?;
        if !class.is_empty() {
            let same: Vec<NodeId> = parent
                .children()
                .filter(|c| dom::tag(c) == dom::tag(&node) && dom::attr(c, "class").map(str::trim) == Some(class))
                .filter(|c| c.id() == node.id() || scores.get(&c.id()).is_some_and(|&sc| sc >= 10.0))
                .map(|c| c.id())
                .collect();
            if same.len() >= 2 {
                return Some(same);
            }
        }
        node = parent;
    }
    None
}

/// Does the sibling come right after an already-kept node? (Figures, lists and
/// subheadings between two article paragraphs belong to the article.)
fn sandwiched(parent: &NRef, id: NodeId, kept: &[NodeId]) -> bool {
    let Some(&last) = kept.last() else {
        return false;
    };
    let mut seen_last = false;
    for c in parent.children() {
        if c.id() == last {
            seen_last = true;
            continue;
        }
        if !seen_last {
            continue;
        }
        if c.id() == id {
            return true;
        }
        if c.value().is_element() {
            return false;
        }
    }
    false
}

fn count_tags(n: &NRef, tags: &[&str]) -> usize {
    n.descendants().filter(|d| dom::tag(d).is_some_and(|t| tags.contains(&t))).count()
}

fn is_data_table(n: &NRef) -> bool {
    if dom::attr(n, "role") == Some("presentation") {
        return false;
    }
    if n.descendants().skip(1).any(|d| dom::tag(&d) == Some("table")) {
        return false;
    }
    if count_tags(n, &["th", "thead", "caption", "tfoot", "colgroup"]) > 0 || dom::attr(n, "summary").is_some() {
        return true;
    }
    let rows = count_tags(n, &["tr"]);
    let cells = count_tags(n, &["td"]);
    let max_cols = n
        .descendants()
        .filter(|d| dom::tag(d) == Some("tr"))
        .map(|tr| tr.children().filter(|c| dom::tag(c) == Some("td")).count())
        .max()
        .unwrap_or(0);
    if rows <= 1 || max_cols <= 1 {
        return false;
    }
    rows >= 10 || (rows > 0 && cells / rows > 4) || cells > 10
}

/// The inline element starts a line: nothing but whitespace before it in
/// its parent, or a block or `<br>` right before it. A label that starts a
/// line ("<strong>Tags</strong> …"), not a word in a sentence.
fn leads_its_block(n: &NRef) -> bool {
    for s in n.prev_siblings() {
        match s.value() {
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Element(e) if e.name() == "br" || dom::is_block(e.name()) => return true,
            Node::Element(_) if dom::norm_len_upto(&s, 1) == 0 => {}
            Node::Text(_) | Node::Element(_) => return false,
            _ => {}
        }
    }
    true
}

/// A block that is a boilerplate line ("Related", "Ähnliche Beiträge",
/// "Diesen Artikel teilen"), or starts with one and is mostly links
/// ("Read more: <a>…</a>"). Only the start of the text is read and
/// lower-cased (this runs on every block of the candidate).
fn is_boilerplate(n: &NRef, len: usize) -> bool {
    let phrases = &hints().boilerplate;
    if len >= 1000 {
        return false;
    }
    let head = dom::norm_prefix(n, phrases.longest + 8).to_lowercase();
    (len <= phrases.longest + 8 && phrases.is_line(&head))
        || (phrases.starts(&head) && dom::link_density(n) > 0.5)
        || (len < 150 && hints().short_prefixes.prefixes(&head))
        || (len < 400 && hints().ad_prefixes.prefixes(&head))
        || (len <= 100 && is_breadcrumb(&dom::norm_text(n), dom::link_density(n)))
}

/// A breadcrumb trail ("News › Region ›", "Home > World > Europe"): a short
/// line that ends on a trail's separator, or links joined by two or more of
/// them. A closing bracket or guillemet ends a quotation or a title where
/// the line opens one ("<The Palace>", "« Nous partons. »").
fn is_breadcrumb(text: &str, link_density: f64) -> bool {
    const SEPS: [char; 4] = ['>', '›', '»', '→'];
    let t = text.trim();
    let opens = |c: char| match c {
        '>' => t.contains('<'),
        '»' => t.contains('«'),
        '›' => t.contains('‹'),
        _ => false,
    };
    let ends = t.ends_with(|c: char| SEPS.contains(&c) && !opens(c)) && t.chars().count() > 1;
    let joined = t.matches(SEPS).count() >= 2
        && link_density > 0.5
        && t.split(SEPS).all(|s| s.trim().chars().count() <= 40)
        && !SEPS.iter().any(|&c| opens(c));
    ends || joined
}

fn prune(doc: &mut Html, nodes: &[NodeId], flags: Flags, scores: &NodeMap<f64>, title: &str) {
    let mut remove = Vec::new();
    let mut title_heading_seen = false;
    for &root in nodes {
        let Some(r) = doc.tree.get(root) else {
            continue;
        };
        // Other stories embedded in the story ("you may also like" teasers as
        // whole <article>s inside the main <article>) go, as long as the main
        // one has text of its own.
        let articles: Vec<NRef> =
            r.descendants().filter(|d| flags.signals.teasers && dom::tag(d) == Some("article")).collect();
        for outer in &articles {
            let inner: Vec<&NRef> = articles
                .iter()
                .filter(|a| a.id() != outer.id() && a.ancestors().any(|x| x.id() == outer.id()))
                .collect();
            if inner.is_empty() {
                continue;
            }
            let inner_len: usize = inner.iter().map(|a| dom::norm_len(a)).sum();
            let own = dom::norm_len(outer).saturating_sub(inner_len);
            if own >= 250 {
                remove.extend(inner.iter().map(|a| a.id()));
            } else if inner.len() >= 2 && own * 5 < inner_len && (outer.id() != r.id() || nodes.len() > 1) {
                // A wrapper of several teasers with a heading: a "more stories" block.
                remove.push(outer.id());
            }
        }
        let subs = crate::subtree::measure(&r);
        let mut data_tables = NodeMap::default();
        let mut candidates: Vec<NRef> = r.descendants().filter(|d| d.value().is_element()).collect();
        if candidates.len() > 1 {
            // Deeper nodes first, so a container is judged after its children.
            candidates[1..].reverse();
        }
        for n in candidates {
            let t = dom::tag(&n).unwrap_or("");
            if matches!(t, "h1" | "h2")
                && !title_heading_seen
                && crate::metadata::is_title_repeat(&dom::norm_text(&n), title)
            {
                title_heading_seen = true;
                remove.push(n.id());
                continue;
            }
            if [dom::attr(&n, "class"), dom::attr(&n, "id")]
                .into_iter()
                .flatten()
                .any(|s| hints().pull_quotes.iter().any(|p| dom::contains_lower(s, p)))
            {
                // Pull quotes repeat a line of the story as decoration.
                remove.push(n.id());
                continue;
            }
            if matches!(t, "h1" | "h2" | "h3") && class_weight(&n, flags) < 0.0 {
                remove.push(n.id());
                continue;
            }
            if (matches!(t, "p" | "div" | "section" | "ul" | "li" | "h2" | "h3" | "h4")
                || (matches!(t, "span" | "strong" | "b") && leads_its_block(&n)))
                && flags.signals.boilerplate
                && is_boilerplate(&n, subs[&n.id()].norm_len())
            {
                remove.push(n.id());
                continue;
            }
            if n.id() != root
                && flags.clean_conditionally
                && matches!(t, "table" | "ul" | "ol" | "div" | "section" | "form" | "fieldset")
                && should_remove(&n, flags, scores, &subs[&n.id()], &mut data_tables)
            {
                remove.push(n.id());
            }
        }
    }
    for id in remove {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
}

/// A form of long paragraphs with no control in it: a wrapper (a page built
/// inside one `<form>`, or one a parser's quirk left around the story's
/// paragraphs), not a form a reader fills in, so its tag's low score does
/// not condemn it.
fn is_form_wrapper(n: &NRef, t: &str, sub: &crate::subtree::Sub) -> bool {
    let p = sub.count("p");
    matches!(t, "form" | "fieldset")
        && p >= 3
        && sub.norm_len() >= 150 * p
        && dom::link_ratio(sub.text_links) < 0.1
        && !n.descendants().any(|d| matches!(dom::tag(&d), Some("input" | "select" | "textarea" | "button")))
}

/// Readability's "clean conditionally": drop blocks that look like link lists,
/// image galleries without text, forms, or class-flagged clutter.
/// Readability's conditional cleaning of one container, from its subtree's
/// numbers (`sub`); `data_tables` keeps [`is_data_table`]'s answer for each
/// table asked about.
fn should_remove(
    n: &NRef,
    flags: Flags,
    scores: &NodeMap<f64>,
    sub: &crate::subtree::Sub,
    data_tables: &mut NodeMap<bool>,
) -> bool {
    let t = dom::tag(n).unwrap_or("");
    let mut data_table = |a: &NRef| *data_tables.entry(a.id()).or_insert_with(|| is_data_table(a));
    if t == "table" && data_table(n) {
        return false;
    }
    if n.ancestors().any(|a| dom::tag(&a) == Some("table") && data_table(&a))
        || n.ancestors().any(|a| dom::tag(&a) == Some("code"))
    {
        return false;
    }
    let weight = class_weight(n, flags);
    let score = scores.get(&n.id()).copied().unwrap_or(0.0);
    if weight + score < 0.0 && !(weight >= 0.0 && is_form_wrapper(n, t, sub)) {
        return true;
    }
    if sub.commas >= 10 {
        return false;
    }
    let is_list = matches!(t, "ul" | "ol");
    let p = sub.count("p") as f64;
    let img = sub.count("img") as f64;
    let li = sub.count("li") as f64 - 100.0;
    let input = sub.count("input") as f64;
    let len = sub.norm_len();
    let heading_density = if len == 0 { 0.0 } else { sub.heading_len as f64 / len as f64 };
    let ld = if flags.signals.link_density { dom::link_ratio(sub.text_links) } else { 0.0 };
    let in_figure = n.ancestors().any(|a| dom::tag(&a) == Some("figure")) || sub.count("figure") > 0;
    (img > 1.0 && p / img < 0.5 && !in_figure)
        || (!is_list && li > p)
        || (input > (p / 3.0).floor())
        || (!is_list && heading_density < 0.9 && len < 25 && (img == 0.0 || img > 2.0) && ld > 0.0)
        || (!is_list && weight < 25.0 && ld > 0.2)
        || (weight >= 25.0 && ld > 0.5)
        || (is_list && ld > 0.5 && len > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::Metadata;

    fn run(html: &str) -> String {
        let doc = Html::parse_document(html);
        let meta = Metadata::default();
        let c = find_content(doc.clone(), &|| doc.clone(), &meta, crate::types::Signals::ALL).expect("content");
        c.nodes.iter().map(|&id| dom::norm_text(&c.doc.tree.get(id).unwrap())).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn boilerplate_lines_whole_or_as_a_linked_prefix() {
        let long = "word ".repeat(150);
        let links = "<a href=/x>link</a> ".repeat(60);
        let cases = [
            ("Advertisement", true),
            (" ADVERTISEMENT: ", true),
            ("Advertisement......!!!", true),
            ("PUBLICITÉ", true),
            ("Ähnliche Beiträge", true),
            ("Diesen Artikel teilen", true),
            ("Read More <a href=/a>about the story</a>", true),
            ("read more about the story", false),
            ("Readmore <a href=/a>about the story</a>", false),
            (&format!("Read more <a href=/a>{long}</a>"), true),
            (&format!("Related {links}"), true),
            (&format!("Related {long}"), false),
            ("İstanbul advertisement", false),
            ("", false),
            ("...", false),
            (&format!("Tags: {}", "<a href=/t>t</a> ".repeat(300)), true),
            (&format!("Tags: {}", "<a href=/t>t</a> ".repeat(600)), false),
            ("<strong>Tags<br><a href=/t>one</a>, <a href=/t>two</a></strong>", true),
            ("Sponsored: Compare home insurance quotes from leading providers in minutes.", true),
            ("<b>Anzeige</b> | Neue Küchen zum halben Preis, nur diese Woche im Möbelhaus.", true),
            ("Contenu sponsorisé : des lunettes pour toute la famille.", true),
            ("Advertising: the word readers trusted least, the survey found.", false),
            ("Sponsored content is a growing share of the paper's revenue, the report says.", false),
            ("Advertisers said the campaign: a success.", false),
            ("Section &gt;", true),
            ("<a href=/n>News</a> › <a href=/r>Region</a> › <a href=/c>Courts</a>", true),
            ("News › Region", false),
            ("« Nous partons demain, et nous reviendrons. »", false),
            ("»Wir gehen morgen.«", false),
            ("&lt;The Palace: Jang Noksu&gt;", false),
            ("&lt;ul&gt; List of &lt;img&gt;", false),
            ("If a &gt; b and b &gt; c, then a &gt; c follows from the rule.", false),
        ];
        for (c, want) in cases {
            let doc = Html::parse_document(&format!("<div id=x>{c}</div>"));
            let n = doc.tree.root().descendants().find(|d| dom::attr(d, "id") == Some("x")).unwrap();
            assert_eq!(is_boilerplate(&n, dom::norm_len(&n)), want, "{c}");
        }
    }

    #[test]
    fn picks_article_over_sidebar() {
        let para =
            "This is a long paragraph of the story, with commas, clauses, and enough words to count as real text. ";
        let html = format!(
            r#"<body><div id="menu"><a href="/a">Home</a> <a href="/b">World</a></div>
            <div class="main-story"><p>{para}</p><p>{para}</p><p>{para}</p></div>
            <div class="related"><ul><li><a href="/x">Other headline that is long enough</a></li></ul></div></body>"#
        );
        let got = run(&html);
        assert!(got.contains("long paragraph"));
        assert!(!got.contains("Other headline"));
        assert!(!got.contains("Home"));
    }

    #[test]
    fn br_separated_text_is_found() {
        let para = "Text of the story separated by line breaks, as old sites do, with commas, and clauses.";
        let html = format!(
            r#"<body><table><tr><td><a href="/">Logo</a></td></tr><tr><td class="x">{para}<br><br>{para}<br><br>{para}<br><br>{para}</td></tr></table></body>"#
        );
        let got = run(&html);
        assert!(got.matches("separated by line breaks").count() == 4, "{got}");
        assert!(!got.contains("Logo"));
    }

    fn run_titled(html: &str, title: &str, lead: bool) -> String {
        let doc = Html::parse_document(html);
        let meta = Metadata { title: title.into(), ..Metadata::default() };
        let signals = crate::types::Signals { lead, ..crate::types::Signals::ALL };
        let c = find_content(doc.clone(), &|| doc.clone(), &meta, signals).expect("content");
        c.nodes.iter().map(|&id| dom::norm_text(&c.doc.tree.get(id).unwrap())).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn the_story_between_the_title_and_a_longer_block_is_kept() {
        // An open letter, then its long list of signatories (which scores
        // higher): the letter is the article, and one unmarked deck is not.
        let letter = "Our institutions are facing a moment of trial, and we write to say what we think of it. ";
        let names: String = (0..60).map(|i| format!("Signatory Number{i}, Some University, ")).collect();
        let html = format!(
            "<body><div class=top><h1>A letter on debate</h1><p>{letter}</p><p>{letter}</p></div>\
             <div class=names><p>{names}</p><p>{names}</p></div></body>"
        );
        let got = run_titled(&html, "A letter on debate", true);
        assert!(got.starts_with("Our institutions"), "{got}");
        assert!(!run_titled(&html, "A letter on debate", false).starts_with("Our institutions"));
        let html = format!(
            "<body><div class=top><h1>A letter on debate</h1><p>A display deck that sums the story up in one line.</p></div>\
             <div class=body><p>{letter}{letter}</p><p>{letter}{letter}</p><p>{letter}</p></div></body>"
        );
        let got = run_titled(&html, "A letter on debate", true);
        assert!(!got.contains("display deck"), "{got}");
    }

    #[test]
    fn a_relaxed_step_does_not_trade_a_short_story_for_other_text() {
        // The story is one paragraph (under 500 characters, so the ladder
        // goes on); the relaxed steps keep the footer, whose newsletter form
        // has more text. The story stays the article.
        let story = "The regional conference on integration takes place online on the 11th and 12th of \
                     February, and the fire brigades' project will be there. Workshops on public relations \
                     and the daily work of institutions are planned. The week itself runs from September \
                     to October in many towns.";
        let form = "<p>Stay up to date, informed, and involved, with our news and information about the association and its work.</p>\
                    <p>I agree that the association may send me information, news, and invitations, about its activities regularly.</p>\
                    <p>I consent to the processing of my data, as described, and after signing up, I will receive an e-mail, to confirm.</p>\
                    <p>Something went wrong, sorry, please try again, later, or write to us, by e-mail, or by post.</p>";
        let block = |inner: &str| {
            format!("<div class=component><div class=container><div class=content>{inner}</div></div></div>")
        };
        let html = format!(
            "<body><div class=wrapper><main><article class=post><header><h1>Conference</h1></header>\
             <section class=post-main>{}</section><footer class=post-footer><section class=post-meta>{}</section>{}</footer>\
             </article></main></div></body>",
            block(&format!("<p>{story}</p>")),
            block("<p class=social-title>Share this:</p><ul><li><a href=/f>Facebook</a></li></ul>"),
            block(&format!("<div class=wrap><h3>Newsletter</h3><form><fieldset>{form}<input type=email></fieldset></form></div>")),
        );
        let doc = Html::parse_document(&html);
        let got = |signals| {
            let c = find_content(doc.clone(), &|| doc.clone(), &Metadata::default(), signals).expect("content");
            content_text(&c)
        };
        let with = got(crate::types::Signals::ALL);
        assert!(with.contains("regional conference") && !with.contains("Stay up to date"), "{with}");
        let without = got(crate::types::Signals { ladder_anchor: false, ..crate::types::Signals::ALL });
        assert!(without.contains("Stay up to date"), "the test no longer exercises the rule: {without}");
    }

    #[test]
    fn prose_in_the_article_container_before_the_chosen_body_joins_it() {
        let para = "A paragraph of the story, with commas, clauses, and enough words to count as real text here. ";
        let html = format!(
            "<body><main><article><div class=hero><div class=inner><p>The first paragraph stands apart from the body in a wrapper of its own.</p></div></div>\
             <div class=body><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></div></article>\
             <div class=aside-box><p>Not part of the article at all, but prose all the same.</p></div></main></body>"
        );
        let doc = Html::parse_document(&html);
        let got =
            |signals| content_text(&find_content(doc.clone(), &|| doc.clone(), &Metadata::default(), signals).unwrap());
        let with = got(crate::types::Signals::ALL);
        assert!(with.starts_with("The first paragraph stands apart"), "{with}");
        assert!(!with.contains("Not part of the article"), "{with}");
        assert!(
            !got(crate::types::Signals { widen: false, ..crate::types::Signals::ALL }).contains("The first paragraph")
        );
    }

    #[test]
    fn noscript_and_template_open_as_divs() {
        let p = "<p>one</p><p>two</p>";
        assert_eq!(unhidden("<body><p>no copies here</p><p>at all</p></body>"), None);
        assert_eq!(unhidden("<head><noscript><img src=x></noscript></head>"), None, "no post inside");
        assert_eq!(
            unhidden(&format!("<body><NoScript class=a>{p}</noScript><noscripts>x</noscripts></body>")).unwrap(),
            format!("<body><div class=a>{p}</div><noscripts>x</noscripts></body>")
        );
        assert_eq!(unhidden(&format!("<template>{p}</template><template/>")).unwrap(), format!("<div>{p}</div><div/>"));
        // Text that merely mentions the tags is not touched.
        assert_eq!(
            unhidden(&format!("<template>{p}</template><p>a noscript tag</p>")).unwrap(),
            format!("<div>{p}</div><p>a noscript tag</p>")
        );
    }
}
