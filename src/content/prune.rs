//! The grabbed content cleaned of what is not the story: link lists, forms,
//! boilerplate and breadcrumb lines, layout tables, ads left inside.

use super::*;

pub(super) fn count_tags(n: &NRef, tags: &[&str]) -> usize {
    n.descendants().filter(|d| dom::tag(d).is_some_and(|t| tags.contains(&t))).count()
}

pub(super) fn is_data_table(n: &NRef) -> bool {
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
pub(super) fn leads_its_block(n: &NRef) -> bool {
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
pub(super) fn is_boilerplate(n: &NRef, len: usize) -> bool {
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
pub(super) fn is_breadcrumb(text: &str, link_density: f64) -> bool {
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

pub(super) fn prune(doc: &mut Html, nodes: &[NodeId], flags: Flags, scores: &NodeMap<f64>, title: &str) {
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
                && crate::title::is_title_repeat(&dom::norm_text(&n), title)
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
pub(super) fn is_form_wrapper(n: &NRef, t: &str, sub: &crate::subtree::Sub) -> bool {
    let p = sub.count("p");
    matches!(t, "form" | "fieldset")
        && p >= 3
        && sub.norm_len() >= 150 * p
        && dom::link_ratio(sub.text_links) < 0.1
        && !n.descendants().any(|d| matches!(dom::tag(&d), Some("input" | "select" | "textarea" | "button")))
}

/// A list of two items or more without a link or a control in it (a
/// recipe's ingredients, the steps of a method): the story's own list, not
/// navigation, so its tag's low score does not condemn it.
pub(super) fn is_plain_list(t: &str, sub: &crate::subtree::Sub) -> bool {
    matches!(t, "ul" | "ol") && sub.count("li") >= 2 && sub.text_links.1 == 0 && sub.count("input") == 0
}

/// Readability's "clean conditionally": drop blocks that look like link lists,
/// image galleries without text, forms, or class-flagged clutter.
/// Readability's conditional cleaning of one container, from its subtree's
/// numbers (`sub`); `data_tables` keeps [`is_data_table`]'s answer for each
/// table asked about.
pub(super) fn should_remove(
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
    if weight + score < 0.0 && !(weight >= 0.0 && (is_form_wrapper(n, t, sub) || is_plain_list(t, sub))) {
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
    // Pictures with a paragraph's worth of text each (the steps of a
    // method, each with its photo) are not a gallery without text.
    let told_along = img > 0.0 && len as f64 / img >= 100.0 && ld <= 0.5;
    (img > 1.0 && p / img < 0.5 && !in_figure && !told_along)
        || (!is_list && li > p)
        || (input > (p / 3.0).floor())
        || (!is_list && heading_density < 0.9 && len < 25 && (img == 0.0 || img > 2.0) && ld > 0.0)
        || (!is_list && weight < 25.0 && ld > 0.2)
        || (weight >= 25.0 && ld > 0.5)
        || (is_list && ld > 0.5 && len > 0)
}
