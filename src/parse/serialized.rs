//! Reading a document the browser has already parsed.
//!
//! In the extension the core gets `document.documentElement.outerHTML`: the
//! HTML serialisation (WHATWG HTML § 13.3) of the live DOM. That markup is
//! canonical — every non-void element has its end tag, attribute values are
//! double-quoted, text escapes only `&`, `<`, `>` and U+00A0, and raw-text
//! elements (`script`, `style`…) hold their text verbatim — so the tree it
//! describes is read back directly, as written, without running the HTML5
//! tree-construction rules again (html5ever, which the CLI uses on pages as
//! served, spends most of its time on exactly those rules). The browser has
//! already applied them: what is read is the DOM the reader sees, including
//! what scripts built.
//!
//! The reader is lenient where markup is not canonical (single-quoted,
//! unquoted or valueless attributes, `/>`, stray `<`, missing or extra end
//! tags): it never fails, and it is also used for the raw markup inside
//! `<noscript>` (lazy-loaded images). Character references are decoded with
//! the HTML5 table of named references.

use ego_tree::{NodeId, Tree};
use markup5ever::{ns, Attribute, LocalName, QualName};
use scraper::node::{Element, Node, Text};
use scraper::{Html, StrTendril};

/// Elements whose text the serialisation writes verbatim (scripting on).
const RAW_TEXT: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript"];

/// Elements the serialisation writes without an end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// Which namespace a child element is in, by its parent (as the HTML parser
/// put it there: a parser never puts an HTML element in a foreign one but at
/// an integration point, and a breakout tag leaves foreign content).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kids {
    /// Children of an HTML element or an HTML integration point (`<svg>`
    /// and `<math>` start foreign content).
    Html,
    Svg,
    Math,
    /// Children of a MathML text integration point (`mi`, `mo`…): HTML, but
    /// `mglyph` and `malignmark`.
    MathText,
    /// Children of `annotation-xml` that is not an HTML integration point:
    /// MathML, but `svg`.
    MathAnnotation,
}

impl Kids {
    /// The namespace of a child named `lower`, and what its own children are.
    fn child(self, lower: &str, attrs: &[Attribute]) -> (Space, Kids) {
        let space = match (self, lower) {
            (Kids::Html | Kids::MathText | Kids::MathAnnotation, "svg") => Space::Svg,
            (Kids::Html | Kids::MathText, "math") => Space::Math,
            (Kids::Html, _) => Space::Html,
            (Kids::MathText, "mglyph" | "malignmark") => Space::Math,
            (Kids::MathText, _) => Space::Html,
            // A tag that breaks out of foreign content (`<p>`, `<div>`…) is
            // never a MathML or SVG element the parser made: in a
            // serialisation it is an HTML element the DOM holds there
            // (foster-parented out of a table, or put there by a script).
            (Kids::Svg | Kids::Math | Kids::MathAnnotation, t) if breaks_out(t, attrs) => Space::Html,
            (Kids::Svg, _) => Space::Svg,
            (Kids::Math | Kids::MathAnnotation, _) => Space::Math,
        };
        let kids = match (space, lower) {
            (Space::Html, _) => Kids::Html,
            (Space::Svg, "foreignobject" | "desc" | "title") => Kids::Html,
            (Space::Svg, _) => Kids::Svg,
            (Space::Math, "mi" | "mo" | "mn" | "ms" | "mtext") => Kids::MathText,
            (Space::Math, "annotation-xml") => {
                let html = attrs.iter().any(|a| {
                    &*a.name.local == "encoding"
                        && (a.value.eq_ignore_ascii_case("text/html")
                            || a.value.eq_ignore_ascii_case("application/xhtml+xml"))
                });
                if html {
                    Kids::Html
                } else {
                    Kids::MathAnnotation
                }
            }
            (Space::Math, _) => Kids::Math,
        };
        (space, kids)
    }
}

/// The start tags that end foreign content in the HTML parser ("in foreign
/// content": a start tag whose name is one of these, or `font` with a
/// `color`, `face` or `size` attribute).
fn breaks_out(lower: &str, attrs: &[Attribute]) -> bool {
    matches!(
        lower,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    ) || (lower == "font" && attrs.iter().any(|a| matches!(&*a.name.local, "color" | "face" | "size")))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Space {
    Html,
    Svg,
    Math,
}

/// Read the serialisation `html` into a tree. Nesting deeper than `limit`
/// is flattened (the tags are dropped, their content kept), as
/// [`super::prepare`] does before html5ever.
pub fn read(html: &str, limit: usize) -> Html {
    read_shared(&StrTendril::from_slice(html), limit)
}

/// [`read`] from markup held as a tendril: the tree's texts and attribute
/// values are slices of it (shared, reference-counted), not copies, unless
/// they hold character references or are short enough to be stored inline.
/// A page's text is then not held twice, and reading it allocates once per
/// element instead of once per text and attribute.
pub fn read_shared(markup: &StrTendril, limit: usize) -> Html {
    let src = Src { html: markup, markup };
    let html: &str = markup;
    // The tree's node vector sized once: grown by doubling, it held up to
    // twice the nodes' memory (and briefly three times while copying).
    let mut tree = Tree::with_capacity(Node::Document, node_estimate(html.as_bytes()));
    let root = tree.root().id();
    // Open elements: (node, name); the last is the current parent. Template
    // contents go into a fragment child of the template, as with html5ever
    // (the fragment stands for the template here).
    // The third field is what the element's children are (namespaces).
    let mut open: Vec<(NodeId, LocalName, Kids)> = Vec::new();
    // Start tags dropped for depth, by name, so that their end tags go too.
    let mut dropped: Vec<LocalName> = Vec::new();
    let mut i = 0;
    let b = html.as_bytes();
    let mut names = Names::default();
    let mut scratch = Vec::new();
    // How deep elements went (with the fragments of templates): the tree is
    // walked again to flatten it only when that is near MAX_DEPTH.
    let (mut deepest, mut templates) = (0, 0);
    while i < b.len() {
        let (parent, kids) = open.last().map_or((root, Kids::Html), |o| (o.0, o.2));
        let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|p| i + p) else {
            add_text(&src, &mut tree, parent, &html[i..]);
            break;
        };
        if lt > i {
            add_text(&src, &mut tree, parent, &html[i..lt]);
        }
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            i = add_comment(html, lt, &mut tree, parent);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            // A doctype, an XML declaration or a bogus comment, up to the
            // first `>` as the HTML parser reads them (a CDATA section too:
            // outside foreign content HTML has none, and a serialisation of
            // an HTML document never writes one).
            i = find_byte(html, lt, b'>').map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = lt + 1 + closing as usize;
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            // Not a tag: a `<` of text (`</>` and `</ ` are dropped as browsers do).
            if closing {
                i = find_byte(html, lt, b'>').map_or(b.len(), |e| e + 1);
            } else {
                add_text(&src, &mut tree, parent, "<");
                i = lt + 1;
            }
            continue;
        }
        let name_end = name_at + b[name_at..].iter().take_while(|&&c| !is_space(c) && c != b'/' && c != b'>').count();
        let name = names.get(&html[name_at..name_end]);
        if closing {
            i = find_byte(html, name_end, b'>').map_or(b.len(), |e| e + 1);
            if let Some(pos) = dropped.iter().rposition(|n| *n == name) {
                dropped.remove(pos);
            } else if let Some(pos) = open.iter().rposition(|o| o.1 == name) {
                open.truncate(pos);
            }
            continue;
        }
        let foreign = kids != Kids::Html || matches!(&*name, "svg" | "math");
        let (attrs, end, self_closing) = attributes(&src, name_end, &mut names, &mut scratch, foreign);
        i = end;
        let local: &str = &name;
        let (space, own_kids) = kids.child(local, &attrs);
        if space != Space::Html {
            // Foreign content: names keep their case (`foreignObject`), and
            // no element is raw text or void (an SVG `<style>`'s text is
            // escaped in the serialisation, its children are elements).
            let written = LocalName::from(&html[name_at..name_end]);
            let ns = if space == Space::Svg { ns!(svg) } else { ns!(mathml) };
            if self_closing || open.len() >= limit {
                if !self_closing {
                    dropped.push(name);
                }
                if open.len() < limit {
                    append_element(&mut tree, parent, ns, written, attrs);
                }
                continue;
            }
            let Some(el) = append_element(&mut tree, parent, ns, written, attrs) else { continue };
            open.push((el, name, own_kids));
            deepest = deepest.max(open.len());
            continue;
        }
        // (`<script/>` in markup that is not a serialisation: no raw text.)
        if RAW_TEXT.contains(&local) && !self_closing {
            // Verbatim text up to the end tag. Script contents are dropped
            // (nothing reads them) except JSON-LD; style contents too.
            let close = raw_text_end(html, i, local);
            let keep = match local {
                "style" => false,
                "script" => attrs.iter().any(|a| a.value.to_ascii_lowercase().contains("ld+json")),
                _ => true,
            };
            let text = if keep { &html[i..close] } else { "" };
            let el = element(&mut tree, parent, &name, attrs, open.len() >= limit);
            add_raw_text(&src, &mut tree, el.unwrap_or(parent), text);
            i = find_byte(html, close, b'>').map_or(b.len(), |e| e + 1);
            continue;
        }
        let void = VOID.contains(&local) || self_closing;
        if !void && open.len() >= limit {
            dropped.push(name);
            continue;
        }
        let Some(el) = element(&mut tree, parent, &name, attrs, false) else { continue };
        if !void {
            let mut target = el;
            if local == "template" {
                target = tree.get_mut(el).map(|mut t| t.append(Node::Fragment).id()).unwrap_or(el);
                templates += 1;
            }
            open.push((target, name, own_kids));
            deepest = deepest.max(open.len());
        }
    }
    let mut doc = Html { quirks_mode: markup5ever::interface::QuirksMode::NoQuirks, tree };
    if deepest + templates + 2 >= super::MAX_DEPTH {
        super::limit_depth(&mut doc, super::MAX_DEPTH);
    }
    doc
}

/// The comment whose `<!--` is at `lt`, ending at `-->` (or `--!>`), added
/// to `parent`; where reading goes on. Kept as a node (cleaning drops it
/// later) so that the text around it stays two text nodes, as the browser
/// has them.
fn add_comment(html: &str, lt: usize, tree: &mut Tree<Node>, parent: NodeId) -> usize {
    let len = html.len();
    let body = lt + 4;
    let close = find(html, body, "-->").unwrap_or(len);
    let (end, next) = match html[body.min(close)..close].find("--!>") {
        Some(e) => (body + e, body + e + 4),
        None => (close, (close + 3).min(len)),
    };
    if let Some(mut p) = tree.get_mut(parent) {
        p.append(Node::Comment(scraper::node::Comment { comment: html[body.min(end)..end].into() }));
    }
    next
}

/// Where the raw text of a `local` element (script, style, textarea…)
/// starting at `i` ends: at its end tag.
fn raw_text_end(html: &str, i: usize, local: &str) -> usize {
    match local {
        // (A script whose text ends inside an escaped stretch has no end the
        // tokenizer would see: its first `</script`.)
        "script" => find_script_end(html, i).or_else(|| find_end_tag(html, i, local)),
        // Everything after <plaintext> is its text when parsed, so its text
        // may hold `</plaintext>`: the serialisation's own end tag is the
        // last one.
        "plaintext" => rfind_end_tag(html, i, local),
        _ => find_end_tag(html, i, local),
    }
    .unwrap_or(html.len())
}

/// About how many nodes reading `b` makes (a little more, never much less):
/// a node per start tag, comment or doctype, and a text node wherever text
/// comes before a tag or ends the page.
fn node_estimate(b: &[u8]) -> usize {
    let mut n = 2;
    let mut from = 0;
    while let Some(p) = memchr::memchr(b'<', &b[from..]) {
        let at = from + p;
        if b.get(at + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'!') {
            n += 1;
        }
        if at > 0 && b[at - 1] != b'>' {
            n += 1;
        }
        from = at + 1;
    }
    n
}

/// Tag and attribute names as atoms, cached: a page uses a few dozen names
/// thousands of times, and one slot picked by a cheap hash of the name is
/// cheaper than looking it up in the atom table (or scanning a list).
struct Names {
    slots: Vec<Option<(Box<str>, LocalName)>>,
}

impl Default for Names {
    fn default() -> Self {
        Names { slots: vec![None; Self::SLOTS] }
    }
}

impl Names {
    const SLOTS: usize = 256;

    /// The atom of `name` in ASCII lower case.
    fn get(&mut self, name: &str) -> LocalName {
        let b = name.as_bytes();
        let h = match b {
            [] => 0,
            [f, .., l] => (b.len() * 31) ^ (*f as usize * 7) ^ (*l as usize * 13) ^ (b[b.len() / 2] as usize * 3),
            [f] => *f as usize,
        };
        let slot = &mut self.slots[h % Self::SLOTS];
        if let Some((n, atom)) = slot {
            if **n == *name {
                return atom.clone();
            }
        }
        let atom = LocalName::from(lower(name).as_ref());
        *slot = Some((name.into(), atom.clone()));
        atom
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// ASCII lower case, without allocating when there is nothing to change.
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        s.to_ascii_lowercase().into()
    } else {
        s.into()
    }
}

fn find(html: &str, from: usize, pat: &str) -> Option<usize> {
    html.get(from..)?.find(pat).map(|p| from + p)
}

/// [`find`] for one byte, an ASCII char (memchr: no substring searcher).
fn find_byte(html: &str, from: usize, c: u8) -> Option<usize> {
    memchr::memchr(c, html.as_bytes().get(from..)?).map(|p| from + p)
}

/// Where `</name` (any case, ended by a space, `/` or `>` as the HTML
/// tokenizer ends a tag name) starts at or after `from`. Also the end of raw
/// text for the pre-parse scan ([`super::prepare`]).
pub(super) fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let b = html.as_bytes();
    let mut at = from;
    while let Some(p) = find_byte(html, at, b'<') {
        if b.get(p + 1) != Some(&b'/') {
            at = p + 1;
            continue;
        }
        let n = &b[p + 2..];
        if n.len() >= name.len()
            && n[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && n.get(name.len()).is_none_or(|&c| is_space(c) || c == b'>' || c == b'/')
        {
            return Some(p);
        }
        at = p + 2;
    }
    None
}

/// The last `</name` at or after `from`.
fn rfind_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut last = None;
    let mut at = from;
    while let Some(p) = find_end_tag(html, at, name) {
        last = Some(p);
        at = p + 2;
    }
    last
}

/// Where a script's text ends (at `</script`), read as the HTML tokenizer
/// reads script data: after `<!--`, a `<script` starts a stretch in which
/// `</script` does not end the text (it ends that stretch), until `-->`.
fn find_script_end(html: &str, from: usize) -> Option<usize> {
    let b = html.as_bytes();
    let tag_at = |p: usize, closing: bool| {
        let n = p + 1 + closing as usize;
        b.get(n..n + 6).is_some_and(|t| t.eq_ignore_ascii_case(b"script"))
            && b.get(n + 6).is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
    };
    // Escaped: after `<!--`; double: after `<script` there.
    let (mut escaped, mut double) = (false, false);
    let mut i = from;
    loop {
        if !escaped {
            let p = find_byte(html, i, b'<')?;
            if b.get(p + 1) == Some(&b'/') && tag_at(p, true) {
                return Some(p);
            }
            if b[p..].starts_with(b"<!--") {
                escaped = true;
                // `<!-->` and `<!--->` close at once.
                i = p + 2;
                continue;
            }
            i = p + 1;
            continue;
        }
        // In an escaped stretch: `<`, or `-` (for `-->`).
        let p = memchr::memchr2(b'<', b'-', &b[i..]).map(|x| i + x)?;
        if b[p] == b'-' {
            if b[p..].starts_with(b"-->") {
                escaped = false;
                double = false;
                i = p + 3;
            } else {
                i = p + 1;
            }
            continue;
        }
        if b.get(p + 1) == Some(&b'/') && tag_at(p, true) {
            if !double {
                return Some(p);
            }
            double = false;
            i = p + 8;
            continue;
        }
        if !double && tag_at(p, false) {
            double = true;
            i = p + 7;
            continue;
        }
        i = p + 1;
    }
}

/// The attributes of a start tag whose name ends at `from`: (attributes,
/// index after the tag's `>`, written as self-closing?). The first of
/// duplicate attributes wins, as in the HTML parser.
fn attributes(
    src: &Src,
    from: usize,
    names: &mut Names,
    scratch: &mut Vec<Attribute>,
    foreign: bool,
) -> (Vec<Attribute>, usize, bool) {
    let html = src.html;
    let b = html.as_bytes();
    scratch.clear();
    let attrs = scratch;
    // The element keeps a vector of exactly its attributes (collected from
    // the scratch one): grown by pushing, an element with one attribute held
    // room for four (a 50 MB page's tree took 15 MB more).
    let exact = |attrs: &mut Vec<Attribute>| {
        let mut own = Vec::with_capacity(attrs.len());
        own.append(attrs);
        own
    };
    let mut i = from;
    loop {
        while i < b.len() && (is_space(b[i]) || (b[i] == b'/' && b.get(i + 1) != Some(&b'>'))) {
            i += 1;
        }
        match b.get(i) {
            None => return (exact(attrs), b.len(), false),
            Some(b'>') => return (exact(attrs), i + 1, false),
            Some(b'/') => return (exact(attrs), i + 2, true), // "/>"
            _ => {}
        }
        let start = i;
        i += 1; // a name may start with `=` (a parse error, kept as a name char)
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        // (Foreign elements' attributes keep their case: `viewBox`.)
        let name = if foreign { LocalName::from(&html[start..i]) } else { names.get(&html[start..i]) };
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = find_byte(html, i + 1, q).unwrap_or(b.len());
                    value = &html[i + 1..end];
                    i = (end + 1).min(b.len());
                }
                _ => {
                    let start = i;
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &html[start..i];
                }
            }
        }
        if !attrs.iter().any(|a| a.name.local == name) {
            attrs.push(Attribute { name: QualName::new(None, ns!(), name), value: src.piece(&decode(value)) });
        }
    }
}

/// Append an element `name` to `parent`; `None` when `flatten` (too deep:
/// the caller keeps its content in `parent`).
fn element(
    tree: &mut Tree<Node>,
    parent: NodeId,
    name: &LocalName,
    attrs: Vec<Attribute>,
    flatten: bool,
) -> Option<NodeId> {
    if flatten {
        return None;
    }
    append_element(tree, parent, ns!(html), name.clone(), attrs)
}

/// Append an element in namespace `ns` to `parent`.
fn append_element(
    tree: &mut Tree<Node>,
    parent: NodeId,
    ns: markup5ever::Namespace,
    name: LocalName,
    attrs: Vec<Attribute>,
) -> Option<NodeId> {
    let el = Element::new(QualName::new(None, ns, name), attrs);
    Some(tree.get_mut(parent)?.append(Node::Element(el)).id())
}

/// The markup being read, as text and as the tendril it is held in.
struct Src<'a> {
    html: &'a str,
    markup: &'a StrTendril,
}

impl Src<'_> {
    /// `s` as a tendril: a slice of the markup's when `s` lies in it (the
    /// buffer is shared, not copied), else a copy.
    fn piece(&self, s: &str) -> StrTendril {
        // (A tendril's length is a u32: offsets within it fit one.)
        let offset = (s.as_ptr() as usize).checked_sub(self.html.as_ptr() as usize);
        match offset {
            Some(o) if o.checked_add(s.len()).is_some_and(|end| end <= self.html.len()) => {
                self.markup.subtendril(o as u32, s.len() as u32)
            }
            _ => StrTendril::from_slice(s),
        }
    }
}

/// Append text to `parent`, merged into a text node just before it. (The
/// serialisation writes no extra newline after `<pre>`, as Chromium's does
/// not: none is dropped here.)
fn add_text(src: &Src, tree: &mut Tree<Node>, parent: NodeId, text: &str) {
    add_raw_text(src, tree, parent, &decode(text));
}

/// Append text as it is (raw text: no character references).
fn add_raw_text(src: &Src, tree: &mut Tree<Node>, parent: NodeId, decoded: &str) {
    if decoded.is_empty() {
        return;
    }
    let Some(mut p) = tree.get_mut(parent) else { return };
    if let Some(mut last) = p.last_child() {
        if let Node::Text(t) = last.value() {
            t.text.push_slice(decoded);
            return;
        }
    }
    p.append(Node::Text(Text { text: src.piece(decoded) }));
}

/// Decode character references (`&amp;`, `&#38;`, `&#x26;`, `&eacute;`…);
/// anything that is not one stays as written.
pub fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character reference at the start of `s` (which starts with `&`):
/// (its text, its length), when it is one ending in `;`.
pub fn reference(s: &str) -> Option<(String, usize)> {
    let end = s.as_bytes().iter().take(40).position(|&c| c == b';')?;
    let name = &s[1..end];
    let text = match name.strip_prefix('#') {
        Some(num) => {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            // NUL, surrogates and out-of-range numbers are not decoded (as
            // Readability leaves them in metadata; a serialisation has none).
            char::from_u32(code).filter(|&c| c != '\0')?.to_string()
        }
        None => named(&s[1..=end])?.to_string(),
    };
    Some((text, end + 1))
}

mod entities {
    include!(concat!(env!("OUT_DIR"), "/entities.rs"));
}

/// The text of the named reference `name` (with its `;`): a binary search of
/// the table build.rs writes (`name;text` entries, sorted by name).
fn named(name: &str) -> Option<&'static str> {
    use entities::{STARTS, TABLE};
    let entry = |i: usize| &TABLE[STARTS[i] as usize..STARTS[i + 1] as usize];
    let key = |e: &'static str| &e[..=e.find(';').unwrap_or(0)];
    let (mut lo, mut hi) = (0, STARTS.len() - 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match key(entry(mid)).cmp(name) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let e = entry(mid);
                return Some(&e[name.len()..]);
            }
        }
    }
    None
}
