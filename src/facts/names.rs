//! Names by rule (people, organisations, places from capitalised runs and
//! the word lists), roles beside them, later mentions by surname, and the
//! spans resolved where they overlap.

use super::*;

/// Runs of capitalised words (names), split at possessives and punctuation.
pub(super) fn cap_runs(toks: &[Tok]) -> Vec<(usize, usize)> {
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

pub(super) fn is_role_at(toks: &[Tok], i: usize) -> usize {
    match lex().role_seqs.longest_at(toks, i, usize::MAX) {
        0 => usize::from(is(W::Roles, toks[i].text.trim_end_matches('.')) || toks[i].is(W::Roles)),
        n => n,
    }
}

/// Whether token `i` is a title put before a name: a role word written
/// short ("Dr", "Prof.", "Mr.", "Sen.").
pub(super) fn honorific(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| {
        is_role_at(toks, i) == 1
            && (t.text.ends_with('.')
                || toks.get(i + 1).is_some_and(|n| n.text == "." && n.start == t.end)
                || matches!(t.lower().as_ref(), "dr" | "mr" | "mrs" | "ms" | "prof"))
    })
}

/// A capitalised month's or weekday's name: a first name inside a name
/// ("Jan Kowalski", "April Ryan"), when a name's word follows it.
pub(super) fn month_or_day_name(t: &Tok) -> bool {
    t.cap() && (t.base_is(W::Months) || t.base_is(W::Weekdays))
}

pub(super) fn name_token(t: &Tok) -> bool {
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

pub(super) fn entities(toks: &[Tok], out: &mut Vec<Span>) {
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
pub(super) fn classify_other(toks: &[Tok], a: usize, b: usize, out: &mut Vec<Span>) {
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
pub(super) type Range = (&'static str, usize, usize, Option<(usize, usize)>);

/// Where the run of words that may make a role, right before token `a`,
/// begins (role words, their modifiers, capitalised words; six at most).
pub(super) fn role_run_start(toks: &[Tok], a: usize) -> usize {
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
pub(super) fn roles_before(toks: &[Tok], spans: &mut [Span]) {
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
pub(super) fn split_roles(toks: &[Tok], spans: &mut [Span]) -> Vec<Option<(usize, usize)>> {
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
pub(super) fn appositives(toks: &[Tok], spans: &mut [Span]) {
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
pub(super) fn rank(kind: &str) -> u8 {
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
pub(super) fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
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

/// Later mentions: a lone capitalised word that is the surname of a person
/// or the first word of an organisation named in full elsewhere.
pub(super) fn references(toks: &[Tok], spans: &mut Vec<Span>, surnames: &HashSet<String>, heads: &HashSet<String>) {
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
pub(super) fn name_of(person: &str) -> String {
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
