//! The list panes. Only the visible rows are built: the cost of a frame
//! does not grow with the number of items.

use crate::app::{App, Pane};
use crate::briefing::{Briefing, ItemRef, Kind};
use crate::ui::text::{fit_spans, truncate};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

/// One row's text, as spans, without selection styling.
pub fn row_spans(
    b: &Briefing,
    item: ItemRef,
    theme: &Theme,
    date_width: usize,
) -> Vec<Span<'static>> {
    let i = item.index;
    match item.kind {
        Kind::Actor => {
            let a = &b.actors[i];
            let mut v = vec![Span::raw(a.name.clone())];
            if let Some(k) = &a.kind {
                v.push(Span::styled(format!("  {k}"), theme.dim()));
            }
            v
        }
        Kind::Position => {
            let p = &b.positions[i];
            vec![
                Span::styled(
                    format!("{} ", Theme::alignment_mark(p.alignment)),
                    theme.alignment(p.alignment),
                ),
                Span::styled(b.actors[p.actor].name.clone(), theme.alignment(p.alignment)),
                Span::raw("  "),
                Span::raw(p.stance.clone()),
                Span::styled(format!("  · {}", b.issues[p.issue].title), theme.dim()),
            ]
        }
        Kind::Event => {
            let e = &b.events[i];
            vec![
                Span::styled(
                    format!(
                        "{:<date_width$}  ",
                        truncate(&e.list_label(b.timeline_frame, b.timeline_utc), date_width)
                    ),
                    theme.label(),
                ),
                Span::raw(e.title.clone()),
            ]
        }
        Kind::Issue => {
            let x = &b.issues[i];
            let mut v = vec![
                Span::styled(format!("[{}] ", x.status.as_str()), theme.dim()),
                Span::raw(x.title.clone()),
            ];
            if let Some(p) = x.priority {
                v.push(Span::styled(format!(" · {}", p.as_str()), theme.label()));
            }
            v
        }
        Kind::Source => {
            let s = &b.sources[i];
            vec![
                Span::styled(
                    format!("{:<3}", s.grade().unwrap_or_else(|| "--".into())),
                    theme.label(),
                ),
                Span::raw(s.title.clone()),
            ]
        }
    }
}

/// Draws one list pane; returns the first row it shows.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme, pane: Pane, area: Rect) -> usize {
    let focused_pane = pane == app.focus && !app.overview_open();
    let focused = focused_pane && !app.detail_focused();
    let rows = app.rows(pane);
    let all = app.briefing.len(pane.kind());
    let view = app.views[pane.index()];
    // Where the selection is, when the pane cannot show every row.
    let shown = rows.len();
    let count = if shown > inner_height(area) && !rows.is_empty() {
        format!("{} of {shown}", view.selected.min(shown - 1) + 1)
    } else {
        format!("{shown}")
    };
    let count = if shown == all {
        count
    } else {
        format!("{count}, {all} in all")
    };
    let mut title = format!(" {} {} ({count}) ", pane.index() + 1, pane.title());
    if pane == Pane::Sources && app.sources_of.is_some() {
        title.push_str("[cited] ");
    } else if rows.len() != all {
        title.push_str("[filtered] ");
    }
    let inner = crate::ui::framed(frame, area, &title, theme.border(focused_pane));
    let h = inner.height as usize;
    let w = inner.width as usize;
    if rows.is_empty() {
        let msg = if all == 0 {
            "(none in this briefing)"
        } else {
            "(nothing linked)"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
        return 0;
    }
    // Keep the selection visible even if the pane shrank since the last key.
    let mut offset = view.offset.min(rows.len().saturating_sub(1));
    if view.selected >= offset + h.max(1) {
        offset = view.selected + 1 - h.max(1);
    }
    let visible: Vec<ItemRef> = (offset..(offset + h).min(rows.len()))
        .filter_map(|i| rows.get(i))
        .collect();
    let date_width = if pane == Pane::Timeline {
        let b = &app.briefing;
        let widest = |formal: bool| {
            visible
                .iter()
                .map(|r| &b.events[r.index])
                .filter(|e| !formal || (e.when.is_none() && e.date.is_some()))
                .map(|e| {
                    let label = e.list_label(b.timeline_frame, b.timeline_utc);
                    unicode_width::UnicodeWidthStr::width(label.as_str())
                })
                .max()
                .unwrap_or(0)
        };
        // Free text (`when`) gets a third of the row; a date written in the
        // format is never cut ("14 Mar 06:15Z – 07:02Z" is 22) while the
        // title keeps 24 columns.
        let cap = (w / 3).max(12).max(widest(true).min(w.saturating_sub(24)));
        widest(false).min(cap)
    } else {
        0
    };
    // A column of change marks while a comparison is shown.
    let marking = app.since_now().is_some() || app.saved.is_some();
    let mut lines = Vec::with_capacity(h);
    for (n, item) in visible.iter().enumerate() {
        // The bar marks the selection of the focused pane; other panes mark
        // their own selection quietly and light up what is linked.
        let selected = offset + n == view.selected && focused_pane;
        let own = offset + n == view.selected && !focused_pane;
        let related =
            !selected && app.anchor().is_some_and(|a| a != *item) && app.is_related(*item);
        let (marker, style) = if selected {
            ("▶ ", theme.selected(focused))
        } else if related {
            (if own { "›•" } else { "• " }, theme.related())
        } else if own {
            ("› ", Style::new())
        } else {
            ("  ", Style::new())
        };
        let mut spans = vec![Span::raw(marker)];
        if marking {
            spans.push(match app.mark(*item) {
                Some((m, fresh)) => Span::styled(
                    m.sign(),
                    theme.change(m == crate::app::changes::Mark::Added, fresh),
                ),
                None => Span::raw(" "),
            });
            spans.push(Span::raw(" "));
        }
        // An item marked stricter than the briefing says so first.
        if let Some(m) = app.briefing.markings.get(item)
            && app.briefing.meta.marking.is_none_or(|d| *m > d)
        {
            spans.push(Span::styled(m.word(), theme.tlp(*m)));
            spans.push(Span::raw(" "));
        }
        spans.extend(row_spans(&app.briefing, *item, theme, date_width));
        // After the as-of date: dimmed, and marked `◌` (a column of its own
        // while as-of is on, so rows stay aligned) to read without colour.
        let later = app.is_later(*item);
        if app.as_of.is_some() {
            spans.insert(
                1,
                Span::styled(if later { "◌ " } else { "  " }, theme.dim()),
            );
        }
        if later {
            spans = spans
                .into_iter()
                .map(|sp| {
                    let st = sp.style.patch(theme.dim());
                    sp.style(st)
                })
                .collect();
        }
        let mut line = fit_spans(spans, w);
        if selected || related {
            line = line.patch_style(style);
            if selected {
                // Fill the row so the selection reads as a bar.
                let used = line.width();
                line.spans
                    .push(Span::raw(" ".repeat(w.saturating_sub(used))));
                line = line.patch_style(style);
            }
        }
        lines.push(line);
    }
    crate::ui::rows(frame, inner, &lines);
    offset
}

/// Rows visible inside a pane of this outer size.
pub fn inner_height(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}
