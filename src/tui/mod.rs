//! The terminal: setting it up, the event loop, and putting it back on
//! every way out (quit, error, panic).

use crate::app::view::Drawn;
use crate::app::{Action, App, Effect};
use crate::briefing::Briefing;
use crate::library::{LAction, Library};
use crate::present::Presenter;
use crate::ui::{self, theme::Theme};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags,
    PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};
use ratatui::{Terminal, backend::CrosstermBackend, layout::Rect};
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

mod early;
pub mod events;
mod notes;
mod opening;
mod out;
pub mod watch;

pub use notes::run_notes;
pub use opening::{Failed, open};
use opening::{Opening, wait_for};

use events::{Events, Wake};

static ENHANCED_KEYS: AtomicBool = AtomicBool::new(false);
/// Whether the terminal is in the reader's modes, so restoring never writes
/// escape codes into a pipe when brief was not drawing.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: raw mode off, alternate screen left, mouse
/// capture, bracketed paste and keyboard enhancement off, cursor shown.
/// Safe to call more than once.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if ENHANCED_KEYS.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Ctrl-Z or SIGTSTP: the terminal is put back as it was and brief stops,
/// as a shell's job control expects; after `fg` the screen is set up again
/// (the caller then draws it whole).
pub(crate) fn suspend() {
    let active = ACTIVE.load(Ordering::SeqCst);
    let enhanced = ENHANCED_KEYS.load(Ordering::SeqCst);
    restore();
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    if active {
        let _ = terminal::enable_raw_mode();
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        let _ = execute!(
            out,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        );
        if enhanced
            && execute!(
                out,
                PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
            )
            .is_ok()
        {
            ENHANCED_KEYS.store(true, Ordering::SeqCst);
        }
    }
}

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Replaces Rust's panic report with a short message, printed after the
/// terminal is restored. Installed once at start-up, for every command.
pub fn install_panic_hook() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        say(format_args!(
            "brief stopped on an internal error: {msg}{place}.\nYour briefing file was not changed. \
             Please report this to the brief maintainers (the project's issue tracker), with the file if you can."
        ));
        // Developers can still ask for the full report.
        if std::env::var_os("BRIEF_BACKTRACE").is_some() {
            hook(info);
        }
    }));
}

/// The signal that asked brief to stop, once one has: the loops end as on
/// `q`, so the terminal is put back, and brief exits with 128 + its number.
static SIGNAL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn note_signal(sig: i32) {
    SIGNAL.store(sig as usize, Ordering::SeqCst);
}

/// The signal caught, if any.
pub fn caught() -> Option<i32> {
    let n = SIGNAL.load(Ordering::SeqCst);
    (n != 0).then_some(n as i32)
}

/// The screen brief draws on. Never dropped: ratatui's drop would print
/// to a terminal that may be gone (and a failed print is a panic); the
/// guard's [`restore`] puts the cursor back instead.
fn screen() -> io::Result<std::mem::ManuallyDrop<Screen>> {
    Terminal::new(CrosstermBackend::new(out::Out::default())).map(std::mem::ManuallyDrop::new)
}

/// A frame is written whole with one write (stdout alone writes in pieces
/// of a kilobyte; a 120×40 frame of the reader is about 11 KiB).
pub(crate) type Screen = Terminal<CrosstermBackend<out::Out>>;

/// Draws one frame whole: a terminal that knows synchronized output (mode
/// 2026) shows it at once, never half drawn, and so does a test's
/// emulator, which then never reads a screen between two frames; others
/// ignore the marks.
pub(crate) fn draw(terminal: &mut Screen, f: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
    ratatui::crossterm::queue!(terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
    terminal.draw(f)?;
    execute!(terminal.backend_mut(), terminal::EndSynchronizedUpdate)
}

/// After a stop the screen holds whatever the shell left: it is cleared and
/// a blank frame drawn, so the next frame is drawn whole. (ratatui's
/// `clear` asks the terminal where its cursor is, and the key reader
/// would take the answer.)
pub(crate) fn forget_screen(terminal: &mut Screen) -> io::Result<()> {
    execute!(
        terminal.backend_mut(),
        terminal::Clear(terminal::ClearType::All)
    )?;
    terminal.draw(|_| {})?;
    Ok(())
}

/// Says something on stderr, which may be a terminal that is gone: a
/// failed write is ignored, where `eprintln!` would panic.
pub fn say(msg: std::fmt::Arguments) {
    let _ = writeln!(io::stderr(), "{msg}");
}

fn setup() -> io::Result<Guard> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    // Keys come through crossterm's reader, made once: when it cannot be
    // made (no file descriptor left) nothing could be typed, and the
    // keyboard query below would retry it forever at full speed.
    event::poll(std::time::Duration::ZERO).map_err(|e| {
        io::Error::other(format!(
            "keys cannot be read from it ({e}; are file descriptors used up? `ulimit -n` says how many)"
        ))
    })?;
    Ok(guard)
}

/// Whether [`ask_keyboard`] waits for the terminal's answer, and whether
/// the terminal has hung up: whichever comes second sees the first.
static ASKING: AtomicBool = AtomicBool::new(false);
static GONE: AtomicBool = AtomicBool::new(false);

/// Said by the thread that watches for a hang-up: whether brief is stuck
/// asking the terminal (and so must end here).
pub(crate) fn terminal_gone() -> bool {
    GONE.store(true, Ordering::SeqCst);
    ASKING.load(Ordering::SeqCst)
}

/// Asks the terminal whether it tells keys apart (the keyboard protocol)
/// and turns that on if so. A round trip to the terminal: asked once the
/// first frame is on screen (by [`Events`], before it reads keys), so the
/// frame does not wait for it; keys typed meanwhile wait in the terminal.
pub(crate) fn ask_keyboard() {
    ASKING.store(true, Ordering::SeqCst);
    let supported =
        !GONE.load(Ordering::SeqCst) && terminal::supports_keyboard_enhancement().unwrap_or(false);
    ASKING.store(false, Ordering::SeqCst);
    if supported
        && execute!(
            io::stdout(),
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )
        .is_ok()
    {
        ENHANCED_KEYS.store(true, Ordering::SeqCst);
    }
}

/// A briefing's reader as it first opens (and its presentation, with
/// `present`), and what it asks first: a comparison with a revision, off
/// the UI thread, when `since` names one.
fn reader(
    (b, findings): Opened,
    present: bool,
    since: Option<String>,
    as_of: Option<crate::app::asof::AsOf>,
) -> (App, Vec<Effect>) {
    let mut app = App::new(b);
    app.findings = findings;
    app.as_of = as_of;
    if let Some(s) = since {
        app.start(crate::app::changes::Wanted::Since(s));
    }
    app.show_overview();
    let mut first = app.take_effects();
    if present {
        first.extend(app.update(Action::Present));
    }
    (app, first)
}

/// `brief DIR`: the library of the briefings in a folder.
pub fn run_library(dir: &std::path::Path) -> ExitCode {
    match Library::list(dir) {
        Ok(lib) => finish(run_loop(Some(lib), None, false, None, Made::now(), None).map(|_| ())),
        Err(e) => {
            say(format_args!(
                "error: {}: {e}",
                crate::briefing::sanitize::path(dir)
            ));
            ExitCode::from(2)
        }
    }
}

fn finish(r: io::Result<()>) -> ExitCode {
    crate::briefing::cache::wait_for_writes();
    if let Some(sig) = caught() {
        restore();
        return ExitCode::from(128u8.saturating_add(sig as u8));
    }
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if crate::threads::refused(&e) => {
            restore();
            say(format_args!("error: {e}"));
            ExitCode::from(2)
        }
        Err(e) => {
            restore();
            say(format_args!("error: the terminal failed: {e}"));
            ExitCode::from(2)
        }
    }
}

/// Copies `text` to the clipboard through the terminal (OSC 52).
fn copy(text: &str) {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = io::stdout();
    let _ = write!(out, "\x1b]52;c;{b64}\x07");
    let _ = out.flush();
}

/// Opens `url` in a graphical browser; when none can be, says what to do.
fn open_url(app: &mut App, url: &str) {
    if !has_browser() {
        app.status = Some(format!(
            "No graphical browser here (no display): {} copies the URL instead",
            crate::input::keymap::key(crate::input::keymap::Ctx::Source, "copy-url")
        ));
    // No shell: the url is passed as one argument to the opener.
    } else if open::that_detached(url).is_err() {
        app.status = Some(format!(
            "No browser could be started: {} copies the URL instead",
            crate::input::keymap::key(crate::input::keymap::Ctx::Source, "copy-url")
        ));
    }
}

/// Whether a graphical browser can open here. Without a display, openers
/// fall back to text browsers that would take over this very terminal.
fn has_browser() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// A briefing loaded for the reader, with its warnings.
pub(crate) type Opened = (Briefing, Vec<crate::briefing::Diagnostic>);

/// What the reader asks of the loop after a key.
enum Step {
    Stay,
    Quit,
    ToLibrary,
    /// Follow a link into another briefing: load it.
    Open(crate::app::history::Jump),
    /// It is loaded: show it at the jump.
    Opened(Box<Opened>, crate::app::history::Jump),
}

/// Whether the reader's screen is out of date.
struct Redraw {
    needed: bool,
    clock: Option<u64>,
    /// The frame is in the screen's buffer already (drawn while the load's
    /// evidence checks ran): shown as it is.
    ready: Option<Drawn>,
}

/// Speaker notes while presenting: none yet, served, or refused (tried once
/// per presentation, so a refused folder is reported once, not every frame).
type Notes = Option<Result<crate::present::notes::Server, ()>>;

/// Serves speaker notes while presenting: starts the server with the
/// presentation, sends each change, stops with it. Returns whether the
/// footer changed.
fn publish_notes(b: &Briefing, presenting: Option<&mut Presenter>, notes: &mut Notes) -> bool {
    use crate::present::notes::{Server, State};
    let Some(p) = presenting else {
        *notes = None;
        return false;
    };
    match notes {
        Some(Ok(server)) => server.publish(&State::of(p, b)),
        Some(Err(())) => {}
        None => match Server::start(&b.path) {
            Ok(server) => {
                server.publish(&State::of(p, b));
                *notes = Some(Ok(server));
            }
            Err(e) => {
                *notes = Some(Err(()));
                // After what is already said (live reload being off).
                let before = p.notice.take().map(|n| format!("{n} · "));
                p.notice = Some(format!("{}No notes: {e}", before.unwrap_or_default()));
                return true;
            }
        },
    }
    false
}

/// Draws the reader, or the presentation over it, when something changed:
/// a key, a reload, or the presenter's clock passing a second. The
/// presentation is drawn here, not by the reader's views: it is a screen
/// of its own that the reader only starts.
fn reader_frame(
    app: &mut App,
    presenting: &mut Option<Presenter>,
    terminal: &mut Screen,
    theme: &Theme,
    notes: &mut Notes,
    redraw: &mut Redraw,
    drawn: &mut Drawn,
) -> io::Result<()> {
    let size = terminal.size()?;
    if let Some(p) = presenting.as_mut() {
        p.layout(size.width, size.height);
    }
    let clock = presenting.as_ref().map(|p| p.elapsed().as_secs());
    if redraw.needed || clock != redraw.clock {
        redraw.needed = false;
        redraw.clock = clock;
        let mut frame = |terminal: &mut Screen,
                         app: &mut App,
                         presenting: &Option<Presenter>,
                         ready: Option<Drawn>| {
            match ready {
                // Drawn while the load's evidence checks ran: shown as it is.
                Some(d) => {
                    early::show(terminal)?;
                    *drawn = d;
                }
                None => draw(terminal, |f| match presenting {
                    Some(p) => present_frame(f, p, &app.briefing, theme),
                    None => *drawn = crate::app::view::draw(f, app, theme),
                })?,
            }
            app.measured(drawn);
            io::Result::Ok(())
        };
        frame(terminal, app, presenting, redraw.ready.take())?;
        if publish_notes(&app.briefing, presenting.as_mut(), notes) {
            frame(terminal, app, presenting, None)?;
        }
    }
    // Lets the end-to-end tests prove that a panic restores the terminal.
    if std::env::var_os("BRIEF_DEBUG_PANIC").is_some() {
        panic!("BRIEF_DEBUG_PANIC is set");
    }
    Ok(())
}

/// A presentation's frame, with its help over it when asked for.
pub fn present_frame(f: &mut ratatui::Frame, p: &Presenter, b: &Briefing, theme: &Theme) {
    crate::present::view::draw(f, p, b, theme, p.elapsed());
    let area = f.area();
    if p.help && area.width >= 20 && area.height >= 6 {
        ui::overlay::present_help(f, theme, area);
    }
}

/// When the loop must wake with no event: the next second of a clock on
/// screen (the presenter's, when shown), else never.
fn clock_deadline(presenting: Option<&Presenter>) -> Option<std::time::Instant> {
    let p = presenting?;
    // The footer's clock gives way to a notice: no tick while it is hidden.
    if !(p.show_notes || p.show_clock && p.show_footer && p.notice.is_none()) {
        return None;
    }
    let into = p.elapsed().subsec_millis() as u64;
    Some(std::time::Instant::now() + Duration::from_millis(1000 - into.min(999)))
}

/// Starts what the reader asked for off this thread: a comparison with a
/// revision or a save, the file's commits. It answers as a wake.
fn start_work(app: &App, w: crate::app::changes::Wanted, events: &Events) {
    let tx = events.sender();
    let path = app.briefing.path.clone();
    let now = app.briefing.clone();
    let since = app.since.as_ref().map(|c| c.since());
    crate::briefing::in_background(move || {
        for a in crate::app::changes::work(w, &path, now, since) {
            let _ = tx.send(Wake::Changes(Box::new(a)));
        }
    });
}

/// What the loop does after carrying out the reader's effects.
#[derive(Default)]
struct Carried {
    step: Option<Step>,
    reload: bool,
}

/// Carries out what the reader asked of the world. The strongest step
/// wins (quitting over the rest).
fn carry(
    app: &mut App,
    effects: Vec<Effect>,
    presenting: &mut Option<Presenter>,
    events: &Events,
    theme: &Theme,
) -> Carried {
    let mut c = Carried::default();
    for e in effects {
        match e {
            Effect::Quit => c.step = Some(Step::Quit),
            Effect::ToLibrary => {
                if !matches!(c.step, Some(Step::Quit)) {
                    c.step = Some(Step::ToLibrary);
                }
            }
            Effect::OpenOther(j) => {
                if c.step.is_none() {
                    c.step = Some(Step::Open(j));
                }
            }
            Effect::Copy(text) => copy(&text),
            Effect::OpenUrl(url) => open_url(app, &url),
            Effect::Reload => c.reload = true,
            Effect::Start(w) => start_work(app, w, events),
            Effect::Present(at) => match app.presentation(at, *theme) {
                Ok(p) => *presenting = Some(p),
                Err(why) => app.status = Some(why),
            },
        }
    }
    c
}

/// One event of the presentation: its keys, until it is left.
fn present_event(p: &mut Presenter, ev: Event, present_only: bool) -> (Vec<Effect>, bool) {
    let mut fx = Vec::new();
    if let Event::Key(k) = ev
        && k.kind != KeyEventKind::Release
        && let Some(a) = crate::present::keys::action(p, k)
    {
        if a == crate::present::PAction::Reload {
            fx.push(Effect::Reload);
        }
        p.update(a);
        if p.quit || (p.leave && present_only) {
            fx.push(Effect::Quit);
        }
    }
    (fx, p.leave || p.quit)
}

/// One event of the reader; what it asks of the world. The mouse reads
/// where the last frame put things.
fn reader_event(app: &mut App, drawn: &Drawn, ev: Event) -> Vec<Effect> {
    let action = match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            crate::app::view::keys::action_for(app, k)
        }
        Event::Mouse(m) => drawn.mouse(app, m.kind, m.column, m.row),
        Event::Paste(text) if matches!(app.top(), Some(crate::app::Overlay::Search)) => {
            let mut fx = Vec::new();
            for c in text.chars().filter(|c| !c.is_control()) {
                fx.extend(app.update(Action::SearchInput(c)));
            }
            return fx;
        }
        _ => Some(Action::Tick),
    };
    action.map(|a| app.update(a)).unwrap_or_default()
}

/// One event of the library; the file to open, if any.
fn library_event(lib: &mut Library, ev: Event) -> Option<std::path::PathBuf> {
    if let Event::Key(k) = ev
        && k.kind != KeyEventKind::Release
        && let Some(a) = ui::library::action(lib, k)
    {
        lib.update(a);
    }
    lib.open.take()
}

/// What a background load is for.
enum Loading {
    Reload,
    /// A briefing picked in the library.
    FromLibrary,
    /// A link into another briefing.
    Jump(crate::app::history::Jump),
}

/// A loaded briefing for the reader; on errors the message to show where
/// the reader (or the library) was.
fn loaded_briefing(
    r: Result<crate::briefing::Report, crate::briefing::ReadError>,
) -> Result<Opened, String> {
    match r {
        Err(e) => Err(e.0),
        Ok(r) => {
            let n = r.errors();
            let msg = format!(
                "{} has {n} error{}: run brief check on it",
                r.file,
                if n == 1 { "" } else { "s" }
            );
            match r.briefing {
                Some(b) => Ok((b, r.diagnostics)),
                None => Err(msg),
            }
        }
    }
}

/// The terminal's loop over the library and the reader. It draws when
/// something changed and otherwise blocks until something happens.
/// `brief baseline-frame`: ratatui's own set-up, one frame ending in a row
/// like brief's hint bar, a key, and ratatui's restore — what any ratatui
/// app pays, for `benches/first_frame.rs` to hold brief's first frame to.
pub fn baseline_frame() -> ExitCode {
    use ratatui::widgets::Paragraph;
    let mut terminal = ratatui::init();
    let drawn = terminal.draw(|f| {
        let a = f.area();
        let last = Rect {
            y: a.bottom().saturating_sub(1),
            height: 1,
            ..a
        };
        f.render_widget(Paragraph::new("? help  q quit  f filter"), last);
    });
    let key = drawn.and_then(|_| ratatui::crossterm::event::read());
    ratatui::restore();
    if key.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// How many briefings left for the library keep their place.
const KEPT: usize = 16;

/// What the loop needs that does not touch the terminal: its events (stop
/// signals included) and the screen's buffers. The reader makes them on
/// another thread while its file loads and the terminal answers the colour
/// query, instead of after both (0.6 ms in front of the first frame).
pub(super) struct Made {
    events: Events,
    terminal: io::Result<std::mem::ManuallyDrop<Screen>>,
    /// The screen taken already (raw mode, the alternate screen), when the
    /// load showed the file will be shown on it.
    taken: Option<io::Result<Guard>>,
}

impl Made {
    fn now() -> Made {
        Made {
            events: Events::start(),
            terminal: screen(),
            taken: None,
        }
    }

    /// Takes the screen now (raw mode, the alternate screen), not when the
    /// loop starts: once the load links a model with nothing wrong so far,
    /// the file will be shown on it, loaded or with its findings, and the
    /// load opens no more files (the set-up takes a few descriptors).
    pub(super) fn take_screen(&mut self) {
        if self.taken.is_none() {
            self.taken = Some(setup());
        }
    }

    /// Made on a thread of its own, or by [`Making::done`] when no thread
    /// can be had.
    pub(super) fn meanwhile() -> Making {
        Making(std::thread::Builder::new().spawn(Made::now).ok())
    }
}

pub(super) struct Making(Option<std::thread::JoinHandle<Made>>);

impl Making {
    pub(super) fn done(self) -> Made {
        self.0.and_then(|t| t.join().ok()).unwrap_or_else(Made::now)
    }
}

/// The trouble brief met before the first frame (a cache it may not
/// write, a keymap it could not read), on the status line.
fn first_status(mut app: Option<&mut App>, mut library: Option<&mut Library>) {
    if let Some(t) = crate::briefing::cache::REFUSED.get() {
        let t = format!("⚠ {}{}", t[..1].to_uppercase(), &t[1..]);
        match (&mut app, &mut library) {
            (Some(a), _) => a.status = Some(t),
            (None, Some(l)) => l.status = Some(t),
            _ => {}
        }
    }
    if let Some(t) = crate::config::TROUBLE.get() {
        let t = format!("⚠ {}{}", t[..1].to_uppercase(), &t[1..]);
        if let Some(a) = app.as_mut() {
            a.status = Some(t.clone());
        }
        if let Some(l) = library.as_mut() {
            l.status = Some(t);
        }
    }
}

fn run_loop(
    mut library: Option<Library>,
    mut reading: Option<(App, Vec<Effect>)>,
    present_only: bool,
    opening: Option<Opening>,
    made: Made,
    ready: Option<early::Ready>,
) -> io::Result<Option<Failed>> {
    let Made {
        mut events,
        terminal,
        taken,
    } = made;
    let mut terminal = terminal?;
    let _guard = taken.unwrap_or_else(setup)?;
    let theme = Theme::from_env();
    if let Some(mut o) = opening {
        let (since, as_of) = (o.since.take(), o.as_of.take());
        match wait_for(o, &mut terminal, &mut events, &theme)? {
            Ok(b) => reading = Some(reader(b, present_only, since, as_of)),
            Err(failed) => return Ok(failed),
        }
    }
    // The presentation, while one is shown over the reader.
    let mut presenting: Option<Presenter> = None;
    let mut app = match reading {
        Some((mut a, first)) => {
            carry(&mut a, first, &mut presenting, &events, &theme);
            Some(a)
        }
        None => None,
    };
    let mut notes: Notes = None;
    // A file that cannot be watched (no descriptors or watches left) is
    // said on the status line: `r` still reloads by hand.
    let watched = |app: Option<&mut App>,
                   lib: Option<&mut Library>,
                   presenting: &mut Option<Presenter>,
                   events: &Events| {
        let w = match (&app, &lib) {
            (Some(a), _) => {
                let w = watch::watch(
                    &a.briefing.path,
                    &watch::source_files(&a.briefing),
                    events.sender(),
                );
                if w.is_some() && watch::saved_since_read(&a.briefing) {
                    let _ = events.sender().send(Wake::Changed);
                }
                w
            }
            (None, Some(l)) => watch::watch(&l.dir, &[], events.sender()),
            _ => None,
        };
        if w.is_none() {
            let msg = &*format!(
                "Live reload is off: the folder cannot be watched ({} reloads by hand)",
                crate::input::keymap::key(crate::input::keymap::Ctx::Global, "reload")
            );
            match (app, lib) {
                (Some(a), _) => {
                    a.status = Some(msg.into());
                    // A presentation has no status line: its footer says it.
                    if let Some(p) = presenting.as_mut() {
                        p.notice = Some(msg.into());
                    }
                }
                (None, Some(l)) => l.status = Some(msg.into()),
                _ => {}
            }
        }
        w
    };
    // The reader's file is watched once its first frame is out (0.2 ms in
    // front of it otherwise): a save made before the watch starts is
    // caught by the stamp its load kept (see `watch::saved_since_read`).
    // After the screen's key reader too, which keeps the file descriptors
    // it needs when few are left.
    let mut first_watch = app.is_some();
    let mut watcher = match app {
        Some(_) => None,
        None => watched(None, library.as_mut(), &mut presenting, &events),
    };
    first_status(app.as_mut(), library.as_mut());
    // A first frame drawn while the load's evidence checks ran, shown as
    // it is when nothing has changed since.
    let ready = match (ready, &app) {
        (Some(r), Some(a)) => r.holds(a, &theme, &mut terminal),
        _ => None,
    };
    let mut settle = events::Settle::default();
    // Where the last frame put things, for the mouse.
    let mut drawn = Drawn::default();
    let mut redraw = Redraw {
        needed: true,
        clock: None,
        ready,
    };
    // Briefings left for the library, each where its reader was.
    let mut left: rustc_hash::FxHashMap<std::path::PathBuf, App> = Default::default();
    // Loads run off this thread; only the newest one's result is used.
    let mut loads: u64 = 0;
    let mut rewatch = false;
    let mut loading: Option<(u64, Loading)> = None;
    let mut start_load = |loading: &mut Option<(u64, Loading)>,
                          path: std::path::PathBuf,
                          why: Loading,
                          events: &Events| {
        loads += 1;
        let save = matches!(why, Loading::Reload);
        *loading = Some((loads, why));
        events::load_in_background(events.sender(), loads, path, save);
    };
    // Rows are filled in as the files are checked, off this thread.
    let check = |lib: &mut Library, events: &Events| {
        let tx = events.sender();
        let paths = std::mem::take(&mut lib.to_check);
        crate::library::check_in_background(paths, move |e| {
            tx.send(Wake::Checked(Box::new(e))).is_ok()
        });
    };
    loop {
        if caught().is_some() {
            break;
        }
        if let Some(lib) = library.as_mut() {
            check(lib, &events);
        }
        if let Some(a) = app.as_mut() {
            // Drawn again at once when the first watch could not be made,
            // to say so.
            loop {
                reader_frame(
                    a,
                    &mut presenting,
                    &mut terminal,
                    &theme,
                    &mut notes,
                    &mut redraw,
                    &mut drawn,
                )?;
                if !std::mem::take(&mut first_watch) {
                    break;
                }
                watcher = watched(Some(&mut *a), library.as_mut(), &mut presenting, &events);
                if watcher.is_some() {
                    break;
                }
                redraw.needed = true;
            }
            // After the frame, which needs neither: the search thread, and
            // (in the first wait) the keyboard query.
            if !a.searches_in_background() {
                let tx = events.sender();
                a.search_in_background(std::sync::Arc::new(move |f| {
                    let _ = tx.send(Wake::Found(f));
                }));
            }
            // After the frame: the cache entry its load left, if any.
            crate::briefing::cache::write_pending(a.briefing.clone());
            let mut step = None;
            let fx = match events.next(events::earliest(
                events::earliest(clock_deadline(presenting.as_ref()), settle.deadline()),
                a.marks_deadline(),
            )) {
                Wake::Input(ev) => {
                    redraw.needed = true;
                    match presenting.as_mut() {
                        Some(p) => {
                            let (fx, left) = present_event(p, ev, present_only);
                            if left {
                                presenting = None;
                            }
                            fx
                        }
                        None => reader_event(a, &drawn, ev),
                    }
                }
                Wake::Changed => {
                    settle.changed();
                    Vec::new()
                }
                Wake::Written => {
                    settle.written();
                    Vec::new()
                }
                Wake::Failed(e) => return Err(e),
                Wake::Signal => break,
                Wake::Checked(e) => {
                    let more = events.more_checked();
                    if let Some(lib) = library.as_mut() {
                        lib.apply_all(std::iter::once(*e).chain(more));
                    }
                    Vec::new()
                }
                Wake::Loaded(n, r) => match loading.take() {
                    Some((m, why)) if m == n => {
                        redraw.needed = true;
                        match why {
                            Loading::Reload => {
                                let texts = watch::source_files(&a.briefing);
                                let fx = a.apply_reload(*r);
                                // A save may cite other source texts: follow those.
                                rewatch |= watch::source_files(&a.briefing) != texts;
                                if let Some(p) = presenting.as_mut() {
                                    // A presentation has no banner: its footer says it.
                                    match a.reload_notice() {
                                        Some(n) => p.notice = Some(n),
                                        None => *p = a.presenter_after_reload(p, theme),
                                    }
                                }
                                fx
                            }
                            Loading::Jump(j) => {
                                match loaded_briefing(*r) {
                                    Ok(b) => step = Some(Step::Opened(Box::new(b), j)),
                                    Err(msg) => a.status = Some(msg),
                                }
                                Vec::new()
                            }
                            Loading::FromLibrary => Vec::new(),
                        }
                    }
                    other => {
                        loading = other;
                        Vec::new()
                    }
                },
                Wake::Found(f) => {
                    a.found(f);
                    redraw.needed = true;
                    Vec::new()
                }
                Wake::Changes(c) => {
                    a.arrived(*c);
                    if let Some(p) = presenting.as_mut() {
                        p.set_changes(a.changes_slide(&theme));
                    }
                    redraw.needed = true;
                    Vec::new()
                }
                Wake::Timeout => {
                    redraw.needed |= a.expire_marks(std::time::Instant::now());
                    Vec::new()
                }
                Wake::Resumed => {
                    forget_screen(&mut terminal)?;
                    redraw.needed = true;
                    Vec::new()
                }
                Wake::Notes(_) | Wake::Suspend => Vec::new(),
            };
            let carried = carry(a, fx, &mut presenting, &events, &theme);
            // `r`, or a save whose writes have settled.
            if carried.reload || settle.settled() {
                start_load(
                    &mut loading,
                    a.briefing.path.clone(),
                    Loading::Reload,
                    &events,
                );
            }
            let step = step.or(carried.step).unwrap_or(Step::Stay);
            match step {
                Step::Stay => {}
                Step::Quit => break,
                Step::ToLibrary => {
                    if let Some(lib) = library.as_mut() {
                        // Kept, so reopening it comes back to this place.
                        if let Some(a) = app.take() {
                            if left.len() >= KEPT
                                && let Some(k) = left.keys().next().cloned()
                            {
                                left.remove(&k);
                            }
                            left.insert(a.briefing.path.clone(), a);
                        }
                        redraw.needed = true;
                        lib.update(LAction::Rescan);
                        watcher = watched(app.as_mut(), library.as_mut(), &mut presenting, &events);
                    }
                }
                Step::Open(j) => {
                    a.status = Some(format!(
                        "Opening {}…",
                        crate::briefing::sanitize::path(&j.file)
                    ));
                    start_load(&mut loading, j.file.clone(), Loading::Jump(j), &events);
                }
                Step::Opened(opened, j) => {
                    let (b, findings) = *opened;
                    let mut next = App::new(b);
                    next.findings = findings;
                    next.history = std::mem::take(&mut a.history);
                    next.in_library = a.in_library;
                    next.open_jump(j);
                    app = Some(next);
                    watcher = watched(app.as_mut(), library.as_mut(), &mut presenting, &events);
                }
            }
        } else if let Some(lib) = library.as_mut() {
            if redraw.needed {
                redraw.needed = false;
                draw(&mut terminal, |f| ui::library::draw(f, lib, &theme))?;
            }
            // The rows' spinner turns while checks run, and only then.
            let spin = lib
                .checking()
                .then(|| std::time::Instant::now() + Duration::from_millis(100));
            let open = match events.next(events::earliest(settle.deadline(), spin)) {
                Wake::Input(ev) => {
                    redraw.needed = true;
                    library_event(lib, ev)
                }
                Wake::Changed => {
                    settle.changed();
                    None
                }
                Wake::Written => {
                    settle.written();
                    None
                }
                Wake::Failed(e) => return Err(e),
                Wake::Signal => break,
                Wake::Checked(e) => {
                    let more = events.more_checked();
                    lib.apply_all(std::iter::once(*e).chain(more));
                    redraw.needed = true;
                    None
                }
                Wake::Loaded(n, r) => {
                    match loading.take() {
                        Some((m, Loading::FromLibrary)) if m == n => {
                            match loaded_briefing(*r) {
                                Ok((b, findings)) => {
                                    let mut a = match left.remove(&b.path) {
                                        // Where the reader was, in this version.
                                        Some(mut was) => {
                                            was.replace_briefing(b);
                                            was.status = None;
                                            was
                                        }
                                        None => {
                                            let mut a = App::new(b);
                                            a.in_library = true;
                                            a.show_overview();
                                            a
                                        }
                                    };
                                    a.findings = findings;
                                    app = Some(a);
                                    // The reader's file is watched from the next turn.
                                    rewatch = true;
                                }
                                Err(msg) => lib.status = Some(msg),
                            }
                            redraw.needed = true;
                        }
                        other => loading = other,
                    }
                    None
                }
                Wake::Timeout => {
                    if lib.checking() {
                        lib.spin += 1;
                        redraw.needed = true;
                    }
                    None
                }
                Wake::Resumed => {
                    forget_screen(&mut terminal)?;
                    redraw.needed = true;
                    None
                }
                Wake::Notes(_) | Wake::Found(_) | Wake::Changes(_) | Wake::Suspend => None,
            };
            if lib.quit {
                break;
            }
            if settle.settled() {
                lib.update(LAction::Rescan);
                redraw.needed = true;
            }

            if let Some(path) = open {
                lib.status = Some(format!(
                    "Opening {}…",
                    crate::briefing::sanitize::path(&path)
                ));
                redraw.needed = true;
                start_load(&mut loading, path, Loading::FromLibrary, &events);
            }
        } else {
            break;
        }
        if std::mem::take(&mut rewatch) {
            watcher = watched(app.as_mut(), library.as_mut(), &mut presenting, &events);
        }
    }
    drop(watcher);
    Ok(None)
}
