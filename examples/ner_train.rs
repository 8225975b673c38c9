//! Train a name model (`src/ner`) and measure it.
//!
//! ```text
//! cargo run --release --example ner_train -- --lang en --out data/ner/en.bin \
//!     [--epochs 10] [--per 12] [--lexicon TAG=FILE]... [--clusters FILE] \
//!     [--calibrate CONLL --precision 0.85 | --threshold T] [--eval CONLL]... TRAIN.conll...
//! ```
//! Training files are CoNLL-style (`word … TAG` a line, BIO or IOB1 tags of
//! PER/ORG/LOC/MISC); a lexicon file holds one phrase a line; a clusters
//! file one `word<TAB>cluster` a line (`tools/ner_clusters.py`). `--calibrate`
//! picks the model's threshold: the lowest at which its names on that file
//! (text it was not trained on) reach the precision asked for (and prints
//! it); `--threshold` sets it. `--eval`
//! prints exact-span precision and recall by kind on a CoNLL file (tokens as
//! the file has them) at the model's threshold.

use lucid::ner::model::{decode, prepare_words, Clusters, Decoded, Lexicon, Model};
use lucid::ner::train::{read_conll, train_weights, Doc};
use lucid::ner::{from_iob, spans, Name, KINDS};

/// Per kind (PER, ORG, LOC, MISC): true positives, predicted, gold.
type Counts = [[usize; 3]; 4];

fn tagged(model: &Model, docs: &[Doc]) -> Vec<(Vec<Name>, Decoded)> {
    docs.iter()
        .map(|d| {
            let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
            let tags: Vec<&str> = d.tags.iter().map(String::as_str).collect();
            let infos = prepare_words(&words, &d.starts, &model.lexicon);
            (spans(&from_iob(&tags)), decode(&infos, |f, s| model.score(f, s)))
        })
        .collect()
}

fn count(results: &[(Vec<Name>, Decoded)], threshold: f32) -> Counts {
    let mut c = [[0usize; 3]; 4];
    for (gold, d) in results {
        let guess = d.names(threshold);
        for g in gold {
            c[g.kind][2] += 1;
        }
        for p in &guess {
            c[p.kind][1] += 1;
            c[p.kind][0] += gold.contains(p) as usize;
        }
    }
    c
}

fn prf(t: usize, p: usize, g: usize) -> (f64, f64, f64) {
    let (pr, re) = (t as f64 / p.max(1) as f64, t as f64 / g.max(1) as f64);
    (pr, re, if pr + re > 0.0 { 2.0 * pr * re / (pr + re) } else { 0.0 })
}

/// PER/ORG/LOC together.
fn overall(c: &Counts) -> (f64, f64, f64) {
    prf((0..3).map(|k| c[k][0]).sum(), (0..3).map(|k| c[k][1]).sum(), (0..3).map(|k| c[k][2]).sum())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut lang, mut out, mut epochs, mut per, mut precision) = ("en".to_string(), None, 10usize, 12usize, 0.85f64);
    let (mut files, mut evals, mut calibrate, mut lexicon) = (vec![], vec![], None, Lexicon::default());
    let mut fixed = None;
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--lang" => lang = v,
            "--out" => out = Some(v),
            "--epochs" => epochs = v.parse().unwrap(),
            "--per" => per = v.parse().unwrap(),
            "--precision" => precision = v.parse().unwrap(),
            "--calibrate" => calibrate = Some(v),
            "--threshold" => fixed = Some(v.parse::<f32>().unwrap()),
            "--eval" => evals.push(v),
            "--lexicon" => {
                let (tag, file) = v.split_once('=').expect("--lexicon TAG=FILE");
                let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
                for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                    lexicon.add(line, tag);
                }
            }
            "--clusters" => {
                let text = std::fs::read_to_string(&v).unwrap_or_else(|e| panic!("{v}: {e}"));
                let words = text.lines().filter_map(|l| l.split_once('\t'));
                lexicon.clusters =
                    Clusters::from_words(words.map(|(w, c)| (w, c.parse().expect("a cluster is a number"))));
            }
            f => {
                files.push(f.to_string());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let read = |f: &str| read_conll(&std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}")), per);
    let docs: Vec<Doc> = files.iter().flat_map(|f| read(f)).collect();
    let tokens: usize = docs.iter().map(|d| d.words.len()).sum();
    eprintln!(
        "{} documents, {tokens} tokens; lexicon {} phrases, {} clustered words",
        docs.len(),
        lexicon.phrases.len(),
        lexicon.clusters.len()
    );
    let weights = train_weights(&docs, &lexicon, epochs, &mut |s| eprintln!("{s}"));
    let mut threshold = fixed.unwrap_or(f32::NEG_INFINITY);
    if let Some(cal) = &calibrate {
        let model = Model::from_bytes(&Model::to_bytes(&lang, &lexicon, &weights, 0.0)).unwrap();
        let results = tagged(&model, &read(cal));
        let grid: Vec<f32> = (-20..=60).map(|x| x as f32 * 0.25).collect();
        let scale = weights.values().flat_map(|w| w.iter()).fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
        threshold = grid
            .iter()
            .map(|g| g * scale / 10.0)
            .find(|&t| overall(&count(&results, t)).0 >= precision)
            .unwrap_or(grid[grid.len() - 1] * scale / 10.0);
        let (p, r, f) = overall(&count(&results, threshold));
        eprintln!("threshold {threshold:.3} on {cal}: P {p:.3} R {r:.3} F1 {f:.3} (precision asked {precision})");
        println!("threshold {threshold}");
    }
    let bytes = Model::to_bytes(&lang, &lexicon, &weights, threshold);
    eprintln!("{} features, model {} bytes", weights.len(), bytes.len());
    if let Some(out) = &out {
        std::fs::write(out, &bytes).unwrap();
        eprintln!("written {out}");
    }
    let model = Model::from_bytes(&bytes).unwrap();
    for e in &evals {
        let docs = read(e);
        let results = tagged(&model, &docs);
        // NER_DUMP=1: each gold and guessed name that differ, for reading errors.
        if std::env::var("NER_DUMP").is_ok() {
            for (d, (gold, dec)) in docs.iter().zip(&results) {
                let guess = dec.names(model.threshold);
                let show = |n: &Name| format!("{}:{}", KINDS[n.kind], d.words[n.a..n.b].join(" "));
                for g in gold.iter().filter(|g| g.kind < 3 && !guess.contains(g)) {
                    let near: Vec<String> = guess.iter().filter(|p| p.a < g.b && g.a < p.b).map(show).collect();
                    println!("MISS {} -> {}", show(g), near.join(", "));
                }
                for p in guess
                    .iter()
                    .filter(|p| p.kind < 3 && !gold.contains(p) && !gold.iter().any(|g| g.a < p.b && p.a < g.b))
                {
                    println!(
                        "FALSE {}  | {}",
                        show(p),
                        d.words[p.a.saturating_sub(4)..(p.b + 3).min(d.words.len())].join(" ")
                    );
                }
            }
        }
        let c = count(&results, model.threshold);
        for (k, kind) in KINDS.iter().enumerate().take(3) {
            let (p, r, f) = prf(c[k][0], c[k][1], c[k][2]);
            println!("{e} {kind}: P {p:.3} R {r:.3} F1 {f:.3} (gold {})", c[k][2]);
        }
        let (p, r, f) = overall(&c);
        println!("{e} PER/ORG/LOC: P {p:.3} R {r:.3} F1 {f:.3}");
    }
}
