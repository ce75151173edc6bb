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

/// Lines drawn one to a row from the top of `area`, each cut at its right
/// edge: what a `Paragraph` of them draws, without its reflow, which
/// handles each character apart (most of a pane's drawing time). Lines
/// start at the left edge: a line's own alignment is not read.
pub fn rows(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buf = frame.buffer_mut();
    let area = area.intersection(buf.area);
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        let mut x = area.x;
        for span in line {
            let style = line.style.patch(span.style);
            let left = area.right() - x;
            let s = span.content.as_ref();
            // Plain ASCII is a character to a cell: drawn without looking
            // for graphemes (as `set_line` does for every span).
            x = if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
                let n = s.len().min(left as usize) as u16;
                for (i, b) in s.bytes().take(n as usize).enumerate() {
                    buf[(x + i as u16, y)].set_char(b as char).set_style(style);
                }
                x + n
            } else {
                buf.set_stringn(x, y, s, left as usize, style).0
            };
            if x >= area.right() {
                break;
            }
        }
    }
}

/// A bordered pane with its title (cut to fit), drawn; returns its inside.
pub fn framed(frame: &mut Frame, area: Rect, title: &str, style: ratatui::style::Style) -> Rect {
    let title = text::truncate(title, area.width.saturating_sub(2) as usize);
    let area = area.intersection(frame.area());
    if area.width >= 2 && area.height >= 2 {
        // The lines alone: a `Block` styles every cell inside it first, a
        // tenth of a frame for the default style, which changes nothing.
        let buf = frame.buffer_mut();
        let (left, top) = (area.left(), area.top());
        let (right, bottom) = (area.right() - 1, area.bottom() - 1);
        for x in left + 1..right {
            buf[(x, top)].set_symbol("─").set_style(style);
            buf[(x, bottom)].set_symbol("─").set_style(style);
        }
        for y in top + 1..bottom {
            buf[(left, y)].set_symbol("│").set_style(style);
            buf[(right, y)].set_symbol("│").set_style(style);
        }
        for (x, y, corner) in [
            (left, top, "┌"),
            (right, top, "┐"),
            (left, bottom, "└"),
            (right, bottom, "┘"),
        ] {
            buf[(x, y)].set_symbol(corner).set_style(style);
        }
        let inside = area.width - 2;
        buf.set_stringn(left + 1, top, &title, inside as usize, style);
        return Rect::new(left + 1, top + 1, inside, area.height - 2);
    }
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(style)
        .title(Span::styled(title, style));
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Modifier, Style};

    fn on(w: u16, h: u16, f: impl FnOnce(&mut Frame)) -> Buffer {
        let mut t = ratatui::Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(f).unwrap();
        t.backend().buffer().clone()
    }

    /// `rows` draws what a `Paragraph` of the same lines draws: styles
    /// patched over the line's, wide and combining characters, control
    /// characters left out, lines cut at the edge, rows past the bottom
    /// dropped, at any offset. (In one column, a line that starts with a
    /// wide character differs: no pane is that narrow.)
    #[test]
    fn rows_draw_what_a_paragraph_draws() {
        let bold = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        let lines = vec![
            Line::from(vec![
                Span::raw("  "),
                Span::styled("plain ascii words", bold),
            ]),
            Line::from("中文 and 👍 emoji, e\u{301} combined, a\ttab")
                .style(Style::new().bg(Color::Blue)),
            Line::from(vec![
                Span::styled("reversed", Style::new().add_modifier(Modifier::REVERSED)),
                Span::raw(" then a line far longer than any of the areas it is drawn in here"),
            ])
            .patch_style(Style::new().fg(Color::Red)),
            Line::default(),
            Line::from("ends on a wide 中"),
            Line::from("one row too many"),
        ];
        for area in [
            Rect::new(0, 0, 30, 5),
            Rect::new(3, 1, 16, 4),
            Rect::new(5, 2, 2, 3),
            Rect::new(2, 0, 15, 9),
        ] {
            let ours = on(40, 8, |f| rows(f, area, &lines));
            let theirs = on(40, 8, |f| {
                f.render_widget(ratatui::widgets::Paragraph::new(lines.clone()), area)
            });
            assert_eq!(ours, theirs, "in {area:?}");
        }
    }

    /// `framed` draws the border and title a `Block` with all borders draws,
    /// and returns the same inside.
    #[test]
    fn framed_draws_what_a_block_draws() {
        let style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        for (area, title) in [
            (Rect::new(0, 0, 40, 8), " 1 Actors (12) "),
            (Rect::new(4, 2, 10, 3), " a title far too long for it "),
            (Rect::new(1, 1, 2, 2), " x "),
            (Rect::new(0, 0, 40, 1), " flat "),
            (Rect::new(30, 5, 20, 6), " past the edge 中文 "),
        ] {
            let mut inside = (Rect::default(), Rect::default());
            let ours = on(40, 8, |f| inside.0 = framed(f, area, title, style));
            let theirs = on(40, 8, |f| {
                let block = ratatui::widgets::Block::default()
                    .borders(ratatui::widgets::Borders::ALL)
                    .border_style(style)
                    .title(Span::styled(
                        text::truncate(title, area.width.saturating_sub(2) as usize),
                        style,
                    ));
                inside.1 = block.inner(area.intersection(f.area()));
                f.render_widget(block, area);
            });
            assert_eq!(ours, theirs, "{title:?} in {area:?}");
            assert_eq!(inside.0, inside.1, "{title:?} in {area:?}");
        }
    }
}
