//! The article as one document: the Markdown and plain-text copies that
//! `lucid extract --format` writes and the view's Copy buttons ask for, each
//! with the article's head (title, byline line, URL) and, in Markdown, its
//! key facts. It stands above the pipeline: it takes the finished
//! [`Article`].

use crate::facts::panel::{self, Labels};
use crate::pipeline::Article;
use crate::render;

/// "Copy as Markdown" (`kind` `markdown`) or "Copy as plain text" (`text`)
/// of the article the browser holds, given as the JSON `extract` returned
/// (metadata, `text` and the `nodes` tree with its facts marked). Written
/// when asked, so that extraction does not write (and hand over) both copies
/// for every page: the same as [`markdown_document`] and [`text_document`] of
/// the extracted article.
pub fn copy_document(article_json: &str, kind: &str) -> Result<String, String> {
    if !matches!(kind, "markdown" | "text") {
        return Err(format!("unknown copy {kind:?} (markdown or text)"));
    }
    let held = render::read_held(article_json)?;
    let a = Article {
        title: held.title,
        authors: held.authors,
        published: held.published,
        site_name: held.site_name,
        url: held.url,
        text: held.text,
        panel: held.panel,
        ..Default::default()
    };
    let labels = held.labels.unwrap_or_default();
    let keys: Vec<&str> = held.keys.iter().map(String::as_str).collect();
    Ok(if kind == "markdown" {
        markdown_document_with(&a, &render::markdown(&held.nodes), &keys, &labels)
    } else {
        text_document(&a)
    })
}

/// "Authors · Site · YYYY-MM-DD" under the title of a copied article.
fn byline_line(a: &Article) -> Option<String> {
    let mut meta = Vec::new();
    if !a.authors.is_empty() {
        meta.push(a.authors.join(", "));
    }
    meta.extend(a.site_name.clone());
    meta.extend(a.published.as_ref().map(|p| p.chars().take(10).collect::<String>()));
    (!meta.is_empty()).then(|| meta.join(" · "))
}

/// The article as a Markdown document: title, a byline line, the URL, the
/// body, then its key facts (the key sentences and the panel).
pub fn markdown_document(a: &Article) -> String {
    let keys: Vec<&str> = a.facts.iter().filter(|f| f.kind == "key_sentence").map(|f| f.text.as_str()).collect();
    markdown_document_with(a, &a.markdown, &keys, &Default::default())
}

/// [`markdown_document`] with the body's Markdown and the panel's headings given apart.
fn markdown_document_with(a: &Article, body: &str, keys: &[&str], labels: &Labels) -> String {
    let mut head = format!("# {}\n\n", a.title);
    if let Some(meta) = byline_line(a) {
        head.push_str(&format!("*{meta}*\n\n"));
    }
    if !a.url.is_empty() {
        head.push_str(&format!("<{}>\n\n", a.url));
    }
    match panel::markdown(keys, &a.panel, labels) {
        facts if facts.is_empty() => head + body,
        facts => head + body.trim_end() + &facts,
    }
}

/// The article as plain text: title, byline line, URL, body.
pub fn text_document(a: &Article) -> String {
    let meta = byline_line(a).map(|m| format!("{m}\n")).unwrap_or_default();
    let url = if a.url.is_empty() { String::new() } else { format!("{}\n", a.url) };
    format!("{}\n{meta}{url}\n{}", a.title, a.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_from_held_json() {
        let held = |nodes: &str| {
            format!(
                r#"{{"title":"T","authors":["A B"],"published":"2024-01-02","site_name":null,"url":"https://x.test/a","text":"Hi","nodes":{nodes}}}"#
            )
        };
        let md = copy_document(
            &held(r#"[["p",{},"A ",["mark",{"class":"fact fact-number"},"5"]," ",["a",{"href":"https://x.test/b","onclick":"x"},"link"]],["blink",{},["p",{},"kept"]]]"#),
            "markdown",
        )
        .unwrap();
        assert_eq!(md, "# T\n\n*A B · 2024-01-02*\n\n<https://x.test/a>\n\nA 5 [link](https://x.test/b)\n\nkept\n");
        assert_eq!(copy_document(&held("[]"), "text").unwrap(), "T\nA B · 2024-01-02\nhttps://x.test/a\n\nHi");
        assert!(copy_document(&held("[]"), "pdf").is_err());
        assert!(copy_document("{", "text").is_err());
        assert!(copy_document(&held("[1]"), "text").is_err());
        // Nesting deeper than any rendered tree is refused, not a stack overflow.
        let deep = format!("[{}\"x\"{}]", r#"["blockquote",{},"#.repeat(5000), "]".repeat(5000));
        assert!(copy_document(&held(&deep), "markdown").unwrap_err().contains("too deeply"));
        let fine = format!("[{}\"x\"{}]", r#"["blockquote",{},"#.repeat(300), "]".repeat(300));
        assert!(copy_document(&held(&fine), "markdown").unwrap().contains("> x"));
    }
}
