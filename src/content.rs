//! Stage 3: the content — found, judged, or replaced. A Readability-style scorer: paragraphs
//! (real `<p>`s, inline-only blocks, and runs of text split by `<br><br>`) give
//! points to their ancestors, weighted by class/id hints and link density; the
//! best candidate and its related siblings form the article, which is then
//! cleaned of link lists, forms and other leftovers; then judged by the
//! gate, or replaced by a hidden copy of the post or its JSON-LD body
//! (`choose`).

mod choose;
mod prune;
mod score;
mod widen;
// (The steps of finding the content; each takes what it needs of the others
// through this module.)
use choose::*;
use prune::*;
use score::*;
use widen::*;

use crate::clean::{self, Flags};
use crate::dom::{self, has_block_child, NRef, NodeMap};
use crate::hints::{hints, matches};
use crate::metadata::Metadata;
use crate::parse::Reader;
use crate::types::{Error, Options, Signals};
use ego_tree::NodeId;
use scraper::{Html, Node};
use std::ops::Deref;

/// The chosen content: a pruned copy of the document and the nodes, in
/// document order, that make up the article.
pub struct Content {
    pub doc: Html,
    pub nodes: Vec<NodeId>,
    pub text_len: usize,
    /// Byline text found (and removed) in the page body.
    pub byline: Vec<String>,
}

const MIN_TEXT: usize = 500;

/// The article's content in `doc` (read by `read`), or `None` when nothing
/// was found (the pipeline then shows the whole page if forced); an error
/// when what was found is not an article.
pub fn choose<M: Deref<Target = str>>(
    doc: Html,
    read: &Reader<M>,
    meta: &Metadata,
    options: &Options,
    signals: Signals,
) -> Result<Option<Content>, Error> {
    // A picked element is the article, all of it (scripts, forms and hidden
    // parts aside): the reader chose it over what scoring would.
    let content = if options.picked { whole_page(doc) } else { find(doc, &|| read.page(), meta, signals) };
    let judged = judge(content, read, options, meta, signals);
    let judged = with_hidden_copy(judged, read, options, meta, signals);
    Ok(with_article_body(judged?, options, meta, signals))
}

/// Finds the content in `doc`, which it takes apart. Most pages succeed at
/// the first step of the ladder; a later step starts from `reparse()`, a fresh
/// read of the same page ([`Reader`] says why).
pub fn find(doc: Html, reparse: &dyn Fn() -> Html, meta: &Metadata, signals: Signals) -> Option<Content> {
    let mut best: Option<Content> = None;
    // A passage of the strictest step's find, when that find is prose (two
    // sentences or more, longer than a cookie notice), and its length: a
    // relaxed step that no longer holds it found other text (a newsletter
    // form, a comment thread the strict step had stripped), not more of it,
    // and is taken only if it is much longer (the strict step having
    // stripped the story and found a footer blurb).
    let mut anchor: Option<(String, usize)> = None;
    let mut first = Some(doc);
    for flags in Flags::LADDER {
        let flags = Flags { signals, ..flags };
        let mut d = first.take().unwrap_or_else(reparse);
        let byline = clean::strip(&mut d, flags, &meta.title);
        let Some(mut nodes) = grab(&mut d, flags, &meta.title) else {
            continue;
        };
        if signals.lead {
            nodes = crate::lead::with_lead(&d, nodes, &meta.title);
        }
        if signals.widen {
            nodes = widen(&d, nodes);
        }
        let text_len: usize = nodes.iter().filter_map(|&id| d.tree.get(id)).map(|n| dom::norm_len(&n)).sum();
        let c = Content { doc: d, nodes, text_len, byline };
        if let Some((a, len)) = &anchor {
            if signals.ladder_anchor && text_len < 2 * len && !content_text(&c).contains(a.as_str()) {
                continue;
            }
        } else if best.is_none() && {
            let p = crate::gate::measure(&c.doc, &c.nodes);
            p.chars >= 250 && p.sentences >= 2
        } {
            let text = content_text(&c);
            let mid = text.char_indices().map(|(i, _)| i).nth(text.chars().count().saturating_sub(60) / 2).unwrap_or(0);
            anchor = Some((text[mid..].chars().take(60).collect(), text_len));
        }
        if text_len >= MIN_TEXT {
            return Some(c);
        }
        if best.as_ref().is_none_or(|b| text_len > b.text_len) {
            best = Some(c);
        }
    }
    best.filter(|b| b.text_len > 0)
}

/// The chosen nodes' text, whitespace collapsed, one space between nodes.
fn content_text(c: &Content) -> String {
    c.nodes.iter().filter_map(|&id| c.doc.tree.get(id)).map(|n| dom::norm_text(&n)).collect::<Vec<_>>().join(" ")
}

/// An article from plain text (a JSON-LD `articleBody`): each line a
/// paragraph, read as the markup of a page holding only them.
pub fn from_text(text: &str) -> Option<Content> {
    let mut markup = String::from("<html><head></head><body><article>");
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        markup.push_str("<p>");
        crate::parse::escape_text(line, &mut markup);
        markup.push_str("</p>");
    }
    markup.push_str("</article></body></html>");
    whole_page(crate::parse::read_serialized(&markup))
}

/// Below this many characters of text, the content found is weak enough
/// that a `<noscript>` or `<template>` copy of the post is looked at.
pub const HIDDEN_MIN: usize = 500;

/// The page's markup with its `<noscript>` and `<template>` elements made
/// ordinary `<div>`s, so that a post held only there (shown when scripts are
/// off, or cloned in by a script) is read as page content; `None` when the
/// page has neither, or under two paragraphs in them. (A noscript's
/// content is raw text up to the first `</noscript`, as the browser read and
/// serialised it, so renaming its tags gives the markup it holds.)
pub fn unhidden(html: &str) -> Option<String> {
    const TAGS: [&[u8]; 2] = [b"noscript", b"template"];
    let b = html.as_bytes();
    // The tag (open or close) at byte `i` (a `<`), if it is one of TAGS:
    // (closing, where its name starts, where it ends).
    let tag_at = |i: usize| -> Option<(bool, usize, usize)> {
        let closing = b.get(i + 1) == Some(&b'/');
        let at = i + 1 + closing as usize;
        TAGS.iter().find_map(|t| {
            let end = at + t.len();
            (b.get(at..end)?.eq_ignore_ascii_case(t)
                && b.get(end).is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/')))
            .then_some((closing, at, end))
        })
    };
    let mut out = String::new();
    let (mut last, mut depth, mut paragraphs) = (0, 0usize, 0);
    for i in memchr::memchr_iter(b'<', b) {
        if depth > 0
            && b.get(i + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b'p'))
            && b.get(i + 2).is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
        {
            paragraphs += 1;
        }
        if let Some((closing, name, end)) = tag_at(i) {
            depth = if closing { depth.saturating_sub(1) } else { depth + 1 };
            out.push_str(&html[last..name]);
            out.push_str("div");
            last = end;
        }
    }
    if paragraphs < 2 {
        return None;
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// The whole page's body, with only what is never content stripped (scripts,
/// navigation, hidden nodes): what "Show it anyway" shows when the
/// extractor kept nothing.
pub fn whole_page(mut doc: Html) -> Option<Content> {
    let flags = Flags::LADDER[Flags::LADDER.len() - 1];
    let byline = clean::strip(&mut doc, flags, "");
    let body = doc.tree.root().descendants().find(|n| dom::tag(n) == Some("body"))?.id();
    let text_len = dom::norm_len(&doc.tree.get(body)?);
    (text_len > 0).then_some(Content { doc, nodes: vec![body], text_len, byline })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::Metadata;

    fn run(html: &str) -> String {
        let doc = Html::parse_document(html);
        let meta = Metadata::default();
        let c = find(doc.clone(), &|| doc.clone(), &meta, crate::types::Signals::ALL).expect("content");
        c.nodes.iter().map(|&id| dom::norm_text(&c.doc.tree.get(id).unwrap())).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn boilerplate_lines_whole_or_as_a_linked_prefix() {
        let long = "word ".repeat(150);
        let links = "<a href=/x>link</a> ".repeat(60);
        let cases = [
            ("Advertisement", true),
            (" ADVERTISEMENT: ", true),
            ("Advertisement......!!!", true),
            ("PUBLICITÉ", true),
            ("Ähnliche Beiträge", true),
            ("Diesen Artikel teilen", true),
            ("Read More <a href=/a>about the story</a>", true),
            ("read more about the story", false),
            ("Readmore <a href=/a>about the story</a>", false),
            (&format!("Read more <a href=/a>{long}</a>"), true),
            (&format!("Related {links}"), true),
            (&format!("Related {long}"), false),
            ("İstanbul advertisement", false),
            ("", false),
            ("...", false),
            (&format!("Tags: {}", "<a href=/t>t</a> ".repeat(300)), true),
            (&format!("Tags: {}", "<a href=/t>t</a> ".repeat(600)), false),
            ("<strong>Tags<br><a href=/t>one</a>, <a href=/t>two</a></strong>", true),
            ("Sponsored: Compare home insurance quotes from leading providers in minutes.", true),
            ("<b>Anzeige</b> | Neue Küchen zum halben Preis, nur diese Woche im Möbelhaus.", true),
            ("Contenu sponsorisé : des lunettes pour toute la famille.", true),
            ("Advertising: the word readers trusted least, the survey found.", false),
            ("Sponsored content is a growing share of the paper's revenue, the report says.", false),
            ("Advertisers said the campaign: a success.", false),
            ("Section &gt;", true),
            ("<a href=/n>News</a> › <a href=/r>Region</a> › <a href=/c>Courts</a>", true),
            ("News › Region", false),
            ("« Nous partons demain, et nous reviendrons. »", false),
            ("»Wir gehen morgen.«", false),
            ("&lt;The Palace: Jang Noksu&gt;", false),
            ("&lt;ul&gt; List of &lt;img&gt;", false),
            ("If a &gt; b and b &gt; c, then a &gt; c follows from the rule.", false),
        ];
        for (c, want) in cases {
            let doc = Html::parse_document(&format!("<div id=x>{c}</div>"));
            let n = doc.tree.root().descendants().find(|d| dom::attr(d, "id") == Some("x")).unwrap();
            assert_eq!(is_boilerplate(&n, dom::norm_len(&n)), want, "{c}");
        }
    }

    #[test]
    fn picks_article_over_sidebar() {
        let para =
            "This is a long paragraph of the story, with commas, clauses, and enough words to count as real text. ";
        let html = format!(
            r#"<body><div id="menu"><a href="/a">Home</a> <a href="/b">World</a></div>
            <div class="main-story"><p>{para}</p><p>{para}</p><p>{para}</p></div>
            <div class="related"><ul><li><a href="/x">Other headline that is long enough</a></li></ul></div></body>"#
        );
        let got = run(&html);
        assert!(got.contains("long paragraph"));
        assert!(!got.contains("Other headline"));
        assert!(!got.contains("Home"));
    }

    #[test]
    fn br_separated_text_is_found() {
        let para = "Text of the story separated by line breaks, as old sites do, with commas, and clauses.";
        let html = format!(
            r#"<body><table><tr><td><a href="/">Logo</a></td></tr><tr><td class="x">{para}<br><br>{para}<br><br>{para}<br><br>{para}</td></tr></table></body>"#
        );
        let got = run(&html);
        assert!(got.matches("separated by line breaks").count() == 4, "{got}");
        assert!(!got.contains("Logo"));
    }

    fn run_titled(html: &str, title: &str, lead: bool) -> String {
        let doc = Html::parse_document(html);
        let meta = Metadata { title: title.into(), ..Metadata::default() };
        let signals = crate::types::Signals { lead, ..crate::types::Signals::ALL };
        let c = find(doc.clone(), &|| doc.clone(), &meta, signals).expect("content");
        c.nodes.iter().map(|&id| dom::norm_text(&c.doc.tree.get(id).unwrap())).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn the_story_between_the_title_and_a_longer_block_is_kept() {
        // An open letter, then its long list of signatories (which scores
        // higher): the letter is the article, and one unmarked deck is not.
        let letter = "Our institutions are facing a moment of trial, and we write to say what we think of it. ";
        let names: String = (0..60).map(|i| format!("Signatory Number{i}, Some University, ")).collect();
        let html = format!(
            "<body><div class=top><h1>A letter on debate</h1><p>{letter}</p><p>{letter}</p></div>\
             <div class=names><p>{names}</p><p>{names}</p></div></body>"
        );
        let got = run_titled(&html, "A letter on debate", true);
        assert!(got.starts_with("Our institutions"), "{got}");
        assert!(!run_titled(&html, "A letter on debate", false).starts_with("Our institutions"));
        let html = format!(
            "<body><div class=top><h1>A letter on debate</h1><p>A display deck that sums the story up in one line.</p></div>\
             <div class=body><p>{letter}{letter}</p><p>{letter}{letter}</p><p>{letter}</p></div></body>"
        );
        let got = run_titled(&html, "A letter on debate", true);
        assert!(!got.contains("display deck"), "{got}");
    }

    #[test]
    fn a_relaxed_step_does_not_trade_a_short_story_for_other_text() {
        // The story is one paragraph (under 500 characters, so the ladder
        // goes on); the relaxed steps keep the footer, whose newsletter form
        // has more text. The story stays the article.
        let story = "The regional conference on integration takes place online on the 11th and 12th of \
                     February, and the fire brigades' project will be there. Workshops on public relations \
                     and the daily work of institutions are planned. The week itself runs from September \
                     to October in many towns.";
        let form = "<p>Stay up to date, informed, and involved, with our news and information about the association and its work.</p>\
                    <p>I agree that the association may send me information, news, and invitations, about its activities regularly.</p>\
                    <p>I consent to the processing of my data, as described, and after signing up, I will receive an e-mail, to confirm.</p>\
                    <p>Something went wrong, sorry, please try again, later, or write to us, by e-mail, or by post.</p>";
        let block = |inner: &str| {
            format!("<div class=component><div class=container><div class=content>{inner}</div></div></div>")
        };
        let html = format!(
            "<body><div class=wrapper><main><article class=post><header><h1>Conference</h1></header>\
             <section class=post-main>{}</section><footer class=post-footer><section class=post-meta>{}</section>{}</footer>\
             </article></main></div></body>",
            block(&format!("<p>{story}</p>")),
            block("<p class=social-title>Share this:</p><ul><li><a href=/f>Facebook</a></li></ul>"),
            block(&format!("<div class=wrap><h3>Newsletter</h3><form><fieldset>{form}<input type=email></fieldset></form></div>")),
        );
        let doc = Html::parse_document(&html);
        let got = |signals| {
            let c = find(doc.clone(), &|| doc.clone(), &Metadata::default(), signals).expect("content");
            content_text(&c)
        };
        let with = got(crate::types::Signals::ALL);
        assert!(with.contains("regional conference") && !with.contains("Stay up to date"), "{with}");
        let without = got(crate::types::Signals { ladder_anchor: false, ..crate::types::Signals::ALL });
        assert!(without.contains("Stay up to date"), "the test no longer exercises the rule: {without}");
    }

    #[test]
    fn a_story_in_components_deep_in_main_joins_up_whatever_its_wrappers_class_says() {
        // A CMS's body field: components nine levels below <main>, in a
        // wrapper whose class holds "label" (the field's label hidden), which
        // says clutter of a lead but wraps the chosen story itself.
        let para = "A paragraph of the story, with commas, clauses, and enough words to count as real text here. ";
        let deep = |inner: &str| {
            format!("<div class=region><div class=block><div class=content-wrapper>{inner}</div></div></div>")
        };
        let html = format!(
            "<body><main><div class=layout>{}</div></main></body>",
            deep(&format!(
                "<div class='field field--label-hidden field__items'>\
                 <div class=item><div class=component><div class=text><p>The first component opens the story, in a wrapper of its own.</p></div></div></div>\
                 <div class=item><div class=embed><blockquote>An embedded post</blockquote></div></div>\
                 <div class=item><div class=component><div class=text><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></div></div></div>\
                 </div>"
            ))
        );
        let doc = Html::parse_document(&html);
        let got = |signals| content_text(&find(doc.clone(), &|| doc.clone(), &Metadata::default(), signals).unwrap());
        let with = got(crate::types::Signals::ALL);
        assert!(with.starts_with("The first component opens the story"), "{with}");
        assert!(!with.contains("embedded post"), "{with}");
        assert!(!got(crate::types::Signals { widen: false, ..crate::types::Signals::ALL }).contains("first component"));
    }

    #[test]
    fn a_recipes_lists_without_links_stay() {
        // Ingredients and steps are lists without a link: the story's own.
        let para = "This cake is a family favourite, and it takes less than an hour, from the first egg to the oven. ";
        let html = format!(
            "<body><article><h1>Mandarin cake</h1><p>{para}{para}</p><p>{para}{para}</p><p>{para}{para}</p>\
             <div class=card><h3>Ingredients</h3><ul class=ingredients><li><p>200 g flour</p></li><li><p>100 g butter</p></li>\
             <li><p>2 eggs</p></li><li><p>Seasoning to your own taste and preference</p></li></ul>\
             <h3>Method</h3><ol class=steps><li>Rub the butter into the flour.</li><li>Beat in the eggs.</li></ol></div>\
             </article></body>"
        );
        let doc = Html::parse_document(&html);
        let got = content_text(
            &find(doc.clone(), &|| doc.clone(), &Metadata::default(), crate::types::Signals::ALL).unwrap(),
        );
        assert!(got.contains("100 g butter") && got.contains("Beat in the eggs."), "{got}");
    }

    #[test]
    fn pictures_each_with_a_paragraph_of_text_are_no_gallery() {
        let para = "The story goes on here, with commas, clauses, and enough words to be a paragraph of its own. ";
        let step = |i: usize| {
            format!(
                "<div class=step><img src=/s{i}.jpg><div>Step {i}: the dough rests for an hour in a warm place, \
                 covered with a damp cloth, until it has doubled in size and springs back.</div></div>"
            )
        };
        let steps: String = (1..=4).map(step).collect();
        let gallery: String =
            (1..=4).map(|i| format!("<div class=shot><img src=/g{i}.jpg><span>Photo {i}</span></div>")).collect();
        let html = format!(
            "<body><article><h1>Bread</h1><p>{para}{para}</p><p>{para}</p>\
             <div class=steps>{steps}</div><div class=shots>{gallery}</div><p>{para}</p></article></body>"
        );
        let doc = Html::parse_document(&html);
        let got = content_text(
            &find(doc.clone(), &|| doc.clone(), &Metadata::default(), crate::types::Signals::ALL).unwrap(),
        );
        assert!(got.contains("Step 3: the dough rests"), "{got}");
        assert!(!got.contains("Photo 2"), "{got}");
    }

    #[test]
    fn prose_in_the_article_container_before_the_chosen_body_joins_it() {
        let para = "A paragraph of the story, with commas, clauses, and enough words to count as real text here. ";
        let html = format!(
            "<body><main><article><div class=hero><div class=inner><p>The first paragraph stands apart from the body in a wrapper of its own.</p></div></div>\
             <div class=body><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></div></article>\
             <div class=aside-box><p>Not part of the article at all, but prose all the same.</p></div></main></body>"
        );
        let doc = Html::parse_document(&html);
        let got = |signals| content_text(&find(doc.clone(), &|| doc.clone(), &Metadata::default(), signals).unwrap());
        let with = got(crate::types::Signals::ALL);
        assert!(with.starts_with("The first paragraph stands apart"), "{with}");
        assert!(!with.contains("Not part of the article"), "{with}");
        assert!(
            !got(crate::types::Signals { widen: false, ..crate::types::Signals::ALL }).contains("The first paragraph")
        );
    }

    #[test]
    fn noscript_and_template_open_as_divs() {
        let p = "<p>one</p><p>two</p>";
        assert_eq!(unhidden("<body><p>no copies here</p><p>at all</p></body>"), None);
        assert_eq!(unhidden("<head><noscript><img src=x></noscript></head>"), None, "no post inside");
        assert_eq!(
            unhidden(&format!("<body><NoScript class=a>{p}</noScript><noscripts>x</noscripts></body>")).unwrap(),
            format!("<body><div class=a>{p}</div><noscripts>x</noscripts></body>")
        );
        assert_eq!(unhidden(&format!("<template>{p}</template><template/>")).unwrap(), format!("<div>{p}</div><div/>"));
        // Text that merely mentions the tags is not touched.
        assert_eq!(
            unhidden(&format!("<template>{p}</template><p>a noscript tag</p>")).unwrap(),
            format!("<div>{p}</div><p>a noscript tag</p>")
        );
    }
}
