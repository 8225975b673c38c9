//! The reader view's tree as the browser hands it back (its JSON, read with
//! a depth limit), and the copies written from it on demand: Markdown and
//! plain text documents with the article's head. (These copies are written
//! from a whole `Article`, which the pipeline above makes: the one import of
//! this stage from above it.)

use super::*;

/// Attribute names a clean tree holds (everything else is dropped on render).
pub(super) const ATTR_NAMES: &[&str] =
    &["href", "src", "alt", "title", "datetime", "colspan", "rowspan", "start", "class", "width", "height"];

/// How deep a tree handed back by the browser may nest: deeper than
/// rendering ever nests (the page was cut at `parse::MAX_DEPTH`), shallow
/// enough for the stack (a test thread's 2 MB in a debug build, wasm's 1 MB).
pub(super) const MAX_HELD_DEPTH: usize = 2 * crate::parse::MAX_DEPTH;

/// Reads the tree back from its compact JSON (`[tag, {attr: value},
/// ...children]` or a string): for [`copy_document`]. Tags and attribute
/// names outside the allow-list are dropped (an unknown element's children
/// are kept), so nothing is written that rendering would not write.
pub(super) struct HeldNodes(usize);

impl<'de> serde::de::DeserializeSeed<'de> for HeldNodes {
    type Value = Vec<RNode>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<RNode>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for HeldNodes {
    type Value = Vec<RNode>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text or [tag, {attributes}, ...children]")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<RNode>, E> {
        Ok(vec![RNode::Text(v.into())])
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RNode>, A::Error> {
        use serde::de::Error;
        if self.0 > MAX_HELD_DEPTH {
            return Err(A::Error::custom("the article tree is nested too deeply"));
        }
        let tag: String = seq.next_element()?.ok_or_else(|| A::Error::custom("an element without a tag"))?;
        let attrs: std::collections::BTreeMap<String, String> = seq.next_element()?.unwrap_or_default();
        let mut children = Vec::new();
        while let Some(mut c) = seq.next_element_seed(HeldNodes(self.0 + 1))? {
            children.append(&mut c);
        }
        Ok(match intern(&tag).or_else(|| math::intern(&tag)) {
            Some(tag) => {
                let attrs = attrs
                    .into_iter()
                    .filter_map(|(k, v)| {
                        ATTR_NAMES.iter().find(|a| **a == k).copied().or_else(|| math::attr_name(&k)).map(|a| (a, v))
                    })
                    .collect();
                vec![RNode::El { tag, attrs, children: children.into_boxed_slice() }]
            }
            None => children,
        })
    }
}

pub(super) fn held_nodes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<RNode>, D::Error> {
    struct List;
    impl<'de> serde::de::Visitor<'de> for List {
        type Value = Vec<RNode>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of nodes")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RNode>, A::Error> {
            let mut out = Vec::new();
            while let Some(mut n) = seq.next_element_seed(HeldNodes(1))? {
                out.append(&mut n);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(List)
}

/// What the browser holds of an article (the JSON `extract` gave it).
#[derive(serde::Deserialize)]
pub(super) struct Held {
    pub(super) title: String,
    #[serde(default)]
    pub(super) authors: Vec<String>,
    pub(super) published: Option<String>,
    pub(super) site_name: Option<String>,
    #[serde(default)]
    pub(super) url: String,
    #[serde(default)]
    pub(super) text: String,
    #[serde(default, deserialize_with = "held_nodes")]
    pub(super) nodes: Vec<RNode>,
    /// The key sentences and the panel, with the panel's headings in the
    /// reader's language.
    #[serde(default)]
    pub(super) keys: Vec<String>,
    #[serde(default)]
    pub(super) panel: crate::facts::panel::Panel,
    #[serde(default)]
    pub(super) labels: Option<crate::facts::panel::Labels>,
}

/// The text and the tree of an article the browser holds (the JSON `extract`
/// gave it), the tree without its facts' marks: for marking its facts anew
/// (the names of a language's model, found after the view has painted).
pub fn held_text_and_tree(article_json: &str) -> Result<(String, Vec<RNode>), String> {
    #[derive(serde::Deserialize)]
    struct TextAndTree {
        #[serde(default)]
        text: String,
        #[serde(default, deserialize_with = "held_nodes")]
        nodes: Vec<RNode>,
    }
    let mut de = serde_json::Deserializer::from_str(article_json);
    de.disable_recursion_limit();
    let held: TextAndTree = serde::Deserialize::deserialize(&mut de).map_err(|e| format!("bad article: {e}"))?;
    de.end().map_err(|e| format!("bad article: {e}"))?;
    Ok((held.text, unmark(held.nodes)))
}

/// A tree without the `<mark class="fact …">` of its facts: their text in
/// their place, joined to the text around it.
pub(super) fn unmark(nodes: Vec<RNode>) -> Vec<RNode> {
    let mut out: Vec<RNode> = Vec::with_capacity(nodes.len());
    for n in nodes {
        let pieces = match n {
            RNode::El { tag: "mark", attrs, children }
                if attrs.iter().any(|(k, v)| *k == "class" && v.starts_with("fact")) =>
            {
                unmark(children.into_vec())
            }
            RNode::El { tag, attrs, children } => {
                vec![RNode::El { tag, attrs, children: unmark(children.into_vec()).into_boxed_slice() }]
            }
            RNode::Mark { text, .. } => vec![RNode::Text(text)],
            t => vec![t],
        };
        for p in pieces {
            match (out.last_mut(), p) {
                (Some(RNode::Text(a)), RNode::Text(b)) => a.push_tendril(&b),
                (_, p) => out.push(p),
            }
        }
    }
    out
}

/// "Copy as Markdown" (`kind` `markdown`) or "Copy as plain text" (`text`)
/// of the article the browser holds, given as the JSON `extract` returned
/// (metadata, `text` and the `nodes` tree with its facts marked). Written
/// when asked, so that extraction does not write (and hand over) both copies
/// for every page: the same as [`markdown_document`] and [`text_document`] of
/// the extracted article.
pub fn copy_document(article_json: &str, kind: &str) -> Result<String, String> {
    if !matches!(kind, "markdown" | "text") {
        return Err(format!("unknown copy {kind:?} (markdown or text)"));
    }
    let mut de = serde_json::Deserializer::from_str(article_json);
    // Depth is bounded by MAX_HELD_DEPTH instead (a tree may nest deeper than
    // serde_json's default 128).
    de.disable_recursion_limit();
    let held: Held = serde::Deserialize::deserialize(&mut de).map_err(|e| format!("bad article: {e}"))?;
    de.end().map_err(|e| format!("bad article: {e}"))?;
    let a = crate::Article {
        title: held.title,
        authors: held.authors,
        published: held.published,
        site_name: held.site_name,
        url: held.url,
        text: held.text,
        panel: held.panel,
        ..Default::default()
    };
    let labels = held.labels.unwrap_or_default();
    let keys: Vec<&str> = held.keys.iter().map(String::as_str).collect();
    Ok(if kind == "markdown" {
        markdown_document_with(&a, &markdown(&held.nodes), &keys, &labels)
    } else {
        text_document(&a)
    })
}

/// "Authors · Site · YYYY-MM-DD" under the title of a copied article.
pub(super) fn byline_line(a: &crate::Article) -> Option<String> {
    let mut meta = Vec::new();
    if !a.authors.is_empty() {
        meta.push(a.authors.join(", "));
    }
    meta.extend(a.site_name.clone());
    meta.extend(a.published.as_ref().map(|p| p.chars().take(10).collect::<String>()));
    (!meta.is_empty()).then(|| meta.join(" · "))
}

/// The article as a Markdown document: title, a byline line, the URL, the
/// body, then its key facts (the key sentences and the panel). (The whole
/// documents take the finished `Article`, which `lib.rs` assembles from this
/// stage's output: the one import back up from this module, by design.)
pub fn markdown_document(a: &crate::Article) -> String {
    let keys: Vec<&str> = a.facts.iter().filter(|f| f.kind == "key_sentence").map(|f| f.text.as_str()).collect();
    markdown_document_with(a, &a.markdown, &keys, &Default::default())
}

/// [`markdown_document`] with the body's Markdown and the panel's headings given apart.
pub fn markdown_document_with(
    a: &crate::Article,
    body: &str,
    keys: &[&str],
    labels: &crate::facts::panel::Labels,
) -> String {
    let mut head = format!("# {}\n\n", a.title);
    if let Some(meta) = byline_line(a) {
        head.push_str(&format!("*{meta}*\n\n"));
    }
    if !a.url.is_empty() {
        head.push_str(&format!("<{}>\n\n", a.url));
    }
    match crate::facts::panel::markdown(keys, &a.panel, labels) {
        facts if facts.is_empty() => head + body,
        facts => head + body.trim_end() + &facts,
    }
}

/// The article as plain text: title, byline line, URL, body.
pub fn text_document(a: &crate::Article) -> String {
    let meta = byline_line(a).map(|m| format!("{m}\n")).unwrap_or_default();
    let url = if a.url.is_empty() { String::new() } else { format!("{}\n", a.url) };
    format!("{}\n{meta}{url}\n{}", a.title, a.text)
}
