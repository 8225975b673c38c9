//! The page's own picture of the article (`og:image`…) above a story that
//! shows none: added to an article without images, never to one that has
//! its own, nor to what the reader picked by hand, nor with the signal off;
//! never part of the text.

const STORY: &str = "<p>The glacier above the valley lost twice as much ice in the last ten years as in the decade before, according to measurements published on Tuesday.</p>
<p>Surveyors walked the edge of the ice every autumn since 1990 and marked its tongue with painted stones, which now lie more than a kilometre below the front.</p>
<p>The office said the warmer summers of recent years, with less snow to shield the ice in spring, explained most of the loss, and dust a smaller share.</p>";

fn page(body: &str) -> String {
    format!(
        r#"<html lang="en"><head><title>Glacier retreat doubles</title>
        <meta property="og:image" content="https://cdn.example/photos/glacier-1200x630.jpg">
        <meta property="og:image:alt" content="The glacier in August"></head>
        <body><article><h1>Glacier retreat doubles</h1>{body}</article></body></html>"#
    )
}

fn extract(html: &str, options: lucid::Options) -> lucid::Article {
    let options = lucid::Options { accessed: Some("2026-12-04".into()), ..options };
    lucid::extract(html, "https://news.example/glacier", &options).expect("an article")
}

const LEAD: &str = r#"<figure><img src="https://cdn.example/photos/glacier-1200x630.jpg" alt="The glacier in August""#;

#[test]
fn an_article_without_images_gets_the_pages_picture_on_top() {
    let a = extract(&page(STORY), lucid::Options::default());
    assert!(a.html.starts_with(LEAD), "{}", a.html);
    assert_eq!(a.image.as_deref(), Some("https://cdn.example/photos/glacier-1200x630.jpg"));
    assert!(
        a.markdown.starts_with("![The glacier in August](https://cdn.example/photos/glacier-1200x630.jpg)"),
        "{}",
        a.markdown
    );
    assert!(a.text.starts_with("The glacier above the valley"), "the picture adds no text: {}", a.text);
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["image"], "https://cdn.example/photos/glacier-1200x630.jpg");
}

#[test]
fn an_article_with_a_picture_of_its_own_keeps_only_its_own() {
    // Anywhere in the story: it may be the same picture at another size.
    let body = format!(
        r#"{STORY}<figure><img src="https://cdn.example/photos/glacier-800.jpg" alt="Ice"></figure><p>Farmers changed when they irrigate, and the town plans a reservoir for dry late summers.</p>"#
    );
    let a = extract(&page(&body), lucid::Options::default());
    assert!(!a.html.contains("glacier-1200x630"), "{}", a.html);
    assert_eq!(a.html.matches("<img").count(), 1);
    // Still reported, for batch users.
    assert_eq!(a.image.as_deref(), Some("https://cdn.example/photos/glacier-1200x630.jpg"));
}

#[test]
fn not_in_a_picked_element_nor_with_the_signal_off() {
    let picked = lucid::Options { picked: true, force: true, ..Default::default() };
    assert!(!extract(&page(STORY), picked).html.contains("<img"));
    let off = lucid::Options { disable: vec!["lead-image".into()], ..Default::default() };
    let a = extract(&page(STORY), off);
    assert!(!a.html.contains("<img"), "{}", a.html);
}
