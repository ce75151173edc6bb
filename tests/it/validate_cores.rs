//! A long timeline is checked in a stretch per core: the model is the one
//! a single thread makes (links, markings, references into another
//! briefing, the rendered titles), and a file with any finding is checked
//! on one thread, so its findings are exactly those of one walk.

use brief::briefing::validate::{EVENTS_ON_CORES, stretches_checked, validate_on};
use brief::briefing::{Briefing, ItemRef, Kind};
use std::fmt::Write;

/// A briefing marked TLP:GREEN whose timeline is long enough to be cut:
/// titles with links, every seventh event marked AMBER, every hundredth
/// naming an actor of `other.yaml`, dates running backwards.
fn long_timeline(events: usize, last: &str) -> String {
    let mut y = String::from(
        "title: Long timeline\nmarking: TLP:GREEN\nactors:\n  - id: a\n    name: Alpha\n  - id: b\n    name: Beta\nsources:\n  - id: s\n    title: A source\ntimeline:\n",
    );
    for e in 0..events {
        let _ = writeln!(
            y,
            "  - id: e{e}\n    date: {:04}-01-01\n    title: \"[[a]] meets [[b]], number {e}\"\n    summary: Talks between [[a]] and [[e{}]].\n    actors: [a{}]\n    sources: [s]{}",
            2900 - e / 10,
            (e + 1) % events,
            if e % 100 == 0 { ", other.yaml#x" } else { "" },
            if e % 7 == 0 {
                "\n    marking: TLP:AMBER"
            } else {
                ""
            },
        );
    }
    y.push_str(last);
    y
}

fn check(text: &str, dir: &std::path::Path, threads: usize) -> (Option<Briefing>, String) {
    let raw = match brief::briefing::raw::parse_whole(text).unwrap() {
        brief::briefing::raw::Val::Ok(r) => r,
        _ => panic!("not a mapping"),
    };
    let (b, problems, _) = validate_on(&raw, dir.join("long.yaml"), None, threads);
    (b, format!("{problems:?}"))
}

/// Everything the timeline's check puts into the model, event by event,
/// and what points at each actor, issue, position and source.
fn timeline(b: &Briefing) -> String {
    let mut s = String::new();
    for (kind, n) in [
        (Kind::Actor, b.actors.len()),
        (Kind::Issue, b.issues.len()),
        (Kind::Position, b.positions.len()),
        (Kind::Source, b.sources.len()),
    ] {
        for i in 0..n {
            let _ = writeln!(s, "{:?}", b.backlinks(ItemRef::new(kind, i)));
        }
    }
    for n in 0..b.events.len() {
        let r = ItemRef::new(Kind::Event, n);
        let _ = writeln!(
            s,
            "{:?} {:?} {:?} {:?} {:?}",
            b.events[n],
            b.marking(r),
            b.externals(r),
            b.links(r),
            b.backlinks(r)
        );
    }
    s
}

fn other(dir: &std::path::Path) {
    std::fs::write(
        dir.join("other.yaml"),
        "title: Other\nactors:\n  - id: x\n    name: Xi\n",
    )
    .unwrap();
}

#[test]
fn a_long_timeline_checked_on_every_core_is_the_one_thread_makes() {
    let dir = tempfile::tempdir().unwrap();
    other(dir.path());
    let text = long_timeline(EVENTS_ON_CORES + 900, "");
    let (one, p1) = check(&text, dir.path(), 1);
    assert_eq!(stretches_checked(), 1);
    let (many, p4) = check(&text, dir.path(), 4);
    assert_eq!(stretches_checked(), 4, "the timeline was not cut");
    assert_eq!(p1, "[]");
    assert_eq!(p4, "[]");
    let (one, many) = (one.unwrap(), many.unwrap());
    assert_eq!(one.events.len(), EVENTS_ON_CORES + 900);
    assert!(one.events[0].title.starts_with("Alpha meets Beta"));
    assert_eq!(timeline(&one), timeline(&many));
    let e0 = one.events.iter().position(|e| e.id == "e0").unwrap();
    assert_eq!(one.externals(ItemRef::new(Kind::Event, e0))[0].name, "Xi");
    assert!(
        one.marking(ItemRef::new(Kind::Event, e0))
            .is_some_and(|t| t.to_string() == "TLP:AMBER")
    );
}

#[test]
fn a_long_timeline_with_a_finding_is_checked_on_one_thread() {
    let dir = tempfile::tempdir().unwrap();
    other(dir.path());
    // At the end of the file, first in the timeline: an unknown key, a
    // dangling reference, a marking below the briefing's.
    // At the start of the timeline and at its end.
    let finds = ["colour: red", "actors: [nobody]", "marking: TLP:CLEAR"];
    for (year, find) in ["1000", "3000"].iter().flat_map(|y| finds.map(|f| (y, f))) {
        let last = format!("  - id: late\n    date: {year}-01-01\n    title: Late\n    {find}\n");
        let text = long_timeline(EVENTS_ON_CORES + 900, &last);
        let (_, p1) = check(&text, dir.path(), 1);
        let (_, p4) = check(&text, dir.path(), 4);
        assert_eq!(stretches_checked(), 1, "{last}");
        assert_ne!(p1, "[]", "{last}");
        assert_eq!(p1, p4, "{last}");
    }
}

/// The timeline's order, its dates read on every core: by when each date
/// starts, an undated event right after the one before it in the file,
/// ties in file order — the order one thread gives, and the rule's.
#[test]
fn the_timeline_is_ordered_the_same_on_every_core() {
    let mut y = String::from("title: Order\ntimeline:\n");
    // Years out of order and repeated, every fifth event undated, and a
    // run of undated events longer than a core's stretch (which takes the
    // date of the last event before it, in another stretch).
    let year = |e: usize| 1900 + (e * 7919) % 97;
    let undated = |e: usize| e.is_multiple_of(5) || (3_000..4_600).contains(&e);
    for e in 0..6_000 {
        if undated(e) {
            let _ = writeln!(
                y,
                "  - id: e{e}\n    when: some time later\n    title: Undated {e}"
            );
        } else {
            let _ = writeln!(
                y,
                "  - id: e{e}\n    date: {}\n    title: Event {e}",
                year(e)
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let order = |threads| {
        let (b, problems) = check(&y, dir.path(), threads);
        let b = b.unwrap_or_else(|| panic!("{problems}"));
        b.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>()
    };
    // The rule, written out: each event's key is its year, or the key of
    // the event before it; a stable sort keeps file order among ties.
    let mut last = i64::MIN;
    let mut keyed: Vec<(i64, usize)> = (0..6_000)
        .map(|e| {
            if !undated(e) {
                last = year(e) as i64;
            }
            (last, e)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    let rule: Vec<String> = keyed.iter().map(|(_, e)| format!("e{e}")).collect();
    for threads in 1..=5 {
        assert_eq!(order(threads), rule, "{threads} threads");
    }
}

/// Ids are put in their table on every core for a long file: what that
/// finds (an id given twice, in one kind or across kinds, a position's
/// default id made twice, an invalid id) is said as one thread says it,
/// in the file's order, each pointing at the first definition.
#[test]
fn ids_defined_on_every_core_clash_as_on_one_thread() {
    let dir = tempfile::tempdir().unwrap();
    other(dir.path());
    let last = "  - id: e10\n    date: 2000-01-01\n    title: Again\n\
        issues:\n  - id: i\n    title: I\n  - id: Bad Id\n    title: B\n  - id: s\n    title: Clash\n\
        positions:\n  - actor: a\n    issue: i\n    stance: One.\n  - actor: a\n    issue: i\n    stance: Two.\n";
    let text = long_timeline(EVENTS_ON_CORES + 900, last);
    let (_, p1) = check(&text, dir.path(), 1);
    let (_, p4) = check(&text, dir.path(), 4);
    assert_eq!(p1, p4);
    let said: Vec<usize> = [
        "`Bad Id` is not a valid id",
        "the id `a-on-i` is defined twice",
        "the id `e10` is defined twice",
        "the id `s` is defined twice",
    ]
    .iter()
    .map(|m| p1.find(m).unwrap_or_else(|| panic!("{m} not in {p1}")))
    .collect();
    assert!(said.is_sorted(), "not in the file's order: {p1}");
    assert!(p1.contains("first defined here (issue)"), "{p1}");
    assert!(p1.contains("first defined here (position)"), "{p1}");
    assert!(p1.contains("first defined here (event)"), "{p1}");
}
