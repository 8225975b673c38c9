//! The pipeline that [`crate::extract()`] and its siblings run, step by
//! step: read the page → its metadata → its content (found, judged by the
//! gate, or taken from a hidden copy or the JSON-LD body) → rendered → key
//! facts and citation. Each stage's input is dropped once the next no longer
//! needs it: the markup (kept for a rare second parse) after the content is
//! found (unless the page's texts share its buffer: then with the page), the
//! page after rendering.

use crate::extract::Content;
use crate::metadata::Metadata;
use crate::parse::{self, Reader};
use crate::types::{Error, Options, Signals};
use crate::{cite, extract, facts, gate, metadata, render};
use scraper::Html;
use serde::{Deserialize, Serialize};
use std::ops::Deref;

/// The article found in a page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Article {
    pub title: String,
    pub authors: Vec<String>,
    /// ISO 8601 (`YYYY-MM-DD` or a full timestamp with offset when known).
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// Text direction of the page (`ltr`/`rtl`) when the page declares it.
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    /// The page's own picture of the article (`og:image`…), an absolute URL:
    /// shown at the top of an article that has no image of its own.
    pub image: Option<String>,
    /// The page URL passed to [`crate::extract()`] (a `<base href>` only affects links).
    pub url: String,
    /// Article body as plain text, paragraphs separated by blank lines.
    pub text: String,
    /// Sanitised article HTML (allow-listed elements and attributes only).
    pub html: String,
    /// Article body as Markdown.
    pub markdown: String,
    pub word_count: usize,
    pub facts: Vec<facts::Fact>,
    /// The facts panel: who, which organisations, where and how much, ranked
    /// ([`facts::panel`]).
    pub panel: facts::panel::Panel,
    pub citation: cite::Citation,
    /// The sanitised article as a tree (what `html` is written from), with
    /// the facts marked in it. Not in the JSON; the browser builds the reader
    /// view from it node by node. From [`crate::extract_owned`] the facts are not
    /// marked in it yet: the browser's JSON marks them as it is written
    /// ([`render::Marked`]).
    #[serde(skip)]
    pub nodes: Vec<render::RNode>,
}

/// Which text forms of the article [`run`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    All,
    /// No `html` (the browser builds the reader view from `nodes`), no
    /// `markdown` (written when the article is copied: `document::copy_document`),
    /// and no facts marked in `nodes` (marked as the JSON is written).
    Browser,
}

/// The pipeline over `html`, read by `page` (and other markup by `other`).
pub(crate) fn run<M: Deref<Target = str>>(
    html: M,
    page: fn(&M) -> Html,
    other: fn(&str) -> Html,
    url: &str,
    options: &Options,
    output: Output,
) -> Result<Article, Error> {
    let signals = Signals::without(&options.disable)?;
    let accessed = accessed(options)?;
    let read = parse::Reader::new(html, page, other, options.annotations_drawn)?;
    let doc = read.page();
    let meta = metadata::collect(&doc, url, signals);
    // A picked element is the article, all of it (scripts, forms and hidden
    // parts aside): the reader chose it over what scoring would.
    let content = if options.picked {
        extract::whole_page(doc)
    } else {
        extract::find_content(doc, &|| read.page(), &meta, signals)
    };
    let judged = judge(content, &read, options, &meta, signals);
    let judged = with_hidden_copy(judged, &read, options, &meta, signals);
    let content = with_article_body(judged?, options, &meta, signals);
    // "Show it anyway" always shows something: the page's own text when the
    // extractor kept nothing of it (a page of headline links). So the markup
    // is kept for that second parse when forced.
    let read = if options.force { Some(read) } else { None };
    let rendered = rendered(content, read, &meta, signals)?;
    assemble(rendered, meta, url, &accessed, options, signals, output)
}

/// The date cited as the access date: the option's, checked, or today.
fn accessed(options: &Options) -> Result<String, Error> {
    Ok(match options.accessed.as_deref() {
        Some(d) if cite::date_parts(d).is_some_and(|p| p.len() == 3) && d.len() == 10 => d.to_string(),
        Some(d) => return Err(Error::BadOption(format!("accessed date {d:?} is not YYYY-MM-DD"))),
        None => cite::today(),
    })
}

/// The gate: prose makes an article; a page that declares itself one is
/// shown whatever its best candidate holds (a link roll is a post too).
/// A candidate with next to no prose on a page that has plenty of it
/// elsewhere (a landing page of sections, none of which scored) is a poor
/// pick: the page itself is judged, and shown whole if it is prose.
fn judge<M: Deref<Target = str>>(
    content: Option<Content>,
    read: &Reader<M>,
    options: &Options,
    meta: &Metadata,
    signals: Signals,
) -> Result<Option<Content>, Error> {
    match content {
        Some(c) if options.force || meta.is_article_type => Ok(Some(c)),
        Some(c) => {
            let prose = gate::measure(&c.doc, &c.nodes);
            if prose.is_article() {
                Ok(Some(c))
            } else if prose.chars < gate::MIN_PROSE && signals.whole_page {
                extract::whole_page(read.page())
                    .filter(|p| gate::measure(&p.doc, &p.nodes).is_page_of_prose())
                    .map(Some)
                    .ok_or(Error::NotAnArticle)
            } else {
                Err(Error::NotAnArticle)
            }
        }
        None => Ok(None),
    }
}

/// A post that is only in a `<noscript>` (what the page shows without
/// scripts) or a `<template>` (what a script would clone in): when the page
/// itself holds no article, or a fraction of that copy, the copy is read.
/// (Only then is the markup scanned for them: never on a page that has its
/// article.)
fn with_hidden_copy<M: Deref<Target = str>>(
    judged: Result<Option<Content>, Error>,
    read: &Reader<M>,
    options: &Options,
    meta: &Metadata,
    signals: Signals,
) -> Result<Option<Content>, Error> {
    let weak = match &judged {
        Ok(Some(c)) => c.text_len < extract::HIDDEN_MIN,
        _ => true,
    };
    match (weak && signals.hidden_copies && !options.picked).then(|| extract::unhidden(read.markup())).flatten() {
        Some(markup) => {
            let copy = extract::find_content(read.other(&markup), &|| read.other(&markup), meta, signals)
                .filter(|c| options.force || meta.is_article_type || gate::measure(&c.doc, &c.nodes).is_article());
            match (copy, judged) {
                (Some(copy), Ok(Some(c))) if copy.text_len <= 2 * c.text_len => Ok(Some(c)),
                (Some(copy), _) => Ok(Some(copy)),
                (None, judged) => judged,
            }
        }
        None => judged,
    }
}

/// A post whose page holds little of what its JSON-LD `articleBody` says (a
/// teaser, or text a script builds): the articleBody is the article.
fn with_article_body(
    content: Option<Content>,
    options: &Options,
    meta: &Metadata,
    signals: Signals,
) -> Option<Content> {
    match (&meta.article_body, content) {
        (Some(body), c)
            if signals.json_ld
                && !options.picked
                && c.as_ref().is_none_or(|c| c.text_len * 3 < body.chars().count()) =>
        {
            // (The standfirst, which the body often leaves out, goes first.)
            let lead = meta.description.as_deref().filter(|d| {
                let start: String = d.chars().take(40).collect();
                !body.contains(start.trim())
            });
            let text = match lead {
                Some(lead) => format!("{lead}\n{body}"),
                None => body.clone(),
            };
            extract::from_text(&text).or(c)
        }
        (_, c) => c,
    }
}

/// The content rendered as the clean tree; when forced (the reader kept), the
/// whole page instead of no content, or of a content that renders empty.
fn rendered<M: Deref<Target = str>>(
    content: Option<Content>,
    read: Option<Reader<M>>,
    meta: &Metadata,
    signals: Signals,
) -> Result<(Content, render::Rendered), Error> {
    let base = meta.base_url.clone();
    let render = |c: &Content| render::render(&c.doc, &c.nodes, &base, &meta.title, signals);
    let (content, rendered) = match content {
        Some(c) => {
            let r = render(&c);
            (c, r)
        }
        None => {
            let Some(read) = &read else { return Err(Error::NotAnArticle) };
            let c = extract::whole_page(read.page()).ok_or(Error::NotAnArticle)?;
            let r = render(&c);
            (c, r)
        }
    };
    Ok(match read {
        Some(read) if render::plain_text(&rendered.tree).text.trim().is_empty() => {
            let c = extract::whole_page(read.page()).ok_or(Error::NotAnArticle)?;
            let r = render(&c);
            (c, r)
        }
        _ => (content, rendered),
    })
}

/// The article from its rendered content and metadata: authors, date,
/// excerpt, the text forms `output` asks for, key facts and citation.
fn assemble(
    (content, mut rendered): (Content, render::Rendered),
    meta: Metadata,
    url: &str,
    accessed: &str,
    options: &Options,
    signals: Signals,
    output: Output,
) -> Result<Article, Error> {
    // The page's picture of the article, above a story that shows none (not
    // in what the reader picked by hand: that is the article as they chose it).
    if let Some(src) = meta.image.as_deref().filter(|_| signals.lead_image && !options.picked) {
        render::with_lead_image(&mut rendered.tree, src, meta.image_alt.as_deref());
    }
    let mut authors = meta.authors.clone();
    if authors.is_empty() {
        let mut raw = content.byline.clone();
        raw.extend(rendered.byline.clone());
        authors = metadata::normalize_authors(&raw);
    }
    // The page goes before the plain text is written (a large page's peak).
    drop(content);
    let plain = render::plain_text(&rendered.tree);
    if plain.text.trim().is_empty() {
        return Err(Error::NotAnArticle);
    }
    if authors.is_empty() {
        authors = meta.authors_fallback.clone();
    }
    let published = meta.published.clone().or(rendered.dateline.clone());
    let excerpt = meta.description.clone().or(plain.first_paragraph);
    let word_count = plain.text.split_whitespace().count();
    let mut article = Article {
        title: meta.title.clone(),
        authors,
        published,
        site_name: meta.site_name.clone(),
        lang: meta.lang.clone(),
        dir: meta.dir.clone(),
        excerpt,
        image: meta.image.clone(),
        url: url.to_string(),
        text: plain.text,
        html: String::new(),
        // The browser writes the Markdown when it is copied (`document::copy_document`).
        markdown: if output == Output::All { render::markdown(&rendered.tree) } else { String::new() },
        word_count,
        facts: Vec::new(),
        panel: Default::default(),
        citation: cite::Citation::default(),
        nodes: Vec::new(),
    };
    if !options.no_facts {
        article.facts = facts::find(&article.text, article.lang.as_deref());
        article.panel = facts::panel::panel(&article.facts);
    }
    let mut tree = rendered.tree;
    if output == Output::All {
        render::mark_facts(&mut tree, &article.facts);
        article.html = render::to_html(&tree);
    }
    article.nodes = tree;
    let source = cite::Source {
        title: &article.title,
        authors: &article.authors,
        published: article.published.as_deref(),
        site_name: article.site_name.as_deref(),
        lang: article.lang.as_deref(),
        url: &article.url,
        canonical: meta.canonical.as_deref(),
        kind: Some(cite::Kind::detect(&meta.ld_types, meta.og_type.as_deref(), meta.generator.as_deref(), url)),
    };
    article.citation = cite::build(&source, accessed);
    Ok(article)
}
