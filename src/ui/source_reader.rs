//! Drawing a source's text: numbered paragraphs, cited passages marked,
//! the exact quote lit, and the items citing each passage under it (one
//! column) or beside it (wide windows).

use super::text::{truncate, wrap_styled};
use super::theme::Theme;
use crate::app::App;
use crate::app::source_reader::SourceReader;
use crate::briefing::Briefing;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// At this width the citing items stand beside the text.
pub const SIDE_BY_SIDE: u16 = 110;
const GUTTER: usize = 5;

/// The reader's lines at a width: each row a text line and, side by side,
/// a line of the citing column; with the paragraph it belongs to.
pub struct Content {
    pub rows: Vec<(Line<'static>, Line<'static>)>,
    pub para_of: Vec<Option<usize>>,
}

fn fields(b: &Briefing, r: &SourceReader, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let s = &b.sources[r.source];
    let mut facts = Vec::new();
    if let Some(g) = s.grade() {
        facts.push(format!("graded {g}"));
    }
    for f in [&s.publisher, &s.author].into_iter().flatten() {
        facts.push(f.clone());
    }
    if let Some(d) = &s.date {
        facts.push(d.text.clone());
    }
    if let Some(t) = &s.text {
        facts.push(format!(
            "{} paragraphs, {} cited",
            t.len(),
            r.passages.len()
        ));
        if let Some(f) = &t.file {
            facts.push(f.clone());
        }
    }
    let mut out = wrap_styled(&s.title, &[], theme.title(), width, "");
    out.extend(wrap_styled(&facts.join(" · "), &[], theme.dim(), width, ""));
    if let Some(u) = &s.url {
        out.extend(wrap_styled(u, &[], theme.dim(), width, ""));
    }
    out.push(Line::default());
    out
}

fn citer_lines(
    app: &App,
    r: &SourceReader,
    passage: usize,
    theme: &Theme,
    width: usize,
    indent: &str,
) -> Vec<Line<'static>> {
    let b = &app.briefing;
    let p = &r.passages[passage];
    let current = passage == r.current;
    let mut out = Vec::new();
    for (n, (item, quote)) in p.citers.iter().enumerate() {
        let mut spans = vec![Span::raw(indent.to_string())];
        if current && n < 9 {
            spans.push(Span::styled(format!("{} ", n + 1), theme.key()));
        } else {
            spans.push(Span::styled("↳ ", theme.dim()));
        }
        spans.extend(
            super::detail::link_label(b, None, *item)
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), theme.link())),
        );
        spans.push(Span::styled(format!("  {}", item.kind.noun()), theme.dim()));
        if let Some(q) = quote {
            spans.push(Span::styled(
                format!("  “{}”", truncate(q, 60)),
                theme.text(),
            ));
        }
        let hang = " ".repeat(indent.len() + 4);
        out.extend(super::text::wrap_spans(&spans, width, &hang));
    }
    out
}

pub fn content(app: &App, r: &SourceReader, theme: &Theme, width: usize) -> Content {
    let b = &app.briefing;
    let side = width as u16 >= SIDE_BY_SIDE;
    let (left_w, right_w) = if side {
        let l = width * 3 / 5;
        (l, width - l - 2)
    } else {
        (width, 0)
    };
    let mut c = Content {
        rows: Vec::new(),
        para_of: Vec::new(),
    };
    for l in fields(b, r, theme, width) {
        c.rows.push((l, Line::default()));
        c.para_of.push(None);
    }
    let Some(t) = &b.sources[r.source].text else {
        for l in wrap_styled(
            "This source has no text here. Give it `file: name.txt` (a .txt, .md or .html file in the briefing's folder) or `text:` with its words, and brief shows it here, numbers its paragraphs and checks every quote and locator against it.",
            &[],
            theme.dim(),
            width,
            "",
        ) {
            c.rows.push((l, Line::default()));
            c.para_of.push(None);
        }
        return c;
    };
    let text_w = left_w.saturating_sub(GUTTER).max(10);
    let searching = r.query.to_lowercase();
    for (i, para) in t.paragraphs.iter().enumerate() {
        let passage = r.passages.iter().position(|p| p.para == i);
        let cited = passage.is_some();
        let current = passage == Some(r.current) && cited;
        let mut styles: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
        if let Some((mp, span)) = &r.mark
            && *mp == i
        {
            styles.push((
                span.clone(),
                theme.matched().add_modifier(Modifier::REVERSED),
            ));
        }
        if !searching.is_empty() && r.matches.contains(&i) {
            let lower = para.to_lowercase();
            if lower.len() == para.len() {
                let mut from = 0;
                while let Some(at) = lower[from..].find(&searching) {
                    let s = from + at;
                    styles.push((s..s + searching.len(), theme.matched()));
                    from = s + searching.len().max(1);
                }
            }
        }
        let base = if cited { theme.related() } else { theme.text() };
        let lines = wrap_styled(para, &styles, base, text_w, "");
        let right = match passage {
            Some(n) if side => citer_lines(app, r, n, theme, right_w, ""),
            _ => Vec::new(),
        };
        let rows = lines.len().max(right.len());
        for k in 0..rows {
            let mut left = vec![if k == 0 {
                let mark = if current {
                    "▶"
                } else if cited {
                    "▌"
                } else {
                    " "
                };
                Span::styled(
                    format!("{mark}{:>3} ", format!("¶{}", i + 1)),
                    if cited { theme.key() } else { theme.dim() },
                )
            } else {
                Span::styled(
                    if cited {
                        "▌    ".to_string()
                    } else {
                        " ".repeat(GUTTER)
                    },
                    theme.key(),
                )
            }];
            if let Some(l) = lines.get(k) {
                left.extend(l.spans.iter().cloned());
            }
            c.rows
                .push((Line::from(left), right.get(k).cloned().unwrap_or_default()));
            c.para_of.push(Some(i));
        }
        if let (Some(n), false) = (passage, side) {
            for l in citer_lines(app, r, n, theme, width, "     ") {
                c.rows.push((l, Line::default()));
                c.para_of.push(Some(i));
            }
        }
        c.rows.push((Line::default(), Line::default()));
        c.para_of.push(Some(i));
    }
    c
}

/// The first row to show: the focused paragraph near the top, moved by
/// j/k since.
pub fn scroll_for(r: &SourceReader, c: &Content, height: usize) -> usize {
    let start = c
        .para_of
        .iter()
        .position(|p| *p == Some(r.focus_para))
        .unwrap_or(0);
    // A little context above the focused paragraph.
    let base = start.saturating_sub(2) as isize;
    let max = c.rows.len().saturating_sub(height.max(1)) as isize;
    r.frame.set((base, max));
    (base + r.nudge).clamp(0, max.max(0)) as usize
}

pub fn render(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(r) = &app.source_reader else { return };
    let mut title = " Source text ".to_string();
    if r.typing {
        title = format!(" Search this text: {}█ ", r.query);
    } else if !r.matches.is_empty() {
        title = format!(
            " “{}”: match {} of {} ",
            r.query,
            r.match_cursor + 1,
            r.matches.len()
        );
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            truncate(&title, area.width.saturating_sub(2) as usize),
            theme.border(true),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let c = content(app, r, theme, width);
    let h = inner.height as usize;
    let top = scroll_for(r, &c, h);
    let side = inner.width >= SIDE_BY_SIDE;
    let left_w = if side { width * 3 / 5 } else { width };
    let lines: Vec<Line> = c
        .rows
        .iter()
        .skip(top)
        .take(h)
        .map(|(l, rt)| {
            if !side || rt.spans.is_empty() {
                return l.clone();
            }
            let pad = left_w.saturating_sub(l.width()) + 2;
            let mut spans = l.spans.clone();
            spans.push(Span::raw(" ".repeat(pad)));
            spans.extend(rt.spans.iter().cloned());
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
