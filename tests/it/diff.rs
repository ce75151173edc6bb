//! `brief diff OLD NEW`: items matched by id, judgments first, then added
//! and removed items, links, text word by word and the briefing's own
//! fields; exit 0 without changes, 1 with, 2 when a side fails to load.

use crate::common;
use common::brief;

const BASE: &str = "format: 1
title: Ceasefire talks
as_of: 2026-03-01
summary: The talks are reportedly stalled.
actors:
  - id: north
    name: Northland
  - id: south
    name: Southland
issues:
  - id: truce
    title: A truce
    status: open
    priority: high
positions:
  - actor: north
    issue: truce
    stance: Wants a truce within weeks
    alignment: support
    confidence: moderate
    sources: [wire]
  - actor: south
    issue: truce
    stance: Refuses talks
    alignment: oppose
    sources: [wire]
timeline:
  - id: meeting
    date: 2026-02-20
    title: Envoys meet in Geneva
    actors: [north, south]
sources:
  - id: wire
    title: Wire report
    reliability: B
    credibility: 2
";

fn diff(old: &str, new: &str, extra: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&a, old).unwrap();
    std::fs::write(&b, new).unwrap();
    let mut args = vec!["diff", a.to_str().unwrap(), b.to_str().unwrap()];
    args.extend(extra);
    let o = brief(&args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn the_same_file_and_a_reordered_one_have_no_changes() {
    assert_eq!(diff(BASE, BASE, &[]).0, 0);
    // The actors and the positions in another order.
    let reordered = BASE
        .replace(
            "  - id: north\n    name: Northland\n  - id: south\n    name: Southland\n",
            "  - id: south\n    name: Southland\n  - id: north\n    name: Northland\n",
        )
        .replace(
            "positions:\n  - actor: north",
            "positions:\n  - actor: south\n    issue: truce\n    stance: Refuses talks\n    alignment: oppose\n    sources: [wire]\n  - actor: north",
        )
        .replacen(
            "  - actor: south\n    issue: truce\n    stance: Refuses talks\n    alignment: oppose\n    sources: [wire]\ntimeline:",
            "timeline:",
            1,
        );
    assert_ne!(reordered, BASE);
    let (code, out, err) = diff(BASE, &reordered, &[]);
    assert_eq!((code, out.as_str()), (0, "No changes.\n"), "{err}");
}

#[test]
fn judgments_come_first_then_added_removed_links_and_text() {
    let new = BASE
        .replace("alignment: oppose", "alignment: mixed")
        .replace("priority: high", "priority: medium")
        .replace("reliability: B", "reliability: C")
        .replace("Wants a truce within weeks", "Wants a truce within days")
        .replace("    actors: [north, south]\n", "    actors: [north]\n")
        .replace(
            "  - id: south\n    name: Southland\n",
            "  - id: south\n    name: Southland\n  - id: east\n    name: Eastland\n",
        )
        .replace(
            "title: Ceasefire talks",
            "title: Ceasefire talks, round two",
        );
    let (code, out, _) = diff(BASE, &new, &[]);
    assert_eq!(code, 1);
    let order: Vec<usize> = [
        "Judgments (3)",
        "Added (1)",
        "Links (1)",
        "Text (1)",
        "The briefing (1)",
    ]
    .iter()
    .map(|h| out.find(h).unwrap_or_else(|| panic!("no {h}:\n{out}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(out.contains("alignment oppose → mixed"), "{out}");
    assert!(out.contains("priority high → medium"), "{out}");
    assert!(out.contains("reliability B → C"), "{out}");
    assert!(out.contains("+ actor `east` (Eastland)"), "{out}");
    assert!(
        out.contains("event `meeting`") && out.contains("− actors `south`"),
        "{out}"
    );
    // Word by word, without colour outside a terminal.
    assert!(
        out.contains("Wants a truce within [-weeks-]{+days+}"),
        "{out}"
    );
    assert!(
        out.contains("Ceasefire [-talks-]{+talks, round two+}"),
        "{out}"
    );
}

#[test]
fn a_renamed_id_is_one_removed_and_one_added_and_says_so() {
    let new = BASE.replace("id: meeting", "id: geneva-meeting");
    let (code, out, _) = diff(BASE, &new, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("+ event `geneva-meeting`"), "{out}");
    assert!(
        out.contains("− event `meeting` (Envoys meet in Geneva) — renamed to `geneva-meeting`?"),
        "{out}"
    );
}

#[test]
fn json_is_stable_and_lists_every_change() {
    let new = BASE
        .replace("alignment: support", "alignment: neutral")
        .replace("id: meeting", "id: talks");
    let (code, out, _) = diff(BASE, &new, &["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["judgments"][0]["field"], "alignment");
    assert_eq!(v["judgments"][0]["old"], "support");
    assert_eq!(v["judgments"][0]["new"], "neutral");
    assert_eq!(v["judgments"][0]["kind"], "position");
    assert_eq!(v["added"][0]["id"], "talks");
    assert_eq!(v["removed"][0]["id"], "meeting");
    assert_eq!(v["removed"][0]["renamed_to"], "talks");
    for k in ["links", "text", "briefing"] {
        assert!(v[k].is_array(), "{k}");
    }
}

#[test]
fn a_side_that_fails_to_load_prints_its_diagnostics_and_exits_2() {
    let broken = BASE.replace(
        "issue: truce\n    stance: Refuses",
        "issue: nothing\n    stance: Refuses",
    );
    let (code, out, err) = diff(BASE, &broken, &[]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("error[dangling-reference]"), "{err}");
    let (code, _, err) = diff(&broken, &broken, &[]);
    assert_eq!(code, 2);
    assert_eq!(err.matches("error[dangling-reference]").count(), 2, "{err}");
}

#[test]
fn text_from_a_briefing_never_reaches_the_terminal_as_control_sequences() {
    // YAML escapes: ESC, BEL, a C1 CSI and a bidi override in the stance.
    let new = BASE.replace(
        "stance: Refuses talks",
        r#"stance: "Refuses \e]52;c;aGk=\a talks \u009b2J\u202e""#,
    );
    let (code, out, _) = diff(BASE, &new, &[]);
    assert_eq!(code, 1);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    let (_, json, _) = diff(BASE, &new, &["--format", "json"]);
    assert!(
        !json.contains('\u{9b}') && !json.contains('\u{202e}'),
        "{json:?}"
    );
}

/// The example, loaded from its text (with `edit` applied to it).
fn example(edit: impl FnOnce(String) -> String) -> brief::briefing::Briefing {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("briefs/pakistan-afghanistan-ttp.yaml");
    let text = edit(std::fs::read_to_string(&path).unwrap());
    let r = brief::briefing::load_str(&text, "example.yaml", path);
    r.briefing.unwrap_or_else(|| panic!("{:?}", r.diagnostics))
}

fn json(c: &brief::diff::Changes) -> String {
    serde_json::to_string_pretty(c).unwrap()
}

/// A save is compared only where items' own fields changed: for an edit
/// of any one field of any one item, that is exactly what the whole
/// comparison finds.
#[test]
fn a_save_compared_item_by_item_finds_what_the_whole_comparison_finds() {
    use brief::briefing::{ItemRef, Kind};
    let old = example(|t| t);
    let mut tried = 0;
    for r in old.all_items() {
        let mut new = old.clone();
        match r.kind {
            Kind::Actor => new.actors[r.index].name.push_str(" (edited)"),
            Kind::Issue => new.issues[r.index].status = brief::briefing::Status::Resolved,
            Kind::Position => new.positions[r.index].stance.push_str(", it says"),
            Kind::Event => new.events[r.index].title.push_str(" (edited)"),
            Kind::Source => new.sources[r.index].url = Some("https://example.org/x".into()),
        }
        let whole = brief::diff::compare(&old, &new);
        let edited = brief::diff::compare_edited(&old, &new);
        if r.kind == Kind::Actor {
            // An actor's name shows in the titles that link to it: those
            // changed too, and are compared in full.
            assert!(!edited.text.is_empty(), "{r:?}");
        } else {
            assert_eq!(json(&edited), json(&whole), "{r:?}");
        }
        assert!(
            edited.judgments.len() + edited.text.len() == 1 || r.kind == Kind::Actor,
            "{r:?}: {}",
            json(&edited)
        );
        tried += 1;
    }
    assert!(tried > 20, "the example has only {tried} items");
    // A marking is a change of its own.
    let first = ItemRef::new(Kind::Event, 0);
    assert!(!old.has_item_markings());
    let marked = example(|t| {
        t.replacen(
            &format!("  - id: {}\n", old.id(first)),
            &format!("  - id: {}\n    marking: TLP:RED\n", old.id(first)),
            1,
        )
    });
    let edited = brief::diff::compare_edited(&old, &marked);
    assert_eq!(json(&edited), json(&brief::diff::compare(&old, &marked)));
    assert_eq!(edited.judgments.len(), 1, "{}", json(&edited));
    assert_eq!(edited.judgments[0].field, "marking");
}

/// An item put first in its list moves every other one: they are compared
/// in full, and only the new one is found.
#[test]
fn a_save_that_moves_every_item_finds_only_what_was_added() {
    let old = example(|t| t);
    let new = example(|t| {
        t.replacen(
            "actors:\n",
            "actors:\n  - id: newcomer\n    name: A newcomer\n    kind: person\n",
            1,
        )
    });
    let edited = brief::diff::compare_edited(&old, &new);
    assert_eq!(json(&edited), json(&brief::diff::compare(&old, &new)));
    assert_eq!(edited.added.len(), 1);
    assert_eq!(edited.added[0].id, "newcomer");
    assert!(edited.judgments.is_empty() && edited.text.is_empty() && edited.links.is_empty());
}

/// With `--since`, a save compares only the items it changed with the
/// revision again: the rest keep what the last comparison said, and the
/// result is what comparing the whole file again gives.
#[test]
fn the_revision_compared_again_after_a_save_is_the_whole_comparison() {
    let before = example(|t| t);
    let mut rev = before.clone();
    rev.events[1].title = "An older title".into();
    rev.positions[0].alignment = None;
    rev.actors[2].name = "An older name".into();
    let prev = brief::diff::compare(&rev, &before);
    assert!(prev.judgments.len() + prev.text.len() >= 3);
    type Save = Box<dyn Fn(&mut brief::briefing::Briefing)>;
    let saves: Vec<(&str, Save)> = vec![
        (
            "another item",
            Box::new(|b| b.events[3].title.push_str(" (saved)")),
        ),
        (
            "the item the revision changed",
            Box::new(|b| b.events[1].title = "An older title".into()),
        ),
        ("a judgment", Box::new(|b| b.positions[1].confidence = None)),
        ("nothing", Box::new(|_| {})),
        (
            "a new item",
            Box::new(|b| {
                let mut e = b.events[0].clone();
                e.id = "brand-new".into();
                b.events.push(e);
            }),
        ),
    ];
    for (what, save) in saves {
        let mut now = before.clone();
        save(&mut now);
        if now.events.len() > before.events.len() {
            // A new item is found by id: the model's index must know it.
            now = example(|t| {
                t.replacen(
                    "timeline:\n",
                    "timeline:\n  - id: brand-new\n    date: 2020-01-01\n    title: New\n",
                    1,
                )
            });
        }
        let again = brief::diff::compare_again(&rev, &before, &prev, &now);
        assert_eq!(
            json(&again),
            json(&brief::diff::compare(&rev, &now)),
            "{what}"
        );
    }
}
