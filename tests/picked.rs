//! Extraction from an element the reader picked by hand (`Options::picked`;
//! the extension's picker hands the core that element inside its ancestors'
//! bare tags, with the page's `<head>`): all of the element is the article,
//! the page's metadata stays, and neither scoring, a JSON-LD `articleBody`
//! nor a `<noscript>` copy takes its place.

fn picked(body: &str) -> lucid::Article {
    let html = format!(
        r#"<html lang="en"><head><title>Why our allotment switched to no-dig beds</title>
        <meta name="author" content="Ann Lee"><meta property="article:published_time" content="2023-09-02">
        <script type="application/ld+json">{{"@type":"BlogPosting","headline":"Why our allotment switched to no-dig beds",
        "articleBody":"A much longer body from the JSON-LD that is not what the reader picked. {}"}}</script>
        </head><body class="home">{body}</body></html>"#,
        "Filler sentence. ".repeat(80)
    );
    let opts = lucid::Options { force: true, picked: true, accessed: Some("2026-12-04".into()), ..Default::default() };
    lucid::extract(&html, "https://example.com/2023/09/no-dig/", &opts).expect("a picked element is always shown")
}

#[test]
fn a_picked_comment_thread_is_the_article_with_the_pages_metadata() {
    let a = picked(
        r#"<div><main class="site-main"><div id="comments" class="comments-area">
        <h2 class="comments-title">2 thoughts</h2><ol class="comment-list">
        <li class="comment"><article class="comment-body"><p>Tried this last year on heavy clay and it worked wonders.</p></article></li>
        <li class="comment"><article class="comment-body"><p>Where do you get your compost from?</p></article></li></ol>
        <form><textarea name="c"></textarea></form><script>alert(1)</script></div></main></div>"#,
    );
    assert!(a.text.contains("Tried this last year on heavy clay"), "{}", a.text);
    assert!(a.text.contains("Where do you get your compost from?"));
    assert!(!a.text.contains("JSON-LD"), "the articleBody does not replace the pick");
    assert!(!a.text.contains("alert"));
    assert_eq!(a.title, "Why our allotment switched to no-dig beds");
    assert_eq!(a.authors, ["Ann Lee"]);
    assert_eq!(a.published.as_deref(), Some("2023-09-02"));
    assert!(a.citation.0.get("bibtex").is_some_and(|b| b.contains("no-dig")));
}

#[test]
fn a_picked_table_cell_is_read_inside_its_table() {
    let a = picked(
        r#"<table width="100%"><tbody><tr><td class="sidebar-ad-cell"><p>The story in a table cell, as old sites lay out their pages.</p>
        <p>Its second paragraph, with <b>bold</b> text.</p></td></tr></tbody></table>"#,
    );
    assert!(a.text.contains("The story in a table cell"), "{}", a.text);
    assert!(a.text.contains("Its second paragraph, with bold text."));
}
