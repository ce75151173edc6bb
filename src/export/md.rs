//! The handout as GitHub-flavoured Markdown: links to items go to the
//! anchors GitHub gives their headings, stances are tables, and every
//! string is escaped so a `|`, `<` or `*` in a briefing stays text.

use super::{Block, Handout, Rich, Span};
use crate::briefing::Briefing;
use std::collections::HashMap;
use std::fmt::Write;

/// Text for Markdown: characters Markdown or HTML would read as syntax are
/// backslash-escaped (`<` too, so no tag can start), line breaks become
/// spaces. A paragraph's first character may also start a block (`#`,
/// `-`, `1.`): `start` says the text begins a line.
pub fn escape(s: &str, start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut first = start;
    let mut digits = false;
    for c in s.chars() {
        let c = if c == '\n' || c == '\r' { ' ' } else { c };
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if first => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        digits = (first || digits) && c.is_ascii_digit();
        first = first && c == ' ';
    }
    out
}

/// The anchor GitHub gives a heading: lower case, letters, digits, `-` and
/// `_` kept, spaces as `-`, a repeat numbered (`-1`, `-2`).
pub fn slug(heading: &str, seen: &mut HashMap<String, usize>) -> String {
    let base: String = heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect();
    let n = seen.entry(base.clone()).or_insert(0);
    let out = if *n == 0 {
        base.clone()
    } else {
        format!("{base}-{n}")
    };
    *n += 1;
    out
}

fn rich(r: &Rich, anchors: &HashMap<&str, String>, start: bool) -> String {
    let mut out = String::new();
    for (n, s) in r.iter().enumerate() {
        let start = start && n == 0;
        match s {
            Span::Text(t) => out.push_str(&escape(t, start)),
            Span::Em(t) => {
                let _ = write!(out, "*{}*", escape(t, false));
            }
            Span::Item(id, t) => match anchors.get(id.as_ref()) {
                Some(a) => {
                    let _ = write!(out, "[{}](#{a})", escape(t, false));
                }
                None => out.push_str(&escape(t, start)),
            },
            Span::Url(url, t) => {
                // The address is percent-encoded where Markdown would stop
                // reading it; the text is escaped as any text.
                let url = url
                    .replace(' ', "%20")
                    .replace('(', "%28")
                    .replace(')', "%29")
                    .replace('<', "%3C")
                    .replace('>', "%3E");
                let _ = write!(out, "[{}]({url})", escape(t, false));
            }
        }
    }
    out
}

pub fn markdown(b: &Briefing, notes: bool) -> String {
    document(&super::handout(b, notes))
}

fn document(h: &Handout) -> String {
    // First the anchors: every item id to its heading's slug (a position
    // to its issue's, whose table holds it).
    let mut seen = HashMap::new();
    let mut anchors: HashMap<&str, String> = HashMap::new();
    slug(&h.title, &mut seen);
    let mut last = String::new();
    for block in &h.blocks {
        match block {
            Block::Heading { text, id, .. } => {
                last = slug(text, &mut seen);
                if let Some(id) = id {
                    anchors.insert(id, last.clone());
                }
            }
            Block::Table { rows, .. } => {
                for id in rows.iter().filter_map(|(id, _)| id.as_ref()) {
                    anchors.insert(id, last.clone());
                }
            }
            _ => {}
        }
    }
    let mut o = String::new();
    if let Some(b) = &h.banner {
        let _ = writeln!(o, "**{}**\n", escape(b, false));
    }
    let _ = writeln!(o, "# {}\n", escape(&h.title, false));
    for block in &h.blocks {
        match block {
            Block::Heading {
                level,
                text,
                marking,
                ..
            } => {
                let hashes = "#".repeat(*level as usize);
                let _ = writeln!(o, "{hashes} {}\n", escape(text, false));
                if let Some(m) = marking {
                    let _ = writeln!(o, "**Marking:** {}\n", escape(m.label(), false));
                }
            }
            Block::Para(r) => {
                let _ = writeln!(o, "{}\n", rich(r, &anchors, true));
            }
            Block::Field(label, r) => {
                let _ = writeln!(o, "**{label}:** {}\n", rich(r, &anchors, false));
            }
            Block::Bullets(items) => {
                for i in items {
                    let _ = writeln!(o, "- {}", rich(i, &anchors, false));
                }
                o.push('\n');
            }
            Block::Passage { at, text, by } => {
                let _ = writeln!(
                    o,
                    "> {}\n>\n> — {} · cited by {}\n",
                    escape(text, false),
                    escape(at, false),
                    rich(by, &anchors, false)
                );
            }
            Block::Table { head, rows } => {
                let _ = writeln!(o, "| {} |", head.join(" | "));
                let _ = writeln!(o, "|{}", " --- |".repeat(head.len()));
                for (_, cells) in rows {
                    let cells: Vec<String> =
                        cells.iter().map(|c| rich(c, &anchors, false)).collect();
                    let _ = writeln!(o, "| {} |", cells.join(" | "));
                }
                o.push('\n');
            }
        }
    }
    if let Some(b) = &h.banner {
        let _ = writeln!(o, "---\n\n**{}**", escape(b, false));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_in_text_stays_text() {
        assert_eq!(escape("a|b <i>*x*</i>", false), r"a\|b \<i\>\*x\*\</i\>");
        assert_eq!(escape("# not a heading", true), r"\# not a heading");
        assert_eq!(escape("1. not a list", true), r"1\. not a list");
        assert_eq!(escape("version 1.2", true), "version 1.2");
    }

    #[test]
    fn slugs_follow_github() {
        let mut seen = HashMap::new();
        assert_eq!(
            slug("Pakistan → Talks, 2026!", &mut seen),
            "pakistan--talks-2026"
        );
        assert_eq!(slug("Actors", &mut seen), "actors");
        assert_eq!(slug("Actors", &mut seen), "actors-1");
    }
}
