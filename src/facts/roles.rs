//! A person's role as the story gives it, in German, French, Spanish,
//! Italian, Portuguese, Dutch and Polish: "Oberbürgermeister Burkhard Jung",
//! "le maire Grégory Doucet", "la consejera de Salud, Carmen López", "Rui
//! Moreira, presidente da câmara,". The words for offices and trades come
//! from openly licensed wordnets (`data/roles.json`, made by
//! `tools/roles_data.py`); English keeps its own lists and rules.
//!
//! Only where a language's names come from its model: natively, and in the
//! extension's module loaded after the view has painted (the reader core
//! finds no names outside English, so it carries none of these words).

use std::collections::{HashMap, HashSet};

use super::intl::Lang;
use super::{Span, Tok, TK};
use crate::dom::Fx;

/// One language's words for offices and trades, in lower case.
#[cfg_attr(all(target_arch = "wasm32", not(any(feature = "tidy", feature = "npm"))), allow(dead_code))]
pub(super) struct Roles {
    words: HashSet<String, Fx>,
    /// Phrases ("premier ministre", "amministratore delegato") by first word.
    phrases: HashMap<String, Vec<Vec<String>>, Fx>,
    /// German and Dutch write a role into one word with what it heads
    /// ("Oberbürgermeister", "Fraktionsvorsitzende", "partijvoorzitter").
    compounds: bool,
}

/// The role words for `code` ("de", "fr"…), if it is one of the seven.
#[cfg(any(not(target_arch = "wasm32"), feature = "tidy", feature = "npm"))]
pub(super) fn roles(code: &str) -> Option<&'static Roles> {
    static ALL: std::sync::OnceLock<HashMap<String, Roles>> = std::sync::OnceLock::new();
    ALL.get_or_init(load).get(code)
}

/// None in the reader core: it finds no names outside English, and so
/// carries neither these words nor the code that reads them.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "tidy", feature = "npm")))]
pub(super) fn roles(_code: &str) -> Option<&'static Roles> {
    None
}

#[cfg(any(not(target_arch = "wasm32"), feature = "tidy", feature = "npm"))]
fn load() -> HashMap<String, Roles> {
    #[derive(serde::Deserialize)]
    struct Raw {
        langs: HashMap<String, Vec<String>>,
    }
    let raw: Raw = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/roles.min.json")))
        .expect("data/roles.json is valid");
    raw.langs
        .into_iter()
        .map(|(code, list)| {
            let mut roles = Roles {
                words: HashSet::default(),
                phrases: HashMap::default(),
                compounds: matches!(code.as_str(), "de" | "nl"),
            };
            for w in list {
                let words: Vec<String> = w.split_whitespace().map(str::to_lowercase).collect();
                match words.len() {
                    0 => {}
                    1 => {
                        roles.words.insert(words[0].clone());
                    }
                    _ => roles.phrases.entry(words[0].clone()).or_default().push(words),
                }
            }
            (code, roles)
        })
        .collect()
}

impl Roles {
    /// How many tokens the role at token `i` takes (0: none there).
    fn at(&self, toks: &[Tok], i: usize) -> usize {
        let Some(t) = toks.get(i).filter(|t| t.kind == TK::Word) else { return 0 };
        let lower = t.lower();
        let lower = &lower[elided(&lower)..];
        if let Some(phrases) = self.phrases.get(lower) {
            let n = phrases
                .iter()
                .filter(|p| {
                    p[1..].iter().enumerate().all(|(k, w)| toks.get(i + 1 + k).is_some_and(|t| t.lower() == w.as_str()))
                })
                .map(Vec::len)
                .max()
                .unwrap_or(0);
            if n > 0 {
                return n;
            }
        }
        usize::from(self.words.contains(lower) || self.compound(lower))
    }

    /// A word that ends in a role of five letters or more, after at least
    /// three of its own ("Ober|bürgermeister", "Gesundheits|ministerin",
    /// "Ex-|Minister").
    fn compound(&self, word: &str) -> bool {
        self.compounds
            && word
                .char_indices()
                .skip(3)
                .map(|(k, _)| &word[k..])
                .take_while(|rest| rest.chars().count() >= 5)
                .any(|rest| self.words.contains(rest))
    }
}

/// The length in bytes of the article or preposition elided into the
/// front of `word` ("l'assessora", "dell’ambasciatore", "d'Italia"): up to
/// four letters and an apostrophe; 0 when there is none.
pub(super) fn elided(word: &str) -> usize {
    word.char_indices()
        .take(5)
        .find(|&(_, c)| c == '\'' || c == '’')
        .filter(|&(k, _)| k > 0 && word[..k].chars().all(char::is_alphabetic))
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// The most words a role's complement takes: "de Salud", "da câmara",
/// "alla cultura", "der Grünen im Landtag".
const COMPLEMENT: usize = 4;

/// A person's span parted into the name (the span) and the role the story
/// gives it, as a token range: a role the model took into the name, the
/// role right before the name, or one set off by a comma before or after it.
pub(super) fn split(toks: &[Tok], s: &mut Span, lang: &Lang, roles: &Roles) -> Option<(usize, usize)> {
    // "Oberbürgermeisterin Anna Keller" as one name; not "Jefe de la
    // Dirección de Cuadros", which is no one's name.
    let mut a = s.a;
    while let n @ 1.. = roles.at(toks, a) {
        if a + n >= s.b {
            break;
        }
        a += n;
    }
    if a > s.a && toks[a].cap() {
        let role = (s.a, a);
        s.a = a;
        return Some(role);
    }
    before(toks, s.a, lang, roles).or_else(|| after(toks, s.b, lang, roles))
}

/// The role before a name that starts at token `a`: right before it
/// ("el alcalde Juan Ortega", "Wethouder Lot van Hooijdonk"), or a phrase
/// and a comma ("la consejera de Salud, Carmen López").
fn before(toks: &[Tok], a: usize, lang: &Lang, roles: &Roles) -> Option<(usize, usize)> {
    // Right before, one word or a phrase.
    if let Some(k) = (a.saturating_sub(3)..a).find(|&k| roles.at(toks, k) == a - k) {
        return Some((k, a));
    }
    // A role and its complement, then a comma.
    let comma = a.checked_sub(1).filter(|&c| toks[c].text == ",")?;
    let mut k = comma;
    let mut found = None;
    while k > 0 && comma - k < COMPLEMENT + 2 && toks[k - 1].kind == TK::Word {
        k -= 1;
        let n = roles.at(toks, k);
        if n > 0 && complement_ok(toks, k + n, comma, lang) {
            found = Some(k);
        }
    }
    found.map(|k| (k, comma))
}

/// The role after a name that ends before token `b`, set off by commas:
/// "Sophie Martin, ministre de la Culture," / "Anna Keller, die
/// Bürgermeisterin von Kassel.".
fn after(toks: &[Tok], b: usize, lang: &Lang, roles: &Roles) -> Option<(usize, usize)> {
    if toks.get(b)?.text != "," {
        return None;
    }
    let mut k = b + 1;
    // An article before the role ("die", "la", "il").
    if toks.get(k).is_some_and(|t| lang.is_stop(t)) && roles.at(toks, k) == 0 {
        k += 1;
    }
    let n = roles.at(toks, k);
    if n == 0 {
        return None;
    }
    let mut e = k + n;
    while e < toks.len() && e - (k + n) <= COMPLEMENT && toks[e].kind == TK::Word {
        e += 1;
    }
    let closed = toks.get(e).is_none_or(|t| matches!(t.text, "," | "." | ";" | ")"));
    (closed && complement_ok(toks, k + n, e, lang)).then_some((k, e))
}

/// Whether the words from `a` to `b` may be a role's complement: none, or
/// at most [`COMPLEMENT`] words opened by a function word ("de Salud",
/// "da câmara", "alla cultura", "der Grünen").
fn complement_ok(toks: &[Tok], a: usize, b: usize, lang: &Lang) -> bool {
    a >= b || (b - a <= COMPLEMENT && lang.is_stop(&toks[a]) && toks[a + 1..b].iter().all(|t| t.kind == TK::Word))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::facts::find;

    /// Each (language, text, person, role): the person found with that role
    /// (`None`: found, with no role).
    fn check(cases: &[(&str, &str, &str, Option<&str>)]) {
        for &(lang, text, person, role) in cases {
            let facts = find(text, Some(lang));
            let p = facts.iter().find(|f| f.kind == "person" && f.text == person);
            let people: Vec<_> = facts.iter().filter(|f| f.kind == "person").map(|f| (&f.text, &f.role)).collect();
            assert!(p.is_some(), "{lang}: {person:?} not found in {text:?}: {people:?}");
            assert_eq!(p.unwrap().role.as_deref(), role, "{lang}: {text:?}: {people:?}");
        }
    }

    #[test]
    fn roles_before_after_and_inside_names() {
        check(&[
            (
                "de",
                "„Wir bauen weiter“, sagte Bürgermeisterin Anna Keller am Montag in Kassel.",
                "Anna Keller",
                Some("Bürgermeisterin"),
            ),
            (
                "de",
                "Oberbürgermeister Burkhard Jung sprach nach der Abstimmung.",
                "Burkhard Jung",
                Some("Oberbürgermeister"),
            ),
            (
                "de",
                "Das sagte Gesundheitsministerin Petra Köpping am Dienstag in Dresden.",
                "Petra Köpping",
                Some("Gesundheitsministerin"),
            ),
            (
                "fr",
                "« Nous avons tenu parole », a déclaré la ministre, Sophie Martin, lundi à Lyon.",
                "Sophie Martin",
                Some("ministre"),
            ),
            (
                "fr",
                "Le maire Grégory Doucet a salué un ouvrage qui change la vie des habitants.",
                "Grégory Doucet",
                Some("maire"),
            ),
            (
                "es",
                "«Es un gran día», dijo el alcalde Juan Ortega durante la inauguración en Sevilla.",
                "Juan Ortega",
                Some("alcalde"),
            ),
            (
                "es",
                "A su lado estaba la consejera de Salud, Carmen López, que habló después.",
                "Carmen López",
                Some("consejera de Salud"),
            ),
            (
                "it",
                "Presente anche l'assessora alla cultura, Elena Di Gioia, con il sindaco.",
                "Elena Di Gioia",
                Some("assessora alla cultura"),
            ),
            (
                "pt",
                "O ministro do Ambiente, Duarte Cordeiro, também esteve presente na cerimónia em Lisboa.",
                "Duarte Cordeiro",
                Some("ministro do Ambiente"),
            ),
            (
                "nl",
                "Dat zei woordvoerder Mark de Boer van de Nederlandse Spoorwegen dinsdag in Utrecht.",
                "Mark de Boer",
                Some("woordvoerder"),
            ),
        ]);
    }

    #[test]
    fn no_role_where_the_story_gives_none() {
        check(&[
            // A verb or a place before the name, a date after the comma.
            ("de", "Am Montag traf Anna Keller in Kassel ein, wie die Stadt mitteilte.", "Anna Keller", None),
            ("es", "Según explicó Carmen López, el hospital abrirá en enero en Sevilla.", "Carmen López", None),
            ("fr", "Selon Sophie Martin, le projet coûtera plus cher que prévu à Lyon.", "Sophie Martin", None),
        ]);
    }

    #[test]
    fn elided_articles_and_compounds() {
        assert_eq!(super::elided("l'assessora"), 2);
        assert_eq!(super::elided("dell’ambasciatore"), "dell’".len());
        assert_eq!(super::elided("assessora"), 0);
        assert_eq!(super::elided("'t"), 0);
        let de = super::roles("de").unwrap();
        assert!(de.compound("oberbürgermeisterin") && de.compound("fraktionsvorsitzende"));
        // Too short a head, or no role at its end.
        assert!(!de.compound("meister") && !de.compound("straßenbahnlinie"));
    }
}
