//! Every style the reader uses. Colours are from the 16-colour palette so
//! they follow the terminal's own dark or light scheme; with NO_COLOR only
//! modifiers remain (reverse, bold, underline), so selection and focus stay
//! visible.

use crate::briefing::Alignment;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn plain() -> Self {
        Theme { color: false }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn banner(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    /// The selected row: reverse video works on any background.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    /// A row linked to the selection in another pane.
    pub fn related(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn link(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::UNDERLINED)
    }
    pub fn label(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    pub fn section(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn status(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn alignment(&self, a: Option<Alignment>) -> Style {
        match a {
            Some(Alignment::Support) => self.fg(Color::Green),
            Some(Alignment::Oppose) => self.fg(Color::Red),
            Some(Alignment::Mixed) => self.fg(Color::Yellow),
            Some(Alignment::Neutral) => self.fg(Color::Blue),
            Some(Alignment::Unclear) | None => self.dim(),
        }
    }
    /// A marker that carries alignment without colour too.
    pub fn alignment_mark(a: Option<Alignment>) -> &'static str {
        match a {
            Some(Alignment::Support) => "+",
            Some(Alignment::Oppose) => "−",
            Some(Alignment::Mixed) => "±",
            Some(Alignment::Neutral) => "=",
            Some(Alignment::Unclear) | None => "?",
        }
    }
}
