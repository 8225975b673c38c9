//! The plan: what to hide on a page, walked once, each element checked by
//! the rules (consent platforms, filter lists, Lucid's own signs) and kept
//! when it holds the article.

use super::*;

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
    let mut p = Planner { page, guard, hits: Vec::new(), guarded: 0 };
    p.consent_managers();
    p.listed();
    p.ads_and_widgets();
    p.by_what_they_say();
    let backdrops = p.walk();
    p.backdrops(backdrops);
    Plan { hits: p.hits, guarded: p.guarded }
}

impl<P: Page> Planner<'_, P> {
    /// Consent managers known to autoconsent: everywhere, on the page's
    /// site, and the popups their anchors are in.
    fn consent_managers(&mut self) {
        let (r, page) = (rules(), self.page);
        let host = page.host();
        for el in select_all(page, &r.consent.global) {
            self.add(el, Kind::Consent, "consent manager (autoconsent)");
        }
        let mut anchors: Vec<&String> = r.consent.anchors.iter().collect();
        for site in r.consent.sites.iter().filter(|s| s.hosts.iter().any(|h| host_matches(&host, h))) {
            for el in select_all(page, &site.hide) {
                self.add(el, Kind::Consent, "consent manager (autoconsent, site rule)");
            }
            anchors.extend(site.anchors.iter());
        }
        let anchors: Vec<String> = anchors.into_iter().cloned().collect();
        for el in select_all(page, &anchors) {
            if let Some(box_) = pinned_ancestor(page, &el) {
                self.add(box_, Kind::Consent, "consent manager (autoconsent, popup)");
            }
        }
    }

    /// The generic element-hiding rules of a maintained filter list (an
    /// affiliate disclosure, or an element the guard refuses, stays).
    fn listed(&mut self) {
        let (t, page) = (&rules().tables, self.page);
        for el in select_all(page, &listed::selectors_for(page)) {
            if is_disclosure(page, &el, &t.ads.disclosures) || !self.try_add(el, Kind::Ad, LISTED_WHY, LISTED_MAX_TEXT)
            {
                self.guarded += 1;
            }
        }
    }

    /// Marked ads, ad iframes, promoted widgets and other known embeds.
    fn ads_and_widgets(&mut self) {
        let (r, page) = (rules(), self.page);
        let t = &r.tables;
        for el in select_all(page, &t.ads.selectors) {
            let c = ad_container(page, &el);
            if !is_disclosure(page, &c, &t.ads.disclosures) {
                self.add(c, Kind::Ad, "ad slot");
            }
        }
        // Elements whose class or id says in one word that they hold an ad
        // ("ad", "ads", "advert", "werbung"…), or named as ad servers name
        // their slots ("div-gpt-ad-…", "adslot3"), that hold little text.
        for el in page.select(&r.ad_query).unwrap_or_default() {
            if is_ad_named(page, &el, &t.ads) {
                let c = ad_container(page, &el);
                if !is_disclosure(page, &c, &t.ads.disclosures) {
                    self.add(c, Kind::Ad, "ad slot (class or id)");
                }
            }
        }
        for el in page.select("iframe").unwrap_or_default() {
            if is_ad_iframe(page, &el, &t.ads) {
                let c = ad_container(page, &el);
                self.add(c, Kind::Ad, "ad iframe");
            }
        }
        for (table, kind, why) in [
            (&t.promoted, Kind::Promoted, "promoted widget"),
            (&t.share, Kind::Share, "share tools"),
            (&t.video, Kind::Video, "floating video player"),
            (&t.nag, Kind::Nag, "subscription or ad-blocker nag"),
        ] {
            for el in select_all(page, &table.selectors) {
                self.add(el, kind, why);
            }
        }
    }

    /// What elements say of themselves: class and id words, "Related" and
    /// "Most read" headings over links, "Read more" and "Sponsored" blocks.
    fn by_what_they_say(&mut self) {
        let (r, page) = (rules(), self.page);
        let t = &r.tables;
        // Class/id words.
        for el in page.select(&r.token_query).unwrap_or_default() {
            if let Some((kind, why)) = token_rule(page, &el) {
                self.add(el, kind, why);
            }
        }

        // "Related" / "Most read" headings over a list of links.
        for h in page.select("h2,h3,h4,h5,h6,[role=heading]").unwrap_or_default() {
            let text = collapse(&page.text(&h, 200));
            if text.len() <= 80 && is_listing_heading(&text, &t.promoted.headings) {
                if let Some(c) = link_list_container(page, &h) {
                    self.add(c, Kind::Promoted, "related-links list");
                }
            }
        }

        // In-text "Read more: <link>" paragraphs, and blocks that open by
        // saying they are an advertisement ("Sponsored: …").
        for el in leaf_blocks(page) {
            if is_read_more(page, &el, &t.promoted.read_more) {
                self.add(el, Kind::Promoted, "read-more link paragraph");
            } else if is_sponsored_block(page, &el, &t.ads.sponsored) {
                self.add(el, Kind::Ad, "sponsored block");
            }
        }
    }

    /// One walk: fixed overlays and dialogs, ad labels; the backdrops found.
    fn walk(&mut self) -> Vec<P::El> {
        let (t, page) = (&rules().tables, self.page);
        let mut backdrops = Vec::new();
        for el in page.walk(WALK_LIMIT) {
            let tag = page.tag(&el);
            if matches!(tag.as_str(), "script" | "style" | "link" | "meta" | "noscript" | "template" | "svg" | "path") {
                continue;
            }
            if page.child_count(&el) == 0 {
                let text = page.text(&el, 64);
                if text.len() < 40 && is_label(&text, &t.ads.labels) {
                    // The box the label heads goes whole; else, a label set
                    // apart (not a text block) goes with its empty wrappers; a
                    // label block that heads no box is looked at as any element.
                    let boxed = label_block(page, &el, &t.ads.labels)
                        .and_then(|block| labelled_box(page, &block))
                        .is_some_and(|b| self.try_add(b, Kind::Ad, "ad label and its box", BOX_MAX_TEXT));
                    if boxed {
                        continue;
                    }
                    if !inside_text(page, &el) {
                        self.add(ad_container(page, &el), Kind::Ad, "ad label");
                        continue;
                    }
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
                Some(kind) => self.add(el, kind, overlay_reason(kind)),
                None => {}
            }
        }
        backdrops
    }

    /// Backdrops go with a banner (in this pass or an earlier one), or when
    /// their class or id says what they are.
    fn backdrops(&mut self, backdrops: Vec<P::El>) {
        let (t, page) = (&rules().tables, self.page);
        let banner_hidden = self.hits.iter().any(|h| matches!(h.kind, Kind::Consent | Kind::Nag | Kind::Newsletter))
            || page
                .select("[data-lucid-hidden=consent],[data-lucid-hidden=nag]")
                .map(|v| !v.is_empty())
                .unwrap_or(false);
        for el in backdrops {
            let named = has_token(&class_id(page, &el), &t.backdrop.tokens);
            if banner_hidden || named {
                self.add(el, Kind::Backdrop, "backdrop of a banner");
            }
        }
    }
}

pub(super) struct Planner<'a, P: Page> {
    pub(super) page: &'a P,
    pub(super) guard: &'a [String],
    pub(super) hits: Vec<Hit<P::El>>,
    pub(super) guarded: usize,
}

impl<P: Page> Planner<'_, P> {
    pub(super) fn add(&mut self, el: P::El, kind: Kind, why: &'static str) {
        self.try_add(el, kind, why, max_text(kind));
    }

    /// Hide `el` unless it is hidden already or the guard refuses it (then
    /// false); `cap`: the most text it may hold.
    pub(super) fn try_add(&mut self, el: P::El, kind: Kind, why: &'static str, cap: usize) -> bool {
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

/// The most text a labelled ad box may hold ([`labelled_box`]: besides the
/// label, a title and the ad's own sponsored links).
const BOX_MAX_TEXT: usize = 3_000;

/// Why an element a filter-list rule matched is hidden.
pub const LISTED_WHY: &str = "filter list (EasyList)";

/// The most text an element a filter-list rule matched may hold: the lists
/// name whole promoted-story widgets, which hold headlines; the guard still
/// keeps anything with a sentence of the article.
pub(super) const LISTED_MAX_TEXT: usize = 6_000;

/// The most text a candidate of each kind may hold (rule matches: any, up to
/// a sanity bound; heuristics: what such a widget plausibly holds).
pub(super) fn max_text(kind: Kind) -> usize {
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
pub(super) fn allowed_within<P: Page>(page: &P, el: &P::El, cap: usize, guard: &[String]) -> bool {
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

/// Paragraphs, and divs that hold no block (`p,div:not(:has(p,div,ul,ol,
/// table,h2,h3,h4))`), in document order, found without `:has()`: Chromium
/// matches it in time quadratic in a deep tree's size (a page of 100,000
/// nested divs: 75 s). An element's descendants come right after it in
/// document order, so a div holds a block exactly when the next block in the
/// list is inside it.
pub(super) fn leaf_blocks<P: Page>(page: &P) -> Vec<P::El> {
    let blocks = page.select("p,div,ul,ol,table,h2,h3,h4").unwrap_or_default();
    let mut out = Vec::new();
    for (i, el) in blocks.iter().enumerate() {
        let leaf = match page.tag(el).as_str() {
            "p" => true,
            "div" => !blocks.get(i + 1).is_some_and(|next| page.contains(el, next)),
            _ => false,
        };
        if leaf {
            out.push(el.clone());
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::declutter::native::NativePage;
    use scraper::Html;

    /// `leaf_blocks` is `p,div:not(:has(p,div,ul,ol,table,h2,h3,h4))`, written
    /// out: every p, and every div with none of those blocks inside it.
    #[test]
    fn leaf_blocks_are_paragraphs_and_divs_holding_no_block() {
        let deep = format!("{}<span>deep</span>{}<p>after</p>", "<div>".repeat(600), "</div>".repeat(600));
        for body in [
            "<div><p>a</p></div><div>text <b>bold</b></div><div><div>inner</div></div>",
            "<div><ul><li>x</li></ul></div><div><span><em>only inline</em></span></div><p>last</p>",
            "<div><table><tr><td><div>cell</div></td></tr></table></div><div></div><div><h2>h</h2></div>",
            "<section><div>a</div><div>b</div></section><div><section><h3>c</h3></section></div>",
            &deep,
        ] {
            let doc = Html::parse_document(&format!("<html><body>{body}</body></html>"));
            let page = NativePage::new(&doc, "https://example.org/");
            let blocks = "p,div,ul,ol,table,h2,h3,h4";
            let expected: Vec<_> = page
                .select("p,div")
                .unwrap()
                .into_iter()
                .filter(|e| page.tag(e) == "p" || page.find(e, blocks).is_empty())
                .collect();
            assert!(!expected.is_empty(), "{body}");
            assert_eq!(leaf_blocks(&page), expected, "{body}");
        }
    }
}
