//! The generic element-hiding rules of EasyList, as `build.rs` compiled them
//! (see `filterlist.rs` for the table's format), and how a page is asked
//! about them: the page's class names and ids are collected once, and only
//! the rules keyed by one of them — plus the few hundred rules without a key
//! — are run as selectors. Matches go through the same guard as every other
//! candidate (never the article, `main`, `body`…).

use super::{host_matches, Page};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The compiled table.
const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/easylist-generic.txt"));

pub struct Rule {
    pub selector: &'static str,
    /// Hosts where the list switches this rule off (comma-separated).
    pub except: &'static str,
}

pub struct List {
    /// Where the rules come from (the table's first line).
    pub source: &'static str,
    pub rules: Vec<Rule>,
    /// Rule indices by the class (`.name`) or id (`#name`) they start with.
    keyed: HashMap<&'static str, Vec<u32>>,
    /// Rules without a key: run on every page.
    broad: Vec<u32>,
}

impl List {
    pub fn keyed_count(&self) -> usize {
        self.rules.len() - self.broad.len()
    }
}

pub fn list() -> &'static List {
    static LIST: OnceLock<List> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut lines = TABLE.lines();
        let source = lines.next().unwrap_or_default().trim_start_matches("! ");
        let (mut rules, mut keyed, mut broad) = (Vec::new(), HashMap::<&str, Vec<u32>>::new(), Vec::new());
        for line in lines {
            let mut cols = line.split('\t');
            let (Some(key), Some(selector)) = (cols.next(), cols.next()) else { continue };
            let i = rules.len() as u32;
            let selector = if selector.is_empty() { key } else { selector };
            rules.push(Rule { selector, except: cols.next().unwrap_or_default() });
            if key.is_empty() {
                broad.push(i);
            } else {
                keyed.entry(key).or_default().push(i);
            }
        }
        List { source, rules, keyed, broad }
    })
}

/// Where the list's rules come from and how many there are (`lucid rules`).
#[cfg(not(target_arch = "wasm32"))]
pub fn summary() -> serde_json::Value {
    let l = list();
    serde_json::json!({
        "source": l.source,
        "license": "CC BY-SA 3.0 (EasyList is dual-licensed GPL-3.0+ / CC BY-SA 3.0+; see data/NOTICE-easylist.md)",
        "kind": "generic element-hiding rules (##selector without a domain), less generic exceptions",
        "rules": l.rules.len(),
        "keyed_by_class_or_id": l.keyed_count(),
        "run_on_every_page": l.broad.len(),
        "with_site_exceptions": l.rules.iter().filter(|r| !r.except.is_empty()).count(),
    })
}

/// The first of `page`'s list selectors that `el` matches (to say which rule hid it).
pub fn rule_for<P: Page>(page: &P, el: &P::El) -> Option<String> {
    selectors_for(page).into_iter().find(|s| page.matches(el, s))
}

/// The class names (`.name`) and ids (`#name`) of the elements in scope.
pub fn page_keys<P: Page>(page: &P) -> HashSet<String> {
    let mut keys = HashSet::new();
    for e in page.select("[class],[id]").unwrap_or_default() {
        if let Some(class) = page.attr(&e, "class") {
            keys.extend(class.split_ascii_whitespace().map(|c| format!(".{c}")));
        }
        if let Some(id) = page.attr(&e, "id").filter(|i| !i.is_empty()) {
            keys.insert(format!("#{id}"));
        }
    }
    keys
}

/// The list's selectors that may match in `page`: those keyed by a class or
/// id it has and those without a key, less the rules switched off for its host.
pub fn selectors_for<P: Page>(page: &P) -> Vec<String> {
    let l = list();
    let host = page.host();
    let mut idx: Vec<u32> = l.broad.clone();
    for k in page_keys(page) {
        if let Some(v) = l.keyed.get(k.as_str()) {
            idx.extend(v);
        }
    }
    idx.sort_unstable();
    idx.into_iter()
        .map(|i| &l.rules[i as usize])
        .filter(|r| r.except.is_empty() || !r.except.split(',').any(|h| host_matches(&host, h)))
        .map(|r| r.selector.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_list_is_loaded() {
        let l = list();
        assert!(l.source.contains("EasyList"), "{}", l.source);
        assert!(l.rules.len() > 10_000, "{} rules", l.rules.len());
        assert!(l.keyed_count() * 10 > l.rules.len() * 9, "most rules are keyed");
        assert!(l.keyed.contains_key(".adsbygoogle") || l.keyed.contains_key(".ad-slot"));
    }
}
