//! Go to definition, references, rename and symbols: ids followed within a
//! briefing and across the briefings of its folder (`other.yaml#id`).

use super::folder::Member;
use super::outline::{Extent, Item, Kind, is_id};
use super::text::{Doc, Encoding};
use super::{Here, uri_of};
use lsp_types as lsp;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// 0-based line and character column of an LSP position.
pub fn char_at(doc: &Doc, p: lsp::Position, enc: Encoding) -> super::outline::At {
    let line = p.line as usize;
    let start = doc.offset(lsp::Position::new(p.line, 0), enc);
    let at = doc.offset(p, enc);
    super::outline::At {
        line,
        col: doc.text[start..at.max(start)].chars().count(),
    }
}

pub fn range(doc: &Doc, e: Extent, enc: Encoding) -> lsp::Range {
    lsp::Range::new(
        doc.position_of_char(e.from.line + 1, e.from.col + 1, enc),
        doc.position_of_char(e.to.line + 1, e.to.col + 1, enc),
    )
}

/// An id under the caret (its item's own `id:` or a use): as written
/// (maybe `file#id`), and where.
pub struct Target {
    pub written: String,
    pub at: Extent,
}

pub fn target(h: &Here, p: lsp::Position) -> Option<Target> {
    let a = char_at(h.doc, p, h.enc);
    if let Some(i) = h
        .outline
        .items
        .iter()
        .find(|i| i.id_at.is_some_and(|e| e.contains(a)))
    {
        return Some(Target {
            written: i.id.clone()?,
            at: i.id_at?,
        });
    }
    let u = h.outline.uses.iter().find(|u| u.at.contains(a))?;
    Some(Target {
        written: u.id.clone(),
        at: u.at,
    })
}

/// The file and id a written reference names, from the file `from`.
pub fn resolve(from: &Path, written: &str) -> (PathBuf, String) {
    match written.split_once('#') {
        Some((file, id)) => {
            let dir = from.parent().unwrap_or(Path::new("."));
            (normal(&dir.join(file)), id.to_string())
        }
        None => (from.to_path_buf(), written.to_string()),
    }
}

/// `a/./b/../c` as `a/c`, without touching the disk.
fn normal(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

fn member<'a>(members: &'a [Member], path: &Path) -> Option<&'a Member> {
    members.iter().find(|m| normal(&m.path) == normal(path))
}

pub fn definition(h: &Here, members: &[Member], p: lsp::Position) -> Option<lsp::Location> {
    if let Some(t) = target(h, p) {
        let (file, id) = resolve(h.path, &t.written);
        if file == normal(h.path) || file == h.path {
            let item = h.outline.item(&id)?;
            return Some(lsp::Location::new(
                h.uri.clone(),
                range(h.doc, item.id_or_start(), h.enc),
            ));
        }
        let m = member(members, &file)?;
        let item = m.outline.item(&id)?;
        let doc = Doc::new(m.text.to_string(), 0);
        return Some(lsp::Location::new(
            uri_of(&m.path)?,
            range(&doc, item.id_or_start(), h.enc),
        ));
    }
    citation_target(h, p)
}

/// From a citation with a paragraph locator to the source's text there.
fn citation_target(h: &Here, p: lsp::Position) -> Option<lsp::Location> {
    let a = char_at(h.doc, p, h.enc);
    let c = h.outline.citations.iter().find(|c| c.span.contains(a))?;
    let (from, _) = crate::briefing::evidence::locator::parse(c.locator.as_deref()?)?;
    let source = h.outline.item(&c.source)?;
    let paras = super::hover::paragraphs(h.path, source)?;
    let para = paras.get(from - 1)?;
    let probe: String = para
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    match source.field("file") {
        Some(file) => {
            let path = h.path.parent()?.join(file);
            let text = std::fs::read_to_string(&path).ok()?;
            let line = find_line(&text, &probe).unwrap_or(0);
            let pos = lsp::Position::new(line as u32, 0);
            Some(lsp::Location::new(
                uri_of(&path)?,
                lsp::Range::new(pos, pos),
            ))
        }
        None => {
            let line = find_line(&h.doc.text, &probe)?;
            let pos = lsp::Position::new(line as u32, 0);
            Some(lsp::Location::new(h.uri.clone(), lsp::Range::new(pos, pos)))
        }
    }
}

/// The line where the words of `probe` begin, spaces and line breaks
/// aside (a paragraph may be wrapped over lines in its file).
fn find_line(text: &str, probe: &str) -> Option<usize> {
    let words: Vec<&str> = probe.split_whitespace().collect();
    let first = words.first()?;
    let lines: Vec<&str> = text.lines().collect();
    for (n, l) in lines.iter().enumerate() {
        if !l.contains(first) {
            continue;
        }
        let window: String = lines[n..(n + 3).min(lines.len())].join(" ");
        let flat: Vec<&str> = window.split_whitespace().collect();
        if flat.windows(words.len()).any(|w| w == words.as_slice()) {
            return Some(n);
        }
    }
    None
}

/// Every place the item `(file, id)` is named, in each member (and its
/// own `id:` when asked).
fn places(members: &[Member], file: &Path, id: &str, declaration: bool) -> Vec<(PathBuf, Extent)> {
    let mut out = Vec::new();
    for m in members {
        let mine = normal(&m.path) == normal(file);
        if mine
            && declaration
            && let Some(e) = m.outline.item(id).and_then(|i| i.id_at)
        {
            out.push((m.path.clone(), e));
        }
        for u in &m.outline.uses {
            let (f, i) = resolve(&m.path, &u.id);
            if i == id && normal(&f) == normal(file) {
                // Only the id of `file#id`.
                let mut e = u.at;
                if let Some((before, _)) = u.id.split_once('#') {
                    e.from.col += before.chars().count() + 1;
                }
                out.push((m.path.clone(), e));
            }
        }
    }
    out
}

pub fn references(
    h: &Here,
    members: &[Member],
    p: lsp::Position,
    declaration: bool,
) -> Option<Vec<lsp::Location>> {
    let t = target(h, p)?;
    let (file, id) = resolve(h.path, &t.written);
    let mut docs: HashMap<PathBuf, Doc> = HashMap::new();
    let mut out = Vec::new();
    for (path, e) in places(with_self(h, members).as_slice(), &file, &id, declaration) {
        let doc = docs
            .entry(path.clone())
            .or_insert_with(|| text_of(h, members, &path));
        out.push(lsp::Location::new(uri_of(&path)?, range(doc, e, h.enc)));
    }
    Some(out)
}

/// The members with the open document as the editor has it now.
fn with_self(h: &Here, members: &[Member]) -> Vec<Member> {
    let mut v: Vec<Member> = members
        .iter()
        .filter(|m| normal(&m.path) != normal(h.path))
        .map(|m| Member {
            path: m.path.clone(),
            text: m.text.clone(),
            outline: m.outline.clone(),
        })
        .collect();
    v.push(Member {
        path: h.path.to_path_buf(),
        text: h.doc.text.as_str().into(),
        outline: h.outline.clone(),
    });
    v
}

fn text_of(h: &Here, members: &[Member], path: &Path) -> Doc {
    if normal(path) == normal(h.path) {
        return Doc::new(h.doc.text.clone(), 0);
    }
    Doc::new(
        member(members, path).map_or(String::new(), |m| m.text.to_string()),
        0,
    )
}

pub fn prepare_rename(h: &Here, p: lsp::Position) -> Option<Result<lsp::Range, String>> {
    let Some(t) = target(h, p) else {
        return Some(Err("put the caret on an id to rename it".into()));
    };
    let mut e = t.at;
    if let Some((before, _)) = t.written.split_once('#') {
        e.from.col += before.chars().count() + 1;
    }
    Some(Ok(range(h.doc, e, h.enc)))
}

// The protocol's edit is a map keyed by `Uri`, whose hash never changes.
#[allow(clippy::mutable_key_type)]
pub fn rename(
    h: &Here,
    members: &[Member],
    p: lsp::Position,
    new: &str,
) -> Result<lsp::WorkspaceEdit, String> {
    let t = target(h, p).ok_or("put the caret on an id to rename it")?;
    let (file, id) = resolve(h.path, &t.written);
    if !is_id(new) {
        return Err(format!(
            "`{new}` is not an id: ids are lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit"
        ));
    }
    let all = with_self(h, members);
    let owner = member(&all, &file).ok_or("the file that holds this id is not a briefing here")?;
    if owner.outline.item(&id).is_none() {
        return Err(format!("no item has the id `{id}`"));
    }
    if owner.outline.item(&id).is_some_and(|i| i.id.is_none()) {
        return Err(format!(
            "`{id}` is a position's id made from its actor and issue: give the position an `id:` to rename it"
        ));
    }
    if new != id && owner.outline.item(new).is_some() {
        return Err(format!(
            "`{new}` is already the id of an item in {}",
            owner.path.display()
        ));
    }
    let mut docs: HashMap<PathBuf, Doc> = HashMap::new();
    let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
    // A position without an id is `<actor>-on-<issue>`: renaming its actor
    // or issue renames it, and every use of it follows.
    let mut renames: Vec<(String, String)> = vec![(id.clone(), new.to_string())];
    for p in owner.outline.items.iter().filter(|i| i.id.is_none()) {
        let (Some(a), Some(i)) = (p.field("actor"), p.field("issue")) else {
            continue;
        };
        if a == id || i == id {
            let swap = |x: &str| if x == id { new } else { x }.to_string();
            renames.push((format!("{a}-on-{i}"), format!("{}-on-{}", swap(a), swap(i))));
        }
    }
    for (k, (old, to)) in renames.iter().enumerate() {
        for (path, e) in places(&all, &file, old, k == 0) {
            let doc = docs
                .entry(path.clone())
                .or_insert_with(|| text_of(h, members, &path));
            let uri = uri_of(&path).ok_or("a file name that is not a URI")?;
            changes
                .entry(uri)
                .or_default()
                .push(lsp::TextEdit::new(range(doc, e, h.enc), to.clone()));
        }
    }
    Ok(lsp::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    })
}

fn symbol_kind(k: Option<Kind>) -> lsp::SymbolKind {
    match k {
        Some(Kind::Actor) => lsp::SymbolKind::CLASS,
        Some(Kind::Issue) => lsp::SymbolKind::INTERFACE,
        Some(Kind::Position) => lsp::SymbolKind::PROPERTY,
        Some(Kind::Event) => lsp::SymbolKind::EVENT,
        Some(Kind::Source) => lsp::SymbolKind::FILE,
        None => lsp::SymbolKind::OBJECT,
    }
}

fn label(i: &Item) -> String {
    match (&i.id, i.kind) {
        (Some(id), _) => id.clone(),
        (None, Some(Kind::Position)) => format!(
            "{}-on-{}",
            i.field("actor").unwrap_or("?"),
            i.field("issue").unwrap_or("?")
        ),
        _ => format!("#{}", i.index + 1),
    }
}

#[allow(deprecated)]
pub fn document_symbols(h: &Here) -> Vec<lsp::DocumentSymbol> {
    let mut groups: Vec<lsp::DocumentSymbol> = Vec::new();
    for (key, kind) in [
        ("actors", Kind::Actor),
        ("issues", Kind::Issue),
        ("positions", Kind::Position),
        ("timeline", Kind::Event),
        ("sources", Kind::Source),
    ] {
        let children: Vec<lsp::DocumentSymbol> = h
            .outline
            .items
            .iter()
            .filter(|i| i.kind == Some(kind))
            .map(|i| {
                let r = range(h.doc, i.span, h.enc);
                lsp::DocumentSymbol {
                    name: label(i),
                    detail: (!i.name.is_empty()).then(|| clip(&i.name)),
                    kind: symbol_kind(i.kind),
                    tags: None,
                    deprecated: None,
                    range: r,
                    selection_range: i.id_at.map_or(r, |e| range(h.doc, e, h.enc)),
                    children: None,
                }
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        let r = lsp::Range::new(
            children[0].range.start,
            children[children.len() - 1].range.end,
        );
        groups.push(lsp::DocumentSymbol {
            name: key.to_string(),
            detail: Some(format!("{} {}", children.len(), kind.noun())),
            kind: lsp::SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range: r,
            selection_range: lsp::Range::new(r.start, r.start),
            children: Some(children),
        });
    }
    groups
}

fn clip(s: &str) -> String {
    crate::briefing::sanitize::clip(s, 80)
}

#[allow(deprecated)]
pub fn symbols_matching(m: &Member, query: &str, enc: Encoding) -> Vec<lsp::SymbolInformation> {
    let q = query.to_lowercase();
    let Some(uri) = uri_of(&m.path) else {
        return Vec::new();
    };
    let doc = Doc::new(m.text.to_string(), 0);
    let file = m
        .path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    m.outline
        .items
        .iter()
        .filter(|i| {
            q.is_empty()
                || label(i).to_lowercase().contains(&q)
                || i.name.to_lowercase().contains(&q)
        })
        .map(|i| lsp::SymbolInformation {
            name: if i.name.is_empty() {
                label(i)
            } else {
                format!("{} — {}", label(i), clip(&i.name))
            },
            kind: symbol_kind(i.kind),
            tags: None,
            deprecated: None,
            location: lsp::Location::new(uri.clone(), range(&doc, i.id_at.unwrap_or(i.span), enc)),
            container_name: Some(file.clone()),
        })
        .collect()
}
