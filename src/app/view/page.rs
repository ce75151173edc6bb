//! Help, the errors of a save that did not load (else the file's
//! warnings) and the last message whole: pages over the screen, read with
//! up and down and closed by any other key.

use crate::app::{Action, App, Overlay};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;

impl App {
    /// Help and the errors: pages to read. Up and down scroll them; quit
    /// (and any other key) closes them, so nobody loses the briefing to a
    /// key pressed to leave a page of text; reload and Ctrl-c go through.
    pub(super) fn page_key(&mut self, i: usize, action: Action) -> bool {
        // Wrapped help may take a few lines per key; drawing clamps.
        let max = crate::input::keymap::help_lines().len() * 4;
        let (Overlay::Help { scroll } | Overlay::Errors { scroll } | Overlay::Message { scroll }) =
            &mut self.overlays[i]
        else {
            return false;
        };
        match action {
            Action::Down => *scroll = (*scroll + 1).min(max),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::QuitAll | Action::Tick => return false,
            Action::Reload if matches!(self.overlays[i], Overlay::Errors { .. }) => return false,
            _ => {
                self.overlays.remove(i);
            }
        }
        true
    }
}

/// Draws the page `o` over `area`.
pub fn render(frame: &mut Frame, app: &App, o: &Overlay, theme: &Theme, area: Rect) {
    match o {
        Overlay::Help { scroll } => crate::ui::overlay::help(frame, theme, area, *scroll),
        Overlay::Errors { scroll } => match &app.reload_error {
            Some(errors) => crate::ui::overlay::errors(frame, errors, *scroll, theme, area),
            None => crate::ui::overlay::warnings(frame, &app.findings, *scroll, theme, area),
        },
        Overlay::Message { scroll } => {
            let said = app.said.as_deref().unwrap_or_default();
            crate::ui::overlay::message(frame, said, *scroll, theme, area)
        }
        _ => {}
    }
}
