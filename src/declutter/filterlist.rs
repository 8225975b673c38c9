//! The filter-list compiler. Run at build time by `build.rs`: it reads an
//! Adblock Plus-syntax list (EasyList, fetched by `setup.sh` from Debian's
//! pinned uBlock Origin package) and keeps its **generic element-hiding
//! rules** — `##selector` with no domain — minus the generic exceptions
//! (`#@#selector`). Per-site exceptions (`example.com#@#selector`) are kept
//! with the rule they switch off, so the rule is not applied on those hosts.
//! Per-site hiding rules, network rules and scriptlets are not used.
//!
//! The output (`$OUT_DIR/easylist-generic.txt`), one rule per line:
//! `key TAB selector TAB excepted-hosts`, where `key` is the class (`.name`)
//! or id (`#name`) the selector starts with, so that a page is only asked
//! about the rules whose key it has (most of them), or empty for the rest;
//! `selector` is empty when it is the key itself (most rules).
//! The first line is `! ` and where the rules come from.

use std::collections::{BTreeMap, BTreeSet};

/// What [`compile`] found.
pub struct Compiled {
    /// The table the core embeds (see the module's notes).
    pub table: String,
    /// Generic hiding rules kept.
    pub rules: usize,
    /// Of those, rules with a leading class or id (looked up by key).
    pub keyed: usize,
    /// Generic rules dropped by a generic exception.
    pub excepted: usize,
    /// Rules not kept: extended syntax no browser's CSS engine reads.
    pub unsupported: usize,
}

/// Pseudo-classes of the ad blockers' extended syntax (not CSS).
const EXTENDED: &[&str] = &[
    ":-abp-",
    ":has-text(",
    ":contains(",
    ":xpath(",
    ":upward(",
    ":remove(",
    ":style(",
    ":matches-css",
    ":matches-path(",
    ":matches-attr(",
    ":min-text-length(",
    ":watch-attr(",
    ":others(",
    ":if(",
    ":if-not(",
    ":remove-attr(",
    ":remove-class(",
    ":matches-media(",
    ":-ext-",
];

/// Compile `list` (the text of the filter list); `source` names it on the
/// table's first line.
pub fn compile(list: &str, source: &str) -> Compiled {
    let mut generic: BTreeSet<&str> = BTreeSet::new();
    let mut generic_exceptions: BTreeSet<&str> = BTreeSet::new();
    let mut site_exceptions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut unsupported = 0;
    for line in list.lines() {
        let line = line.trim_end();
        if line.starts_with('!') || line.starts_with('[') {
            continue;
        }
        if let Some(sel) = line.strip_prefix("##") {
            if is_css(sel) {
                generic.insert(sel);
            } else {
                unsupported += 1;
            }
        } else if let Some(sel) = line.strip_prefix("#@#") {
            generic_exceptions.insert(sel);
        } else if let Some((domains, sel)) = line.split_once("#@#") {
            if !domains.contains('#') && !domains.is_empty() {
                let set = site_exceptions.entry(sel).or_default();
                // `~example.com` negates; an exception with it is not a plain host list.
                set.extend(domains.split(',').filter(|d| !d.starts_with('~') && !d.is_empty()));
            }
        }
    }
    let excepted = generic.iter().filter(|s| generic_exceptions.contains(*s)).count();
    let mut rows: Vec<(String, &str, String)> = generic
        .iter()
        .filter(|s| !generic_exceptions.contains(*s))
        .map(|&s| {
            let hosts =
                site_exceptions.get(s).map(|h| h.iter().copied().collect::<Vec<_>>().join(",")).unwrap_or_default();
            (leading_key(s).unwrap_or_default(), s, hosts)
        })
        .collect();
    rows.sort();
    let keyed = rows.iter().filter(|r| !r.0.is_empty()).count();
    let mut table = format!("! {source}\n");
    for (key, sel, hosts) in &rows {
        table.push_str(key);
        table.push('\t');
        // Most rules are their key alone (`.ad-box`): written once.
        if key != sel {
            table.push_str(sel);
        }
        table.push('\t');
        table.push_str(hosts);
        table.push('\n');
    }
    Compiled { table, rules: rows.len(), keyed, excepted, unsupported }
}

/// A selector a browser's CSS engine can read (not the blockers' extended
/// syntax, no line breaks or tabs, which the table uses).
fn is_css(sel: &str) -> bool {
    !sel.is_empty()
        && !sel.contains(['\t', '\n', '\r'])
        && !sel.starts_with('+')
        && !sel.starts_with('^')
        && !EXTENDED.iter().any(|x| sel.contains(x))
}

/// The class (`.name`) or id (`#name`) a selector starts with, when its
/// first compound starts with one written plainly (no escapes) and the
/// selector is not a list: any element the selector matches then has an
/// ancestor or itself with that class or id, so a page without it cannot
/// match.
pub fn leading_key(sel: &str) -> Option<String> {
    let first = sel.chars().next()?;
    if first != '.' && first != '#' {
        return None;
    }
    let name: String =
        sel[1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || !c.is_ascii()).collect();
    let next = sel[1 + name.len()..].chars().next();
    if name.is_empty() || next == Some('\\') || top_level_comma(sel) || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{first}{name}"))
}

/// Is there a `,` outside brackets, parentheses and quotes?
fn top_level_comma(sel: &str) -> bool {
    let (mut depth, mut quote) = (0i32, None);
    for c in sel.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, ',') if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "[Adblock Plus 2.0]\n! Title: test\n##.ad-box\n###leaderboard\n##.banner > .x\n\
        ##[data-ad-slot]\n##a[href^=\"https://ads.example/\"]\n##.gone\n#@#.gone\n##.local\n\
        site.example,other.example#@#.local\nsite.example##.site-only\n##.x:-abp-has(.y)\n\
        ##div:has-text(Sponsored)\n##.a, .b\n##.esc\\:x\n";

    #[test]
    fn keeps_generic_css_rules_with_their_keys() {
        let c = compile(LIST, "test list");
        assert!(c.table.starts_with("! test list\n"));
        let rows: Vec<Vec<&str>> = c.table.lines().skip(1).map(|l| l.split('\t').collect()).collect();
        let find = |sel: &str| rows.iter().find(|r| r[1] == sel || (r[1].is_empty() && r[0] == sel)).cloned();
        assert_eq!(find(".ad-box").unwrap()[0], ".ad-box");
        assert_eq!(find("#leaderboard").unwrap()[0], "#leaderboard");
        assert_eq!(find(".banner > .x").unwrap()[0], ".banner");
        assert_eq!(find("[data-ad-slot]").unwrap()[0], "");
        assert_eq!(find("a[href^=\"https://ads.example/\"]").unwrap()[0], "");
        // A list and an escaped name are looked up without a key.
        assert_eq!(find(".a, .b").unwrap()[0], "");
        assert_eq!(find(".esc\\:x").unwrap()[0], "");
        // Generic exception: gone; per-site exception: kept with its hosts.
        assert!(find(".gone").is_none());
        assert_eq!(find(".local").unwrap()[2], "other.example,site.example");
        // Per-site hiding rules and extended syntax are not kept.
        assert!(find(".site-only").is_none());
        assert!(rows.iter().all(|r| !r[1].contains(":-abp-") && !r[1].contains(":has-text")));
        assert_eq!((c.rules, c.excepted, c.unsupported), (8, 1, 2));
        assert_eq!(c.keyed, 4);
    }

    #[test]
    fn keys() {
        assert_eq!(leading_key(".ad-slot:not(body)").as_deref(), Some(".ad-slot"));
        assert_eq!(leading_key("#ad_top > div").as_deref(), Some("#ad_top"));
        assert_eq!(leading_key("div.ad"), None);
        assert_eq!(leading_key(".a[x=\"1,2\"]").as_deref(), Some(".a"));
        assert_eq!(leading_key("#\\31 23"), None);
    }
}
