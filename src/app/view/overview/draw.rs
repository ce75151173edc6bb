//! The overview's drawing: the bottom line first, then key points, the
//! open issues by priority and what the briefing holds. The selected link
//! is drawn reversed wherever it stands, the second link of a paragraph
//! as much as the first.

use crate::app::App;
use crate::briefing::{ItemRef, Kind, Text};
use crate::input::keymap::{Ctx, key};
use crate::ui::text::wrap_styled;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The overview's lines at a width, each with the links it shows (for
/// scrolling and clicks).
pub struct Content {
    pub lines: Vec<Line<'static>>,
    pub links: Vec<Vec<usize>>,
}

impl Content {
    fn push(&mut self, l: Line<'static>, links: Vec<usize>) {
        self.lines.push(l);
        self.links.push(links);
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.push(Line::default(), Vec::new());
        }
    }

    /// The first line that shows link `n`.
    pub fn line_of(&self, n: usize) -> Option<usize> {
        self.links.iter().position(|l| l.contains(&n))
    }

    /// The last line that shows link `n`.
    fn last_line_of(&self, n: usize) -> Option<usize> {
        self.links.iter().rposition(|l| l.contains(&n))
    }
}

fn section(c: &mut Content, theme: &Theme, title: &str) {
    c.blank();
    c.push(
        Line::from(Span::styled(title.to_string(), theme.section())),
        Vec::new(),
    );
}

/// A text's blocks, links lit and the selected one reversed; each line
/// knows the links it shows.
fn text(c: &mut Content, app: &App, theme: &Theme, t: &Text, width: usize, bullet: bool) {
    let b = &app.briefing;
    for (n, block) in t.blocks.iter().enumerate() {
        if n > 0 && !block.bullet && !bullet {
            c.push(Line::default(), Vec::new());
        }
        let mut s = String::new();
        let mut styles = Vec::new();
        let mut spans = Vec::new();
        // Where each link to something after the as-of date starts.
        let mut later = Vec::new();
        for (piece, link) in b.inline_segments(&block.inlines) {
            let start = s.len();
            s.push_str(&piece);
            let Some(target) = link else { continue };
            if let (Some(a), Some(r)) = (&app.as_of, target)
                && b.after(r, a.cutoff)
            {
                later.push(start);
            }
            let k = target.and_then(|r| app.overview.number_of(r));
            let style = if k == Some(app.overview.cursor) {
                theme.selected(true)
            } else {
                theme.link()
            };
            styles.push((start..s.len(), style));
            if let Some(k) = k {
                spans.push((start..s.len(), k));
            }
        }
        // Seen as of a date, a sentence that names what came later is
        // marked and dimmed, as later items are in the lists.
        let marks = crate::briefing::model::sentences_holding(&s, &later);
        if !marks.is_empty() {
            let starts = crate::briefing::evidence::sentence_starts(&s);
            let shift = |at: usize| at + 4 * marks.iter().filter(|&&m| m <= at).count();
            let shift_end = |at: usize| at + 4 * marks.iter().filter(|&&m| m < at).count();
            for (r, _) in styles.iter_mut() {
                *r = shift(r.start)..shift_end(r.end);
            }
            for (r, _) in spans.iter_mut() {
                *r = shift(r.start)..shift_end(r.end);
            }
            for &m in &marks {
                let end = starts.iter().copied().find(|&st| st > m).unwrap_or(s.len());
                styles.push((shift(m) - 4..shift_end(end), theme.dim()));
            }
            s = crate::print::marked(&s, &marks);
        }
        let indent = if bullet || block.bullet { "  " } else { "" };
        let mut lines = wrap_styled(&s, &styles, theme.text(), width, indent);
        if (bullet || block.bullet)
            && let Some(first) = lines.first_mut()
        {
            first.spans[0] = Span::raw("• ");
        }
        // Which links each wrapped line shows: walk the text as wrapped.
        let mut at = 0;
        for l in lines {
            let shown: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            let body = shown.trim_start_matches("• ").trim_start();
            let from = s[at..].find(body.trim_end()).map_or(at, |i| at + i);
            let to = from + body.trim_end().len();
            at = to;
            let on: Vec<usize> = spans
                .iter()
                .filter(|(r, _)| r.start < to.max(from + 1) && r.end > from)
                .map(|(_, k)| *k)
                .collect();
            c.push(l, on);
        }
    }
}

pub fn content(app: &App, theme: &Theme, width: usize) -> Content {
    let b = &app.briefing;
    let m = &b.meta;
    let width = width.max(10);
    let mut c = Content {
        lines: Vec::new(),
        links: Vec::new(),
    };
    // The header above names the briefing; here the title again only when
    // the header had to cut it, and the subtitle in full.
    let header = m.title.width() + m.subtitle.as_ref().map_or(0, |s| s.width() + 3);
    if header > app.screen.0 as usize {
        for l in wrap_styled(&m.title, &[], theme.title(), width, "") {
            c.push(l, Vec::new());
        }
    }
    if let Some(s) = &m.subtitle {
        for l in wrap_styled(s, &[], theme.title(), width, "") {
            c.push(l, Vec::new());
        }
    }
    let mut facts = Vec::new();
    if let Some(d) = &m.as_of {
        facts.push(format!("As of {}", d.alone()));
    }
    if !m.authors.is_empty() {
        facts.push(format!("By {}", m.authors.join(", ")));
    }
    if let Some(cl) = &m.classification {
        facts.push(cl.to_string());
    }
    if !facts.is_empty() {
        for l in wrap_styled(&facts.join(" · "), &[], theme.dim(), width, "") {
            c.push(l, Vec::new());
        }
    }
    if !m.summary.is_empty() {
        section(&mut c, theme, "Bottom line");
        text(&mut c, app, theme, &m.summary, width, false);
    }
    if !m.key_points.is_empty() {
        section(&mut c, theme, "Key points");
        for k in &m.key_points {
            text(&mut c, app, theme, &k.text, width, true);
            if let Some(l) = k.likelihood {
                c.push(
                    Line::styled(format!("  likelihood: {}", l.as_str()), theme.dim()),
                    Vec::new(),
                );
            }
        }
    }
    let open = crate::app::view::overview::open_issues(b);
    if !open.is_empty() {
        section(&mut c, theme, "Open issues, by priority");
        for i in open {
            let r = ItemRef::new(Kind::Issue, i);
            let Some(n) = app.overview.number_of(r) else {
                continue;
            };
            let x = &b.issues[i];
            let style = if n == app.overview.cursor {
                theme.selected(true)
            } else {
                theme.link()
            };
            let mut spans = vec![
                Span::raw("• "),
                Span::styled(x.title.clone(), style),
                Span::styled(format!("  {}", x.status.as_str()), theme.dim()),
            ];
            if let Some(p) = x.priority {
                spans.push(Span::styled(
                    format!(", {} priority", p.as_str()),
                    theme.label(),
                ));
            }
            for l in crate::ui::text::wrap_spans(&spans, width, "  ") {
                c.push(l, vec![n]);
            }
        }
    }
    section(&mut c, theme, "In this briefing");
    let counts: Vec<String> = [
        (Kind::Actor, "actor"),
        (Kind::Position, "position"),
        (Kind::Event, "event"),
        (Kind::Issue, "issue"),
        (Kind::Source, "source"),
    ]
    .iter()
    .map(|(k, noun)| {
        let n = b.len(*k);
        format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
    })
    .collect();
    for l in wrap_styled(&counts.join(" · "), &[], theme.text(), width, "") {
        c.push(l, Vec::new());
    }
    for l in wrap_styled(
        &format!(
            "{} pick a link, {} follows it; 1–5 open the panes, {} comes back here, {} lists every key.",
            key(Ctx::Global, "down"),
            key(Ctx::Global, "open"),
            key(Ctx::Global, "overview"),
            key(Ctx::Global, "help")
        ),
        &[],
        theme.dim(),
        width,
        "",
    ) {
        c.push(l, Vec::new());
    }
    c
}

/// The first line to show so the selected link is in view.
pub fn scroll_for(app: &App, c: &Content, height: usize) -> usize {
    let h = height.max(1);
    let mut top = app.overview.scroll.min(c.lines.len().saturating_sub(h));
    if let Some(line) = c.line_of(app.overview.cursor) {
        let last = c.last_line_of(app.overview.cursor).unwrap_or(line);
        if line < top {
            top = line;
        } else if last >= top + h {
            top = (last + 1 - h).min(line);
        }
    }
    top
}

/// Draws the overview; returns the screen lines that hold a link, with
/// its index.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> Vec<(u16, usize)> {
    let inner = crate::ui::framed(frame, area, " 0 Overview ", theme.border(true));
    let width = inner.width as usize;
    let c = content(app, theme, width);
    let h = inner.height as usize;
    let top = scroll_for(app, &c, h);
    let end = (top + h).min(c.lines.len());
    crate::ui::rows(frame, inner, &c.lines[top..end]);
    crate::ui::more_below(frame, area, c.lines.len() - end, theme);
    // A click on a line follows the first link it shows.
    (top..end)
        .filter_map(|i| Some((inner.y + (i - top) as u16, *c.links[i].first()?)))
        .collect()
}
