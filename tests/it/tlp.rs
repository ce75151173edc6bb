//! TLP markings in the reader and the presentation: badges, the banner's
//! strictest marking on screen, and `--tlp` in a real terminal.

use crate::common;
use brief::app::{App, Pane};
use brief::briefing::load::load_str_for;
use brief::briefing::marking::Tlp;
use common::{Pty, brief_bin, screen};
use std::path::Path;

fn app(level: Option<Tlp>) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/m.yaml");
    App::new(
        load_str_for(&common::marked_example(), "m.yaml", path, level)
            .briefing
            .unwrap(),
    )
}

#[test]
fn markings_show_as_badges_and_the_banner_names_the_strictest_on_screen() {
    let mut a = app(None);
    a.focus_pane(Pane::Actors);
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("AMBER China"),
        "a stricter item wears its level:\n{s}"
    );
    insta::assert_snapshot!(s);
    // Only what is on screen counts: at 80×24 China is below the fold…
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("PUBLIC // OPEN SOURCES · TLP:GREEN"), "{s}");
    // …until it is selected.
    a.goto(a.briefing.lookup("china").unwrap(), false);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("PUBLIC // OPEN SOURCES · TLP:AMBER"), "{s}");
    insta::assert_snapshot!("badges_80x24", s);
}

#[test]
fn withheld_items_are_gone_from_every_pane_and_counted_as_withheld() {
    let mut a = app(Some(Tlp::Green));
    assert_eq!(a.briefing.actors.len(), 10);
    assert!(a.briefing.lookup("urumqi-talks").is_none());
    let visit = a
        .briefing
        .lookup("sharif-visits-china")
        .expect("an event that names China");
    a.goto(visit, false);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("[withheld] 1 link"), "{s}");
    assert!(!s.contains("AMBER") && s.contains("TLP:GREEN"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn tlp_in_a_real_terminal_withholds_from_panes_search_and_slides() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_sources(dir.path());
    let file = dir.path().join("m.yaml");
    std::fs::write(&file, common::marked_example()).unwrap();
    let f = file.to_str().unwrap();
    let mut t = Pty::spawn(brief_bin(), &[f, "--tlp", "green"], 120, 40);
    let s = t.wait_for("1 Actors (10)");
    assert!(
        s.contains("TLP:GREEN") && !s.contains("China  state"),
        "{s}"
    );
    t.keys(&["/"]);
    t.send("Beijing");
    let s = t.wait_for("0 results");
    assert!(!s.contains("China  state"), "{s}");
    t.keys(&["\x1b", "p"]);
    for _ in 0..14 {
        let s = t.screen();
        assert!(!s.contains("Urumqi, facilitated"), "{s}");
        t.keys(&[" "]);
    }
    t.keys(&["\x1b"]);
    t.wait_for("1 Actors (10)");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn every_slide_names_the_strictest_marking_it_shows() {
    let mut a = app(None);
    a.screen = (100, 30);
    let mut p = crate::common::present(&mut a).unwrap();
    // The actors' slide, where `p` opened it, lists China.
    let s = crate::common::presenting(&mut p, &a.briefing, 100, 30);
    assert!(s.contains("PUBLIC // OPEN SOURCES · TLP:AMBER"), "{s}");
    p.current = 0;
    let s = crate::common::presenting(&mut p, &a.briefing, 100, 30);
    assert!(
        s.contains("PUBLIC // OPEN SOURCES · TLP:GREEN"),
        "the title slide:\n{s}"
    );
    let talks = a.briefing.lookup("urumqi-talks").unwrap();
    let at = p
        .pages
        .iter()
        .position(|pg| pg.items.contains(&talks))
        .unwrap();
    p.current = at;
    let s = crate::common::presenting(&mut p, &a.briefing, 100, 30);
    assert_eq!(
        s.matches("PUBLIC // OPEN SOURCES · TLP:RED").count(),
        2,
        "top and bottom:\n{s}"
    );
}
