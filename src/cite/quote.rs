//! A quotation from an article with its citation: what "Copy quote" in the
//! reader view copies, and what `lucid extract --quote` prints. The quoted
//! words in curly quotes followed by the in-text citation in the reader's
//! style (or, in a note style, the note), the full reference, and a link to
//! the passage itself: the article's URL with a text fragment
//! (`#:~:text=start,end`, which Chromium and Firefox open scrolled to the
//! passage and highlighted).

use serde_json::Value;

/// A quotation as plain text and HTML, the link to its passage, and the
/// in-text citation alone (a note style's note), for notes exported as
/// Markdown.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Quote {
    pub plain: String,
    pub html: String,
    pub link: String,
    pub citation: String,
}

/// The text-fragment link to `quote` in the page at `url`: the whole quote
/// when it is eight words or fewer, else its first and last four words.
pub fn link(url: &str, quote: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let words: Vec<&str> = quote.split_whitespace().collect();
    let directive = if words.len() <= 8 {
        encode(&words.join(" "))
    } else {
        format!("{},{}", encode(&words[..4].join(" ")), encode(&words[words.len() - 4..].join(" ")))
    };
    format!("{base}#:~:text={directive}")
}

/// Percent-encoding for a text directive: everything but unreserved
/// characters, so that `-`, `,` and `&` (the directive's own syntax) are
/// encoded too.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `text` quoted from the article whose CSL-JSON item is `item`, cited in
/// the prose style `style` (`apa`, `mla`, `chicago-author-date`,
/// `chicago-notes`, `harvard`).
pub fn quote(item: &Value, style: &str, text: &str) -> Result<Quote, String> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return Err("nothing to quote".into());
    }
    let url = item.get("URL").and_then(Value::as_str).unwrap_or("");
    let (cited, reference, note) = super::csl::render_cited(item, style)?;
    let link = if url.is_empty() { String::new() } else { link(url, &words) };
    let quoted = format!("“{words}”");
    let (plain, html) = if note {
        (
            format!("{quoted}¹\n\n1. {}\n\n{}", cited.text, reference.text),
            format!(
                "<blockquote><p>{}<sup>1</sup></p></blockquote><p>1. {}</p><p>{}</p>",
                escape(&quoted),
                cited.html,
                reference.html
            ),
        )
    } else {
        (
            format!("{quoted} {}\n\n{}", cited.text, reference.text),
            format!("<blockquote><p>{} {}</p></blockquote><p>{}</p>", escape(&quoted), cited.html, reference.html),
        )
    };
    let (plain, html) = if link.is_empty() {
        (plain, html)
    } else {
        (format!("{plain}\n{link}"), format!("{html}<p><a href=\"{}\">{}</a></p>", escape(&link), escape(&link)))
    };
    Ok(Quote { plain, html, link, citation: cited.text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fragment_links() {
        assert_eq!(link("https://x.org/a#top", "the talks"), "https://x.org/a#:~:text=the%20talks");
        assert_eq!(
            link("https://x.org/a", "one, two - three & four five six seven eight nine"),
            "https://x.org/a#:~:text=one%2C%20two%20-%20three,six%20seven%20eight%20nine"
                .replace("%20-%20", "%20%2D%20")
        );
    }

    #[test]
    fn quoted_with_its_citation_and_reference() {
        let item = serde_json::json!({
            "id": "a", "type": "article-newspaper", "title": "Talks on troops",
            "author": [{"family": "Dunlop", "given": "W. G."}],
            "container-title": "Energy Daily", "issued": {"date-parts": [[2024, 1, 25]]},
            "URL": "https://energy.example/talks", "accessed": {"date-parts": [[2026, 12, 7]]}
        });
        let q = quote(&item, "apa", "heightened  tensions\nin Iraq").unwrap();
        assert!(
            q.plain.starts_with("“heightened tensions in Iraq” (Dunlop, 2024)\n\nDunlop, W. G. (2024"),
            "{}",
            q.plain
        );
        assert!(
            q.plain.ends_with("\nhttps://energy.example/talks#:~:text=heightened%20tensions%20in%20Iraq"),
            "{}",
            q.plain
        );
        assert!(
            q.html.starts_with("<blockquote><p>“heightened tensions in Iraq” (Dunlop, 2024)</p></blockquote><p>"),
            "{}",
            q.html
        );
        let n = quote(&item, "chicago-notes", "tensions").unwrap();
        assert!(n.plain.starts_with("“tensions”¹\n\n1. W. G. Dunlop, “Talks on Troops,”"), "{}", n.plain);
        assert!(quote(&item, "apa", "  ").is_err());
    }
}
