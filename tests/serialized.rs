//! The extension reads the browser's DOM from its serialisation
//! (`outerHTML`) instead of parsing the page again (`parse::read_serialized`).
//! These tests check that reading a serialisation gives the same article as
//! parsing the page: every page of both corpora is parsed with html5ever,
//! serialised by html5ever's serialiser (the same algorithm as `outerHTML`),
//! read back, and extracted; the article must be identical. Plus the reader's
//! own cases: what the serialisation algorithm writes, and markup that is not
//! canonical.

use lucid::{extract, extract_serialized, Options};
use std::io::Read;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// (name, page) for every page of both corpora.
fn corpus() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let aeb = shared().join("aeb-dev/html");
    let rd = shared().join("readability-dev");
    if !aeb.exists() || !rd.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared/corpus");
        eprintln!("skipped: ../shared/corpus not found");
        return pages;
    }
    for e in std::fs::read_dir(&aeb).unwrap() {
        let p = e.unwrap().path();
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&std::fs::read(&p).unwrap()[..]).read_to_end(&mut out).unwrap();
        pages.push((p.file_name().unwrap().to_string_lossy().into_owned(), lucid::parse::decode(&out)));
    }
    for e in std::fs::read_dir(&rd).unwrap() {
        let p = e.unwrap().path().join("source.html");
        if p.exists() {
            pages.push((p.display().to_string(), lucid::parse::decode(&std::fs::read(&p).unwrap())));
        }
    }
    pages.sort();
    pages
}

#[test]
fn reading_the_serialisation_gives_the_same_article_on_both_corpora() {
    let options = Options { accessed: Some("2026-01-01".into()), ..Options::default() };
    let url = "https://example.com/news/2026/story";
    let mut differ = Vec::new();
    let pages = corpus();
    for (name, page) in &pages {
        let serialised = lucid::parse::outer_html(page);
        let parsed = extract(page, url, &options);
        let read = extract_serialized(&serialised, url, &options);
        // The extension's own entry (the markup handed over, the page's texts
        // slices of it) gives the same article, without HTML and Markdown,
        // and the facts marked in its tree as its JSON is written: the JSON
        // must be the marked tree's.
        let mut marked_as_written = true;
        let owned = lucid::extract_owned(serialised, url, &options).map(|mut a| {
            let written = serde_json::to_string(&lucid::render::Marked::new(&a.nodes, &a.facts)).unwrap();
            lucid::render::mark_facts(&mut a.nodes, &a.facts);
            marked_as_written = written == serde_json::to_string(&a.nodes).unwrap();
            a
        });
        let browser = read.clone().map(|a| lucid::Article { html: String::new(), markdown: String::new(), ..a });
        if parsed != read || owned != browser || !marked_as_written {
            differ.push(name.clone());
        }
    }
    println!("{} pages, {} differ: {differ:?}", pages.len(), differ.len());
    assert!(differ.is_empty(), "articles differ on {differ:?}");
}

/// The browser is handed the article as JSON without its Markdown and asks
/// for "Copy as Markdown" / "Copy as plain text" later, passing back what it
/// holds (the facts are marked in its tree by then, the key sentences and
/// the panel beside it): the copies must be the
/// ones the article would have had, on every page of both corpora.
#[test]
fn copies_made_from_what_the_browser_holds_are_the_articles_copies() {
    let options = Options { accessed: Some("2026-01-01".into()), ..Options::default() };
    let mut checked = 0;
    for (name, page) in &corpus() {
        let Ok(a) = extract_serialized(&lucid::parse::outer_html(page), "https://example.com/news/story", &options)
        else {
            continue;
        };
        let mut held = serde_json::to_value(&a).unwrap();
        held["nodes"] = serde_json::to_value(&a.nodes).unwrap();
        held["markdown"] = "".into();
        // The key sentences, as the extension passes them (extension/page/copy.js).
        let keys: Vec<&str> = a.facts.iter().filter(|f| f.kind == "key_sentence").map(|f| f.text.as_str()).collect();
        held["keys"] = serde_json::to_value(keys).unwrap();
        let held = held.to_string();
        let md = lucid::document::copy_document(&held, "markdown").unwrap();
        assert_eq!(md, lucid::document::markdown_document(&a), "{name}");
        let text = lucid::document::copy_document(&held, "text").unwrap();
        assert_eq!(text, lucid::document::text_document(&a), "{name}");
        checked += 1;
    }
    println!("{checked} articles' copies checked");
    assert!(std::env::var_os("CI").is_none() || checked > 140, "only {checked} articles");
}

fn tree(html: &str) -> String {
    lucid::parse::read_serialized(html).root_element().html()
}

#[test]
fn reads_what_the_serialisation_writes() {
    // Raw text verbatim (script contents other than JSON-LD are dropped),
    // escapes decoded, void elements without end tags, template contents
    // kept. No newline is dropped after <pre>: Chromium's serialisation adds
    // none (tests/e2e/conformance.test.mjs), so one written there is text.
    let html = r#"<html lang="en"><head><title>A &amp; B</title><script type="application/ld+json">{"a":"<b>"}</script><script>if (a < b) x()</script><style>p{}</style></head><body><p class="x" data-v="&quot;q&quot; &amp; 1 > 0">1 &lt; 2 &gt; 0&nbsp;ok<br>next<img src="a.jpg" alt=""></p><pre>first</pre><template><p>t</p></template><svg viewBox="0 0 1 1"><path d="M0"></path></svg></body></html>"#;
    let doc = lucid::parse::read_serialized(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let p = doc.select(&sel("p.x")).next().unwrap();
    assert_eq!(p.value().attr("data-v"), Some("\"q\" & 1 > 0"));
    assert_eq!(p.text().collect::<String>(), "1 < 2 > 0\u{a0}oknext");
    assert_eq!(doc.select(&sel("p.x > img")).count(), 1);
    assert_eq!(doc.select(&sel("title")).next().unwrap().text().collect::<String>(), "A & B");
    let scripts: Vec<String> = doc.select(&sel("script")).map(|s| s.text().collect()).collect();
    assert_eq!(scripts, vec![r#"{"a":"<b>"}"#.to_string(), String::new()]);
    assert_eq!(doc.select(&sel("pre")).next().unwrap().text().collect::<String>(), "first");
    assert_eq!(doc.select(&sel("path")).count(), 1);
    // Same tree as html5ever builds from the same markup.
    let expected = lucid::parse::parse(html).root_element().html();
    // (SVG names keep their case, as html5ever gives them.)
    assert_eq!(tree(html), expected);
    let pre = lucid::parse::read_serialized("<pre>\nsecond</pre>");
    assert_eq!(pre.select(&sel("pre")).next().unwrap().text().collect::<String>(), "\nsecond");
}

/// Read from a tendril, the tree's texts and attribute values are slices of
/// its buffer, not copies; those with character references are decoded
/// copies.
#[test]
fn texts_share_the_markup_unless_decoded() {
    let markup = scraper::StrTendril::from_slice(
        "<p class=\"a-long-class-name\">A paragraph &amp; more of it</p><p title=\"Fish &amp; chips\">Second paragraph, plain.</p>",
    );
    let doc = lucid::parse::read_serialized_shared(&markup);
    let buffer = markup.as_ptr() as usize..markup.as_ptr() as usize + markup.len();
    let inside = |s: &str| buffer.contains(&(s.as_ptr() as usize));
    let p: Vec<_> = doc.select(&scraper::Selector::parse("p").unwrap()).collect();
    let texts: Vec<&str> = p.iter().map(|e| e.text().next().unwrap()).collect();
    assert_eq!(texts, ["A paragraph & more of it", "Second paragraph, plain."]);
    assert!(!inside(texts[0]) && inside(texts[1]));
    let class = p[0].value().attr("class").unwrap();
    let title = p[1].value().attr("title").unwrap();
    assert_eq!((class, title), ("a-long-class-name", "Fish & chips"));
    assert!(inside(class) && !inside(title));
    // The tree holds the buffer: it outlives the handle it was read from.
    drop(markup);
    let all: String =
        doc.tree.root().descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
    assert_eq!(all, "A paragraph & more of itSecond paragraph, plain.");
}

#[test]
fn takes_the_dom_as_written_even_where_the_parser_would_not() {
    // A script can build a tree the HTML parser never would (a <div> inside
    // a <p>, a link in a link): the serialisation says so, and it is read so.
    let html = "<html><head></head><body><p>a<div>b</div>c</p><a href=/1>x<a href=/2>y</a></a></body></html>";
    assert_eq!(tree(html), html.replace("href=/1", "href=\"/1\"").replace("href=/2", "href=\"/2\""));
}

#[test]
fn is_lenient_with_markup_that_is_not_canonical() {
    // Unquoted, single-quoted and valueless attributes; duplicates keep the first.
    let doc = lucid::parse::read_serialized("<p id=a class='b c' hidden id=z data-x=1>t</p>");
    let p = doc.select(&scraper::Selector::parse("p").unwrap()).next().unwrap();
    let attrs: Vec<(&str, &str)> =
        ["id", "class", "hidden", "data-x"].iter().map(|&k| (k, p.value().attr(k).unwrap_or("-"))).collect();
    assert_eq!(attrs, [("id", "a"), ("class", "b c"), ("hidden", ""), ("data-x", "1")]);
    for (input, expected) in [
        // Upper case, self-closing syntax, a stray `<`, missing and stray end tags.
        ("<DIV><P>a < b<BR/>c</span></DIV>d", "<div><p>a &lt; b<br>c</p></div>d"),
        // Comments (also `--!>`), doctype, processing instruction, `</>`.
        ("<!doctype html><!-- x -->a<!-- y --!>b<?php x ?>c</>d", "<!-- x -->a<!-- y -->bcd"),
        // Character references: named, decimal, hex, unknown, unterminated, NUL.
        (
            "<p title=\"&eacute;&#233;&#xE9;\">&mdash;&unknown; &amp x &#0;</p>",
            "<p title=\"ééé\">—&amp;unknown; &amp;amp x &amp;#0;</p>",
        ),
        // An unterminated tag, an unclosed raw-text element.
        ("<p>a</p><img src=\"x", "<p>a</p><img src=\"x&lt;/section&gt;\">"),
        ("<p>a</p><script>never closed", "<p>a</p><script></script>"),
        // XML-style markup: self-closed elements (also raw-text ones); a CDATA
        // section is a bogus comment up to the first `>`, as in the HTML parser.
        (
            "<script src=\"a.js\"/><div/><p>x<![CDATA[<img src=x onerror=y>]]></p>",
            "<script src=\"a.js\"></script><div></div><p>x]]&gt;</p>",
        ),
    ] {
        let doc = lucid::parse::read_serialized(&format!("<section>{input}</section>"));
        let section = doc.select(&scraper::Selector::parse("section").unwrap()).next().unwrap();
        assert_eq!(section.inner_html(), expected, "{input}");
    }
}

#[test]
fn flattens_deep_nesting_and_never_overflows() {
    let html = format!("<html><body>{}deep{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let doc = lucid::parse::read_serialized(&html);
    assert!(doc.root_element().text().any(|t| t == "deep"));
    let article = extract_serialized(&html, "https://example.com/", &Options::default());
    assert!(article.is_err());
    // Around the depth where the tree is flattened (the reader skips the
    // flattening walk when the page is shallow): the same tree as html5ever's
    // parse, which always flattens; templates nest a fragment each.
    let depth = |d: &scraper::Html| d.tree.root().descendants().map(|n| n.ancestors().count()).max().unwrap_or(0);
    for n in [240, 250, 252, 253, 254, 255, 256, 257, 260, 300] {
        for wrap in ["div", "template"] {
            // (As the browser serialises it: no flattening before 512.)
            let html = format!(
                "<html><head></head><body>{}<p>deep <b>x</b></p>{}</body></html>",
                format!("<{wrap}>").repeat(n),
                format!("</{wrap}>").repeat(n)
            );
            let read = lucid::parse::read_serialized(&html);
            assert!(depth(&read) <= lucid::parse::MAX_DEPTH + 1, "{wrap} {n}: {}", depth(&read));
            if wrap == "div" {
                assert_eq!(read.root_element().html(), lucid::parse::parse(&html).root_element().html(), "{n}");
            }
        }
    }
}

/// A story at the deepest level the reader keeps, under every kind of
/// element rendering walks through (blocks, quotes, list items, cells,
/// inline elements), is extracted and rendered on a thread with the stack
/// of a wasm module (1 MB), in a debug build.
#[test]
fn renders_the_deepest_tree_on_a_wasm_sized_stack() {
    let open = ["<div>", "<blockquote>", "<ul><li>", "<section>", "<table><tr><td>", "<span>", "<b>"];
    let close = ["</div>", "</blockquote>", "</li></ul>", "</section>", "</td></tr></table>", "</span>", "</b>"];
    let (mut head, mut tail, mut depth, mut k) = (String::new(), String::new(), 0, 0);
    while depth < lucid::parse::MAX_DEPTH - 10 {
        let i = k % open.len();
        head.push_str(open[i]);
        tail.insert_str(0, close[i]);
        depth += open[i].matches('<').count();
        k += 1;
    }
    let story = "<p>Every word of this paragraph is the story, and there are enough of them to count.</p>".repeat(8);
    let html =
        format!("<html><head><title>Deep</title></head><body><article>{head}{story}{tail}</article></body></html>");
    let done = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let a = extract_serialized(&html, "https://example.com/", &Options { force: true, ..Default::default() });
            a.map(|a| a.text.matches("Every word").count()).unwrap_or(0)
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(done, 8);
}
