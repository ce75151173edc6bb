//! The speaker-notes screen of `brief notes`.

use crate::input::keymap::{Ctx, key};
use crate::present::notes::State;
use crate::ui::text::{truncate, wrap_at_most, wrap_styled};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::time::Instant;

pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    file: &str,
    connected: bool,
    stalled: Option<&str>,
    state: Option<&(State, Instant)>,
) {
    let area = frame.area();
    let w = area.width as usize;
    // The footer's notice, whole (at most three lines), above "Next".
    let notice: Vec<Line> = state
        .and_then(|(s, _)| s.notice.as_deref())
        .map(|n| wrap_at_most(n, theme.status(), w, 3))
        .unwrap_or_default();
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1 + notice.len().max(1) as u16),
    ])
    .areas(area);
    let Some((s, at)) = state else {
        let msg = match stalled {
            _ if connected => "Connected; waiting for the first slide…",
            Some(why) => why,
            None => "Waiting for the presenter…",
        };
        let lines = vec![
            Line::from(Span::styled(
                truncate(&format!("Speaker notes — {file}"), w),
                theme.title(),
            )),
            Line::default(),
            Line::from(Span::styled(truncate(msg, w), theme.status())),
            Line::from(Span::styled(
                truncate(
                    &format!(
                        "Start it with: brief present {file}  ({} quits)",
                        key(Ctx::Global, "quit")
                    ),
                    w,
                ),
                theme.dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let elapsed = std::time::Duration::from_millis(s.elapsed_ms) + at.elapsed();
    let secs = elapsed.as_secs();
    let clock = if s.clock {
        format!("  ·  {:02}:{:02}", secs / 60, secs % 60)
    } else {
        String::new()
    };
    let top = vec![
        Line::from(vec![
            Span::styled(format!("Slide {}/{}{clock}", s.slide, s.total), theme.key()),
            Span::styled(
                format!("   {} quits", key(Ctx::Global, "quit")),
                theme.dim(),
            ),
        ]),
        Line::from(Span::styled(truncate(&s.title, w), theme.title())),
    ];
    frame.render_widget(Paragraph::new(top), head);
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(" Notes ", theme.dim()));
    let inner: Rect = block.inner(body);
    frame.render_widget(block, body);
    let mut lines = Vec::new();
    if s.notes.is_empty() {
        lines.push(Line::from(Span::styled(
            "(no notes for this slide)",
            theme.dim(),
        )));
    }
    for (name, paras) in &s.notes {
        lines.push(Line::from(Span::styled(name.clone(), theme.label())));
        for p in paras {
            lines.extend(wrap_styled(
                p,
                &[],
                theme.text(),
                inner.width as usize,
                "  ",
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let next = s.next.as_deref().unwrap_or("(this is the last slide)");
    let mut foot_lines = notice;
    if foot_lines.is_empty() {
        foot_lines.push(Line::default());
    }
    foot_lines.push(Line::from(vec![
        Span::styled("Next: ", theme.dim()),
        Span::raw(truncate(next, w.saturating_sub(6))),
    ]));
    frame.render_widget(Paragraph::new(foot_lines), foot);
}
