//! The facts panel: who (people with their role as the story gives it), which
//! organisations, where, and how much, each ranked by how much the story is
//! about it — not every place mentioned once. Made from the facts already
//! found ([`super::find`]), so it is in every output: the JSON, the Markdown,
//! the Python package and the reader view.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::Fact;

/// Entries of each kind the panel shows at most.
pub const PER_KIND: usize = 5;

/// The panel: each list ranked, most told about first.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Panel {
    pub people: Vec<Entry>,
    pub organisations: Vec<Entry>,
    pub places: Vec<Entry>,
    /// The figures that matter, with what they count ("roughly 2,500 US troops").
    pub figures: Vec<Entry>,
}

impl Panel {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.organisations.is_empty() && self.places.is_empty() && self.figures.is_empty()
    }
}

/// One person, organisation, place or figure.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// The name in full (a person's longest mention), or the figure.
    pub text: String,
    /// A person's role, where the story gives one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<String>,
    /// How many times the story mentions it (a surname alone counts for the
    /// person named in full).
    pub mentions: usize,
    /// The first mention: its text as it stands in the article (what the
    /// view jumps to) and its byte offset in the article's text.
    pub first: String,
    pub at: usize,
}

/// The article's lead: facts this close to its start weigh more.
const LEAD_BYTES: usize = 600;

/// The panel of an article's `facts` (as [`super::find`] returns them, in
/// text order).
pub fn panel(facts: &[Fact]) -> Panel {
    let keys: Vec<(usize, usize)> =
        facts.iter().filter(|f| f.kind == "key_sentence").map(|f| (f.start, f.end)).collect();
    let in_key = |f: &Fact| keys.iter().any(|&(a, b)| a <= f.start && f.end <= b);
    Panel {
        people: names(facts, "person", &in_key, |full| full.rsplit(' ').next()),
        organisations: names(facts, "organisation", &in_key, |full| full.split(' ').next()),
        places: names(facts, "place", &in_key, |_| None),
        figures: figures(facts, &in_key),
    }
}

/// People, organisations or places: the mentions of one grouped (a one-word
/// mention that is the `part` — surname, first word — of a longer one joins it), ranked by mentions, with
/// more for a mention in the lead or a key sentence; one mention only is
/// kept when it is in either.
fn names(facts: &[Fact], kind: &str, in_key: &dyn Fn(&Fact) -> bool, part: fn(&str) -> Option<&str>) -> Vec<Entry> {
    let of_kind: Vec<&Fact> = facts.iter().filter(|f| f.kind == kind).collect();
    // Each one-word mention's full name: of the longer mentions it is the
    // `part` of, the most mentioned (the later of equals). The maps are built
    // once: a book-length page's thousands of mentions cost one pass each.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for f in &of_kind {
        *counts.entry(f.text.as_str()).or_default() += 1;
    }
    let mut full_of: HashMap<&str, &str> = HashMap::new();
    for f in of_kind.iter().filter(|f| f.text.contains(' ')) {
        if let Some(p) = part(&f.text) {
            let best = full_of.entry(p).or_insert(f.text.as_str());
            if counts[f.text.as_str()] >= counts[*best] {
                *best = f.text.as_str();
            }
        }
    }
    let mut groups: Vec<(Entry, f64)> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for f in &of_kind {
        let text = f.text.as_str();
        let full = if text.contains(' ') { text } else { full_of.get(text).copied().unwrap_or(text) };
        let weight = 1.0 + if f.start < LEAD_BYTES { 0.5 } else { 0.0 } + if in_key(f) { 0.5 } else { 0.0 };
        match group_of.get(full) {
            Some(&k) => {
                let (e, score) = &mut groups[k];
                e.mentions += 1;
                *score += weight;
                if e.role.is_none() {
                    e.role.clone_from(&f.role);
                }
            }
            None => {
                group_of.insert(full, groups.len());
                let entry = Entry {
                    text: full.to_string(),
                    role: f.role.clone(),
                    mentions: 1,
                    first: f.text.clone(),
                    at: f.start,
                };
                groups.push((entry, weight));
            }
        }
    }
    rank(groups.into_iter().filter(|(e, score)| e.mentions >= 2 || *score > 1.0).collect())
}

/// The figures that matter: those that say what they count ("2,500 US
/// troops", "12,8 Millionen Euro"), in a key sentence or the lead first.
/// Not ordinals ("21st") or bare small numbers.
fn figures(facts: &[Fact], in_key: &dyn Fn(&Fact) -> bool) -> Vec<Entry> {
    let mut out: Vec<(Entry, f64)> = Vec::new();
    let mut seen = HashSet::new();
    for f in facts.iter().filter(|f| f.kind == "number") {
        // What it counts: words after the number ("2,500 US troops", not
        // "about 900"), a currency or a percentage; a figure in words needs
        // a word after it too ("three key factors").
        let words: Vec<&str> = f.text.split_whitespace().collect();
        let number_at = words.iter().rposition(|w| w.chars().any(|c| c.is_ascii_digit())).unwrap_or(0);
        let digits = f.text.chars().any(|c| c.is_ascii_digit());
        let counts_something = words[number_at + 1..].iter().any(|w| w.chars().any(char::is_alphabetic))
            || f.text.contains(['%', '$', '€', '£', '¥']);
        let ordinal = f
            .text
            .split_whitespace()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()) && w.ends_with(|c: char| c.is_alphabetic()))
            && !f.text.contains(['%', '$', '€', '£', '¥']);
        if ordinal || !(digits || counts_something) {
            continue;
        }
        let score = if counts_something { 1.0 } else { 0.0 }
            + if digits { 0.5 } else { 0.0 }
            + if in_key(f) { 1.0 } else { 0.0 }
            + if f.start < LEAD_BYTES { 0.5 } else { 0.0 };
        if score < 1.0 || !seen.insert(f.text.as_str()) {
            continue;
        }
        out.push((Entry { text: f.text.clone(), role: None, mentions: 1, first: f.text.clone(), at: f.start }, score));
    }
    rank(out)
}

/// Highest score first, then the earlier; [`PER_KIND`] at most.
fn rank(mut scored: Vec<(Entry, f64)>) -> Vec<Entry> {
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.at.cmp(&b.0.at)));
    scored.into_iter().take(PER_KIND).map(|(e, _)| e).collect()
}

/// Headings for the panel in Markdown (the extension passes its own, in the
/// reader's language).
#[derive(Deserialize, Clone, Debug)]
pub struct Labels {
    pub key_facts: String,
    pub people: String,
    pub organisations: String,
    pub places: String,
    pub figures: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            key_facts: "Key facts".into(),
            people: "Who".into(),
            organisations: "Organisations".into(),
            places: "Where".into(),
            figures: "How much".into(),
        }
    }
}

/// The key sentences and the panel as Markdown, after the article: empty
/// when there is neither.
pub fn markdown(key_sentences: &[&str], panel: &Panel, labels: &Labels) -> String {
    if key_sentences.is_empty() && panel.is_empty() {
        return String::new();
    }
    let mut out = format!("\n\n## {}\n\n", labels.key_facts);
    for s in key_sentences {
        out.push_str(&format!("- {}\n", s.replace('\n', " ")));
    }
    let lists = [
        (&labels.people, &panel.people),
        (&labels.organisations, &panel.organisations),
        (&labels.places, &panel.places),
        (&labels.figures, &panel.figures),
    ];
    let mut first = true;
    for (label, entries) in lists.into_iter().filter(|(_, e)| !e.is_empty()) {
        if first {
            out.push('\n');
            first = false;
        }
        let items: Vec<String> = entries
            .iter()
            .map(|e| match &e.role {
                Some(r) => format!("{} ({r})", e.text),
                None => e.text.clone(),
            })
            .collect();
        out.push_str(&format!("**{label}:** {}  \n", items.join(" · ")));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(kind: &'static str, text: &str, start: usize, role: Option<&str>) -> Fact {
        Fact {
            kind: kind.into(),
            text: text.into(),
            start,
            end: start + text.len(),
            speaker: None,
            role: role.map(Into::into),
        }
    }

    #[test]
    fn ranked_grouped_and_with_roles() {
        let facts = vec![
            fact("key_sentence", "Lloyd Austin said the United States and Iraq will talk.", 0, None),
            fact("person", "Lloyd Austin", 0, Some("US Secretary of Defense")),
            fact("place", "United States", 22, None),
            fact("place", "Iraq", 40, None),
            fact("number", "roughly 2,500 US troops", 700, None),
            fact("number", "21st", 760, None),
            fact("place", "Syria", 800, None),
            fact("person", "Austin", 900, None),
            fact("place", "Iraq", 950, None),
            fact("organisation", "Pentagon", 1000, None),
            fact("person", "Jane Roe", 1200, None),
        ];
        let p = panel(&facts);
        assert_eq!(p.people.len(), 1, "Jane Roe, mentioned once far from the lead, is not in it: {:?}", p.people);
        assert_eq!(p.people[0].text, "Lloyd Austin");
        assert_eq!(p.people[0].mentions, 2, "the surname alone counts for him");
        assert_eq!(p.people[0].role.as_deref(), Some("US Secretary of Defense"));
        assert_eq!(p.people[0].first, "Lloyd Austin");
        assert_eq!(p.places.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["Iraq", "United States"]);
        assert!(p.organisations.is_empty(), "one mention outside the lead");
        assert_eq!(p.figures.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["roughly 2,500 US troops"]);
        let md = markdown(&["Lloyd Austin said the United States and Iraq will talk."], &p, &Labels::default());
        assert!(md.contains("## Key facts\n\n- Lloyd Austin said"), "{md}");
        assert!(md.contains("**Who:** Lloyd Austin (US Secretary of Defense)"), "{md}");
        assert!(md.contains("**Where:** Iraq · United States"), "{md}");
        assert!(md.contains("**How much:** roughly 2,500 US troops"), "{md}");
        assert_eq!(markdown(&[], &Panel::default(), &Labels::default()), "");
    }

    #[test]
    fn at_most_five_of_a_kind() {
        let facts: Vec<Fact> = (0..12)
            .map(|i| fact("place", ["Rome", "Oslo", "Lima", "Kyiv", "Doha", "Baku"][i % 6], i * 10, None))
            .collect();
        let p = panel(&facts);
        assert_eq!(p.places.len(), PER_KIND);
        assert!(p.places.iter().all(|e| e.mentions == 2));
    }
}
