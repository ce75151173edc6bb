//! Text fields: a blank line starts a paragraph, a line starting with `- `
//! is a bullet, and `[[id]]` / `[[id|label]]` link to any item.

use crate::briefing::model::Str;

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub blocks: Vec<Block>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub bullet: bool,
    pub inlines: Vec<Inline>,
}

/// A run of text: 24 bytes, the size of its string, with a link (rarer
/// than plain text, and three times its size) kept on the heap.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Plain(Str),
    Link(Box<Link>),
}

/// A link as written; `target` is filled in when the model resolves it.
/// Stored as the struct variant it was (its fields in that order).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: Str,
    pub label: Option<Str>,
    pub target: Option<crate::briefing::ItemRef>,
}

impl Text {
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Every link in the text, in order.
    pub fn links(&self) -> impl Iterator<Item = &Inline> {
        self.blocks
            .iter()
            .flat_map(|b| b.inlines.iter())
            .filter(|i| matches!(i, Inline::Link(_)))
    }

    pub fn links_mut(&mut self) -> impl Iterator<Item = &mut Inline> {
        self.blocks
            .iter_mut()
            .flat_map(|b| b.inlines.iter_mut())
            .filter(|i| matches!(i, Inline::Link(_)))
    }
}

/// Parses an owned string, reusing its allocation for the common case of
/// one plain paragraph.
pub fn parse_owned(mut s: Str) -> Text {
    s.truncate(s.trim_end().len());
    let plain =
        !s.contains('\n') && !s.contains("[[") && !s.starts_with(['-', ' ']) && !s.ends_with(' ');
    if plain {
        if s.is_empty() {
            return Text::default();
        }
        return Text {
            blocks: vec![Block {
                bullet: false,
                inlines: vec![Inline::Plain(s)],
            }],
        };
    }
    parse(&s)
}

pub fn parse(s: &str) -> Text {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<(bool, String)> = None;
    let flush = |cur: &mut Option<(bool, String)>, blocks: &mut Vec<Block>| {
        if let Some((bullet, body)) = cur.take() {
            let body = body.trim();
            if !body.is_empty() {
                blocks.push(Block {
                    bullet,
                    inlines: parse_inlines(body),
                });
            }
        }
    };
    for line in s.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut current, &mut blocks);
        } else if let Some(rest) =
            trimmed
                .strip_prefix("- ")
                .or(if trimmed == "-" { Some("") } else { None })
        {
            flush(&mut current, &mut blocks);
            current = Some((true, rest.to_string()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push(' ');
            body.push_str(trimmed);
        } else {
            current = Some((false, trimmed.to_string()));
        }
    }
    flush(&mut current, &mut blocks);
    Text { blocks }
}

fn parse_inlines(s: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else {
            break;
        };
        let inner = &after[..close];
        if inner.is_empty() || inner.contains("[[") {
            out.push(Inline::Plain(rest[..open + 2].into()));
            rest = after;
            continue;
        }
        if open > 0 {
            out.push(Inline::Plain(rest[..open].into()));
        }
        let (id, label) = match inner.split_once('|') {
            Some((id, label)) => (id.trim(), Some(Str::from(label.trim()))),
            None => (inner.trim(), None),
        };
        out.push(Inline::Link(Box::new(Link {
            id: id.into(),
            label: label.filter(|l| !l.is_empty()),
            target: None,
        })));
        rest = &after[close + 2..];
    }
    if !rest.is_empty() {
        out.push(Inline::Plain(rest.into()));
    }
    merge_plain(out)
}

fn merge_plain(v: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(v.len());
    for i in v {
        if let (Some(Inline::Plain(prev)), Inline::Plain(s)) = (out.last_mut(), &i) {
            prev.push_str(s);
        } else {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Inline {
        Inline::Plain(s.into())
    }
    fn link(id: &str, label: Option<&str>) -> Inline {
        Inline::Link(Box::new(Link {
            id: id.into(),
            label: label.map(Into::into),
            target: None,
        }))
    }

    #[test]
    fn paragraphs_and_bullets() {
        let t = parse("First line\ncontinues.\n\nSecond.\n- one\n- two\n  wraps");
        let shape: Vec<(bool, usize)> = t
            .blocks
            .iter()
            .map(|b| (b.bullet, b.inlines.len()))
            .collect();
        assert_eq!(shape, vec![(false, 1), (false, 1), (true, 1), (true, 1)]);
        assert_eq!(t.blocks[0].inlines, vec![plain("First line continues.")]);
        assert_eq!(t.blocks[3].inlines, vec![plain("two wraps")]);
    }

    #[test]
    fn links_with_and_without_labels() {
        let t = parse("See [[ttp]] and [[china|Beijing]].");
        assert_eq!(
            t.blocks[0].inlines,
            vec![
                plain("See "),
                link("ttp", None),
                plain(" and "),
                link("china", Some("Beijing")),
                plain(".")
            ]
        );
    }

    #[test]
    fn broken_link_syntax_stays_text() {
        assert_eq!(parse("a [[b").blocks[0].inlines, vec![plain("a [[b")]);
        assert_eq!(parse("[[]] x").blocks[0].inlines, vec![plain("[[]] x")]);
        assert_eq!(
            parse("[[a [[b]]").blocks[0].inlines,
            vec![plain("[[a "), link("b", None)]
        );
    }

    #[test]
    fn owned_parse_matches_borrowed_parse() {
        for s in [
            "plain",
            "",
            "- bullet",
            "two\nlines",
            "a [[b]] c",
            " padded ",
            "x -",
            "tab\tin",
        ] {
            assert_eq!(parse_owned(s.to_string().into()), parse(s), "{s:?}");
        }
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(parse("").is_empty());
        assert!(parse("\n \n").is_empty());
    }
}
