//! The key facts marked in the clean tree: each fact's first mentions
//! wrapped in a `<mark>` of its kind, found word by word in the text nodes.

use super::*;

/// Wrap the facts (found in the plain text) in `<mark class="fact fact-KIND">`
/// where they occur in the tree. Quotes are marked first, then the other facts,
/// also inside quotes. Facts are matched in reading order, text node by text
/// node; a fact split across elements (rare) stays unmarked.
pub fn mark_facts(tree: &mut Vec<RNode>, facts: &[crate::facts::Fact]) {
    for pass in mark_passes(facts) {
        let mut next = 0;
        mark_pass(tree, &pass, &mut next);
    }
}

/// The facts of each marking pass: quotes, then the others (key sentences
/// are not marked).
pub(super) fn mark_passes(facts: &[crate::facts::Fact]) -> [Vec<&crate::facts::Fact>; 2] {
    let quotes = facts.iter().filter(|f| f.kind == "quote").collect();
    let others = facts.iter().filter(|f| f.kind != "quote" && f.kind != "key_sentence").collect();
    [quotes, others]
}

/// Where `needle` occurs in `hay` at or after `from` as whole words (not
/// "Iraq" inside "Iraqi").
pub(super) fn find_word(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    let mut start = from;
    // A byte scan for the first byte, then a compare: facts are a few words,
    // tried against every text node, where a substring searcher's set-up
    // costs more than the search.
    while start + n.len() <= h.len() {
        let p = h[start..=h.len() - n.len()].iter().position(|&b| b == first)?;
        let at = start + p;
        if &h[at + 1..at + n.len()] == rest {
            let end = at + n.len();
            // (Only where the fact's own edge is a letter or digit of a
            // language that spaces its words: a quote's mark, or Chinese and
            // Japanese, need no boundary — "担当者は「…」と".)
            let word = |c: char| c.is_alphanumeric() && !crate::dom::is_cjk(c);
            let edge_first = needle.chars().next().is_some_and(word);
            let edge_last = needle.chars().next_back().is_some_and(word);
            let before = !edge_first || hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = !edge_last || hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if before && after {
                return Some(at);
            }
        }
        start = at + needle.chars().next().map(char::len_utf8).unwrap_or(1);
    }
    None
}

/// The class of a fact's `<mark>`, for the kinds `facts` finds.
pub(super) fn mark_class(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "number" => "fact fact-number",
        "date" => "fact fact-date",
        "person" => "fact fact-person",
        "organisation" => "fact fact-organisation",
        "place" => "fact fact-place",
        "quote" => "fact fact-quote",
        _ => return None,
    })
}

pub(super) fn mark_pass(nodes: &mut Vec<RNode>, facts: &[&crate::facts::Fact], next: &mut usize) {
    const WINDOW: usize = 8;
    let old = std::mem::take(nodes);
    for n in old {
        match n {
            RNode::Text(t) if *next < facts.len() => {
                let t = if needs_collapse(&t) { collapse_keep_edges(&t).into() } else { t };
                // The pieces are slices of `t` (a tendril of over 8 bytes
                // shares its buffer; shorter ones are held inline).
                let piece = |a: usize, b: usize| RNode::Text(t.subtendril(a as u32, (b - a) as u32));
                let mut cursor = 0;
                loop {
                    let hit = (*next..facts.len().min(*next + WINDOW))
                        .find_map(|k| find_word(&t, cursor, &facts[k].text).map(|p| (k, p)));
                    let Some((k, at)) = hit else { break };
                    let f = facts[k];
                    if at > cursor {
                        nodes.push(piece(cursor, at));
                    }
                    let text = t.subtendril(at as u32, f.text.len() as u32);
                    nodes.push(match mark_class(&f.kind) {
                        Some(class) => RNode::Mark { class, text },
                        None => el("mark", vec![("class", format!("fact fact-{}", f.kind))], vec![RNode::Text(text)]),
                    });
                    cursor = at + f.text.len();
                    *next = k + 1;
                    if *next >= facts.len() {
                        break;
                    }
                }
                if cursor == 0 && !t.is_empty() {
                    nodes.push(RNode::Text(t));
                } else if cursor < t.len() {
                    nodes.push(piece(cursor, t.len()));
                }
            }
            RNode::El { tag, attrs, children } if !matches!(tag, "pre" | "code" | "math") && !is_annotation(tag) => {
                let mut children = children.into_vec();
                mark_pass(&mut children, facts, next);
                nodes.push(RNode::El { tag, attrs, children: children.into_boxed_slice() });
            }
            // A quote marked in the first pass, with names or figures in it:
            // an element holding them.
            RNode::Mark { class, text } if *next < facts.len() => {
                let mut children = vec![RNode::Text(text)];
                mark_pass(&mut children, facts, next);
                nodes.push(match <[RNode; 1]>::try_from(children) {
                    Ok([RNode::Text(text)]) => RNode::Mark { class, text },
                    Ok([other]) => el("mark", vec![("class", class.to_string())], vec![other]),
                    Err(children) => el("mark", vec![("class", class.to_string())], children),
                });
            }
            other => nodes.push(other),
        }
    }
    // Rebuilt by pushing: give back the slack (an element's children become a
    // boxed slice, which holds no slack; the tree's list stays a vector).
    nodes.shrink_to_fit();
}
