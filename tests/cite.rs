//! Citations against oracles: every prose style must equal citeproc-js (the
//! reference CSL processor) with the same style files; BibTeX must parse with
//! a real biblatex parser; RIS must read back with citation.js.
//! Cases: tests/cite/cases.json (metadata as the core sees it).

use lucid::cite::{self, Kind, Source};
use serde::Deserialize;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const ACCESSED: &str = "2026-11-25";

#[derive(Deserialize)]
struct Case {
    name: String,
    title: String,
    authors: Vec<String>,
    published: Option<String>,
    site_name: Option<String>,
    lang: Option<String>,
    url: String,
    canonical: Option<String>,
    #[serde(default)]
    ld_types: Vec<String>,
    og_type: Option<String>,
    generator: Option<String>,
    expect_type: String,
}

fn cases() -> Vec<Case> {
    serde_json::from_str(include_str!("cite/cases.json")).expect("cases.json")
}

fn build(c: &Case) -> (Value, cite::Citation) {
    let src = Source {
        title: &c.title,
        authors: &c.authors,
        published: c.published.as_deref(),
        site_name: c.site_name.as_deref(),
        lang: c.lang.as_deref(),
        url: &c.url,
        canonical: c.canonical.as_deref(),
        kind: Some(Kind::detect(&c.ld_types, c.og_type.as_deref(), c.generator.as_deref(), &c.url)),
    };
    (cite::item(&src, ACCESSED), cite::build(&src, ACCESSED))
}

fn oracle(input: &Value) -> Vec<Value> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new("node")
        .arg(format!("{root}/tests/cite/oracle.mjs"))
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node must be installed (./setup.sh)");
    child.stdin.take().unwrap().write_all(input.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the citeproc-js oracle failed (run npm ci): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn there_are_at_least_twenty_cases() {
    assert!(cases().len() >= 20);
}

#[test]
fn prose_styles_equal_citeproc_js_and_ris_reads_back() {
    let cases = cases();
    let built: Vec<(Value, cite::Citation)> = cases.iter().map(build).collect();
    let input: Value = built.iter().map(|(item, c)| serde_json::json!({ "item": item, "ris": c.0["ris"] })).collect();
    let expected = oracle(&input);
    let mut failures = Vec::new();
    let mut compared = 0;
    for ((case, (item, citation)), exp) in cases.iter().zip(&built).zip(&expected) {
        assert_eq!(item["type"], case.expect_type.as_str(), "{}: work type", case.name);
        for (key, _) in cite::STYLES {
            let ours = citation.0.get(key).map(String::as_str).unwrap_or("<missing>");
            let theirs = exp["styles"][key].as_str().unwrap();
            compared += 1;
            if ours != theirs {
                failures.push(format!("{} / {key}:\n  ours:       {ours}\n  citeproc-js: {theirs}", case.name));
            }
            for bad in ["undefined", "()", "[]", "..", " ,", " ."] {
                assert!(!ours.contains(bad), "{} / {key}: {bad:?} in {ours}", case.name);
            }
        }
        // RIS read back by citation.js: the same work.
        let ris = &exp["ris"];
        assert_eq!(ris["title"], item["title"], "{}: RIS title", case.name);
        assert_eq!(ris["type"], item["type"], "{}: RIS type", case.name);
        assert_eq!(ris["URL"], item["URL"], "{}: RIS URL", case.name);
        let names = |v: &Value| -> Vec<String> {
            if let Value::String(one) = v {
                return vec![one.clone()];
            }
            v.as_array()
                .map(|a| {
                    a.iter()
                        .map(|n| match n {
                            Value::String(s) => s.clone(),
                            n => {
                                let fam = n["family"].as_str().or(n["literal"].as_str()).unwrap_or("");
                                let part = n["non-dropping-particle"].as_str().unwrap_or("");
                                let fam = match part {
                                    "" => fam.to_string(),
                                    p if p.ends_with('-') => format!("{p}{fam}"),
                                    p => format!("{p} {fam}"),
                                };
                                match (n["given"].as_str(), n["suffix"].as_str()) {
                                    (Some(g), Some(s)) => format!("{fam}, {g}, {s}"),
                                    (Some(g), None) => format!("{fam}, {g}"),
                                    _ => fam,
                                }
                            }
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let ris_names = if ris["author"].is_null() { &ris["reporter"] } else { &ris["author"] };
        assert_eq!(names(ris_names), names(&item["author"]), "{}: RIS authors", case.name);
        let year = |v: &Value| v["date-parts"][0][0].clone();
        assert_eq!(year(&ris["issued"]), year(&item["issued"]), "{}: RIS year", case.name);
    }
    assert!(compared >= 100);
    assert!(failures.is_empty(), "{} of {compared} differ from citeproc-js:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn bibtex_parses_with_a_biblatex_parser() {
    use biblatex::{Bibliography, ChunksExt, EntryType};
    for case in cases() {
        let (item, citation) = build(&case);
        let src = &citation.0["bibtex"];
        let bib = Bibliography::parse(src).unwrap_or_else(|e| panic!("{}: {e:?}\n{src}", case.name));
        assert_eq!(bib.len(), 1, "{}", case.name);
        let entry = bib.iter().next().unwrap();
        assert_eq!(entry.key, item["id"].as_str().unwrap());
        let news = item["type"] == "article-newspaper";
        assert_eq!(entry.entry_type, if news { EntryType::Article } else { EntryType::Online }, "{}", case.name);
        assert_eq!(entry.title().unwrap().format_verbatim(), item["title"].as_str().unwrap(), "{}: title", case.name);
        let authors = entry.author().unwrap_or_default();
        let want = item["author"].as_array().cloned().unwrap_or_default();
        assert_eq!(authors.len(), want.len(), "{}: authors\n{src}", case.name);
        for (got, want) in authors.iter().zip(&want) {
            if let Some(lit) = want["literal"].as_str() {
                assert_eq!(got.name, lit, "{}", case.name);
                continue;
            }
            assert_eq!(got.given_name, want["given"].as_str().unwrap(), "{}", case.name);
            let family = want["family"].as_str().unwrap();
            match want["non-dropping-particle"].as_str() {
                Some(p) if p.ends_with('-') => assert_eq!(got.name, format!("{p}{family}"), "{}", case.name),
                Some(p) => {
                    assert_eq!((got.prefix.as_str(), got.name.as_str()), (p, family), "{}", case.name)
                }
                None => assert_eq!(got.name, family, "{}", case.name),
            }
            assert_eq!(got.suffix, want["suffix"].as_str().unwrap_or(""), "{}", case.name);
        }
        let url = entry.url().ok();
        assert_eq!(url.as_deref(), item["URL"].as_str(), "{}: url\n{src}", case.name);
        if let Some(site) = item["container-title"].as_str() {
            let field = if news {
                entry.journal_title().map(|c| c.to_vec())
            } else {
                entry.organization().map(|o| o[0].clone())
            };
            assert_eq!(field.unwrap().format_verbatim(), site, "{}: container", case.name);
        }
        assert!(entry.url_date().is_ok(), "{}: urldate", case.name);
        assert_eq!(entry.date().is_ok(), item["issued"].is_object(), "{}: date", case.name);
    }
}

#[test]
fn extracted_pages_get_every_format() {
    let html =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/energy-daily/page.html")).unwrap();
    let opts = lucid::Options { accessed: Some(ACCESSED.into()), ..Default::default() };
    let a = lucid::extract(&html, "https://www.energy-daily.example/x?utm_source=a&id=2", &opts).unwrap();
    for key in ["apa", "mla", "chicago-author-date", "chicago-notes", "harvard", "bibtex", "ris", "csl-json"] {
        let c = a.citation.0.get(key).unwrap_or_else(|| panic!("{key} missing"));
        assert!(c.contains("Washington, Baghdad"), "{key}: {c}");
    }
    assert!(a.citation.0["apa"].starts_with("Gamal-Gabriel, T., & Dunlop, W. G. (2024, January 25)."));
    let bad = lucid::Options { accessed: Some("25/11/2026".into()), ..Default::default() };
    assert!(matches!(lucid::extract(&html, "", &bad), Err(lucid::Error::BadOption(_))));
}
