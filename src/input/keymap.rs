//! The one keymap: every screen's keys, from the default table
//! (`defaults.rs`) patched by the user's config. Key lookups, the help
//! overlays, the hint bars, `brief config` and the README's key tables all
//! read it.

use super::action::{Action, PAction};
use super::keys::{self, Key};
use crate::library::LAction;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::OnceLock;

pub use super::defaults::{DIGITS, KEYMAP};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Anywhere in a briefing.
    Global,
    /// A list pane is focused.
    List,
    /// The detail pane is focused.
    Detail,
    /// A source is selected.
    Source,
    /// The overview is shown.
    Overview,
    /// A source's text is open.
    SourceReader,
    /// The Changes view is open.
    Changes,
    /// The stance matrix is open.
    Matrix,
    /// The time axis is open.
    Axis,
    /// The map is open.
    Map,
    Library,
    Present,
    /// The search box is open (typed characters are the query).
    Search,
}

impl Ctx {
    /// The names of the contexts in the config file's `[keys.NAME]`.
    pub const NAMES: &'static [(Ctx, &'static str)] = &[
        (Ctx::Global, "reader"),
        (Ctx::List, "lists"),
        (Ctx::Detail, "detail"),
        (Ctx::Source, "source"),
        (Ctx::Overview, "overview"),
        (Ctx::SourceReader, "source-text"),
        (Ctx::Changes, "changes"),
        (Ctx::Matrix, "matrix"),
        (Ctx::Axis, "axis"),
        (Ctx::Map, "map"),
        (Ctx::Library, "library"),
        (Ctx::Present, "present"),
        (Ctx::Search, "search"),
    ];

    pub fn name(self) -> &'static str {
        Ctx::NAMES
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("reader", |(_, n)| n)
    }

    pub fn from_name(s: &str) -> Option<Ctx> {
        Ctx::NAMES.iter().find(|(_, n)| *n == s).map(|(c, _)| *c)
    }
}

/// What a binding does, on the screen it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Reader(Action),
    Library(LAction),
    Present(PAction),
}

pub struct Binding {
    pub ctx: Ctx,
    /// The action's name in the config file.
    pub name: &'static str,
    pub keys: &'static [Key],
    /// How the default keys are written in hints.
    pub label: &'static str,
    pub action: Act,
    pub help: &'static str,
    /// Shown in the hint bar, with this short text.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// Digits stand for numbers and are not rebound.
    pub fn fixed(&self) -> bool {
        self.keys == DIGITS
    }
}

/// A binding with the keys in force.
pub struct Entry {
    pub binding: &'static Binding,
    pub keys: Vec<Key>,
}

impl Entry {
    /// The keys as hints show them: the default label, or the first key
    /// when the user changed them.
    pub fn label(&self) -> String {
        if self.keys.as_slice() == self.binding.keys || self.binding.fixed() {
            self.binding.label.to_string()
        } else {
            self.keys
                .first()
                .map_or_else(|| "(none)".into(), |(c, m)| keys::display(*c, *m))
        }
    }

    /// Every key, as help shows them.
    pub fn keys_text(&self) -> String {
        if self.binding.fixed() {
            return self.binding.label.to_string();
        }
        let mut v: Vec<String> = Vec::new();
        for (c, m) in &self.keys {
            let n = keys::display(*c, *m);
            if !v.contains(&n) {
                v.push(n);
            }
        }
        if v.is_empty() {
            "(none)".into()
        } else {
            v.join(", ")
        }
    }

    pub fn matches(&self, key: &KeyEvent) -> bool {
        self.keys.iter().any(|(code, mods)| {
            *code == key.code
                && (*mods == key.modifiers
                    // Terminals differ on whether Shift-Tab reports Shift.
                    || *code == KeyCode::BackTab
                    || (matches!(code, KeyCode::Char(_))
                        && *mods == KeyModifiers::NONE
                        && key.modifiers == KeyModifiers::SHIFT))
        })
    }
}

pub struct Keymap {
    pub entries: Vec<Entry>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            entries: KEYMAP
                .iter()
                .map(|b| Entry {
                    binding: b,
                    keys: b.keys.to_vec(),
                })
                .collect(),
        }
    }
}

static CURRENT: OnceLock<Keymap> = OnceLock::new();

/// Puts the user's keymap in force; once, at start-up.
/// The key bound to `name` in `ctx` as a message names it: what to press
/// now, after any rebinding (a message never names a default that moved).
pub fn key(ctx: Ctx, name: &str) -> String {
    current()
        .find(ctx, name)
        .map_or_else(|| name.to_string(), Entry::label)
}

/// The first key bound to `name` in `ctx`, as written on screen (`j`
/// where [`key`] gives the hint's `j/k`).
pub fn first_key(ctx: Ctx, name: &str) -> String {
    current()
        .find(ctx, name)
        .and_then(|e| e.keys.first())
        .map_or_else(|| name.to_string(), |(c, m)| keys::display(*c, *m))
}

pub fn set(k: Keymap) {
    let _ = CURRENT.set(k);
}

/// The keymap in force: the user's, else the defaults.
pub fn current() -> &'static Keymap {
    CURRENT.get_or_init(Keymap::default)
}

impl Keymap {
    pub fn find(&self, ctx: Ctx, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.binding.ctx == ctx && e.binding.name == name)
    }

    pub fn lookup(&self, key: &KeyEvent, ctx: impl Fn(Ctx) -> bool) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| ctx(e.binding.ctx))
            .find(|e| e.matches(key))
    }

    /// Whether `key` is bound to the action `name` of `ctx`.
    pub fn is(&self, ctx: Ctx, name: &str, key: &KeyEvent) -> bool {
        self.find(ctx, name).is_some_and(|e| e.matches(key))
    }

    /// On the screens with nothing else to do — a briefing opening, the
    /// speaker notes — the reader's quit keys (and Esc) end it.
    pub fn quits(&self, key: &KeyEvent) -> bool {
        key.code == KeyCode::Esc
            || self
                .lookup(key, |c| c == Ctx::Global)
                .is_some_and(|e| matches!(e.binding.name, "quit" | "quit-all"))
    }

    /// One context's hints.
    pub fn hints_for(&self, ctx: Ctx) -> Vec<(String, &'static str)> {
        self.hints(|c| c == ctx)
    }

    /// `key help` pairs for a hint bar, in table order. Neighbours with the
    /// same hint share it, each by its first key (`m/t/M pictures`, `+/-
    /// zoom`); a key a view has taken (the source reader's `/`) is hinted
    /// once, for the view.
    pub fn hints(&self, ctx: impl Fn(Ctx) -> bool) -> Vec<(String, &'static str)> {
        // Each run of one hint: its entries' labels and first keys.
        let mut runs: Vec<(Vec<(String, String)>, &'static str)> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for e in self.entries.iter().filter(|e| ctx(e.binding.ctx)) {
            // An action the user unbound has no key to hint.
            let Some(hint) = e.binding.hint.filter(|_| !e.keys.is_empty()) else {
                continue;
            };
            let label = e.label();
            if seen.contains(&label) {
                continue;
            }
            seen.push(label.clone());
            let first = e
                .keys
                .first()
                .map_or_else(|| label.clone(), |(c, m)| keys::display(*c, *m));
            match runs.last_mut() {
                Some((run, h)) if *h == hint => run.push((label, first)),
                _ => runs.push((vec![(label, first)], hint)),
            }
        }
        runs.into_iter()
            .map(|(run, hint)| match run.as_slice() {
                [(label, _)] => (label.clone(), hint),
                _ => {
                    let firsts: Vec<&str> = run.iter().map(|(_, f)| f.as_str()).collect();
                    (firsts.join("/"), hint)
                }
            })
            .collect()
    }

    /// `keys help` lines for a help overlay, each help text once.
    pub fn help(&self, ctx: impl Fn(Ctx) -> bool) -> Vec<(String, &'static str)> {
        let mut seen: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for e in self.entries.iter().filter(|e| ctx(e.binding.ctx)) {
            if seen.contains(&e.binding.help) {
                continue;
            }
            seen.push(e.binding.help);
            out.push((e.keys_text(), e.binding.help));
        }
        out
    }
}

/// Keys while typing a query: characters, Backspace, Enter, Esc.
pub fn text_input(key: KeyEvent) -> Option<Action> {
    let ctrl = KeyModifiers::CONTROL;
    match key.code {
        KeyCode::Esc => Some(Action::Escape),
        KeyCode::Char('c') if key.modifiers == ctrl => Some(Action::QuitAll),
        KeyCode::Enter => Some(Action::SearchSubmit),
        KeyCode::Backspace => Some(Action::SearchBackspace),
        KeyCode::Char(c) if !key.modifiers.intersects(ctrl | KeyModifiers::ALT) => {
            Some(Action::SearchInput(c))
        }
        _ => None,
    }
}

/// Screens within the reader with keys of their own, listed after the
/// reader's in the help (and each in its own table in the README).
pub const VIEWS: [Ctx; 6] = [
    Ctx::Search,
    Ctx::SourceReader,
    Ctx::Changes,
    Ctx::Matrix,
    Ctx::Axis,
    Ctx::Map,
];

/// Whether a context's keys are the reader's own (not a view's, the
/// library's or the presentation's).
pub fn in_reader_table(c: Ctx) -> bool {
    !VIEWS.contains(&c) && !matches!(c, Ctx::Library | Ctx::Present)
}

/// The reader's help: every binding of a briefing's screens, the source
/// reader's last (they apply in one view only).
pub fn help_lines() -> Vec<(String, &'static str)> {
    let km = current();
    let mut out = km.help(in_reader_table);
    for ctx in VIEWS {
        out.extend(km.help(|c| c == ctx));
    }
    out.push((
        "mouse".into(),
        "click selects or follows a link; the wheel scrolls the pane under the pointer",
    ));
    out
}

/// A context's keys as a Markdown table, as the README shows them.
pub fn markdown_table(ctx: impl Fn(Ctx) -> bool) -> String {
    let mut out = String::from("| key | what it does |\n| --- | --- |\n");
    for (k, h) in Keymap::default().help(ctx) {
        let k = k
            .split(", ")
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!("| {k} | {h} |\n"));
    }
    out
}
