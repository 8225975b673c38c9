//! The types every stage shares: the options of an extraction, the signals
//! it may use, and its errors. Below every stage (each may import them);
//! `lib.rs` hands them on as the crate's face.

use serde::Deserialize;

/// Options for [`extract()`](crate::extract()).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Extract even when the page does not look like an article.
    pub force: bool,
    /// Signals to switch off, by name (see [`Signals::NAMES`]): for measuring
    /// what each one contributes (`./bench.sh quality --ablation`).
    pub disable: Vec<String>,
    /// The date the page was read (`YYYY-MM-DD`), cited as the access date;
    /// today when not given.
    pub accessed: Option<String>,
    /// The reader picked the element the article is in (the markup is that
    /// element in its ancestors): all of its content is the article, not what
    /// scoring would choose, nor the JSON-LD `articleBody` or a `<noscript>`
    /// copy instead.
    pub picked: bool,
    /// The browser draws the HTML in a MathML `annotation-xml` that is not
    /// a `<semantics>` annotation (Firefox does; Chromium, as MathML Core
    /// says, draws no annotation): that HTML is then the article's too
    /// (src/parse/foreign.rs). The extension sets it in Firefox.
    pub annotations_drawn: bool,
    /// No key facts: no `facts`, no `panel`, and nothing marked in `html`
    /// (the npm package's Readability-compatible face returns clean HTML).
    pub no_facts: bool,
}

/// The extraction signals that can be switched off one at a time.
#[derive(Debug, Clone, Copy)]
pub struct Signals {
    pub class_hints: bool,
    pub link_density: bool,
    pub commas: bool,
    pub br_runs: bool,
    pub chunks: bool,
    pub teasers: bool,
    pub boilerplate: bool,
    pub tail_trim: bool,
    pub captions: bool,
    pub lead_meta: bool,
    pub json_ld: bool,
    pub lead: bool,
    pub ladder_anchor: bool,
    pub widen: bool,
    pub end_notes: bool,
    pub whole_page: bool,
    pub hidden_copies: bool,
    pub lead_image: bool,
}

impl Default for Signals {
    fn default() -> Self {
        Signals::ALL
    }
}

impl Signals {
    pub const ALL: Signals = Signals {
        class_hints: true,
        link_density: true,
        commas: true,
        br_runs: true,
        chunks: true,
        teasers: true,
        boilerplate: true,
        tail_trim: true,
        captions: true,
        lead_meta: true,
        json_ld: true,
        lead: true,
        ladder_anchor: true,
        widen: true,
        end_notes: true,
        whole_page: true,
        hidden_copies: true,
        lead_image: true,
    };

    pub const NAMES: [&'static str; 18] = [
        "class-hints",
        "link-density",
        "commas",
        "br-runs",
        "chunks",
        "teasers",
        "boilerplate",
        "tail-trim",
        "captions",
        "lead-meta",
        "json-ld",
        "lead",
        "ladder-anchor",
        "widen",
        "end-notes",
        "whole-page",
        "hidden-copies",
        "lead-image",
    ];

    /// All signals on except the named ones.
    pub fn without(names: &[String]) -> Result<Signals, Error> {
        let mut s = Signals::default();
        for n in names {
            let flag = match n.as_str() {
                "class-hints" => &mut s.class_hints,
                "link-density" => &mut s.link_density,
                "commas" => &mut s.commas,
                "br-runs" => &mut s.br_runs,
                "chunks" => &mut s.chunks,
                "teasers" => &mut s.teasers,
                "boilerplate" => &mut s.boilerplate,
                "tail-trim" => &mut s.tail_trim,
                "captions" => &mut s.captions,
                "lead-meta" => &mut s.lead_meta,
                "json-ld" => &mut s.json_ld,
                "lead" => &mut s.lead,
                "ladder-anchor" => &mut s.ladder_anchor,
                "widen" => &mut s.widen,
                "end-notes" => &mut s.end_notes,
                "whole-page" => &mut s.whole_page,
                "hidden-copies" => &mut s.hidden_copies,
                "lead-image" => &mut s.lead_image,
                other => return Err(Error::BadOption(format!("unknown signal {other:?}"))),
            };
            *flag = false;
        }
        Ok(s)
    }
}

/// Why no article could be extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is empty or only whitespace.
    Empty,
    /// The input is not HTML (binary data, or text without markup).
    NotHtml(String),
    /// The page is HTML but holds no article (a home page, a form, a listing…).
    NotAnArticle,
    /// The options are not valid.
    BadOption(String),
    /// The core failed (a bug: a panic caught by [`crate::try_extract`]).
    Internal,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Empty => write!(f, "the page is empty"),
            Error::NotHtml(why) => write!(f, "not an HTML page: {why}"),
            Error::NotAnArticle => write!(f, "no article found on this page"),
            Error::BadOption(why) => write!(f, "bad option: {why}"),
            Error::Internal => write!(f, "internal error while extracting (please report this page)"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// A stable machine-readable code, used by the extension to pick a message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::NotHtml(_) => "not-html",
            Error::NotAnArticle => "not-an-article",
            Error::BadOption(_) => "bad-option",
            Error::Internal => "internal",
        }
    }
}
