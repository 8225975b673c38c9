//! The consent-rule compiler. Run at build time by `build.rs` (so by
//! `build.sh`): it reads the rule files of the npm package
//! `@duckduckgo/autoconsent` (MPL-2.0) from `node_modules` and writes the
//! compact table the core loads (`$OUT_DIR/consent-rules.json`):
//!
//! - `global`: the selectors that hide a consent manager's banner wherever it
//!   appears (each rule's `prehideSelectors` and `hide` steps, and the dynamic
//!   CMP classes' `prehideSelectors`), one selector each, de-duplicated;
//! - `sites`: the same for rules limited to some sites (`runContext.urlPattern`
//!   reduced to host names);
//! - `anchors`: for rules that name no banner container, the selector of the
//!   element that shows the banner is up (`detectPopup`'s `visible`,
//!   `waitForVisible` and `exists`; for a chain into shadow roots, its host);
//!   the core hides the fixed/sticky/dialog ancestor around it;
//! - `patterns`: autoconsent's text patterns that detect unknown cookie popups
//!   (`DETECT_PATTERNS`), as regular-expression sources.
//!
//! Only `serde_json` is used, so that the build script stays cheap; selectors
//! and patterns are validated where they run (scraper natively, the browser's
//! own engines in the extension).

use serde_json::{json, Value};
use std::collections::BTreeSet;

/// What the compiler reads.
pub struct Input<'a> {
    /// `rules/rules.json`
    pub rules_json: &'a str,
    /// `lib/cmps/*.ts`, as (file name, source)
    pub cmp_sources: Vec<(String, String)>,
    /// `lib/heuristic-patterns.ts`
    pub patterns_ts: &'a str,
    /// the package's version
    pub version: &'a str,
}

/// Compile the rules into the table the core loads.
pub fn compile(input: &Input) -> Result<Value, String> {
    let rules: Value = serde_json::from_str(input.rules_json).map_err(|e| format!("rules.json: {e}"))?;
    let rules = rules.get("autoconsent").and_then(Value::as_array).ok_or("rules.json: no \"autoconsent\" array")?;
    let mut global = BTreeSet::new();
    let mut anchors = BTreeSet::new();
    let mut sites: Vec<Value> = Vec::new();
    let mut skipped_sites = 0usize;
    for rule in rules {
        let mut hide: BTreeSet<String> = BTreeSet::new();
        for s in rule.get("prehideSelectors").and_then(Value::as_array).into_iter().flatten() {
            hide.extend(s.as_str().map(split_selector_list).unwrap_or_default());
        }
        let mut steps = Vec::new();
        for key in ["optOut", "optIn"] {
            collect_steps(rule.get(key), &mut steps);
        }
        for step in steps {
            if let Some(s) = step.get("hide").and_then(Value::as_str) {
                hide.extend(split_selector_list(s));
            }
        }
        let mut anchor: BTreeSet<String> = BTreeSet::new();
        if hide.is_empty() {
            let mut popup = Vec::new();
            collect_steps(rule.get("detectPopup"), &mut popup);
            for step in popup {
                for key in ["visible", "waitForVisible", "exists"] {
                    match step.get(key) {
                        Some(Value::String(s)) => anchor.extend(split_selector_list(s)),
                        // A chain into shadow roots: the first selector is the host, in the page.
                        Some(Value::Array(chain)) => anchor
                            .extend(chain.first().and_then(Value::as_str).map(split_selector_list).unwrap_or_default()),
                        _ => {}
                    }
                }
            }
        }
        if hide.is_empty() && anchor.is_empty() {
            continue;
        }
        let pattern = rule.pointer("/runContext/urlPattern").and_then(Value::as_str);
        match pattern {
            None => {
                global.extend(hide);
                anchors.extend(anchor);
            }
            Some(p) => match url_pattern_hosts(p) {
                Some(hosts) => sites.push(json!({ "hosts": hosts, "hide": hide, "anchors": anchor })),
                None => skipped_sites += 1,
            },
        }
    }
    let mut dynamic = 0;
    for (_, src) in &input.cmp_sources {
        let found = ts_prehide_selectors(src);
        if !found.is_empty() {
            dynamic += 1;
        }
        for s in found {
            global.extend(split_selector_list(&s));
        }
    }
    let patterns = ts_regex_array(input.patterns_ts, "DETECT_PATTERNS");
    if global.is_empty() || patterns.is_empty() {
        return Err("no consent selectors or patterns found: has the package's layout changed?".into());
    }
    Ok(json!({
        "source": "@duckduckgo/autoconsent",
        "version": input.version,
        "license": "MPL-2.0 (https://mozilla.org/MPL/2.0/); compiled from the package's rules/rules.json, lib/cmps/*.ts and lib/heuristic-patterns.ts",
        "rules": rules.len(),
        "dynamic_cmps": dynamic,
        "skipped_sites": skipped_sites,
        "global": global,
        "anchors": anchors,
        "sites": sites,
        "patterns": patterns,
    }))
}

/// Every step of a rule's step list, including those nested in `if`/`then`/`else`/`any`.
fn collect_steps<'a>(steps: Option<&'a Value>, out: &mut Vec<&'a Value>) {
    for step in steps.and_then(Value::as_array).into_iter().flatten() {
        out.push(step);
        if let Some(cond) = step.get("if") {
            out.push(cond);
        }
        for key in ["then", "else", "any", "all"] {
            collect_steps(step.get(key), out);
        }
    }
}

/// Split a selector list at its top-level commas (not inside `()`, `[]` or
/// quotes); trims and drops empty parts.
pub fn split_selector_list(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut cur = String::new();
    for c in list.chars() {
        if escaped {
            escaped = false;
            cur.push(c);
            continue;
        }
        match (quote, c) {
            (_, '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, ',') if depth == 0 => {
                push_trimmed(&mut out, &cur);
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    push_trimmed(&mut out, &cur);
    out
}

fn push_trimmed(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// The host names a `runContext.urlPattern` stands for, when it is the usual
/// `^https?://(www\.)?example\.com/` shape (alternatives joined with `|`);
/// `None` for anything else (a path-specific or unusual pattern).
pub fn url_pattern_hosts(pattern: &str) -> Option<Vec<String>> {
    let mut hosts = Vec::new();
    for alt in pattern.split('|') {
        let rest = alt
            .strip_prefix("^https?://")
            .or_else(|| alt.strip_prefix("^https://"))
            .or_else(|| alt.strip_prefix("^http://"))?;
        let rest = ["(www\\.)?", "([a-z0-9-]+\\.)?", "([a-z0-9-]*\\.)?", "[a-z0-9-]*\\.", "([a-z0-9-]+\\.)*"]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .unwrap_or(rest);
        let end = rest.find('/').unwrap_or(rest.len());
        let (host, tail) = rest.split_at(end);
        if !matches!(tail, "" | "/") {
            return None;
        }
        let host = host.replace("\\.", ".");
        let valid = !host.is_empty()
            && host.contains('.')
            && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !valid {
            return None;
        }
        hosts.push(host.to_ascii_lowercase());
    }
    (!hosts.is_empty()).then_some(hosts)
}

/// The string literals of `prehideSelectors = [...]` in a dynamic CMP's
/// TypeScript source. A template literal's `${name}` is replaced by the value
/// of `const name = '...'` in the same file (dropped when unknown).
pub fn ts_prehide_selectors(src: &str) -> Vec<String> {
    let Some(start) = src.find("prehideSelectors = [") else { return Vec::new() };
    let body = &src[start + "prehideSelectors = [".len()..];
    let mut out = Vec::new();
    for (lit, template) in string_literals_until(body, ']') {
        if !template {
            out.push(lit);
            continue;
        }
        let mut s = String::new();
        let mut rest = lit.as_str();
        let mut ok = true;
        while let Some(i) = rest.find("${") {
            s.push_str(&rest[..i]);
            let Some(j) = rest[i..].find('}') else {
                ok = false;
                break;
            };
            match ts_const_string(src, &rest[i + 2..i + j]) {
                Some(v) => s.push_str(&v),
                None => ok = false,
            }
            rest = &rest[i + j + 1..];
        }
        s.push_str(rest);
        if ok {
            out.push(s);
        }
    }
    out
}

/// `const NAME = '...'` (or "..." / `...` without substitutions).
fn ts_const_string(src: &str, name: &str) -> Option<String> {
    let key = format!("const {} = ", name.trim());
    let at = src.find(&key)? + key.len();
    let (lit, template) = string_literals_until(&src[at..], ';').into_iter().next()?;
    (!template || !lit.contains("${")).then_some(lit)
}

/// The string literals in `s` up to the first unquoted `end`: (value, was a template literal).
fn string_literals_until(s: &str, end: char) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == end {
            break;
        }
        if !matches!(c, '\'' | '"' | '`') {
            continue;
        }
        let mut lit = String::new();
        while let Some(d) = chars.next() {
            match d {
                '\\' => {
                    if let Some(e) = chars.next() {
                        lit.push(e);
                    }
                }
                d if d == c => break,
                d => lit.push(d),
            }
        }
        out.push((lit, c == '`'));
    }
    out
}

/// The regular-expression literals of `export const NAME = [ ... ];`, as
/// sources; a literal with the `i` flag (all of them) gets `(?i)`-free source
/// and is matched case-insensitively by the core. Comments are skipped.
pub fn ts_regex_array(src: &str, name: &str) -> Vec<String> {
    let key = format!("export const {name} = [");
    let Some(start) = src.find(&key) else { return Vec::new() };
    let mut out = Vec::new();
    for line in src[start + key.len()..].lines() {
        let line = line.trim();
        if line.starts_with("];") || line == "]" {
            break;
        }
        let Some(body) = line.strip_prefix('/') else { continue };
        if body.starts_with('/') {
            continue; // a comment
        }
        if let Some(source) = regex_literal_source(body) {
            out.push(source);
        }
    }
    out
}

/// The source of a regex literal whose opening `/` has been removed: up to the
/// closing unescaped `/` outside a character class.
fn regex_literal_source(body: &str) -> Option<String> {
    let mut in_class = false;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            '/' if !in_class => return Some(body[..i].to_string()),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_selector_lists_at_top_level_commas_only() {
        assert_eq!(
            split_selector_list("#a, .b:not(.c,.d) ,[title=\"x,y\"],, div > p"),
            ["#a", ".b:not(.c,.d)", "[title=\"x,y\"]", "div > p"]
        );
        assert_eq!(split_selector_list("  "), Vec::<String>::new());
    }

    #[test]
    fn reduces_url_patterns_to_hosts() {
        assert_eq!(url_pattern_hosts("^https?://(www\\.)?deezer\\.com/").unwrap(), ["deezer.com"]);
        assert_eq!(url_pattern_hosts("^https://([a-z0-9-]+\\.)?abc\\.net\\.au/").unwrap(), ["abc.net.au"]);
        assert_eq!(
            url_pattern_hosts("^https?://(www\\.)?a\\.de/|^https?://(www\\.)?b\\.fr/").unwrap(),
            ["a.de", "b.fr"]
        );
        assert_eq!(url_pattern_hosts("^https://x\\.com/news/"), None, "path-specific");
        assert_eq!(url_pattern_hosts("^https?://.*"), None);
    }

    #[test]
    fn reads_prehide_selectors_from_typescript() {
        let src = r##"
const bannerContainer = '#truste-consent-track';
export default class T extends AutoConsentCMPBase {
    prehideSelectors = ['.trustarc-banner-container', `.truste_popframe,${bannerContainer}`, "#x"];
    other = ['#not-this'];
}"##;
        assert_eq!(
            ts_prehide_selectors(src),
            [".trustarc-banner-container", ".truste_popframe,#truste-consent-track", "#x"]
        );
        assert!(ts_prehide_selectors("class A {}").is_empty());
        assert_eq!(ts_prehide_selectors("prehideSelectors = [`${unknown}`, '#ok'];"), ["#ok"]);
    }

    #[test]
    fn reads_regex_literals_skipping_comments() {
        let src = r"export const DETECT_PATTERNS = [
    /accept cookies/gi,
    // /commented out/gi,
    /(?:by continuing.{0,100}cookie)|[/]x/gi, // trailing comment
    /a\/b/gi,
];
export const OTHER = [ /no/gi ];";
        assert_eq!(
            ts_regex_array(src, "DETECT_PATTERNS"),
            ["accept cookies", "(?:by continuing.{0,100}cookie)|[/]x", "a\\/b"]
        );
    }

    #[test]
    fn compiles_rules_into_tables() {
        let rules = r##"{"autoconsent": [
          {"name": "g", "prehideSelectors": ["#g1,#g2"], "detectCmp": [], "detectPopup": [], "optIn": [],
           "optOut": [{"if": {"exists": "x"}, "then": [{"hide": ".hidden-step", "method": "display"}]}]},
          {"name": "s", "runContext": {"urlPattern": "^https?://(www\\.)?site\\.org/"}, "prehideSelectors": [],
           "detectPopup": [{"visible": "#s-button"}, {"if": {"exists": "#cond"}, "then": [{"waitForVisible": ["#host", "button"]}]}], "optOut": []},
          {"name": "odd", "runContext": {"urlPattern": "^https://odd\\.org/only/"}, "prehideSelectors": ["#odd"], "optOut": []},
          {"name": "none", "prehideSelectors": [], "optOut": []}
        ]}"##;
        let out = compile(&Input {
            rules_json: rules,
            cmp_sources: vec![("c.ts".into(), "prehideSelectors = ['#dyn'];".into())],
            patterns_ts: "export const DETECT_PATTERNS = [\n /we use cookies/gi,\n];",
            version: "1.0.0",
        })
        .unwrap();
        assert_eq!(out["global"], json!(["#dyn", "#g1", "#g2", ".hidden-step"]));
        assert_eq!(
            out["sites"],
            json!([{"hosts": ["site.org"], "hide": [], "anchors": ["#cond", "#host", "#s-button"]}])
        );
        assert_eq!(out["skipped_sites"], 1);
        assert_eq!(out["patterns"], json!(["we use cookies"]));
        assert!(compile(&Input { rules_json: "{}", cmp_sources: vec![], patterns_ts: "", version: "" }).is_err());
    }
}
