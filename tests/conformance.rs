//! The parse round trip on the WHATWG tree-construction tests
//! (`../shared/conformance/html5lib-tree-construction`): each document case
//! is parsed by html5ever, written as the browser's `outerHTML` writes it
//! (scripting on), read back by the extension's serialisation reader, and the
//! two trees must be equal. The same round trip with Chromium's own parser
//! and serialiser is `tests/e2e/conformance.test.mjs`.

use lucid::parse::{dump::dump, outer_html_of, read_serialized};
use std::path::Path;

/// The document cases of one `.dat` file: their `#data` (fragment cases and
/// `#script-off` ones are left out: the content script serialises a whole
/// document, with scripting on).
pub fn cases(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for case in text.split("\n\n#data\n").map(|c| c.strip_prefix("#data\n").unwrap_or(c)) {
        let Some(end) = case.find("\n#errors") else { continue };
        if case.contains("\n#document-fragment\n") || case.contains("\n#script-off") {
            continue;
        }
        out.push(case[..end].to_string());
    }
    out
}

/// Trees whose serialisation does not describe them (as in
/// `tests/e2e/conformance.test.mjs`): a `<plaintext>` holding an element.
const AMBIGUOUS: &[&str] = &["tests19.dat #101"];

#[test]
fn round_trip_gives_the_parsed_tree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/html5lib-tree-construction");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "dat"))
        .collect();
    files.sort();
    let (mut total, mut failed) = (0, Vec::new());
    for f in &files {
        for (i, data) in cases(&std::fs::read_to_string(f).unwrap()).into_iter().enumerate() {
            if AMBIGUOUS.contains(&format!("{} #{i}", f.file_name().unwrap().to_string_lossy()).as_str()) {
                continue;
            }
            total += 1;
            let parsed = scraper::Html::parse_document(&data);
            let want = dump(&parsed);
            let markup = outer_html_of(&parsed);
            let got = dump(&read_serialized(&markup));
            if got != want {
                failed.push(format!(
                    "{} #{i}: {data:?}\n--- serialised\n{markup}\n--- want\n{want}--- got\n{got}",
                    f.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    println!("{} of {total} cases round-trip", total - failed.len());
    assert!(total > 1000, "only {total} cases found in {}", dir.display());
    let names: Vec<&str> = failed.iter().map(|f| f.split(": ").next().unwrap_or("")).collect();
    assert!(
        failed.is_empty(),
        "{} of {total} cases differ ({}):\n\n{}",
        failed.len(),
        names.join(", "),
        // CONFORMANCE_SHOW=tests16 shows the cases whose name has that in it.
        match std::env::var("CONFORMANCE_SHOW") {
            Ok(pick) => failed.iter().filter(|f| f.contains(&pick)).cloned().collect::<Vec<_>>().join("\n\n"),
            Err(_) => failed[..failed.len().min(8)].join("\n\n"),
        }
    );
}
