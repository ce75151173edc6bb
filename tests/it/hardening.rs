//! Hardening: signals restore the terminal, nothing blocks on a FIFO or
//! device, file names and JSON never carry control sequences.

use crate::common;
use common::{Pty, brief, brief_bin};

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

#[test]
fn a_key_repeated_thousands_of_times_is_one_finding_with_a_few_marks() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    let mut y = String::from("format: 1\ntitle: T\n");
    for i in 0..3000 {
        y.push_str(&format!("summary: s{i}\n"));
    }
    std::fs::write(&f, &y).unwrap();
    let o = brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("error[duplicate-key]").count(), 1, "{err}");
    assert!(err.contains("and 2996 more times"), "{err}");
    assert!(err.contains("first given here"), "{err}");
    // Each repeat once pointed at every other: 9 million marks.
    assert!(err.lines().count() < 40, "{err}");
    let o = brief(&["check", "--format", "json", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["marks"].as_array().unwrap().len(), 4);
}

mod notes_socket {
    use brief::present::notes::{self, MAX_LISTENERS, Server, State};
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::net::UnixStream;

    /// The socket for the example in `dir`, as the presenter picks it.
    fn sock_in(dir: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
        notes::socket_path_in(dir.to_path_buf(), &briefing())
    }

    fn briefing() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("briefs/pakistan-afghanistan-ttp.yaml")
    }

    #[test]
    fn a_folder_others_can_enter_or_a_link_is_refused_in_words() {
        let base = tempfile::tempdir().unwrap();
        let open = base.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = sock_in(&open)
            .and_then(Server::start_at)
            .err()
            .expect("refused");
        assert!(e.to_string().contains("open to others (needs 0700)"), "{e}");
        let link = base.path().join("link");
        std::os::unix::fs::symlink(base.path(), &link).unwrap();
        let e = sock_in(&link)
            .and_then(Server::start_at)
            .err()
            .expect("refused");
        assert!(e.to_string().contains("symbolic link"), "{e}");
    }

    #[test]
    fn the_socket_is_private_whatever_the_umask() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("made-by-brief");
        let old = unsafe { libc::umask(0) };
        let sock = sock_in(&dir);
        let server = sock.as_ref().ok().map(|s| Server::start_at(s.clone()));
        unsafe { libc::umask(old) };
        let (sock, server) = (sock.unwrap(), server.unwrap().unwrap());
        let dmode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        let smode = std::fs::metadata(&sock).unwrap().permissions().mode() & 0o777;
        assert_eq!((dmode, smode), (0o700, 0o600));
        drop(server);
        assert!(!sock.exists(), "removed when presenting stops");
    }

    #[test]
    fn listeners_that_never_read_cannot_stall_the_presenter() {
        let dir = super::common::private_dir();
        let sock = sock_in(dir.path()).unwrap();
        let server = Server::start_at(sock.clone()).unwrap();
        // More listeners than served, none of them reading.
        let idle: Vec<UnixStream> = (0..MAX_LISTENERS + 4)
            .map(|_| UnixStream::connect(&sock).unwrap())
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for n in 0..2000 {
                let state = State {
                    slide: n,
                    title: "x".repeat(10_000),
                    ..Default::default()
                };
                server.publish(&state);
            }
            tx.send(()).unwrap();
        });
        rx.recv_timeout(super::common::TIMEOUT)
            .expect("publishing never waits for listeners");
        // The ones past the cap are closed once the server comes to them:
        // they read the end, where a served one reads a state.
        let mut closed = 0;
        for mut s in idle {
            s.set_read_timeout(Some(super::common::TIMEOUT)).unwrap();
            let mut b = [0u8; 1];
            if matches!(s.read(&mut b), Ok(0)) {
                closed += 1;
            }
        }
        assert!(
            closed >= 4,
            "{closed} of the extra listeners were turned away"
        );
    }
}

/// Left alone, a screen writes nothing more to the terminal.
/// How often the process's threads have been switched in so far: a thread
/// that wakes for a timer adds to it, one blocked on input does not.
fn wakes(pid: u32) -> u64 {
    let mut n = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .flatten()
    {
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(v) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                n += v.trim().parse::<u64>().unwrap_or(0);
            }
        }
    }
    n
}

#[test]
fn idle_screens_write_nothing() {
    let dir = common::private_dir();
    use std::os::unix::fs::PermissionsExt;
    let private = dir.path().join("private");
    std::fs::create_dir(&private).unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700)).unwrap();
    let open = dir.path().join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    // The briefings are copies in a folder of their own: another test
    // reading briefs/ at the same time is not brief waking.
    let here = dir.path().join("briefs");
    std::fs::create_dir(&here).unwrap();
    common::copy_sources(&here);
    let example = here.join("pakistan-afghanistan-ttp.yaml");
    std::fs::copy(EXAMPLE, &example).unwrap();
    let (example, folder) = (example.to_str().unwrap(), here.to_str().unwrap());
    let screens: [(&[&str], &str, &[&str], &std::path::Path); 5] = [
        (&[example], "0 Overview", &[], &private),
        (&[folder], "Library of", &[], &private),
        // The presentation with its clock hidden (t).
        (
            &["present", example],
            "PUBLIC // OPEN SOURCES",
            &["t"],
            &private,
        ),
        // A notice in the footer hides the clock: nothing ticks.
        (&["present", example], "No notes:", &[], &open),
        (
            &["notes", example],
            "Waiting for the presenter",
            &[],
            &private,
        ),
    ];
    for (args, ready, keys, notes_dir) in screens {
        let env = [("BRIEF_NOTES_DIR", notes_dir.to_str().unwrap())];
        let mut t = Pty::spawn_env(brief_bin(), args, 100, 30, &env);
        t.wait_for(ready);
        t.keys(keys);
        // Work the screen started (checks, the search index) ends first.
        let start = std::time::Instant::now();
        let mut woke = wakes(t.pid());
        loop {
            std::thread::sleep(std::time::Duration::from_millis(500));
            let now = wakes(t.pid());
            if now == woke || start.elapsed().as_secs() > 20 {
                break;
            }
            woke = now;
        }
        let before = t.raw_output().len();
        // BRIEF_IDLE_SECS=10 for the figure in docs/performance.md.
        let secs = std::env::var("BRIEF_IDLE_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3);
        std::thread::sleep(std::time::Duration::from_secs(secs));
        let after = t.raw_output().len();
        assert_eq!(
            after - before,
            0,
            "{args:?} (ready at {ready:?}, keys {keys:?}) wrote {} bytes while idle: {}",
            after - before,
            t.raw_tail(after - before)
        );
        assert_eq!(
            wakes(t.pid()),
            woke,
            "{args:?}: a thread woke while idle ({secs} s)"
        );
        t.keys(&["q"]);
    }
}

#[test]
fn large_numbers_are_values_not_syntax_errors_and_echoed_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("n.yaml");
    let big = "9".repeat(30);
    std::fs::write(&f, format!("format: {big}\ntitle: {}\n", "1".repeat(30))).unwrap();
    let o = brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("format `{big}` is not supported")),
        "{err}"
    );
    assert!(!err.contains("yaml-syntax"), "{err}");
}

/// What the screen settles on within the harness's timeout: `Some` of the
/// first of `texts` shown, `None` when the program exited first.
fn settle(p: &mut Pty, texts: &[&str]) -> Option<String> {
    let start = std::time::Instant::now();
    loop {
        let s = p.screen();
        if let Some(t) = texts.iter().find(|t| s.contains(**t)) {
            return Some(t.to_string());
        }
        if start.elapsed() > common::TIMEOUT {
            panic!("neither {texts:?} nor an exit; the screen:\n{s}");
        }
        // Answers crossterm's terminal query while it waits.
        if p.try_exit().is_some() {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// With too few file descriptors the reader and a presentation never
/// hang: they say keys cannot be read and leave the terminal as it was, or
/// they open; when they cannot watch the file they say so and `r` reloads
/// by hand; a reload that cannot read the file says why. A load that could
/// not open the article for want of a descriptor (the load and the
/// terminal's set-up race for the last one) is said on the screen that
/// waits for the file, and `q` leaves it.
#[test]
fn running_out_of_file_descriptors_never_hangs_nor_silently_stops_reloads() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_sources(dir.path());
    let file = dir.path().join("b.yaml");
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let renamed = text.replace("Assurances versus", "Renamed assurances versus");
    // The reader's banner, or the presentation's footer.
    let after_save = [
        "Renamed assurances",
        "The last save has 1 error",
        "Last save not loaded",
    ];
    for mode in ["", "present "] {
        let (mut refused, mut unwatched, mut by_hand, mut watched) = (0, 0, 0, 0);
        for n in 4..=20 {
            std::fs::write(&file, &text).unwrap();
            let cmd = format!(
                "ulimit -n {n} && exec {} {mode}{}",
                brief_bin(),
                file.display()
            );
            let mut p = Pty::spawn("sh", &["-c", &cmd], 150, 30);
            let opened = settle(
                &mut p,
                &["Assurances versus verifiable action", "does not load yet"],
            );
            let s = p.screen();
            if opened.as_deref() == Some("does not load yet") {
                assert!(
                    s.contains("Too many open files"),
                    "{mode}with {n} descriptors the load failed without saying why:\n{s}"
                );
                p.send("q");
                p.wait_exit();
                assert!(!p.alternate_screen() && !p.mouse_captured(), "{n}: {s}");
                refused += 1;
                continue;
            }
            if opened.is_none() {
                assert!(
                    s.contains("keys cannot be read") || s.contains("Too many open files"),
                    "{mode}with {n} descriptors it exited without saying why:\n{s}"
                );
                assert!(!p.alternate_screen() && !p.mouse_captured(), "{n}: {s}");
                refused += 1;
                continue;
            }
            // The file is watched once the first frame is out: that it
            // cannot be is said then, in the first frame's place, and may
            // show only after the save below.
            const OFF: &str = "Live reload is off";
            let mut off = s.contains(OFF);
            std::fs::write(&file, &renamed).unwrap();
            if off {
                p.send("r");
            }
            // A save shows by itself, or `r` shows it; either way a save
            // that cannot be read is said, never silently dropped.
            let exited = || panic!("{mode}{n}: exited after a save");
            let mut seen = if off {
                settle(&mut p, &after_save).unwrap_or_else(exited)
            } else {
                let either = [after_save.as_slice(), &[OFF]].concat();
                settle(&mut p, &either).unwrap_or_else(exited)
            };
            if seen == OFF {
                off = true;
                p.send("r");
                seen = settle(&mut p, &after_save).unwrap_or_else(exited);
            }
            if off {
                unwatched += 1;
            } else {
                watched += 1;
            }
            if seen != after_save[0] {
                // A presentation's footer wraps the cause over the slide's
                // last lines; the reader's banner says how many errors and
                // `e` lists them.
                let words = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
                let why = "Too many open files";
                if !words(p.screen()).contains(why) {
                    assert!(
                        mode.is_empty(),
                        "{n}: the footer cut the cause:\n{}",
                        p.screen()
                    );
                    p.send("e");
                    p.wait_for(why);
                    // q closes the errors; the next one quits.
                    p.send("q");
                }
            } else if off {
                by_hand += 1;
            }
            p.send("q");
            p.wait_exit();
        }
        assert!(refused > 0, "{mode}: no limit was low enough to refuse");
        assert!(unwatched > 0, "{mode}: no limit left the file unwatched");
        // A presentation's notes socket takes what the watcher could not,
        // so there `r` can only say the file cannot be read.
        assert!(
            by_hand > 0 || !mode.is_empty(),
            "r never reloaded an unwatched file"
        );
        assert!(watched > 0, "{mode}: no limit was high enough to watch");
    }
}

/// A notes listener with too few file descriptors never hangs and never
/// says it waits for a presenter that is there: it shows the notes, says
/// the presenter cannot be reached (and keeps trying), or says keys
/// cannot be read and leaves.
#[test]
fn a_notes_listener_out_of_file_descriptors_says_so() {
    let dir = common::private_dir();
    let env = [("BRIEF_NOTES_DIR", dir.path().to_str().unwrap())];
    let mut show = Pty::spawn_env(brief_bin(), &["present", EXAMPLE], 120, 40, &env);
    show.wait_for("1/12");
    let (mut refused, mut stalled, mut following) = (0, 0, 0);
    for n in 4..=20 {
        let cmd = format!("ulimit -n {n} && exec {} notes {EXAMPLE}", brief_bin());
        let mut notes = Pty::spawn_env("sh", &["-c", &cmd], 100, 30, &env);
        // Waiting for the presenter (while it is there) fails here.
        let shown = settle(&mut notes, &["Slide 1/12", "cannot be reached"]);
        match shown.as_deref() {
            None => {
                let s = notes.screen();
                // The raw tail too: this once failed with an empty screen.
                assert!(
                    s.contains("keys cannot be read"),
                    "{n}: {s}\nwritten: {}",
                    notes.raw_tail(600)
                );
                refused += 1;
                continue;
            }
            Some("cannot be reached") => stalled += 1,
            _ => following += 1,
        }
        notes.send("q");
        notes.wait_exit();
    }
    assert!(refused > 0 && stalled > 0 && following > 0);
}

/// A key with a tab or a newline in it is quoted escaped: every finding's
/// headline stays on one line, as do the helps.
#[test]
fn keys_with_tabs_and_newlines_keep_each_finding_on_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.yaml");
    std::fs::write(
        &file,
        "format: 1\ntitle: T\n\"a\\tb\": 1\n\"c\\nd\": 2\n\"c\\nd\": 3\n",
    )
    .unwrap();
    let out = brief(&["check", file.to_str().unwrap()]);
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unknown field `a\\tb`"), "{text}");
    assert!(text.contains("`c\\nd` is given more than once"), "{text}");
    for line in text.lines() {
        assert!(!line.contains('\t'), "a tab reached the output: {line:?}");
        if line.starts_with("error[") || line.contains("= help:") {
            assert!(line.ends_with(|c: char| !c.is_control()), "{line:?}");
        }
    }
    let headlines = text.lines().filter(|l| l.starts_with("error[")).count();
    assert_eq!(headlines, 3, "{text}");
}
