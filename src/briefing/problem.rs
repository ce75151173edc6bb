//! A problem found in a briefing, located by its path in the YAML; the
//! path is turned into line:col only when the problem is reported.

use super::model::Kind;
use std::borrow::Cow;
use std::fmt;

/// A key, label or help text: most are the format's own words, kept
/// without a copy; only words from the file (an unknown key) are owned.
/// 100,000 findings would otherwise copy them 100,000 times.
pub type Name = Cow<'static, str>;

/// A finding's message or help. Most are written once, as text; a
/// dangling reference's are the same words around its id for every one of
/// them, so they are kept as the kind and the id and joined when shown (a
/// file may hold 100,000, and the joined texts were a fifth of its memory).
#[derive(Debug, Clone)]
pub enum Words {
    Said(&'static str),
    Text(Box<str>),
    /// "no actor with id `x` in this briefing" (an item, of no kind).
    NoSuchId(Option<Kind>, Box<str>),
    /// "define an actor with `id: x`, or fix the id".
    DefineId(Option<Kind>, Box<str>),
    /// [`Words::NoSuchId`] for a short id, kept in the words themselves:
    /// 100,000 dangling references made 200,000 allocations (3.2 MB).
    NoSuchShortId(Option<Kind>, ShortId),
    /// [`Words::DefineId`] for a short id.
    DefineShortId(Option<Kind>, ShortId),
    /// "unknown field `x`", for a key of at most [`ShortId::MAX`] bytes (a
    /// file may hold 100,000 unknown keys).
    UnknownField(ShortId),
}

/// An id of at most [`ShortId::MAX`] bytes, kept inline; the words stay
/// the size of a boxed text.
#[derive(Debug, Clone, Copy)]
pub struct ShortId {
    len: u8,
    bytes: [u8; ShortId::MAX],
}

impl ShortId {
    pub const MAX: usize = 21;

    fn new(id: &str) -> Option<ShortId> {
        let mut bytes = [0; ShortId::MAX];
        bytes.get_mut(..id.len())?.copy_from_slice(id.as_bytes());
        Some(ShortId {
            len: id.len() as u8,
            bytes,
        })
    }

    fn as_str(&self) -> &str {
        // Copied whole from a `&str`, so always text.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

const _: () = assert!(size_of::<Words>() <= 24);

impl Words {
    /// "no actor with id `x` in this briefing".
    pub fn no_such_id(kind: Option<Kind>, id: &str) -> Words {
        match ShortId::new(id) {
            Some(short) => Words::NoSuchShortId(kind, short),
            None => Words::NoSuchId(kind, id.into()),
        }
    }

    /// "define an actor with `id: x`, or fix the id".
    pub fn define_id(kind: Option<Kind>, id: &str) -> Words {
        match ShortId::new(id) {
            Some(short) => Words::DefineShortId(kind, short),
            None => Words::DefineId(kind, id.into()),
        }
    }

    /// "unknown field `x`".
    pub fn unknown_field(key: &str) -> Words {
        match ShortId::new(key) {
            Some(short) => Words::UnknownField(short),
            None => Words::Text(format!("unknown field `{key}`").into_boxed_str()),
        }
    }

    /// The words as one text.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Words::Said(t) => Cow::Borrowed(t),
            Words::Text(t) => Cow::Borrowed(t),
            _ => Cow::Owned(self.to_string()),
        }
    }
}

impl fmt::Display for Words {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let no_such = |f: &mut fmt::Formatter, kind: &Option<Kind>, id: &str| {
            let what = kind.map_or("item", |k| k.noun());
            write!(f, "no {what} with id `{id}` in this briefing")
        };
        let define = |f: &mut fmt::Formatter, kind: &Option<Kind>, id: &str| {
            let a = kind.map_or("an item", |k| k.with_article());
            write!(f, "define {a} with `id: {id}`, or fix the id")
        };
        match self {
            Words::Said(t) => f.write_str(t),
            Words::Text(t) => f.write_str(t),
            Words::NoSuchId(kind, id) => no_such(f, kind, id),
            Words::NoSuchShortId(kind, id) => no_such(f, kind, id.as_str()),
            Words::DefineId(kind, id) => define(f, kind, id),
            Words::DefineShortId(kind, id) => define(f, kind, id.as_str()),
            Words::UnknownField(key) => write!(f, "unknown field `{}`", key.as_str()),
        }
    }
}

/// The same words are the same however they are kept (a warning read back
/// from the cache is text).
impl PartialEq for Words {
    fn eq(&self, other: &Words) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Words {}

impl serde::Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<String> for Words {
    fn from(s: String) -> Words {
        Words::Text(s.into_boxed_str())
    }
}

impl From<&'static str> for Words {
    fn from(s: &'static str) -> Words {
        Words::Said(s)
    }
}

impl From<Name> for Words {
    fn from(s: Name) -> Words {
        match s {
            Cow::Borrowed(s) => Words::Said(s),
            Cow::Owned(s) => Words::from(s),
        }
    }
}

/// A step of a path as it is built: a key (the format's own borrowed, a
/// key from the file owned) or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(Name),
    Index(usize),
}

impl Seg {
    /// A key: one of the format's own borrowed, any other owned.
    pub fn key(k: &str) -> Seg {
        Seg::Key(known(k).map_or_else(|| Cow::Owned(k.to_string()), Cow::Borrowed))
    }
}

/// A step of a kept [`Path`], as read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where a problem is in the YAML, from the top: kept as bytes, a key of
/// the format's own as one byte (its place in [`Known`]), an index or any
/// other key as a tag and a number. Most paths fit in the value itself; as
/// a list of segments each finding's path was an allocation of its own
/// (100,000 dangling references held 9.6 MB of them).
#[derive(PartialEq, Eq, Default)]
pub struct Path(smallvec::SmallVec<[u8; 16]>);

/// Copied as bytes: smallvec's own `clone` pushes them one at a time, and
/// a list's 100,000 findings each begin as a copy of the list's path.
impl Clone for Path {
    fn clone(&self) -> Path {
        Path(smallvec::SmallVec::from_slice(&self.0))
    }
}

/// Tags of a path's bytes: below `INDEX` a known key's number.
const INDEX: u8 = 0xF0;
const OTHER_KEY: u8 = 0xF1;

impl Path {
    pub fn new() -> Path {
        Path::default()
    }

    pub fn push(&mut self, seg: Seg) {
        match seg {
            Seg::Key(k) => self.push_key(&k),
            Seg::Index(i) => self.push_index(i),
        }
    }

    pub fn push_key(&mut self, k: &str) {
        match Known::get().number.get(k) {
            Some(&n) => self.0.push(n),
            None => {
                self.0.push(OTHER_KEY);
                self.number(k.len());
                self.0.extend_from_slice(k.as_bytes());
            }
        }
    }

    /// [`Self::push_key`] for a key of the format's own, as the check
    /// spells it: found by where its text is, in a small table each
    /// thread keeps, not hashed (100,000 findings push 300,000 keys).
    pub fn push_static_key(&mut self, k: &'static str) {
        thread_local! {
            static SEEN: std::cell::RefCell<[(usize, usize, u8); 64]> =
                const { std::cell::RefCell::new([(0, 0, 0); 64]) };
        }
        let (at, len) = (k.as_ptr() as usize, k.len());
        let slot = (at >> 2 ^ len) % 64;
        let hit = SEEN.with_borrow(|seen| {
            let (a, l, n) = seen[slot];
            (a == at && l == len).then_some(n)
        });
        match hit {
            Some(n) => self.0.push(n),
            None => match Known::get().number.get(k) {
                Some(&n) => {
                    SEEN.with_borrow_mut(|seen| seen[slot] = (at, len, n));
                    self.0.push(n);
                }
                None => self.push_key(k),
            },
        }
    }

    pub fn push_index(&mut self, i: usize) {
        self.0.push(INDEX);
        self.number(i);
    }

    /// This path with one more key.
    pub fn key(mut self, k: &str) -> Path {
        self.push_key(k);
        self
    }

    /// This path with one more index.
    pub fn index(mut self, i: usize) -> Path {
        self.push_index(i);
        self
    }

    /// Seven bits a byte, the last byte's high bit clear.
    fn number(&mut self, mut n: usize) {
        while n >= 0x80 {
            self.0.push((n as u8 & 0x7F) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    pub fn iter(&self) -> Steps<'_> {
        Steps { rest: &self.0 }
    }

    pub fn first(&self) -> Option<Step<'_>> {
        self.iter().next()
    }

    pub fn get(&self, n: usize) -> Option<Step<'_>> {
        self.iter().nth(n)
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// The path as it is kept. Each step's bytes say where they end, so
    /// a path that begins with another's bytes begins with its steps.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes of every step but the last, how many steps they are, and
    /// the last step.
    pub fn split_last(&self) -> Option<(&[u8], usize, Step<'_>)> {
        let mut steps = self.iter();
        let mut last = None;
        for depth in 0.. {
            let at = self.0.len() - steps.rest.len();
            let Some(step) = steps.next() else { break };
            last = Some((at, depth, step));
        }
        last.map(|(at, depth, step)| (&self.0[..at], depth, step))
    }

    /// The one step that follows the first `at` bytes, if exactly one does.
    pub fn only_step_after(&self, at: usize) -> Option<Step<'_>> {
        let mut steps = Steps {
            rest: self.0.get(at..)?,
        };
        let step = steps.next()?;
        steps.rest.is_empty().then_some(step)
    }

    /// The bytes of the first two steps (a list and its item's index),
    /// when there are two: every path that begins with them is about the
    /// same item, and is placed in the same part.
    pub fn item_head(&self) -> Option<&[u8]> {
        let mut steps = self.iter();
        steps.next()?;
        steps.next()?;
        Some(&self.0[..self.0.len() - steps.rest.len()])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The steps of a [`Path`], in order.
pub struct Steps<'a> {
    rest: &'a [u8],
}

impl<'a> Steps<'a> {
    /// The steps a path's bytes (or the first steps' bytes) hold.
    pub fn of(bytes: &'a [u8]) -> Steps<'a> {
        Steps { rest: bytes }
    }

    fn number(&mut self) -> usize {
        let mut n = 0usize;
        let mut shift = 0;
        while let Some((&b, rest)) = self.rest.split_first() {
            self.rest = rest;
            n |= usize::from(b & 0x7F).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        n
    }
}

impl<'a> Iterator for Steps<'a> {
    type Item = Step<'a>;

    fn next(&mut self) -> Option<Step<'a>> {
        let (&tag, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(match tag {
            INDEX => Step::Index(self.number()),
            OTHER_KEY => {
                let len = self.number().min(self.rest.len());
                let (key, rest) = self.rest.split_at(len);
                self.rest = rest;
                // Written from a `&str` whole, so always one.
                Step::Key(std::str::from_utf8(key).unwrap_or_default())
            }
            n => Step::Key(
                Known::get()
                    .keys
                    .get(usize::from(n))
                    .copied()
                    .unwrap_or_default(),
            ),
        })
    }
}

impl<'a> IntoIterator for &'a Path {
    type Item = Step<'a>;
    type IntoIter = Steps<'a>;
    fn into_iter(self) -> Steps<'a> {
        self.iter()
    }
}

impl FromIterator<Seg> for Path {
    fn from_iter<I: IntoIterator<Item = Seg>>(segs: I) -> Path {
        let mut p = Path::new();
        p.extend(segs);
        p
    }
}

impl Extend<Seg> for Path {
    fn extend<I: IntoIterator<Item = Seg>>(&mut self, segs: I) {
        segs.into_iter().for_each(|s| self.push(s));
    }
}

impl From<Vec<Seg>> for Path {
    fn from(segs: Vec<Seg>) -> Path {
        segs.into_iter().collect()
    }
}

impl<const N: usize> From<[Seg; N]> for Path {
    fn from(segs: [Seg; N]) -> Path {
        segs.into_iter().collect()
    }
}

impl fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Step::Key(k) => write!(f, ".{k}"),
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// `.actors[0].part_of[3]`.
impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.iter().try_for_each(|s| write!(f, "{s}"))
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Path({self})")
    }
}

/// The format's own keys, each known by a number below [`INDEX`].
struct Known {
    keys: Vec<&'static str>,
    number: rustc_hash::FxHashMap<&'static str, u8>,
}

impl Known {
    fn get() -> &'static Known {
        use super::raw::*;
        static KNOWN: std::sync::OnceLock<Known> = std::sync::OnceLock::new();
        KNOWN.get_or_init(|| {
            let mut k = Known {
                keys: Vec::new(),
                number: Default::default(),
            };
            let all = [
                Briefing::KEYS,
                Actor::KEYS,
                Relation::KEYS,
                Issue::KEYS,
                Position::KEYS,
                Place::KEYS,
                Event::KEYS,
                Source::KEYS,
                Citation::KEYS,
                KeyPoint::KEYS,
            ];
            for key in all.into_iter().flatten() {
                // More keys than numbers are written out like any other.
                if k.keys.len() < usize::from(INDEX) && !k.number.contains_key(key) {
                    k.number.insert(key, k.keys.len() as u8);
                    k.keys.push(key);
                }
            }
            k
        })
    }
}

/// The format's own key spelled `k`, if it is one: a look-up, as every
/// finding's path asks for each of its keys (a scan of the ~90 keys cost
/// a file of 100,000 unknown keys a twentieth of its check).
fn known(k: &str) -> Option<&'static str> {
    Known::get().number.get_key_value(k).map(|(k, _)| *k)
}

/// What part of the node at a path to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Point {
    /// The value at the path.
    Value,
    /// The key of the last path segment (which is a key).
    Key,
    /// Every occurrence of the last key in its mapping (duplicate keys).
    EveryKey,
    /// A piece of text inside the scalar at the path, e.g. `[[id`.
    Needle(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub path: Path,
    pub point: Point,
}

impl Loc {
    pub fn value(path: impl Into<Path>) -> Self {
        Loc {
            path: path.into(),
            point: Point::Value,
        }
    }
    pub fn key(path: impl Into<Path>) -> Self {
        Loc {
            path: path.into(),
            point: Point::Key,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub code: &'static str,
    pub message: Words,
    pub at: Loc,
    /// Text under the caret.
    pub label: Name,
    pub help: Option<Words>,
    /// Other places that belong to the problem (e.g. the first definition).
    pub also: Vec<(Loc, Name)>,
    /// What tools may want as data (`--format json`): a word diff, where a
    /// quote was found instead.
    pub data: Option<Box<serde_json::Value>>,
}

/// Where a check's problems are, as placing them goes: every one in one
/// list's item (their paths begin with the same two steps) with no related
/// places, some with related places, or neither. Kept as they are found,
/// so a line of 100,000 dangling references is known to lie in one part
/// without a walk over them, and related places are listed at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Shape {
    #[default]
    NoProblems,
    /// The first two steps every problem's path begins with.
    OneItem(smallvec::SmallVec<[u8; 16]>),
    /// In more than one item, none with related places.
    Mixed,
    /// Some problem has related places (a duplicate id's first).
    Related,
}

impl Shape {
    pub fn add(&mut self, p: &Problem) {
        match self {
            Shape::Related => {}
            _ if !p.also.is_empty() => *self = Shape::Related,
            Shape::Mixed => {}
            Shape::NoProblems => {
                *self = match p.at.path.item_head() {
                    Some(head) => Shape::OneItem(head.into()),
                    None => Shape::Mixed,
                }
            }
            Shape::OneItem(head) => {
                if !p.at.path.bytes().starts_with(head) {
                    *self = Shape::Mixed;
                }
            }
        }
    }

    pub fn of(problems: &[Problem]) -> Shape {
        let mut shape = Shape::default();
        problems.iter().for_each(|p| shape.add(p));
        shape
    }
}

/// The closest candidate by edit distance, if it is close enough to be a
/// plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    let a: Vec<char> = word.chars().collect();
    // Reused for every candidate: thousands of ids cost no allocations.
    let (mut b, mut row) = (Vec::new(), Vec::new());
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it.
        .filter(|c| {
            c.len().abs_diff(word.len()) <= limit * 4
                && if c.is_ascii() {
                    c.len().abs_diff(len) <= limit
                } else {
                    c.chars().count().abs_diff(len) <= limit
                }
        })
        .map(|c| {
            b.clear();
            b.extend(c.chars());
            (levenshtein(&a, &b, limit, &mut row), c)
        })
        .filter(|(d, _)| *d <= limit && *d < len)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Did-you-mean over thousands of words. One edit removes at most two of a
/// word's letter pairs, so a word within the edit limit of a misspelling
/// shares all but twice the limit of its distinct pairs: only the words
/// that do are compared letter by letter.
pub struct WordIndex<T> {
    words: Vec<(String, T)>,
    pairs: rustc_hash::FxHashMap<(char, char), Vec<u32>>,
}

fn pairs(chars: &[char]) -> Vec<(char, char)> {
    let mut p: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    p.sort_unstable();
    p.dedup();
    p
}

impl<T: Copy> WordIndex<T> {
    pub fn new(words: impl IntoIterator<Item = (String, T)>) -> Self {
        let words: Vec<(String, T)> = words.into_iter().collect();
        let mut index: rustc_hash::FxHashMap<(char, char), Vec<u32>> = Default::default();
        for (n, (w, _)) in words.iter().enumerate() {
            let chars: Vec<char> = w.chars().collect();
            for p in pairs(&chars) {
                index.entry(p).or_default().push(n as u32);
            }
        }
        WordIndex {
            words,
            pairs: index,
        }
    }

    /// The nearest word among those `keep` accepts, as [`nearest`] finds it.
    pub fn nearest(&self, word: &str, keep: impl Fn(T) -> bool) -> Option<&str> {
        let chars: Vec<char> = word.chars().collect();
        let limit = (chars.len() / 3).max(2);
        let mine = pairs(&chars);
        let need = mine.len().saturating_sub(2 * limit);
        if need == 0 {
            let all = self.words.iter().filter(|(_, t)| keep(*t));
            return nearest(word, all.map(|(w, _)| w.as_str()));
        }
        let mut shared = vec![0u16; self.words.len()];
        for p in &mine {
            for &n in self.pairs.get(p).map_or(&[][..], |v| v.as_slice()) {
                shared[n as usize] = shared[n as usize].saturating_add(1);
            }
        }
        let close = shared
            .iter()
            .enumerate()
            .filter(|(_, c)| **c as usize >= need)
            .map(|(n, _)| &self.words[n])
            .filter(|(_, t)| keep(*t))
            .map(|(w, _)| w.as_str());
        nearest(word, close)
    }
}

/// The edit distance, or more than `limit` as soon as every way is over
/// it: most candidates are rejected after a row or two.
fn levenshtein(a: &[char], b: &[char], limit: usize, row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            best = best.min(row[j + 1]);
            prev = cur;
        }
        if best > limit {
            return limit + 1;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest::proptest! {
        /// A path reads back as it was built: the format's keys, any key
        /// from a file (empty, long, not ASCII, spelled like a tag byte)
        /// and any index.
        #[test]
        fn a_path_reads_back_the_steps_it_was_built_of(
            steps in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["actors", "part_of", "id", "sources", "quote"])
                        .prop_map(Seg::key),
                    ".{0,40}".prop_map(|k| Seg::key(&k)),
                    proptest::num::usize::ANY.prop_map(Seg::Index),
                    (0usize..300).prop_map(Seg::Index),
                ],
                0..8,
            )
        ) {
            let path: Path = steps.clone().into();
            let back: Vec<Seg> = path
                .iter()
                .map(|s| match s {
                    Step::Key(k) => Seg::Key(k.to_string().into()),
                    Step::Index(i) => Seg::Index(i),
                })
                .collect();
            prop_assert_eq!(&back, &steps);
            prop_assert_eq!(path.len(), steps.len());
            prop_assert_eq!(path.clone(), back.into());
            // Split before its last step: the steps before it, as bytes
            // that read back as those steps, and the last.
            match path.split_last() {
                None => prop_assert!(steps.is_empty()),
                Some((before, depth, last)) => {
                    prop_assert_eq!(depth, steps.len() - 1);
                    prop_assert_eq!(path.only_step_after(before.len()).map(seg), Some(seg(last)));
                    let before: Vec<Seg> = Steps::of(before).map(seg).collect();
                    prop_assert_eq!(&before[..], &steps[..depth]);
                    prop_assert_eq!(seg(last), steps[depth].clone());
                }
            }
        }

        /// A path that begins with another's bytes begins with its steps,
        /// which is what lets placing compare bytes, not steps.
        #[test]
        fn a_path_that_begins_with_anothers_bytes_begins_with_its_steps(
            a in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["actors", "id", "x", "xy"]).prop_map(Seg::key),
                    (0usize..300).prop_map(Seg::Index),
                ],
                0..4,
            ),
            b in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["actors", "id", "x", "xy"]).prop_map(Seg::key),
                    (0usize..300).prop_map(Seg::Index),
                ],
                0..6,
            )
        ) {
            let (pa, pb): (Path, Path) = (a.clone().into(), b.clone().into());
            prop_assert_eq!(
                pb.bytes().starts_with(pa.bytes()),
                b.len() >= a.len() && b[..a.len()] == a[..]
            );
            // One step after another path's bytes: exactly one more step.
            if b.starts_with(&a) {
                prop_assert_eq!(
                    pb.only_step_after(pa.bytes().len()).map(seg),
                    (b.len() == a.len() + 1).then(|| b[a.len()].clone())
                );
            }
        }
    }

    /// Problems in one list's item, and none with related places: one
    /// item; anything else: mixed.
    #[test]
    fn the_shape_of_problems_says_whether_they_are_all_in_one_item() {
        let at = |path: Vec<Seg>| Problem {
            severity: Severity::Error,
            code: "x",
            message: "m".into(),
            at: Loc::value(path),
            label: "l".into(),
            help: None,
            also: Vec::new(),
            data: None,
        };
        let item = |i: usize, k: &str| {
            at(vec![
                Seg::key("actors"),
                Seg::Index(i),
                Seg::key(k),
                Seg::Index(3),
            ])
        };
        assert_eq!(Shape::of(&[]), Shape::NoProblems);
        let one = [item(130, "part_of"), item(130, "issues"), item(130, "x")];
        assert!(matches!(Shape::of(&one), Shape::OneItem(_)));
        // Item 1 begins with the bytes of neither 13 nor 130's index.
        for other in [
            item(1, "part_of"),
            item(13, "part_of"),
            item(1300, "part_of"),
        ] {
            assert_eq!(Shape::of(&[item(130, "part_of"), other]), Shape::Mixed);
        }
        assert_eq!(
            Shape::of(&[item(0, "id"), at(vec![Seg::key("title")])]),
            Shape::Mixed
        );
        assert_eq!(Shape::of(&[at(vec![Seg::key("title")])]), Shape::Mixed);
        let mut related = item(0, "id");
        related.also.push((
            Loc::value(vec![Seg::key("actors"), Seg::Index(0)]),
            "x".into(),
        ));
        assert_eq!(Shape::of(&[item(0, "x"), related.clone()]), Shape::Related);
        assert_eq!(
            Shape::of(&[related, item(0, "x"), item(1, "x")]),
            Shape::Related
        );
    }

    fn seg(s: Step) -> Seg {
        match s {
            Step::Key(k) => Seg::Key(k.to_string().into()),
            Step::Index(i) => Seg::Index(i),
        }
    }

    /// A finding's path fits in the path itself: no allocation of its own.
    #[test]
    fn a_findings_path_is_kept_in_the_path_itself() {
        let p = Path::new()
            .key("actors")
            .index(0)
            .key("part_of")
            .index(99_999);
        assert!(!p.0.spilled(), "{:?} took {} bytes", p, p.0.len());
        assert_eq!(p.to_string(), ".actors[0].part_of[99999]");
        // A key of the format's own, found by where its text is, is the
        // key found by its spelling; any other key is written out.
        for _ in 0..2 {
            for &k in &Known::get().keys {
                let mut by_place = Path::new();
                by_place.push_static_key(k);
                assert_eq!(by_place, Path::new().key(k), "{k}");
            }
        }
        let mut by_place = Path::new();
        by_place.push_static_key("x-not-ours");
        assert_eq!(by_place, Path::new().key("x-not-ours"));
        let other = Path::new().key("not-a-key-of-ours");
        assert_eq!(other.first(), Some(Step::Key("not-a-key-of-ours")));
    }

    #[test]
    fn the_word_index_finds_what_a_full_scan_finds() {
        let words: Vec<String> = (0..3000)
            .map(|n| format!("idle-{n}"))
            .chain(["pakistan", "afghan-taliban", "ttp", "dup", "a"].map(String::from))
            .collect();
        let index = WordIndex::new(words.iter().map(|w| (w.clone(), w.len() % 2)));
        for q in [
            "idle-12",
            "idel-1299",
            "nobody-17",
            "pakistn",
            "afghan-talban",
            "tp",
            "x",
            "ab",
            "idle-299x",
            "",
        ] {
            for parity in [0, 1] {
                let keep = |t: usize| t == parity;
                let scan = nearest(
                    q,
                    words
                        .iter()
                        .filter(|w| keep(w.len() % 2))
                        .map(|w| w.as_str()),
                );
                assert_eq!(index.nearest(q, keep), scan, "{q:?}");
            }
        }
    }

    #[test]
    fn suggests_close_words_only() {
        let ids = ["pakistan", "china", "ttp"];
        assert_eq!(nearest("pakistn", ids), Some("pakistan"));
        assert_eq!(nearest("chian", ids), Some("china"));
        assert_eq!(nearest("zzzzzzzz", ids), None);
        assert_eq!(
            nearest("G", ["A", "B"]),
            None,
            "one letter is never a typo of another"
        );
        let c = |w: &str| w.chars().collect::<Vec<_>>();
        let mut row = Vec::new();
        assert_eq!(levenshtein(&c("kitten"), &c("sitting"), 10, &mut row), 3);
        assert!(
            levenshtein(&c("kitten"), &c("zzzzzzzzzz"), 2, &mut row) > 2,
            "stops early past the limit"
        );
    }
}
