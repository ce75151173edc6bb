//! Overlays: the help (from the keymap), the presenter's help, and the
//! findings of a save that did not load.

use super::panel::{centered, help_text, large, panel};
use super::text::truncate;
use super::theme::Theme;
use crate::briefing::Diagnostic;
use crate::input::keymap::{Ctx, key};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn help(frame: &mut Frame, theme: &Theme, area: Rect, scroll: usize) {
    let entries = crate::input::keymap::help_lines();
    let rect = centered(area, 90, area.height);
    let inner_w = rect.width.saturating_sub(2) as usize;
    let body = help_text(&entries, theme, inner_w);
    let rect = centered(area, 90, body.len() as u16 + 4);
    let room = rect.height.saturating_sub(4) as usize;
    let scroll = scroll.min(body.len().saturating_sub(room));
    let head = if body.len() > room {
        &*format!(
            "Keys ({} scroll, any other key closes)",
            key(Ctx::Global, "down")
        )
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

/// Diagnostics as `brief check` prints them (no colour), cut to a width,
/// from line `skip`.
pub fn diagnostics_lines(
    diags: &[crate::briefing::Diagnostic],
    width: usize,
    skip: usize,
) -> Vec<Line<'static>> {
    let text = diags
        .iter()
        .map(|d| d.render_fit(false, width))
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

/// The diagnostics of a save that did not load: the text `brief check`
/// prints, without colour.
pub fn errors(frame: &mut Frame, diags: &[Diagnostic], scroll: usize, theme: &Theme, area: Rect) {
    let title = format!(
        " The last save did not load ({} scroll, {} reload, any other key closes) ",
        key(Ctx::Global, "down"),
        key(Ctx::Global, "reload")
    );
    let inner = panel(frame, large(area), title, theme.error());
    let lines = diagnostics_lines(diags, inner.width as usize, scroll);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The warnings of the version on screen, as `brief check` prints them.
pub fn warnings(frame: &mut Frame, diags: &[Diagnostic], scroll: usize, theme: &Theme, area: Rect) {
    let n = diags.len();
    let title = format!(
        " {n} finding{} in this version ({} scroll, any other key closes) ",
        if n == 1 { "" } else { "s" },
        key(Ctx::Global, "down")
    );
    let inner = panel(frame, large(area), title, theme.border(true));
    let lines = diagnostics_lines(diags, inner.width as usize, scroll);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A message too long for the status line, whole.
pub fn message(frame: &mut Frame, said: &str, scroll: usize, theme: &Theme, area: Rect) {
    let rect = centered(area, 90, area.height);
    let width = rect.width.saturating_sub(2) as usize;
    let body = super::text::wrap_styled(said, &[], theme.text(), width.max(10), "");
    let rect = centered(area, 90, body.len() as u16 + 2);
    let title = " Message (any key closes) ".to_string();
    let inner = panel(frame, rect, title, theme.border(true));
    let lines: Vec<Line> = body.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The keys of a presentation, over its slide.
pub fn present_help(frame: &mut Frame, theme: &Theme, area: Rect) {
    let entries = crate::input::keymap::current().help(|c| c == crate::input::keymap::Ctx::Present);
    let width = centered(area, 76, area.height).width.saturating_sub(2) as usize;
    let mut lines = vec![
        Line::from(Span::styled(
            truncate("Presenting (any key closes)", width),
            theme.title(),
        )),
        Line::default(),
    ];
    lines.extend(help_text(&entries, theme, width));
    let rect = centered(area, 76, lines.len() as u16 + 2);
    let inner = panel(frame, rect, " Help ".into(), theme.border(true));
    frame.render_widget(Paragraph::new(lines), inner);
}
