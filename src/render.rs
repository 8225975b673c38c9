//! Stage 4: render. Builds a *clean tree* from the chosen content with an
//! allow-list (elements, attributes, URL schemes), wraps loose text into
//! paragraphs (`<br><br>` splits them), and writes that tree as sanitised
//! HTML, plain text and Markdown. Page markup is never copied as a string:
//! every text node and attribute value is escaped on output.

use crate::dom::{self, NRef};
use crate::url;

mod build;
mod held;
mod html;
mod markdown;
mod marks;
mod math;
mod text;
mod tidy;
// (The stages of rendering, by what they write; each takes what it needs
// of the others through this module.)
use build::*;
pub use build::{render, with_lead_image};
use ego_tree::NodeId;
pub use held::held_text_and_tree;
pub(crate) use held::read_held;
pub use html::to_html;
use html::*;
pub use markdown::markdown;
use markdown::*;
pub use marks::mark_facts;
use marks::*;
use scraper::{Html, Node, StrTendril};
pub use text::plain_text;
use text::*;
pub use tidy::find_date;
use tidy::*;

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
