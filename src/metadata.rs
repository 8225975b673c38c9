//! Stage 2: metadata. In order of trust: JSON-LD, Open Graph / Twitter /
//! Dublin Core / `article:*` meta tags, `<time>`, then the document itself.

mod authors;
mod dates;
pub use authors::*;
pub use dates::*;
// (The title compared with what the page says: one module below every stage that meets the title.)
use crate::title::{is_same_name, similarity, title_suffix, SEPARATORS};
pub use crate::title::{is_title_heading, is_title_repeat};

use crate::dom::{self, NRef};
use crate::url;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use scraper::{Html, Node};
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: String,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub description: Option<String>,
    /// URL that relative links resolve against (`<base href>` or the page URL).
    pub base_url: String,
    /// The page declares itself an article (JSON-LD article type or `og:type=article`).
    pub is_article_type: bool,
    pub canonical: Option<String>,
    /// Authors from weaker signals (`article:author`), used when the page has no byline.
    pub authors_fallback: Vec<String>,
    /// schema.org types of the article's JSON-LD node (for the citation's work type).
    pub ld_types: Vec<String>,
    pub og_type: Option<String>,
    /// `<meta name="generator">` (WordPress, Ghost…).
    pub generator: Option<String>,
    /// The article's text as its JSON-LD gives it (`articleBody`), when it
    /// is long enough to be one: the fallback for a post whose page shows
    /// only a teaser, or builds the text with a script.
    pub article_body: Option<String>,
    /// The page's own picture of the article (`og:image`, `twitter:image`,
    /// JSON-LD `image`): an absolute http(s) URL, not a logo or a site-wide
    /// placeholder ([`lead_image`]).
    pub image: Option<String>,
    /// What that picture shows, when the page says (`og:image:alt`).
    pub image_alt: Option<String>,
}

/// The shortest JSON-LD `articleBody` taken for an article's text.
const ARTICLE_BODY_MIN: usize = 200;

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNews",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "AskPublicNewsArticle",
    "SatiricalArticle",
    "Review",
];

fn types_of(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|t| t.as_str().map(String::from)).collect(),
        _ => vec![],
    }
}

fn flatten_ld<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| flatten_ld(x, out)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                flatten_ld(g, out);
            }
        }
        _ => {}
    }
}

fn ld_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(|x| ld_string(Some(x))),
        Value::Object(o) => ld_string(o.get("name")).or_else(|| ld_string(o.get("@value"))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
    .map(|s| dom::collapse_ws(&unescape_entities(&s)))
    .filter(|s| !s.is_empty())
}

fn ld_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().flat_map(|x| ld_names(Some(x))).collect(),
        Some(x) => ld_string(Some(x)).into_iter().collect(),
        None => vec![],
    }
}

/// The JSON-LD title: `headline` or `name`. Some sites put their own name in
/// `name`; when the two differ, `headline` wins only if it matches the
/// document title and `name` does not (Readability's rule).
fn ld_title(v: &Value, doc_title: &str, site_names: &[&str]) -> Option<String> {
    let headline = ld_string(v.get("headline"));
    let name = ld_string(v.get("name"));
    match (headline, name) {
        // A name that is the site's (og:site_name, the publisher, the
        // <title>'s suffix) is not the article's.
        (Some(h), Some(n)) if site_names.iter().any(|s| is_same_name(&n, s)) => Some(h),
        (Some(h), Some(n)) if h != n => {
            let (hm, nm) = (similarity(&h, doc_title) > 0.75, similarity(&n, doc_title) > 0.75);
            Some(if hm && !nm { h } else { n })
        }
        (h, n) => n.or(h),
    }
}

/// A site's logo: an image whose class, id, alt or file name says "logo",
/// or the only image in a link to the home page.
fn is_logo(n: &NRef) -> bool {
    let says_logo = |v: Option<&str>| v.is_some_and(|v| v.to_ascii_lowercase().contains("logo"));
    says_logo(dom::attr(n, "class"))
        || says_logo(dom::attr(n, "id"))
        || says_logo(dom::attr(n, "src"))
        || n.ancestors().take(3).any(|a| {
            says_logo(dom::attr(&a, "class"))
                || says_logo(dom::attr(&a, "id"))
                || (dom::tag(&a) == Some("a") && dom::attr(&a, "href") == Some("/"))
        })
}

/// Decode the character references that pages leave escaped in metadata
/// (`&amp;`, `&#163;`, `&#xA3;`…), as Readability does.
pub fn unescape_entities(s: &str) -> String {
    crate::parse::decode_references(s).into_owned()
}

/// Collected `<meta>` values, keyed by lower-cased property/name/itemprop.
struct MetaTags(HashMap<String, Vec<String>>);

impl MetaTags {
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.0.get(*k).and_then(|v| v.iter().find(|s| !s.trim().is_empty())))
            .map(|s| dom::collapse_ws(&unescape_entities(s)))
    }
    fn all(&self, key: &str) -> Vec<String> {
        self.0.get(key).map(|v| v.iter().map(|s| unescape_entities(s)).collect()).unwrap_or_default()
    }
}

pub fn collect(doc: &Html, page_url: &str, signals: crate::types::Signals) -> Metadata {
    let read = read_page(doc, signals);
    let tags = MetaTags(read.tags);
    let mut flat = Vec::new();
    read.ld_values.iter().for_each(|v| flatten_ld(v, &mut flat));
    let article_ld = flat.iter().find(|v| types_of(v).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()))).copied();
    let any_ld = article_ld.or_else(|| flat.iter().find(|v| types_of(v).iter().any(|t| t.ends_with("Page"))).copied());

    let base_url = match read.base_href.as_deref().and_then(|b| url::resolve(page_url, b)) {
        Some(b) => b,
        None => page_url.to_string(),
    };
    let canonical = read.canonical.and_then(|c| url::resolve(&base_url, &c));
    let title_tag = read.title_tag.as_deref();
    // The publisher JSON-LD names: the publication.
    let publisher = any_ld.and_then(|v| v.get("publisher")).and_then(|p| ld_string(p.get("name")));
    let title = title(any_ld, &tags, title_tag, publisher.clone(), &read.h1s, &read.h2s);
    let site_name = site_name(publisher, &tags, title_tag, read.logo_alt, page_url, canonical.as_deref());
    let (authors, authors_fallback) = authors(article_ld, &tags);
    let published = published(article_ld, &tags, read.time_datetime, page_url);

    let lang = read
        .lang
        .or_else(|| tags.first(&["content-language", "og:locale", "language"]))
        .or_else(|| any_ld.and_then(|v| ld_string(v.get("inLanguage"))))
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| !l.is_empty());

    let description = any_ld.and_then(|v| ld_string(v.get("description"))).or_else(|| {
        tags.first(&["dc:description", "dcterm:description", "og:description", "description", "twitter:description"])
    });

    let is_article_type =
        article_ld.is_some() || tags.first(&["og:type"]).is_some_and(|t| t.eq_ignore_ascii_case("article"));

    let article_body =
        article_ld.and_then(|v| ld_string(v.get("articleBody"))).filter(|b| b.chars().count() >= ARTICLE_BODY_MIN);

    let image = lead_image(&tags, article_ld.or(any_ld), &base_url);
    let image_alt = image.as_ref().and_then(|_| tags.first(&["og:image:alt", "twitter:image:alt"]));

    Metadata {
        image,
        image_alt,
        article_body,
        ld_types: article_ld.or(any_ld).map(types_of).unwrap_or_default(),
        og_type: tags.first(&["og:type"]),
        generator: tags.first(&["generator"]),
        title,
        authors,
        published,
        site_name,
        lang,
        dir: read.dir.map(|d| d.to_ascii_lowercase()).filter(|d| d == "rtl" || d == "ltr"),
        description,
        base_url,
        is_article_type,
        canonical,
        authors_fallback,
    }
}

/// What one pass over the page finds for its metadata.
#[derive(Default)]
struct Read {
    /// `<meta>` contents by their key (property, name, itemprop, http-equiv).
    tags: HashMap<String, Vec<String>>,
    ld_values: Vec<Value>,
    title_tag: Option<String>,
    base_href: Option<String>,
    canonical: Option<String>,
    lang: Option<String>,
    dir: Option<String>,
    time_datetime: Option<String>,
    h1s: Vec<String>,
    h2s: Vec<String>,
    logo_alt: Option<String>,
}

/// The page's `<meta>` tags, JSON-LD, `<title>`, base, canonical link,
/// language and direction, first `<time>`, headings and logo, in one pass.
fn read_page(doc: &Html, signals: crate::types::Signals) -> Read {
    let mut r = Read::default();
    for n in doc.tree.root().descendants() {
        let Node::Element(e) = n.value() else {
            continue;
        };
        match e.name() {
            "meta" => {
                if let Some(content) = dom::get(e, "content") {
                    for key in [
                        dom::get(e, "property"),
                        dom::get(e, "name"),
                        dom::get(e, "itemprop"),
                        dom::get(e, "http-equiv"),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        for k in key.split_whitespace() {
                            // Readability's normalisation: "DC.Title" and "dc:title" are one key.
                            let key = k.to_ascii_lowercase().replace('.', ":");
                            r.tags.entry(key).or_default().push(content.to_string());
                        }
                    }
                }
            }
            "script" if dom::get(e, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                let raw = dom::text(&n);
                let raw = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
                if let Ok(v) = serde_json::from_str::<Value>(raw) {
                    if signals.json_ld {
                        r.ld_values.push(v);
                    }
                }
            }
            "title" if r.title_tag.is_none() && !n.ancestors().any(|a| dom::tag(&a) == Some("svg")) => {
                r.title_tag = Some(dom::collapse_ws(&unescape_entities(&dom::text(&n))))
            }
            "base" if r.base_href.is_none() => r.base_href = dom::get(e, "href").map(String::from),
            "link"
                if r.canonical.is_none() && dom::get(e, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                r.canonical = dom::get(e, "href").map(String::from)
            }
            "html" => {
                r.lang = dom::get(e, "lang").or(dom::get(e, "xml:lang")).map(String::from);
                r.dir = dom::get(e, "dir").map(String::from);
            }
            "time" if r.time_datetime.is_none() => r.time_datetime = dom::get(e, "datetime").map(String::from),
            "h1" => r.h1s.push(dom::norm_text(&n)),
            "h2" => r.h2s.push(dom::norm_text(&n)),
            "img" if r.logo_alt.is_none() && is_logo(&n) => {
                r.logo_alt =
                    dom::get(e, "alt").map(dom::collapse_ws).filter(|a| (1..=6).contains(&a.split_whitespace().count()))
            }
            _ => {}
        }
    }
    r
}

/// The publication's name. The publisher named in JSON-LD is the
/// publication; og:site_name is often a network or platform name
/// (Readability's order).
fn site_name(
    publisher: Option<String>,
    tags: &MetaTags,
    title_tag: Option<&str>,
    logo_alt: Option<String>,
    page_url: &str,
    canonical: Option<&str>,
) -> Option<String> {
    publisher
        .or_else(|| tags.first(&["og:site_name", "application-name", "twitter:site:name"]))
        // Without one declared: the <title>'s suffix ("Story | Energy Daily"),
        // the logo's alt text, before the bare domain.
        .or_else(|| title_tag.and_then(title_suffix).map(String::from))
        .or(logo_alt)
        .or_else(|| {
            url::host(page_url)
                .or_else(|| canonical.and_then(url::host))
                .map(|h| h.trim_start_matches("www.").to_string())
                .filter(|h| h != "127.0.0.1" && h != "localhost")
        })
}

/// The article's title: one the page declares (JSON-LD, og:title…) as the
/// page wrote it, like Readability; else the `<title>` element, with the
/// heuristics (headings, the site's name cut off).
fn title(
    any_ld: Option<&Value>,
    tags: &MetaTags,
    title_tag: Option<&str>,
    publisher: Option<String>,
    h1s: &[String],
    h2s: &[String],
) -> String {
    let doc_title = title_from_document(title_tag.unwrap_or(""), h1s, h2s);
    let tag_suffix = title_tag.and_then(title_suffix);
    let owned_sites: Vec<String> = [tags.first(&["og:site_name"]), publisher].into_iter().flatten().collect();
    let site_names: Vec<&str> = owned_sites.iter().map(String::as_str).chain(tag_suffix).collect();
    let raw_title = any_ld
        .and_then(|v| ld_title(v, &doc_title, &site_names))
        .or_else(|| tags.first(&["dc:title", "dcterm:title", "og:title", "title", "twitter:title", "parsely-title"]));
    let title = match raw_title {
        Some(t) => dom::collapse_ws(&t),
        None => doc_title,
    };
    // Soft hyphens are break hints, not letters (a citation or a search
    // for the title must not carry them).
    if title.contains(dom::SOFT_HYPHEN) {
        title.replace(dom::SOFT_HYPHEN, "")
    } else {
        title
    }
}

/// The authors the page declares, and those of `article:author` (often a
/// profile URL or a column name: trusted less than a byline in the page).
fn authors(article_ld: Option<&Value>, tags: &MetaTags) -> (Vec<String>, Vec<String>) {
    let mut author_raw: Vec<String> = article_ld.map(|v| ld_names(v.get("author"))).unwrap_or_default();
    if author_raw.is_empty() {
        for k in ["dc:creator", "dcterm:creator", "author", "parsely-author", "sailthru:author", "byl"] {
            author_raw.extend(tags.all(k).into_iter().filter(|a| url::scheme(a).is_none()));
            if !author_raw.is_empty() {
                break;
            }
        }
    }
    let article_authors: Vec<String> =
        tags.all("article:author").into_iter().filter(|a| url::scheme(a).is_none()).collect();
    (normalize_authors(&author_raw), normalize_authors(&article_authors))
}

/// The publication date, ISO 8601: JSON-LD, the meta tags' many names, the
/// first `<time>`, else a date in the URL.
fn published(
    article_ld: Option<&Value>,
    tags: &MetaTags,
    time_datetime: Option<String>,
    page_url: &str,
) -> Option<String> {
    article_ld
        .and_then(|v| ld_string(v.get("datePublished")))
        .or_else(|| {
            tags.first(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "dc:date:issued",
                "dc:date",
                "dcterms:created",
                "dcterms:date",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "sailthru:date",
                "parsely-pub-date",
                "article:published",
                "published_time",
            ])
        })
        .or_else(|| article_ld.and_then(|v| ld_string(v.get("dateCreated"))))
        .or(time_datetime)
        .and_then(|d| normalize_date(&d))
        .or_else(|| date_from_url(page_url))
}

/// The article's picture as the page declares it for link previews: Open
/// Graph, then Twitter's card, then the article's JSON-LD `image` (a URL, an
/// `ImageObject`, or a list of them), resolved against `base` and allowed as
/// the view's images are ([`crate::url::safe_url`]). Not a `data:` URL,
/// an SVG, an image declared under 200 pixels wide, or one whose file name
/// says it is a site's logo, icon or placeholder ([`GENERIC_IMAGE_WORDS`]):
/// those are the same on every page of a site.
fn lead_image(tags: &MetaTags, ld: Option<&Value>, base: &str) -> Option<String> {
    fn ld_url(v: Option<&Value>) -> Option<String> {
        match v? {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Array(a) => a.iter().find_map(|x| ld_url(Some(x))),
            Value::Object(o) => ld_url(o.get("url")).or_else(|| ld_url(o.get("contentUrl"))),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    }
    let declared =
        tags.first(&["og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"]);
    let narrow = declared.is_some()
        && tags.first(&["og:image:width"]).and_then(|w| w.trim().parse::<u32>().ok()).is_some_and(|w| w < 200);
    let url = declared.or_else(|| ld_url(ld.and_then(|v| v.get("image"))).map(|u| unescape_entities(&u)))?;
    // Resolved and allowed as the view's own images are; a `data:` image is
    // not a picture the page published (the field is an http(s) URL).
    let url = crate::url::safe_url(base, &url, true).filter(|u| !u.starts_with("data:"))?;
    if narrow {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    let generic = file.ends_with(".svg")
        || file.ends_with(".ico")
        || file.split(|c: char| !c.is_ascii_alphabetic()).any(|w| GENERIC_IMAGE_WORDS.contains(&w));
    (!generic).then_some(url)
}

/// Words of an image's file name that mark it as a site's, not an
/// article's: "logo.png", "favicon_150x150.png", "opengraph_default.jpg",
/// "ms-icon-310x310.png", "default-user-image.png".
const GENERIC_IMAGE_WORDS: &[&str] =
    &["logo", "logos", "favicon", "icon", "icons", "avatar", "placeholder", "default", "fallback", "blank", "spacer"];

/// Words in a title, for Readability's length rules: Chinese, Japanese and
/// Korean are written without spaces, so there about two characters make a
/// word ("難しい漢字に読み仮名を" is five words, not one).
fn title_words(s: &str) -> usize {
    s.split_whitespace()
        .map(|w| {
            let cjk = w.chars().filter(|&c| dom::is_cjk(c)).count();
            if cjk > 0 {
                cjk.div_ceil(2).max(1) + usize::from(w.chars().count() > cjk && cjk < 2)
            } else {
                1
            }
        })
        .sum()
}

/// Readability's title heuristics on the `<title>` element.
fn title_from_document(orig: &str, h1s: &[String], h2s: &[String]) -> String {
    let words = title_words;
    let mut cur = orig.to_string();
    let mut had_sep = false;
    if let Some(sep) = SEPARATORS.iter().filter(|s| orig.contains(**s)).max_by_key(|s| orig.rfind(**s)) {
        had_sep = true;
        cur = orig.rsplit_once(sep).map(|(h, _)| h.to_string()).unwrap_or_default();
        if words(&cur) < 3 {
            cur = orig.split_once(sep).map(|(_, t)| t.to_string()).unwrap_or_default();
        }
    } else if orig.contains(": ") {
        if !h1s.iter().chain(h2s).any(|h| h.trim() == orig.trim()) {
            cur = orig.rsplit_once(": ").map(|(_, t)| t.to_string()).unwrap_or_default();
            if words(&cur) < 3 {
                cur = orig.split_once(": ").map(|(_, t)| t.to_string()).unwrap_or_default();
            } else if words(orig.split_once(": ").map(|(h, _)| h).unwrap_or("")) > 5 {
                cur = orig.to_string();
            }
        }
    } else if (orig.len() > 150 || orig.len() < 15) && h1s.len() == 1 {
        cur = h1s[0].clone();
    }
    let cur = dom::collapse_ws(&cur);
    let n = words(&cur);
    if n <= 4 && (!had_sep || n != words(&orig.replace(['|', '-', '–', '—', '\\', '/', '>', '»'], "")) - 1) {
        return orig.to_string();
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(html: &str, url: &str) -> Option<String> {
        collect(&Html::parse_document(html), url, crate::types::Signals::ALL).site_name
    }

    fn image(head: &str) -> Option<String> {
        collect(&Html::parse_document(head), "https://news.example/world/story.html", crate::types::Signals::ALL).image
    }

    #[test]
    fn lead_image_as_the_page_declares_it() {
        // Open Graph first (resolved against the page), then Twitter's card,
        // then the article's JSON-LD image in each of its shapes.
        assert_eq!(
            image(r#"<meta property="og:image" content="/img/flood.jpg">"#).as_deref(),
            Some("https://news.example/img/flood.jpg")
        );
        let both = r#"<meta name="twitter:image" content="https://cdn.example/t.jpg"><meta property="og:image" content="https://cdn.example/o.jpg">"#;
        assert_eq!(image(both).as_deref(), Some("https://cdn.example/o.jpg"));
        assert_eq!(
            image(r#"<meta name="twitter:image:src" content="//cdn.example/t.jpg">"#).as_deref(),
            Some("https://cdn.example/t.jpg")
        );
        for ld in [
            r#""https://cdn.example/a.jpg""#,
            r#"{"@type": "ImageObject", "url": "https://cdn.example/a.jpg", "width": 1200}"#,
            r#"[{"@type": "ImageObject", "contentUrl": "https://cdn.example/a.jpg"}, "https://cdn.example/b.jpg"]"#,
        ] {
            let page = format!(
                r#"<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Floods", "image": {ld}}}</script>"#
            );
            assert_eq!(image(&page).as_deref(), Some("https://cdn.example/a.jpg"), "{ld}");
        }
        // What is the site's rather than the story's, or not an image URL a reader view may show.
        for head in [
            r#"<meta property="og:image" content="https://news.example/static/logo.png">"#,
            r#"<meta property="og:image" content="https://news.example/img/favicon_150x150.png">"#,
            r#"<meta property="og:image" content="https://news.example/img/opengraph_default.jpg">"#,
            r#"<meta property="og:image" content="https://news.example/img/ms-icon-310x310.png">"#,
            r#"<meta property="og:image" content="https://news.example/brand/mark.svg">"#,
            r#"<meta property="og:image" content="https://news.example/p/flood.jpg"><meta property="og:image:width" content="150">"#,
            r#"<meta property="og:image" content="javascript:alert(1)">"#,
            r#"<meta property="og:image" content="data:image/png;base64,iVBORw0KGgo=">"#,
            "",
        ] {
            assert_eq!(image(head), None, "{head}");
        }
        // "default" in a folder name is not the file's (Drupal keeps every upload under sites/default/files).
        let drupal = r#"<meta property="og:image" content="https://news.example/sites/default/files/flood_lead.jpg">"#;
        assert!(image(drupal).is_some());
        // Words are whole: "silicon" is not an icon.
        assert!(image(r#"<meta property="og:image" content="https://news.example/i/silicon-valley.jpg">"#).is_some());
        let alt = r#"<meta property="og:image" content="/f.jpg"><meta property="og:image:alt" content="The flooded high street">"#;
        let m = collect(&Html::parse_document(alt), "https://news.example/a", crate::types::Signals::ALL);
        assert_eq!(m.image_alt.as_deref(), Some("The flooded high street"));
    }

    #[test]
    fn site_name_without_og_site_name() {
        let url = "https://www.energy-daily.example/reports/story.html";
        // The <title>'s suffix, then the logo's alt, before the bare domain.
        assert_eq!(site("<title>Troops to stay | Energy Daily</title>", url).as_deref(), Some("Energy Daily"));
        let logo = r#"<title>Troops to stay</title><header><a href="/"><img src="/i/top.png" alt="Energy Daily"></a></header>"#;
        assert_eq!(site(logo, url).as_deref(), Some("Energy Daily"));
        let logo = r#"<title>Troops to stay</title><img class="site-logo" src="/l.png" alt="Energy Daily">"#;
        assert_eq!(site(logo, url).as_deref(), Some("Energy Daily"));
        assert_eq!(site("<title>Troops to stay in Iraq</title>", url).as_deref(), Some("energy-daily.example"));
        // A long tail after a dash is part of the title, not a site name.
        let long = "<title>Talks begin - what the troops, the ministers and the region expect</title>";
        assert_eq!(site(long, url).as_deref(), Some("energy-daily.example"));
        // Declared names come first.
        let og = r#"<meta property="og:site_name" content="ED"><title>Troops | Energy Daily</title>"#;
        assert_eq!(site(og, url).as_deref(), Some("ED"));
    }

    #[test]
    fn a_json_ld_name_that_is_the_site_is_not_the_title() {
        let html = r#"<title>Heinen-Esser offen für Prämie | Wochenblatt für Landwirtschaft</title>
            <meta property="og:site_name" content="Wochenblatt">
            <script type="application/ld+json">{"@type":"Article","name":"Wochenblatt für Landwirtschaft","headline":"Heinen-Esser offen für Prämie"}</script>"#;
        let m = collect(&Html::parse_document(html), "https://example.com/a", crate::types::Signals::ALL);
        assert_eq!(m.title, "Heinen-Esser offen für Prämie");
    }

    #[test]
    fn a_heading_with_a_kicker_is_the_title() {
        let title = "Wie Firmen ihre Beschäftigten vor dem Coronavirus schützen";
        assert!(is_title_heading(
            "Abstandsregeln und Fieberkontrollen: Wie Firmen ihre Beschäftigten vor dem Coronavirus schützen",
            title
        ));
        assert!(is_title_heading(title, title));
        assert!(!is_title_heading(
            "Abstandsregeln und Fieberkontrollen in vielen Firmen, Schulen und Behörden: Wie Firmen",
            title
        ));
        assert!(!is_title_heading("Mehr zum Thema", title));
        assert!(is_title_heading("Kinder und Arbeit", "Kinder und Arbeit » ProNATs e.V."));
        assert!(!is_title_heading("ProNATs e.V.", "Kinder und Arbeit » ProNATs e.V."));
    }

    #[test]
    fn json_ld_graph_wins() {
        let html = r#"<html lang="en-GB"><head><title>Big story | Daily</title>
        <meta property="og:site_name" content="The Daily">
        <meta property="og:title" content="OG title">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
        {"@type":"NewsArticle","headline":"The headline","datePublished":"2024-01-25T10:00:00+01:00",
         "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chan"}]}]}</script></head><body></body></html>"#;
        let m = collect(&Html::parse_document(html), "https://www.daily.example/x", crate::types::Signals::ALL);
        assert_eq!(m.title, "The headline");
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(m.published.as_deref(), Some("2024-01-25T10:00:00+01:00"));
        assert_eq!(m.site_name.as_deref(), Some("The Daily"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
        assert!(m.is_article_type);
    }

    #[test]
    fn title_suffix_is_the_site_and_the_url_gives_the_date() {
        let html = "<html><head><title>Rates rise again as inflation bites - Example News</title></head></html>";
        let m = collect(
            &Html::parse_document(html),
            "https://www.example.com/2023/05/06/rates",
            crate::types::Signals::ALL,
        );
        assert_eq!(m.title, "Rates rise again as inflation bites");
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        assert_eq!(m.published.as_deref(), Some("2023-05-06"));
    }

    #[test]
    fn authors_are_normalised() {
        let got = normalize_authors(&["By Tony GAMAL-GABRIEL with W.G. Dunlop in Washington".into()]);
        assert_eq!(got, vec!["Tony Gamal-Gabriel", "W.G. Dunlop"]);
        assert_eq!(normalize_authors(&["Jane Doe, Staff Writer".into(), "jane doe".into()]), vec!["Jane Doe"]);
        assert_eq!(normalize_authors(&["AFP".into()]), vec!["AFP"]);
        assert_eq!(normalize_authors(&["Di Giulia Bianchi".into()]), vec!["Giulia Bianchi"]);
        assert_eq!(normalize_authors(&["Di Maio".into()]), vec!["Di Maio"]);
        assert_eq!(normalize_authors(&["przez Anna Nowak".into()]), vec!["Anna Nowak"]);
        assert_eq!(normalize_authors(&["Autor: Anna Nowak".into()]), vec!["Anna Nowak"]);
        assert_eq!(normalize_authors(&["Aleš Vávra".into(), "Éric".into()]), vec!["Aleš Vávra", "Éric"]);
        // Bylines that are dates, or have one glued on.
        assert!(normalize_authors(&["21.dez.2018 às 10h55".into()]).is_empty());
        assert!(normalize_authors(&["Sunday, Feb 1, 2015 11:57 AM UTC".into()]).is_empty());
        assert_eq!(normalize_authors(&["Joshua Sokol May 20, 2019".into()]), vec!["Joshua Sokol"]);
        assert_eq!(normalize_authors(&["Anna Keller 14. März 2026".into()]), vec!["Anna Keller"]);
        assert_eq!(normalize_authors(&["Theresa May".into()]), vec!["Theresa May"]);
        assert_eq!(normalize_authors(&["August Wilson".into()]), vec!["August Wilson"]);
        assert_eq!(normalize_authors(&["Jörn Mecher am 08.12.2022".into()]), vec!["Jörn Mecher"]);
        assert!(normalize_authors(&["Veröffentlicht am 12.03.2021".into(), "Datum: 12.03.2021".into()]).is_empty());
        assert_eq!(
            normalize_authors(&["oe24.at".into(), "FinanceScout24".into(), "24horas.cl".into()]),
            vec!["oe24.at", "FinanceScout24", "24horas.cl"]
        );
        assert_eq!(normalize_authors(&["Carrie ArnoldNovember 15, 2019".into()]), vec!["Carrie Arnold"]);
        assert_eq!(normalize_authors(&["Nicole Collignon22. Februar 2020".into()]), vec!["Nicole Collignon"]);
        assert_eq!(normalize_authors(&["Jeff FoustMonday, November 18, 2019".into()]), vec!["Jeff Foust"]);
    }

    #[test]
    fn entities_in_metadata() {
        assert_eq!(unescape_entities("Bike &amp; Style &#163;7 &#xA3;8 &bogus; & x"), "Bike & Style £7 £8 &bogus; & x");
        assert_eq!(unescape_entities("Ama&hellip; &mdash; Caf&eacute;"), "Ama… — Café");
        assert_eq!(unescape_entities("&#0;&#99999999;"), "&#0;&#99999999;");
    }

    #[test]
    fn dates() {
        assert_eq!(normalize_date("2024-01-25").as_deref(), Some("2024-01-25"));
        assert_eq!(normalize_date("Jan 25, 2024").as_deref(), Some("2024-01-25"));
        assert_eq!(normalize_date("Thu, 25 Jan 2024 10:00:00 GMT").as_deref(), Some("2024-01-25T10:00:00+00:00"));
        assert_eq!(normalize_date("2024-01-25T10:00:00").as_deref(), Some("2024-01-25T10:00:00"));
        assert_eq!(normalize_date("yesterday"), None);
    }
}
