//! Quotes in each language's quotation marks, with the speaker named after
//! or before them.

use super::*;

/// Quotation marks and what closes each, as the languages Lucid knows write
/// them: “…” (English, Dutch…), „…“ and ‚…‘ (German), „…” (Polish, Dutch),
/// « … » (French, with its spaces) and «…» (Spanish, Italian, Portuguese),
/// »…« (German books), 「…」 and 『…』 (Japanese, Chinese), "…".
pub(super) const QUOTE_MARKS: [(&str, &[&str]); 8] = [
    ("“", &["”", "“"]),
    ("„", &["“", "”"]),
    ("‚", &["‘", "’"]),
    ("«", &["»"]),
    ("»", &["«"]),
    ("「", &["」"]),
    ("『", &["』"]),
    ("\"", &["\""]),
];

pub(super) fn quotes(text: &str, people: &[Fact]) -> Vec<Fact> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(&(open, close)) = QUOTE_MARKS.iter().find(|(o, _)| rest.starts_with(*o)) else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            continue;
        };
        let open_len = open.len();
        let body_start = i + open_len;
        let para_end = text[body_start..].find("\n\n").map(|p| body_start + p).unwrap_or(text.len());
        let found = close.iter().filter_map(|c| text[body_start..para_end].find(c).map(|p| (p, c.len()))).min();
        let Some((p, clen)) = found else {
            i = body_start;
            continue;
        };
        let end = body_start + p + clen;
        let inner = &text[body_start..body_start + p];
        // Three words or more (a Japanese or Chinese quote has no spaces:
        // six characters or more).
        let long_enough = inner.split_whitespace().count() >= 3
            || (inner.chars().any(crate::dom::is_cjk) && inner.chars().count() >= 6);
        if long_enough {
            // The speaker: the nearest person after the quote in its sentence, else before.
            let after = people.iter().filter(|f| f.start >= end && f.start <= end + 60).min_by_key(|f| f.start);
            let before = people.iter().filter(|f| f.end <= i && f.end + 60 >= i).max_by_key(|f| f.end);
            let speaker = after.or(before).map(|f| f.text.clone()).or_else(|| named_after(&text[end..]));
            out.push(Fact { kind: "quote".into(), text: text[i..end].to_string(), start: i, end, speaker, role: None });
        }
        i = end;
    }
    out
}

/// The speaker after a quote where no person was found (a language without a
/// name model: "– powiedział prezydent miasta Aleksander Miszalski."): the
/// last run of two or three capitalised words before the sentence ends, in
/// its first 80 bytes; the words after the quote's attribution, in any
/// language that capitalises names.
pub(super) fn named_after(rest: &str) -> Option<String> {
    let mut end = rest.len().min(80);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let head = &rest[..end];
    let head = &head[..head.find(['.', '!', '?', '\n', '«', '„', '“', '"']).unwrap_or(head.len())];
    let words: Vec<&str> = head.split([' ', ',', '\u{a0}']).filter(|w| !w.is_empty()).collect();
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase)
            && c.clone().count() >= 1
            && c.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    let mut best = None;
    let mut k = 0;
    while k < words.len() {
        let run = words[k..].iter().take_while(|w| cap(w)).count();
        if (2..=3).contains(&run) {
            best = Some(words[k..k + run].join(" "));
        }
        k += run.max(1);
    }
    best
}

// -------------------------------------------------------------- sentences ---
