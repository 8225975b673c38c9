//! Generic class/id/role hints, loaded from `data/hints.json`.
//!
//! Each list holds lower-case patterns. A pattern starting with `=` matches a
//! whole token of a class/id string (tokens split on whitespace, `-` and `_`);
//! any other pattern matches as a substring.

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Hints {
    pub unlikely: Vec<String>,
    pub maybe: Vec<String>,
    pub positive: Vec<String>,
    pub negative: Vec<String>,
    pub byline: Vec<String>,
    pub unlikely_roles: Vec<String>,
    /// Text meant only for screen readers ("Skip to content"): never shown in the reader view.
    pub invisible: Vec<String>,
    /// Class words of pull quotes (a line of the story repeated as decoration).
    pub pull_quotes: Vec<String>,
    /// Class words of image captions and credits outside `<figure>`.
    pub captions: Vec<String>,
    /// Headings that introduce a list of other stories at the end of an article.
    pub tail_headings: Vec<String>,
    pub boilerplate_phrases: Vec<String>,
}

pub fn hints() -> &'static Hints {
    static HINTS: OnceLock<Hints> = OnceLock::new();
    HINTS.get_or_init(|| serde_json::from_str(include_str!("../data/hints.json")).expect("data/hints.json is valid"))
}

/// Does the (lower-cased) class/id string `s` match any pattern in `patterns`?
pub fn matches(s: &str, patterns: &[String]) -> bool {
    if s.is_empty() {
        return false;
    }
    patterns.iter().any(|p| match p.strip_prefix('=') {
        Some(word) => s.split(|c: char| c.is_whitespace() || c == '-' || c == '_').any(|t| t == word),
        None => s.contains(p.as_str()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_and_substring_patterns() {
        let pats = vec!["=ad".to_string(), "sidebar".to_string()];
        assert!(matches("top ad-slot", &pats));
        assert!(matches("left_sidebar_box", &pats));
        assert!(!matches("header-shadow", &pats));
        assert!(!matches("", &pats));
    }

    #[test]
    fn data_file_loads() {
        let h = hints();
        assert!(h.unlikely.iter().any(|p| p == "comment"));
        assert!(h.positive.iter().any(|p| p == "article"));
    }
}
