//! Sentences (also for read-aloud, in UTF-16 offsets) and the key sentences:
//! the story's sentences that carry its facts, never a caption, credit or
//! dateline.

use super::*;

/// The sentences of one paragraph (`para`, at `pstart` in the text, and its
/// tokens) as byte ranges of the text, appended to `out`.
///
/// A sentence ends at `.`, `!`, `?` or `…` (and a closing quote or bracket
/// right after it) when what follows starts a sentence: a capital, a number,
/// an opening quote, or nothing. Abbreviations and initials never end one:
/// the tokenizer keeps their period ("Dr.", "U.S.", "J."), as it keeps the
/// point of a number ("3.5"). The full-width `。`, `！` and `？` of Chinese
/// and Japanese end a sentence whatever follows (no spaces, no capitals).
pub(super) fn sentence_bounds(pstart: usize, para: &str, toks: &[Tok], out: &mut Vec<(usize, usize)>) {
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
pub(super) fn push_trimmed(pstart: usize, para: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
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

pub(super) fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        out.push((start, part));
        start += part.len() + 2;
    }
    out
}

/// Can `s` be a key sentence? Prose: five words or more, ended as a
/// sentence ends, not a table row (cells are tab-separated in the text).
/// Headings, captions, "Step 1", a row of standings or a sentence cut at an
/// abbreviation ("Volkswagen’s first ID.") are not.
pub(super) fn is_prose(s: &str) -> bool {
    !s.contains('\t')
        && !s.contains('©')
        && s.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() >= 5
        && s.trim_end().ends_with(['.', '!', '?', '…', '"', '”', '\'', '’', ')'])
}

/// Where the story's words begin in a sentence that opens with a credit or a
/// dateline: a short lead-in — a © line, a place in capitals, a source in
/// brackets — ended by a dash, in the sentence's first 80 bytes. 0 when
/// there is none. (In any language: it is the press's typography.)
pub(super) fn story_start(s: &str) -> usize {
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
pub(super) const MAX_KEY_SENTENCES: usize = 7;

/// The 3–7 sentences of prose that carry the most facts, the lead counted
/// first. `facts` must be sorted by start.
pub(super) fn key_sentences(text: &str, sents: &[(usize, usize)], facts: &[Fact]) -> Vec<Fact> {
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
