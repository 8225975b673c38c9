//! The reader view's tree as the browser hands it back (its JSON, read with
//! a depth limit): for its copies (`crate::document`) and for marking its
//! facts anew.

use super::*;

/// Attribute names a clean tree holds (everything else is dropped on render).
pub(super) const ATTR_NAMES: &[&str] =
    &["href", "src", "alt", "title", "datetime", "colspan", "rowspan", "start", "class", "width", "height"];

/// How deep a tree handed back by the browser may nest: deeper than
/// rendering ever nests (the page was cut at `parse::MAX_DEPTH`), shallow
/// enough for the stack (a test thread's 2 MB in a debug build, wasm's 1 MB).
pub(super) const MAX_HELD_DEPTH: usize = 2 * crate::parse::MAX_DEPTH;

/// Reads the tree back from its compact JSON (`[tag, {attr: value},
/// ...children]` or a string). Tags and attribute
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

/// What the browser holds of an article (the JSON `extract` gave it): what
/// its copies are written from ([`crate::document::copy_document`]).
#[derive(serde::Deserialize)]
pub(crate) struct Held {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) authors: Vec<String>,
    pub(crate) published: Option<String>,
    pub(crate) site_name: Option<String>,
    #[serde(default)]
    pub(crate) url: String,
    #[serde(default)]
    pub(crate) text: String,
    #[serde(default, deserialize_with = "held_nodes")]
    pub(crate) nodes: Vec<RNode>,
    /// The key sentences and the panel, with the panel's headings in the
    /// reader's language.
    #[serde(default)]
    pub(crate) keys: Vec<String>,
    #[serde(default)]
    pub(crate) panel: crate::facts::panel::Panel,
    #[serde(default)]
    pub(crate) labels: Option<crate::facts::panel::Labels>,
}

/// Reads what the browser holds of an article from its JSON (the tree's
/// depth bounded by `MAX_HELD_DEPTH` instead of serde_json's default 128: a
/// tree may nest deeper than that).
pub(crate) fn read_held(article_json: &str) -> Result<Held, String> {
    read_json(article_json)
}

fn read_json<T: serde::de::DeserializeOwned>(article_json: &str) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_str(article_json);
    de.disable_recursion_limit();
    let held = T::deserialize(&mut de).map_err(|e| format!("bad article: {e}"))?;
    de.end().map_err(|e| format!("bad article: {e}"))?;
    Ok(held)
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
    let held: TextAndTree = read_json(article_json)?;
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
