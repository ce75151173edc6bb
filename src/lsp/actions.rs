//! Code actions: the fix each finding names (a "did you mean", the right
//! locator, the right source, the quote as written, a gap marked with `…`,
//! `via:`), and a citation added to the item under the caret.

use super::Here;
use super::complete::yaml_string;
use super::navigate::char_at;
use super::outline::{Extent, Kind};
use lsp_types as lsp;
use std::collections::HashMap;

pub fn actions(h: &Here, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in &p.context.diagnostics {
        if d.source.as_deref() != Some("brief") {
            continue;
        }
        for (title, edits) in fixes(h, d) {
            out.push(action(h, title, edits, Some(d.clone()), true));
        }
    }
    out.extend(add_citation(h, p.range.start));
    out
}

// The protocol's edit is a map keyed by `Uri`, whose hash never changes.
#[allow(clippy::mutable_key_type)]
fn action(
    h: &Here,
    title: String,
    edits: Vec<lsp::TextEdit>,
    diag: Option<lsp::Diagnostic>,
    quick: bool,
) -> lsp::CodeActionOrCommand {
    let mut changes = HashMap::new();
    changes.insert(h.uri.clone(), edits);
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(if quick {
            lsp::CodeActionKind::QUICKFIX
        } else {
            lsp::CodeActionKind::REFACTOR
        }),
        is_preferred: Some(quick),
        diagnostics: diag.map(|d| vec![d]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn fixes(h: &Here, d: &lsp::Diagnostic) -> Vec<(String, Vec<lsp::TextEdit>)> {
    let empty = serde_json::Value::Null;
    let meta = d.data.as_ref().unwrap_or(&empty);
    let help = meta.get("help").and_then(|v| v.as_str()).unwrap_or("");
    let data = meta.get("data").unwrap_or(&empty);
    let mut out = Vec::new();
    if let Some(rest) = help.split_once("did you mean `").map(|x| x.1)
        && let Some((name, _)) = rest.split_once('`')
    {
        out.push((
            format!("Change to `{name}`"),
            vec![lsp::TextEdit::new(d.range, name.to_string())],
        ));
    }
    let at = char_at(h.doc, d.range.start, h.enc);
    let cite = h.outline.citations.iter().find(|c| c.span.contains(at));
    if let Some(l) = data.get("locator").and_then(|v| v.as_str())
        && let Some(c) = cite
        && let Some(e) = set_field(h, c.span, "locator", &yaml_string(l), "quote")
    {
        out.push((format!("Write `locator: \"{l}\"`"), vec![e]));
    }
    // Two fields of the citation set at once, or nothing.
    let both = |(k1, v1): (&str, String), n: u64| -> Option<Vec<lsp::TextEdit>> {
        let c = cite?;
        let beside = if k1 == "quote" { "" } else { "quote" };
        Some(vec![
            set_field(h, c.span, k1, &v1, beside)?,
            set_field(
                h,
                c.span,
                "locator",
                &yaml_string(&format!("¶{n}")),
                "quote",
            )?,
        ])
    };
    if let Some(f) = data.get("found_in")
        && let (Some(src), Some(n)) = (
            f.get("source").and_then(|v| v.as_str()),
            f.get("paragraph").and_then(|v| v.as_u64()),
        )
        && let Some(edits) = both(("source", src.to_string()), n)
    {
        out.push((format!("Cite `{src}` ¶{n}"), edits));
    }
    if let Some(q) = data.get("quote").and_then(|v| v.as_str())
        && let Some(c) = cite
        && let Some(e) = set_field(h, c.span, "quote", &yaml_string(q), "")
    {
        out.push(("Mark the gap with …".to_string(), vec![e]));
    }
    if let Some(cl) = data.get("closest")
        && let (Some(n), Some(passage)) = (
            cl.get("paragraph").and_then(|v| v.as_u64()),
            cl.get("passage").and_then(|v| v.as_str()),
        )
        && let Some(edits) = both(("quote", yaml_string(passage)), n)
    {
        out.push((format!("Quote ¶{n} as written"), edits));
    }
    if let Some(v) = data.get("via").and_then(|v| v.as_str())
        && let Some(item) = h
            .outline
            .items
            .iter()
            .find(|i| i.kind == Some(Kind::Source) && i.span.contains(at))
        && let Some(e) = set_field(h, item.span, "via", &yaml_string(v), "id")
    {
        out.push((format!("Add `via: \"{v}\"`"), vec![e]));
    }
    out
}

/// Key column and line of `key:` written in a block mapping within `span`.
fn field_line(h: &Here, span: Extent, key: &str) -> Option<(usize, usize)> {
    for n in span.from.line..=span.to.line.min(h.doc.line_count().saturating_sub(1)) {
        let l = h.doc.line(n);
        let t = l.trim_start().trim_start_matches('-').trim_start();
        if let Some(rest) = t.strip_prefix(key)
            && (rest.starts_with(": ") || rest == ":")
        {
            return Some((n, l.len() - t.len()));
        }
    }
    None
}

/// Sets `key` in the block mapping within `span`: its value replaced (with
/// any continuation lines), or a new line added beside `beside`.
fn set_field(
    h: &Here,
    span: Extent,
    key: &str,
    value: &str,
    beside: &str,
) -> Option<lsp::TextEdit> {
    let start_of = |n: usize| h.doc.offset(lsp::Position::new(n as u32, 0), h.enc);
    if span.from.line == span.to.line
        && let Some(e) = set_in_flow(h, span, (key, value), beside, start_of(span.from.line))
    {
        return Some(e);
    }
    if let Some((n, col)) = field_line(h, span, key) {
        let line = h.doc.line(n);
        let from = col + key.len() + 1;
        let mut end_line = n;
        for m in n + 1..h.doc.line_count() {
            let l = h.doc.line(m);
            let indent = l.len() - l.trim_start().len();
            if l.trim().is_empty() || indent <= col {
                break;
            }
            end_line = m;
        }
        let from_b = start_of(n) + from.min(line.len());
        let to_b = start_of(end_line) + h.doc.line(end_line).len();
        return Some(lsp::TextEdit::new(
            h.doc.range_of_bytes(from_b, to_b, h.enc),
            format!(" {value}"),
        ));
    }
    if beside.is_empty() {
        return None;
    }
    let (n, col) = field_line(h, span, beside)?;
    let at = lsp::Position::new(n as u32 + 1, 0);
    let at = if n + 1 >= h.doc.line_count() {
        h.doc.position(h.doc.text.len(), h.enc)
    } else {
        at
    };
    let lead = if n + 1 >= h.doc.line_count() && !h.doc.text.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    // After `beside` and its continuation lines.
    let mut after = n;
    for m in n + 1..h.doc.line_count() {
        let l = h.doc.line(m);
        let indent = l.len() - l.trim_start().len();
        if l.trim().is_empty() || indent <= col {
            break;
        }
        after = m;
    }
    let at = if after > n {
        lsp::Position::new(after as u32 + 1, 0)
    } else {
        at
    };
    Some(lsp::TextEdit::new(
        lsp::Range::new(at, at),
        format!("{lead}{}{key}: {value}\n", " ".repeat(col)),
    ))
}

/// On an item that cites: "Cite `source` here" for each source with a
/// text; the locator's completion then offers its paragraphs by number.
fn add_citation(h: &Here, p: lsp::Position) -> Vec<lsp::CodeActionOrCommand> {
    let at = char_at(h.doc, p, h.enc);
    let Some(item) = h
        .outline
        .items
        .iter()
        .find(|i| i.kind.is_some_and(|k| k != Kind::Source) && i.span.contains(at))
    else {
        return Vec::new();
    };
    // The item's key column: that of its first line after the dash.
    let first = h.doc.line(item.span.from.line);
    let col = first.len() - first.trim_start_matches([' ', '-']).len();
    let col = if first.trim_start().starts_with('-') {
        col
    } else {
        item.span.from.col
    };
    let mut out = Vec::new();
    for s in h
        .outline
        .items
        .iter()
        .filter(|s| {
            s.kind == Some(Kind::Source) && (s.field("file").is_some() || s.field("text").is_some())
        })
        .take(20)
    {
        let Some(id) = &s.id else { continue };
        let pad = " ".repeat(col);
        // The item's own lines: a block mapping ends where the next token
        // starts, at the start of the line after it.
        let mut own = item.span;
        if own.to.col == 0 && own.to.line > own.from.line {
            own.to.line -= 1;
        }
        let edit = match field_line(h, own, "sources").filter(|&(_, kcol)| kcol == col) {
            Some((n, kcol)) if h.doc.line(n).trim_end().ends_with(':') => {
                let at = lsp::Position::new(n as u32 + 1, 0);
                let pad = " ".repeat(kcol + 2);
                lsp::TextEdit::new(
                    lsp::Range::new(at, at),
                    format!("{pad}- source: {id}\n{pad}  locator: \"¶1\"\n"),
                )
            }
            // `sources: [a, {…}]` on one line: one more at its end.
            Some((n, _)) => {
                let line = h.doc.line(n);
                let t = line.trim_end();
                if !t.ends_with(']') {
                    continue;
                }
                let at = h.doc.position(start_of_line(h, n) + t.len() - 1, h.enc);
                let sep = if t.ends_with("[]") { "" } else { ", " };
                lsp::TextEdit::new(
                    lsp::Range::new(at, at),
                    format!("{sep}{{source: {id}, locator: \"¶1\"}}"),
                )
            }
            None => {
                let end = item.span.to;
                let line = if end.col == 0 { end.line } else { end.line + 1 };
                let at = if line >= h.doc.line_count() {
                    h.doc.position(h.doc.text.len(), h.enc)
                } else {
                    lsp::Position::new(line as u32, 0)
                };
                let lead = if line >= h.doc.line_count() && !h.doc.text.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                lsp::TextEdit::new(
                    lsp::Range::new(at, at),
                    format!(
                        "{lead}{pad}sources:\n{pad}  - source: {id}\n{pad}    locator: \"¶1\"\n"
                    ),
                )
            }
        };
        out.push(action(
            h,
            format!("Cite `{id}` here (then pick its paragraph)"),
            vec![edit],
            None,
            false,
        ));
    }
    out
}

/// [`set_field`] in a flow mapping on one line, `{source: a, locator: "¶2"}`.
fn set_in_flow(
    h: &Here,
    span: Extent,
    (key, value): (&str, &str),
    beside: &str,
    line_start: usize,
) -> Option<lsp::TextEdit> {
    let line = h.doc.line(span.from.line);
    let byte = |col: usize| line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
    let (from, to) = (byte(span.from.col), byte(span.to.col));
    let flow = &line[from..to];
    if !flow.starts_with('{') {
        return None;
    }
    // Each `key: value` of the mapping, split at commas outside quotes.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut quote) = (1, None::<char>);
    for (i, c) in flow.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ',' | '}') => {
                parts.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    for &(a, z) in &parts {
        let part = &flow[a..z];
        let t = part.trim_start();
        if let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            let colon = a + (part.len() - t.len()) + key.len() + rest.find(':')? + 1;
            let (x, y) = (line_start + from + colon, line_start + from + z);
            return Some(lsp::TextEdit::new(
                h.doc.range_of_bytes(x, y, h.enc),
                format!(" {value}"),
            ));
        }
    }
    if beside.is_empty() {
        return None;
    }
    let close = line_start + from + flow.rfind('}')?;
    let at = h.doc.position(close, h.enc);
    Some(lsp::TextEdit::new(
        lsp::Range::new(at, at),
        format!(", {key}: {value}"),
    ))
}

fn start_of_line(h: &Here, n: usize) -> usize {
    h.doc.offset(lsp::Position::new(n as u32, 0), h.enc)
}
