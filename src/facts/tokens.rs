//! The text cut into tokens for the rules: words, numbers and punctuation,
//! each with its byte span and what the word lists say of it.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum TK {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub(super) struct Tok<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: TK,
    /// The word lists the token is in ([`classes_of`]), and those its
    /// [`Tok::base`] is in: asked many times per token.
    pub(super) classes: u32,
    pub(super) base_classes: u32,
}

impl<'a> Tok<'a> {
    pub(super) fn new(text: &'a str, start: usize, end: usize, kind: TK) -> Self {
        let mut t = Tok { text, start, end, kind, classes: classes_of(text), base_classes: 0 };
        t.base_classes = if t.possessive() { classes_of(t.base()) } else { t.classes };
        t
    }
    pub(super) fn cap(&self) -> bool {
        self.kind == TK::Word
            && (self.text.chars().next().is_some_and(|c| c.is_uppercase())
                || ["al-", "el-", "bin-", "ben-", "ibn-"].iter().any(|p| {
                    self.text.strip_prefix(p).is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
                }))
    }
    /// Is the token (in any case) in the list `set`?
    pub(super) fn is(&self, set: W) -> bool {
        self.classes & (1 << set as u32) != 0
    }
    /// Is the token without a possessive `'s` in the list `set`?
    pub(super) fn base_is(&self, set: W) -> bool {
        self.base_classes & (1 << set as u32) != 0
    }
    /// The word in lower case (borrowed when it already is: most words).
    pub(super) fn lower(&self) -> std::borrow::Cow<'a, str> {
        let t = self.text;
        if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            t.into()
        } else {
            t.to_lowercase().into()
        }
    }
    /// The word without a possessive `'s`.
    pub(super) fn base(&self) -> &str {
        self.text.strip_suffix("'s").or_else(|| self.text.strip_suffix("’s")).unwrap_or(self.text)
    }
    pub(super) fn possessive(&self) -> bool {
        self.base().len() != self.text.len()
    }
}

pub(super) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    toks
}

/// [`tokenize`] into `toks` (cleared first): a long article's paragraphs are
/// tokenized into one vector, instead of a new one each, freed after it,
/// whose gaps spread the small blocks made between them thinly through
/// memory (the facts' list then found no room in the 58 MB they spanned).
pub(super) fn tokenize_into<'a>(text: &'a str, toks: &mut Vec<Tok<'a>>) {
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
