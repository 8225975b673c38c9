//! Minimal URL helpers: resolving references (RFC 3986 §5.2) and reading the host.
//!
//! Hand-written on purpose: the `url` crate brings IDNA tables that would add
//! about 100 KB to the wasm module, and the reader view only needs to resolve
//! `href`/`src` references against the page URL.

/// Split a URL into (scheme, rest) when it has a valid scheme.
pub fn scheme(u: &str) -> Option<&str> {
    let colon = u.find(':')?;
    let s = &u[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
        Some(s)
    } else {
        None
    }
}

/// The host of an absolute http(s) URL, lower-cased, without port or credentials.
pub fn host(u: &str) -> Option<String> {
    let rest = u.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = if host.starts_with('[') {
        host.split(']').next()?.to_string() + "]"
    } else {
        host.split(':').next()?.to_string()
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Resolve `reference` against the absolute `base` URL. Returns the reference
/// unchanged when it is already absolute, and `None` when it cannot be resolved.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    let r = reference.trim();
    if scheme(r).is_some() {
        return Some(r.to_string());
    }
    let base_scheme = scheme(base)?;
    let after_scheme = &base[base_scheme.len() + 1..];
    if let Some(rest) = r.strip_prefix("//") {
        return Some(format!("{base_scheme}://{rest}"));
    }
    let (authority, base_path_q) = match after_scheme.strip_prefix("//") {
        Some(rest) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            (format!("//{}", &rest[..end]), &rest[end..])
        }
        None => (String::new(), after_scheme),
    };
    let base_no_frag = base_path_q.split('#').next().unwrap_or("");
    let (base_path, base_query) = match base_no_frag.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (base_no_frag, None),
    };
    let prefix = format!("{base_scheme}:{authority}");
    if r.is_empty() {
        let q = base_query.map(|q| format!("?{q}")).unwrap_or_default();
        return Some(format!("{prefix}{base_path}{q}"));
    }
    if r.starts_with('#') {
        let q = base_query.map(|q| format!("?{q}")).unwrap_or_default();
        return Some(format!("{prefix}{base_path}{q}{r}"));
    }
    if r.starts_with('?') {
        return Some(format!("{prefix}{base_path}{r}"));
    }
    let (r_path, r_tail) = match r.find(['?', '#']) {
        Some(i) => (&r[..i], &r[i..]),
        None => (r, ""),
    };
    let merged = if r_path.starts_with('/') {
        r_path.to_string()
    } else if base_path.is_empty() && !authority.is_empty() {
        format!("/{r_path}")
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "",
        };
        format!("{dir}{r_path}")
    };
    // Joined at its exact length (`format!` grew it by doubling: a long
    // article's links held a fifth more than their text).
    Some([prefix.as_str(), &remove_dot_segments(&merged), r_tail].concat())
}

/// Resolve a link or image URL against `base` and allow only safe schemes:
/// `http`, `https`, `mailto` for links, and for images `data:image/` but
/// SVG (which can hold script).
pub(crate) fn safe_url(base: &str, raw: &str, image: bool) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if image && raw.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("data:image/")) {
        let lower = raw.to_ascii_lowercase();
        return (!lower.starts_with("data:image/svg")).then(|| raw.to_string());
    }
    let abs = resolve(base, raw).or_else(|| scheme(raw).map(|_| raw.to_string()))?;
    let s = scheme(&abs)?.to_ascii_lowercase();
    let ok = matches!(s.as_str(), "http" | "https") || (!image && s == "mailto");
    ok.then_some(abs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resolved link holds no room beyond its text (a long article's clean
    /// tree holds one per link).
    #[test]
    fn resolved_links_are_exactly_their_length() {
        for r in ["/story/123", "g?y#s", "../g", "g"] {
            let url = resolve("https://example.com/news/a/b.html", r).unwrap();
            assert_eq!(url.capacity(), url.len(), "{url}");
        }
    }

    #[test]
    fn rfc3986_examples() {
        let b = "http://a/b/c/d;p?q";
        for (r, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("", "http://a/b/c/d;p?q"),
            ("https://x.org/y", "https://x.org/y"),
        ] {
            assert_eq!(resolve(b, r).as_deref(), Some(want), "{r}");
        }
    }

    #[test]
    fn host_and_bad_base() {
        assert_eq!(host("https://user@www.Example.com:8080/x").as_deref(), Some("www.example.com"));
        assert_eq!(resolve("not a url", "x"), None);
        assert_eq!(scheme("javascript:alert(1)"), Some("javascript"));
        assert_eq!(scheme("/a:b"), None);
    }
}
