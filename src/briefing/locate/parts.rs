//! Locating a file in parts. A file whose lists can be cut between items
//! (see `pieces.rs`) is located as its top level without the lists'
//! items, and chunks of items, each a document of its own: only the parts
//! that hold a problem are parsed, on every core, each freed once its
//! problems are located. A part that does not parse alone (an alias to an
//! anchor in another part) and a file that cannot be cut are located whole.

use super::{Lines, Placer, Places};
use crate::briefing::pieces::{self, Section};
use crate::briefing::problem::{Loc, Step};

/// Where a part of the file is located.
enum Part {
    /// The top level, with the lists' items taken out.
    Top,
    /// Items `first..=last` of section `sec`.
    Items {
        sec: usize,
        first: usize,
        last: usize,
    },
}

/// Items are located in chunks of about this many bytes; an item larger
/// than this is a chunk of its own.
const CHUNK: usize = 64 * 1024;

/// A part parsed: its tree, the index of its first item, how its lines
/// map back.
struct Built {
    locator: Placer<'static>,
    shift: usize,
    to_line: ToLine,
}

/// What the helper that locates ahead is told.
#[derive(Default)]
struct Gate {
    go: bool,
    stop: bool,
    /// Every problem is known: the workers take over from the helper.
    known: bool,
}

/// Tells the helper to begin: given to the check, rung at its first problem.
#[derive(Clone, Default)]
pub struct Bell(std::sync::Arc<(std::sync::Mutex<Gate>, std::sync::Condvar)>);

impl Bell {
    fn read<T>(&self, f: impl FnOnce(&Gate) -> T) -> T {
        f(&self.0.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
    fn with<T>(&self, f: impl FnOnce(&mut Gate) -> T) -> T {
        let mut g = self.0.0.lock().unwrap_or_else(|e| e.into_inner());
        let out = f(&mut g);
        self.0.1.notify_all();
        out
    }
    /// A problem was found: parsing parts can begin.
    pub fn ring(&self) {
        self.with(|g| g.go = true);
    }
    /// Nothing (more) to locate: the helper leaves.
    pub fn stop(&self) {
        self.with(|g| g.stop = true);
    }
    /// Stops the helper when dropped, on every way out.
    pub fn stopper(&self) -> impl Drop {
        struct Stopper(Bell);
        impl Drop for Stopper {
            fn drop(&mut self) {
                self.0.stop();
            }
        }
        Stopper(self.clone())
    }
}

/// How many parts the helper parses ahead of the check, at most.
const AHEAD: usize = 8;

/// The parts a file is located in. They are fixed before any problem is
/// known, so a helper can parse them while the check goes on (from its
/// first problem); once every problem is known, only the parts that hold
/// one are parsed, on every core.
pub struct Plan<'a> {
    text: &'a str,
    /// Worked out by the helper while the check runs (a large file), or
    /// when places are first asked for: a small clean file never needs it.
    layout: std::sync::OnceLock<Layout<'a>>,
    whole: std::sync::OnceLock<Placer<'a>>,
    pub bell: Bell,
}

struct Layout<'a> {
    lines: Lines<'a>,
    sections: Vec<Section>,
    parts: Vec<Part>,
    /// Per section: the first item of each of its chunks, and the part.
    chunks: Vec<Vec<(usize, usize)>>,
    /// A part's tree once parsed (`None`: not parsed, or it did not
    /// parse alone), taken by the worker that places its problems.
    built: Vec<std::sync::Mutex<Option<Built>>>,
    claimed: Vec<std::sync::atomic::AtomicBool>,
}

impl<'a> Layout<'a> {
    fn new(text: &'a str) -> Self {
        let lines = Lines::new(text);
        let sections = pieces::sections(text).unwrap_or_default();
        let mut parts = Vec::new();
        let mut chunks = Vec::new();
        if !sections.is_empty() {
            parts.push(Part::Top);
            for (sec, s) in sections.iter().enumerate() {
                let mut mine = Vec::new();
                let mut first = 0;
                while first < s.starts.len() {
                    let mut last = first;
                    while last + 1 < s.starts.len()
                        && s.item_end(last + 1) - s.starts[first] <= CHUNK
                    {
                        last += 1;
                    }
                    mine.push((first, parts.len()));
                    parts.push(Part::Items { sec, first, last });
                    first = last + 1;
                }
                chunks.push(mine);
            }
        }
        Layout {
            built: (0..parts.len()).map(|_| Default::default()).collect(),
            claimed: (0..parts.len()).map(|_| Default::default()).collect(),
            lines,
            sections,
            parts,
            chunks,
        }
    }
}

impl<'a> Plan<'a> {
    pub fn new(text: &'a str) -> Self {
        Plan {
            text,
            layout: Default::default(),
            whole: Default::default(),
            bell: Bell::default(),
        }
    }

    fn layout(&self) -> &Layout<'a> {
        self.layout.get_or_init(|| Layout::new(self.text))
    }

    /// What the plan parsed, to be freed off the caller's path.
    pub fn into_parts(self) -> impl Send + 'static {
        self.layout.into_inner().map(|l| l.built)
    }

    pub fn lines(&self) -> &Lines<'a> {
        &self.layout().lines
    }

    /// Whether a helper parsing ahead can gain anything: a file of
    /// several chunks, and a core to spare.
    pub fn worth_ahead(&self) -> bool {
        self.text.len() > 2 * CHUNK && pieces::threads() > 1
    }

    /// The helper: waits for the first problem (or the end of a check
    /// without any), works out the parts, then parses them in order until
    /// every problem is known and the workers take over.
    pub fn ahead(&self) {
        let (lock, bell) = &*self.bell.0;
        {
            let mut g = lock.lock().unwrap_or_else(|e| e.into_inner());
            while !g.go && !g.stop {
                g = bell.wait(g).unwrap_or_else(|e| e.into_inner());
            }
            if g.stop && !g.go {
                return;
            }
        }
        // Working out the parts costs a scan of the file: done from the
        // first problem on, while the check goes on, and never for a
        // clean file (its check has the other cores).
        let layout = self.layout();
        // Only a few parts are parsed ahead, kept until a worker places
        // their problems: a few are enough to overlap the check, and the
        // rest, parsed by the workers, are freed as they go (all of them
        // ahead held 20 MB of trees for a 2.4 MB file).
        for k in 0..layout.parts.len().min(AHEAD) {
            if self.bell.read(|g| g.stop || g.known) {
                return;
            }
            // Claimed holding the part's slot: a worker that finds the part
            // claimed waits at the slot for its tree.
            let mut slot = layout.built[k].lock().unwrap_or_else(|e| e.into_inner());
            if !layout.claimed[k].swap(true, std::sync::atomic::Ordering::AcqRel) {
                *slot = self.make(k);
            }
        }
    }

    fn make(&self, k: usize) -> Option<Built> {
        let l = self.layout();
        let (doc, shift, to_line) = part_doc(&l.lines, &l.sections, &l.parts[k]);
        let locator = Placer::new(doc.into());
        locator.complete().then_some(Built {
            locator,
            shift,
            to_line,
        })
    }

    /// The part that locates `loc`: `Err` for the whole file.
    fn part_of(&self, loc: &Loc) -> Result<usize, ()> {
        let l = self.layout();
        if l.parts.is_empty() {
            return Err(());
        }
        match item_of(&l.sections, loc)? {
            None => Ok(0),
            Some((sec, i)) => {
                let c = &l.chunks[sec];
                let n = c.partition_point(|(first, _)| *first <= i);
                Ok(c[n.checked_sub(1).ok_or(())?].1)
            }
        }
    }

    /// The places of `count` locs, the `n`th given by `loc(n)`, in order;
    /// `None` as soon as `loc` gives none (the caller lists its locs
    /// another way). When every loc is in one part, that part is handed
    /// back parsed, to place each loc when it is asked for: 100,000
    /// places listed first were 2.4 MB and a pass of their own.
    pub fn locate_all<'l>(
        &self,
        count: usize,
        loc: impl Fn(usize) -> Option<&'l Loc> + Sync,
    ) -> Option<Placing<'_, 'a>> {
        if count == 0 {
            return Some(Placing::Listed(Vec::new()));
        }
        let layout = self.layout();
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut whole = Vec::new();
        // The part the locs so far are all in; the lists of members are
        // made only once a loc is in another.
        let mut first = Err(());
        let mut mixed = false;
        // Locs one after another mostly name one list's item: a loc that
        // begins with the last one's list and index is in its part.
        let mut last: Option<(&[u8], Result<usize, ()>)> = None;
        for n in 0..count {
            let l = loc(n)?;
            let part = match last {
                Some((head, part)) if l.path.bytes().starts_with(head) => part,
                _ => {
                    let part = self.part_of(l);
                    // A path of fewer steps is no list's item: not kept.
                    last = l.path.item_head().map(|head| (head, part));
                    part
                }
            };
            if !mixed {
                if n == 0 || part == first {
                    first = part;
                    continue;
                }
                mixed = true;
                members = vec![Vec::new(); layout.parts.len()];
                match first {
                    Ok(k) => members[k].extend(0..n as u32),
                    Err(()) => whole.extend(0..n),
                }
            }
            match part {
                Ok(k) => members[k].push(n as u32),
                Err(()) => whole.push(n),
            }
        }
        if !mixed {
            return Some(self.in_part(first));
        }
        self.bell.with(|g| g.known = true);
        let todo: Vec<usize> = (0..layout.parts.len())
            .filter(|k| !members[*k].is_empty())
            .collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Each part is parsed, its problems located, and its tree freed
        // before the next: only the parts in hand are in memory.
        let work = || {
            let mut found: Vec<(usize, Vec<Places>)> = Vec::new();
            let mut failed: Vec<usize> = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&k) = todo.get(i) else {
                    return (found, failed);
                };
                match self.built(k) {
                    Some(b) => found.push((
                        k,
                        members[k]
                            .iter()
                            .map(|&n| loc(n as usize).map(|l| b.place(l)).unwrap_or_default())
                            .collect(),
                    )),
                    None => failed.push(k),
                }
            }
        };
        let threads = pieces::threads().min(todo.len()).max(1);
        let results: Vec<Worked> = std::thread::scope(|s| {
            let helpers: Vec<_> = (1..threads)
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
                .collect();
            let mut all = vec![work()];
            for h in helpers {
                match h.join() {
                    Ok(r) => all.push(r),
                    Err(p) => std::panic::resume_unwind(p),
                }
            }
            all
        });
        self.bell.stop();
        let mut out: Vec<Places> = vec![Places::new(); count];
        for (found, failed) in results {
            for (k, places) in found {
                for (&n, places) in members[k].iter().zip(places) {
                    out[n as usize] = places;
                }
            }
            whole.extend(
                failed
                    .iter()
                    .flat_map(|&k| &members[k])
                    .map(|&n| n as usize),
            );
        }
        if !whole.is_empty() {
            let locator = self.whole();
            for n in whole {
                out[n] = loc(n).map(|l| locator.place(l, 0)).unwrap_or_default();
            }
        }
        Some(Placing::Listed(out))
    }

    /// Placing for locs that are all in the part `loc` is in.
    pub fn in_one(&self, loc: &Loc) -> Placing<'_, 'a> {
        self.in_part(self.part_of(loc))
    }

    /// Placing for locs that are all in part `k` (`Err`: the whole file).
    fn in_part(&self, k: Result<usize, ()>) -> Placing<'_, 'a> {
        self.bell.with(|g| g.known = true);
        let one = match k.ok().and_then(|k| self.built(k)) {
            Some(b) => One::Part(Box::new(b)),
            None => One::Whole(self.whole()),
        };
        self.bell.stop();
        Placing::InOne(Box::new(OnePart(one, Default::default())))
    }

    /// Part `k` parsed: by the helper (its tree taken, and freed here with
    /// the others, not kept to the end of the load: a long line's is 5 MB)
    /// or now. `None` when it does not parse alone.
    fn built(&self, k: usize) -> Option<Built> {
        let layout = self.layout();
        if layout.claimed[k].swap(true, std::sync::atomic::Ordering::AcqRel) {
            // Claimed holding the slot: this waits for a tree being made.
            layout.built[k]
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
        } else {
            self.make(k)
        }
    }

    fn whole(&self) -> &Placer<'a> {
        self.whole.get_or_init(|| Placer::new(self.text.into()))
    }
}

/// Where a list of locs is placed.
pub enum Placing<'p, 'a> {
    /// The places of each loc, in order.
    Listed(Vec<Places>),
    /// Every loc is in one part, which places each when asked.
    InOne(Box<OnePart<'p, 'a>>),
}

/// The one part (or the whole file) that every loc is in, parsed, and
/// where the last loc's steps before its last led.
pub struct OnePart<'p, 'a>(One<'p, 'a>, std::cell::RefCell<super::Parent>);

enum One<'p, 'a> {
    Part(Box<Built>),
    Whole(&'p Placer<'a>),
}

impl OnePart<'_, '_> {
    /// A loc's places; quickest when the locs come in file order.
    pub fn place(&self, loc: &Loc) -> Places {
        let mut last = self.1.borrow_mut();
        match &self.0 {
            One::Part(b) => b.map_lines(b.locator.place_after(loc, b.shift, &mut last)),
            One::Whole(w) => w.place_after(loc, 0, &mut last),
        }
    }
}

/// What a worker located, by part (the places of its members in order),
/// and the parts that did not parse alone.
type Worked = (Vec<(usize, Vec<Places>)>, Vec<usize>);

impl Built {
    /// Where `loc` is in the file.
    fn place(&self, loc: &Loc) -> Places {
        self.map_lines(self.locator.place(loc, self.shift))
    }

    /// Places in the part as places in the file.
    fn map_lines(&self, mut places: Places) -> Places {
        for p in &mut places {
            p.line = u32::try_from(self.to_line.original(p.line as usize)).unwrap_or(u32::MAX);
        }
        places
    }
}

/// Which item of which section a path goes into; `Err` for a path that
/// names a cut list itself (located whole), `Ok(None)` for the top level.
fn item_of(sections: &[Section], loc: &Loc) -> Result<Option<(usize, usize)>, ()> {
    let Some(Step::Key(first)) = loc.path.first() else {
        return Ok(None);
    };
    let Some(sec) = sections.iter().position(|s| pieces::LISTS[s.list] == first) else {
        return Ok(None);
    };
    match loc.path.get(1) {
        Some(Step::Index(i)) if i < sections[sec].starts.len() => Ok(Some((sec, i))),
        _ => Err(()),
    }
}

/// How a part's lines map back to the file's.
enum ToLine {
    /// Part line `n` is file line `n + add` (`add` may be negative).
    Offset(isize),
    /// From part line `at` on, `add` more lines were taken out before it.
    Cuts(Vec<(usize, usize)>),
}

impl ToLine {
    fn original(&self, line: usize) -> usize {
        match self {
            ToLine::Offset(add) => line.saturating_add_signed(*add),
            ToLine::Cuts(cuts) => {
                let k = cuts.partition_point(|(at, _)| *at <= line);
                line + k.checked_sub(1).map_or(0, |k| cuts[k].1)
            }
        }
    }
}

/// A part as a document of its own, the index of its first item, and how
/// its lines map back.
fn part_doc(lines: &Lines, sections: &[Section], part: &Part) -> (String, usize, ToLine) {
    let text = lines.text;
    match part {
        Part::Items { sec, first, last } => {
            let s = &sections[*sec];
            let (from, to) = (s.starts[*first], s.item_end(*last));
            let mut doc = format!("{}:\n", pieces::LISTS[s.list]);
            doc.push_str(&text[from..to]);
            // The part's line 2 is the item's first line.
            let add = lines.number(from) as isize - 2;
            (doc, *first, ToLine::Offset(add))
        }
        Part::Top => {
            let mut doc = String::with_capacity(text.len() / 4);
            let mut kept = 0;
            let mut cuts = Vec::new();
            let mut removed = 0;
            let mut cut: Vec<(usize, usize)> = sections
                .iter()
                .filter_map(|s| Some((*s.starts.first()?, s.end)))
                .collect();
            cut.sort_unstable();
            for (from, to) in cut {
                doc.push_str(&text[kept..from]);
                kept = to;
                let at = lines.number(from) - removed;
                removed += lines.number(to.saturating_sub(1).max(from)) + 1 - lines.number(from);
                cuts.push((at, removed));
            }
            doc.push_str(&text[kept..]);
            (doc, 0, ToLine::Cuts(cuts))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Locator;
    use super::*;
    use crate::briefing::problem::{Point, Seg};

    /// Item forms a list may hold: a cut between items must not move any
    /// place, whatever the items are.
    const ITEMS: [&str; 9] = [
        "  - id: a{n}\n    name: A {n}\n",
        "  - id: b{n}\n    part_of: [x, y{n}, z]\n",
        "  - {id: c{n}, name: \"C\"}\n",
        "  - id: d{n}\n    summary: |\n      - not an item\n      x: 1\n",
        "  - id: e{n}\n    summary: \"quoted\n      on two lines\"\n",
        "  -\n    id: f{n}\n    # a comment\n    name: F\n",
        "  - id: g{n}\n    id: g{n}\n    name: twice\n",
        "  - &anchor{n}\n    id: h{n}\n",
        "  - id: i{n}\n    also: *anchor0\n",
    ];

    fn file(items: &[(usize, usize)], top: usize) -> String {
        let mut y = String::from("title: T\n");
        for (list, kinds) in [("actors", items), ("timeline", items)] {
            if list == "timeline" {
                for k in 0..top {
                    y.push_str(&format!("x{k}: {k}\n"));
                }
            }
            y.push_str(list);
            y.push_str(":\n");
            for (n, (k, _)) in kinds.iter().enumerate() {
                y.push_str(&ITEMS[*k % ITEMS.len()].replace("{n}", &n.to_string()));
            }
        }
        y.push_str("summary: S\n");
        y
    }

    proptest::proptest! {
        #[test]
        fn located_in_parts_as_the_whole_file_is(
            items in proptest::collection::vec((0usize..9, 0usize..100), 1..40),
            top in 0usize..20,
            picks in proptest::collection::vec((0usize..4, 0usize..45, 0usize..6, 0usize..4), 1..60),
        ) {
            let mut y = file(&items, top);
            // An alias to an item's anchor needs the anchor first.
            if !y.contains("&anchor0") {
                y = y.replace("*anchor0", "plain");
            }
            let keys = ["id", "name", "part_of", "summary", "also", "nope"];
            let lists = ["actors", "timeline", "x3", "title"];
            let locs: Vec<Loc> = picks
                .iter()
                .map(|&(l, i, k, point)| {
                    let mut path = vec![Seg::key(lists[l])];
                    if l < 2 && i < 44 {
                        path.push(Seg::Index(i));
                        if k < 5 {
                            path.push(Seg::key(keys[k]));
                            if k == 2 {
                                path.push(Seg::Index(i % 3));
                            }
                        }
                    }
                    let point = match point {
                        0 => Point::Value,
                        1 => Point::Key,
                        2 => Point::EveryKey,
                        // A needle is looked for in a text that holds it,
                        // as the check's are (every summary here has an o).
                        _ if l < 2 && i < 44 && k == 3 => Point::Needle("o".into()),
                        _ => Point::Value,
                    };
                    Loc { path: path.into(), point }
                })
                .collect();
            let refs: Vec<&Loc> = locs.iter().collect();
            let whole = Locator::new(&y);
            // Only files that parse are located (they passed serde first).
            proptest::prop_assume!(whole.complete);
            let parts = match Plan::new(&y).locate_all(refs.len(), |n| Some(refs[n])) {
                Some(Placing::Listed(places)) => places,
                Some(Placing::InOne(part)) => refs.iter().map(|l| part.place(l)).collect(),
                None => Vec::new(),
            };
            proptest::prop_assert_eq!(parts.len(), refs.len());
            for (loc, got) in locs.iter().zip(&parts) {
                proptest::prop_assert_eq!(got, &whole.locate(loc), "{:?} in\n{}", loc, y);
            }
        }
    }
}

#[cfg(test)]
mod one_part_tests {
    use super::super::Locator;
    use super::*;
    use crate::briefing::problem::{Point, Seg};
    use proptest::prelude::*;

    proptest! {
        /// Every loc in one list's item: the part places each as it is
        /// asked, where the whole file's tree places it, in whatever order
        /// the locs come (the part remembers where the last loc's steps
        /// before its last led, and must not be fooled by it).
        #[test]
        fn locs_in_one_part_are_placed_where_the_whole_file_places_them(
            asked in proptest::collection::vec((0usize..5, 0usize..34, 0u8..3), 1..120)
        ) {
            let mut y = String::from("title: T\nactors:\n  - id: a0\n    name: A\n    part_of: [");
            let refs: Vec<String> = (0..30).map(|i| format!("g{i}")).collect();
            y.push_str(&refs.join(", "));
            y.push_str("]\n    issues:\n");
            for i in 0..30 {
                y.push_str(&format!("      - i{i}\n"));
            }
            y.push_str("    name: again\n  - id: a1\n    name: B\n");
            let locs: Vec<Loc> = asked
                .iter()
                .map(|&(key, i, point)| {
                    let mut path = vec![Seg::key("actors"), Seg::Index(0)];
                    match key {
                        0 => path.extend([Seg::key("part_of"), Seg::Index(i)]),
                        1 => path.extend([Seg::key("issues"), Seg::Index(i)]),
                        2 => path.push(Seg::key("name")),
                        3 => path.push(Seg::key("id")),
                        _ => path.extend([Seg::key("nothing"), Seg::Index(i)]),
                    }
                    let point = match point {
                        0 => Point::Value,
                        1 => Point::Key,
                        _ => Point::EveryKey,
                    };
                    Loc { path: path.into(), point }
                })
                .collect();
            let whole = Locator::new(&y);
            let plan = Plan::new(&y);
            let Some(Placing::InOne(part)) = plan.locate_all(locs.len(), |n| Some(&locs[n])) else {
                panic!("every loc is in the first actor's part");
            };
            for loc in &locs {
                prop_assert_eq!(part.place(loc), whole.locate(loc), "{:?}", loc);
            }
        }
    }
}

#[cfg(test)]
mod load_tests {
    use crate::briefing::locate::Locator;
    use crate::briefing::raw::{self, Val};
    use std::fmt::Write as _;

    /// A file large enough for the helper to parse ahead while the check
    /// runs: every diagnostic is where the whole file's tree puts it.
    #[test]
    fn a_large_file_is_located_as_its_whole_tree_locates_it() {
        let mut y = String::from("title: T\n");
        for i in 0..3000 {
            let _ = writeln!(y, "x{i}unknown: {i}");
        }
        y.push_str("actors:\n");
        for i in 0..6000 {
            let _ = writeln!(
                y,
                "  - id: a{i}\n    name: \"A {i}\"\n    part_of: [a0, ghost{}]\n    zz{i}: 1",
                i % 7
            );
        }
        assert!(y.len() > 4 * super::CHUNK);
        let report = crate::briefing::load_str(&y, "t.yaml", Default::default());
        let Ok(Val::Ok(raw)) = raw::parse_whole(&y) else {
            panic!("parses")
        };
        let (_, problems) = crate::briefing::validate::validate(&raw, Default::default());
        let whole = Locator::new(&y);
        let mut want: Vec<(usize, usize)> = problems
            .iter()
            .map(|p| {
                let at = whole.locate(&p.at);
                let pos = if at.len() > 1 { at[1] } else { at[0] };
                (pos.line as usize, pos.col as usize)
            })
            .collect();
        let mut got: Vec<(usize, usize)> = report
            .diagnostics
            .iter()
            .map(|d| (d.marks[0].line, d.marks[0].column))
            .collect();
        want.sort_unstable();
        got.sort_unstable();
        assert!(got.len() > 10_000, "{}", got.len());
        assert_eq!(got, want);
    }
}
