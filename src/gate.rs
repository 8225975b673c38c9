//! "Is this an article?", decided on what the extractor found, by text
//! rather than by tag names: prose (sentences in blocks that are not links)
//! makes an article whatever carries it (`<p>`, `<td>` with `<br>` runs,
//! `<section>`, custom elements). A page is turned away only when the best
//! candidate has next to no prose, or is a list of links or teasers: headline
//! links, each with a short blurb (a home page, a section front, search
//! results, a product grid).

use crate::dom::{self, NRef};
use ego_tree::NodeId;
use scraper::{Html, Node};

/// What the text of a candidate is made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prose {
    /// Characters of prose (CJK characters count twice: a word in a char).
    pub chars: usize,
    /// Sentence ends in the prose.
    pub sentences: usize,
    /// Blocks that are a link of three words or more: headlines of teasers.
    pub link_blocks: usize,
    /// Prose between one headline link and the next, in order (the first
    /// entry is the prose before the first).
    pub runs: Vec<usize>,
}

/// Less prose than this is not worth a reader view (a caption, a one-line notice).
pub const MIN_PROSE: usize = 100;

impl Prose {
    /// Headline after headline, each with a short blurb, and no stretch of
    /// prose longer than a blurb anywhere: a listing. (A story's related
    /// links or a podcast's download links split its prose, but some of it
    /// runs on.)
    pub fn is_listing(&self) -> bool {
        if self.link_blocks < 4 {
            return false;
        }
        let mut runs = self.runs.clone();
        runs.sort_unstable();
        let longest = runs.last().copied().unwrap_or(0);
        let median = runs[runs.len() / 2];
        longest < 500 && median < 300
    }

    /// Enough prose, and not a listing.
    pub fn is_article(&self) -> bool {
        self.chars >= MIN_PROSE && !self.is_listing()
    }

    /// A whole page that reads as prose (asked when the extractor's pick
    /// had none): several times the least prose, in sentences, no listing.
    pub fn is_page_of_prose(&self) -> bool {
        self.chars >= 4 * MIN_PROSE && self.sentences >= 4 && !self.is_listing()
    }
}

/// One block of text, counted as it is read (nothing is copied).
#[derive(Default)]
struct Block {
    chars: usize,
    cjk: usize,
    words: usize,
    link_chars: usize,
    sentences: usize,
    heading: bool,
    /// The last character read was whitespace (or none was read yet).
    in_space: bool,
    /// The last character read ended a sentence.
    after_end: bool,
}

impl Block {
    fn new() -> Self {
        Block { in_space: true, ..Block::default() }
    }

    /// Count a text as whitespace-collapsed characters, words and sentence ends.
    fn read(&mut self, t: &str, in_link: bool) {
        for c in t.chars() {
            if c.is_whitespace() {
                if self.after_end {
                    self.sentences += 1;
                    self.after_end = false;
                }
                self.in_space = true;
                continue;
            }
            if self.in_space {
                if self.chars > 0 {
                    self.chars += 1; // the collapsed space
                    self.link_chars += usize::from(in_link);
                }
                self.words += 1;
                self.in_space = false;
            }
            self.chars += 1;
            self.link_chars += usize::from(in_link);
            if crate::dom::is_cjk(c) {
                self.cjk += 1;
            }
            if matches!(c, '。' | '！' | '？') {
                // CJK full stops need no space after them.
                self.sentences += 1;
                self.after_end = false;
            } else if is_sentence_end(c) {
                self.after_end = true;
            } else if self.after_end && !matches!(c, '"' | '\'' | '”' | '’' | '»' | ')') {
                self.after_end = false;
            }
        }
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।')
}

struct Walker {
    prose: Prose,
    cur: Block,
    run: usize,
    breaks: usize,
}

impl Walker {
    fn flush(&mut self) {
        let mut b = std::mem::replace(&mut self.cur, Block::new());
        if b.chars == 0 {
            return;
        }
        if b.after_end {
            b.sentences += 1;
        }
        let linked = b.link_chars * 10 >= b.chars * 8;
        if linked && (b.words >= 3 || b.cjk >= 6) {
            self.prose.link_blocks += 1;
            self.prose.runs.push(std::mem::take(&mut self.run));
            return;
        }
        if b.heading || b.link_chars * 2 >= b.chars || (b.words < 6 && b.cjk < 12) {
            return;
        }
        let weight = b.chars + b.cjk;
        self.prose.chars += weight;
        self.prose.sentences += b.sentences;
        self.run += weight;
    }

    fn walk(&mut self, n: NRef, in_link: bool, in_heading: bool) {
        match n.value() {
            Node::Text(t) => {
                if !t.trim().is_empty() {
                    self.breaks = 0;
                    self.cur.heading |= in_heading;
                }
                self.cur.read(t, in_link);
            }
            Node::Element(e) => {
                let t = e.name();
                if dom::never_content(t) || dom::is_hidden(&n) {
                    return;
                }
                if t == "br" {
                    self.breaks += 1;
                    if self.breaks >= 2 {
                        self.flush();
                    }
                    self.cur.read(" ", in_link);
                    return;
                }
                // Custom elements (`<story-para>`) are blocks as often as not.
                let block = dom::is_block(t) || t.contains('-');
                if block {
                    self.flush();
                }
                let heading = in_heading || matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                for c in n.children() {
                    self.walk(c, in_link || t == "a", heading);
                }
                if block {
                    self.flush();
                }
            }
            _ => {}
        }
    }
}

/// Measure the prose of the chosen nodes.
pub fn measure(doc: &Html, nodes: &[NodeId]) -> Prose {
    let mut w = Walker { prose: Prose::default(), cur: Block::new(), run: 0, breaks: 0 };
    for &id in nodes {
        if let Some(n) = doc.tree.get(id) {
            w.walk(n, false, false);
            w.flush();
        }
    }
    w.prose.runs.push(w.run);
    w.prose
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(body: &str) -> Prose {
        let doc = Html::parse_document(&format!("<body>{body}</body>"));
        let body = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("body")).unwrap().id();
        measure(&doc, &[body])
    }

    #[test]
    fn prose_in_any_container_counts() {
        let s = "The council approved the plan on Monday after a long debate, and work starts in May.";
        for body in [
            format!("<p>{s}</p><p>{s}</p>"),
            format!("<table><tr><td>{s}<br><br>{s}</td></tr></table>"),
            format!("<story-body><story-para>{s}</story-para><story-para>{s}</story-para></story-body>"),
            format!("<section>{s}<br>{s}</section>"),
        ] {
            let p = prose(&body);
            assert!(p.is_article(), "{body}: {p:?}");
            assert_eq!(p.sentences, 2, "{body}");
        }
    }

    #[test]
    fn links_headings_and_scraps_are_not_prose() {
        let p = prose("<h2>A heading that is long enough to be a sentence.</h2><p><a href=/x>A link that is long enough to be a sentence, really.</a></p><p>Share this.</p>");
        assert_eq!(p.chars, 0);
        assert!(!p.is_article());
    }

    #[test]
    fn teasers_are_a_listing_and_a_story_with_related_links_is_not() {
        let blurb = "The decision follows months of consultation with residents and businesses.";
        let teasers: String = (0..6)
            .map(|i| {
                format!("<article><h3><a href=/s{i}>Headline number {i} of the day</a></h3><p>{blurb}</p></article>")
            })
            .collect();
        let p = prose(&teasers);
        assert!(p.is_listing() && !p.is_article(), "{p:?}");
        let story =
            format!("<p>{}</p>", "A long paragraph of the story with many words in it, and commas. ".repeat(20));
        let p = prose(&format!(
            "{story}<ul>{}</ul>",
            (0..6).map(|i| format!("<li><a href=/r{i}>Related headline number {i}</a></li>")).collect::<String>()
        ));
        assert!(!p.is_listing() && p.is_article(), "{p:?}");
        // Prose split by a few link lines (downloads, "more on this") still runs on.
        let para = format!("<p>{}</p>", "A paragraph of the episode notes with words, and commas in it. ".repeat(8));
        let links = |k: usize| {
            (0..k).map(|i| format!("<p><a href=/d{i}>Download the episode as {i}</a></p>")).collect::<String>()
        };
        let p = prose(&format!("{para}{}{para}{}", links(2), links(2)));
        assert!(!p.is_listing(), "{p:?}");
    }

    #[test]
    fn cjk_prose_counts_by_characters() {
        let p = prose("<p>记者从气象部门获悉，受冷空气影响，我国北方大部地区十一日起出现今年首场大范围降雪。</p><p>多地交通部门已启动应急预案，对重点路段进行除雪作业。</p>");
        assert!(p.is_article(), "{p:?}");
        assert_eq!(p.sentences, 2);
    }
}
