//! The article's title, compared with what a page says: is this heading or
//! line the title again, the title with a kicker, or a site's name? Word
//! tokens are compared (case, punctuation and a site suffix do not count).
//! Below every stage that meets the title (clean, extract, metadata, render),
//! so that none of them reaches up into another for it.

pub const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " · ", " :: "];

/// The part of a `<title>` after its last separator, when it is short
/// enough to be a site's name ("Story | Energy Daily" → "Energy Daily").
pub fn title_suffix(title: &str) -> Option<&str> {
    SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep).map(|(_, s)| s.trim()))
        .min_by_key(|s| s.len())
        .filter(|s| (1..=5).contains(&s.split_whitespace().count()) && s.chars().any(char::is_alphabetic))
}

/// The same name but for case, punctuation and a word or two more on one
/// side ("Wochenblatt" and "Wochenblatt für Landwirtschaft & Landleben").
pub fn is_same_name(a: &str, b: &str) -> bool {
    let (a, b) = (words_of(a), words_of(b));
    !a.is_empty()
        && !b.is_empty()
        && (a == b || (a.len().min(b.len()) >= 1 && (a.starts_with(&b) || b.starts_with(&a))))
}

/// Is `text` (a heading or line in the body) the article's title again? Word
/// tokens are compared, so punctuation ("..." vs "…") and a site suffix on the
/// title do not matter.
pub fn is_title_repeat(text: &str, title: &str) -> bool {
    let (t, full) = (words_of(text), words_of(title));
    if t.is_empty() || full.is_empty() {
        return false;
    }
    t == full || (t.len() * 2 > full.len() && (full.starts_with(&t) || full.ends_with(&t)))
}

/// Is a heading the article's title: a repeat of it ([`is_title_repeat`]),
/// or the title with a kicker before or after it ("Abstandsregeln und
/// Fieberkontrollen: Wie Firmen …"), the title being most of it.
pub fn is_title_heading(text: &str, title: &str) -> bool {
    if is_title_repeat(text, title) {
        return true;
    }
    // A title kept with its site suffix ("Kinder und Arbeit » ProNATs e.V.",
    // too short to lose it by Readability's rule) against the bare heading.
    if let Some(suffix) = title_suffix(title) {
        let bare = title[..title.len() - suffix.len()].trim_end().trim_end_matches(|c: char| !c.is_alphanumeric());
        if words_of(bare) == words_of(text) {
            return true;
        }
    }
    let (h, t) = (words_of(text), words_of(title));
    t.len() >= 3 && t.len() * 2 >= h.len() && (h.ends_with(&t) || h.starts_with(&t))
}

pub fn words_of(s: &str) -> Vec<String> {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
}

/// How much of `b` is covered by the words of `a` (1.0 = all of it).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (aw, bw) = (words_of(a), words_of(b));
    if aw.is_empty() || bw.is_empty() {
        return 0.0;
    }
    let total = bw.join(" ").chars().count() as f64;
    let unique: Vec<&str> = bw.iter().filter(|w| !aw.contains(w)).map(|w| w.as_str()).collect();
    1.0 - unique.join(" ").chars().count() as f64 / total
}
