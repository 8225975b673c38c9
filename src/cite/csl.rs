//! The prose citation styles, rendered by `hayagriva` (a CSL 1.0.2 processor)
//! from the official style files in `data/csl/`.

use hayagriva::citationberg::{json as csl_json, IndependentStyle, Locale, LocaleFile};
use hayagriva::{BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest};
use serde::Deserialize;
use serde_json::Value;
use std::sync::OnceLock;

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

/// The parsed style, kept for the next citation. Each style has its own
/// cell, so threads parse different styles at once ([`prepare`]).
fn style(key: &str) -> Result<&'static IndependentStyle, String> {
    static STYLES: [OnceLock<Result<IndependentStyle, String>>; super::STYLES.len()] =
        [const { OnceLock::new() }; super::STYLES.len()];
    let at = super::STYLES.iter().position(|(k, _)| *k == key);
    let (Some(at), Some(xml)) = (at, style_xml(key)) else {
        return Err(format!("unknown citation style {key:?}"));
    };
    STYLES[at].get_or_init(|| IndependentStyle::from_xml(xml).map_err(|e| e.to_string())).as_ref().map_err(Clone::clone)
}

/// Parse a style (and the locale) now, so that the first citation does not
/// wait for it: `lucid batch` parses the styles on every core at once while
/// its first pages are read (parsing all five takes ~50 ms on one core).
pub fn prepare(key: &str) {
    let _ = (style(key), locales());
}

/// Render the bibliography entry for a CSL-JSON `item` in the style `key`
/// (one of [`super::STYLES`]).
pub fn render(item: &Value, key: &str) -> Result<Rendered, String> {
    let entry = entry(item)?;
    let reference = reference(&entry, key)?;
    let mut html = String::new();
    reference.write_buf(&mut html, BufWriteFormat::Html).map_err(|e| e.to_string())?;
    Ok(Rendered { text: text(&reference)?, html: quote_punctuation(html.trim()) })
}

/// The plain-text entry in each of the styles `keys` (what the CLI's JSON
/// holds): the item is read once for all of them.
pub fn render_texts<'k>(item: &Value, keys: impl IntoIterator<Item = &'k str>) -> Vec<(&'k str, String)> {
    let Ok(entry) = entry(item) else { return Vec::new() };
    keys.into_iter().filter_map(|key| Some((key, text(&reference(&entry, key).ok()?).ok()?))).collect()
}

/// The in-text citation of `item` in the style `key` (a note style's note)
/// and its bibliography entry, each as plain text and HTML; and whether the
/// style cites in notes.
pub fn render_cited(item: &Value, key: &str) -> Result<(Rendered, Rendered, bool), String> {
    let entry = entry(item)?;
    let style = style(key)?;
    let locales = locales()?;
    let mut driver: BibliographyDriver<'_, csl_json::Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::new(vec![CitationItem::with_entry(&entry)], style, None, locales, Some(1)));
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    let cited = rendered.citations.into_iter().next().ok_or("the style produced no citation")?;
    let note = cited.note_number.is_some() && style.settings.class == hayagriva::citationberg::StyleClass::Note;
    let both = |e: &hayagriva::ElemChildren| -> Result<Rendered, String> {
        let mut html = String::new();
        e.write_buf(&mut html, BufWriteFormat::Html).map_err(|e| e.to_string())?;
        Ok(Rendered { text: text(e)?, html: quote_punctuation(html.trim()) })
    };
    let reference = rendered
        .bibliography
        .and_then(|b| b.items.into_iter().next())
        .map(|r| r.content)
        .ok_or("the style produced no bibliography entry")?;
    Ok((both(&cited.citation)?, both(&reference)?, note))
}

fn entry(item: &Value) -> Result<csl_json::Item, String> {
    csl_json::Item::deserialize(item).map_err(|e| format!("bad CSL-JSON item: {e}"))
}

/// The bibliography entry for `entry` in the style `key`.
fn reference(entry: &csl_json::Item, key: &str) -> Result<hayagriva::ElemChildren, String> {
    let style = style(key)?;
    let locales = locales()?;
    // (Only the bibliography entry is wanted: the in-text citation is not rendered.)
    let mut driver: BibliographyDriver<'_, csl_json::Item> = BibliographyDriver::new().bibliography_only();
    driver.citation(CitationRequest::new(vec![CitationItem::with_entry(entry)], style, None, locales, Some(1)));
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    rendered
        .bibliography
        .and_then(|b| b.items.into_iter().next())
        .map(|r| r.content)
        .ok_or_else(|| "the style produced no bibliography entry".to_string())
}

fn text(reference: &hayagriva::ElemChildren) -> Result<String, String> {
    let mut text = String::new();
    reference.write_buf(&mut text, BufWriteFormat::Plain).map_err(|e| e.to_string())?;
    Ok(quote_punctuation(text.trim()))
}

/// American English puts commas and periods inside closing quotation marks
/// (the en-US locale's `punctuation-in-quote`). hayagriva does this as it
/// writes, except after a group's prefix (Harvard, no author: `”, 1 April`),
/// so the finished reference is swept once more, as citeproc-js would have it.
fn quote_punctuation(s: &str) -> String {
    s.replace("”,", ",”").replace("”.", ".”")
}
