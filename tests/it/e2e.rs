//! End to end: the real binary in a pseudo-terminal. Follow a link, go
//! back, search, jump to a source, quit; read the screen at each step and
//! check the terminal was put back.

use crate::common;
use common::{Pty, brief_bin};

const EXAMPLE: &str = "briefs/pakistan-afghanistan-ttp.yaml";
const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";

#[test]
fn read_follow_back_search_sources_quit() {
    let mut t = Pty::spawn(brief_bin(), &[EXAMPLE], 120, 40);
    let s = t.wait_for("1 Actors (11)");
    assert!(s.contains("PUBLIC // OPEN SOURCES"));
    assert!(s.contains("Pakistan, the Afghan Taliban and the TTP"));
    assert!(t.alternate_screen() && t.mouse_captured() && t.bracketed_paste());
    // It opens on the overview; 1 goes to the actors.
    assert!(s.contains("0 Overview") && s.contains("Bottom line"), "{s}");
    t.keys(&["1"]);

    // Enter the detail of Pakistan and follow link 3 (its second position).
    t.keys(&[ENTER]);
    t.wait_for("▶ 1 Afghan Taliban");
    t.keys(&["3"]);
    let s = t.wait_for("position · pakistan-on-ttp-sanctuary");
    assert!(
        s.contains("Jumps: Pakistan › Pakistan → TTP presence"),
        "{s}"
    );

    // Back returns to Pakistan.
    t.keys(&[BACKSPACE]);
    t.wait_for("actor · pakistan  ");

    // Search for an alias and jump to it.
    t.keys(&["/", "k", "a", "b", "u", "l"]);
    t.wait_for("/ kabul");
    t.keys(&[ENTER]);
    let s = t.wait_for("actor · afghan-taliban");
    assert!(s.contains("Result 1/"), "{s}");

    // Its sources, one key away.
    t.keys(&["s"]);
    let s = t.wait_for("5 Sources (1) [cited]");
    assert!(s.contains("source · article"), "{s}");
    assert!(s.contains("Cited by"), "{s}");

    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.alternate_screen(), "left the alternate screen");
    assert!(!t.mouse_captured(), "mouse capture off");
    assert!(!t.bracketed_paste(), "bracketed paste off");
}

#[test]
fn ctrl_c_quits_and_the_tty_is_back_in_cooked_mode() {
    let script = "\"$0\" \"$1\"; echo EXIT=$?; stty -a; sleep 5";
    let mut t = Pty::spawn("sh", &["-c", script, brief_bin(), EXAMPLE], 120, 40);
    t.wait_for("1 Actors (11)");
    t.keys(&["\x03"]);
    let s = t.wait_for("EXIT=0");
    let s = if s.contains("icanon") {
        s
    } else {
        t.wait_for("icanon")
    };
    assert!(
        s.contains(" icanon") && !s.contains("-icanon"),
        "canonical mode restored:\n{s}"
    );
    assert!(
        s.contains(" echo ") && !s.contains("-echo "),
        "echo restored:\n{s}"
    );
}

#[test]
fn a_broken_file_shows_its_findings_and_q_prints_them_on_the_normal_screen() {
    let mut t = Pty::spawn(
        brief_bin(),
        &["tests/fixtures/check/dangling-reference.yaml"],
        100,
        30,
    );
    let s = t.wait_for("does not load yet");
    assert!(s.contains("error[dangling-reference]"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 1);
    assert!(!t.alternate_screen());
    let s = t.screen();
    assert!(s.contains("error[dangling-reference]"), "{s}");
}

#[test]
fn resizing_keeps_the_selection() {
    let mut t = Pty::spawn(brief_bin(), &[EXAMPLE], 120, 40);
    t.wait_for("1 Actors (11)");
    t.keys(&["3", "G"]);
    t.wait_for("event · akhundzada-warning");
    // Shrink below the minimum, then to a one-pane size.
    t.resize(30, 10);
    t.wait_for("Window too small");
    t.resize(80, 24);
    t.wait_for("event · akhundzada-warning");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal_and_says_so_briefly() {
    let mut t = Pty::spawn_env(
        brief_bin(),
        &[EXAMPLE],
        100,
        30,
        &[("BRIEF_DEBUG_PANIC", "1")],
    );
    let code = t.wait_exit();
    assert_ne!(code, 0);
    let s = t.screen();
    assert!(s.contains("brief stopped on an internal error"), "{s}");
    assert!(!s.contains("stack backtrace"), "no wall of backtrace:\n{s}");
    assert!(!t.alternate_screen() && !t.mouse_captured() && !t.bracketed_paste());
}

/// A thread the system will not give (a process at its limit) ends the
/// reader with a message and the terminal put back, never a panic.
#[test]
fn a_thread_the_system_refuses_ends_brief_with_the_terminal_restored() {
    let mut t = Pty::spawn_env(
        brief_bin(),
        &[EXAMPLE],
        100,
        30,
        &[("BRIEF_DEBUG_NO_THREADS", "1")],
    );
    assert_eq!(t.wait_exit(), 2);
    let s = t.screen();
    assert!(
        s.contains("error: no thread for signals: BRIEF_DEBUG_NO_THREADS is set"),
        "{s}"
    );
    assert!(
        !s.contains("internal error") && !s.contains("panicked"),
        "{s}"
    );
    assert!(!t.alternate_screen() && !t.mouse_captured() && !t.bracketed_paste());
}

#[test]
fn the_mouse_selects_rows_and_follows_detail_links() {
    let mut t = Pty::spawn(brief_bin(), &[EXAMPLE], 120, 40);
    t.wait_for("1 Actors (11)");
    // SGR mouse: a left click on the 4th actor row (x=5, y=7, 1-based).
    t.send("\x1b[<0;5;7M\x1b[<0;5;7m");
    t.wait_for("actor · afghan-taliban");
    // Click the detail's first link line (the Taliban have no relations:
    // their first link is a position). Its number shows once the detail
    // is focused, where digits follow links; a click needs none.
    let s = t.screen();
    let (row, _) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("│    ? Assurances or verifiable action:"))
        .unwrap_or_else(|| panic!("a link to a position:\n{s}"));
    t.send(&format!("\x1b[<0;90;{}M\x1b[<0;90;{}m", row + 1, row + 1));
    t.wait_for("position · afghan-taliban-on-verifiable-action");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn from_a_position_to_its_source_passage_and_back() {
    let mut t = Pty::spawn(brief_bin(), &[EXAMPLE], 120, 40);
    t.wait_for("0 Overview");
    // Pakistan's position on verifiable action; its detail; the first
    // citation (link 4: actor, issue, said by, then sources).
    t.keys(&["2", ENTER]);
    t.wait_for("▶ 1 Pakistan");
    t.keys(&["4"]);
    let s = t.wait_for("Source text");
    assert!(s.contains("▶ ¶3 However, Pakistani officials"), "{s}");
    assert!(s.contains("the quote is marked"), "{s}");
    // The next cited passage, then back to the position.
    t.keys(&["n"]);
    t.wait_for("▶ ¶4");
    t.keys(&[BACKSPACE]);
    let s = t.wait_for("position · pakistan-on-verifiable-action");
    assert!(!s.contains("Source text"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn messages_name_the_keys_as_rebound() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "[keys.reader]\ndown = \"J\"\nescape = \"Ctrl-g\"\n\n[keys.source-text]\nnext-passage = \"x\"\n",
    )
    .unwrap();
    let mut t = Pty::spawn_env(
        brief_bin(),
        &[EXAMPLE],
        100,
        30,
        &[("BRIEF_CONFIG", cfg.to_str().unwrap())],
    );
    t.wait_for("1 Actors (11)");
    t.keys(&["5", "\r"]);
    let s = t.wait_for("cited passages:");
    assert!(s.contains("21 cited passages: x move between them"), "{s}");
    t.keys(&["\x7f", "?"]);
    let s = t.wait_for("Keys (");
    assert!(s.contains("Keys (J scroll, any other key closes)"), "{s}");
    let bar = s.lines().last().unwrap_or_default();
    assert!(
        bar.contains("J/k scroll"),
        "the hints take the keys too: {bar}"
    );
    t.keys(&["q", "1", "s"]);
    let s = t.wait_for("lists every source");
    assert!(
        s.contains("Ctrl-g lists every source") || s.contains("C-g lists every source"),
        "{s}"
    );
}

#[test]
fn e_lists_a_files_warnings_and_a_long_message_is_cut_with_a_key_to_read_it() {
    let mut t = Pty::spawn(brief_bin(), &["tests/fixtures/check/warnings.yaml"], 60, 20);
    t.wait_for("Overview");
    t.send("e");
    let s = t.wait_for("in this version");
    assert!(s.contains("findings in this version"), "{s}");
    assert!(s.contains("idle-actor"), "the warning itself:\n{s}");
    t.send("x");
    t.wait_gone("in this version");
    // The example at 44 columns: what `s` says does not fit one line.
    let mut t = Pty::spawn(brief_bin(), &[EXAMPLE], 44, 20);
    t.wait_for("Overview");
    t.keys(&["2", "s"]);
    let s = t.wait_for("i whole");
    let lines: Vec<&str> = s.lines().collect();
    let n = lines.len();
    assert!(lines[n - 2].contains("i whole"), "cut on one line:\n{s}");
    assert!(lines[n - 1].contains("? help"), "the hints stay:\n{s}");
    t.send("i");
    let s = t.wait_for("┌ Message");
    assert!(s.contains("Enter opens it, Esc lists every"), "whole:\n{s}");
}
