//! Watching a file for saves. The folder is watched, not the file, so an
//! editor that writes a new file and renames it over the old one (vim, VS
//! Code) keeps being followed.

use notify::{EventKind, RecursiveMode, Watcher as _};
use std::ffi::OsString;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub struct Watcher {
    _inner: notify::RecommendedWatcher,
    rx: Receiver<()>,
}

/// Watches `path`: a file (its saves) or a folder (any `*.yaml` in it).
pub fn watch(path: &Path) -> Option<Watcher> {
    let (dir, name): (&Path, Option<OsString>) = if path.is_dir() {
        (path, None)
    } else {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        (dir, path.file_name().map(|n| n.to_os_string()))
    };
    let (tx, rx) = channel();
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if matches!(ev.kind, EventKind::Access(_)) {
            return;
        }
        let ours = ev.paths.iter().any(|p| match &name {
            Some(n) => p.file_name() == Some(n.as_os_str()),
            None => p.extension().is_some_and(|x| x == "yaml" || x == "yml"),
        });
        if ours {
            let _ = tx.send(());
        }
    })
    .ok()?;
    w.watch(dir, RecursiveMode::NonRecursive).ok()?;
    Some(Watcher { _inner: w, rx })
}

impl Watcher {
    /// Whether the file changed since the last call. After a change it waits
    /// for the writes to settle (an editor may truncate, write and rename in
    /// several steps), at most 120 ms.
    pub fn changed(&self) -> bool {
        if self.rx.try_recv().is_err() {
            return false;
        }
        let start = Instant::now();
        let mut quiet_since = Instant::now();
        while start.elapsed() < Duration::from_millis(120) {
            if self.rx.try_recv().is_ok() {
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() >= Duration::from_millis(30) {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        while self.rx.try_recv().is_ok() {}
        true
    }
}
