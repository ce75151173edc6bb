//! Where each part of the screen goes, for a size and a state. Drawing and
//! mouse hit-testing both use it, so a click lands where the eye sees.
//!
//! Wide windows stack the list panes in a left column, each as tall as its
//! rows need (the focused pane first), and give the detail the right. Narrow
//! windows show one pane and the detail below it, the list only as tall as
//! its rows.

use crate::app::{App, Pane};
use crate::ui::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::layout::Rect;

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

// The screen is cut in two, never more, by sizes known in advance: plain
// arithmetic, where ratatui's constraint solver took a tenth of the first
// frame (its cache helps only later frames). The test below holds the two
// to the same cuts.

/// `area` cut across after `top` rows (at most all of them).
fn across(area: Rect, top: u16) -> (Rect, Rect) {
    let top = top.min(area.height);
    (
        Rect {
            height: top,
            ..area
        },
        Rect {
            y: area.y + top,
            height: area.height - top,
            ..area
        },
    )
}

/// `area` cut down after `left` columns (at most all of them).
fn down(area: Rect, left: u16) -> (Rect, Rect) {
    let left = left.min(area.width);
    (
        Rect {
            width: left,
            ..area
        },
        Rect {
            x: area.x + left,
            width: area.width - left,
            ..area
        },
    )
}

/// `p` percent of `n`, rounded to the nearest.
fn percent(n: u16, p: u16) -> u16 {
    ((u32::from(n) * u32::from(p) + 50) / 100) as u16
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
        let (header, rest) = across(area, header_h);
        let (rest, status) = across(rest, rest.height.saturating_sub(2));
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
            let (tabs, body) = across(rest, 1);
            lay.tabs = Some(tabs);
            body
        };
        lay.body = body;
        // A picture takes the panes' place; the detail stays beside it (or
        // below, when the window is narrow).
        if app.picture().is_some() {
            let (a, d) = if wide {
                down(body, percent(body.width, 62))
            } else {
                across(body, percent(body.height, 60))
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
                let (list, detail) = across(body, list_h);
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
        let (column, right) = down(body, percent(body.width, split));
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

    #[test]
    fn the_cuts_are_the_ones_ratatuis_layout_makes() {
        use super::{MIN_HEIGHT, MIN_WIDTH, across, down, percent};
        use ratatui::layout::{Constraint as C, Layout as L, Rect};
        for w in MIN_WIDTH..=300 {
            for h in [MIN_HEIGHT, MIN_HEIGHT + 1, 29, 30, 31, 40, 57, 100] {
                let area = Rect::new(3, 2, w, h);
                for head in [1, 2] {
                    let [a, b, c] =
                        L::vertical([C::Length(head), C::Min(1), C::Length(2)]).areas(area);
                    let (x, rest) = across(area, head);
                    let (y, z) = across(rest, rest.height.saturating_sub(2));
                    assert_eq!((a, b, c), (x, y, z), "{w}×{h}");
                }
                let [a, b] = L::vertical([C::Length(1), C::Min(1)]).areas(area);
                assert_eq!((a, b), across(area, 1));
                for split in [40, 55] {
                    let [a, b] = L::horizontal([C::Percentage(split), C::Percentage(100 - split)])
                        .areas(area);
                    assert_eq!((a, b), down(area, percent(w, split)), "{w}×{h} at {split}%");
                }
                let [a, b] = L::horizontal([C::Percentage(62), C::Min(1)]).areas(area);
                assert_eq!((a, b), down(area, percent(w, 62)), "{w}×{h}");
                let [a, b] = L::vertical([C::Percentage(60), C::Min(1)]).areas(area);
                assert_eq!((a, b), across(area, percent(h, 60)), "{w}×{h}");
                for list in 5..=(h * 2 / 5).max(5) {
                    let [a, b] = L::vertical([C::Length(list), C::Min(1)]).areas(area);
                    assert_eq!((a, b), across(area, list), "{w}×{h}");
                }
            }
        }
    }
}
