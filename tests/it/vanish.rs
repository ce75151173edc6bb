//! A terminal that goes away without a hang-up reaching brief (under
//! `nohup`, or from a session the terminal does not control): every screen
//! sees the end of its input and exits, instead of spinning on a terminal
//! that is no longer there, and says nothing to the closed terminal (a
//! failed write there must not turn into a panic).

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a step may take on a machine busy with other work.
const DEADLINE: Duration = Duration::from_secs(90);

/// The end of a frame: brief ends each with the end of a synchronized update.
const FRAME_END: &[u8] = b"\x1b[?2026l";
/// The keyboard-protocol query, which brief asks after its first frame.
const KEYBOARD_QUERY: &[u8] = b"\x1b[?u";

/// Starts `brief args` (with `env`) on a new pseudo-terminal with SIGHUP
/// ignored, waits for its first frame, closes the terminal and waits for it
/// to end.
fn vanish(args: &[&str], env: &[(&str, &std::path::Path)]) {
    vanish_after(args, env, FRAME_END);
}

/// [`vanish`], the terminal closed once `mark` has been written (the
/// keyboard query left unanswered); returns what was written.
fn vanish_after(args: &[&str], env: &[(&str, &std::path::Path)], mark: &[u8]) -> Vec<u8> {
    // The tests run side by side: another test's child spawned between
    // openpty and FD_CLOEXEC would inherit this terminal and keep it from
    // going away. One terminal is made and handed over at a time.
    static SPAWNING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let spawning = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let ok = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(ok, 0, "a pseudo-terminal");
    // Only the child's standard streams may hold the terminal: a leaked
    // copy of either end would keep it from going away.
    for fd in [master, slave] {
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    let master = unsafe { OwnedFd::from_raw_fd(master) };
    let slave = unsafe { OwnedFd::from_raw_fd(slave) };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .envs(env.iter().map(|(k, v)| (*k, *v)))
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    unsafe {
        cmd.pre_exec(|| {
            // A session of its own that the terminal does not control: no
            // hang-up is sent when the terminal closes, as under nohup.
            libc::signal(libc::SIGHUP, libc::SIG_IGN);
            libc::setsid();
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    drop(spawning);
    // Its first frame: read until one has been drawn whole (brief ends each
    // frame with the end of a synchronized update), answering the
    // terminal's queries as a terminal does.
    let mut term = std::fs::File::from(master);
    let mut seen = Vec::new();
    let mut buf = [0u8; 65536];
    let start = Instant::now();
    loop {
        let mut pfd = libc::pollfd {
            fd: term.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        if seen.windows(mark.len()).any(|w| w == mark) || start.elapsed() > DEADLINE {
            break;
        }
        if unsafe { libc::poll(&mut pfd, 1, 100) } <= 0 {
            continue;
        }
        match term.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                // The colour query is answered; the keyboard query (the
                // same device-attributes question after it) is not.
                let keyboard = buf[..n].windows(4).any(|w| w == KEYBOARD_QUERY);
                if !keyboard && buf[..n].windows(3).any(|w| w == b"\x1b[c") {
                    term.write_all(b"\x1b[?62;22c").unwrap();
                }
                seen.extend_from_slice(&buf[..n]);
            }
        }
    }
    assert!(
        seen.windows(FRAME_END.len()).any(|w| w == FRAME_END),
        "{args:?} drew no frame"
    );
    assert!(
        seen.windows(mark.len()).any(|w| w == mark),
        "{args:?} never wrote {}",
        mark.escape_ascii()
    );
    drop(term);
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                None,
                "{args:?} ended by a signal: {status}"
            );
            return seen;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("{args:?} kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

const EXAMPLE: &str = "briefs/pakistan-afghanistan-ttp.yaml";

#[test]
fn the_reader_ends_when_its_terminal_goes_away() {
    vanish(&[EXAMPLE], &[]);
}

#[test]
fn the_library_ends_when_its_terminal_goes_away() {
    vanish(&["briefs"], &[]);
}

#[test]
fn a_presentation_ends_when_its_terminal_goes_away() {
    vanish(&["present", EXAMPLE], &[]);
}

#[test]
fn the_notes_listener_ends_when_its_terminal_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&notes, std::fs::Permissions::from_mode(0o700)).unwrap();
    // Given to the child only: setting it in this process would race the
    // other tests' spawns.
    vanish(&["notes", EXAMPLE], &[("BRIEF_NOTES_DIR", &notes)]);
}

/// The keyboard query is a round trip the first frame does not wait for:
/// it is asked once the frame is drawn. A terminal that goes away before
/// answering it still ends brief (crossterm's wait for the answer would
/// otherwise retry the closed terminal forever, at full speed).
#[test]
fn the_keyboard_query_follows_the_first_frame_and_a_terminal_gone_before_answering_ends_brief() {
    for args in [&[EXAMPLE][..], &["present", EXAMPLE], &["briefs"]] {
        let seen = vanish_after(args, &[], KEYBOARD_QUERY);
        let at = |mark: &[u8]| seen.windows(mark.len()).position(|w| w == mark);
        assert!(
            at(FRAME_END) < at(KEYBOARD_QUERY),
            "{args:?}: the keyboard query came before the first frame"
        );
    }
}
