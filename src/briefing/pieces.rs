//! Parsing a large briefing on every core: its long lists (`actors:`,
//! `timeline:`, …) are cut between items into pieces, each piece parsed as
//! a document of its own (`timeline:` and its items) while the rest is
//! parsed as the main document, and the items joined in order.
//!
//! A cut never changes what the file means. It falls only where a line at
//! the list's own indentation starts a new item (`- `), where no plain or
//! block scalar can continue; a quoted string or a flow collection that
//! runs across it leaves the piece before it unterminated, and an alias to
//! an anchor in another piece is unknown: both are errors. Any error in any
//! piece, any shape but a plain list, directives, a second document or a
//! list key given twice, and the file is parsed whole, so every diagnostic
//! comes from the one parse it always came from.

use super::raw::{self, Val};

/// Below this size one parse is as quick as starting threads.
pub const FROM: usize = 1024 * 1024;

pub(crate) const LISTS: [&str; 5] = ["actors", "issues", "positions", "timeline", "sources"];

/// The main document, and the pieces cut out of it: which list and text.
struct Plan {
    main: String,
    pieces: Vec<(usize, String)>,
}

/// A list key's items: where each starts, and where the list ends.
pub(crate) struct Section {
    /// Which of [`LISTS`].
    pub list: usize,
    /// Byte offset of each item's first line.
    pub starts: Vec<usize>,
    pub end: usize,
}

impl Section {
    /// Where item `i` ends: where the next begins, or the list's end.
    pub fn item_end(&self, i: usize) -> usize {
        self.starts.get(i + 1).copied().unwrap_or(self.end)
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether `rest` (a line after its indentation) starts a list item.
fn is_item(rest: &str) -> bool {
    let rest = rest.trim_end_matches(['\n', '\r']);
    rest == "-" || rest.starts_with("- ")
}

/// `name:` at the start of a line, a plain key.
fn is_key_line(line: &str) -> bool {
    let Some((key, _)) = line.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `timeline:` alone on its line (a comment may follow): which list.
fn list_key(line: &str) -> Option<usize> {
    let line = line.trim_end_matches(['\n', '\r']);
    let (key, rest) = line.split_once(':')?;
    let rest = rest.trim_start_matches(' ');
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    LISTS.iter().position(|k| *k == key)
}

/// The lists of `text` and their items, or `None` when the text is not
/// plainly a block mapping whose lists can be cut.
pub(crate) fn sections(text: &str) -> Option<Vec<Section>> {
    if text.starts_with('%') || text.contains("\n%") {
        return None;
    }
    let mut out: Vec<Section> = Vec::new();
    let mut open: Option<(Section, Option<usize>)> = None;
    let mut seen = [false; LISTS.len()];
    let mut at = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start_matches(' ');
        // YAML's blank lines may hold tabs too.
        if trimmed.trim_start_matches([' ', '\t']).is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let ind = indent(body);
        if body.starts_with("---") || body.starts_with("...") {
            // A document marker is only allowed before everything else.
            if n == 0 && body.starts_with("---") && body.trim_end() == "---" {
                continue;
            }
            return None;
        }
        if let Some((sec, item_indent)) = open.as_mut() {
            match item_indent {
                None if is_item(trimmed) => {
                    *item_indent = Some(ind);
                    sec.starts.push(start);
                    continue;
                }
                Some(i) if ind == *i && is_item(trimmed) => {
                    sec.starts.push(start);
                    continue;
                }
                Some(i) if ind > *i => continue,
                _ if ind > 0 => return None,
                _ => {}
            }
            // A line at column 0 that is no item ends the list only when it
            // is plainly the next key: anything else (a tab, a stray quote)
            // might still belong to the list, and a list read on past its
            // cut would join its items out of order.
            if !is_key_line(body) {
                return None;
            }
            let (mut sec, _) = open.take()?;
            sec.end = start;
            out.push(sec);
        }
        if ind > 0 {
            // Inside another key's value.
            continue;
        }
        if body.starts_with('-') {
            return None;
        }
        if let Some(list) = list_key(body) {
            if std::mem::replace(&mut seen[list], true) {
                return None;
            }
            open = Some((
                Section {
                    list,
                    starts: Vec::new(),
                    end: 0,
                },
                None,
            ));
        } else if LISTS
            .iter()
            .any(|k| body.strip_prefix(k).is_some_and(|r| r.starts_with(':')))
        {
            // A list written some other way (`timeline: [...]`, a value on
            // the key's line): parse whole, to be safe.
            let key = body.split(':').next().unwrap_or("");
            if let Some(list) = LISTS.iter().position(|k| *k == key)
                && std::mem::replace(&mut seen[list], true)
            {
                return None;
            }
        }
    }
    if let Some((mut sec, _)) = open {
        sec.end = text.len();
        out.push(sec);
    }
    Some(out)
}

/// Cuts the lists into pieces of about `size` bytes; the first piece of
/// each list stays in the main document.
fn plan(text: &str, size: usize) -> Option<Plan> {
    let sections = sections(text)?;
    let mut cuts: Vec<(usize, usize, usize)> = Vec::new();
    for s in &sections {
        let mut from = s.starts.first().copied()?;
        let mut first = true;
        let bounds = s.starts.iter().skip(1).copied().chain([s.end]);
        for next in bounds {
            if next - from >= size || next == s.end {
                if !first {
                    cuts.push((s.list, from, next));
                }
                first = false;
                from = next;
            }
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut main = String::with_capacity(text.len());
    let mut kept = 0;
    let mut pieces = Vec::new();
    for (list, from, to) in cuts {
        main.push_str(&text[kept..from]);
        kept = to;
        let mut piece = format!("{}:\n", LISTS[list]);
        piece.push_str(&text[from..to]);
        pieces.push((list, piece));
    }
    main.push_str(&text[kept..]);
    Some(Plan { main, pieces })
}

/// serde_yaml alone, in pieces on every core when `text` is large enough
/// and can be cut; `None` when it must be parsed whole (or any piece
/// failed).
pub fn parse_slowly(text: &str) -> Option<raw::Briefing> {
    let plan = cut(text, FROM, threads())?;
    read_pieces(&plan, threads(), &|doc| match serde_yaml::from_str(doc) {
        Ok(Val::Ok(b)) => Some(b),
        _ => None,
    })
}

pub(crate) fn threads() -> usize {
    crate::cores::count()
}

/// [`parse`] with the size from which to cut and the pieces' size chosen
/// by the caller (tests cut small files).
pub fn parse_sized(text: &str, from: usize, threads: usize) -> Option<raw::Briefing> {
    let plan = cut(text, from, threads)?;
    read_pieces(&plan, threads, &|doc| match raw::parse_whole(doc) {
        Ok(Val::Ok(b)) => Some(b),
        _ => None,
    })
}

/// The quick reader alone on every piece: `None` when the text is small or
/// cannot be cut, `Some(None)` when a piece is not plain enough for it.
pub fn parse_quickly(text: &str) -> Option<Option<raw::Briefing>> {
    let plan = cut(text, FROM, threads())?;
    Some(read_pieces(
        &plan,
        threads(),
        &|doc| match super::quick_yaml::from_str::<Val<raw::Briefing>>(doc) {
            Some(Val::Ok(b)) => Some(b),
            _ => None,
        },
    ))
}

/// `text` cut into pieces, when it is large enough and can be.
fn cut(text: &str, from: usize, threads: usize) -> Option<Plan> {
    if text.len() < from || threads < 2 {
        return None;
    }
    // A few pieces per core, so uneven pieces still share the work.
    plan(text, (text.len() / (threads * 4)).max(1))
}

/// Reads each piece of `plan` with `read` and joins them.
fn read_pieces(
    plan: &Plan,
    threads: usize,
    read: &(dyn Fn(&str) -> Option<raw::Briefing> + Sync),
) -> Option<raw::Briefing> {
    let docs: Vec<&str> = std::iter::once(plan.main.as_str())
        .chain(plan.pieces.iter().map(|(_, p)| p.as_str()))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut parsed: Vec<Option<raw::Briefing>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(docs.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(doc) = docs.get(n) else {
                            return out;
                        };
                        out.push((n, read(doc)));
                    }
                })
            })
            .collect();
        let mut all: Vec<Option<raw::Briefing>> = (0..docs.len()).map(|_| None).collect();
        for w in workers {
            for (n, b) in w.join().ok()? {
                all[n] = b;
            }
        }
        Some(all)
    })?;
    let mut main = parsed.first_mut()?.take()?;
    for list in 0..LISTS.len() {
        let mut of_list = Vec::new();
        for (n, (l, _)) in plan.pieces.iter().enumerate() {
            if *l == list {
                of_list.push(parsed.get_mut(n + 1)?.take()?);
            }
        }
        if !of_list.is_empty() {
            join(&mut main, list, of_list)?;
        }
    }
    Some(main)
}

/// Appends the items of the `pieces`' list, in order, to `main`'s; `None`
/// when a piece holds anything else or a list is not a plain list.
fn join(main: &mut raw::Briefing, list: usize, pieces: Vec<raw::Briefing>) -> Option<()> {
    macro_rules! append {
        ($($n:literal => $field:ident),*) => {
            match list {
                $($n => {
                    let mut all = Vec::with_capacity(pieces.len());
                    for piece in pieces {
                        let raw::Briefing { $field: items, extra, .. } = piece;
                        let Some(Val::Ok(items)) = items else { return None };
                        if extra != raw::Extra::default() {
                            return None;
                        }
                        all.push(items);
                    }
                    let Some(Val::Ok(into)) = main.$field.as_mut() else { return None };
                    // Grown once to its final length: doubling as pieces
                    // were appended left up to half of it unused (14 MB of
                    // 33,000 actors).
                    into.reserve_exact(all.iter().map(Vec::len).sum());
                    for items in all {
                        into.extend(items);
                    }
                })*
                _ => return None,
            }
        };
    }
    append!(0 => actors, 1 => issues, 2 => positions, 3 => timeline, 4 => sources);
    Some(())
}
