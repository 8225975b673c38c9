//! Formulas in the reader view: a page's MathML as the browser draws it
//! (Chromium and Firefox both draw MathML Core), kept as a clean tree of
//! MathML Core's presentation elements with their layout attributes only.
//! Nothing else of the formula comes through: no `href`, no `style`, no
//! event handler, no annotation (a `<semantics>` gives its first child, what
//! is drawn; HTML the page put inside a formula was moved out of it when the
//! page was read, `parse::foreign`). The view builds these elements in the
//! MathML namespace from the same list (`extension/view/view.js`).
//!
//! In the plain text a formula is its characters as drawn ("x2+y2", as a
//! browser's `innerText` gives them); in Markdown its TeX (`$x^2+y^2$`)
//! when the page gave one (an `application/x-tex` annotation or a TeX
//! `alttext`), or those characters.

use super::RNode;
use crate::dom::{self, NRef};
use markup5ever::ns;
use scraper::Node;

/// MathML Core's presentation elements.
pub(super) const TAGS: &[&str] = &[
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
];

/// Their layout attributes (and a formula's `display` and `alttext`).
pub(super) const ATTRS: &[&str] = &[
    "display",
    "alttext",
    "mathvariant",
    "displaystyle",
    "scriptlevel",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "accent",
    "accentunder",
    "fence",
    "separator",
    "form",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "linethickness",
    "columnalign",
    "rowalign",
    "columnspan",
    "rowspan",
    "width",
    "height",
    "depth",
    "voffset",
    "dir",
];

/// The element's name as the clean tree holds it, if it is one of [`TAGS`].
pub(super) fn intern(tag: &str) -> Option<&'static str> {
    TAGS.iter().find(|t| **t == tag).copied()
}

/// The attribute's name as the clean tree holds it, if it is one of [`ATTRS`].
pub(super) fn attr_name(name: &str) -> Option<&'static str> {
    ATTRS.iter().find(|a| **a == name).copied()
}

/// Elements whose own text is the formula's ("x", "2", "+").
fn token(tag: &str) -> bool {
    matches!(tag, "mi" | "mn" | "mo" | "ms" | "mtext")
}

/// The formula `n` (a `<math>` element) as a clean tree, or `None` when it
/// draws no character.
pub(super) fn formula(n: &NRef) -> Option<RNode> {
    let mut out = Vec::new();
    node(n, &mut out, 0);
    let f = out.pop()?;
    let RNode::El { tag: "math", attrs, children } = f else { return None };
    if super::inline_text(&children).trim().is_empty() {
        return None;
    }
    // The TeX the page gave, for Markdown, when it gave no alttext.
    let mut attrs = attrs.into_vec();
    if !attrs.iter().any(|(k, _)| *k == "alttext") {
        if let Some(tex) = tex_annotation(n) {
            attrs.push(("alttext", tex));
        }
    }
    Some(RNode::El { tag: "math", attrs: attrs.into_boxed_slice(), children })
}

/// A formula's TeX annotation (`<annotation encoding="application/x-tex">`).
fn tex_annotation(n: &NRef) -> Option<String> {
    n.descendants().find_map(|d| match d.value() {
        Node::Element(e)
            if e.name() == "annotation"
                && dom::get(e, "encoding").is_some_and(|v| v.eq_ignore_ascii_case("application/x-tex")) =>
        {
            Some(dom::collapse_ws(
                &d.descendants().filter_map(|t| t.value().as_text().map(|t| t.to_string())).collect::<String>(),
            ))
        }
        _ => None,
    })
}

fn node(n: &NRef, out: &mut Vec<RNode>, depth: usize) {
    if depth > crate::parse::MAX_DEPTH {
        return;
    }
    match n.value() {
        Node::Text(t) => {
            let drawn = n.parent().is_some_and(|p| matches!(p.value(), Node::Element(e) if token(e.name())));
            if drawn && !t.trim().is_empty() {
                out.push(RNode::Text(dom::collapse_ws(t).trim().into()));
            }
        }
        Node::Element(e) if e.name.ns == ns!(mathml) && !dom::is_hidden(n) => {
            let name = e.name();
            let elements = || n.children().filter(|c| c.value().is_element());
            match name {
                // What is drawn of a `<semantics>` (its first child) and of
                // an `<maction>` (the child it selects, the first unless told).
                "semantics" | "maction" => {
                    if let Some(c) = elements().next() {
                        node(&c, out, depth + 1);
                    }
                }
                "annotation" | "annotation-xml" => {}
                _ => {
                    let mut children = Vec::new();
                    for c in n.children() {
                        node(&c, &mut children, depth + 1);
                    }
                    // Other MathML (`menclose`, `mfenced`, `mlabeledtr`) as a row.
                    let tag = intern(name).unwrap_or("mrow");
                    let attrs: Vec<(&'static str, String)> = e
                        .attrs()
                        .filter_map(|(k, v)| attr_name(k).map(|k| (k, v.chars().take(200).collect())))
                        .collect();
                    out.push(RNode::El { tag, attrs: attrs.into_boxed_slice(), children: children.into_boxed_slice() });
                }
            }
        }
        _ => {}
    }
}

/// A formula in Markdown: `$TeX$` when the page gave TeX, else its characters.
pub(super) fn markdown(attrs: &[(&'static str, String)], children: &[RNode]) -> String {
    let tex = attrs
        .iter()
        .find(|(k, _)| *k == "alttext")
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty() && v.chars().any(|c| matches!(c, '\\' | '^' | '_' | '{')) && !v.contains('$'));
    match tex {
        Some(t) => format!("${t}$"),
        None => super::md_escape(&super::inline_text(children)),
    }
}

#[cfg(test)]
mod tests {
    /// The clean tree of a story holding `body`, written as HTML, text and Markdown.
    struct Written {
        html: String,
        text: String,
        markdown: String,
    }

    fn article(body: &str) -> Written {
        let story = "<p>Every pupil meets the theorem of Pythagoras sooner or later, usually as a rule to learn by heart rather than a fact to understand at all.</p>";
        let html = format!("<html><head><title>Maths</title></head><body><article><h1>Maths</h1>{story}{body}{story}</article></body></html>");
        let doc = scraper::Html::parse_document(&html);
        let body = doc.tree.root().descendants().find(|n| crate::dom::tag(n) == Some("article")).unwrap().id();
        let r = super::super::render(&doc, &[body], "", "Maths", crate::types::Signals::ALL);
        Written {
            html: super::super::to_html(&r.tree),
            text: super::super::plain_text(&r.tree).text,
            markdown: super::super::markdown(&r.tree),
        }
    }

    #[test]
    fn formulas_drawn_as_mathml_with_their_tex_in_markdown() {
        let a = article(
            "<p>So <math><semantics><mrow><msup><mi>a</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow>\
             <annotation encoding=\"application/x-tex\">a^2+1</annotation></semantics></math> holds.</p>\
             <p>And <math display=\"block\"><mfrac><mi mathvariant=\"normal\">C</mi><mi>d</mi></mfrac></math> too.</p>",
        );
        assert!(
            a.html.contains(
                "<math alttext=\"a^2+1\"><mrow><msup><mi>a</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow></math>"
            ),
            "{}",
            a.html
        );
        assert!(
            a.html
                .contains("<math display=\"block\"><mfrac><mi mathvariant=\"normal\">C</mi><mi>d</mi></mfrac></math>"),
            "{}",
            a.html
        );
        // The characters as drawn in the text; the TeX (or else the
        // characters) in Markdown.
        assert!(a.text.contains("So a2+1 holds.") && a.text.contains("And Cd too."), "{}", a.text);
        assert!(a.markdown.contains("So $a^2+1$ holds.") && a.markdown.contains("And Cd too."), "{}", a.markdown);
    }

    #[test]
    fn nothing_but_drawn_mathml_and_its_layout_attributes() {
        let a = article(
            "<p>See <math href=\"javascript:alert(1)\" onclick=\"alert(2)\" style=\"color:red\" class=\"x\">\
             <mi onmouseover=\"alert(3)\" tabindex=\"0\" mathcolor=\"red\">x</mi>\
             <maction actiontype=\"toggle\"><mn>1</mn><mn>2</mn></maction>\
             <menclose notation=\"box\"><mi>y</mi></menclose>\
             <semantics><mi>z</mi><annotation-xml encoding=\"MathML-Content\"><ci>hidden</ci></annotation-xml><annotation>tex</annotation></semantics>\
             <mglyph src=\"https://example.com/g.png\"></mglyph></math> now.</p><p>Empty <math><mrow></mrow></math> formula.</p>",
        );
        let m = &a.html[a.html.find("<math").unwrap()..a.html.find("</math>").unwrap() + 7];
        assert_eq!(m, "<math><mi>x</mi><mn>1</mn><mrow><mi>y</mi></mrow><mi>z</mi></math>");
        assert!(
            !a.html.contains("hidden") && !a.html.contains("tex") && a.html.matches("<math").count() == 1,
            "{}",
            a.html
        );
    }
}
