//! Hostile markup through the core: every vector in tests/security/vectors.json
//! and every page in tests/fixtures. The reader HTML may hold only allow-listed
//! elements, attributes and URL schemes, and — checked with ammonia's strict
//! default configuration as an independent oracle — nothing ammonia would strip,
//! beyond a short, reviewed list of harmless extras.

use scraper::{Html, Node};
use std::collections::BTreeSet;
use std::path::Path;

const PARA: &str = "The council said on Monday that the new library would open next spring, with room for study, a children's corner and a café, after two years of building work in the town centre.";

fn page(payload: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=en><head><title>Library to open next spring</title></head><body><article>\
         <h1>Library to open next spring</h1><p>{PARA}</p><p>{PARA}</p>{payload}<p>{PARA}</p><p>{PARA}</p></article></body></html>"
    )
}

const TAGS: &[&str] = &[
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dfn",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "strong",
    "sub",
    "sup",
    "ruby",
    "rb",
    "rt",
    "rp",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];
const ATTRS: &[&str] = &[
    "href",
    "src",
    "alt",
    "title",
    "datetime",
    "colspan",
    "rowspan",
    "start",
    "class",
    "rel",
    "loading",
    "referrerpolicy",
];

/// Formulas: MathML Core's presentation elements and their layout
/// attributes (src/render/math.rs). Ammonia keeps no MathML; these are
/// reviewed below: no link, no style, no handler, values that are words,
/// lengths or a formula's TeX.
const MATH_TAGS: &[&str] = &[
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
];
const MATH_ATTRS: &[&str] = &[
    "display",
    "alttext",
    "mathvariant",
    "displaystyle",
    "scriptlevel",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "accent",
    "accentunder",
    "fence",
    "separator",
    "form",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "linethickness",
    "columnalign",
    "rowalign",
    "columnspan",
    "rowspan",
    "width",
    "height",
    "depth",
    "voffset",
    "dir",
];

/// (element, attribute, value) triples of an HTML fragment; attribute "" for the element itself.
fn triples(html: &str) -> BTreeSet<(String, String, String)> {
    let frag = Html::parse_fragment(html);
    let mut out = BTreeSet::new();
    for n in frag.tree.root().descendants() {
        if let Node::Element(e) = n.value() {
            let tag = e.name().to_string();
            if tag == "html" {
                continue;
            }
            out.insert((tag.clone(), String::new(), String::new()));
            for (k, v) in e.attrs() {
                out.insert((tag.clone(), k.to_string(), v.to_string()));
            }
        }
    }
    out
}

/// What we emit that ammonia's default (strict) builder does not keep, and why it is safe.
fn reviewed_extra(t: &(String, String, String)) -> bool {
    let (tag, attr, value) = (t.0.as_str(), t.1.as_str(), t.2.as_str());
    match (tag, attr) {
        // Our own fact highlights: a fixed class name, no style.
        ("mark", "class") => value.starts_with("fact fact-"),
        // Images load lazily and send no referrer.
        ("img", "loading") => value == "lazy",
        ("img", "referrerpolicy") => value == "no-referrer",
        // The same rel ammonia would set.
        ("a", "rel") => value == "noopener noreferrer",
        // A formula's elements, and their layout attributes: words and
        // lengths ("block", "bold", "0.5em"), a formula's TeX in `alttext`
        // (inert text), never a URL or a script.
        (t, "") if MATH_TAGS.contains(&t) => true,
        (t, a) if MATH_TAGS.contains(&t) && MATH_ATTRS.contains(&a) => {
            let v = value.to_ascii_lowercase();
            !v.contains("javascript:")
                && !v.contains("url(")
                && (a == "alttext" || v.chars().all(|c| c.is_ascii_alphanumeric() || "-.% ".contains(c)))
        }
        // Machine-readable dates and table geometry: plain text values.
        ("time", "datetime") | ("td" | "th", "colspan" | "rowspan") | ("ol", "start") => {
            value.chars().all(|c| c.is_ascii_alphanumeric() || "-:+.TZ ".contains(c))
        }
        _ => false,
    }
}

fn check(name: &str, html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let ours = triples(html);
    for (tag, attr, value) in &ours {
        let math = MATH_TAGS.contains(&tag.as_str());
        if !TAGS.contains(&tag.as_str()) && !math {
            problems.push(format!("{name}: element <{tag}>"));
        }
        let allowed = ATTRS.contains(&attr.as_str()) || (math && MATH_ATTRS.contains(&attr.as_str()));
        if !attr.is_empty() && !allowed {
            problems.push(format!("{name}: attribute {attr} on <{tag}>"));
        }
        if attr == "href" || attr == "src" {
            let v = value.to_ascii_lowercase();
            let ok = v.starts_with("http://")
                || v.starts_with("https://")
                || (attr == "href" && v.starts_with("mailto:"))
                || (attr == "src" && v.starts_with("data:image/") && !v.starts_with("data:image/svg"));
            if !ok {
                problems.push(format!("{name}: {attr}={value:?}"));
            }
        }
    }
    let clean = ammonia::Builder::default().clean(html).to_string();
    let oracle = triples(&clean);
    for t in ours.difference(&oracle) {
        if !reviewed_extra(t) {
            problems.push(format!("{name}: ammonia would strip {t:?}"));
        }
    }
    problems
}

fn vectors() -> Vec<(String, String)> {
    let raw =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/security/vectors.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    v["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (x["name"].as_str().unwrap().to_string(), x["html"].as_str().unwrap().replace("{ID}", &i.to_string()))
        })
        .collect()
}

#[test]
fn vectors_leave_nothing_executable() {
    let vectors = vectors();
    assert!(vectors.len() >= 100, "at least 100 vectors");
    let mut problems = Vec::new();
    for (name, payload) in &vectors {
        let a = lucid::extract(
            &page(payload),
            "https://example.com/news/library",
            &lucid::Options { force: true, ..Default::default() },
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(a.text.contains("would open next spring"), "{name}: the article survives");
        problems.extend(check(name, &a.html));
        // Markup written as text stays text.
        if name.starts_with("text-") {
            assert!(a.html.contains("Quoted markup: &lt;"), "{name}: escaped markup kept as text: {}", a.html);
        }
    }
    println!("{} vectors checked", vectors.len());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn fixtures_pass_the_oracle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut problems = Vec::new();
    let mut n = 0;
    for dir in std::fs::read_dir(root).unwrap().filter_map(|e| e.ok().map(|e| e.path())) {
        let Ok(html) = std::fs::read_to_string(dir.join("page.html")) else { continue };
        let opts = lucid::Options { force: true, ..Default::default() };
        if let Ok(a) = lucid::extract(&html, "https://example.com/a", &opts) {
            problems.extend(check(&dir.display().to_string(), &a.html));
            n += 1;
        }
    }
    assert!(n >= 10);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_checks_catch_bad_output() {
    for bad in [
        "<img src=x onerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<p style=\"background:url(/x)\">x</p>",
        "<svg><circle></circle></svg>",
        "<iframe src=\"https://example.com\"></iframe>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<mark class=\"evil\">x</mark>",
        "<math href=\"javascript:alert(1)\"><mi>x</mi></math>",
        "<math><mi onclick=\"alert(1)\">x</mi></math>",
        "<math><mi style=\"background:url(/x)\">x</mi></math>",
        "<math><mi mathvariant=\"url(/x)\">x</mi></math>",
        "<math><maction actiontype=\"statusline\"><mi>x</mi></maction></math>",
        "<math><annotation-xml encoding=\"text/html\"><p>x</p></annotation-xml></math>",
    ] {
        assert!(!check("bad", bad).is_empty(), "not caught: {bad}");
    }
    assert!(check("good", "<p><mark class=\"fact fact-date\">Monday</mark> <a href=\"https://x.org/\" rel=\"noopener noreferrer\">x</a></p>").is_empty());
    assert!(check(
        "good",
        "<p><math display=\"block\" alttext=\"a^2\"><msup><mi mathvariant=\"bold\">a</mi><mn>2</mn></msup></math></p>"
    )
    .is_empty());
}
