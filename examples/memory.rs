//! Where the core's memory goes, stage by stage, natively, on one page:
//! `cargo run --release --example memory -- page.html`. A counting allocator
//! reports the bytes live after each stage and the peak within it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        // A realloc may copy: count the old and new blocks together at the peak.
        let now = LIVE.fetch_add(new, Relaxed) + new;
        PEAK.fetch_max(now, Relaxed);
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--serialized`: the extension's path (the page as the browser's
    // outerHTML writes it, read with the serialisation reader).
    let serialized = args.iter().any(|a| a == "--serialized");
    let path = args.iter().find(|a| !a.starts_with("--")).expect("usage: memory [--serialized] PAGE.html").clone();
    let mut html = lucid::parse::decode(&std::fs::read(&path).unwrap());
    if serialized {
        html = lucid::parse::outer_html(&html);
    }
    let parse = if serialized { lucid::parse::read_serialized } else { lucid::parse::parse };
    let size = html.len() as f64;
    let base = LIVE.load(Relaxed);
    let mut last = std::time::Instant::now();
    let mut lap = |name: &str| {
        let (live, peak) = (LIVE.load(Relaxed) - base, PEAK.swap(LIVE.load(Relaxed), Relaxed) - base);
        println!(
            "  {name:16} live {:8.1} MB ({:4.1}x)  peak {:8.1} MB ({:4.1}x)  {:6.0} ms",
            live as f64 / 1e6,
            live as f64 / size,
            peak as f64 / 1e6,
            peak as f64 / size,
            last.elapsed().as_secs_f64() * 1e3
        );
        last = std::time::Instant::now();
    };
    println!("{path}: {:.1} MB of HTML (beyond the input itself)", size / 1e6);
    let s = lucid::Signals::ALL;
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let doc = parse(&html);
    lap("parse");
    let meta = lucid::metadata::collect(&doc, "https://example.com/a", s);
    lap("metadata");
    let _ = lucid::clean::is_probably_readerable(&doc);
    lap("readerable");
    let content = lucid::extract::find_content(doc, || parse(&html), &meta, s).expect("an article");
    lap("find_content");
    let rendered = lucid::render::render(&content.doc, &content.nodes, &meta.base_url, &meta.title, s);
    lap("render");
    drop(content);
    lap("drop content");
    let plain = lucid::render::plain_text(&rendered.tree);
    lap("plain text");
    let facts = lucid::facts::find(&plain.text, meta.lang.as_deref());
    lap("facts");
    let mut tree = rendered.tree;
    lucid::render::mark_facts(&mut tree, &facts);
    lap("mark");
    let h = lucid::render::to_html(&tree);
    lap("html");
    drop((h, tree, facts, plain.text, meta));
    lap("all dropped");
}
