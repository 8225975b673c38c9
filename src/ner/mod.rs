//! Names in running text: people, organisations and places, found by a
//! compact statistical tagger (an averaged perceptron over hashed features,
//! greedy left-to-right with BILOU labels), one model per language, trained
//! by `examples/ner_train.rs` on openly licensed annotated text and shipped
//! as data (`data/ner/LANG.bin`; docs/architecture.md says what each was
//! trained on and why this design).
//!
//! The model is data, not code: the native build reads it from the data
//! folder compiled in; the extension loads a language's model after the
//! view has painted and hands its bytes to the core.

pub mod features;
#[cfg(all(target_arch = "wasm32", feature = "npm"))]
pub mod handed;
pub mod lang;
pub mod model;
pub mod tokens;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

pub use model::Model;
pub use tokens::{tokenize, Token};

/// The model file (`data/ner/FILE.bin`) for text in `lang`, when the project
/// has one: Portuguese's also reads Spanish and Italian.
pub fn model_file(lang: &str) -> Option<&'static str> {
    Some(match lang {
        "en" => "en",
        "de" => "de",
        "fr" => "fr",
        "nl" => "nl",
        "pt" | "es" | "it" => "pt",
        _ => return None,
    })
}

/// The model built into the native core for a text in `lang` (the CLI, the
/// batch and the Python package): the language's own, when the project has
/// one. The browser's core has none built in: the content script loads the
/// language's model after the view has painted. The npm package's module
/// asks its JavaScript for the file (`ner::handed`).
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin(lang: Option<&str>) -> Option<&'static Model> {
    use std::sync::OnceLock;
    static EN: OnceLock<Option<Model>> = OnceLock::new();
    static DE: OnceLock<Option<Model>> = OnceLock::new();
    static FR: OnceLock<Option<Model>> = OnceLock::new();
    static NL: OnceLock<Option<Model>> = OnceLock::new();
    static PT: OnceLock<Option<Model>> = OnceLock::new();
    let (cell, bytes): (&OnceLock<Option<Model>>, &[u8]) = match model_file(lang?)? {
        "en" => (&EN, include_bytes!("../../data/ner/en.bin")),
        "de" => (&DE, include_bytes!("../../data/ner/de.bin")),
        "fr" => (&FR, include_bytes!("../../data/ner/fr.bin")),
        "nl" => (&NL, include_bytes!("../../data/ner/nl.bin")),
        _ => (&PT, include_bytes!("../../data/ner/pt.bin")),
    };
    cell.get_or_init(|| Model::from_bytes(bytes).ok()).as_ref()
}

#[cfg(all(target_arch = "wasm32", feature = "npm"))]
pub fn builtin(lang: Option<&str>) -> Option<&'static Model> {
    handed::model(model_file(lang?)?)
}

#[cfg(all(target_arch = "wasm32", not(feature = "npm")))]
pub fn builtin(_lang: Option<&str>) -> Option<&'static Model> {
    None
}

/// The kinds a model tells apart. MISC (works, events, nationalities…) is
/// learnt so that those are not taken for the others, and never reported.
pub const KINDS: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// A label: O, or one of B/I/L/U of a kind (BILOU).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Label(pub u8);

pub const N_LABELS: usize = 1 + 4 * KINDS.len();

impl Label {
    pub const O: Label = Label(0);
    /// `part`: 0 B, 1 I, 2 L, 3 U.
    pub fn new(part: u8, kind: usize) -> Label {
        Label(1 + kind as u8 * 4 + part)
    }
    pub fn part(self) -> Option<u8> {
        (self.0 != 0).then(|| (self.0 - 1) % 4)
    }
    pub fn kind(self) -> Option<usize> {
        (self.0 != 0).then(|| ((self.0 - 1) / 4) as usize)
    }
    /// Whether `self` may follow `prev` (BILOU: a B or I goes on with I or L of its kind).
    pub fn may_follow(self, prev: Label) -> bool {
        match (prev.part(), self.part()) {
            (Some(0 | 1), Some(1 | 2)) => prev.kind() == self.kind(),
            (Some(0 | 1), _) => false,
            (_, Some(1 | 2)) => false,
            _ => true,
        }
    }
    pub fn name(self) -> String {
        match (self.part(), self.kind()) {
            (Some(p), Some(k)) => format!("{}-{}", ["B", "I", "L", "U"][p as usize], KINDS[k]),
            _ => "O".into(),
        }
    }
}

/// A name found: token range `[a, b)` and its kind (an index into [`KINDS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    pub a: usize,
    pub b: usize,
    pub kind: usize,
}

/// The spans a label sequence marks.
pub fn spans(labels: &[Label]) -> Vec<Name> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, l) in labels.iter().enumerate() {
        match l.part() {
            Some(3) => out.push(Name { a: i, b: i + 1, kind: l.kind().unwrap() }),
            Some(0) => start = Some(i),
            Some(2) => {
                if let Some(s) = start.take() {
                    out.push(Name { a: s, b: i + 1, kind: l.kind().unwrap() });
                }
            }
            Some(_) => {}
            None => start = None,
        }
    }
    out
}

/// BIO/IOB1 tags of a sentence (`B-PER`, `I-ORG`, `O`) as BILOU labels.
pub fn from_iob(tags: &[&str]) -> Vec<Label> {
    let kind_of = |t: &str| t.get(2..).and_then(|k| KINDS.iter().position(|x| *x == k));
    let mut out = vec![Label::O; tags.len()];
    let mut i = 0;
    while i < tags.len() {
        let Some(k) = kind_of(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tags.len() && tags[j].starts_with("I-") && kind_of(tags[j]) == Some(k) {
            j += 1;
        }
        if j - i == 1 {
            out[i] = Label::new(3, k);
        } else {
            out[i] = Label::new(0, k);
            for l in out.iter_mut().take(j - 1).skip(i + 1) {
                *l = Label::new(1, k);
            }
            out[j - 1] = Label::new(2, k);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob_to_bilou_and_back() {
        let tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "O", "B-MISC"];
        let l = from_iob(&tags);
        let names: Vec<String> = l.iter().map(|l| l.name()).collect();
        assert_eq!(names, ["B-PER", "L-PER", "O", "U-LOC", "U-LOC", "U-ORG", "O", "U-MISC"]);
        assert_eq!(
            spans(&l),
            vec![
                Name { a: 0, b: 2, kind: 0 },
                Name { a: 3, b: 4, kind: 2 },
                Name { a: 4, b: 5, kind: 2 },
                Name { a: 5, b: 6, kind: 1 },
                Name { a: 7, b: 8, kind: 3 }
            ]
        );
    }

    #[test]
    fn transitions() {
        let b_per = Label::new(0, 0);
        assert!(Label::new(1, 0).may_follow(b_per));
        assert!(Label::new(2, 0).may_follow(b_per));
        assert!(!Label::new(2, 1).may_follow(b_per));
        assert!(!Label::O.may_follow(b_per));
        assert!(!Label::new(1, 0).may_follow(Label::O));
        assert!(Label::new(3, 2).may_follow(Label::new(2, 0)));
    }
}
