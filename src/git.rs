//! A briefing's earlier versions, read from the git repository that holds
//! it (`--since REV`, the reader's revision picker) through gix: no `git`
//! command is run, and nothing is written.

use std::path::{Path, PathBuf};

/// A briefing as it was at one revision.
#[derive(Debug, Clone)]
pub struct Version {
    pub bytes: Vec<u8>,
    /// How it is named on screen: `HEAD~1 (3f2a9c1, 20 Nov 2026)`.
    pub label: String,
}

/// One commit that changed the file, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hex id: what the picker hands back as the revision.
    pub id: String,
    pub short: String,
    /// The commit's date, as people write it (`20 Nov 2026`).
    pub date: String,
    /// The first line of its message.
    pub subject: String,
}

struct Place {
    repo: gix::Repository,
    /// The file's path inside the repository, with `/` between parts.
    inside: PathBuf,
}

fn place(file: &Path) -> Result<Place, String> {
    let shown = crate::briefing::sanitize::path(file);
    let full = std::fs::canonicalize(file).map_err(|_| format!("{shown}: no such file"))?;
    let dir = full.parent().unwrap_or(Path::new("/"));
    if let Some(odd) = not_regular(dir) {
        return Err(format!(
            "{shown}: its repository holds {odd}, which is not a regular file; brief reads no version from it"
        ));
    }
    let repo = gix::discover(dir).map_err(|_| {
        format!(
            "{shown} is not in a git repository, so there is no earlier version to compare with"
        )
    })?;
    let work = repo
        .workdir()
        .and_then(|w| std::fs::canonicalize(w).ok())
        .ok_or_else(|| format!("{shown}: its repository has no working tree"))?;
    let inside = full
        .strip_prefix(&work)
        .map_err(|_| format!("{shown} is outside its repository's working tree"))?
        .to_path_buf();
    Ok(Place { repo, inside })
}

/// The first file git would read in the repository above `dir` that is
/// not a regular file (a FIFO, a socket, a device): reading one would wait
/// forever or never end, so brief checks before gix opens anything.
fn not_regular(dir: &Path) -> Option<String> {
    let git = dir
        .ancestors()
        .map(|d| d.join(".git"))
        .find(|g| std::fs::symlink_metadata(g).is_ok())?;
    let meta = std::fs::metadata(&git).ok()?;
    let odd = |p: &Path| {
        std::fs::metadata(p)
            .is_ok_and(|m| !m.is_file() && !m.is_dir())
            .then(|| crate::briefing::sanitize::path(p))
    };
    if !meta.is_dir() {
        // A `gitdir:` file (a worktree, a submodule) points elsewhere.
        return odd(&git);
    }
    for f in [
        "HEAD",
        "config",
        "commondir",
        "packed-refs",
        "shallow",
        "objects/info/alternates",
    ] {
        if let Some(o) = odd(&git.join(f)) {
            return Some(o);
        }
    }
    // Every ref, however many: a loose ref is a small file each.
    let mut stack = vec![git.join("refs")];
    let mut looked = 0;
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            looked += 1;
            if looked > 100_000 {
                return None;
            }
            let p = e.path();
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => stack.push(p),
                Ok(m) if !m.is_file() => return Some(crate::briefing::sanitize::path(&p)),
                _ => {}
            }
        }
    }
    None
}

/// `20 Nov 2026` from seconds since the epoch, in UTC.
fn day(seconds: i64) -> String {
    use crate::briefing::date::{MONTHS, civil_from_days};
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{d} {} {y}", MONTHS[usize::from(m) - 1])
}

fn describe(c: &gix::Commit<'_>) -> Commit {
    let id = c.id.to_string();
    let subject = c
        .message_raw_sloppy()
        .to_string()
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    Commit {
        short: id[..7.min(id.len())].to_string(),
        id,
        date: c.time().map(|t| day(t.seconds)).unwrap_or_default(),
        subject: crate::briefing::sanitize::clean(subject),
    }
}

/// The blob id of `inside` in commit `c`, if the file is there.
fn blob_in(c: &gix::Commit<'_>, inside: &Path) -> Option<gix::ObjectId> {
    let tree = c.tree().ok()?;
    let entry = tree.lookup_entry_by_path(inside).ok()??;
    entry.mode().is_blob().then(|| entry.object_id())
}

/// The file as it was at `rev` (any revision git understands: `HEAD~2`,
/// a tag, a branch, a commit id, `@{yesterday}` where a reflog has it).
pub fn at_revision(file: &Path, rev: &str) -> Result<Version, String> {
    let Place { repo, inside } = place(file)?;
    let shown = crate::briefing::sanitize::path(file);
    let rev_shown = crate::briefing::sanitize::clean(rev.to_string());
    let commit = repo
        .rev_parse_single(rev)
        .ok()
        .and_then(|id| id.object().ok())
        .and_then(|o| o.peel_to_commit().ok())
        .ok_or_else(|| format!("{rev_shown} is not a revision of this repository"))?;
    let blob =
        blob_in(&commit, &inside).ok_or_else(|| format!("{shown} did not exist at {rev_shown}"))?;
    // The size the object declares is checked before it is inflated: a
    // small object can claim gigabytes.
    let header = repo
        .find_header(blob)
        .map_err(|e| format!("{shown} at {rev_shown}: {e}"))?;
    if header.size() > crate::briefing::load::MAX_BYTES {
        return Err(format!("{shown} at {rev_shown} is larger than brief reads"));
    }
    let object = repo
        .find_object(blob)
        .map_err(|e| format!("{shown} at {rev_shown}: {e}"))?;
    if object.data.len() as u64 > crate::briefing::load::MAX_BYTES {
        return Err(format!("{shown} at {rev_shown} is larger than brief reads"));
    }
    let c = describe(&commit);
    let label = if c.id.starts_with(rev) {
        format!("{} ({})", c.short, c.date)
    } else {
        format!("{rev_shown} ({}, {})", c.short, c.date)
    };
    Ok(Version {
        bytes: object.data.clone(),
        label,
    })
}

/// The file at `rev`, loaded and checked like any briefing (its messages
/// name it `FILE@REV`); links to other files are read from the folder as
/// it is now. With the version's label.
pub fn load_version(file: &Path, rev: &str) -> Result<(crate::briefing::Report, String), String> {
    let v = at_revision(file, rev)?;
    let name = format!(
        "{}@{}",
        crate::briefing::sanitize::path(file),
        crate::briefing::sanitize::clean(rev.to_string())
    );
    let report = crate::briefing::load::load_bytes(&v.bytes, &name, file.to_path_buf());
    Ok((report, v.label))
}

/// Up to `limit` commits, newest first, that changed `file` (or added it),
/// looking at no more than `scan` commits of history.
pub fn recent_commits(file: &Path, limit: usize, scan: usize) -> Result<Vec<Commit>, String> {
    let Place { repo, inside } = place(file)?;
    let head = repo
        .head_id()
        .map_err(|_| "the repository has no commits yet".to_string())?;
    let walk = repo
        .rev_walk([head.detach()])
        .all()
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for info in walk.take(scan) {
        let Ok(info) = info else { break };
        let Ok(c) = info.object() else { break };
        let Some(now) = blob_in(&c, &inside) else {
            continue;
        };
        let before = info
            .parent_ids()
            .next()
            .and_then(|p| repo.find_commit(p.detach()).ok())
            .and_then(|p| blob_in(&p, &inside));
        if before != Some(now) {
            out.push(describe(&c));
            if out.len() == limit {
                break;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_read_as_dates() {
        assert_eq!(super::day(0), "1 Jan 1970");
        assert_eq!(super::day(951_782_400), "29 Feb 2000");
        assert_eq!(super::day(1_795_737_600), "27 Nov 2026");
        assert_eq!(super::day(-86_400), "31 Dec 1969");
    }
}
