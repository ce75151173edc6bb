//! Turns a problem's path into line:col. serde keeps no marks for values, so
//! when a file has problems it is parsed once more with an event parser that
//! does, into a light tree of spans. Built with an explicit stack: no
//! recursion, whatever the nesting.

use super::problem::{Loc, Point, Seg};
use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;

/// A place in the file: 1-based line and column (in characters), and how
/// many characters to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

enum NodeKind {
    Scalar,
    Seq(Vec<usize>),
    Map(Vec<(usize, String, usize)>),
    Alias(usize),
}

struct Node {
    span: Span,
    kind: NodeKind,
}

pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of each line's start.
    lines: Vec<usize>,
    nodes: Vec<Node>,
    root: Option<usize>,
    anchors: HashMap<usize, usize>,
    /// For mappings with many keys: where each key is among the entries,
    /// so locating every one of 50,000 unknown keys stays linear.
    keys: HashMap<usize, HashMap<String, Vec<usize>>>,
}

/// Mappings with more entries than this get a key index.
const INDEX_FROM: usize = 16;

enum Open {
    Seq(usize),
    Map(usize, Option<(usize, String)>),
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut lines = vec![0];
        lines.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut me = Locator {
            text,
            lines,
            nodes: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            keys: HashMap::new(),
        };
        me.build();
        for (n, node) in me.nodes.iter().enumerate() {
            if let NodeKind::Map(entries) = &node.kind
                && entries.len() > INDEX_FROM
            {
                let mut idx: HashMap<String, Vec<usize>> = HashMap::new();
                for (i, e) in entries.iter().enumerate() {
                    idx.entry(e.1.clone()).or_default().push(i);
                }
                me.keys.insert(n, idx);
            }
        }
        me
    }

    fn build(&mut self) {
        let mut stack: Vec<Open> = Vec::new();
        let mut parser = Parser::new_from_str(self.text);
        while let Some(Ok((event, span))) = parser.next_event() {
            let (kind, anchor, opens) = match event {
                Event::Scalar(s, _, anchor, _) => {
                    // A scalar in key position only names the next value.
                    if let Some(Open::Map(_, pending @ None)) = stack.last_mut() {
                        let k = self.nodes.len();
                        self.nodes.push(Node {
                            span,
                            kind: NodeKind::Scalar,
                        });
                        *pending = Some((k, s.into_owned()));
                        if anchor != 0 {
                            self.anchors.insert(anchor, k);
                        }
                        continue;
                    }
                    (NodeKind::Scalar, anchor, false)
                }
                Event::Alias(a) => (NodeKind::Alias(a), 0, false),
                Event::SequenceStart(anchor, _) => (NodeKind::Seq(Vec::new()), anchor, true),
                Event::MappingStart(anchor, _) => (NodeKind::Map(Vec::new()), anchor, true),
                Event::SequenceEnd | Event::MappingEnd => {
                    if let Some(Open::Seq(n) | Open::Map(n, _)) = stack.pop() {
                        self.nodes[n].span.end = span.end;
                    }
                    continue;
                }
                Event::StreamEnd => break,
                _ => continue,
            };
            // A complex key (a mapping or list as a key) is stored as a key
            // with no usable text.
            let is_key = matches!(stack.last(), Some(Open::Map(_, None)));
            let n = self.nodes.len();
            let is_map = matches!(kind, NodeKind::Map(_));
            self.nodes.push(Node { span, kind });
            if anchor != 0 {
                self.anchors.insert(anchor, n);
            }
            if is_key {
                // Named as the briefing's reader names a complex key.
                let text = if is_map { "<a mapping>" } else { "<a list>" };
                if let Some(Open::Map(_, pending)) = stack.last_mut() {
                    *pending = Some((n, text.to_string()));
                }
            } else {
                self.attach(&mut stack, n);
            }
            if opens {
                stack.push(if is_map {
                    Open::Map(n, None)
                } else {
                    Open::Seq(n)
                });
            }
        }
    }

    fn attach(&mut self, stack: &mut [Open], n: usize) {
        match stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(n);
                }
            }
            Some(Open::Seq(s)) => {
                if let NodeKind::Seq(items) = &mut self.nodes[*s].kind {
                    items.push(n);
                }
            }
            Some(Open::Map(m, pending)) => {
                if let Some((k, text)) = pending.take()
                    && let NodeKind::Map(entries) = &mut self.nodes[*m].kind
                {
                    entries.push((k, text, n));
                }
            }
        }
    }

    fn deref(&self, mut n: usize) -> usize {
        for _ in 0..16 {
            match self.nodes[n].kind {
                NodeKind::Alias(a) => match self.anchors.get(&a) {
                    Some(&t) => n = t,
                    None => return n,
                },
                _ => return n,
            }
        }
        n
    }

    fn pos_of_span(&self, span: Span) -> Pos {
        let (s, e) = (span.start, span.end);
        let len = if s.line() == e.line() {
            e.col().saturating_sub(s.col()).max(1)
        } else {
            1
        };
        Pos {
            line: s.line(),
            col: s.col() + 1,
            len,
        }
    }

    /// Where a problem is: the deepest node the path reaches (a path that
    /// runs into what the file does not have stops at its last real node).
    pub fn locate(&self, loc: &Loc) -> Vec<Pos> {
        let Some(mut node) = self.root else {
            return Vec::new();
        };
        let mut key_nodes: Vec<usize> = Vec::new();
        let mut complete = true;
        for seg in &loc.path {
            node = self.deref(node);
            key_nodes.clear();
            let next = match (&self.nodes[node].kind, seg) {
                (NodeKind::Map(entries), Seg::Key(k)) => {
                    let found: Vec<&(usize, String, usize)> = match self.keys.get(&node) {
                        Some(idx) => idx
                            .get(k)
                            .map_or(Vec::new(), |v| v.iter().map(|&i| &entries[i]).collect()),
                        None => entries.iter().filter(|e| &e.1 == k).collect(),
                    };
                    key_nodes = found.iter().map(|e| e.0).collect();
                    found.first().map(|e| e.2)
                }
                (NodeKind::Seq(items), Seg::Index(i)) => items.get(*i).copied(),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => {
                    complete = false;
                    break;
                }
            }
        }
        match &loc.point {
            Point::Key if complete && !key_nodes.is_empty() => {
                vec![self.pos_of_span(self.nodes[key_nodes[0]].span)]
            }
            Point::EveryKey if !key_nodes.is_empty() => key_nodes
                .iter()
                .map(|&k| self.pos_of_span(self.nodes[k].span))
                .collect(),
            Point::Needle(needle) if complete => {
                vec![
                    self.find_in(self.nodes[node].span, needle)
                        .unwrap_or_else(|| self.pos_of_span(self.nodes[node].span)),
                ]
            }
            _ => vec![self.pos_of_span(self.nodes[node].span)],
        }
    }

    /// The first occurrence of `needle` on the lines a span covers.
    fn find_in(&self, span: Span, needle: &str) -> Option<Pos> {
        for line in span.start.line()..=span.end.line() {
            let text = self.line_text(line)?;
            let skip = if line == span.start.line() {
                span.start.col()
            } else {
                0
            };
            let start_byte = text.char_indices().nth(skip).map_or(text.len(), |(b, _)| b);
            if let Some(b) = text[start_byte..].find(needle) {
                let col = text[..start_byte + b].chars().count() + 1;
                return Some(Pos {
                    line,
                    col,
                    len: needle.chars().count() + 2,
                });
            }
        }
        None
    }

    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = *self.lines.get(line.checked_sub(1)?)?;
        let end = self.lines.get(line).map_or(self.text.len(), |e| e - 1);
        Some(self.text[start..end.max(start)].trim_end_matches('\r'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &[&str]) -> Loc {
        Loc::value(
            path.iter()
                .map(|s| match s.parse() {
                    Ok(i) => Seg::Index(i),
                    Err(_) => Seg::Key(s.to_string()),
                })
                .collect(),
        )
    }

    #[test]
    fn finds_values_keys_and_list_items() {
        let y = "title: T\nactors:\n  - id: a\n    part_of: [b, c]\n";
        let l = Locator::new(y);
        assert_eq!(
            l.locate(&at(&["title"])),
            vec![Pos {
                line: 1,
                col: 8,
                len: 1
            }]
        );
        assert_eq!(
            l.locate(&at(&["actors", "0", "part_of", "1"])),
            vec![Pos {
                line: 4,
                col: 18,
                len: 1
            }]
        );
        let k = Loc::key(vec![
            Seg::Key("actors".into()),
            Seg::Index(0),
            Seg::Key("part_of".into()),
        ]);
        assert_eq!(
            l.locate(&k),
            vec![Pos {
                line: 4,
                col: 5,
                len: 7
            }]
        );
    }

    #[test]
    fn a_missing_path_stops_at_the_deepest_node() {
        let l = Locator::new("actors:\n  - name: x\n");
        let p = l.locate(&at(&["actors", "0", "id"]));
        assert_eq!(p[0].line, 2);
    }

    #[test]
    fn needles_point_inside_text() {
        let l = Locator::new("summary: see [[nope]] here\n");
        let loc = Loc {
            path: vec![Seg::Key("summary".into())],
            point: Point::Needle("[[nope".into()),
        };
        assert_eq!(
            l.locate(&loc),
            vec![Pos {
                line: 1,
                col: 14,
                len: 8
            }]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Past the parser's own limit: no stack overflow, just no places.
        let y = "[".repeat(100_000) + &"]".repeat(100_000);
        let _ = Locator::new(&y).locate(&at(&["0", "0"]));
        // Within it, a deep path is found without recursion.
        let y = "[".repeat(50) + "x" + &"]".repeat(50);
        let path: Vec<&str> = vec!["0"; 49];
        assert_eq!(Locator::new(&y).locate(&at(&path))[0].col, 50);
    }
}
