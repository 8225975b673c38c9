//! Generic class/id/role hints, loaded from `data/hints.json`.
//!
//! Each list holds lower-case patterns. A pattern starting with `=` matches a
//! whole token of a class/id string (tokens split on whitespace, `-` and `_`);
//! any other pattern matches as a substring.

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Hints {
    pub unlikely: Patterns,
    pub maybe: Patterns,
    pub positive: Patterns,
    pub negative: Patterns,
    pub byline: Patterns,
    pub unlikely_roles: Vec<String>,
    /// Text meant only for screen readers ("Skip to content"): never shown in the reader view.
    pub invisible: Patterns,
    /// Class words of pull quotes (a line of the story repeated as decoration).
    pub pull_quotes: Vec<String>,
    /// Class words of image captions and credits outside `<figure>`.
    pub captions: Patterns,
    /// Headings that introduce a list of other stories at the end of an
    /// article (`data/boilerplate.json`, all languages).
    #[serde(skip, default = "tail_headings")]
    pub tail_headings: Phrases,
    /// Class words of an article's lead paragraph (the standfirst that is
    /// part of the text, in the languages of the pages we read).
    pub lead: Patterns,
    /// Class words of what sits between a headline and its story but is
    /// not the story (dates, labels, share bars, meta lines).
    pub lead_clutter: Patterns,
    /// Lines that are never article text (`data/boilerplate.json`, all kinds
    /// and languages).
    #[serde(skip, default = "lines")]
    pub boilerplate: Phrases,
    /// What starts a short line that is never article text (photo credits).
    #[serde(skip, default = "short_prefixes")]
    pub short_prefixes: Phrases,
    /// The openings of a block that says it is an advertisement: a word of
    /// `ads.sponsored` in `data/declutter.json` (every language) and a
    /// colon, bar or dash ("Sponsored: …", "Anzeige | …").
    #[serde(skip, default = "ad_prefixes")]
    pub ad_prefixes: Phrases,
    /// Words of the notes after a story: calls to subscribe, follow,
    /// download or support, copyright lines (all languages, lower case).
    #[serde(skip, default = "end_notes")]
    pub end_notes: Phrases,
}

fn lines() -> Phrases {
    Phrases::new(generated::LINES)
}
fn short_prefixes() -> Phrases {
    Phrases::new(generated::SHORT_PREFIXES)
}
fn ad_prefixes() -> Phrases {
    Phrases::new(generated::AD_PREFIXES)
}
fn end_notes() -> Phrases {
    Phrases::new(generated::END_NOTES)
}
fn tail_headings() -> Phrases {
    Phrases::new(generated::TAIL_HEADINGS)
}

/// `data/boilerplate.json`, compiled by `build.rs` into sorted slices.
mod generated {
    include!(concat!(env!("OUT_DIR"), "/boilerplate.rs"));
}

/// A set of lower-case phrases, looked up whole or as a prefix that ends at
/// a word boundary (one binary search per word of the text's start, not one
/// comparison per phrase).
#[derive(Debug, Clone, Copy)]
pub struct Phrases {
    /// Sorted, for binary search.
    set: &'static [&'static str],
    /// The longest phrase, in chars.
    pub longest: usize,
}

impl Phrases {
    const fn new((set, longest): (&'static [&'static str], usize)) -> Self {
        Phrases { set, longest }
    }

    fn has(&self, s: &str) -> bool {
        self.set.binary_search(&s).is_ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        self.set.iter().copied()
    }

    /// Is `lower` (lower-cased) one of the phrases, but for trailing
    /// punctuation (`:`, `.`, `!`, `?`) and spaces, and a count before or
    /// after it ("3 Kommentare", "Comments (12)")?
    pub fn is_line(&self, lower: &str) -> bool {
        let count = |c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | '[' | ']' | ' ');
        let t = lower.trim_end_matches([':', '.', '!', '?', ' ', '…']);
        !t.is_empty() && (self.has(t) || self.has(t.trim_matches(count)))
    }

    /// Does `lower` start with one of the phrases (anywhere: a phrase that
    /// must end at a word boundary carries its own, "foto:")?
    pub fn prefixes(&self, lower: &str) -> bool {
        self.first_prefix(lower, |_| true)
    }

    /// Does `lower` start with one of the phrases, followed by a word boundary?
    pub fn starts(&self, lower: &str) -> bool {
        self.first_prefix(lower, |rest| !rest.starts_with(char::is_alphanumeric))
    }

    /// Is some start of `lower` (up to a char boundary, at most `longest`
    /// chars) a phrase with `then(the rest)`? The starts are tried shortest
    /// first and the search ends as soon as no phrase begins with the start
    /// (the phrases that do are a run of the sorted list beginning where the
    /// start would go): most text is given up after a char or two.
    fn first_prefix(&self, lower: &str, then: impl Fn(&str) -> bool) -> bool {
        for i in lower.char_indices().map(|(i, c)| i + c.len_utf8()).take(self.longest) {
            let start = &lower[..i];
            let at = self.set.partition_point(|p| *p < start);
            match self.set.get(at) {
                Some(p) if *p == start && then(&lower[i..]) => return true,
                Some(p) if p.starts_with(start) => {}
                _ => return false,
            }
        }
        false
    }
}

pub fn hints() -> &'static Hints {
    static HINTS: OnceLock<Hints> = OnceLock::new();
    HINTS.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/hints.min.json")))
            .expect("data/hints.json is valid")
    })
}

/// A list of class/id patterns, prepared for matching: every element of a
/// page is checked against several lists, so a match is one pass over the
/// string looking only where a pattern can start (a `str::contains` per
/// pattern set up a substring searcher each time: 6 % of the core's time).
#[derive(Debug, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct Patterns {
    /// Whole-token patterns (written `=word`).
    words: Vec<String>,
    /// Substring patterns, sorted by their first byte.
    subs: Vec<String>,
    /// `subs[first[b] as usize..first[b + 1] as usize]` start with byte `b`.
    first: Vec<u16>,
}

impl From<Vec<String>> for Patterns {
    fn from(list: Vec<String>) -> Self {
        let mut p = Patterns { words: Vec::new(), subs: Vec::new(), first: Vec::new() };
        for s in list {
            match s.strip_prefix('=') {
                Some(word) => p.words.push(word.to_string()),
                None if s.is_empty() => {} // would match anything: not a pattern
                None => p.subs.push(s),
            }
        }
        p.subs.sort_by_key(|s| s.as_bytes()[0]);
        p.first =
            (0..=256).map(|b| p.subs.iter().take_while(|s| (s.as_bytes()[0] as usize) < b).count() as u16).collect();
        p
    }
}

/// Does the class/id string `s` match any pattern in `patterns`? ASCII case
/// is ignored (as if `s` were lower-cased, without allocating).
pub fn matches(s: &str, patterns: &Patterns) -> bool {
    if s.is_empty() {
        return false;
    }
    let b = s.as_bytes();
    let f = &patterns.first;
    let sub = (0..b.len()).any(|i| {
        let c = b[i].to_ascii_lowercase() as usize;
        patterns.subs[f[c] as usize..f[c + 1] as usize]
            .iter()
            .any(|p| b.get(i..i + p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p.as_bytes())))
    });
    sub || (!patterns.words.is_empty()
        && s.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|t| patterns.words.iter().any(|w| w.eq_ignore_ascii_case(t))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_and_substring_patterns() {
        let pats = Patterns::from(vec!["=ad".to_string(), "sidebar".to_string()]);
        assert!(matches("top ad-slot", &pats));
        assert!(matches("left_sidebar_box", &pats));
        assert!(!matches("header-shadow", &pats));
        assert!(!matches("", &pats));
        assert!(matches("Top AD-slot", &pats) && matches("LeftSideBar", &pats));
    }

    #[test]
    fn phrase_starts_as_a_search_of_every_start() {
        let naive_prefixes = |p: &Phrases, l: &str| {
            l.char_indices().map(|(i, c)| i + c.len_utf8()).take(p.longest).any(|i| p.has(&l[..i]))
        };
        let naive_starts = |p: &Phrases, l: &str| {
            l.char_indices()
                .map(|(i, _)| i)
                .chain([l.len()])
                .any(|i| i > 0 && !l[i..].starts_with(char::is_alphanumeric) && p.has(&l[..i]))
        };
        let h = hints();
        for p in [&h.boilerplate, &h.short_prefixes] {
            let mut probes: Vec<String> =
                p.iter().flat_map(|w| [w.to_string(), format!("{w} x"), format!("{w}x"), format!("a{w}")]).collect();
            probes.extend(p.iter().map(|w| w.chars().take(w.chars().count() / 2).collect()));
            probes.extend(
                ["", "related", "read more: the story", "ähnliche beiträge", "foto: x", "zzz"].map(String::from),
            );
            for l in &probes {
                assert_eq!(p.prefixes(l), naive_prefixes(p, l), "prefixes {l:?}");
                assert_eq!(p.starts(l), naive_starts(p, l), "starts {l:?}");
            }
        }
    }

    #[test]
    fn data_file_loads() {
        let h = hints();
        assert!(matches("comment-list", &h.unlikely));
        assert!(matches("main article-body", &h.positive));
        assert!(!matches("story", &h.unlikely));
    }
}
