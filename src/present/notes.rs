//! Speaker notes on a second terminal. The presenter serves its state on a
//! Unix socket named after the briefing's path; `brief notes FILE` connects
//! (retrying until a presenter appears) and shows the current slide's
//! notes, the next slide's title, slide n/N, the timer and the footer's
//! notice. Several listeners
//! may follow one presenter; nothing leaves the machine.

use super::Presenter;
use crate::briefing::Briefing;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read, Write};
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
    /// What the slides' footer says until a key (a save that did not
    /// load): the presenter may be watching only this screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
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
            notice: p.notice.clone(),
        }
    }
}

/// The folder the sockets live in: `BRIEF_NOTES_DIR`, else
/// `$XDG_RUNTIME_DIR/brief`, else `/tmp/brief-<uid>`. Created private (0700);
/// refused when it is a link, is not the user's, or others may enter it,
/// so no other user can stand in for a presenter or a listener.
pub fn socket_dir() -> io::Result<PathBuf> {
    let uid = unsafe { libc::geteuid() };
    private_dir(
        match std::env::var_os("BRIEF_NOTES_DIR").filter(|v| !v.is_empty()) {
            Some(d) => PathBuf::from(d),
            None => match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
                Some(d) => PathBuf::from(d).join("brief"),
                None => std::env::temp_dir().join(format!("brief-{uid}")),
            },
        },
    )
}

/// `dir`, created private (0700) when missing, or an error saying why it
/// cannot hold the sockets.
pub fn private_dir(dir: PathBuf) -> io::Result<PathBuf> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    let uid = unsafe { libc::geteuid() };
    if std::fs::symlink_metadata(&dir).is_err() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)?;
    }
    let refuse = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "the notes folder {why}: {}",
                crate::briefing::sanitize::path(&dir)
            ),
        ))
    };
    let meta = std::fs::symlink_metadata(&dir)?;
    if meta.file_type().is_symlink() {
        return refuse("is a symbolic link");
    }
    if !meta.is_dir() {
        return refuse("is not a folder");
    }
    if meta.uid() != uid {
        return refuse("belongs to another user");
    }
    if meta.permissions().mode() & 0o077 != 0 {
        return refuse("is open to others (needs 0700)");
    }
    Ok(dir)
}

/// The socket for a briefing in [`socket_dir`], named by a hash of the
/// file's full path.
pub fn socket_path(briefing: &Path) -> io::Result<PathBuf> {
    socket_path_in(socket_dir()?, briefing)
}

/// The socket for a briefing in `dir` (checked by [`private_dir`]).
pub fn socket_path_in(dir: PathBuf, briefing: &Path) -> io::Result<PathBuf> {
    let full = std::fs::canonicalize(briefing).unwrap_or_else(|_| briefing.to_path_buf());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    full.hash(&mut h);
    Ok(private_dir(dir)?.join(format!("notes-{:016x}.sock", h.finish())))
}

/// The uid of the process at the other end of a socket.
fn peer_uid(s: &UnixStream) -> Option<u32> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let mut cred = libc::ucred {
            pid: 0,
            uid: 0,
            gid: 0,
        };
        let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
        let r = unsafe {
            libc::getsockopt(
                s.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_PEERCRED,
                (&mut cred as *mut libc::ucred).cast(),
                &mut len,
            )
        };
        (r == 0).then_some(cred.uid)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = s;
        Some(unsafe { libc::geteuid() })
    }
}

fn same_user(s: &UnixStream) -> bool {
    peer_uid(s) == Some(unsafe { libc::geteuid() })
}

/// The most a message may be; a longer line ends the connection.
pub const MAX_MESSAGE: usize = 1024 * 1024;
/// The most listeners one presenter serves.
pub const MAX_LISTENERS: usize = 16;

/// One listener: its socket and the part of a message not yet written.
struct Client {
    stream: UnixStream,
    pending: Vec<u8>,
}

impl Client {
    /// Writes what it can without waiting; false when the listener is gone
    /// or has fallen more than a message behind.
    fn send(&mut self, msg: &[u8]) -> bool {
        // Each message is the whole state: a listener that has not taken
        // the last one in full gets the rest of it, then only the newest.
        if self.pending.len() > MAX_MESSAGE {
            return false;
        }
        self.pending.extend_from_slice(msg);
        while !self.pending.is_empty() {
            match self.stream.write(&self.pending) {
                Ok(0) => return false,
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return false,
            }
        }
        self.pending.len() <= 2 * MAX_MESSAGE
    }
}

/// The presenter's side: accepts listeners and sends them each change, from
/// threads of their own, so a listener that never reads cannot slow a
/// slide change.
pub struct Server {
    path: PathBuf,
    tx: std::sync::mpsc::Sender<Vec<u8>>,
    last: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    pub fn start(briefing: &Path) -> io::Result<Server> {
        Server::start_at(socket_path(briefing)?)
    }

    /// Serves on the socket `path` (see [`socket_path_in`]).
    pub fn start_at(path: PathBuf) -> io::Result<Server> {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::symlink_metadata(&path).is_ok() {
            if UnixStream::connect(&path).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AddrInUse,
                    "another presenter serves notes for this file",
                ));
            }
            let _ = std::fs::remove_file(&path);
        }
        let listener = UnixListener::bind(&path)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        let clients: Arc<Mutex<Vec<Client>>> = Arc::default();
        let last: Arc<Mutex<Vec<u8>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (c, l, s) = (clients.clone(), last.clone(), stop.clone());
        // Accepting blocks until someone connects: no timer while idle.
        let accepting = crate::threads::spawn("notes listener", move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else {
                    // Out of descriptors: wait a moment rather than spin.
                    std::thread::sleep(Duration::from_millis(200));
                    continue;
                };
                if !same_user(&stream) || stream.set_nonblocking(true).is_err() {
                    continue;
                }
                let Ok(mut v) = c.lock() else { break };
                if v.len() >= MAX_LISTENERS {
                    continue;
                }
                let mut client = Client {
                    stream,
                    pending: Vec::new(),
                };
                let msg = l.lock().map(|m| m.clone()).unwrap_or_default();
                if msg.is_empty() || client.send(&msg) {
                    v.push(client);
                }
            }
        });
        if let Err(e) = accepting {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        let c = clients;
        let sending = crate::threads::spawn("notes sender", move || {
            while let Ok(mut msg) = rx.recv() {
                // Only the newest state matters.
                while let Ok(newer) = rx.try_recv() {
                    msg = newer;
                }
                if let Ok(mut v) = c.lock() {
                    v.retain_mut(|cl| cl.send(&msg));
                }
            }
        });
        let server = Server {
            path,
            tx,
            last,
            stop,
        };
        // Dropped, the server stops its listener and removes its socket.
        sending.map(|_| server)
    }

    /// Sends the state to every listener (only when it changed).
    pub fn publish(&self, state: &State) {
        let Ok(mut msg) = serde_json::to_vec(state) else {
            return;
        };
        msg.push(b'\n');
        if let Ok(mut last) = self.last.lock() {
            if *last == msg {
                return;
            }
            *last = msg.clone();
        }
        let _ = self.tx.send(msg);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so it sees the stop.
        let _ = UnixStream::connect(&self.path);
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What the listener's connection thread reports.
#[derive(Debug)]
pub enum Event {
    Connected,
    State(State),
    Disconnected,
    /// The notes folder or the presenter was refused, and why.
    Refused(String),
    /// The presenter cannot be reached for now (no file descriptor left),
    /// and why; tried again until it can.
    Stalled(String),
}

/// Reads one line of at most [`MAX_MESSAGE`] bytes; `None` at the end, or
/// when a line is longer (a presenter that never ends a line cannot make
/// a listener grow without bound).
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>) -> Option<()> {
    buf.clear();
    let n = r
        .by_ref()
        .take(MAX_MESSAGE as u64 + 1)
        .read_until(b'\n', buf)
        .ok()?;
    (n > 0 && buf.len() <= MAX_MESSAGE && buf.ends_with(b"\n")).then_some(())
}

/// Connects (and reconnects) to the presenter of `briefing`, forever,
/// telling `tx` what happens until it answers false.
pub fn follow(briefing: &Path, tx: impl Fn(Event) -> bool + Send + 'static) -> std::io::Result<()> {
    let briefing = briefing.to_path_buf();
    crate::threads::spawn("notes follower", move || {
        // Watched before the first try, so a presenter that starts in
        // between is still seen.
        let watch = socket_path(&briefing)
            .ok()
            .and_then(|p| watch_socket_dir(&p));
        let mut stalled: Option<String> = None;
        let mut pause = Duration::from_millis(200);
        loop {
            let path = match socket_path(&briefing) {
                Ok(p) => p,
                Err(e) => {
                    let _ = tx(Event::Refused(e.to_string()));
                    return;
                }
            };
            let stream = match UnixStream::connect(&path) {
                Ok(s) => Some(s),
                // No presenter yet: the screen already says it waits.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
                    ) =>
                {
                    None
                }
                Err(e) => {
                    // Said once per reason, not at every try.
                    let why = format!("The presenter cannot be reached: {e} (trying again)");
                    if stalled.as_ref() != Some(&why) {
                        if !tx(Event::Stalled(why.clone())) {
                            return;
                        }
                        stalled = Some(why);
                    }
                    None
                }
            };
            if let Some(stream) = stream {
                stalled = None;
                pause = Duration::from_millis(200);
                if !same_user(&stream) {
                    let _ = tx(Event::Refused(
                        "the notes socket is served by another user; brief will not read it".into(),
                    ));
                    return;
                }
                if !tx(Event::Connected) {
                    return;
                }
                let mut r = BufReader::new(stream);
                let mut buf = Vec::new();
                while read_line(&mut r, &mut buf).is_some() {
                    if let Ok(state) = serde_json::from_slice::<State>(&buf)
                        && !tx(Event::State(state))
                    {
                        return;
                    }
                }
                if !tx(Event::Disconnected) {
                    return;
                }
            }
            until_changed(&watch, &path, &mut pause);
        }
    })?;
    Ok(())
}

/// Told of every change in the socket's folder, so the listener waits for
/// the presenter without waking on a timer.
struct SocketWatch {
    _watcher: notify::RecommendedWatcher,
    changes: std::sync::mpsc::Receiver<()>,
}

fn watch_socket_dir(path: &Path) -> Option<SocketWatch> {
    use notify::Watcher as _;
    let (tx, changes) = std::sync::mpsc::channel();
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if res.is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_))) {
            let _ = tx.send(());
        }
    })
    .ok()?;
    w.watch(path.parent()?, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(SocketWatch {
        _watcher: w,
        changes,
    })
}

/// Waits until the socket's folder changes (the presenter started or
/// stopped), then a moment more while a socket that is there refuses (it
/// is bound but not yet listening). Where the folder cannot be watched (no
/// descriptor left), `pause`, which grows from 200 ms to 3 s while nothing
/// answers: a listener left waiting wakes less and less often.
fn until_changed(watch: &Option<SocketWatch>, path: &Path, pause: &mut Duration) {
    let Some(w) = watch else {
        std::thread::sleep(*pause);
        *pause = (*pause * 2).min(Duration::from_secs(3));
        return;
    };
    if w.changes.recv().is_err() {
        std::thread::sleep(Duration::from_millis(200));
        return;
    }
    while w.changes.try_recv().is_ok() {}
    for _ in 0..25 {
        match UnixStream::connect(path) {
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => return,
        }
    }
}
