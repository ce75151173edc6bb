//! Every style the reader uses. Colours are from the 16-colour palette so
//! they follow the terminal's own dark or light scheme; with NO_COLOR only
//! modifiers remain (reverse, bold, underline), so selection and focus stay
//! visible.

use crate::briefing::Alignment;
use ratatui::style::{Color, Modifier, Style};

/// The colour scheme: for a dark background, a light one, or the most
/// contrast on either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl Palette {
    pub const NAMES: &'static [(Palette, &'static str)] = &[
        (Palette::Dark, "dark"),
        (Palette::Light, "light"),
        (Palette::HighContrast, "high-contrast"),
    ];

    pub fn from_name(s: &str) -> Option<Palette> {
        Palette::NAMES
            .iter()
            .find(|(_, n)| *n == s)
            .map(|(p, _)| *p)
    }

    pub fn name(self) -> &'static str {
        Palette::NAMES
            .iter()
            .find(|(p, _)| *p == self)
            .map_or("dark", |(_, n)| n)
    }
}

static CHOSEN: std::sync::OnceLock<Palette> = std::sync::OnceLock::new();

/// Puts the palette the config or the terminal chose in force; once.
pub fn choose(p: Palette) {
    let _ = CHOSEN.set(p);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    /// The chosen palette, with colour unless NO_COLOR is set.
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            palette: CHOSEN.get().copied().unwrap_or_default(),
        }
    }

    pub fn plain() -> Self {
        Theme {
            color: false,
            palette: Palette::Dark,
        }
    }

    pub fn with(palette: Palette) -> Self {
        Theme {
            color: true,
            palette,
        }
    }

    /// A colour of the palette: the dark scheme's colour, moved to one
    /// that reads on a light background, or to its bright form for high
    /// contrast.
    fn tone(&self, c: Color) -> Color {
        match (self.palette, c) {
            (Palette::Dark, c) => c,
            (Palette::Light, Color::Yellow) => Color::Magenta,
            (Palette::Light, Color::Cyan) => Color::Blue,
            (Palette::Light, c) => c,
            (Palette::HighContrast, Color::DarkGray) => Color::Reset,
            (Palette::HighContrast, Color::Green) => Color::LightGreen,
            (Palette::HighContrast, Color::Red) => Color::LightRed,
            (Palette::HighContrast, Color::Yellow) => Color::LightYellow,
            (Palette::HighContrast, Color::Blue) => Color::LightBlue,
            (Palette::HighContrast, Color::Cyan) => Color::LightCyan,
            (Palette::HighContrast, Color::Magenta) => Color::LightMagenta,
            (Palette::HighContrast, c) => c,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if !self.color {
            return Style::new();
        }
        let s = Style::new().fg(self.tone(c));
        if self.palette == Palette::HighContrast {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }
    pub fn dim(&self) -> Style {
        match (self.color, self.palette) {
            (false, _) => Style::new(),
            // No grey that fades into the background: plain text instead.
            (true, Palette::HighContrast) => Style::new(),
            (true, _) => Style::new().fg(Color::DarkGray),
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
    /// A changed item's mark (`Δ`, `+` new); a save's marks stand out more
    /// (reversed) while they last. The sign carries the meaning without colour.
    pub fn change(&self, added: bool, fresh: bool) -> Style {
        let s = self.fg(if added { Color::Green } else { Color::Yellow });
        if fresh {
            s.add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            s.add_modifier(Modifier::BOLD)
        }
    }
    /// Words a change took out, and words it put in.
    pub fn removed_words(&self) -> Style {
        if self.color {
            self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT)
        } else {
            Style::new().add_modifier(Modifier::CROSSED_OUT)
        }
    }
    pub fn added_words(&self) -> Style {
        if self.color {
            self.fg(Color::Green).add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }
    /// A TLP marking in its colours (on black, as TLP 2.0 gives them); as
    /// text alone without colour.
    pub fn tlp(&self, t: crate::briefing::marking::Tlp) -> Style {
        use crate::briefing::marking::Tlp;
        if !self.color {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        let fg = match t {
            Tlp::Clear => Color::Rgb(255, 255, 255),
            Tlp::Green => Color::Rgb(51, 255, 0),
            Tlp::Amber | Tlp::AmberStrict => Color::Rgb(255, 192, 0),
            Tlp::Red => Color::Rgb(255, 43, 43),
        };
        Style::new()
            .fg(fg)
            .bg(Color::Black)
            .add_modifier(Modifier::BOLD)
    }
    /// A blanked presentation: black, as a projector shows nothing.
    pub fn blank(&self) -> Style {
        Style::new().bg(Color::Black)
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
