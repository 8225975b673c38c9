//! Clean-ups of the built tree: the dateline and byline lines at its top,
//! empty elements, notes and link lists after the story, loose captions
//! joined to their figures.

use super::*;

/// Find a date written out in short text ("Jan 25, 2024", "25 January 2024", "2024-01-25").
pub fn find_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in 0..words.len() {
        for n in [4, 3, 1] {
            if i + n <= words.len() {
                let cand = words[i..i + n].join(" ");
                let cand = cand.trim_matches(|c: char| !c.is_alphanumeric());
                if cand.chars().any(|c| c.is_ascii_digit()) && cand.len() >= 8 {
                    if let Some(d) = crate::metadata::normalize_date(cand) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// Bylines, datelines and a repeated title (with its kicker) in the first
/// blocks of the body move out of the body: they are metadata.
pub(super) fn take_lead_meta(tree: &mut Vec<RNode>, title: &str) -> (Option<String>, Option<String>) {
    let title = dom::collapse_ws(title).to_lowercase();
    let (mut byline, mut dateline) = (None, None);
    let mut i = 0;
    let mut looked = 0;
    while i < tree.len() && looked < 3 {
        looked += 1;
        // The title repeated as a heading goes; other headings and images
        // before the first paragraph are looked past.
        if let RNode::El { tag: "h2" | "h3", children, .. } = &tree[i] {
            if crate::title::is_title_repeat(&inline_text(children), &title) {
                tree.remove(i);
                continue;
            }
        }
        let RNode::El { tag: "p", children, .. } = &mut tree[i] else {
            i += 1;
            continue;
        };
        // Lines of the paragraph, split at <br>.
        let mut lines: Vec<Vec<RNode>> = vec![vec![]];
        for c in std::mem::take(children) {
            if matches!(c, RNode::El { tag: "br", .. }) {
                lines.push(vec![]);
            } else if let Some(l) = lines.last_mut() {
                l.push(c);
            }
        }
        let texts: Vec<String> = lines.iter().map(|l| dom::collapse_ws(&inline_text(l))).collect();
        let mut keep = vec![true; lines.len()];
        for (j, text) in texts.iter().enumerate() {
            let lower = text.to_lowercase();
            let short = text.chars().count() < 100;
            if crate::title::is_title_repeat(text, &title) {
                keep[j] = false;
                // A kicker ("IRAQ WARS") right before the repeated title goes too.
                for k in (0..j).rev() {
                    if texts[k].chars().count() < 40 {
                        keep[k] = false;
                    } else {
                        break;
                    }
                }
            } else if short
                && byline.is_none()
                && ["by ", "von ", "par ", "por ", "بقلم "].iter().any(|p| lower.starts_with(p))
            {
                byline = Some(text.clone());
                keep[j] = false;
            } else if short && dateline.is_none() && !text.ends_with(['.', '!', '?']) {
                if let Some(d) = find_date(text) {
                    dateline = Some(d);
                    keep[j] = false;
                }
            }
        }
        let mut rebuilt: Vec<RNode> = Vec::new();
        for (line, k) in lines.into_iter().zip(keep) {
            if k && has_content(&line) {
                if !rebuilt.is_empty() {
                    rebuilt.push(el("br", vec![], vec![]));
                }
                rebuilt.extend(line);
            }
        }
        if rebuilt.is_empty() {
            tree.remove(i);
        } else {
            *children = rebuilt.into_boxed_slice();
            i += 1;
        }
    }
    (byline, dateline)
}

/// Drop empty blocks (no text, no image) left behind by the allow-list.
pub(super) fn prune_empty(nodes: Vec<RNode>) -> Vec<RNode> {
    nodes
        .into_iter()
        .filter_map(|n| match n {
            RNode::El { tag, attrs, children } => {
                let children = prune_empty(children.into_vec());
                let keep = matches!(tag, "br" | "hr" | "img" | "td" | "th") || has_content(&children);
                keep.then_some(RNode::El { tag, attrs, children: children.into_boxed_slice() })
            }
            t => Some(t),
        })
        .collect()
}

/// Text of a node outside links (to spot paragraphs that are only links).
pub(super) fn unlinked_text(nodes: &[RNode]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            RNode::Text(t) | RNode::Mark { text: t, .. } => s.push_str(t),
            RNode::El { tag: "a", .. } => {}
            RNode::El { children, .. } => s.push_str(&unlinked_text(children)),
        }
    }
    s
}

pub(super) fn is_link_only(n: &RNode) -> bool {
    matches!(n, RNode::El { tag: "p", children, .. }
        if !unlinked_text(children).chars().any(char::is_alphanumeric)
            && !children.iter().any(|c| matches!(c, RNode::El { tag: "img", .. })))
}

/// A list of links ("More stories": headline after headline).
pub(super) fn is_link_list(n: &RNode) -> bool {
    let RNode::El { tag: "ul" | "ol", children, .. } = n else { return false };
    let all = dom::collapse_ws(&inline_text(children)).chars().count();
    let unlinked = dom::collapse_ws(&unlinked_text(children)).chars().count();
    all > 0 && unlinked * 2 < all
}

pub(super) fn is_heading(n: &RNode) -> bool {
    matches!(n, RNode::El { tag: "h2" | "h3" | "h4" | "h5" | "h6", .. })
}

/// The notes after a story, among its last three blocks: short paragraphs
/// that ask the reader to subscribe, follow, download or support, or state
/// the copyright (words in `data/boilerplate.json`). Cut from the first
/// such note on, if everything after it is short too.
pub(super) fn trim_end_notes(tree: &mut Vec<RNode>) {
    let words = &crate::hints::hints().end_notes;
    let text = |n: &RNode| match n {
        RNode::El { tag: "p" | "div", children, .. } => {
            Some(format!(" {} ", dom::collapse_ws(&inline_text(children)).to_lowercase()))
        }
        _ => None,
    };
    let start = tree.len().saturating_sub(3).max(1);
    let cut = (start..tree.len()).find(|&i| {
        tree[i..].iter().all(|n| text(n).is_some_and(|t| t.chars().count() < 300))
            && text(&tree[i]).is_some_and(|t| words.iter().any(|w| t.contains(w)))
    });
    if let Some(i) = cut {
        tree.truncate(i);
    }
}

/// Page furniture at either end of the body: paragraphs that are nothing but
/// links (a breadcrumb, "Tweet", a related link) and, at the end, link lists
/// with the heading that introduces them ("More great stories").
pub(super) fn trim_link_ends(tree: &mut Vec<RNode>) {
    loop {
        if tree.len() > 1 && tree.last().is_some_and(|n| is_link_only(n) || is_link_list(n)) {
            let was_list = tree.last().is_some_and(is_link_list);
            tree.pop();
            if was_list && tree.len() > 1 && tree.last().is_some_and(is_heading) {
                tree.pop();
            }
            continue;
        }
        break;
    }
    while tree.len() > 1 && tree.first().is_some_and(is_link_only) {
        tree.remove(0);
    }
    // "More stories" / "Related" heading near the end, followed only by lists
    // and short lines: cut from the heading on.
    let tail = &crate::hints::hints().tail_headings;
    let start = tree.len().saturating_sub(4);
    let heading_like = |n: &RNode| {
        is_heading(n)
            || matches!(n, RNode::El { tag: "p", children, .. } if {
                let t = dom::collapse_ws(&inline_text(children));
                t.chars().count() < 60 && !t.ends_with(['.', '!', '?', ':'])
            })
    };
    if let Some(h) =
        (start..tree.len()).rev().find(|&i| heading_like(&tree[i]) && (i + 1 < tree.len() || is_heading(&tree[i])))
    {
        let text = match &tree[h] {
            RNode::El { children, .. } => dom::collapse_ws(&inline_text(children)).to_lowercase(),
            _ => String::new(),
        };
        let rest_is_furniture = tree[h + 1..].iter().all(|n| match n {
            RNode::El { tag: "ul" | "ol", .. } => true,
            RNode::El { tag: "p", children, .. } => inline_text(children).chars().count() < 200,
            _ => false,
        });
        if h > 0 && text.chars().count() < 60 && tail.iter().any(|p| text.contains(p)) && rest_is_furniture {
            tree.truncate(h);
        }
    }
}

/// A picture without a caption of its own (`<p><img></p>`, a figure of only
/// the image) and the caption or credit right after it (a loose caption shown as a figure of its own, a
/// "Photo: …" line) become one figure, as the page shows them.
pub(super) fn join_loose_captions(tree: &mut Vec<RNode>) {
    fn picture(n: &RNode) -> Option<&[RNode]> {
        match n {
            RNode::El { tag: "p" | "figure", children, .. }
                if matches!(&children[..], [RNode::El { tag: "img", .. }]) =>
            {
                Some(children)
            }
            _ => None,
        }
    }
    fn caption(n: &RNode) -> Option<Vec<RNode>> {
        match n {
            RNode::El { tag: "figure", children, .. } => match &children[..] {
                [RNode::El { tag: "figcaption", children, .. }] => Some(children.to_vec()),
                _ => None,
            },
            RNode::El { tag: "p", children, .. } => is_credit_text(&inline_text(children)).then(|| children.to_vec()),
            _ => None,
        }
    }
    for n in tree.iter_mut() {
        if let RNode::El { tag, children, .. } = n {
            if *tag != "figure" && children.len() > 1 {
                let mut kids = std::mem::take(children).into_vec();
                join_loose_captions(&mut kids);
                *children = kids.into_boxed_slice();
            }
        }
    }
    let mut i = 0;
    while i + 1 < tree.len() {
        if let (Some(img), Some(cap)) = (picture(&tree[i]), caption(&tree[i + 1])) {
            let joined = el("figure", vec![], img.iter().cloned().chain([el("figcaption", vec![], cap)]).collect());
            tree[i] = joined;
            tree.remove(i + 1);
        }
        i += 1;
    }
}
