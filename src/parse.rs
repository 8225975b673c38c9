//! Stage 1: check and decode the input, and parse it into a DOM tree.

use crate::types::Error;
use scraper::Html;

/// How the pipeline reads a page: its markup (`M`: a string, or the buffer
/// its texts share), read by `page`, and other markup (the page with its
/// `<noscript>` and `<template>` copies opened) by `other`, each tree with the
/// HTML the browser draws inside MathML and SVG moved out of it first
/// ([`lift_foreign`]).
///
/// The one place that says why a page may be read more than once: finding
/// the content takes a tree apart, and a later step of its ladder, or a
/// fallback to the whole page, starts from a fresh read of the markup instead
/// of a copy of the tree kept for it. Most pages are read once; reading again
/// on the few that need it is cheaper, in time and in peak memory, than
/// cloning every page's tree in case.
pub struct Reader<M> {
    markup: M,
    page: fn(&M) -> Html,
    other: fn(&str) -> Html,
    annotations_drawn: bool,
}

impl<M: std::ops::Deref<Target = str>> Reader<M> {
    /// A reader of `markup`, once it is checked ([`check_input`]).
    pub fn new(
        markup: M,
        page: fn(&M) -> Html,
        other: fn(&str) -> Html,
        annotations_drawn: bool,
    ) -> Result<Self, Error> {
        check_input(&markup)?;
        Ok(Reader { markup, page, other, annotations_drawn })
    }
    /// The page's markup.
    pub fn markup(&self) -> &str {
        &self.markup
    }
    /// The page, read afresh.
    pub fn page(&self) -> Html {
        self.lifted((self.page)(&self.markup))
    }
    /// Other markup, read as the page is.
    pub fn other(&self, markup: &str) -> Html {
        self.lifted((self.other)(markup))
    }
    fn lifted(&self, mut doc: Html) -> Html {
        lift_foreign(&mut doc, self.annotations_drawn);
        doc
    }
}

/// Reject input that is empty, binary, or plain text without markup.
pub fn check_input(html: &str) -> Result<(), Error> {
    if html.trim().is_empty() {
        return Err(Error::Empty);
    }
    let head: String = html.chars().take(4096).collect();
    let control =
        head.chars().filter(|&c| (c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}').count();
    if head.contains('\0') || control * 10 > head.chars().count() {
        return Err(Error::NotHtml("binary data".into()));
    }
    let lower = head.to_ascii_lowercase();
    let has_markup = ["<html", "<body", "<head", "<!doctype", "<p", "<div", "<article", "<title", "<meta"]
        .iter()
        .any(|t| lower.contains(t))
        || html.to_ascii_lowercase().contains("<p");
    if !has_markup {
        return Err(Error::NotHtml("no HTML markup found".into()));
    }
    Ok(())
}

/// Decode raw page bytes to text: UTF-8 (with or without BOM) when valid,
/// otherwise Windows-1252, the encoding browsers assume for legacy pages.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// A page's bytes decoded as a browser would, given the charset its server
/// sent (`charset`, from the HTTP Content-Type): a byte-order mark first;
/// bytes that are valid UTF-8 as UTF-8 (a label that says otherwise is
/// almost always stale: the page was re-encoded, its `<meta>` kept); else the
/// charset sent, else a `<meta charset>` in the first 1,024 bytes (the
/// Encoding Standard's labels and decoders: `iso-8859-1` is windows-1252,
/// `gb2312` is GBK…), else windows-1252 (as [`decode`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_hinted(bytes: &[u8], charset: Option<&str>) -> String {
    use encoding_rs::Encoding;
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let declared = charset.and_then(|c| Encoding::for_label(c.as_bytes())).or_else(|| meta_charset(bytes));
    match declared {
        // (UTF-16 without a byte-order mark is read as the Encoding Standard
        // reads it in a <meta>: as UTF-8, here with U+FFFD for what is not.)
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_8 => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        // (Not valid UTF-8 and nothing declared: windows-1252, as `decode`.)
        enc => enc.unwrap_or(encoding_rs::WINDOWS_1252).decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv content="…;
/// charset=…">` in the first 1,024 bytes names (the prescan, simplified).
#[cfg(not(target_arch = "wasm32"))]
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut rest = &head[..];
    while let Some(at) = memchr::memmem::find(rest, b"<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..memchr::memchr(b'>', rest).unwrap_or(rest.len())];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let value = tag[c + 7..].trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
            let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
            let end =
                value.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')).unwrap_or(value.len());
            return encoding_rs::Encoding::for_label(&value[..end]);
        }
    }
    None
}

/// The length of the longest prefix of `b` that does not end inside a char.
pub fn complete_utf8_len(b: &[u8]) -> usize {
    // The last char starts at most 3 bytes before the end.
    for back in 1..=b.len().min(4) {
        let i = b.len() - back;
        let lead = b[i];
        if lead & 0xC0 != 0x80 {
            let need = match lead {
                0x00..=0x7F => 1,
                0xF0..=0xFF => 4,
                0xE0..=0xEF => 3,
                _ => 2,
            };
            return if back >= need { b.len() } else { i };
        }
    }
    b.len()
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Deeper nesting than this is flattened after parsing, so that the later
/// stages (which walk the tree recursively) have a bounded stack.
pub const MAX_DEPTH: usize = 256;

/// Markup nested deeper than this is flattened before parsing, as browsers do
/// (Chromium's parser stops nesting at 512): html5ever's cost grows with the
/// square of the nesting depth.
pub const MAX_PARSE_DEPTH: usize = 512;

pub mod dump;
mod foreign;
mod serialized;
pub use foreign::lift as lift_foreign;
pub use serialized::decode as decode_references;

/// `s` written as markup text (and attribute values), `&`, `<`, `>`, quotes
/// and no-break spaces as references: what [`decode_references`] reads back.
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

/// Read a document the browser has already parsed, from its serialisation
/// (`outerHTML`): see [`serialized`]. The extension's path; the CLI parses
/// pages as served with [`parse`].
pub fn read_serialized(html: &str) -> Html {
    serialized::read(html, MAX_PARSE_DEPTH)
}

/// [`read_serialized`] from markup held as a tendril, whose buffer the tree's
/// texts then share instead of copying it (the extension's path).
pub fn read_serialized_shared(markup: &scraper::StrTendril) -> Html {
    serialized::read_shared(markup, MAX_PARSE_DEPTH)
}

/// `page` parsed and written back as the browser's
/// `document.documentElement.outerHTML` writes it: the HTML serialisation with
/// scripting on (`<noscript>` contents verbatim; scraper's own `html()` turns
/// scripting off). What the extension hands the core, for tests and tools.
#[cfg(not(target_arch = "wasm32"))]
pub fn outer_html(page: &str) -> String {
    outer_html_of(&parse(page))
}

/// A parsed document written as `document.documentElement.outerHTML` writes it.
#[cfg(not(target_arch = "wasm32"))]
pub fn outer_html_of(doc: &Html) -> String {
    use html5ever::serialize::{serialize, SerializeOpts, TraversalScope};
    let mut out = Vec::new();
    let opts = SerializeOpts {
        scripting_enabled: true,
        traversal_scope: TraversalScope::IncludeNode,
        create_missing_parent: false,
    };
    match serialize(&mut out, &doc.root_element(), opts) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Parse a whole document (HTML5 parsing rules, as a browser does).
pub fn parse(html: &str) -> Html {
    let capped = prepare(html, MAX_PARSE_DEPTH);
    let mut doc = Html::parse_document(capped.as_deref().unwrap_or(html));
    limit_depth(&mut doc, MAX_DEPTH);
    doc
}

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Drop the start and end tags of elements nested deeper than `limit` (their
/// text stays), and empty `<script>` (all but JSON-LD) and `<style>` elements:
/// nothing reads them, and on news pages they are half of the bytes the
/// parser would otherwise tokenize. One linear scan. Returns `None` when there
/// is nothing to change.
pub fn prepare(html: &str, limit: usize) -> Option<String> {
    // (tag name as written, kept?) for every open element.
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut deepest = 0;
    // (start, end, replacement): deep tags become a space, inert contents nothing.
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let at = i + p;
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map(|e| at + e + 3).unwrap_or(html.len());
            continue;
        }
        let end = match rest.find('>') {
            Some(e) => at + e + 1,
            None => break,
        };
        let closing = rest.starts_with("</");
        let from = at + if closing { 2 } else { 1 };
        let len = bytes[from..end].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        let name = &html[from..from + len];
        i = end;
        if name.is_empty() {
            continue;
        }
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if closing {
            if let Some(pos) = stack.iter().rposition(|(n, _)| n.eq_ignore_ascii_case(name)) {
                if !stack[pos].1 {
                    edits.push((at, end, " "));
                }
                stack.truncate(pos);
            }
            continue;
        }
        if ["script", "style", "textarea", "title", "xmp", "plaintext"].iter().any(|n| is(n)) {
            // Raw text: skip to its end tag.
            let close = serialized::find_end_tag(html, end, name).unwrap_or(html.len());
            let inert = is("style") || (is("script") && !html[at..end].to_ascii_lowercase().contains("ld+json"));
            if inert && close > end {
                edits.push((end, close, ""));
            }
            i = close;
            continue;
        }
        if VOID.iter().any(|v| is(v)) || bytes[end - 2] == b'/' {
            continue;
        }
        let kept = stack.len() < limit;
        if !kept {
            edits.push((at, end, " "));
        }
        stack.push((name, kept));
        deepest = deepest.max(stack.len());
    }
    if deepest <= limit {
        edits.retain(|e| e.2.is_empty());
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (a, b, with) in edits {
        out.push_str(&html[last..a]);
        out.push_str(with);
        last = b;
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// Replace the children of every node at depth `max` by their text, so no
/// element is nested deeper than that. A hostile page nested 100,000 deep
/// keeps its words and cannot exhaust the stack.
pub fn limit_depth(doc: &mut Html, max: usize) {
    let mut cut: Vec<(ego_tree::NodeId, String)> = Vec::new();
    let mut stack = vec![(doc.tree.root().id(), 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let Some(node) = doc.tree.get(id) else { continue };
        if depth >= max {
            if node.children().any(|c| c.value().is_element()) {
                let text: String =
                    node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
                cut.push((id, text));
            }
            continue;
        }
        stack.extend(node.children().map(|c| (c.id(), depth + 1)));
    }
    for (id, text) in cut {
        let children: Vec<ego_tree::NodeId> =
            doc.tree.get(id).map(|n| n.children().map(|c| c.id()).collect()).unwrap_or_default();
        for c in children {
            if let Some(mut c) = doc.tree.get_mut(c) {
                c.detach();
            }
        }
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.append(scraper::Node::Text(scraper::node::Text { text: text.as_str().into() }));
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_named_reference_decodes_as_the_html_tokenizer_does() {
        let mut n = 0;
        for (name, &(a, b)) in markup5ever::data::NAMED_ENTITIES.entries() {
            if !name.ends_with(';') || a == 0 {
                continue;
            }
            let want: String = [a, b].iter().filter(|&&c| c != 0).filter_map(|&c| char::from_u32(c)).collect();
            assert_eq!(decode_references(&format!("x&{name}y")), format!("x{want}y"), "&{name}");
            n += 1;
        }
        assert!(n > 2000, "only {n} references");
        assert_eq!(decode_references("&amp &zz; &Amp; &;"), "&amp &zz; &Amp; &;");
    }
    use super::*;

    #[test]
    fn utf8_prefix_never_ends_inside_a_char() {
        let s = "a é € 😀";
        for end in 0..=s.len() {
            let b = &s.as_bytes()[..end];
            let cut = complete_utf8_len(b);
            assert!(std::str::from_utf8(&b[..cut]).is_ok(), "{end}");
            // Only an incomplete last char is held back.
            assert!(end - cut < 4 && (s.is_char_boundary(end) == (cut == end)), "{end}: {cut}");
        }
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(check_input("   \n"), Err(Error::Empty));
        assert!(matches!(check_input("\0\x01\x02binary\x03\x04"), Err(Error::NotHtml(_))));
        assert!(matches!(check_input("just some words"), Err(Error::NotHtml(_))));
        assert!(check_input("<p>Hello</p>").is_ok());
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_the_text() {
        let html = format!("<body>{}deep words{}</body>", "<div>".repeat(5000), "</div>".repeat(5000));
        let doc = parse(&html);
        let depth = doc.tree.root().descendants().map(|n| n.ancestors().count()).max().unwrap_or(0);
        assert!(depth <= MAX_DEPTH + 1, "depth {depth}");
        assert!(doc.root_element().text().any(|t| t.contains("deep words")));
    }

    #[test]
    fn nesting_is_capped_before_parsing() {
        assert_eq!(prepare("<div><p>a</p><!-- <div> --><b>'<div>'</b></div>", 512), None);
        // Script (but not JSON-LD) and style contents go; the elements stay.
        assert_eq!(
            prepare("<script>'<div>'</SCRIPT ><style>p{}</style><script type=application/ld+json>{}</script><title><script></title>", 512).unwrap(),
            "<script></SCRIPT ><style></style><script type=application/ld+json>{}</script><title><script></title>"
        );
        let deep = format!("{}x{}", "<div>".repeat(600), "</div>".repeat(600));
        let capped = prepare(&deep, 512).unwrap();
        assert_eq!(capped.matches("<div>").count(), 512);
        assert_eq!(capped.matches("</div>").count(), 512);
        assert!(capped.contains('x'));
    }

    #[test]
    fn decodes_legacy_bytes() {
        assert_eq!(decode(b"caf\xe9 \x93ok\x94"), "café “ok”");
        assert_eq!(decode("\u{feff}é".as_bytes()), "é");
    }

    #[test]
    fn decodes_by_the_charset_the_server_or_the_page_names() {
        // Shift_JIS for 日本, named by the server, or by the page, or by neither.
        let sjis = b"<p>\x93\xfa\x96\x7b</p>";
        assert_eq!(decode_hinted(sjis, Some("Shift_JIS")), "<p>日本</p>");
        let page =
            [&b"<html><head><meta http-equiv=Content-Type content='text/html; charset=shift_jis'>"[..], sjis].concat();
        assert!(decode_hinted(&page, None).ends_with("<p>日本</p>"));
        let page = [&b"<meta charset=\"gb2312\"><p>"[..], "中文".as_bytes()].concat();
        assert!(decode_hinted(&page, None).ends_with("中文"), "valid UTF-8 is UTF-8 whatever the label");
        let gbk = b"<meta charset=gb2312><p>\xd6\xd0\xce\xc4";
        assert!(decode_hinted(gbk, None).ends_with("中文"));
        assert!(
            decode_hinted(gbk, Some("windows-1251")).ends_with("ЦРОД"),
            "the server's charset wins over the page's"
        );
        assert_eq!(decode_hinted(b"caf\xe9", Some("iso-8859-1")), "café");
        assert_eq!(decode_hinted(b"caf\xe9", Some("no-such-charset")), "café");
        assert_eq!(decode_hinted(b"caf\xe9", Some("utf-8")), "caf\u{fffd}");
        assert_eq!(decode_hinted("\u{feff}é".as_bytes(), Some("windows-1251")), "é", "a byte-order mark wins");
        assert_eq!(decode_hinted("é".as_bytes(), Some("utf-16le")), "é");
        // Undeclared and not UTF-8: windows-1252, byte for byte as `decode`.
        let every: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_hinted(&every, None), decode(&every));
    }
}
