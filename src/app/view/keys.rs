//! Which of the reader's actions a key is, and the hints that say so —
//! both read off the same stack of views, top first, so a hint never
//! names a key that does something else.

use crate::app::view::picture::Picture;
use crate::app::{App, Base, Overlay};
use crate::briefing::Kind;
use crate::input::action::Action;
use crate::input::keymap::{Act, Ctx, current, first_key, key, text_input};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the top of the stack does with keys.
enum Keys {
    /// A page to read: up and down scroll, anything else closes it.
    Page { reload: bool },
    /// Typed characters are text (the search box, a prompt).
    Typing { search: bool },
    /// These keymap contexts, the first one's bindings first.
    Bound(Vec<Ctx>),
}

/// The base view's keymap contexts, its own first.
fn base_contexts(app: &App) -> Vec<Ctx> {
    let source = app.selected().is_some_and(|s| s.kind == Kind::Source);
    let mut v = match app.base() {
        Base::Overview { .. } => vec![Ctx::Overview, Ctx::List],
        Base::Panes { detail: true, .. } => vec![Ctx::Detail],
        Base::Panes { detail: false, .. } => vec![Ctx::List],
        Base::Source(_) => vec![Ctx::SourceReader],
        Base::Picture(Picture::Matrix(_)) => vec![Ctx::Matrix, Ctx::List],
        Base::Picture(Picture::Axis(_)) => vec![Ctx::Axis, Ctx::List],
        Base::Picture(Picture::Map(_)) => vec![Ctx::Map, Ctx::List],
    };
    if source {
        v.push(Ctx::Source);
    }
    v.push(Ctx::Global);
    v
}

/// How the view on top reads keys.
fn keys(app: &App) -> Keys {
    match app.top() {
        Some(Overlay::Help { .. }) => Keys::Page { reload: false },
        Some(Overlay::Errors { .. }) => Keys::Page { reload: true },
        Some(Overlay::Message { .. }) => Keys::Page { reload: false },
        Some(Overlay::Search) => Keys::Typing { search: true },
        Some(Overlay::AsOf(_)) => Keys::Typing { search: false },
        Some(Overlay::Changes(_)) => Keys::Bound(vec![Ctx::Changes, Ctx::Global]),
        None if app.source_reader().is_some_and(|r| r.typing) => Keys::Typing { search: false },
        None => Keys::Bound(base_contexts(app)),
    }
}

/// The reader's action for a key, asked of the view on top.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL;
    let km = current();
    let named = |ctx: Ctx, name: &str| km.is(ctx, name, &key);
    match keys(app) {
        Keys::Page { reload } => Some(if ctrl_c {
            Action::QuitAll
        } else if named(Ctx::Global, "down") {
            Action::Down
        } else if named(Ctx::Global, "up") {
            Action::Up
        } else if reload && named(Ctx::Global, "reload") {
            Action::Reload
        } else {
            Action::Escape
        }),
        // The search's own keys first; any other character is the query.
        Keys::Typing { search: true } => km
            .lookup(&key, |c| c == Ctx::Search)
            .and_then(|e| match e.binding.action {
                Act::Reader(a) => Some(a),
                _ => None,
            })
            .or_else(|| text_input(key)),
        Keys::Typing { search: false } => text_input(key),
        Keys::Bound(ctxs) => ctxs.iter().find_map(|&c| {
            km.lookup(&key, |x| x == c)
                .and_then(|e| match (e.binding.action, key.code) {
                    (Act::Reader(Action::Digit(_)), KeyCode::Char(c)) => {
                        Some(Action::Digit(c as u8 - b'0'))
                    }
                    (Act::Reader(a), _) => Some(a),
                    _ => None,
                })
        }),
    }
}

/// The hint bar for the view on top.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let s = |k: String, h: &'static str| (k, h);
    let scroll = || {
        format!(
            "{}/{}",
            first_key(Ctx::Global, "down"),
            first_key(Ctx::Global, "up")
        )
    };
    match keys(app) {
        Keys::Page { reload } => {
            let mut v = vec![s(scroll(), "scroll")];
            if reload {
                v.push(s(key(Ctx::Global, "reload"), "reload"));
            }
            v.push(s("any key".into(), "close"));
            v.push(s(key(Ctx::Global, "quit-all"), "quit"));
            v
        }
        Keys::Typing { search: true } => {
            let mut v = vec![s("type".into(), "search")];
            v.extend(current().hints_for(Ctx::Search));
            v
        }
        Keys::Typing { search: false } => vec![
            s("type".into(), "text"),
            s(key(Ctx::Global, "open"), "done"),
            s(key(Ctx::Global, "escape"), "cancel"),
        ],
        Keys::Bound(ctxs) => {
            let km = current();
            let mut v = Vec::new();
            // What up and down move, where it is not a list's rows.
            let moves = match (app.top(), app.picture()) {
                (Some(_), _) => Some("move"),
                (None, Some(Picture::Map(_))) => Some("markers"),
                (None, Some(Picture::Matrix(_))) => Some("rows"),
                _ => None,
            };
            if let Some(m) = moves {
                v.push(s(scroll(), m));
            }
            let own = ctxs.first().copied();
            // A picture or an overlay hints its own keys only: the
            // reader's would crowd them out of one line.
            let shown = |c: Ctx| match app.top() {
                Some(_) => Some(c) == own,
                None if app.picture().is_some() => Some(c) == own,
                None => ctxs.contains(&c),
            };
            v.extend(km.hints(shown).into_iter().map(|(k, h)| {
                if h == "quit" && app.in_library {
                    (k, "library")
                } else {
                    (k, h)
                }
            }));
            v
        }
    }
}
