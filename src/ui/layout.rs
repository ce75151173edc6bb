//! Where each part of the screen goes, for a size and a state. Drawing and
//! mouse hit-testing both use it, so a click lands where the eye sees.

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Pane};
use ratatui::layout::{Constraint, Layout as RLayout, Rect};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub too_small: bool,
    pub header: Rect,
    pub tabs: Option<Rect>,
    pub body: Rect,
    pub panes: Vec<(Pane, Rect)>,
    pub detail: Option<Rect>,
    pub status: Rect,
}

/// At this size and above, four panes and the detail show at once.
pub const WIDE: (u16, u16) = (100, 30);
/// At this width Sources gets its own column.
pub const WIDEST: u16 = 160;

impl Layout {
    pub fn compute(area: Rect, app: &App) -> Layout {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Layout {
                too_small: true,
                ..Default::default()
            };
        }
        let header_h = if app.briefing.meta.classification.is_some() {
            2
        } else {
            1
        };
        let [header, rest, status] = RLayout::vertical([
            Constraint::Length(header_h),
            Constraint::Min(1),
            Constraint::Length(2),
        ])
        .areas(area);
        let mut lay = Layout {
            header,
            status,
            body: rest,
            ..Default::default()
        };
        let wide = area.width >= WIDE.0 && area.height >= WIDE.1;
        let body = if wide {
            rest
        } else {
            let [tabs, body] =
                RLayout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(rest);
            lay.tabs = Some(tabs);
            body
        };
        lay.body = body;
        if app.zoom {
            if app.detail_focused {
                lay.detail = Some(body);
            } else {
                lay.panes.push((app.focus, body));
            }
            return lay;
        }
        if !wide {
            if body.height >= 16 {
                let [list, detail] =
                    RLayout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                        .areas(body);
                lay.panes.push((app.focus, list));
                lay.detail = Some(detail);
            } else if app.detail_focused {
                lay.detail = Some(body);
            } else {
                lay.panes.push((app.focus, body));
            }
            return lay;
        }
        let sources_column = area.width >= WIDEST;
        let (grid, detail) = if sources_column {
            let [g, s, d] = RLayout::horizontal([
                Constraint::Percentage(50),
                Constraint::Percentage(18),
                Constraint::Percentage(32),
            ])
            .areas(body);
            lay.panes.push((Pane::Sources, s));
            (g, d)
        } else {
            let [g, d] =
                RLayout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                    .areas(body);
            (g, d)
        };
        lay.detail = Some(detail);
        let [top, bottom] =
            RLayout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(grid);
        let [a, p] = RLayout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(top);
        let [t, i] = RLayout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(bottom);
        let sources_here = !sources_column
            && (app.focus == Pane::Sources
                || (app.focus != Pane::Issues && app.sources_of.is_some()));
        lay.panes.push((Pane::Actors, a));
        lay.panes.push((Pane::Positions, p));
        lay.panes.push((Pane::Timeline, t));
        lay.panes.push((
            if sources_here {
                Pane::Sources
            } else {
                Pane::Issues
            },
            i,
        ));
        lay
    }

    /// The pane (or the detail, `Some(None)`) under a screen cell.
    pub fn hit(&self, x: u16, y: u16) -> Option<Option<(Pane, Rect)>> {
        let inside = |r: &Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
        if let Some((p, r)) = self.panes.iter().find(|(_, r)| inside(r)) {
            return Some(Some((*p, *r)));
        }
        if self.detail.as_ref().is_some_and(inside) {
            return Some(None);
        }
        None
    }
}
