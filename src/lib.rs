//! Lucid Reader core.
//!
//! The pipeline has one module per stage:
//! [`parse`] → [`metadata`] → [`content`] (with [`clean`], [`lead`] and
//! [`gate`]) → [`render`] → [`facts`] → [`cite`], run in that order by
//! `pipeline.rs`; [`document`] writes the finished article as one document.
//! This file is the crate's face: [`extract()`] and its siblings return an
//! [`Article`], which serialises to the JSON that the `lucid` CLI prints and
//! the browser extension consumes; the types every stage shares are in
//! `types.rs`.

pub mod cite;
pub mod clean;
pub mod content;
pub mod declutter;
pub mod document;
pub mod dom;
pub mod facts;
pub mod gate;
pub mod hints;
pub mod lead;
pub mod metadata;
pub mod ner;
pub mod parse;
mod pipeline;
pub mod render;
mod subtree;
pub mod title;
pub mod url;
#[cfg(not(target_arch = "wasm32"))]
pub mod warc;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

mod types;
pub use pipeline::Article;
pub use types::{Error, Options, Signals};

/// Extract the article from `html` (the page's markup), found at `url`.
pub fn extract(html: &str, url: &str, options: &Options) -> Result<Article, Error> {
    pipeline::run(html, |h| parse::parse(h), parse::parse, url, options, pipeline::Output::All)
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
    pipeline::run(html, |h| parse::read_serialized(h), parse::read_serialized, url, options, pipeline::Output::All)
}

/// [`extract_serialized()`] for the extension: takes the markup (the page's
/// texts are slices of it, not copies: [`parse::read_serialized_shared`]),
/// frees it with the page once the article is rendered (a large page's peak
/// memory), and leaves `html` empty.
pub fn extract_owned(html: String, url: &str, options: &Options) -> Result<Article, Error> {
    let markup = scraper::StrTendril::from_slice(&html);
    drop(html);
    pipeline::run(
        markup,
        parse::read_serialized_shared,
        parse::read_serialized,
        url,
        options,
        pipeline::Output::Browser,
    )
}
