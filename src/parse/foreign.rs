//! HTML that the browser shows inside MathML and SVG.
//!
//! The HTML parser puts markup inside `<math>` or `<svg>` back into HTML at
//! an *integration point*: the children of a MathML token element (`mi`,
//! `mo`, `mn`, `ms`, `mtext`) and of an SVG `foreignObject` (also of an
//! `annotation-xml` whose encoding is HTML, and of SVG `desc` and `title`,
//! which are never drawn). A breakout tag (`<p>`, `<div>`, `<h1>`…) inside foreign content
//! closes it up to the nearest such point, so a sanitiser's test shape
//! (`<math><mtext><h1><a><h6></a></h6><mglyph><svg>…`) leaves every paragraph
//! after it inside `<mtext>`, and the browser renders them there as any
//! other paragraph. The core reads neither MathML nor SVG as text; before
//! anything reads the page, [`lift`] moves the HTML the browser draws out of
//! them, to just after the outermost foreign element, in document order.
//! What the browser does not draw (an SVG `<desc>` or `<title>`, a MathML
//! annotation) stays where it was, and is dropped with the rest of the
//! graphic or formula. The generated shapes of tests/e2e/foreign-shapes.mjs
//! check this against what Chromium and Firefox draw.

use ego_tree::NodeId;
use markup5ever::ns;
use scraper::{Html, Node};

/// Whether the browser draws the HTML children of `n` (`annotations`: it
/// draws an `annotation-xml` outside `<semantics>`, as Firefox does).
fn draws_html(n: &ego_tree::NodeRef<Node>, annotations: bool) -> bool {
    let Node::Element(e) = n.value() else { return false };
    let local: &str = &e.name.local;
    if e.name.ns == ns!(svg) {
        // (A `foreignObject` is 0 by 0 unless sized: nothing in it shows.)
        let sized = |k: &str| {
            e.attr(k).is_some_and(|v| v.trim_start().starts_with(|c: char| c.is_ascii_digit() && c != '0'))
                || e.attr("style").is_some_and(|s| s.to_ascii_lowercase().contains(k))
        };
        return local == "foreignObject" && sized("width") && sized("height");
    }
    if e.name.ns != ns!(mathml) {
        return false;
    }
    // (`annotation-xml` is an HTML integration point when its encoding is
    // HTML. Chromium draws no annotation, as MathML Core says; Firefox draws
    // one that is not in `<semantics>`.)
    match local {
        "mi" | "mo" | "mn" | "ms" | "mtext" => true,
        "annotation-xml" => {
            annotations
                && e.attr("encoding").is_some_and(|v| {
                    v.eq_ignore_ascii_case("text/html") || v.eq_ignore_ascii_case("application/xhtml+xml")
                })
                && !n.parent().is_some_and(|p| matches!(p.value(), Node::Element(pe) if &*pe.name.local == "semantics"))
        }
        _ => false,
    }
}

/// Whether `n` is a MathML element the browser draws, and HTML in it with
/// it (an HTML element the DOM holds under, say, an `mglyph`: foster-parented
/// out of a table in an `mtext`, as Chromium and Firefox both draw it). Not
/// an annotation, nor anything in one.
fn in_drawn_math(n: &ego_tree::NodeRef<Node>) -> bool {
    let mathml = |a: &ego_tree::NodeRef<Node>| matches!(a.value(), Node::Element(e) if e.name.ns == ns!(mathml));
    mathml(n)
        && std::iter::once(*n).chain(n.ancestors()).take_while(mathml).all(
            |a| !matches!(a.value(), Node::Element(e) if matches!(&*e.name.local, "annotation" | "annotation-xml")),
        )
}

fn is_foreign(n: &ego_tree::NodeRef<Node>) -> bool {
    matches!(n.value(), Node::Element(e) if e.name.ns == ns!(svg) || e.name.ns == ns!(mathml))
}

/// Move the HTML drawn inside each outermost `<math>` and `<svg>` to just
/// after it (see the module's comment). One pass over the tree's nodes in
/// the order they were made (no walk of the tree: it runs on every page),
/// and a walk of each graphic's or formula's own elements.
pub fn lift(doc: &mut Html, annotations: bool) {
    // (outermost foreign element, what moves out of it, in document order)
    let mut moves: Vec<(NodeId, Vec<NodeId>)> = Vec::new();
    for n in doc.tree.nodes() {
        // An outermost foreign element: in HTML (or in HTML that moves out
        // of another one: each moves after its own outermost element).
        if !is_foreign(&n) || n.parent().is_none_or(|p| is_foreign(&p)) {
            continue;
        }
        // The HTML it draws, found through its foreign descendants only.
        let mut lifted = Vec::new();
        let mut inner: Vec<NodeId> = n.children().rev().map(|c| c.id()).collect();
        while let Some(cid) = inner.pop() {
            let Some(c) = doc.tree.get(cid) else { continue };
            if is_foreign(&c) {
                inner.extend(c.children().rev().map(|g| g.id()));
                continue;
            }
            let Some(p) = c.parent() else { continue };
            let moves_out = match c.value() {
                Node::Element(_) => draws_html(&p, annotations) || in_drawn_math(&p),
                // Text right inside a `foreignObject` (or a drawn
                // annotation) is drawn as HTML text; a token element's own
                // text is the formula's.
                Node::Text(t) => {
                    !t.trim().is_empty()
                        && draws_html(&p, annotations)
                        && matches!(p.value(), Node::Element(e) if matches!(&*e.name.local, "foreignObject" | "annotation-xml"))
                }
                _ => false,
            };
            if moves_out {
                lifted.push(cid);
            }
        }
        if !lifted.is_empty() {
            moves.push((n.id(), lifted));
        }
    }
    for (root, lifted) in moves {
        let mut last = root;
        for id in lifted {
            if let Some(mut at) = doc.tree.get_mut(last) {
                at.insert_id_after(id);
            }
            last = id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the text node holding `needle` is inside a MathML or SVG element.
    fn in_foreign(doc: &Html, needle: &str) -> bool {
        let t = doc.tree.root().descendants().find(|d| d.value().as_text().is_some_and(|t| t.contains(needle)));
        let t = t.unwrap_or_else(|| panic!("{needle} is in the tree"));
        t.ancestors().any(|a| is_foreign(&a))
    }

    fn order(doc: &Html) -> String {
        doc.tree
            .root()
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| t.trim().to_string()))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("|")
    }

    /// As the parser puts it, and then lifted.
    fn both(html: &str, serialized: bool) -> (Html, Html) {
        let read = |h: &str| if serialized { crate::parse::read_serialized(h) } else { crate::parse::parse(h) };
        let mut doc = read(html);
        lift(&mut doc, false);
        (read(html), doc)
    }

    #[test]
    fn paragraphs_after_breakouts_leave_the_formula() {
        for shape in [
            "<math><mtext><table><mglyph><style><img src=x></style>",
            "<form><math><mtext></form><form><mglyph><svg><mtext><style><path id=\"</style><img src=x>\">",
            "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src=x>\">",
        ] {
            let (before, after) = both(&format!("<p>lead</p>{shape}<p>one</p><p>two</p>"), false);
            assert!(in_foreign(&before, "one"), "{shape}: the parser leaves it in foreign content");
            assert!(!in_foreign(&after, "one") && !in_foreign(&after, "two"), "{shape}");
            assert_eq!(order(&before), order(&after), "{shape}: document order kept");
        }
    }

    #[test]
    fn foreign_object_html_moves_and_svg_titles_stay() {
        let (_, doc) = both(
            "<svg><title><p>tooltip</p></title><foreignObject width=200 height=100%><p>shown</p>loose</foreignObject>\
             <foreignObject><p>unsized</p></foreignObject></svg><p>after</p>",
            true,
        );
        assert!(!in_foreign(&doc, "shown") && !in_foreign(&doc, "loose"));
        assert!(in_foreign(&doc, "tooltip"), "a title is not drawn: it stays in the graphic");
        assert!(in_foreign(&doc, "unsized"), "nor is what a 0 by 0 foreignObject holds");
        assert_eq!(order(&doc), "tooltip|unsized|shown|loose|after", "what shows follows the graphic");
    }

    #[test]
    fn annotations_are_not_drawn() {
        let html = "<math><semantics><mrow><mi>x</mi></mrow><annotation-xml encoding=\"text/html\"><p>hidden</p></annotation-xml></semantics></math>\
                    <math><annotation-xml encoding=\"text/html\"><p>also hidden</p></annotation-xml></math>";
        let (_, doc) = both(html, true);
        assert!(in_foreign(&doc, "hidden") && in_foreign(&doc, "also hidden"));
        assert!(in_foreign(&doc, "x"), "a formula's own text stays in it");
        // Firefox draws an annotation that is not in <semantics>.
        let mut doc = crate::parse::read_serialized(html);
        lift(&mut doc, true);
        assert!(in_foreign(&doc, "hidden") && !in_foreign(&doc, "also hidden"));
    }
}
