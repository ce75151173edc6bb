//! Completion: ids where an id goes (with their kind and name), the values
//! of fixed fields, field names with their one-line doc, a locator's
//! paragraphs and a quote's sentences from the cited source's own text.

use super::Here;
use super::context::{self, Context};
use super::fields;
use super::folder::Member;
use super::outline::{Item, Kind};
use lsp_types as lsp;

fn item_kind(k: Option<Kind>) -> lsp::CompletionItemKind {
    match k {
        Some(Kind::Actor) => lsp::CompletionItemKind::CLASS,
        Some(Kind::Issue) => lsp::CompletionItemKind::INTERFACE,
        Some(Kind::Position) => lsp::CompletionItemKind::PROPERTY,
        Some(Kind::Event) => lsp::CompletionItemKind::EVENT,
        Some(Kind::Source) => lsp::CompletionItemKind::FILE,
        None => lsp::CompletionItemKind::REFERENCE,
    }
}

pub fn complete(h: &Here, members: &[Member], p: lsp::Position) -> Vec<lsp::CompletionItem> {
    let line = p.line as usize;
    let start = h.doc.offset(lsp::Position::new(p.line, 0), h.enc);
    let col = h.doc.offset(p, h.enc) - start;
    let cx = context::at(h.doc, line, col);
    let caret = super::navigate::char_at(h.doc, p, h.enc);
    let replace = lsp::Range::new(
        h.doc.position(start + cx.prefix_from, h.enc),
        h.doc.position(start + col, h.enc),
    );
    let edit = |label: &str, insert: String| {
        Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            replace, insert,
        )))
        .filter(|_| !label.is_empty())
    };
    let mut out: Vec<lsp::CompletionItem> = Vec::new();
    if let Some(typed) = &cx.link {
        links(h, members, typed, &mut out);
        return with_edits(out, &edit);
    }
    let record = context::record(&cx.path);
    if let Some(key) = &cx.key {
        let rec = record.unwrap_or("");
        let vals = fields::values(key);
        if !vals.is_empty() {
            for (v, word) in vals {
                out.push(lsp::CompletionItem {
                    label: v.clone(),
                    kind: Some(lsp::CompletionItemKind::ENUM_MEMBER),
                    detail: (!word.is_empty()).then_some(word),
                    ..Default::default()
                });
            }
        } else if let Some(wants) = fields::wants(rec, key) {
            ids(h, wants, &mut out);
        } else if key == "locator" {
            paragraphs(h, caret, &mut out);
        } else if key == "quote" && rec == "citation" {
            sentences(h, caret, &mut out);
        }
        return with_edits(out, &edit);
    }
    if cx.item
        && let Some((list, parent)) = cx.path.split_last()
        && let Some(wants) = context::record(parent).and_then(|r| fields::wants(r, list))
    {
        ids(h, wants, &mut out);
    }
    if cx.at_key || (cx.item && record == Some("citation")) {
        keys(&cx, record, &mut out);
    }
    with_edits(out, &edit)
}

fn with_edits(
    mut out: Vec<lsp::CompletionItem>,
    edit: &dyn Fn(&str, String) -> Option<lsp::CompletionTextEdit>,
) -> Vec<lsp::CompletionItem> {
    for c in &mut out {
        let insert = c.insert_text.take().unwrap_or_else(|| c.label.clone());
        c.text_edit = edit(&c.label, insert);
    }
    out
}

fn describe(i: &Item) -> String {
    let kind = i.kind.map_or("item", Kind::noun);
    if i.name.is_empty() {
        kind.to_string()
    } else {
        format!("{kind} — {}", crate::briefing::sanitize::clip(&i.name, 60))
    }
}

fn ids(h: &Here, wants: Option<Kind>, out: &mut Vec<lsp::CompletionItem>) {
    for i in &h.outline.items {
        let Some(id) = &i.id else { continue };
        if wants.is_some() && i.kind != wants {
            continue;
        }
        out.push(lsp::CompletionItem {
            label: id.clone(),
            kind: Some(item_kind(i.kind)),
            detail: Some(describe(i)),
            ..Default::default()
        });
    }
}

/// In `[[…`: this briefing's ids, the other briefings of the folder as
/// `file.yaml#`, and after `file.yaml#` that file's ids.
fn links(h: &Here, members: &[Member], typed: &str, out: &mut Vec<lsp::CompletionItem>) {
    let here = h.path.file_name().and_then(|f| f.to_str()).unwrap_or("");
    let mut others = members
        .iter()
        .filter(|m| m.path.file_name().and_then(|f| f.to_str()) != Some(here));
    match typed.split_once('#') {
        Some((file, _)) => {
            if let Some(m) =
                others.find(|m| m.path.file_name().and_then(|f| f.to_str()) == Some(file))
            {
                for i in &m.outline.items {
                    let Some(id) = &i.id else { continue };
                    out.push(lsp::CompletionItem {
                        label: format!("{file}#{id}"),
                        kind: Some(item_kind(i.kind)),
                        detail: Some(describe(i)),
                        ..Default::default()
                    });
                }
            }
        }
        None => {
            ids(h, None, out);
            for m in others {
                let Some(f) = m.path.file_name().and_then(|f| f.to_str()) else {
                    continue;
                };
                out.push(lsp::CompletionItem {
                    label: format!("{f}#"),
                    kind: Some(lsp::CompletionItemKind::FOLDER),
                    detail: Some("an item of another briefing".into()),
                    command: Some(lsp::Command::new(
                        "suggest".into(),
                        "editor.action.triggerSuggest".into(),
                        None,
                    )),
                    ..Default::default()
                });
            }
        }
    }
}

fn keys(cx: &Context, record: Option<&str>, out: &mut Vec<lsp::CompletionItem>) {
    let Some(r) = record else { return };
    for k in fields::keys(r) {
        out.push(lsp::CompletionItem {
            label: k.to_string(),
            kind: Some(lsp::CompletionItemKind::FIELD),
            detail: fields::doc(r, k).map(str::to_string),
            insert_text: Some(format!("{k}: ")),
            ..Default::default()
        });
    }
    let _ = cx;
}

/// The value of `key` written in the mapping the caret's line is in:
/// lines up and down at the caret's key column, within its item.
pub fn sibling(h: &Here, a: super::outline::At, key: &str) -> Option<String> {
    let line = a.line;
    if let Some(c) = h
        .outline
        .citations
        .iter()
        .find(|c| h.fresh && c.span.contains(a))
    {
        let v = match key {
            "source" => Some(c.source.clone()),
            "locator" => c.locator.clone(),
            _ => None,
        };
        if v.as_deref().is_some_and(|v| !v.is_empty()) {
            return v;
        }
    }
    // The file may not parse while being typed: read the lines.
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let here = h.doc.line(line);
    let col = indent(here);
    let look = |n: usize| -> Option<String> {
        let l = h.doc.line(n);
        let t = l.trim_start_matches([' ', '-']);
        let v = t.strip_prefix(key)?.strip_prefix(':')?.trim();
        Some(v.trim_matches(['"', '\'']).to_string())
    };
    for n in (line.saturating_sub(6)..line).rev() {
        let l = h.doc.line(n);
        if indent(l) < col && !l.trim().is_empty() {
            break;
        }
        if indent(l) == col
            && let Some(v) = look(n)
        {
            return Some(v);
        }
        if l.trim_start().starts_with('-') && indent(l) == col {
            break;
        }
    }
    for n in line + 1..(line + 6).min(h.doc.line_count()) {
        let l = h.doc.line(n);
        if indent(l) < col || l.trim_start().starts_with('-') {
            break;
        }
        if let Some(v) = look(n) {
            return Some(v);
        }
    }
    // `{source: wire, locator: …}` on the caret's line.
    let t = here;
    let at = t.find(&format!("{key}:"))?;
    let v = t[at + key.len() + 1..].split([',', '}']).next()?.trim();
    Some(v.trim_matches(['"', '\'']).to_string())
}

/// The paragraphs of the source the citation at `a` names.
fn cited_text(h: &Here, a: super::outline::At) -> Option<Vec<String>> {
    let src = sibling(h, a, "source")?;
    super::hover::paragraphs(h.path, h.outline.item(&src)?)
}

fn paragraphs(h: &Here, a: super::outline::At, out: &mut Vec<lsp::CompletionItem>) {
    let Some(paras) = cited_text(h, a) else {
        return;
    };
    for (n, p) in paras.iter().enumerate() {
        let first: String = p.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
        out.push(lsp::CompletionItem {
            label: format!("¶{}", n + 1),
            kind: Some(lsp::CompletionItemKind::VALUE),
            detail: Some(crate::briefing::sanitize::clip(&first, 70)),
            documentation: Some(lsp::Documentation::String(crate::briefing::sanitize::clip(
                p, 600,
            ))),
            sort_text: Some(format!("{:06}", n + 1)),
            insert_text: Some(format!("\"¶{}\"", n + 1)),
            ..Default::default()
        });
    }
}

fn sentences(h: &Here, a: super::outline::At, out: &mut Vec<lsp::CompletionItem>) {
    let Some(paras) = cited_text(h, a) else {
        return;
    };
    let Some((a, z)) = sibling(h, a, "locator")
        .as_deref()
        .and_then(crate::briefing::evidence::locator::parse)
    else {
        return;
    };
    let mut n = 0;
    for p in paras.iter().take(z).skip(a.saturating_sub(1)) {
        for s in crate::briefing::evidence::sentences(p) {
            let s = s.trim();
            if s.is_empty() {
                continue;
            }
            n += 1;
            out.push(lsp::CompletionItem {
                label: crate::briefing::sanitize::clip(s, 80),
                kind: Some(lsp::CompletionItemKind::TEXT),
                sort_text: Some(format!("{n:06}")),
                filter_text: Some(s.to_string()),
                insert_text: Some(yaml_string(s)),
                documentation: Some(lsp::Documentation::String(s.to_string())),
                ..Default::default()
            });
        }
    }
}

/// A YAML double-quoted string holding `s` exactly.
pub fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}
