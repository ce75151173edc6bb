//! `brief diff OLD NEW`: what changed between two versions of a briefing,
//! items matched by id (never by position, so reordering is no change),
//! judgments first, then added and removed items, changed links, changed
//! text (a word-level diff) and the briefing's own fields.

use crate::briefing::{Briefing, ItemRef, Kind, Text};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// One item, as a change names it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Item {
    pub kind: &'static str,
    pub id: String,
    pub name: String,
}

/// A field that changed from `old` to `new` (empty when absent).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Field {
    #[serde(flatten)]
    pub item: Item,
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Links {
    #[serde(flatten)]
    pub item: Item,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Removed {
    #[serde(flatten)]
    pub item: Item,
    /// An item added in its place under another id: a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_to: Option<String>,
}

/// Every change, in the order they are reported.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Changes {
    pub judgments: Vec<Field>,
    pub added: Vec<Item>,
    pub removed: Vec<Removed>,
    pub links: Vec<Links>,
    pub text: Vec<Field>,
    pub briefing: Vec<Field>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

fn item(b: &Briefing, r: ItemRef) -> Item {
    Item {
        kind: r.kind.noun(),
        id: b.id(r).to_string(),
        name: b.name(r),
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// `43.83, 87.62`: latitude, longitude.
fn coords(c: Option<(f64, f64)>) -> String {
    c.map(|(lat, lon)| format!("{lat}, {lon}"))
        .unwrap_or_default()
}

/// Fields by name, in a fixed order.
type Named = Vec<(&'static str, String)>;

/// An item's judgments (alignment, confidence, status, priority, grade)
/// and its text fields, by name.
fn fields(b: &Briefing, r: ItemRef) -> (Named, Named) {
    let t = |x: &Text| b.text_line(x);
    let n = r.index;
    match r.kind {
        Kind::Actor => {
            let a = &b.actors[n];
            (
                vec![],
                vec![
                    ("name", a.name.to_string()),
                    ("kind", opt(&a.kind)),
                    ("aliases", a.aliases.join(", ")),
                    ("location", opt(&a.location)),
                    ("coordinates", coords(a.coords)),
                    ("summary", t(&a.summary)),
                    ("notes", t(&a.notes)),
                ],
            )
        }
        Kind::Issue => {
            let i = &b.issues[n];
            (
                vec![
                    ("status", i.status.as_str().to_string()),
                    ("priority", opt(&i.priority.map(|p| p.as_str()))),
                ],
                vec![
                    ("title", i.title.to_string()),
                    ("question", opt(&i.question)),
                    ("summary", t(&i.summary)),
                    ("notes", t(&i.notes)),
                ],
            )
        }
        Kind::Position => {
            let p = &b.positions[n];
            (
                vec![
                    ("alignment", opt(&p.alignment.map(|a| a.as_str()))),
                    ("confidence", opt(&p.confidence.map(|c| c.as_str()))),
                ],
                vec![
                    ("stance", p.stance.to_string()),
                    ("quote", opt(&p.quote)),
                    ("date", opt(&p.date.as_ref().map(|d| d.text.clone()))),
                    ("rationale", t(&p.rationale)),
                    ("detail", t(&p.detail)),
                    ("notes", t(&p.notes)),
                ],
            )
        }
        Kind::Event => {
            let e = &b.events[n];
            (
                vec![],
                vec![
                    ("title", e.title.to_string()),
                    ("date", e.date_label()),
                    ("location", opt(&e.location)),
                    ("coordinates", coords(e.coords)),
                    ("summary", t(&e.summary)),
                    ("notes", t(&e.notes)),
                ],
            )
        }
        Kind::Source => {
            let s = &b.sources[n];
            (
                vec![
                    ("reliability", opt(&s.reliability)),
                    ("credibility", opt(&s.credibility)),
                ],
                vec![
                    ("title", s.title.to_string()),
                    ("publisher", opt(&s.publisher)),
                    ("author", opt(&s.author)),
                    ("date", opt(&s.date.as_ref().map(|d| d.text.clone()))),
                    ("url", opt(&s.url)),
                    ("excerpt", t(&s.excerpt)),
                    ("notes", t(&s.notes)),
                ],
            )
        }
    }
}

/// The ids an item links to, with how (`Actor`, `Sources`, `Mentions`, …).
fn links(b: &Briefing, r: ItemRef) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = b
        .links(r)
        .into_iter()
        .map(|(how, to)| format!("{} `{}`", how.to_lowercase(), b.id(to)))
        .collect();
    out.extend(
        b.sources_of(r)
            .into_iter()
            .map(|s| format!("source `{}`", b.sources[s].id)),
    );
    out
}

fn top(b: &Briefing) -> Named {
    let m = &b.meta;
    vec![
        ("title", m.title.to_string()),
        ("subtitle", opt(&m.subtitle)),
        ("as_of", opt(&m.as_of.as_ref().map(|d| d.text.clone()))),
        ("authors", m.authors.join(", ")),
        ("summary", b.text_line(&m.summary)),
        (
            "key_points",
            m.key_points
                .iter()
                .map(|k| format!("• {}{}", b.text_line(&k.text), k.likelihood_note()))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        (
            "deck",
            b.deck
                .iter()
                .map(|r| b.id(*r).to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]
}

/// What changed from `old` to `new`.
pub fn compare(old: &Briefing, new: &Briefing) -> Changes {
    compare_items(old, new, Skip::Nothing)
}

/// What a save changed from `old` to `new`: [`compare`], but an item whose
/// own fields and marking are as they were is passed over without writing
/// its fields out, so a save costs a look at each item, not a diff of it.
/// Such an item is not marked even when the name of an item it mentions
/// changed: that item is, and the save did not touch this one.
pub fn compare_edited(old: &Briefing, new: &Briefing) -> Changes {
    compare_items(old, new, Skip::Same)
}

/// `old` (a revision) compared again with `new` after a save replaced
/// `before`, whose comparison with `old` was `prev`: an item the save left
/// as it was keeps what `prev` said of it; only the items the save changed
/// are compared again. The same as [`compare`] but for an item that names
/// another the save renamed: its text keeps the name it was compared with.
pub fn compare_again(old: &Briefing, before: &Briefing, prev: &Changes, new: &Briefing) -> Changes {
    if !aligned(before, new) {
        return compare(old, new);
    }
    compare_items(old, new, Skip::Kept { before, prev })
}

/// What a comparison may pass over.
enum Skip<'a> {
    Nothing,
    /// Items as they were in the old version (a save's own changes).
    Same,
    /// Items as they were in `before`: what `prev` said of them stands.
    Kept {
        before: &'a Briefing,
        prev: &'a Changes,
    },
}

/// Whether every item of `new` is where it was in `old`, under its id.
fn aligned(old: &Briefing, new: &Briefing) -> bool {
    old.all_items().count() == new.all_items().count()
        && old
            .all_items()
            .zip(new.all_items())
            .all(|(o, r)| o == r && old.id(o) == new.id(r))
}

/// `prev`'s entries, by the item they are about.
#[derive(Default)]
struct Said<'a> {
    judgments: HashMap<(&'a str, &'a str), Vec<&'a Field>>,
    added: HashMap<(&'a str, &'a str), &'a Item>,
    links: HashMap<(&'a str, &'a str), &'a Links>,
    text: HashMap<(&'a str, &'a str), Vec<&'a Field>>,
}

impl<'a> Said<'a> {
    fn of(c: &'a Changes) -> Said<'a> {
        let mut s = Said::default();
        let at = |i: &'a Item| (i.kind, i.id.as_str());
        for f in &c.judgments {
            s.judgments.entry(at(&f.item)).or_default().push(f);
        }
        for f in &c.text {
            s.text.entry(at(&f.item)).or_default().push(f);
        }
        s.added = c.added.iter().map(|i| (at(i), i)).collect();
        s.links = c.links.iter().map(|l| (at(&l.item), l)).collect();
        s
    }

    /// Says again in `c` what was said of item `at`.
    fn again(&self, at: (&str, &str), c: &mut Changes) -> bool {
        if let Some(i) = self.added.get(&at) {
            c.added.push((*i).clone());
            return true;
        }
        c.judgments.extend(
            self.judgments
                .get(&at)
                .into_iter()
                .flatten()
                .map(|f| (*f).clone()),
        );
        c.text.extend(
            self.text
                .get(&at)
                .into_iter()
                .flatten()
                .map(|f| (*f).clone()),
        );
        c.links.extend(self.links.get(&at).map(|l| (*l).clone()));
        false
    }
}

/// Whether item `o` of `old` and `r` of `new` are the same, field for
/// field (links by index: an item moved in its list compares unequal and
/// is then compared in full).
fn same(old: &Briefing, o: ItemRef, new: &Briefing, r: ItemRef) -> bool {
    old.markings.get(&o) == new.markings.get(&r)
        && match r.kind {
            Kind::Actor => old.actors[o.index] == new.actors[r.index],
            Kind::Issue => old.issues[o.index] == new.issues[r.index],
            Kind::Position => old.positions[o.index] == new.positions[r.index],
            Kind::Event => old.events[o.index] == new.events[r.index],
            Kind::Source => old.sources[o.index] == new.sources[r.index],
        }
}

fn compare_items(old: &Briefing, new: &Briefing, skip: Skip) -> Changes {
    let mut c = Changes::default();
    fn key(b: &Briefing, r: ItemRef) -> (u8, &str) {
        (r.kind as u8, b.id(r))
    }
    // Most saves keep every item where it was: then item r is item r,
    // and no id needs looking up.
    let aligned = aligned(old, new);
    let said = match &skip {
        Skip::Kept { prev, .. } => Said::of(prev),
        _ => Said::default(),
    };
    fn index(b: &Briefing, aligned: bool) -> HashMap<(u8, &str), ItemRef> {
        if aligned {
            return HashMap::new();
        }
        b.all_items().map(|r| (key(b, r), r)).collect()
    }
    let (olds, news) = (index(old, aligned), index(new, aligned));
    for r in new.all_items() {
        if let Skip::Kept { before, .. } = skip
            && same(before, r, new, r)
        {
            said.again((r.kind.noun(), new.id(r)), &mut c);
            continue;
        }
        let o = if aligned {
            r
        } else if let Some(&o) = olds.get(&key(new, r)) {
            o
        } else {
            c.added.push(item(new, r));
            continue;
        };
        if matches!(skip, Skip::Same) && same(old, o, new, r) {
            continue;
        }
        let (oj, ot) = fields(old, o);
        let (nj, nt) = fields(new, r);
        let changed = |from: Named, to: Named| {
            from.into_iter()
                .zip(to)
                .filter(|((_, a), (_, b))| a != b)
                .map(|((field, a), (_, b))| Field {
                    item: item(new, r),
                    field,
                    old: a,
                    new: b,
                })
                .collect::<Vec<_>>()
        };
        c.judgments.extend(changed(oj, nj));
        // Who may see an item is a judgment too: marking it AMBER is the
        // change a person sharing the briefing must see.
        let (om, nm) = (opt(&old.markings.get(&o)), opt(&new.markings.get(&r)));
        if om != nm {
            c.judgments.push(Field {
                item: item(new, r),
                field: "marking",
                old: om,
                new: nm,
            });
        }
        c.text.extend(changed(ot, nt));
        let (was, now) = (links(old, o), links(new, r));
        if was != now {
            c.links.push(Links {
                item: item(new, r),
                added: now.difference(&was).cloned().collect(),
                removed: was.difference(&now).cloned().collect(),
            });
        }
    }
    // Same kind and name, another id, new in this version: renamed.
    let mut by_name: HashMap<(&str, &str), &str> = HashMap::new();
    for a in &c.added {
        by_name
            .entry((a.kind, a.name.as_str()))
            .or_insert(a.id.as_str());
    }
    let mut removed = Vec::new();
    for r in old.all_items() {
        if !aligned && !news.contains_key(&key(old, r)) {
            let gone = item(old, r);
            let renamed_to = by_name
                .get(&(gone.kind, gone.name.as_str()))
                .map(|id| id.to_string());
            removed.push(Removed {
                item: gone,
                renamed_to,
            });
        }
    }
    c.removed = removed;
    let whole = || Item {
        kind: "briefing",
        id: String::new(),
        name: new.meta.title.to_string(),
    };
    for (field, a, b) in [
        ("marking", opt(&old.meta.marking), opt(&new.meta.marking)),
        (
            "classification",
            opt(&old.meta.classification),
            opt(&new.meta.classification),
        ),
    ] {
        if a != b {
            c.judgments.push(Field {
                item: whole(),
                field,
                old: a,
                new: b,
            });
        }
    }
    for ((field, a), (_, b)) in top(old).into_iter().zip(top(new)) {
        if a != b {
            c.briefing.push(Field {
                item: Item {
                    kind: "briefing",
                    id: String::new(),
                    name: new.meta.title.to_string(),
                },
                field,
                old: a,
                new: b,
            });
        }
    }
    c
}

/// A run of words a change kept, took out or put in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    Kept,
    Out,
    In,
}

/// The word-level diff of two texts as runs: runs of one kind are joined
/// (`talks, round two` rather than three runs).
pub fn word_runs(old: &str, new: &str) -> Vec<(Run, String)> {
    use similar::{ChangeTag, TextDiff};
    let mut runs: Vec<(Run, String)> = Vec::new();
    for ch in TextDiff::from_words(old, new).iter_all_changes() {
        let run = match ch.tag() {
            ChangeTag::Equal => Run::Kept,
            ChangeTag::Delete => Run::Out,
            ChangeTag::Insert => Run::In,
        };
        match runs.last_mut() {
            Some((r, text)) if *r == run => text.push_str(ch.value()),
            _ => runs.push((run, ch.value().to_string())),
        }
    }
    runs
}

/// A word-level diff: removed words `[-so-]`, added `{+so+}`, or in
/// colour (red, struck; green) when `color`.
pub fn words(old: &str, new: &str, color: bool) -> String {
    let mut out = String::new();
    for (run, v) in word_runs(old, new) {
        match (run, color) {
            (Run::Kept, _) => out.push_str(&v),
            (Run::Out, false) => out.push_str(&format!("[-{v}-]")),
            (Run::In, false) => out.push_str(&format!("{{+{v}+}}")),
            (Run::Out, true) => out.push_str(&format!("\x1b[31;9m{v}\x1b[0m")),
            (Run::In, true) => out.push_str(&format!("\x1b[32m{v}\x1b[0m")),
        }
    }
    out
}

fn label(i: &Item) -> String {
    if i.id.is_empty() {
        "the briefing".into()
    } else {
        format!("{} `{}` ({})", i.kind, i.id, i.name)
    }
}

fn shown(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

/// The changes as text for a terminal, grouped, judgments first.
pub fn render(c: &Changes, color: bool) -> String {
    let mut out = String::new();
    let head = |out: &mut String, title: &str, n: usize| {
        let title = format!("{title} ({n})");
        if color {
            out.push_str(&format!("\x1b[1m{title}\x1b[0m\n"));
        } else {
            out.push_str(&format!("{title}\n"));
        }
    };
    if !c.judgments.is_empty() {
        head(&mut out, "Judgments", c.judgments.len());
        for f in &c.judgments {
            out.push_str(&format!(
                "  {}: {} {} → {}\n",
                label(&f.item),
                f.field,
                shown(&f.old),
                shown(&f.new)
            ));
        }
    }
    if !c.added.is_empty() {
        head(&mut out, "Added", c.added.len());
        for i in &c.added {
            out.push_str(&format!("  + {}\n", label(i)));
        }
    }
    if !c.removed.is_empty() {
        head(&mut out, "Removed", c.removed.len());
        for r in &c.removed {
            let renamed = r
                .renamed_to
                .as_ref()
                .map(|to| format!(" — renamed to `{to}`? (same name; ids are what match items)"))
                .unwrap_or_default();
            out.push_str(&format!("  − {}{renamed}\n", label(&r.item)));
        }
    }
    if !c.links.is_empty() {
        head(&mut out, "Links", c.links.len());
        for l in &c.links {
            out.push_str(&format!("  {}\n", label(&l.item)));
            for a in &l.added {
                out.push_str(&format!("    + {a}\n"));
            }
            for r in &l.removed {
                out.push_str(&format!("    − {r}\n"));
            }
        }
    }
    for (title, list) in [("Text", &c.text), ("The briefing", &c.briefing)] {
        if list.is_empty() {
            continue;
        }
        head(&mut out, title, list.len());
        for f in list {
            out.push_str(&format!("  {}: {}\n", label(&f.item), f.field));
            for line in words(&f.old, &f.new, color).lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    if c.is_empty() {
        out.push_str("No changes.\n");
    }
    out
}
