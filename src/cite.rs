//! Stage 6: citations. The `citation` object maps a format name (`apa`, `mla`,
//! `bibtex`, …) to its text; formatting is the "citation" issue, so for now
//! the object is empty.

use crate::Article;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Citation(pub BTreeMap<String, String>);

pub fn build(_article: &Article) -> Citation {
    Citation::default()
}
