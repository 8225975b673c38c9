//! The clean tree as Markdown (CommonMark with GFM tables): inline marks,
//! links and images, lists, quotes, code blocks, tables.

use super::*;

/// A clean tree as Markdown (the same with facts marked in it or not).
pub fn markdown(tree: &[RNode]) -> String {
    let mut md = String::new();
    write_md_blocks(tree, &mut md, "");
    md.trim().to_string() + "\n"
}

pub(super) fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

pub(super) fn md_inline(nodes: &[RNode]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            RNode::Text(t) | RNode::Mark { text: t, .. } => push_visible(&mut s, &md_escape(&collapse_keep_edges(t))),
            RNode::El { tag, .. } if is_annotation(tag) => {}
            RNode::El { tag: "math", attrs, children } => s.push_str(&math::markdown(attrs, children)),
            RNode::El { tag, attrs, children } => {
                let inner = md_inline(children);
                let get = |k: &str| attrs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.as_str()).unwrap_or("");
                match *tag {
                    "br" => s.push_str("  \n"),
                    "strong" => s.push_str(&wrap_md(&inner, "**")),
                    "em" | "cite" | "dfn" | "var" => s.push_str(&wrap_md(&inner, "*")),
                    "code" | "kbd" | "samp" => s.push_str(&format!("`{}`", inline_text(children).replace('`', "'"))),
                    "del" | "s" => s.push_str(&wrap_md(&inner, "~~")),
                    "a" => s.push_str(&format!(
                        "[{}]({})",
                        inner.trim(),
                        get("href").replace(' ', "%20").replace(')', "%29")
                    )),
                    "img" => s.push_str(&format!(
                        "![{}]({})",
                        md_escape(get("alt")),
                        get("src").replace(' ', "%20").replace(')', "%29")
                    )),
                    _ => s.push_str(&inner),
                }
            }
        }
    }
    s
}

pub(super) fn wrap_md(inner: &str, mark: &str) -> String {
    let t = inner.trim();
    if t.is_empty() {
        String::new()
    } else {
        let lead = if inner.starts_with(' ') { " " } else { "" };
        let trail = if inner.ends_with(' ') { " " } else { "" };
        format!("{lead}{mark}{t}{mark}{trail}")
    }
}

pub(super) fn md_line(s: &str) -> String {
    s.split('\n').map(|l| l.trim()).collect::<Vec<_>>().join("\n").trim().to_string()
}

pub(super) fn write_md_blocks(nodes: &[RNode], out: &mut String, prefix: &str) {
    let mut inline: Vec<RNode> = Vec::new();
    let push_para = |text: String, out: &mut String| {
        if text.is_empty() {
            return;
        }
        for line in text.lines() {
            out.push_str(prefix);
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(prefix.trim_end());
        out.push('\n');
    };
    for n in nodes {
        let RNode::El { tag, attrs, children } = n else {
            inline.push(n.clone());
            continue;
        };
        if !is_block_rnode(n) {
            inline.push(n.clone());
            continue;
        }
        push_para(md_line(&md_inline(&std::mem::take(&mut inline))), out);
        match *tag {
            "p" | "figcaption" | "caption" | "dt" => push_para(md_line(&md_inline(children)), out),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = tag[1..].parse::<usize>().unwrap_or(2);
                push_para(format!("{} {}", "#".repeat(level), dom::collapse_ws(&md_inline(children))), out)
            }
            "pre" => push_para(format!("```\n{}\n```", inline_text(children).trim_end()), out),
            "hr" => push_para("---".into(), out),
            "blockquote" => {
                write_md_blocks(&wrap_loose(children), out, &format!("{prefix}> "));
                out.push_str(prefix.trim_end());
                out.push('\n');
            }
            "ul" | "ol" => {
                let start =
                    attrs.iter().find(|(k, _)| *k == "start").and_then(|(_, v)| v.parse::<usize>().ok()).unwrap_or(1);
                for (i, li) in children.iter().enumerate() {
                    let RNode::El { children: lc, .. } = li else {
                        continue;
                    };
                    let marker = if *tag == "ol" { format!("{}. ", start + i) } else { "- ".into() };
                    let mut item = String::new();
                    write_md_blocks(&wrap_loose(lc), &mut item, "");
                    let indent = " ".repeat(marker.len());
                    let mut first = true;
                    for line in item.trim_end().lines() {
                        out.push_str(prefix);
                        if first {
                            out.push_str(&marker);
                            first = false;
                        } else if !line.is_empty() {
                            out.push_str(&indent);
                        }
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                out.push_str(prefix.trim_end());
                out.push('\n');
            }
            "table" => {
                let mut rows: Vec<Vec<String>> = Vec::new();
                collect_rows(children, &mut rows);
                let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
                if cols > 0 {
                    let mut t = String::new();
                    for (i, r) in rows.iter().enumerate() {
                        let mut cells = r.clone();
                        cells.resize(cols, String::new());
                        t.push_str(&format!("| {} |\n", cells.join(" | ")));
                        if i == 0 {
                            t.push_str(&format!("|{}\n", " --- |".repeat(cols)));
                        }
                    }
                    push_para(t.trim_end().to_string(), out);
                }
            }
            "figure" => write_md_blocks(&wrap_loose(children), out, prefix),
            _ => write_md_blocks(children, out, prefix),
        }
    }
    push_para(md_line(&md_inline(&inline)), out);
}

/// Loose inline content inside a flow block becomes one paragraph for Markdown.
pub(super) fn wrap_loose(children: &[RNode]) -> Vec<RNode> {
    if children.iter().any(is_block_rnode) {
        children.to_vec()
    } else {
        vec![el("p", vec![], children.to_vec())]
    }
}

pub(super) fn collect_rows(nodes: &[RNode], rows: &mut Vec<Vec<String>>) {
    for n in nodes {
        if let RNode::El { tag, children, .. } = n {
            match *tag {
                "tr" => rows.push(
                    children
                        .iter()
                        .map(|c| match c {
                            RNode::El { children, .. } => dom::collapse_ws(&md_inline(children)).replace('|', "\\|"),
                            RNode::Text(t) | RNode::Mark { text: t, .. } => dom::collapse_ws(t),
                        })
                        .collect(),
                ),
                "thead" | "tbody" | "tfoot" => collect_rows(children, rows),
                _ => {}
            }
        }
    }
}
