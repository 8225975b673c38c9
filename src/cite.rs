//! Stage 6: citations. From the article's metadata this stage builds one
//! CSL-JSON item (the standard input of citation processors) and writes it as
//! BibTeX (biblatex), RIS and CSL-JSON. The five prose styles (APA 7, MLA 9,
//! Chicago 18 author-date and notes-bibliography, Harvard Cite Them Right)
//! are rendered from the official CSL style files by a real CSL processor
//! (`hayagriva`, in [`csl`], feature `csl`). The browser loads that part as a
//! second wasm module on first use, so the reader view's module stays small.
//!
//! Name splitting, work-type signals and tracking parameters are data:
//! `data/cite.json`.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[cfg(feature = "csl")]
pub mod csl;
#[cfg(feature = "csl")]
pub mod quote;

/// Format name → citation text (`apa`, `mla`, `chicago-author-date`,
/// `chicago-notes`, `harvard`, `bibtex`, `ris`, `csl-json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Citation(pub BTreeMap<String, String>);

/// The prose styles: key in [`Citation`], CSL file in `data/csl/`.
pub const STYLES: [(&str, &str); 5] = [
    ("apa", "apa"),
    ("mla", "modern-language-association"),
    ("chicago-author-date", "chicago-author-date"),
    ("chicago-notes", "chicago-notes-bibliography"),
    ("harvard", "harvard-cite-them-right"),
];

#[derive(Debug, Deserialize)]
struct Rules {
    organisation_words: Vec<String>,
    particles: Vec<String>,
    suffixes: Vec<String>,
    news_types: Vec<String>,
    blog_types: Vec<String>,
    blog_generators: Vec<String>,
    blog_url_words: Vec<String>,
    tracking_params: Vec<String>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/cite.min.json"))).expect("data/cite.json is valid")
    })
}

/// What kind of work the page is, in CSL's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    News,
    Blog,
    Web,
}

impl Kind {
    pub fn csl_type(self) -> &'static str {
        match self {
            Kind::News => "article-newspaper",
            Kind::Blog => "post-weblog",
            Kind::Web => "webpage",
        }
    }

    /// Decide from the schema.org types, `og:type`, the generator and the URL.
    pub fn detect(ld_types: &[String], og_type: Option<&str>, generator: Option<&str>, url: &str) -> Kind {
        let r = rules();
        let has = |list: &[String]| ld_types.iter().any(|t| list.contains(t));
        if has(&r.blog_types) {
            return Kind::Blog;
        }
        if has(&r.news_types) {
            return Kind::News;
        }
        let generator = generator.unwrap_or("").to_lowercase();
        let lower_url = url.to_lowercase();
        let host_path = lower_url.split(['?', '#']).next().unwrap_or("");
        let blog_url =
            host_path.split(['/', '.']).any(|part| r.blog_url_words.iter().any(|w| !w.contains('.') && part == w))
                || r.blog_url_words.iter().any(|w| w.contains('.') && host_path.contains(w.as_str()));
        if r.blog_generators.iter().any(|g| generator.contains(g.as_str())) || blog_url {
            return Kind::Blog;
        }
        let declared_article = og_type.is_some_and(|t| t.eq_ignore_ascii_case("article"))
            || ld_types.iter().any(|t| t == "Article" || t == "Report");
        if declared_article {
            Kind::News
        } else {
            Kind::Web
        }
    }
}

/// What a citation is built from.
#[derive(Debug, Clone, Default)]
pub struct Source<'a> {
    pub title: &'a str,
    pub authors: &'a [String],
    pub published: Option<&'a str>,
    pub site_name: Option<&'a str>,
    pub lang: Option<&'a str>,
    /// The URL the page was read from.
    pub url: &'a str,
    /// `<link rel="canonical">`, preferred when it is an http(s) URL.
    pub canonical: Option<&'a str>,
    pub kind: Option<Kind>,
}

/// One author as CSL wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// An organisation or a name that cannot be split ("Reuters", "BBC News").
    Literal(String),
    Person {
        family: String,
        given: String,
        particle: String,
        suffix: String,
    },
}

fn is_particle(token: &str) -> bool {
    let r = rules();
    token.chars().next().is_some_and(|c| c.is_lowercase()) && r.particles.iter().any(|p| p == token)
}

/// Split a display name ("Ludwig van Beethoven", "Smith, Jane", "AFP").
pub fn split_name(raw: &str) -> Name {
    let r = rules();
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let all_caps = name.chars().any(|c| c.is_alphabetic()) && !name.chars().any(|c| c.is_lowercase());
    let organisation = words.len() < 2
        || all_caps
        || name.chars().any(|c| c.is_ascii_digit() || c == '&' || c == '@' || c == '/')
        || words.iter().any(|w| w == "and" || r.organisation_words.contains(w));
    if organisation {
        return Name::Literal(name);
    }
    // "Family, Given" (and "Family, Given, Jr.")
    if let Some((family, rest)) = name.split_once(',') {
        let (given, suffix) = match rest.split_once(',') {
            Some((g, s)) => (g.trim(), s.trim()),
            None => (rest.trim(), ""),
        };
        if !given.is_empty() && !family.trim().is_empty() {
            return person(family.trim(), given, suffix);
        }
    }
    let mut tokens: Vec<&str> = name.split(' ').collect();
    let mut suffix = String::new();
    if tokens.len() > 2 && r.suffixes.iter().any(|s| *s == tokens[tokens.len() - 1].to_lowercase()) {
        suffix = tokens.pop().unwrap_or_default().to_string();
        if let Some(last) = tokens.last_mut() {
            *last = last.trim_end_matches(',');
        }
    }
    let start = (1..tokens.len()).find(|&i| is_particle(tokens[i])).filter(|&i| {
        // at least one non-particle word after the particles
        tokens[i..].iter().any(|t| !is_particle(t))
    });
    let split_at = start.unwrap_or(tokens.len() - 1);
    let given = tokens[..split_at].join(" ");
    let family = tokens[split_at..].join(" ");
    person(&family, &given, &suffix)
}

/// "W.G." → "W. G." (how citation styles write initials).
fn spaced_initials(given: &str) -> String {
    let mut out = String::new();
    let mut prev = ' ';
    for c in given.chars() {
        if prev == '.' && c.is_uppercase() {
            out.push(' ');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Straight quotes become typographic ones (O’Neill, Sam’s, “quoted”), as
/// citation processors print them.
pub fn typographic(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([{‘“-–—/".contains(p));
        out.push(match c {
            '\'' if prev.is_some_and(char::is_alphabetic) => '’',
            '"' if opens => '“',
            '"' => '”',
            c => c,
        });
        prev = Some(c);
    }
    out
}

fn person(family: &str, given: &str, suffix: &str) -> Name {
    let tokens: Vec<&str> = family.split(' ').collect();
    let n = tokens.iter().take_while(|t| is_particle(t)).count().min(tokens.len() - 1);
    let particle = tokens[..n].join(" ");
    let family = typographic(&tokens[n..].join(" "));
    Name::Person { family, given: typographic(&spaced_initials(given)), particle, suffix: suffix.to_string() }
}

impl Name {
    fn to_csl(&self) -> Value {
        match self {
            Name::Literal(l) => json!({ "literal": l }),
            Name::Person { family, given, particle, suffix } => {
                let mut m = Map::new();
                m.insert("family".into(), family.clone().into());
                m.insert("given".into(), given.clone().into());
                if !particle.is_empty() {
                    m.insert("non-dropping-particle".into(), particle.clone().into());
                }
                if !suffix.is_empty() {
                    m.insert("suffix".into(), suffix.clone().into());
                }
                Value::Object(m)
            }
        }
    }

    /// The family name with its particle, as sorted and cited ("van Beethoven", "al-Sayed").
    fn full_family(&self) -> String {
        match self {
            Name::Literal(l) => l.clone(),
            Name::Person { family, particle, .. } if particle.ends_with('-') || particle.ends_with('\'') => {
                format!("{particle}{family}")
            }
            Name::Person { family, particle, .. } if !particle.is_empty() => format!("{particle} {family}"),
            Name::Person { family, .. } => family.clone(),
        }
    }
}

/// The URL to cite: the canonical one when it is http(s), without tracking parameters.
pub fn clean_url(url: &str, canonical: Option<&str>) -> String {
    let chosen = canonical.filter(|c| matches!(crate::url::scheme(c), Some("http") | Some("https"))).unwrap_or(url);
    let (main, fragment) = match chosen.split_once('#') {
        Some((m, f)) => (m, Some(f)),
        None => (chosen, None),
    };
    let mut out = match main.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| {
                    let key = p.split('=').next().unwrap_or("").to_ascii_lowercase();
                    !p.is_empty()
                        && !rules().tracking_params.iter().any(|t| {
                            if t.ends_with('_') {
                                key.starts_with(t.as_str())
                            } else {
                                key == *t
                            }
                        })
                })
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => main.to_string(),
    };
    // Keep a fragment only when it is not a share/tracking marker.
    if let Some(f) = fragment.filter(|f| !f.is_empty() && !f.contains('=') && !f.starts_with('.')) {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// `[year, month?, day?]` from an ISO date or timestamp.
pub fn date_parts(iso: &str) -> Option<Vec<u32>> {
    let date = iso.get(..10.min(iso.len()))?;
    let parts: Vec<u32> = date.split('-').map_while(|p| p.parse().ok()).collect();
    let ok = match parts.as_slice() {
        [y] => *y > 0,
        [y, m] => *y > 0 && (1..=12).contains(m),
        [y, m, d] => *y > 0 && (1..=12).contains(m) && (1..=31).contains(d),
        _ => false,
    };
    ok.then_some(parts)
}

/// Today's date (`YYYY-MM-DD`, UTC natively; the browser passes its local date).
pub fn today() -> String {
    #[cfg(not(target_arch = "wasm32"))]
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0)
            as i64;
    #[cfg(target_arch = "wasm32")]
    let days = (js_sys::Date::now() / 86_400_000.0).floor() as i64;
    let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
    date.format("%Y-%m-%d").to_string()
}

/// The CSL-JSON item for a source.
pub fn item(src: &Source, accessed: &str) -> Value {
    let kind = src.kind.unwrap_or(Kind::Web);
    let url = clean_url(src.url, src.canonical);
    let mut names: Vec<Name> = src.authors.iter().map(|a| split_name(a)).collect();
    // "Jane Doe and AFP": the people are the authors, the agency is a credit.
    if names.iter().any(|n| matches!(n, Name::Person { .. })) {
        names.retain(|n| matches!(n, Name::Person { .. }));
    }
    let mut m = Map::new();
    m.insert("id".into(), bibtex_key(&names, src).into());
    m.insert("type".into(), kind.csl_type().into());
    let title = typographic(src.title.trim());
    if !title.is_empty() {
        m.insert("title".into(), title.into());
    }
    if !names.is_empty() {
        m.insert("author".into(), Value::Array(names.iter().map(Name::to_csl).collect()));
    }
    if let Some(site) = src.site_name.map(str::trim).filter(|s| !s.is_empty()) {
        m.insert("container-title".into(), typographic(site).into());
    }
    if let Some(parts) = src.published.and_then(date_parts) {
        m.insert("issued".into(), json!({ "date-parts": [parts] }));
    }
    if let Some(parts) = date_parts(accessed) {
        m.insert("accessed".into(), json!({ "date-parts": [parts] }));
    }
    if !url.is_empty() && matches!(crate::url::scheme(&url), Some("http") | Some("https")) {
        m.insert("URL".into(), url.into());
    }
    if let Some(lang) = src.lang.map(str::trim).filter(|l| !l.is_empty()) {
        m.insert("language".into(), lang.into());
    }
    Value::Object(m)
}

/// All formats for a source. Without the `csl` feature (the reader view's
/// wasm module) only BibTeX, RIS and CSL-JSON are filled in here; the prose
/// styles come from the citation module.
pub fn build(src: &Source, accessed: &str) -> Citation {
    let item = item(src, accessed);
    let mut out = BTreeMap::new();
    out.insert("csl-json".to_string(), serde_json::to_string_pretty(&item).unwrap_or_default());
    out.insert("bibtex".to_string(), bibtex(&item));
    out.insert("ris".to_string(), ris(&item));
    #[cfg(feature = "csl")]
    for (key, text) in csl::render_texts(&item, STYLES.iter().map(|(key, _)| *key)) {
        out.insert(key.to_string(), text);
    }
    Citation(out)
}

fn str_of<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

fn parts_of(item: &Value, key: &str) -> Vec<u32> {
    item.get(key)
        .and_then(|d| d.get("date-parts"))
        .and_then(|p| p.get(0))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|n| n.as_u64().map(|n| n as u32)).collect())
        .unwrap_or_default()
}

fn names_of(item: &Value) -> Vec<Name> {
    item.get("author")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|n| match str_of(n, "literal") {
                    Some(l) => Name::Literal(l.to_string()),
                    None => Name::Person {
                        family: str_of(n, "family").unwrap_or("").to_string(),
                        given: str_of(n, "given").unwrap_or("").to_string(),
                        particle: str_of(n, "non-dropping-particle").unwrap_or("").to_string(),
                        suffix: str_of(n, "suffix").unwrap_or("").to_string(),
                    },
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Latin letters without their accents, for citation keys.
fn ascii_fold(s: &str) -> String {
    const FROM: &str = "àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłľñńňòóôõöøōőŕřśšşșťțùúûüūůűųýÿžźż";
    const TO: &str = "aaaaaaaaacccddeeeeeeeegiiiiiiillnnnoooooooorrsssstttuuuuuuuuyyzzz";
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(i) = FROM.chars().position(|f| f == c) {
            out.extend(TO.chars().nth(i));
        } else if c == 'ß' {
            out.push_str("ss");
        } else if c == 'æ' {
            out.push_str("ae");
        } else if c == 'œ' {
            out.push_str("oe");
        }
    }
    out
}

/// A stable key: first author's family name, year, first significant title word.
fn bibtex_key(names: &[Name], src: &Source) -> String {
    const STOP: [&str; 12] = ["the", "a", "an", "of", "and", "in", "on", "for", "to", "der", "die", "das"];
    let who = names.first().map(|n| match n {
        Name::Literal(l) => ascii_fold(l.split_whitespace().next().unwrap_or("")),
        Name::Person { family, .. } => ascii_fold(family),
    });
    let year = src.published.and_then(date_parts).map(|p| p[0].to_string()).unwrap_or_else(|| "nd".into());
    let word = src
        .title
        .split(|c: char| !c.is_alphanumeric())
        .map(ascii_fold)
        .find(|w| w.len() > 2 && w.starts_with(|c: char| c.is_ascii_alphabetic()) && !STOP.contains(&w.as_str()))
        .unwrap_or_default();
    let who = who.filter(|w| !w.is_empty()).unwrap_or_else(|| "anon".into());
    format!("{who}{year}{word}")
}

/// Escape text for a BibTeX field (UTF-8 is kept: biblatex and biber read it).
fn tex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c)
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn iso(parts: &[u32]) -> String {
    match parts {
        [y] => format!("{y:04}"),
        [y, m] => format!("{y:04}-{m:02}"),
        [y, m, d, ..] => format!("{y:04}-{m:02}-{d:02}"),
        [] => String::new(),
    }
}

/// biblatex: `@article` for news (with `journaltitle`), `@online` otherwise.
pub fn bibtex(item: &Value) -> String {
    let news = str_of(item, "type") == Some("article-newspaper");
    let mut fields: Vec<(&str, String)> = Vec::new();
    let names = names_of(item);
    if !names.is_empty() {
        let list: Vec<String> = names
            .iter()
            .map(|n| match n {
                Name::Literal(l) => format!("{{{}}}", tex_escape(l)),
                Name::Person { given, suffix, .. } => {
                    let family = tex_escape(&n.full_family());
                    match (given.is_empty(), suffix.is_empty()) {
                        (true, _) => family,
                        (false, true) => format!("{family}, {}", tex_escape(given)),
                        (false, false) => format!("{family}, {}, {}", tex_escape(suffix), tex_escape(given)),
                    }
                }
            })
            .collect();
        fields.push(("author", list.join(" and ")));
    }
    if let Some(t) = str_of(item, "title") {
        fields.push(("title", tex_escape(t)));
    }
    if let Some(c) = str_of(item, "container-title") {
        fields.push((if news { "journaltitle" } else { "organization" }, tex_escape(c)));
    }
    let issued = parts_of(item, "issued");
    if !issued.is_empty() {
        fields.push(("date", iso(&issued)));
    }
    if let Some(u) = str_of(item, "URL") {
        // a verbatim field: only the characters TeX would still act on are escaped
        fields.push(("url", u.replace('\\', "%5C").replace('%', "\\%").replace('#', "\\#").replace(['{', '}'], "")));
    }
    let accessed = parts_of(item, "accessed");
    if !accessed.is_empty() {
        fields.push(("urldate", iso(&accessed)));
    }
    if let Some(l) = str_of(item, "language") {
        fields.push(("language", tex_escape(l)));
    }
    let key = str_of(item, "id").unwrap_or("anon");
    let mut out = format!("@{}{{{key},\n", if news { "article" } else { "online" });
    for (i, (k, v)) in fields.iter().enumerate() {
        let comma = if i + 1 < fields.len() { "," } else { "" };
        out.push_str(&format!("  {k} = {{{v}}}{comma}\n"));
    }
    out.push('}');
    out
}

fn ris_date(parts: &[u32]) -> String {
    let p = |i: usize| parts.get(i).map(|n| format!("{n:02}")).unwrap_or_default();
    format!("{:04}/{}/{}/", parts[0], p(1), p(2))
}

/// RIS: `NEWS`, `BLOG` or `ELEC`.
pub fn ris(item: &Value) -> String {
    let ty = match str_of(item, "type") {
        Some("article-newspaper") => "NEWS",
        Some("post-weblog") => "BLOG",
        _ => "ELEC",
    };
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = vec![format!("TY  - {ty}")];
    for n in names_of(item) {
        let au = match &n {
            Name::Literal(l) => l.clone(),
            Name::Person { given, suffix, .. } => {
                let mut s = n.full_family();
                if !given.is_empty() {
                    s = format!("{s}, {given}");
                }
                if !suffix.is_empty() {
                    s = format!("{s}, {suffix}");
                }
                s
            }
        };
        lines.push(format!("AU  - {}", one_line(&au)));
    }
    if let Some(t) = str_of(item, "title") {
        lines.push(format!("TI  - {}", one_line(t)));
    }
    if let Some(c) = str_of(item, "container-title") {
        lines.push(format!("T2  - {}", one_line(c)));
    }
    let issued = parts_of(item, "issued");
    if !issued.is_empty() {
        lines.push(format!("PY  - {:04}", issued[0]));
        lines.push(format!("DA  - {}", ris_date(&issued)));
    }
    if let Some(u) = str_of(item, "URL") {
        lines.push(format!("UR  - {u}"));
    }
    let accessed = parts_of(item, "accessed");
    if !accessed.is_empty() {
        lines.push(format!("Y2  - {}", ris_date(&accessed)));
    }
    if let Some(l) = str_of(item, "language") {
        lines.push(format!("LA  - {l}"));
    }
    lines.push("ER  - ".into());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(family: &str, given: &str, particle: &str) -> Name {
        Name::Person { family: family.into(), given: given.into(), particle: particle.into(), suffix: String::new() }
    }

    #[test]
    fn names_are_split() {
        assert_eq!(split_name("Jane Smith"), person("Smith", "Jane", ""));
        assert_eq!(split_name("Ludwig van Beethoven"), person("Beethoven", "Ludwig", "van"));
        assert_eq!(split_name("Smith, Jane"), person("Smith", "Jane", ""));
        assert_eq!(split_name("J. K. Rowling"), person("Rowling", "J. K.", ""));
        assert_eq!(split_name("Ahmed al-Sayed"), person("al-Sayed", "Ahmed", ""));
        assert_eq!(split_name("W.G. Dunlop"), person("Dunlop", "W. G.", ""));
        assert_eq!(split_name("Chris O'Neill"), person("O’Neill", "Chris", ""));
        assert_eq!(typographic(r#"Why "quiet quitting" isn't new"#), "Why “quiet quitting” isn’t new");
        assert_eq!(split_name("Charles de Gaulle"), person("Gaulle", "Charles", "de"));
        assert_eq!(split_name("AFP"), Name::Literal("AFP".into()));
        assert_eq!(split_name("Reuters"), Name::Literal("Reuters".into()));
        assert_eq!(split_name("BBC News"), Name::Literal("BBC News".into()));
        assert_eq!(split_name("Associated Press"), Name::Literal("Associated Press".into()));
        assert_eq!(
            split_name("Martin Luther King Jr."),
            Name::Person {
                family: "King".into(),
                given: "Martin Luther".into(),
                particle: "".into(),
                suffix: "Jr.".into()
            }
        );
        assert_eq!(split_name("Zoë Ñúñez"), person("Ñúñez", "Zoë", ""));
    }

    #[test]
    fn tracking_parameters_are_removed() {
        assert_eq!(clean_url("https://x.org/a?utm_source=tw&id=3&fbclid=abc#top", None), "https://x.org/a?id=3#top");
        assert_eq!(clean_url("https://x.org/a?gclid=1&mc_cid=2", None), "https://x.org/a");
        assert_eq!(clean_url("https://x.org/a?x=1", Some("https://x.org/canon")), "https://x.org/canon");
        assert_eq!(clean_url("https://x.org/a", Some("javascript:alert(1)")), "https://x.org/a");
    }

    #[test]
    fn work_kind_from_signals() {
        let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Kind::detect(&t(&["NewsArticle"]), None, None, "https://x.org/a"), Kind::News);
        assert_eq!(Kind::detect(&t(&["BlogPosting"]), Some("article"), None, "https://x.org/a"), Kind::Blog);
        assert_eq!(Kind::detect(&[], Some("article"), Some("WordPress 6.4"), "https://x.org/a"), Kind::Blog);
        assert_eq!(Kind::detect(&[], Some("article"), None, "https://x.org/blog/a"), Kind::Blog);
        assert_eq!(Kind::detect(&[], Some("article"), None, "https://x.org/2024/a"), Kind::News);
        assert_eq!(Kind::detect(&[], None, None, "https://x.org/about"), Kind::Web);
        assert_eq!(Kind::detect(&[], Some("website"), None, "https://blogging.org/a"), Kind::Web);
    }

    #[test]
    fn dates() {
        assert_eq!(date_parts("2024-03-05T10:00:00+01:00"), Some(vec![2024, 3, 5]));
        assert_eq!(date_parts("2024-03"), Some(vec![2024, 3]));
        assert_eq!(date_parts("yesterday"), None);
        assert_eq!(date_parts("2024-13-01"), None);
    }

    #[test]
    fn bibtex_escapes_and_keys() {
        let authors = vec!["Zoë Ñúñez".to_string(), "AFP".to_string()];
        let src = Source {
            title: "50% of R&D_budgets: {braces} #1",
            authors: &authors,
            published: Some("2024-03-05"),
            site_name: Some("Tech & Co"),
            url: "https://x.org/a?b=1%20c#x",
            kind: Some(Kind::News),
            ..Default::default()
        };
        let b = bibtex(&item(&src, "2026-11-25"));
        assert!(b.starts_with("@article{nunez2024budgets,\n"), "{b}");
        assert!(b.contains("author = {Ñúñez, Zoë}"), "{b}");
        assert!(b.contains("title = {50\\% of R\\&D\\_budgets: \\{braces\\} \\#1}"), "{b}");
        assert!(b.contains("journaltitle = {Tech \\& Co}"), "{b}");
        assert!(b.contains("url = {https://x.org/a?b=1\\%20c\\#x}"), "{b}");
        assert!(b.contains("urldate = {2026-11-25}"), "{b}");
    }

    #[test]
    fn missing_metadata_leaves_fields_out() {
        let src = Source { title: "Untitled page", url: "", ..Default::default() };
        let it = item(&src, "2026-11-25");
        assert!(it.get("author").is_none() && it.get("issued").is_none() && it.get("URL").is_none());
        let r = ris(&it);
        assert_eq!(r, "TY  - ELEC\nTI  - Untitled page\nY2  - 2026/11/25/\nER  - ");
        assert!(bibtex(&it).starts_with("@online{anonnduntitled,"), "{}", bibtex(&it));
    }
}
