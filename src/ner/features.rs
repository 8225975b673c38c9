//! The tagger's features: what it looks at around each token, each hashed
//! to a 32-bit key. The same function serves training and tagging, so the
//! model and the features cannot drift apart.

use super::Label;

/// FNV-1a over a template number and the feature's bytes.
#[derive(Clone, Copy)]
pub struct Hasher(u32);

impl Hasher {
    #[inline]
    pub fn new(template: u8) -> Hasher {
        Hasher((0x811c_9dc5u32 ^ template as u32).wrapping_mul(0x0100_0193))
    }
    #[inline]
    pub fn bytes(mut self, b: &[u8]) -> Hasher {
        for &x in b {
            self.0 = (self.0 ^ x as u32).wrapping_mul(0x0100_0193);
        }
        self
    }
    #[inline]
    pub fn str(self, s: &str) -> Hasher {
        self.bytes(s.as_bytes()).bytes(&[0xff])
    }
    #[inline]
    pub fn byte(self, b: u8) -> Hasher {
        self.bytes(&[b])
    }
    #[inline]
    pub fn done(self) -> u32 {
        self.0
    }
}

/// What the features need of a token, worked out once per sequence.
pub struct TokenInfo {
    /// Lower-cased.
    pub lower: String,
    /// Its shape, runs squeezed: `Xx`, `X.X.`, `d`, `x-Xx`…
    pub shape: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Lexicon tags of the token (bits of [`super::model::Lexicon`]'s tag list), with where in
    /// the phrase it stands: low 16 bits "begins a phrase of tag t", high 16 "inside one".
    pub lex: u32,
    /// The same word is written in lower case elsewhere in the document.
    pub seen_lower: bool,
    /// First token of a sentence.
    pub sent_start: bool,
    /// Its word cluster ([`super::model::Lexicon::cluster`]; 0: none).
    pub cluster: u32,
}

pub fn shape(word: &str) -> String {
    let mut s = String::with_capacity(8);
    let mut last = ' ';
    let mut run = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 && matches!(k, 'x' | 'X' | 'd' | 'a') {
                continue;
            }
        } else {
            run = 0;
        }
        s.push(k);
        last = k;
    }
    s
}

/// Prefix of at most `n` characters.
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let (i, _) = s.char_indices().nth(count - n).unwrap();
    &s[i..]
}

/// The features of token `i`, given the labels already chosen before it
/// (`prev[i-1]`, `prev[i-2]`) and what earlier mentions of the same word in
/// the document were tagged (`memory`: a kind + 1, or 0). Written into `out`.
pub fn extract(toks: &[TokenInfo], i: usize, prev: &[Label], memory: u8, out: &mut Vec<u32>) {
    out.clear();
    let t = &toks[i];
    let at = |d: isize| -> Option<&TokenInfo> {
        let j = i as isize + d;
        (j >= 0 && (j as usize) < toks.len()).then(|| &toks[j as usize])
    };
    let word = |d: isize| at(d).map_or(if d < 0 { "<s>" } else { "</s>" }, |t| t.lower.as_str());
    let shp = |d: isize| at(d).map_or("_", |t| t.shape.as_str());
    let y1 = if i >= 1 { prev[i - 1].0 } else { 255 };
    let y2 = if i >= 2 { prev[i - 2].0 } else { 255 };
    out.push(Hasher::new(0).done());
    out.push(Hasher::new(1).str(&t.lower).done());
    out.push(Hasher::new(2).str(word(-1)).done());
    out.push(Hasher::new(3).str(word(1)).done());
    out.push(Hasher::new(4).str(word(-2)).done());
    out.push(Hasher::new(5).str(word(2)).done());
    out.push(Hasher::new(6).str(&t.shape).done());
    out.push(Hasher::new(7).str(shp(-1)).done());
    out.push(Hasher::new(8).str(shp(1)).done());
    out.push(Hasher::new(9).str(shp(-1)).str(&t.shape).str(shp(1)).done());
    for n in 2..=4 {
        out.push(Hasher::new(10).byte(n as u8).str(prefix(&t.lower, n)).done());
        out.push(Hasher::new(11).byte(n as u8).str(suffix(&t.lower, n)).done());
    }
    out.push(Hasher::new(12).str(word(-1)).str(&t.shape).done());
    out.push(Hasher::new(13).str(&t.lower).str(word(1)).done());
    out.push(Hasher::new(14).byte(t.sent_start as u8).byte(t.cap as u8).byte(t.seen_lower as u8).done());
    out.push(Hasher::new(15).byte(y1).done());
    out.push(Hasher::new(16).byte(y1).byte(y2).done());
    out.push(Hasher::new(17).byte(y1).str(&t.shape).done());
    out.push(Hasher::new(18).byte(y1).str(&t.lower).done());
    out.push(Hasher::new(19).byte(memory).byte(t.cap as u8).done());
    // Lexicon: the token's own tags, and its neighbours'.
    for (d, tmpl) in [(0isize, 20u8), (-1, 21), (1, 22)] {
        let lex = at(d).map_or(0, |t| t.lex);
        if lex == 0 {
            continue;
        }
        for bit in 0..32 {
            if lex & (1 << bit) != 0 {
                out.push(Hasher::new(tmpl).byte(bit).done());
            }
        }
    }
    if t.lex != 0 {
        out.push(Hasher::new(23).bytes(&t.lex.to_le_bytes()).str(&t.shape).done());
    }
    // Word clusters: the branches of the token's own at several depths, and
    // its neighbours' (a cluster's first branch is its lowest bit).
    for (d, tmpl) in [(0isize, 24u8), (-1, 25), (1, 26)] {
        let c = at(d).map_or(0, |t| t.cluster);
        if c == 0 {
            continue;
        }
        for bits in CLUSTER_DEPTHS {
            let branch = if bits >= 32 { c } else { c & ((1u32 << bits) - 1) };
            out.push(Hasher::new(tmpl).byte(bits).bytes(&branch.to_le_bytes()).done());
        }
    }
}

/// The depths at which a word cluster's branches are features.
const CLUSTER_DEPTHS: [u8; 4] = [4, 6, 10, 32];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Washington"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,500"), "d,dd");
        assert_eq!(shape("McDonald's"), "XxXxx'x");
        assert_eq!(shape("Bürgermeisterin"), "Xxx");
    }

    #[test]
    fn affixes() {
        assert_eq!(prefix("über", 2), "üb");
        assert_eq!(suffix("straße", 3), "aße");
        assert_eq!(suffix("ab", 4), "ab");
    }
}
