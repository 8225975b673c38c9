//! The `lucid` binary: formats, batch over .html and .html.gz, and clear
//! one-line errors (never a panic) on bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn lucid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lucid"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).join("page.html")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lucid-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn extract_formats() {
    let page = fixture("energy-daily");
    let json = lucid()
        .args(["extract", page.to_str().unwrap(), "--url", "https://www.energy-daily.com/x.html"])
        .output()
        .unwrap();
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON output");
    for key in [
        "title",
        "authors",
        "published",
        "site_name",
        "lang",
        "excerpt",
        "text",
        "html",
        "word_count",
        "facts",
        "citation",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let md = lucid().args(["extract", page.to_str().unwrap(), "--format", "markdown"]).output().unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# Washington, Baghdad to discuss future of foreign troops in Iraq\n"));
    assert!(md.contains("**- Attacks 'need to stop' -**"));
    let text = lucid().args(["extract", page.to_str().unwrap(), "--format", "text"]).output().unwrap();
    assert!(String::from_utf8(text.stdout).unwrap().contains("\n\nThere are roughly 2,500 US troops"));
    let html = lucid().args(["extract", page.to_str().unwrap(), "--format", "html"]).output().unwrap();
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.starts_with("<p>The <mark class=\"fact fact-place\">United States</mark> and"), "{html}");
    assert!(html.contains("<mark class=\"fact fact-number\">roughly 2,500 US troops</mark>"));
}

#[test]
fn bad_input_gives_one_line_errors() {
    let d = tmpdir("bad");
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.html", b"", "empty"),
        ("binary.html", b"\x00\x01\x02\x03\xff\xfe\x00garbage\x00\x00", "not an HTML page"),
        ("plain.html", b"just a line of text, no markup", "not an HTML page"),
        ("home.html", include_bytes!("fixtures/not-an-article/page.html"), "no article"),
    ];
    for (name, bytes, msg) in cases {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = lucid().args(["extract", p.to_str().unwrap()]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(msg), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // 100,000-deep nesting: no stack overflow, the deep text is kept.
    let deep = d.join("deep.html");
    let para = "A paragraph of story text, with commas, that is long enough to count as prose. ".repeat(8);
    std::fs::write(
        &deep,
        format!(
            "<body>{}deep words{}<p>{para}</p><p>{para}</p></body>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    )
    .unwrap();
    let out = lucid().args(["extract", deep.to_str().unwrap(), "--format", "text"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("A paragraph of story text"));
    let missing = lucid().args(["extract", d.join("nope.html").to_str().unwrap()]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn batch_reads_html_and_gz_and_reports_errors() {
    let d = tmpdir("batch");
    std::fs::copy(fixture("wordpress-blog"), d.join("blog.html")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&std::fs::read(fixture("energy-daily")).unwrap()).unwrap();
    std::fs::write(d.join("seed.html.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(d.join("broken.html"), b"\x00\x00\x00").unwrap();
    std::fs::write(d.join("notes.txt"), b"ignored").unwrap();
    let out = d.join("out.jsonl");
    let status = lucid().args(["batch", d.to_str().unwrap(), "--out", out.to_str().unwrap()]).status().unwrap();
    assert!(status.success());
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    let by_id = |id: &str| lines.iter().find(|l| l["id"] == id).unwrap();
    assert_eq!(by_id("seed")["title"], "Washington, Baghdad to discuss future of foreign troops in Iraq");
    assert_eq!(by_id("blog")["authors"][0], "Maria Gonzalez");
    assert!(by_id("broken")["error"].as_str().unwrap().contains("not an HTML page"));
}

#[test]
fn batch_on_every_core_writes_what_one_core_writes() {
    let d = tmpdir("batch-jobs");
    let names = ["wordpress-blog", "energy-daily", "news-jsonld-consent", "science-figures-tables", "not-an-article"];
    // Enough pages for several batches of the ordered writer.
    for i in 0..40 {
        std::fs::copy(fixture(names[i % names.len()]), d.join(format!("p{i:02}.html"))).unwrap();
    }
    let run = |extra: &[&str], name: &str| {
        let out = d.join(name);
        let mut args = vec!["batch", d.to_str().unwrap(), "--out", out.to_str().unwrap(), "--accessed", "2026-12-04"];
        args.extend(extra);
        assert!(lucid().args(&args).status().unwrap().success());
        std::fs::read_to_string(out).unwrap()
    };
    let one = run(&["--jobs", "1"], "one.jsonl");
    let four = run(&["--jobs", "4"], "four.jsonl");
    assert_eq!(one.lines().count(), 40);
    assert_eq!(one, four, "the same bytes, in file order");
    let ids: Vec<String> =
        one.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in file order");
    let mut unordered: Vec<&str> = Vec::new();
    let text = run(&["--jobs", "3", "--unordered"], "any.jsonl");
    unordered.extend(text.lines());
    unordered.sort();
    let mut sorted: Vec<&str> = one.lines().collect();
    sorted.sort();
    assert_eq!(unordered, sorted, "--unordered: the same lines");
}

/// A WARC record (one gzip member when `gz`).
fn warc_record(kind: &str, id: &str, url: &str, content_type: &str, block: &[u8], gz: bool) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    if !gz {
        return r;
    }
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(&r).unwrap();
    e.finish().unwrap()
}

fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    [format!("HTTP/1.1 200 OK\r\n{headers}\r\n").as_bytes(), body].concat()
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn batch_reads_warc_records_as_it_reads_the_same_pages_as_files() {
    let d = tmpdir("warc");
    let blog = std::fs::read(fixture("wordpress-blog")).unwrap();
    let seed = std::fs::read(fixture("energy-daily")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&seed).unwrap();
    let seed_gz = gz.finish().unwrap();
    let mut warc = Vec::new();
    for gzip in [true, false] {
        warc.clear();
        warc.extend(warc_record("warcinfo", "0", "", "application/warc-fields", b"software: test\r\n", gzip));
        warc.extend(warc_record(
            "request",
            "1",
            "https://blog.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
            gzip,
        ));
        warc.extend(warc_record(
            "response",
            "2",
            "https://blog.example/a",
            "application/http; msgtype=response",
            &http("Content-Type: text/html; charset=UTF-8\r\n", &blog),
            gzip,
        ));
        warc.extend(warc_record(
            "response",
            "3",
            "https://blog.example/logo.png",
            "application/http; msgtype=response",
            &http("Content-Type: image/png\r\n", b"\x89PNG"),
            gzip,
        ));
        warc.extend(warc_record(
            "response",
            "4",
            "https://www.energy-daily.com/x.html",
            "application/http; msgtype=response",
            &http("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", &seed_gz),
            gzip,
        ));
        let name = if gzip { "crawl.warc.gz" } else { "crawl.warc" };
        std::fs::write(d.join(name), &warc).unwrap();
        let out = d.join(format!("{name}.jsonl"));
        let res = lucid()
            .args(["batch", d.join(name).to_str().unwrap(), "--out", out.to_str().unwrap(), "--accessed", "2026-12-04"])
            .output()
            .unwrap();
        assert!(res.status.success());
        let stderr = String::from_utf8_lossy(&res.stderr);
        assert!(stderr.contains("2 pages, 2 extracted"), "{stderr}");
        assert!(
            stderr.contains(
                "3 WARC records skipped, not HTML pages: 1 image/png payload, 1 request record, 1 warcinfo record"
            ),
            "{stderr}"
        );
        let lines = jsonl(&out);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], "<urn:uuid:2>");
        assert_eq!(lines[0]["url"], "https://blog.example/a");
        assert_eq!(lines[0]["file"].as_str().unwrap(), d.join(name).to_str().unwrap());
        assert_eq!(lines[1]["id"], "<urn:uuid:4>");
        // The same article as from the page's file at the same URL.
        for (line, page, url) in [
            (&lines[0], fixture("wordpress-blog"), "https://blog.example/a"),
            (&lines[1], fixture("energy-daily"), "https://www.energy-daily.com/x.html"),
        ] {
            let one = lucid()
                .args(["extract", page.to_str().unwrap(), "--url", url, "--accessed", "2026-12-04"])
                .output()
                .unwrap();
            let one: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
            for key in ["title", "authors", "published", "text", "html", "citation"] {
                assert_eq!(line[key], one[key], "{key} of {url}");
            }
        }
    }
}

#[test]
fn batch_reads_paths_and_urls_from_standard_input_and_reports_a_broken_warc() {
    let d = tmpdir("stdin");
    std::fs::write(d.join("bad.warc.gz"), b"\x1f\x8b not really gzip").unwrap();
    let list = format!(
        "https://blog.example/a\t{}\n{}\n\n{}\n",
        fixture("wordpress-blog").display(),
        fixture("energy-daily").display(),
        d.join("bad.warc.gz").display()
    );
    let out = d.join("out.jsonl");
    let mut child = lucid()
        .args(["batch", "-", "--out", out.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(list.as_bytes()).unwrap();
    let res = child.wait_with_output().unwrap();
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["url"], "https://blog.example/a");
    assert_eq!(lines[0]["id"], "page");
    assert!(lines[1].get("url").is_none_or(|u| u == ""), "no URL given: none made up");
    assert!(lines[2]["error"].as_str().unwrap().contains("not a readable WARC record"), "{}", lines[2]);
    let missing = lucid()
        .args(["batch", d.join("nope.warc").to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file or folder"));
}

#[test]
fn declutter_and_rules() {
    let out = lucid().args(["declutter", fixture("news-jsonld-consent").to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON list");
    let has = |kind: &str, element: &str| {
        items.iter().any(|i| i["kind"] == kind && i["element"].as_str().unwrap_or("").starts_with(element))
    };
    assert!(has("consent", "div#onetrust-consent-sdk"), "{items:#?}");
    assert!(has("ad", "div#div-gpt-ad-leaderboard"));
    assert!(has("newsletter", "aside"));
    assert!(
        items.iter().all(|i| !i["text"].as_str().unwrap_or("").contains("Councillors have approved")),
        "never the story"
    );
    let bad = lucid().args(["declutter", "/nonexistent/page.html"]).output().unwrap();
    assert!(!bad.status.success());
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1, "one-line error");

    let rules = lucid().arg("rules").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&rules.stdout).unwrap();
    let pkg: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/@duckduckgo/autoconsent/package.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(v["version"], pkg["version"], "compiled from the installed package");
    assert!(v["rules"].as_u64().unwrap() > 500 && v["text_patterns"].as_u64().unwrap() > 50);
    let list = &v["filter_list"];
    assert!(list["source"].as_str().unwrap().starts_with("EasyList"), "{list}");
    assert!(list["rules"].as_u64().unwrap() > 10_000 && list["keyed_by_class_or_id"].as_u64().unwrap() > 9_000);
    assert!(list["license"].as_str().unwrap().contains("CC BY-SA 3.0"));
}

#[test]
fn quote_with_its_citation_and_link() {
    let page = fixture("energy-daily");
    let run = |args: &[&str]| {
        let mut c = lucid();
        c.arg("extract").arg(&page).args(["--url", "https://energy.example/talks", "--accessed", "2026-12-07"]);
        c.args(args).output().unwrap()
    };
    let out = run(&["--quote", "heightened  tensions in Iraq", "--format", "apa"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "“heightened tensions in Iraq” (Gamal-Gabriel & Dunlop, 2024)\n\nGamal-Gabriel, T., & Dunlop, W. G. (2024"
        ),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with("https://energy.example/talks#:~:text=heightened%20tensions%20in%20Iraq"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--quote", "heightened tensions", "--format", "json"]).stdout).unwrap();
    for style in ["apa", "mla", "chicago-author-date", "chicago-notes", "harvard"] {
        assert!(json[style]["plain"].as_str().unwrap().starts_with("“heightened tensions”"), "{style}");
        assert!(json[style]["html"].as_str().unwrap().starts_with("<blockquote><p>“heightened tensions”"), "{style}");
    }
    // Not in the article, or not a prose style: a one-line error.
    for args in [
        &["--quote", "no such passage anywhere", "--format", "apa"][..],
        &["--quote", "tensions", "--format", "bibtex"],
    ] {
        let out = run(args);
        assert!(!out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
}
