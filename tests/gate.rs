//! The "is this an article?" gate, both ways: every page in
//! `tests/gate/positive/` (articles in table layouts, custom elements,
//! `<section>`s with `<br>` runs, short notices, CJK, recipes, product
//! descriptions) is shown without `--force`, and every page in
//! `tests/gate/negative/` (home pages, section fronts, search results, product
//! grids, blog and tag indexes, forum indexes) is turned away as not an
//! article. `./bench.sh quality` reports the same gate on the three corpora.

use std::path::Path;

fn pages(kind: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gate").join(kind);
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/gate")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    assert!(v.len() >= 7, "{kind}: too few pages");
    v
}

#[test]
fn articles_are_shown() {
    let refused: Vec<String> = pages("positive")
        .into_iter()
        .filter_map(|(name, html)| match lucid::extract(&html, "https://example.com/a", &Default::default()) {
            Ok(a) if a.word_count > 0 => None,
            Ok(_) => Some(format!("{name}: empty")),
            Err(e) => Some(format!("{name}: {e}")),
        })
        .collect();
    assert!(refused.is_empty(), "false refusals: {refused:#?}");
}

#[test]
fn a_page_of_prose_is_shown_when_the_extractor_picked_a_scrap() {
    // Its prose is all in list items (not paragraphs to the scorer), so the
    // extractor's pick is the one-line intro: the page itself is judged.
    let html =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gate/positive/feature-list.html"))
            .unwrap();
    let a = lucid::extract(&html, "", &Default::default()).expect("shown");
    assert!(a.text.contains("six-digit code"), "{}", a.text);
    let off = lucid::Options { disable: vec!["whole-page".into()], ..Default::default() };
    assert!(lucid::extract(&html, "", &off).is_err(), "the page no longer exercises the rule");
}

#[test]
fn listings_are_not_articles_but_can_be_forced() {
    let force = lucid::Options { force: true, ..Default::default() };
    let mut accepted = Vec::new();
    for (name, html) in pages("negative") {
        match lucid::extract(&html, "https://example.com/", &Default::default()) {
            Err(lucid::Error::NotAnArticle) => {}
            Err(e) => accepted.push(format!("{name}: unexpected error {e}")),
            Ok(a) => accepted.push(format!("{name}: shown as {:?}", a.title)),
        }
        // "Show it anyway" always has something to show.
        let forced = lucid::extract(&html, "https://example.com/", &force);
        assert!(forced.is_ok_and(|a| !a.text.is_empty()), "{name}: forced extraction failed");
    }
    assert!(accepted.is_empty(), "false acceptances: {accepted:#?}");
}
