//! The reader's first frame is drawn while the load's evidence checks run
//! and shown once they end: as drawn when the file loads (with or without
//! warnings), thrown away when they refuse the file. The runs here wait a
//! minute before a progress screen (`BRIEF_PROGRESS_AFTER_MS`), so the
//! test build, slower than a user's, opens these small files as a user's
//! build does: with the frame drawn early.

use crate::common;
use brief::ui::theme::{Palette, Theme};
use common::{Pty, brief_bin};

fn open(file: &str) -> Pty {
    Pty::spawn_env(
        brief_bin(),
        &[file],
        100,
        30,
        &[("BRIEF_CACHE", "off"), ("BRIEF_PROGRESS_AFTER_MS", "60000")],
    )
}

/// The example with its sources in a folder of its own, one line changed.
fn example_with(dir: &std::path::Path, from: &str, to: &str) -> String {
    common::copy_sources(dir);
    let f = dir.join("draft.yaml");
    let good = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");
    assert!(good.contains(from), "the example no longer says {from:?}");
    std::fs::write(&f, good.replacen(from, to, 1)).unwrap();
    f.to_string_lossy().into_owned()
}

#[test]
fn a_quote_the_checks_refuse_shows_the_findings_and_nothing_of_the_frame_drawn_before() {
    let dir = tempfile::tempdir().unwrap();
    let f = example_with(
        dir.path(),
        "may be intended to demonstrate cooperation",
        "is certainly intended to demonstrate cooperation",
    );
    let mut t = open(&f);
    let s = t.wait_for("does not load yet");
    assert!(s.contains("error[quote-not-found]"), "{s}");
    // The frame drawn from the model before the checks ended is gone: no
    // pane, no overview, no hint of the reader.
    for reader in ["Actors (", "Overview", "Bottom line", "Enter open"] {
        assert!(!s.contains(reader), "{reader:?} left on the screen:\n{s}");
    }
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 1);
    // The screen was taken while the model was linked, before the checks
    // refused the file: it is given back all the same.
    assert!(
        !t.alternate_screen() && !t.mouse_captured(),
        "{}",
        t.screen()
    );
}

#[test]
fn a_file_with_warnings_opens_on_the_frame_drawn_early_and_e_lists_them() {
    let mut t = open("tests/fixtures/check/hedge-dropped.yaml");
    t.wait_for("Overview");
    t.send("e");
    let s = t.wait_for("in this version");
    assert!(s.contains("3 findings in this version"), "{s}");
    assert!(s.contains("hedge-dropped"), "{s}");
    t.send("x");
    t.wait_gone("in this version");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_clean_file_opens_on_the_frame_drawn_early_and_answers_keys() {
    let mut t = open("briefs/pakistan-afghanistan-ttp.yaml");
    let s = t.wait_for("Overview");
    assert!(s.contains("Bottom line"), "{s}");
    t.send("e");
    t.wait_for("loads cleanly, with no warnings");
    t.send("2");
    t.wait_for("2 Positions");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(
        !t.alternate_screen() && !t.mouse_captured(),
        "{}",
        t.screen()
    );
}

/// The early frame is drawn before the warnings are known and kept when
/// there are some: the reader's first frame must not show them. A change
/// that shows warnings on it (a count in the header, say) fails here, and
/// must then draw the early frame again when there are warnings.
#[test]
fn the_first_frame_is_the_same_with_warnings_as_without() {
    let loaded = brief::briefing::load::open_file(std::path::Path::new(
        "tests/fixtures/check/hedge-dropped.yaml",
    ))
    .unwrap();
    assert!(!loaded.diagnostics.is_empty(), "the fixture has warnings");
    let b = loaded.briefing.expect("it loads");
    let frame = |findings: Vec<brief::briefing::Diagnostic>| {
        let mut app = brief::app::App::new(b.clone());
        app.findings = findings;
        app.show_overview();
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        t.draw(|f| {
            brief::app::view::draw(f, &app, &Theme::with(Palette::Dark));
        })
        .unwrap();
        t.backend().buffer().clone()
    };
    assert_eq!(frame(Vec::new()), frame(loaded.diagnostics.clone()));
}

/// A model offered before its checks is the whole file's: a load for an
/// audience (`--tlp`) offers none, whoever asked.
#[test]
fn a_load_for_an_audience_offers_no_model_early() {
    let offered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let load = |level| {
        let seen = offered.clone();
        brief::briefing::progress::offer_early(Some(brief::briefing::progress::Early {
            soon: None,
            model: Box::new(move |_| {
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }),
        }));
        let r = brief::briefing::load::load_str_for(
            &common::marked_example(),
            "marked.yaml",
            "briefs/marked.yaml".into(),
            level,
        );
        brief::briefing::progress::offer_early(None);
        assert!(r.briefing.is_some(), "{:?}", r.diagnostics);
    };
    load(None);
    assert_eq!(
        offered.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "offered without --tlp"
    );
    for level in [
        brief::briefing::marking::Tlp::Green,
        brief::briefing::marking::Tlp::Amber,
    ] {
        load(Some(level));
    }
    assert_eq!(
        offered.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "offered to an audience"
    );
}
