//! The locator's tree built by the quick YAML reader instead of the event
//! parser, for a file (or part) in the plain YAML it reads: three times
//! quicker (a line of 100,000 references: 17–21 ms against 54–63).
//!
//! serde hands a visitor no places, but every plain scalar and key the
//! quick reader visits is a slice of the text, so its place is where the
//! slice lies. Anything else — a list or mapping, a number or boolean, a
//! quoted text or one over several lines — gets no place here: a problem
//! there is placed by the event parser after all (see `Placer`), so every
//! place this tree gives is the one the event parser's gives (a property
//! test holds them together).

use super::{Extent, Locator, Node, NodeKind};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;

/// A node with no place of its own here.
pub(super) const UNPLACED: Extent = Extent {
    line: u32::MAX,
    col: 0,
    end_line: 0,
    end_col: 0,
};

impl<'a> Locator<'a> {
    /// The tree of `text` as the quick reader reads it; the text back when
    /// the quick reader leaves it to the event parser.
    pub(super) fn quick(text: Cow<'a, str>) -> Result<Self, Cow<'a, str>> {
        let lines = super::line_starts(&text);
        let built = {
            let mut b = Builder {
                base: text.as_ptr() as usize,
                len: text.len(),
                text: &text,
                lines: &lines,
                nodes: Vec::with_capacity(nodes_about(&text)),
                at: (0, 0, 0),
            };
            crate::briefing::quick_yaml::from_str_seed(&text, Seed(&mut b))
                .map(|root| (root, b.nodes))
        };
        let Some((root, mut nodes)) = built else {
            return Err(text);
        };
        nodes.shrink_to_fit();
        let mut me = Locator {
            text,
            lines,
            nodes,
            root: Some(root as usize),
            anchors: Default::default(),
            keys: Default::default(),
            complete: true,
        };
        me.index_keys();
        Ok(me)
    }
}

/// About how many nodes the quick reader makes of `text`: a value ends at
/// a comma, a bracket, a colon or a line's end, and an eighth more for the
/// lists and mappings that hold them. Room for them is made at
/// once: a long list's tree grew by doubling, copying itself each time and
/// keeping what it outgrew resident (6 MB for a line of 100,000
/// references). A count too high costs nothing: room never written to is
/// never faulted in; too low, the list grows as before.
fn nodes_about(text: &str) -> usize {
    let ends = text
        .bytes()
        .filter(|b| matches!(b, b',' | b':' | b'\n' | b']' | b'}'))
        .count();
    ends + ends / 8 + 16
}

struct Builder<'t> {
    /// Where the text starts in memory, and its length: a visited slice
    /// inside it is a scalar of the file.
    base: usize,
    len: usize,
    text: &'t str,
    lines: &'t [usize],
    nodes: Vec<Node>,
    /// The last place worked out: byte, line (0-based), column. Slices
    /// come in file order, so a long line's columns are counted once.
    at: (usize, usize, usize),
}

impl Builder<'_> {
    fn push(&mut self, span: Extent, kind: NodeKind) -> u32 {
        self.nodes.push(Node { span, kind });
        (self.nodes.len() - 1) as u32
    }

    /// Where `s` lies in the file, when it is a one-line slice of it.
    fn extent(&mut self, s: &str) -> Extent {
        let from = (s.as_ptr() as usize).wrapping_sub(self.base);
        if from > self.len || s.len() > self.len - from || s.contains('\n') {
            return UNPLACED;
        }
        // A quoted text's slice lies inside its quotes, and the event
        // parser's place for it runs on over what follows them (spaces, a
        // comment): left to that.
        if matches!(self.text.as_bytes()[..from].last(), Some(b'"' | b'\'')) {
            return UNPLACED;
        }
        let line = self.lines.partition_point(|&l| l <= from) - 1;
        let (byte, at_line, col) = self.at;
        let col = if at_line == line && byte <= from {
            col + self.text[byte..from].chars().count()
        } else {
            self.text[self.lines[line]..from].chars().count()
        };
        self.at = (from, line, col);
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Extent {
            line: n(line + 1),
            col: n(col),
            end_line: n(line + 1),
            end_col: n(col + s.chars().count()),
        }
    }
}

/// Visits of scalars that get a node with no place.
macro_rules! unplaced {
    ($($visit:ident($t:ty)),*) => {
        $(fn $visit<E>(self, _: $t) -> Result<u32, E> {
            Ok(self.0.push(UNPLACED, NodeKind::Scalar))
        })*
    };
}

/// A node: its number in the tree.
struct Seed<'b, 't>(&'b mut Builder<'t>);

impl<'de> DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = u32;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u32, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, '_> {
    type Value = u32;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<u32, E> {
        let span = self.0.extent(s);
        Ok(self.0.push(span, NodeKind::Scalar))
    }
    // Text that is no slice of the file, and every other scalar: no place.
    unplaced!(
        visit_str(&str),
        visit_string(String),
        visit_bool(bool),
        visit_i64(i64),
        visit_i128(i128),
        visit_u64(u64),
        visit_u128(u128),
        visit_f64(f64)
    );
    fn visit_unit<E>(self) -> Result<u32, E> {
        Ok(self.0.push(UNPLACED, NodeKind::Scalar))
    }
    fn visit_none<E>(self) -> Result<u32, E> {
        Ok(self.0.push(UNPLACED, NodeKind::Scalar))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u32, A::Error> {
        // Its kind is set once its items are read.
        let me = self.0.push(UNPLACED, NodeKind::Scalar);
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Seed(self.0))? {
            items.push(item);
        }
        items.shrink_to_fit();
        self.0.nodes[me as usize].kind = NodeKind::Seq(Box::new(items));
        Ok(me)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u32, A::Error> {
        // Its kind is set once its entries are read.
        let me = self.0.push(UNPLACED, NodeKind::Scalar);
        let mut entries = Vec::new();
        while let Some((key, text)) = map.next_key_seed(Key(self.0))? {
            let value = map.next_value_seed(Seed(self.0))?;
            entries.push((key, text, value));
        }
        entries.shrink_to_fit();
        self.0.nodes[me as usize].kind = NodeKind::Map(Box::new(entries));
        Ok(me)
    }
}

/// A key: its node and its text (a key that is no text refuses the tree).
struct Key<'b, 't>(&'b mut Builder<'t>);

impl<'de> DeserializeSeed<'de> for Key<'_, '_> {
    type Value = (u32, String);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key<'_, '_> {
    type Value = (u32, String);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        let span = self.0.extent(s);
        Ok((self.0.push(span, NodeKind::Scalar), s.to_string()))
    }
    // Any other key (a number, `true`) has no text to match a path's key
    // against: the visitor's refusal leaves the tree to the parser.
}

#[cfg(test)]
mod tests {
    use super::super::{Locator, NodeKind};
    use crate::briefing::problem::{Loc, Point, Seg};

    /// Every path into `l`'s tree, as a value, and as a key where it ends
    /// at a mapping's entry.
    fn every_loc(l: &Locator) -> Vec<Loc> {
        let mut out = Vec::new();
        let mut todo: Vec<(usize, Vec<Seg>)> = l.root.into_iter().map(|r| (r, vec![])).collect();
        while let Some((n, path)) = todo.pop() {
            out.push(Loc::value(path.clone()));
            match &l.nodes[n].kind {
                NodeKind::Map(entries) => {
                    for (_, k, v) in entries.iter() {
                        let mut p = path.clone();
                        p.push(Seg::key(k));
                        out.push(Loc::key(p.clone()));
                        out.push(Loc {
                            path: p.clone().into(),
                            point: Point::EveryKey,
                        });
                        out.push(Loc {
                            path: p.clone().into(),
                            point: Point::Needle("e".into()),
                        });
                        todo.push((*v as usize, p));
                    }
                }
                NodeKind::Seq(items) => {
                    for (i, v) in items.iter().enumerate() {
                        let mut p = path.clone();
                        p.push(Seg::Index(i));
                        todo.push((*v as usize, p));
                    }
                }
                _ => {}
            }
        }
        // Paths that run past what the file has stop at its last node.
        out.push(Loc::value(vec![
            Seg::key("actors"),
            Seg::Index(0),
            Seg::key("nope"),
        ]));
        out.push(Loc::key(vec![Seg::key("nope")]));
        out
    }

    /// Where the quick tree places something, the event parser's tree
    /// places it there too; and the quick tree places most of what a
    /// briefing's findings point at.
    fn held_to_the_parser(text: &str) -> (usize, usize) {
        let Ok(quick) = Locator::quick(text.into()) else {
            return (0, 0);
        };
        let slow = Locator::new(text);
        let locs = every_loc(&slow);
        let mut placed = 0;
        for loc in &locs {
            if let Some(got) = quick.locate_shifted(loc, 0) {
                assert_eq!(got, slow.locate(loc), "{loc:?} in\n{text}");
                placed += 1;
            }
        }
        (placed, locs.len())
    }

    #[test]
    fn every_place_of_the_quick_tree_is_the_parsers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "briefs",
            "tests/fixtures/check",
            "tests/fixtures/cross",
            "tests/fixtures",
        ] {
            for e in std::fs::read_dir(root.join(dir)).expect("the folder is there") {
                let p = e.expect("listed").path();
                // A fixture that is not UTF-8 is no text to place in.
                if p.extension().is_some_and(|x| x == "yaml")
                    && let Ok(text) = std::fs::read_to_string(&p)
                {
                    files.push(text);
                }
            }
        }
        assert!(files.len() >= 10, "{} files", files.len());
        files.push(crate::synth::briefing_yaml(60));
        files.push(
            "title: T\nactors:\n  - id: a\n    name: \"A\"   # quoted\n    part_of: [x, 'y', \"z\", 1, true, ~]\n    \
             summary: plain text # a comment\n    notes: |\n      a block\n  - {id: b, name: 'B b', part_of: [a]}\n\
             timeline:\n  - id: e\n    date: 2026-01-02\n    title: wrapped\n      over two lines\n    actors: []\n    x-n: 12\n"
                .to_string(),
        );
        let (mut placed, mut all, mut read) = (0, 0, 0);
        for f in &files {
            let (p, n) = held_to_the_parser(f);
            placed += p;
            all += n;
            read += usize::from(n > 0);
        }
        // Most files are read quickly, and most places found quickly.
        assert!(
            read * 4 >= files.len() * 3,
            "{read} of {} read",
            files.len()
        );
        assert!(placed * 2 >= all, "{placed} of {all} placed");
    }

    /// A key that is not text has no text for a path to name: the tree
    /// is left to the parser, which places it.
    #[test]
    fn a_key_that_is_no_text_leaves_the_tree_to_the_parser() {
        assert!(Locator::quick("title: T\nx-a: 1\n".into()).is_ok());
        for y in [
            "title: T\n1: one\n",
            "title: T\ntrue: yes\n",
            "title: T\n~: n\n",
        ] {
            assert!(Locator::quick(y.into()).is_err(), "{y}");
        }
    }

    /// A list of 5,000 references on one line: every item placed quickly,
    /// at the column the parser gives.
    #[test]
    fn a_long_line_of_references_is_placed_quickly() {
        let refs: Vec<String> = (0..5000).map(|i| format!("ghost-{i}")).collect();
        let text = format!(
            "title: T\nactors:\n  - id: a\n    part_of: [{}]\n",
            refs.join(", ")
        );
        let (placed, all) = held_to_the_parser(&text);
        assert!(placed >= 5000, "{placed} of {all}");
    }
}
