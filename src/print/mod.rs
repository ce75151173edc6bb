//! `brief print`: the whole briefing as wrapped plain text, for pipes, mail
//! and diffs. Deterministic: the same file always prints the same bytes.

use crate::briefing::evidence::quote;
use crate::briefing::{Briefing, Citation, ItemRef, Kind, Text};
use std::fmt::Write;

mod first_fit;

fn wrap(out: &mut String, text: &str, width: usize, indent: &str, hanging: &str) {
    let width = width.max(indent.len() + 10);
    // A text that fits on the first line is that line: most of a
    // handout's lines (an event's "date — title" too, whose dash sent it
    // through Unicode's line-break tables), and what textwrap would make
    // of them, without splitting them into words first.
    if fits(text, width - textwrap::core::display_width(indent)) {
        out.push_str(indent);
        out.push_str(text.trim_end());
        out.push('\n');
        return;
    }
    if first_fit::applies(text) {
        first_fit::wrap(out, text, width, indent, hanging);
        return;
    }
    by_textwrap(out, text, width, indent, hanging);
}

/// Whether `text` is one line narrower than `room` columns as textwrap
/// measures it, starting with a word (a line break, a control character
/// or leading space each have textwrap's own rules).
fn fits(text: &str, room: usize) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_whitespace() {
        return false;
    }
    if text.is_ascii() {
        text.len() < room && text.bytes().all(|c| (b' '..=b'~').contains(&c))
    } else {
        !text.chars().any(char::is_control) && textwrap::core::display_width(text) < room
    }
}

/// [`wrap`] by textwrap itself, for text the quicker ways do not take.
fn by_textwrap(out: &mut String, text: &str, width: usize, indent: &str, hanging: &str) {
    // First fit, as a terminal or a mail reader wraps: optimal fit balanced
    // line ends a reader never notices and was most of print's time. ASCII
    // text breaks at spaces without Unicode's line-break tables.
    let separator = if text.is_ascii() {
        textwrap::WordSeparator::AsciiSpace
    } else {
        textwrap::WordSeparator::UnicodeBreakProperties
    };
    let opts = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(hanging)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(separator);
    for line in textwrap::wrap(text, opts) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// The text as lines of plain prose: paragraphs and `• ` bullets, links
/// shown by their label.
pub fn text_paragraphs(b: &Briefing, t: &Text) -> Vec<(bool, String)> {
    t.blocks
        .iter()
        .map(|bl| (bl.bullet, b.inline_text(&bl.inlines)))
        .collect()
}

/// A text seen as of `cutoff`: each sentence that names a later event or
/// position is marked `◌` (written later than the reader is looking).
pub fn text_as_of(b: &Briefing, t: &Text, cutoff: Option<i64>) -> Vec<(bool, String)> {
    let Some(c) = cutoff else {
        return text_paragraphs(b, t);
    };
    t.blocks
        .iter()
        .map(|bl| {
            let (s, marks) = b.later_sentences(&bl.inlines, c);
            (bl.bullet, marked(&s, &marks))
        })
        .collect()
}

/// `s` with `◌ ` put in front of each of `at`.
pub fn marked(s: &str, at: &[usize]) -> String {
    let mut out = String::with_capacity(s.len() + 4 * at.len());
    let mut from = 0;
    for &a in at {
        out.push_str(&s[from..a]);
        out.push_str("◌ ");
        from = a;
    }
    out.push_str(&s[from..]);
    out
}

fn text(out: &mut String, b: &Briefing, t: &Text, width: usize, indent: &str) {
    text_in(out, b, t, width, indent, None)
}

fn text_in(
    out: &mut String,
    b: &Briefing,
    t: &Text,
    width: usize,
    indent: &str,
    cutoff: Option<i64>,
) {
    if cutoff.is_none() {
        // Each paragraph made in one buffer (a list of them, each a string
        // of pieces each a string, was most of what print allocated).
        let mut s = String::new();
        for (n, bl) in t.blocks.iter().enumerate() {
            s.clear();
            b.inline_text_into(&mut s, &bl.inlines);
            paragraph(out, n, bl.bullet, &s, width, indent);
        }
        return;
    }
    for (n, (bullet, s)) in text_as_of(b, t, cutoff).into_iter().enumerate() {
        paragraph(out, n, bullet, &s, width, indent);
    }
}

/// Paragraph `n` of a text: after a blank line unless it is the first or
/// a bullet.
fn paragraph(out: &mut String, n: usize, bullet: bool, s: &str, width: usize, indent: &str) {
    if n > 0 && !bullet {
        out.push('\n');
    }
    if bullet {
        wrap(out, s, width, &format!("{indent}• "), &more(indent));
    } else {
        wrap(out, s, width, indent, indent);
    }
}

/// `indent` and two spaces: a wrapped line's hanging indent.
fn more(indent: &str) -> std::borrow::Cow<'_, str> {
    const SPACES: &str = "                ";
    if indent.len() + 2 <= SPACES.len() && indent.bytes().all(|c| c == b' ') {
        SPACES[..indent.len() + 2].into()
    } else {
        format!("{indent}  ").into()
    }
}

fn heading(out: &mut String, s: &str) {
    let _ = writeln!(out, "\n{s}\n{}", "=".repeat(s.chars().count()));
}

pub fn citation_text(b: &Briefing, c: &Citation) -> String {
    let mut t = String::new();
    write_citation(&mut t, b, c, true);
    t
}

/// [`citation_text`] written onto `t`, with its quote or without.
fn write_citation(t: &mut String, b: &Briefing, c: &Citation, quote: bool) {
    let s = &b.sources[c.source];
    t.push('[');
    t.push_str(&s.id);
    if let Some(g) = s.grade() {
        let _ = write!(t, " {g}");
    }
    if let Some(l) = &c.locator {
        t.push_str(", ");
        t.push_str(l);
    }
    t.push(']');
    if let Some(q) = c.quote.as_deref().filter(|_| quote) {
        t.push_str(" “");
        t.push_str(q);
        t.push('”');
    }
}

fn cites(out: &mut String, b: &Briefing, r: ItemRef, width: usize, indent: &str) {
    cites_after(out, b, r, width, indent, None);
}

/// The item's citations; a quote already printed above (`shown`) is not
/// printed again.
fn cites_after(
    out: &mut String,
    b: &Briefing,
    r: ItemRef,
    width: usize,
    indent: &str,
    shown: Option<&str>,
) {
    let same = |q: &str| {
        shown.is_some_and(|s| {
            let (a, b) = (quote::pieces(s), quote::pieces(q));
            a == b || a.join(" ").contains(&b.join(" "))
        })
    };
    let mut line = String::new();
    for c in b.citations(r) {
        line.push_str(if line.is_empty() { "Sources: " } else { " " });
        write_citation(&mut line, b, c, !c.quote.as_deref().is_some_and(same));
    }
    if !line.is_empty() {
        wrap(out, &line, width, indent, &more(indent));
    }
    withheld(out, b, r, width, indent);
}

/// `[withheld]` for the links `--tlp` took out of an item.
fn withheld(out: &mut String, b: &Briefing, r: ItemRef, width: usize, indent: &str) {
    let n = b.withheld(r);
    if n > 0 {
        wrap(
            out,
            &format!(
                "[withheld] {n} link{} to items this audience may not see",
                if n == 1 { "" } else { "s" }
            ),
            width,
            indent,
            &more(indent),
        );
    }
}

/// ` TLP:AMBER` after an item marked other than the briefing.
fn tag(b: &Briefing, r: ItemRef) -> String {
    match b.markings.get(&r) {
        Some(m) if Some(*m) != b.meta.marking => format!(" {m}"),
        _ => String::new(),
    }
}

pub fn print(b: &Briefing, width: usize) -> String {
    print_as_of(b, width, None)
}

/// [`print`] as of a date (`--as-of`): events and positions from `cutoff`
/// on are left out, and the top says so.
pub fn print_as_of(b: &Briefing, width: usize, as_of: Option<(i64, &str)>) -> String {
    print_on(b, width, as_of, crate::cores::count())
}

/// [`print_as_of`], a long timeline written on up to `threads` cores.
fn print_on(b: &Briefing, width: usize, as_of: Option<(i64, &str)>, threads: usize) -> String {
    let mut pieces = Vec::new();
    print_pieces(b, width, as_of, threads, |piece| pieces.push(piece));
    let mut out = String::with_capacity(pieces.iter().map(String::len).sum());
    pieces.iter().for_each(|p| out.push_str(p));
    out
}

/// [`print_as_of`], written to `w` a piece at a time (a long timeline's
/// text is never copied into one string): what `brief print` does.
pub fn print_into<W: std::io::Write + ?Sized>(
    b: &Briefing,
    width: usize,
    as_of: Option<(i64, &str)>,
    w: &mut W,
) -> std::io::Result<()> {
    let mut written = Ok(());
    print_pieces(b, width, as_of, crate::cores::count(), |piece| {
        if written.is_ok() {
            written = w.write_all(piece.as_bytes());
        }
    });
    written
}

/// The printed text in pieces, in order, handed to `each`: what comes
/// before the timeline, the timeline a stretch of events per core, and
/// what comes after.
fn print_pieces(
    b: &Briefing,
    width: usize,
    as_of: Option<(i64, &str)>,
    threads: usize,
    mut each: impl FnMut(String),
) {
    let later = |r: ItemRef| as_of.is_some_and(|(c, _)| b.after(r, c));
    let mut out = String::new();
    let m = &b.meta;
    if let Some(banner) = b.banner(b.all_items()) {
        let _ = writeln!(out, "{banner}");
    }
    let _ = writeln!(out, "{}", m.title);
    if let Some(s) = &m.subtitle {
        let _ = writeln!(out, "{s}");
    }
    if let Some(d) = &m.as_of {
        let _ = writeln!(out, "As of {}", d.alone());
    }
    if let Some((_, label)) = as_of {
        let _ = writeln!(
            out,
            "Seen as of {label}: later events and positions left out; undated ones kept; ◌ marks a sentence that names a later one"
        );
    }
    if !m.authors.is_empty() {
        wrap(
            &mut out,
            &format!("By {}", m.authors.join(", ")),
            width,
            "",
            "  ",
        );
    }
    if !m.summary.is_empty() || !m.key_points.is_empty() {
        heading(&mut out, "Bottom line");
        let cutoff = as_of.map(|(c, _)| c);
        text_in(&mut out, b, &m.summary, width, "", cutoff);
        if !m.key_points.is_empty() {
            if !m.summary.is_empty() {
                out.push('\n');
            }
            out.push_str("Key points\n");
        }
        for k in &m.key_points {
            let inlines: Vec<_> = k
                .text
                .blocks
                .iter()
                .flat_map(|bl| bl.inlines.clone())
                .collect();
            let s = match cutoff {
                Some(c) => {
                    let (s, marks) = b.later_sentences(&inlines, c);
                    marked(&s, &marks)
                }
                None => b.inline_text(&inlines),
            } + &k.likelihood_note();
            wrap(&mut out, &s, width, "• ", "  ");
        }
    }
    if !b.actors.is_empty() {
        heading(&mut out, "Actors");
        for (i, a) in b.actors.iter().enumerate() {
            let kind = a
                .kind
                .as_deref()
                .map(|k| format!(" ({k})"))
                .unwrap_or_default();
            wrap(
                &mut out,
                &format!(
                    "{}{kind} [{}]{}",
                    a.name,
                    a.id,
                    tag(b, ItemRef::new(Kind::Actor, i))
                ),
                width,
                "",
                "  ",
            );
            if !a.aliases.is_empty() {
                wrap(
                    &mut out,
                    &format!("Also: {}", a.aliases.join(", ")),
                    width,
                    "  ",
                    "    ",
                );
            }
            for p in &a.part_of {
                wrap(
                    &mut out,
                    &format!("Part of: {}", b.actors[*p].name),
                    width,
                    "  ",
                    "    ",
                );
            }
            for r in &a.relations {
                wrap(
                    &mut out,
                    &format!("{} {}", r.kind, b.actors[r.to].name),
                    width,
                    "  → ",
                    "    ",
                );
            }
            text(&mut out, b, &a.summary, width, "  ");
            cites(&mut out, b, ItemRef::new(Kind::Actor, i), width, "  ");
        }
    }
    if !b.issues.is_empty() {
        heading(&mut out, "Issues");
        for (i, x) in b.issues.iter().enumerate() {
            let pri = x
                .priority
                .map(|p| format!(", {} priority", p.as_str()))
                .unwrap_or_default();
            wrap(
                &mut out,
                &format!(
                    "{} [{}] ({}{pri}){}",
                    x.title,
                    x.id,
                    x.status.as_str(),
                    tag(b, ItemRef::new(Kind::Issue, i))
                ),
                width,
                "",
                "  ",
            );
            if let Some(q) = &x.question {
                wrap(&mut out, q, width, "  ", "  ");
            }
            text(&mut out, b, &x.summary, width, "  ");
            let r = ItemRef::new(Kind::Issue, i);
            for bl in b
                .backlinks(r)
                .iter()
                .filter(|bl| bl.from().kind == Kind::Position && !later(bl.from()))
            {
                let p = &b.positions[bl.from().index];
                let mut tags: Vec<&str> = Vec::new();
                if let Some(a) = p.alignment {
                    tags.push(a.as_str());
                }
                if let Some(l) = p.likelihood {
                    tags.push(l.as_str());
                }
                if let Some(c) = p.confidence {
                    tags.push(c.as_str());
                }
                let tags = if tags.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", tags.join(", "))
                };
                wrap(
                    &mut out,
                    &format!(
                        "{}{tags}: {}{}",
                        b.actors[p.actor].name,
                        p.stance,
                        tag(b, bl.from())
                    ),
                    width,
                    "  - ",
                    "    ",
                );
                let by = p.said_by.map(|s| b.actors[s].name.as_str());
                match (&p.quote, by) {
                    (Some(q), Some(by)) => {
                        wrap(&mut out, &format!("“{q}” — {by}"), width, "    ", "    ")
                    }
                    (Some(q), None) => wrap(&mut out, &format!("“{q}”"), width, "    ", "    "),
                    (None, Some(by)) => {
                        wrap(&mut out, &format!("Said by {by}"), width, "    ", "    ")
                    }
                    (None, None) => {}
                }
                text(&mut out, b, &p.detail, width, "    ");
                if !p.rationale.is_empty() {
                    let why = text_paragraphs(b, &p.rationale)
                        .into_iter()
                        .map(|(_, s)| s)
                        .collect::<Vec<_>>()
                        .join(" ");
                    wrap(
                        &mut out,
                        &format!("Why this sure: {why}"),
                        width,
                        "    ",
                        "    ",
                    );
                }
                cites_after(&mut out, b, bl.from(), width, "    ", p.quote.as_deref());
            }
            cites(&mut out, b, r, width, "  ");
        }
    }
    if !b.events.is_empty() {
        heading(&mut out, "Timeline");
        // `line`: each event's lines are made in one buffer.
        let event = |out: &mut String, line: &mut String, i: usize| {
            let e = &b.events[i];
            if later(ItemRef::new(Kind::Event, i)) {
                return;
            }
            line.clear();
            line.push_str(&e.list_label(crate::briefing::date::Frame::Years, b.timeline_utc));
            line.push_str(" — ");
            line.push_str(&e.title);
            line.push_str(&tag(b, ItemRef::new(Kind::Event, i)));
            wrap(out, line, width, "", "  ");
            if let Some(l) = &e.location {
                line.clear();
                line.push_str("Where: ");
                line.push_str(l);
                wrap(out, line, width, "  ", "    ");
            }
            text(out, b, &e.summary, width, "  ");
            cites(out, b, ItemRef::new(Kind::Event, i), width, "  ");
        };
        let parts = crate::cores::stretches(b.events.len(), threads, |range| {
            let mut part = String::new();
            let mut line = String::new();
            range.for_each(|i| event(&mut part, &mut line, i));
            part
        });
        each(std::mem::take(&mut out));
        parts.into_iter().for_each(&mut each);
    }
    if !b.sources.is_empty() {
        heading(&mut out, "Sources");
        for (i, s) in b.sources.iter().enumerate() {
            let r = ItemRef::new(Kind::Source, i);
            let mut line = format!("[{}] {}{}", s.id, s.title, tag(b, r));
            for part in [&s.author, &s.publisher].into_iter().flatten() {
                let _ = write!(line, ", {part}");
            }
            if let Some(d) = &s.date {
                let _ = write!(
                    line,
                    ", {}",
                    d.human_in(crate::briefing::date::Frame::Years, b.timeline_utc)
                );
            }
            if let Some(g) = s.grade() {
                let _ = write!(line, " (graded {g})");
            }
            wrap(&mut out, &line, width, "", "  ");
            if let Some(u) = &s.url {
                let _ = writeln!(out, "  {u}");
            }
            text(&mut out, b, &s.excerpt, width, "  ");
            if let Some(t) = &s.text {
                let from = t.file.as_deref().unwrap_or("given inline");
                wrap(
                    &mut out,
                    &format!("Text: {from}, {} paragraphs", t.len()),
                    width,
                    "  ",
                    "    ",
                );
            }
            withheld(&mut out, b, r, width, "  ");
        }
    }
    each(out);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The wrapping textwrap does, as `wrap` did before its short cut.
    fn textwrapped(text: &str, width: usize, indent: &str, hanging: &str) -> String {
        let opts = textwrap::Options::new(width.max(indent.len() + 10))
            .initial_indent(indent)
            .subsequent_indent(hanging)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        textwrap::wrap(text, opts)
            .iter()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect()
    }

    #[test]
    fn an_empty_text_is_an_empty_line_whatever_its_indent() {
        for indent in ["", "  ", "• ", "  → "] {
            for width in [1, 40] {
                let mut out = String::new();
                super::wrap(&mut out, "", width, indent, "    ");
                assert_eq!(
                    out,
                    textwrapped("", width, indent, "    "),
                    "{indent:?} {width}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn a_line_that_fits_is_written_as_textwrap_writes_it(
            text in "[ a-z-]{0,3}[a-zA-Z0-9 ,.-]{0,90}",
            width in 1usize..100,
            indent in prop::sample::select(vec!["", "  ", "• ", "  → ", "    "]),
        ) {
            let mut out = String::new();
            super::wrap(&mut out, &text, width, indent, "    ");
            prop_assert_eq!(out, textwrapped(&text, width, indent, "    "));
        }

        /// A line that fits, whatever its characters, is the line textwrap
        /// makes of it (Unicode's line breaking for text beyond ASCII).
        #[test]
        fn a_line_of_any_text_that_fits_is_written_as_textwrap_writes_it(
            words in prop::collection::vec(prop::sample::select(vec![
                "—", "é", "e\u{301}", "中文", "\u{a0}", "🇵🇰", " ", "  ", "\u{3000}", "ab", "-",
                "Khyber", "’s", "\n", "\t", "x\u{200b}y", "١٢",
            ]), 0..16),
            width in 1usize..60,
            indent in prop::sample::select(vec!["", "  ", "• ", "  → ", "    "]),
        ) {
            let text = words.concat();
            let (mut ours, mut theirs) = (String::new(), String::new());
            super::wrap(&mut ours, &text, width, indent, "    ");
            super::by_textwrap(&mut theirs, &text, width.max(indent.len() + 10), indent, "    ");
            prop_assert_eq!(ours, theirs);
        }
    }

    /// A long timeline written on several cores reads exactly as one
    /// written on one, whole and seen as of a date.
    #[test]
    fn a_long_timeline_printed_on_every_core_is_the_one_thread_prints() {
        let text = crate::synth::briefing_yaml(crate::cores::FROM + 700);
        let b = crate::briefing::load_str(&text, "s.yaml", Default::default())
            .briefing
            .unwrap();
        for as_of in [
            None,
            Some((
                b.events[900].date.as_ref().unwrap().sort_key().unwrap(),
                "then",
            )),
        ] {
            let one = super::print_on(&b, 72, as_of, 1);
            assert_eq!(one, super::print_on(&b, 72, as_of, 3));
            assert!(one.matches(" — Generated event number").count() > 800);
        }
    }
}
