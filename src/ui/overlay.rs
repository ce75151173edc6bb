//! Overlays: the help (from the keymap) and the search box with results.

use super::text::{fit_spans, thousands, truncate};
use super::theme::Theme;
use crate::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

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

pub fn help(frame: &mut Frame, theme: &Theme, area: Rect, scroll: usize) {
    let entries = crate::input::keymap::help_lines();
    let rect = centered(area, 90, area.height);
    let inner_w = rect.width.saturating_sub(2) as usize;
    let body = help_text(&entries, theme, inner_w);
    let rect = centered(area, 90, body.len() as u16 + 4);
    let room = rect.height.saturating_sub(4) as usize;
    let scroll = scroll.min(body.len().saturating_sub(room));
    let head = if body.len() > room {
        "Keys (j/k scroll, any other key closes)"
    } else {
        "Keys (any key closes)"
    };
    let mut lines = vec![
        Line::from(Span::styled(truncate(head, inner_w), theme.title())),
        Line::default(),
    ];
    lines.extend(body.into_iter().skip(scroll));
    let inner = panel(frame, rect, " Help ".into(), theme.border(true));
    frame.render_widget(Paragraph::new(lines), inner);
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
fn large(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).max(30),
        area.height.saturating_sub(2).max(6),
    )
}

/// Diagnostics as `brief check` prints them (no colour), cut to a width,
/// from line `skip`.
pub fn diagnostics_lines(
    diags: &[crate::briefing::Diagnostic],
    width: usize,
    skip: usize,
) -> Vec<Line<'static>> {
    let text = diags
        .iter()
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n");
    // Source lines keep their columns (the caret points into them) and are
    // cut with an ellipsis; messages and help wrap.
    let mut out = Vec::new();
    for l in text.lines() {
        let gutter = l
            .trim_start()
            .split_once('|')
            .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
        if gutter || l.width() <= width {
            out.push(Line::from(truncate(l, width)));
        } else {
            let lead = l.len() - l.trim_start().len();
            let indent = " ".repeat(lead + 2);
            let wrapped = super::text::wrap_styled(
                l.trim_start(),
                &[],
                ratatui::style::Style::new(),
                width.saturating_sub(lead + 2).max(10),
                "",
            );
            for (i, line) in wrapped.into_iter().enumerate() {
                let pad = if i == 0 {
                    " ".repeat(lead)
                } else {
                    indent.clone()
                };
                let mut spans = vec![Span::raw(pad)];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        }
    }
    out.into_iter().skip(skip).collect()
}

pub fn search(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let inner = panel(frame, large(area), " Search ".into(), theme.border(true));
    let w = inner.width as usize;
    let s = &app.search;
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(s.query.clone()),
        Span::styled("█", theme.dim()),
        Span::styled(
            match (s.query.is_empty(), s.pending, s.hits.len()) {
                (true, _, _) => String::new(),
                (false, true, 0) => "   searching…".into(),
                (false, true, _) => format!("   searching… {} so far", thousands(s.items)),
                (false, false, n) if s.items > n => {
                    format!("   best {n} of {} results", thousands(s.items))
                }
                (false, false, n) => format!("   {n} result{}", if n == 1 { "" } else { "s" }),
            },
            theme.dim(),
        ),
    ])];
    let room = inner.height.saturating_sub(1) as usize;
    let start = s.cursor.saturating_sub(room.saturating_sub(1));
    for (n, hit) in s.hits.iter().enumerate().skip(start).take(room) {
        let selected = n == s.cursor;
        let (kind, name) = match hit.item {
            Some(item) => (item.kind.noun(), app.briefing.name(item)),
            None => ("overview", app.briefing.meta.title.clone()),
        };
        let kind = format!("{kind:<8} ");
        let name = truncate(&name, w / 2);
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key()),
            Span::styled(kind, theme.dim()),
            Span::styled(name, theme.title()),
            Span::styled(format!("  {}: ", hit.field), theme.dim()),
        ];
        spans.extend(highlighted(&hit.text, &hit.indices, theme, w / 2));
        let mut line = fit_spans(spans, w);
        if selected {
            line = line.patch_style(theme.selected(true));
        }
        lines.push(line);
    }
    if !s.query.is_empty() && s.hits.is_empty() && !s.pending {
        lines.push(Line::from(Span::styled("  no match", theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A window of `text` around its first matched character, matches styled.
fn highlighted(text: &str, indices: &[u32], theme: &Theme, width: usize) -> Vec<Span<'static>> {
    let chars: Vec<char> = super::text::cell_safe(text).chars().collect();
    let first = indices.first().copied().unwrap_or(0) as usize;
    let start = first.saturating_sub(width / 4);
    let mut spans = Vec::new();
    if start > 0 {
        spans.push(Span::raw("…"));
    }
    for (i, c) in chars.iter().enumerate().skip(start).take(width) {
        let style = if indices.binary_search(&(i as u32)).is_ok() {
            theme.matched()
        } else {
            theme.text()
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    spans
}

/// The diagnostics of a save that did not load: the text `brief check`
/// prints, without colour.
pub fn errors(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let title =
        " The last save did not load (j/k scroll, r reload, any other key closes) ".to_string();
    let inner = panel(frame, large(area), title, theme.error());
    let diags = app.reload_error.as_deref().unwrap_or(&[]);
    let lines = diagnostics_lines(diags, inner.width as usize, app.errors_scroll);
    frame.render_widget(Paragraph::new(lines), inner);
}
