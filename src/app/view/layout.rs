//! Where each part of the screen goes, for a size and a state. Drawing and
//! mouse hit-testing both use it, so a click lands where the eye sees.
//!
//! Wide windows stack the list panes in a left column, each as tall as its
//! rows need (the focused pane first), and give the detail the right. Narrow
//! windows show one pane and the detail below it, the list only as tall as
//! its rows.

use crate::app::{App, Pane};
use crate::ui::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::layout::{Constraint, Layout as RLayout, Rect};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The screen's size.
    pub size: (u16, u16),
    pub too_small: bool,
    pub header: Rect,
    pub tabs: Option<Rect>,
    pub body: Rect,
    pub panes: Vec<(Pane, Rect)>,
    pub detail: Option<Rect>,
    /// Where the overview shows, when it is open.
    pub overview: Option<Rect>,
    /// Where a picture (the stance matrix…) shows, when one is open.
    pub picture: Option<Rect>,
    /// List panes with no room of their own in the column (their digit
    /// still goes to them): named on the column's last border.
    pub hidden: Vec<Pane>,
    pub status: Rect,
}

/// At this size and above, the panes and the detail show at once.
pub const WIDE: (u16, u16) = (100, 30);
/// Rows a pane takes beyond its items: its two borders.
const FRAME: u16 = 2;

/// Heights for panes that want `need` rows each, in `total` rows: the
/// focused pane (`first`) gets what it needs up to half; the rest share
/// evenly, a small pane giving what it does not use to the others; rows
/// nobody needs go to the focused pane.
pub fn share(need: &[u16], total: u16, first: usize) -> Vec<u16> {
    let n = need.len();
    let mut out = vec![0u16; n];
    if n == 0 {
        return out;
    }
    let min = FRAME + 1;
    let others_min = min * (n as u16 - 1);
    let mut left = total;
    let cap = (total / 2)
        .max(min)
        .min(total.saturating_sub(others_min).max(min));
    out[first] = need[first].clamp(min, cap.max(min)).min(left);
    left -= out[first];
    let mut rest: Vec<usize> = (0..n).filter(|&i| i != first).collect();
    rest.sort_by_key(|&i| need[i]);
    let mut count = rest.len() as u16;
    for i in rest {
        let fair = left / count.max(1);
        out[i] = need[i].max(min).min(fair.max(min)).min(left);
        left -= out[i];
        count -= 1;
    }
    out[first] += left;
    out
}

impl Layout {
    pub fn compute(area: Rect, app: &App) -> Layout {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Layout {
                size: (area.width, area.height),
                too_small: true,
                ..Default::default()
            };
        }
        let b = &app.briefing;
        let header_h =
            if b.meta.classification.is_some() || b.meta.marking.is_some() || b.has_item_markings()
            {
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
            size: (area.width, area.height),
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
        // A picture takes the panes' place; the detail stays beside it (or
        // below, when the window is narrow).
        if app.picture().is_some() {
            let (a, d) = if wide {
                let [a, d] = RLayout::horizontal([Constraint::Percentage(62), Constraint::Min(1)])
                    .areas(body);
                (a, d)
            } else {
                let [a, d] =
                    RLayout::vertical([Constraint::Percentage(60), Constraint::Min(1)]).areas(body);
                (a, d)
            };
            lay.picture = Some(a);
            lay.detail = Some(d);
            return lay;
        }
        let need = |p: Pane| (app.rows(p).len().min(u16::MAX as usize / 2) as u16).max(1) + FRAME;
        if app.zoomed() || (!wide && app.overview_open()) {
            if app.overview_open() {
                lay.overview = Some(body);
            } else if app.detail_focused() {
                lay.detail = Some(body);
            } else {
                lay.panes.push((app.focus, body));
            }
            return lay;
        }
        if !wide {
            if body.height >= 10 {
                let list_h = need(app.focus).clamp(5, (body.height * 2 / 5).max(5));
                let [list, detail] =
                    RLayout::vertical([Constraint::Length(list_h), Constraint::Min(1)]).areas(body);
                lay.panes.push((app.focus, list));
                lay.detail = Some(detail);
            } else if app.detail_focused() {
                lay.detail = Some(body);
            } else {
                lay.panes.push((app.focus, body));
            }
            return lay;
        }
        // The overview is prose to read: it gets the wider side.
        let split = if app.overview_open() { 40 } else { 55 };
        let [column, right] = RLayout::horizontal([
            Constraint::Percentage(split),
            Constraint::Percentage(100 - split),
        ])
        .areas(body);
        if app.overview_open() {
            lay.overview = Some(right);
        } else {
            lay.detail = Some(right);
        }
        // Sources get their own place when the column is tall enough for
        // five panes; otherwise they take the Issues slot while in use.
        let five = column.height >= 5 * (FRAME + 4);
        let sources_here =
            app.focus == Pane::Sources || (app.focus != Pane::Issues && app.sources_of.is_some());
        let panes: Vec<Pane> = if five {
            Pane::ALL.to_vec()
        } else {
            let last = if sources_here {
                Pane::Sources
            } else {
                Pane::Issues
            };
            lay.hidden.push(if sources_here {
                Pane::Issues
            } else {
                Pane::Sources
            });
            vec![Pane::Actors, Pane::Positions, Pane::Timeline, last]
        };
        let needs: Vec<u16> = panes.iter().map(|p| need(*p)).collect();
        let first = panes.iter().position(|p| *p == app.focus).unwrap_or(0);
        let heights = share(&needs, column.height, first);
        let mut y = column.y;
        for (p, h) in panes.into_iter().zip(heights) {
            lay.panes.push((p, Rect::new(column.x, y, column.width, h)));
            y += h;
        }
        lay
    }
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn panes_take_what_they_need_and_share_the_rest() {
        // Everything fits: each gets its need, the spare goes to the focus.
        assert_eq!(share(&[5, 6, 4], 20, 0), vec![10, 6, 4]);
        // Too little room: the focus gets up to half, the others share.
        let h = share(&[12, 14, 9, 7], 36, 1);
        assert_eq!(h.iter().sum::<u16>(), 36);
        assert_eq!(h[1], 14);
        assert_eq!(h[3], 7);
        // Every pane keeps at least one row inside its borders.
        let h = share(&[100, 100, 100, 100, 100], 15, 2);
        assert!(h.iter().all(|&x| x >= 3), "{h:?}");
        assert_eq!(h.iter().sum::<u16>(), 15);
    }
}
