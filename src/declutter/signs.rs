//! What an element says about itself: labels ("Advertisement", "Read
//! more", "Sponsored"), class and id words, ad slots and frames, listing
//! headings, and overlays that pin themselves over the page.

use super::*;

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
pub(super) fn opening_label<P: Page>(
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

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn text_len<P: Page>(page: &P, el: &P::El, cap: usize) -> usize {
    collapse(&page.text(el, cap)).len()
}

pub(super) fn link_text_len<P: Page>(page: &P, el: &P::El) -> usize {
    page.find(el, "a").iter().map(|a| collapse(&page.text(a, 400)).len()).sum()
}

/// What the class/id words say an element is, if the structure agrees.
pub(super) fn token_rule<P: Page>(page: &P, el: &P::El) -> Option<(Kind, &'static str)> {
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
pub(super) fn ad_named_query(ads: &Table) -> String {
    let mut q = Vec::new();
    for t in ads.tokens.iter().chain(&ads.slot_tokens) {
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
pub(super) fn is_ad_named<P: Page>(page: &P, el: &P::El, ads: &Table) -> bool {
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
    // An ad server's name ("gpt") makes a slot only of an element with no text.
    if !named && !has_token(&ci, &ads.slot_tokens) {
        return false;
    }
    let len = text_len(page, el, 400);
    (named || len == 0)
        && len <= 200
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
pub(super) fn link_list_container<P: Page>(page: &P, heading: &P::El) -> Option<P::El> {
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
pub(super) fn inside_text<P: Page>(page: &P, el: &P::El) -> bool {
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

/// A label that stands as a text block of its own: a paragraph, heading or
/// caption whose whole text is the label ("<p>Advertisement</p>", a widget's
/// "<h4>Werbung</h4>", an image's "<figcaption>Anzeige</figcaption>"); the
/// block, or `None` when the label is a word inside running text or a link.
pub(super) fn label_block<P: Page>(page: &P, el: &P::El, labels: &[String]) -> Option<P::El> {
    let block =
        |e: &P::El| matches!(page.tag(e).as_str(), "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "figcaption" | "dt");
    if !inside_text(page, el) {
        return Some(el.clone());
    }
    let b = if block(el) { el.clone() } else { page.parent(el).filter(|p| block(p))? };
    is_label(&page.text(&b, 64), labels).then_some(b)
}

/// Characters of text besides its label that a labelled ad box may hold:
/// a title ("Die besten Leasing-Deals") or a skip link ("Continue reading
/// the main story"), not a paragraph.
const LABELLED_BOX_REST: usize = 80;

/// The box an ad label heads: the largest wrapper, up to three levels above
/// the label's block, whose text besides the label is at most a title's
/// worth ([`LABELLED_BOX_REST`]; the text of links marked `rel=sponsored`,
/// the ad's own, not counted). Never a list item, table part, form,
/// landmark or the page's frame (the label of one item in a list labels
/// that item). `None` when even the nearest wrapper holds more.
pub(super) fn labelled_box<P: Page>(page: &P, block: &P::El) -> Option<P::El> {
    const CAP: usize = 4_000;
    let label = collapse(&page.text(block, 64)).chars().count();
    let mut best = None;
    let mut c = page.parent(block);
    for _ in 0..3 {
        let Some(el) = c else { break };
        if matches!(
            page.tag(&el).as_str(),
            "html"
                | "body"
                | "main"
                | "article"
                | "p"
                | "li"
                | "ul"
                | "ol"
                | "dl"
                | "td"
                | "th"
                | "tr"
                | "tbody"
                | "thead"
                | "table"
                | "form"
                | "nav"
                | "header"
                | "footer"
                | "blockquote"
        ) {
            break;
        }
        let raw = page.text(&el, CAP);
        if raw.len() >= CAP {
            break;
        }
        let own: usize =
            page.find(&el, "a[rel~=sponsored]").iter().map(|a| collapse(&page.text(a, CAP)).chars().count()).sum();
        let rest = collapse(&raw).chars().count().saturating_sub(label + own);
        if rest > LABELLED_BOX_REST {
            break;
        }
        best = Some(el.clone());
        c = page.parent(&el);
    }
    best
}

/// Widen an ad element to the wrapper that holds nothing else: climb while
/// the parent's only text is an ad label and it holds no other media.
pub(super) fn ad_container<P: Page>(page: &P, el: &P::El) -> P::El {
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
pub(super) fn is_ad_iframe<P: Page>(page: &P, el: &P::El, ads: &Table) -> bool {
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

pub(super) fn is_dialog<P: Page>(page: &P, el: &P::El) -> bool {
    let role = page.attr(el, "role").unwrap_or_default().to_ascii_lowercase();
    matches!(role.as_str(), "dialog" | "alertdialog")
        || page.attr(el, "aria-modal").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || page.tag(el) == "dialog"
}

/// The fixed/sticky or dialog element around `el` (a consent popup's box).
pub(super) fn pinned_ancestor<P: Page>(page: &P, el: &P::El) -> Option<P::El> {
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

pub(super) fn overlay_facts<P: Page>(page: &P, el: &P::El, layout: Layout, dialog: bool) -> Overlay {
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

pub(super) fn overlay_reason(kind: Kind) -> &'static str {
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
