//! Views: pure functions from the app's state to a frame.

pub mod axis;
pub mod changes;
pub mod detail;
pub mod layout;
pub mod library;
pub mod list;
pub mod map;
pub mod matrix;
pub mod notes;
pub mod opening;
pub mod overlay;
pub mod overview;
pub mod panel;
pub mod search;
pub mod source_reader;
pub mod text;
pub mod theme;

use crate::app::{App, Overlay};
use crate::input::keymap::{Ctx, key};
use layout::Layout;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use theme::Theme;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let lay = Layout::compute(area, app);
    if lay.too_small {
        let msg = format!(
            "Window too small: {}×{}. brief needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\nEnlarge the window, or press q to quit.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center),
            area,
        );
        return;
    }
    header(frame, app, theme, lay.header, &on_screen(app, &lay));
    if let Some(tabs) = lay.tabs {
        tab_bar(frame, app, theme, tabs);
    }
    if app.source_reader().is_some() {
        source_reader::render(frame, app, theme, lay.body);
    } else {
        use crate::app::pictures::Picture;
        match (lay.picture, app.picture()) {
            (Some(rect), Some(Picture::Matrix(m))) => {
                matrix::render(frame, &app.briefing, m, theme, rect)
            }
            (Some(rect), Some(Picture::Axis(a))) => {
                let as_of = app.as_of.as_ref().map(|a| a.cutoff);
                axis::render(frame, &app.briefing, as_of, a, theme, rect)
            }
            (Some(rect), Some(Picture::Map(m))) => {
                let lit = |r| app.is_related(r);
                map::render(frame, &app.briefing, app.selected(), &lit, m, theme, rect)
            }
            _ => {}
        }
        for (pane, rect) in &lay.panes {
            list::render(frame, app, theme, *pane, *rect);
        }
        if let Some(d) = lay.detail {
            detail::render(frame, app, theme, d);
        }
        if let Some(o) = lay.overview {
            overview::render(frame, app, theme, o);
        }
    }
    status(frame, app, theme, lay.status);
    // The overlays, the newest on top.
    for o in app.overlays() {
        match o {
            Overlay::Changes(v) => changes::render(frame, app, v, theme, lay.body),
            Overlay::Help { scroll } => overlay::help(frame, theme, lay.body, *scroll),
            Overlay::Search => search::render(frame, app, theme, lay.body),
            Overlay::Errors { scroll } => {
                let diags = app.reload_error.as_deref().unwrap_or(&[]);
                overlay::errors(frame, diags, *scroll, theme, lay.body)
            }
            // The prompt is on the status line.
            Overlay::AsOf(_) => {}
        }
    }
}

/// A picture's legend, dimmed, its entries packed whole into the lines
/// of `width` they need.
pub fn legend(entries: &[&'static str], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let spans = entries
        .iter()
        .map(|e| Span::styled(*e, theme.dim()))
        .collect();
    text::pack(spans, width, "  ", 0)
}

/// A picture with nothing to draw says why, dimmed and wrapped.
pub fn nothing_to_draw(frame: &mut Frame, area: Rect, theme: &Theme, why: &str) {
    frame.render_widget(
        ratatui::widgets::Paragraph::new(ratatui::text::Span::styled(why, theme.dim()))
            .wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// A bordered pane with its title (cut to fit), drawn; returns its inside.
pub fn framed(frame: &mut Frame, area: Rect, title: &str, style: ratatui::style::Style) -> Rect {
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(style)
        .title(Span::styled(
            text::truncate(title, area.width.saturating_sub(2) as usize),
            style,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The items the screen shows: the panes' visible rows, the selection (in
/// the detail), the open source; under the overview, what it links to.
fn on_screen(app: &App, lay: &Layout) -> Vec<crate::briefing::ItemRef> {
    let mut out: Vec<_> = app.selected().into_iter().collect();
    for (pane, rect) in &lay.panes {
        let rows = app.rows(*pane);
        let off = app.views[pane.index()].offset;
        let h = list::inner_height(*rect);
        out.extend((off..(off + h).min(rows.len())).filter_map(|i| rows.get(i)));
    }
    if app.overview_open() {
        out.extend(app.overview.links.iter().copied());
    }
    if let Some(r) = app.source_reader() {
        out.push(crate::briefing::ItemRef::new(
            crate::briefing::Kind::Source,
            r.source,
        ));
    }
    out
}

fn header(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    shown: &[crate::briefing::ItemRef],
) {
    let m = &app.briefing.meta;
    let mut lines = Vec::new();
    let w = area.width as usize;
    if let Some(c) = app.briefing.banner(shown.iter().copied()) {
        let c = text::truncate(&c, w);
        let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(c.as_str()));
        let banner = format!("{}{}{}", " ".repeat(pad / 2), c, " ".repeat(pad - pad / 2));
        lines.push(Line::from(Span::styled(banner, theme.banner())));
    }
    let mut head = vec![Span::styled(m.title.clone(), theme.title())];
    if let Some(s) = &m.subtitle {
        head.push(Span::styled(format!(" — {s}"), theme.text()));
    }
    // What the screen is showing (as of, since, seen as of) outranks the
    // subtitle: when the line is short, the title's end is cut, then the
    // how-to after "seen as of", then the file's own as-of (the overview
    // has it).
    let tail = |level: usize| {
        let mut spans = Vec::new();
        if let Some(d) = m.as_of.as_ref().filter(|_| level < 2) {
            let when = d.short();
            spans.push(Span::styled(format!("  · as of {when}"), theme.dim()));
        }
        if let Some(c) = app.since_now() {
            spans.push(Span::styled(
                format!("  · Δ since {}", c.label),
                theme.change(false, false),
            ));
        }
        if let Some(a) = &app.as_of {
            let how = if level < 1 {
                &*format!(" (◌ later; {} clears)", key(Ctx::Global, "escape"))
            } else {
                ""
            };
            spans.push(Span::styled(
                format!("  · seen as of {}{how}", a.label),
                theme.key(),
            ));
        }
        spans
    };
    let width = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    let head_w = width(&head);
    let keep = w.min(24).min(head_w);
    let spans = (0..3)
        .map(tail)
        .find(|t| head_w + width(t) <= w || keep + width(t) <= w)
        .unwrap_or_else(|| tail(2));
    if head_w + width(&spans) > w {
        head = text::fit_spans(head, w.saturating_sub(width(&spans)).max(keep)).spans;
    }
    head.extend(spans);
    lines.push(text::fit_spans(head, w));
    frame.render_widget(Paragraph::new(lines), area);
}

fn tab_bar(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut tabs = vec![("0", "Overview", app.overview_open())];
    for p in crate::app::Pane::ALL {
        let digit = ["1", "2", "3", "4", "5"][p.index()];
        tabs.push((digit, p.title(), p == app.focus && !app.overview_open()));
    }
    let full: usize = tabs.iter().map(|(d, t, _)| d.len() + t.len() + 3).sum();
    // When the names do not all fit, only the current tab keeps its name.
    let short = full > area.width as usize;
    let spans: Vec<Span> = tabs
        .into_iter()
        .map(|(d, t, on)| {
            if on {
                Span::styled(format!(" {d} {t} "), theme.selected(true))
            } else if short {
                Span::styled(format!(" {d} "), theme.dim())
            } else {
                Span::styled(format!(" {d} {t} "), theme.dim())
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(text::fit_spans(spans, area.width as usize)),
        area,
    );
}

fn status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let w = area.width as usize;
    // What the last key did comes first, so it is never the part cut off.
    let mut top = Vec::new();
    if let Some(Overlay::AsOf(t)) = app.top() {
        top.push(Span::styled("As of: ", theme.key()));
        top.push(Span::raw(t.clone()));
        top.push(Span::styled("█", theme.dim()));
        top.push(Span::styled(
            format!(
                "  a date (2026-03, 2026-03-14…); {} on nothing takes the selected item's; {} cancels",
                key(Ctx::Global, "open"),
                key(Ctx::Global, "escape")
            ),
            theme.dim(),
        ));
    }
    if let Some(errs) = &app.reload_error {
        let n = errs.len();
        top.push(Span::styled(
            format!(
                "⚠ The last save has {n} error{} — showing the last good version (e: show)  ",
                if n == 1 { "" } else { "s" }
            ),
            theme.error(),
        ));
    }
    if let Some(s) = &app.status {
        top.push(Span::styled(format!("{s}  "), theme.status()));
    }
    if app.filter
        && let Some(a) = app.anchor()
    {
        top.push(Span::styled(
            format!("[filter: linked to {}]  ", app.briefing.name(a)),
            theme.label(),
        ));
    }
    if let Some(of) = app.sources_of {
        top.push(Span::styled(
            format!("[sources of {}]  ", app.briefing.name(of)),
            theme.label(),
        ));
    }
    let crumbs = app.breadcrumb();
    if crumbs.len() > 1 {
        let tail: Vec<String> = crumbs
            .iter()
            .rev()
            .take(4)
            .rev()
            .map(|c| text::truncate(c, 24))
            .collect();
        top.push(Span::styled("Jumps: ", theme.dim()));
        top.push(Span::raw(tail.join(" › ")));
    }
    let top_w: usize = top.iter().map(|s| s.width()).sum();
    // A message longer than the line takes the hints' line too: what the
    // last key did matters more than a reminder of the keys.
    let lines = if top_w > w && app.status.is_some() {
        let mut l = text::wrap_spans(&top, w, "");
        l.truncate(2);
        if let Some(last) = l.pop() {
            l.push(text::fit_spans(last.spans, w));
        }
        l
    } else {
        vec![
            text::fit_spans(top, w),
            hint_line(crate::app::keys::hints(app), theme, w),
        ]
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines), area);
}

/// As many `key help` hints as fit whole, in the keymap's order.
pub fn hint_line(hints: Vec<(String, &str)>, theme: &Theme, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, h) in hints {
        let piece = unicode_width::UnicodeWidthStr::width(k.as_str())
            + 1
            + unicode_width::UnicodeWidthStr::width(h);
        let gap = if used == 0 { 0 } else { 2 };
        if used + gap + piece > width {
            continue;
        }
        if gap > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(k, theme.key()));
        spans.push(Span::styled(format!(" {h}"), theme.dim()));
        used += gap + piece;
    }
    Line::from(spans)
}
