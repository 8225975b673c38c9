//! Figures and dates: numbers with their separators, units, currencies and
//! number words; dates in each language's formats, day-month-year as one.

use super::*;

pub(super) fn is_year(t: &Tok) -> bool {
    t.kind == TK::Num
        && t.text.len() == 4
        && t.text.chars().all(|c| c.is_ascii_digit())
        && (1800..=2100).contains(&t.text.parse::<u32>().unwrap_or(0))
}

pub(super) fn number_word(t: &Tok) -> bool {
    if !t.text.contains('-') {
        return t.is(W::NumberWords) && !t.text.ends_with(['s', 'S']);
    }
    let nw = &lex().raw.number_words;
    // "twenty-two"
    with_lower(t.text, |w| w.split('-').all(|p| nw.contains_key(p)) && !w.ends_with('s'))
}

/// "45-kilometre", "1.5-gigawatt", "six-week".
pub(super) fn hyphen_measure(t: &Tok) -> bool {
    let Some((n, unit)) = t.text.split_once('-') else { return false };
    let num =
        n.chars().next().is_some_and(|c| c.is_ascii_digit()) || lex().raw.number_words.contains_key(&n.to_lowercase());
    num && is(W::Units, unit)
}

pub(super) fn month_tok(t: &Tok) -> bool {
    t.cap() && is(W::Months, t.text.trim_end_matches('.'))
}

pub(super) fn day_num(t: &Tok) -> bool {
    t.kind == TK::Num
        && t.text.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

pub(super) fn dates(toks: &[Tok], out: &mut Vec<Span>) {
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

pub(super) fn numbers(toks: &[Tok], out: &mut Vec<Span>) {
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
            let taken;
            (b, taken) = counted(toks, t, b);
            if spelled && taken == 0 {
                // A spelled number with nothing counted ("one of the…") is not a figure.
                i += 1;
                continue;
            }
        }
        a = approximated(toks, a, &lx.raw.approximators);
        out.push(Span { kind: "number", a, b });
        i = b;
    }
}

/// What is counted after a figure that has no unit, from token `b` ("2,500
/// US troops", "40 new stores", "three key factors", "seven votes to two",
/// "seven of their last eight games"): where the figure ends, and how many
/// words it counts.
fn counted(toks: &[Tok], t: &Tok, mut b: usize) -> (usize, usize) {
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
        if toks.get(k).is_some_and(|n| matches!(n.lower().as_ref(), "the" | "their" | "its" | "our" | "his" | "her")) {
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
    (b, taken)
}

/// Where a figure starting at `a` starts with the words that say it is
/// approximate before it ("roughly 2,500", "more than 150").
fn approximated(toks: &[Tok], a: usize, approximators: &[String]) -> usize {
    let mut k = a;
    for _ in 0..3 {
        if k == 0 {
            break;
        }
        let joined = |n: usize| toks[k - n..k].iter().map(|t| t.lower()).collect::<Vec<_>>().join(" ");
        if k >= 2 && approximators.contains(&joined(2)) {
            k -= 2;
        } else if approximators.contains(&joined(1)) {
            k -= 1;
        } else {
            break;
        }
    }
    k
}
