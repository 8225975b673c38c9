//! The candidates: paragraphs give points to their ancestors, weighted by
//! class and id hints, commas and link density; the best candidate and its
//! related siblings are grabbed.

use super::*;

pub(super) fn class_weight(n: &NRef, flags: Flags) -> f64 {
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

pub(super) fn tag_score(t: &str) -> f64 {
    match t {
        "div" | "article" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

pub(super) fn commas(s: &str) -> usize {
    s.chars().filter(|&c| dom::is_comma(c)).count()
}

/// Embeds and <noscript> kept for the renderer are invisible to scoring.
pub(super) fn is_absent(t: &str) -> bool {
    dom::never_content(t)
}

/// Text runs directly inside `n`, split at block children and at `<br><br>`.
pub(super) fn inline_runs(n: &NRef) -> Vec<String> {
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

pub(super) fn is_attached(doc: &Html, id: NodeId) -> bool {
    let root = doc.tree.root().id();
    doc.tree.get(id).is_some_and(|n| n.id() == root || n.ancestors().any(|a| a.id() == root))
}

pub(super) fn grab(doc: &mut Html, flags: Flags, title: &str) -> Option<Vec<NodeId>> {
    let root = doc.tree.root();
    let body = root.descendants().find(|n| dom::tag(n) == Some("body")).unwrap_or(root).id();
    let mut scores = paragraph_scores(doc, body, flags);
    if scores.is_empty() {
        // No paragraph anywhere (a tiny page): the whole body is the candidate.
        let nodes = vec![body];
        prune(doc, &nodes, flags, &scores, title);
        return Some(nodes);
    }
    let ranked = ranked(doc, &mut scores, flags);
    let top = shared_ancestor(doc, &ranked, body);
    let top = climbed(doc, top, &scores, body)?;
    let top_score = scores.get(&top).copied().unwrap_or(0.0);

    // A story split into repeated chunks (the same wrapper class, one after
    // another, each with paragraphs): take every chunk.
    if let Some(chunks) = repeated_chunks(doc, top, &scores).filter(|_| flags.signals.chunks) {
        prune(doc, &chunks, flags, &scores, title);
        let chunks: Vec<NodeId> = chunks.into_iter().filter(|&id| is_attached(doc, id)).collect();
        return (!chunks.is_empty()).then_some(chunks);
    }
    let mut nodes = with_siblings(doc, top, top_score, &scores, body)?;
    // Clean the chosen subtrees.
    prune(doc, &nodes, flags, &scores, title);
    nodes.retain(|&id| is_attached(doc, id));
    (!nodes.is_empty()).then_some(nodes)
}

/// Paragraphs score their ancestors (up to five levels, less the higher;
/// each ancestor starts from its tag's and class words' weight): a point, a
/// point a comma, a point per 100 characters (at most 3).
fn paragraph_scores(doc: &Html, body: NodeId, flags: Flags) -> NodeMap<f64> {
    let mut scores: NodeMap<f64> = NodeMap::default();
    let Some(body) = doc.tree.get(body) else { return scores };
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
    scores
}

/// The candidates scaled by their link density and ranked, best first (the
/// scaled scores written back to `scores`).
fn ranked(doc: &Html, scores: &mut NodeMap<f64>, flags: Flags) -> Vec<(NodeId, f64)> {
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
    ranked
}

/// Several strong candidates under one ancestor: the ancestor; else the best.
fn shared_ancestor(doc: &Html, ranked: &[(NodeId, f64)], body: NodeId) -> NodeId {
    let (mut top, top_score) = ranked[0];
    let alternatives: Vec<Vec<NodeId>> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= 0.75)
        .filter_map(|(id, _)| doc.tree.get(*id))
        .map(|n| n.ancestors().map(|a| a.id()).collect())
        .collect();
    if alternatives.len() >= 3 {
        let mut p = doc.tree.get(top).and_then(|n| n.parent());
        while let Some(pn) = p {
            if pn.id() == body || dom::tag(&pn).is_none() {
                break;
            }
            if alternatives.iter().filter(|a| a.contains(&pn.id())).count() >= 3 {
                top = pn.id();
                break;
            }
            p = pn.parent();
        }
    }
    top
}

/// Climb while the parent scores better; skip single-child wrappers.
fn climbed(doc: &Html, mut top: NodeId, scores: &NodeMap<f64>, body: NodeId) -> Option<NodeId> {
    let mut last = scores.get(&top).copied().unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut p = doc.tree.get(top).and_then(|n| n.parent());
    while let Some(pn) = p {
        if pn.id() == body || dom::tag(&pn).is_none() {
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
        if pn.id() == body || dom::tag(&pn).is_none() {
            break;
        }
        if pn.children().filter(|c| dom::tag(c).is_some_and(|t| !is_absent(t))).count() != 1 {
            break;
        }
        top = pn.id();
    }
    Some(top)
}

/// The siblings that belong to the article beside the top candidate (text
/// beside it, siblings that score, prose, and figures, quotes, lists or
/// subheadings between chosen ones).
fn with_siblings(doc: &Html, top: NodeId, top_score: f64, scores: &NodeMap<f64>, body: NodeId) -> Option<Vec<NodeId>> {
    let top_node = doc.tree.get(top)?;
    let mut nodes = Vec::new();
    match top_node.parent() {
        Some(parent) if top != body && dom::tag(&parent).is_some() => {
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
    Some(nodes)
}

/// The top candidate or one of its two nearest ancestors, together with its
/// siblings of the same tag and class that also hold scored paragraphs.
pub(super) fn repeated_chunks(doc: &Html, top: NodeId, scores: &NodeMap<f64>) -> Option<Vec<NodeId>> {
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
pub(super) fn sandwiched(parent: &NRef, id: NodeId, kept: &[NodeId]) -> bool {
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
