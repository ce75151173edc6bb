//! The Changes view (`c`): every change since the revision compared with,
//! the items that version had and this one has not, and the file's recent
//! commits to compare with instead.

use super::{ChangesView, Commits, Tab};
use crate::app::App;
use crate::app::changes::Mark;
use crate::input::keymap::{Ctx, key};
use crate::ui::panel::{centered, panel};
use crate::ui::text::{fit_spans, thousands, truncate};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, app: &App, v: &ChangesView, theme: &Theme, area: Rect) {
    // As tall as its longest list (so Tab does not resize it), at most the body.
    let since = app.since_now();
    let longest = since
        .map_or(0, |c| c.rows.len().max(c.changes.removed.len()))
        .max(match &v.commits {
            Commits::Read(l) => l.len(),
            _ => 1,
        })
        .max(1);
    let rect = centered(
        area,
        area.width.saturating_sub(4).clamp(30, 110),
        (longest as u16)
            .saturating_add(6)
            .clamp(8, area.height.max(8)),
    );
    let inner = panel(frame, rect, " What changed ".into(), theme.border(true));
    let w = inner.width as usize;
    let count = |tab: Tab| match tab {
        Tab::Changes => since.map(|c| thousands(c.rows.len())),
        Tab::Removed => since.map(|c| thousands(c.changes.removed.len())),
        Tab::Revisions => None,
    };
    let tabs: Vec<Span> = Tab::ALL
        .iter()
        .map(|t| {
            let name = match count(*t) {
                Some(n) => format!(" {} ({n}) ", t.title()),
                None => format!(" {} ", t.title()),
            };
            if *t == v.tab {
                Span::styled(name, theme.selected(true))
            } else {
                Span::styled(name, theme.dim())
            }
        })
        .collect();
    let mut lines = vec![fit_spans(tabs, w)];
    let about = match since {
        Some(c) if c.changes.is_empty() => format!("No changes since {}", c.label),
        Some(c) => format!("Since {}: {}", c.label, c.counts()),
        None if app.since.is_some() => "Comparing again with the saved version…".into(),
        None => format!(
            "No revision compared yet: pick a commit below ({} compares)",
            key(Ctx::Changes, "pick")
        ),
    };
    lines.push(Line::from(Span::styled(truncate(&about, w), theme.dim())));
    lines.push(Line::default());
    let room = (inner.height as usize).saturating_sub(lines.len()).max(1);
    let rows: Vec<Line> = match v.tab {
        Tab::Changes => match since {
            Some(c) => window(c.rows.len(), v.cursor, room)
                .map(|n| {
                    let r = c.rows[n];
                    let m = c.marks.get(&r).copied().unwrap_or(Mark::Changed);
                    let b = &app.briefing;
                    let spans = vec![
                        Span::styled(
                            format!("{} ", m.sign()),
                            theme.change(m == Mark::Added, false),
                        ),
                        Span::styled(format!("{:<8} ", r.kind.noun()), theme.dim()),
                        Span::styled(b.name(r), theme.title()),
                        Span::styled(format!("  {}", c.summary(r)), theme.text()),
                    ];
                    row(spans, n == v.cursor, w, theme)
                })
                .collect(),
            None => vec![],
        },
        Tab::Removed => match since {
            Some(c) => window(c.changes.removed.len(), v.cursor, room)
                .map(|n| {
                    let gone = &c.changes.removed[n];
                    let mut spans = vec![
                        Span::styled("− ", theme.error()),
                        Span::styled(format!("{:<8} ", gone.item.kind), theme.dim()),
                        Span::raw(gone.item.name.clone()),
                        Span::styled(format!("  `{}`", gone.item.id), theme.dim()),
                    ];
                    if let Some(to) = &gone.renamed_to {
                        spans.push(Span::styled(format!("  renamed to `{to}`?"), theme.label()));
                    }
                    row(spans, n == v.cursor, w, theme)
                })
                .collect(),
            None => vec![],
        },
        Tab::Revisions => match &v.commits {
            Commits::Reading => vec![Line::from(Span::styled(
                "Reading the file's history…",
                theme.dim(),
            ))],
            Commits::Failed(e) => vec![Line::from(Span::styled(truncate(e, w), theme.error()))],
            Commits::Read(list) if list.is_empty() => vec![Line::from(Span::styled(
                "No commit of this file yet",
                theme.dim(),
            ))],
            Commits::Read(list) => window(list.len(), v.cursor, room)
                .map(|n| {
                    let c = &list[n];
                    let spans = vec![
                        Span::styled(format!("{}  ", c.short), theme.key()),
                        Span::styled(format!("{:>11}  ", c.date), theme.label()),
                        Span::raw(c.subject.clone()),
                    ];
                    row(spans, n == v.cursor, w, theme)
                })
                .collect(),
        },
    };
    if rows.is_empty() {
        let empty = match v.tab {
            Tab::Removed if since.is_some() => "Nothing was removed".to_string(),
            _ => format!(
                "Nothing to list: {} shows the file's commits to compare with",
                key(Ctx::Changes, "next-list")
            ),
        };
        lines.push(Line::from(Span::styled(empty, theme.dim())));
    }
    lines.extend(rows);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The rows to show of `len` so the cursor is in view.
fn window(len: usize, cursor: usize, room: usize) -> std::ops::Range<usize> {
    let top = cursor.saturating_sub(room.saturating_sub(1));
    top..(top + room).min(len)
}

fn row(spans: Vec<Span<'static>>, selected: bool, w: usize, theme: &Theme) -> Line<'static> {
    let mut spans = spans;
    spans.insert(0, Span::raw(if selected { "▶ " } else { "  " }));
    let line = fit_spans(spans, w);
    if selected {
        let used = line.width();
        let mut line = line;
        line.spans
            .push(Span::raw(" ".repeat(w.saturating_sub(used))));
        line.patch_style(theme.selected(true))
    } else {
        line
    }
}
