//! `brief check --watch`: checked again at each save, the screen cleared
//! between runs on a terminal and never when piped.

use crate::common::{Pty, TIMEOUT, brief_bin, copy_sources};
use std::io::{BufRead, BufReader};
use std::time::Instant;

fn example(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    copy_sources(dir);
    let f = dir.join("b.yaml");
    let text = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml").to_string();
    std::fs::write(&f, &text).unwrap();
    (f, text)
}

#[test]
fn each_save_is_checked_again_and_a_terminal_is_cleared_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (f, text) = example(dir.path());
    let file = f.to_string_lossy().into_owned();
    let mut t = Pty::spawn_env(
        brief_bin(),
        &["check", "--watch", &file],
        100,
        30,
        &[("NO_COLOR", "1")],
    );
    t.wait_for("b.yaml: ok");
    t.wait_for("Watching for saves");
    std::fs::write(
        &f,
        text.replacen("actor: pakistan\n", "actor: pakistn\n", 1),
    )
    .unwrap();
    let s = t.wait_for("error[dangling-reference]");
    assert!(!s.contains("b.yaml: ok"), "the first run was cleared:\n{s}");
    assert!(String::from_utf8_lossy(&t.raw_output()).contains("\x1b[2J"));
    // A source text beside it counts as a save too.
    std::fs::write(&f, &text).unwrap();
    t.wait_for("b.yaml: ok");
    crate::common::drop_quoted_words(dir.path());
    t.wait_for("error[quote-not-found]");
}

#[test]
fn piped_runs_follow_each_other_without_clearing() {
    let dir = tempfile::tempdir().unwrap();
    let (f, text) = example(dir.path());
    let mut child = std::process::Command::new(brief_bin())
        .args(["check", "--watch"])
        .arg(&f)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for l in BufReader::new(err).lines() {
            if tx.send(l.unwrap_or_default()).is_err() {
                return;
            }
        }
    });
    let mut all = String::new();
    let wait = |want: &str, all: &mut String| {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let l = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no {want:?} in:\n{all}"));
            all.push_str(&l);
            all.push('\n');
            if l.contains(want) {
                return;
            }
        }
    };
    wait("Watching for saves", &mut all);
    std::fs::write(
        &f,
        text.replacen("actor: pakistan\n", "actor: pakistn\n", 1),
    )
    .unwrap();
    wait("error[dangling-reference]", &mut all);
    wait("Watching for saves", &mut all);
    let _ = child.kill();
    let _ = child.wait();
    assert!(all.contains("b.yaml: ok"), "{all}");
    assert!(!all.contains('\x1b'), "{all:?}");
}
