//! The time axis: each date's uncertainty drawn (a mark, a span, a bar,
//! an arrow, a qualified style), undated events in their strip, the zone
//! named, the view at two sizes, its slide, and a real terminal.

use crate::common;
use brief::app::view::picture::Picture;
use brief::app::{Action, App};
use brief::briefing::{ItemRef, Kind};
use brief::pictures::axis::{Shape, Timeline};
use common::{Pty, brief_bin, screen};

const DATES: &str = "title: Dates of every kind
timeline:
  - {id: day, date: 2026-03-14, title: A day}
  - {id: month, date: 2026-02, title: A month}
  - {id: year, date: 2025, title: A year}
  - {id: interval, date: 2026-03-01/2026-03-10, title: An interval}
  - {id: open, date: 2026-03-12/.., title: Open at the end}
  - {id: before, date: ../2025-06, title: Open at the start}
  - {id: approx, date: 2026-03-05~, title: About then}
  - {id: hour, date: 2026-03-14T06:15+01:00, title: At a time}
  - {id: vague, when: after the talks, title: Only when}
";

fn app(text: &str) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/d.yaml");
    let r = brief::briefing::load::load_str_for(text, "d.yaml", path, None);
    App::new(r.briefing.unwrap_or_else(|| panic!("{:?}", r.diagnostics)))
}

#[test]
fn every_precision_has_its_shape_and_span() {
    let a = app(DATES);
    let tl = Timeline::build(&a.briefing);
    let of = |id: &str| {
        let e = a.briefing.lookup(id).unwrap().index;
        *tl.dated.iter().find(|d| d.event == e).unwrap()
    };
    let t0 = 1_773_446_400; // 14 Mar 2026, 00:00 UTC
    let day = of("day");
    assert_eq!(
        (day.shape, day.start, day.end),
        (Shape::Mark, t0, t0 + 86_400)
    );
    let month = of("month");
    assert_eq!(month.shape, Shape::Span);
    assert_eq!(month.end - month.start, 28 * 86_400, "February 2026");
    assert_eq!(of("year").end - of("year").start, 365 * 86_400);
    let i = of("interval");
    assert_eq!((i.shape, i.end - i.start), (Shape::Bar, 10 * 86_400));
    assert_eq!(of("open").shape, Shape::OpenEnd);
    assert_eq!(of("before").shape, Shape::OpenStart);
    assert!(of("approx").qualified && !day.qualified);
    assert_eq!(
        of("hour").start,
        t0 + 5 * 3600 + 15 * 60,
        "06:15+01:00 is 05:15 UTC"
    );
    assert_eq!(tl.undated, vec![a.briefing.lookup("vague").unwrap().index]);
    // One time, one zone: the axis is in it.
    assert_eq!(tl.zone, "UTC+01:00");
    let starts: Vec<i64> = tl.dated.iter().map(|d| d.start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "in time order");
}

#[test]
fn the_axis_draws_each_shape_and_the_undated_strip() {
    let mut a = app(DATES);
    a.update(Action::Axis);
    let s = screen(&mut a, 120, 40);
    for glyph in [
        "●",
        "○",
        "├",
        "┣",
        "→",
        "←",
        "Undated (1, in file order): after the talks: Only when",
    ] {
        assert!(s.contains(glyph), "{glyph}:\n{s}");
    }
    assert!(s.contains("UTC+01:00"), "{s}");
    insta::assert_snapshot!(s);
    a.update(Action::ZoomIn);
    a.update(Action::ZoomIn);
    insta::assert_snapshot!("axis_zoomed_80x24", screen(&mut a, 80, 24));
}

#[test]
fn keys_walk_the_events_in_time_order_and_zoom_around_the_selection() {
    let mut a = app(DATES);
    a.update(Action::Axis);
    let Some(Picture::Axis(ax)) = a.picture() else {
        panic!()
    };
    let order: Vec<usize> = ax.timeline.dated.iter().map(|d| d.event).collect();
    assert_eq!(a.selected(), Some(ItemRef::new(Kind::Event, order[0])));
    a.update(Action::Right);
    a.update(Action::Right);
    assert_eq!(a.selected(), Some(ItemRef::new(Kind::Event, order[2])));
    let span = |a: &App| match a.picture() {
        Some(Picture::Axis(x)) => (x.from, x.to),
        _ => panic!(),
    };
    let (f0, t0) = span(&a);
    a.update(Action::ZoomIn);
    let (f1, t1) = span(&a);
    assert!(t1 - f1 < t0 - f0);
    let Some(Picture::Axis(x)) = a.picture() else {
        panic!()
    };
    let sel = x.selected().unwrap();
    assert!(
        f1 <= sel.start && sel.start <= t1,
        "zoomed around the selection"
    );
    a.update(Action::PanRight);
    assert!(span(&a).0 > f1);
    a.update(Action::Fit);
    assert_eq!(span(&a), (f0, t0));
    a.update(Action::Enter);
    assert!(a.picture().is_none() && a.detail_focused());
    assert_eq!(a.selected(), Some(ItemRef::new(Kind::Event, order[2])));
}

#[test]
fn many_events_in_one_view_become_counts() {
    let mut text = String::from("title: Many\ntimeline:\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "  - {{id: e{i}, date: 2026-{:02}-{:02}, title: Event {i}}}\n",
            i % 12 + 1,
            i % 28 + 1
        ));
    }
    let mut a = app(&text);
    a.update(Action::Axis);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("3,000 events here"), "{s}");
    assert!(!s.contains("Event 2999"), "no event drawn one by one:\n{s}");
}

#[test]
fn the_timeline_slide_draws_the_axis_then_the_list() {
    let a = app(DATES);
    let theme = brief::ui::theme::Theme::plain();
    let slides = brief::present::deck::build(&a.briefing, &theme);
    let pages = brief::present::deck::paginate(&slides, 100, 24, &theme);
    let tl: Vec<_> = pages
        .iter()
        .filter(|p| slides[p.slide].title == "Timeline")
        .collect();
    assert!(tl.len() >= 2);
    let first: String = tl[0].lines.iter().map(|l| l.to_string() + "\n").collect();
    assert!(first.contains("┣") && first.contains("Undated"), "{first}");
    insta::assert_snapshot!(first);
    // Narrow: the list alone.
    let pages = brief::present::deck::paginate(&slides, 50, 24, &theme);
    let first = pages
        .iter()
        .find(|p| slides[p.slide].title == "Timeline")
        .unwrap();
    assert!(!first.lines.iter().any(|l| l.to_string().contains('┬')));
}

#[test]
fn the_axis_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d.yaml");
    std::fs::write(&f, DATES).unwrap();
    let mut t = Pty::spawn(brief_bin(), &[f.to_str().unwrap()], 120, 40);
    t.wait_for("0 Overview");
    t.keys(&["t"]);
    let s = t.wait_for("Time axis");
    assert!(
        s.contains("event · year"),
        "the first to start is selected:\n{s}"
    );
    t.keys(&["l"]);
    t.wait_for("event · before");
    t.keys(&["\r"]);
    let s = t.wait_for("3 Timeline");
    assert!(
        !s.contains("Time axis") && s.contains("event · before"),
        "{s}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn as_of_dims_what_came_later_everywhere_and_never_an_undated_item() {
    let mut a = app(DATES);
    let id = |a: &App, s: &str| a.briefing.lookup(s).unwrap();
    // `a`, a typed date, Enter.
    a.update(Action::AsOf);
    for c in "2026-03-05".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchSubmit);
    let asof = a.as_of.clone().expect("set");
    assert_eq!(asof.label, "5 Mar 2026");
    assert!(a.is_later(id(&a, "day")) && a.is_later(id(&a, "hour")) && a.is_later(id(&a, "open")));
    assert!(!a.is_later(id(&a, "interval")), "it started before");
    assert!(
        !a.is_later(id(&a, "approx")),
        "5 Mar itself is not after 5 Mar"
    );
    assert!(!a.is_later(id(&a, "vague")), "undated: never hidden");
    a.goto(id(&a, "vague"), false);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("seen as of 5 Mar 2026"), "{s}");
    assert!(s.contains("undated: shown whatever the as-of date"), "{s}");
    assert!(s.contains("◌ "), "later rows are marked:\n{s}");
    // Enter on nothing takes the selected item's date.
    a.goto(id(&a, "month"), false);
    a.update(Action::AsOf);
    a.update(Action::SearchSubmit);
    assert_eq!(a.as_of.as_ref().unwrap().label, "Feb 2026");
    // A date that is not one says so; Esc clears.
    a.update(Action::AsOf);
    for c in "soon".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchSubmit);
    assert!(
        a.status.as_deref().unwrap().starts_with("not a date"),
        "{:?}",
        a.status
    );
    a.update(Action::Escape);
    assert!(a.as_of.is_none());
}

#[test]
fn print_and_present_as_of_leave_later_things_out() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d.yaml");
    std::fs::write(&f, DATES).unwrap();
    let o = common::brief(&["print", f.to_str().unwrap(), "--as-of", "2026-03-05"]);
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("Seen as of 5 Mar 2026"), "{s}");
    for shown in [
        "A month",
        "An interval",
        "About then",
        "Only when",
        "A year",
    ] {
        assert!(s.contains(shown), "{shown}:\n{s}");
    }
    for gone in ["A day", "At a time", "Open at the end"] {
        assert!(!s.contains(gone), "{gone}:\n{s}");
    }
    let o = common::brief(&["print", f.to_str().unwrap(), "--as-of", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a date"));
    let a = app(DATES);
    let text = slides_as_of(&a, "2026-03-05");
    assert!(
        text.contains("About then") && !text.contains("Open at the end"),
        "{text}"
    );
}

#[test]
fn a_title_runs_on_to_the_next_event_of_its_lane_and_ticks_are_never_cut() {
    let mut a = app("title: Long titles
timeline:
  - {id: one, date: 2026-03-01, title: The first event has a title of many words indeed}
  - {id: two, date: 2026-03-20, title: The second}
  - {id: three, date: 2026-04-30, title: A third one far later whose title runs to the edge of the axis}
");
    a.update(Action::Axis);
    let s = screen(&mut a, 120, 30);
    let axis: Vec<String> = s
        .lines()
        .map(|l| l.chars().skip(1).take(71).collect())
        .collect();
    let axis = axis.join("\n");
    // Past the 20 columns kept free, up to the next event in its lane.
    assert!(axis.contains("● The first event has a"), "{axis}");
    assert!(axis.contains("● The second"), "{axis}");
    // No tick label is cut at the right edge.
    let lines: Vec<&str> = axis.lines().collect();
    let ruler = lines.iter().position(|l| l.contains("─┬─")).unwrap();
    let ticks = lines[ruler - 1].trim_start_matches('│');
    for word in ticks.split_whitespace() {
        assert!(
            word.chars().all(|c| c.is_ascii_digit() || c == ':')
                || brief::briefing::date::MONTHS.contains(&word),
            "a cut tick label {word:?} in {ticks:?}"
        );
    }
}

#[test]
fn a_span_with_no_room_after_it_carries_its_title() {
    let mut a = app("title: Spans
timeline:
  - {id: one, date: 2026-03-01, title: A day}
  - {id: open, date: 2026-03-02/.., title: Open to the edge}
  - {id: month, date: 2026-03~, title: About that month}
");
    a.update(Action::Axis);
    let s = screen(&mut a, 120, 30);
    assert!(s.contains("┣ Open to the edge ━"), "{s}");
    assert!(s.contains(" About that month ┄"), "{s}");
}

#[test]
fn wide_characters_take_two_cells_on_the_axis_and_nothing_more() {
    let mut a = app("title: Wide
timeline:
  - {id: one, date: 2026-05-01/2026-05-02, title: 雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨雨}
  - {id: open, date: 2026-05-01T09:00+09:00/.., title: 避難避難避難避難避難避難避難避難避難避難避難避難避難避難避難避難避難避難避難避難}
  - {id: day, date: 2026-05-20, title: x}
");
    a.update(Action::Axis);
    for w in [120u16, 61] {
        let s = screen(&mut a, w, 24);
        assert!(s.contains("雨雨雨"), "no gap between wide characters:\n{s}");
        assert!(s.contains("┣ 避難避難"), "{s}");
        // TestBackend notes the cells wide characters hide after the row.
        let rows = s
            .lines()
            .map(|l| l.split("\" Hidden by").next().unwrap_or(l));
        for line in rows.map(|l| l.trim_matches('"')) {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(line),
                w as usize,
                "every row exactly fills the screen: {line:?}"
            );
        }
    }
}

const LATER: &str = "title: Seen before the strike
summary: |
  Talks began on [[talks]]. The [[strike]] came after them.
key_points:
  - The [[talks]] opened the month.
  - A [[strike]] followed.
actors:
  - {id: a, name: A}
timeline:
  - {id: talks, date: 2026-03-01, title: Talks, actors: [a]}
  - {id: strike, date: 2026-03-20, title: Strike, actors: [a]}
";

#[test]
fn seen_as_of_a_date_a_sentence_naming_a_later_event_is_marked_written_later() {
    let mut a = app(LATER);
    a.as_of = Some(brief::app::asof::AsOf::parse("2026-03-10").unwrap());
    a.show_overview();
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("Talks began on Talks. ◌ The Strike came after them."),
        "{s}"
    );
    assert!(s.contains("• ◌ A Strike followed."), "{s}");
    assert!(s.contains("• The Talks opened the month."), "{s}");
    // Not as of a date: nothing marked.
    a.as_of = None;
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains('◌'), "{s}");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    std::fs::write(&f, format!("format: 1\n{LATER}")).unwrap();
    let o = common::brief(&["print", f.to_str().unwrap(), "--as-of", "2026-03-10"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("◌ The Strike came after them."), "{out}");
    assert!(out.contains("• ◌ A Strike followed."), "{out}");
    assert!(out.contains("◌ marks a sentence"), "{out}");
    // And the bottom line's slide.
    let text = slides_as_of(&a, "2026-03-10");
    assert!(text.contains("◌ A Strike followed."), "{text}");
}

#[test]
fn the_first_view_is_not_crowded_by_one_far_off_event() {
    let mut a = app("title: An outlier
timeline:
  - {id: old, date: 1998-05-01, title: Long ago}
  - {id: a1, date: 2026-03-01, title: One}
  - {id: a2, date: 2026-03-05, title: Two}
  - {id: a3, date: 2026-03-10, title: Three}
  - {id: a4, date: 2026-03-16, title: Four}
  - {id: a5, date: 2026-03-22, title: Five}
");
    a.update(Action::Axis);
    let s = screen(&mut a, 120, 30);
    assert!(s.contains("1 outside the view (0 fits all)"), "{s}");
    let cols = |s: &str| -> Vec<usize> {
        let mut v: Vec<usize> = s
            .lines()
            .filter(|l| !l.contains("day or time"))
            .flat_map(|l| {
                l.chars()
                    .take(72)
                    .enumerate()
                    .filter(|(_, c)| *c == '●')
                    .map(|(i, _)| i)
                    .collect::<Vec<_>>()
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let spread = cols(&s);
    assert_eq!(spread.len(), 5, "the five events apart:\n{s}");
    assert!(spread[4] - spread[0] > 30, "across the axis:\n{s}");
    assert!(a.selected() == a.briefing.lookup("a1"), "the first in view");
    a.update(Action::Fit);
    let s = screen(&mut a, 120, 30);
    assert!(
        !s.contains("outside the view") && s.contains("Long ago"),
        "{s}"
    );
}

/// Every slide of `a` seen as of `date`, at 100×30, as text.
fn slides_as_of(a: &App, date: &str) -> String {
    let theme = brief::ui::theme::Theme::plain();
    let cutoff = brief::app::asof::AsOf::parse(date).unwrap().cutoff;
    let slides = brief::present::deck::build_at(&a.briefing, &theme, Some(cutoff));
    brief::present::deck::paginate(&slides, 100, 30, &theme)
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.to_string() + "\n"))
        .collect()
}
