//! The facts' word lists (data/facts.json and the languages' data): word
//! classes, multi-word sequences, and the lookups the rules make.

use super::*;

#[derive(Deserialize)]
pub(super) struct Lexicon {
    pub(super) months: Vec<String>,
    pub(super) weekdays: Vec<String>,
    pub(super) relative_days: Vec<String>,
    pub(super) periods: Vec<String>,
    pub(super) period_modifiers: Vec<String>,
    pub(super) units: Vec<String>,
    pub(super) magnitudes: Vec<String>,
    pub(super) currency_symbols: Vec<String>,
    pub(super) currency_words: Vec<String>,
    pub(super) number_words: HashMap<String, u64, Fx>,
    pub(super) approximators: Vec<String>,
    pub(super) count_adjectives: Vec<String>,
    pub(super) stopwords: Vec<String>,
    pub(super) speech_verbs: Vec<String>,
    pub(super) roles: Vec<String>,
    pub(super) role_phrases: Vec<String>,
    pub(super) role_modifiers: Vec<String>,
    pub(super) org_words: Vec<String>,
    pub(super) known_orgs: Vec<String>,
    pub(super) places: Vec<String>,
    pub(super) place_words: Vec<String>,
    pub(super) adjective_places: Vec<String>,
    pub(super) demonyms: Vec<String>,
    pub(super) first_names: Vec<String>,
    pub(super) name_particles: Vec<String>,
    pub(super) abbreviations: Vec<String>,
    pub(super) org_cues: Vec<String>,
}

/// The word lists asked about token by token (an index into [`Lex::sets`]).
#[derive(Clone, Copy)]
pub(super) enum W {
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

pub(super) struct Lex {
    pub(super) raw: Lexicon,
    pub(super) sets: Vec<WordSet>,
    /// Every word of the lists with a bit per list that holds it (bit `W as
    /// u32`): one lookup answers all lists (a token's answer is kept on it).
    pub(super) classes: HashMap<String, u32, Fx>,
    /// Multi-word places and role phrases, and all units.
    pub(super) place_seqs: Seqs,
    pub(super) role_seqs: Seqs,
    pub(super) unit_seqs: Seqs,
}

/// Phrases as lower-case word lists, by their first word (longest first
/// under each): a token is compared only with the phrases that start with
/// it, instead of with every phrase (asked at every capitalised token).
#[derive(Default)]
pub(super) struct Seqs {
    pub(super) by_first: HashMap<String, Vec<Vec<String>>, Fx>,
}

impl Seqs {
    pub(super) fn new(phrases: &[String], multi_word_only: bool) -> Self {
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
    pub(super) fn longest_at(&self, toks: &[Tok], i: usize, end: usize) -> usize {
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
    pub(super) fn contains(&self, words: &[String]) -> bool {
        words.first().and_then(|f| self.by_first.get(f)).is_some_and(|v| v.iter().any(|p| p == words))
    }
}

pub(super) fn lex() -> &'static Lex {
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
pub(super) fn is(set: W, word: &str) -> bool {
    classes_of(word) & (1 << set as u32) != 0
}

/// The lists `word` (in any case) is in, a bit per list.
pub(super) fn classes_of(word: &str) -> u32 {
    let classes = &lex().classes;
    with_lower(word, |w| classes.get(w).copied().unwrap_or(0))
}

/// Calls `f` with `word` lower-cased: on the stack when it is short (nearly
/// every word; the lexicon is asked about each several times).
pub(super) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
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
pub(super) type WordSet = HashSet<String, Fx>;

// ---------------------------------------------------------------- tokens ---
