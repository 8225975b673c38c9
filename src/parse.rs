//! Stage 1: check and decode the input, and parse it into a DOM tree.

use crate::Error;
use scraper::Html;

/// Reject input that is empty, binary, or plain text without markup.
pub fn check_input(html: &str) -> Result<(), Error> {
    if html.trim().is_empty() {
        return Err(Error::Empty);
    }
    let head: String = html.chars().take(4096).collect();
    let control =
        head.chars().filter(|&c| (c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}').count();
    if head.contains('\0') || control * 10 > head.chars().count() {
        return Err(Error::NotHtml("binary data".into()));
    }
    let lower = head.to_ascii_lowercase();
    let has_markup = ["<html", "<body", "<head", "<!doctype", "<p", "<div", "<article", "<title", "<meta"]
        .iter()
        .any(|t| lower.contains(t))
        || html.to_ascii_lowercase().contains("<p");
    if !has_markup {
        return Err(Error::NotHtml("no HTML markup found".into()));
    }
    Ok(())
}

/// Decode raw page bytes to text: UTF-8 (with or without BOM) when valid,
/// otherwise Windows-1252, the encoding browsers assume for legacy pages.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Parse a whole document (HTML5 parsing rules, as a browser does).
pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_input() {
        assert_eq!(check_input("   \n"), Err(Error::Empty));
        assert!(matches!(check_input("\0\x01\x02binary\x03\x04"), Err(Error::NotHtml(_))));
        assert!(matches!(check_input("just some words"), Err(Error::NotHtml(_))));
        assert!(check_input("<p>Hello</p>").is_ok());
    }

    #[test]
    fn decodes_legacy_bytes() {
        assert_eq!(decode(b"caf\xe9 \x93ok\x94"), "café “ok”");
        assert_eq!(decode("\u{feff}é".as_bytes()), "é");
    }
}
