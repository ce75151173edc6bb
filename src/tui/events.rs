//! Everything the loop waits for, on one channel: keys and the mouse from
//! a thread that blocks reading the terminal, saves from the file watcher,
//! stop signals, the notes connection. The loop blocks on it: with nothing
//! happening brief wakes no timer and writes nothing.

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

pub enum Wake {
    Input(Event),
    /// The watched file or folder changed.
    Changed,
    /// The watched file was renamed into place or closed after a write:
    /// whole, so there is no need to wait for quiet.
    Written,
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
    /// A comparison, or the file's commits, made off the UI thread.
    Changes(Box<crate::app::changes::Arrived>),
    /// The wait's time ran out (a clock to redraw).
    Timeout,
    /// Ctrl-Z or SIGTSTP: brief is to stop, with the terminal as it was.
    Suspend,
    /// Back from a stop (`fg`): the screen is brief's again and must be
    /// drawn whole.
    Resumed,
}

pub struct Events {
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    /// A wake taken while gathering library results, handed out next.
    held: Option<Wake>,
    /// Whether the terminal's reader has started.
    reading: bool,
}

/// Reads `path` on a thread of its own and sends it back as `load`:
/// the screen keeps answering keys meanwhile, and a newer load makes an
/// older one's result moot. A `save` is read past the model cache.
pub fn load_in_background(tx: Sender<Wake>, load: u64, path: std::path::PathBuf, save: bool) {
    crate::briefing::in_background(move || {
        let _ = tx.send(Wake::Loaded(load, Box::new(read(&path, save))));
    });
}

/// The file read as the loop reads it: after a save (or `r`) through the
/// reload path, which keeps the cache current; otherwise opened as the
/// reader opens a file, through the cache whatever its size.
pub fn read(
    path: &std::path::Path,
    save: bool,
) -> Result<crate::briefing::Report, crate::briefing::ReadError> {
    if save {
        crate::briefing::load::reload_file(path)
    } else {
        crate::briefing::load::open_file(path)
    }
}

impl Events {
    /// Starts the signal listener; the terminal's reader starts with the
    /// first [`Events::next`], once the caller has drawn its first frame.
    pub fn start() -> Events {
        let (tx, rx) = channel();
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([
            SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGTSTP, SIGCONT,
        ]) {
            let stop = tx.clone();
            let started = crate::threads::spawn("signals", move || {
                for sig in signals.forever() {
                    let wake = match sig {
                        SIGTSTP => Wake::Suspend,
                        // Continued after a stop brief did not see coming
                        // (SIGSTOP): the screen may be anything now.
                        SIGCONT => Wake::Resumed,
                        _ => {
                            super::note_signal(sig);
                            Wake::Signal
                        }
                    };
                    if stop.send(wake).is_err() {
                        return;
                    }
                }
            });
            // Without it a signal would end brief with the screen taken:
            // the loop ends at once, and puts the terminal back.
            if let Err(e) = started {
                let _ = tx.send(Wake::Failed(e));
            }
        }
        Events {
            tx,
            rx,
            held: None,
            reading: false,
        }
    }

    /// Starts reading keys and the mouse, after asking the terminal about
    /// the keyboard protocol (see [`super::ask_keyboard`]).
    fn read_terminal(&mut self) {
        if std::mem::replace(&mut self.reading, true) {
            return;
        }
        // The terminal closing without a hang-up signal reaching brief (under
        // nohup, or outside its session): crossterm's reader would see no
        // input forever and spin, so a thread blocked in poll(2) on the
        // terminal waits for the hang-up itself and ends the loop.
        let gone = self.tx.clone();
        let watching = crate::threads::spawn("hang-up", move || {
            let mut fd = libc::pollfd {
                fd: 0,
                events: 0,
                revents: 0,
            };
            loop {
                if unsafe { libc::poll(&mut fd, 1, -1) } < 0 {
                    if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                        continue;
                    }
                    return;
                }
                if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                    // The keyboard query (crossterm's) retries a terminal
                    // that is gone forever: nothing is left to put back,
                    // only the cache entry to finish, as any exit does.
                    if super::terminal_gone() {
                        crate::briefing::cache::wait_for_writes();
                        std::process::exit(128 + libc::SIGHUP);
                    }
                    let _ = gone.send(Wake::Failed(std::io::Error::other(
                        "the terminal went away",
                    )));
                    return;
                }
            }
        });
        if let Err(e) = watching {
            let _ = self.tx.send(Wake::Failed(e));
            return;
        }
        super::ask_keyboard();
        let input = self.tx.clone();
        let reading = crate::threads::spawn("keys", move || {
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
        if let Err(e) = reading {
            let _ = self.tx.send(Wake::Failed(e));
        }
    }

    /// The library results already waiting, taken together so that one
    /// frame shows them all.
    pub fn more_checked(&mut self) -> Vec<crate::library::Entry> {
        let mut out = Vec::new();
        while self.held.is_none()
            && let Ok(w) = self.rx.try_recv()
        {
            match w {
                Wake::Checked(e) => out.push(*e),
                other => self.held = Some(other),
            }
        }
        out
    }

    /// A sender for other sources (the watcher, the notes connection).
    pub fn sender(&self) -> Sender<Wake> {
        self.tx.clone()
    }

    /// The next thing to happen; with `until`, no later than then. A stop
    /// (Ctrl-Z, SIGTSTP) is made here for every screen: the terminal is
    /// put back, brief stops, and on `fg` the caller hears
    /// [`Wake::Resumed`] and draws the screen whole.
    pub fn next(&mut self, until: Option<Instant>) -> Wake {
        self.read_terminal();
        match self.wait(until) {
            Wake::Suspend => {
                super::suspend();
                // The SIGCONT that woke us says the same: one redraw.
                while let Ok(w) = self.rx.try_recv() {
                    if !matches!(w, Wake::Resumed) {
                        self.held = Some(w);
                        break;
                    }
                }
                Wake::Resumed
            }
            Wake::Input(Event::Key(k))
                if k.code == event::KeyCode::Char('z')
                    && k.modifiers == event::KeyModifiers::CONTROL
                    && k.kind != event::KeyEventKind::Release =>
            {
                super::suspend();
                Wake::Resumed
            }
            w => w,
        }
    }

    fn wait(&mut self, until: Option<Instant>) -> Wake {
        if let Some(w) = self.held.take() {
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
}

/// A save being written: an editor may truncate, write and rename in
/// steps, each a few milliseconds apart at most, so the reload waits for
/// 15 ms of quiet (at most 120 ms after the first change), and keys keep
/// working meanwhile; a file renamed into place or closed after a write
/// is whole and reloads at once. A load that started too soon is replaced by the
/// next change's.
#[derive(Default)]
pub struct Settle {
    first: Option<Instant>,
    due: Option<Instant>,
}

impl Settle {
    pub fn changed(&mut self) {
        let now = Instant::now();
        let first = *self.first.get_or_insert(now);
        self.due = Some((now + Duration::from_millis(15)).min(first + Duration::from_millis(120)));
    }

    /// The file is whole (renamed into place, or closed after a write):
    /// reload now. A change after it still waits for quiet again.
    pub fn written(&mut self) {
        let now = Instant::now();
        self.first.get_or_insert(now);
        self.due = Some(now);
    }

    /// When the loop must wake to see whether the writes have settled.
    pub fn deadline(&self) -> Option<Instant> {
        self.due
    }

    /// Whether the writes have settled: time to reload (once).
    pub fn settled(&mut self) -> bool {
        if self.due.is_some_and(|d| Instant::now() >= d) {
            *self = Settle::default();
            true
        } else {
            false
        }
    }
}

/// The earlier of two wake-up times.
pub fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
