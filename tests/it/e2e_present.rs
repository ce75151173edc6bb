//! Presenting through the real binary: clicker keys, and speaker notes
//! followed from a second terminal.

use crate::common;
use common::{Pty, brief_bin};

const EXAMPLE: &str = "briefs/pakistan-afghanistan-ttp.yaml";

#[test]
fn step_through_the_deck_with_clicker_keys() {
    let mut t = Pty::spawn(brief_bin(), &["present", EXAMPLE], 120, 40);
    let s = t.wait_for("1/12");
    assert!(s.contains("Assurances versus verifiable action"), "{s}");
    t.keys(&["\x1b[6~"]); // PgDn
    t.wait_for("2/12");
    t.keys(&["\x1b[6~"]);
    let s = t.wait_for("3/12");
    assert!(s.contains("H/M/L confidence"), "who stands where:\n{s}");
    t.keys(&["\x1b[6~"]);
    let s = t.wait_for("4/12");
    assert!(s.contains("● Urumqi"), "where:\n{s}");
    t.keys(&["\x1b[6~"]);
    let s = t.wait_for("5/12");
    assert!(
        s.contains("Are the Afghan Taliban's assurances about the TTP"),
        "{s}"
    );
    t.keys(&["\x1b[5~"]); // PgUp
    t.wait_for("4/12");
    t.keys(&["b"]);
    let start = std::time::Instant::now();
    while t.screen().contains("4/12") {
        assert!(start.elapsed().as_secs() < 10, "b did not blank the screen");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        !t.screen().chars().any(|c| c.is_alphanumeric()),
        "blank:\n{}",
        t.screen()
    );
    t.keys(&["x"]);
    t.wait_for("4/12");
    t.keys(&["1", "1", "\r"]);
    let s = t.wait_for("11/12");
    assert!(s.contains("during the past year — Border incidents"), "{s}");
    t.keys(&["\x1b"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.alternate_screen());
}

#[test]
fn a_notes_listener_follows_the_presenter_whichever_starts_first() {
    let dir = common::private_dir();
    let env = [("BRIEF_NOTES_DIR", dir.path().to_str().unwrap())];
    // The listener first: it waits.
    let mut notes = Pty::spawn_env(brief_bin(), &["notes", EXAMPLE], 100, 30, &env);
    notes.wait_for("Waiting for the presenter");
    let mut show = Pty::spawn_env(brief_bin(), &["present", EXAMPLE], 120, 40, &env);
    show.wait_for("1/12");
    notes.wait_for("Slide 1/12");
    // The timeline slide carries the Urumqi event's notes.
    show.keys(&["\x1b[F", "\x1b[5~"]); // End, PgUp
    show.wait_for("11/12");
    let s = notes.wait_for("The year is not given in the article.");
    assert!(
        s.contains("Slide 11/12") && s.contains("Next: Sources"),
        "{s}"
    );
    assert!(
        !show.screen().contains("The year is not given"),
        "never on the audience's screen"
    );
    // A second listener joins late and sees the same slide.
    let mut late = Pty::spawn_env(brief_bin(), &["notes", EXAMPLE], 100, 30, &env);
    late.wait_for("The year is not given in the article.");
    // The presenter leaves: listeners wait again, then quit.
    show.keys(&["q"]);
    assert_eq!(show.wait_exit(), 0);
    notes.wait_for("Waiting for the presenter");
    notes.keys(&["q"]);
    assert_eq!(notes.wait_exit(), 0);
    late.keys(&["q"]);
    assert_eq!(late.wait_exit(), 0);
}

#[test]
fn p_in_the_reader_presents_and_esc_returns_to_the_same_place() {
    let mut t = Pty::spawn(brief_bin(), &[EXAMPLE], 120, 40);
    t.wait_for("1 Actors (11)");
    t.keys(&["4", "j"]);
    t.wait_for("issue · ttp-sanctuary");
    t.keys(&["p"]);
    let s = t.wait_for("/12");
    assert!(
        s.contains("Are the TTP's leadership and operational infrastructure"),
        "{s}"
    );
    t.keys(&["\x1b"]);
    t.wait_for("issue · ttp-sanctuary");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_refused_notes_folder_is_told_to_the_presenter_once_and_goes_with_a_key() {
    let dir = tempfile::tempdir().unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let env = [("BRIEF_NOTES_DIR", dir.path().to_str().unwrap())];
    // At 80 columns the reason is read before the folder's path is cut.
    let mut show = Pty::spawn_env(brief_bin(), &["present", EXAMPLE], 80, 24, &env);
    let s = show.wait_for("No notes: the notes folder is open to others (needs 0700)");
    assert!(s.contains("1/"), "{s}");
    show.keys(&["\x1b[6~"]); // PgDn
    let s = show.wait_for(" 2/");
    assert!(!s.contains("No notes"), "the next key clears it:\n{s}");
    show.keys(&["q"]);
    assert_eq!(show.wait_exit(), 0);
}

/// The notes strip names its key as the config binds it.
#[test]
fn the_notes_strip_names_its_key_as_rebound() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[keys.present]\nnotes = \"N\"\n").unwrap();
    let env = [("BRIEF_CONFIG", cfg.to_str().unwrap())];
    let mut t = Pty::spawn_env(brief_bin(), &["present", EXAMPLE], 120, 40, &env);
    t.wait_for("1/12");
    t.send("N");
    let s = t.wait_for("Speaker notes");
    assert!(s.contains("rehearsing (N hides)"), "{s}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
