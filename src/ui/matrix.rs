//! Drawing the stance matrix: issue titles across the top and actor names
//! down the side stay in view while the grid scrolls both ways; a cell is
//! the alignment's sign in its colour, then the confidence as a letter
//! (H, M, L) whose weight follows it, so it reads without colour too.

use super::text::{fit_spans, truncate};
use super::theme::Theme;
use crate::briefing::Briefing;
use crate::pictures::matrix::Matrix;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub const LEGEND: &[&str] = &[
    "+ support",
    "− oppose",
    "± mixed",
    "= neutral",
    "? unclear",
    "H/M/L confidence",
    "* several positions",
];

/// A cell: `+H`, `−M*`, or blank; styled by alignment and confidence.
pub fn cell(b: &Briefing, positions: &[usize], theme: &Theme) -> Span<'static> {
    let Some(&first) = positions.first() else {
        return Span::raw("");
    };
    let p = &b.positions[first];
    let conf = p.confidence.map_or("", |c| match c.as_str() {
        "high" => "H",
        "moderate" => "M",
        _ => "L",
    });
    let more = if positions.len() > 1 { "*" } else { "" };
    let text = format!("{}{conf}{more}", Theme::alignment_mark(p.alignment));
    let style = theme.alignment(p.alignment);
    let style = match p.confidence.map(|c| c.as_str()) {
        Some("high") => style.add_modifier(Modifier::BOLD),
        Some("low") => style.add_modifier(Modifier::DIM),
        _ => style,
    };
    Span::styled(text, style)
}

/// A title on up to `n` lines of `w` columns, whole words on each (a word
/// too long cut with `…`), the last line cut to fit.
pub fn title_lines(title: &str, w: usize, n: usize) -> Vec<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() && out.len() < n {
        if out.len() + 1 == n {
            out.push(truncate(&words[i..].join(" "), w));
            break;
        }
        let mut line = String::new();
        while let Some(word) = words.get(i) {
            if line.is_empty() && word.width() > w {
                line = truncate(word, w);
                i += 1;
                break;
            }
            let add = if line.is_empty() { 0 } else { line.width() + 1 } + word.width();
            if add > w {
                break;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            i += 1;
        }
        out.push(line);
    }
    out
}

/// A title on two lines of `w` columns: whole words on the first (a word
/// too long cut with `…`), the rest on the second, cut to fit.
pub fn two_lines(title: &str, w: usize) -> (String, String) {
    let mut first = String::new();
    let mut words = title.split_whitespace().peekable();
    while let Some(word) = words.peek() {
        let add = if first.is_empty() {
            word.width()
        } else {
            first.width() + 1 + word.width()
        };
        if add > w {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(word);
        words.next();
    }
    if first.is_empty() {
        first = truncate(words.next().unwrap_or(""), w);
    }
    let rest: Vec<&str> = words.collect();
    (first, truncate(&rest.join(" "), w))
}

/// `s` centred in `w` columns.
fn centre(s: Span<'static>, w: usize) -> Vec<Span<'static>> {
    let used = s.content.width().min(w);
    let left = (w - used) / 2;
    vec![
        Span::raw(" ".repeat(left)),
        s,
        Span::raw(" ".repeat(w - used - left)),
    ]
}

/// The first of `n` columns to show so that `cursor` (0-based) is in view
/// when `fit` columns fit.
pub fn first_shown(cursor: usize, n: usize, fit: usize) -> usize {
    let fit = fit.max(1);
    if n <= fit {
        0
    } else {
        cursor.saturating_sub(fit - 1).min(n - fit)
    }
}

pub fn render(frame: &mut Frame, b: &Briefing, m: &Matrix, theme: &Theme, area: Rect) {
    let g = &m.grid;
    let title = format!(
        " Who stands where · {} actors × {} issues · {} ",
        g.rows.len(),
        g.cols.len(),
        m.sort.label()
    );
    let inner = super::framed(frame, area, &title, theme.border(true));
    let w = inner.width as usize;
    let h = inner.height as usize;
    if g.rows.is_empty() || g.cols.is_empty() {
        let msg = if b.issues.is_empty() {
            "No issues: nothing to stand on".to_string()
        } else {
            use crate::input::keymap::{Ctx, key};
            format!(
                "No actors to show ({} shows actors with no position)",
                key(Ctx::Matrix, "hide-empty")
            )
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
        return;
    }
    let name_w = g
        .rows
        .iter()
        .map(|a| b.actors[*a].name.width())
        .max()
        .unwrap_or(8)
        .clamp(8, 24)
        .min(w / 3);
    let avail = w.saturating_sub(name_w + 1);
    let col_w = (avail / g.cols.len().max(1)).clamp(6, 16);
    let fit = (avail / col_w).max(1);
    let c0 = first_shown(m.col.saturating_sub(1), g.cols.len(), fit);
    let shown_cols = c0..(c0 + fit).min(g.cols.len());
    // The issues' titles on as many header lines as they need (up to six)
    // where the rows leave room, else two; then the rows, the legend.
    let legend = super::legend(LEGEND, w, theme);
    let need = shown_cols
        .clone()
        .map(|c| title_lines(&b.issues[g.cols[c]].title, col_w - 1, 6).len())
        .max()
        .unwrap_or(2);
    let spare = h.saturating_sub(legend.len() + g.rows.len());
    let head_n = need.min(spare).clamp(2, 6);
    let room = h.saturating_sub(head_n + legend.len());
    let r0 = first_shown(m.row.saturating_sub(1), g.rows.len(), room);
    let mark = |on: bool, spans: Vec<Span<'static>>| -> Vec<Span<'static>> {
        if on {
            spans
                .into_iter()
                .map(|s| {
                    let st = s.style.patch(theme.selected(true));
                    s.style(st)
                })
                .collect()
        } else {
            spans
        }
    };
    let mut lines = Vec::new();
    // Each issue's title on two lines of its column, the rest cut.
    let mut head = vec![vec![Span::raw(" ".repeat(name_w + 1))]; head_n];
    for c in shown_cols.clone() {
        let mut t = title_lines(&b.issues[g.cols[c]].title, col_w - 1, head_n);
        t.resize(head_n, String::new());
        for (n, t) in t.into_iter().enumerate() {
            let pad = col_w - t.width();
            head[n].extend(mark(
                m.row == 0 && m.col == c + 1,
                vec![Span::styled(t, theme.title()), Span::raw(" ".repeat(pad))],
            ));
        }
    }
    if shown_cols.end < g.cols.len() || c0 > 0 {
        head[0].push(Span::styled(
            format!(" {}–{} of {}", c0 + 1, shown_cols.end, g.cols.len()),
            theme.dim(),
        ));
    }
    for l in head {
        lines.push(fit_spans(l, w));
    }
    for r in r0..(r0 + room).min(g.rows.len()) {
        let a = g.rows[r];
        let name = truncate(&b.actors[a].name, name_w);
        let pad = name_w - name.width();
        let mut spans = mark(
            m.row == r + 1 && m.col == 0,
            vec![Span::styled(name, theme.text()), Span::raw(" ".repeat(pad))],
        );
        spans.push(Span::raw(" "));
        for c in shown_cols.clone() {
            let cellspans = centre(cell(b, g.at(r, c), theme), col_w);
            spans.extend(mark(m.row == r + 1 && m.col == c + 1, cellspans));
        }
        lines.push(fit_spans(spans, w));
    }
    while lines.len() < h.saturating_sub(legend.len()) {
        lines.push(Line::default());
    }
    lines.truncate(h.saturating_sub(legend.len()));
    lines.extend(legend);
    frame.render_widget(Paragraph::new(lines), inner);
}
