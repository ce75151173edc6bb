//! Which of the reader's actions a key is, in the state the reader is in,
//! and the hints that say so.

use super::{App, Mode};
use crate::input::action::Action;
use crate::input::keymap::{Act, Ctx, current, text_input};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn in_ctx(ctx: Ctx, app: &App) -> bool {
    let reading = app.source_reader.is_none();
    match ctx {
        Ctx::Global => true,
        Ctx::List => !app.detail_focused && reading,
        Ctx::Detail => app.detail_focused && reading,
        Ctx::Source => app
            .selected()
            .is_some_and(|s| s.kind == crate::briefing::Kind::Source),
        Ctx::Overview => app.overview.active,
        Ctx::SourceReader => !reading,
        Ctx::Changes => app.changes_view.is_some(),
        Ctx::Matrix => matches!(app.picture, Some(crate::app::pictures::Picture::Matrix(_))),
        Ctx::Axis => matches!(app.picture, Some(crate::app::pictures::Picture::Axis(_))),
        Ctx::Map => matches!(app.picture, Some(crate::app::pictures::Picture::Map(_))),
        Ctx::Library | Ctx::Present | Ctx::Search => false,
    }
}

/// The reader's action for a key in the app's current mode, if any.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL;
    let km = current();
    let named = |ctx: Ctx, name: &str| km.find(ctx, name).is_some_and(|e| e.matches(&key));
    match app.mode {
        // Over help or the errors, quit closes them: nobody loses the
        // briefing to a key pressed to leave a page of text.
        Mode::Errors | Mode::Help => Some(if ctrl_c {
            Action::QuitAll
        } else if named(Ctx::Global, "down") {
            Action::Down
        } else if named(Ctx::Global, "up") {
            Action::Up
        } else if app.mode == Mode::Errors && named(Ctx::Global, "reload") {
            Action::Reload
        } else {
            Action::Escape
        }),
        // The search's own keys first; any other character is the query.
        Mode::Search => km
            .lookup(&key, |c| c == Ctx::Search)
            .and_then(|e| match e.binding.action {
                Act::Reader(a) => Some(a),
                _ => None,
            })
            .or_else(|| text_input(key)),
        Mode::Browse if app.source_reader.as_ref().is_some_and(|r| r.typing) => text_input(key),
        Mode::Browse if app.as_of_prompt.is_some() => text_input(key),
        Mode::Browse => {
            km.lookup(&key, |c| in_ctx(c, app))
                .and_then(|e| match (e.binding.action, key.code) {
                    (Act::Reader(Action::Digit(_)), KeyCode::Char(c)) => {
                        Some(Action::Digit(c as u8 - b'0'))
                    }
                    (Act::Reader(a), _) => Some(a),
                    _ => None,
                })
        }
    }
}

/// The hint bar for the reader's current state.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let s = |k: &str, h: &'static str| (k.to_string(), h);
    match app.mode {
        Mode::Help => vec![
            s("j/k", "scroll"),
            s("any key", "close help"),
            s("q", "quit"),
        ],
        Mode::Search => {
            let mut v = vec![s("type", "search")];
            v.extend(current().hints_for(Ctx::Search));
            v
        }
        Mode::Errors => vec![s("j/k", "scroll"), s("r", "reload"), s("any key", "close")],
        Mode::Browse if app.changes_view.is_none() && app.picture.is_some() => {
            use crate::app::pictures::Picture;
            match app.picture {
                Some(Picture::Axis(_)) => current().hints_for(Ctx::Axis),
                Some(Picture::Map(_)) => {
                    let mut v = vec![s("j/k", "markers")];
                    v.extend(current().hints_for(Ctx::Map));
                    v
                }
                _ => {
                    let mut v = vec![s("j/k", "rows")];
                    v.extend(current().hints_for(Ctx::Matrix));
                    v
                }
            }
        }
        Mode::Browse if app.changes_view.is_some() => {
            let mut v = vec![s("j/k", "move")];
            v.extend(current().hints_for(Ctx::Changes));
            v
        }
        Mode::Browse => current()
            .hints(|c| in_ctx(c, app))
            .into_iter()
            .map(|(k, h)| {
                if h == "quit" && app.in_library {
                    (k, "library")
                } else {
                    (k, h)
                }
            })
            .collect(),
    }
}
