//! `lucid`: the Lucid Reader core on the command line.
//!
//!     lucid extract page.html [--url URL] [--format json|markdown|text|html|apa|mla|…] [--accessed YYYY-MM-DD] [--quote TEXT]
//!     lucid batch INPUT… --out results.jsonl [--jobs N] [--unordered] [--accessed YYYY-MM-DD]
//!         (INPUT: a folder of pages, a page, a .warc/.warc.gz file, or - for paths on stdin)
//!     lucid declutter page.html [--url URL]   (what the extension would hide on the live page)
//!     lucid rules                            (the compiled consent rules: source, version, counts)

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod batch;

#[derive(Parser)]
#[command(name = "lucid", version, about = "Extract the article from a saved web page")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article from one page (`-` reads standard input; `.gz` is decompressed).
    Extract {
        file: PathBuf,
        /// The page's URL, used to resolve links and as a fallback site name.
        #[arg(long, default_value = "")]
        url: String,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Print this passage of the article quoted with its citation and a
        /// link to it, as "Copy quote" in the reader view copies it: plain
        /// text in a prose `--format` (apa, mla, …), or with `--format json`
        /// `{style: {plain, html, link}}` for the five prose styles.
        #[arg(long, value_name = "TEXT")]
        quote: Option<String>,
        #[command(flatten)]
        core: CoreOptions,
    },
    /// Extract many pages to JSON lines, on every core: folders (their
    /// `.html`/`.htm`/`.html.gz` pages), page files, WARC files (`.warc`,
    /// `.warc.gz`: their HTML responses) and `-` (standard input: a path a
    /// line, or `URL<TAB>path`).
    Batch {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Pages extracted at once (default: one per core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Write each page's line as soon as it is done, not in input order.
        #[arg(long)]
        unordered: bool,
        #[command(flatten)]
        core: CoreOptions,
    },
    /// List what live-page decluttering would hide in a saved page, as JSON
    /// (no layout here: fixed overlays are seen only through inline styles).
    Declutter {
        file: PathBuf,
        #[arg(long, default_value = "")]
        url: String,
    },
    /// Print where the consent-banner rules come from and how many there are.
    Rules,
    /// Print the tree the core reads from a page, as the html5lib tests
    /// write trees: parsed as served, or (`--serialized`) read back from a
    /// browser's serialisation as the extension reads it. With `--jsonl`,
    /// FILE holds one JSON string of markup a line and each tree is printed
    /// as a JSON string a line (for the conformance tests).
    Tree {
        file: PathBuf,
        #[arg(long)]
        serialized: bool,
        #[arg(long)]
        jsonl: bool,
    },
}

/// Options both extraction commands pass to the core.
#[derive(Args)]
struct CoreOptions {
    /// Extract even if the page does not look like an article.
    #[arg(long)]
    force: bool,
    /// Switch an extraction signal off (to measure it); repeatable.
    #[arg(long, value_name = "SIGNAL", value_parser = clap::builder::PossibleValuesParser::new(lucid::Signals::NAMES))]
    disable: Vec<String>,
    /// The access date cited (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    accessed: Option<String>,
}

impl From<CoreOptions> for lucid::Options {
    fn from(o: CoreOptions) -> Self {
        lucid::Options { force: o.force, disable: o.disable, accessed: o.accessed, ..Default::default() }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
    Text,
    Html,
    /// Citations (see `citation` in the JSON).
    Apa,
    Mla,
    ChicagoAuthorDate,
    ChicagoNotes,
    Harvard,
    Bibtex,
    Ris,
    CslJson,
}

fn read_page(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    } else {
        bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot decompress: {e}"))?;
        bytes = out;
    }
    Ok(lucid::parse::decode_hinted(&bytes, None))
}

/// Run the core (a panic is an error, not a crash).
fn run_core(html: &str, url: &str, options: &lucid::Options) -> Result<lucid::Article, String> {
    lucid::try_extract(html, url, options).map_err(|e| e.to_string())
}

fn run(path: &Path, url: &str, options: &lucid::Options) -> Result<lucid::Article, String> {
    run_core(&read_page(path)?, url, options)
}

/// `text` quoted from the article `a` with its citation (`--quote`).
fn quoted(a: &lucid::Article, format: Format, text: &str) -> Result<String, String> {
    let item: serde_json::Value =
        a.citation.0.get("csl-json").and_then(|c| serde_json::from_str(c).ok()).ok_or("no citation for this page")?;
    let item = item.as_array().and_then(|a| a.first()).cloned().unwrap_or(item);
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !norm(&a.text).contains(&norm(text)) {
        return Err("the passage to quote is not in the article's text".into());
    }
    if matches!(format, Format::Json) {
        let all: Result<serde_json::Map<String, serde_json::Value>, String> = lucid::cite::STYLES
            .iter()
            .map(|(key, _)| {
                Ok((
                    (*key).to_string(),
                    serde_json::to_value(lucid::cite::quote::quote(&item, key, text)?).unwrap_or_default(),
                ))
            })
            .collect();
        return Ok(serde_json::to_string_pretty(&all?).unwrap_or_default());
    }
    let key = format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
    if !lucid::cite::STYLES.iter().any(|(k, _)| *k == key) {
        return Err(format!(
            "--quote prints a prose style (apa, mla, chicago-author-date, chicago-notes, harvard) or json, not {key}"
        ));
    }
    Ok(lucid::cite::quote::quote(&item, &key, text)?.plain)
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Extract { file, url, format, quote, core } => extract(&file, &url, format, quote, core),
        Command::Declutter { file, url } => declutter(&file, &url),
        Command::Tree { file, serialized, jsonl } => tree(&file, serialized, jsonl),
        Command::Rules => rules(),
        Command::Batch { inputs, out, jobs, unordered, core } => {
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
            batch::run(&inputs, &out, &core.into(), jobs, unordered)
                .map(|tally| eprintln!("{}", batch::report(&tally, &out)))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lucid: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints `out` on standard output, its trailing line breaks as one; a
/// closed pipe (`lucid extract … | head`) is not an error.
fn print(out: &str) {
    let _ = writeln!(std::io::stdout(), "{}", out.trim_end_matches(['\n', '\r']));
}

/// `lucid extract`: the article in the format asked for, or a passage of it quoted.
fn extract(file: &Path, url: &str, format: Format, quote: Option<String>, core: CoreOptions) -> Result<(), String> {
    let a = run(file, url, &lucid::Options::from(core)).map_err(|e| format!("{}: {e}", file.display()))?;
    if let Some(quote) = quote {
        let _ = writeln!(std::io::stdout(), "{}", quoted(&a, format, &quote)?);
        return Ok(());
    }
    let out = match format {
        Format::Json => serde_json::to_string_pretty(&a).unwrap_or_default(),
        Format::Markdown => lucid::document::markdown_document(&a),
        Format::Text => lucid::document::text_document(&a),
        Format::Html => a.html,
        other => {
            let key = other.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
            a.citation.0.get(&key).cloned().ok_or_else(|| format!("no {key} citation for this page"))?
        }
    };
    print(&out);
    Ok(())
}

/// `lucid declutter`: what live-page decluttering would hide, its article
/// (extracted first, as the extension does) spared.
fn declutter(file: &Path, url: &str) -> Result<(), String> {
    let (items, guarded) = read_page(file)
        .and_then(|html| {
            std::panic::catch_unwind(|| {
                let article = lucid::extract(&html, url, &lucid::Options::default()).ok();
                lucid::declutter::native::report(&html, url, article.as_ref().map(|a| a.text.as_str()))
            })
            .map_err(|_| "internal error while decluttering (please report this page)".to_string())
        })
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let _ = writeln!(std::io::stdout(), "{}", serde_json::to_string_pretty(&items).unwrap_or_default());
    if guarded > 0 {
        eprintln!("lucid: {guarded} elements a filter-list rule matched stay: they hold article text or a disclosure");
    }
    Ok(())
}

/// `lucid tree`: the tree the core reads, as the html5lib tests write trees.
fn tree(file: &Path, serialized: bool, jsonl: bool) -> Result<(), String> {
    let tree = |html: &str| {
        let doc = if serialized { lucid::parse::read_serialized(html) } else { lucid::parse::parse(html) };
        lucid::parse::dump::dump(&doc)
    };
    let html = read_page(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !jsonl {
        let _ = write!(out, "{}", tree(&html));
        return Ok(());
    }
    for (n, line) in html.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let markup = serde_json::from_str::<String>(line)
            .map_err(|e| format!("{}:{}: not a JSON string: {e}", file.display(), n + 1))?;
        let _ = writeln!(out, "{}", serde_json::Value::String(tree(&markup)));
    }
    Ok(())
}

/// `lucid rules`: where the consent-banner rules come from, and how many.
fn rules() -> Result<(), String> {
    let c = &lucid::declutter::rules().consent;
    let info = serde_json::json!({
        "source": "@duckduckgo/autoconsent",
        "version": c.version,
        "license": "MPL-2.0",
        "rules": c.rules,
        "global_selectors": c.global.len(),
        "popup_anchors": c.anchors.len(),
        "site_rules": c.sites.len(),
        "text_patterns": c.patterns.len(),
        "filter_list": lucid::declutter::listed::summary(),
    });
    let _ = writeln!(std::io::stdout(), "{}", serde_json::to_string_pretty(&info).unwrap_or_default());
    Ok(())
}
