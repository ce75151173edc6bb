//! Hover: an id's item, a citation's passage with its quote marked, how a
//! date reads, what an Admiralty grade means, a field's one-line doc.

use super::Here;
use super::context;
use super::fields;
use super::navigate::{char_at, range, resolve, target};
use super::outline::{Item, Kind};
use crate::briefing::evidence::{SourceText, locator, source_text};
use crate::briefing::sanitize::clip;
use lsp_types as lsp;
use std::path::Path;

/// The paragraphs of a source item's text (`text:` or `file:`).
pub fn paragraphs(briefing: &Path, source: &Item) -> Option<Vec<String>> {
    if let Some(t) = source.field("text") {
        return Some(source_text::text_paragraphs(t));
    }
    let file = source.field("file")?;
    source_text::read(briefing, file).ok().map(|t| t.paragraphs)
}

fn markdown(value: String, range: Option<lsp::Range>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

/// Text from a briefing shown as Markdown: its markup characters escaped.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn item_text(i: &Item) -> String {
    let kind = i.kind.map_or("item", Kind::noun);
    let mut s = format!("**{kind}** `{}`", i.id.as_deref().unwrap_or("?"));
    if !i.name.is_empty() {
        s.push_str(&format!(" — {}", plain(&clip(&i.name, 200))));
    }
    let mut facts: Vec<String> = Vec::new();
    match i.kind {
        Some(Kind::Position) => {
            for k in ["actor", "issue", "alignment", "confidence", "likelihood"] {
                if let Some(v) = i.field(k) {
                    facts.push(format!("{k}: {}", plain(v)));
                }
            }
        }
        Some(Kind::Source) => {
            for k in ["publisher", "date"] {
                if let Some(v) = i.field(k) {
                    facts.push(plain(v));
                }
            }
            if let Some(g) = grade(i.field("reliability"), i.field("credibility")) {
                facts.push(g);
            }
        }
        Some(Kind::Event) => {
            if let Some(v) = i.field("date").or(i.field("when")) {
                facts.push(plain(v));
            }
        }
        Some(Kind::Actor) => {
            if let Some(v) = i.field("kind") {
                facts.push(plain(v));
            }
        }
        Some(Kind::Issue) => {
            if let Some(v) = i.field("question") {
                facts.push(plain(v));
            }
        }
        None => {}
    }
    if !facts.is_empty() {
        s.push_str("\n\n");
        s.push_str(&facts.join(" · "));
    }
    s
}

/// `B2: usually reliable, probably true`.
pub fn grade(rel: Option<&str>, cred: Option<&str>) -> Option<String> {
    let r = rel
        .and_then(|r| r.trim().chars().next())
        .filter(|c| ('A'..='F').contains(c));
    let c = cred
        .and_then(|c| c.trim().parse::<u8>().ok())
        .filter(|n| (1..=6).contains(n));
    if r.is_none() && c.is_none() {
        return None;
    }
    let words: Vec<&str> = [
        r.map(crate::briefing::model::reliability_words),
        c.map(crate::briefing::model::credibility_words),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(format!(
        "{}{}: {}",
        r.map_or('?', |c| c),
        c.map_or("?".to_string(), |n| n.to_string()),
        words.join(", ")
    ))
}

pub fn hover(h: &Here, p: lsp::Position) -> Option<lsp::Hover> {
    if let Some(t) = target(h, p) {
        let (file, id) = resolve(h.path, &t.written);
        let text = if file == h.path {
            match h.outline.item(&id) {
                Some(i) => item_text(i),
                None => format!("`{}`: no item has this id", plain(&id)),
            }
        } else {
            format!(
                "an item of `{}`: `{}`",
                plain(
                    &file
                        .file_name()
                        .map(|f| f.to_string_lossy().to_string())
                        .unwrap_or_default()
                ),
                plain(&id)
            )
        };
        return Some(markdown(text, Some(range(h.doc, t.at, h.enc))));
    }
    let a = char_at(h.doc, p, h.enc);
    let line = p.line as usize;
    let line_text = h.doc.line(line);
    let start = h.doc.offset(lsp::Position::new(p.line, 0), h.enc);
    let col = h.doc.offset(p, h.enc) - start;
    let cx = context::at(h.doc, line, line_text.len());
    let record = context::record(&cx.path).unwrap_or("");
    let key = cx.key.clone();
    // On the key itself: its one-line doc.
    if let Some(k) = &key {
        let key_at = line_text.find(k.as_str()).unwrap_or(0);
        if col <= key_at + k.len() {
            return fields::doc(record, k).map(|d| markdown(format!("`{k}`: {d}"), None));
        }
    }
    if let Some(c) = h.outline.citations.iter().find(|c| c.span.contains(a))
        && let Some(s) = citation(h, c)
    {
        return Some(markdown(s, None));
    }
    let value = key.as_ref().and_then(|k| {
        let rest = line_text.split_once(&format!("{k}:"))?.1;
        Some(rest.trim().trim_matches(['"', '\'']).to_string())
    })?;
    let text = match key.as_deref()? {
        "date" | "as_of" | "since" | "until" => date(&value),
        "reliability" => {
            let item = h.outline.items.iter().find(|i| i.span.contains(a));
            grade(Some(&value), item.and_then(|i| i.field("credibility")))
        }
        "credibility" => {
            let item = h.outline.items.iter().find(|i| i.span.contains(a));
            grade(item.and_then(|i| i.field("reliability")), Some(&value))
        }
        _ => None,
    }?;
    Some(markdown(text, None))
}

fn date(v: &str) -> Option<String> {
    match crate::briefing::date::parse(v) {
        Ok(d) => {
            // Alone, a date says its year and day in full.
            let mut s = format!(
                "**{}**",
                plain(&d.human(crate::briefing::date::Frame::Years))
            );
            let how = match v.chars().last() {
                Some('~') => Some("approximate"),
                Some('?') => Some("uncertain"),
                Some('%') => Some("approximate and uncertain"),
                _ => None,
            };
            if let Some(h) = how {
                s.push_str(&format!(" ({h})"));
            }
            if v.contains('/') {
                s.push_str(" — an interval");
            }
            Some(s)
        }
        Err(_) => Some(format!(
            "not a date brief reads: {}",
            plain(crate::briefing::date::ACCEPTED)
        )),
    }
}

/// The cited passage with the quote in bold.
fn citation(h: &Here, c: &super::outline::Citation) -> Option<String> {
    let src = h.outline.item(&c.source)?;
    let paras = paragraphs(h.path, src)?;
    let t = SourceText::new(paras.clone(), None);
    let range = c.locator.as_deref().and_then(locator::parse);
    let k = match (&c.quote, range) {
        (Some(q), r) => match t.find(q, r.map(|(a, b)| (a - 1, b - 1))) {
            crate::briefing::evidence::quote::Found::In(k, _) => Some(k),
            _ => r.map(|(a, _)| a - 1),
        },
        (None, Some((a, _))) => Some(a - 1),
        (None, None) => None,
    }?;
    let para = paras.get(k)?;
    let shown = match c
        .quote
        .as_deref()
        .map(|q| q.trim().trim_matches(['"', '“', '”']))
    {
        Some(q) if !q.is_empty() && para.contains(q) => {
            let at = para.find(q)?;
            format!(
                "{}**{}**{}",
                plain(&para[..at]),
                plain(q),
                plain(&para[at + q.len()..])
            )
        }
        _ => plain(para),
    };
    Some(format!(
        "`{}` ¶{} — {}\n\n> {}",
        plain(&c.source),
        k + 1,
        plain(&clip(&src.name, 100)),
        clip(&shown, 1500)
    ))
}
