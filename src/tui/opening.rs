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
    loaded: std::sync::mpsc::Receiver<Result<crate::briefing::Report, crate::briefing::ReadError>>,
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
    // The cache entry is written once the reader is on screen.
    crate::briefing::cache::defer_writes();
    crate::briefing::in_background(move || {
        progress::report_to(to);
        let _ = tx.send(crate::briefing::load::open_file(&file));
    });
    let made = super::Made::meanwhile();
    // The terminal's colour query waits for an answer: while the file loads.
    meanwhile();
    let opening = Opening {
        name: crate::briefing::sanitize::path(path),
        path: path.to_path_buf(),
        // An audience (`--tlp`) is shown no findings, and a presentation
        // none on the wall: both end on a file that does not load.
        follow: !present && crate::briefing::marking::level().is_none(),
        failed: None,
        progress: p,
        started: std::time::Instant::now(),
        loaded,
        since,
        as_of,
    };
    let first = match opening.loaded.recv_timeout(FRAME) {
        Ok(r) => r,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            return match run_loop(None, None, present, Some(opening), made.done()) {
                Ok(Some(f)) => {
                    restore();
                    failed(f)
                }
                r => finish(r.map(|_| ())),
            };
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(crate::briefing::ReadError(
            "the load stopped unexpectedly".into(),
        )),
    };
    match usable(Box::new(first)) {
        Ok(b) => finish(
            run_loop(
                None,
                Some(reader(b, present, opening.since, opening.as_of)),
                present,
                None,
                made.done(),
            )
            .map(|_| ()),
        ),
        // A file that is there but does not load yet: its findings on
        // screen, followed until it loads.
        Err(f) if opening.follow && f.is_ok() => {
            let opening = Opening {
                failed: Some(f),
                ..opening
            };
            match run_loop(None, None, present, Some(opening), made.done()) {
                Ok(Some(f)) => {
                    restore();
                    failed(f)
                }
                r => finish(r.map(|_| ())),
            }
        }
        Err(f) => failed(f),
    }
}

/// How long a load may take before the progress screen shows.
const FRAME: Duration = Duration::from_millis(16);

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
        if let Ok(r) = loaded.recv() {
            let _ = tx.send(Wake::Loaded(0, Box::new(r)));
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
