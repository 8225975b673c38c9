//! Dates as stated, in ISO 8601: from metadata in its many forms, and from
//! the page's address.

use super::*;

/// Parse a date string into ISO 8601: a full timestamp with offset when the
/// source has one, `YYYY-MM-DDTHH:MM:SS` without, or `YYYY-MM-DD`.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.to_rfc3339());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S %z"] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d.to_rfc3339());
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.to_rfc3339());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    let cleaned = s.replace([',', '.'], "");
    for f in
        ["%Y-%m-%d", "%Y/%m/%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y%m%d", "%A %B %d %Y", "%a %b %d %Y"]
    {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, f) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    // A leading ISO date followed by anything else.
    if s.len() >= 10 && s.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

/// `/2024/01/25/` in the URL path.
pub(super) fn date_from_url(u: &str) -> Option<String> {
    let parts: Vec<&str> = u.split(['/', '?', '#']).collect();
    parts.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() == 4 && m.len() == 2 && d.len() == 2 {
            NaiveDate::parse_from_str(&format!("{y}-{m}-{d}"), "%Y-%m-%d")
                .ok()
                .map(|d| d.format("%Y-%m-%d").to_string())
        } else {
            None
        }
    })
}
