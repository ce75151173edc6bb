//! Panels over the screen: where one goes, its frame, and the two-column
//! text of a key list. Shared by the reader, the library and the
//! presenter, so nothing here knows any of them.

use super::text::truncate;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Help lines: each key with its text wrapped beside it, never cut.
pub fn help_text(entries: &[(String, &str)], theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let key_w = entries
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
        .max()
        .unwrap_or(8)
        .min(width / 3)
        .min(24);
    let hang = " ".repeat(key_w + 2);
    let mut out = Vec::new();
    for (k, h) in entries {
        // A key list wider than its column wraps within it too.
        let keys = super::text::wrap_styled(k, &[], theme.key(), key_w.max(1), "");
        let text = super::text::wrap_styled(h, &[], theme.text(), width, &hang);
        let n = keys.len().max(text.len());
        for i in 0..n {
            let key = keys.get(i).cloned().unwrap_or_default();
            let pad = key_w.saturating_sub(key.width()) + 2;
            let mut spans: Vec<Span<'static>> = key
                .spans
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), theme.key()))
                .collect();
            spans.push(Span::raw(" ".repeat(pad)));
            if let Some(t) = text.get(i) {
                spans.extend(t.spans.iter().skip(1).cloned());
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// A cleared, bordered panel; returns its inside.
pub fn panel(frame: &mut Frame, rect: Rect, title: String, border: ratatui::style::Style) -> Rect {
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(truncate(&title, rect.width.saturating_sub(2) as usize))
        .border_style(border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A panel over most of `area`.
pub fn large(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).max(30),
        area.height.saturating_sub(2).max(6),
    )
}
