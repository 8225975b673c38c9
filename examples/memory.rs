//! Where the core's memory goes, stage by stage, on one page:
//! `cargo run --release --example memory -- [--serialized] page.html`. A
//! counting allocator reports the bytes live after each stage and the peak
//! within it. `--serialized`: the extension's path (the page as the browser's
//! `outerHTML` writes it, held as a tendril and read with the serialisation
//! reader, whose texts share its buffer).
//!
//! Built for wasm32 (`./bench.sh memory page.html`: target `wasm32-wasip1`,
//! run in Node's WASI) it measures what the extension's wasm holds: pointers
//! are half the size there. The page must then already be a serialisation
//! (the growth pages are), and each line also shows the wasm memory's size.

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

/// The wasm memory's size (it only grows: the peak so far, with what the
/// allocator lost to overhead and fragmentation).
fn memory_mb() -> String {
    #[cfg(target_arch = "wasm32")]
    return format!("  wasm memory {:6.1} MB", core::arch::wasm32::memory_size(0) as f64 * 65536.0 / 1e6);
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let serialized = cfg!(target_arch = "wasm32") || args.iter().any(|a| a == "--serialized");
    let path = args.iter().find(|a| !a.starts_with("--")).expect("usage: memory [--serialized] PAGE.html").clone();
    let page = lucid::parse::decode(&std::fs::read(&path).unwrap());
    #[cfg(not(target_arch = "wasm32"))]
    let page = if serialized { lucid::parse::outer_html(&page) } else { page };
    let size = page.len() as f64;
    // The markup as the extension holds it (its texts are then slices of it).
    let markup = scraper::StrTendril::from_slice(&page);
    let parse = |html: &str| {
        if serialized {
            lucid::parse::read_serialized_shared(&markup)
        } else {
            lucid::parse::parse(html)
        }
    };
    let base = LIVE.load(Relaxed);
    let mut last = std::time::Instant::now();
    let mut lap = |name: &str| {
        let (live, peak) = (LIVE.load(Relaxed) - base, PEAK.swap(LIVE.load(Relaxed), Relaxed) - base);
        println!(
            "  {name:16} live {:8.1} MB ({:4.1}x)  peak {:8.1} MB ({:4.1}x)  {:6.0} ms{}",
            live as f64 / 1e6,
            live as f64 / size,
            peak as f64 / 1e6,
            peak as f64 / size,
            last.elapsed().as_secs_f64() * 1e3,
            memory_mb()
        );
        last = std::time::Instant::now();
    };
    println!(
        "{path}: {:.1} MB of HTML (beyond the input itself, held twice here: as read and as the tendril)",
        size / 1e6
    );
    let s = lucid::Signals::ALL;
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let doc = parse(&page);
    lap("parse");
    let meta = lucid::metadata::collect(&doc, "https://example.com/a", s);
    lap("metadata");
    let content = lucid::content::find(doc, &|| parse(&page), &meta, s).expect("an article");
    lap("find_content");
    let _ = lucid::gate::measure(&content.doc, &content.nodes).is_article();
    lap("gate");
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
    lap("html (CLI only)");
    drop((h, tree, facts, plain.text, meta));
    lap("all dropped");
}
