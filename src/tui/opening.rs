//! Opening one briefing: its load runs on another thread, and a load
//! slower than a frame shows its progress until it ends or is stopped.

use super::events::{Events, Wake};
use super::{finish, reader, restore, run_loop};
use crate::briefing::Briefing;
use crate::ui::{self, theme::Theme};
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::{Terminal, backend::CrosstermBackend};
use std::io;
use std::process::ExitCode;
use std::time::Duration;

/// A load that ended without a briefing to show.
pub type Failed = Box<Result<crate::briefing::Report, crate::briefing::ReadError>>;

/// A briefing being loaded while the screen shows how far it has got.
pub(super) struct Opening {
    name: String,
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
/// shows a progress screen at once, and `q` stops it.
pub fn open(
    path: &std::path::Path,
    present: bool,
    since: Option<String>,
    as_of: Option<crate::app::asof::AsOf>,
    failed: impl FnOnce(Failed) -> ExitCode,
) -> ExitCode {
    use crate::briefing::progress;
    let p = std::sync::Arc::new(progress::Progress::default());
    let (tx, loaded) = std::sync::mpsc::channel();
    let (file, to) = (path.to_path_buf(), p.clone());
    crate::briefing::in_background(move || {
        progress::report_to(to);
        let _ = tx.send(crate::briefing::load_file(&file));
    });
    let opening = Opening {
        name: crate::briefing::sanitize::path(path),
        progress: p,
        started: std::time::Instant::now(),
        loaded,
        since,
        as_of,
    };
    let first = match opening.loaded.recv_timeout(FRAME) {
        Ok(r) => r,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            return match run_loop(None, None, present, Some(opening)) {
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
            )
            .map(|_| ()),
        ),
        Err(f) => failed(f),
    }
}

/// How long a load may take before the progress screen shows.
const FRAME: Duration = Duration::from_millis(16);

fn usable(r: Failed) -> Result<Briefing, Failed> {
    match *r {
        Ok(crate::briefing::Report {
            briefing: Some(b), ..
        }) => Ok(b),
        other => Err(Box::new(other)),
    }
}

/// Shows the progress of `o` until its load ends: the reader it opens, or
/// `Err` with what failed (or nothing, when the user stopped it).
pub(super) fn wait_for(
    o: Opening,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    events: &mut Events,
    theme: &Theme,
) -> io::Result<Result<Briefing, Option<Failed>>> {
    let tx = events.sender();
    let Opening {
        name,
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
    loop {
        super::draw(terminal, |f| {
            ui::opening::draw(f, &name, &progress, started.elapsed(), theme)
        })?;
        // The spinner turns while the load runs; nothing else ticks.
        match events.next(Some(std::time::Instant::now() + Duration::from_millis(100))) {
            Wake::Loaded(_, r) => return Ok(usable(r).map_err(Some)),
            Wake::Input(Event::Key(k)) if k.kind != KeyEventKind::Release && keys.quits(&k) => {
                return Ok(Err(None));
            }
            Wake::Failed(e) => return Err(e),
            Wake::Signal => return Ok(Err(None)),
            Wake::Resumed => super::forget_screen(terminal)?,
            _ => {}
        }
    }
}
