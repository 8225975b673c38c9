//! The clean tree as plain text: blocks separated by blank lines, the first
//! paragraph (the excerpt when the page has none), tables row by row.

use super::*;

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
pub(super) fn text_size(nodes: &[RNode]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            RNode::Text(t) | RNode::Mark { text: t, .. } => t.len() + 2,
            RNode::El { children, .. } => text_size(children) + 2,
        })
        .sum()
}

/// `t` without its soft hyphens ([`dom::SOFT_HYPHEN`]): the view keeps them
/// for the browser's hyphenation, the text, Markdown, key facts and
/// citations drop them.
pub(super) fn push_visible(s: &mut String, t: &str) {
    if t.contains(dom::SOFT_HYPHEN) {
        s.extend(t.chars().filter(|&c| c != dom::SOFT_HYPHEN));
    } else {
        s.push_str(t);
    }
}

pub(super) fn inline_text(nodes: &[RNode]) -> String {
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

pub(super) fn clean_line(s: &str) -> String {
    s.split('\n').map(dom::collapse_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Text blocks joined by a blank line as they come (collecting them first
/// held the article's text twice).
#[derive(Default)]
pub(super) struct Blocks {
    pub(super) text: String,
    pub(super) any: bool,
}

impl Blocks {
    pub(super) fn push(&mut self, block: String) {
        if std::mem::replace(&mut self.any, true) {
            self.text.push_str("\n\n");
        }
        self.text.push_str(&block);
    }
}

pub(super) fn text_blocks(nodes: &[RNode], out: &mut Blocks) {
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

/// The tables in a figure, as text (its images and captions are not).
pub(super) fn figure_tables(nodes: &[RNode], out: &mut Blocks) {
    for n in nodes {
        match n {
            RNode::El { tag: "table", .. } => text_blocks(std::slice::from_ref(n), out),
            RNode::El { tag: "figcaption", .. } => {}
            RNode::El { children, .. } => figure_tables(children, out),
            _ => {}
        }
    }
}
