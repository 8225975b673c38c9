//! The prose citation styles, rendered by `hayagriva` (a CSL 1.0.2 processor)
//! from the official style files in `data/csl/`.

use hayagriva::citationberg::{json as csl_json, IndependentStyle, Locale, LocaleFile};
use hayagriva::{BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest};
use serde_json::Value;
use std::sync::{Mutex, OnceLock};

/// One rendered reference: plain text, and HTML with the style's italics.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rendered {
    pub text: String,
    pub html: String,
}

fn style_xml(key: &str) -> Option<&'static str> {
    Some(match key {
        "apa" => include_str!("../../data/csl/apa.csl"),
        "mla" => include_str!("../../data/csl/modern-language-association.csl"),
        "chicago-author-date" => include_str!("../../data/csl/chicago-author-date.csl"),
        "chicago-notes" => include_str!("../../data/csl/chicago-notes-bibliography.csl"),
        "harvard" => include_str!("../../data/csl/harvard-cite-them-right.csl"),
        _ => return None,
    })
}

/// The parsed locale, kept for the next citation.
fn locales() -> Result<&'static [Locale], String> {
    static LOCALES: OnceLock<Result<Vec<Locale>, String>> = OnceLock::new();
    LOCALES
        .get_or_init(|| {
            let file =
                LocaleFile::from_xml(include_str!("../../data/csl/locales-en-US.xml")).map_err(|e| e.to_string())?;
            Ok(vec![file.into()])
        })
        .as_deref()
        .map_err(Clone::clone)
}

/// The parsed style, kept for the next citation.
fn style(key: &str) -> Result<&'static IndependentStyle, String> {
    static STYLES: OnceLock<Mutex<Vec<(String, &'static IndependentStyle)>>> = OnceLock::new();
    let cache = STYLES.get_or_init(Default::default);
    let mut cache = cache.lock().map_err(|_| "style cache poisoned".to_string())?;
    if let Some((_, s)) = cache.iter().find(|(k, _)| k == key) {
        return Ok(s);
    }
    let xml = style_xml(key).ok_or_else(|| format!("unknown citation style {key:?}"))?;
    let parsed: &'static IndependentStyle =
        Box::leak(Box::new(IndependentStyle::from_xml(xml).map_err(|e| e.to_string())?));
    cache.push((key.to_string(), parsed));
    Ok(parsed)
}

/// Render the bibliography entry for a CSL-JSON `item` in the style `key`
/// (one of [`super::STYLES`]).
pub fn render(item: &Value, key: &str) -> Result<Rendered, String> {
    let style = style(key)?;
    let locales = locales()?;
    let entry: csl_json::Item = serde_json::from_value(item.clone()).map_err(|e| format!("bad CSL-JSON item: {e}"))?;
    let mut driver: BibliographyDriver<'_, csl_json::Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::new(vec![CitationItem::with_entry(&entry)], style, None, locales, Some(1)));
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    let reference = rendered
        .bibliography
        .and_then(|b| b.items.into_iter().next())
        .ok_or_else(|| "the style produced no bibliography entry".to_string())?;
    let mut text = String::new();
    let mut html = String::new();
    reference.content.write_buf(&mut text, BufWriteFormat::Plain).map_err(|e| e.to_string())?;
    reference.content.write_buf(&mut html, BufWriteFormat::Html).map_err(|e| e.to_string())?;
    Ok(Rendered { text: quote_punctuation(text.trim()), html: quote_punctuation(html.trim()) })
}

/// American English puts commas and periods inside closing quotation marks
/// (the en-US locale's `punctuation-in-quote`). hayagriva does this as it
/// writes, except after a group's prefix (Harvard, no author: `”, 1 April`),
/// so the finished reference is swept once more, as citeproc-js would have it.
fn quote_punctuation(s: &str) -> String {
    s.replace("”,", ",”").replace("”.", ".”")
}
