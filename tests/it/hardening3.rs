//! Hardening, round 3: each defect the attack round found, as a test that
//! failed before its fix — repositories and outputs that could hang or
//! overwrite, file names that forge lines, a `file:` that answers questions
//! about the disk outside the folder, source texts that cost more than
//! their size, and stopping with Ctrl-Z.

use crate::common;
use common::repo::Repo;
use common::{Pty, brief, brief_bin};
use std::path::Path;
use std::time::Duration;

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// `brief args` run on a thread; fails (instead of hanging the suite) when
/// it has not returned within the harness's generous deadline.
fn returns(args: Vec<String>) -> std::process::Output {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = tx.send(brief(&a));
    });
    rx.recv_timeout(common::TIMEOUT)
        .expect("brief returned instead of blocking")
}

#[test]
fn a_fifo_where_git_is_read_is_refused_without_hanging() {
    let example = include_str!("../../briefs/payments-outage-exercise.yaml");
    for inside in [
        "HEAD",
        "config",
        "packed-refs",
        "refs/heads/stuck",
        "objects/info/alternates",
    ] {
        let mut r = Repo::new();
        r.commit("one", &[("b.yaml", example)]);
        let git = r.dir.path().join(".git");
        let p = git.join(inside);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&p);
        mkfifo(&p);
        let file = r.path("b.yaml");
        let o = returns(vec![
            "diff".into(),
            file.to_str().unwrap().into(),
            "--since".into(),
            "HEAD".into(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{inside}: {err}");
        assert!(err.contains("not a regular file"), "{inside}: {err}");
    }
}

#[test]
fn export_never_writes_through_a_link_to_the_briefing_nor_waits_on_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("../../briefs/payments-outage-exercise.yaml");
    let file = dir.path().join("b.yaml");
    std::fs::write(&file, text).unwrap();
    let link = dir.path().join("handout.html");
    std::fs::hard_link(&file, &link).unwrap();
    let o = returns(vec![
        "export".into(),
        file.to_str().unwrap().into(),
        "--format".into(),
        "html".into(),
        "-o".into(),
        link.to_str().unwrap().into(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the briefing itself"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "nothing lost"
    );
    let fifo = dir.path().join("out.md");
    mkfifo(&fifo);
    let o = returns(vec![
        "export".into(),
        file.to_str().unwrap().into(),
        "--format".into(),
        "md".into(),
        "-o".into(),
        fifo.to_str().unwrap().into(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("FIFO"));
}

#[test]
fn newlines_and_tabs_in_file_names_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a\nerror[forged]: b\t.yaml");
    std::fs::write(&file, "title: T\nactors: 3\n").unwrap();
    let o = brief(&["check", file.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("\nerror[forged]"), "{err}");
    assert!(err.contains("\\u{a}error[forged]: b\\u{9}.yaml"), "{err}");
}

#[test]
fn a_file_outside_the_folder_is_refused_the_same_whether_it_exists_or_not() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/", dir.path().join("root")).unwrap();
    let msg = |target: &str| {
        let f = dir.path().join("b.yaml");
        std::fs::write(
            &f,
            format!("title: T\nsources:\n  - id: s\n    title: S\n    file: root/{target}\n"),
        )
        .unwrap();
        let o = brief(&["check", f.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        err.lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or("")
            .to_string()
    };
    let there = msg("etc/hostname.txt").replace("etc/hostname.txt", "X");
    let not_there =
        msg("etc/no-such-file-anywhere.txt").replace("etc/no-such-file-anywhere.txt", "X");
    assert!(there.contains("leads outside"), "{there}");
    assert_eq!(there, not_there);
}

#[test]
fn a_paragraph_of_a_million_characters_is_one_paragraph() {
    let long = "word ".repeat(300_000);
    for (kind, text) in [
        ("html", format!("<p>{long}</p><p>second</p>")),
        ("txt", format!("{long}\n\nsecond")),
    ] {
        let p = brief::briefing::evidence::source_text::paragraphs(kind, &text);
        assert_eq!(p.len(), 2, "{kind}");
        assert_eq!(p[1], "second");
    }
}

#[test]
fn deeply_nested_html_keeps_its_text() {
    let n = 40_000;
    let page = format!(
        "<p>first</p>{}the words deep inside{}<p>last</p>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let p = brief::briefing::evidence::source_text::paragraphs("html", &page);
    assert_eq!(p.first().map(String::as_str), Some("first"));
    assert_eq!(p.last().map(String::as_str), Some("last"));
    assert!(p.iter().any(|x| x == "the words deep inside"), "{p:?}");
}

/// Stopped (state T in /proc), as the shell's job control sees it.
fn stopped(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit(')')
                .next()
                .map(|r| r.trim_start().starts_with('T'))
        })
        .unwrap_or(false)
}

fn wait_until(what: &str, cond: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < common::TIMEOUT,
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_and_sigtstp_stop_with_the_terminal_restored_and_fg_redraws() {
    let example = "briefs/pakistan-afghanistan-ttp.yaml";
    let notes = common::private_dir();
    let env = [("BRIEF_NOTES_DIR", notes.path().to_str().unwrap())];
    let modes: [(&[&str], &str); 4] = [
        (&[example], "PUBLIC // OPEN SOURCES"),
        (&["briefs"], "PUBLIC // OPEN SOURCES"),
        (&["present", example], "PUBLIC // OPEN SOURCES"),
        (&["notes", example], "Waiting for the presenter"),
    ];
    for (args, ready) in modes {
        for how in ["ctrl-z", "signal"] {
            let mut t = Pty::spawn_env(brief_bin(), args, 100, 30, &env);
            t.wait_for(ready);
            match how {
                "ctrl-z" => t.send("\x1a"),
                _ => t.signal(libc::SIGTSTP),
            }
            let pid = t.pid();
            wait_until("brief to stop", || stopped(pid));
            // What it wrote before it stopped reaches the emulator.
            wait_until("the terminal restored", || {
                !t.alternate_screen() && !t.mouse_captured() && !t.bracketed_paste()
            });
            // `fg`: the screen is brief's again, drawn whole.
            t.signal(libc::SIGCONT);
            wait_until("brief to run again", || !stopped(pid));
            let s = t.wait_until("a whole frame", |s| s.contains(ready));
            assert!(t.alternate_screen(), "{args:?} {how}: {s}");
            t.keys(&["q"]);
            assert_eq!(t.wait_exit(), 0, "{args:?} {how}");
        }
    }
}

/// The small findings of the round: each as a user meets it.
#[test]
fn the_round_s_small_findings_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, text: &str| {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        let o = brief(&["check", f.to_str().unwrap()]);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    // A briefing written as JSON (YAML's flow style) is a briefing.
    let (code, err) = check(
        "json.yaml",
        "{\"title\": \"JSON\", \"actors\": [{\"id\": \"a\", \"name\": \"A\"}], \"timeline\": [{\"id\": \"e\", \"date\": \"2026-01-02\", \"title\": \"E\", \"actors\": [\"a\"]}]}\n",
    );
    assert_eq!(code, Some(0), "{err}");
    // A latitude of `~` is no coordinate: said, not taken as none.
    let (code, err) = check(
        "lat.yaml",
        "title: T\ntimeline:\n  - id: e\n    date: 2026-01-02\n    title: E\n    location: {name: X, lat: ~, lon: 70}\n",
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("`lat` is empty"), "{err}");
    // A value of a million digits is not echoed whole.
    let huge = "9".repeat(1_000_000);
    let (_, err) = check("n.yaml", &format!("format: {huge}\ntitle: T\n"));
    assert!(err.len() < 10_000, "{} bytes of message", err.len());
    assert!(
        err.contains("is not supported"),
        "{}",
        &err[..200.min(err.len())]
    );
    // A secret behind a link whose lines look like keys is not quoted.
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "x-api-key: hunter2-secret\nsummary: private\n").unwrap();
    let folder = dir.path().join("briefs");
    std::fs::create_dir(&folder).unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("s.yaml")).unwrap();
    let o = brief(&["check", folder.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not a briefing") && !err.contains("hunter2"),
        "{err}"
    );
}

#[test]
fn a_long_word_wraps_in_the_html_handout() {
    let o = brief(&[
        "export",
        "briefs/payments-outage-exercise.yaml",
        "--format",
        "html",
    ]);
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(page.contains("overflow-wrap: anywhere"));
}
