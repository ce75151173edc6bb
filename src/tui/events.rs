//! Everything the loop waits for, on one channel: keys and the mouse from
//! a thread that blocks reading the terminal, saves from the file watcher,
//! stop signals, the notes connection. The loop blocks on it: with nothing
//! happening brief wakes no timer and writes nothing.

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

pub enum Wake {
    Input(Event),
    /// The watched file or folder changed.
    Changed,
    /// The terminal could not be read (it went away).
    Failed(std::io::Error),
    /// A stop signal arrived.
    Signal,
    Notes(crate::present::notes::Event),
    /// A library file checked in the background.
    Checked(Box<crate::library::Entry>),
    /// A briefing read in the background: which load it was, and the result.
    Loaded(
        u64,
        Box<Result<crate::briefing::Report, crate::briefing::ReadError>>,
    ),
    /// Results from the reader's search thread.
    Found(crate::app::search::Found),
    /// The wait's time ran out (a clock to redraw).
    Timeout,
}

pub struct Events {
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    /// Wakes taken while waiting for a save to settle, to hand out next.
    held: std::collections::VecDeque<Wake>,
}

/// Reads `path` on a thread of its own and sends it back as `load`:
/// the screen keeps answering keys meanwhile, and a newer load makes an
/// older one's result moot.
pub fn load_in_background(tx: Sender<Wake>, load: u64, path: std::path::PathBuf) {
    std::thread::spawn(move || {
        let r = crate::briefing::load_file(&path);
        let _ = tx.send(Wake::Loaded(load, Box::new(r)));
    });
}

impl Events {
    /// Starts the terminal reader and the signal listener.
    pub fn start() -> Events {
        let (tx, rx) = channel();
        let input = tx.clone();
        std::thread::spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if input.send(Wake::Input(ev)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = input.send(Wake::Failed(e));
                        return;
                    }
                }
            }
        });
        if let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGQUIT, SIGHUP])
        {
            let stop = tx.clone();
            std::thread::spawn(move || {
                for sig in signals.forever() {
                    super::note_signal(sig);
                    if stop.send(Wake::Signal).is_err() {
                        return;
                    }
                }
            });
        }
        Events {
            tx,
            rx,
            held: Default::default(),
        }
    }

    /// A sender for other sources (the watcher, the notes connection).
    pub fn sender(&self) -> Sender<Wake> {
        self.tx.clone()
    }

    /// The next thing to happen; with `until`, no later than then.
    pub fn next(&mut self, until: Option<Instant>) -> Wake {
        if let Some(w) = self.held.pop_front() {
            return w;
        }
        match until {
            None => self.rx.recv().unwrap_or(Wake::Signal),
            Some(t) => match self
                .rx
                .recv_timeout(t.saturating_duration_since(Instant::now()))
            {
                Ok(w) => w,
                Err(RecvTimeoutError::Timeout) => Wake::Timeout,
                Err(RecvTimeoutError::Disconnected) => Wake::Signal,
            },
        }
    }

    /// After a save: waits until the writes settle (an editor may truncate,
    /// write and rename in steps), 30 ms of quiet, at most 120 ms. What else
    /// arrives meanwhile is kept for later.
    pub fn settle(&mut self) {
        let start = Instant::now();
        let mut quiet_since = Instant::now();
        while start.elapsed() < Duration::from_millis(120) {
            let left = Duration::from_millis(30).saturating_sub(quiet_since.elapsed());
            if left.is_zero() {
                break;
            }
            match self.rx.recv_timeout(left) {
                Ok(Wake::Changed) => quiet_since = Instant::now(),
                Ok(other) => self.held.push_back(other),
                Err(_) => break,
            }
        }
    }
}
