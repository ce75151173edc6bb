//! Hardening: signals restore the terminal, nothing blocks on a FIFO or
//! device, file names and JSON never carry control sequences.

mod common;
use common::{Pty, brief_bin};
use std::process::Command;

const EXAMPLE: &str = "briefs/pakistan-afghanistan-ttp.yaml";

#[test]
fn every_stop_signal_restores_the_terminal_in_every_mode() {
    let modes: [&[&str]; 3] = [&[EXAMPLE], &["briefs"], &["present", EXAMPLE]];
    for args in modes {
        for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGQUIT, libc::SIGHUP] {
            let mut t = Pty::spawn(brief_bin(), args, 100, 30);
            t.wait_for("PUBLIC // OPEN SOURCES");
            assert!(t.alternate_screen() && t.mouse_captured());
            t.signal(sig);
            let code = t.wait_exit();
            assert_eq!(code, 128 + sig as u32, "{args:?} {sig}");
            assert!(
                !t.alternate_screen(),
                "{args:?} {sig}: left the alternate screen"
            );
            assert!(!t.mouse_captured(), "{args:?} {sig}: mouse capture off");
            assert!(!t.bracketed_paste(), "{args:?} {sig}: bracketed paste off");
        }
    }
}

fn brief(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Runs brief on a thread and fails instead of hanging.
fn brief_within(args: Vec<String>, secs: u64) -> std::process::Output {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = tx.send(brief(&a));
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .expect("brief returned instead of blocking")
}

#[test]
fn a_fifo_or_device_as_a_briefing_or_a_link_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for target in [fifo.to_str().unwrap(), "/dev/zero", "/dev/null"] {
        let o = brief_within(vec!["check".into(), target.into()], 10);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{target}: {err}");
        assert!(err.contains("not a regular file"), "{target}: {err}");
        let o = brief_within(vec!["print".into(), target.into()], 10);
        assert_eq!(o.status.code(), Some(2), "{target}");
    }
    // A link to /dev/zero or to the FIFO reads nothing and says why.
    let b = dir.path().join("b.yaml");
    std::fs::write(
        &b,
        format!(
            "format: 1\ntitle: T\nactors:\n  - id: a\n    name: A\n    part_of: [\"/dev/zero#x\", \"{}#y\"]\n",
            fifo.display()
        ),
    )
    .unwrap();
    let o = brief_within(vec!["check".into(), b.to_str().unwrap().into()], 10);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.matches("not a regular file").count() >= 2, "{err}");
}

#[test]
fn file_names_never_reach_the_terminal_as_control_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "x\u{1b}]52;c;aGk=\u{7}\u{1b}]0;pwned\u{7}\u{9b}2J.yaml";
    std::fs::write(dir.path().join(evil), "format: 1\ntitle: [oops\n").unwrap();
    let o = brief(&["check", dir.path().to_str().unwrap()]);
    for out in [&o.stdout, &o.stderr] {
        assert!(!out.contains(&0x1b), "{}", String::from_utf8_lossy(out));
        assert!(!out.windows(2).any(|w| w == [0xc2, 0x9b]), "C1 CSI");
        assert!(!out.contains(&0x07), "BEL");
    }
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\\u{1b}]52"),
        "the escape is shown, not sent: {err}"
    );
}

#[test]
fn json_escapes_c1_and_bidi_characters() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    std::fs::write(&f, "format: 1\ntitle: T\nevil\u{202e}key\u{2066}: 1\n").unwrap();
    let o = brief(&["check", "--format", "json", f.to_str().unwrap()]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        !out.contains('\u{202e}') && !out.contains('\u{2066}'),
        "{out}"
    );
    assert!(out.contains("\\u202e"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let msg = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains('\u{202e}'),
        "the JSON still means the same text"
    );
}

#[test]
fn a_secret_behind_a_link_in_a_briefing_folder_is_never_printed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("netrc");
    std::fs::write(&secret, "machine example.com login me password hunter2\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("zz.yaml")).unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "format: 1\ntitle: A\nactors:\n  - id: a\n    name: A\n    part_of: [\"zz.yaml#x\"]\n",
    )
    .unwrap();
    let o = brief(&["check", dir.path().to_str().unwrap()]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!all.contains("hunter2"), "{all}");
    assert!(all.contains("not-a-briefing"), "{all}");
    assert!(
        all.contains("it is not a briefing"),
        "the link says why: {all}"
    );
}

#[test]
fn many_findings_print_a_page_and_json_keeps_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    let mut y =
        String::from("format: 1\ntitle: T\nactors:\n  - id: a\n    name: A\n    part_of: [");
    let refs: Vec<String> = (0..2000).map(|i| format!("nobody-{i}")).collect();
    y.push_str(&refs.join(", "));
    y.push_str("]\n");
    std::fs::write(&f, &y).unwrap();
    let o = brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.matches("error[dangling-reference]").count(),
        50,
        "capped"
    );
    assert!(
        err.contains("… and 1950 more [dangling-reference]"),
        "{}",
        &err[err.len().saturating_sub(400)..]
    );
    // Every source line is a window of the 20 KB line, not the line.
    assert!(err.len() < 100_000, "{} bytes", err.len());
    let o = brief(&["check", "--format", "json", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"], 2000);
}
