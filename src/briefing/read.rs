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

/// A file's size and time of last write.
pub type Stamp = (u64, std::time::SystemTime);

/// The size and time of last write of the file at `path`, if it is there.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
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
