//! Watching a file for saves. The folder is watched, not the file, so an
//! editor that writes a new file and renames it over the old one (vim, VS
//! Code) keeps being followed.

use notify::{EventKind, RecursiveMode, Watcher as _};
use std::ffi::OsString;
use std::path::Path;

/// While it lives, changes to the path are sent to the loop.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
}

/// Watches `path`: a file (its saves) or a folder (any `*.yaml` in it),
/// sending [`super::events::Wake::Changed`] on each change.
pub fn watch(path: &Path, tx: std::sync::mpsc::Sender<super::events::Wake>) -> Option<Watcher> {
    let (dir, name): (&Path, Option<OsString>) = if path.is_dir() {
        (path, None)
    } else {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        (dir, path.file_name().map(|n| n.to_os_string()))
    };
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
            let _ = tx.send(super::events::Wake::Changed);
        }
    })
    .ok()?;
    w.watch(dir, RecursiveMode::NonRecursive).ok()?;
    Some(Watcher { _inner: w })
}
