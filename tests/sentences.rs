//! Sentence boundaries (`lucid::facts::sentences`), which read-aloud reads
//! one at a time and the key sentences are picked from: hand-made cases for
//! abbreviations, initials, numbers, quotes and Chinese/Japanese punctuation,
//! and properties on every reference text of the corpora beside the project.

use lucid::facts::sentences;
use std::io::Read;
use std::path::Path;

fn split(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|(a, b)| &text[a..b]).collect()
}

#[test]
fn hand_made_cases() {
    let cases: [(&str, &[&str]); 11] = [
        ("Dr. Smith went to Washington. He left on Jan. 5.", &["Dr. Smith went to Washington.", "He left on Jan. 5."]),
        (
            "J. R. R. Tolkien wrote it in the U.S. and in England. Then it sold.",
            &["J. R. R. Tolkien wrote it in the U.S. and in England.", "Then it sold."],
        ),
        (
            "Prices rose 3.5 percent. 2024 was worse! Was it? Yes.",
            &["Prices rose 3.5 percent.", "2024 was worse!", "Was it?", "Yes."],
        ),
        ("“We won.” She smiled. \"Again?\" he asked.", &["“We won.”", "She smiled.", "\"Again?\" he asked."]),
        (
            "He paused… Then he spoke. It was late… and dark.",
            &["He paused…", "Then he spoke.", "It was late… and dark."],
        ),
        ("(See the chart.) The rest follows.", &["(See the chart.)", "The rest follows."]),
        ("今天天气很好。我们去公园吧！你来吗？好。", &["今天天气很好。", "我们去公园吧！", "你来吗？", "好。"]),
        ("東京は晴れ。「行こう！」と彼は言った。", &["東京は晴れ。", "「行こう！」", "と彼は言った。"]),
        (
            "First paragraph ends here\n\nSecond one. And more.",
            &["First paragraph ends here", "Second one.", "And more."],
        ),
        (
            "Er sagte: „Wir kommen.“ Dann ging er. Die Firma (z. B. Siemens) wuchs.",
            &["Er sagte: „Wir kommen.“", "Dann ging er.", "Die Firma (z. B. Siemens) wuchs."],
        ),
        // A day as an ordinal before its month goes on; a number ending a
        // sentence before a capital does not.
        (
            "Der Abschnitt soll am 14. März 2027 öffnen. Es waren 14. Mehr kamen am 3. Mai.",
            &["Der Abschnitt soll am 14. März 2027 öffnen.", "Es waren 14.", "Mehr kamen am 3. Mai."],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(split(text), want, "{text}");
    }
}

#[test]
fn utf16_offsets_are_javascript_string_indices() {
    let text = "Ça va. Été 😀 chaud! 今天很好。Fin.";
    let units: Vec<u16> = text.encode_utf16().collect();
    let offs = lucid::facts::sentences_utf16(text);
    let got: Vec<String> =
        offs.chunks(2).map(|p| String::from_utf16(&units[p[0] as usize..p[1] as usize]).unwrap()).collect();
    assert_eq!(got, split(text));
    assert_eq!(got, ["Ça va.", "Été 😀 chaud! 今天很好。", "Fin."]);
}

/// Every sentence is trimmed, non-empty, in order, and together they hold
/// every non-space char of the text; none ends at an abbreviation or initial.
fn check_text(text: &str, what: &str) -> usize {
    let ranges = sentences(text);
    let mut last = 0;
    let mut covered = 0;
    for &(a, b) in &ranges {
        assert!(a >= last && a < b && b <= text.len(), "{what}: ranges in order ({a}..{b} after {last})");
        let s = &text[a..b];
        assert_eq!(s, s.trim(), "{what}: sentence trimmed: {s:?}");
        covered += s.chars().filter(|c| !c.is_whitespace()).count();
        last = b;
        let last_word = s.split_whitespace().last().unwrap_or("");
        assert!(
            !["Mr.", "Mrs.", "Dr.", "Prof.", "Jan.", "Feb.", "Gov.", "Sen.", "Rep.", "St.", "U.S."]
                .contains(&last_word)
                || b == text.trim_end().len()
                || text[b..].trim_start().starts_with(|c: char| !c.is_alphanumeric() || c.is_lowercase()),
            "{what}: a sentence ends at an abbreviation: …{}",
            &s[s.len().saturating_sub(60)..]
        );
    }
    let total = text.chars().filter(|c| !c.is_whitespace()).count();
    // Text between sentences is only what sentence_bounds drops: runs of a
    // single char (a stray bullet or dash).
    assert!(total - covered <= ranges.len() + 1, "{what}: {} of {total} chars in no sentence", total - covered);
    ranges.len()
}

#[test]
fn properties_on_the_corpora() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let read = |p: &Path| -> serde_json::Value {
        let mut s = String::new();
        std::fs::File::open(p).unwrap().read_to_string(&mut s).unwrap();
        serde_json::from_str(&s).unwrap()
    };
    let (mut texts, mut count) = (0, 0);
    let aeb = shared.join("aeb-dev/ground-truth.json");
    if aeb.exists() {
        for (id, v) in read(&aeb).as_object().unwrap() {
            if let Some(body) = v["articleBody"].as_str() {
                let text = body.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n\n");
                count += check_text(&text, id);
                texts += 1;
            }
        }
    }
    let traf = shared.join("trafilatura-dev/ground-truth.json");
    if traf.exists() {
        for (id, v) in read(&traf).as_object().unwrap() {
            for seg in v["with"].as_array().into_iter().flatten().filter_map(|s| s.as_str()) {
                count += check_text(seg, id);
                texts += 1;
            }
        }
    }
    if texts == 0 {
        assert!(std::env::var("CI").is_err(), "no ../shared/corpus in CI");
        return;
    }
    println!("sentences: {count} in {texts} reference texts");
    assert!(count > 1000);
}
