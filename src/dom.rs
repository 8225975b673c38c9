//! Small helpers over scraper's tree, shared by the stages.

use ego_tree::NodeRef;
use scraper::Node;

pub type NRef<'a> = NodeRef<'a, Node>;

pub fn tag<'a>(n: &NRef<'a>) -> Option<&'a str> {
    n.value().as_element().map(|e| e.name())
}

pub fn attr<'a>(n: &NRef<'a>, name: &str) -> Option<&'a str> {
    n.value().as_element().and_then(|e| get(e, name))
}

/// The element's attribute `name` (an HTML attribute, no namespace), as
/// scraper's `Element::attr` finds it, by a scan: `attr` makes an atom of the
/// name and binary-searches comparing atoms as strings, slower for the two
/// or three attributes an element has.
pub fn get<'a>(e: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    e.attrs
        .iter()
        .find(|(q, _)| q.prefix.is_none() && q.ns == markup5ever::ns!() && &*q.local == name)
        .map(|(_, v)| &**v)
}

/// Lower-cased "class id" string used for hint matching.
pub fn class_id(n: &NRef) -> String {
    let (c, i) = (attr(n, "class").unwrap_or(""), attr(n, "id").unwrap_or(""));
    if c.is_empty() && i.is_empty() {
        // Most elements: no string made.
        return String::new();
    }
    format!("{c} {i}").trim().to_ascii_lowercase()
}

/// Does `s`, ASCII-lower-cased, contain `lower`? (Without lower-casing `s`.)
pub fn contains_lower(s: &str, lower: &str) -> bool {
    let (s, p) = (s.as_bytes(), lower.as_bytes());
    p.is_empty() || s.windows(p.len()).any(|w| w.iter().zip(p).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "picture",
    "video",
    "audio",
    "iframe",
    "select",
    "textarea",
    "noscript",
    "object",
];

pub fn is_block(t: &str) -> bool {
    BLOCK_TAGS.contains(&t)
}

/// Has `n` a block child that counts (what is never content aside)?
pub fn has_block_child(n: &NRef) -> bool {
    n.children().any(|c| tag(&c).is_some_and(|t| is_block(t) && !never_content(t)))
}

/// Elements whose content is never article text. (A `match`, not a list
/// scanned: every walk over a page's text asks this of every element.)
pub fn never_content(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "link"
            | "meta"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "nav"
            | "dialog"
            | "base"
            | "head"
            | "title"
            | "audio"
            | "video"
            | "source"
            | "track"
            | "map"
            | "area"
            | "frame"
            | "frameset"
            | "applet"
    )
}

/// Is the element hidden by markup (not by stylesheet, which we cannot see natively)?
pub fn is_hidden(n: &NRef) -> bool {
    let Some(e) = n.value().as_element() else {
        return false;
    };
    // `data-lucid-hidden`: clutter the extension already hid on the live page.
    if get(e, "hidden").is_some()
        || get(e, "aria-hidden") == Some("true")
        || get(e, crate::declutter::HIDDEN_ATTR).is_some()
    {
        return true;
    }
    if get(e, "class").is_some_and(|c| crate::hints::matches(c, &crate::hints::hints().invisible)) {
        return true;
    }
    if let Some(style) = get(e, "style") {
        let s: String = style.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Visible text of a subtree, skipping elements that never hold content.
pub fn text_of(n: &NRef, out: &mut String) {
    for d in n.children() {
        match d.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if !never_content(e.name()) => {
                text_of(&d, out);
            }
            _ => {}
        }
    }
}

pub fn text(n: &NRef) -> String {
    let mut s = String::new();
    text_of(n, &mut s);
    s
}

/// Text with whitespace runs collapsed and trimmed.
pub fn norm_text(n: &NRef) -> String {
    collapse_ws(&text(n))
}

/// `norm_text(n).chars().count()`, without building the text (scoring asks
/// this of every paragraph and container; for an `<article>` it is the whole
/// story).
pub fn norm_len(n: &NRef) -> usize {
    norm_len_and_count(n, |_| false).0
}

/// The first `max` chars of `norm_text(n)`, without building the rest; a
/// `<br>` counts as the space it shows as ("Tags<br><a>…" reads "Tags …").
pub fn norm_prefix(n: &NRef, max: usize) -> String {
    fn walk(n: &NRef, out: &mut String, count: &mut usize, space: &mut bool, max: usize) {
        for d in n.children() {
            match d.value() {
                Node::Text(t) => {
                    for c in t.chars() {
                        if *count >= max {
                            return;
                        }
                        if c.is_whitespace() {
                            *space = *count > 0;
                        } else {
                            if std::mem::take(space) {
                                out.push(' ');
                                *count += 1;
                                if *count >= max {
                                    return;
                                }
                            }
                            out.push(c);
                            *count += 1;
                        }
                    }
                }
                Node::Element(e) if e.name() == "br" => *space = *count > 0,
                Node::Element(e) if !never_content(e.name()) => walk(&d, out, count, space, max),
                _ => {}
            }
        }
    }
    let mut out = String::new();
    walk(n, &mut out, &mut 0, &mut false, max);
    out
}

/// `norm_len(n)` when it is at most `cap`; otherwise some length over `cap`
/// (the walk stops there: asked of every container, about its whole subtree).
pub fn norm_len_upto(n: &NRef, cap: usize) -> usize {
    norm_walk(n, |_| false, cap).0
}

/// (`norm_len(n)`, how many chars of the text `pick`) in one walk.
pub fn norm_len_and_count(n: &NRef, pick: impl Fn(char) -> bool) -> (usize, usize) {
    norm_walk(n, pick, usize::MAX)
}

/// [`norm_len_and_count`], stopping once the length is over `cap`.
fn norm_walk(n: &NRef, pick: impl Fn(char) -> bool, cap: usize) -> (usize, usize) {
    // (non-space chars, words, inside a word, picked); false: over `cap`.
    fn walk(n: &NRef, st: &mut (usize, usize, bool, usize), pick: &impl Fn(char) -> bool, cap: usize) -> bool {
        for d in n.children() {
            match d.value() {
                Node::Text(t) => {
                    for c in t.chars() {
                        if c.is_whitespace() {
                            st.2 = false;
                        } else {
                            if !st.2 {
                                st.1 += 1;
                                st.2 = true;
                            }
                            st.0 += 1;
                            if !c.is_ascii_alphanumeric() && pick(c) {
                                st.3 += 1;
                            }
                        }
                    }
                    if st.0 + st.1.saturating_sub(1) > cap {
                        return false;
                    }
                }
                Node::Element(e) if !never_content(e.name()) && !walk(&d, st, pick, cap) => return false,
                _ => {}
            }
        }
        true
    }
    let mut st = (0, 0, false, 0);
    walk(n, &mut st, &pick, cap);
    (st.0 + st.1.saturating_sub(1), st.3)
}

/// The soft hyphen (U+00AD, `&shy;`): only where a word may break, not a
/// letter. The view keeps it; text, titles, Markdown and citations drop it
/// (a search for "Kandidatur" must find "Kan&shy;di&shy;da&shy;tur").
pub const SOFT_HYPHEN: char = '\u{ad}';

/// `s` with runs of whitespace (Unicode `White_Space`, as `split_whitespace`)
/// made one space and both ends trimmed.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for_each_word(s, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

/// Calls `f` with each word of `s`, exactly as `s.split_whitespace()` yields
/// them, a byte at a time where the text is ASCII (the core's hottest loop:
/// every text node is measured and collapsed several times).
pub fn for_each_word<'a>(s: &'a str, mut f: impl FnMut(&'a str)) {
    let b = s.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < b.len() {
        let (ws, len) = if b[i] < 0x80 {
            (matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        match (ws, start) {
            (true, Some(st)) => {
                f(&s[st..i]);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(st) = start {
        f(&s[st..]);
    }
}

/// The length in chars of `collapse_ws(s)` plus one (a separator per word):
/// what [`text_and_link_len`] counts, without building the string.
pub fn collapsed_len(s: &str) -> usize {
    let mut n = 0;
    for_each_word(s, |w| n += 1 + if w.is_ascii() { w.len() } else { w.chars().count() });
    n
}

/// (text length, text length inside links) of a subtree, in chars of collapsed text.
pub fn text_and_link_len(n: &NRef) -> (usize, usize) {
    text_and_link_len_memo(n, &mut LinkMemo::default(), &|_| false)
}

/// Results of [`text_and_link_len_memo`] kept for later calls.
pub type LinkMemo = NodeMap<(usize, usize)>;

/// [`text_and_link_len`] for many nodes of one tree: the result for every
/// node that `keep` names is kept in `memo` and reused by the calls for its
/// ancestors, so each text is measured once rather than once per ancestor
/// asked about (scoring asks about five levels of ancestors of every
/// paragraph).
pub fn text_and_link_len_memo(
    n: &NRef,
    memo: &mut LinkMemo,
    keep: &impl Fn(ego_tree::NodeId) -> bool,
) -> (usize, usize) {
    if let Some(&v) = memo.get(&n.id()) {
        return v;
    }
    let mut acc = (0, 0);
    for d in n.children() {
        match d.value() {
            Node::Text(t) => acc.0 += collapsed_len(t),
            Node::Element(e) if !never_content(e.name()) => {
                let (text, links) = text_and_link_len_memo(&d, memo, keep);
                // All text inside a link is link text.
                let link = e.name() == "a" && get(e, "href").is_some_and(|h| !h.starts_with('#'));
                acc.0 += text;
                acc.1 += if link { text } else { links };
            }
            _ => {}
        }
    }
    if keep(n.id()) {
        memo.insert(n.id(), acc);
    }
    acc
}

pub fn link_density(n: &NRef) -> f64 {
    link_ratio(text_and_link_len(n))
}

/// Link text over all text, from [`text_and_link_len`]'s (text, link) counts.
pub fn link_ratio((text, links): (usize, usize)) -> f64 {
    if text == 0 {
        0.0
    } else {
        links as f64 / text as f64
    }
}

/// `s` without `prefix`, compared ASCII-case-insensitively (never splits a char).
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// All text below a node, including what `text` skips (for `<noscript>` markup).
pub fn text_raw(n: &NRef) -> String {
    n.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect()
}

/// FxHash (as in rustc) for maps keyed by our own data: the lexicon's word
/// lists and node ids (the tree's own numbering, not text from the page). A
/// page cannot choose such keys, so they need no SipHash against collision
/// flooding, and scoring asks the node-keyed maps about every element of the
/// candidates. Never key a map of page strings with it.
#[derive(Default, Clone, Copy)]
pub struct Fx;

impl std::hash::BuildHasher for Fx {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.add(b as u64);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        // The product's well-mixed high bits down to where the table takes
        // its bucket index (ids a fixed stride apart would share low bits).
        self.0.rotate_left(26)
    }
}

impl FxHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by node, hashed with [`Fx`].
pub type NodeMap<V> = std::collections::HashMap<ego_tree::NodeId, V, Fx>;

/// A character of Chinese, Japanese or Korean writing (kana, CJK ideographs,
/// Hangul, halfwidth katakana): text written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xff66..=0xff9f)
}

/// A comma in any script (Latin, fullwidth, ideographic, Arabic, small):
/// a sign of prose for the content scores.
pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '،' | '﹐')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fx_spreads_ids_a_power_of_two_apart() {
        use std::hash::{BuildHasher, Hasher};
        // A table of 1024 buckets indexes by the low 10 bits: ids 1024 apart
        // (a page built to put candidates at such a stride) must not share them.
        let low = |n: usize| {
            let mut h = Fx.build_hasher();
            h.write_usize(n);
            h.finish() & 1023
        };
        let buckets: std::collections::HashSet<u64> = (1..=64).map(|k| low(k * 1024)).collect();
        assert!(buckets.len() >= 60, "{} buckets of 64", buckets.len());
    }

    #[test]
    fn words_as_split_whitespace() {
        let cases = [
            "",
            "   ",
            "one",
            "  two  words ",
            "tab\tnew\nline\r\x0b\x0cff",
            "nbsp\u{a0}and\u{2009}thin\u{3000}ideographic\u{85}nel",
            "naïve café — 東京\u{200b}zero-width (not space)",
            "\u{1680}ogham\u{202f}narrow\u{205f}math\u{2028}line\u{2029}para",
        ];
        for s in cases {
            let mut words = Vec::new();
            for_each_word(s, |w| words.push(w));
            assert_eq!(words, s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
            assert_eq!(collapse_ws(s), s.split_whitespace().collect::<Vec<_>>().join(" "));
            assert_eq!(collapsed_len(s), s.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>());
        }
    }

    #[test]
    fn contains_lower_is_contains_on_the_lower_cased_text() {
        for (s, p) in [
            ("Story PullQuote", "pullquote"),
            ("pull-quote", "pull-quote"),
            ("pull", "pullquote"),
            ("ÄPULL-Q", "pull-q"),
            ("x", ""),
        ] {
            assert_eq!(contains_lower(s, p), s.to_ascii_lowercase().contains(p), "{s} {p}");
        }
    }

    #[test]
    fn norm_len_is_the_length_of_norm_text() {
        let doc = scraper::Html::parse_document(
            "<div id=x> Two<b>words</b> joined \u{a0} <i> across</i>nodes <script>skipped()</script>héllo  </div><div id=y> </div>",
        );
        for id in ["#x", "#y"] {
            let sel = scraper::Selector::parse(id).unwrap();
            let n = doc.select(&sel).next().unwrap();
            let n = doc.tree.get(n.id()).unwrap();
            assert_eq!(norm_len(&n), norm_text(&n).chars().count(), "{id}");
            for cap in 0..norm_len(&n) + 2 {
                let got = norm_len_upto(&n, cap);
                assert!(if norm_len(&n) <= cap { got == norm_len(&n) } else { got > cap }, "{id} {cap}: {got}");
            }
            let all: Vec<char> = norm_text(&n).chars().collect();
            for k in 0..all.len() + 2 {
                let want: String = all.iter().take(k).collect();
                assert_eq!(norm_prefix(&n, k), want, "{id} {k}");
            }
        }
    }
}
