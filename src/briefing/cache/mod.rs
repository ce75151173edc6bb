//! A cache of validated briefings, for reopening a large one at once. An
//! entry is named by the file's path and brief's version (one entry a
//! file: a new version of the file replaces the old one's), and records the
//! file's stamp (size, times of last write and of last change, which file)
//! taken before it was read, and the file's bytes and every source text the
//! briefing read by size and keyed hash. Any difference — another version,
//! a changed text, a truncated, corrupt or crafted entry — and the entry is
//! ignored, the file loaded afresh and the entry written again. A stamp
//! taken seconds after the file's last write is settled: no later write
//! can leave it as it was (the system sets the time of last change on
//! every write, and no program can set it back), so an entry with a
//! settled stamp that matches is used without reading the file; any other
//! is held to the file's hash, and marked settled once that hash matches
//! after the file has settled. An entry is data from disk like any other:
//! it is sealed with a keyed hash (SipHash-1-3, 128 bits, over each half,
//! then over both) whose key is made at random in the cache folder, over
//! the whole entry (the file's stamp and hash, made with the same key,
//! among it), so an entry edited or made elsewhere — its checksum
//! recomputed or not — is never decoded, and no file made to collide with
//! another is served the other's model. The entry is read (a large one
//! mapped) and its seal checked on a thread of its own while the file is
//! read and hashed a piece at a time when it must be ([`look_up`],
//! [`Lookup::finish_file`]): a reopen waits for the longer of the two, not
//! both, and never holds the file's bytes. A
//! folder that is a symbolic link, belongs to another user or that others
//! may write in is not used, and brief says why once. Briefings that load
//! without an error and link to no other briefing are kept with their
//! warnings, so a cached load gives exactly what a fresh one gives. It is
//! only a speed-up: `--no-cache` or `BRIEF_CACHE=off` turn it off.

use super::diagnostic::Diagnostic;
use super::model::Briefing;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

mod parts;

const MAGIC: &[u8; 8] = b"BRIEFC06";
/// At most this many entries, and this many bytes; the oldest go first.
/// The reader keeps small files too (tens of kilobytes each): the count
/// leaves room for them beside the large files the cache is for.
pub const MAX_ENTRIES: usize = 256;
const MAX_TOTAL: u64 = 512 * 1024 * 1024;

static OFF: AtomicBool = AtomicBool::new(false);

/// `--no-cache`: no reads, no writes, for this run.
pub fn disable() {
    OFF.store(true, Ordering::SeqCst);
}

/// The cache folder, unless the cache is off.
pub fn dir() -> Option<PathBuf> {
    if OFF.load(Ordering::SeqCst)
        || std::env::var("BRIEF_CACHE").is_ok_and(|v| v == "off" || v == "0")
    {
        return None;
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("brief"))
}

/// A file's bytes as an entry records them: their length and a hash keyed
/// with the folder's key.
type Digest = (u64, [u8; 16]);

fn digest(key: &[u8; 16], bytes: &[u8]) -> Digest {
    use siphasher::sip128::{Hasher128, SipHasher13};
    let mut h = SipHasher13::new_with_key(key);
    h.write(bytes);
    (bytes.len() as u64, h.finish128().as_bytes())
}

/// A file's bytes by length and a hash with no secret key: what a load
/// keeps of the source texts it read, to compare with the files later
/// ([`write_now`]), not to seal anything.
pub fn plain_digest(bytes: &[u8]) -> (u64, [u8; 16]) {
    digest(&[0; 16], bytes)
}

/// The cache folder's key: 16 random bytes in `key`, made on first write.
fn key(dir: &Path, make: bool) -> Option<[u8; 16]> {
    let file = dir.join("key");
    if let Ok(k) = super::read::regular_file(&file, 16)
        && let Ok(k) = <[u8; 16]>::try_from(k.as_slice())
    {
        return Some(k);
    }
    if !make {
        return None;
    }
    let mut k = [0u8; 16];
    let n = unsafe { libc::getrandom(k.as_mut_ptr().cast(), k.len(), 0) };
    if n != 16 {
        return None;
    }
    put_private(&file, &k);
    // Read back: another brief may have made its own at the same moment.
    key(dir, false)
}

/// The seal of an entry: a keyed hash of all it holds, made of a keyed
/// hash of each half, so a large entry's two halves are hashed on two
/// cores (a settled reopen waits for nothing else).
fn seal(key: &[u8; 16], entry: &[u8]) -> [u8; 16] {
    use siphasher::sip128::{Hasher128, SipHasher13};
    let (a, b) = entry.split_at(entry.len() / 2);
    let both = || (digest(key, a), digest(key, b));
    let (a, b) = if entry.len() < ASIDE_FROM as usize {
        both()
    } else {
        std::thread::scope(|s| {
            match std::thread::Builder::new().spawn_scoped(s, || digest(key, a)) {
                Ok(first) => {
                    let b = digest(key, b);
                    first.join().map_or_else(|_| both(), |a| (a, b))
                }
                Err(_) => both(),
            }
        })
    };
    let mut h = SipHasher13::new_with_key(key);
    h.write(b"brief entry seal");
    for (len, hash) in [a, b] {
        h.write_u64(len);
        h.write(&hash);
    }
    h.finish128().as_bytes()
}

/// Why the cache folder is not used, once [`check_folder`] found it unsafe.
pub static REFUSED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Turns the cache off for this run when its folder is a symbolic link,
/// belongs to another user or may be written by others, saying why in
/// [`REFUSED`]. A folder that does not exist yet is made private.
pub fn check_folder() {
    use std::os::unix::fs::MetadataExt;
    let Some(d) = dir() else { return };
    let Ok(m) = std::fs::symlink_metadata(&d) else {
        return;
    };
    let why = if m.file_type().is_symlink() {
        "it is a symbolic link"
    } else if !m.is_dir() {
        "it is not a folder"
    } else if m.uid() != unsafe { libc::geteuid() } {
        "it belongs to another user"
    } else if m.mode() & 0o022 != 0 {
        "others may write in it"
    } else {
        return;
    };
    let _ = REFUSED.set(format!(
        "the cache folder {} is not used: {why}",
        super::sanitize::path(&d)
    ));
    disable();
}

/// The model's shape, in every entry's name: a build whose model is
/// stored differently never reads an older build's entries. Give it a new
/// number with any change to a type the cache stores (`tests/it/cache.rs`
/// fails until then).
pub const MODEL_SHAPE: &str = "model 5: the timeline in parts";

/// The entry's file name, for the file at `path`: known before the file is
/// read, so the entry can be read alongside it.
fn entry_name(path: &Path) -> String {
    let mut h = rustc_hash::FxHasher::default();
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    h.write(MODEL_SHAPE.as_bytes());
    h.write(path.as_os_str().as_encoded_bytes());
    format!("{:016x}.bin", h.finish())
}

/// The files a briefing at `path` read besides itself, its source texts,
/// each with what the load read of it (size and plain hash), if known.
pub fn dependencies(b: &Briefing, path: &Path) -> Vec<(PathBuf, Option<Digest>)> {
    let dir = path.parent().unwrap_or(Path::new("."));
    b.sources
        .iter()
        .filter_map(|s| {
            let t = s.text.as_ref()?;
            Some((dir.join(t.file.as_ref()?), t.read_as.0))
        })
        .collect()
}

/// The digest of the file at `p` (at most a briefing's largest size), read
/// a piece at a time and hashed as it is read: the file is never held
/// whole. The same digest as [`digest`] of its bytes.
fn digest_of(key: &[u8; 16], p: &Path) -> Option<Digest> {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::io::Read;
    let limit = super::MAX_BYTES;
    let (f, size) = super::read::open_regular(p, limit).ok()?;
    let mut f = f.take(limit + 1);
    let mut h = SipHasher13::new_with_key(key);
    // A small file's bytes in one piece of its size (one more byte shows
    // that it grew since).
    let mut piece = vec![0u8; (size as usize + 1).min(PIECE)];
    let mut len = 0u64;
    loop {
        let n = match f.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        h.write(&piece[..n]);
        len += n as u64;
    }
    (len <= limit).then(|| (len, h.finish128().as_bytes()))
}

/// The cached model of the file whose bytes are `bytes`, when a valid entry
/// exists in `dir`.
pub fn read(dir: &Path, path: &Path, bytes: &[u8]) -> Option<Briefing> {
    find(dir, path, bytes)?.decode("").map(|(b, _)| b)
}

/// A valid entry, checked but not yet decoded: the file's own bytes can be
/// let go first, so a reopen never holds the file, the entry and the model
/// at once.
pub struct Entry {
    file: PathBuf,
    data: Bytes,
    /// Where the model starts in `data`.
    model: usize,
    /// The key and the byte of the header to mark settled, when the entry
    /// is to be written again as settled ([`settled_again`]).
    settle: Option<([u8; 16], usize)>,
}

/// The entry for the file whose bytes are `bytes`, when a valid one exists.
pub fn find(dir: &Path, path: &Path, bytes: &[u8]) -> Option<Entry> {
    look_up(dir, path, super::read::stamp(path)?)?.finish(bytes)
}

/// An entry being read, and its seal checked, on a thread of its own while
/// the file it is for is read (a large file's), or already read.
pub struct Lookup {
    key: [u8; 16],
    sealed: Reading,
    /// The file's stamp as the lookup found it: the entry's.
    now: super::read::Stamp,
    /// Whether the entry's header says its stamp was settled when it was
    /// made, so the file's bytes need not be hashed (the seal, checked
    /// before anything is used, covers the header too).
    settled: bool,
}

/// The entry being read on a thread of its own, or already read.
enum Reading {
    Aside(std::thread::JoinHandle<Option<Sealed>>),
    Done(Option<Sealed>),
}

/// Entries of files smaller than this are read on the calling thread:
/// starting a thread costs more than reading them.
const ASIDE_FROM: u64 = 256 * 1024;

/// An entry whose seal holds, not yet held to the file's bytes.
struct Sealed {
    file: PathBuf,
    data: Bytes,
}

/// An entry's bytes: read, when small, or mapped from the file. A large
/// entry is mapped, not read: its pages are already in the page cache
/// (it was written or read lately), and reading 37 MB into fresh memory
/// took a 100,000-event hit's entry thread 25 ms. A mapping fails on
/// access once its file is cut shorter; an entry never is: entries are
/// written whole and renamed into place, touched by opening to append
/// nothing, and evicted by removing them, none of which changes the
/// bytes an open mapping shows.
enum Bytes {
    Read(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

/// Starts reading the entry for the file at `path` (its canonical path),
/// stamped `now` just before: none when the folder has no key yet, so no
/// entry was ever written, or when the entry's header says it was made
/// from another version.
pub fn look_up(dir: &Path, path: &Path, now: super::read::Stamp) -> Option<Lookup> {
    let key = key(dir, false)?;
    let file = dir.join(entry_name(path));
    // The header here, so that an entry for another version of the file
    // is passed over before the file is read and hashed for nothing.
    let (f, first, len, settled) = open_entry(&file, now.of)?;
    let read = move || {
        let data = read_entry(f, first, len)?;
        let (body, sum) = data.split_at_checked(data.len().checked_sub(16)?)?;
        let sealed = seal(&key, body) == *sum;
        sealed.then_some(Sealed { file, data })
    };
    let sealed = if now.of.len < ASIDE_FROM {
        Reading::Done(read())
    } else {
        Reading::Aside(
            std::thread::Builder::new()
                .name("cache entry".into())
                .spawn(read)
                .ok()?,
        )
    };
    Some(Lookup {
        key,
        sealed,
        now,
        settled,
    })
}

/// What an entry's header says of the file it was made from, ahead of the
/// rest, so an entry for an older version is left after a few bytes
/// instead of read whole: the file's stamp ([`super::read::Of`]), and
/// whether that stamp was settled ([`super::read::Stamp::settled`]) when
/// the file was read. A settled stamp that still matches is the file's
/// bytes as they were read: no write leaves its times as they were.
/// Otherwise the file's hash, further in, decides.
type Header = (super::read::Of, bool);

/// The entry `file` opened, with its first bytes read, its size and
/// whether its stamp was settled, when its header says it was made from
/// a file stamped `now`.
fn open_entry(
    file: &Path,
    now: super::read::Of,
) -> Option<(std::io::Take<std::fs::File>, Vec<u8>, u64, bool)> {
    use std::io::Read;
    let (f, len) = super::read::open_regular(file, MAX_TOTAL).ok()?;
    let mut data = Vec::with_capacity(if len < ASIDE_FROM { len } else { HEADER } as usize);
    let mut f = f.take(MAX_TOTAL);
    (&mut f).take(HEADER).read_to_end(&mut data).ok()?;
    let made = data.strip_prefix(MAGIC.as_slice()).and_then(|rest| {
        let (_, rest): (&str, &[u8]) = postcard::take_from_bytes(rest).ok()?;
        postcard::take_from_bytes::<Header>(rest)
            .ok()
            .map(|(s, _)| s)
    });
    let (of, settled) = made?;
    (of == now).then_some((f, data, len, settled))
}

/// The whole of an entry opened by [`open_entry`]: the rest read after
/// its first bytes, or, for a large one, the file mapped.
fn read_entry(mut f: std::io::Take<std::fs::File>, mut data: Vec<u8>, len: u64) -> Option<Bytes> {
    use std::io::Read;
    if len >= ASIDE_FROM {
        // SAFETY: the file is a regular file in the cache folder, never cut
        // shorter or written in place (see `Bytes`); the mapping is read
        // only and private.
        let mapped = unsafe {
            memmap2::MmapOptions::new()
                .len(usize::try_from(len).ok()?)
                .populate()
                .map(f.get_ref())
        };
        return mapped.ok().map(Bytes::Mapped);
    }
    f.read_to_end(&mut data).ok()?;
    Some(Bytes::Read(data))
}

/// How much of a file is read and hashed at a time: small enough to stay
/// in the processor's cache between the two.
const PIECE: usize = 256 * 1024;

/// Enough of an entry for its magic, version and stamp.
const HEADER: u64 = 256;

impl Lookup {
    /// The entry, when it was made from exactly `bytes` (hashed here while
    /// the entry is still being read) and the source texts it read are
    /// unchanged. Bytes handed over may be older than the file's stamp, so
    /// they never mark the entry settled: only the file read after it does.
    pub fn finish(self, bytes: &[u8]) -> Option<Entry> {
        let source = digest(&self.key, bytes);
        let mut entry = self.finish_with(Some(source))?;
        entry.settle = None;
        Some(entry)
    }

    /// [`Lookup::finish`] for the file at `path`: not read at all when the
    /// entry's stamp was settled, otherwise hashed as it is read
    /// ([`digest_of`]): a hit never holds the file's bytes. `None` when the
    /// file cannot be read or is larger than a briefing may be.
    pub fn finish_file(self, path: &Path) -> Option<Entry> {
        if self.settled {
            return self.finish_with(None);
        }
        let source = digest_of(&self.key, path)?;
        self.finish_with(Some(source))
    }

    /// The entry, when its seal holds, its version is this build's, and
    /// the file is the one it was made from: hashed to `source`, or, with
    /// no hash, stamped as the entry was and settled then.
    fn finish_with(self, source: Option<Digest>) -> Option<Entry> {
        let Sealed { file, data } = match self.sealed {
            Reading::Aside(reading) => reading.join().ok()??,
            Reading::Done(read) => read?,
        };
        let body = &data[..data.len() - 16];
        let rest = body.strip_prefix(MAGIC.as_slice())?;
        let (version, rest): (String, &[u8]) = postcard::take_from_bytes(rest).ok()?;
        if version != env!("CARGO_PKG_VERSION") {
            return None;
        }
        let ((of, settled), rest): (Header, &[u8]) = postcard::take_from_bytes(rest).ok()?;
        // Where the header says whether it was settled: the byte just
        // before the hash (a `bool` is one byte).
        let settled_at = body.len() - rest.len() - 1;
        let (made_from, rest): (Digest, &[u8]) = postcard::take_from_bytes(rest).ok()?;
        if of != self.now.of {
            return None;
        }
        match source {
            Some(source) if made_from != source => return None,
            None if !settled => return None,
            _ => {}
        }
        let (deps, rest): (Vec<(PathBuf, Digest)>, &[u8]) = postcard::take_from_bytes(rest).ok()?;
        if deps
            .iter()
            .any(|(p, d)| digest_of(&self.key, p).as_ref() != Some(d))
        {
            return None;
        }
        let model = body.len() - rest.len();
        // Hashed and found the same, with a stamp settled since: what the
        // file holds now is what the entry was made from, and any later
        // write will show in its stamp. The entry is marked settled, so
        // the next reopen does not read the file.
        let settle = (source.is_some() && !settled && self.now.settled()).then_some(settled_at);
        Some(Entry {
            file,
            data,
            model,
            settle: settle.map(|at| (self.key, at)),
        })
    }
}

/// A warning as kept in an entry: every field a fresh load's has, the
/// tool data as JSON text (postcard reads no self-describing values).
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept {
    code: String,
    message: String,
    marks: Vec<(usize, usize, usize, String, usize, String)>,
    help: Option<String>,
    data: Option<String>,
}

impl Kept {
    fn of(d: &Diagnostic) -> Kept {
        Kept {
            code: d.code.to_string(),
            message: d.message.to_string(),
            marks: d
                .marks
                .iter()
                .map(|m| {
                    let (l, c, n, s, f) = (
                        m.line,
                        m.column,
                        m.marked_chars(),
                        m.source_line.to_string(),
                        m.shown_from as usize,
                    );
                    (l, c, n, s, f, m.label.to_string())
                })
                .collect(),
            help: d.help.as_ref().map(|h| h.to_string()),
            data: d.data.as_ref().map(|v| v.to_string()),
        }
    }

    fn diagnostic(self, file: &std::sync::Arc<str>) -> Option<Diagnostic> {
        let mut d = Diagnostic::in_file(
            super::problem::Severity::Warning,
            code_named(&self.code)?,
            file.clone(),
            self.message,
        );
        // An entry whose numbers no load would write is refused.
        d.marks = self
            .marks
            .into_iter()
            .map(|(line, column, len, source_line, shown_from, label)| {
                Some(super::diagnostic::Mark {
                    line,
                    column,
                    len: u32::try_from(len).ok()?,
                    shown_from: u32::try_from(shown_from).ok()?,
                    source_line: source_line.into(),
                    label: label.into(),
                })
            })
            .collect::<Option<_>>()?;
        d.help = self.help.map(Into::into);
        d.data = match self.data {
            Some(j) => Some(Box::new(serde_json::from_str(&j).ok()?)),
            None => None,
        };
        Some(d)
    }
}

/// A finding's code as the `'static` name the checks give it: each code
/// is kept once for the life of the process, however many entries name it.
fn code_named(code: &str) -> Option<&'static str> {
    static CODES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    // A code is a short word of lower-case letters and dashes; anything
    // else was never written by brief.
    if code.is_empty()
        || code.len() > 64
        || !code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
    {
        return None;
    }
    let mut codes = CODES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = codes.iter().find(|c| **c == code) {
        return Some(c);
    }
    if codes.len() >= 512 {
        return None;
    }
    let c: &'static str = Box::leak(code.to_string().into_boxed_str());
    codes.push(c);
    Some(c)
}

impl Entry {
    /// The model and its warnings, each file named `file`.
    pub fn decode(self, file: &str) -> Option<(Briefing, Vec<Diagnostic>)> {
        let end = self.data.len() - 16;
        // Each part's strings are held to what a fresh load gives as it is
        // decoded: a string that cleaning would change was never written
        // by brief.
        let (b, kept) = parts::take(&self.data[self.model..end])?;
        if let Some((key, at)) = self.settle {
            settled_again(&key, &self.file, self.data, at);
        } else {
            drop(self.data);
        }
        let file: std::sync::Arc<str> = file.into();
        let warnings = kept
            .into_iter()
            .map(|k| k.diagnostic(&file))
            .collect::<Option<Vec<_>>>()?;
        // Touched, so eviction takes the least recently used.
        let _ = std::fs::File::options()
            .append(true)
            .open(&self.file)
            .and_then(|f| f.set_modified(std::time::SystemTime::now()));
        Some((b, warnings))
    }
}

/// The entry `data` at `file` written again with its header marked
/// settled at byte `at`, and sealed again: the same model, from now on
/// reopened without reading the file. While the reader's writes wait for
/// its frame, this is written on a thread of its own like them.
fn settled_again(key: &[u8; 16], file: &Path, data: Bytes, at: usize) {
    let (key, file) = (*key, file.to_path_buf());
    let write = move || {
        let mut out = data[..data.len() - 16].to_vec();
        drop(data);
        out[at] = 1;
        let sum = seal(&key, &out);
        out.extend(sum);
        put(&file, &out);
    };
    if !DEFER.load(Ordering::SeqCst) {
        return write();
    }
    if let Ok(w) = std::thread::Builder::new().spawn(write) {
        writing(w);
    }
}

/// Keeps `w`, an entry being written, for [`wait_for_writes`]: one entry at
/// a time, so one still being written is waited for first (a thread let
/// go would be cut off as brief exits, leaving its temporary file).
fn writing(w: std::thread::JoinHandle<()>) {
    if let Ok(mut writing) = WRITING.lock()
        && let Some(before) = writing.replace(w)
    {
        let _ = before.join();
    }
}

/// Keeps the model of a file that loaded without an error and links to no
/// other briefing, with its warnings; failures to write are ignored (it is
/// only a speed-up).
/// Whether entries wait for [`write_pending`] instead of being written in
/// the load: set by the reader, so the cache is written after the first
/// frame, not in front of it.
static DEFER: AtomicBool = AtomicBool::new(false);

/// An entry to write once its briefing is on screen.
struct Pending {
    dir: PathBuf,
    path: PathBuf,
    bytes: Vec<u8>,
    warnings: Vec<Diagnostic>,
}

static PENDING: std::sync::Mutex<Option<Pending>> = std::sync::Mutex::new(None);

/// From now on a load leaves its cache entry for [`write_pending`].
pub fn defer_writes() {
    DEFER.store(true, Ordering::SeqCst);
}

/// Writes the entry a load left, on a thread of its own, for `b` (the
/// briefing that load made, now on screen).
/// An entry left by another file's load waits for that file's briefing:
/// an entry must never hold one file's model under another's name.
pub fn write_pending(b: std::sync::Arc<Briefing>) {
    let Ok(mut slot) = PENDING.lock() else {
        return;
    };
    if slot.is_none() {
        return;
    }
    let here = std::fs::canonicalize(&b.path).unwrap_or_else(|_| b.path.clone());
    if slot.as_ref().is_none_or(|p| p.path != here) {
        return;
    }
    let Some(p) = slot.take() else { return };
    drop(slot);
    // No thread to be had (descriptors or memory run out): no entry, as
    // the cache is only a speed-up.
    if let Ok(w) = std::thread::Builder::new()
        .spawn(move || write_now(&p.dir, &p.path, &p.bytes, &b, &p.warnings))
    {
        writing(w);
    }
}

/// The entry being written after the frame.
static WRITING: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> = std::sync::Mutex::new(None);

/// Waits for an entry still being written: brief calls it as it exits
/// (the screen already put back), so a quick look still leaves the entry
/// for the next open.
pub fn wait_for_writes() {
    let w = WRITING.lock().ok().and_then(|mut w| w.take());
    if let Some(w) = w {
        let _ = w.join();
    }
}

/// Writes the entry for `b`, loaded from `bytes` of `path` — or, while
/// writes are deferred, keeps it for [`write_pending`].
pub fn write(dir: &Path, path: &Path, bytes: Vec<u8>, b: &Briefing, warnings: &[Diagnostic]) {
    if DEFER.load(Ordering::SeqCst) {
        if let Ok(mut p) = PENDING.lock() {
            *p = Some(Pending {
                dir: dir.to_path_buf(),
                path: path.to_path_buf(),
                bytes,
                warnings: warnings.to_vec(),
            });
        }
        return;
    }
    write_now(dir, path, &bytes, b, warnings);
}

fn write_now(dir: &Path, path: &Path, bytes: &[u8], b: &Briefing, warnings: &[Diagnostic]) {
    if !b.externals.is_empty() || warnings.iter().any(Diagnostic::is_error) {
        return;
    }
    let Some(key) = key(dir, true) else { return };
    // Taken before the file was read: a file saved since has another
    // stamp, which no lookup passes. A model made from bytes handed over
    // has no such stamp: one taken now is never settled, so the file's
    // hash decides.
    let (of, settled) = match b.read_stamp {
        Some(s) => (s.of, s.settled()),
        None => match super::read::stamp(path) {
            Some(s) => (s.of, false),
            None => return,
        },
    };
    let kept: Vec<Kept> = warnings.iter().map(Kept::of).collect();
    // A source text saved since the load read it (the entry is written
    // after the reader's first frame): this model is already out of date,
    // and an entry would pair it with the new text.
    let mut deps: Vec<(PathBuf, Digest)> = Vec::new();
    for (p, read) in dependencies(b, path) {
        let Ok(bytes) = super::read::regular_file(&p, super::MAX_BYTES) else {
            return;
        };
        if read.is_some_and(|r| plain_digest(&bytes) != r) {
            return;
        }
        deps.push((p, digest(&key, &bytes)));
    }
    let mut out = MAGIC.to_vec();
    let parts = (|| -> Result<(), postcard::Error> {
        out.extend(postcard::to_stdvec(&env!("CARGO_PKG_VERSION"))?);
        out.extend(postcard::to_stdvec(&(of, settled))?);
        out.extend(postcard::to_stdvec(&digest(&key, bytes))?);
        out.extend(postcard::to_stdvec(&deps)?);
        parts::put(&mut out, b, &kept)
    })();
    if parts.is_err() {
        return;
    }
    let sum = seal(&key, &out);
    out.extend(sum);
    put(&dir.join(entry_name(path)), &out);
}

/// The model of `b` as an entry stores it (without warnings): what the
/// test of [`MODEL_SHAPE`] pins.
#[doc(hidden)]
pub fn stored_model(b: &Briefing) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    parts::put(&mut out, b, &[]).ok()?;
    Some(out)
}

/// [`put`] for the key: never over a key already there, as entries sealed
/// with it stay good.
fn put_private(file: &Path, data: &[u8]) {
    let Some(dir) = file.parent() else { return };
    if make_dir(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!("key.{}.tmp", std::process::id()));
    if private_file(&tmp, data).is_ok() {
        let _ = std::fs::hard_link(&tmp, file);
    }
    let _ = std::fs::remove_file(&tmp);
}

/// `data` in a new file `tmp` that only its owner may read, whatever the
/// folder allows: an entry holds a whole briefing. A leftover of the same
/// name is removed first, as it would keep its own mode.
fn private_file(tmp: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::remove_file(tmp);
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(tmp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, data))
}

fn make_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Writes `data` to `file` in the cache folder (made private if new): whole,
/// then renamed into place, so a reader never sees half; only its owner may
/// read it. Failures are ignored: the cache is only a speed-up.
pub fn put(file: &Path, data: &[u8]) {
    let Some(dir) = file.parent() else { return };
    if make_dir(dir).is_err() {
        return;
    }
    let Some(name) = file.file_name() else { return };
    let tmp = dir.join(format!(
        "{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    if private_file(&tmp, data).is_ok() {
        let _ = std::fs::rename(&tmp, file);
    }
    let _ = std::fs::remove_file(&tmp);
    evict(dir);
}

/// Keeps the cache within [`MAX_ENTRIES`] and [`MAX_TOTAL`], oldest first.
fn evict(dir: &Path) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, u64, PathBuf)> = list
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((m.modified().ok()?, m.len(), e.path()))
        })
        .collect();
    entries.sort();
    let mut total: u64 = entries.iter().map(|e| e.1).sum();
    let mut count = entries.len();
    for (_, len, p) in entries {
        if count <= MAX_ENTRIES && total <= MAX_TOTAL {
            break;
        }
        if std::fs::remove_file(&p).is_ok() {
            count -= 1;
            total -= len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file hashed a piece at a time has the digest of its bytes hashed
    /// whole — an entry written from the bytes is found from the file —
    /// at every size around a piece's edges.
    #[test]
    fn a_file_hashed_in_pieces_has_the_digest_of_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.yaml");
        let key = [7u8; 16];
        for len in [0, 1, 15, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 5] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            std::fs::write(&file, &bytes).unwrap();
            assert_eq!(digest_of(&key, &file), Some(digest(&key, &bytes)), "{len}");
        }
        let other = [8u8; 16];
        assert_ne!(digest_of(&other, &file), digest_of(&key, &file));
    }

    /// An empty cache folder, and a small briefing in a folder of its own.
    fn a_cache_and_a_file() -> (tempfile::TempDir, tempfile::TempDir, PathBuf) {
        let cache = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.yaml");
        std::fs::write(&file, "format: 1\ntitle: First version\n").unwrap();
        (cache, dir, file)
    }

    /// The briefing's model, loaded from `file`, written to an entry as if
    /// its stamp had been taken `later` seconds after the file's last write.
    fn entry_for(dir: &Path, file: &Path, later: u64) -> super::super::read::Stamp {
        let mut b = crate::briefing::load::load_file(file)
            .unwrap()
            .briefing
            .unwrap();
        let mut stamp = b.read_stamp.unwrap();
        stamp.taken += std::time::Duration::from_secs(later);
        b.read_stamp = Some(stamp);
        write_now(dir, file, &std::fs::read(file).unwrap(), &b, &[]);
        stamp
    }

    /// An entry whose stamp was settled when it was made is used on its
    /// stamp alone: the file is not read (here its bytes changed under a
    /// stamp made to look the same, which no write can do). One that was
    /// not settled is held to the file's bytes and refused.
    #[test]
    fn a_settled_stamp_spares_the_file_and_an_unsettled_one_is_hashed() {
        let (cache, _dir, file) = a_cache_and_a_file();
        for (later, used) in [(60, true), (0, false)] {
            let stamp = entry_for(cache.path(), &file, later);
            assert_eq!(stamp.settled(), used);
            std::fs::write(&file, "format: 1\ntitle: Other version\n").unwrap();
            let found = look_up(cache.path(), &file, stamp)
                .and_then(|l| l.finish_file(&file))
                .and_then(|e| e.decode("b.yaml"));
            assert_eq!(found.is_some(), used, "settled {used}");
            std::fs::write(&file, "format: 1\ntitle: First version\n").unwrap();
        }
    }

    /// A flipped "settled" byte breaks the seal: no entry is trusted
    /// without its file's hash but by brief's own word.
    #[test]
    fn an_entry_marked_settled_by_hand_is_refused() {
        let (cache, _dir, file) = a_cache_and_a_file();
        let stamp = entry_for(cache.path(), &file, 0);
        let entry = cache.path().join(entry_name(&file));
        let mut bytes = std::fs::read(&entry).unwrap();
        assert!(!look_up(cache.path(), &file, stamp).unwrap().settled);
        let at = settled_byte(&bytes);
        assert_eq!(bytes[at], 0);
        bytes[at] = 1;
        std::fs::write(&entry, &bytes).unwrap();
        let lookup = look_up(cache.path(), &file, stamp).unwrap();
        assert!(lookup.settled, "the header says settled");
        assert!(lookup.finish_file(&file).is_none(), "but the seal breaks");
    }

    /// Where the header's "settled" byte is in an entry's bytes.
    fn settled_byte(entry: &[u8]) -> usize {
        let rest = &entry[MAGIC.len()..];
        let (_, rest): (&str, &[u8]) = postcard::take_from_bytes(rest).unwrap();
        let (_, rest): (super::super::read::Of, &[u8]) = postcard::take_from_bytes(rest).unwrap();
        entry.len() - rest.len()
    }

    /// An entry made unsettled, found good by its hash once the file has
    /// settled, is written again settled: the reopen after it does not
    /// read the file.
    #[test]
    fn an_entry_hashed_good_after_the_file_settled_is_marked_settled() {
        let (cache, _dir, file) = a_cache_and_a_file();
        let mut stamp = entry_for(cache.path(), &file, 0);
        let lookup = look_up(cache.path(), &file, stamp).unwrap();
        assert!(!lookup.settled);
        assert!(
            lookup.finish_file(&file).unwrap().settle.is_none(),
            "not yet"
        );
        stamp.taken += std::time::Duration::from_secs(60);
        let entry = look_up(cache.path(), &file, stamp)
            .unwrap()
            .finish_file(&file)
            .unwrap();
        assert!(entry.settle.is_some());
        assert!(entry.decode("b.yaml").is_some());
        let lookup = look_up(cache.path(), &file, stamp).unwrap();
        assert!(lookup.settled, "written again, settled");
        assert!(
            lookup
                .finish_file(&file)
                .unwrap()
                .decode("b.yaml")
                .is_some()
        );
    }
}
