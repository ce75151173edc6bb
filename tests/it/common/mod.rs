//! A pseudo-terminal harness: runs the real `brief` binary, types keys and
//! reads the screen through a vt100 emulator.
#![allow(dead_code)]

pub mod lsp_client;
pub mod repo;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Shared with the thread that reads the output, which answers the
    /// program's questions to the terminal as they come, as a terminal does.
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    /// The program's side of the terminal is closed: all it wrote is read.
    closed: Arc<std::sync::atomic::AtomicBool>,
}

/// How long a test waits for a screen before it fails: generous, so a
/// machine busy with other work (a second build, `stress`) is only slower.
pub const TIMEOUT: Duration = Duration::from_secs(90);

const BEGIN_FRAME: &[u8] = b"\x1b[?2026h";
const END_FRAME: &[u8] = b"\x1b[?2026l";

/// Feeds the emulator whole frames only: brief wraps each frame in
/// synchronized-output marks, and bytes between them are held until the
/// frame ends, so a test never reads a screen drawn halfway.
struct Frames {
    held: Vec<u8>,
    inside: bool,
}

impl Frames {
    fn feed(&mut self, bytes: &[u8], parser: &Mutex<vt100::Parser>) {
        self.held.extend_from_slice(bytes);
        loop {
            let mark = if self.inside { END_FRAME } else { BEGIN_FRAME };
            match find(&self.held, mark) {
                Some(at) => {
                    if !self.inside || at > 0 {
                        parser.lock().unwrap().process(&self.held[..at]);
                    }
                    self.held.drain(..at + mark.len());
                    self.inside = !self.inside;
                }
                None => {
                    if !self.inside {
                        // Keep what could be the start of a mark.
                        let keep = (1..mark.len())
                            .rev()
                            .find(|&n| self.held.ends_with(&mark[..n]))
                            .unwrap_or(0);
                        let upto = self.held.len() - keep;
                        parser.lock().unwrap().process(&self.held[..upto]);
                        self.held.drain(..upto);
                    }
                    return;
                }
            }
        }
    }
}

/// crossterm asks whether the terminal supports keyboard enhancement
/// (`CSI ? u`) followed by primary device attributes (`CSI c`); the latter
/// is answered at once, wherever the test is, as a terminal would: the
/// question comes after the first frame, when a test may be sleeping
/// rather than reading the screen, and unanswered it holds the program
/// for crossterm's two-second timeout.
const DEVICE_ATTRIBUTES: &[u8] = b"\x1b[c";

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Answers `asked` device-attribute queries; the program may have exited
/// since it asked.
fn answer(writer: &Mutex<Box<dyn Write + Send>>, asked: usize) {
    let mut w = writer.lock().unwrap();
    for _ in 0..asked {
        let _ = w.write_all(b"\x1b[?62;22c");
        let _ = w.flush();
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Pty {
    /// Runs `program args` in a `cols`×`rows` terminal.
    pub fn spawn(program: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
        Self::spawn_env(program, args, cols, rows, &[])
    }

    pub fn spawn_env(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("XDG_CACHE_HOME", test_cache());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let (p, r, answers) = (parser.clone(), raw.clone(), writer.clone());
        let closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = closed.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut frames = Frames {
                held: Vec::new(),
                inside: false,
            };
            loop {
                match reader.read(&mut buf) {
                    // A signal is not the end of the output.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let asked = {
                            let mut raw = r.lock().unwrap();
                            let from = raw.len().saturating_sub(DEVICE_ATTRIBUTES.len() - 1);
                            raw.extend_from_slice(&buf[..n]);
                            count(&raw[from..], DEVICE_ATTRIBUTES)
                        };
                        frames.feed(&buf[..n], &p);
                        answer(&answers, asked);
                    }
                }
            }
            // A frame cut off by an exit is still shown as it was left.
            p.lock().unwrap().process(&frames.held);
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Pty {
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
            closed,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The last `n` bytes the program wrote, escaped, for a failure's message.
    pub fn raw_tail(&self, n: usize) -> String {
        let raw = self.raw.lock().unwrap();
        let from = raw.len().saturating_sub(n);
        raw[from..].escape_ascii().to_string()
    }

    pub fn send(&mut self, bytes: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// Sends keys one by one, as a person types.
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.send(k);
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Waits until the screen shows `text`; panics with the screen if not.
    pub fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until the screen is as `ready` wants it (`what` says how, for
    /// the failure); panics with the screen if it never is.
    pub fn wait_until(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ready(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text))
    }

    /// Waits for the library to have checked every file (no row still
    /// says "checking"), and returns the screen.
    pub fn wait_checked(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.wait_for(text);
            if !s.contains(" checking") {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("the library never finished checking:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until everything the program wrote before it exited is read.
    fn drain(&self) {
        let start = Instant::now();
        while !self.closed.load(std::sync::atomic::Ordering::SeqCst) && start.elapsed() < TIMEOUT {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator first: once the pty is resized brief may redraw at
        // once, and a frame read at the old size would be garbled for good.
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn mouse_captured(&self) -> bool {
        self.parser.lock().unwrap().screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    pub fn bracketed_paste(&self) -> bool {
        self.parser.lock().unwrap().screen().bracketed_paste()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Sends a signal to the program.
    pub fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("a pid") as i32;
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    }

    /// The exit code if the program has exited, without waiting.
    pub fn try_exit(&mut self) -> Option<u32> {
        let status = self.child.try_wait().unwrap()?;
        self.drain();
        Some(status.exit_code())
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the program did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn brief_bin() -> &'static str {
    env!("CARGO_BIN_EXE_brief")
}

/// The cache folder of the tests' runs of brief, under the build's own
/// folder: the reader keeps every briefing it opens, and a test run should
/// not fill the developer's own cache with its fixtures.
pub fn test_cache() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache")
}

/// Runs `brief args` to the end from the project's folder, without colour.
pub fn brief(args: &[&str]) -> std::process::Output {
    std::process::Command::new(brief_bin())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", test_cache())
        .output()
        .unwrap()
}

/// A fresh folder only its owner may enter, as brief wants the speaker
/// notes' socket folder (it refuses one others can enter).
pub fn private_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

/// The example cites its article's text, kept beside it: a copy of the
/// example in `dir` needs it there too.
pub fn copy_sources(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/briefs/sources/pakistan-afghanistan-ttp.txt"
        ),
        dir.join("sources/pakistan-afghanistan-ttp.txt"),
    )
    .unwrap();
}

/// Takes out of the example's article (copied into `dir` by
/// [`copy_sources`]) the words one of its quotes cites, as a save would.
pub fn drop_quoted_words(dir: &std::path::Path) -> std::path::PathBuf {
    let txt = dir.join("sources/pakistan-afghanistan-ttp.txt");
    let article = std::fs::read_to_string(&txt).unwrap();
    let cut = "links to networks operating from across the border";
    assert!(article.contains(cut));
    std::fs::write(&txt, article.replace(cut, "links abroad")).unwrap();
    txt
}

/// The reader drawn once on ratatui's TestBackend at `w`×`h`, without
/// colour, as text.
pub fn screen(app: &mut brief::app::App, w: u16, h: u16) -> String {
    drawn(app, w, h).0
}

/// The reader drawn once, as text, and where the frame put things (the
/// app takes its sizes, as the terminal loop does after each frame).
pub fn drawn(app: &mut brief::app::App, w: u16, h: u16) -> (String, brief::app::view::Drawn) {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let mut drawn = Default::default();
    t.draw(|f| drawn = brief::app::view::draw(f, app, &brief::ui::theme::Theme::plain()))
        .unwrap();
    app.measured(&drawn);
    (t.backend().to_string(), drawn)
}

/// The bundled example with markings: the briefing GREEN, China AMBER, the
/// Urumqi talks RED.
pub fn marked_example() -> String {
    include_str!("../../../briefs/pakistan-afghanistan-ttp.yaml")
        .replacen(
            "classification: PUBLIC // OPEN SOURCES\n",
            "classification: PUBLIC // OPEN SOURCES\nmarking: TLP:GREEN\n",
            1,
        )
        .replacen(
            "  - id: china\n    name: China\n    kind: state\n",
            "  - id: china\n    name: China\n    kind: state\n    marking: TLP:AMBER\n",
            1,
        )
        .replacen(
            "  - id: urumqi-talks\n    when: first week of April\n",
            "  - id: urumqi-talks\n    when: first week of April\n    marking: red\n",
            1,
        )
}

/// The text an action asked to copy, if it did.
pub fn copied(fx: &[brief::app::Effect]) -> Option<String> {
    fx.iter().find_map(|e| match e {
        brief::app::Effect::Copy(t) => Some(t.clone()),
        _ => None,
    })
}

/// The URL an action asked to open, if it did.
pub fn opened(fx: &[brief::app::Effect]) -> Option<String> {
    fx.iter().find_map(|e| match e {
        brief::app::Effect::OpenUrl(u) => Some(u.clone()),
        _ => None,
    })
}

/// The jump into another briefing an action asked for, if it did.
pub fn other(fx: Vec<brief::app::Effect>) -> Option<brief::app::history::Jump> {
    fx.into_iter().find_map(|e| match e {
        brief::app::Effect::OpenOther(j) => Some(j),
        _ => None,
    })
}

/// `p` pressed in the reader: the presentation the terminal would show.
pub fn present(app: &mut brief::app::App) -> Option<brief::present::Presenter> {
    let at = app
        .update(brief::app::Action::Present)
        .into_iter()
        .find_map(|e| match e {
            brief::app::Effect::Present(at) => Some(at),
            _ => None,
        })?;
    app.presentation(at, brief::ui::theme::Theme::plain()).ok()
}

/// A presentation drawn once as the terminal draws it (help and all) at
/// `w`×`h`, without colour, as text.
pub fn presenting(
    p: &mut brief::present::Presenter,
    b: &brief::briefing::Briefing,
    w: u16,
    h: u16,
) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    p.layout(w, h);
    t.draw(|f| brief::tui::present_frame(f, p, b, &brief::ui::theme::Theme::plain()))
        .unwrap();
    t.backend().to_string()
}

/// A save (or `r`) as the terminal loop takes it: the file read by the
/// loop's own reload read, put in place by `apply_reload`.
pub fn reload(app: &mut brief::app::App) -> Vec<brief::app::Effect> {
    let path = app.briefing.path.clone();
    app.apply_reload(brief::tui::events::read(&path, true))
}

/// Every `.yaml` and `.yml` file under `dir`, into `out`.
pub fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
}
