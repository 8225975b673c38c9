//! The language of an article's text, for the name model: the page's
//! declared `lang` unless the text says otherwise. Native builds ask
//! whatlang (MIT; trigram profiles, made for the job) among the languages
//! Lucid has names or rules for; in the extension the content script asks
//! the browser's own detector (`i18n.detectLanguage`) instead, so the wasm
//! core carries no language profiles.

/// The languages the key facts know.
pub const KNOWN: [&str; 8] = ["en", "de", "fr", "es", "it", "pt", "nl", "pl"];

/// The two-letter code of `lang` ("en-GB" → "en"), lower case.
pub fn code(lang: &str) -> String {
    lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// The article's language: `declared` (its `lang`), or what the text is
/// written in when nothing is declared, or when the declaration is one of
/// the known languages and the text is, beyond doubt, another of them (a
/// German story on a site that says `lang="en"` on every page).
#[cfg(any(not(target_arch = "wasm32"), feature = "npm"))]
pub fn language(text: &str, declared: Option<&str>) -> Option<String> {
    use whatlang::{Detector, Lang};
    let declared = declared.map(code).filter(|c| !c.is_empty());
    if declared.as_deref().is_some_and(|d| !KNOWN.contains(&d)) {
        return declared;
    }
    // About 3,000 characters are plenty; from a char boundary.
    let mut end = text.len().min(3000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let langs = vec![Lang::Eng, Lang::Deu, Lang::Fra, Lang::Spa, Lang::Ita, Lang::Por, Lang::Nld, Lang::Pol];
    let found =
        Detector::with_allowlist(langs).detect(&text[..end]).filter(|i| i.is_reliable() && i.confidence() >= 0.9);
    let found = found.map(|i| {
        match i.lang() {
            Lang::Eng => "en",
            Lang::Deu => "de",
            Lang::Fra => "fr",
            Lang::Spa => "es",
            Lang::Ita => "it",
            Lang::Por => "pt",
            Lang::Nld => "nl",
            _ => "pl",
        }
        .to_string()
    });
    found.or(declared)
}

#[cfg(all(target_arch = "wasm32", not(feature = "npm")))]
pub fn language(_text: &str, declared: Option<&str>) -> Option<String> {
    declared.map(code).filter(|c| !c.is_empty())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn declared_unless_the_text_says_otherwise() {
        let de = "Der Stadtrat hat am Mittwoch den Bau einer neuen Straßenbahnlinie beschlossen, die den Hauptbahnhof mit dem Stadtteil verbinden soll. Die Strecke soll nach Angaben der Stadtverwaltung rund zwölf Kilometer lang werden.";
        let en = "The council said on Monday that the new library would open next spring, with room for study, a children's corner and a café, after two years of building work in the town centre.";
        assert_eq!(language(de, None).as_deref(), Some("de"));
        assert_eq!(language(de, Some("en-US")).as_deref(), Some("de"), "a wrong lang attribute");
        assert_eq!(language(en, Some("en-GB")).as_deref(), Some("en"));
        assert_eq!(language("Kurz.", Some("fr")).as_deref(), Some("fr"), "too little text to doubt the page");
        assert_eq!(language(en, Some("ar")).as_deref(), Some("ar"), "a language the facts do not know is kept");
    }
}
