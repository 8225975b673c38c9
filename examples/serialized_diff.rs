//! Where extracting a page read from its serialisation differs from
//! extracting the page parsed with html5ever (what tests/serialized.rs checks
//! on both corpora): `cargo run --release --example serialized_diff -- PAGE
//! [OUT]` prints the fields that differ, or with OUT writes the serialisation
//! (`outerHTML` as the browser writes it) there.

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let raw = if path.ends_with(".gz") {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
        out
    } else {
        bytes
    };
    let page = lucid::parse::decode(&raw);
    let o = lucid::Options { accessed: Some("2026-01-01".into()), ..Default::default() };
    let url = "https://example.com/news/2026/story";
    let a = lucid::extract(&page, url, &o);
    let s = lucid::parse::outer_html(&page);
    if let Some(dest) = std::env::args().nth(2) {
        std::fs::write(dest, &s).unwrap();
        return;
    }
    let b = lucid::extract_serialized(&s, url, &o);
    match (a, b) {
        (Ok(a), Ok(b)) => {
            let (ja, jb) = (serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
            for (k, v) in ja.as_object().unwrap() {
                if jb[k] != *v {
                    let (x, y) = (v.to_string(), jb[k].to_string());
                    let i = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
                    let lo = i.saturating_sub(80);
                    println!(
                        "{k}: at {i}\n  parsed: {}\n  read:   {}",
                        x.chars().skip(lo).take(200).collect::<String>(),
                        y.chars().skip(lo).take(200).collect::<String>()
                    );
                }
            }
        }
        (a, b) => println!("parsed {:?}\nread {:?}", a.map(|a| a.title), b.map(|b| b.title)),
    }
}
