//! Opening any file brief reads — a briefing, a briefing it links to, a
//! source text, the config — the one way: only a regular file (checked
//! before opening, and again on the open handle), opened without ever
//! waiting (a FIFO swapped in between cannot block brief), and read only
//! up to a limit, however large it claims or grows to be.

use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    NotFound,
    /// A folder, FIFO, socket or device.
    NotRegular {
        folder: bool,
    },
    TooLarge(u64),
    Io(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Refused::NotFound => f.write_str("no such file"),
            Refused::NotRegular { folder: true } => f.write_str("is a folder, not a file"),
            Refused::NotRegular { folder: false } => {
                f.write_str("is not a regular file (a FIFO, socket or device); it was not read")
            }
            Refused::TooLarge(n) => write!(
                f,
                "is {:.1} MiB, more than brief reads",
                *n as f64 / 1048576.0
            ),
            Refused::Io(e) => write!(f, "could not be read ({e})"),
        }
    }
}

fn io(e: std::io::Error) -> Refused {
    match e.kind() {
        std::io::ErrorKind::NotFound => Refused::NotFound,
        std::io::ErrorKind::PermissionDenied => Refused::Io("permission denied".into()),
        _ => Refused::Io(e.to_string()),
    }
}

/// What the system says of a file, enough to tell that it was written
/// since: its size, the time of its last write (which any program may set
/// back), the time of its last change (which the system sets on every
/// write and no program can set) and which file it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Of {
    pub len: u64,
    pub written: (i64, i64),
    pub changed: (i64, i64),
    pub inode: u64,
    pub device: u64,
}

/// A file's [`Of`] and the moment it was taken.
#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    pub of: Of,
    pub taken: std::time::SystemTime,
}

/// Longer than any file system's clock step (FAT's is two seconds): a
/// write this long after a file's last one always gets another time.
const SETTLE: std::time::Duration = std::time::Duration::from_secs(3);

impl Of {
    /// When the file was last written, if that is after 1970.
    pub fn written_at(&self) -> Option<std::time::SystemTime> {
        at(self.written)
    }
}

/// A file time (seconds and nanoseconds since 1970) as a [`SystemTime`].
///
/// [`SystemTime`]: std::time::SystemTime
fn at((s, n): (i64, i64)) -> Option<std::time::SystemTime> {
    u64::try_from(s).ok().map(|s| {
        std::time::UNIX_EPOCH + std::time::Duration::new(s, n.clamp(0, 999_999_999) as u32)
    })
}

impl Stamp {
    /// Whether the file was last written or changed long enough before the
    /// stamp was taken that any later write, even one in the same moment
    /// as the stamp, shows in the file's times. A read after a settled
    /// stamp that still matches read what the file holds.
    pub fn settled(&self) -> bool {
        let (Some(w), Some(c)) = (at(self.of.written), at(self.of.changed)) else {
            return false;
        };
        self.taken
            .duration_since(w.max(c))
            .is_ok_and(|d| d > SETTLE)
    }
}

/// The stamp of the file at `path`, if it is there.
pub fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    let taken = std::time::SystemTime::now();
    Some(Stamp {
        of: Of {
            len: m.len(),
            written: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
            device: m.dev(),
        },
        taken,
    })
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    let (f, len) = open_regular(path, limit)?;
    let mut bytes = Vec::with_capacity(len as usize);
    f.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The regular file at `path` opened to read, and its size, when it is at
/// most `limit` bytes: never a FIFO or device waited on.
pub fn open_regular(path: &Path, limit: u64) -> Result<(std::fs::File, u64), Refused> {
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular {
            folder: meta.is_dir(),
        });
    }
    if meta.len() > limit {
        return Err(Refused::TooLarge(meta.len()));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = opts.open(path).map_err(io)?;
    let meta = f.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular {
            folder: meta.is_dir(),
        });
    }
    Ok((f, meta.len().min(limit)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A stamp is settled once both of the file's times are more than the
    /// longest clock step behind the moment it was taken; never when either
    /// is ahead of it (a clock set back, a file from another machine).
    #[test]
    fn a_stamp_is_settled_only_well_after_the_last_write_and_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.yaml");
        std::fs::write(&path, "format: 1\n").unwrap();
        let s = stamp(&path).unwrap();
        assert!(!s.settled(), "just written");
        // Counted from the file's own last change, however long the stat
        // took to come after it on a busy machine.
        let (secs, nanos) = s.of.written.max(s.of.changed);
        let last = std::time::UNIX_EPOCH + Duration::new(secs as u64, nanos as u32);
        for (after, settled) in [(1, false), (3, false), (4, true), (600, true)] {
            let later = Stamp {
                taken: last + Duration::from_secs(after),
                ..s
            };
            assert_eq!(later.settled(), settled, "{after} s after");
        }
        let mut written_later = Stamp {
            taken: s.taken + Duration::from_secs(600),
            ..s
        };
        written_later.of.written.0 += 3600;
        assert!(!written_later.settled(), "written after the stamp");
        let mut changed_later = Stamp {
            taken: s.taken + Duration::from_secs(600),
            ..s
        };
        changed_later.of.changed.0 += 3600;
        assert!(!changed_later.settled(), "changed after the stamp");
    }
}
