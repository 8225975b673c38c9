//! Stage 2b: live-page decluttering. Finds the clutter of the page the reader
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

/// One element to hide, and why.
#[derive(Debug, Clone)]
pub struct Hit<E> {
    pub el: E,
    pub kind: Kind,
    pub why: &'static str,
}

/// Elements looked at one by one (fixed overlays, labels), at most.
pub const WALK_LIMIT: usize = 20_000;

/// Choose what to hide in `page` (its scope) and mark it, outermost first
/// where it matters (an element inside a marked one is not chosen again).
/// `guard`: sentences of the article (any element whose text contains one is
/// never chosen).
pub fn plan<P: Page>(page: &P, guard: &[String]) -> Vec<Hit<P::El>> {
    plan_counted(page, guard).hits
}

/// What [`plan_counted`] chose, and how many filter-list matches the guard
/// kept on screen.
pub struct Plan<E> {
    pub hits: Vec<Hit<E>>,
    /// Elements a filter-list rule matched that hold article text (or the
    /// page's frame) and so stayed.
    pub guarded: usize,
}

/// [`plan`], also counting the filter-list matches the guard refused.
pub fn plan_counted<P: Page>(page: &P, guard: &[String]) -> Plan<P::El> {
    let r = rules();
    let t = &r.tables;
    let mut p = Planner { page, guard, hits: Vec::new(), guarded: 0 };

    // Consent managers known to autoconsent.
    let host = page.host();
    for el in select_all(page, &r.consent.global) {
        p.add(el, Kind::Consent, "consent manager (autoconsent)");
    }
    let mut anchors: Vec<&String> = r.consent.anchors.iter().collect();
    for site in r.consent.sites.iter().filter(|s| s.hosts.iter().any(|h| host_matches(&host, h))) {
        for el in select_all(page, &site.hide) {
            p.add(el, Kind::Consent, "consent manager (autoconsent, site rule)");
        }
        anchors.extend(site.anchors.iter());
    }
    let anchors: Vec<String> = anchors.into_iter().cloned().collect();
    for el in select_all(page, &anchors) {
        if let Some(box_) = pinned_ancestor(page, &el) {
            p.add(box_, Kind::Consent, "consent manager (autoconsent, popup)");
        }
    }

    // The generic element-hiding rules of a maintained filter list.
    for el in select_all(page, &listed::selectors_for(page)) {
        if is_disclosure(page, &el, &t.ads.disclosures) || !p.try_add(el, Kind::Ad, LISTED_WHY, LISTED_MAX_TEXT) {
            p.guarded += 1;
        }
    }

    // Marked ads, ad iframes, promoted widgets and other known embeds.
    for el in select_all(page, &t.ads.selectors) {
        let c = ad_container(page, &el);
        if !is_disclosure(page, &c, &t.ads.disclosures) {
            p.add(c, Kind::Ad, "ad slot");
        }
    }
    // Elements whose class or id says in one word that they hold an ad
    // ("ad", "ads", "advert", "werbung"…), or named as ad servers name
    // their slots ("div-gpt-ad-…", "adslot3"), that hold little text.
    for el in page.select(&r.ad_query).unwrap_or_default() {
        if is_ad_named(page, &el, &t.ads) {
            let c = ad_container(page, &el);
            if !is_disclosure(page, &c, &t.ads.disclosures) {
                p.add(c, Kind::Ad, "ad slot (class or id)");
            }
        }
    }
    for el in page.select("iframe").unwrap_or_default() {
        if is_ad_iframe(page, &el, &t.ads) {
            let c = ad_container(page, &el);
            p.add(c, Kind::Ad, "ad iframe");
        }
    }
    for (table, kind, why) in [
        (&t.promoted, Kind::Promoted, "promoted widget"),
        (&t.share, Kind::Share, "share tools"),
        (&t.video, Kind::Video, "floating video player"),
        (&t.nag, Kind::Nag, "subscription or ad-blocker nag"),
    ] {
        for el in select_all(page, &table.selectors) {
            p.add(el, kind, why);
        }
    }

    // Class/id words.
    for el in page.select(&r.token_query).unwrap_or_default() {
        if let Some((kind, why)) = token_rule(page, &el) {
            p.add(el, kind, why);
        }
    }

    // "Related" / "Most read" headings over a list of links.
    for h in page.select("h2,h3,h4,h5,h6,[role=heading]").unwrap_or_default() {
        let text = collapse(&page.text(&h, 200));
        if text.len() <= 80 && is_listing_heading(&text, &t.promoted.headings) {
            if let Some(c) = link_list_container(page, &h) {
                p.add(c, Kind::Promoted, "related-links list");
            }
        }
    }

    // In-text "Read more: <link>" paragraphs, and blocks that open by
    // saying they are an advertisement ("Sponsored: …").
    for el in page.select("p,div:not(:has(p,div,ul,ol,table,h2,h3,h4))").unwrap_or_default() {
        if is_read_more(page, &el, &t.promoted.read_more) {
            p.add(el, Kind::Promoted, "read-more link paragraph");
        } else if is_sponsored_block(page, &el, &t.ads.sponsored) {
            p.add(el, Kind::Ad, "sponsored block");
        }
    }

    // One walk: fixed overlays and dialogs, ad labels.
    let mut backdrops = Vec::new();
    for el in page.walk(WALK_LIMIT) {
        let tag = page.tag(&el);
        if matches!(tag.as_str(), "script" | "style" | "link" | "meta" | "noscript" | "template" | "svg" | "path") {
            continue;
        }
        if page.child_count(&el) == 0 {
            let text = page.text(&el, 64);
            if text.len() < 40 && is_label(&text, &t.ads.labels) && !inside_text(page, &el) {
                let c = ad_container(page, &el);
                p.add(c, Kind::Ad, "ad label");
                continue;
            }
        }
        let dialog = is_dialog(page, &el);
        let layout = page.layout(&el);
        if !(layout.pinned || dialog) {
            continue;
        }
        let o = overlay_facts(page, &el, layout, dialog);
        match classify_overlay(&o) {
            Some(Kind::Backdrop) => backdrops.push(el),
            Some(kind) => p.add(el, kind, overlay_reason(kind)),
            None => {}
        }
    }
    // Backdrops go with a banner (in this pass or an earlier one).
    let banner_hidden = p.hits.iter().any(|h| matches!(h.kind, Kind::Consent | Kind::Nag | Kind::Newsletter))
        || page.select("[data-lucid-hidden=consent],[data-lucid-hidden=nag]").map(|v| !v.is_empty()).unwrap_or(false);
    for el in backdrops {
        let named = has_token(&class_id(page, &el), &t.backdrop.tokens);
        if banner_hidden || named {
            p.add(el, Kind::Backdrop, "backdrop of a banner");
        }
    }
    Plan { hits: p.hits, guarded: p.guarded }
}

struct Planner<'a, P: Page> {
    page: &'a P,
    guard: &'a [String],
    hits: Vec<Hit<P::El>>,
    guarded: usize,
}

impl<P: Page> Planner<'_, P> {
    fn add(&mut self, el: P::El, kind: Kind, why: &'static str) {
        self.try_add(el, kind, why, max_text(kind));
    }

    /// Hide `el` unless it is hidden already or the guard refuses it (then
    /// false); `cap`: the most text it may hold.
    fn try_add(&mut self, el: P::El, kind: Kind, why: &'static str, cap: usize) -> bool {
        if self.page.marked(&el) {
            return true;
        }
        if !allowed_within(self.page, &el, cap, self.guard) {
            return false;
        }
        self.page.mark(&el, kind);
        self.hits.push(Hit { el, kind, why });
        true
    }
}

/// Why an element a filter-list rule matched is hidden.
pub const LISTED_WHY: &str = "filter list (EasyList)";

/// The most text an element a filter-list rule matched may hold: the lists
/// name whole promoted-story widgets, which hold headlines; the guard still
/// keeps anything with a sentence of the article.
const LISTED_MAX_TEXT: usize = 6_000;

/// The most text a candidate of each kind may hold (rule matches: any, up to
/// a sanity bound; heuristics: what such a widget plausibly holds).
fn max_text(kind: Kind) -> usize {
    match kind {
        Kind::Consent => 40_000,
        Kind::Backdrop => 40,
        Kind::Ad => 600,
        Kind::Promoted => 6_000,
        Kind::Newsletter => 1_200,
        Kind::Share => 400,
        Kind::Video => 600,
        Kind::Nag => 3_000,
    }
}

/// May `el` be hidden as `kind`? Never the page's frame, the article's
/// container, anything holding a sentence of the article, or an element we
/// already hid.
pub fn allowed<P: Page>(page: &P, el: &P::El, kind: Kind, guard: &[String]) -> bool {
    allowed_within(page, el, max_text(kind), guard)
}

/// [`allowed`], with `cap` the most text `el` may hold.
fn allowed_within<P: Page>(page: &P, el: &P::El, cap: usize, guard: &[String]) -> bool {
    let tag = page.tag(el);
    if matches!(tag.as_str(), "html" | "head" | "body" | "main" | "lucid-reader" | "script" | "style" | "link" | "meta")
    {
        return false;
    }
    let protected = &rules().protected_query;
    if page.matches(el, protected) || page.has(el, protected) {
        return false;
    }
    // The cap is on the collapsed text; the raw text is read with room for
    // its whitespace (an element whose raw text fills even that is too long).
    let room = cap.saturating_mul(8).saturating_add(1024);
    let raw = page.text(el, room);
    let text = collapse(&raw);
    if text.len() > cap || raw.len() + 4 >= room {
        return false;
    }
    !guard.iter().any(|g| !g.is_empty() && text.contains(g.as_str()))
}

/// Select with a list of selectors at once; selectors this engine rejects are
/// skipped (the list is split until the bad ones are isolated).
pub fn select_all<P: Page>(page: &P, list: &[String]) -> Vec<P::El> {
    if list.is_empty() {
        return Vec::new();
    }
    match page.select(&list.join(",")) {
        Some(v) => v,
        None if list.len() == 1 => Vec::new(),
        None => {
            let (a, b) = list.split_at(list.len() / 2);
            let mut v = select_all(page, a);
            for e in select_all(page, b) {
                if !v.contains(&e) {
                    v.push(e);
                }
            }
            v
        }
    }
}

pub fn host_matches(host: &str, rule: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == rule || host.strip_suffix(rule).is_some_and(|p| p.ends_with('.'))
}

/// Does `el` hold an affiliate or advertising disclosure (a sentence of 40+
/// characters with one of `words`)? Ad rules leave it: it is for the reader.
pub fn is_disclosure<P: Page>(page: &P, el: &P::El, words: &[String]) -> bool {
    let text = collapse(&page.text(el, 1200)).to_lowercase();
    text.len() >= 40 && text.len() <= 1000 && words.iter().any(|w| text.contains(w.as_str()))
}

/// A block's text, collapsed and lower-cased, when its length is in `len`
/// and it opens with one of `labels` (lower case), with where the longest
/// such label ends.
fn opening_label<P: Page>(
    page: &P,
    el: &P::El,
    labels: &[String],
    len: std::ops::RangeInclusive<usize>,
) -> Option<(String, usize)> {
    let text = collapse(&page.text(el, len.end() + len.end() / 2));
    if !len.contains(&text.len()) {
        return None;
    }
    let lower = text.to_lowercase();
    let at = labels.iter().filter(|l| lower.starts_with(l.as_str())).map(String::len).max()?;
    Some((lower, at))
}

/// A short paragraph that opens with a "Read more" label (`labels`, followed by
/// `:`, a dash or `»`, or set apart in bold) and is, after the label, mostly
/// the text of its links: a pointer to another story, not part of this one.
/// ("Related reading: <link>, our explainer on …" keeps its prose and stays.)
pub fn is_read_more<P: Page>(page: &P, el: &P::El, labels: &[String]) -> bool {
    let Some((lower, at)) = opening_label(page, el, labels, 8..=300) else { return false };
    let label = &lower[..at];
    let rest = lower[at..].trim_start();
    let bold_label = page
        .find(el, "strong,b")
        .first()
        .is_some_and(|b| collapse(&page.text(b, 80)).to_lowercase().trim_end_matches([':', ' ']) == label);
    let sep = rest.starts_with([':', '–', '—', '-', '»', '>', '|']);
    if !(sep || bold_label) {
        return false;
    }
    let rest_len = rest.trim_start_matches([':', '–', '—', '-', '»', '>', '|', ' ']).len();
    let links = link_text_len(page, el);
    rest_len > 0 && links > 0 && links as f64 >= 0.8 * rest_len as f64
}

/// A block of at most 400 characters that opens with a word for
/// "sponsored" or "advertisement" (`ads.sponsored` of data/declutter.json)
/// and a colon, bar or dash ("Sponsored: …", "Anzeige | …") and links out:
/// an advertisement set in the text. (The reader view drops the same
/// openings, in every language.)
pub fn is_sponsored_block<P: Page>(page: &P, el: &P::El, labels: &[String]) -> bool {
    let Some((lower, at)) = opening_label(page, el, labels, 12..=400) else { return false };
    let rest = lower[at..].trim_start();
    let pitch = rest.trim_start_matches([':', '|', '–', '—', '-', ' ']);
    rest.starts_with([':', '|', '–', '—', '-']) && !pitch.is_empty() && link_text_len(page, el) > 0
}

/// Lower-case `class id` with `_` as `-` and camelCase split (`mostPopular` → `most-popular`).
pub fn class_id<P: Page>(page: &P, el: &P::El) -> String {
    let raw = format!("{} {}", page.attr(el, "class").unwrap_or_default(), page.attr(el, "id").unwrap_or_default());
    normalize_class(&raw)
}

pub fn normalize_class(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 4);
    let mut prev_lower = false;
    for c in raw.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('-');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(if c == '_' { '-' } else { c.to_ascii_lowercase() });
    }
    out
}

/// Does the normalised class/id string hold `token` as whole words
/// (`related` in `related-posts`, not in `unrelated`)?
pub fn has_token<S: AsRef<str>>(class_id: &str, tokens: &[S]) -> bool {
    tokens.iter().any(|tok| {
        class_id.match_indices(tok.as_ref()).any(|(i, m)| {
            let before = class_id[..i].chars().next_back();
            let after = class_id[i + m.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        })
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_len<P: Page>(page: &P, el: &P::El, cap: usize) -> usize {
    collapse(&page.text(el, cap)).len()
}

fn link_text_len<P: Page>(page: &P, el: &P::El) -> usize {
    page.find(el, "a").iter().map(|a| collapse(&page.text(a, 400)).len()).sum()
}

/// What the class/id words say an element is, if the structure agrees.
fn token_rule<P: Page>(page: &P, el: &P::El) -> Option<(Kind, &'static str)> {
    let t = &rules().tables;
    let tag = page.tag(el);
    if matches!(
        tag.as_str(),
        "p" | "a"
            | "span"
            | "li"
            | "button"
            | "img"
            | "input"
            | "label"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "svg"
            | "path"
            | "use"
            | "i"
            | "em"
            | "strong"
            | "time"
            | "html"
            | "body"
    ) {
        return None;
    }
    let ci = class_id(page, el);
    if has_token(&ci, &t.video.tokens) {
        return Some((Kind::Video, "floating video player"));
    }
    if has_token(&ci, &t.nag.tokens) {
        return Some((Kind::Nag, "subscription or ad-blocker nag"));
    }
    if has_token(&ci, &t.newsletter.tokens) {
        let form = !page.find(el, "input[type=email],form,input[type=text]").is_empty();
        let text = collapse(&page.text(el, 1300)).to_lowercase();
        if form
            || (!page.find(el, "button,a").is_empty() && t.newsletter.words.iter().any(|w| text.contains(w.as_str())))
        {
            return Some((Kind::Newsletter, "newsletter sign-up"));
        }
    }
    if has_token(&ci, &t.share.tokens) {
        let controls = page.find(el, "a,button").len();
        if controls >= 2 && text_len(page, el, 500) <= 300 {
            return Some((Kind::Share, "share tools"));
        }
    }
    if has_token(&ci, &t.promoted.tokens) {
        let len = text_len(page, el, 6_500);
        let links = page.find(el, "a").len();
        if len == 0 && page.find(el, "img,video,p").is_empty() {
            return Some((Kind::Promoted, "related/promoted widget (empty slot)"));
        }
        if links >= 2 && len > 0 && link_text_len(page, el) as f64 / len as f64 >= 0.35 {
            return Some((Kind::Promoted, "related/promoted widget"));
        }
    }
    None
}

/// The candidates for `is_ad_named`, as one selector list: a short word
/// ("ad") as a whole class or id, or at the start or end of one of its
/// parts ("ad-box", "top_ad", "topAd"; the exact word is checked after),
/// a longer one anywhere, the slot ids at the id's start.
fn ad_named_query(ads: &Table) -> String {
    let mut q = Vec::new();
    for t in &ads.tokens {
        if t.len() <= 3 {
            let cap = format!("{}{}", t[..1].to_uppercase(), &t[1..]);
            for a in ["class", "id"] {
                q.push(format!("[{a}~=\"{t}\" i],[{a}^=\"{t}-\" i],[{a}^=\"{t}_\" i],[{a}*=\" {t}-\" i],[{a}*=\" {t}_\" i],[{a}*=\"-{t}\" i],[{a}*=\"_{t}\" i],[{a}*=\"{cap}\"]"));
            }
        } else {
            q.push(format!("[class*=\"{t}\" i],[id*=\"{t}\" i]"));
        }
    }
    q.extend(ads.slot_ids.iter().map(|p| format!("[id^=\"{p}\" i]")));
    q.push("[id^=\"ad\" i]".into()); // "ad1", "ad-2", "ad_3"
    q.join(",")
}

/// An element whose class or id names it an ad in one word (`ads.tokens`,
/// whole words of the class and id, camelCase split), or whose id is an ad
/// slot's (`ads.slot_ids`, or "ad" and a number), holding little text (a
/// label, a line), no list, table or form, and no heading but an ad label
/// ("Anzeige" over a widget): not inline text, not a story.
fn is_ad_named<P: Page>(page: &P, el: &P::El, ads: &Table) -> bool {
    let tag = page.tag(el);
    if !matches!(tag.as_str(), "div" | "section" | "aside" | "ins" | "figure" | "center" | "iframe" | "td" | "li") {
        return false;
    }
    let id = page.attr(el, "id").unwrap_or_default().to_ascii_lowercase();
    let numbered = id
        .strip_prefix("ad")
        .is_some_and(|r| r.trim_start_matches(['-', '_']).starts_with(|c: char| c.is_ascii_digit()));
    let ci = class_id(page, el);
    // ("no-ads", "ad-free": a page's mark that it shows none.)
    if has_token(&ci, &["no-ad", "no-ads", "noads", "ad-free", "ads-free", "without-ads"]) {
        return false;
    }
    let named = has_token(&ci, &ads.tokens) || numbered || ads.slot_ids.iter().any(|p| id.starts_with(p.as_str()));
    named
        && text_len(page, el, 400) <= 200
        && page.find(el, "ul,ol,table,form,article").is_empty()
        && page.find(el, "h1,h2,h3,h4,h5,h6").iter().all(|h| is_label(&page.text(h, 64), &ads.labels))
}

/// A heading such as "Related", "Most read", "Lire aussi".
pub fn is_listing_heading(text: &str, headings: &[String]) -> bool {
    let t = text.trim().trim_end_matches([':', '.', '…']).to_lowercase();
    headings.iter().any(|h| {
        t == *h
            || (t.starts_with(h.as_str())
                && t.len() <= h.len() + 24
                && !t[h.len()..].starts_with(char::is_alphanumeric))
    })
}

/// The block a "Related" heading introduces: the nearest ancestor (up to
/// three levels) holding at least three links that make up most of its text.
fn link_list_container<P: Page>(page: &P, heading: &P::El) -> Option<P::El> {
    let mut c = page.parent(heading)?;
    let heading_len = text_len(page, heading, 200);
    for _ in 0..3 {
        if matches!(page.tag(&c).as_str(), "body" | "html" | "main" | "article") {
            return None;
        }
        let links = page.find(&c, "a").len();
        let len = text_len(page, &c, 6_500).saturating_sub(heading_len);
        if links >= 3 && len > 0 && link_text_len(page, &c) as f64 / len as f64 >= 0.5 {
            return Some(c);
        }
        c = page.parent(&c)?;
    }
    None
}

/// "Advertisement", "Anzeige", "Publicité"… alone in an element.
pub fn is_label(text: &str, labels: &[String]) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == ':' || c == '-' || c == '–' || c == '·' || c == '|' || c.is_whitespace());
    !t.is_empty() && labels.iter().any(|l| t.eq_ignore_ascii_case(l) || t.to_lowercase() == *l)
}

/// Inside running text (a word in a sentence or a heading, not a label of
/// its own)? The element itself or its parent is a text block; a table cell
/// is not (old layouts put ads in cells of their own).
fn inside_text<P: Page>(page: &P, el: &P::El) -> bool {
    let texty = |e: &P::El| {
        matches!(
            page.tag(e).as_str(),
            "p" | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "figcaption"
                | "a"
                | "dt"
                | "dd"
                | "caption"
        )
    };
    texty(el) || page.parent(el).is_some_and(|p| texty(&p))
}

/// Widen an ad element to the wrapper that holds nothing else: climb while
/// the parent's only text is an ad label and it holds no other media.
fn ad_container<P: Page>(page: &P, el: &P::El) -> P::El {
    let labels = &rules().tables.ads.labels;
    let media = |e: &P::El| page.find(e, "img,picture,video").len();
    let mut c = el.clone();
    for _ in 0..4 {
        let Some(parent) = page.parent(&c) else { break };
        // A wrapper holds a label and a slot or two, not a list of things; in
        // a layout table the cell stays (hiding it would shift the others).
        let stop = matches!(
            page.tag(&parent).as_str(),
            "body" | "html" | "main" | "article" | "p" | "li" | "td" | "th" | "tr" | "tbody" | "thead" | "table"
        );
        if stop || page.child_count(&parent) > 4 {
            break;
        }
        let text = collapse(&page.text(&parent, 120));
        if !(text.is_empty() || is_label(&text, labels)) || media(&parent) > media(&c) {
            break;
        }
        c = parent;
    }
    c
}

/// An iframe from an ad server, or one of the standard ad sizes showing a
/// blank or other-site document (Google Publisher Tag renders this way).
fn is_ad_iframe<P: Page>(page: &P, el: &P::El, ads: &Table) -> bool {
    let src = page.attr(el, "src").unwrap_or_default();
    let id = page.attr(el, "id").unwrap_or_default();
    if id.starts_with("google_ads_iframe") {
        return true;
    }
    let host = crate::url::host(&src).unwrap_or_default().to_ascii_lowercase();
    if !host.is_empty() && ads.iframe_hosts.iter().any(|h| host_matches(&host, h)) {
        return true;
    }
    let dim = |a: &str| page.attr(el, a).and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok());
    let (Some(w), Some(h)) = (dim("width"), dim("height")) else { return false };
    let sized = ads.iframe_sizes.contains(&(w, h));
    let blank = src.is_empty() || src.starts_with("about:");
    sized && (blank || host != page.host())
}

fn is_dialog<P: Page>(page: &P, el: &P::El) -> bool {
    let role = page.attr(el, "role").unwrap_or_default().to_ascii_lowercase();
    matches!(role.as_str(), "dialog" | "alertdialog")
        || page.attr(el, "aria-modal").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || page.tag(el) == "dialog"
}

/// The fixed/sticky or dialog element around `el` (a consent popup's box).
fn pinned_ancestor<P: Page>(page: &P, el: &P::El) -> Option<P::El> {
    let mut best = None;
    let mut a = Some(el.clone());
    for _ in 0..16 {
        let Some(x) = a else { break };
        if matches!(page.tag(&x).as_str(), "body" | "html") {
            break;
        }
        if page.layout(&x).pinned || is_dialog(page, &x) {
            best = Some(x.clone());
        }
        a = page.parent(&x);
    }
    best
}

/// What the overlay rules look at.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    pub pinned: bool,
    pub dialog: bool,
    pub area: f64,
    pub text_len: usize,
    /// Consent wording (autoconsent's patterns, or a consent word plus an accept/reject button).
    pub consent: bool,
    /// Subscription / sign-in / ad-blocker wording.
    pub nag: bool,
    pub newsletter: bool,
    pub email_input: bool,
    /// Holds a video or an embedded player.
    pub media: bool,
}

fn overlay_facts<P: Page>(page: &P, el: &P::El, layout: Layout, dialog: bool) -> Overlay {
    let t = &rules().tables;
    let raw = page.text(el, 8_000);
    let text = collapse(&raw);
    let lower = text.to_lowercase();
    let buttons: Vec<String> = page
        .find(el, "button,a,[role=button],input[type=button],input[type=submit]")
        .iter()
        .take(40)
        .map(|b| {
            let v = page.attr(b, "value").unwrap_or_default();
            collapse(&format!("{} {v}", page.text(b, 80))).to_lowercase()
        })
        .collect();
    let has_button =
        |words: &[String]| buttons.iter().any(|b| words.iter().any(|w| b == w || b.starts_with(&format!("{w} "))));
    let consent_words = t.consent.words.iter().any(|w| lower.contains(w.as_str()));
    Overlay {
        pinned: layout.pinned,
        dialog,
        area: layout.area,
        text_len: text.len(),
        consent: !text.is_empty() && (page.consent_pattern(&text) || (consent_words && has_button(&t.consent.buttons))),
        nag: t.nag.words.iter().any(|w| lower.contains(w.as_str())),
        newsletter: t.newsletter.words.iter().any(|w| lower.contains(w.as_str())),
        email_input: !page.find(el, "input[type=email]").is_empty(),
        media: !page.find(el, "video,iframe,object,embed").is_empty(),
    }
}

/// What a fixed/sticky element or dialog is, if it is clutter.
pub fn classify_overlay(o: &Overlay) -> Option<Kind> {
    if !(o.pinned || o.dialog) {
        return None;
    }
    if o.consent && o.text_len <= 6_000 {
        return Some(Kind::Consent);
    }
    if o.newsletter && o.email_input && o.text_len <= 1_200 {
        return Some(Kind::Newsletter);
    }
    if o.media && o.pinned && o.area < 0.5 && o.text_len <= 300 {
        return Some(Kind::Video);
    }
    if o.nag && o.text_len <= 1_500 && (o.dialog || o.area >= 0.2) {
        return Some(Kind::Nag);
    }
    if o.pinned && o.area >= 0.6 && o.text_len <= 20 && !o.media {
        return Some(Kind::Backdrop);
    }
    None
}

fn overlay_reason(kind: Kind) -> &'static str {
    match kind {
        Kind::Consent => "consent banner (text)",
        Kind::Newsletter => "newsletter pop-up",
        Kind::Video => "sticky video player",
        Kind::Nag => "subscription or ad-blocker pop-up",
        _ => "overlay",
    }
}

/// Sentences of the article that mark "this is the story": the start of each
/// paragraph of at least 40 characters (at most 200 of them).
pub fn guard_from_text(text: &str) -> Vec<String> {
    text.split('\n')
        .map(collapse)
        .filter(|p| p.len() >= 40)
        .map(|p| p.chars().take(48).collect::<String>())
        .take(200)
        .collect()
}

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
