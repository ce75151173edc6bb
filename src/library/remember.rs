//! What the library last found in each file, kept in the cache folder so a
//! folder opens with its titles, dates and counts at once (and in a stable
//! order) while each file is checked again in the background. Only ever
//! shown until that check's result replaces it; a file whose size or time
//! differs is not remembered at all, and an unreadable or foreign record is
//! ignored.

use super::{Entry, Stamp};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: &[u8; 8] = b"BRIEFL02";

#[derive(Serialize, Deserialize)]
struct Row {
    path: PathBuf,
    size: u64,
    /// Nanoseconds since the epoch.
    modified: Option<u128>,
    title: String,
    as_of: Option<String>,
    as_of_key: Option<i64>,
    classification: Option<String>,
    marking: Option<crate::briefing::marking::Tlp>,
    strictest: Option<crate::briefing::marking::Tlp>,
    actors: usize,
    issues: usize,
    events: usize,
    errors: usize,
    warnings: usize,
}

fn nanos(t: SystemTime) -> Option<u128> {
    t.duration_since(UNIX_EPOCH).ok().map(|d| d.as_nanos())
}

fn stamp_of(r: &Row) -> Stamp {
    let modified = r.modified.and_then(|n| {
        let d = Duration::new((n / 1_000_000_000) as u64, (n % 1_000_000_000) as u32);
        UNIX_EPOCH.checked_add(d)
    });
    (r.size, modified)
}

/// The record's file for the folder `dir`, unless the cache is off.
pub fn file(dir: &Path) -> Option<PathBuf> {
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut h = rustc_hash::FxHasher::default();
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    h.write(key.as_os_str().as_encoded_bytes());
    Some(crate::briefing::cache::dir()?.join(format!("library-{:016x}.bin", h.finish())))
}

/// The rows remembered in the record `f`, by path.
pub fn recall(f: &Path) -> HashMap<PathBuf, Entry> {
    let Ok(data) = crate::briefing::read::regular_file(f, 16 * 1024 * 1024) else {
        return HashMap::new();
    };
    let Some(body) = data.strip_prefix(MAGIC.as_slice()) else {
        return HashMap::new();
    };
    let rows: Vec<Row> = postcard::from_bytes(body).unwrap_or_default();
    rows.into_iter()
        .map(|r| {
            let mut e = Entry::named(&r.path);
            e.stamp = stamp_of(&r);
            e.title = crate::briefing::sanitize::clean(r.title);
            e.as_of = r.as_of.map(crate::briefing::sanitize::clean);
            e.as_of_key = r.as_of_key;
            e.classification = r.classification.map(crate::briefing::sanitize::clean);
            (e.marking, e.strictest) = (r.marking, r.strictest);
            (e.actors, e.issues, e.events) = (r.actors, r.issues, r.events);
            (e.errors, e.warnings) = (r.errors, r.warnings);
            e.remembered = true;
            (r.path, e)
        })
        .collect()
}

/// Keeps the checked rows in the record `f` for next time, written on a
/// thread of its own (whole, then renamed into place).
pub fn keep(f: &Path, entries: &[Entry]) {
    let f = f.to_path_buf();
    let rows: Vec<Row> = entries
        .iter()
        .filter(|e| e.checked)
        .map(|e| Row {
            path: e.path.clone(),
            size: e.stamp.0,
            modified: e.stamp.1.and_then(nanos),
            title: e.title.clone(),
            as_of: e.as_of.clone(),
            as_of_key: e.as_of_key,
            classification: e.classification.clone(),
            marking: e.marking,
            strictest: e.strictest,
            actors: e.actors,
            issues: e.issues,
            events: e.events,
            errors: e.errors,
            warnings: e.warnings,
        })
        .collect();
    let _ = std::thread::Builder::new().spawn(move || {
        let Ok(body) = postcard::to_stdvec(&rows) else {
            return;
        };
        let mut out = MAGIC.to_vec();
        out.extend(body);
        crate::briefing::cache::put(&f, &out);
    });
}
