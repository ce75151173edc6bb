//! Opening a briefing too large to load within a frame: the screen shows
//! what the load is doing at once, and `q` stops it. A file with errors
//! shows them and is followed until a save makes it load; `q` then leaves
//! the screen as it was and prints its diagnostics.

use crate::common;
use common::{Pty, brief_bin};

/// Large enough that a debug build loads it in well over a frame.
fn large(dir: &std::path::Path, events: usize) -> String {
    let f = dir.join("large.yaml");
    std::fs::write(&f, brief::synth::briefing_yaml(events)).unwrap();
    f.to_string_lossy().into_owned()
}

fn open(file: &str, extra: &[&str]) -> Pty {
    let mut args = extra.to_vec();
    args.push(file);
    Pty::spawn_env(brief_bin(), &args, 100, 30, &[("BRIEF_CACHE", "off")])
}

#[test]
fn a_large_briefing_shows_its_progress_then_opens() {
    let dir = tempfile::tempdir().unwrap();
    let f = large(dir.path(), 20_000);
    let mut t = open(&f, &[]);
    let s = t.wait_for("Opening ");
    assert!(s.contains("large.yaml"), "{s}");
    assert!(
        ["reading", "parsing", "checking", "linking"]
            .iter()
            .any(|w| s.contains(w)),
        "says what it is doing:\n{s}"
    );
    assert!(s.contains("q stops"), "{s}");
    let s = t.wait_for("1 Actors (");
    assert!(s.contains("Synthetic briefing with 20000 events"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.alternate_screen());
}

#[test]
fn q_stops_a_load_and_puts_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let f = large(dir.path(), 60_000);
    let mut t = open(&f, &[]);
    t.wait_for("Opening ");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.alternate_screen() && !t.mouse_captured());
    assert!(!t.screen().contains("1 Actors"), "{}", t.screen());
}

#[test]
fn a_stop_signal_during_a_load_ends_brief_and_puts_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let f = large(dir.path(), 60_000);
    for sig in [libc::SIGTERM, libc::SIGINT] {
        let mut t = open(&f, &[]);
        t.wait_for("Opening ");
        assert!(t.alternate_screen());
        t.signal(sig);
        assert_eq!(t.wait_exit(), 128 + sig as u32, "signal {sig}");
        assert!(!t.alternate_screen() && !t.mouse_captured(), "signal {sig}");
        assert!(!t.screen().contains("1 Actors"), "{}", t.screen());
    }
}

#[test]
fn a_large_presentation_opens_after_its_progress() {
    let dir = tempfile::tempdir().unwrap();
    let f = large(dir.path(), 20_000);
    let mut t = open(&f, &["present"]);
    t.wait_for("Opening ");
    // The title slide (its title in big letters), and no reader panes.
    let s = t.wait_for("As of 1 Jan 2026");
    assert!(s.contains("1/"), "{s}");
    assert!(!s.contains("1 Actors"), "a slide, not the reader:\n{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_broken_briefing_shows_its_findings_and_q_leaves_them_on_the_normal_screen() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("large.yaml");
    let text = brief::synth::briefing_yaml(20_000).replacen("format: 1", "format: 7", 1);
    std::fs::write(&f, text).unwrap();
    let mut t = open(&f.to_string_lossy(), &[]);
    let s = t.wait_for("does not load yet");
    assert!(
        s.contains("large.yaml does not load yet: 1 error, 0 warnings"),
        "{s}"
    );
    assert!(s.contains("error[bad-format]"), "{s}");
    assert!(s.contains("q quits"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 1);
    assert!(!t.alternate_screen());
    let s = t.screen();
    assert!(s.contains("error[bad-format]"), "{s}");
    assert!(s.contains("1 error"), "{s}");
}

#[test]
fn a_broken_briefing_opens_once_a_save_makes_it_load() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_sources(dir.path());
    let f = dir.path().join("draft.yaml");
    let good = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");
    let broken = good.replacen("actor: pakistan\n", "actor: pakistn\n", 1);
    std::fs::write(&f, &broken).unwrap();
    let mut t = open(&f.to_string_lossy(), &[]);
    let s = t.wait_for("does not load yet");
    assert!(s.contains("did you mean `pakistan`?"), "{s}");
    // Still broken after a save: the new findings.
    std::fs::write(
        &f,
        broken.replacen("title: Pakistan", "title: [Pakistan", 1),
    )
    .unwrap();
    t.wait_for("error[yaml-syntax]");
    std::fs::write(&f, good).unwrap();
    let s = t.wait_for("1 Actors (");
    assert!(
        s.contains("Pakistan, the Afghan Taliban and the TTP"),
        "{s}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_findings_of_a_broken_draft_scroll_and_quit_with_the_rebound_keys() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("draft.yaml");
    // Twelve findings: more than a 24-row screen shows.
    let mut y = String::from("title: T\npositions:\n");
    for i in 0..12 {
        y.push_str(&format!(
            "  - {{actor: nobody{i}, issue: nothing{i}, stance: S}}\n"
        ));
    }
    std::fs::write(&f, y).unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[keys.reader]\nquit = \"x\"\ndown = \"J\"\n").unwrap();
    let file = f.to_string_lossy().into_owned();
    let mut t = Pty::spawn_env(
        brief_bin(),
        &[&file],
        80,
        24,
        &[("BRIEF_CONFIG", cfg.to_str().unwrap())],
    );
    let s = t.wait_for("does not load yet");
    assert!(s.contains("x quits · J scroll"), "{s}");
    let first = s.lines().nth(3).unwrap_or("").to_string();
    t.keys(&["J", "J", "J"]);
    t.wait_until("the findings scrolled", |s| {
        s.lines().nth(3).unwrap_or("") != first
    });
    t.keys(&["x"]);
    assert_eq!(t.wait_exit(), 1);
}

#[test]
fn under_tlp_a_broken_file_is_refused_not_followed() {
    let mut t = Pty::spawn(
        brief_bin(),
        &[
            "--tlp",
            "GREEN",
            "tests/fixtures/check/dangling-reference.yaml",
        ],
        100,
        30,
    );
    assert_eq!(t.wait_exit(), 1);
    assert!(!t.alternate_screen());
    let s = t.screen();
    assert!(s.contains("refused under --tlp"), "{s}");
    assert!(!s.contains("does not load yet"), "{s}");
}

/// In a narrow terminal the findings screen cuts a long quoted line around
/// its mark: the caret and its label stay on screen, under the quote.
#[test]
fn a_narrow_terminal_shows_the_mark_of_a_long_line() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_sources(dir.path());
    common::drop_quoted_words(dir.path());
    let f = dir.path().join("b.yaml");
    std::fs::write(
        &f,
        include_str!("../../briefs/pakistan-afghanistan-ttp.yaml"),
    )
    .unwrap();
    let mut t = Pty::spawn_env(
        brief_bin(),
        &[&f.to_string_lossy()],
        60,
        20,
        &[("BRIEF_CACHE", "off")],
    );
    let s = t.wait_for("does not load yet");
    let lines: Vec<&str> = s.lines().collect();
    let quote = lines
        .iter()
        .position(|l| l.contains("quote: \"terrorist incidents"))
        .unwrap_or_else(|| panic!("the quoted line, cut around its mark:\n{s}"));
    assert!(lines[quote].contains('…'), "{s}");
    let caret = lines[quote + 1].find('^').expect("carets under the quote");
    // The caret's line is ASCII: its byte is its column.
    let under: String = lines[quote].chars().skip(caret).collect();
    assert!(
        under.starts_with("\"terrorist incidents"),
        "the caret stands under the quote:\n{s}"
    );
    assert!(lines[quote + 2].contains("not in the source"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 1);
}
