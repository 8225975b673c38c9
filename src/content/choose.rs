//! Which content is the article: the one found (or, picked by hand, the
//! whole element), judged by the gate; a copy of the post the page holds
//! only in a `<noscript>` or `<template>`; the JSON-LD body when the page
//! holds little of it.

use super::*;
use crate::gate;

/// The gate: prose makes an article; a page that declares itself one is
/// shown whatever its best candidate holds (a link roll is a post too).
/// A candidate with next to no prose on a page that has plenty of it
/// elsewhere (a landing page of sections, none of which scored) is a poor
/// pick: the page itself is judged, and shown whole if it is prose.
pub(super) fn judge<M: Deref<Target = str>>(
    content: Option<Content>,
    read: &Reader<M>,
    options: &Options,
    meta: &Metadata,
    signals: Signals,
) -> Result<Option<Content>, Error> {
    match content {
        Some(c) if options.force || meta.is_article_type => Ok(Some(c)),
        Some(c) => {
            let prose = gate::measure(&c.doc, &c.nodes);
            if prose.is_article() {
                Ok(Some(c))
            } else if prose.chars < gate::MIN_PROSE && signals.whole_page {
                whole_page(read.page())
                    .filter(|p| gate::measure(&p.doc, &p.nodes).is_page_of_prose())
                    .map(Some)
                    .ok_or(Error::NotAnArticle)
            } else {
                Err(Error::NotAnArticle)
            }
        }
        None => Ok(None),
    }
}

/// A post that is only in a `<noscript>` (what the page shows without
/// scripts) or a `<template>` (what a script would clone in): when the page
/// itself holds no article, or a fraction of that copy, the copy is read.
/// (Only then is the markup scanned for them: never on a page that has its
/// article.)
pub(super) fn with_hidden_copy<M: Deref<Target = str>>(
    judged: Result<Option<Content>, Error>,
    read: &Reader<M>,
    options: &Options,
    meta: &Metadata,
    signals: Signals,
) -> Result<Option<Content>, Error> {
    let weak = match &judged {
        Ok(Some(c)) => c.text_len < HIDDEN_MIN,
        _ => true,
    };
    match (weak && signals.hidden_copies && !options.picked).then(|| unhidden(read.markup())).flatten() {
        Some(markup) => {
            let copy = find(read.other(&markup), &|| read.other(&markup), meta, signals)
                .filter(|c| options.force || meta.is_article_type || gate::measure(&c.doc, &c.nodes).is_article());
            match (copy, judged) {
                (Some(copy), Ok(Some(c))) if copy.text_len <= 2 * c.text_len => Ok(Some(c)),
                (Some(copy), _) => Ok(Some(copy)),
                (None, judged) => judged,
            }
        }
        None => judged,
    }
}

/// A post whose page holds little of what its JSON-LD `articleBody` says (a
/// teaser, or text a script builds): the articleBody is the article.
pub(super) fn with_article_body(
    content: Option<Content>,
    options: &Options,
    meta: &Metadata,
    signals: Signals,
) -> Option<Content> {
    match (&meta.article_body, content) {
        (Some(body), c)
            if signals.json_ld
                && !options.picked
                && c.as_ref().is_none_or(|c| c.text_len * 3 < body.chars().count()) =>
        {
            // (The standfirst, which the body often leaves out, goes first.)
            let lead = meta.description.as_deref().filter(|d| {
                let start: String = d.chars().take(40).collect();
                !body.contains(start.trim())
            });
            let text = match lead {
                Some(lead) => format!("{lead}\n{body}"),
                None => body.clone(),
            };
            from_text(&text).or(c)
        }
        (_, c) => c,
    }
}
