//! What pruning asks of every container of the article (its text length,
//! commas, links, headings and how many paragraphs, images, list items,
//! inputs and figures it holds), measured for a whole subtree in one walk,
//! bottom-up, instead of one walk per question per container: pruning judges
//! a container after its children, so a page of nested `<div>`s was read
//! once per level of nesting, eight times over.
//!
//! Each number is exactly what the per-node helpers give ([`dom::norm_len`],
//! [`dom::text_and_link_len`], a count of `descendants()` by tag), which the
//! tests check on real pages.

use crate::dom::{self, NRef, NodeMap};
use scraper::Node;

/// The whitespace-collapsed text of a run of nodes, as a monoid: how many
/// non-space chars, how many words, whether it starts inside a word (its
/// first char is not a space) and ends inside one. Joining two runs merges a
/// word that spans them, as [`dom::norm_len`]'s walk does.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct Norm {
    chars: usize,
    words: usize,
    any: bool,
    starts_in_word: bool,
    ends_in_word: bool,
}

impl Norm {
    fn of_text(t: &str) -> Norm {
        let mut n = Norm::default();
        let mut in_word = false;
        for c in t.chars() {
            if !n.any {
                n.any = true;
                n.starts_in_word = !c.is_whitespace();
            }
            if c.is_whitespace() {
                in_word = false;
            } else {
                if !in_word {
                    n.words += 1;
                    in_word = true;
                }
                n.chars += 1;
            }
        }
        n.ends_in_word = in_word;
        n
    }

    fn join(self, b: Norm) -> Norm {
        if !b.any {
            return self;
        }
        if !self.any {
            return b;
        }
        Norm {
            chars: self.chars + b.chars,
            words: self.words + b.words - usize::from(self.ends_in_word && b.starts_in_word),
            any: true,
            starts_in_word: self.starts_in_word,
            ends_in_word: b.ends_in_word,
        }
    }

    fn len(&self) -> usize {
        self.chars + self.words.saturating_sub(1)
    }
}

/// Tags counted below a node (itself included, as `descendants()` counts).
pub const COUNTED: [&str; 5] = ["p", "img", "li", "input", "figure"];

/// One node's subtree.
#[derive(Clone, Copy, Default, Debug)]
pub struct Sub {
    norm: Norm,
    /// Commas (any script's) in the text.
    pub commas: usize,
    /// (text, text inside links) as [`dom::text_and_link_len`] counts them.
    pub text_links: (usize, usize),
    /// How many of each of [`COUNTED`].
    pub counts: [usize; COUNTED.len()],
    /// The text length of every heading below, nested ones counted again.
    pub heading_len: usize,
}

impl Sub {
    /// [`dom::norm_len`] of the node.
    pub fn norm_len(&self) -> usize {
        self.norm.len()
    }

    pub fn count(&self, tag: &str) -> usize {
        COUNTED.iter().position(|t| *t == tag).map_or(0, |i| self.counts[i])
    }
}

/// [`Sub`] for `root` and every element below it.
pub fn measure(root: &NRef) -> NodeMap<Sub> {
    let mut out = NodeMap::default();
    walk(root, &mut out);
    out
}

fn walk(n: &NRef, out: &mut NodeMap<Sub>) -> Sub {
    let mut s = Sub::default();
    for d in n.children() {
        match d.value() {
            Node::Text(t) => {
                s.norm = s.norm.join(Norm::of_text(t));
                s.commas += t.chars().filter(|&c| crate::dom::is_comma(c)).count();
                s.text_links.0 += dom::collapsed_len(t);
            }
            Node::Element(e) => {
                let c = walk(&d, out);
                for (a, b) in s.counts.iter_mut().zip(c.counts) {
                    *a += b;
                }
                s.heading_len += c.heading_len;
                if !dom::never_content(e.name()) {
                    s.norm = s.norm.join(c.norm);
                    s.commas += c.commas;
                    let link = e.name() == "a" && dom::get(e, "href").is_some_and(|h| !h.starts_with('#'));
                    s.text_links.0 += c.text_links.0;
                    s.text_links.1 += if link { c.text_links.0 } else { c.text_links.1 };
                }
            }
            _ if d.has_children() => {
                // A `<template>`'s contents: counted, not read as text.
                let c = walk(&d, out);
                for (a, b) in s.counts.iter_mut().zip(c.counts) {
                    *a += b;
                }
                s.heading_len += c.heading_len;
            }
            _ => {}
        }
    }
    if let Some(t) = dom::tag(n) {
        if let Some(i) = COUNTED.iter().position(|c| *c == t) {
            s.counts[i] += 1;
        }
        if matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            s.heading_len += s.norm.len();
        }
        out.insert(n.id(), s);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str) {
        let doc = crate::parse::parse(html);
        let root = doc.tree.root();
        let subs = measure(&root);
        for n in root.descendants().filter(|d| d.value().is_element()) {
            let s = subs[&n.id()];
            let text = dom::norm_text(&n);
            assert_eq!(s.norm_len(), dom::norm_len(&n), "norm_len of <{}> in {html:?}", dom::tag(&n).unwrap());
            assert_eq!(s.norm_len(), text.chars().count());
            assert_eq!(s.commas, text.chars().filter(|&c| crate::dom::is_comma(c)).count());
            assert_eq!(s.text_links, dom::text_and_link_len(&n));
            for t in COUNTED {
                assert_eq!(s.count(t), n.descendants().filter(|d| dom::tag(d) == Some(t)).count(), "{t}");
            }
            let headings: usize = n
                .descendants()
                .filter(|d| dom::tag(d).is_some_and(|t| matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")))
                .map(|d| dom::norm_len(&d))
                .sum();
            assert_eq!(s.heading_len, headings);
        }
    }

    #[test]
    fn the_same_numbers_as_a_walk_per_node() {
        check("<div> a<b>b</b>c <i> d </i><script>x, y</script>e,<a href=/x>f, g</a> <a href=#t>h</a></div>");
        check("<div><h2>A <span>b</span></h2><section><h3>c</h3><p>d，e<img><noscript><p>x</noscript></p></section></div>");
        check("<ul><li> <input> </li><li>x<figure><img><img></figure>y</li></ul><p>   </p><p></p>");
        check("<div>foo<noscript>bar</noscript>baz <h1>q<h2>r</h2></h1></div>");
        check("<div>a<template><p>b</p><h2>c</h2></template>d</div>");
    }

    #[test]
    fn the_same_numbers_on_real_pages() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut n = 0;
        for e in std::fs::read_dir(&dir).unwrap() {
            let page = e.unwrap().path().join("page.html");
            if let Ok(html) = std::fs::read_to_string(&page) {
                check(&html);
                n += 1;
            }
        }
        assert!(n >= 5, "fixtures read: {n}");
    }
}
