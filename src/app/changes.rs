//! What changed: against a git revision (`--since REV`, or one picked in
//! the Changes view) and in the last save. Comparisons are made off the UI
//! thread ([`compare`]) and handed to the app, which marks the changed
//! items in every pane, shows old → new in the detail, and lists every
//! change (and every removed item) in the Changes view (`c`).

use super::App;
use super::view::changes::{Commits, Tab};
use crate::briefing::{Briefing, ItemRef};
use crate::diff::{Changes, Field};
use rustc_hash::FxHashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the marks of a save stay on screen.
pub const SAVE_MARKS: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Added,
    Changed,
}

impl Mark {
    pub fn sign(self) -> &'static str {
        match self {
            Mark::Added => "+",
            Mark::Changed => "Δ",
        }
    }
}

/// One comparison, resolved against the version it was made with.
pub struct Compared {
    /// `HEAD~1 (3f2a9c1, 20 Nov 2026)`, or `the last save`.
    pub label: String,
    /// The old version, kept so a save can be compared with it again.
    pub base: Arc<Briefing>,
    /// The version the marks point into: a newer one makes them moot.
    pub against: Arc<Briefing>,
    /// Shared with the comparison made again after a save.
    pub changes: Arc<Changes>,
    pub marks: FxHashMap<ItemRef, Mark>,
    /// Per item, its changed fields: (judgment?, index in its list).
    pub fields: FxHashMap<ItemRef, Vec<(bool, usize)>>,
    /// Per item, its index in `changes.links`.
    pub links: FxHashMap<ItemRef, usize>,
    /// The rows of the Changes view: each changed item once, judgments
    /// first, then added items, changed links, changed text.
    pub rows: Vec<ItemRef>,
    /// From a save (marked for a moment) rather than a revision.
    pub save: bool,
}

/// Compares `base` with `new` and resolves every change to `new`'s items.
/// For an audience (`--tlp`) `base` is first withheld by `new`'s markings
/// too: an item marked since is not "removed", and no older text, title or
/// link label shows it.
pub fn compare(label: String, base: Arc<Briefing>, new: Arc<Briefing>, save: bool) -> Compared {
    compare_after(label, base, new, save, None)
}

/// [`compare`]; with `prev` (the version a save replaced, and what the
/// same revision's comparison said of it), only the items the save
/// changed are compared with the revision again.
fn compare_after(
    label: String,
    base: Arc<Briefing>,
    new: Arc<Briefing>,
    save: bool,
    prev: Option<(Arc<Briefing>, Arc<Changes>)>,
) -> Compared {
    // For an audience the old version is withheld again by the new one's
    // markings, which a save may change: then it is compared whole.
    let prev = prev.filter(|_| new.audience.is_none());
    let (base, new) = crate::briefing::load::withheld_alike(base, new, true);
    let changes = Arc::new(match (&prev, save) {
        (_, true) => crate::diff::compare_edited(&base, &new),
        (Some((before, was)), false) => crate::diff::compare_again(&base, before, was, &new),
        (None, false) => crate::diff::compare(&base, &new),
    });
    let find = |kind: &str, id: &str| {
        new.lookup(id)
            .filter(|r| r.kind.noun() == kind && new.id(*r) == id)
    };
    let mut marks = FxHashMap::default();
    let mut fields: FxHashMap<ItemRef, Vec<(bool, usize)>> = FxHashMap::default();
    let mut links = FxHashMap::default();
    let mut rows = Vec::new();
    let mut row = |r: ItemRef, m: Mark, marks: &mut FxHashMap<ItemRef, Mark>| {
        if marks.insert(r, m).is_none() {
            rows.push(r);
        }
    };
    for (n, f) in changes.judgments.iter().enumerate() {
        if let Some(r) = find(f.item.kind, &f.item.id) {
            row(r, Mark::Changed, &mut marks);
            fields.entry(r).or_default().push((true, n));
        }
    }
    for a in &changes.added {
        if let Some(r) = find(a.kind, &a.id) {
            row(r, Mark::Added, &mut marks);
        }
    }
    for (n, l) in changes.links.iter().enumerate() {
        if let Some(r) = find(l.item.kind, &l.item.id) {
            row(r, Mark::Changed, &mut marks);
            links.insert(r, n);
        }
    }
    for (n, f) in changes.text.iter().enumerate() {
        if let Some(r) = find(f.item.kind, &f.item.id) {
            row(r, Mark::Changed, &mut marks);
            fields.entry(r).or_default().push((false, n));
        }
    }
    Compared {
        label,
        base,
        against: new,
        changes,
        marks,
        fields,
        links,
        rows,
        save,
    }
}

impl Compared {
    /// The changed fields of `r`, judgments first: (judgment?, field).
    pub fn fields_of(&self, r: ItemRef) -> impl Iterator<Item = (bool, &Field)> {
        self.fields.get(&r).into_iter().flatten().map(|(j, n)| {
            if *j {
                (true, &self.changes.judgments[*n])
            } else {
                (false, &self.changes.text[*n])
            }
        })
    }

    /// Whether these marks belong to the version on screen.
    pub fn current(&self, b: &Arc<Briefing>) -> bool {
        Arc::ptr_eq(&self.against, b)
    }

    /// What the Changes view says of one row, after the item's name.
    pub fn summary(&self, r: ItemRef) -> String {
        if self.marks.get(&r) == Some(&Mark::Added) {
            return "new".into();
        }
        let mut parts: Vec<String> = self
            .fields_of(r)
            .map(|(judgment, f)| {
                if judgment {
                    format!("{} {} → {}", f.field, shown(&f.old), shown(&f.new))
                } else {
                    f.field.to_string()
                }
            })
            .collect();
        if let Some(l) = self.links.get(&r).map(|n| &self.changes.links[*n]) {
            parts.push(format!("links +{} −{}", l.added.len(), l.removed.len()));
        }
        parts.join(" · ")
    }

    /// A one-line count: `3 changed, 1 new, 2 removed`.
    pub fn counts(&self) -> String {
        let new = self.marks.values().filter(|m| **m == Mark::Added).count();
        let changed = self.marks.len() - new;
        // Who may see the briefing comes first: a new marking is the change
        // a person sharing it must not miss.
        let mut out: Vec<String> = self
            .changes
            .judgments
            .iter()
            .filter(|f| f.item.kind == "briefing")
            .map(|f| {
                format!(
                    "the briefing's {}: {} → {}",
                    f.field,
                    shown(&f.old),
                    shown(&f.new)
                )
            })
            .collect();
        out.extend([format!("{changed} changed"), format!("{new} new")]);
        out.push(format!("{} removed", self.changes.removed.len()));
        if !self.changes.briefing.is_empty() {
            out.push(format!(
                "the briefing's {}",
                self.changes
                    .briefing
                    .iter()
                    .map(|f| f.field)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out.join(", ")
    }
}

pub fn shown(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

/// The revision compared with, for [`work`]: its label and version, and
/// the version and changes of its last comparison.
#[derive(Clone)]
pub struct Since {
    pub label: String,
    pub base: Arc<Briefing>,
    pub against: Arc<Briefing>,
    pub changes: Arc<Changes>,
}

impl Compared {
    pub fn since(&self) -> Since {
        Since {
            label: self.label.clone(),
            base: self.base.clone(),
            against: self.against.clone(),
            changes: self.changes.clone(),
        }
    }
}

/// Work for the terminal to run off the UI thread ([`work`]).
pub enum Wanted {
    /// The file's recent commits, for the picker.
    Commits,
    /// Compare with the file at this revision.
    Since(String),
    /// A save replaced this version: what it changed, and the comparison
    /// with the revision made again.
    Saved(Arc<Briefing>),
}

/// What a comparison or a look at the history brought back.
pub enum Arrived {
    Compared(Box<Compared>),
    Commits(Result<Vec<crate::git::Commit>, String>),
    /// The revision could not be read or did not load.
    Failed(String),
}

/// Does `w` for the briefing at `path`, whose version on screen is `now`;
/// `since` is the revision compared with, if any (label, old version).
/// Slow (git, a load, a diff): never on the UI thread.
pub fn work(
    w: Wanted,
    path: &std::path::Path,
    now: Arc<Briefing>,
    since: Option<Since>,
) -> Vec<Arrived> {
    match w {
        Wanted::Commits => vec![Arrived::Commits(crate::git::recent_commits(
            path,
            COMMITS_SHOWN,
            COMMITS_SCANNED,
        ))],
        Wanted::Since(rev) => vec![match crate::git::load_version(path, &rev) {
            Err(e) => Arrived::Failed(e),
            Ok((report, label)) => match report.briefing {
                Some(old) => Arrived::Compared(Box::new(compare(label, Arc::new(old), now, false))),
                None => Arrived::Failed(format!(
                    "The version at {label} does not load ({} error{}): there is nothing to compare with",
                    report.errors(),
                    if report.errors() == 1 { "" } else { "s" }
                )),
            },
        }],
        Wanted::Saved(before) => {
            let mut out = vec![Arrived::Compared(Box::new(compare(
                "the last save".into(),
                before.clone(),
                now.clone(),
                true,
            )))];
            if let Some(s) = since {
                // What the revision's comparison said of the version this
                // save replaced stands for every item the save left alone.
                let prev = Arc::ptr_eq(&s.against, &before).then_some((before, s.changes));
                out.push(Arrived::Compared(Box::new(compare_after(
                    s.label, s.base, now, false, prev,
                ))));
            }
            out
        }
    }
}

/// How many commits the picker lists, and how far back it looks.
pub const COMMITS_SHOWN: usize = 30;
pub const COMMITS_SCANNED: usize = 2000;

impl App {
    /// The mark an item carries: a save's (for a moment) over a revision's.
    pub fn mark(&self, r: ItemRef) -> Option<(Mark, bool)> {
        if let Some((c, _)) = &self.saved
            && c.current(&self.briefing)
            && let Some(m) = c.marks.get(&r)
        {
            return Some((*m, true));
        }
        self.since_now()?.marks.get(&r).map(|m| (*m, false))
    }

    /// The comparison with a revision, when it is of the version on screen
    /// (after a save it is stale until made again).
    pub fn since_now(&self) -> Option<&Compared> {
        self.since.as_ref().filter(|c| c.current(&self.briefing))
    }

    /// The presentation's "What changed" slide, when a revision is compared.
    pub fn changes_slide(
        &self,
        theme: &crate::ui::theme::Theme,
    ) -> Option<crate::present::deck::Slide> {
        let c = self.since_now()?;
        crate::present::deck::changes_slide(&self.briefing, &c.changes, &c.label, theme)
    }

    /// When a save's marks go: the loop's one deadline for them.
    pub fn marks_deadline(&self) -> Option<Instant> {
        self.saved.as_ref().map(|(_, at)| *at + SAVE_MARKS)
    }

    /// Drops a save's marks once their moment has passed; whether it did.
    pub fn expire_marks(&mut self, now: Instant) -> bool {
        if self.marks_deadline().is_some_and(|d| now >= d) {
            self.saved = None;
            return true;
        }
        false
    }

    /// A comparison or the history, back from its thread.
    pub fn arrived(&mut self, a: Arrived) {
        match a {
            Arrived::Compared(c) => {
                if !Arc::ptr_eq(&c.against, &self.briefing) {
                    return;
                }
                if c.save {
                    if !c.changes.is_empty() {
                        self.status = Some(format!("Saved: {}", c.counts()));
                        self.saved = Some((*c, Instant::now()));
                    }
                } else if self.since.as_ref().is_some_and(|s| s.label == c.label) {
                    // The same revision again, after a save: no news to tell.
                    self.since = Some(*c);
                } else {
                    self.status = Some(if c.changes.is_empty() {
                        format!("No changes since {}", c.label)
                    } else {
                        format!(
                            "Since {}: {} ({} lists them)",
                            c.label,
                            c.counts(),
                            crate::input::keymap::key(crate::input::keymap::Ctx::Global, "changes")
                        )
                    });
                    if let Some(v) = self.changes_view_mut() {
                        v.tab = Tab::Changes;
                        v.cursor = 0;
                        v.offset = 0;
                    }
                    self.since = Some(*c);
                }
            }
            Arrived::Commits(r) => {
                if let Some(v) = self.changes_view_mut() {
                    v.commits = match r {
                        Ok(c) => Commits::Read(c),
                        Err(e) => Commits::Failed(e),
                    };
                }
            }
            Arrived::Failed(e) => self.status = Some(e),
        }
    }
}
