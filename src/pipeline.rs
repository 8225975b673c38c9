//! The pipeline that [`crate::extract()`] and its siblings run, step by
//! step: read the page → its metadata → its content (found, judged by the
//! gate, or taken from a hidden copy or the JSON-LD body) → rendered → key
//! facts and citation. Each stage's input is dropped once the next no longer
//! needs it: the markup (kept for a rare second parse) after the content is
//! found (unless the page's texts share its buffer: then with the page), the
//! page after rendering.

use crate::content::Content;
use crate::metadata::Metadata;
use crate::parse::{self, Reader};
use crate::types::{Error, Options, Signals};
use crate::{cite, content, facts, metadata, render};
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
    let content = content::choose(doc, &read, &meta, options, signals)?;
    // "Show it anyway" always shows something: the page's own text when the
    // extractor kept nothing of it (a page of headline links). So the markup
    // is kept for that second parse when forced.
    let read = if options.force { Some(read) } else { None };
    let rendered = rendered(content, read, &meta, signals)?;
    let (mut article, tree) = assemble(rendered, &meta, url, options, signals, output)?;
    with_facts(&mut article, tree, options, output);
    article.citation = citation(&article, &meta, url, &accessed);
    Ok(article)
}

/// The date cited as the access date: the option's, checked, or today.
fn accessed(options: &Options) -> Result<String, Error> {
    Ok(match options.accessed.as_deref() {
        Some(d) if cite::date_parts(d).is_some_and(|p| p.len() == 3) && d.len() == 10 => d.to_string(),
        Some(d) => return Err(Error::BadOption(format!("accessed date {d:?} is not YYYY-MM-DD"))),
        None => cite::today(),
    })
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
            let c = content::whole_page(read.page()).ok_or(Error::NotAnArticle)?;
            let r = render(&c);
            (c, r)
        }
    };
    Ok(match read {
        Some(read) if render::plain_text(&rendered.tree).text.trim().is_empty() => {
            let c = content::whole_page(read.page()).ok_or(Error::NotAnArticle)?;
            let r = render(&c);
            (c, r)
        }
        _ => (content, rendered),
    })
}

/// The article from its rendered content and metadata: authors, date,
/// excerpt and the text forms `output` asks for (but the HTML, written with
/// the facts marked); and its clean tree.
fn assemble(
    (content, mut rendered): (Content, render::Rendered),
    meta: &Metadata,
    url: &str,
    options: &Options,
    signals: Signals,
    output: Output,
) -> Result<(Article, Vec<render::RNode>), Error> {
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
    let article = Article {
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
    Ok((article, rendered.tree))
}

/// Whether this build finds key facts as it extracts. The extension's reader
/// core does not: the view paints first, and the module loaded after the
/// paint finds them (`facts()` in src/wasm.rs), so the core carries none of
/// the facts stage's code and data.
const FACTS_BUILT_IN: bool =
    !cfg!(all(target_arch = "wasm32", not(any(feature = "csl", feature = "tidy", feature = "npm"))));

/// The key facts of the article's text and its panel (unless asked for
/// none), marked in its tree, which `output` may have written as HTML.
fn with_facts(article: &mut Article, mut tree: Vec<render::RNode>, options: &Options, output: Output) {
    if FACTS_BUILT_IN && !options.no_facts {
        article.facts = facts::find(&article.text, article.lang.as_deref());
        article.panel = facts::panel::panel(&article.facts);
    }
    if output == Output::All {
        render::mark_facts(&mut tree, &article.facts);
        article.html = render::to_html(&tree);
    }
    article.nodes = tree;
}

/// The article's citation, `accessed` the date cited as the access date.
fn citation(article: &Article, meta: &Metadata, url: &str, accessed: &str) -> cite::Citation {
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
    cite::build(&source, accessed)
}
