//! Reading a file: limits, encoding, YAML, then validation. Every failure
//! becomes a [`Diagnostic`]; nothing here panics on any input.

use super::diagnostic::Diagnostic;
use super::locate::Pos;
use super::model::Briefing;
use super::problem::Severity;
use super::progress::{self, Stage};
use super::raw::{self, Val};
use super::validate::{validate, validate_with};
use std::path::{Path, PathBuf};

/// Larger than any real briefing and than the 100,000-event benchmark file.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The result of loading one file: the briefing when it has no errors, and
/// every diagnostic (warnings too).
#[derive(Debug)]
pub struct Report {
    pub file: String,
    pub briefing: Option<Briefing>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// A file that could not be read at all (missing, unreadable, a folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn load_file(path: &Path) -> Result<Report, ReadError> {
    read_and_load(path, Some(CACHE_FROM))
}

/// A file the reader opens: through the cache whatever its size, as its
/// first frame waits for the load. A small file's entry spares it the
/// parse and the evidence checks (0.6 ms of the example's 1.6), while
/// `check` and the library, which read many files once, leave small ones
/// out of the cache.
pub fn open_file(path: &Path) -> Result<Report, ReadError> {
    read_and_load(path, Some(0))
}

/// A save just made, for a live reload: read fresh, past the cache. An
/// author's every save would churn the cache with entries never reopened,
/// and writing one delays the new version on screen; the next open caches
/// the version then on disk.
pub fn reload_file(path: &Path) -> Result<Report, ReadError> {
    read_and_load(path, None)
}

/// Reads and loads `path`, through the cache when it is at least
/// `cache_from` bytes.
fn read_and_load(path: &Path, cache_from: Option<usize>) -> Result<Report, ReadError> {
    // Taken before the file is read: a save after this point shows as a
    // different stamp, whatever the read saw.
    let stamp = super::read::stamp(path);
    let name = super::sanitize::path(path);
    progress::stage(Stage::Reading);
    // The cache holds whole briefings: with `--tlp` it is neither read (it
    // would show what is withheld) nor written.
    let mut cache = match (cache_from, stamp) {
        (Some(from), Some(stamp)) if super::marking::level().is_none() => {
            Cached::start(path, from, stamp)
        }
        _ => None,
    };
    if let Some(hit) = cache.as_mut().and_then(|c| c.hit(path, &name)) {
        return Ok(hit);
    }
    let stamped = |mut r: Report| {
        if let Some(b) = r.briefing.as_mut() {
            b.read_stamp = stamp;
        }
        r
    };
    match super::read::regular_file(path, MAX_BYTES) {
        Ok(bytes) => {
            progress::bytes(bytes.len() as u64);
            Ok(match cache {
                Some(c) => load_cached(bytes, &name, path, c),
                None => stamped(load_bytes(&bytes, &name, path.to_path_buf())),
            })
        }
        Err(super::read::Refused::TooLarge(n)) => Ok(too_large(&name, n)),
        Err(super::read::Refused::NotRegular { folder: true }) => Err(ReadError(format!(
            "{name}: is a folder, not a briefing file"
        ))),
        Err(e) => Err(ReadError(format!("{name}: {e}"))),
    }
}

fn too_large(name: &str, len: u64) -> Report {
    failed(
        name,
        Diagnostic::new(
            Severity::Error,
            "too-large",
            name,
            format!(
                "the file is {:.1} MiB, more than a briefing may be ({} MiB)",
                len as f64 / 1048576.0,
                MAX_BYTES / 1048576
            ),
        )
        .with_help("split it into several briefings"),
    )
}

fn failed(name: &str, d: Diagnostic) -> Report {
    Report {
        file: name.to_string(),
        briefing: None,
        diagnostics: vec![d],
    }
}

fn pos_of_byte(bytes: &[u8], at: usize) -> Pos {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos::new(line, col, 1)
}

/// From this many findings a load hands freed memory back before placing
/// them.
const MANY_FINDINGS: usize = 10_000;

/// Below this size `check` and the library load a file without the cache:
/// they read many files once each, where a small file's entry saves
/// little (the reader, whose first frame waits, keeps small files too: see
/// [`open_file`]).
pub const CACHE_FROM: usize = 256 * 1024;

/// The model cache for a file large enough to gain from it, its entry
/// already being read while the file is.
struct Cached {
    /// The size from which the file goes through the cache.
    from: usize,
    dir: PathBuf,
    /// The file's canonical path, which names its entry.
    key: PathBuf,
    /// The file's stamp, taken before it was read.
    stamp: super::read::Stamp,
    lookup: Option<super::cache::Lookup>,
}

impl Cached {
    fn start(path: &Path, from: usize, stamp: super::read::Stamp) -> Option<Cached> {
        let big = stamp.of.len >= from as u64;
        let dir = big.then(super::cache::dir).flatten()?;
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let lookup = super::cache::look_up(&dir, &key, stamp);
        Some(Cached {
            from,
            dir,
            key,
            stamp,
            lookup,
        })
    }

    /// The briefing from its entry, when the file is the one the entry was
    /// made from (its stamp, settled, says so; or its bytes, hashed a piece
    /// at a time as they are read, never held whole) and the entry decodes.
    fn hit(&mut self, path: &Path, name: &str) -> Option<Report> {
        let lookup = self.lookup.take()?;
        progress::stage(Stage::Cache);
        let len = self.stamp.of.len;
        progress::bytes(len);
        let entry = lookup.finish_file(path)?;
        let decoded = entry.decode(name);
        // A small model leaves nothing worth the purge, which costs the
        // next allocations fresh pages.
        if len >= CACHE_FROM as u64 {
            crate::give_back_memory();
        }
        let (mut b, diagnostics) = decoded?;
        b.path = path.to_path_buf();
        b.read_stamp = Some(self.stamp);
        Some(Report {
            file: name.to_string(),
            briefing: Some(b),
            diagnostics,
        })
    }
}

/// A load through the model cache that found no entry to use: the entry
/// is written for the next open.
fn load_cached(bytes: Vec<u8>, name: &str, path: &Path, cached: Cached) -> Report {
    let Cached {
        from,
        dir,
        key,
        stamp,
        ..
    } = cached;
    let mut r = load_bytes(&bytes, name, path.to_path_buf());
    if let Some(b) = r.briefing.as_mut() {
        b.read_stamp = Some(stamp);
    }
    // Cut below the size since it was looked up.
    if bytes.len() < from {
        return r;
    }
    if let Some(b) = &r.briefing {
        super::cache::write(&dir, &key, bytes, b, &r.diagnostics);
    }
    r
}

pub fn load_bytes(bytes: &[u8], name: &str, path: PathBuf) -> Report {
    if bytes.len() as u64 > MAX_BYTES {
        return too_large(name, bytes.len() as u64);
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        let pos = pos_of_byte(bytes, at);
        let d = Diagnostic::new(
            Severity::Error,
            "binary",
            name,
            "this is a binary file, not a YAML briefing",
        )
        .with_help("a briefing is a UTF-8 text file written in YAML")
        .with_mark("", pos, "a NUL byte");
        return failed(name, d);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let pos = pos_of_byte(bytes, e.valid_up_to());
            let lossy = String::from_utf8_lossy(bytes);
            let d = Diagnostic::new(
                Severity::Error,
                "not-utf8",
                name,
                "the file is not valid UTF-8",
            )
            .with_help("save the file as UTF-8")
            .with_mark(&lossy, pos, "invalid byte here");
            return failed(name, d);
        }
    };
    load_str(text, name, path)
}

pub fn load_str(text: &str, name: &str, path: PathBuf) -> Report {
    load_str_for(text, name, path, super::marking::level())
}

/// [`load_str`] for an audience at `level` (`--tlp`): what is marked above
/// it is withheld; `None` shows everything.
pub fn load_str_for(
    text: &str,
    name: &str,
    path: PathBuf,
    level: Option<super::marking::Tlp>,
) -> Report {
    load_withholding(text, name, path, level, &Default::default())
}

/// [`load_str_for`], also withholding the items of `also` (those another
/// version of this file withholds).
fn load_withholding(
    text: &str,
    name: &str,
    path: PathBuf,
    level: Option<super::marking::Tlp>,
    also: &rustc_hash::FxHashSet<String>,
) -> Report {
    // A model offered before its checks (see `progress::Early`) is the
    // whole file's: never where items are withheld from an audience.
    if level.is_some() {
        super::progress::offer_early(None);
    }
    // Byte order marks at the start say nothing; two are no second document.
    let text = text.trim_start_matches('\u{feff}');
    let empty = || {
        failed(
            name,
            Diagnostic::new(Severity::Error, "empty", name, "the file is empty")
                .with_help("a briefing needs at least `title:`; see docs/format.md"),
        )
    };
    if text.trim().is_empty() {
        return empty();
    }
    if !looks_like_briefing(text) {
        // Say what it is not, and quote none of it: it may be a secret a
        // link or a folder listing led to.
        return failed(
            name,
            Diagnostic::new(
                Severity::Error,
                "not-a-briefing",
                name,
                "this file is not a briefing: its top level is not a mapping with `title:` (or two of a briefing's keys: `actors:`, `timeline:`, …)",
            )
            .with_help("a briefing is a YAML mapping that starts with `title: …`; see docs/format.md"),
        );
    }
    // Read quickly, it is nested a few levels at most; libyaml, slow on
    // deep nesting, is not asked to read it.
    progress::stage(Stage::Parsing);
    let quick = raw::parse_quickly(text);
    if quick.is_none()
        && let Some(pos) = flow_too_deep(text)
    {
        return failed(
            name,
            Diagnostic::new(
                Severity::Error,
                "too-deep",
                name,
                format!("the YAML is nested too deeply (over {MAX_FLOW_DEPTH} levels of brackets)"),
            )
            .with_help("a briefing needs only a few levels of nesting")
            .with_mark(text, pos, "too deep here"),
        );
    }
    let raw = match quick.map_or_else(|| raw::parse_slowly(text), Ok) {
        Ok(Val::Ok(raw)) => raw,
        Ok(Val::Null) => return empty(),
        Ok(Val::Wrong(found)) => {
            let d = Diagnostic::new(
                Severity::Error,
                "not-a-mapping",
                name,
                format!("the top level of a briefing must be a mapping, found {found}"),
            )
            .with_help("start with `title: ...` and the lists `actors:`, `issues:`, `positions:`, `timeline:`, `sources:`");
            let first = text
                .lines()
                .enumerate()
                .find(|(_, l)| {
                    !l.trim().is_empty()
                        && !l.trim_start().starts_with('#')
                        && !l.starts_with("---")
                })
                .map_or(1, |(n, _)| n + 1);
            return failed(
                name,
                d.with_mark(text, Pos::new(first, 1, 1), "expected `key: value` here"),
            );
        }
        Err(e) => return failed(name, yaml_error(&e, text, name)),
    };
    let big = text.len() >= super::pieces::FROM;
    let free = |v: raw::Briefing| {
        if big {
            super::drop_later(v)
        }
    };
    // Places are looked for only when there are problems, and from the
    // first one on, on a core the check leaves free.
    let plan = super::locate::Plan::new(text);
    let mut raw = Some(raw);
    let (briefing, diagnostics) = std::thread::scope(|s| {
        if plan.worth_ahead() {
            let _ = std::thread::Builder::new().spawn_scoped(s, || plan.ahead());
        }
        // However the check ends, the helper is let go.
        let _stop = plan.bell.stopper();
        let bell = plan.bell.clone();
        let (briefing, problems, shape) = match &raw {
            Some(r) => validate_with(r, path.clone(), Some(Box::new(move || bell.ring()))),
            None => (None, Vec::new(), Default::default()),
        };
        // The raw file is needed again only to withhold: otherwise it goes
        // before the diagnostics are built, so the two are never in memory
        // together.
        if level.is_none() {
            raw.take().map(free);
        }
        // Many findings: what the check freed (the parse, lists grown by
        // doubling) goes back to the system before they are placed, so the
        // peak is the findings' own (mimalloc returns pages only on later
        // allocations otherwise).
        if problems.len() >= MANY_FINDINGS {
            crate::give_back_memory();
        }
        (briefing, Diagnostic::located(problems, &shape, &plan, name))
    });
    let (Some(level), Some(raw)) = (level, raw) else {
        if big {
            super::drop_later(plan.into_parts());
        }
        return Report {
            file: name.to_string(),
            briefing,
            diagnostics,
        };
    };
    if big {
        super::drop_later(plan.into_parts());
    }
    if let Some(full) = briefing {
        super::drop_later(full);
    }
    for_audience(text, name, path, level, also, raw, diagnostics)
}

/// `--tlp`: the whole file was checked as it is; now what the audience may
/// not see leaves it and what is left is built again. Findings are never
/// shown to an audience — they quote the file's lines and suggest its ids,
/// withheld ones too — so they are only counted: errors refuse the file,
/// warnings are one line that sends the author to `brief check`.
fn for_audience(
    text: &str,
    name: &str,
    path: PathBuf,
    level: super::marking::Tlp,
    also: &rustc_hash::FxHashSet<String>,
    mut raw: raw::Briefing,
    diagnostics: Vec<Diagnostic>,
) -> Report {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let refuse = |why: String, help: &str| {
        failed(
            name,
            Diagnostic::new(Severity::Error, "above-tlp", name, why).with_help(help.to_string()),
        )
    };
    if let Err(why) = super::marking::withheld_ids(&raw, level) {
        return refuse(
            why,
            "share it with an audience cleared for its marking, or without --tlp",
        );
    }
    if errors > 0 {
        return failed(
            name,
            Diagnostic::new(
                Severity::Error,
                "withheld-findings",
                name,
                format!(
                    "the briefing has {errors} error{}; under --tlp they are not shown (they may quote what this audience may not see)",
                    if errors == 1 { "" } else { "s" }
                ),
            )
            .with_help("as its author, run `brief check` on it without --tlp and fix them"),
        );
    }
    let gone = match super::marking::withhold(&mut raw, level, also, &path) {
        Ok(g) => g,
        Err(why) => {
            return refuse(
                why,
                "share it with an audience cleared for its marking, or without --tlp",
            );
        }
    };
    let b = validate(&raw, path).0;
    if text.len() >= super::pieces::FROM {
        super::drop_later(raw);
    }
    let mut diagnostics = Vec::new();
    if warnings > 0 {
        diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                "withheld-findings",
                name,
                format!(
                    "{warnings} warning{} not shown under --tlp (they may quote what this audience may not see)",
                    if warnings == 1 { "" } else { "s" }
                ),
            )
            .with_help("as its author, run `brief check` on it without --tlp"),
        );
    }
    let briefing = b.map(|mut b| {
        b.audience = Some(std::sync::Arc::new(super::marking::Audience {
            level,
            gone,
            text: text.into(),
            name: name.to_string(),
        }));
        b
    });
    Report {
        file: name.to_string(),
        briefing,
        diagnostics,
    }
}

/// Two versions of one briefing loaded for the same audience, made
/// comparable: each withheld by both versions' markings, so an item
/// withheld from either is in neither (an item marked AMBER since, or one
/// that was), and no older text, title or link label shows what is now
/// withheld. Versions loaded without `--tlp` come back as they are.
/// `keep_new`: the newer version is the one on screen and stays as it is
/// (the older one is still withheld by both).
pub fn withheld_alike(
    old: std::sync::Arc<Briefing>,
    new: std::sync::Arc<Briefing>,
    keep_new: bool,
) -> (std::sync::Arc<Briefing>, std::sync::Arc<Briefing>) {
    let (Some(a), Some(b)) = (old.audience.clone(), new.audience.clone()) else {
        return (old, new);
    };
    let again = |x: &std::sync::Arc<Briefing>,
                 mine: &super::marking::Audience,
                 theirs: &super::marking::Audience| {
        if theirs.gone.is_subset(&mine.gone) {
            return Some(x.clone());
        }
        let r = load_withholding(
            &mine.text,
            &mine.name,
            x.path.clone(),
            Some(mine.level),
            &theirs.gone,
        );
        r.briefing.map(std::sync::Arc::new)
    };
    let empty = || std::sync::Arc::new(Briefing::default());
    let old2 = again(&old, &a, &b).unwrap_or_else(empty);
    let new2 = if keep_new {
        new
    } else {
        again(&new, &b, &a).unwrap_or_else(empty)
    };
    (old2, new2)
}

/// Whether the text is a briefing, decided from the document as YAML reads
/// it (never from a line that looks like a key): its top level is a
/// mapping with `title`, or with two of a briefing's top-level keys (a
/// misspelt key counts, so `titel:` beside `actors:` is a briefing with a
/// typo). A file that is not one is never quoted in any message: a link or
/// a folder entry may lead to a secret whose lines look like keys. As far
/// as a file with a syntax error parses, it is judged the same way.
pub fn looks_like_briefing(text: &str) -> bool {
    use saphyr_parser::{Event, Parser};
    let mut parser = Parser::new_from_str(text);
    let (mut depth, mut key_next, mut keys) = (0usize, true, 0usize);
    let mut empty = true;
    let mut events = 0usize;
    while let Some(Ok((event, _))) = parser.next_event() {
        // A briefing whose first key holds a long list: one key seen and
        // a hundred thousand events in, it is no secret's shape.
        events += 1;
        if events > 100_000 && keys >= 1 {
            return true;
        }
        match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => continue,
            Event::StreamEnd | Event::DocumentEnd => break,
            _ => empty = false,
        }
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // The top level must be a mapping.
                if depth == 0 && !matches!(event, Event::MappingStart(..)) {
                    return false;
                }
                if depth == 1 {
                    key_next = true;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    key_next = true;
                }
                if depth == 0 {
                    break;
                }
            }
            Event::Scalar(v, ..) if depth == 1 => {
                if key_next {
                    let k = v.trim();
                    if k == "title" {
                        return true;
                    }
                    let known = raw::Briefing::KEYS.contains(&k)
                        || (!k.starts_with("x-")
                            && super::problem::nearest(k, raw::Briefing::KEYS.iter().copied())
                                .is_some());
                    if known {
                        keys += 1;
                        if keys >= 2 {
                            return true;
                        }
                    }
                }
                key_next = !key_next;
            }
            Event::Scalar(..) | Event::Alias(_) if depth == 0 => return false,
            Event::Alias(_) if depth == 1 => key_next = !key_next,
            _ => {}
        }
    }
    // Comments alone are an empty briefing, and said so.
    empty
}

/// The raw briefing of a file that did not validate, for its title: read
/// and parsed the same guarded way as a load.
pub fn raw_of(path: &Path) -> Option<raw::Briefing> {
    let bytes = super::read::regular_file(path, MAX_BYTES).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    if flow_too_deep(text).is_some() {
        return None;
    }
    match raw::parse(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(Val::Ok(r)) => Some(r),
        _ => None,
    }
}

/// libyaml slows down quadratically with the depth of `[`/`{` nesting (100,000
/// levels take most of a minute), so absurd depths are refused before it
/// runs. Depths serde refuses anyway (over 128) but libyaml handles quickly
/// are left to serde, which reports the exact place.
const MAX_FLOW_DEPTH: usize = 1000;

/// Where flow nesting passes [`MAX_FLOW_DEPTH`]; a quick scan that skips
/// quoted text and comments, and only counts brackets that can open a
/// collection (after `:`, `-`, `,`, another bracket, or at a line start).
/// It walks bytes, not characters (no delimiter is ever part of a UTF-8
/// sequence), skips runs of plain bytes at once, works out the line and
/// column only for the one place it reports, and a large file is scanned
/// in a piece per core.
fn flow_too_deep(text: &str) -> Option<Pos> {
    nesting_scan(text)
}

/// The nesting scan a load runs before parsing, as its own step (the load
/// bench times it): where it found nesting too deep, if anywhere.
pub fn nesting_scan(text: &str) -> Option<Pos> {
    let n = if text.len() >= 4 << 20 {
        super::pieces::threads()
    } else {
        1
    };
    scan(text, MAX_FLOW_DEPTH, n)
}

/// Where the scan is: the open brackets, the quote it is in, the byte
/// before (which decides whether a bracket or quote opens anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flow {
    depth: usize,
    quote: Option<u8>,
    prev: u8,
}

/// How a line starts at the top level.
const TOP: Flow = Flow {
    depth: 0,
    quote: None,
    prev: b'\n',
};

/// [`flow_too_deep`] with a limit, in `pieces` cut at line ends. Each piece
/// is scanned as if its line started at the top level, which nearly every
/// line of a briefing does; a piece after one that ended deeper (inside a
/// multi-line flow list) is scanned again from where that one ended.
fn scan(text: &str, limit: usize, pieces: usize) -> Option<Pos> {
    let t = text.as_bytes();
    let mut cuts = vec![0];
    for k in 1..pieces.max(1) {
        let at = (t.len() * k / pieces).max(*cuts.last().unwrap_or(&0));
        match memchr::memchr(b'\n', &t[at..]) {
            Some(n) if at + n + 1 < t.len() => cuts.push(at + n + 1),
            _ => break,
        }
    }
    cuts.push(t.len());
    cuts.dedup();
    let spans: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    let guessed: Vec<Result<Flow, usize>> = if spans.len() > 1 {
        std::thread::scope(|s| {
            let handles: Vec<_> = spans
                .iter()
                .map(|&(a, z)| s.spawn(move || scan_from(t, a, z, TOP, limit)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Ok(TOP)))
                .collect()
        })
    } else {
        Vec::new()
    };
    let mut state = TOP;
    for (k, &(a, z)) in spans.iter().enumerate() {
        let r = match guessed.get(k) {
            Some(r) if state == TOP => *r,
            _ => scan_from(t, a, z, state, limit),
        };
        match r {
            Ok(end) => state = end,
            Err(at) => {
                let before = &text[..at];
                let line = 1 + memchr::memchr_iter(b'\n', before.as_bytes()).count();
                let from = before.rfind('\n').map_or(0, |n| n + 1);
                let col = text[from..=at].chars().count();
                return Some(Pos::new(line, col, 1));
            }
        }
    }
    None
}

/// The bytes that never open, close or quote anything, nor end a line.
static PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let special = *b"\n\"'#[{]}\\ \t";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = false;
        i += 1;
    }
    t
};

/// Scans `t[from..to]` from `state`: where it ends, or `Err` with the byte
/// of the bracket that goes past `limit`.
fn scan_from(t: &[u8], from: usize, to: usize, state: Flow, limit: usize) -> Result<Flow, usize> {
    // A table, one look a byte: the runs of plain bytes are most of a file.
    let plain = |b: u8| PLAIN[b as usize];
    let Flow {
        mut depth,
        mut quote,
        mut prev,
    } = state;
    let mut i = from;
    while i < to {
        let c = t[i];
        if plain(c) {
            // A run of plain bytes: only its last one can matter as `prev`.
            while i < to && plain(t[i]) {
                i += 1;
            }
            prev = t[i - 1];
            continue;
        }
        i += 1;
        if c == b'\n' {
            if depth == 0 {
                quote = None;
            }
            prev = c;
            continue;
        }
        match quote {
            Some(b'"') if c == b'\\' => {
                i += 1;
                continue;
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' if matches!(prev, b' ' | b':' | b',' | b'[' | b'{' | b'-' | b'\n') => {
                    quote = Some(c)
                }
                b'#' if matches!(prev, b' ' | b'\t' | b'\n') => {
                    i = memchr::memchr(b'\n', &t[i..to]).map_or(to, |n| i + n);
                }
                b'[' | b'{' if depth > 0 || matches!(prev, b' ' | b':' | b',' | b'-' | b'\n') => {
                    depth += 1;
                    if depth > limit {
                        return Err(i - 1);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        if c != b' ' || depth > 0 || quote.is_some() {
            prev = c;
        }
    }
    Ok(Flow { depth, quote, prev })
}

/// "line 4 column 9" → (4, 9)
fn parse_mark(s: &str) -> Option<(usize, usize)> {
    let rest = s.trim().strip_prefix("line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

fn yaml_error(e: &serde_yaml::Error, text: &str, name: &str) -> Diagnostic {
    let msg = e.to_string();
    let loc = e.location().map(|l| (l.line(), l.column()));
    if msg.starts_with("recursion limit exceeded") {
        let d = Diagnostic::new(
            Severity::Error,
            "too-deep",
            name,
            "the YAML is nested too deeply (over 128 levels)",
        )
        .with_help("a briefing needs only a few levels of nesting");
        return match loc {
            Some((l, c)) => d.with_mark(text, Pos::new(l, c, 1), "too deep here"),
            None => d,
        };
    }
    // serde's own refusals, each with a plain message and a fix.
    const KNOWN: [(&str, &str, &str, &str); 3] = [
        (
            "repetition limit exceeded",
            "alias-bomb",
            "the YAML expands its aliases too many times (an alias bomb?)",
            "use each `*alias` only a few times",
        ),
        (
            "EOF while parsing",
            "empty",
            "the file has no content, only comments",
            "a briefing needs at least `title:`; see docs/format.md",
        ),
        (
            "more than one document",
            "many-documents",
            "the file holds more than one YAML document",
            "a briefing is one document: remove the extra `---` lines, or split the file",
        ),
    ];
    if let Some((_, code, message, help)) = KNOWN.iter().find(|(pat, ..)| msg.contains(pat)) {
        return Diagnostic::new(Severity::Error, code, name, *message).with_help(*help);
    }
    // libyaml counts this one in bytes, not lines: find the character.
    if msg.contains("control characters are not allowed") {
        let d = Diagnostic::new(
            Severity::Error,
            "yaml-syntax",
            name,
            "YAML syntax error: a control character is not allowed here",
        )
        .with_help(
            "remove it; write it as an escape inside double quotes (\"\\u0007\") if it is wanted",
        );
        let bad = text.char_indices().find(|(_, c)| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || ('\u{80}'..='\u{9f}').contains(c)
        });
        return match bad {
            Some((at, _)) => {
                let pos = pos_of_byte(text.as_bytes(), at);
                d.with_mark(text, pos, "this character")
            }
            None => d,
        };
    }
    // libyaml: "<problem> at line A column B, <context> at line C column D".
    // The context mark is where the broken construct starts (the opening
    // quote, the bracket): point there, and name the problem.
    let (head, context) = match msg.split_once(", ") {
        Some((h, c)) if c.starts_with("while ") || c.starts_with("did not") => (h, Some(c)),
        _ => (msg.as_str(), None),
    };
    let problem = head.split(" at line ").next().unwrap_or(head).to_string();
    let ctx_mark = context.and_then(|c| c.rsplit_once(" at ").and_then(|(_, m)| parse_mark(m)));
    let ctx_text = context.map(|c| c.split(" at line ").next().unwrap_or(c).to_string());
    let message = match &ctx_text {
        Some(c) => format!("YAML syntax error: {problem}, {c}"),
        None => format!("YAML syntax error: {problem}"),
    };
    let mut d =
        Diagnostic::new(Severity::Error, "yaml-syntax", name, message).with_help(syntax_help(&msg));
    // Only an unclosed quote or bracket starts far from where libyaml
    // notices it; for other errors the problem mark is the place.
    let starts_earlier = context.is_some_and(|c| c.contains("quoted scalar") || c.contains("flow"));
    let ctx_mark = if starts_earlier {
        ctx_mark
    } else {
        ctx_mark.filter(|_| loc.is_none())
    };
    match (ctx_mark, loc) {
        (Some((l, c)), Some((pl, pc))) => {
            d = d.with_mark(text, Pos::new(l, c, 1), "the problem starts here");
            if (pl, pc) != (l, c) {
                d = d.with_mark(text, Pos::new(pl, pc, 1), "noticed here");
            }
        }
        (Some((l, c)), None) | (None, Some((l, c))) => {
            d = d.with_mark(text, Pos::new(l, c, 1), problem.clone());
        }
        (None, None) => {}
    }
    d
}

fn syntax_help(msg: &str) -> &'static str {
    if msg.contains("quoted scalar") {
        "close the quote, or escape a quote inside the text (\\\" in double quotes, '' in single quotes)"
    } else if msg.contains("tab") {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else if msg.contains("flow sequence") || msg.contains("flow mapping") {
        "close the bracket or brace, and separate items with commas"
    } else if msg.contains("mapping values are not allowed") {
        "quote text that contains `: ` (e.g. title: \"Talks: round two\")"
    } else if msg.contains("block")
        || msg.contains("indentation")
        || msg.contains("did not find expected key")
    {
        "check the indentation: items of one list or mapping line up in the same column"
    } else {
        "fix the YAML syntax at the marked place"
    }
}

#[cfg(test)]
mod flow_tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan as it was, a character at a time, with a small limit: the
    /// byte scan must find the same place.
    const LIMIT: usize = 3;

    fn by_chars(text: &str) -> Option<Pos> {
        let (mut depth, mut line, mut col) = (0usize, 1usize, 0usize);
        let mut quote: Option<char> = None;
        let mut prev = '\n';
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            col += 1;
            if c == '\n' {
                line += 1;
                col = 0;
                if depth == 0 {
                    quote = None;
                }
                prev = c;
                continue;
            }
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                    col += 1;
                    continue;
                }
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if matches!(prev, ' ' | ':' | ',' | '[' | '{' | '-' | '\n') => {
                        quote = Some(c)
                    }
                    '#' if matches!(prev, ' ' | '\t' | '\n') => {
                        while chars.peek().is_some_and(|c| *c != '\n') {
                            chars.next();
                        }
                    }
                    '[' | '{' if depth > 0 || matches!(prev, ' ' | ':' | ',' | '-' | '\n') => {
                        depth += 1;
                        if depth > LIMIT {
                            return Some(Pos::new(line, col, 1));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            if c != ' ' || depth > 0 || quote.is_some() {
                prev = c;
            }
        }
        None
    }

    /// The byte scan with the same small limit, whole and in pieces.
    fn by_bytes(text: &str) -> Option<Pos> {
        let whole = scan(text, LIMIT, 1);
        for pieces in [2, 3, 7] {
            let cut = scan(text, LIMIT, pieces);
            assert_eq!(
                whole.as_ref().map(|p| (p.line, p.col)),
                cut.as_ref().map(|p| (p.line, p.col)),
                "{pieces} pieces of {text:?}"
            );
        }
        whole
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_byte_scan_finds_what_the_character_scan_found(
            text in proptest::collection::vec(
                prop_oneof![
                    Just("["), Just("{"), Just("]"), Just("}"), Just("\""), Just("'"),
                    Just("#"), Just("\\"), Just(" "), Just("\t"), Just("\n"), Just(":"),
                    Just(","), Just("-"), Just("a"), Just("é"), Just("𝄞"), Just("x: ["),
                ],
                0..60,
            )
        ) {
            let text: String = text.concat();
            let (a, b) = (by_chars(&text), by_bytes(&text));
            prop_assert_eq!(a.is_some(), b.is_some(), "{:?}", text);
            // An escaped line break did not count as a line in the old
            // scan: there the new one's place is the right one.
            if !text.contains("\\\n") {
                prop_assert_eq!(
                    a.map(|p| (p.line, p.col)),
                    b.map(|p| (p.line, p.col)),
                    "{:?}", text
                );
            }
        }
    }
}
