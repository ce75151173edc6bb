//! Drawing the time axis: tick labels and a ruler for the zone it is in,
//! a row per lane of events, the undated strip and the legend. A view
//! holding more events than it can draw one by one becomes a count per
//! column: a frame costs the same for 8 events or 100,000.

use super::text::truncate;
use super::theme::Theme;
use crate::briefing::Briefing;
use crate::pictures::axis::{Axis, Dated, Scale, Shape, lanes, ticks};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub const LEGEND: &[&str] = &[
    "● day or time",
    "├─┤ month or year",
    "┣━┫ interval",
    "→ open end",
    "○ ┄ ┅ approximate or uncertain",
];

/// Past this many events in view, columns show counts instead.
const DRAWN: usize = 2000;
/// Columns kept free after an event for its title.
const LABEL: usize = 20;

/// The cell after a wide character: the character covers it.
const COVERED: char = '\0';

/// One row being drawn, a cell at a time.
struct Row(Vec<(char, Style)>);

impl Row {
    fn new(w: usize) -> Row {
        Row(vec![(' ', Style::new()); w])
    }
    /// Puts `ch` at column `c`: a wide character covers the next cell too
    /// (left out at the edge), and one it half-covers is blanked.
    fn put(&mut self, c: i64, ch: char, st: Style) {
        let n = self.0.len() as i64;
        let wide = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1) > 1;
        if c < 0 || c >= n || (wide && c + 1 >= n) {
            return;
        }
        let c = c as usize;
        if self.0[c].0 == COVERED && c > 0 {
            self.0[c - 1].0 = ' ';
        }
        let next = c + usize::from(wide);
        if next + 1 < self.0.len() && self.0[next + 1].0 == COVERED {
            self.0[next + 1].0 = ' ';
        }
        self.0[c] = (ch, st);
        if wide {
            self.0[c + 1] = (COVERED, st);
        }
    }
    fn text(&mut self, c: i64, s: &str, st: Style) {
        let mut x = c;
        for ch in s.chars() {
            self.put(x, ch, st);
            x += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1) as i64;
        }
    }
    fn free(&self, from: i64, n: usize) -> bool {
        (from.max(0) as usize..(from.max(0) as usize + n).min(self.0.len()))
            .all(|i| self.0[i].0 == ' ')
    }
    fn line(self) -> Line<'static> {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut cur = String::new();
        let mut st = Style::new();
        for (ch, s) in self.0 {
            if ch == COVERED {
                continue;
            }
            if s != st && !cur.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut cur), st));
            }
            st = s;
            cur.push(ch);
        }
        if !cur.is_empty() {
            spans.push(Span::styled(cur, st));
        }
        Line::from(spans)
    }
}

/// Draws `d` on `row`; returns the column after it.
fn shape(row: &mut Row, d: &Dated, s: Scale, st: Style) -> i64 {
    let w = s.width as i64;
    let c0 = s.col(d.start);
    let c1 = (s.col(d.end) - 1).max(c0);
    let (line, open, close) = match (d.shape, d.qualified) {
        (Shape::Span, false) => ('─', '├', '┤'),
        (Shape::Span, true) => ('┄', '├', '┤'),
        (_, false) => ('━', '┣', '┫'),
        (_, true) => ('┅', '┣', '┫'),
    };
    match d.shape {
        Shape::Mark => {
            row.put(c0, if d.qualified { '○' } else { '●' }, st);
            c0 + 1
        }
        Shape::Span | Shape::Bar if c1 == c0 => {
            row.put(c0, if d.qualified { '▯' } else { '▮' }, st);
            c0 + 1
        }
        Shape::Span | Shape::Bar => {
            // Only the columns on screen: zoomed in on a minute, a
            // millennium is billions of columns wide.
            for c in c0.max(0)..=c1.min(w - 1) {
                row.put(c, line, st);
            }
            row.put(c0, open, st);
            row.put(c1, close, st);
            c1 + 1
        }
        Shape::OpenEnd => {
            for c in c0.max(0)..w {
                row.put(c, line, st);
            }
            row.put(c0, open, st);
            row.put(w - 1, '→', st);
            w
        }
        Shape::OpenStart => {
            for c in 0..=c1.min(w - 1) {
                row.put(c, line, st);
            }
            row.put(0, '←', st);
            row.put(c1, close, st);
            c1 + 1
        }
    }
}

/// What the axis writes beside each event (its title) and in the
/// undated strip (`when: title`, in file order).
pub struct Words<'a> {
    pub title: &'a dyn Fn(usize) -> String,
    pub undated: &'a [String],
    /// The as-of instant: a line there, and what starts later dimmed.
    pub as_of: Option<i64>,
}

/// The undated events as the strip lists them.
pub fn undated(b: &Briefing, a: &Axis) -> Vec<String> {
    a.timeline
        .undated
        .iter()
        .map(|e| {
            let ev = &b.events[*e];
            match &ev.when {
                Some(wh) => format!("{wh}: {}", ev.title),
                None => ev.title.to_string(),
            }
        })
        .collect()
}

/// The axis as lines of `width`×`height`: what the view and the
/// Timeline slide draw.
pub fn lines(
    a: &Axis,
    words: &Words,
    width: usize,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let w = width.max(10);
    let tl = &a.timeline;
    let scale = Scale {
        from: a.from,
        to: a.to,
        width: w,
    };
    let mut out = Vec::new();
    // Tick labels, then the ruler.
    let (tks, unit) = ticks(scale, tl.offset, 12);
    let mut labels = Row::new(w);
    let mut ruler = Row::new(w);
    for c in 0..w as i64 {
        ruler.put(c, '─', theme.dim());
    }
    for (t, label) in &tks {
        let c = scale.col(*t);
        ruler.put(c, '┬', theme.dim());
        // A label that would run off the edge is left out, not cut.
        if labels.free(c - 1, label.width() + 2) && c + label.width() as i64 <= w as i64 {
            labels.text(c, label, theme.label());
        }
    }
    out.push(labels.line());
    out.push(ruler.line());
    let legend = super::legend(LEGEND, w, theme);
    let rows = height.saturating_sub(3 + legend.len()).max(1);
    let shown = tl.within(a.from, a.to);
    let selected = a.selected().copied();
    if shown.len() > DRAWN {
        // Too many to draw: a column chart of how many start in each column.
        let span = (a.to - a.from).max(1) as i128;
        let at = |c: usize| a.from + (span * c as i128 / w as i128) as i64;
        let counts: Vec<usize> = (0..w)
            .map(|c| {
                let lo = tl.dated.partition_point(|d| d.start < at(c));
                let hi = tl.dated.partition_point(|d| d.start < at(c + 1));
                hi - lo
            })
            .collect();
        let most = counts.iter().copied().max().unwrap_or(1).max(1);
        let mut grid: Vec<Row> = (0..rows).map(|_| Row::new(w)).collect();
        for (c, n) in counts.iter().enumerate() {
            let h = (n * rows).div_ceil(most);
            for r in 0..h.min(rows) {
                grid[rows - 1 - r].put(c as i64, '█', theme.dim());
            }
        }
        grid[0].text(
            0,
            &format!(
                " {} events here, up to {most} a column: + zooms in to see them one by one ",
                crate::ui::text::thousands(shown.len())
            ),
            theme.text(),
        );
        if let Some(d) = selected {
            let c = scale.col(d.start);
            for row in grid.iter_mut().skip(1) {
                row.put(c, '│', theme.selected(true));
            }
        }
        out.extend(grid.into_iter().map(Row::line));
    } else {
        let lane = lanes(shown, scale, LABEL);
        // A title may run on to the next event of its lane, not only LABEL.
        let mut next: Vec<Option<i64>> = vec![None; shown.len()];
        let mut last: Vec<Option<i64>> = Vec::new();
        for (n, (d, l)) in shown.iter().zip(&lane).enumerate().rev() {
            if last.len() <= *l {
                last.resize(*l + 1, None);
            }
            next[n] = last[*l];
            last[*l] = Some(scale.col(d.start));
        }
        let mut grid: Vec<Row> = (0..rows).map(|_| Row::new(w)).collect();
        // Events past the last row: a count where each would have been.
        let mut more: Vec<(i64, usize)> = Vec::new();
        for (n, (d, l)) in shown.iter().zip(&lane).enumerate() {
            let is_sel = selected.is_some_and(|s| s == *d);
            if *l >= rows.saturating_sub(1) && shown.len() > rows && !is_sel {
                let c = scale.col(d.start);
                match more.last_mut() {
                    Some((mc, n)) if (c - *mc).abs() < 4 => *n += 1,
                    _ => more.push((c, 1)),
                }
                continue;
            }
            let l = (*l).min(rows - 1);
            let later = words.as_of.is_some_and(|c| d.start >= c);
            let st = if is_sel {
                theme.selected(true)
            } else if d.qualified || later {
                theme.dim()
            } else {
                theme.label()
            };
            let end = shape(&mut grid[l], d, scale, st);
            let title = (words.title)(d.event);
            let title = &title;
            let to = next[n].map_or(w as i64, |c| c - 1).min(w as i64);
            let room = (to - end - 1).max(0) as usize;
            let text_st = if is_sel { st } else { theme.text() };
            // A span reaching the edge or its neighbour leaves no room
            // after it: its title goes on the span itself.
            let from = scale.col(d.start).max(0);
            let inside = (end.min(w as i64) - from - 3).max(0) as usize;
            if room > 3 {
                grid[l].text(end + 1, &truncate(title, room), text_st);
            } else if inside > 3 {
                let t = format!(" {} ", truncate(title, inside - 2));
                grid[l].text(from + 1, &t, text_st);
            }
        }
        if let Some(c) = words.as_of {
            let col = scale.col(c);
            for row in grid.iter_mut() {
                if row.free(col, 1) {
                    row.put(col, '┊', theme.key());
                }
            }
        }
        if let Some(last) = grid.last_mut() {
            for (c, n) in more {
                last.text(c, &format!("+{n}"), theme.dim());
            }
        }
        out.extend(grid.into_iter().map(Row::line));
    }
    // The undated strip, in file order, and the legend.
    let undated = if words.undated.is_empty() {
        format!("Axis in {} · {unit}", tl.zone)
    } else {
        format!(
            "Undated ({}, in file order): {} · axis in {}",
            words.undated.len(),
            words.undated.join(" · "),
            tl.zone
        )
    };
    out.push(Line::from(Span::styled(
        truncate(&undated, w),
        theme.text(),
    )));
    out.extend(legend);
    out
}

/// The axis in the reader; `as_of` dims what starts at or after it.
pub fn render(
    frame: &mut Frame,
    b: &Briefing,
    as_of: Option<i64>,
    a: &Axis,
    theme: &Theme,
    area: Rect,
) {
    let tl = &a.timeline;
    let outside = tl.outside(a.from, a.to);
    let more = if outside > 0 {
        format!(
            " · {outside} outside the view ({} fits all)",
            crate::input::keymap::key(crate::input::keymap::Ctx::Axis, "fit")
        )
    } else {
        String::new()
    };
    let title = format!(
        " Time axis · {} dated, {} undated · {}{more} ",
        crate::ui::text::thousands(tl.dated.len()),
        tl.undated.len(),
        tl.zone
    );
    let inner = super::framed(frame, area, &title, theme.border(true));
    if tl.dated.is_empty() {
        let msg =
            "No event has a `date`: nothing to place on the axis (the Timeline pane lists them)";
        super::nothing_to_draw(frame, inner, theme, msg);
        return;
    }
    let undated = undated(b, a);
    let title = |e: usize| b.events[e].title.to_string();
    let words = Words {
        title: &title,
        undated: &undated,
        as_of,
    };
    let l = lines(
        a,
        &words,
        inner.width as usize,
        inner.height as usize,
        theme,
    );
    frame.render_widget(Paragraph::new(l), inner);
}
