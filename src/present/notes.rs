//! Speaker notes on a second terminal. The presenter serves its state on a
//! Unix socket named after the briefing's path; `brief notes FILE` connects
//! (retrying until a presenter appears) and shows the current slide's
//! notes, the next slide's title, slide n/N and the timer. Several listeners
//! may follow one presenter; nothing leaves the machine.

use super::Presenter;
use crate::briefing::Briefing;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a listener shows, sent as one JSON line per change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct State {
    pub slide: usize,
    pub total: usize,
    pub title: String,
    pub next: Option<String>,
    /// (item name, paragraphs) per item on the slide with notes.
    pub notes: Vec<(String, Vec<String>)>,
    pub elapsed_ms: u64,
    pub clock: bool,
}

impl State {
    pub fn of(p: &Presenter, b: &Briefing) -> State {
        let notes = p
            .notes(b, p.current)
            .into_iter()
            .map(|(name, t)| {
                let paras = crate::print::text_paragraphs(b, t)
                    .into_iter()
                    .map(|(bullet, s)| if bullet { format!("• {s}") } else { s })
                    .collect();
                (name, paras)
            })
            .collect();
        State {
            slide: p.current + 1,
            total: p.pages.len(),
            title: p.title_of(p.current),
            next: (p.current + 1 < p.pages.len()).then(|| p.title_of(p.current + 1)),
            notes,
            elapsed_ms: p.elapsed().as_millis() as u64,
            clock: p.show_clock,
        }
    }
}

/// The socket for a briefing: in `BRIEF_NOTES_DIR`, `XDG_RUNTIME_DIR` or the
/// temporary folder, named by a hash of the file's full path.
pub fn socket_path(briefing: &Path) -> PathBuf {
    let full = std::fs::canonicalize(briefing).unwrap_or_else(|_| briefing.to_path_buf());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    full.hash(&mut h);
    let dir = std::env::var_os("BRIEF_NOTES_DIR")
        .or_else(|| std::env::var_os("XDG_RUNTIME_DIR"))
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    dir.join(format!("brief-notes-{:016x}.sock", h.finish()))
}

/// The presenter's side: accepts listeners and sends them each change.
pub struct Server {
    path: PathBuf,
    clients: Arc<Mutex<Vec<UnixStream>>>,
    last: Arc<Mutex<String>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    pub fn start(briefing: &Path) -> io::Result<Server> {
        let path = socket_path(briefing);
        if path.exists() {
            if UnixStream::connect(&path).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AddrInUse,
                    "another presenter serves notes for this file",
                ));
            }
            let _ = std::fs::remove_file(&path);
        }
        let listener = UnixListener::bind(&path)?;
        listener.set_nonblocking(true)?;
        let clients: Arc<Mutex<Vec<UnixStream>>> = Arc::default();
        let last: Arc<Mutex<String>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (c, l, s) = (clients.clone(), last.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
                        let msg = l.lock().map(|m| m.clone()).unwrap_or_default();
                        if (msg.is_empty() || writeln!(stream, "{msg}").is_ok())
                            && let Ok(mut v) = c.lock()
                        {
                            v.push(stream);
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        });
        Ok(Server {
            path,
            clients,
            last,
            stop,
        })
    }

    /// Sends the state to every listener (only when it changed).
    pub fn publish(&self, state: &State) {
        let Ok(msg) = serde_json::to_string(state) else {
            return;
        };
        if let Ok(mut last) = self.last.lock() {
            if *last == msg {
                return;
            }
            *last = msg.clone();
        }
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain_mut(|s| writeln!(s, "{msg}").is_ok());
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What the listener's connection thread reports.
#[derive(Debug)]
pub enum Event {
    Connected,
    State(State),
    Disconnected,
}

/// Connects (and reconnects) to the presenter of `briefing`, forever,
/// sending what happens to `tx`.
pub fn follow(briefing: &Path, tx: std::sync::mpsc::Sender<Event>) {
    let path = socket_path(briefing);
    std::thread::spawn(move || {
        loop {
            if let Ok(stream) = UnixStream::connect(&path) {
                if tx.send(Event::Connected).is_err() {
                    return;
                }
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if let Ok(state) = serde_json::from_str::<State>(&line)
                        && tx.send(Event::State(state)).is_err()
                    {
                        return;
                    }
                }
                if tx.send(Event::Disconnected).is_err() {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
}
