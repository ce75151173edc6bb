//! The as-of prompt (`a`), an overlay on the status line: a date typed,
//! or Enter on nothing for the selected item's.

use crate::app::asof::AsOf;
use crate::app::{Action, App, Overlay};
use crate::input::keymap::{Ctx, key};
use crate::ui::theme::Theme;
use ratatui::text::Span;

impl App {
    /// `a`: asks for the date (Enter on nothing takes the selected event's).
    pub fn ask_as_of(&mut self) {
        self.push(Overlay::AsOf(String::new()));
    }

    /// The prompt's keys while it is open; true when it took the action.
    pub(crate) fn as_of_key(&mut self, action: Action) -> bool {
        let Some(Overlay::AsOf(text)) = self.overlays.last_mut() else {
            return false;
        };
        match action {
            Action::SearchInput(c) => text.push(c),
            Action::SearchBackspace => {
                text.pop();
            }
            Action::Escape => self.pop(),
            Action::SearchSubmit => {
                let typed = std::mem::take(text);
                self.pop();
                let picked = if typed.trim().is_empty() {
                    self.selected()
                        .and_then(|r| self.briefing.date_of(r))
                        .and_then(AsOf::of)
                        .ok_or_else(|| {
                            "Type a date, or select a dated event or position first".to_string()
                        })
                } else {
                    AsOf::parse(&typed)
                };
                match picked {
                    Ok(a) => {
                        self.status = Some(format!(
                            "As of {}: what came later is dimmed; undated items stay ({} clears)",
                            a.label,
                            key(Ctx::Global, "escape")
                        ));
                        self.as_of = Some(a);
                    }
                    Err(e) => self.status = Some(e),
                }
            }
            Action::QuitAll | Action::Tick => return false,
            _ => {}
        }
        true
    }
}

/// The prompt as the status line shows it: what was typed, a cursor, and
/// how to answer.
pub fn prompt(typed: &str, theme: &Theme) -> Vec<Span<'static>> {
    vec![
        Span::styled("As of: ", theme.key()),
        Span::raw(typed.to_string()),
        Span::styled("█", theme.dim()),
        Span::styled(
            format!(
                "  a date (2026-03, 2026-03-14…); {} on nothing takes the selected item's; {} cancels  ",
                key(Ctx::Global, "open"),
                key(Ctx::Global, "escape")
            ),
            theme.dim(),
        ),
    ]
}
