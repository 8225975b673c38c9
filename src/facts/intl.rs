//! Figures and dates in German, French, Spanish, Italian, Portuguese, Dutch
//! and Polish, from the language data of `data/lang.json` (the Unicode CLDR
//! as `tools/lang_data.mjs` reads it, and stopwords-iso's function words):
//! "14. März 2026", "7 octobre 2026", "12 de enero de 2026" as one date;
//! "45 000 habitants", "45.000 Einwohner", "12,8 Millionen Euro", "7,5
//! millones de euros" as one figure; never a function word or a verb that
//! follows inside one. English keeps its own rules (`dates`, `numbers`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::{is_year, Span, Tok, TK};
use crate::dom::Fx;

#[derive(serde::Deserialize)]
struct Raw {
    langs: HashMap<String, RawLang>,
}

#[derive(serde::Deserialize)]
struct RawLang {
    months: Vec<Vec<String>>,
    weekdays: Vec<Vec<String>>,
    relative_days: Vec<String>,
    date_words: Vec<String>,
    magnitudes: HashMap<String, Vec<String>>,
    currencies: HashMap<String, RawCurrency>,
    units: HashMap<String, Vec<String>>,
    stopwords: Vec<String>,
    number_words: Vec<String>,
    number_joiners: Vec<String>,
    number_one: Vec<String>,
}

#[derive(serde::Deserialize)]
struct RawCurrency {
    names: Vec<String>,
    symbol: Option<String>,
}

type Set = HashSet<String, Fx>;

/// One language's words, in lower case.
pub(super) struct Lang {
    /// Every written form of a month; the short ones ("mär", "oct") only
    /// count next to a day's number.
    months: Set,
    short_months: Set,
    weekdays: Set,
    relative: Set,
    /// The words a long date has between its parts ("de"; "." in German).
    date_words: Set,
    magnitudes: Set,
    /// Currency names ("euro", "euros", "złotych") and symbols ("€", "$").
    money: Set,
    symbols: Set,
    /// Unit phrases by their first word: "pour cent" under "pour".
    units: HashMap<String, Vec<Vec<String>>, Fx>,
    stop: Set,
    /// Numbers written as words ("zwölf", "quarante-cinq"), what joins two
    /// of them ("et", "y"), and the word for one (a number only after such
    /// a word: "vingt et un").
    spelled: Set,
    joiners: Set,
    one: Set,
    /// What joins a large number to what it counts: "millions d'euros",
    /// "millones de euros", "milioni di euro".
    of: &'static [&'static str],
    /// German writes every noun with a capital: what a number counts starts
    /// with one ("45.000 Einwohner"), a verb does not ("1764 erschlagen").
    capital_nouns: bool,
}

impl Lang {
    /// Is the token a function word of the language ("de", "la", "der")?
    pub(super) fn is_stop(&self, t: &Tok) -> bool {
        t.kind == TK::Word && self.stop.contains(t.lower().as_ref())
    }
}

/// The data for `lang` ("de", "fr-CA"…), if it is one of the seven.
pub(super) fn lang(lang: Option<&str>) -> Option<&'static Lang> {
    static ALL: OnceLock<HashMap<String, Lang>> = OnceLock::new();
    let code = crate::ner::lang::code(lang?);
    if code == "en" {
        return None;
    }
    ALL.get_or_init(load).get(&code)
}

/// Is `word` (lower case, without its dot) the name of a month, in any
/// written form, or the full name of a weekday, in one of the eight
/// languages? (Bylines that are dates: "Joshua Sokol May 20, 2019",
/// "Sunday, Feb 1, 2015".)
pub(crate) fn is_calendar_word(word: &str) -> bool {
    static WORDS: OnceLock<(Set, Set)> = OnceLock::new();
    let (months, weekdays) = WORDS.get_or_init(|| {
        let raw: Raw = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/lang.min.json")))
            .expect("data/lang.json is valid");
        let mut months = Set::default();
        let mut weekdays = Set::default();
        for l in raw.langs.values() {
            months.extend(l.months.iter().flatten().map(|m| m.to_lowercase().trim_end_matches('.').to_string()));
            weekdays.extend(l.weekdays.iter().flatten().filter(|w| w.chars().count() > 3).map(|w| w.to_lowercase()));
        }
        (months, weekdays)
    });
    months.contains(word) || weekdays.contains(word)
}

fn load() -> HashMap<String, Lang> {
    let raw: Raw = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/lang.min.json")))
        .expect("data/lang.json is valid");
    let set = |words: &mut dyn Iterator<Item = &String>| -> Set { words.map(|w| w.to_lowercase()).collect() };
    raw.langs
        .into_iter()
        .filter(|(code, _)| code != "en")
        .map(|(code, r)| {
            let forms: Vec<&String> = r.months.iter().flatten().collect();
            let months = set(&mut forms.iter().copied().filter(|f| f.chars().count() > 4));
            let short_months = set(&mut forms.iter().copied().filter(|f| f.chars().count() <= 4));
            let mut units: HashMap<String, Vec<Vec<String>>, Fx> = HashMap::default();
            for phrase in r.units.values().flatten() {
                let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
                if let Some(first) = words.first() {
                    units.entry(first.clone()).or_default().push(words);
                }
            }
            let lang = Lang {
                months,
                short_months,
                weekdays: set(&mut r.weekdays.iter().flatten().filter(|w| w.chars().count() > 3)),
                relative: set(&mut r.relative_days.iter().filter(|w| !w.contains(' '))),
                date_words: set(&mut r.date_words.iter()),
                magnitudes: set(&mut r.magnitudes.values().flatten().filter(|w| !w.contains(' '))),
                money: set(&mut r.currencies.values().flat_map(|c| c.names.iter()).filter(|w| !w.contains(' '))),
                symbols: set(&mut r.currencies.values().filter_map(|c| c.symbol.as_ref())),
                units,
                stop: set(&mut r.stopwords.iter()),
                spelled: set(&mut r.number_words.iter()),
                joiners: set(&mut r.number_joiners.iter()),
                one: set(&mut r.number_one.iter()),
                of: match code.as_str() {
                    "fr" => &["de"],
                    "es" | "pt" => &["de"],
                    "it" => &["di"],
                    _ => &[],
                },
                capital_nouns: code == "de",
            };
            (code, lang)
        })
        .collect()
}

fn day(t: &Tok) -> bool {
    t.kind == TK::Num && t.text.len() <= 2 && t.text.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// "14.03.2026", "7/10/2026": a day, month and year in figures.
fn numeric_date(t: &Tok) -> bool {
    let parts: Vec<&str> = t.text.split(['.', '/']).collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
        && parts[0].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
}

/// Dates: "14. März 2026", "7 octobre 2026", "12 de enero de 2026",
/// "März 2026", "octobre", "14.03.2026", weekdays, "gestern", years.
pub(super) fn dates(toks: &[Tok], l: &Lang, out: &mut Vec<Span>) {
    let month_at = |i: usize, with_day: bool| {
        toks.get(i).is_some_and(|t| {
            t.kind == TK::Word && {
                let w = t.lower();
                let w = w.trim_end_matches('.');
                l.months.contains(w) || (with_day && l.short_months.contains(w))
            }
        })
    };
    // Skip the words a date has between its parts ("de", the German stop).
    let skip = |mut i: usize| {
        while toks.get(i).is_some_and(|t| l.date_words.contains(t.lower().as_ref())) {
            i += 1;
        }
        i
    };
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let mut span = None;
        if day(t) && month_at(skip(i + 1), true) {
            let m = skip(i + 1);
            let y = skip(m + 1);
            let b = if toks.get(y).is_some_and(is_year) { y + 1 } else { m + 1 };
            span = Some((i, b));
        } else if month_at(i, false) {
            let y = skip(i + 1);
            let b = if toks.get(y).is_some_and(is_year) { y + 1 } else { i + 1 };
            span = Some((i, b));
        } else if t.kind == TK::Word && l.weekdays.contains(t.lower().as_ref()) {
            span = Some((i, i + 1));
        } else if t.kind == TK::Word && !t.cap() && l.relative.contains(t.lower().as_ref()) {
            // (In lower case only: German "Morgen" is the morning.)
            span = Some((i, i + 1));
        } else if is_year(t) || (t.kind == TK::Num && numeric_date(t)) {
            span = Some((i, i + 1));
        }
        if let Some((a, b)) = span {
            out.push(Span { kind: "date", a, b });
            i = b;
        } else {
            i += 1;
        }
    }
}

/// The unit phrase at `i`, if any: how many tokens it takes.
fn unit_at(toks: &[Tok], i: usize, l: &Lang) -> usize {
    let Some(t) = toks.get(i) else { return 0 };
    let w = t.lower();
    // (French elides "de" into the word: "d'euros".)
    let bare = w.strip_prefix("d'").or_else(|| w.strip_prefix("d’")).filter(|_| !l.of.is_empty()).unwrap_or(&w);
    if l.money.contains(bare) || l.symbols.contains(t.text) {
        return 1;
    }
    let Some(phrases) = l.units.get(w.as_ref()) else { return 0 };
    phrases
        .iter()
        .filter(|p| p.iter().enumerate().all(|(k, word)| toks.get(i + k).is_some_and(|t| t.lower() == word.as_str())))
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

/// Where a number in words that goes on at token `b` ends.
fn spelled_end(toks: &[Tok], mut b: usize, l: &Lang) -> usize {
    let is = |k: usize, set: &Set| toks.get(k).is_some_and(|n| n.kind == TK::Word && set.contains(n.lower().as_ref()));
    loop {
        if is(b, &l.spelled) {
            b += 1;
        } else if is(b, &l.joiners) && (is(b + 1, &l.spelled) || is(b + 1, &l.one)) {
            b += 2;
        } else {
            return b;
        }
    }
}

/// Figures: a number (its groups of thousands written with spaces joined:
/// "45 000"), with the currency symbol before it, a large-number word
/// ("Millionen"), what joins it ("de"), and its currency or unit, or else
/// the one word it counts ("habitants", "Einwohner") — never a function
/// word, never a verb.
pub(super) fn numbers(toks: &[Tok], text: &str, l: &Lang, out: &mut Vec<Span>) {
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let spelled = t.kind == TK::Word && l.spelled.contains(t.lower().as_ref());
        if !spelled && (t.kind != TK::Num || is_year(t) || numeric_date(t)) {
            i += 1;
            continue;
        }
        let mut a = i;
        let mut b = i + 1;
        // "vingt et un", "cuarenta y cinco", "dwadzieścia jeden".
        if spelled {
            b = spelled_end(toks, b, l);
        }
        // "45 000", "1 234 567": groups of three after a space (also a
        // no-break or a narrow one), as French and Polish write thousands.
        while let Some(n) = toks.get(b) {
            let gap = &text[toks[b - 1].end..n.start];
            let grouped = n.kind == TK::Num
                && n.text.len() >= 3
                && n.text[..3].chars().all(|c| c.is_ascii_digit())
                && n.text[3..].chars().next().is_none_or(|c| matches!(c, ',' | '.'))
                && matches!(gap, " " | "\u{a0}" | "\u{202f}")
                && toks[b - 1].text.chars().filter(char::is_ascii_digit).count() <= 3 + 3 * (b - 1 - i);
            if grouped && (b - i == 1 && toks[i].text.len() <= 3 || b - i > 1) {
                b += 1;
            } else {
                break;
            }
        }
        let mut has_unit = false;
        if a > 0 && l.symbols.contains(toks[a - 1].text) {
            a -= 1;
            has_unit = true;
        }
        if toks.get(b).is_some_and(|n| l.magnitudes.contains(n.lower().trim_end_matches('.'))) {
            b += 1;
            has_unit = true;
            // "millones de euros", "milioni di euro"
            let of = toks.get(b).is_some_and(|n| l.of.contains(&n.lower().as_ref()));
            if of && unit_at(toks, b + 1, l) > 0 {
                b += 1 + unit_at(toks, b + 1, l);
            } else {
                b += unit_at(toks, b, l);
            }
        } else {
            // (A unit's symbol that is also a function word — "in", "a",
            // "mi" — only after figures: "drei in Berlin" is no measure.)
            let symbol_word = |k: usize| {
                toks.get(k).is_some_and(|n| n.text.chars().count() <= 3 && l.stop.contains(n.lower().as_ref()))
            };
            let u = if spelled && symbol_word(b) { 0 } else { unit_at(toks, b, l) };
            if u > 0 {
                b += u;
                has_unit = true;
            }
        }
        // A number right after a noun with its article names a thing ("la
        // línea 14", "die Linie 14", "het artikel 5"): the word after it is
        // not what it counts (it is often the sentence's verb: "la línea 14
        // conectarán"); such numbers have three digits at most. (After a verb — "la commune compte 45 000
        // habitants" — the word before is no function word.)
        let stop = |k: usize| toks[k].kind == TK::Word && l.stop.contains(toks[k].lower().as_ref());
        let label = a == i
            && !spelled
            && t.text.len() <= 3
            && i > 1
            && toks[i - 1].kind == TK::Word
            && text[toks[i - 1].end..t.start] == *" "
            && !stop(i - 1)
            && toks[i - 1].text.chars().count() >= 3
            && stop(i - 2);
        // A number in words is a figure only with a unit or what it counts.
        let bare = b;
        if !has_unit && !label {
            // What it counts: one word, not a function word, not a month or a
            // day; in German a noun (capitalised), elsewhere in lower case.
            if let Some(n) = toks.get(b) {
                let w = n.lower();
                let noun_case = if l.capital_nouns { n.cap() } else { !n.cap() };
                if n.kind == TK::Word
                    && noun_case
                    && !text[toks[b - 1].end..n.start].contains('\n')
                    && w.chars().count() >= 3
                    && !l.stop.contains(w.as_ref())
                    && !l.months.contains(w.as_ref())
                    && !l.weekdays.contains(w.as_ref())
                {
                    b += 1;
                }
            }
        }
        if spelled && !has_unit && b == bare {
            i = b;
            continue;
        }
        out.push(Span { kind: "number", a, b });
        i = b;
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::find;

    fn of(text: &str, lang: &str, kind: &str) -> Vec<String> {
        find(text, Some(lang)).into_iter().filter(|f| f.kind == kind).map(|f| f.text).collect()
    }

    #[test]
    fn french_figures_and_dates_whole() {
        let t = "La commune compte 45 000 habitants depuis le 7 octobre 2026. Les travaux ont commencé le 12 janvier et se sont achevés le 3 février dans le centre, pour 7,5 millions d'euros.";
        assert_eq!(of(t, "fr", "date"), ["7 octobre 2026", "12 janvier", "3 février"]);
        assert_eq!(of(t, "fr", "number"), ["45 000 habitants", "7,5 millions d'euros"]);
    }

    #[test]
    fn german_figures_and_dates_whole() {
        let t = "Am 14. März 2026 beschloss der Rat den Umbau für 12,8 Millionen Euro. Die Stadt hat 45.000 Einwohner. Die Täter sollen 1764 erschlagen haben, und die Linie 121 ist nun eingestellt.";
        assert_eq!(of(t, "de", "date"), ["14. März 2026"]);
        assert_eq!(of(t, "de", "number"), ["12,8 Millionen Euro", "45.000 Einwohner", "1764", "121"]);
    }

    #[test]
    fn spanish_italian_portuguese_dutch_polish() {
        let es = "El 12 de enero de 2026 el ayuntamiento aprobó 7,5 millones de euros para 300 viviendas.";
        assert_eq!(of(es, "es", "date"), ["12 de enero de 2026"]);
        assert_eq!(of(es, "es", "number"), ["7,5 millones de euros", "300 viviendas"]);
        // A number after a noun names a thing: the verb after it is not counted.
        let line = "Los autobuses de la línea 14 conectarán el hospital con 3 barrios.";
        assert_eq!(of(line, "es", "number"), ["14", "3 barrios"]);
        let it = "Il 3 marzo 2025 il comune ha stanziato 2 milioni di euro.";
        assert_eq!(of(it, "it", "date"), ["3 marzo 2025"]);
        assert_eq!(of(it, "it", "number"), ["2 milioni di euro"]);
        let pt = "Em 5 de maio de 2024 a cidade recebeu 1,2 milhões de euros.";
        assert_eq!(of(pt, "pt", "date"), ["5 de maio de 2024"]);
        assert_eq!(of(pt, "pt", "number"), ["1,2 milhões de euros"]);
        let nl = "Op 20 mei 2026 opent de stalling met 8000 plekken, voor 3,4 miljoen euro.";
        assert_eq!(of(nl, "nl", "date"), ["20 mei 2026"]);
        assert_eq!(of(nl, "nl", "number"), ["8000 plekken", "3,4 miljoen euro"]);
        let pl = "Dnia 14 stycznia 2020 miasto wydało 7,5 mln euro na 120 mieszkań.";
        assert_eq!(of(pl, "pl", "date"), ["14 stycznia 2020"]);
        assert_eq!(of(pl, "pl", "number"), ["7,5 mln euro", "120 mieszkań"]);
    }

    #[test]
    fn numbers_in_words_with_what_they_count() {
        let de = "Zwei Männer und drei Frauen wurden verletzt. Die Polizei nahm vier der Verdächtigen fest, drei in Berlin. Die Strecke wird zwölf Kilometer lang und kostet drei Millionen Euro.";
        assert_eq!(of(de, "de", "number"), ["Zwei Männer", "drei Frauen", "zwölf Kilometer", "drei Millionen Euro"]);
        let fr =
            "Le chantier a duré vingt et un mois et coûté quarante-cinq millions d'euros ; deux et demi, a-t-il dit.";
        assert_eq!(of(fr, "fr", "number"), ["vingt et un mois", "quarante-cinq millions d'euros"]);
        let es = "Las obras duraron cuarenta y cinco días y emplearon a dos mil trabajadores.";
        assert_eq!(of(es, "es", "number"), ["cuarenta y cinco días", "dos mil trabajadores"]);
        // Alone, or before a line break, a number in words is no figure.
        let it = "Erano in due.\nAnni dopo tornarono in tre.";
        assert!(of(it, "it", "number").is_empty());
    }
}

#[cfg(test)]
mod quote_tests {
    use crate::facts::find;

    fn quotes(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
        find(text, Some(lang)).into_iter().filter(|f| f.kind == "quote").map(|f| (f.text, f.speaker)).collect()
    }

    #[test]
    fn quotation_marks_of_each_language() {
        let de = "„Wir bauen die Linie so schnell wie möglich“, sagte Oberbürgermeister Burkhard Jung am Mittwoch.";
        assert_eq!(
            quotes(de, "de"),
            [("„Wir bauen die Linie so schnell wie möglich“".to_string(), Some("Burkhard Jung".to_string()))]
        );
        let fr = "« C'est un ouvrage qui change la vie des habitants », a déclaré le maire, Grégory Doucet.";
        assert_eq!(quotes(fr, "fr")[0].0, "« C'est un ouvrage qui change la vie des habitants »");
        assert_eq!(quotes(fr, "fr")[0].1.as_deref(), Some("Grégory Doucet"));
        let es = "«Es un día histórico para la ciudad», dijo el alcalde Juan Ortega.";
        assert_eq!(quotes(es, "es")[0].0, "«Es un día histórico para la ciudad»");
        assert_eq!(quotes(es, "es")[0].1.as_deref(), Some("Juan Ortega"));
        // Polish has no name model: the capitalised words after the quote.
        let pl = "„To dobry dzień dla miasta” – powiedział prezydent Jan Kowalski.";
        assert_eq!(quotes(pl, "pl")[0].0, "„To dobry dzień dla miasta”");
        assert_eq!(quotes(pl, "pl")[0].1.as_deref(), Some("Jan Kowalski"));
        let none = "„To dobry dzień dla miasta” – powiedział prezydent w poniedziałek.";
        assert_eq!(quotes(none, "pl")[0].1, None);
        let ja = "市長は「新しい図書館は来年の春に開館します」と述べた。";
        assert_eq!(quotes(ja, "ja")[0].0, "「新しい図書館は来年の春に開館します」");
        let sub = "Er sagte: ‚Das ist nicht genug für die Stadt‘ und ging.";
        assert_eq!(quotes(sub, "de")[0].0, "‚Das ist nicht genug für die Stadt‘");
    }
}
