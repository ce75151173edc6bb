//! Which presentation action a key is.

use super::{PAction, Presenter};
use crate::input::keymap::{Act, Ctx, current};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The presentation's action for a key.
pub fn action(p: &Presenter, key: KeyEvent) -> Option<PAction> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl_c {
        return Some(PAction::Quit);
    }
    if p.blank || p.help {
        return Some(PAction::Dismiss);
    }
    let km = current();
    let named = |name: &str| km.find(Ctx::Present, name).is_some_and(|e| e.matches(&key));
    if p.index.is_some() {
        return Some(if named("next") || key.code == KeyCode::Tab {
            PAction::Next
        } else if named("previous") || key.code == KeyCode::BackTab {
            PAction::Prev
        } else if key.code == KeyCode::Enter {
            PAction::Enter
        } else {
            PAction::Dismiss
        });
    }
    if let KeyCode::Char(c @ '0'..='9') = key.code
        && key.modifiers == KeyModifiers::NONE
    {
        return Some(PAction::Digit(c as u8 - b'0'));
    }
    km.lookup(&key, |c| c == Ctx::Present)
        .and_then(|e| match e.binding.action {
            Act::Present(a) => Some(a),
            _ => None,
        })
}
