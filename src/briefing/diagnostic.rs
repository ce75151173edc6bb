//! Problems with their places resolved, printed the way rustc does
//! (`file:line:col`, the line, a caret, a help line) or as JSON for tools.

use super::locate::{Places, Placing, Plan, Pos};
use super::problem::{Name, Problem, Severity, Shape, Words};
use super::sanitize::clean;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// A place a finding points at. Kept small: most findings have one, kept
/// in the finding itself (100,000 findings with a list of marks each held
/// 8 MB in them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub line: usize,
    pub column: usize,
    /// Characters marked, at most a window's.
    #[serde(skip)]
    pub len: u32,
    /// Characters of the line cut before `source_line` begins.
    #[serde(skip)]
    pub shown_from: u32,
    /// The marked line, or the part of it around the mark when the line
    /// is long (a diagnostic never copies a whole 100 KB line).
    #[serde(skip)]
    pub source_line: Box<str>,
    pub label: Name,
}

/// A finding's marks: one in the finding itself.
pub type Marks = smallvec::SmallVec<[Mark; 1]>;

impl Mark {
    /// Keeps the marked line, or a window of it around the mark.
    fn quote(&mut self, line: &str) {
        let col = self.column.saturating_sub(1);
        let (from, text) = if line.len() <= WINDOW * 2 {
            (0, line.into())
        } else {
            let from = col.saturating_sub(WINDOW / 2);
            (from, line.chars().skip(from).take(WINDOW).collect())
        };
        // A file is at most 64 MB: the cut always fits.
        self.shown_from = u32::try_from(from).unwrap_or(u32::MAX);
        self.source_line = text;
    }

    /// Characters marked.
    pub fn marked_chars(&self) -> usize {
        self.len as usize
    }
}

/// How many findings of one kind are printed in full (with their lines).
pub const SHOWN_PER_KIND: usize = 50;

/// Repeats of a key marked in its finding; the rest are counted.
const REPEATS_SHOWN: usize = 3;

/// Characters of a source line shown around a mark.
const WINDOW: usize = 100;

// A problem becomes a finding in the problem's own memory (see
// `Diagnostic::located`), which needs the finding no larger.
const _: () = assert!(size_of::<Diagnostic>() <= size_of::<Problem>());

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: Words,
    /// Shared by every finding in the file.
    pub file: std::sync::Arc<str>,
    /// The first mark is where the problem is; others are related places.
    pub marks: Marks,
    pub help: Option<Words>,
    /// Data for tools (`--format json` only): a word diff, where a quote
    /// was found instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Box<serde_json::Value>>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: &str,
        message: impl Into<Words>,
    ) -> Self {
        Self::in_file(severity, code, file.into(), message)
    }

    /// [`Self::new`] for a file already named by other findings.
    pub fn in_file(
        severity: Severity,
        code: &'static str,
        file: std::sync::Arc<str>,
        message: impl Into<Words>,
    ) -> Self {
        Diagnostic {
            severity: severity.as_str(),
            code,
            message: message.into(),
            file,
            marks: Marks::new(),
            help: None,
            data: None,
        }
    }

    pub fn is_error(&self) -> bool {
        // The words are `Severity`'s own, so most often the very same text:
        // 100,000 findings are counted without comparing their letters.
        let error = Severity::Error.as_str();
        std::ptr::eq(self.severity, error) || self.severity == error
    }

    pub fn with_help(mut self, help: impl Into<Words>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_mark(self, text: &str, pos: Pos, label: impl Into<Name>) -> Self {
        let line = text
            .lines()
            .nth((pos.line as usize).saturating_sub(1))
            .unwrap_or("");
        self.with_mark_on(line, pos, label)
    }

    /// A mark on a line the caller already has (found in O(1) by the
    /// locator), keeping only a window of it around the mark.
    pub fn with_mark_on(mut self, line: &str, pos: Pos, label: impl Into<Name>) -> Self {
        self.mark_on(line, pos, label);
        self
    }

    /// [`Self::with_mark_on`] in place: a finding is moved once, not at
    /// each of its marks.
    fn mark_on(&mut self, line: &str, pos: Pos, label: impl Into<Name>) {
        let mut m = Mark {
            line: pos.line as usize,
            column: pos.col as usize,
            len: pos.len.min(WINDOW as u32),
            source_line: Box::default(),
            shown_from: 0,
            label: label.into(),
        };
        m.quote(line);
        self.marks.push(m);
    }

    /// The message on one line, safe for a terminal.
    pub fn headline(&self) -> String {
        one_line(&self.message.text())
    }

    /// `file:line:col` of the problem, or the file alone.
    pub fn place(&self) -> String {
        match self.marks.first() {
            Some(m) => format!("{}:{}:{}", self.file, m.line, m.column),
            None => self.file.to_string(),
        }
    }

    /// The problems of a file as diagnostics in file order, placed by a
    /// plan that may have begun while the file was checked.
    pub fn located(
        problems: Vec<Problem>,
        shape: &Shape,
        plan: &Plan,
        file: &str,
    ) -> Vec<Diagnostic> {
        let Some(first) = problems.first() else {
            plan.bell.stop();
            return Vec::new();
        };
        // Most findings have no related places: their own are looked up
        // in them, not listed first (0.8 MB for 100,000), and only a
        // finding with related places makes them be listed. Findings in
        // one list's item are in its part, known without a walk.
        let own = match shape {
            Shape::OneItem(_) => Some(plan.in_one(&first.at)),
            Shape::Related => None,
            _ => plan.locate_all(problems.len(), |n| {
                let p = &problems[n];
                p.also.is_empty().then_some(&p.at)
            }),
        };
        let placing = own.unwrap_or_else(|| {
            let mut locs: Vec<&super::problem::Loc> = Vec::with_capacity(problems.len());
            for p in &problems {
                locs.push(&p.at);
                locs.extend(p.also.iter().map(|(l, _)| l));
            }
            plan.locate_all(locs.len(), |n| Some(locs[n]))
                .unwrap_or(Placing::Listed(Vec::new()))
        });
        // Each problem becomes its finding in the problem's own memory (the
        // standard library collects a mapped list in place when the new
        // items are no larger), on one thread: in halves on two cores, the
        // second half was copied to a list of its own, 9 MB for 100,000,
        // and took longer. The same walk counts the kinds and sees whether
        // the findings are already in file order: each walk over 100,000
        // findings is 17 MB read again.
        let file: std::sync::Arc<str> = file.into();
        let (mut at, mut per_kind) = (0, PerKind::default());
        let (mut in_order, mut last) = (true, (0, 0));
        let mut out: Vec<Diagnostic> = problems
            .into_iter()
            .map(|p| {
                let n = 1 + p.also.len();
                let d = match &placing {
                    Placing::Listed(places) => {
                        let mine = places.get(at..at + n).unwrap_or_default();
                        Self::placed(p, mine, file.clone())
                    }
                    Placing::InOne(part) if p.also.is_empty() => {
                        let mine = [part.place(&p.at)];
                        Self::placed(p, &mine, file.clone())
                    }
                    Placing::InOne(part) => {
                        let mine: Vec<Places> = std::iter::once(&p.at)
                            .chain(p.also.iter().map(|(l, _)| l))
                            .map(|l| part.place(l))
                            .collect();
                        Self::placed(p, &mine, file.clone())
                    }
                };
                at += n;
                per_kind.count(d.code);
                let here = file_place(&d);
                in_order &= last <= here;
                last = here;
                d
            })
            .collect();
        drop(placing);
        if !in_order {
            in_file_order(&mut out);
        }
        // Only the first of a kind are printed in full: they alone quote
        // their lines (copying every line would cost quadratic time when
        // 100,000 findings sit on one long line), and the walk ends once
        // every kind has its first.
        let mut to_quote: usize = per_kind
            .into_counts()
            .iter()
            .map(|(_, n)| (*n).min(SHOWN_PER_KIND))
            .sum();
        let lines = plan.lines();
        let mut per_kind = PerKind::default();
        for d in &mut out {
            if to_quote == 0 {
                break;
            }
            if per_kind.count(d.code) <= SHOWN_PER_KIND {
                to_quote -= 1;
                for m in &mut d.marks {
                    m.quote(lines.get(m.line).unwrap_or(""));
                }
            }
        }
        out
    }

    /// A problem at its places (the first for the problem, one for each
    /// related place), its lines not yet quoted.
    fn placed(mut p: Problem, places: &[Places], file: std::sync::Arc<str>) -> Diagnostic {
        let mut d = Diagnostic::in_file(
            p.severity,
            p.code,
            file,
            std::mem::replace(&mut p.message, Words::Said("")),
        );
        d.help = p.help.take();
        d.data = p.data.take();
        let (positions, also) = places
            .split_first()
            .map_or((&[][..], places), |(p, a)| (&p[..], a));
        // Most findings have one mark, kept in the finding; room for more
        // is made once.
        let repeats = if positions.len() > 1 {
            (positions.len() - 1).min(REPEATS_SHOWN) + 1
        } else {
            positions.len()
        };
        d.marks = Marks::with_capacity(repeats + also.iter().filter(|a| !a.is_empty()).count());
        // Duplicate keys point at their repeats (the first few of them)
        // and at where the key was given first.
        if positions.len() > 1 {
            let again = &positions[1..];
            let shown = again.len().min(REPEATS_SHOWN);
            for (n, pos) in again[..shown].iter().enumerate() {
                let label: Name = if n == 0 {
                    p.label.clone()
                } else if n + 1 == shown && again.len() > shown {
                    format!("and again here, and {} more times", again.len() - shown).into()
                } else {
                    "and again here".into()
                };
                d.mark_on("", *pos, label);
            }
            d.mark_on("", positions[0], "first given here");
        } else if let Some(pos) = positions.first() {
            d.mark_on("", *pos, std::mem::take(&mut p.label));
        }
        for ((_, label), at) in p.also.into_iter().zip(also) {
            if let Some(pos) = at.first() {
                d.mark_on("", *pos, label);
            }
        }
        d
    }

    /// The rustc-style text, coloured when `color` is set.
    pub fn render(&self, color: bool) -> String {
        self.render_fit(color, usize::MAX)
    }

    /// [`Self::render`] for a screen `width` columns wide: a quoted line
    /// longer than that is cut with ellipses around its mark, so the caret
    /// is on screen however far along the line it points.
    pub fn render_fit(&self, color: bool, width: usize) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let sev_color = if self.is_error() { "1;31" } else { "1;33" };
        let mut out = format!(
            "{}{}\n",
            paint(sev_color, &format!("{}[{}]", self.severity, self.code)),
            paint("1", &format!(": {}", self.headline()))
        );
        let gutter = self
            .marks
            .iter()
            .map(|m| m.line.to_string().len())
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(gutter);
        let bar = paint("1;34", "|");
        for (n, m) in self.marks.iter().enumerate() {
            let arrow = if n == 0 { "-->" } else { ":::" };
            out.push_str(&format!(
                "{pad}{} {}:{}:{}\n",
                paint("1;34", arrow),
                self.file,
                m.line,
                m.column
            ));
            // A window of a long line is shown between ellipses.
            let cut = m.shown_from > 0;
            let col = m
                .column
                .saturating_sub(1)
                .saturating_sub(m.shown_from as usize);
            let mut prefix: String = m.source_line.chars().take(col).collect();
            if cut {
                prefix.insert(0, '…');
            }
            let marked: String = m
                .source_line
                .chars()
                .skip(col)
                .take(m.marked_chars())
                .collect();
            let mut rest: String = m.source_line.chars().skip(col + m.marked_chars()).collect();
            if cut {
                rest.push('…');
            }
            // The gutter, a space, the bar and a space come first.
            let room = width.saturating_sub(gutter + 3);
            let (line, indent, marked_width) = fit(
                &display_line(&prefix),
                &display_line(&marked),
                &display_line(&rest),
                room,
            );
            let caret = if n == 0 { "^" } else { "-" };
            let carets = format!("{}{}", " ".repeat(indent), caret.repeat(marked_width));
            // A label that does not fit after its carets goes under them.
            let label = m.label.width();
            let (underline, below) = if label == 0 || carets.width() + 1 + label <= room {
                (format!("{carets} {}", m.label), None)
            } else {
                let at = indent.min(room.saturating_sub(label));
                (carets, Some(format!("{}{}", " ".repeat(at), m.label)))
            };
            out.push_str(&format!("{pad} {bar}\n"));
            out.push_str(&format!(
                "{} {bar} {line}\n",
                paint("1;34", &format!("{:>gutter$}", m.line))
            ));
            for under in std::iter::once(underline).chain(below) {
                out.push_str(&format!(
                    "{pad} {bar} {}\n",
                    paint(if n == 0 { sev_color } else { "1;34" }, under.trim_end())
                ));
            }
        }
        if self.marks.is_empty() {
            out.push_str(&format!("{pad}{} {}\n", paint("1;34", "-->"), self.file));
        }
        if let Some(h) = &self.help {
            out.push_str(&format!(
                "{pad} {} {}\n",
                paint("1;34", "="),
                paint("1", &format!("help: {}", one_line(&h.text())))
            ));
        }
        out
    }
}

/// A quoted line, as what comes before its mark, the mark and the rest,
/// fitted into `room` columns: the line, the mark's column and its width
/// (at least 1). A line that does not fit loses columns after the mark,
/// and before it when less than half the room would show the mark (a
/// quarter of the room is then kept in front of it); an ellipsis shows
/// each cut.
fn fit(before: &str, marked: &str, after: &str, room: usize) -> (String, usize, usize) {
    let (b, m, a) = (before.width(), marked.width(), after.width());
    // A mark of no width (an accent alone) still takes a column for its caret.
    if b + m.max(1) + a <= room {
        return (format!("{before}{marked}{after}"), b, m.max(1));
    }
    // Too narrow to cut sensibly: as it is.
    if room < 8 {
        return (format!("{before}{marked}{after}"), b, m.max(1));
    }
    // The line's start stays when the mark, or half the room of it, fits.
    let (head, indent) = if b + m.min(room / 2) < room {
        (before.to_string(), b)
    } else {
        let keep = tail(before, room / 4 - 1);
        let head = format!("…{keep}");
        let w = head.width();
        (head, w)
    };
    let shown = super::sanitize::clip_width(&format!("{head}{marked}{after}"), room);
    let marked_width = m.min(room.saturating_sub(indent + 1)).max(1);
    (shown, indent, marked_width)
}

/// The last grapheme clusters of `s` that fit in `cols` columns.
fn tail(s: &str, cols: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut w = 0;
    let mut from = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        w += g.width();
        if w > cols {
            break;
        }
        from = i;
    }
    s[from..].to_string()
}

/// Text made safe for the terminal and kept on its line: a key or value
/// quoted from the file may hold a tab or a newline, shown escaped.
fn one_line(s: &str) -> String {
    let s = clean(s.to_string());
    if s.contains(['\n', '\t']) {
        s.replace('\n', "\\n").replace('\t', "\\t")
    } else {
        s
    }
}

/// A source line made safe and even for the terminal: tabs as spaces, no
/// control characters.
fn display_line(s: &str) -> String {
    clean(s.replace('\t', "    "))
}

/// How many findings of each kind so far. A few kinds, most often the
/// kind of the finding before: looked for from the last one found, not
/// hashed 100,000 times.
#[derive(Default)]
pub struct PerKind {
    seen: Vec<(&'static str, usize)>,
    last: usize,
}

impl PerKind {
    /// Counts one more of `code`: how many there are now.
    pub fn count(&mut self, code: &'static str) -> usize {
        // A kind's code is one text in the program, most often found at
        // the same address: compared by it first.
        let same = |c: &str| std::ptr::eq(c, code) || c == code;
        if self.seen.get(self.last).is_none_or(|(c, _)| !same(c)) {
            self.last = match self.seen.iter().position(|(c, _)| same(c)) {
                Some(k) => k,
                None => {
                    self.seen.push((code, 0));
                    self.seen.len() - 1
                }
            };
        }
        let n = &mut self.seen[self.last].1;
        *n += 1;
        *n
    }

    /// Each kind and how many, in the order first seen.
    pub fn into_counts(self) -> Vec<(&'static str, usize)> {
        self.seen
    }
}

/// Where a finding is, to put findings in file order.
fn file_place(d: &Diagnostic) -> (usize, usize) {
    d.marks.first().map_or((0, 0), |m| (m.line, m.column))
}

/// Findings in file order; findings at one place keep the check's order.
/// Their order is sorted, 16 bytes a finding, and the findings moved into
/// it in place: a stable sort of the findings themselves takes a buffer
/// of half of them (8 MB for 100,000).
fn in_file_order(out: &mut [Diagnostic]) {
    // A place as one number (a file is at most 64 MB: its lines and
    // columns fit in 32 bits), so an entry is 16 bytes, not 24.
    let at = |d: &Diagnostic| {
        let (line, column) = file_place(d);
        let n = |v: usize| {
            u64::try_from(v)
                .unwrap_or(u64::MAX)
                .min(u64::from(u32::MAX))
        };
        n(line) << 32 | n(column)
    };
    let mut order: Vec<(u64, u32)> = out
        .iter()
        .enumerate()
        .map(|(n, d)| (at(d), n as u32))
        .collect();
    // Findings come in runs already in order (one kind of check after
    // another): the standard sort merges runs it finds, where the unstable
    // one took 570 instructions a finding. Entries are unique (the index
    // breaks ties), so both give the same order.
    order.sort();
    // `from[k]`: which finding goes to place k.
    let mut from: Vec<u32> = order.into_iter().map(|(_, n)| n).collect();
    // Each cycle of the order is walked once, a place marked done by
    // pointing at itself.
    for start in 0..from.len() {
        let mut here = start;
        loop {
            let next = from[here] as usize;
            from[here] = here as u32;
            if next == start {
                break;
            }
            out.swap(here, next);
            here = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Put in file order as a stable sort would: findings at one place
        /// keep the order the check found them in.
        #[test]
        fn findings_go_in_file_order_as_a_stable_sort_puts_them(
            at in proptest::collection::vec((0usize..6, 0usize..4), 0..200)
        ) {
            let findings: Vec<Diagnostic> = at
                .iter()
                .enumerate()
                .map(|(n, &(line, column))| {
                    let d = Diagnostic::new(Severity::Error, "x", "f", format!("{n}"));
                    // Some with no mark: they go first, as line 0.
                    if line == 0 {
                        d
                    } else {
                        d.with_mark_on("", Pos::new(line, column, 1), "here")
                    }
                })
                .collect();
            let mut want = findings.clone();
            want.sort_by_key(|d| d.marks.first().map_or((0, 0), |m| (m.line, m.column)));
            let mut got = findings;
            in_file_order(&mut got);
            let words = |v: &[Diagnostic]| v.iter().map(|d| d.message.to_string()).collect::<Vec<_>>();
            prop_assert_eq!(words(&got), words(&want));
        }
    }

    #[test]
    fn problems_become_findings_in_their_own_memory_each_at_its_place() {
        use super::super::problem::{Loc, Seg};
        let ids: Vec<String> = (0..5000).map(|i| format!("ghost-{i}")).collect();
        let text = format!(
            "title: T\nactors:\n  - id: a\n    name: A\n    part_of: [{}]\n",
            ids.join(", ")
        );
        let problems: Vec<Problem> = (0..ids.len())
            .map(|i| Problem {
                severity: Severity::Error,
                code: "dangling-reference",
                message: "no actor".into(),
                at: Loc::value(vec![
                    Seg::key("actors"),
                    Seg::Index(0),
                    Seg::key("part_of"),
                    Seg::Index(i),
                ]),
                label: "not defined".into(),
                help: None,
                also: Vec::new(),
                data: None,
            })
            .collect();
        let was = problems.as_ptr() as usize;
        let plan = super::super::locate::Plan::new(&text);
        let shape = Shape::of(&problems);
        assert!(matches!(shape, Shape::OneItem(_)), "{shape:?}");
        // Placed as one part without a walk over them, as with one.
        let walked = Diagnostic::located(
            problems.clone(),
            &Shape::Mixed,
            &super::super::locate::Plan::new(&text),
            "t.yaml",
        );
        let found = Diagnostic::located(problems, &shape, &plan, "t.yaml");
        assert_eq!(found.as_ptr() as usize, was, "a second list was made");
        assert_eq!(found, walked);
        let line = text.lines().nth(4).unwrap_or_default();
        for (d, id) in found.iter().zip(&ids) {
            let m = &d.marks[0];
            assert_eq!((m.line, m.marked_chars()), (5, id.len()));
            assert_eq!(
                line.get(m.column - 1..)
                    .map(|l| l.starts_with(&format!("{id},")) || l.starts_with(&format!("{id}]"))),
                Some(true),
                "{id}"
            );
        }
        assert_eq!(found.len(), ids.len());
    }

    /// The quoted line and the line under it (the carets), as shown.
    fn quoted(text: &str) -> (String, String) {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| {
                l.trim_start()
                    .split_once(" | ")
                    .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
            })
            .expect("a quoted line");
        let body = |l: &str| {
            l.split_once(" | ")
                .map_or(String::new(), |(_, b)| b.to_string())
        };
        (body(lines[at]), body(lines[at + 1]))
    }

    /// The text of `line` from display column `col`.
    fn from_column(line: &str, col: usize) -> String {
        let mut w = 0;
        for (i, c) in line.char_indices() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            // An accent belongs to the letter before it.
            if w >= col && cw > 0 {
                return line[i..].to_string();
            }
            w += cw;
        }
        String::new()
    }

    fn marked(line: &str, col: usize, len: usize) -> Diagnostic {
        Diagnostic::new(Severity::Error, "test", "b.yaml", "a finding").with_mark(
            line,
            Pos::new(1, col, len),
            "not in the source",
        )
    }

    proptest! {
        /// Fitted to a screen, every line of the quote is within it, the
        /// carets stand under the marked text, and the label is shown.
        #[test]
        fn a_quoted_line_fits_the_screen_with_its_caret_under_the_mark(
            words in proptest::collection::vec("[a-z]{1,9}|日本語|«é»|e\u{301}", 1..60),
            at in 0usize..60,
            len in 1usize..40,
            width in 24usize..160,
        ) {
            let line = words.join(" ");
            let chars = line.chars().count();
            let col = at.min(chars - 1) + 1;
            let len = len.min(chars + 1 - col);
            let d = marked(&line, col, len);
            let text = d.render_fit(false, width);
            for l in text.lines().filter(|l| l.contains(" | ") || l.trim_end().ends_with('|')) {
                prop_assert!(l.width() <= width, "{l:?} is wider than {width}:\n{text}");
            }
            let (shown, carets) = quoted(&text);
            let caret_col = carets.find('^').expect("carets");
            let first: String = line.chars().skip(col - 1).take(1).collect();
            // A place in a file starts a value: never inside a character
            // built of several (a letter and its accent).
            prop_assume!(first.width() > 0);
            prop_assert!(
                from_column(&shown, caret_col).starts_with(&first),
                "the caret is not under the mark:\n{text}"
            );
            prop_assert!(text.contains("not in the source"), "{text}");
        }
    }

    #[test]
    fn a_mark_of_no_width_at_the_end_of_a_full_line_keeps_its_caret_on_the_screen() {
        // Found by the property above: the accent of the last `é` marked,
        // on a line exactly as wide as the room.
        let line = "aaaaaaaa «é» e\u{301} «é» «é» 日本語 aaaaa e\u{301}";
        let d = marked(line, 36, 1);
        let text = d.render_fit(false, 41);
        for l in text.lines() {
            assert!(l.width() <= 41, "{l:?} is wider than 41:\n{text}");
        }
        assert!(text.contains('^'), "{text}");
    }

    #[test]
    fn a_line_that_fits_is_quoted_whole_as_check_prints_it() {
        let d = marked("title: Something short", 8, 9);
        assert_eq!(d.render_fit(false, 80), d.render(false));
        assert!(d.render(false).contains("title: Something short"));
    }
}
