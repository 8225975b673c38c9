//! A language's model: its lexicon (phrases with tags: first names, places,
//! company forms, roles…) and the perceptron's weights, quantised to one
//! byte each, looked up by feature key. The binary form (`data/ner/*.bin`):
//!
//! ```text
//! "LNER" 2u8  lang: u8 len + bytes  scale: f32  threshold: f32
//! tags: u8 n, then n × (u8 len + bytes)
//! lexicon: u32 n, then n × (u32 tag bits, u16 len + bytes: the phrase, lower case, words by one space)
//! clusters (version 3 only): u32 n, n × u32 word hashes (ascending), n × u32 clusters
//! weights: u32 n, n × u32 keys (ascending), n × N_LABELS × i8
//! ```
//!
//! Version 2 is version 3 without word clusters.

use std::collections::HashMap;

use crate::dom::Fx;

use super::features::{self, TokenInfo};
use super::{tokenize, Label, Name, Token, N_LABELS};

/// Phrases with tag bits; a phrase is matched whole, the longest first.
#[derive(Default, Clone)]
pub struct Lexicon {
    pub tags: Vec<String>,
    pub phrases: HashMap<String, u32, Fx>,
    /// The first words of phrases of two words or more, and their longer
    /// beginnings: matching stops where none goes on.
    pub starts: std::collections::HashSet<String, Fx>,
    /// Words as written → their word cluster, learnt from much more text
    /// than the annotated: words used alike share a cluster's branches.
    pub clusters: Clusters,
}

/// Words and their clusters (a Brown cluster's bit path, its first branch
/// in the lowest bit; 0: none), by a 32-bit hash of the word (as the
/// features are: a word not in the list takes another's cluster about once
/// in 40,000): read from a model by copying, not by building a table, and
/// looked up by halving.
#[derive(Default, Clone)]
pub struct Clusters {
    keys: Vec<u32>,
    values: Vec<u32>,
}

impl Clusters {
    /// From words and their clusters (the first of a word's wins).
    pub fn from_words<'a>(words: impl IntoIterator<Item = (&'a str, u32)>) -> Clusters {
        let mut pairs: Vec<(u32, u32)> = words.into_iter().map(|(w, c)| (word_hash(w), c)).collect();
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        Clusters { keys: pairs.iter().map(|p| p.0).collect(), values: pairs.iter().map(|p| p.1).collect() }
    }

    pub fn get(&self, word: &str) -> Option<u32> {
        self.keys.binary_search(&word_hash(word)).ok().map(|i| self.values[i])
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The features' hash (FNV-1a) under a template of its own.
fn word_hash(word: &str) -> u32 {
    features::Hasher::new(255).bytes(word.as_bytes()).done()
}

impl Lexicon {
    pub fn add(&mut self, phrase: &str, tag: &str) {
        let bit = match self.tags.iter().position(|t| t == tag) {
            Some(b) => b,
            None => {
                assert!(self.tags.len() < 16, "at most 16 lexicon tags");
                self.tags.push(tag.to_string());
                self.tags.len() - 1
            }
        };
        let key = phrase.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ");
        if key.is_empty() {
            return;
        }
        self.insert(key, 1 << bit);
    }

    fn insert(&mut self, key: String, bits: u32) {
        let mut at = 0;
        while let Some(i) = key[at..].find(' ') {
            self.starts.insert(key[..at + i].to_string());
            at += i + 1;
        }
        *self.phrases.entry(key).or_default() |= bits;
    }

    /// A word's cluster: as written, else in lower case (0: none).
    pub fn cluster(&self, word: &str, lower: &str) -> u32 {
        if self.clusters.is_empty() {
            return 0;
        }
        self.clusters.get(word).or_else(|| if lower == word { None } else { self.clusters.get(lower) }).unwrap_or(0)
    }

    /// Each token's tags: bit t "begins a phrase tagged t", bit 16 + t "inside or ends one".
    pub fn tag(&self, lower: &[String]) -> Vec<u32> {
        let mut out = vec![0u32; lower.len()];
        if self.phrases.is_empty() {
            return out;
        }
        let mut key = String::new();
        for i in 0..lower.len() {
            key.clear();
            for n in 1..=lower.len() - i {
                if n > 1 {
                    key.push(' ');
                }
                key.push_str(&lower[i + n - 1]);
                if let Some(&bits) = self.phrases.get(key.as_str()) {
                    out[i] |= bits;
                    for o in out.iter_mut().take(i + n).skip(i + 1) {
                        *o |= bits << 16;
                    }
                }
                if !self.starts.contains(key.as_str()) {
                    break;
                }
            }
        }
        out
    }
}

/// Quantised weights at or under this size (of 127) are not kept: on the
/// German tune half a model without them scores the same at 40 % of the size.
const PRUNE: u8 = 8;

/// Weights for tagging (read from the binary form).
pub struct Model {
    pub lang: String,
    pub lexicon: Lexicon,
    /// A name is reported only where its first word scored at least this
    /// much above "not a name" (chosen for precision when the model was made).
    pub threshold: f32,
    scale: f32,
    /// Each feature key's row in `weights`.
    index: HashMap<u32, u32, Fx>,
    weights: Vec<i8>,
}

/// What went wrong reading a model.
#[derive(Debug)]
pub struct BadModel(pub &'static str);

impl std::fmt::Display for BadModel {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "not a Lucid name model: {}", self.0)
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BadModel> {
        if self.0.len() < n {
            return Err(BadModel("truncated"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, BadModel> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, BadModel> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    fn u32(&mut self) -> Result<u32, BadModel> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn str(&mut self, len: usize) -> Result<String, BadModel> {
        String::from_utf8(self.take(len)?.to_vec()).map_err(|_| BadModel("text not UTF-8"))
    }
}

impl Model {
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, BadModel> {
        let mut r = Reader(bytes);
        if r.take(4)? != b"LNER" {
            return Err(BadModel("wrong header"));
        }
        let version = r.u8()?;
        if !(2..=3).contains(&version) {
            return Err(BadModel("unknown version"));
        }
        let n = r.u8()? as usize;
        let lang = r.str(n)?;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
        let threshold = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
        let mut lexicon = Lexicon::default();
        for _ in 0..r.u8()? {
            let n = r.u8()? as usize;
            lexicon.tags.push(r.str(n)?);
        }
        let n = r.u32()? as usize;
        lexicon.phrases.reserve(n);
        for _ in 0..n {
            let bits = r.u32()?;
            let len = r.u16()? as usize;
            let p = r.str(len)?;
            lexicon.insert(p, bits);
        }
        if version == 3 {
            let n = r.u32()? as usize;
            let keys: Vec<u32> = (0..n).map(|_| r.u32()).collect::<Result<_, _>>()?;
            if keys.windows(2).any(|w| w[0] >= w[1]) {
                return Err(BadModel("word clusters out of order"));
            }
            let values = (0..n).map(|_| r.u32()).collect::<Result<_, _>>()?;
            lexicon.clusters = Clusters { keys, values };
        }
        let n = r.u32()? as usize;
        let keys: Vec<u32> = (0..n).map(|_| r.u32()).collect::<Result<_, _>>()?;
        if keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err(BadModel("keys out of order"));
        }
        let weights: Vec<i8> = r.take(n * N_LABELS)?.iter().map(|&b| b as i8).collect();
        if !r.0.is_empty() {
            return Err(BadModel("trailing bytes"));
        }
        let index = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
        Ok(Model { lang, lexicon, threshold, scale, index, weights })
    }

    /// The binary form of a model whose weights are `weights` (float, by key).
    pub fn to_bytes(lang: &str, lexicon: &Lexicon, weights: &HashMap<u32, [f32; N_LABELS]>, threshold: f32) -> Vec<u8> {
        let max = weights.values().flat_map(|w| w.iter()).fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mut kept: Vec<(u32, [i8; N_LABELS])> = weights
            .iter()
            .map(|(&k, w)| (k, w.map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)))
            // Features whose every weight is that small change few decisions.
            .filter(|(_, q)| q.iter().any(|&x| x.unsigned_abs() > PRUNE))
            .collect();
        kept.sort_unstable_by_key(|k| k.0);
        let version = if lexicon.clusters.is_empty() { 2 } else { 3 };
        let mut out = b"LNER".to_vec();
        out.push(version);
        out.push(lang.len() as u8);
        out.extend(lang.as_bytes());
        out.extend(scale.to_le_bytes());
        out.extend(threshold.to_le_bytes());
        out.push(lexicon.tags.len() as u8);
        for t in &lexicon.tags {
            out.push(t.len() as u8);
            out.extend(t.as_bytes());
        }
        let mut phrases: Vec<_> = lexicon.phrases.iter().collect();
        phrases.sort();
        out.extend((phrases.len() as u32).to_le_bytes());
        for (p, bits) in phrases {
            out.extend(bits.to_le_bytes());
            out.extend((p.len() as u16).to_le_bytes());
            out.extend(p.as_bytes());
        }
        if version == 3 {
            let c = &lexicon.clusters;
            out.extend((c.len() as u32).to_le_bytes());
            c.keys.iter().for_each(|k| out.extend(k.to_le_bytes()));
            c.values.iter().for_each(|v| out.extend(v.to_le_bytes()));
        }
        out.extend((kept.len() as u32).to_le_bytes());
        for (k, _) in &kept {
            out.extend(k.to_le_bytes());
        }
        for (_, w) in &kept {
            out.extend(w.iter().map(|&x| x as u8));
        }
        out
    }

    /// How many weights the model holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The labels' scores for a token's features.
    pub fn score(&self, feats: &[u32], scores: &mut [f32; N_LABELS]) {
        let mut acc = [0i32; N_LABELS];
        for f in feats {
            if let Some(&i) = self.index.get(f) {
                let i = i as usize;
                for (a, &w) in acc.iter_mut().zip(&self.weights[i * N_LABELS..(i + 1) * N_LABELS]) {
                    *a += w as i32;
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s = a as f32 * self.scale;
        }
    }

    /// The names in `text`: byte ranges and kinds (indices into [`super::KINDS`]), MISC included.
    pub fn tag(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let toks = tokenize(text);
        let infos = prepare(text, &toks, &self.lexicon);
        let d = decode(&infos, |feats, scores| self.score(feats, scores));
        d.names(self.threshold)
            .into_iter()
            .map(|Name { a, b, kind }| {
                let (a, b) = within_a_line(text, &toks[a..b], a);
                (toks[a].start, toks[b - 1].end, kind)
            })
            .collect()
    }
}

/// A name never crosses a line break (a `<br>` of the page: an address
/// block, a contact line): of the tokens `toks` (the text's from `first`)
/// the longest run on one line, the first of equals.
fn within_a_line(text: &str, toks: &[Token], first: usize) -> (usize, usize) {
    let mut best = (0, 0);
    let mut start = 0;
    for k in 1..=toks.len() {
        if k == toks.len() || text[toks[k - 1].end..toks[k].start].contains('\n') {
            if k - start > best.1 - best.0 {
                best = (start, k);
            }
            start = k;
        }
    }
    (first + best.0, first + best.1)
}

/// Whether the token is the first of a sentence: the first of the text or a
/// paragraph, or after a sentence's end.
fn sentence_starts(text: &str, toks: &[Token]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let start = i == 0 || {
            let p = &toks[i - 1];
            let prev = &text[p.start..p.end];
            matches!(prev, "." | "!" | "?" | "..." | "…" | ":") || text[p.end..t.start].contains("\n")
        };
        out.push(start);
    }
    out
}

/// Token infos for a tokenised text.
pub fn prepare(text: &str, toks: &[Token], lexicon: &Lexicon) -> Vec<TokenInfo> {
    let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
    let starts = sentence_starts(text, toks);
    prepare_words(&words, &starts, lexicon)
}

/// Token infos for words and where sentences start (training reads these from a corpus).
pub fn prepare_words(words: &[&str], starts: &[bool], lexicon: &Lexicon) -> Vec<TokenInfo> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lowered: std::collections::HashSet<&str, Fx> = words
        .iter()
        .zip(&lower)
        .zip(starts)
        .filter(|((w, _), &s)| !s && w.starts_with(char::is_lowercase))
        .map(|((_, l), _)| l.as_str())
        .collect();
    let lex = lexicon.tag(&lower);
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        out.push(TokenInfo {
            shape: features::shape(w),
            cap: w.starts_with(char::is_uppercase),
            lex: lex[i],
            seen_lower: lowered.contains(lower[i].as_str()),
            sent_start: starts[i],
            cluster: lexicon.cluster(w, &lower[i]),
            lower: lower[i].clone(),
        });
    }
    out
}

/// What [`decode`] chose for each token, and by how much it beat "not a name".
pub struct Decoded {
    pub labels: Vec<Label>,
    pub margins: Vec<f32>,
}

impl Decoded {
    /// The names whose first word beat "not a name" by `threshold` or more
    /// (the decision to open a name; the words after it could not be "not a
    /// name" once it was open).
    pub fn names(&self, threshold: f32) -> Vec<Name> {
        let mut out = super::spans(&self.labels);
        out.retain(|n| self.margins[n.a] >= threshold);
        out
    }
}

/// Greedy left-to-right decoding under BILOU's rules; `score` adds up a
/// token's features' weights. Remembers, word by word, the kind the
/// document's earlier mentions were given (a feature of later ones).
pub fn decode(toks: &[TokenInfo], mut score: impl FnMut(&[u32], &mut [f32; N_LABELS])) -> Decoded {
    let mut labels = Vec::with_capacity(toks.len());
    let mut margins = Vec::with_capacity(toks.len());
    let mut memory: HashMap<&str, u8, Fx> = HashMap::default();
    let mut feats = Vec::with_capacity(64);
    let mut scores = [0f32; N_LABELS];
    for i in 0..toks.len() {
        let prev = labels.last().copied().unwrap_or(Label::O);
        // A word in lower case outside a name does not open one (names begin
        // with a capital or a digit, in every language the models know): no
        // need to score it. Most words of a text are such words.
        let open = !matches!(prev.part(), Some(0 | 1));
        if open && !toks[i].cap && !toks[i].shape.starts_with('d') {
            labels.push(Label::O);
            margins.push(0.0);
            continue;
        }
        let mem = memory.get(toks[i].lower.as_str()).copied().unwrap_or(0);
        features::extract(toks, i, &labels, mem, &mut feats);
        score(&feats, &mut scores);
        let last = i + 1 == toks.len();
        let best = best_label(&scores, prev, last);
        labels.push(best);
        margins.push(scores[best.0 as usize] - scores[0]);
        if let Some(k) = best.kind() {
            if toks[i].cap {
                memory.insert(toks[i].lower.as_str(), k as u8 + 1);
            }
        }
    }
    Decoded { labels, margins }
}

/// The best-scoring label allowed after `prev` (at the end, none that opens a name).
pub fn best_label(scores: &[f32; N_LABELS], prev: Label, last: bool) -> Label {
    let mut best = Label::O;
    let mut best_score = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        let label = Label(l as u8);
        if !label.may_follow(prev) || (last && matches!(label.part(), Some(0 | 1))) {
            continue;
        }
        if s > best_score {
            best = label;
            best_score = s;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_stays_on_its_line() {
        let text = "Pressekontakt SE\nFelix Losada\nTel 040";
        let toks = tokenize(text);
        let words = |(a, b): (usize, usize)| text[toks[a].start..toks[b - 1].end].to_string();
        // "SE", "Felix Losada", "Tel": the longest line's tokens.
        assert_eq!(words(within_a_line(text, &toks[1..5], 1)), "Felix Losada");
        assert_eq!(words(within_a_line(text, &toks[2..4], 2)), "Felix Losada");
        assert_eq!(words(within_a_line(text, &toks[0..2], 0)), "Pressekontakt SE");
    }
}
