//! Turns a problem's path into line:col. serde keeps no marks for values, so
//! when a file has problems it is read once more into a light tree of
//! spans: by the quick YAML reader where it reads the file (`quick.rs`),
//! else with an event parser that keeps marks, built with an explicit
//! stack (no recursion, whatever the nesting).
//!
//! Only the parts of a file that hold problems are parsed again, on every
//! core (see `parts.rs`).

mod parts;
mod quick;
pub use parts::{Bell, OnePart, Placing, Plan};

use super::problem::{Loc, Point, Step};
use rustc_hash::FxHashMap as HashMap;
use saphyr_parser::{Event, Parser, Span};

/// A key's nodes (a repeated key's every repeat), kept only for a key's
/// place: a value's place is found without listing them.
type KeyNodes = smallvec::SmallVec<[usize; 2]>;

fn wants_keys(loc: &Loc) -> bool {
    matches!(loc.point, Point::Key | Point::EveryKey)
}

/// The steps before the last loc's last (as a path's bytes), the node
/// they lead to, and how many they are.
type Parent = Option<(smallvec::SmallVec<[u8; 16]>, usize, usize)>;

/// The places of one problem: nearly always one, kept inline.
pub type Places = smallvec::SmallVec<[Pos; 1]>;

/// A place in the file: 1-based line and column (in characters), and how
/// many characters to underline. 32-bit numbers: a place is kept for each
/// of 100,000 findings (a file is at most 64 MB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub len: u32,
}

impl Pos {
    /// A place, each number held at `u32::MAX`.
    pub fn new(line: usize, col: usize, len: usize) -> Pos {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Pos {
            line: n(line),
            col: n(col),
            len: n(len),
        }
    }
}

/// A list's or mapping's children boxed: most nodes are scalars, and a
/// node is 32 bytes, not 48 (a line of 100,000 references has as many).
/// The list behind a thin pointer is the point, so the box is kept.
#[allow(clippy::box_collection)]
enum NodeKind {
    Scalar,
    Seq(Box<Vec<u32>>),
    /// Key node, key text, value node.
    Map(Box<Vec<(u32, String, u32)>>),
    Alias(usize),
}

const _: () = assert!(size_of::<Node>() <= 32);

/// Where a node starts and ends: 1-based lines, 0-based columns. Kept
/// small: a part of a file has a node for every value in it.
#[derive(Clone, Copy)]
struct Extent {
    line: u32,
    col: u32,
    end_line: u32,
    end_col: u32,
}

impl From<Span> for Extent {
    fn from(s: Span) -> Self {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Extent {
            line: n(s.start.line()),
            col: n(s.start.col()),
            end_line: n(s.end.line()),
            end_col: n(s.end.col()),
        }
    }
}

struct Node {
    span: Extent,
    kind: NodeKind,
}

pub struct Locator<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Byte offset of each line's start.
    lines: Vec<usize>,
    nodes: Vec<Node>,
    root: Option<usize>,
    anchors: HashMap<usize, usize>,
    /// For mappings with many keys: where each key is among the entries,
    /// so locating every one of 50,000 unknown keys stays linear.
    keys: HashMap<usize, KeyIndex>,
    /// Whether the event parse reached the end without an error.
    complete: bool,
}

/// A large mapping's keys: the first entry with each key (a table of entry
/// numbers, the keys staying in the entries), from each entry the next
/// with the same key (`u32::MAX`: none), and the entry found last.
/// Findings come in file order, so the next key looked for is most often
/// the entry after the last: checked first, it spares 400,000 unknown
/// keys a hash lookup each that misses the cache (the check then grew
/// faster than the file).
struct KeyIndex {
    first: hashbrown::HashTable<u32>,
    again: Vec<u32>,
    is_first: Vec<bool>,
    last: std::sync::atomic::AtomicU32,
}

fn hash_key(k: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(k)
}

impl KeyIndex {
    fn new(entries: &[(u32, String, u32)]) -> Self {
        let mut first = hashbrown::HashTable::with_capacity(entries.len());
        let mut again = vec![u32::MAX; entries.len()];
        // From the last entry back, so each key ends at its first.
        for (i, e) in entries.iter().enumerate().rev() {
            let h = hash_key(&e.1);
            match first.find_mut(h, |&j: &u32| entries[j as usize].1 == e.1) {
                Some(slot) => again[i] = std::mem::replace(slot, i as u32),
                None => {
                    first.insert_unique(h, i as u32, |&j: &u32| hash_key(&entries[j as usize].1));
                }
            }
        }
        let mut is_first = vec![false; entries.len()];
        for &i in first.iter() {
            is_first[i as usize] = true;
        }
        KeyIndex {
            first,
            again,
            is_first,
            last: std::sync::atomic::AtomicU32::new(u32::MAX),
        }
    }

    /// The first entry with key `k`.
    fn find(&self, entries: &[(u32, String, u32)], k: &str) -> Option<u32> {
        use std::sync::atomic::Ordering::Relaxed;
        let next = self.last.load(Relaxed).wrapping_add(1);
        let found = if entries.get(next as usize).is_some_and(|e| e.1 == k)
            && self.is_first[next as usize]
        {
            Some(next)
        } else {
            let found = self
                .first
                .find(hash_key(k), |&j| entries[j as usize].1 == k);
            found.copied()
        };
        if let Some(i) = found {
            self.last.store(i, Relaxed);
        }
        found
    }
}

/// Mappings with more entries than this get a key index.
const INDEX_FROM: usize = 16;

enum Open {
    Seq(usize),
    Map(usize, Option<(usize, String)>),
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::build_from(std::borrow::Cow::Borrowed(text))
    }

    fn build_from(text: std::borrow::Cow<'a, str>) -> Self {
        let lines = line_starts(&text);
        let mut me = Locator {
            text,
            lines,
            nodes: Vec::new(),
            root: None,
            anchors: HashMap::default(),
            keys: HashMap::default(),
            complete: false,
        };
        me.build();
        // Kept until every finding of the part is placed: without the
        // doubling's slack (a quarter of the tree, on average).
        me.nodes.shrink_to_fit();
        me.index_keys();
        me
    }

    fn index_keys(&mut self) {
        for (n, node) in self.nodes.iter().enumerate() {
            if let NodeKind::Map(entries) = &node.kind
                && entries.len() > INDEX_FROM
            {
                self.keys.insert(n, KeyIndex::new(entries));
            }
        }
    }

    fn build(&mut self) {
        let text = std::mem::take(&mut self.text);
        self.events(&text);
        self.text = text;
    }

    fn events(&mut self, text: &str) {
        let mut stack: Vec<Open> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
            if matches!(event, Event::StreamEnd) {
                self.complete = true;
                break;
            }
            let (kind, anchor, opens) = match event {
                Event::Scalar(s, _, anchor, _) => {
                    // A scalar in key position only names the next value.
                    if let Some(Open::Map(_, pending @ None)) = stack.last_mut() {
                        let k = self.nodes.len();
                        self.nodes.push(Node {
                            span: span.into(),
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
                Event::SequenceStart(anchor, _) => (NodeKind::Seq(Box::default()), anchor, true),
                Event::MappingStart(anchor, _) => (NodeKind::Map(Box::default()), anchor, true),
                Event::SequenceEnd | Event::MappingEnd => {
                    if let Some(Open::Seq(n) | Open::Map(n, _)) = stack.pop() {
                        let end = Extent::from(span);
                        let node = &mut self.nodes[n].span;
                        (node.end_line, node.end_col) = (end.end_line, end.end_col);
                    }
                    continue;
                }
                _ => continue,
            };
            // A complex key (a mapping or list as a key) is stored as a key
            // with no usable text.
            let is_key = matches!(stack.last(), Some(Open::Map(_, None)));
            let n = self.nodes.len();
            let is_map = matches!(kind, NodeKind::Map(_));
            self.nodes.push(Node {
                span: span.into(),
                kind,
            });
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
                    items.push(n as u32);
                }
            }
            Some(Open::Map(m, pending)) => {
                if let Some((k, text)) = pending.take()
                    && let NodeKind::Map(entries) = &mut self.nodes[*m].kind
                {
                    entries.push((k as u32, text, n as u32));
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

    /// The place of a span; `None` for a node the quick tree could not
    /// place.
    fn pos_of_span(&self, span: Extent) -> Option<Pos> {
        if span.line == quick::UNPLACED.line {
            return None;
        }
        let len = if span.line == span.end_line {
            span.end_col.saturating_sub(span.col).max(1)
        } else {
            1
        };
        Some(Pos {
            line: span.line,
            col: span.col.saturating_add(1),
            len,
        })
    }

    /// Where a problem is: the deepest node the path reaches (a path that
    /// runs into what the file does not have stops at its last real node).
    pub fn locate(&self, loc: &Loc) -> Places {
        self.locate_shifted(loc, 0).unwrap_or_default()
    }

    /// [`Self::locate`] in a part that starts at a list's item `shift`: the
    /// path's second segment counts from there. `None` when the place is
    /// one a quick tree has not (the event parser's always has).
    fn locate_shifted(&self, loc: &Loc, shift: usize) -> Option<Places> {
        let Some(mut node) = self.root else {
            return Some(Places::new());
        };
        let mut key_nodes = KeyNodes::new();
        let keys = wants_keys(loc);
        let mut complete = true;
        for (depth, seg) in loc.path.iter().enumerate() {
            match self.step(node, depth, seg, shift, keys, &mut key_nodes) {
                Ok(next) => node = next,
                Err(here) => {
                    node = here;
                    complete = false;
                    break;
                }
            }
        }
        self.places_at(node, complete, &key_nodes, loc)
    }

    /// The node the steps that `before` holds lead to (`None`: nowhere).
    fn walk(&self, before: &[u8], shift: usize) -> Option<usize> {
        let mut node = self.root?;
        let mut no_keys = KeyNodes::new();
        for (depth, seg) in (super::problem::Steps::of(before)).enumerate() {
            node = self
                .step(node, depth, seg, shift, false, &mut no_keys)
                .ok()?;
        }
        Some(node)
    }

    /// [`Self::locate_shifted`] from `parent`, where the path's steps
    /// before its last (`depth` of them) lead.
    fn locate_below(
        &self,
        parent: usize,
        depth: usize,
        last: Step,
        loc: &Loc,
        shift: usize,
    ) -> Option<Places> {
        let mut key_nodes = KeyNodes::new();
        let keys = wants_keys(loc);
        let (node, complete) = match self.step(parent, depth, last, shift, keys, &mut key_nodes) {
            Ok(next) => (next, true),
            Err(here) => (here, false),
        };
        self.places_at(node, complete, &key_nodes, loc)
    }

    /// One step down from `node`, the path's `depth`th: `Err` with the node
    /// it stops at when there is nothing there. A key's every node is kept
    /// in `key_nodes` when `keys` asks for them.
    fn step(
        &self,
        node: usize,
        depth: usize,
        seg: Step,
        shift: usize,
        keys: bool,
        key_nodes: &mut KeyNodes,
    ) -> Result<usize, usize> {
        let node = self.deref(node);
        key_nodes.clear();
        let seg = match seg {
            Step::Index(i) if depth == 1 && shift > 0 => Step::Index(i.saturating_sub(shift)),
            _ => seg,
        };
        let next = match (&self.nodes[node].kind, seg) {
            // Only a large mapping has an index of its keys.
            (NodeKind::Map(entries), Step::Key(k)) => match (entries.len() > INDEX_FROM)
                .then(|| self.keys.get(&node))
                .flatten()
            {
                Some(idx) => {
                    let first = idx.find(entries, k);
                    let mut at = first.filter(|_| keys).unwrap_or(u32::MAX);
                    while let Some(e) = entries.get(at as usize) {
                        key_nodes.push(e.0 as usize);
                        at = idx.again[at as usize];
                    }
                    first.map(|i| entries[i as usize].2 as usize)
                }
                None => {
                    let mut first = None;
                    for e in entries.iter().filter(|e| e.1 == k) {
                        first.get_or_insert(e.2 as usize);
                        if !keys {
                            break;
                        }
                        key_nodes.push(e.0 as usize);
                    }
                    first
                }
            },
            (NodeKind::Seq(items), Step::Index(i)) => items.get(i).map(|&n| n as usize),
            _ => None,
        };
        next.ok_or(node)
    }

    /// The places of a walk's end: the node it reached (all the way when
    /// `complete`), or the keys it found.
    fn places_at(
        &self,
        node: usize,
        complete: bool,
        key_nodes: &KeyNodes,
        loc: &Loc,
    ) -> Option<Places> {
        let span = |n: usize| self.pos_of_span(self.nodes[n].span);
        Some(match &loc.point {
            Point::Key if complete && !key_nodes.is_empty() => {
                smallvec::smallvec![span(key_nodes[0])?]
            }
            Point::EveryKey if !key_nodes.is_empty() => {
                key_nodes.iter().map(|&k| span(k)).collect::<Option<_>>()?
            }
            Point::Needle(needle) if complete => {
                let at = span(node)?;
                smallvec::smallvec![self.find_in(self.nodes[node].span, needle).unwrap_or(at)]
            }
            _ => smallvec::smallvec![span(node)?],
        })
    }

    /// The first occurrence of `needle` on the lines a span covers.
    fn find_in(&self, span: Extent, needle: &str) -> Option<Pos> {
        for line in span.line as usize..=span.end_line as usize {
            let text = self.line_text(line)?;
            let skip = if line == span.line as usize {
                span.col as usize
            } else {
                0
            };
            let start_byte = text.char_indices().nth(skip).map_or(text.len(), |(b, _)| b);
            if let Some(b) = text[start_byte..].find(needle) {
                let col = text[..start_byte + b].chars().count() + 1;
                return Some(Pos::new(line, col, needle.chars().count() + 2));
            }
        }
        None
    }

    pub fn line_text(&self, line: usize) -> Option<&str> {
        line_of(&self.text, &self.lines, line)
    }
}

/// What places a file's (or a part's) problems: the quick reader's tree
/// where it reads the text, else the event parser's, which also places
/// what the quick tree cannot.
struct Placer<'a> {
    tree: Locator<'a>,
    slow: std::sync::OnceLock<Locator<'a>>,
}

impl<'a> Placer<'a> {
    fn new(text: std::borrow::Cow<'a, str>) -> Self {
        let tree = Locator::quick(text).unwrap_or_else(Locator::build_from);
        Placer {
            tree,
            slow: Default::default(),
        }
    }

    fn complete(&self) -> bool {
        self.tree.complete
    }

    /// [`Self::place`] for locs one after another: the node the steps
    /// before a loc's last lead to is remembered, and a loc whose path
    /// begins as the last one's did is placed from there (a list of
    /// 100,000 references shares every step but the index).
    fn place_after(&self, loc: &Loc, shift: usize, last: &mut Parent) -> Places {
        let below = |(node, depth): (usize, usize), step| {
            self.tree.locate_below(node, depth, step, loc, shift)
        };
        let again = last.as_ref().and_then(|(bytes, node, depth)| {
            let step = loc
                .path
                .bytes()
                .starts_with(bytes)
                .then(|| loc.path.only_step_after(bytes.len()))??;
            Some(((*node, *depth), step))
        });
        let found = match again {
            Some((at, step)) => below(at, step),
            None => loc.path.split_last().and_then(|(before, depth, step)| {
                let node = self.tree.walk(before, shift);
                *last = node.map(|n| (before.into(), n, depth));
                node.and_then(|n| below((n, depth), step))
            }),
        };
        found.unwrap_or_else(|| self.place(loc, shift))
    }

    /// [`Locator::locate_shifted`], by the event parser's tree where the
    /// quick one has no place.
    fn place(&self, loc: &Loc, shift: usize) -> Places {
        self.tree
            .locate_shifted(loc, shift)
            .or_else(|| {
                self.slow
                    .get_or_init(|| Locator::build_from(self.tree.text.clone()))
                    .locate_shifted(loc, shift)
            })
            .unwrap_or_default()
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut lines = vec![0];
    lines.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    lines
}

fn line_of<'a>(text: &'a str, lines: &[usize], line: usize) -> Option<&'a str> {
    let start = *lines.get(line.checked_sub(1)?)?;
    let end = lines.get(line).map_or(text.len(), |e| e - 1);
    Some(text[start..end.max(start)].trim_end_matches('\r'))
}

/// A file's lines, found by number in O(1).
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Lines {
            text,
            starts: line_starts(text),
        }
    }

    pub fn get(&self, line: usize) -> Option<&'a str> {
        line_of(self.text, &self.starts, line)
    }

    /// The 1-based line a byte offset is on.
    fn number(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::problem::{Path, Seg};

    fn at(path: &[&str]) -> Loc {
        Loc::value(
            path.iter()
                .map(|s| match s.parse() {
                    Ok(i) => Seg::Index(i),
                    Err(_) => Seg::key(s),
                })
                .collect::<Path>(),
        )
    }

    /// A large mapping's keys are found through its index, in any order,
    /// and a repeated key marks every repeat.
    #[test]
    fn the_key_index_finds_each_key_in_any_order() {
        // k0..k29 on lines 1-30, then k0..k9 again on lines 31-40.
        let y: String = (0..40).map(|i| format!("k{}: {i}\n", i % 30)).collect();
        let l = Locator::new(&y);
        let key = |k: usize, point: Point| Loc {
            path: Path::new().key(&format!("k{k}")),
            point,
        };
        let lines = |v: Places| v.iter().map(|p| p.line as usize).collect::<Vec<_>>();
        let order: Vec<usize> = (0..30)
            .chain((0..30).rev())
            .chain((0..30).map(|i| i * 7 % 30))
            // After the last k29 the next entry is a repeat of k0: not its first.
            .chain([29, 0])
            .collect();
        for k in order {
            assert_eq!(lines(l.locate(&key(k, Point::Key))), [k + 1], "k{k}");
            let every = lines(l.locate(&key(k, Point::EveryKey)));
            let want: Vec<usize> = if k < 10 {
                vec![k + 1, k + 31]
            } else {
                vec![k + 1]
            };
            assert_eq!(every, want, "every k{k}");
        }
        assert!(l.locate(&key(99, Point::Key)).iter().all(|p| p.line == 1));
    }

    #[test]
    fn finds_values_keys_and_list_items() {
        let y = "title: T\nactors:\n  - id: a\n    part_of: [b, c]\n";
        let l = Locator::new(y);
        assert_eq!(
            l.locate(&at(&["title"])).into_vec(),
            vec![Pos {
                line: 1,
                col: 8,
                len: 1
            }]
        );
        assert_eq!(
            l.locate(&at(&["actors", "0", "part_of", "1"])).into_vec(),
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
            l.locate(&k).into_vec(),
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
            path: Path::new().key("summary"),
            point: Point::Needle("[[nope".into()),
        };
        assert_eq!(
            l.locate(&loc).into_vec(),
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
