//! Opening one briefing: its load runs on another thread, and a load
//! slower than a frame shows its progress until it ends or is stopped.

use super::events::{Events, Wake};
use super::{finish, reader, restore, run_loop};
use crate::ui::{self, theme::Theme};
use ratatui::crossterm::event::{Event, KeyEventKind};
use std::io;
use std::process::ExitCode;
use std::time::Duration;

/// A load that ended without a briefing to show.
pub type Failed = Box<Result<crate::briefing::Report, crate::briefing::ReadError>>;

/// A briefing being loaded while the screen shows how far it has got.
pub(super) struct Opening {
    name: String,
    path: std::path::PathBuf,
    /// A file that does not load is shown with its findings and followed
    /// until a save makes it load (the reader's `brief FILE`).
    follow: bool,
    /// The findings of a load that already failed, to show first.
    failed: Option<Failed>,
    progress: std::sync::Arc<crate::briefing::progress::Progress>,
    started: std::time::Instant,
    loaded: std::sync::mpsc::Receiver<Loaded>,
    /// The revision to compare with, once open.
    pub(super) since: Option<String>,
    /// The date to see it as of.
    pub(super) as_of: Option<crate::app::asof::AsOf>,
}

/// `brief FILE` and `brief present FILE`: the file loads on another thread.
/// A load quicker than a frame opens straight into the reader, or hands its
/// errors to `failed` without having touched the terminal; a slower one
/// shows a progress screen at once, and `q` stops it. Meanwhile a third
/// thread makes what the screen needs without writing to it: stop signals
/// are caught from then on (a stop during the load ends brief once the
/// screen is restored), and screen buffers are ready when the load ends.
pub fn open(
    path: &std::path::Path,
    present: bool,
    since: Option<String>,
    as_of: Option<crate::app::asof::AsOf>,
    meanwhile: impl FnOnce(),
    failed: impl FnOnce(Failed) -> ExitCode,
) -> ExitCode {
    use crate::briefing::progress;
    let p = std::sync::Arc::new(progress::Progress::default());
    let (tx, loaded) = std::sync::mpsc::channel();
    let (file, to) = (path.to_path_buf(), p.clone());
    // An audience (`--tlp`) is shown no findings, and a presentation none
    // on the wall: both end on a file that does not load.
    let follow = !present && crate::briefing::marking::level().is_none();
    let wait = progress_after();
    // An early frame only for the reader on its overview with nothing to
    // start, and never for an audience (`follow` is false under `--tlp`;
    // the load also refuses): it is drawn from the whole file.
    let early = (follow && since.is_none() && as_of.is_none()).then(|| early_to(tx.clone(), wait));
    // The cache entry is written once the reader is on screen.
    crate::briefing::cache::defer_writes();
    crate::briefing::in_background(move || {
        progress::report_to(to);
        progress::offer_early(early);
        let r = crate::briefing::load::open_file(&file);
        progress::offer_early(None);
        let _ = tx.send(Loaded::Done(Box::new(r)));
    });
    let mut made = Makings {
        making: Some(super::Made::meanwhile()),
        made: None,
    };
    // The terminal's colour query waits for an answer: while the file loads.
    meanwhile();
    let opening = Opening {
        name: crate::briefing::sanitize::path(path),
        path: path.to_path_buf(),
        follow,
        failed: None,
        progress: p,
        started: std::time::Instant::now(),
        loaded,
        since,
        as_of,
    };
    let deadline = std::time::Instant::now() + wait;
    let mut early: Option<super::early::Early> = None;
    let mut spin_until = None;
    let first = loop {
        match next(&opening.loaded, deadline, spin_until) {
            // The file read and its items clean: it will be shown on the
            // screen, loaded or with its findings, which is taken while it
            // is linked; then a spin for the model that follows.
            Ok(Loaded::Soon) => {
                made.made().take_screen();
                spin_until = Some(std::time::Instant::now() + SPIN);
            }
            // The frame drawn while the checks run, and written ahead.
            Ok(Loaded::Early(b)) => {
                early = super::early::draw(*b, made.made());
                if let Some(e) = &early {
                    e.write_ahead(made.made());
                }
            }
            Ok(Loaded::Done(r)) => break r,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let mut made = made.done();
                super::early::forget(&mut made);
                return match run_loop(None, None, present, Some(opening), made, None) {
                    Ok(Some(f)) => {
                        restore();
                        failed(f)
                    }
                    r => finish(r.map(|_| ())),
                };
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                break Box::new(Err(crate::briefing::ReadError(
                    "the load stopped unexpectedly".into(),
                )));
            }
        }
    };
    let mut made = made.done();
    let first = usable(first);
    // A file the checks refuse shows its findings, not the frame drawn.
    if first.is_err() && early.take().is_some() {
        super::early::forget(&mut made);
    }
    match first {
        Ok(b) => {
            let (reading, ready) = match early {
                // The frame drawn meanwhile is the reader's.
                Some(e) => {
                    let (app, ready) = e.open(b);
                    ((app, Vec::new()), Some(ready))
                }
                None => (reader(b, present, opening.since, opening.as_of), None),
            };
            finish(run_loop(None, Some(reading), present, None, made, ready).map(|_| ()))
        }
        // A file that is there but does not load yet: its findings on
        // screen, followed until it loads.
        Err(f) if opening.follow && f.is_ok() => {
            let opening = Opening {
                failed: Some(f),
                ..opening
            };
            match run_loop(None, None, present, Some(opening), made, None) {
                Ok(Some(f)) => {
                    restore();
                    failed(f)
                }
                r => finish(r.map(|_| ())),
            }
        }
        // Said on the screen brief started on.
        Err(f) => {
            drop(made);
            failed(f)
        }
    }
}

/// How long the wait for the load spins once its model is near.
const SPIN: Duration = Duration::from_millis(2);

/// The load's next word by `deadline`. Until `spin_until` the wait spins
/// instead of sleeping: a thread asleep took 0.05–0.15 ms to wake here, in
/// front of the first frame. It yields each turn, so on one core the load
/// still runs.
fn next(
    loaded: &std::sync::mpsc::Receiver<Loaded>,
    deadline: std::time::Instant,
    spin_until: Option<std::time::Instant>,
) -> Result<Loaded, std::sync::mpsc::RecvTimeoutError> {
    use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
    if let Some(until) = spin_until {
        let until = until.min(deadline);
        while std::time::Instant::now() < until {
            match loaded.try_recv() {
                Ok(m) => return Ok(m),
                Err(TryRecvError::Disconnected) => return Err(RecvTimeoutError::Disconnected),
                Err(TryRecvError::Empty) => std::thread::yield_now(),
            }
        }
    }
    loaded.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
}

/// What the load thread sends: that the model is nearly there, the model
/// before its evidence checks (when asked for and clean so far), then the
/// load's end.
pub(super) enum Loaded {
    Soon,
    Early(Box<crate::briefing::Briefing>),
    Done(Box<Result<crate::briefing::Report, crate::briefing::ReadError>>),
}

/// What the loop needs, still being made on its thread, or made already
/// because an early frame needed the screen's buffer.
struct Makings {
    making: Option<super::Making>,
    made: Option<super::Made>,
}

impl Makings {
    fn made(&mut self) -> &mut super::Made {
        let making = &mut self.making;
        self.made.get_or_insert_with(|| {
            making
                .take()
                .map_or_else(super::Made::now, super::Making::done)
        })
    }

    fn done(self) -> super::Made {
        match (self.made, self.making) {
            (Some(m), _) => m,
            (None, Some(m)) => m.done(),
            (None, None) => super::Made::now(),
        }
    }
}

/// How long a load may take before the progress screen shows: a frame,
/// or the milliseconds in `BRIEF_PROGRESS_AFTER_MS` (the tests' slow builds
/// wait longer, to open small files straight into the reader as a user's
/// build does).
fn progress_after() -> Duration {
    std::env::var("BRIEF_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(FRAME, Duration::from_millis)
}

const FRAME: Duration = Duration::from_millis(16);

/// The load's offer of its model before the evidence checks, sent to the
/// reader while its first frame can still be in time (a large file's
/// progress screen is up by then, and its model is not copied).
fn early_to(
    tx: std::sync::mpsc::Sender<Loaded>,
    wait: Duration,
) -> crate::briefing::progress::Early {
    let started = std::time::Instant::now();
    let in_time = move || started.elapsed() < wait;
    let soon = tx.clone();
    crate::briefing::progress::Early {
        soon: Some(Box::new(move || {
            if in_time() {
                let _ = soon.send(Loaded::Soon);
            }
        })),
        model: Box::new(move |b| {
            if in_time() {
                let _ = tx.send(Loaded::Early(Box::new(b.clone())));
            }
        }),
    }
}

/// A load the reader can open: the briefing, with its warnings.
fn usable(r: Failed) -> Result<super::Opened, Failed> {
    match *r {
        Ok(crate::briefing::Report {
            briefing: Some(b),
            diagnostics,
            ..
        }) => Ok((b, diagnostics)),
        other => Err(Box::new(other)),
    }
}

/// Shows the progress of `o` until its load ends: the reader it opens, or
/// `Err` with what failed (or nothing, when the user stopped it). A file
/// followed is shown with its findings while it does not load, and read
/// again at each save.
pub(super) fn wait_for(
    o: Opening,
    terminal: &mut super::Screen,
    events: &mut Events,
    theme: &Theme,
) -> io::Result<Result<super::Opened, Option<Failed>>> {
    let tx = events.sender();
    let Opening {
        name,
        path,
        follow,
        failed,
        progress,
        started,
        loaded,
        since: _,
        as_of: _,
    } = o;
    // The load's end wakes the loop like any other event.
    crate::briefing::in_background(move || {
        while let Ok(m) = loaded.recv() {
            if let Loaded::Done(r) = m {
                let _ = tx.send(Wake::Loaded(0, r));
                break;
            }
        }
    });
    let keys = crate::input::keymap::current();
    let mut broken = failed;
    let _watcher = follow.then(|| super::watch::watch(&path, &[], events.sender()));
    let mut settle = super::events::Settle::default();
    let (mut loads, mut scroll) = (0u64, 0usize);
    loop {
        super::draw(terminal, |f| match &broken {
            Some(b) => scroll = ui::opening::draw_broken(f, &name, b, scroll, theme),
            None => ui::opening::draw(f, &name, &progress, started.elapsed(), theme),
        })?;
        // The spinner turns while the load runs; a broken file waits for
        // its next save, and nothing ticks.
        let until = match &broken {
            Some(_) => settle.deadline(),
            None => Some(std::time::Instant::now() + Duration::from_millis(100)),
        };
        match events.next(until) {
            Wake::Loaded(n, r) if n == loads => match usable(r) {
                Ok(b) => return Ok(Ok(b)),
                Err(f) if follow && f.is_ok() => broken = Some(f),
                Err(f) => return Ok(Err(Some(f))),
            },
            Wake::Changed => settle.changed(),
            Wake::Written => settle.written(),
            Wake::Input(Event::Key(k)) if k.kind != KeyEventKind::Release && keys.quits(&k) => {
                return Ok(Err(broken));
            }
            // The reader's own moves scroll the findings, as rebound.
            Wake::Input(Event::Key(k)) if k.kind != KeyEventKind::Release && broken.is_some() => {
                use crate::input::keymap::Ctx::Global;
                let is = |name| keys.is(Global, name, &k);
                scroll = if is("down") {
                    scroll + 1
                } else if is("up") {
                    scroll.saturating_sub(1)
                } else if is("page-down") {
                    scroll + 10
                } else if is("page-up") {
                    scroll.saturating_sub(10)
                } else if is("top") {
                    0
                } else {
                    scroll
                };
            }
            Wake::Failed(e) => return Err(e),
            Wake::Signal => return Ok(Err(broken)),
            Wake::Resumed => super::forget_screen(terminal)?,
            _ => {}
        }
        if settle.settled() {
            loads += 1;
            super::events::load_in_background(events.sender(), loads, path.clone(), true);
        }
    }
}
