//! Lucid Reader core.
//!
//! The pipeline has one module per stage:
//! [`parse`] → [`clean`] → [`extract`] → [`metadata`] → [`facts`] → [`cite`] → [`render`].
//! [`extract()`] runs all of them and returns an [`Article`], which serialises to
//! the JSON that the `lucid` CLI prints and the browser extension consumes.

pub mod cite;
pub mod clean;
pub mod declutter;
pub mod dom;
pub mod extract;
pub mod facts;
pub mod gate;
pub mod hints;
pub mod metadata;
pub mod ner;
pub mod parse;
pub mod render;
mod subtree;
pub mod title;
pub mod url;
#[cfg(not(target_arch = "wasm32"))]
pub mod warc;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::{Deserialize, Serialize};

mod types;
pub use types::{Error, Options, Signals};

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
    /// The page URL passed to [`extract()`] (a `<base href>` only affects links).
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
    /// view from it node by node. From [`extract_owned`] the facts are not
    /// marked in it yet: the browser's JSON marks them as it is written
    /// ([`render::Marked`]).
    #[serde(skip)]
    pub nodes: Vec<render::RNode>,
}

/// Extract the article from `html` (the page's markup), found at `url`.
pub fn extract(html: &str, url: &str, options: &Options) -> Result<Article, Error> {
    extract_doc(html, |h| parse::parse(h), parse::parse, url, options, Output::All)
}

/// [`extract()`], with a panic (a bug) turned into [`Error::Internal`]
/// instead of a crash: what the CLI and the Python package call. (The wasm
/// build aborts on a panic; the extension starts a fresh module instead.)
pub fn try_extract(html: &str, url: &str, options: &Options) -> Result<Article, Error> {
    std::panic::catch_unwind(|| extract(html, url, options)).unwrap_or(Err(Error::Internal))
}

/// [`extract()`] for a page the browser has parsed, given as its
/// serialisation (`document.documentElement.outerHTML`): read back as written
/// ([`parse::read_serialized`]) instead of parsed again.
pub fn extract_serialized(html: &str, url: &str, options: &Options) -> Result<Article, Error> {
    extract_doc(html, |h| parse::read_serialized(h), parse::read_serialized, url, options, Output::All)
}

/// Which text forms of the article [`extract_doc`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    All,
    /// No `html` (the browser builds the reader view from `nodes`), no
    /// `markdown` (written when the article is copied: `render::copy_document`),
    /// and no facts marked in `nodes` (marked as the JSON is written).
    Browser,
}

/// [`extract_serialized()`] for the extension: takes the markup (the page's
/// texts are slices of it, not copies: [`parse::read_serialized_shared`]),
/// frees it with the page once the article is rendered (a large page's peak
/// memory), and leaves `html` empty.
pub fn extract_owned(html: String, url: &str, options: &Options) -> Result<Article, Error> {
    let markup = scraper::StrTendril::from_slice(&html);
    drop(html);
    extract_doc(markup, parse::read_serialized_shared, parse::read_serialized, url, options, Output::Browser)
}

/// The pipeline. Each stage's input is dropped once the next no longer needs
/// it: the markup (kept for a rare second parse) after the content is found
/// (unless the page's texts share its buffer: then with the page), the page
/// after rendering. `parse_str` reads other markup the same way (the page
/// with its `<noscript>` and `<template>` copies opened).
fn extract_doc<M: std::ops::Deref<Target = str>>(
    html: M,
    parse_raw: fn(&M) -> scraper::Html,
    parse_str_raw: fn(&str) -> scraper::Html,
    url: &str,
    options: &Options,
    output: Output,
) -> Result<Article, Error> {
    // Every tree the pipeline reads has the HTML that the browser draws
    // inside MathML and SVG moved out of it first (src/parse/foreign.rs).
    let lifted = |mut doc: scraper::Html| {
        parse::lift_foreign(&mut doc, options.annotations_drawn);
        doc
    };
    let parse = |h: &M| lifted(parse_raw(h));
    let parse_str = |h: &str| lifted(parse_str_raw(h));
    let signals = Signals::without(&options.disable)?;
    let accessed = match options.accessed.as_deref() {
        Some(d) if cite::date_parts(d).is_some_and(|p| p.len() == 3) && d.len() == 10 => d.to_string(),
        Some(d) => return Err(Error::BadOption(format!("accessed date {d:?} is not YYYY-MM-DD"))),
        None => cite::today(),
    };
    parse::check_input(&html)?;
    let doc = parse(&html);
    let meta = metadata::collect(&doc, url, signals);
    // A picked element is the article, all of it (scripts, forms and hidden
    // parts aside): the reader chose it over what scoring would.
    let content = if options.picked {
        extract::whole_page(doc)
    } else {
        extract::find_content(doc, &|| parse(&html), &meta, signals)
    };
    // The gate: prose makes an article; a page that declares itself one is
    // shown whatever its best candidate holds (a link roll is a post too).
    // A candidate with next to no prose on a page that has plenty of it
    // elsewhere (a landing page of sections, none of which scored) is a poor
    // pick: the page itself is judged, and shown whole if it is prose.
    let judged = match content {
        Some(c) if options.force || meta.is_article_type => Ok(Some(c)),
        Some(c) => {
            let prose = gate::measure(&c.doc, &c.nodes);
            if prose.is_article() {
                Ok(Some(c))
            } else if prose.chars < gate::MIN_PROSE && signals.whole_page {
                extract::whole_page(parse(&html))
                    .filter(|p| gate::measure(&p.doc, &p.nodes).is_page_of_prose())
                    .map(Some)
                    .ok_or(Error::NotAnArticle)
            } else {
                Err(Error::NotAnArticle)
            }
        }
        None => Ok(None),
    };
    // A post that is only in a `<noscript>` (what the page shows without
    // scripts) or a `<template>` (what a script would clone in): when the page
    // itself holds no article, or a fraction of that copy, the copy is read.
    let weak = match &judged {
        Ok(Some(c)) => c.text_len < extract::HIDDEN_MIN,
        _ => true,
    };
    // (Only then is the markup scanned for them: never on a page that has its article.)
    let judged = match (weak && signals.hidden_copies && !options.picked).then(|| extract::unhidden(&html)).flatten() {
        Some(markup) => {
            let copy = extract::find_content(parse_str(&markup), &|| parse_str(&markup), &meta, signals)
                .filter(|c| options.force || meta.is_article_type || gate::measure(&c.doc, &c.nodes).is_article());
            match (copy, judged) {
                (Some(copy), Ok(Some(c))) if copy.text_len <= 2 * c.text_len => Ok(Some(c)),
                (Some(copy), _) => Ok(Some(copy)),
                (None, judged) => judged,
            }
        }
        None => judged,
    };
    let content = judged?;
    // A post whose page holds little of what its JSON-LD `articleBody` says
    // (a teaser, or text a script builds): the articleBody is the article.
    let content = match (&meta.article_body, content) {
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
    };
    // "Show it anyway" always shows something: the page's own text when the
    // extractor kept nothing of it (a page of headline links). So the markup
    // is kept for that second parse when forced.
    let html = if options.force { Some(html) } else { None };
    let base = meta.base_url.clone();
    let (content, rendered) = match content {
        Some(c) => {
            let r = render::render(&c.doc, &c.nodes, &base, &meta.title, signals);
            (c, r)
        }
        None if html.is_none() => return Err(Error::NotAnArticle),
        None => {
            let c = extract::whole_page(parse(html.as_ref().expect("kept when forced"))).ok_or(Error::NotAnArticle)?;
            let r = render::render(&c.doc, &c.nodes, &base, &meta.title, signals);
            (c, r)
        }
    };
    let (content, mut rendered) = match html {
        Some(html) if render::plain_text(&rendered.tree).text.trim().is_empty() => {
            let c = extract::whole_page(parse(&html)).ok_or(Error::NotAnArticle)?;
            let r = render::render(&c.doc, &c.nodes, &base, &meta.title, signals);
            (c, r)
        }
        _ => (content, rendered),
    };
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
        // The browser writes the Markdown when it is copied (`render::copy_document`).
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
    article.citation = cite::build(&source, &accessed);
    Ok(article)
}
