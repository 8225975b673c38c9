//! `lucid batch`: many pages to JSON lines, on every core. Inputs are
//! folders (their `.html`/`.htm`/`.html.gz` pages), page files, WARC files
//! (`.warc`, `.warc.gz`: their HTML responses) and `-` (standard input: one
//! path a line, or `URL<TAB>path`). Pages are read lazily, a few per worker
//! at a time, so memory stays flat however many there are.

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

/// One page to extract.
pub enum Page {
    /// A file: its path, its name in the output (relative to the folder it
    /// was found in) and its URL, when known.
    File { path: PathBuf, name: String, url: String },
    /// A WARC record's page: the archive's name, the record id, the URL and
    /// the decoded markup.
    Record { warc: String, id: String, url: String, html: String },
    /// A WARC file that could not be read further.
    Broken { warc: String, error: String },
}

/// What went in, for the summary.
#[derive(Default)]
pub struct Tally {
    pub pages: usize,
    pub without_article: usize,
    /// WARC records that are not HTML pages, by reason.
    pub skipped: BTreeMap<String, usize>,
}

fn is_page(name: &str) -> bool {
    let name = name.to_lowercase();
    [".html", ".htm", ".html.gz", ".htm.gz"].iter().any(|e| name.ends_with(e))
}

fn is_warc(name: &str) -> bool {
    let name = name.to_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

fn collect_pages(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            collect_pages(&p, out)?;
        } else if is_page(&p.to_string_lossy()) {
            out.push(p);
        }
    }
    Ok(())
}

/// The inputs as a list of sources, in order: a folder's pages sorted; `-`
/// read from standard input. Errors name the input.
fn sources(inputs: &[PathBuf]) -> Result<Vec<(PathBuf, String, String)>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input == Path::new("-") {
            for line in std::io::stdin().lock().lines() {
                let line = line.map_err(|e| format!("standard input: {e}"))?;
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() {
                    continue;
                }
                let (url, path) = line.split_once('\t').unwrap_or(("", line));
                out.push((PathBuf::from(path), path.to_string(), url.to_string()));
            }
        } else if input.is_dir() {
            let mut pages = Vec::new();
            collect_pages(input, &mut pages).map_err(|e| format!("{}: {e}", input.display()))?;
            pages.sort();
            for p in pages {
                let name = p.strip_prefix(input).unwrap_or(&p).to_string_lossy().to_string();
                out.push((p, name, String::new()));
            }
        } else if input.is_file() {
            out.push((input.clone(), input.to_string_lossy().to_string(), String::new()));
        } else {
            return Err(format!("{}: no such file or folder", input.display()));
        }
    }
    Ok(out)
}

/// Every page of the sources, lazily (a WARC file is read record by record);
/// skipped records are counted into `skipped`.
fn pages(
    sources: Vec<(PathBuf, String, String)>,
    skipped: Arc<Mutex<BTreeMap<String, usize>>>,
) -> impl Iterator<Item = Page> + Send {
    sources.into_iter().flat_map(move |(path, name, url)| -> Box<dyn Iterator<Item = Page> + Send> {
        if !is_warc(&name) {
            return Box::new(std::iter::once(Page::File { path, name, url }));
        }
        let records = match lucid::warc::open(&path) {
            Ok(r) => r,
            Err(e) => return Box::new(std::iter::once(Page::Broken { warc: name, error: e.to_string() })),
        };
        let skipped = skipped.clone();
        Box::new(records.filter_map(move |r| match r {
            Ok(lucid::warc::Record::Page { id, url, html }) => Some(Page::Record { warc: name.clone(), id, url, html }),
            Ok(lucid::warc::Record::Skipped { reason, .. }) => {
                if let Ok(mut s) = skipped.lock() {
                    *s.entry(reason).or_default() += 1;
                }
                None
            }
            Err(error) => Some(Page::Broken { warc: name.clone(), error }),
        }))
    })
}

fn page_id(name: &str) -> String {
    let base = Path::new(name).file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    for ext in [".html.gz", ".htm.gz", ".html", ".htm"] {
        if let Some(stem) = base.strip_suffix(ext) {
            return stem.to_string();
        }
    }
    base
}

/// One page's JSON line (where it came from and its article, or its error)
/// and whether it gave an article.
fn line(page: &Page, options: &lucid::Options) -> (String, bool) {
    let (mut line, result) = match page {
        Page::File { path, name, url } => {
            let mut line = serde_json::json!({ "file": name, "id": page_id(name) });
            if !url.is_empty() {
                line["url"] = url.as_str().into();
            }
            (line, super::read_page(path).and_then(|html| super::run_core(&html, url, options)))
        }
        Page::Record { warc, id, url, html } => {
            (serde_json::json!({ "file": warc, "id": id, "url": url }), super::run_core(html, url, options))
        }
        Page::Broken { warc, error } => (serde_json::json!({ "file": warc }), Err(error.clone())),
    };
    let ok = match result {
        Ok(a) => {
            if let (Some(obj), Ok(serde_json::Value::Object(art))) = (line.as_object_mut(), serde_json::to_value(&a)) {
                // The page's URL stays the one it was read from.
                obj.extend(art.into_iter().filter(|(k, v)| k != "url" || !v.as_str().unwrap_or("").is_empty()));
            }
            true
        }
        Err(e) => {
            line["error"] = e.into();
            false
        }
    };
    (line.to_string(), ok)
}

/// Every page of `inputs` to `out` as JSON lines, `jobs` pages at once
/// (rayon). Workers take pages as they become free (no batch waits for its
/// slowest page); in input order, lines that finish early wait in a window of
/// at most `WINDOW × jobs` pages ahead of the next one to write (a worker does
/// not take a page beyond it), so memory is bounded and the output is byte
/// for byte the one-worker output. `unordered` writes each line as soon as it
/// is done.
pub fn run(
    inputs: &[PathBuf],
    out: &Path,
    options: &lucid::Options,
    jobs: usize,
    unordered: bool,
) -> Result<Tally, String> {
    const WINDOW: usize = 16;
    let sources = sources(inputs)?;
    let warcs = sources.iter().filter(|(_, name, _)| is_warc(name)).count();
    let file = std::fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut w = std::io::BufWriter::new(file);
    // A bar over files; over WARC files (records unknown in advance) a count.
    let bar = if warcs == 0 { ProgressBar::new(sources.len() as u64) } else { ProgressBar::new_spinner() };
    let template = if warcs == 0 {
        "{bar:40} {pos}/{len} pages {elapsed_precise} {wide_msg}"
    } else {
        "{spinner} {pos} pages {elapsed_precise} {per_sec} {wide_msg}"
    };
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().map_err(|e| e.to_string())?;
    // The citation styles (parsing them all takes ~50 ms on one core), on
    // every worker at once, before the first pages need them.
    #[cfg(feature = "csl")]
    for (key, _) in lucid::cite::STYLES {
        pool.spawn(move || lucid::cite::csl::prepare(key));
    }
    let skipped = Arc::new(Mutex::new(BTreeMap::new()));
    // How many lines are written: a page more than the window ahead waits.
    let written = (Mutex::new(0usize), Condvar::new());
    let window = if unordered { usize::MAX } else { WINDOW * jobs };
    let pages = pages(sources, skipped.clone()).enumerate().inspect(|(i, _)| {
        let (lock, turn) = &written;
        if let Ok(mut n) = lock.lock() {
            while *i >= n.saturating_add(window) {
                n = match turn.wait(n) {
                    Ok(n) => n,
                    Err(_) => return,
                };
            }
        }
    });
    let mut tally = Tally::default();
    let mut result = Ok(());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| {
            pool.install(|| pages.par_bridge().for_each_with(tx, |tx, (i, p)| drop(tx.send((i, line(&p, options))))))
        });
        // Lines that finished before the next one to write, by index.
        let mut early: BTreeMap<usize, (String, bool)> = BTreeMap::new();
        let mut next = 0;
        for (i, item) in rx {
            early.insert(if unordered { next } else { i }, item);
            while let Some((line, ok)) = early.remove(&next) {
                next += 1;
                tally.pages += 1;
                tally.without_article += usize::from(!ok);
                bar.inc(1);
                if result.is_ok() {
                    result = writeln!(w, "{line}").map_err(|e| format!("{}: {e}", out.display()));
                }
                let (lock, turn) = &written;
                if let Ok(mut n) = lock.lock() {
                    *n = next;
                    turn.notify_all();
                }
            }
        }
    });
    result?;
    bar.finish_and_clear();
    w.flush().map_err(|e| e.to_string())?;
    tally.skipped = std::mem::take(&mut *skipped.lock().map_err(|_| "internal error while counting".to_string())?);
    Ok(tally)
}

/// The summary line(s) on standard error.
pub fn report(t: &Tally, out: &Path) -> String {
    let mut s = format!(
        "lucid: {} pages, {} extracted, {} without article → {}",
        t.pages,
        t.pages - t.without_article,
        t.without_article,
        out.display()
    );
    let n: usize = t.skipped.values().sum();
    if n > 0 {
        let reasons: Vec<String> = t.skipped.iter().map(|(r, k)| format!("{k} {r}")).collect();
        s.push_str(&format!("\nlucid: {n} WARC records skipped, not HTML pages: {}", reasons.join(", ")));
    }
    s
}
