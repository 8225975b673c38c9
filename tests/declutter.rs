//! Live-page decluttering, natively (no layout): the rules find the clutter of
//! the fixture pages, and never the article — measured on the 98 real pages
//! of the AEB dev corpus against their reference article text, and on
//! false-positive fixtures (stories about cookies, advertising, with a
//! "Related reading" paragraph).

use lucid::declutter::{self, native::NativePage};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The guard the extension sets before it declutters: the paragraph starts
/// of the article the core extracts from the page.
fn guard_for_page(html: &str, url: &str) -> Vec<String> {
    lucid::extract(html, url, &lucid::Options::default())
        .map(|a| declutter::guard_from_text(&a.text))
        .unwrap_or_default()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (kind, element description, full text) of what would be hidden.
fn hidden(html: &str, url: &str) -> Vec<(String, String, String)> {
    let guard = guard_for_page(html, url);
    let doc = lucid::parse::parse(html);
    let page = NativePage::new(&doc, url);
    declutter::plan(&page, &guard)
        .into_iter()
        .map(|h| (h.kind.as_str().to_string(), page.describe(&h.el), page.full_text(&h.el)))
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs of `reference` (≥ 40 characters) whose start lies in hidden text.
fn paragraphs_hidden(reference: &str, hidden: &[(String, String, String)]) -> (usize, usize, Vec<String>) {
    let hidden_text = collapse(&hidden.iter().map(|h| h.2.as_str()).collect::<Vec<_>>().join(" \u{1} "));
    let mut total = 0;
    let mut lost = Vec::new();
    for p in reference.split('\n').map(collapse).filter(|p| p.len() >= 40) {
        total += 1;
        let probe: String = p.chars().take(40).collect();
        if hidden_text.contains(&probe) {
            lost.push(probe);
        }
    }
    (total, lost.len(), lost)
}

fn read_gz(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
    lucid::parse::decode(&out)
}

#[test]
fn never_hides_the_article_on_the_aeb_corpus() {
    let dir = root().join("../shared/corpus/aeb-dev");
    if !dir.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared/corpus/aeb-dev");
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap()).unwrap();
    let (mut total, mut lost, mut pages_with_loss, mut widgets) = (0, 0, 0, 0);
    let mut worst = Vec::new();
    for (id, t) in truth.as_object().unwrap() {
        let html = read_gz(&dir.join(format!("html/{id}.html.gz")));
        let url = t["url"].as_str().unwrap_or("");
        let found = hidden(&html, url);
        widgets += found.len();
        let (n, l, probes) = paragraphs_hidden(t["articleBody"].as_str().unwrap_or(""), &found);
        total += n;
        lost += l;
        if l > 0 {
            pages_with_loss += 1;
            worst.push(format!("{id}: {l}/{n} {probes:?}"));
        }
    }
    let share = lost as f64 / total.max(1) as f64;
    eprintln!(
        "AEB dev: {widgets} clutter elements hidden on 98 pages; article paragraphs hidden: {lost}/{total} ({:.2} %) on {pages_with_loss} pages",
        share * 100.0
    );
    for w in &worst {
        eprintln!("  {w}");
    }
    assert!(widgets >= 98, "the rules find clutter on real pages ({widgets})");
    assert!(share <= 0.0025, "at most 0.25 % of article paragraphs hidden, got {:.2} %", share * 100.0);
}

/// A fixture of tests/declutter/ as the e2e server serves it (see
/// `declutterPage` in tests/e2e/harness.mjs): its expectations and its page.
fn fixture(name: &str) -> (serde_json::Value, String) {
    let dir = root().join("tests/declutter");
    let src = std::fs::read_to_string(dir.join(format!("{name}.html"))).unwrap();
    let start = src.find("<!-- expect ").unwrap() + "<!-- expect ".len();
    let end = start + src[start..].find(" -->").unwrap();
    let expect: serde_json::Value = serde_json::from_str(&src[start..end]).unwrap();
    let mut slots = std::collections::HashMap::new();
    for part in src.split("<!-- slot:").skip(1) {
        let (key, body) = part.split_once(" -->\n").unwrap();
        slots.insert(key.to_string(), body.to_string());
    }
    if let Some(page) = slots.get("page") {
        return (expect, page.clone());
    }
    let mut html = std::fs::read_to_string(dir.join("article.html")).unwrap();
    while let Some(i) = html.find("<!-- slot:") {
        let j = i + html[i..].find(" -->").unwrap() + 4;
        let key = html[i + "<!-- slot:".len()..j - 4].to_string();
        let end = if html[j..].starts_with('\n') { j + 1 } else { j };
        html.replace_range(i..end, slots.get(&key).map(String::as_str).unwrap_or(""));
    }
    (expect, html)
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/declutter"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".html").map(str::to_string))
        .filter(|n| n != "article")
        .collect();
    names.sort();
    names
}

#[test]
fn fixtures_natively_rules_find_the_clutter_and_spare_the_story() {
    let names = fixture_names();
    assert!(names.len() >= 15, "{names:?}");
    for name in names {
        let (expect, html) = fixture(&name);
        let doc = lucid::parse::parse(&html);
        let page = NativePage::new(&doc, "https://coastal.example/news/flood-wall");
        let guard = guard_for_page(&html, "https://coastal.example/news/flood-wall");
        assert!(!guard.is_empty(), "{name}: the story is found");
        let hits = declutter::plan(&page, &guard);
        let hit_ids: Vec<_> = hits.iter().map(|h| h.el).collect();
        let inside_hit = |id: ego_tree::NodeId| {
            let mut a = Some(id);
            while let Some(x) = a {
                if hit_ids.contains(&x) {
                    return true;
                }
                a = doc.tree.get(x).and_then(|n| n.parent()).map(|p| p.id());
            }
            false
        };
        // No paragraph of the story (not the fixture's in-text clutter) is
        // inside what would be hidden.
        let story = scraper::Selector::parse("article > p, article > h1").unwrap();
        let clutter: Vec<scraper::Selector> = expect["hidden"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| scraper::Selector::parse(s.as_str()?).ok())
            .collect();
        for p in doc.select(&story).filter(|p| !clutter.iter().any(|c| c.matches(p))) {
            assert!(!inside_hit(p.id()), "{name}: story paragraph hidden: {:?}", p.text().collect::<String>());
        }
        // What the rules alone can find (no layout here) is found.
        let browser_only: Vec<&str> = expect["browser_only"]
            .as_array()
            .map(|v| v.iter().filter_map(|s| s.as_str()).collect())
            .unwrap_or_default();
        for sel in expect["hidden"].as_array().unwrap().iter().filter_map(|s| s.as_str()) {
            if browser_only.contains(&sel) {
                continue;
            }
            let s = scraper::Selector::parse(sel).unwrap();
            let found: Vec<_> = doc.select(&s).collect();
            assert!(!found.is_empty(), "{name}: {sel} is in the page");
            for e in found {
                assert!(
                    inside_hit(e.id()),
                    "{name}: {sel} should be hidden; hits: {:?}",
                    hits.iter().map(|h| page.describe(&h.el)).collect::<Vec<_>>()
                );
            }
        }
        if name.starts_with("fp-") {
            let allowed: Vec<&str> = expect["hidden"].as_array().unwrap().iter().filter_map(|s| s.as_str()).collect();
            for h in &hits {
                assert!(
                    allowed.iter().any(|sel| page.matches_selector(&h.el, &format!("{sel}, {sel} *"))),
                    "{name}: nothing else may go, but {} ({:?}, {})",
                    page.describe(&h.el),
                    h.kind,
                    h.why
                );
            }
        }
    }
}
