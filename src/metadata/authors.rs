//! Authors as names: bylines split into people, "By", roles and job lines
//! taken off, a date after the name cut, duplicates and organisations told
//! apart.

use super::*;

pub(super) const ROLE_WORDS: &[&str] = &[
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "journalist",
    "photographer",
    "updated",
    "published",
    "posted",
];

pub(super) fn tidy_name(name: &str) -> String {
    // "Tony GAMAL-GABRIEL" → "Tony Gamal-Gabriel" (only when the name mixes cases).
    let words: Vec<&str> = name.split_whitespace().collect();
    let has_lower = words.iter().any(|w| w.chars().any(|c| c.is_lowercase()));
    words
        .iter()
        .map(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            if has_lower && words.len() > 1 && letters.len() > 3 && letters.iter().all(|c| c.is_uppercase()) {
                let mut out = String::new();
                let mut start = true;
                for c in w.chars() {
                    if start {
                        out.extend(c.to_uppercase());
                    } else {
                        out.extend(c.to_lowercase());
                    }
                    start = !c.is_alphabetic();
                }
                out
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Turn raw byline strings into a clean list of names.
pub fn normalize_authors(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        let mut s = dom::collapse_ws(r);
        for prefix in [
            "by ",
            "by: ",
            "written by ",
            "von ",
            "par ",
            "por ",
            "door ",
            "przez ",
            "بقلم ",
            "author: ",
            "autor: ",
            "autorin: ",
            "autorka: ",
            "auteur : ",
            "auteur: ",
            "autore: ",
            "autrice: ",
            "auteur ",
        ] {
            if let Some(rest) = dom::strip_prefix_ci(&s, prefix) {
                s = rest.to_string();
            }
        }
        // Italian "di" is also a surname's particle ("Di Maio"): taken off
        // only before a name of two words or more.
        if let Some(rest) = dom::strip_prefix_ci(&s, "di ") {
            if rest.split_whitespace().count() >= 2 {
                s = rest.to_string();
            }
        }
        // "Dan Goodin - Apr 16, 2015 8:02 pm UTC", "James Akinaka • 8h": a date or age after a separator is not a name.
        for sep in [" - ", " – ", " — ", " • ", " · ", " | "] {
            if let Some((head, tail)) = s.split_once(sep) {
                if tail.chars().any(|c| c.is_ascii_digit()) {
                    s = head.to_string();
                }
            }
        }
        let s =
            s.replace(" and ", ",").replace(" & ", ",").replace(" with ", ",").replace(';', ",").replace(" | ", ",");
        for part in s.split(',') {
            let mut p = part.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_string();
            // "W.G. Dunlop in Washington" → "W.G. Dunlop"
            if let Some((name, place)) = p.rsplit_once(" in ") {
                if place.chars().next().is_some_and(|c| c.is_uppercase()) && !name.is_empty() {
                    p = name.to_string();
                }
            }
            // A date is not a name, nor part of one: "21.dez.2018 às 10h55",
            // "Sunday", "Joshua Sokol May 20" (then "2019").
            if let Some(name) = without_date(&p) {
                p = name;
            } else {
                continue;
            }
            let lower = p.to_lowercase();
            if p.is_empty()
                || p.contains('@')
                || url::scheme(&p).is_some_and(|s| s.starts_with("http"))
                || p.split_whitespace().count() > 5
                || lower.split_whitespace().any(|w| ROLE_WORDS.contains(&w))
            {
                continue;
            }
            let name = tidy_name(&p);
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
    }
    out
}

/// A byline part without the date or time after the name ("Joshua Sokol
/// May 20" → "Joshua Sokol", "Jörn Mecher am 08.12.2022" → "Jörn Mecher"):
/// cut at the first word that opens with a digit, then the month's name and
/// the little word ("am", "on", "le") before it. `None` when the part is a
/// date or a time itself ("2019", "21.dez.2018 às 10h55", "Sunday"), or
/// what is left is a label ("Datum:", "Veröffentlicht am") rather than a
/// name. A name with a digit inside ("oe24.at", "FinanceScout24") stays.
pub(super) fn without_date(p: &str) -> Option<String> {
    let calendar =
        |w: &str| crate::facts::is_calendar_word(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    // Text run together from two elements: "Carrie ArnoldNovember 15",
    // "Nicole Collignon22. Februar", "Geschmack·14. Oktober".
    let mut words: Vec<&str> = Vec::new();
    for w in p.split(|c: char| c.is_whitespace() || c == '·').filter(|w| !w.is_empty()) {
        let at = w.char_indices().zip(w.chars().skip(1)).find_map(|((i, a), b)| {
            let next = i + a.len_utf8();
            let rest = &w[next..];
            let month = a.is_lowercase() && b.is_uppercase() && calendar(rest);
            let day =
                a.is_alphabetic() && b.is_ascii_digit() && rest.trim_end_matches('.').len() <= 2 && rest.ends_with('.');
            (month || day).then_some(next)
        });
        match at {
            Some(i) => words.extend([&w[..i], &w[i..]]),
            None => words.push(w),
        }
    }
    // A date or a time: "2019", "20,", "9:02", "21.dez.2018", "10h55", "1st".
    let dated = |w: &str| {
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        let letters: String = w.chars().skip(digits).filter(|c| c.is_alphabetic()).collect();
        digits > 0 && (letters.chars().count() <= 3 || calendar(&letters))
    };
    let Some(mut end) = words.iter().position(|w| dated(w)) else {
        // (A weekday run onto the name: "Jeff FoustMonday".)
        if words.len() > 1 && calendar(words[words.len() - 1]) && !p.contains(&format!(" {}", words[words.len() - 1])) {
            words.pop();
        }
        return (!(words.len() == 1 && calendar(words[0]))).then(|| words.join(" "));
    };
    while end > 0 && calendar(words[end - 1]) {
        end -= 1;
    }
    let mut little = false;
    while end > 1 && words[end - 1].chars().count() <= 3 && words[end - 1].starts_with(char::is_lowercase) {
        end -= 1;
        little = true;
    }
    let name = &words[..end];
    let named = !(name.is_empty() || little && name.len() == 1)
        && name.iter().all(|w| w.starts_with(char::is_uppercase) && !w.ends_with(':'));
    named.then(|| name.join(" "))
}
