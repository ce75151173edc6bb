//! The library and links across briefings, through the real binary.

use crate::common;
use common::{Pty, brief_bin};

#[test]
fn the_library_lists_opens_and_returns() {
    let mut t = Pty::spawn(brief_bin(), &["tests/fixtures/cross"], 120, 40);
    let s = t.wait_checked("4 briefings");
    assert!(
        s.contains("Broken links") && s.contains("✗ 6 errors"),
        "{s}"
    );
    assert!(
        s.contains("Region overview") && s.contains("✓ clean"),
        "{s}"
    );
    // Sorted by title: Broken links, Country file, Region overview, Shared sources.
    t.keys(&["\r"]);
    let s = t.wait_for("does not open: fix these");
    assert!(s.contains("error[dangling-reference]"), "{s}");
    t.keys(&["x", "/", "r", "e", "g", "\r"]);
    t.wait_checked("1 of 4 briefings");
    t.keys(&["\r"]);
    t.wait_for("1 Actors (2)");
    t.keys(&["\x7f"]);
    t.wait_for("1 of 4 briefings");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn following_a_link_into_another_briefing_and_back() {
    let mut t = Pty::spawn(brief_bin(), &["tests/fixtures/cross/region.yaml"], 120, 40);
    t.wait_for("Region overview");
    t.keys(&["4", "\r"]);
    let s = t.wait_for("issue · stability");
    assert!(
        s.contains("Tehreek-e-Taliban Pakistan  actor in") && s.contains("country.yaml"),
        "{s}"
    );
    // Link 2: China is 1, the external TTP is listed after it.
    t.keys(&["2"]);
    let s = t.wait_for("actor · ttp");
    assert!(s.contains("Country file"), "{s}");
    t.keys(&["\x7f"]);
    let s = t.wait_for("issue · stability");
    assert!(s.contains("Region overview"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn q_in_a_briefing_goes_back_to_the_library_and_q_there_quits() {
    let mut t = Pty::spawn(brief_bin(), &["briefs"], 100, 30);
    let s = t.wait_checked("Library of briefs/");
    assert!(s.contains("2 briefings") && s.contains("? help"), "{s}");
    t.keys(&["?"]);
    t.wait_for("Library keys");
    t.keys(&["x"]);
    t.keys(&["j", "\r"]);
    let s = t.wait_for("Bottom line");
    assert!(
        s.contains("q library"),
        "the hint bar says where q goes:\n{s}"
    );
    t.keys(&["q"]);
    t.wait_for("Library of briefs/");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn reopening_a_briefing_from_the_library_comes_back_to_where_it_was() {
    let mut t = Pty::spawn(brief_bin(), &["briefs"], 120, 40);
    t.wait_checked("Library of briefs/");
    t.keys(&["j", "\r"]);
    t.wait_for("Bottom line");
    t.keys(&["3", "G"]);
    t.wait_for("event · akhundzada-warning");
    t.keys(&["q"]);
    t.wait_for("Library of briefs/");
    t.keys(&["\r"]);
    let s = t.wait_for("event · akhundzada-warning");
    assert!(s.contains("3 Timeline"), "{s}");
    t.keys(&["q"]);
    t.wait_for("Library of briefs/");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}
