//! The library: every briefing in a folder, with what it holds and whether
//! it checks clean. State only; `ui::library` draws it.

use crate::briefing::marking::Tlp;
use crate::briefing::{Diagnostic, load_file, raw};
use std::path::{Path, PathBuf};

mod remember;

#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub file: String,
    pub title: String,
    pub as_of: Option<String>,
    /// Sort key of `as_of`.
    pub as_of_key: Option<i64>,
    pub classification: Option<String>,
    /// The briefing's TLP marking, and the strictest of its items' when
    /// that is stricter.
    pub marking: Option<Tlp>,
    pub strictest: Option<Tlp>,
    pub actors: usize,
    pub issues: usize,
    pub events: usize,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's size and modification time when it was read.
    pub stamp: Stamp,
    /// Read and checked; until then the row shows the file name only, or
    /// what was found in it last time.
    pub checked: bool,
    /// Filled in from the last time this folder was open (same size and
    /// time), until the file's check comes in.
    pub remembered: bool,
    /// Under `--tlp`, marked above the audience: listed by file name as
    /// "not for" it, and nothing else.
    pub refused: bool,
}

/// A file's size and modification time: a rescan re-checks a file only
/// when they change.
pub type Stamp = (u64, Option<std::time::SystemTime>);

pub fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path)
        .map(|m| (m.len(), m.modified().ok()))
        .unwrap_or((0, None))
}

impl Entry {
    /// A row for a file not yet checked: its name, nothing else.
    pub fn pending(path: &Path) -> Entry {
        let mut e = Entry::named(path);
        e.stamp = stamp(path);
        e
    }

    fn named(path: &Path) -> Entry {
        let file = path.file_name().map_or_else(
            || crate::briefing::sanitize::path(path),
            |f| crate::briefing::sanitize::path(Path::new(f)),
        );
        Entry {
            path: path.to_path_buf(),
            title: file.clone(),
            file,
            as_of: None,
            as_of_key: None,
            classification: None,
            marking: None,
            strictest: None,
            actors: 0,
            issues: 0,
            events: 0,
            errors: 0,
            warnings: 0,
            diagnostics: Vec::new(),
            stamp: (0, None),
            checked: false,
            remembered: false,
            refused: false,
        }
    }

    pub fn read(path: &Path) -> Entry {
        let mut e = Entry::named(path);
        e.stamp = stamp(path);
        e.checked = true;
        match load_file(path) {
            Err(err) => {
                e.errors = 1;
                e.diagnostics.push(Diagnostic::new(
                    crate::briefing::problem::Severity::Error,
                    "unreadable",
                    &e.file,
                    err.0,
                ));
            }
            Ok(report) => {
                if report.briefing.is_none()
                    && report.diagnostics.iter().any(|d| d.code == "above-tlp")
                {
                    e.refused = true;
                    e.errors = 1;
                    e.diagnostics = report.diagnostics;
                    return e;
                }
                e.errors = report.errors();
                e.warnings = report.warnings();
                match &report.briefing {
                    Some(b) => {
                        e.title = b.meta.title.to_string();
                        e.as_of = b.meta.as_of.as_ref().map(|d| d.short());
                        e.as_of_key = b.meta.as_of.as_ref().and_then(|d| d.sort_key());
                        e.classification = b.meta.classification.as_deref().map(String::from);
                        e.marking = b.meta.marking;
                        e.strictest = b
                            .markings
                            .values()
                            .copied()
                            .max()
                            .filter(|t| Some(*t) > b.meta.marking);
                        e.actors = b.actors.len();
                        e.issues = b.issues.len();
                        e.events = b.events.len();
                    }
                    None => {
                        // A broken file still shows its title when it has one
                        // (not to an audience: it may be withheld whole).
                        if crate::briefing::marking::level().is_none()
                            && let Some(r) = crate::briefing::load::raw_of(path)
                            && let Some(raw::Val::Ok(t)) = r.title
                        {
                            e.title = crate::briefing::sanitize::clean(t);
                        }
                    }
                }
                e.diagnostics = report.diagnostics;
            }
        }
        e
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Title,
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LAction {
    Down,
    Up,
    Top,
    Bottom,
    Open,
    ToggleSort,
    StartFilter,
    FilterInput(char),
    FilterBackspace,
    EndFilter,
    Escape,
    ShowErrors,
    Rescan,
    Help,
    Quit,
}

pub struct Library {
    pub dir: PathBuf,
    pub entries: Vec<Entry>,
    pub sort: Sort,
    pub query: String,
    pub typing: bool,
    pub selected: usize,
    /// The user has moved the selection: rows sorting themselves as checks
    /// come in keep it on its file. Until then it stays on the first row.
    chosen: bool,
    pub show_errors: bool,
    /// `?`: the library's keys.
    pub show_help: bool,
    pub status: Option<String>,
    pub quit: bool,
    /// Set by Enter on a briefing that checks clean.
    pub open: Option<PathBuf>,
    /// Files listed but not yet checked, for the terminal to check.
    pub to_check: Vec<PathBuf>,
    /// What the last visit found, for the first listing's rows.
    recalled: std::collections::HashMap<PathBuf, Entry>,
    /// Where what this visit finds is kept for the next (none: nowhere).
    memory: Option<PathBuf>,
    /// Turns of the rows' spinner while checks are running.
    pub spin: usize,
}

/// Checks `paths` one by one on a thread of its own, handing each result to
/// `send` until it answers false.
pub fn check_in_background(mut paths: Vec<PathBuf>, send: impl Fn(Entry) -> bool + Send + 'static) {
    if paths.is_empty() {
        return;
    }
    // Small files first: one huge briefing does not hold up the rest.
    paths.sort_by_key(|p| stamp(p).0);
    crate::briefing::in_background(move || {
        for p in paths {
            if !send(Entry::read(&p)) {
                return;
            }
        }
    });
}

/// The `*.yaml` and `*.yml` files of a folder, sorted by name.
pub fn briefing_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

impl Library {
    /// The library of a folder, every file read and checked now.
    pub fn open(dir: &Path) -> std::io::Result<Library> {
        let mut lib = Library::empty(dir);
        lib.rescan()?;
        Ok(lib)
    }

    /// The library of a folder from its file names alone, at once; the
    /// files to check are in `to_check` (the terminal checks them in the
    /// background and hands each result to [`Library::apply`]).
    pub fn list(dir: &Path) -> std::io::Result<Library> {
        // What a visit found is not kept or shown for an audience (`--tlp`).
        let memory = remember::file(dir).filter(|_| crate::briefing::marking::level().is_none());
        Library::list_remembering(dir, memory)
    }

    /// [`Library::list`], with what the last visit found kept in `memory`
    /// (the cache folder's record for `dir`, or a test's own file).
    pub fn list_remembering(dir: &Path, memory: Option<PathBuf>) -> std::io::Result<Library> {
        let mut lib = Library::empty(dir);
        lib.memory = memory;
        lib.recalled = lib
            .memory
            .as_deref()
            .map(remember::recall)
            .unwrap_or_default();
        lib.relist()?;
        lib.recalled.clear();
        Ok(lib)
    }

    fn empty(dir: &Path) -> Library {
        Library {
            dir: dir.to_path_buf(),
            entries: Vec::new(),
            sort: Sort::Title,
            query: String::new(),
            typing: false,
            selected: 0,
            chosen: false,
            show_errors: false,
            show_help: false,
            status: None,
            quit: false,
            open: None,
            to_check: Vec::new(),
            recalled: Default::default(),
            memory: None,
            spin: 0,
        }
    }

    /// Lists the folder again: a file whose size and time are unchanged
    /// keeps its row; a new or changed one gets a pending row and joins
    /// `to_check`; a removed one goes.
    pub fn relist(&mut self) -> std::io::Result<()> {
        let keep = self.selected_entry().map(|e| e.path.clone());
        let mut old: std::collections::HashMap<PathBuf, Entry> = self
            .entries
            .drain(..)
            .map(|e| (e.path.clone(), e))
            .collect();
        for p in briefing_files(&self.dir)? {
            let now = stamp(&p);
            match old.remove(&p) {
                Some(e) if e.stamp == now && now.1.is_some() => self.entries.push(e),
                _ => {
                    self.to_check.push(p.clone());
                    let known = self.recalled.remove(&p).filter(|e| e.stamp == now);
                    self.entries
                        .push(known.unwrap_or_else(|| Entry::pending(&p)));
                }
            }
        }
        self.reselect(keep);
        Ok(())
    }

    /// A background check's result: replaces the file's pending row (a
    /// result for a file changed since is dropped; a newer check follows).
    pub fn apply(&mut self, e: Entry) {
        self.apply_all(std::iter::once(e));
    }

    /// Several results at once: the rows are sorted and the selection kept
    /// once for all of them, so a folder of thousands of files does not
    /// sort itself once per file.
    pub fn apply_all(&mut self, results: impl IntoIterator<Item = Entry>) {
        let keep = self.selected_entry().map(|x| x.path.clone());
        let rows: std::collections::HashMap<&std::ffi::OsStr, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(n, x)| (x.path.as_os_str(), n))
            .collect();
        let mut found = Vec::new();
        for e in results {
            if let Some(&n) = rows.get(e.path.as_os_str())
                && self.entries[n].stamp == e.stamp
            {
                found.push((n, e));
            }
        }
        for (n, e) in found {
            self.entries[n] = e;
        }
        self.reselect(keep);
        if let Some(m) = &self.memory
            && self.entries.iter().all(|e| e.checked)
        {
            remember::keep(m, &self.entries);
        }
    }

    /// Whether any row still waits for its check.
    pub fn checking(&self) -> bool {
        self.entries.iter().any(|e| !e.checked)
    }

    fn reselect(&mut self, keep: Option<PathBuf>) {
        if !self.chosen {
            self.selected = 0;
        } else if let Some(k) = keep
            && let Some(i) = self
                .visible()
                .iter()
                .position(|&n| self.entries[n].path == k)
        {
            self.selected = i;
        }
        self.clamp();
    }

    /// Reads and checks the folder now, keeping the selected file selected.
    pub fn rescan(&mut self) -> std::io::Result<()> {
        let keep = self.selected_entry().map(|e| e.path.clone());
        self.to_check.clear();
        self.entries = briefing_files(&self.dir)?
            .iter()
            .map(|p| Entry::read(p))
            .collect();
        self.reselect(keep);
        Ok(())
    }

    /// Indexes of the entries shown: filtered by the query, in sort order.
    pub fn visible(&self) -> Vec<usize> {
        let q = self.query.to_lowercase();
        let mut v: Vec<usize> = (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                q.is_empty()
                    || e.title.to_lowercase().contains(&q)
                    || e.file.to_lowercase().contains(&q)
            })
            .collect();
        match self.sort {
            Sort::Title => v.sort_by_cached_key(|&i| self.entries[i].title.to_lowercase()),
            // Newest first; undated last.
            Sort::Date => v.sort_by_key(|&i| {
                (
                    self.entries[i].as_of_key.is_none(),
                    std::cmp::Reverse(self.entries[i].as_of_key),
                )
            }),
        }
        v
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.visible().get(self.selected).map(|&i| &self.entries[i])
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    pub fn update(&mut self, a: LAction) {
        self.status = None;
        if (self.show_errors || self.show_help) && !matches!(a, LAction::Quit | LAction::Rescan) {
            self.show_errors = false;
            self.show_help = false;
            return;
        }
        let n = self.visible().len();
        if matches!(
            a,
            LAction::Down | LAction::Up | LAction::Top | LAction::Bottom | LAction::ToggleSort
        ) {
            self.chosen = true;
        }
        match a {
            LAction::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            LAction::Up => self.selected = self.selected.saturating_sub(1),
            LAction::Top => self.selected = 0,
            LAction::Bottom => self.selected = n.saturating_sub(1),
            LAction::Open => match self.selected_entry() {
                Some(e) if e.errors == 0 => self.open = Some(e.path.clone()),
                Some(_) => self.show_errors = true,
                None => {}
            },
            LAction::ShowErrors => {
                if self
                    .selected_entry()
                    .is_some_and(|e| !e.diagnostics.is_empty())
                {
                    self.show_errors = true;
                } else {
                    self.status = Some("This briefing checks clean".into());
                }
            }
            LAction::ToggleSort => {
                let keep = self.selected_entry().map(|e| e.path.clone());
                self.sort = if self.sort == Sort::Title {
                    Sort::Date
                } else {
                    Sort::Title
                };
                if let Some(k) = keep {
                    self.selected = self
                        .visible()
                        .iter()
                        .position(|&i| self.entries[i].path == k)
                        .unwrap_or(0);
                }
            }
            LAction::StartFilter => self.typing = true,
            LAction::FilterInput(c) => {
                self.query.push(c);
                self.selected = 0;
            }
            LAction::FilterBackspace => {
                self.query.pop();
                self.clamp();
            }
            LAction::EndFilter => self.typing = false,
            LAction::Escape => {
                if self.typing {
                    self.typing = false;
                } else if !self.query.is_empty() {
                    self.query.clear();
                }
                self.clamp();
            }
            LAction::Rescan => {
                if let Err(e) = self.relist() {
                    self.status = Some(format!(
                        "Could not read {}: {e}",
                        crate::briefing::sanitize::path(&self.dir)
                    ));
                }
            }
            LAction::Help => self.show_help = true,
            LAction::Quit => self.quit = true,
        }
    }
}
