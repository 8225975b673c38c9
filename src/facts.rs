//! Stage 5: key facts — figures, dates, people (with their role), organisations,
//! places, direct quotes (with their speaker) and the few key sentences that
//! carry most of them. Rules and small word lists (`data/facts.json`), no model:
//! it runs offline inside the wasm module.
//!
//! Positions are byte offsets into the article's plain `text`.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::dom::Fx;

mod intl;
mod roles;
pub(crate) use intl::is_calendar_word;
pub mod panel;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fact {
    /// `number`, `date`, `person`, `organisation`, `place`, `quote`, or
    /// `key_sentence` (one of the sentences that carry the story's facts).
    /// Borrowed from the program's text: a long article has a fact every few
    /// words, and an allocated name each took 16 bytes more.
    pub kind: Cow<'static, str>,
    /// The exact text of the fact as it appears in the article text.
    pub text: String,
    /// Byte offsets of `text` in the article's plain text.
    pub start: usize,
    pub end: usize,
    /// For a quote: who said it, when the text names them.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<String>,
    /// For a person: their role as the story gives it ("Senate Majority
    /// Leader", "director of the service"); `text` is the name alone.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<String>,
}

#[derive(Deserialize)]
struct Lexicon {
    months: Vec<String>,
    weekdays: Vec<String>,
    relative_days: Vec<String>,
    periods: Vec<String>,
    period_modifiers: Vec<String>,
    units: Vec<String>,
    magnitudes: Vec<String>,
    currency_symbols: Vec<String>,
    currency_words: Vec<String>,
    number_words: HashMap<String, u64, Fx>,
    approximators: Vec<String>,
    count_adjectives: Vec<String>,
    stopwords: Vec<String>,
    speech_verbs: Vec<String>,
    roles: Vec<String>,
    role_phrases: Vec<String>,
    role_modifiers: Vec<String>,
    org_words: Vec<String>,
    known_orgs: Vec<String>,
    places: Vec<String>,
    place_words: Vec<String>,
    adjective_places: Vec<String>,
    demonyms: Vec<String>,
    first_names: Vec<String>,
    name_particles: Vec<String>,
    abbreviations: Vec<String>,
    org_cues: Vec<String>,
}

/// The word lists asked about token by token (an index into [`Lex::sets`]).
#[derive(Clone, Copy)]
enum W {
    Months,
    Weekdays,
    RelativeDays,
    Periods,
    PeriodModifiers,
    Units,
    Magnitudes,
    CurrencySymbols,
    CurrencyWords,
    CountAdjectives,
    Stopwords,
    SpeechVerbs,
    Roles,
    RoleModifiers,
    OrgWords,
    KnownOrgs,
    Places,
    PlaceWords,
    AdjectivePlaces,
    Demonyms,
    FirstNames,
    NameParticles,
    Abbreviations,
    OrgCues,
    /// The keys of `number_words` ("one", "dozen", "twenty").
    NumberWords,
}

struct Lex {
    raw: Lexicon,
    sets: Vec<WordSet>,
    /// Every word of the lists with a bit per list that holds it (bit `W as
    /// u32`): one lookup answers all lists (a token's answer is kept on it).
    classes: HashMap<String, u32, Fx>,
    /// Multi-word places and role phrases, and all units.
    place_seqs: Seqs,
    role_seqs: Seqs,
    unit_seqs: Seqs,
}

/// Phrases as lower-case word lists, by their first word (longest first
/// under each): a token is compared only with the phrases that start with
/// it, instead of with every phrase (asked at every capitalised token).
#[derive(Default)]
struct Seqs {
    by_first: HashMap<String, Vec<Vec<String>>, Fx>,
}

impl Seqs {
    fn new(phrases: &[String], multi_word_only: bool) -> Self {
        let mut s = Seqs::default();
        for p in phrases.iter().filter(|p| !multi_word_only || p.contains(' ')) {
            let words: Vec<String> = p.to_lowercase().split(' ').map(String::from).collect();
            s.by_first.entry(words[0].clone()).or_default().push(words);
        }
        for v in s.by_first.values_mut() {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        s
    }

    /// Length (in tokens) of the longest phrase at `i` that ends by token
    /// `end`; 0 if none.
    fn longest_at(&self, toks: &[Tok], i: usize, end: usize) -> usize {
        let Some(first) = toks.get(i) else { return 0 };
        let Some(cands) = with_lower(first.text, |w| self.by_first.get(w)) else { return 0 };
        cands
            .iter()
            .find(|p| {
                i + p.len() <= end
                    && p[1..]
                        .iter()
                        .enumerate()
                        .all(|(k, w)| toks.get(i + 1 + k).is_some_and(|t| with_lower(t.text, |l| l == w)))
            })
            .map_or(0, Vec::len)
    }

    /// Is `words` (lower case) one of the phrases?
    fn contains(&self, words: &[String]) -> bool {
        words.first().and_then(|f| self.by_first.get(f)).is_some_and(|v| v.iter().any(|p| p == words))
    }
}

fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(|| {
        let raw: Lexicon = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/facts.min.json")))
            .expect("data/facts.json is valid");
        let lower = |v: &Vec<String>| v.iter().map(|s| s.to_lowercase()).collect::<WordSet>();
        let mut sets = vec![WordSet::default(); W::NumberWords as usize + 1];
        sets[W::Months as usize] = lower(&raw.months);
        sets[W::Weekdays as usize] = lower(&raw.weekdays);
        sets[W::RelativeDays as usize] = lower(&raw.relative_days);
        sets[W::Periods as usize] = lower(&raw.periods);
        sets[W::PeriodModifiers as usize] = lower(&raw.period_modifiers);
        sets[W::Units as usize] = lower(&raw.units);
        sets[W::Magnitudes as usize] = lower(&raw.magnitudes);
        sets[W::CurrencySymbols as usize] = lower(&raw.currency_symbols);
        sets[W::CurrencyWords as usize] = lower(&raw.currency_words);
        sets[W::CountAdjectives as usize] = lower(&raw.count_adjectives);
        sets[W::Stopwords as usize] = lower(&raw.stopwords);
        sets[W::SpeechVerbs as usize] = lower(&raw.speech_verbs);
        sets[W::Roles as usize] = lower(&raw.roles);
        sets[W::RoleModifiers as usize] = lower(&raw.role_modifiers);
        sets[W::OrgWords as usize] = lower(&raw.org_words);
        sets[W::KnownOrgs as usize] = raw.known_orgs.iter().cloned().collect();
        sets[W::Places as usize] = lower(&raw.places);
        sets[W::PlaceWords as usize] = lower(&raw.place_words);
        sets[W::AdjectivePlaces as usize] = raw.adjective_places.iter().cloned().collect();
        sets[W::Demonyms as usize] = lower(&raw.demonyms);
        sets[W::FirstNames as usize] = lower(&raw.first_names);
        sets[W::NameParticles as usize] = lower(&raw.name_particles);
        sets[W::Abbreviations as usize] = lower(&raw.abbreviations);
        sets[W::OrgCues as usize] = lower(&raw.org_cues);
        sets[W::NumberWords as usize] = raw.number_words.keys().cloned().collect();
        let place_seqs = Seqs::new(&raw.places, true);
        let role_seqs = Seqs::new(&raw.role_phrases, true);
        let unit_seqs = Seqs::new(&raw.units, false);
        let mut classes: HashMap<String, u32, Fx> = HashMap::default();
        for (k, set) in sets.iter().enumerate() {
            for w in set {
                *classes.entry(w.clone()).or_default() |= 1 << k;
            }
        }
        Lex { raw, sets, classes, place_seqs, role_seqs, unit_seqs }
    })
}

/// Is `word` (in any case) in the list `set`?
fn is(set: W, word: &str) -> bool {
    classes_of(word) & (1 << set as u32) != 0
}

/// The lists `word` (in any case) is in, a bit per list.
fn classes_of(word: &str) -> u32 {
    let classes = &lex().classes;
    with_lower(word, |w| classes.get(w).copied().unwrap_or(0))
}

/// Calls `f` with `word` lower-cased: on the stack when it is short (nearly
/// every word; the lexicon is asked about each several times).
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = word.as_bytes();
    let mut buf = [0u8; 64];
    if b.len() <= 48 && word.is_ascii() {
        buf[..b.len()].copy_from_slice(b);
        buf[..b.len()].make_ascii_lowercase();
        return f(std::str::from_utf8(&buf[..b.len()]).unwrap_or_default());
    }
    // Other short words char by char (as `str::to_lowercase` but for a
    // capital sigma, whose lower case depends on the word: left to it).
    if b.len() <= 48 && !word.contains('Σ') {
        let mut n = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            if n + c.len_utf8() > buf.len() {
                return f(&word.to_lowercase());
            }
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        return f(std::str::from_utf8(&buf[..n]).unwrap_or_default());
    }
    f(&word.to_lowercase())
}

/// A word list: looked up for nearly every token of the article.
type WordSet = HashSet<String, Fx>;

// ---------------------------------------------------------------- tokens ---

#[derive(Debug, Clone, Copy, PartialEq)]
enum TK {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    kind: TK,
    /// The word lists the token is in ([`classes_of`]), and those its
    /// [`Tok::base`] is in: asked many times per token.
    classes: u32,
    base_classes: u32,
}

impl<'a> Tok<'a> {
    fn new(text: &'a str, start: usize, end: usize, kind: TK) -> Self {
        let mut t = Tok { text, start, end, kind, classes: classes_of(text), base_classes: 0 };
        t.base_classes = if t.possessive() { classes_of(t.base()) } else { t.classes };
        t
    }
    fn cap(&self) -> bool {
        self.kind == TK::Word
            && (self.text.chars().next().is_some_and(|c| c.is_uppercase())
                || ["al-", "el-", "bin-", "ben-", "ibn-"].iter().any(|p| {
                    self.text.strip_prefix(p).is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
                }))
    }
    /// Is the token (in any case) in the list `set`?
    fn is(&self, set: W) -> bool {
        self.classes & (1 << set as u32) != 0
    }
    /// Is the token without a possessive `'s` in the list `set`?
    fn base_is(&self, set: W) -> bool {
        self.base_classes & (1 << set as u32) != 0
    }
    /// The word in lower case (borrowed when it already is: most words).
    fn lower(&self) -> std::borrow::Cow<'a, str> {
        let t = self.text;
        if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            t.into()
        } else {
            t.to_lowercase().into()
        }
    }
    /// The word without a possessive `'s`.
    fn base(&self) -> &str {
        self.text.strip_suffix("'s").or_else(|| self.text.strip_suffix("’s")).unwrap_or(self.text)
    }
    fn possessive(&self) -> bool {
        self.base().len() != self.text.len()
    }
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    toks
}

/// [`tokenize`] into `toks` (cleared first): a long article's paragraphs are
/// tokenized into one vector, instead of a new one each, freed after it,
/// whose gaps spread the small blocks made between them thinly through
/// memory (the facts' list then found no room in the 58 MB they spanned).
fn tokenize_into<'a>(text: &'a str, toks: &mut Vec<Tok<'a>>) {
    toks.clear();
    // The char at byte `i` (a char boundary), if any: an ASCII byte is its
    // own char (nearly every byte of most articles), others are decoded.
    let bytes = text.as_bytes();
    let at = |i: usize| match bytes.get(i) {
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()),
        None => None,
    };
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let mut prev = c;
            let mut j = i + c.len_utf8();
            while let Some(d) = at(j) {
                let next = at(j + d.len_utf8());
                let next_alnum = next.is_some_and(|n| n.is_alphanumeric());
                if d.is_alphanumeric()
                    || (matches!(d, '-' | '\'' | '’' | '/') && next_alnum && prev.is_alphanumeric())
                    || (matches!(d, '.' | ',') && prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()))
                {
                    prev = d;
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let mut end = j;
            let mut word = &text[start..end];
            // Abbreviations keep their period ("Dr.", "Jan.", "U.S.").
            if at(j) == Some('.') {
                // (A lone letter too: an initial, or German "z. B.", "d. h.")
                let single =
                    word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic() && !crate::dom::is_cjk(c));
                if is(W::Abbreviations, word) || single {
                    end += 1;
                    word = &text[start..end];
                    j += 1;
                }
            }
            let kind = if word.chars().next().is_some_and(|c| c.is_ascii_digit()) { TK::Num } else { TK::Word };
            toks.push(Tok::new(word, start, end, kind));
            i = j;
        } else {
            let end = start + c.len_utf8();
            toks.push(Tok::new(&text[start..end], start, end, TK::Punct));
            i = end;
        }
    }
}

// ----------------------------------------------------------------- spans ---

#[derive(Debug, Clone)]
struct Span {
    kind: &'static str,
    /// Token range [a, b).
    a: usize,
    b: usize,
}

fn is_year(t: &Tok) -> bool {
    t.kind == TK::Num
        && t.text.len() == 4
        && t.text.chars().all(|c| c.is_ascii_digit())
        && (1800..=2100).contains(&t.text.parse::<u32>().unwrap_or(0))
}

fn number_word(t: &Tok) -> bool {
    if !t.text.contains('-') {
        return t.is(W::NumberWords) && !t.text.ends_with(['s', 'S']);
    }
    let nw = &lex().raw.number_words;
    // "twenty-two"
    with_lower(t.text, |w| w.split('-').all(|p| nw.contains_key(p)) && !w.ends_with('s'))
}

/// "45-kilometre", "1.5-gigawatt", "six-week".
fn hyphen_measure(t: &Tok) -> bool {
    let Some((n, unit)) = t.text.split_once('-') else { return false };
    let num =
        n.chars().next().is_some_and(|c| c.is_ascii_digit()) || lex().raw.number_words.contains_key(&n.to_lowercase());
    num && is(W::Units, unit)
}

fn month_tok(t: &Tok) -> bool {
    t.cap() && is(W::Months, t.text.trim_end_matches('.'))
}

fn day_num(t: &Tok) -> bool {
    t.kind == TK::Num
        && t.text.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn dates(toks: &[Tok], out: &mut Vec<Span>) {
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let lower = t.lower();
        let mut span: Option<(usize, usize)> = None;
        if month_tok(t)
            || (t.kind == TK::Word
                && lower
                    .split_once('-')
                    .is_some_and(|(p, m)| matches!(p, "mid" | "early" | "late") && is(W::Months, m)))
        {
            let mut a = i;
            let mut b = i + 1;
            if i > 0 && day_num(&toks[i - 1]) {
                a = i - 1;
            } else if toks.get(b).is_some_and(day_num) {
                b += 1;
            }
            if toks.get(b).is_some_and(|t| t.text == ",") && toks.get(b + 1).is_some_and(is_year) {
                b += 2;
            } else if toks.get(b).is_some_and(is_year) {
                b += 1;
            }
            if a > 0 && matches!(toks[a - 1].lower().as_ref(), "early" | "late" | "mid") {
                a -= 1;
            }
            span = Some((a, b));
        } else if t.cap() && t.is(W::Weekdays) {
            let a = if i > 0 && matches!(toks[i - 1].lower().as_ref(), "late" | "early") { i - 1 } else { i };
            span = Some((a, i + 1));
        } else if t.is(W::RelativeDays) {
            span = Some((i, i + 1));
        } else if t.is(W::PeriodModifiers) && toks.get(i + 1).is_some_and(|n| n.is(W::Periods)) {
            span = Some((i, i + 2));
        } else if ((lower == "a" || number_word(t))
            && toks.get(i + 1).is_some_and(|n| n.is(W::Periods) || is(W::Periods, n.lower().trim_end_matches('s')))
            && toks.get(i + 2).is_some_and(|n| matches!(n.lower().as_ref(), "later" | "earlier" | "ago" | "before")))
            || (lower == "the"
                && toks.get(i + 1).is_some_and(|n| n.lower() == "day")
                && toks.get(i + 2).is_some_and(|n| matches!(n.lower().as_ref(), "before" | "after")))
        {
            span = Some((i, i + 3));
        } else if is_year(t) {
            let mut a = i;
            let mut b = i + 1;
            if i > 0
                && toks[i - 1].lower() == "from"
                && toks.get(i + 1).is_some_and(|n| n.lower() == "to")
                && toks.get(i + 2).is_some_and(is_year)
            {
                a = i - 1;
                b = i + 3;
            }
            span = Some((a, b));
        } else if t.kind == TK::Num
            && t.text
                .split_once('-')
                .is_some_and(|(x, y)| is_year(&Tok { text: x, ..t.clone() }) && is_year(&Tok { text: y, ..t.clone() }))
        {
            span = Some((i, i + 1));
        } else if t.kind == TK::Num
            && t.text.len() == 5
            && t.text.ends_with('s')
            && t.text[..4].chars().all(|c| c.is_ascii_digit())
        {
            // "the 2030s"
            let a = if i > 0 && toks[i - 1].lower() == "the" { i - 1 } else { i };
            span = Some((a, i + 1));
        }
        if let Some((a, b)) = span {
            out.push(Span { kind: "date", a, b });
            i = b;
        } else {
            i += 1;
        }
    }
}

fn numbers(toks: &[Tok], out: &mut Vec<Span>) {
    let lx = lex();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let numeric = t.kind == TK::Num && !is_year(t) && !t.text.ends_with('s');
        let spelled = t.kind == TK::Word && number_word(t) && t.lower() != "one";
        let measure = hyphen_measure(t);
        if !(numeric || spelled || measure) {
            i += 1;
            continue;
        }
        // A year range, a time or a date handled elsewhere.
        if t.text
            .split_once('-')
            .is_some_and(|(x, _)| x.len() == 4 && x.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y)))
        {
            i += 1;
            continue;
        }
        let mut a = i;
        let mut b = i + 1;
        let mut has_unit = measure;
        if i > 0 && toks[i - 1].is(W::CurrencySymbols) {
            a = i - 1;
            has_unit = true;
        }
        // "between 4 and 5 percent"
        if i > 0
            && toks[i - 1].lower() == "between"
            && toks.get(i + 1).is_some_and(|n| n.lower() == "and")
            && toks.get(i + 2).is_some_and(|n| n.kind == TK::Num || number_word(n))
        {
            a = i - 1;
            b = i + 3;
        }
        if toks.get(b).is_some_and(|n| n.is(W::Magnitudes)) {
            b += 1;
        }
        let unit_len = lx.unit_seqs.longest_at(toks, b, usize::MAX);
        if unit_len > 0 {
            b += unit_len;
            has_unit = true;
            if toks.get(b).is_some_and(|n| matches!(n.lower().as_ref(), "celsius" | "fahrenheit")) {
                b += 1;
            }
        } else if toks.get(b).is_some_and(|n| n.is(W::CurrencyWords)) {
            b += 1;
            has_unit = true;
        }
        // "$52 per share", "$4 a dose"
        if a < i
            && toks.get(b).is_some_and(|n| matches!(n.lower().as_ref(), "per" | "a"))
            && toks.get(b + 1).is_some_and(|n| n.kind == TK::Word && !n.is(W::Stopwords) && !n.is(W::Periods))
        {
            b += 2;
        }
        if !has_unit {
            // What is counted: "2,500 US troops", "40 new stores", "three key factors".
            let mut taken = 0;
            while taken < 2 {
                let Some(n) = toks.get(b) else { break };
                let w = n.lower();
                let adjective = n.is(W::CountAdjectives)
                    || n.is(W::Demonyms)
                    || (n.text.len() <= 3 && n.text.chars().all(|c| c.is_uppercase()));
                let noun = n.kind == TK::Word
                    && !n.cap()
                    && !n.is(W::Stopwords)
                    && !n.is(W::SpeechVerbs)
                    && !n.is(W::Periods)
                    && !w.ends_with("ly")
                    && !w.ends_with("ed");
                let plural_name = taken == 0 && n.cap() && w.ends_with('s') && !n.is(W::Places) && t.kind == TK::Word;
                if adjective && taken == 0 || noun || (n.cap() && n.is(W::Demonyms)) || plural_name {
                    b += 1;
                    taken += 1;
                    if noun && w.ends_with('s') {
                        break;
                    }
                } else {
                    break;
                }
            }
            // "seven votes to two"
            if taken > 0
                && toks.get(b).is_some_and(|n| n.lower() == "to")
                && toks.get(b + 1).is_some_and(|n| number_word(n) || n.kind == TK::Num)
            {
                b += 2;
            }
            // "seven of their last eight games"
            if taken == 0 && toks.get(b).is_some_and(|n| n.lower() == "of") {
                let mut k = b + 1;
                if toks
                    .get(k)
                    .is_some_and(|n| matches!(n.lower().as_ref(), "the" | "their" | "its" | "our" | "his" | "her"))
                {
                    k += 1;
                }
                if toks.get(k).is_some_and(|n| matches!(n.lower().as_ref(), "last" | "first" | "next")) {
                    k += 1;
                }
                if toks.get(k).is_some_and(|n| number_word(n) || n.kind == TK::Num)
                    && toks.get(k + 1).is_some_and(|n| n.kind == TK::Word && n.lower().ends_with('s'))
                {
                    b = k + 2;
                    taken = 1;
                }
            }
            if spelled && taken == 0 {
                // A spelled number with nothing counted ("one of the…") is not a figure.
                i += 1;
                continue;
            }
        }
        // "roughly 2,500", "more than 150"
        let mut k = a;
        for _ in 0..3 {
            if k == 0 {
                break;
            }
            let joined = |n: usize| toks[k - n..k].iter().map(|t| t.lower()).collect::<Vec<_>>().join(" ");
            if k >= 2 && lx.raw.approximators.contains(&joined(2)) {
                k -= 2;
            } else if lx.raw.approximators.contains(&joined(1)) {
                k -= 1;
            } else {
                break;
            }
        }
        a = k;
        out.push(Span { kind: "number", a, b });
        i = b;
    }
}

/// Runs of capitalised words (names), split at possessives and punctuation.
fn cap_runs(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].cap() {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i + 1;
        if !toks[i].possessive() {
            while b < toks.len() {
                let t = &toks[b];
                let particle = t.is(W::NameParticles) && toks.get(b + 1).is_some_and(|n| n.cap());
                let of = matches!(t.lower().as_ref(), "of" | "for")
                    && toks.get(b + 1).is_some_and(|n| {
                        n.cap() && !n.base_is(W::Places)
                            || n.cap() && b - a >= 1 && (toks[b - 1].is(W::OrgWords) || toks[b - 1].is(W::Roles))
                    });
                if t.cap() || particle || of {
                    b += 1;
                    if t.possessive() {
                        break;
                    }
                } else {
                    break;
                }
            }
        }
        runs.push((a, b));
        i = b;
    }
    runs
}

fn is_role_at(toks: &[Tok], i: usize) -> usize {
    match lex().role_seqs.longest_at(toks, i, usize::MAX) {
        0 => usize::from(is(W::Roles, toks[i].text.trim_end_matches('.')) || toks[i].is(W::Roles)),
        n => n,
    }
}

/// Whether token `i` is a title put before a name: a role word written
/// short ("Dr", "Prof.", "Mr.", "Sen.").
fn honorific(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| {
        is_role_at(toks, i) == 1
            && (t.text.ends_with('.')
                || toks.get(i + 1).is_some_and(|n| n.text == "." && n.start == t.end)
                || matches!(t.lower().as_ref(), "dr" | "mr" | "mrs" | "ms" | "prof"))
    })
}

/// A capitalised month's or weekday's name: a first name inside a name
/// ("Jan Kowalski", "April Ryan"), when a name's word follows it.
fn month_or_day_name(t: &Tok) -> bool {
    t.cap() && (t.base_is(W::Months) || t.base_is(W::Weekdays))
}

fn name_token(t: &Tok) -> bool {
    (t.cap() || t.base_is(W::NameParticles))
        && !t.base_is(W::Roles)
        && !t.base_is(W::RoleModifiers)
        && !t.base_is(W::OrgWords)
        && !t.base_is(W::Places)
        && !t.base_is(W::Demonyms)
        && !t.base_is(W::Months)
        && !t.base_is(W::Weekdays)
        && !t.base_is(W::SpeechVerbs)
        && !lex().sets[W::KnownOrgs as usize].contains(t.base())
        && t.kind == TK::Word
        && !t.text.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
        && !with_lower(t.base(), |w| lex().raw.number_words.contains_key(w))
}

fn entities(toks: &[Tok], out: &mut Vec<Span>) {
    for (a0, b) in cap_runs(toks) {
        let mut a = a0;
        // Leading articles and sentence-initial function words are not names.
        while a < b
            && matches!(
                toks[a].lower().as_ref(),
                "the" | "a" | "an" | "while" | "on" | "in" | "at" | "but" | "and" | "as" | "after" | "with"
            )
        {
            a += 1;
        }
        if a >= b {
            continue;
        }
        // Name: the trailing run of name-like tokens.
        let mut n = b;
        while n > a && name_token(&toks[n - 1]) && !(n < b && toks[n - 1].possessive()) {
            n -= 1;
        }
        let name_len = b - n;
        let mut role_start = None;
        // Role words inside the run, before the name.
        let mut j = a;
        while j < n {
            let r = is_role_at(toks, j);
            if r > 0 {
                role_start.get_or_insert(j);
                j += r;
            } else {
                j += 1;
            }
        }
        // Lower-case role words right before the run ("chief executive Helen Park").
        let left = role_run_start(toks, a);
        let left_has_role = (left..a).any(|j| is_role_at(toks, j) > 0);
        if left_has_role {
            role_start = Some(left);
        }
        let first_name = name_len >= 1 && toks[n].base_is(W::FirstNames);
        let speech_near =
            (a > 0 && toks[a - 1].is(W::SpeechVerbs)) || toks.get(b).is_some_and(|t| t.is(W::SpeechVerbs));
        let person = (1..=4).contains(&name_len)
            && (role_start.is_some() || (name_len >= 2 && (first_name || speech_near)))
            && !(name_len == 1 && role_start.is_none());
        if person {
            let start = role_start.map(|r| r.min(a)).unwrap_or(n);
            let start = if role_start.is_some() { start } else { n };
            out.push(Span { kind: "person", a: start, b });
            if start > a {
                classify_other(toks, a, start, out);
            } else if n > a && role_start.is_none() {
                classify_other(toks, a, n, out);
            }
            continue;
        }
        classify_other(toks, a, b, out);
    }
}

/// Organisations and places in a run of capitalised tokens that is not a person.
fn classify_other(toks: &[Tok], a: usize, b: usize, out: &mut Vec<Span>) {
    let lx = lex();
    if a >= b {
        return;
    }
    let words: Vec<String> = toks[a..b].iter().map(|t| t.base().to_lowercase()).collect();
    let last = &toks[b - 1];
    if lx.place_seqs.contains(&words) {
        out.push(Span { kind: "place", a, b });
        return;
    }
    // "energy group Orsted": a name right after a company noun.
    if b - a == 1 && a > 0 && toks[a - 1].is(W::OrgCues) && !last.base_is(W::Places) {
        out.push(Span { kind: "organisation", a, b });
        return;
    }
    // An organisation: a known one, or a name with an organisation word in it.
    let known = b - a == 1 && lx.sets[W::KnownOrgs as usize].contains(last.base());
    let org_word = b - a >= 2
        && words.iter().any(|w| is(W::OrgWords, w))
        && !words.iter().all(|w| is(W::OrgWords, w) || is(W::Places, w));
    let acronym = b - a == 1
        && last.base().len() >= 2
        && last.base().len() <= 6
        && last.base().chars().all(|c| c.is_ascii_uppercase())
        && !last.base_is(W::Places)
        && !lx.sets[W::AdjectivePlaces as usize].contains(last.base());
    if known || org_word || acronym {
        out.push(Span { kind: "organisation", a, b });
        return;
    }
    // Places: longest known names inside the run.
    let mut i = a;
    while i < b {
        let mut hit = lx.place_seqs.longest_at(toks, i, b);
        let t = &toks[i];
        if hit == 0 && t.base_is(W::Places) && t.cap() {
            let adjective = lx.sets[W::AdjectivePlaces as usize].contains(t.base())
                && toks.get(i + 1).is_some_and(|n| (n.kind == TK::Word && !n.cap()) || n.text == "-");
            if !adjective {
                hit = 1;
            }
        }
        if hit == 0 && i + 1 < b && toks[i + 1].is(W::PlaceWords) && toks[i].cap() {
            hit = 2;
        }
        if hit > 0 {
            // "Iraqi Kurdistan": a demonym in front belongs to the place.
            let start = if i > a && toks[i - 1].is(W::Demonyms) { i - 1 } else { i };
            out.push(Span { kind: "place", a: start, b: i + hit });
            i += hit;
        } else {
            i += 1;
        }
    }
}

/// A fact's kind, its byte range in the text, and a person's role's range.
type Range = (&'static str, usize, usize, Option<(usize, usize)>);

/// Where the run of words that may make a role, right before token `a`,
/// begins (role words, their modifiers, capitalised words; six at most).
fn role_run_start(toks: &[Tok], a: usize) -> usize {
    let mut left = a;
    while left > 0 && a - left < 6 {
        let t = &toks[left - 1];
        if t.kind == TK::Word
            && (t.is(W::Roles) || t.is(W::RoleModifiers) || (t.cap() && !t.possessive()))
            && !t.is(W::Stopwords)
        {
            left -= 1;
        } else {
            break;
        }
    }
    left
}

/// Role words right before a name the model found ("Senate Majority Leader
/// Chuck Schumer", "chief executive Helen Park"): into the person's span,
/// which [`split_roles`] parts into name and role.
fn roles_before(toks: &[Tok], spans: &mut [Span]) {
    for s in spans.iter_mut().filter(|s| s.kind == "person") {
        let left = role_run_start(toks, s.a);
        // From the first role word on ("in Berlin Mayor Kai Wegner": not
        // "Berlin"), with the words that qualify it ("Spanish", "US", "Deputy").
        if let Some(mut first) = (left..s.a).find(|&j| is_role_at(toks, j) > 0) {
            while first > left && {
                let t = &toks[first - 1];
                t.is(W::Demonyms)
                    || t.is(W::RoleModifiers)
                    || (t.text.len() <= 3 && t.text.chars().all(|c| c.is_ascii_uppercase()))
            } {
                first -= 1;
            }
            s.a = first;
        }
    }
}

/// Each person's span parted into the name (the span) and the role, when
/// the span holds one: before the name, or after it behind a comma.
fn split_roles(toks: &[Tok], spans: &mut [Span]) -> Vec<Option<(usize, usize)>> {
    spans
        .iter_mut()
        .map(|s| {
            if s.kind != "person" {
                return None;
            }
            // "Carlo Buontempo, director of the service"
            if let Some(c) = (s.a..s.b).find(|&j| toks[j].text == ",") {
                if c > s.a && (c + 1..s.b).any(|j| is_role_at(toks, j) > 0) {
                    let role = (c + 1, s.b);
                    s.b = c;
                    return Some(role);
                }
                // "His lawyer, Michael Grant"
                if (s.a..c).any(|j| is_role_at(toks, j) > 0) && c + 1 < s.b {
                    let role = (s.a, c);
                    s.a = c + 1;
                    return Some(role);
                }
            }
            // (A month's or weekday's name inside a name is a first name:
            // "Prof. Dr. Jan Wenske", "April Ryan".)
            let mut n = s.b;
            while n > s.a && (name_token(&toks[n - 1]) || (n < s.b && month_or_day_name(&toks[n - 1]))) {
                n -= 1;
            }
            if n > s.a && n < s.b && (s.a..n).any(|j| is_role_at(toks, j) > 0) {
                let role = (s.a, n);
                s.a = n;
                return Some(role);
            }
            None
        })
        .collect()
}

/// "His lawyer, Michael Grant" / "Carlo Buontempo, director of the service".
fn appositives(toks: &[Tok], spans: &mut [Span]) {
    for s in spans.iter_mut().filter(|s| s.kind == "person") {
        if is_role_at(toks, s.a) > 0 || (s.a..s.b).any(|j| is_role_at(toks, j) > 0) {
            continue;
        }
        // Right: ", director of the service" up to the next punctuation.
        if toks.get(s.b).is_some_and(|t| t.text == ",") {
            let mut e = s.b + 1;
            while e < toks.len() && toks[e].kind != TK::Punct && e - s.b <= 6 {
                e += 1;
            }
            let phrase = s.b + 1..e;
            let ends = toks.get(e).is_none_or(|t| matches!(t.text, "." | "," | ";"));
            // A title ("Prof.", "Dr", "Mr.") opens another person's name,
            // not a role: "…, Prof. Dr. Andreas Reuter".
            if ends
                && !honorific(toks, s.b + 1)
                && e - s.b <= 6
                && phrase.clone().any(|j| is_role_at(toks, j) > 0)
                && !phrase.clone().any(|j| toks[j].kind == TK::Num)
            {
                s.b = e;
                continue;
            }
        }
        // Left: "His lawyer, Michael Grant", "Orsted's UK managing director, Duncan Clark".
        if s.a >= 2 && toks[s.a - 1].text == "," {
            let mut k = s.a - 1;
            while k > 0 && toks[k - 1].kind != TK::Punct && s.a - k <= 7 {
                k -= 1;
            }
            while k < s.a - 1 && toks[k].is(W::SpeechVerbs) {
                k += 1;
            }
            let phrase = k..s.a - 1;
            let first = &toks[k];
            let det = matches!(first.lower().as_ref(), "his" | "her" | "its" | "their" | "the" | "a" | "an")
                || first.possessive();
            if det && !phrase.is_empty() && phrase.len() <= 6 && phrase.clone().any(|j| is_role_at(toks, j) > 0) {
                s.a = k;
            }
        }
    }
}

/// Overlapping entity spans: the longer one wins; dates win over numbers.
/// Which of two kinds of fact found on the same words wins (lower first).
fn rank(kind: &str) -> u8 {
    match kind {
        "date" => 0,
        "person" => 1,
        "number" => 2,
        "organisation" => 3,
        _ => 4,
    }
}

/// The spans that stand (a longer one over those it overlaps), in order of
/// position, in the vector they came in: the kept ones move to its front. (A
/// new vector for each paragraph of a long article scattered small blocks
/// through the memory that the facts' list is made in next.)
fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by(|x, y| (y.b - y.a).cmp(&(x.b - x.a)).then(rank(x.kind).cmp(&rank(y.kind))).then(x.a.cmp(&y.a)));
    let mut n = 0;
    for i in 0..spans.len() {
        let (kept, s) = (&spans[..n], &spans[i]);
        let clash = kept.iter().any(|k| {
            s.a < k.b
                && k.a < s.b
                && !(k.kind == "number" && s.kind == "person" || k.kind == "person" && s.kind == "number")
        });
        let overlap_any = kept.iter().any(|k| s.a < k.b && k.a < s.b);
        let blocked = overlap_any && s.kind != "number" && s.kind != "person";
        if !(clash || blocked) {
            spans.swap(n, i);
            n += 1;
        }
    }
    spans.truncate(n);
    spans.sort_by_key(|s| s.a);
    spans
}

/// Quotation marks and what closes each, as the languages Lucid knows write
/// them: “…” (English, Dutch…), „…“ and ‚…‘ (German), „…” (Polish, Dutch),
/// « … » (French, with its spaces) and «…» (Spanish, Italian, Portuguese),
/// »…« (German books), 「…」 and 『…』 (Japanese, Chinese), "…".
const QUOTE_MARKS: [(&str, &[&str]); 8] = [
    ("“", &["”", "“"]),
    ("„", &["“", "”"]),
    ("‚", &["‘", "’"]),
    ("«", &["»"]),
    ("»", &["«"]),
    ("「", &["」"]),
    ("『", &["』"]),
    ("\"", &["\""]),
];

fn quotes(text: &str, people: &[Fact]) -> Vec<Fact> {
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
fn named_after(rest: &str) -> Option<String> {
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

/// The sentences of one paragraph (`para`, at `pstart` in the text, and its
/// tokens) as byte ranges of the text, appended to `out`.
///
/// A sentence ends at `.`, `!`, `?` or `…` (and a closing quote or bracket
/// right after it) when what follows starts a sentence: a capital, a number,
/// an opening quote, or nothing. Abbreviations and initials never end one:
/// the tokenizer keeps their period ("Dr.", "U.S.", "J."), as it keeps the
/// point of a number ("3.5"). The full-width `。`, `！` and `？` of Chinese
/// and Japanese end a sentence whatever follows (no spaces, no capitals).
fn sentence_bounds(pstart: usize, para: &str, toks: &[Tok], out: &mut Vec<(usize, usize)>) {
    let mut s = 0;
    for (k, t) in toks.iter().enumerate() {
        // A line break (a <br> of the page) ends a sentence too: a caption or
        // a credit line does not run into the story after it.
        if toks.get(k + 1).is_some_and(|n| para[t.end..n.start].contains('\n')) {
            push_trimmed(pstart, para, s, t.end, out);
            s = s.max(toks[k + 1].start);
            continue;
        }
        let full_width = matches!(t.text, "。" | "！" | "？");
        if full_width || matches!(t.text, "." | "!" | "?" | "…") {
            let next = toks.get(k + 1);
            // (A straight quote closes only right after the point: `said. "Again`
            // opens the next sentence.)
            let close_quote = next.is_some_and(|n| {
                matches!(n.text, "”" | "’" | "»" | "」" | "』" | ")" | "）")
                    || (matches!(n.text, "\"" | "'" | "“") && n.start == t.end)
            });
            let end_tok = if close_quote { k + 1 } else { k };
            let after = toks.get(end_tok + 1);
            // A day written as an ordinal before its month ("am 14. März
            // 2027", "dnia 3. maja") goes on.
            let ordinal_day = k > 0
                && !close_quote
                && toks[k - 1].end == t.start
                && toks[k - 1].kind == TK::Num
                && toks[k - 1].text.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
                && after.is_some_and(|n| with_lower(n.text, |w| is_calendar_word(w.trim_end_matches('.'))));
            if ordinal_day {
                continue;
            }
            if full_width
                || after.is_none_or(|n| {
                    n.cap() || n.kind == TK::Num || matches!(n.text, "\"" | "“" | "„" | "«" | "「" | "『" | "(")
                })
            {
                let e = toks[end_tok].end;
                push_trimmed(pstart, para, s, e, out);
                s = after.map(|n| n.start).unwrap_or(e);
            }
        }
    }
    push_trimmed(pstart, para, s, para.len(), out);
}

/// `para[s..e]` without the spaces around it, when it has two chars or more.
fn push_trimmed(pstart: usize, para: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    // (Nothing when the sentence before already took these tokens: a closing
    // quote before a line break.)
    let Some(part) = para.get(s..e) else { return };
    let trimmed = part.trim();
    if trimmed.len() > 1 {
        let lead = part.len() - part.trim_start().len();
        out.push((pstart + s + lead, pstart + s + lead + trimmed.len()));
    }
}

/// The sentences of `text` as byte ranges (its paragraphs split at blank
/// lines), as the key sentences are found: what read-aloud reads one by one.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    for (offset, para) in paragraphs(text) {
        tokenize_into(para, &mut toks);
        sentence_bounds(offset, para, &toks, &mut out);
    }
    out
}

/// [`sentences`] as `[start, end, …]` in UTF-16 code units (JavaScript's
/// string indices).
pub fn sentences_utf16(text: &str) -> Vec<u32> {
    let bounds = sentences(text);
    let mut out = Vec::with_capacity(bounds.len() * 2);
    let (mut byte, mut unit) = (0usize, 0u32);
    let mut chars = text.char_indices();
    let mut to_units = |at: usize| {
        while byte < at {
            match chars.next() {
                Some((i, c)) => {
                    byte = i + c.len_utf8();
                    unit += c.len_utf16() as u32;
                }
                None => break,
            }
        }
        unit
    };
    for (a, b) in bounds {
        out.push(to_units(a));
        out.push(to_units(b));
    }
    out
}

fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        out.push((start, part));
        start += part.len() + 2;
    }
    out
}

/// Find the key facts in the article text. People, organisations and places
/// use English word lists, so on pages in other languages (`lang`) only the
/// language-independent kinds are looked for: figures, dates and quotes.
pub fn find(text: &str, lang: Option<&str>) -> Vec<Fact> {
    let lang = crate::ner::lang::language(text, lang);
    let model = crate::ner::builtin(lang.as_deref());
    find_keeping(text, lang.as_deref(), model, KEEP_TOKENS)
}

/// [`find`] with the names of `model` (the extension's path: the language's
/// model is loaded after the view has painted, then the facts found again).
pub fn find_with(text: &str, lang: Option<&str>, model: Option<&crate::ner::Model>) -> Vec<Fact> {
    find_keeping(text, lang, model, KEEP_TOKENS)
}

/// The kinds of fact the name model's kinds are.
const NAME_KINDS: [&str; 3] = ["person", "organisation", "place"];

/// The model's names inside `para` (at `offset` in the text) as spans of its tokens.
/// `nouns_capitalised`: the language writes every noun with a capital
/// (German), so a capitalised word after a name is no sign it is the name's.
fn model_spans(
    names: &[(usize, usize, usize)],
    offset: usize,
    para: &str,
    toks: &[Tok],
    nouns_capitalised: bool,
    out: &mut Vec<Span>,
) {
    let end = offset + para.len();
    let first = names.partition_point(|n| n.0 < offset);
    for &(s, e, kind) in names[first..].iter().take_while(|n| n.1 <= end) {
        let Some(&kind) = NAME_KINDS.get(kind) else { continue };
        let (s, e) = (s - offset, e - offset);
        let a = toks.iter().position(|t| t.end > s);
        let b = toks.iter().rposition(|t| t.start < e).map(|b| b + 1);
        if let (Some(mut a), Some(mut b)) = (a, b) {
            // A person's name runs on over the capitalised words and name
            // particles right after it ("Grégory" + "Doucet", "Mark" + "de
            // Boer"), in every language: the model sometimes stops early. Not
            // over a line break, an acronym ("VP", "SE") or, where every noun
            // has a capital, a capitalised word.
            if kind == "person" {
                while b < toks.len() && b - a < 5 {
                    let t = &toks[b];
                    if para[toks[b - 1].end..t.start].contains('\n') {
                        break;
                    }
                    let particle = t.base_is(W::NameParticles) && toks.get(b + 1).is_some_and(|n| n.cap());
                    let acronym = t.text.chars().filter(|c| c.is_alphabetic()).count() > 1
                        && t.text.chars().all(|c| !c.is_lowercase());
                    if (t.cap()
                        && !nouns_capitalised
                        && !acronym
                        && t.kind == TK::Word
                        && !t.possessive()
                        && !t.base_is(W::Months)
                        && !t.base_is(W::Weekdays))
                        || particle
                    {
                        b += if particle { 2 } else { 1 };
                    } else {
                        break;
                    }
                }
                // A capitalised particle right before it is the name's ("zei
                // De Boer", "Di Maio"): the model often leaves it out.
                if a > 0
                    && toks[a - 1].cap()
                    && toks[a - 1].base_is(W::NameParticles)
                    && para[toks[a - 1].end..toks[a].start] == *" "
                {
                    a -= 1;
                }
                let taken = |s: &Span| s.a < b && a < s.b;
                if out.iter().any(taken) {
                    b = b.min(out.iter().filter(|s| s.a >= a).map(|s| s.a).min().unwrap_or(b));
                }
            }
            if a < b {
                out.push(Span { kind, a, b });
            }
        }
    }
}

/// Two passes over the paragraphs. The first pass's tokens are kept for
/// the second up to a budget; past it (a book-length page, where all the
/// tokens took ten times the text's size) paragraphs are tokenized again.
/// 50,000 tokens: about 300 KB of text, far more than an article has; the
/// kept tokens were the peak of a 10 MB page's memory at 200,000.
const KEEP_TOKENS: usize = 50_000;

/// [`find`], keeping the first pass's tokens up to `keep_tokens`.
fn find_keeping(text: &str, lang: Option<&str>, model: Option<&crate::ner::Model>, keep_tokens: usize) -> Vec<Fact> {
    let english = lang.is_none_or(|l| l.is_empty() || l.to_ascii_lowercase().starts_with("en"));
    let german = lang.is_some_and(|l| l.to_ascii_lowercase().starts_with("de"));
    // Figures and dates in the page's language, where it is one of the seven
    // others Lucid knows (data/lang.json); English's own rules otherwise.
    let intl = intl::lang(lang);
    // Their words for offices and trades, for people's roles.
    let local_roles = intl.and(lang).and_then(|l| roles::roles(&crate::ner::lang::code(l)));
    // Names from the language's model when there is one, over the whole text
    // (a name's earlier mentions help with its later ones), by position.
    let names = model.map(|m| m.tag(text));
    let paras = paragraphs(text);
    let mut found: Vec<Vec<Span>> = Vec::with_capacity(paras.len());
    let mut kept: Vec<Option<Vec<Tok>>> = Vec::with_capacity(paras.len());
    let mut kept_count = 0;
    // Later mentions need the names from the whole article: surnames of people
    // named in full, first words of multi-word organisations.
    let mut surnames: HashSet<String> = HashSet::new();
    let mut heads: HashSet<String> = HashSet::new();
    let mut sents = Vec::new();
    // One vector of tokens and one of spans for all paragraphs (see
    // `tokenize_into`); each paragraph's spans are kept in a copy of their size.
    let (mut toks, mut spans) = (Vec::new(), Vec::new());
    for &(offset, para) in &paras {
        tokenize_into(para, &mut toks);
        sentence_bounds(offset, para, &toks, &mut sents);
        spans.clear();
        if let Some(l) = intl {
            intl::dates(&toks, l, &mut spans);
            intl::numbers(&toks, para, l, &mut spans);
        } else {
            dates(&toks, &mut spans);
            numbers(&toks, &mut spans);
        }
        if let Some(names) = &names {
            model_spans(names, offset, para, &toks, german, &mut spans);
            // The rules' people and organisations too where the model saw
            // none (English: a name after a role, a company or agency the
            // model missed): Wikigold's check half 0.541 -> 0.567, its
            // precision the same; the labelled news set's organisations
            // recall 0.35 -> 0.79.
            if english {
                let mut rules = Vec::new();
                entities(&toks, &mut rules);
                for r in rules.into_iter().filter(|r| r.kind == "person" || r.kind == "organisation") {
                    if !spans.iter().any(|s| s.a < r.b && r.a < s.b) {
                        spans.push(r);
                    }
                }
            }
            roles_before(&toks, &mut spans);
            appositives(&toks, &mut spans);
        } else if english {
            entities(&toks, &mut spans);
            appositives(&toks, &mut spans);
        }
        for s in &spans {
            let last = &toks[s.b - 1];
            if s.kind == "person" && last.cap() && s.b - s.a >= 2 {
                surnames.insert(last.base().to_string());
                if let Some(rest) = ["al-", "el-"].iter().find_map(|p| last.base().strip_prefix(p)) {
                    surnames.insert(rest.to_string());
                }
            }
            if s.kind == "organisation" && s.b - s.a >= 2 && !toks[s.a].is(W::OrgWords) {
                heads.insert(toks[s.a].base().to_string());
            }
        }
        found.push(spans.clone());
        kept_count += toks.len();
        kept.push((kept_count <= keep_tokens).then(|| std::mem::take(&mut toks)));
    }
    // Each paragraph's facts as (kind, start, end) in the text first, then
    // the facts all at once, in a vector of exactly their number: grown by
    // doubling, it held its old and new buffers at once (44 MB for the 30 MB
    // of facts of a 50 MB page), where nothing else of that size fits.
    let mut ranges: Vec<Vec<Range>> = Vec::with_capacity(paras.len());
    for ((&(offset, para), spans), held) in paras.iter().zip(found.iter_mut()).zip(kept) {
        if spans.is_empty() && surnames.is_empty() && heads.is_empty() {
            continue;
        }
        match held {
            Some(held) => toks = held,
            None => tokenize_into(para, &mut toks),
        }
        // One word the model took for a person that opens an organisation's
        // name elsewhere in the article ("Nordex" of "Nordex Group") is that
        // organisation.
        for s in spans.iter_mut().filter(|s| s.kind == "person" && s.b - s.a == 1) {
            if heads.contains(toks[s.a].base()) {
                s.kind = "organisation";
            }
        }
        // One word taken for a person right before a comma and a person's
        // full name is what the role before it was about, not a person ("la
        // consejera de Salud, Carmen López"), unless it is the surname of
        // someone named in full.
        let full_after = |b: usize| {
            toks.get(b).is_some_and(|t| t.text == ",")
                && spans.iter().any(|o| o.kind == "person" && o.a == b + 1 && o.b - o.a >= 2)
        };
        let lone: Vec<usize> = (0..spans.len())
            .filter(|&k| {
                let s = &spans[k];
                s.kind == "person" && s.b - s.a == 1 && !surnames.contains(toks[s.a].base()) && full_after(s.b)
            })
            .collect();
        for k in lone.into_iter().rev() {
            spans.remove(k);
        }
        references(&toks, spans, &surnames, &heads);
        let mut resolved = resolve(std::mem::take(spans));
        // English role words first (they are written in other languages'
        // stories too: "Senior Manager Digital Marketing"), then the
        // language's own ("Oberbürgermeister", "la consejera de Salud,").
        let mut roles: Vec<_> = split_roles(&toks, &mut resolved).into_iter().map(|r| r.map(|r| (r, 0))).collect();
        if let (Some(l), Some(words)) = (intl, local_roles) {
            for (s, role) in
                resolved.iter_mut().zip(roles.iter_mut()).filter(|(s, r)| s.kind == "person" && r.is_none())
            {
                *role = roles::split(&toks, s, l, words).map(|(a, b)| ((a, b), roles::elided(toks[a].text)));
            }
        }
        let at = |a: usize, b: usize| (offset + toks[a].start, offset + toks[b - 1].end);
        ranges.push(
            resolved
                .iter()
                .zip(roles)
                .map(|(s, r)| {
                    let (start, end) = at(s.a, s.b);
                    // Without an article elided into its first word ("l'assessora").
                    (s.kind, start, end, r.map(|((a, b), skip)| (at(a, b).0 + skip, at(a, b).1)))
                })
                .collect(),
        );
    }
    drop(found);
    let fact = |&(kind, start, end, role): &Range| Fact {
        kind: kind.into(),
        text: text[start..end].to_string(),
        start,
        end,
        speaker: None,
        role: role.map(|(a, b): (usize, usize)| text[a..b].to_string()),
    };
    let people: Vec<Fact> = ranges.iter().flatten().filter(|r| r.0 == "person").map(fact).collect();
    let mut q = quotes(text, &people);
    for f in q.iter_mut() {
        // The speaker's name without the role ("Austin", "Lloyd Austin").
        if let Some(s) = &f.speaker {
            f.speaker = Some(name_of(s));
        }
    }
    drop(people);
    let mut all = Vec::with_capacity(ranges.iter().map(Vec::len).sum::<usize>() + q.len() + MAX_KEY_SENTENCES);
    all.extend(ranges.iter().flatten().map(fact));
    drop(ranges);
    all.extend(q);
    // By position, longer first. The facts of the paragraphs come in that
    // order already (a kind's rank breaks ties: only a person and a number
    // may cover the same words) and the quotes too, so this key, with the
    // quotes after the rest on the same words, orders them all exactly as a
    // stable sort would — in place: a stable sort's scratch buffer is as
    // large as the facts (6 of the 54 MB a 10 MB page peaked at).
    all.sort_unstable_by_key(|f| (f.start, std::cmp::Reverse(f.end), f.kind == "quote", rank(&f.kind)));
    let keys = key_sentences(text, &sents, &all);
    all.extend(keys);
    all
}

/// Later mentions: a lone capitalised word that is the surname of a person
/// or the first word of an organisation named in full elsewhere.
fn references(toks: &[Tok], spans: &mut Vec<Span>, surnames: &HashSet<String>, heads: &HashSet<String>) {
    let mut extra = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.cap() || spans.iter().any(|s| s.a <= i && i < s.b) || toks.get(i + 1).is_some_and(|n| n.cap()) {
            continue;
        }
        if surnames.contains(t.base()) {
            // With its particle, capitalised where it opens the name ("zei De Boer").
            let particle = i > 0 && toks[i - 1].cap() && toks[i - 1].base_is(W::NameParticles);
            extra.push(Span { kind: "person", a: if particle { i - 1 } else { i }, b: i + 1 });
        } else if heads.contains(t.base()) {
            extra.push(Span { kind: "organisation", a: i, b: i + 1 });
        }
    }
    spans.extend(extra);
}

/// The name in a person fact, without the role words in front.
fn name_of(person: &str) -> String {
    let toks = tokenize(person);
    let mut n = toks.len();
    while n > 0 && (name_token(&toks[n - 1]) || (n < toks.len() && month_or_day_name(&toks[n - 1]))) {
        n -= 1;
    }
    let name: Vec<&str> = toks[n..].iter().map(|t| t.text).collect();
    if name.is_empty() {
        person.to_string()
    } else {
        name.join(" ")
    }
}

/// Can `s` be a key sentence? Prose: five words or more, ended as a
/// sentence ends, not a table row (cells are tab-separated in the text).
/// Headings, captions, "Step 1", a row of standings or a sentence cut at an
/// abbreviation ("Volkswagen’s first ID.") are not.
fn is_prose(s: &str) -> bool {
    !s.contains('\t')
        && !s.contains('©')
        && s.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() >= 5
        && s.trim_end().ends_with(['.', '!', '?', '…', '"', '”', '\'', '’', ')'])
}

/// Where the story's words begin in a sentence that opens with a credit or a
/// dateline: a short lead-in — a © line, a place in capitals, a source in
/// brackets — ended by a dash, in the sentence's first 80 bytes. 0 when
/// there is none. (In any language: it is the press's typography.)
fn story_start(s: &str) -> usize {
    let mut end = s.len().min(80);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let head = &s[..end];
    let Some((at, dash)) = [" - ", " – ", " — "].iter().filter_map(|d| head.find(d).map(|i| (i, d.len()))).min()
    else {
        return 0;
    };
    let lead = &head[..at];
    let words: Vec<&str> = lead.split_whitespace().collect();
    let credit = lead.starts_with('©');
    let source = lead.contains('(') && lead.trim_end().ends_with(')');
    let place =
        !words.is_empty() && words.iter().all(|w| w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase));
    if words.len() <= 6 && (credit || source || place) {
        at + dash
    } else {
        0
    }
}

/// An article's key sentences are at most this many.
const MAX_KEY_SENTENCES: usize = 7;

/// The 3–7 sentences of prose that carry the most facts, the lead counted
/// first. `facts` must be sorted by start.
fn key_sentences(text: &str, sents: &[(usize, usize)], facts: &[Fact]) -> Vec<Fact> {
    if sents.is_empty() {
        return Vec::new();
    }
    // A credit or a dateline before the story's words is not part of the
    // sentence ("© Hamburg (iwr-pressedienst) - Die vermehrte…", "BERLIN (dpa) -").
    let sents: Vec<(usize, usize)> = sents.iter().map(|&(a, b)| (a + story_start(&text[a..b]), b)).collect();
    let sents = &sents[..];
    // The lead: the first sentence of prose (a heading or kicker may come first).
    let lead_at = sents.iter().position(|&(a, b)| is_prose(&text[a..b]));
    let mut scored: Vec<(f64, usize)> = sents
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            if !is_prose(&text[a..b]) {
                return (0.0, k);
            }
            let words = text[a..b].split_whitespace().count();
            // `facts` is sorted by start: only those starting inside the sentence.
            let first = facts.partition_point(|f| f.start < a);
            let mut score: f64 = facts[first..]
                .iter()
                .take_while(|f| f.start < b)
                .filter(|f| f.end <= b)
                .map(|f| match &*f.kind {
                    "number" => 2.0,
                    "person" => 1.5,
                    "date" => 1.0,
                    "organisation" => 0.75,
                    _ => 0.5,
                })
                .sum();
            if words < 8 {
                score *= 0.3;
            }
            // The lead sentence usually says what happened: it always counts.
            let lead = if Some(k) == lead_at { 1.5 } else { 0.0 };
            (score / (words as f64).sqrt().max(1.0) + lead, k)
        })
        .collect();
    let want = (sents.len() / 4).clamp(3, MAX_KEY_SENTENCES).min(sents.len());
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut chosen: Vec<usize> = scored.iter().filter(|s| s.0 > 0.0).take(want).map(|s| s.1).collect();
    chosen.sort();
    chosen
        .into_iter()
        .map(|k| {
            let (a, b) = sents[k];
            Fact {
                kind: "key_sentence".into(),
                text: text[a..b].to_string(),
                start: a,
                end: b,
                speaker: None,
                role: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, kind: &str) -> Vec<String> {
        find(text, Some("en")).into_iter().filter(|f| f.kind == kind).map(|f| f.text).collect()
    }

    #[test]
    fn tokens_kept_or_tokenized_again_give_the_same_facts() {
        let text =
            "Lloyd Austin, the US defense secretary, met Iraqi officials in Baghdad on Tuesday, January 23, 2024. \
            \"The coalition's mission will transition,\" Austin said.\n\n\
            There are roughly 2,500 US troops in Iraq and about 900 in Syria, the Pentagon said. \
            Austin told the Iraqi Foreign Ministry that talks would begin.\n\n\
            A senior official estimated IS numbers at around 1,000 in Iraq and Syria, Austin added.";
        let all = find_keeping(text, Some("en"), None, usize::MAX);
        assert!(all.iter().any(|f| f.kind == "person") && all.iter().any(|f| f.kind == "quote"));
        for keep in [0, 20, 60] {
            assert_eq!(find_keeping(text, Some("en"), None, keep), all, "keeping {keep} tokens");
        }
    }

    #[test]
    fn key_sentences_are_prose() {
        for (s, want) in [
            ("The council approved the budget on Tuesday.", true),
            ("“We will not stop,” she said to the crowd.”", true),
            ("Volkswagen’s first ID.", false),
            ("1\tKyle Busch\t5040\t5\t1", false),
            ("Chapter Text", false),
            ("The council approved the budget on Tuesday", false),
        ] {
            assert_eq!(is_prose(s), want, "{s}");
        }
        let text = "Step 1\n\nThe council approved a budget of $4 million on Tuesday for 40 schools.\n\n1\tKyle Busch\t5040\t5\t1";
        let keys: Vec<String> =
            find(text, Some("en")).into_iter().filter(|f| f.kind == "key_sentence").map(|f| f.text).collect();
        assert_eq!(keys, ["The council approved a budget of $4 million on Tuesday for 40 schools."]);
    }

    #[test]
    fn lower_casing_on_the_stack_is_str_to_lowercase() {
        let long = "Ä".repeat(30);
        for w in ["Word", "ÄRGER", "İstanbul", "ΟΔΟΣ", "Σ", "straße", "ǅemal", "ẞ", "ÉCOLE’s", long.as_str(), "Ⅻ", ""]
        {
            assert_eq!(with_lower(w, |l| l.to_string()), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn figures_and_dates() {
        let t = "Shares rose 6 percent on Tuesday after profit reached $38.5 million, up from $34.4 million in 2023. It will open 40 new stores by March 2025 and employs about 18,000 people.";
        assert_eq!(
            kinds(t, "number"),
            vec!["6 percent", "$38.5 million", "$34.4 million", "40 new stores", "about 18,000 people"]
        );
        assert_eq!(kinds(t, "date"), vec!["Tuesday", "2023", "March 2025"]);
    }

    #[test]
    fn people_with_roles_and_surnames() {
        let t = "US Secretary of Defence Lloyd Austin confirmed the talks.\n\n\"It will transition on a timeline,\" Austin said.";
        assert_eq!(kinds(t, "person"), vec!["Lloyd Austin", "Austin"]);
        let austin = find(t, None).into_iter().find(|f| f.kind == "person").unwrap();
        assert_eq!(austin.role.as_deref(), Some("US Secretary of Defence"));
        let q = find(t, None).into_iter().find(|f| f.kind == "quote").unwrap();
        assert_eq!(q.text, "\"It will transition on a timeline,\"");
        assert_eq!(q.speaker.as_deref(), Some("Austin"));
    }

    #[test]
    fn positions_point_into_the_text() {
        let t = "The vote was 70-29 on Monday in Washington.";
        for f in find(t, None) {
            assert_eq!(&t[f.start..f.end], f.text);
        }
    }

    #[test]
    fn facts_in_order_of_position_quotes_after_facts_on_the_same_words() {
        let t = "Defense Secretary Lloyd Austin said on Monday that 4,500 troops would leave by \
                 March 2025. \"We will bring them home before the summer, all of them,\" Austin said. \
                 The Pentagon, which employs 3 million people, agreed. \"Three words here\" said Jane Smith.";
        let facts = find(t, Some("en"));
        let ordered: Vec<&Fact> = facts.iter().filter(|f| f.kind != "key_sentence").collect();
        assert!(ordered.iter().any(|f| f.kind == "quote") && ordered.iter().any(|f| f.kind == "person"));
        for w in ordered.windows(2) {
            let key = |f: &Fact| (f.start, std::cmp::Reverse(f.end), f.kind == "quote");
            assert!(key(w[0]) <= key(w[1]), "{:?} before {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn german_names_from_the_german_model() {
        let t = "Bundeskanzler Olaf Scholz sagte am Donnerstag, das Gesetz von 2024 koste 38,5 Millionen Euro.";
        let f = find(t, Some("de"));
        assert!(f.iter().any(|f| f.kind == "date" && f.text == "2024"));
        assert!(f.iter().any(|f| f.kind == "number" && f.text.starts_with("38,5")), "{f:?}");
        let names: Vec<(&str, &str)> = f
            .iter()
            .filter(|f| matches!(&*f.kind, "person" | "organisation" | "place"))
            .map(|f| (&*f.kind, f.text.as_str()))
            .collect();
        assert_eq!(names, [("person", "Olaf Scholz")]);
    }
}
