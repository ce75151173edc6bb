//! Drawing a slide: banners, a big title, the page, the footer, and the
//! rehearsal notes strip. A pure function of the presenter's state.

use super::Presenter;
use super::deck::{SlideKind, fits_big};
use crate::briefing::Briefing;
use crate::input::keymap::{Ctx, key};
use crate::ui::panel::{centered, panel};
use crate::ui::text::{truncate, wrap_at_most, wrap_styled};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, LineGauge, Paragraph};
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

/// Where each part of a slide goes on a screen of a given size.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub top_banner: Rect,
    pub title: Rect,
    pub body: Rect,
    pub footer: Option<Rect>,
    pub notes: Option<Rect>,
    pub bottom_banner: Rect,
    pub big: bool,
}

impl Geometry {
    pub fn new(width: u16, height: u16, footer: bool, notes: bool) -> Geometry {
        let mx = (width / 12).max(2).min(width / 4);
        let inner_w = width.saturating_sub(2 * mx);
        let big = width >= 100 && height >= 28;
        let title_h: u16 = if big { 4 } else { 1 };
        let footer_h: u16 = if footer { 1 } else { 0 };
        let notes_h: u16 = if notes { (height / 4).clamp(4, 10) } else { 0 };
        // banner, gap, title, gap … body … footer, notes, banner
        let fixed = 1 + 1 + title_h + 1 + footer_h + notes_h + 1;
        let body_h = height.saturating_sub(fixed + 1).max(1);
        let mut y = 0;
        let top_banner = Rect::new(0, y, width, 1);
        y += 2;
        let title = Rect::new(mx, y, inner_w, title_h);
        y += title_h + 1;
        let body = Rect::new(mx, y, inner_w, body_h.min(height.saturating_sub(y)));
        let bottom_y = height.saturating_sub(1);
        let mut below = bottom_y;
        let notes_r = notes.then(|| {
            below = below.saturating_sub(notes_h);
            Rect::new(0, below, width, notes_h)
        });
        let footer_r = footer.then(|| {
            below = below.saturating_sub(1);
            Rect::new(mx, below, inner_w, 1)
        });
        Geometry {
            top_banner,
            title,
            body,
            footer: footer_r,
            notes: notes_r,
            bottom_banner: Rect::new(0, bottom_y, width, 1),
            big,
        }
    }
}

fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

fn banner(frame: &mut Frame, text: &Option<String>, theme: &Theme, area: Rect) {
    if let Some(c) = text {
        let line = Line::from(Span::styled(
            truncate(c, area.width as usize),
            theme.banner(),
        ));
        frame.render_widget(
            Paragraph::new(line)
                .alignment(Alignment::Center)
                .style(theme.banner()),
            area,
        );
    }
}

/// The title in big glyphs on as many lines as the area holds (four rows
/// each), or in plain bold when it does not fit or the font lacks a glyph.
fn big_or_plain(frame: &mut Frame, text: &str, big: bool, theme: &Theme, area: Rect, center: bool) {
    let max_lines = (area.height / 4) as usize;
    let drawable = super::deck::big_text(text);
    let big = big && drawable.is_some();
    let text_big = drawable.unwrap_or_default();
    let big_lines: Vec<String> = textwrap::wrap(&text_big, (area.width / 4).max(1) as usize)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if big
        && max_lines > 0
        && big_lines.len() <= max_lines
        && big_lines.iter().all(|l| fits_big(l, area.width as usize))
    {
        let y = area.y + (area.height - 4 * big_lines.len() as u16) / 2;
        let area = Rect::new(area.x, y, area.width, 4 * big_lines.len() as u16);
        super::big::draw(frame.buffer_mut(), area, &big_lines, theme.title(), center);
    } else {
        let lines = wrap_styled(text, &[], theme.title(), area.width as usize, "");
        // A slide's title sits on its body, so no empty band opens between
        // title and text; the title slide's stays in the middle.
        let spare = area.height.saturating_sub(lines.len() as u16);
        let y = area.y + if center { spare / 2 } else { spare };
        let r = Rect::new(
            area.x,
            y,
            area.width,
            area.height.saturating_sub(y - area.y),
        );
        let p = Paragraph::new(lines).alignment(if center {
            Alignment::Center
        } else {
            Alignment::Left
        });
        frame.render_widget(p, r);
    }
}

pub fn draw(frame: &mut Frame, p: &Presenter, b: &Briefing, theme: &Theme, elapsed: Duration) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    // Below this nothing of a slide fits: say so (clipped to what there is).
    if area.width < 20 || area.height < 6 {
        frame.render_widget(
            Paragraph::new("Window too small for slides")
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    if p.blank {
        frame.render_widget(Block::default().style(theme.blank()), area);
        return;
    }
    let g = Geometry::new(area.width, area.height, p.show_footer, p.show_notes);
    let Some(page) = p.page() else { return };
    // The strictest marking of what this page shows, beside the classification.
    let text = b.banner(page.items.iter().copied());
    banner(frame, &text, theme, g.top_banner);
    banner(frame, &text, theme, g.bottom_banner);
    let slide = &p.slides[page.slide];
    if slide.kind == SlideKind::Title {
        // The title slide centres the title and its lines in the body.
        let lines = slide.subtitle.len() as u16;
        let title_h = if g.big { 8 } else { 2 };
        let block_h = title_h + 1 + lines;
        let top = g.body.y + g.body.height.saturating_sub(block_h) / 2;
        let tr = Rect::new(g.body.x, top.saturating_sub(2), g.body.width, title_h + 2);
        big_or_plain(frame, &slide.title, g.big, theme, tr, true);
        let sub: Vec<Line> = slide
            .subtitle
            .iter()
            .map(|s| Line::from(Span::styled(s.clone(), theme.text())))
            .collect();
        let sr = Rect::new(
            g.body.x,
            top + title_h + 1,
            g.body.width,
            lines.min(area.height.saturating_sub(top + title_h + 1)),
        );
        frame.render_widget(Paragraph::new(sub).alignment(Alignment::Center), sr);
    } else {
        big_or_plain(frame, &page.title(&p.slides), g.big, theme, g.title, false);
        frame.render_widget(Paragraph::new(page.lines.clone()), g.body);
    }
    // A hidden footer still says a notice (a save that did not load, live
    // reload off), over the page's foot, until a key.
    let notice_row = || {
        p.notice.as_ref()?;
        Geometry::new(area.width, area.height, true, p.show_notes).footer
    };
    if let Some(f) = g.footer.or_else(notice_row) {
        footer(frame, p, theme, f, elapsed);
    }
    if let Some(n) = g.notes {
        notes_strip(frame, p, b, theme, n);
    }
    if p.index.is_some() {
        index(frame, p, theme, area);
    }
}

fn footer(frame: &mut Frame, p: &Presenter, theme: &Theme, area: Rect, elapsed: Duration) {
    let n = p.pages.len().max(1);
    let left = match (&p.notice, p.pending) {
        (_, Some(num)) => format!(
            "Go to slide {num} ({} or {})",
            key(Ctx::Present, "enter"),
            key(Ctx::Present, "last")
        ),
        (Some(note), None) => format!("{}/{}  {note}", p.current + 1, n),
        (None, None) => format!("{}/{}", p.current + 1, n),
    };
    // A notice cut short would hide why a save did not load: one too long
    // for the line is wrapped upwards over the page's last lines, until a key.
    if p.notice.is_some() && p.pending.is_none() && left.width() + 4 > area.width as usize {
        let lines = wrap_at_most(
            &left,
            theme.dim(),
            area.width as usize,
            area.y.min(3) as usize,
        );
        let h = lines.len() as u16;
        let r = Rect::new(area.x, area.y + 1 - h, area.width, h);
        frame.render_widget(Clear, r);
        frame.render_widget(Paragraph::new(lines), r);
        return;
    }
    // A notice takes the clock's room until the next key.
    let right = if p.show_clock && p.notice.is_none() {
        clock(elapsed)
    } else {
        String::new()
    };
    let rw = right.chars().count() as u16 + 2;
    let left = truncate(&left, area.width.saturating_sub(rw + 2) as usize);
    let lw = left.chars().count() as u16 + 2;
    frame.render_widget(
        Paragraph::new(Span::styled(left, theme.dim())),
        Rect::new(area.x, area.y, lw.min(area.width), 1),
    );
    if area.width > lw + rw + 4 {
        let gauge = LineGauge::default()
            .ratio((p.current + 1) as f64 / n as f64)
            .filled_style(theme.key())
            .unfilled_style(theme.dim())
            .label("");
        frame.render_widget(
            gauge,
            Rect::new(area.x + lw, area.y, area.width - lw - rw, 1),
        );
    }
    frame.render_widget(
        Paragraph::new(Span::styled(right, theme.dim())).alignment(Alignment::Right),
        Rect::new(
            area.x + area.width.saturating_sub(rw),
            area.y,
            rw.min(area.width),
            1,
        ),
    );
}

fn notes_strip(frame: &mut Frame, p: &Presenter, b: &Briefing, theme: &Theme, area: Rect) {
    let next = if p.current + 1 < p.pages.len() {
        p.title_of(p.current + 1)
    } else {
        "(last slide)".into()
    };
    let hide = key(Ctx::Present, "notes");
    let long = format!(" Speaker notes — only on this screen while rehearsing ({hide} hides) ");
    // Cut mid-word the title would read as a fault: a narrow screen gets the short one.
    let title = if long.width() + 2 <= area.width as usize {
        long
    } else {
        truncate(
            &format!(" Speaker notes ({hide} hides) "),
            area.width as usize,
        )
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.dim()))
        .title_bottom(Span::styled(
            format!(" Next: {} ", truncate(&next, area.width as usize / 2)),
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(notes_lines(p, b, theme, inner.width as usize, p.current)),
        inner,
    );
}

/// The notes of page `n` as wrapped lines, each item's name first.
pub fn notes_lines(
    p: &Presenter,
    b: &Briefing,
    theme: &Theme,
    width: usize,
    n: usize,
) -> Vec<Line<'static>> {
    let notes = p.notes(b, n);
    if notes.is_empty() {
        return vec![Line::from(Span::styled(
            "(no notes for this slide)",
            theme.dim(),
        ))];
    }
    let mut out = Vec::new();
    for (name, text) in notes {
        out.push(Line::from(Span::styled(name, theme.label())));
        for (bullet, s) in crate::print::text_paragraphs(b, text) {
            let indent = if bullet { "  • " } else { "  " };
            out.extend(wrap_styled(&s, &[], theme.text(), width, indent));
        }
    }
    out
}

fn index(frame: &mut Frame, p: &Presenter, theme: &Theme, area: Rect) {
    let rect = centered(
        area,
        area.width.saturating_sub(8).max(30),
        area.height.saturating_sub(4).max(5),
    );
    let inner = panel(
        frame,
        rect,
        format!(
            " Slides ({} goes, any other key closes) ",
            key(Ctx::Present, "enter")
        ),
        theme.border(true),
    );
    let sel = p.index.unwrap_or(0);
    let h = inner.height as usize;
    let start = sel.saturating_sub(h.saturating_sub(1));
    let lines: Vec<Line> = (start..p.pages.len().min(start + h))
        .map(|i| {
            let text = truncate(
                &format!("{:>3}  {}", i + 1, p.title_of(i)),
                inner.width as usize,
            );
            let style = if i == sel {
                theme.selected(true)
            } else if i == p.current {
                theme.key()
            } else {
                theme.text()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
