//! The clean tree built from the chosen content: an allow-list of elements,
//! attributes and URL schemes; loose text wrapped into paragraphs; embeds as
//! links; captions and credit lines; the lead picture.

use super::*;

/// Kept as they are (with their children).
pub(super) const INLINE_KEEP: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
    "strong", "sub", "sup", "time", "u", "var", "ruby", "rb", "rt", "rp",
];

/// Ruby annotations (`<rt>`) and their fallback parentheses (`<rp>`): shown
/// over the base text in the reader view, left out of the plain text, the
/// Markdown and the key facts (the base text alone, `漢字`, not `漢字(かんじ)`).
pub(super) fn is_annotation(tag: &str) -> bool {
    matches!(tag, "rt" | "rp")
}
/// Blocks whose content is inline (never wrapped in `<p>`).
pub(super) const BLOCK_INLINE: &[&str] =
    &["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figcaption", "dt", "caption"];
/// Blocks whose content is flow (loose text wrapped in `<p>` if blocks are mixed in).
pub(super) const BLOCK_FLOW: &[&str] = &["blockquote", "li", "dd", "td", "th", "figure"];
/// Blocks that only hold specific children.
pub(super) const BLOCK_STRUCT: &[&str] = &["ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"];

pub(super) fn intern(t: &str) -> Option<&'static str> {
    INLINE_KEEP
        .iter()
        .chain(BLOCK_INLINE)
        .chain(BLOCK_FLOW)
        .chain(BLOCK_STRUCT)
        .chain(&["br", "hr", "img"])
        .find(|k| **k == t)
        .copied()
}

pub(super) fn is_block_rnode(n: &RNode) -> bool {
    matches!(n, RNode::El { tag, .. } if !INLINE_KEEP.contains(tag) && !matches!(*tag, "br" | "img" | "math"))
}

pub(super) fn digits(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty() && v.len() < 6 && v.chars().all(|c| c.is_ascii_digit())).then(|| v.to_string())
}

/// The real image URL, looking through lazy-loading attributes.
pub(super) fn image_src(n: &NRef, base: &str) -> Option<String> {
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

pub(super) struct Builder<'a> {
    pub(super) base: &'a str,
    pub(super) signals: crate::types::Signals,
    /// Image URLs already emitted (a lazy image and its <noscript> twin show once).
    pub(super) seen_images: std::cell::RefCell<std::collections::HashSet<String>>,
    /// Layout-or-data decisions per table: every part of a layout table asks
    /// about its table, and the test walks the whole table.
    pub(super) layout_tables: std::cell::RefCell<crate::dom::NodeMap<bool>>,
}

/// Elements whose content is never text but that stand for something worth a
/// link in the reader view (a video, an embedded post).
pub(super) const EMBEDS: &[&str] = &["iframe", "embed", "object", "video", "audio"];

impl Builder<'_> {
    pub(super) fn children(&self, n: &NRef) -> Vec<Piece> {
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

    pub(super) fn node(&self, n: &NRef, out: &mut Vec<Piece>) {
        match n.value() {
            // Whitespace right after a block boundary: `flow` drops it.
            Node::Text(t) if matches!(out.last(), Some(Piece::Break)) && is_blank(t) => {}
            Node::Text(t) => out.push(Piece::Node(RNode::Text(t.text.clone()))),
            Node::Element(e) => self.element(n, e, out),
            _ => {}
        }
    }

    /// An element: dropped when hidden or never content; what stands for
    /// something else (a `<noscript>`'s images, an embed's link, a formula,
    /// a loose caption); else by its tag.
    fn element(&self, n: &NRef, e: &scraper::node::Element, out: &mut Vec<Piece>) {
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
            "img" => self.image(n, e, out),
            "picture" => {
                if let Some(img) = n.descendants().find(|d| dom::tag(d) == Some("img")) {
                    self.node(&img, out);
                }
            }
            "a" => self.link(n, e, out),
            // A caption that is only a photo credit ("Foto: Archiv").
            "figcaption" if is_credit_line(n) => {}
            "table" if !self.is_layout_table(n) => out.push(Piece::Node(self.structured(n, "table"))),
            "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" if self.is_layout_context(n) => {
                push_break(out);
                extend_pieces(out, self.children(n));
                push_break(out);
            }
            _ => match intern(t) {
                Some(tag) if INLINE_KEEP.contains(&tag) => self.inline_kept(n, e, tag, out),
                Some(tag) if BLOCK_INLINE.contains(&tag) => self.block_inline(n, tag, out),
                Some(tag) if BLOCK_FLOW.contains(&tag) => self.block_flow(n, e, tag, out),
                Some(tag) => out.push(Piece::Node(self.structured(n, tag))),
                None if n.children().any(|c| dom::tag(&c).is_some_and(dom::is_block)) || dom::is_block(t) => {
                    push_break(out);
                    extend_pieces(out, self.children(n));
                    push_break(out);
                }
                None => extend_pieces(out, self.children(n)),
            },
        }
    }

    /// An image with a safe source, once (not a 1-pixel tracker).
    fn image(&self, n: &NRef, e: &scraper::node::Element, out: &mut Vec<Piece>) {
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

    /// A link with a safe target (not to a place in the page): else its text.
    fn link(&self, n: &NRef, e: &scraper::node::Element, out: &mut Vec<Piece>) {
        let kids = inline_only(self.children(n));
        match dom::get(e, "href")
            .filter(|h| !h.trim_start().starts_with('#'))
            .and_then(|h| url::safe_url(self.base, h, false))
        {
            Some(href) => out.push(Piece::Node(el("a", vec![("href", href)], kids))),
            None => out.extend(kids.into_iter().map(Piece::Node)),
        }
    }

    /// An inline element kept (`<b>` and `<i>` as `<strong>` and `<em>`), with
    /// a `<time>`'s datetime and an `<abbr>`'s title.
    fn inline_kept(&self, n: &NRef, e: &scraper::node::Element, tag: &'static str, out: &mut Vec<Piece>) {
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
    }

    /// A block of inline content (a paragraph, a heading: `<h1>` is the
    /// title's, so `<h2>`); a figure inside a paragraph splits it.
    fn block_inline(&self, n: &NRef, tag: &'static str, out: &mut Vec<Piece>) {
        let tag = if tag == "h1" { "h2" } else { tag };
        let pieces = self.children(n);
        push_break(out);
        if tag == "p" && pieces.iter().any(|p| matches!(p, Piece::Node(RNode::El { tag: "figure", .. }))) {
            // A figure or embed inside a paragraph splits it (a <p>
            // cannot hold blocks; a browser would split it too).
            for p in pieces {
                match p {
                    Piece::Node(r) if is_block_rnode(&r) && !matches!(r, RNode::El { tag: "figure", .. }) => {
                        out.extend(inline_only(vec![Piece::Node(r)]).into_iter().map(Piece::Node))
                    }
                    other => out.push(other),
                }
            }
        } else {
            out.push(Piece::Node(el(tag, vec![], inline_only(pieces))));
        }
        push_break(out);
    }

    /// A block that may hold blocks (a quote, a list item, a cell, a figure).
    fn block_flow(&self, n: &NRef, e: &scraper::node::Element, tag: &'static str, out: &mut Vec<Piece>) {
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
    }

    /// Lists, tables and their parts keep only element children.
    pub(super) fn structured(&self, n: &NRef, tag: &'static str) -> RNode {
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
pub(super) fn embed_link(n: &NRef, base: &str) -> Option<RNode> {
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

pub(super) fn is_credit_line(n: &NRef) -> bool {
    is_credit_text(&dom::norm_text(n))
}

/// A photo credit line ("Foto: Archiv", "Photo: Ann Lee"): short, and
/// opening with a credit prefix of `data/boilerplate.json`.
pub(super) fn is_credit_text(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() < 150 && crate::hints::hints().short_prefixes.prefixes(&text.to_lowercase())
}

pub(super) fn is_loose_caption(n: &NRef) -> bool {
    let Some(t) = dom::tag(n) else { return false };
    !matches!(t, "figure" | "figcaption" | "img" | "picture" | "table" | "caption")
        && dom::attr(n, "class").is_some_and(|c| crate::hints::matches(c, &crate::hints::hints().captions))
        && !n.ancestors().any(|a| matches!(dom::tag(&a), Some("figure" | "figcaption")))
        && dom::norm_len(n) < 400
}

/// An element, its vectors made boxed slices of their length (built by
/// pushing, an element with one child held room for four).
pub(super) fn el(tag: &'static str, attrs: Vec<(&'static str, String)>, children: Vec<RNode>) -> RNode {
    RNode::El { tag, attrs: attrs.into_boxed_slice(), children: children.into_boxed_slice() }
}

pub(super) fn is_layout_table(n: &NRef) -> bool {
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
    pub(super) fn is_layout_table(&self, t: &NRef) -> bool {
        if let Some(&known) = self.layout_tables.borrow().get(&t.id()) {
            return known;
        }
        let answer = is_layout_table(t);
        self.layout_tables.borrow_mut().insert(t.id(), answer);
        answer
    }

    /// Is this table part inside a layout table (up to the nearest table)?
    pub(super) fn is_layout_context(&self, n: &NRef) -> bool {
        let table =
            if dom::tag(n) == Some("table") { Some(*n) } else { n.ancestors().find(|a| dom::tag(a) == Some("table")) };
        table.is_none_or(|t| self.is_layout_table(&t))
    }
}

/// A block boundary. A run of them is one boundary to `flow`: kept once, and
/// without the whitespace between blocks, they no longer take most of a long
/// article's list of pieces (the largest vector while rendering).
pub(super) fn push_break(out: &mut Vec<Piece>) {
    if !matches!(out.last(), Some(Piece::Break)) {
        out.push(Piece::Break);
    }
}

/// Only HTML whitespace (not U+00A0, which is text to keep).
pub(super) fn is_blank(t: &str) -> bool {
    t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c))
}

/// `more` after `out`, block boundaries kept once where the two meet.
pub(super) fn extend_pieces(out: &mut Vec<Piece>, more: Vec<Piece>) {
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

pub(super) fn inline_only(pieces: Vec<Piece>) -> Vec<RNode> {
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

pub(super) fn has_content(run: &[RNode]) -> bool {
    run.iter().any(|r| match r {
        RNode::Text(t) | RNode::Mark { text: t, .. } => !t.trim().is_empty(),
        RNode::El { tag: "br", .. } => false,
        RNode::El { tag: "img", .. } => true,
        RNode::El { children, .. } => has_content(children),
    })
}

/// Group loose inline nodes into paragraphs; `<br><br>` and block boundaries split them.
pub(super) fn flow(mut pieces: Vec<Piece>) -> Vec<RNode> {
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
