//! What a language server needs to know of a briefing's YAML: its items
//! with where their ids are written, and every place an id is used, each
//! with its line and columns. Read from the parser's events, so a file
//! whose end is broken (as it is while being typed) still yields what
//! comes before the break.

use saphyr_parser::{Event, Parser, Span};

/// 0-based line and 0-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct At {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Extent {
    pub from: At,
    pub to: At,
}

impl Extent {
    pub fn contains(&self, a: At) -> bool {
        self.from <= a && a <= self.to
    }
}

pub use crate::briefing::Kind;

/// The kind of the items a top-level list holds.
pub fn kind_of_list(key: &str) -> Option<Kind> {
    Some(match key {
        "actors" => Kind::Actor,
        "issues" => Kind::Issue,
        "positions" => Kind::Position,
        "timeline" => Kind::Event,
        "sources" => Kind::Source,
        _ => return None,
    })
}

#[derive(Debug, Clone, Default)]
pub struct Item {
    pub kind: Option<Kind>,
    pub index: usize,
    pub id: Option<String>,
    pub id_at: Option<Extent>,
    /// Name, title, or for a position its stance.
    pub name: String,
    pub span: Extent,
    /// The scalar fields written on the item (`alignment`, `file`, …).
    pub fields: Vec<(String, String)>,
}

impl Item {
    /// Its id, or for a position without one the id it gets:
    /// `<actor>-on-<issue>`.
    pub fn key(&self) -> Option<String> {
        match (&self.id, self.kind) {
            (Some(id), _) => Some(id.clone()),
            (None, Some(Kind::Position)) => Some(format!(
                "{}-on-{}",
                self.field("actor")?,
                self.field("issue")?
            )),
            _ => None,
        }
    }

    /// Where its id is written, else where it starts.
    pub fn id_or_start(&self) -> Extent {
        self.id_at.unwrap_or(Extent {
            from: self.span.from,
            to: self.span.from,
        })
    }

    pub fn field(&self, k: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    }
}

/// A use of an id: in a field that names an item, or a `[[link]]`.
#[derive(Debug, Clone)]
pub struct Use {
    pub id: String,
    pub at: Extent,
}

#[derive(Debug, Clone)]
pub struct Citation {
    pub source: String,
    pub locator: Option<String>,
    pub quote: Option<String>,
    /// From the citation's first line to its last.
    pub span: Extent,
}

#[derive(Debug, Default)]
pub struct Outline {
    pub items: Vec<Item>,
    pub uses: Vec<Use>,
    pub citations: Vec<Citation>,
}

impl Outline {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items
            .iter()
            .find(|i| i.id.as_deref() == Some(id))
            .or_else(|| {
                self.items
                    .iter()
                    .find(|i| i.id.is_none() && i.key().as_deref() == Some(id))
            })
    }
}

enum Frame {
    Map(Option<String>),
    Seq(usize),
}

pub fn read(text: &str) -> Outline {
    let mut out = Outline::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    // The item being read and the citation being read, by index.
    let mut item: Option<usize> = None;
    let mut citation: Option<(usize, Citation)> = None;
    let lines: Vec<&str> = text.lines().collect();
    let mut parser = Parser::new_from_str(text);
    let mut complete = false;
    while let Some(Ok((event, span))) = parser.next_event() {
        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        match event {
            Event::StreamEnd => {
                complete = true;
                break;
            }
            Event::Scalar(s, ..) => {
                if let Some(Frame::Map(pending @ None)) = frames.last_mut() {
                    *pending = Some(s.into_owned());
                    continue;
                }
                let seg = segment(&frames);
                path.push(seg);
                let at = inner(span, &lines);
                scalar(
                    &mut out,
                    &path,
                    &s,
                    at,
                    item,
                    citation.as_mut().map(|c| &mut c.1),
                );
                path.pop();
                advance(&mut frames);
            }
            Event::Alias(_) => {
                if let Some(Frame::Map(None)) = frames.last() {
                    continue;
                }
                advance(&mut frames);
            }
            _ if opens => {
                let seg = segment(&frames);
                let is_map = matches!(event, Event::MappingStart(..));
                let depth = frames.len();
                frames.push(if is_map {
                    Frame::Map(None)
                } else {
                    Frame::Seq(0)
                });
                if depth == 0 {
                    continue;
                }
                path.push(seg);
                if is_map && path.len() == 2 {
                    out.items.push(Item {
                        kind: kind_of_list(&path[0]),
                        index: path[1].parse().unwrap_or(0),
                        span: Extent {
                            from: at(span.start),
                            to: at(span.end),
                        },
                        ..Default::default()
                    });
                    item = Some(out.items.len() - 1);
                }
                if is_map && is_citation(&path) {
                    citation = item.map(|_| {
                        (
                            path.len(),
                            Citation {
                                source: String::new(),
                                locator: None,
                                quote: None,
                                span: Extent {
                                    from: at(span.start),
                                    to: at(span.end),
                                },
                            },
                        )
                    });
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                frames.pop();
                if frames.is_empty() {
                    continue;
                }
                if path.len() == 2
                    && let Some(i) = item.take()
                {
                    out.items[i].span.to = at(span.end);
                }
                if let Some((depth, mut c)) = citation.take() {
                    if depth == path.len() {
                        c.span.to = at(span.end);
                        out.citations.push(c);
                    } else {
                        citation = Some((depth, c));
                    }
                }
                path.pop();
                advance(&mut frames);
            }
            _ => {}
        }
    }
    // A file broken before its end: the item open at the break ends there,
    // and the ids written after the break are found by their lines.
    if !complete {
        if let Some(i) = item {
            out.items[i].span.to = At {
                line: lines.len(),
                col: 0,
            };
        }
        let after = out.items.last().map_or(0, |i| i.span.from.line + 1);
        scan_ids(&lines, after, &mut out.items);
    }
    for (n, line) in lines.iter().enumerate() {
        links(line, n, &mut out.uses);
    }
    out
}

fn at(m: saphyr_parser::Marker) -> At {
    At {
        line: m.line().saturating_sub(1),
        col: m.col(),
    }
}

/// A scalar's extent without its quotes.
fn inner(span: Span, lines: &[&str]) -> Extent {
    let (mut from, mut to) = (at(span.start), at(span.end));
    if from.line == to.line && to.col > from.col + 1 {
        let first = lines.get(from.line).and_then(|l| l.chars().nth(from.col));
        if matches!(first, Some('"' | '\'')) {
            from.col += 1;
            to.col -= 1;
        }
    }
    Extent { from, to }
}

fn segment(frames: &[Frame]) -> String {
    match frames.last() {
        Some(Frame::Map(Some(k))) => k.clone(),
        Some(Frame::Seq(i)) => i.to_string(),
        _ => String::new(),
    }
}

fn advance(frames: &mut [Frame]) {
    match frames.last_mut() {
        Some(Frame::Map(pending)) => *pending = None,
        Some(Frame::Seq(i)) => *i += 1,
        None => {}
    }
}

/// `…sources[n]` under an item: a citation (in its long form when a map).
fn is_citation(path: &[String]) -> bool {
    path.len() >= 4
        && path[path.len() - 2] == "sources"
        && path[path.len() - 1].parse::<usize>().is_ok()
}

fn scalar(
    out: &mut Outline,
    path: &[String],
    value: &str,
    at: Extent,
    item: Option<usize>,
    citation: Option<&mut Citation>,
) {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let wants = |k: Kind| Some(Some(k));
    let role: Option<Option<Kind>> = match p.as_slice() {
        ["deck", _] => Some(None),
        [list, _, "id"] if kind_of_list(list).is_some() => {
            if let Some(i) = item {
                out.items[i].id = Some(value.to_string());
                out.items[i].id_at = Some(at);
            }
            None
        }
        ["positions", _, "actor" | "said_by"] => wants(Kind::Actor),
        ["positions", _, "issue"] => wants(Kind::Issue),
        ["actors", _, "part_of", _] => wants(Kind::Actor),
        ["actors", _, "relations", _, "to"] => wants(Kind::Actor),
        ["issues" | "timeline", _, "actors", _] => wants(Kind::Actor),
        ["timeline", _, "issues", _] => wants(Kind::Issue),
        ["sources", _, "via"] if is_id(value) => wants(Kind::Source),
        [.., "sources", n] if n.parse::<usize>().is_ok() && p.len() >= 4 => {
            if item.is_some() {
                out.citations.push(Citation {
                    source: value.to_string(),
                    locator: None,
                    quote: None,
                    span: at,
                });
            }
            wants(Kind::Source)
        }
        [.., "sources", _, "source"] => wants(Kind::Source),
        _ => None,
    };
    if let Some(c) = citation {
        match p.last().copied() {
            Some("source") => c.source = value.to_string(),
            Some("locator") => c.locator = Some(value.to_string()),
            Some("quote") => c.quote = Some(value.to_string()),
            _ => {}
        }
    }
    if p.len() == 3
        && let Some(i) = item
    {
        let it = &mut out.items[i];
        let name_key = matches!(p[2], "name" | "title")
            || (it.kind == Some(Kind::Position) && p[2] == "stance");
        if name_key && it.name.is_empty() {
            it.name = value.to_string();
        }
        if value.len() <= 2000 {
            it.fields.push((p[2].to_string(), value.to_string()));
        }
    }
    if role.is_some() && !value.is_empty() {
        out.uses.push(Use {
            id: value.to_string(),
            at,
        });
    }
}

pub fn is_id(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_lowercase() || f.is_ascii_digit())
        && c.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// Items from line `from` on, read by their lines: `- id: x` (or
/// `- {id: x, …}`) under a top-level list, named by the `name:` or `title:`
/// that follows.
fn scan_ids(lines: &[&str], from: usize, items: &mut Vec<Item>) {
    let mut list: Option<Kind> = None;
    for (n, l) in lines.iter().enumerate() {
        if !l.starts_with([' ', '-', '#']) && !l.is_empty() {
            list = l.split(':').next().and_then(kind_of_list);
            continue;
        }
        if n < from || list.is_none() {
            continue;
        }
        let t = l.trim_start().trim_start_matches('-').trim_start();
        let t = t.strip_prefix('{').unwrap_or(t);
        let Some(rest) = t.strip_prefix("id:") else {
            continue;
        };
        let id = rest
            .split([',', '}', '#'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if !is_id(id) {
            continue;
        }
        let col = l[..l.len() - rest.len()].chars().count();
        let col = col + (rest.chars().count() - rest.trim_start().chars().count());
        let name = lines[n..(n + 4).min(lines.len())]
            .iter()
            .find_map(|x| {
                let at = x
                    .find("name: ")
                    .map(|i| i + 6)
                    .or(x.find("title: ").map(|i| i + 7))?;
                Some(x[at..].split([',', '}']).next()?.trim().to_string())
            })
            .unwrap_or_default();
        let at = At { line: n, col };
        items.push(Item {
            kind: list,
            index: 0,
            id: Some(id.to_string()),
            id_at: Some(Extent {
                from: at,
                to: At {
                    line: n,
                    col: col + id.chars().count(),
                },
            }),
            name,
            span: Extent { from: at, to: at },
            fields: Vec::new(),
        });
    }
}

/// `[[target]]` and `[[target|label]]` on a line: the target's columns.
fn links(line: &str, n: usize, uses: &mut Vec<Use>) {
    let mut from = 0;
    while let Some(open) = line[from..].find("[[") {
        let start = from + open + 2;
        let Some(close) = line[start..].find("]]") else {
            return;
        };
        let inside = &line[start..start + close];
        let target = inside.split('|').next().unwrap_or("").trim_end();
        if !target.is_empty() && !target.contains('[') {
            let col = line[..start].chars().count();
            uses.push(Use {
                id: target.to_string(),
                at: Extent {
                    from: At { line: n, col },
                    to: At {
                        line: n,
                        col: col + target.chars().count(),
                    },
                },
            });
        }
        from = start + close + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_uses_and_citations_are_read_with_their_places() {
        let y = "title: T\nactors:\n  - id: pa\n    name: Pakistan\nissues:\n  - {id: talks, title: Talks}\npositions:\n  - actor: pa\n    issue: \"talks\"\n    stance: Wants talks, see [[pa|Pakistan]].\n    sources:\n      - wire\n      - source: wire\n        locator: ¶2\nsources:\n  - id: wire\n    title: Wire\n";
        let o = read(y);
        let pa = o.item("pa").unwrap();
        assert_eq!(pa.kind, Some(Kind::Actor));
        assert_eq!(pa.name, "Pakistan");
        assert_eq!(pa.id_at.unwrap().from, At { line: 2, col: 8 });
        let ids: Vec<(&str, usize, usize)> = o
            .uses
            .iter()
            .map(|u| (u.id.as_str(), u.at.from.line, u.at.from.col))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("pa", 7, 11),
                ("talks", 8, 12),
                ("wire", 11, 8),
                ("wire", 12, 16),
                ("pa", 9, 31),
            ]
        );
        assert_eq!(o.citations.len(), 2);
        assert_eq!(o.citations[1].locator.as_deref(), Some("¶2"));
    }

    #[test]
    fn a_file_broken_at_its_end_keeps_what_comes_before() {
        let o = read("title: T\nactors:\n  - id: pa\n    name: [unclosed\n");
        assert_eq!(o.items.len(), 1);
        assert_eq!(o.items[0].id.as_deref(), Some("pa"));
    }

    #[test]
    fn ids_after_a_break_are_found_by_their_lines() {
        let o = read(
            "title: T\nformat:x: 1\nactors:\n  - id: pa\n    name: Pakistan\nsources:\n  - {id: wire, title: Wire}\n",
        );
        let got: Vec<(Option<Kind>, &str, &str, At)> = o
            .items
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.id.as_deref().unwrap(),
                    i.name.as_str(),
                    i.id_at.unwrap().from,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(Kind::Actor), "pa", "Pakistan", At { line: 3, col: 8 }),
                (Some(Kind::Source), "wire", "Wire", At { line: 6, col: 9 }),
            ]
        );
    }
}
