//! Stage 5: key facts (figures, dates, people, organisations, places, quotes).
//!
//! The data shape is final; finding the facts is the "key facts" issue, so for
//! now [`find`] returns no facts and the reader view shows no highlights.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fact {
    /// `number`, `date`, `person`, `organisation`, `place` or `quote`.
    pub kind: String,
    /// The exact text of the fact as it appears in the article text.
    pub text: String,
    /// Byte offsets of `text` in the article's plain text.
    pub start: usize,
    pub end: usize,
    /// For key sentences: the sentence that carries the fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// Find the key facts in the article text.
pub fn find(_text: &str) -> Vec<Fact> {
    Vec::new()
}
