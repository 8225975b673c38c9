//! Training: the averaged perceptron (Collins 2002) over the greedy decoder
//! the tagger uses, with the features it uses. Native only
//! (`examples/ner_train.rs` runs it; the models are shipped as data).

use std::collections::HashMap;

use super::features::{self, TokenInfo};
use super::model::{best_label, prepare_words, Lexicon, Model};
use super::{from_iob, Label, N_LABELS};

/// A document of the training set: its words, where its sentences start,
/// and their BIO tags.
pub struct Doc {
    pub words: Vec<String>,
    pub starts: Vec<bool>,
    pub tags: Vec<String>,
}

/// Documents from CoNLL-style text: `word TAG` a line (the tag last), a
/// blank line between sentences, `-DOCSTART-` between documents (or every
/// `per` sentences where there is none).
pub fn read_conll(text: &str, per: usize) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc { words: vec![], starts: vec![], tags: vec![] };
    let mut sents = 0;
    let mut new_sent = true;
    let mut marked = false;
    let flush = |doc: &mut Doc, docs: &mut Vec<Doc>| {
        if !doc.words.is_empty() {
            docs.push(std::mem::replace(doc, Doc { words: vec![], starts: vec![], tags: vec![] }));
        }
    };
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.is_empty() {
            if !new_sent {
                sents += 1;
                if !marked && sents % per == 0 {
                    flush(&mut doc, &mut docs);
                }
            }
            new_sent = true;
            continue;
        }
        if parts[0] == "-DOCSTART-" {
            marked = true;
            flush(&mut doc, &mut docs);
            new_sent = true;
            continue;
        }
        let tag = if parts.len() > 1 { parts[parts.len() - 1] } else { "O" };
        doc.words.push(parts[0].to_string());
        doc.tags.push(tag.to_string());
        doc.starts.push(new_sent);
        new_sent = false;
    }
    flush(&mut doc, &mut docs);
    docs
}

struct Weights {
    w: HashMap<u32, [f32; N_LABELS]>,
    /// Sums for the average, kept lazily: the total and when each was last brought up to date.
    total: HashMap<u32, ([f32; N_LABELS], [u32; N_LABELS])>,
    step: u32,
}

impl Weights {
    fn score(&self, feats: &[u32], scores: &mut [f32; N_LABELS]) {
        *scores = [0.0; N_LABELS];
        for f in feats {
            if let Some(w) = self.w.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u32], gold: Label, guess: Label) {
        for f in feats {
            let w = self.w.entry(*f).or_insert([0.0; N_LABELS]);
            let (tot, stamp) = self.total.entry(*f).or_insert(([0.0; N_LABELS], [0; N_LABELS]));
            for (l, delta) in [(gold.0 as usize, 1.0), (guess.0 as usize, -1.0)] {
                tot[l] += (self.step - stamp[l]) as f32 * w[l];
                stamp[l] = self.step;
                w[l] += delta;
            }
        }
    }

    fn averaged(mut self) -> HashMap<u32, [f32; N_LABELS]> {
        let step = self.step.max(1);
        for (f, w) in self.w.iter_mut() {
            let (tot, stamp) = &self.total[f];
            for l in 0..N_LABELS {
                w[l] = (tot[l] + (step - stamp[l]) as f32 * w[l]) / step as f32;
            }
        }
        self.w
    }
}

/// Train on `docs` for `epochs` passes (shuffled by a fixed seed); the model's binary form.
pub fn train(lang: &str, docs: &[Doc], lexicon: &Lexicon, epochs: usize, log: &mut dyn FnMut(String)) -> Vec<u8> {
    let weights = train_weights(docs, lexicon, epochs, log);
    let bytes = Model::to_bytes(lang, lexicon, &weights, 0.0);
    log(format!("{} features, model {} bytes", weights.len(), bytes.len()));
    bytes
}

/// The averaged weights, by feature key.
pub fn train_weights(
    docs: &[Doc],
    lexicon: &Lexicon,
    epochs: usize,
    log: &mut dyn FnMut(String),
) -> HashMap<u32, [f32; N_LABELS]> {
    let prepared: Vec<(Vec<TokenInfo>, Vec<Label>)> = docs
        .iter()
        .map(|d| {
            let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
            let tags: Vec<&str> = d.tags.iter().map(String::as_str).collect();
            (prepare_words(&words, &d.starts, lexicon), from_iob(&tags))
        })
        .collect();
    let mut wts = Weights { w: HashMap::new(), total: HashMap::new(), step: 0 };
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed = 0x9e37_79b9u32;
    let mut feats = Vec::with_capacity(64);
    let mut scores = [0f32; N_LABELS];
    for epoch in 0..epochs {
        // Fisher–Yates with a xorshift: the same order on every machine.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            order.swap(i, seed as usize % (i + 1));
        }
        let (mut right, mut all) = (0usize, 0usize);
        for &d in &order {
            let (toks, gold) = &prepared[d];
            let mut labels: Vec<Label> = Vec::with_capacity(toks.len());
            let mut memory: HashMap<&str, u8, crate::dom::Fx> = HashMap::default();
            for i in 0..toks.len() {
                let mem = memory.get(toks[i].lower.as_str()).copied().unwrap_or(0);
                features::extract(toks, i, &labels, mem, &mut feats);
                wts.score(&feats, &mut scores);
                let prev = labels.last().copied().unwrap_or(Label::O);
                let guess = best_label(&scores, prev, i + 1 == toks.len());
                wts.step += 1;
                if guess != gold[i] {
                    wts.update(&feats, gold[i], guess);
                } else {
                    right += 1;
                }
                all += 1;
                // Go on from the gold label where the guess cannot be continued
                // (a wrong B/I would forbid the right next label).
                let next = if gold[i].may_follow(prev) { gold[i] } else { guess };
                labels.push(next);
                if let Some(k) = next.kind() {
                    if toks[i].cap {
                        memory.insert(toks[i].lower.as_str(), k as u8 + 1);
                    }
                }
            }
        }
        log(format!("epoch {}: {:.2} % of tokens right", epoch + 1, 100.0 * right as f64 / all.max(1) as f64));
    }
    wts.averaged()
}

#[cfg(test)]
mod tests {
    use super::super::model::Clusters;
    use super::*;

    /// "We saw W there ." with W a person or a place: only W's cluster tells
    /// which (the same context, made-up words of no common affix).
    fn sentences(words: &[(&str, &str)]) -> Vec<Doc> {
        words
            .iter()
            .map(|(w, tag)| Doc {
                words: ["We", "saw", w, "there", "."].map(String::from).to_vec(),
                starts: vec![true, false, false, false, false],
                tags: ["O", "O", tag, "O", "O"].map(String::from).to_vec(),
            })
            .collect()
    }

    fn kind_of(model: &Model, word: &str) -> Option<&'static str> {
        let text = format!("We saw {word} there.");
        model.tag(&text).first().map(|&(_, _, k)| super::super::KINDS[k])
    }

    #[test]
    fn an_unseen_word_is_known_by_its_cluster() {
        let people = ["Qarvel", "Tumbrin", "Oskwith", "Daprell", "Yennic", "Brolsk"];
        let places = ["Ferndrok", "Lumaszt", "Piquon", "Hesvald", "Grimbeau", "Zattow"];
        let person = people.iter().chain(&["Ambreth", "Coyvan"]).map(|w| (*w, 0b1011));
        let place = places.iter().chain(&["Vistrel", "Nokkum"]).map(|w| (*w, 0b0110));
        let lexicon = Lexicon { clusters: Clusters::from_words(person.chain(place)), ..Lexicon::default() };
        let mut training: Vec<(&str, &str)> = people.iter().map(|w| (*w, "B-PER")).collect();
        training.extend(places.iter().map(|w| (*w, "B-LOC")));
        let bytes = train("xx", &sentences(&training), &lexicon, 5, &mut |_| {});
        // Written as version 3, with its clusters.
        assert_eq!(bytes[4], 3);
        let model = Model::from_bytes(&bytes).unwrap();
        assert_eq!(model.lexicon.clusters.len(), 16);
        // Words never seen in training, by their clusters alone.
        assert_eq!(kind_of(&model, "Ambreth"), Some("PER"));
        assert_eq!(kind_of(&model, "Coyvan"), Some("PER"));
        assert_eq!(kind_of(&model, "Vistrel"), Some("LOC"));
        assert_eq!(kind_of(&model, "Nokkum"), Some("LOC"));
    }

    #[test]
    fn a_word_not_listed_as_written_takes_its_lower_case_forms_cluster() {
        let clusters = Clusters::from_words([("Nokkum", 6), ("brennwald", 9)]);
        let lexicon = Lexicon { clusters, ..Lexicon::default() };
        assert_eq!(lexicon.cluster("Nokkum", "nokkum"), 6);
        assert_eq!(lexicon.cluster("Brennwald", "brennwald"), 9);
        assert_eq!(lexicon.cluster("NOKKUM", "nokkum"), 0);
        assert_eq!(lexicon.cluster("Zattow", "zattow"), 0);
    }

    #[test]
    fn a_model_without_clusters_is_version_2_and_still_read() {
        let docs = sentences(&[("Qarvel", "B-PER"), ("Ferndrok", "B-LOC")]);
        let bytes = train("xx", &docs, &Lexicon::default(), 2, &mut |_| {});
        assert_eq!(bytes[4], 2);
        let model = Model::from_bytes(&bytes).unwrap();
        assert!(model.lexicon.clusters.is_empty());
        let mut wrong = bytes.clone();
        wrong[4] = 9;
        assert!(Model::from_bytes(&wrong).is_err());
    }
}
