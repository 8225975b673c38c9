//! Tokens as annotated NER corpora cut them (CoNLL, GermEval, Universal
//! NER): words and punctuation apart, a possessive `'s` and `n't` apart,
//! hyphenated words and abbreviations (`U.S.`, `Inc.`, `Dr.`) whole.

/// A token: byte offsets into the text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

fn is_open(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '“'
            | '‘'
            | '«'
            | '„'
            | '‚'
            | '‹'
            | '»'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '<'
            | '*'
    )
}

fn is_close(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '”'
            | '“'
            | '‘'
            | '’'
            | '»'
            | '«'
            | '›'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '」'
            | '』'
            | '>'
            | '*'
            | '…'
            | '¨'
    )
}

/// Words that keep their full stop (lower-cased, without it). Titles and
/// company forms in the eight languages the tagger knows, and the like.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt", "capt", "sgt", "maj",
    "adm", "rev", "hon", "pres", "inc", "corp", "ltd", "co", "bros", "no", "vol", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "rd", "approx", "dept",
    "univ", "est", "fig", "p", "pp", "ca", "cf", "e.g", "i.e", "bzw", "ca", "dipl", "ing", "hr", "fr", "frau", "nr",
    "str", "tel", "usw", "vgl", "z.b", "d.h", "u.a", "sog", "mio", "mrd", "bd", "sa", "sr", "sra", "srta", "av", "mme",
    "mlle", "m", "me", "mgr", "sig", "dott", "avv", "sp", "z.o.o", "ul", "hr", "ir", "drs", "mevr", "dhr",
];

/// Cut `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        // Skip white space.
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut j = i;
        while j < text.len() {
            let c = text[j..].chars().next().unwrap();
            if c.is_whitespace() {
                break;
            }
            j += c.len_utf8();
        }
        chunk(text, i, j, &mut out);
        i = j;
    }
    out
}

/// One white-space-free chunk `text[a..b]` into tokens.
fn chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<Token>) {
    // Leading punctuation, one character a token.
    while a < b {
        let c = text[a..b].chars().next().unwrap();
        if is_open(c)
            || (is_close(c) && c != '\'' && c != '’')
            || c == '-' && b - a > 1 && !text[a + 1..b].starts_with(|d: char| d.is_ascii_digit())
        {
            out.push(Token { start: a, end: a + c.len_utf8() });
            a += c.len_utf8();
        } else {
            break;
        }
    }
    if a >= b {
        return;
    }
    // Trailing punctuation, kept aside to push after the word.
    let mut tail = Vec::new();
    while let Some(c) = text[a..b].chars().next_back() {
        if b - a <= c.len_utf8() {
            break;
        }
        if is_close(c) || (c == '-' && !text[a..b - 1].ends_with('-')) {
            b -= c.len_utf8();
            tail.push(Token { start: b, end: b + c.len_utf8() });
        } else if c == '.' {
            // "..." and the like: one token.
            let mut s = b - 1;
            while s > a && text.as_bytes()[s - 1] == b'.' {
                s -= 1;
            }
            if s == b - 1 && keeps_stop(&text[a..b - 1]) {
                break;
            }
            tail.push(Token { start: s, end: b });
            b = s;
        } else {
            break;
        }
    }
    // Clitics: 's, ’s, n't.
    let word = &text[a..b];
    let lower_end = |suffix: &str| word.len() > suffix.len() && word.to_lowercase().ends_with(suffix);
    let split = ["'s", "’s", "n't", "n’t", "'", "’"]
        .iter()
        .find(|s| lower_end(s) && (s.len() > 1 || word.ends_with('s') || word.ends_with("s'")));
    match split {
        Some(s) if s.len() > 1 || word.len() > 1 => {
            let at = b - s.len();
            out.push(Token { start: a, end: at });
            out.push(Token { start: at, end: b });
        }
        _ => out.push(Token { start: a, end: b }),
    }
    out.extend(tail.into_iter().rev());
}

/// Whether a word before a full stop keeps it: an initial (`J.`), a word
/// with stops inside (`U.S.`, `z.B.`), a known abbreviation, an ordinal in
/// the languages that write them with a stop (`14.`: German, Polish…) is not
/// kept (the tagger does not mind; dates are found elsewhere).
fn keeps_stop(word: &str) -> bool {
    let n = word.chars().count();
    if n == 0 {
        return false;
    }
    if n == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn conll_cuts() {
        assert_eq!(
            words("The U.S. Army's base, (in Iowa)."),
            ["The", "U.S.", "Army", "'s", "base", ",", "(", "in", "Iowa", ")", "."]
        );
        assert_eq!(
            words("Dr. Jane Doe-Smith said: \"No.\""),
            ["Dr.", "Jane", "Doe-Smith", "said", ":", "\"", "No.", "\""]
        );
        assert_eq!(
            words("He didn't go to Acme Inc. yesterday..."),
            ["He", "did", "n't", "go", "to", "Acme", "Inc.", "yesterday", "..."]
        );
        assert_eq!(
            words("„Wir sind da“, sagte sie am 14. März."),
            ["„", "Wir", "sind", "da", "“", ",", "sagte", "sie", "am", "14", ".", "März", "."]
        );
        assert_eq!(words("« Oui », a-t-il dit"), ["«", "Oui", "»", ",", "a-t-il", "dit"]);
        assert_eq!(words("the players' union"), ["the", "players", "'", "union"]);
    }
}
