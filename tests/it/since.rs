//! `--since REV`: earlier versions read from a git repository that each
//! test builds in a temp folder, its commits made through gix (no `git`
//! command): `brief diff FILE --since`, the reader's marks, the Changes
//! view and the presentation's "What changed" slide.

use crate::common;
use brief::app::changes::{self, Mark, Wanted};
use brief::app::view::changes::Tab;
use brief::app::{Action, App};
use brief::briefing::{Kind, load_file};
use common::repo::Repo;
use common::{Pty, brief, brief_bin, screen};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const EXAMPLE: &str = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");

/// The example as the meeting before saw it, and as it is now: a stance
/// that moved, an actor added, an event removed, a summary reworded.
fn two_versions() -> (Repo, PathBuf) {
    let mut r = Repo::new();
    r.commit("Monday's briefing", &[("b.yaml", EXAMPLE)]);
    r.commit("Unrelated notes", &[("notes.txt", "agenda")]);
    let now = EXAMPLE
        .replacen("alignment: oppose", "alignment: mixed", 1)
        .replacen(
            "  - id: analysts\n",
            "  - id: new-observer\n    name: A new observer\n  - id: analysts\n",
            1,
        );
    r.commit("Tuesday: a stance moves", &[("b.yaml", &now)]);
    let p = r.path("b.yaml");
    (r, p)
}

#[test]
fn diff_since_a_revision_reads_the_old_version_from_git() {
    let (_r, file) = two_versions();
    let f = file.to_str().unwrap();
    let o = brief(&["diff", f, "--since", "HEAD~1"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("alignment oppose → mixed") && out.contains("+ actor `new-observer`"),
        "{out}"
    );
    // The commit before only touched another file: the same version.
    let o = brief(&["diff", f, "--since", "HEAD~1", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["judgments"][0]["new"], "mixed");
    assert_eq!(j["added"][0]["id"], "new-observer");
    let o = brief(&["diff", f, "--since", "HEAD"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("No changes."));
}

#[test]
fn unknown_revisions_and_files_outside_a_repository_are_clear_errors() {
    let (r, file) = two_versions();
    let f = file.to_str().unwrap();
    let o = brief(&["diff", f, "--since", "no-such-branch"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no-such-branch is not a revision of this repository"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // A file the first commit did not have.
    std::fs::write(r.path("later.yaml"), EXAMPLE).unwrap();
    let o = brief(&[
        "diff",
        r.path("later.yaml").to_str().unwrap(),
        "--since",
        "HEAD",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did not exist at HEAD"));
    // Outside any repository.
    let outside = tempfile::tempdir().unwrap();
    let lone = outside.path().join("lone.yaml");
    std::fs::write(&lone, EXAMPLE).unwrap();
    common::copy_sources(outside.path());
    let o = brief(&["diff", lone.to_str().unwrap(), "--since", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not in a git repository"));
    // The reader and the presentation say so before taking the screen.
    for cmd in [
        vec![lone.to_str().unwrap(), "--since", "HEAD"],
        vec!["present", f, "--since", "v9"],
    ] {
        let o = brief(&cmd);
        assert_eq!(o.status.code(), Some(2), "{cmd:?}");
        assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: "));
    }
    // `diff OLD` alone is not enough.
    assert_eq!(brief(&["diff", f]).status.code(), Some(2));
}

#[test]
fn a_version_that_does_not_load_prints_its_diagnostics() {
    let mut r = Repo::new();
    r.commit("broken", &[("b.yaml", "title: [unclosed\n")]);
    r.commit("fixed", &[("b.yaml", EXAMPLE)]);
    let o = brief(&[
        "diff",
        r.path("b.yaml").to_str().unwrap(),
        "--since",
        "HEAD~1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("b.yaml@HEAD~1"),
        "the old side is named: {err}"
    );
}

#[test]
fn the_picker_lists_the_commits_that_changed_the_file() {
    let (_r, file) = two_versions();
    let list = brief::git::recent_commits(&file, 30, 2000).unwrap();
    let subjects: Vec<&str> = list.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["Tuesday: a stance moves", "Monday's briefing"]);
    assert_eq!(list[0].short.len(), 7);
    assert!(list[0].date.ends_with("2026"), "{:?}", list[0]);
}

fn app_since(file: &Path, rev: &str) -> App {
    let b = load_file(file).unwrap().briefing.unwrap();
    let mut app = App::new(b);
    for a in changes::work(Wanted::Since(rev.into()), file, app.briefing.clone(), None) {
        app.arrived(a);
    }
    app
}

#[test]
fn the_reader_marks_changed_and_new_items_and_lists_them() {
    let (_r, file) = two_versions();
    let mut app = app_since(&file, "HEAD~1");
    let b = app.briefing.clone();
    let moved = (0..b.positions.len())
        .map(|i| brief::briefing::ItemRef::new(Kind::Position, i))
        .find(|r| b.id(*r) == "pakistan-on-verifiable-action")
        .unwrap();
    let added = b.lookup("new-observer").unwrap();
    assert_eq!(app.mark(moved), Some((Mark::Changed, false)));
    assert_eq!(app.mark(added), Some((Mark::Added, false)));
    assert_eq!(app.mark(b.lookup("pakistan").unwrap()), None);
    // The Changes view: judgments first; Enter goes to the item.
    app.update(Action::Changes);
    assert_eq!(app.changes_view().unwrap().tab, Tab::Changes);
    app.update(Action::Down);
    app.update(Action::Enter);
    assert!(app.changes_view().is_none());
    assert_eq!(app.selected(), Some(added));
    // Removed items, the other way round.
    let mut back = App::new(load_file(&file).unwrap().briefing.unwrap());
    let old = brief::git::load_version(&file, "HEAD~2").unwrap();
    let now_as_old = Arc::new(old.0.briefing.unwrap());
    let c = changes::compare("then".into(), back.briefing.clone(), now_as_old, false);
    assert_eq!(c.changes.removed.len(), 1);
    assert_eq!(c.changes.removed[0].item.id, "new-observer");
    back.since = Some(c);
    assert!(
        back.since_now().is_none(),
        "marks of another version are hidden"
    );
}

#[test]
fn a_save_marks_what_it_changed_for_a_moment() {
    let (r, file) = two_versions();
    let mut app = app_since(&file, "HEAD~1");
    std::fs::write(
        r.path("b.yaml"),
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("name: A new observer", "name: A newer observer"),
    )
    .unwrap();
    let wanted: Vec<_> = crate::common::reload(&mut app)
        .into_iter()
        .filter_map(|e| match e {
            brief::app::Effect::Start(w) => Some(w),
            _ => None,
        })
        .collect();
    assert_eq!(wanted.len(), 1);
    let since = app.since.as_ref().map(|c| c.since());
    assert!(app.since_now().is_none(), "stale until compared again");
    for w in wanted {
        for a in changes::work(w, &file, app.briefing.clone(), since.clone()) {
            app.arrived(a);
        }
    }
    let renamed = app.briefing.lookup("new-observer").unwrap();
    assert_eq!(app.mark(renamed), Some((Mark::Changed, true)));
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("Saved: 1 changed")
    );
    assert!(app.since_now().is_some(), "the revision's marks are back");
    // Compared again for the one item the save changed: what comparing the
    // whole file with the revision says.
    let again = app.since.as_ref().unwrap();
    assert_eq!(
        *again.changes,
        brief::diff::compare(&again.base, &app.briefing)
    );
    let done = app.marks_deadline().unwrap();
    assert!(!app.expire_marks(done - std::time::Duration::from_millis(1)));
    assert!(app.expire_marks(done));
    assert_eq!(app.marks_deadline(), None, "no timer once they are gone");
    assert_eq!(app.mark(renamed), Some((Mark::Added, false)));
}

#[test]
fn presenting_adds_what_changed_after_the_bottom_line() {
    let (_r, file) = two_versions();
    let mut app = app_since(&file, "HEAD~1");
    app.screen = (100, 30);
    let p = crate::common::present(&mut app).unwrap();
    let titles: Vec<String> = p.pages.iter().map(|pg| pg.title(&p.slides)).collect();
    let at = titles
        .iter()
        .position(|t| t == "What changed")
        .expect("a slide");
    assert!(titles[..at].iter().any(|t| t.starts_with("Bottom line")));
    assert!(
        !titles[at + 1..]
            .iter()
            .any(|t| t.starts_with("Bottom line"))
    );
    let text: String = p.pages[at]
        .lines
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(text.contains("alignment oppose → mixed"), "{text}");
    assert!(text.find("Judgments") < text.find("New"), "{text}");
    // Compared with itself: no slide.
    let same = app_since(&file, "HEAD");
    assert!(
        same.changes_slide(&brief::ui::theme::Theme::plain())
            .is_none()
    );
}

#[test]
fn since_in_a_real_terminal_marks_lists_and_jumps() {
    let (_r, file) = two_versions();
    let f = file.to_str().unwrap();
    let mut t = Pty::spawn(brief_bin(), &[f, "--since", "HEAD~1"], 120, 40);
    t.wait_for("Δ since HEAD~1");
    // The comparison arrives from its thread after the header.
    t.wait_for("1 changed, 1 new, 0 removed");
    t.keys(&["2"]);
    t.wait_for("│▶ Δ ±");
    t.keys(&["c"]);
    let s = t.wait_for("What changed");
    assert!(
        s.contains("Changes (2)") && s.contains("Removed (0)"),
        "{s}"
    );
    t.keys(&["j", "\r"]);
    let s = t.wait_for("actor · new-observer");
    assert!(s.contains("+ New since HEAD~1"), "{s}");
    t.keys(&["c", "\t", "\t"]);
    let s = t.wait_for("Monday's briefing");
    assert!(s.contains("Tuesday: a stance moves"), "{s}");
    t.keys(&["j", "\r"]);
    t.wait_for("Δ since ");
    t.keys(&["\x1b", "q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// Monday's and Tuesday's example, loaded as text beside the bundled
/// sources: a stance moved and reworded, an actor added, one removed.
fn compared_app() -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/pakistan-afghanistan-ttp.yaml");
    let load = |text: &str| {
        Arc::new(
            brief::briefing::load::load_str(text, "b.yaml", path.clone())
                .briefing
                .unwrap(),
        )
    };
    let monday = load(&EXAMPLE.replacen(
        "  - id: analysts\n",
        "  - id: former-observer\n    name: A former observer\n  - id: analysts\n",
        1,
    ));
    let tuesday = EXAMPLE
        .replacen("alignment: oppose", "alignment: mixed", 1)
        .replacen(
            "Officials say assurances are insufficient",
            "Officials now say assurances alone are insufficient",
            1,
        )
        .replacen(
            "  - id: analysts\n",
            "  - id: new-observer\n    name: A new observer\n  - id: analysts\n",
            1,
        );
    let mut app = App::new(
        brief::briefing::load::load_str(&tuesday, "b.yaml", path.clone())
            .briefing
            .unwrap(),
    );
    let c = changes::compare(
        "HEAD~1 (3f2a9c1, 20 Nov 2026)".into(),
        monday,
        app.briefing.clone(),
        false,
    );
    app.arrived(changes::Arrived::Compared(Box::new(c)));
    app
}

#[test]
fn marked_panes_and_old_to_new_in_the_detail() {
    let mut app = compared_app();
    app.update(Action::Digit(2));
    insta::assert_snapshot!(screen(&mut app, 120, 40));
    insta::assert_snapshot!("marked_panes_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_changes_view_and_its_removed_list() {
    let mut app = compared_app();
    app.update(Action::Changes);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
    app.update(Action::NextPane);
    insta::assert_snapshot!("removed_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_long_what_changed_slide_continues_and_a_folder_is_refused() {
    let (r, file) = two_versions();
    // Every position's alignment moves.
    let now = std::fs::read_to_string(&file)
        .unwrap()
        .replace("alignment: unclear", "alignment: neutral");
    std::fs::write(r.path("b.yaml"), now).unwrap();
    let mut app = app_since(&file, "HEAD");
    app.screen = (60, 20);
    let p = crate::common::present(&mut app).unwrap();
    let parts: Vec<String> = p
        .pages
        .iter()
        .map(|pg| pg.title(&p.slides))
        .filter(|t| t.starts_with("What changed"))
        .collect();
    assert!(parts.len() > 1, "{parts:?}");
    assert_eq!(parts[0], format!("What changed 1/{}", parts.len()));
    let o = brief(&[r.dir.path().to_str().unwrap(), "--since", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a folder"));
}

#[test]
fn the_changes_view_names_a_new_marking_first() {
    let before = include_str!("../../briefs/payments-outage-exercise.yaml");
    let after = before.replacen("\nmarking: TLP:AMBER\n", "\nmarking: TLP:GREEN\n", 1);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/p.yaml");
    let load = |t: &str| {
        Arc::new(
            brief::briefing::load::load_str(t, "p.yaml", path.clone())
                .briefing
                .unwrap(),
        )
    };
    let c = changes::compare("HEAD~1".into(), load(before), load(&after), false);
    assert!(
        c.counts()
            .starts_with("the briefing's marking: TLP:AMBER → TLP:GREEN"),
        "{}",
        c.counts()
    );
}
