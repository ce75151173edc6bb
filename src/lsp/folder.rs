//! The briefings beside an open one: read from the editor's buffer when it
//! is open there, else from disk (kept while the file is unchanged), so
//! references, renames and workspace symbols span the folder.

use super::outline::{self, Outline};
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A briefing on disk as last read: its text and outline.
pub struct Read {
    pub text: Arc<str>,
    pub outline: Arc<Outline>,
    stamp: (Option<SystemTime>, u64),
}

#[derive(Default)]
pub struct Disk {
    files: HashMap<PathBuf, Read>,
}

/// Files in a folder that may be briefings, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> =
        rd.flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                }) && p.is_file()
            })
            .collect();
    v.sort();
    v
}

impl Disk {
    /// The briefing at `path` as it is on disk, or `None` when it is not a
    /// readable briefing.
    pub fn get(&mut self, path: &Path) -> Option<(Arc<str>, Arc<Outline>)> {
        let meta = std::fs::metadata(path).ok()?;
        let stamp = (meta.modified().ok(), meta.len());
        if let Some(r) = self.files.get(path)
            && r.stamp == stamp
        {
            return Some((r.text.clone(), r.outline.clone()));
        }
        let bytes = crate::briefing::read::regular_file(path, crate::briefing::MAX_BYTES).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        if !crate::briefing::load::looks_like_briefing(&text) {
            return None;
        }
        let read = Read {
            outline: Arc::new(outline::read(&text)),
            text: text.into(),
            stamp,
        };
        let got = (read.text.clone(), read.outline.clone());
        self.files.insert(path.to_path_buf(), read);
        Some(got)
    }
}

/// One briefing of the folder, from the editor or the disk.
pub struct Member {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub outline: Arc<Outline>,
}

/// Every briefing in `dir`: open ones as the editor has them.
pub fn members(
    dir: &Path,
    open: &HashMap<PathBuf, (Arc<str>, Arc<Outline>)>,
    disk: &mut Disk,
) -> Vec<Member> {
    let mut paths = yaml_files(dir);
    for p in open.keys() {
        if p.parent() == Some(dir) && !paths.contains(p) {
            paths.push(p.clone());
        }
    }
    paths
        .into_iter()
        .filter_map(|path| match open.get(&path) {
            Some((text, o)) => Some(Member {
                text: text.clone(),
                outline: o.clone(),
                path,
            }),
            None => disk.get(&path).map(|(text, outline)| Member {
                path,
                text,
                outline,
            }),
        })
        .collect()
}
