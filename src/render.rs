//! Stage 7: render. Builds a *clean tree* from the chosen content with an
//! allow-list (elements, attributes, URL schemes), wraps loose text into
//! paragraphs (`<br><br>` splits them), and writes that tree as sanitised
//! HTML, plain text and Markdown. Page markup is never copied as a string:
//! every text node and attribute value is escaped on output.

use crate::dom::{self, NRef};
use crate::url;

mod math;
use ego_tree::NodeId;
use scraper::{Html, Node, StrTendril};

/// A node of the clean tree. Texts are tendrils: those taken from the page
/// share its buffer (see `parse::read_serialized_shared`) and marking facts
/// cuts them into slices of it, instead of copying the article's text again.
#[derive(Debug, Clone, PartialEq)]
pub enum RNode {
    /// Its vectors are boxed slices, of exactly their length and a word
    /// smaller than a vector: a node takes 24 bytes instead of 32 in wasm (a
    /// long article's tree is millions of them).
    El {
        tag: &'static str,
        attrs: Box<[(&'static str, String)]>,
        children: Box<[RNode]>,
    },
    Text(StrTendril),
    /// A fact marked in the text: `<mark class="{class}">{text}</mark>`,
    /// without the two vectors and the class string an element would take
    /// (a long article has a fact every few words).
    Mark {
        class: &'static str,
        text: StrTendril,
    },
}

/// Compact JSON for the browser: a text node is a string, an element is
/// `[tag, {attr: value}, ...children]`.
impl serde::Serialize for RNode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            RNode::Text(t) => s.serialize_str(t),
            RNode::El { tag, attrs, children } => {
                let mut seq = element_start(s, tag, attrs, Some(children.len()))?;
                for c in children {
                    seq.serialize_element(c)?;
                }
                seq.end()
            }
            RNode::Mark { class, text } => {
                let mut seq = s.serialize_seq(Some(3))?;
                seq.serialize_element("mark")?;
                seq.serialize_element(&std::collections::BTreeMap::from([("class", *class)]))?;
                seq.serialize_element(&**text)?;
                seq.end()
            }
        }
    }
}

/// An element's JSON up to its children: `[tag, {attr: value}, ...`.
fn element_start<S: serde::Serializer>(
    s: S,
    tag: &str,
    attrs: &[(&'static str, String)],
    children: Option<usize>,
) -> Result<S::SerializeSeq, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(children.map(|n| 2 + n))?;
    seq.serialize_element(tag)?;
    let map: std::collections::BTreeMap<&str, &str> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    seq.serialize_element(&map)?;
    Ok(seq)
}

/// A clean tree written as JSON (as [`RNode`]s are) with the facts marked in
/// it exactly as [`mark_facts`] marks them, text node by text node as it is
/// written: the marked tree is never held. (A long article has a fact every
/// few words: marking the tree in place took the memory of another tree, 43
/// of a 50 MB page's MB.) Both passes of `mark_facts` visit the text nodes
/// in reading order, each with its own cursor, so running them one after the
/// other on each text node gives what running them one after the other on
/// the whole tree gives.
pub struct Marked<'a> {
    tree: &'a [RNode],
    passes: [Vec<&'a crate::facts::Fact>; 2],
    next: std::cell::Cell<[usize; 2]>,
}

impl<'a> Marked<'a> {
    pub fn new(tree: &'a [RNode], facts: &'a [crate::facts::Fact]) -> Self {
        Marked { tree, passes: mark_passes(facts), next: Default::default() }
    }

    /// The nodes `node` becomes once marked, each written to `seq`.
    fn write<Q: serde::ser::SerializeSeq>(&self, node: &RNode, seq: &mut Q) -> Result<(), Q::Error> {
        match node {
            RNode::El { tag, .. } if !matches!(*tag, "pre" | "code") => seq.serialize_element(&MarkedEl(self, node)),
            RNode::El { .. } => seq.serialize_element(node),
            RNode::Text(_) | RNode::Mark { .. } => {
                let mut pieces = vec![node.clone()];
                let mut next = self.next.get();
                for (pass, next) in self.passes.iter().zip(next.iter_mut()) {
                    mark_pass(&mut pieces, pass, next);
                }
                self.next.set(next);
                pieces.iter().try_for_each(|p| seq.serialize_element(p))
            }
        }
    }
}

impl serde::Serialize for Marked<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for n in self.tree {
            self.write(n, &mut seq)?;
        }
        seq.end()
    }
}

/// An element of a [`Marked`] tree (never `pre` or `code`: nothing is marked there).
struct MarkedEl<'m, 'a>(&'m Marked<'a>, &'m RNode);

impl serde::Serialize for MarkedEl<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let RNode::El { tag, attrs, children } = self.1 else { return self.1.serialize(s) };
        let mut seq = element_start(s, tag, attrs, None)?;
        for c in children {
            self.0.write(c, &mut seq)?;
        }
        seq.end()
    }
}

enum Piece {
    Node(RNode),
    Break,
}

pub struct Rendered {
    /// "By …" line found at the top of the body (removed from the body).
    pub byline: Option<String>,
    /// Date of a dateline ("Baghdad (AFP) Jan 25, 2024") at the top of the body (removed).
    pub dateline: Option<String>,
    /// The clean tree the outputs are written from (facts are marked in it later).
    pub tree: Vec<RNode>,
}

/// A clean tree's plain text ([`plain_text`]).
pub struct PlainText {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The first paragraph of over 40 chars (the excerpt when the page has none).
    pub first_paragraph: Option<String>,
}

/// Kept as they are (with their children).
const INLINE_KEEP: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
    "strong", "sub", "sup", "time", "u", "var", "ruby", "rb", "rt", "rp",
];

/// Ruby annotations (`<rt>`) and their fallback parentheses (`<rp>`): shown
/// over the base text in the reader view, left out of the plain text, the
/// Markdown and the key facts (the base text alone, `漢字`, not `漢字(かんじ)`).
fn is_annotation(tag: &str) -> bool {
    matches!(tag, "rt" | "rp")
}
/// Blocks whose content is inline (never wrapped in `<p>`).
const BLOCK_INLINE: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figcaption", "dt", "caption"];
/// Blocks whose content is flow (loose text wrapped in `<p>` if blocks are mixed in).
const BLOCK_FLOW: &[&str] = &["blockquote", "li", "dd", "td", "th", "figure"];
/// Blocks that only hold specific children.
const BLOCK_STRUCT: &[&str] = &["ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"];

fn intern(t: &str) -> Option<&'static str> {
    INLINE_KEEP
        .iter()
        .chain(BLOCK_INLINE)
        .chain(BLOCK_FLOW)
        .chain(BLOCK_STRUCT)
        .chain(&["br", "hr", "img"])
        .find(|k| **k == t)
        .copied()
}

fn is_block_rnode(n: &RNode) -> bool {
    matches!(n, RNode::El { tag, .. } if !INLINE_KEEP.contains(tag) && !matches!(*tag, "br" | "img" | "math"))
}

fn digits(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty() && v.len() < 6 && v.chars().all(|c| c.is_ascii_digit())).then(|| v.to_string())
}

/// The real image URL, looking through lazy-loading attributes.
fn image_src(n: &NRef, base: &str) -> Option<String> {
    let placeholder = |s: &str| s.is_empty() || s.starts_with("data:") && s.len() < 200;
    let src = dom::attr(n, "src").unwrap_or("");
    let mut candidates: Vec<&str> = Vec::new();
    if !placeholder(src) {
        candidates.push(src);
    }
    for a in ["data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src", "data-lazy"] {
        if let Some(v) = dom::attr(n, a) {
            candidates.push(v);
        }
    }
    let srcset = dom::attr(n, "srcset").or(dom::attr(n, "data-srcset")).unwrap_or("");
    // The last srcset candidate is usually the largest.
    let from_set = srcset.split(',').filter_map(|c| c.split_whitespace().next()).next_back();
    candidates.extend(from_set);
    candidates.into_iter().find_map(|c| url::safe_url(base, c, true))
}

struct Builder<'a> {
    base: &'a str,
    signals: crate::types::Signals,
    /// Image URLs already emitted (a lazy image and its <noscript> twin show once).
    seen_images: std::cell::RefCell<std::collections::HashSet<String>>,
    /// Layout-or-data decisions per table: every part of a layout table asks
    /// about its table, and the test walks the whole table.
    layout_tables: std::cell::RefCell<crate::dom::NodeMap<bool>>,
}

/// Elements whose content is never text but that stand for something worth a
/// link in the reader view (a video, an embedded post).
const EMBEDS: &[&str] = &["iframe", "embed", "object", "video", "audio"];

impl Builder<'_> {
    fn children(&self, n: &NRef) -> Vec<Piece> {
        // Sized once (grown by doubling, a long article's list of pieces held
        // its old and new buffers at once): about two pieces per element
        // (itself, and the boundary after a block: the one before is shared
        // with the block before), one per text but for whitespace between
        // blocks, which is dropped (whitespace between inline elements takes
        // the second place of the element before it), a boundary first, and
        // a sixteenth more (a block after a figure brings its own boundary).
        let room: usize = n
            .children()
            .map(|c| match c.value() {
                Node::Element(_) => 2,
                Node::Text(t) if !is_blank(t) => 1,
                _ => 0,
            })
            .sum();
        let mut out = Vec::with_capacity(room + room / 16 + 1);
        for c in n.children() {
            self.node(&c, &mut out);
        }
        out
    }

    fn node(&self, n: &NRef, out: &mut Vec<Piece>) {
        match n.value() {
            // Whitespace right after a block boundary: `flow` drops it.
            Node::Text(t) if matches!(out.last(), Some(Piece::Break)) && is_blank(t) => {}
            Node::Text(t) => out.push(Piece::Node(RNode::Text(t.text.clone()))),
            Node::Element(e) => {
                let t = e.name();
                if dom::is_hidden(n) {
                    return;
                }
                if t == "noscript" {
                    // Lazy-loading pages put the real <img> in <noscript>: its
                    // markup is text to the parser, so read it (leniently: only
                    // its images are wanted).
                    let fragment = crate::parse::read_serialized(&dom::text_raw(n));
                    for img in fragment.tree.root().descendants().filter(|d| dom::tag(d) == Some("img")) {
                        self.node(&img, out);
                    }
                    return;
                }
                if EMBEDS.contains(&t) {
                    if let Some(link) = embed_link(n, self.base) {
                        push_break(out);
                        out.push(Piece::Node(link));
                        push_break(out);
                    }
                    return;
                }
                if t == "math" {
                    out.extend(math::formula(n).map(Piece::Node));
                    return;
                }
                if dom::never_content(t) {
                    return;
                }
                if self.signals.captions && is_loose_caption(n) {
                    // An image caption or credit outside <figure>: shown as one,
                    // and like every caption kept out of the plain text.
                    let kids = inline_only(self.children(n));
                    if has_content(&kids) {
                        out.push(Piece::Node(el("figure", vec![], vec![el("figcaption", vec![], kids)])));
                    }
                    return;
                }
                match t {
                    "br" | "hr" => out.push(Piece::Node(el(intern(t).unwrap_or("br"), vec![], vec![]))),
                    "img" => {
                        if let Some(src) = image_src(n, self.base) {
                            if !self.seen_images.borrow_mut().insert(src.clone()) {
                                return;
                            }
                            let w = dom::get(e, "width").and_then(digits);
                            let h = dom::get(e, "height").and_then(digits);
                            if w.as_deref() == Some("1") || h.as_deref() == Some("1") {
                                return;
                            }
                            let mut attrs = vec![("src", src)];
                            attrs.push(("alt", dom::get(e, "alt").unwrap_or("").to_string()));
                            if let Some(title) = dom::get(e, "title") {
                                attrs.push(("title", title.to_string()));
                            }
                            out.push(Piece::Node(el("img", attrs, vec![])));
                        }
                    }
                    "picture" => {
                        if let Some(img) = n.descendants().find(|d| dom::tag(d) == Some("img")) {
                            self.node(&img, out);
                        }
                    }
                    "a" => {
                        let kids = inline_only(self.children(n));
                        match dom::get(e, "href")
                            .filter(|h| !h.trim_start().starts_with('#'))
                            .and_then(|h| url::safe_url(self.base, h, false))
                        {
                            Some(href) => out.push(Piece::Node(el("a", vec![("href", href)], kids))),
                            None => out.extend(kids.into_iter().map(Piece::Node)),
                        }
                    }
                    // A caption that is only a photo credit ("Foto: Archiv").
                    "figcaption" if is_credit_line(n) => {}
                    "table" if !self.is_layout_table(n) => out.push(Piece::Node(self.structured(n, "table"))),
                    "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" if self.is_layout_context(n) => {
                        push_break(out);
                        extend_pieces(out, self.children(n));
                        push_break(out);
                    }
                    _ => {
                        if let Some(tag) = intern(t) {
                            if INLINE_KEEP.contains(&tag) {
                                let mut attrs = vec![];
                                if tag == "time" {
                                    attrs.extend(dom::get(e, "datetime").map(|d| ("datetime", d.to_string())));
                                }
                                if tag == "abbr" {
                                    attrs.extend(dom::get(e, "title").map(|d| ("title", d.to_string())));
                                }
                                let tag = match tag {
                                    "b" => "strong",
                                    "i" => "em",
                                    other => other,
                                };
                                out.push(Piece::Node(el(tag, attrs, inline_only(self.children(n)))));
                            } else if BLOCK_INLINE.contains(&tag) {
                                let tag = if tag == "h1" { "h2" } else { tag };
                                let pieces = self.children(n);
                                push_break(out);
                                if tag == "p"
                                    && pieces.iter().any(|p| matches!(p, Piece::Node(RNode::El { tag: "figure", .. })))
                                {
                                    // A figure or embed inside a paragraph splits it (a <p>
                                    // cannot hold blocks; a browser would split it too).
                                    for p in pieces {
                                        match p {
                                            Piece::Node(r)
                                                if is_block_rnode(&r)
                                                    && !matches!(r, RNode::El { tag: "figure", .. }) =>
                                            {
                                                out.extend(
                                                    inline_only(vec![Piece::Node(r)]).into_iter().map(Piece::Node),
                                                )
                                            }
                                            other => out.push(other),
                                        }
                                    }
                                } else {
                                    out.push(Piece::Node(el(tag, vec![], inline_only(pieces))));
                                }
                                push_break(out);
                            } else if BLOCK_FLOW.contains(&tag) {
                                let mut attrs = vec![];
                                if matches!(tag, "td" | "th") {
                                    attrs.extend(dom::get(e, "colspan").and_then(digits).map(|v| ("colspan", v)));
                                    attrs.extend(dom::get(e, "rowspan").and_then(digits).map(|v| ("rowspan", v)));
                                }
                                let pieces = self.children(n);
                                let has_block = pieces.iter().any(|p| matches!(p, Piece::Node(r) if is_block_rnode(r)));
                                let kids = if tag == "figure" {
                                    // Images stay bare in a figure; only captions are blocks.
                                    pieces
                                        .into_iter()
                                        .filter_map(|p| match p {
                                            Piece::Node(RNode::Text(t)) if t.trim().is_empty() => None,
                                            Piece::Node(n) => Some(n),
                                            Piece::Break => None,
                                        })
                                        .collect()
                                } else if has_block {
                                    flow(pieces)
                                } else {
                                    inline_only(pieces)
                                };
                                out.push(Piece::Node(el(tag, attrs, kids)));
                            } else {
                                out.push(Piece::Node(self.structured(n, tag)));
                            }
                        } else if n.children().any(|c| dom::tag(&c).is_some_and(dom::is_block)) || dom::is_block(t) {
                            push_break(out);
                            extend_pieces(out, self.children(n));
                            push_break(out);
                        } else {
                            extend_pieces(out, self.children(n));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Lists, tables and their parts keep only element children.
    fn structured(&self, n: &NRef, tag: &'static str) -> RNode {
        let mut attrs = vec![];
        if tag == "ol" {
            attrs.extend(dom::attr(n, "start").and_then(digits).map(|v| ("start", v)));
        }
        let allowed: &[&str] = match tag {
            "ul" | "ol" => &["li"],
            "dl" => &["dt", "dd"],
            "table" => &["caption", "thead", "tbody", "tfoot", "tr"],
            "thead" | "tbody" | "tfoot" => &["tr"],
            "tr" => &["td", "th"],
            _ => &[],
        };
        let mut kids = Vec::new();
        for p in self.children(n) {
            match p {
                Piece::Node(RNode::El { tag: t, attrs, children }) if allowed.contains(&t) => {
                    kids.push(RNode::El { tag: t, attrs, children })
                }
                // Rows directly in a table get their implied tbody.
                Piece::Node(r @ RNode::El { tag: "li", .. }) if tag == "ol" || tag == "ul" => kids.push(r),
                Piece::Node(RNode::El { tag: "tr", attrs, children }) if tag == "table" => {
                    kids.push(el("tbody", vec![], vec![RNode::El { tag: "tr", attrs, children }]))
                }
                Piece::Node(RNode::Text(t)) if !t.trim().is_empty() && matches!(tag, "ul" | "ol") => {
                    kids.push(el("li", vec![], vec![RNode::Text(t)]))
                }
                Piece::Node(other @ RNode::El { .. }) if matches!(tag, "ul" | "ol") => {
                    kids.push(el("li", vec![], vec![other]))
                }
                _ => {}
            }
        }
        el(tag, attrs, kids)
    }
}

/// A paragraph linking to an embedded video or post (the embed itself never runs).
fn embed_link(n: &NRef, base: &str) -> Option<RNode> {
    let t = dom::tag(n)?;
    let raw = dom::attr(n, "src")
        .or(dom::attr(n, "data-src"))
        .or(dom::attr(n, "data"))
        .or_else(|| n.descendants().find(|d| dom::tag(d) == Some("source")).and_then(|s| dom::attr(&s, "src")))?;
    let href = url::safe_url(base, raw, false).filter(|u| u.starts_with("http"))?;
    let host = crate::url::host(&href)?;
    let host = host.trim_start_matches("www.").to_string();
    let kind = match t {
        "video" => "Video",
        "audio" => "Audio",
        _ if ["youtube", "youtu.be", "vimeo", "dailymotion", "video"].iter().any(|v| host.contains(v)) => "Video",
        _ => "Embedded content",
    };
    let title = dom::attr(n, "title").map(dom::collapse_ws).filter(|t| !t.is_empty());
    let label = match title {
        Some(title) => format!("{kind}: {title} ({host})"),
        None => format!("{kind} ({host})"),
    };
    // A figure: like images, embeds are shown but are not part of the plain text.
    Some(el("figure", vec![], vec![el("a", vec![("href", href)], vec![RNode::Text(label.into())])]))
}

fn is_credit_line(n: &NRef) -> bool {
    is_credit_text(&dom::norm_text(n))
}

/// A photo credit line ("Foto: Archiv", "Photo: Ann Lee"): short, and
/// opening with a credit prefix of `data/boilerplate.json`.
fn is_credit_text(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() < 150 && crate::hints::hints().short_prefixes.prefixes(&text.to_lowercase())
}

fn is_loose_caption(n: &NRef) -> bool {
    let Some(t) = dom::tag(n) else { return false };
    !matches!(t, "figure" | "figcaption" | "img" | "picture" | "table" | "caption")
        && dom::attr(n, "class").is_some_and(|c| crate::hints::matches(c, &crate::hints::hints().captions))
        && !n.ancestors().any(|a| matches!(dom::tag(&a), Some("figure" | "figcaption")))
        && dom::norm_len(n) < 400
}

/// An element, its vectors made boxed slices of their length (built by
/// pushing, an element with one child held room for four).
fn el(tag: &'static str, attrs: Vec<(&'static str, String)>, children: Vec<RNode>) -> RNode {
    RNode::El { tag, attrs: attrs.into_boxed_slice(), children: children.into_boxed_slice() }
}

fn is_layout_table(n: &NRef) -> bool {
    if dom::attr(n, "role") == Some("presentation") {
        return true;
    }
    let nested = n.descendants().skip(1).any(|d| dom::tag(&d) == Some("table"));
    let has_header = n.descendants().any(|d| dom::tag(&d).is_some_and(|t| matches!(t, "th" | "thead" | "caption")));
    let block_cells = n.descendants().any(|d| {
        dom::tag(&d).is_some_and(|t| matches!(t, "td" | "th"))
            && d.descendants()
                .any(|x| dom::tag(&x).is_some_and(|t| matches!(t, "p" | "div" | "h1" | "h2" | "h3" | "ul" | "ol")))
    });
    let long_cell = n.descendants().any(|d| dom::tag(&d) == Some("td") && dom::norm_text(&d).len() > 400);
    nested || long_cell || (block_cells && !has_header)
}

impl Builder<'_> {
    fn is_layout_table(&self, t: &NRef) -> bool {
        if let Some(&known) = self.layout_tables.borrow().get(&t.id()) {
            return known;
        }
        let answer = is_layout_table(t);
        self.layout_tables.borrow_mut().insert(t.id(), answer);
        answer
    }

    /// Is this table part inside a layout table (up to the nearest table)?
    fn is_layout_context(&self, n: &NRef) -> bool {
        let table =
            if dom::tag(n) == Some("table") { Some(*n) } else { n.ancestors().find(|a| dom::tag(a) == Some("table")) };
        table.is_none_or(|t| self.is_layout_table(&t))
    }
}

/// A block boundary. A run of them is one boundary to `flow`: kept once, and
/// without the whitespace between blocks, they no longer take most of a long
/// article's list of pieces (the largest vector while rendering).
fn push_break(out: &mut Vec<Piece>) {
    if !matches!(out.last(), Some(Piece::Break)) {
        out.push(Piece::Break);
    }
}

/// Only HTML whitespace (not U+00A0, which is text to keep).
fn is_blank(t: &str) -> bool {
    t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c))
}

/// `more` after `out`, block boundaries kept once where the two meet.
fn extend_pieces(out: &mut Vec<Piece>, more: Vec<Piece>) {
    // Taken over instead of copied when that gives the same pieces (`out`
    // holds at most the boundary `more` starts with, and no whitespace
    // follows it there): containers hand a long article's pieces up level by
    // level, and each copy was as large as the article's list.
    let skipped = |p: Option<&Piece>| {
        matches!(p, Some(Piece::Break)) || matches!(p, Some(Piece::Node(RNode::Text(t))) if is_blank(t))
    };
    let shared_break = matches!(out[..], [Piece::Break]) && matches!(more.first(), Some(Piece::Break));
    if out.is_empty() || shared_break && !skipped(more.get(1)) {
        *out = more;
        return;
    }
    let mut more = more.into_iter().peekable();
    if matches!(out.last(), Some(Piece::Break)) {
        while more.next_if(|p| skipped(Some(p))).is_some() {}
    }
    out.extend(more);
}

fn inline_only(pieces: Vec<Piece>) -> Vec<RNode> {
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        match p {
            Piece::Node(RNode::El { tag, children, .. }) if is_block_rnode(&el(tag, vec![], vec![])) && tag != "hr" => {
                out.push(RNode::Text(" ".into()));
                out.extend(children);
                out.push(RNode::Text(" ".into()));
            }
            Piece::Node(RNode::El { tag: "hr", .. }) => {}
            Piece::Node(r) => out.push(r),
            Piece::Break => out.push(RNode::Text(" ".into())),
        }
    }
    out
}

/// The page's own picture of the article (see [`crate::metadata::Metadata::image`])
/// as a figure at the top of an article that shows no image: the picture a
/// reader saw above the story or in the link that brought them. An article
/// with any image of its own is left as it is (its picture may be the same
/// one at another size or crop, under another name).
pub fn with_lead_image(tree: &mut Vec<RNode>, src: &str, alt: Option<&str>) {
    fn has_image(run: &[RNode]) -> bool {
        run.iter().any(|r| match r {
            RNode::El { tag: "img", .. } => true,
            RNode::El { children, .. } => has_image(children),
            _ => false,
        })
    }
    if has_image(tree) {
        return;
    }
    let img = el("img", vec![("src", src.to_string()), ("alt", alt.unwrap_or("").to_string())], vec![]);
    tree.insert(0, el("figure", vec![], vec![img]));
}

fn has_content(run: &[RNode]) -> bool {
    run.iter().any(|r| match r {
        RNode::Text(t) | RNode::Mark { text: t, .. } => !t.trim().is_empty(),
        RNode::El { tag: "br", .. } => false,
        RNode::El { tag: "img", .. } => true,
        RNode::El { children, .. } => has_content(children),
    })
}

/// Group loose inline nodes into paragraphs; `<br><br>` and block boundaries split them.
fn flow(mut pieces: Vec<Piece>) -> Vec<RNode> {
    // The nodes are written over the pieces as they are read: a node out
    // takes at least one piece in (a paragraph its run's, a block itself),
    // so the place written has always been read. A long article's nodes then
    // need no second list beside its pieces (which took memory that was not
    // there on a 50 MB page).
    fn put(pieces: &mut [Piece], written: &mut usize, node: RNode) {
        pieces[*written] = Piece::Node(node);
        *written += 1;
    }
    let mut written = 0;
    let mut run: Vec<RNode> = Vec::new();
    let flush = |run: &mut Vec<RNode>, pieces: &mut [Piece], written: &mut usize| {
        while matches!(run.last(), Some(RNode::El { tag: "br", .. }))
            || matches!(run.last(), Some(RNode::Text(t)) if t.trim().is_empty())
        {
            run.pop();
        }
        let lead = run
            .iter()
            .take_while(|r| {
                matches!(r, RNode::El { tag: "br", .. }) || matches!(r, RNode::Text(t) if t.trim().is_empty())
            })
            .count();
        run.drain(..lead);
        if let Some(RNode::Text(t)) = run.first_mut() {
            t.pop_front((t.len() - t.trim_start().len()) as u32);
        }
        if let Some(RNode::Text(t)) = run.last_mut() {
            t.pop_back((t.len() - t.trim_end().len()) as u32);
        }
        if has_content(run) {
            put(pieces, written, el("p", vec![], std::mem::take(run)));
        }
        run.clear();
    };
    for i in 0..pieces.len() {
        match std::mem::replace(&mut pieces[i], Piece::Break) {
            Piece::Break => flush(&mut run, &mut pieces, &mut written),
            Piece::Node(RNode::El { tag: "br", .. }) => {
                let prev_br = run
                    .iter()
                    .rev()
                    .find(|r| !matches!(r, RNode::Text(t) if t.trim().is_empty()))
                    .is_some_and(|r| matches!(r, RNode::El { tag: "br", .. }));
                if prev_br || !has_content(&run) {
                    flush(&mut run, &mut pieces, &mut written);
                } else {
                    run.push(el("br", vec![], vec![]));
                }
            }
            Piece::Node(r) if is_block_rnode(&r) => {
                flush(&mut run, &mut pieces, &mut written);
                put(&mut pieces, &mut written, r);
            }
            Piece::Node(r) => run.push(r),
        }
    }
    flush(&mut run, &mut pieces, &mut written);
    pieces.truncate(written);
    // (Collected in place: a piece and a node are the same size.)
    pieces.into_iter().filter_map(|p| if let Piece::Node(n) = p { Some(n) } else { None }).collect()
}

/// Render the chosen nodes of `doc`.
pub fn render(doc: &Html, nodes: &[NodeId], base: &str, title: &str, signals: crate::types::Signals) -> Rendered {
    let b = Builder { base, signals, seen_images: Default::default(), layout_tables: Default::default() };
    let mut pieces = Vec::new();
    for &id in nodes {
        if let Some(n) = doc.tree.get(id) {
            push_break(&mut pieces);
            b.node(&n, &mut pieces);
            push_break(&mut pieces);
        }
    }
    let mut tree = prune_empty(flow(pieces));
    join_loose_captions(&mut tree);
    let (byline, dateline) = if signals.lead_meta { take_lead_meta(&mut tree, title) } else { (None, None) };
    if signals.tail_trim {
        trim_link_ends(&mut tree);
    }
    if signals.end_notes {
        trim_end_notes(&mut tree);
    }
    // The room the list grew into given back (an element's children are
    // boxed slices of exactly their length already). Shrinking reallocates in place.
    tree.shrink_to_fit();
    Rendered { byline, dateline, tree }
}

/// Attribute names a clean tree holds (everything else is dropped on render).
const ATTR_NAMES: &[&str] =
    &["href", "src", "alt", "title", "datetime", "colspan", "rowspan", "start", "class", "width", "height"];

/// How deep a tree handed back by the browser may nest: deeper than
/// rendering ever nests (the page was cut at `parse::MAX_DEPTH`), shallow
/// enough for the stack (a test thread's 2 MB in a debug build, wasm's 1 MB).
const MAX_HELD_DEPTH: usize = 2 * crate::parse::MAX_DEPTH;

/// Reads the tree back from its compact JSON (`[tag, {attr: value},
/// ...children]` or a string): for [`copy_document`]. Tags and attribute
/// names outside the allow-list are dropped (an unknown element's children
/// are kept), so nothing is written that rendering would not write.
struct HeldNodes(usize);

impl<'de> serde::de::DeserializeSeed<'de> for HeldNodes {
    type Value = Vec<RNode>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<RNode>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for HeldNodes {
    type Value = Vec<RNode>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text or [tag, {attributes}, ...children]")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<RNode>, E> {
        Ok(vec![RNode::Text(v.into())])
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RNode>, A::Error> {
        use serde::de::Error;
        if self.0 > MAX_HELD_DEPTH {
            return Err(A::Error::custom("the article tree is nested too deeply"));
        }
        let tag: String = seq.next_element()?.ok_or_else(|| A::Error::custom("an element without a tag"))?;
        let attrs: std::collections::BTreeMap<String, String> = seq.next_element()?.unwrap_or_default();
        let mut children = Vec::new();
        while let Some(mut c) = seq.next_element_seed(HeldNodes(self.0 + 1))? {
            children.append(&mut c);
        }
        Ok(match intern(&tag).or_else(|| math::intern(&tag)) {
            Some(tag) => {
                let attrs = attrs
                    .into_iter()
                    .filter_map(|(k, v)| {
                        ATTR_NAMES.iter().find(|a| **a == k).copied().or_else(|| math::attr_name(&k)).map(|a| (a, v))
                    })
                    .collect();
                vec![RNode::El { tag, attrs, children: children.into_boxed_slice() }]
            }
            None => children,
        })
    }
}

fn held_nodes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<RNode>, D::Error> {
    struct List;
    impl<'de> serde::de::Visitor<'de> for List {
        type Value = Vec<RNode>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of nodes")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RNode>, A::Error> {
            let mut out = Vec::new();
            while let Some(mut n) = seq.next_element_seed(HeldNodes(1))? {
                out.append(&mut n);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(List)
}

/// What the browser holds of an article (the JSON `extract` gave it).
#[derive(serde::Deserialize)]
struct Held {
    title: String,
    #[serde(default)]
    authors: Vec<String>,
    published: Option<String>,
    site_name: Option<String>,
    #[serde(default)]
    url: String,
    #[serde(default)]
    text: String,
    #[serde(default, deserialize_with = "held_nodes")]
    nodes: Vec<RNode>,
    /// The key sentences and the panel, with the panel's headings in the
    /// reader's language.
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    panel: crate::facts::panel::Panel,
    #[serde(default)]
    labels: Option<crate::facts::panel::Labels>,
}

/// The text and the tree of an article the browser holds (the JSON `extract`
/// gave it), the tree without its facts' marks: for marking its facts anew
/// (the names of a language's model, found after the view has painted).
pub fn held_text_and_tree(article_json: &str) -> Result<(String, Vec<RNode>), String> {
    #[derive(serde::Deserialize)]
    struct TextAndTree {
        #[serde(default)]
        text: String,
        #[serde(default, deserialize_with = "held_nodes")]
        nodes: Vec<RNode>,
    }
    let mut de = serde_json::Deserializer::from_str(article_json);
    de.disable_recursion_limit();
    let held: TextAndTree = serde::Deserialize::deserialize(&mut de).map_err(|e| format!("bad article: {e}"))?;
    de.end().map_err(|e| format!("bad article: {e}"))?;
    Ok((held.text, unmark(held.nodes)))
}

/// A tree without the `<mark class="fact …">` of its facts: their text in
/// their place, joined to the text around it.
fn unmark(nodes: Vec<RNode>) -> Vec<RNode> {
    let mut out: Vec<RNode> = Vec::with_capacity(nodes.len());
    for n in nodes {
        let pieces = match n {
            RNode::El { tag: "mark", attrs, children }
                if attrs.iter().any(|(k, v)| *k == "class" && v.starts_with("fact")) =>
            {
                unmark(children.into_vec())
            }
            RNode::El { tag, attrs, children } => {
                vec![RNode::El { tag, attrs, children: unmark(children.into_vec()).into_boxed_slice() }]
            }
            RNode::Mark { text, .. } => vec![RNode::Text(text)],
            t => vec![t],
        };
        for p in pieces {
            match (out.last_mut(), p) {
                (Some(RNode::Text(a)), RNode::Text(b)) => a.push_tendril(&b),
                (_, p) => out.push(p),
            }
        }
    }
    out
}

/// "Copy as Markdown" (`kind` `markdown`) or "Copy as plain text" (`text`)
/// of the article the browser holds, given as the JSON `extract` returned
/// (metadata, `text` and the `nodes` tree with its facts marked). Written
/// when asked, so that extraction does not write (and hand over) both copies
/// for every page: the same as [`markdown_document`] and [`text_document`] of
/// the extracted article.
pub fn copy_document(article_json: &str, kind: &str) -> Result<String, String> {
    if !matches!(kind, "markdown" | "text") {
        return Err(format!("unknown copy {kind:?} (markdown or text)"));
    }
    let mut de = serde_json::Deserializer::from_str(article_json);
    // Depth is bounded by MAX_HELD_DEPTH instead (a tree may nest deeper than
    // serde_json's default 128).
    de.disable_recursion_limit();
    let held: Held = serde::Deserialize::deserialize(&mut de).map_err(|e| format!("bad article: {e}"))?;
    de.end().map_err(|e| format!("bad article: {e}"))?;
    let a = crate::Article {
        title: held.title,
        authors: held.authors,
        published: held.published,
        site_name: held.site_name,
        url: held.url,
        text: held.text,
        panel: held.panel,
        ..Default::default()
    };
    let labels = held.labels.unwrap_or_default();
    let keys: Vec<&str> = held.keys.iter().map(String::as_str).collect();
    Ok(if kind == "markdown" {
        markdown_document_with(&a, &markdown(&held.nodes), &keys, &labels)
    } else {
        text_document(&a)
    })
}

/// "Authors · Site · YYYY-MM-DD" under the title of a copied article.
fn byline_line(a: &crate::Article) -> Option<String> {
    let mut meta = Vec::new();
    if !a.authors.is_empty() {
        meta.push(a.authors.join(", "));
    }
    meta.extend(a.site_name.clone());
    meta.extend(a.published.as_ref().map(|p| p.chars().take(10).collect::<String>()));
    (!meta.is_empty()).then(|| meta.join(" · "))
}

/// The article as a Markdown document: title, a byline line, the URL, the
/// body, then its key facts (the key sentences and the panel). (The whole
/// documents take the finished `Article`, which `lib.rs` assembles from this
/// stage's output: the one import back up from this module, by design.)
pub fn markdown_document(a: &crate::Article) -> String {
    let keys: Vec<&str> = a.facts.iter().filter(|f| f.kind == "key_sentence").map(|f| f.text.as_str()).collect();
    markdown_document_with(a, &a.markdown, &keys, &Default::default())
}

/// [`markdown_document`] with the body's Markdown and the panel's headings given apart.
pub fn markdown_document_with(
    a: &crate::Article,
    body: &str,
    keys: &[&str],
    labels: &crate::facts::panel::Labels,
) -> String {
    let mut head = format!("# {}\n\n", a.title);
    if let Some(meta) = byline_line(a) {
        head.push_str(&format!("*{meta}*\n\n"));
    }
    if !a.url.is_empty() {
        head.push_str(&format!("<{}>\n\n", a.url));
    }
    match crate::facts::panel::markdown(keys, &a.panel, labels) {
        facts if facts.is_empty() => head + body,
        facts => head + body.trim_end() + &facts,
    }
}

/// The article as plain text: title, byline line, URL, body.
pub fn text_document(a: &crate::Article) -> String {
    let meta = byline_line(a).map(|m| format!("{m}\n")).unwrap_or_default();
    let url = if a.url.is_empty() { String::new() } else { format!("{}\n", a.url) };
    format!("{}\n{meta}{url}\n{}", a.title, a.text)
}

/// Sanitised HTML of a clean tree.
pub fn to_html(tree: &[RNode]) -> String {
    let mut html = String::new();
    for n in tree {
        write_html(n, &mut html, false);
    }
    html
}

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
fn mark_passes(facts: &[crate::facts::Fact]) -> [Vec<&crate::facts::Fact>; 2] {
    let quotes = facts.iter().filter(|f| f.kind == "quote").collect();
    let others = facts.iter().filter(|f| f.kind != "quote" && f.kind != "key_sentence").collect();
    [quotes, others]
}

/// Where `needle` occurs in `hay` at or after `from` as whole words (not
/// "Iraq" inside "Iraqi").
fn find_word(hay: &str, from: usize, needle: &str) -> Option<usize> {
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
fn mark_class(kind: &str) -> Option<&'static str> {
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

fn mark_pass(nodes: &mut Vec<RNode>, facts: &[&crate::facts::Fact], next: &mut usize) {
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
fn take_lead_meta(tree: &mut Vec<RNode>, title: &str) -> (Option<String>, Option<String>) {
    let title = dom::collapse_ws(title).to_lowercase();
    let (mut byline, mut dateline) = (None, None);
    let mut i = 0;
    let mut looked = 0;
    while i < tree.len() && looked < 3 {
        looked += 1;
        // The title repeated as a heading goes; other headings and images
        // before the first paragraph are looked past.
        if let RNode::El { tag: "h2" | "h3", children, .. } = &tree[i] {
            if crate::metadata::is_title_repeat(&inline_text(children), &title) {
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
            if crate::metadata::is_title_repeat(text, &title) {
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
fn prune_empty(nodes: Vec<RNode>) -> Vec<RNode> {
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
fn unlinked_text(nodes: &[RNode]) -> String {
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

fn is_link_only(n: &RNode) -> bool {
    matches!(n, RNode::El { tag: "p", children, .. }
        if !unlinked_text(children).chars().any(char::is_alphanumeric)
            && !children.iter().any(|c| matches!(c, RNode::El { tag: "img", .. })))
}

/// A list of links ("More stories": headline after headline).
fn is_link_list(n: &RNode) -> bool {
    let RNode::El { tag: "ul" | "ol", children, .. } = n else { return false };
    let all = dom::collapse_ws(&inline_text(children)).chars().count();
    let unlinked = dom::collapse_ws(&unlinked_text(children)).chars().count();
    all > 0 && unlinked * 2 < all
}

fn is_heading(n: &RNode) -> bool {
    matches!(n, RNode::El { tag: "h2" | "h3" | "h4" | "h5" | "h6", .. })
}

/// The notes after a story, among its last three blocks: short paragraphs
/// that ask the reader to subscribe, follow, download or support, or state
/// the copyright (words in `data/boilerplate.json`). Cut from the first
/// such note on, if everything after it is short too.
fn trim_end_notes(tree: &mut Vec<RNode>) {
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
fn trim_link_ends(tree: &mut Vec<RNode>) {
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

/// The plain text and first paragraph of a clean tree. (Its Markdown is
/// [`markdown`], written only when asked: the browser asks on "Copy as
/// Markdown".) Apart from [`render`] so that the page can be dropped first.
pub fn plain_text(tree: &[RNode]) -> PlainText {
    // Sized once from the tree: grown by doubling, a long article's text held
    // its old and new buffers at once.
    let mut blocks = Blocks { text: String::with_capacity(text_size(tree)), any: false };
    text_blocks(tree, &mut blocks);
    let mut text = blocks.text;
    text.shrink_to_fit();
    let first_paragraph = tree.iter().find_map(|n| match n {
        RNode::El { tag: "p", children, .. } => {
            let t = dom::collapse_ws(&inline_text(children));
            (t.chars().count() > 40).then_some(t)
        }
        _ => None,
    });
    PlainText { text, first_paragraph }
}

/// The plain text's size, about: the tree's text, and two bytes of
/// separator for each node (the text only grows past it in rare cases).
fn text_size(nodes: &[RNode]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            RNode::Text(t) | RNode::Mark { text: t, .. } => t.len() + 2,
            RNode::El { children, .. } => text_size(children) + 2,
        })
        .sum()
}

/// A clean tree as Markdown (the same with facts marked in it or not).
pub fn markdown(tree: &[RNode]) -> String {
    let mut md = String::new();
    write_md_blocks(tree, &mut md, "");
    md.trim().to_string() + "\n"
}

pub fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

/// A text node's HTML: as it is inside `<pre>`, its whitespace collapsed elsewhere.
fn write_text(t: &str, out: &mut String, pre: bool) {
    if pre {
        escape_text(t, out)
    } else {
        escape_text(&collapse_keep_edges(t), out)
    }
}

fn write_html(n: &RNode, out: &mut String, pre: bool) {
    match n {
        RNode::Mark { class, text } => {
            out.push_str("<mark class=\"");
            escape_text(class, out);
            out.push_str("\">");
            write_text(text, out, pre);
            out.push_str("</mark>");
        }
        RNode::Text(t) => write_text(t, out, pre),
        RNode::El { tag, attrs, children } => {
            out.push('<');
            out.push_str(tag);
            for (k, v) in attrs {
                out.push(' ');
                out.push_str(k);
                out.push_str("=\"");
                escape_text(v, out);
                out.push('"');
            }
            if *tag == "img" {
                out.push_str(" loading=\"lazy\" referrerpolicy=\"no-referrer\"");
            }
            if *tag == "a" {
                out.push_str(" rel=\"noopener noreferrer\"");
            }
            out.push('>');
            if matches!(*tag, "br" | "hr" | "img") {
                return;
            }
            for c in children {
                write_html(c, out, pre || *tag == "pre");
            }
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
    }
}

/// Collapse whitespace runs to one space, keeping a single leading/trailing space.
/// Would [`collapse_keep_edges`] change `t`?
fn needs_collapse(t: &str) -> bool {
    let mut ws = false;
    t.chars().any(|c| {
        let space = c.is_whitespace() && c != '\u{a0}';
        let changes = space && (ws || c != ' ');
        ws = space;
        changes
    })
}

fn collapse_keep_edges(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    let mut ws = false;
    for c in t.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !ws {
                s.push(' ');
            }
            ws = true;
        } else {
            s.push(c);
            ws = false;
        }
    }
    s
}

/// `t` without its soft hyphens ([`dom::SOFT_HYPHEN`]): the view keeps them
/// for the browser's hyphenation, the text, Markdown, key facts and
/// citations drop them.
fn push_visible(s: &mut String, t: &str) {
    if t.contains(dom::SOFT_HYPHEN) {
        s.extend(t.chars().filter(|&c| c != dom::SOFT_HYPHEN));
    } else {
        s.push_str(t);
    }
}

fn inline_text(nodes: &[RNode]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            RNode::Text(t) | RNode::Mark { text: t, .. } => push_visible(&mut s, t),
            RNode::El { tag: "br", .. } => s.push('\n'),
            RNode::El { tag: "img", .. } => {}
            RNode::El { tag, .. } if is_annotation(tag) => {}
            RNode::El { children, .. } => s.push_str(&inline_text(children)),
        }
    }
    s
}

fn clean_line(s: &str) -> String {
    s.split('\n').map(dom::collapse_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Text blocks joined by a blank line as they come (collecting them first
/// held the article's text twice).
#[derive(Default)]
struct Blocks {
    text: String,
    any: bool,
}

impl Blocks {
    fn push(&mut self, block: String) {
        if std::mem::replace(&mut self.any, true) {
            self.text.push_str("\n\n");
        }
        self.text.push_str(&block);
    }
}

fn text_blocks(nodes: &[RNode], out: &mut Blocks) {
    let mut inline: Vec<RNode> = Vec::new();
    let flush = |inline: &mut Vec<RNode>, out: &mut Blocks| {
        let t = clean_line(&inline_text(inline));
        if !t.is_empty() {
            out.push(t);
        }
        inline.clear();
    };
    for n in nodes {
        match n {
            RNode::El { tag, children, .. } if is_block_rnode(n) => {
                flush(&mut inline, out);
                match *tag {
                    "pre" => out.push(inline_text(children).trim_end().to_string()),
                    "tr" => {
                        let cells: Vec<String> = children
                            .iter()
                            .map(|c| match c {
                                RNode::El { children, .. } => dom::collapse_ws(&inline_text(children)),
                                RNode::Text(t) | RNode::Mark { text: t, .. } => dom::collapse_ws(t),
                            })
                            .collect();
                        let line = cells.join("\t");
                        if !line.trim().is_empty() {
                            out.push(line);
                        }
                    }
                    _ if BLOCK_INLINE.contains(tag) => {
                        let t = clean_line(&inline_text(children));
                        if !t.is_empty() {
                            out.push(t);
                        }
                    }
                    // Figures (images, captions, credits) are not prose: they stay in
                    // the HTML and Markdown but not in the plain text. A table
                    // set as a figure is text, though.
                    "figure" => figure_tables(children, out),
                    _ => text_blocks(children, out),
                }
            }
            other => inline.push(other.clone()),
        }
    }
    flush(&mut inline, out);
}

/// A picture without a caption of its own (`<p><img></p>`, a figure of only
/// the image) and the caption or credit right after it (a loose caption shown as a figure of its own, a
/// "Photo: …" line) become one figure, as the page shows them.
fn join_loose_captions(tree: &mut Vec<RNode>) {
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

/// The tables in a figure, as text (its images and captions are not).
fn figure_tables(nodes: &[RNode], out: &mut Blocks) {
    for n in nodes {
        match n {
            RNode::El { tag: "table", .. } => text_blocks(std::slice::from_ref(n), out),
            RNode::El { tag: "figcaption", .. } => {}
            RNode::El { children, .. } => figure_tables(children, out),
            _ => {}
        }
    }
}

fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

fn md_inline(nodes: &[RNode]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            RNode::Text(t) | RNode::Mark { text: t, .. } => push_visible(&mut s, &md_escape(&collapse_keep_edges(t))),
            RNode::El { tag, .. } if is_annotation(tag) => {}
            RNode::El { tag: "math", attrs, children } => s.push_str(&math::markdown(attrs, children)),
            RNode::El { tag, attrs, children } => {
                let inner = md_inline(children);
                let get = |k: &str| attrs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.as_str()).unwrap_or("");
                match *tag {
                    "br" => s.push_str("  \n"),
                    "strong" => s.push_str(&wrap_md(&inner, "**")),
                    "em" | "cite" | "dfn" | "var" => s.push_str(&wrap_md(&inner, "*")),
                    "code" | "kbd" | "samp" => s.push_str(&format!("`{}`", inline_text(children).replace('`', "'"))),
                    "del" | "s" => s.push_str(&wrap_md(&inner, "~~")),
                    "a" => s.push_str(&format!(
                        "[{}]({})",
                        inner.trim(),
                        get("href").replace(' ', "%20").replace(')', "%29")
                    )),
                    "img" => s.push_str(&format!(
                        "![{}]({})",
                        md_escape(get("alt")),
                        get("src").replace(' ', "%20").replace(')', "%29")
                    )),
                    _ => s.push_str(&inner),
                }
            }
        }
    }
    s
}

fn wrap_md(inner: &str, mark: &str) -> String {
    let t = inner.trim();
    if t.is_empty() {
        String::new()
    } else {
        let lead = if inner.starts_with(' ') { " " } else { "" };
        let trail = if inner.ends_with(' ') { " " } else { "" };
        format!("{lead}{mark}{t}{mark}{trail}")
    }
}

fn md_line(s: &str) -> String {
    s.split('\n').map(|l| l.trim()).collect::<Vec<_>>().join("\n").trim().to_string()
}

fn write_md_blocks(nodes: &[RNode], out: &mut String, prefix: &str) {
    let mut inline: Vec<RNode> = Vec::new();
    let push_para = |text: String, out: &mut String| {
        if text.is_empty() {
            return;
        }
        for line in text.lines() {
            out.push_str(prefix);
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(prefix.trim_end());
        out.push('\n');
    };
    for n in nodes {
        let RNode::El { tag, attrs, children } = n else {
            inline.push(n.clone());
            continue;
        };
        if !is_block_rnode(n) {
            inline.push(n.clone());
            continue;
        }
        push_para(md_line(&md_inline(&std::mem::take(&mut inline))), out);
        match *tag {
            "p" | "figcaption" | "caption" | "dt" => push_para(md_line(&md_inline(children)), out),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = tag[1..].parse::<usize>().unwrap_or(2);
                push_para(format!("{} {}", "#".repeat(level), dom::collapse_ws(&md_inline(children))), out)
            }
            "pre" => push_para(format!("```\n{}\n```", inline_text(children).trim_end()), out),
            "hr" => push_para("---".into(), out),
            "blockquote" => {
                write_md_blocks(&wrap_loose(children), out, &format!("{prefix}> "));
                out.push_str(prefix.trim_end());
                out.push('\n');
            }
            "ul" | "ol" => {
                let start =
                    attrs.iter().find(|(k, _)| *k == "start").and_then(|(_, v)| v.parse::<usize>().ok()).unwrap_or(1);
                for (i, li) in children.iter().enumerate() {
                    let RNode::El { children: lc, .. } = li else {
                        continue;
                    };
                    let marker = if *tag == "ol" { format!("{}. ", start + i) } else { "- ".into() };
                    let mut item = String::new();
                    write_md_blocks(&wrap_loose(lc), &mut item, "");
                    let indent = " ".repeat(marker.len());
                    let mut first = true;
                    for line in item.trim_end().lines() {
                        out.push_str(prefix);
                        if first {
                            out.push_str(&marker);
                            first = false;
                        } else if !line.is_empty() {
                            out.push_str(&indent);
                        }
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                out.push_str(prefix.trim_end());
                out.push('\n');
            }
            "table" => {
                let mut rows: Vec<Vec<String>> = Vec::new();
                collect_rows(children, &mut rows);
                let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
                if cols > 0 {
                    let mut t = String::new();
                    for (i, r) in rows.iter().enumerate() {
                        let mut cells = r.clone();
                        cells.resize(cols, String::new());
                        t.push_str(&format!("| {} |\n", cells.join(" | ")));
                        if i == 0 {
                            t.push_str(&format!("|{}\n", " --- |".repeat(cols)));
                        }
                    }
                    push_para(t.trim_end().to_string(), out);
                }
            }
            "figure" => write_md_blocks(&wrap_loose(children), out, prefix),
            _ => write_md_blocks(children, out, prefix),
        }
    }
    push_para(md_line(&md_inline(&inline)), out);
}

/// Loose inline content inside a flow block becomes one paragraph for Markdown.
fn wrap_loose(children: &[RNode]) -> Vec<RNode> {
    if children.iter().any(is_block_rnode) {
        children.to_vec()
    } else {
        vec![el("p", vec![], children.to_vec())]
    }
}

fn collect_rows(nodes: &[RNode], rows: &mut Vec<Vec<String>>) {
    for n in nodes {
        if let RNode::El { tag, children, .. } = n {
            match *tag {
                "tr" => rows.push(
                    children
                        .iter()
                        .map(|c| match c {
                            RNode::El { children, .. } => dom::collapse_ws(&md_inline(children)).replace('|', "\\|"),
                            RNode::Text(t) | RNode::Mark { text: t, .. } => dom::collapse_ws(t),
                        })
                        .collect(),
                ),
                "thead" | "tbody" | "tfoot" => collect_rows(children, rows),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_body(html: &str) -> Rendered {
        let doc = Html::parse_document(html);
        let body = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("body")).unwrap().id();
        render(&doc, &[body], "https://example.com/news/a.html", "", crate::types::Signals::ALL)
    }

    #[test]
    fn notes_after_the_story_go_and_the_story_stays() {
        let story = "<p>The council approved the plan on Monday after a long debate about costs.</p>\
                     <p>Work on the new bridge starts in May and should end next year, officials said.</p>";
        let text = |html: &str, on: bool| {
            let doc = Html::parse_document(html);
            let body = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("body")).unwrap().id();
            let signals = crate::types::Signals { end_notes: on, ..crate::types::Signals::ALL };
            plain_text(&render(&doc, &[body], "", "", signals).tree).text
        };
        let html = format!(
            "<body>{story}<p>Subscribe now to our print edition for the full story.</p>\
             <p>For the latest news download our apps for iOS and Android.</p></body>"
        );
        let got = text(&html, true);
        assert!(got.ends_with("officials said."), "{got}");
        assert!(text(&html, false).contains("Subscribe now"));
        // A story about an app keeps its last paragraph; a long one is never cut.
        let about = format!("<body>{story}<p>The app is free and works offline, the developers said.</p></body>");
        assert!(text(&about, true).ends_with("the developers said."));
        let long = format!("<body>{story}<p>Readers who subscribe {}</p></body>", "and read on ".repeat(40));
        assert!(text(&long, true).contains("Readers who subscribe"));
    }

    /// The tree's list is as long as it is large (a grown vector holds up
    /// to twice its elements: on a large page as much memory as the nodes
    /// themselves; an element's children and attributes are boxed slices,
    /// exact by their type), after rendering and after marking facts.
    fn assert_tight(nodes: &Vec<RNode>) {
        assert_eq!(nodes.capacity(), nodes.len(), "the tree's list");
    }

    /// `flow` turns its list of pieces into the list of nodes in place: a
    /// piece must be no larger than a node (a boundary takes a spare value
    /// of the node's own layout), and the nodes keep the pieces' allocation.
    #[test]
    fn flow_writes_its_nodes_over_its_pieces() {
        assert_eq!(std::mem::size_of::<Piece>(), std::mem::size_of::<RNode>());
        let text = |t: &str| Piece::Node(RNode::Text(t.into()));
        let pieces = vec![
            Piece::Break,
            text("one "),
            Piece::Node(el("em", vec![], vec![RNode::Text("two".into())])),
            Piece::Break,
            Piece::Node(el("h2", vec![], vec![RNode::Text("Three".into())])),
            text(" four"),
            Piece::Break,
        ];
        let at = pieces.as_ptr() as usize;
        let nodes = flow(pieces);
        assert_eq!(nodes.as_ptr() as usize, at, "collected in place");
        let tags: Vec<&str> = nodes.iter().map(|n| if let RNode::El { tag, .. } = n { *tag } else { "text" }).collect();
        assert_eq!(tags, ["p", "h2", "p"]);
        assert_eq!(plain_text(&nodes).text, "one two\n\nThree\n\nfour");
    }

    /// A marked fact is written, as HTML and as the browser's JSON, as the
    /// element it stands for.
    #[test]
    fn a_mark_is_written_as_its_element() {
        let text = StrTendril::from_slice("4,500 homes & more");
        let mark = RNode::Mark { class: "fact fact-number", text: text.clone() };
        let element = el("mark", vec![("class", "fact fact-number".into())], vec![RNode::Text(text)]);
        assert_eq!(to_html(std::slice::from_ref(&mark)), to_html(std::slice::from_ref(&element)));
        assert_eq!(serde_json::to_string(&mark).unwrap(), serde_json::to_string(&element).unwrap());
        assert_eq!(markdown(std::slice::from_ref(&mark)), markdown(std::slice::from_ref(&element)));
        assert_eq!(plain_text(&[mark]).text, plain_text(&[element]).text);
    }

    #[test]
    fn block_boundaries_are_kept_once() {
        let html = "<body><div>\n<p>a</p>\n\n<p>b</p>\n<div>\n<p>c <em>d</em></p>\n</div>\n</div></body>";
        let doc = Html::parse_document(html);
        let body = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("body")).unwrap();
        let b = Builder {
            base: "https://example.com/",
            signals: crate::types::Signals::ALL,
            seen_images: Default::default(),
            layout_tables: Default::default(),
        };
        let mut pieces = Vec::new();
        b.node(&body, &mut pieces);
        let blank = |p: &Piece| matches!(p, Piece::Node(RNode::Text(t)) if t.trim().is_empty());
        for w in pieces.windows(2) {
            assert!(!matches!(w, [Piece::Break, Piece::Break]), "two boundaries in a row");
            assert!(!(matches!(w[0], Piece::Break) && blank(&w[1])), "whitespace after a boundary");
        }
        assert_eq!(to_html(&flow(pieces)), "<p>a</p><p>b</p><p>c <em>d</em></p>");
        // A no-break space is text, kept after a boundary (a caption's
        // "&nbsp;&nbsp;Less than 5%" legend keeps both).
        assert!(is_blank(" \n\t\r") && !is_blank("\u{a0}") && !is_blank(" \u{a0} "));
        let doc = Html::parse_document("<body><figcaption><div>a</div>\u{a0}\u{a0}b</figcaption></body>");
        let body = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("body")).unwrap();
        let mut pieces = Vec::new();
        b.node(&body, &mut pieces);
        let html = to_html(&flow(pieces));
        assert!(html.contains("&nbsp;&nbsp;b"), "{html}");
    }

    #[test]
    fn needs_collapse_is_whether_collapsing_changes_the_text() {
        for t in [
            "",
            " ",
            "a b",
            " a b ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\u{a0}\u{a0}b",
            "a \u{a0}b",
            "a\u{2003}b",
            "  ",
            "x\r\n",
        ] {
            assert_eq!(needs_collapse(t), collapse_keep_edges(t) != t, "{t:?}");
        }
    }

    #[test]
    fn trees_and_text_hold_no_slack() {
        let para = "<p>On Tuesday the council said 4,500 homes, <a href='/s'>reported</a> <em>here</em>.</p>\n";
        let html = format!("<body><article><h1>T</h1>{}<ul><li>one</li></ul></article></body>", para.repeat(37));
        let r = render_body(&html);
        let mut tree = r.tree;
        assert_eq!(tree.capacity(), tree.len());
        assert_tight(&tree);
        let plain = plain_text(&tree);
        assert_eq!(plain.text.capacity(), plain.text.len());
        let facts = crate::facts::find(&plain.text, Some("en"));
        assert!(facts.len() > 37, "{} facts", facts.len());
        assert_eq!(facts.capacity(), facts.len());
        mark_facts(&mut tree, &facts);
        assert!(to_html(&tree).contains("<mark"));
        assert_tight(&tree);
    }

    #[test]
    fn br_runs_become_paragraphs() {
        let r = render_body("<body><div>First para<br><br>Second para<br>same para</div></body>");
        assert_eq!(to_html(&r.tree), "<p>First para</p><p>Second para<br>same para</p>");
        assert_eq!(plain_text(&r.tree).text, "First para\n\nSecond para\nsame para");
    }

    #[test]
    fn allow_list_and_urls() {
        let r = render_body(
            r#"<body><p onclick="x()" style="color:red">Hi <a href="javascript:alert(1)">bad</a> <a href="../b.html" onclick="y">ok</a>
            <img src="data:image/gif;base64,R0lGOD" data-src="/img/1.jpg" onerror="z"><script>alert(1)</script></p>
            <iframe src="https://evil"></iframe><svg><script>alert(2)</script></svg></body>"#,
        );
        assert!(
            !to_html(&r.tree).contains("onclick")
                && !to_html(&r.tree).contains("style")
                && !to_html(&r.tree).contains("javascript")
        );
        assert!(
            !to_html(&r.tree).contains("alert")
                && !to_html(&r.tree).contains("iframe")
                && !to_html(&r.tree).contains("onerror")
        );
        assert!(to_html(&r.tree).contains(r#"href="https://example.com/b.html""#));
        assert!(to_html(&r.tree).contains(r#"src="https://example.com/img/1.jpg""#), "{}", to_html(&r.tree));
    }

    #[test]
    fn text_is_escaped() {
        let r = render_body("<body><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"q\"</p></body>");
        assert_eq!(to_html(&r.tree), "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</p>");
    }

    #[test]
    fn finds_facts_as_whole_words() {
        let hay = "Iraqi and Iraq, Zürich’s café; Iraq";
        assert_eq!(find_word(hay, 0, "Iraq"), Some(10));
        assert_eq!(find_word(hay, 11, "Iraq"), Some(hay.len() - 4));
        assert_eq!(find_word(hay, 0, "Zürich"), Some(16));
        assert_eq!(find_word(hay, 0, "café"), Some(hay.find("café").unwrap()));
        assert_eq!(find_word(hay, 0, "caf"), None);
        assert_eq!(find_word("ab", 0, "abc"), None);
        assert_eq!(find_word(hay, hay.len(), "Iraq"), None);
        // Chinese and Japanese have no spaces between words; a quote's mark
        // is its own edge.
        let ja = "担当者は「誰でも自分で本を探せるようにしたい」と話している。";
        assert_eq!(find_word(ja, 0, "「誰でも自分で本を探せるようにしたい」"), ja.find('「'));
        assert_eq!(find_word("He said \"go now\"x", 0, "\"go now\""), Some(8));
    }

    #[test]
    fn copies_from_held_json() {
        let held = |nodes: &str| {
            format!(
                r#"{{"title":"T","authors":["A B"],"published":"2024-01-02","site_name":null,"url":"https://x.test/a","text":"Hi","nodes":{nodes}}}"#
            )
        };
        let md = copy_document(
            &held(r#"[["p",{},"A ",["mark",{"class":"fact fact-number"},"5"]," ",["a",{"href":"https://x.test/b","onclick":"x"},"link"]],["blink",{},["p",{},"kept"]]]"#),
            "markdown",
        )
        .unwrap();
        assert_eq!(md, "# T\n\n*A B · 2024-01-02*\n\n<https://x.test/a>\n\nA 5 [link](https://x.test/b)\n\nkept\n");
        assert_eq!(copy_document(&held("[]"), "text").unwrap(), "T\nA B · 2024-01-02\nhttps://x.test/a\n\nHi");
        assert!(copy_document(&held("[]"), "pdf").is_err());
        assert!(copy_document("{", "text").is_err());
        assert!(copy_document(&held("[1]"), "text").is_err());
        // Nesting deeper than any rendered tree is refused, not a stack overflow.
        let deep = format!("[{}\"x\"{}]", r#"["blockquote",{},"#.repeat(5000), "]".repeat(5000));
        assert!(copy_document(&held(&deep), "markdown").unwrap_err().contains("too deeply"));
        let fine = format!("[{}\"x\"{}]", r#"["blockquote",{},"#.repeat(300), "]".repeat(300));
        assert!(copy_document(&held(&fine), "markdown").unwrap().contains("> x"));
    }

    #[test]
    fn markdown_structure() {
        let r = render_body(
            "<body><h2>Sub</h2><p>A <strong>bold</strong> <a href=\"/x\">link</a></p><ul><li>one</li><li>two</li></ul>\
             <blockquote><p>quoted</p></blockquote><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table></body>",
        );
        let md = markdown(&r.tree);
        assert!(md.contains("## Sub"));
        assert!(md.contains("A **bold** [link](https://example.com/x)"));
        assert!(md.contains("- one\n- two"));
        assert!(md.contains("> quoted"));
        assert!(md.contains("| a | b |\n| --- | --- |\n| 1 | 2 |"), "{md}");
    }

    #[test]
    fn held_tree_without_its_marks() {
        let json = r#"{"text":"Lloyd Austin said 5 words.","nodes":[["p",{},["mark",{"class":"fact fact-person"},"Lloyd Austin"]," said ",["mark",{"class":"fact fact-number"},"5 words"],"."],["p",{},["mark",{"class":"other"},"kept"]]]}"#;
        let (text, tree) = held_text_and_tree(json).unwrap();
        assert_eq!(text, "Lloyd Austin said 5 words.");
        assert_eq!(to_html(&tree), "<p>Lloyd Austin said 5 words.</p><p><mark class=\"other\">kept</mark></p>");
    }
}
