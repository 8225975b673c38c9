//! Beside the pipeline: live-page decluttering. Finds the clutter of the page the reader
//! came from (consent banners and their backdrops, ads, promoted and related
//! widgets, newsletter boxes, share bars, sticky video players, subscribe
//! nags) so that it can be hidden — reversibly — while the article stays.
//!
//! The decisions are made here, over any [`Page`]: the extension passes the
//! live DOM (`declutter::web`, through web-sys, with computed styles and
//! geometry); the CLI and the tests pass a parsed file (`declutter::native`,
//! which knows only inline styles). The rules are data:
//! - consent-manager selectors and consent text patterns compiled from
//!   `@duckduckgo/autoconsent` by `build.rs` ([`compile`]);
//! - `data/declutter.json`, one table per kind of clutter.
//!
//! Nothing that holds the article is ever chosen: every candidate is checked
//! against the article's own sentences (the `guard`), and against `main`,
//! `[role=main]` and `[itemprop~=articleBody]`.

#[cfg(test)]
mod compile;
#[cfg(test)]
mod filterlist;
pub mod listed;
mod plan;
mod signs;
// (The walk and the signs it reads; each takes what it needs of the other
// through this module.)
pub use plan::*;
pub use signs::*;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
#[cfg(target_arch = "wasm32")]
pub mod web;

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What a hidden element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Consent,
    Backdrop,
    Ad,
    Promoted,
    Newsletter,
    Share,
    Video,
    Nag,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Consent => "consent",
            Kind::Backdrop => "backdrop",
            Kind::Ad => "ad",
            Kind::Promoted => "promoted",
            Kind::Newsletter => "newsletter",
            Kind::Share => "share",
            Kind::Video => "video",
            Kind::Nag => "nag",
        }
    }
}

/// The attribute that hides an element (its value is the [`Kind`]).
pub const HIDDEN_ATTR: &str = "data-lucid-hidden";
/// On `html`/`body`/wrappers: which scroll lock is undone (`overflow`, `position`, `filter`, `opacity`, `pointer`).
pub const UNLOCK_ATTR: &str = "data-lucid-unlock";
/// The element's own `style` attribute, saved before an inline override
/// (`=` + value, or `-` when it had none).
pub const STYLE_ATTR: &str = "data-lucid-style";

/// The stylesheet that goes with the attributes (adopted by the content
/// script, so not a node of the page). The `:not(#…)` raises specificity
/// above the page's own `#id … !important` rules.
pub const STYLESHEET: &str = "\
[data-lucid-hidden]:not(#lucid-x#lucid-x#lucid-x){display:none!important}\
html[data-lucid-unlock~=overflow]:not(#lucid-x#lucid-x#lucid-x){overflow-y:auto!important}\
body[data-lucid-unlock~=overflow]:not(#lucid-x#lucid-x#lucid-x){overflow:visible!important}\
[data-lucid-unlock~=position]:not(#lucid-x#lucid-x#lucid-x){position:static!important;top:auto!important}\
[data-lucid-unlock~=filter]:not(#lucid-x#lucid-x#lucid-x){filter:none!important}\
[data-lucid-unlock~=opacity]:not(#lucid-x#lucid-x#lucid-x){opacity:1!important}\
[data-lucid-unlock~=pointer]:not(#lucid-x#lucid-x#lucid-x){pointer-events:auto!important}";

/// How an element is laid out (only what the rules need).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Layout {
    /// `position: fixed` or `sticky`.
    pub pinned: bool,
    /// Share of the viewport it covers (0–1); 0 when unknown.
    pub area: f64,
}

/// A document (or part of one) the rules run over.
pub trait Page {
    type El: Clone + PartialEq;
    /// Elements matching `selector` within the scope, in document order;
    /// `None` when the selector is not valid here.
    fn select(&self, selector: &str) -> Option<Vec<Self::El>>;
    /// Every element within the scope, in document order, at most `limit`;
    /// the inside of an element already hidden is not entered.
    fn walk(&self, limit: usize) -> Vec<Self::El>;
    fn tag(&self, e: &Self::El) -> String;
    fn attr(&self, e: &Self::El, name: &str) -> Option<String>;
    fn parent(&self, e: &Self::El) -> Option<Self::El>;
    fn child_count(&self, e: &Self::El) -> usize;
    /// The element's text (whitespace as in the source), at most about `cap` bytes.
    fn text(&self, e: &Self::El, cap: usize) -> String;
    /// Descendants of `e` matching `selector`.
    fn find(&self, e: &Self::El, selector: &str) -> Vec<Self::El>;
    /// Has `e` a descendant matching `selector`?
    fn has(&self, e: &Self::El, selector: &str) -> bool {
        !self.find(e, selector).is_empty()
    }
    fn matches(&self, e: &Self::El, selector: &str) -> bool;
    /// Is `inner` a descendant of `outer`?
    fn contains(&self, outer: &Self::El, inner: &Self::El) -> bool {
        let mut at = self.parent(inner);
        while let Some(p) = at {
            if &p == outer {
                return true;
            }
            at = self.parent(&p);
        }
        false
    }
    fn layout(&self, e: &Self::El) -> Layout;
    /// The page's host name (for site-specific consent rules).
    fn host(&self) -> String;
    /// Hide `e` as `kind` (the live page: set [`HIDDEN_ATTR`]).
    fn mark(&self, e: &Self::El, kind: Kind);
    /// Is `e`, or an element around it, already hidden?
    fn marked(&self, e: &Self::El) -> bool;
    /// Does this text match one of autoconsent's consent patterns?
    fn consent_pattern(&self, text: &str) -> bool;
}

// ---------------------------------------------------------------- rules

#[derive(Debug, Deserialize)]
pub struct Consent {
    pub version: String,
    pub global: Vec<String>,
    pub anchors: Vec<String>,
    pub sites: Vec<Site>,
    pub patterns: Vec<String>,
    #[serde(default)]
    pub rules: usize,
}

#[derive(Debug, Deserialize)]
pub struct Site {
    pub hosts: Vec<String>,
    pub hide: Vec<String>,
    pub anchors: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Table {
    pub selectors: Vec<String>,
    pub tokens: Vec<String>,
    pub words: Vec<String>,
    pub labels: Vec<String>,
    /// What opens a sponsored block ("Sponsored: …"), ads only.
    pub sponsored: Vec<String>,
    pub headings: Vec<String>,
    pub read_more: Vec<String>,
    pub disclosures: Vec<String>,
    pub buttons: Vec<String>,
    pub iframe_hosts: Vec<String>,
    pub iframe_sizes: Vec<(u32, u32)>,
    /// How ad servers and templates name their slots' ids ("div-gpt-ad",
    /// "adslot"…), matched at the id's start, case aside.
    pub slot_ids: Vec<String>,
    /// Class/id words naming an ad server's slot ("gpt", "dfp"): an ad slot
    /// when the element holds no text.
    pub slot_tokens: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Tables {
    pub consent: Table,
    pub backdrop: Table,
    pub ads: Table,
    pub promoted: Table,
    pub newsletter: Table,
    pub share: Table,
    pub video: Table,
    pub nag: Table,
    pub protected: Vec<String>,
}

pub struct Rules {
    pub consent: Consent,
    pub tables: Tables,
    /// `[class*=token i],[id*=token i]` for every token of every table: the
    /// candidates the token rules look at.
    token_query: String,
    /// The candidates of the ads' class/id words and slot ids
    /// (`ad_named_query`).
    ad_query: String,
    /// The `protected` table as one selector list.
    protected_query: String,
}

pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let consent: Consent = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/consent-rules.json")))
            .expect("compiled consent rules");
        let tables: Tables = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/declutter.min.json")))
            .expect("data/declutter.json");
        let mut parts = Vec::new();
        for t in [&tables.backdrop, &tables.promoted, &tables.newsletter, &tables.share, &tables.video, &tables.nag] {
            for tok in &t.tokens {
                // The first word of a token is enough to find candidates;
                // whole-token matching happens in `has_token`.
                let stem = tok.split('-').next().unwrap_or(tok);
                let q = format!("[class*=\"{stem}\" i],[id*=\"{stem}\" i]");
                if !parts.contains(&q) {
                    parts.push(q);
                }
            }
        }
        let protected_query = tables.protected.join(",");
        let ad_query = ad_named_query(&tables.ads);
        Rules { consent, tables, token_query: parts.join(","), ad_query, protected_query }
    })
}

// ---------------------------------------------------------------- plan

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn class_tokens_match_whole_words() {
        let toks = s(&["related", "most-popular"]);
        assert!(has_token(&normalize_class("post related-posts"), &toks));
        assert!(has_token(&normalize_class("mostPopular"), &toks));
        assert!(has_token(&normalize_class("widget most_popular_list"), &toks));
        assert!(!has_token(&normalize_class("unrelated"), &toks));
        assert!(!has_token(&normalize_class("almostpopular"), &toks));
    }

    #[test]
    fn hosts_match_with_subdomains_only() {
        assert!(host_matches("www.deezer.com", "deezer.com"));
        assert!(host_matches("deezer.com", "deezer.com"));
        assert!(!host_matches("notdeezer.com", "deezer.com"));
    }

    #[test]
    fn labels_and_headings() {
        let labels = s(&["advertisement", "anzeige", "publicité"]);
        assert!(is_label(" Advertisement ", &labels));
        assert!(is_label("ANZEIGE:", &labels));
        assert!(is_label("Publicité", &labels));
        assert!(!is_label("Advertisement revenue fell", &labels));
        let heads = s(&["related", "most read", "lire aussi"]);
        assert!(is_listing_heading("Related", &heads));
        assert!(is_listing_heading("Most read:", &heads));
        assert!(is_listing_heading("Related stories from the region", &heads));
        assert!(!is_listing_heading("Relatedness in families", &heads));
        assert!(!is_listing_heading("Related reading on the history of cookies and their many uses", &heads));
    }

    #[test]
    fn overlays() {
        let base = Overlay { pinned: true, area: 0.3, text_len: 300, ..Default::default() };
        assert_eq!(classify_overlay(&Overlay { consent: true, ..base.clone() }), Some(Kind::Consent));
        assert_eq!(
            classify_overlay(&Overlay { pinned: false, consent: true, ..base.clone() }),
            None,
            "in-flow text about cookies"
        );
        assert_eq!(
            classify_overlay(&Overlay { dialog: true, pinned: false, consent: true, ..base.clone() }),
            Some(Kind::Consent)
        );
        assert_eq!(classify_overlay(&Overlay { nag: true, ..base.clone() }), Some(Kind::Nag));
        assert_eq!(
            classify_overlay(&Overlay { nag: true, area: 0.08, ..base.clone() }),
            None,
            "a sticky header with a Subscribe link"
        );
        assert_eq!(
            classify_overlay(&Overlay { media: true, area: 0.1, text_len: 20, ..base.clone() }),
            Some(Kind::Video)
        );
        assert_eq!(classify_overlay(&Overlay { area: 0.95, text_len: 0, ..base.clone() }), Some(Kind::Backdrop));
        assert_eq!(classify_overlay(&Overlay { area: 0.1, text_len: 0, ..base.clone() }), None);
        assert_eq!(classify_overlay(&Overlay { newsletter: true, email_input: true, ..base }), Some(Kind::Newsletter));
    }

    #[test]
    fn guard_takes_paragraph_starts() {
        let g = guard_from_text("Short.\nThis is a long enough paragraph of the story, which goes on.\n");
        assert_eq!(g, ["This is a long enough paragraph of the story, wh"]);
    }

    #[test]
    fn compiled_rules_are_loaded() {
        let r = rules();
        assert!(r.consent.global.len() > 100, "{} global consent selectors", r.consent.global.len());
        assert!(r.consent.patterns.len() > 100);
        assert!(r.consent.sites.len() > 100);
        for needle in ["#onetrust-consent-sdk", "#CybotCookiebotDialog", "div[id^='sp_message_container_']"] {
            assert!(r.consent.global.iter().any(|g| g == needle), "{needle}");
        }
    }
}
