//! Watching a file for saves. The folder is watched, not the file, so an
//! editor that writes a new file and renames it over the old one (vim, VS
//! Code) keeps being followed.

use crate::briefing::Briefing;
use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::path::{Path, PathBuf};

/// While it lives, changes to the path are sent to the loop.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
}

/// Watches `path`: a file (its saves, and those of the source texts in
/// `also`) or a folder (any `*.yaml` in it), sending
/// [`super::events::Wake::Changed`] on each change, or
/// [`super::events::Wake::Written`] when a file is whole again.
pub fn watch(
    path: &Path,
    also: &[PathBuf],
    tx: std::sync::mpsc::Sender<super::events::Wake>,
) -> Option<Watcher> {
    let folder = path.is_dir();
    let files: Vec<PathBuf> = if folder {
        Vec::new()
    } else {
        std::iter::once(path.to_path_buf())
            .chain(also.iter().cloned())
            // notify reports absolute paths, whatever it was given.
            .map(|f| std::path::absolute(&f).unwrap_or(f))
            .collect()
    };
    let main_dir = if folder {
        path.to_path_buf()
    } else {
        files[0].parent()?.to_path_buf()
    };
    let wanted = files.clone();
    // inotify reports a rename twice (to, then both ends): one reload.
    let mut renamed: Option<usize> = None;
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if let EventKind::Modify(ModifyKind::Name(m)) = ev.kind
            && ev.tracker().is_some()
        {
            let again = m == RenameMode::Both && renamed == ev.tracker();
            renamed = ev.tracker();
            if again {
                return;
            }
        }
        // A file renamed into place, or closed after writing, is whole: an
        // atomic save or the end of a write in place. Anything else may be
        // one step of several.
        let whole = matches!(
            ev.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        );
        if matches!(ev.kind, EventKind::Access(_)) && !whole {
            return;
        }
        let ours = ev.paths.iter().any(|p| {
            if folder {
                p.extension().is_some_and(|x| x == "yaml" || x == "yml")
            } else {
                wanted.iter().any(|f| f == p)
            }
        });
        if ours {
            let _ = tx.send(if whole && !folder {
                super::events::Wake::Written
            } else {
                super::events::Wake::Changed
            });
        }
    })
    .ok()?;
    w.watch(&main_dir, RecursiveMode::NonRecursive).ok()?;
    // A source text's folder that cannot be watched costs only its live
    // reload; `r` still reads it.
    let mut dirs: Vec<&Path> = files.iter().skip(1).filter_map(|f| f.parent()).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs.into_iter().filter(|d| *d != main_dir) {
        let _ = w.watch(d, RecursiveMode::NonRecursive);
    }
    Some(Watcher { _inner: w })
}

/// Whether the briefing's file, or a source text it read, was saved after
/// it was read: asked once its watch has started, so that a save made
/// while the file loaded or its first frame was drawn (before there was a
/// watch to see it) still reloads it.
pub fn saved_since_read(b: &Briefing) -> bool {
    let Some(s) = b.read_stamp else {
        return false;
    };
    if crate::briefing::read::stamp(&b.path).map(|now| now.of) != Some(s.of) {
        return true;
    }
    // A source text keeps no stamp of its own: one written since just
    // before the briefing was read may have been read before its save. A
    // file's times come from a clock that lags by up to a tick, hence the
    // margin. One written in it is held to the bytes the load read (their
    // size and hash), so a text copied just before the open is not read
    // again; a model from the cache kept no such record, and reads it
    // again once. A time ahead of the clock is a skewed one, not a save.
    let (since, until) = (s.taken - LAG, std::time::SystemTime::now() + LAG);
    crate::briefing::cache::dependencies(b, &b.path)
        .into_iter()
        .any(|(f, read)| {
            let recent = crate::briefing::read::stamp(&f)
                .and_then(|now| now.of.written_at())
                .is_some_and(|w| since < w && w <= until);
            recent
                && read.is_none_or(|r| {
                    crate::briefing::read::regular_file(
                        &f,
                        crate::briefing::evidence::source_text::MAX_TEXT_BYTES,
                    )
                    .map_or(true, |bytes| {
                        crate::briefing::cache::plain_digest(&bytes) != r
                    })
                })
        })
}

/// More than a file system's time stamps lag the clock (a kernel tick).
const LAG: std::time::Duration = std::time::Duration::from_millis(20);

/// The source-text files a briefing read, as paths beside it.
pub fn source_files(b: &Briefing) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = crate::briefing::cache::dependencies(b, &b.path)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    files.sort();
    files.dedup();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A save between the read and the watch's start shows as a stamp that
    /// is not the one taken before the read; a file left alone does not.
    #[test]
    fn a_save_after_the_read_is_seen_once_the_watch_starts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.yaml");
        std::fs::write(&path, "format: 1\ntitle: First\n").unwrap();
        let report = crate::briefing::load::load_file(&path).unwrap();
        let b = report.briefing.expect("it loads");
        assert!(b.read_stamp.is_some());
        assert!(!saved_since_read(&b), "nothing saved since");
        std::fs::write(&path, "format: 1\ntitle: Second, saved meanwhile\n").unwrap();
        assert!(saved_since_read(&b), "a save made while it loaded");
        let again = crate::briefing::load::reload_file(&path).unwrap();
        assert!(!saved_since_read(&again.briefing.unwrap()), "read again");
        std::fs::remove_file(&path).unwrap();
        assert!(saved_since_read(&b), "a file gone since");
    }

    /// A source text saved after the briefing was read is seen too; one
    /// left alone since well before is not.
    #[test]
    fn a_source_text_saved_after_the_read_is_seen_once_the_watch_starts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.yaml");
        let text = dir.path().join("article.txt");
        std::fs::write(&text, "The minister said talks would resume.\n").unwrap();
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&text)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        std::fs::write(
            &path,
            "format: 1\ntitle: T\nsources:\n  - id: s1\n    title: An article\n    file: article.txt\n",
        )
        .unwrap();
        let report = crate::briefing::load::load_file(&path).unwrap();
        let b = report.briefing.expect("it loads");
        assert_eq!(source_files(&b), vec![text.clone()], "the text is read");
        assert!(!saved_since_read(&b), "nothing saved since");
        std::fs::write(&text, "The minister said talks would not resume.\n").unwrap();
        assert!(saved_since_read(&b), "the text saved since the read");
        // A time ahead of the clock (files unpacked from a skewed machine)
        // is no save: it would reload at every start.
        let ahead = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&text)
            .unwrap()
            .set_modified(ahead)
            .unwrap();
        assert!(!saved_since_read(&b), "a skewed time is no save");
    }

    /// A source text written just before the open (a copy, an unpack) is
    /// held to the bytes the load read: the same bytes are no save, other
    /// bytes are.
    #[test]
    fn a_source_text_written_just_before_the_open_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.yaml");
        let text = dir.path().join("article.txt");
        std::fs::write(&text, "The minister said talks would resume.\n").unwrap();
        std::fs::write(
            &path,
            "format: 1\ntitle: T\nsources:\n  - id: s1\n    title: An article\n    file: article.txt\n",
        )
        .unwrap();
        let b = crate::briefing::load::load_file(&path)
            .unwrap()
            .briefing
            .expect("it loads");
        assert!(!saved_since_read(&b), "the bytes it read");
        std::fs::write(&text, "The minister said talks would not resume.\n").unwrap();
        assert!(saved_since_read(&b), "other bytes");
    }
}
