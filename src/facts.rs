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

mod figures;
mod intl;
mod lexicon;
mod names;
mod quotes;
mod roles;
mod sentences;
mod tokens;
// (The rules by what they find; each takes what it needs of the others
// through this module.)
use figures::*;
pub(crate) use intl::is_calendar_word;
use lexicon::*;
use names::*;
use quotes::*;
use sentences::*;
pub use sentences::{sentences, sentences_utf16};
use tokens::*;
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

#[derive(Debug, Clone)]
struct Span {
    kind: &'static str,
    /// Token range [a, b).
    a: usize,
    b: usize,
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
/// model is loaded after the view has painted, and the facts found then).
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
    let language = Language::of(lang);
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
        paragraph_spans(&toks, para, offset, &language, names.as_deref(), &mut spans);
        note_names(&toks, &spans, &mut surnames, &mut heads);
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
        ranges.push(paragraph_ranges(&toks, spans, offset, &language, &surnames, &heads));
    }
    drop(found);
    all_facts(text, ranges, &sents)
}

/// The rules and words a text's facts are found with, by its language.
struct Language {
    english: bool,
    /// Every noun is written with a capital.
    german: bool,
    /// Figures and dates in the page's language, where it is one of the
    /// seven others Lucid knows (data/lang.json); English's own rules otherwise.
    intl: Option<&'static intl::Lang>,
    /// Its words for offices and trades, for people's roles.
    local_roles: Option<&'static roles::Roles>,
}

impl Language {
    fn of(lang: Option<&str>) -> Self {
        let intl = intl::lang(lang);
        Language {
            english: lang.is_none_or(|l| l.is_empty() || l.to_ascii_lowercase().starts_with("en")),
            german: lang.is_some_and(|l| l.to_ascii_lowercase().starts_with("de")),
            intl,
            local_roles: intl.and(lang).and_then(|l| roles::roles(&crate::ner::lang::code(l))),
        }
    }
}

/// A paragraph's figures, dates and names (the model's, `names`, when the
/// language has one; else, in English, the rules'), as spans of its tokens.
fn paragraph_spans(
    toks: &[Tok],
    para: &str,
    offset: usize,
    lang: &Language,
    names: Option<&[(usize, usize, usize)]>,
    spans: &mut Vec<Span>,
) {
    if let Some(l) = lang.intl {
        intl::dates(toks, l, spans);
        intl::numbers(toks, para, l, spans);
    } else {
        dates(toks, spans);
        numbers(toks, spans);
    }
    if let Some(names) = &names {
        model_spans(names, offset, para, toks, lang.german, spans);
        // The rules' people and organisations too where the model saw
        // none (English: a name after a role, a company or agency the
        // model missed): Wikigold's check half 0.541 -> 0.567, its
        // precision the same; the labelled news set's organisations
        // recall 0.35 -> 0.79.
        if lang.english {
            let mut rules = Vec::new();
            entities(toks, &mut rules);
            for r in rules.into_iter().filter(|r| r.kind == "person" || r.kind == "organisation") {
                if !spans.iter().any(|s| s.a < r.b && r.a < s.b) {
                    spans.push(r);
                }
            }
        }
        roles_before(toks, spans);
        appositives(toks, spans);
    } else if lang.english {
        entities(toks, spans);
        appositives(toks, spans);
    }
}

/// Notes the names later mentions are found by: the surnames of people named
/// in full, the first words of organisations of several words.
fn note_names(toks: &[Tok], spans: &[Span], surnames: &mut HashSet<String>, heads: &mut HashSet<String>) {
    for s in spans {
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
}

/// A paragraph's facts, with their roles, as ranges of the text, once the
/// names of the whole article are known (later mentions, a lone word that
/// opens an organisation's name elsewhere).
fn paragraph_ranges(
    toks: &[Tok],
    spans: &mut Vec<Span>,
    offset: usize,
    lang: &Language,
    surnames: &HashSet<String>,
    heads: &HashSet<String>,
) -> Vec<Range> {
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
    references(toks, spans, surnames, heads);
    let mut resolved = resolve(std::mem::take(spans));
    // English role words first (they are written in other languages'
    // stories too: "Senior Manager Digital Marketing"), then the
    // language's own ("Oberbürgermeister", "la consejera de Salud,").
    let mut roles: Vec<_> = split_roles(toks, &mut resolved).into_iter().map(|r| r.map(|r| (r, 0))).collect();
    if let (Some(l), Some(words)) = (lang.intl, lang.local_roles) {
        for (s, role) in resolved.iter_mut().zip(roles.iter_mut()).filter(|(s, r)| s.kind == "person" && r.is_none()) {
            *role = roles::split(toks, s, l, words).map(|(a, b)| ((a, b), roles::elided(toks[a].text)));
        }
    }
    let at = |a: usize, b: usize| (offset + toks[a].start, offset + toks[b - 1].end);
    resolved
        .iter()
        .zip(roles)
        .map(|(s, r)| {
            let (start, end) = at(s.a, s.b);
            // Without an article elided into its first word ("l'assessora").
            (s.kind, start, end, r.map(|((a, b), skip)| (at(a, b).0 + skip, at(a, b).1)))
        })
        .collect()
}

/// The facts from their ranges, with the quotes (and their speakers) and the
/// key sentences, by position.
fn all_facts(text: &str, ranges: Vec<Vec<Range>>, sents: &[(usize, usize)]) -> Vec<Fact> {
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
    let keys = key_sentences(text, sents, &all);
    all.extend(keys);
    all
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
