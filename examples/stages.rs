//! Where the core's time goes, stage by stage, natively: every page of the
//! AEB dev corpus (`../shared/corpus/aeb-dev`), best of three runs per stage.
//! `./bench.sh stages` runs it; it prints a table and writes
//! `target/bench-stages.json`. (The in-browser numbers add DOM serialisation,
//! the copy into wasm and handing the article back to JavaScript: see
//! `./bench.sh browser`.)

use std::io::Read;
use std::time::Instant;

const STAGES: [&str; 8] = ["prepare", "parse", "metadata", "find_content", "gate", "render", "facts", "mark + html"];

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/aeb-dev/html");
    let mut pages = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
        pages.push(lucid::parse::decode(&out));
    }
    // `--serialized`: the extension's path, the page as the browser's
    // outerHTML writes it read with the serialisation reader (no `prepare`).
    let serialized = std::env::args().any(|a| a == "--serialized");
    if serialized {
        pages = pages.iter().map(|p| lucid::parse::outer_html(p)).collect();
    }
    let parse = if serialized { lucid::parse::read_serialized } else { lucid::parse::parse };
    let runs = 3;
    let mut best = [f64::MAX; STAGES.len()];
    for _ in 0..runs {
        let mut t = [0f64; STAGES.len()];
        for html in &pages {
            let s = lucid::Signals::ALL;
            let mut now = Instant::now();
            let mut lap = |i: usize| {
                t[i] += now.elapsed().as_secs_f64();
                now = Instant::now();
            };
            if !serialized {
                let _ = lucid::parse::prepare(html, lucid::parse::MAX_PARSE_DEPTH);
            }
            lap(0);
            let doc = parse(html);
            lap(1);
            let meta = lucid::metadata::collect(&doc, "", s);
            lap(2);
            let reparse = || parse(html);
            let Some(content) = lucid::content::find(doc, &reparse, &meta, s) else { continue };
            lap(3);
            let _ = lucid::gate::measure(&content.doc, &content.nodes).is_article();
            lap(4);
            let rendered = lucid::render::render(&content.doc, &content.nodes, &meta.base_url, &meta.title, s);
            drop(content);
            let plain = lucid::render::plain_text(&rendered.tree);
            lap(5);
            let facts = lucid::facts::find(&plain.text, meta.lang.as_deref());
            lap(6);
            let mut tree = rendered.tree;
            lucid::render::mark_facts(&mut tree, &facts);
            let _ = lucid::render::to_html(&tree);
            lap(7);
        }
        for (b, v) in best.iter_mut().zip(t) {
            *b = b.min(v);
        }
    }
    // `parse` includes `prepare` (it runs it first): report parse without it.
    best[1] -= best[0];
    let per_page: Vec<f64> = best.iter().map(|v| v / pages.len() as f64 * 1000.0).collect();
    let total: f64 = per_page.iter().sum();
    println!("{} pages, best of {runs} runs, ms per page:", pages.len());
    for (n, v) in STAGES.iter().zip(&per_page) {
        println!("  {n:14} {v:6.2}  {:5.1} %", v / total * 100.0);
    }
    println!("  {:14} {total:6.2}", "total");
    let json = serde_json::json!({
        "pages": pages.len(),
        "ms_per_page": STAGES.iter().zip(&per_page).map(|(n, v)| (n.to_string(), serde_json::json!((v * 1000.0).round() / 1000.0))).collect::<serde_json::Map<_, _>>(),
        "total_ms_per_page": (total * 1000.0).round() / 1000.0,
    });
    let name = if serialized { "target/bench-stages-serialized.json" } else { "target/bench-stages.json" };
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::write(&out, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    println!("→ {}", out.display());
}
