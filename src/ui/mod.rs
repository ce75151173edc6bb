//! The drawing kit: text fitting and wrapping, the theme, panels, the
//! pictures (matrix, axis, map), the pages over a screen, and the screens
//! outside a briefing's reader (the library, a briefing opening). It knows
//! nothing of the reader's state: the reader's views (`app::view`), the
//! slides and the handouts draw with it.

pub mod axis;
pub mod library;
pub mod map;
pub mod matrix;
pub mod opening;
pub mod overlay;
pub mod panel;
pub mod text;
pub mod theme;

/// The smallest window brief draws in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use theme::Theme;

/// A picture's legend, dimmed, its entries packed whole into the lines
/// of `width` they need.
pub fn legend(entries: &[&'static str], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let spans = entries
        .iter()
        .map(|e| Span::styled(*e, theme.dim()))
        .collect();
    text::pack(spans, width, "  ", 0)
}

/// A picture with nothing to draw says why, dimmed and wrapped.
pub fn nothing_to_draw(frame: &mut Frame, area: Rect, theme: &Theme, why: &str) {
    frame.render_widget(
        ratatui::widgets::Paragraph::new(ratatui::text::Span::styled(why, theme.dim()))
            .wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// Says on a pane's bottom border how many lines are below what it shows.
pub fn more_below(frame: &mut Frame, area: Rect, hidden: usize, theme: &Theme) {
    if hidden > 0 && area.height >= 3 {
        on_bottom_border(frame, area, &format!(" ↓ {hidden} more "), false, theme);
    }
}

/// Writes `label`, dimmed, on the bottom border of the pane `area`: at its
/// right end, or its left with `left`; not at all where it does not fit.
pub fn on_bottom_border(frame: &mut Frame, area: Rect, label: &str, left: bool, theme: &Theme) {
    let w = unicode_width::UnicodeWidthStr::width(label) as u16;
    if area.height < 2 || area.width < w + 4 {
        return;
    }
    let x = if left {
        area.x + 2
    } else {
        area.right() - w - 2
    };
    let at = Rect::new(x, area.bottom() - 1, w, 1);
    let text = Span::styled(label.to_string(), theme.dim());
    frame.render_widget(ratatui::widgets::Paragraph::new(text), at);
}

/// A bordered pane with its title (cut to fit), drawn; returns its inside.
pub fn framed(frame: &mut Frame, area: Rect, title: &str, style: ratatui::style::Style) -> Rect {
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(style)
        .title(Span::styled(
            text::truncate(title, area.width.saturating_sub(2) as usize),
            style,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// As many `key help` hints as fit whole, in the keymap's order.
pub fn hint_line(hints: Vec<(String, &str)>, theme: &Theme, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, h) in hints {
        let piece = unicode_width::UnicodeWidthStr::width(k.as_str())
            + 1
            + unicode_width::UnicodeWidthStr::width(h);
        let gap = if used == 0 { 0 } else { 2 };
        if used + gap + piece > width {
            continue;
        }
        if gap > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(k, theme.key()));
        spans.push(Span::styled(format!(" {h}"), theme.dim()));
        used += gap + piece;
    }
    Line::from(spans)
}
