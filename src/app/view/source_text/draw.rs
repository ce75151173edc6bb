//! Drawing a source's text: numbered paragraphs, cited passages marked,
//! the exact quote lit, and the items citing each passage under it (one
//! column) or beside it (wide windows). Only the rows on screen are built.

use crate::app::App;
use crate::app::view::source_text::SourceReader;
use crate::briefing::Briefing;
use crate::ui::text::{truncate, wrap_styled};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// At this width the citing items stand beside the text.
pub const SIDE_BY_SIDE: u16 = 110;
const GUTTER: usize = 5;

fn fields(b: &Briefing, r: &SourceReader, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let s = &b.sources[r.source];
    let mut facts = Vec::new();
    if let Some(g) = s.grade() {
        facts.push(format!("graded {g}"));
    }
    for f in [&s.publisher, &s.author].into_iter().flatten() {
        facts.push(f.to_string());
    }
    if let Some(d) = &s.date {
        facts.push(d.alone());
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
            crate::app::view::panes::detail::link_label(b, None, *item)
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
        out.extend(crate::ui::text::wrap_spans(&spans, width, &hang));
    }
    out
}

/// A row: the text column and, side by side, the citing column.
type Row = (Line<'static>, Line<'static>);

/// The rows of one block: -1 is the source's fields (and, without a text,
/// how to add one); N is paragraph N (0-based) with its citing items.
fn block_rows(app: &App, r: &SourceReader, theme: &Theme, width: usize, block: isize) -> Vec<Row> {
    let b = &app.briefing;
    let side = width as u16 >= SIDE_BY_SIDE;
    let (left_w, right_w) = if side {
        let l = width * 3 / 5;
        (l, width - l - 2)
    } else {
        (width, 0)
    };
    let blank = || (Line::default(), Line::default());
    let Some(t) = &b.sources[r.source].text else {
        let mut rows: Vec<Row> = fields(b, r, theme, width)
            .into_iter()
            .map(|l| (l, Line::default()))
            .collect();
        rows.extend(
            wrap_styled(
                "This source has no text here. Give it `file: name.txt` (a .txt, .md or .html file in the briefing's folder) or `text:` with its words, and brief shows it here, numbers its paragraphs and checks every quote and locator against it.",
                &[],
                theme.dim(),
                width,
                "",
            )
            .into_iter()
            .map(|l| (l, Line::default())),
        );
        return rows;
    };
    if block < 0 {
        return fields(b, r, theme, width)
            .into_iter()
            .map(|l| (l, Line::default()))
            .collect();
    }
    let i = block as usize;
    let Some(para) = t.paragraphs.get(i) else {
        return Vec::new();
    };
    let text_w = left_w.saturating_sub(GUTTER).max(10);
    let searching = r.query.to_lowercase();
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
        // Byte offsets carry over only when lower-casing kept the lengths.
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
    let mut rows = Vec::new();
    for k in 0..lines.len().max(right.len()) {
        let gutter = if k == 0 {
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
        } else if cited {
            Span::styled("▌    ", theme.key())
        } else {
            Span::raw(" ".repeat(GUTTER))
        };
        let mut left = vec![gutter];
        if let Some(l) = lines.get(k) {
            left.extend(l.spans.iter().cloned());
        }
        rows.push((Line::from(left), right.get(k).cloned().unwrap_or_default()));
    }
    if let (Some(n), false) = (passage, side) {
        rows.extend(
            citer_lines(app, r, n, theme, width, "     ")
                .into_iter()
                .map(|l| (l, Line::default())),
        );
    }
    rows.push(blank());
    rows
}

/// The rows a frame of `height` shows, starting from the reader's view and
/// built for those rows only; the view is put back in range.
pub fn window(app: &App, r: &SourceReader, theme: &Theme, width: usize, height: usize) -> Vec<Row> {
    let last = app.briefing.sources[r.source]
        .text
        .as_ref()
        .map_or(-1, |t| t.len() as isize - 1);
    let rows_of = |b: isize| block_rows(app, r, theme, width, b);
    let (mut b, mut off) = r.view.get();
    b = b.clamp(-1, last);
    // Above the block: walk back; past its end: walk on.
    while off < 0 {
        if b == -1 {
            off = 0;
            break;
        }
        b -= 1;
        off += rows_of(b).len() as isize;
    }
    loop {
        let len = rows_of(b).len() as isize;
        if off < len || b == last {
            off = off.min((len - 1).max(0));
            break;
        }
        off -= len;
        b += 1;
    }
    let mut out: Vec<Row> = Vec::with_capacity(height);
    let (mut cb, mut co) = (b, off as usize);
    while out.len() < height && cb <= last {
        let rows = rows_of(cb);
        out.extend(rows.into_iter().skip(co));
        cb += 1;
        co = 0;
    }
    // At the end of the text: fill the screen from above instead.
    while out.len() < height && (b > -1 || off > 0) {
        if off > 0 {
            let rows = rows_of(b);
            out.insert(0, rows[off as usize - 1].clone());
            off -= 1;
        } else {
            b -= 1;
            off = rows_of(b).len() as isize;
        }
    }
    out.truncate(height);
    r.view.set((b, off));
    out
}

pub fn render(frame: &mut Frame, app: &App, r: &SourceReader, theme: &Theme, area: Rect) {
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
    let inner = crate::ui::framed(frame, area, &title, theme.border(true));
    let width = inner.width as usize;
    let rows = window(app, r, theme, width, inner.height as usize);
    let side = inner.width >= SIDE_BY_SIDE;
    let left_w = if side { width * 3 / 5 } else { width };
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(l, rt)| {
            if !side || rt.spans.is_empty() {
                return l;
            }
            let pad = left_w.saturating_sub(l.width()) + 2;
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.extend(rt.spans);
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
