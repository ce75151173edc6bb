//! The reader's views: each one module with its state, its keys and its
//! drawing — the overview, the panes and the detail, a source's text and
//! the pictures (bases), and search, help and the errors, the Changes
//! view and the as-of prompt (overlays). This module draws a frame: the
//! header, the base, the status line, then the overlays in stack order.
//! Drawing returns where everything went, and the mouse reads that.

pub mod as_of;
pub mod changes;
pub mod keys;
pub mod layout;
pub mod overview;
pub mod page;
pub mod panes;
pub mod picture;
pub mod search;
pub mod source_text;
pub mod stack;

use crate::app::{Action, App, Base, Overlay, Pane};
use crate::input::keymap::{Ctx, key};
use crate::ui::text;
use crate::ui::theme::Theme;
use layout::Layout;
use ratatui::Frame;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::ui::{MIN_HEIGHT, MIN_WIDTH, hint_line};

/// Where a frame put things: the mouse reads it, and paging takes its
/// heights, so a click lands where the eye sees and nothing is laid out
/// twice.
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    pub layout: Layout,
    /// Each list pane drawn, with the first row it shows.
    pub lists: Vec<(Pane, Rect, usize)>,
    /// The screen lines of the detail or the overview that hold a link,
    /// with the link's index.
    pub links: Vec<(u16, usize)>,
}

impl Drawn {
    /// The reader's action for a mouse event where this frame put things:
    /// a click selects a row or follows the link on a line, the wheel
    /// scrolls what is under the pointer.
    pub fn mouse(&self, app: &App, kind: MouseEventKind, x: u16, y: u16) -> Option<Action> {
        let inside = |r: &Rect| x >= r.x && x < r.right() && y >= r.y && y < r.bottom();
        let wheel = match kind {
            MouseEventKind::ScrollDown => Some(true),
            MouseEventKind::ScrollUp => Some(false),
            _ => None,
        };
        let click = kind == MouseEventKind::Down(MouseButton::Left);
        if app.source_reader().is_some() {
            // The text covers the panes: the wheel scrolls it, clicks do nothing.
            return wheel.map(|down| Action::ScrollPane { pane: None, down });
        }
        if let Some((pane, rect, first)) = self.lists.iter().find(|(_, r, _)| inside(r)) {
            let pane = Some(pane.kind());
            if let Some(down) = wheel {
                return Some(Action::ScrollPane { pane, down });
            }
            let row = y.checked_sub(rect.y + 1)? as usize;
            let inner = panes::list::inner_height(*rect);
            return (click && row < inner).then_some(Action::Click {
                pane,
                row: first + row,
            });
        }
        let text = [self.layout.detail, self.layout.overview]
            .into_iter()
            .flatten()
            .find(inside)?;
        if let Some(down) = wheel {
            return Some(Action::ScrollPane { pane: None, down });
        }
        let within = x > text.x && x + 1 < text.right();
        self.links
            .iter()
            .find(|(line, _)| click && within && *line == y)
            .map(|(_, n)| Action::FollowLink(*n))
    }
}

impl App {
    /// Takes the sizes of the frame just drawn: the next keys page and
    /// scroll by what is on screen.
    pub fn measured(&mut self, d: &Drawn) {
        for (pane, rect, _) in &d.lists {
            self.heights[pane.index()] = panes::list::inner_height(*rect).max(1);
        }
        if let Some(r) = d.layout.detail.or(d.layout.overview) {
            self.detail_height = r.height.saturating_sub(2).max(1) as usize;
        }
        self.screen = d.layout.size;
    }
}

/// Draws the reader: the header, the base view, the status line, then the
/// overlays, the newest on top. Returns where it all went.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Drawn {
    let area = frame.area();
    let lay = Layout::compute(area, app);
    let mut drawn = Drawn::default();
    if lay.too_small {
        let msg = format!(
            "Window too small: {}×{}. brief needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\nEnlarge the window, or press {} to quit.",
            area.width,
            area.height,
            key(Ctx::Global, "quit")
        );
        frame.render_widget(
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center),
            area,
        );
        drawn.layout = lay;
        return drawn;
    }
    header(frame, app, theme, lay.header, &on_screen(app, &lay));
    if let Some(tabs) = lay.tabs {
        tab_bar(frame, app, theme, tabs);
    }
    match app.base() {
        Base::Source(r) => source_text::draw::render(frame, app, r, theme, lay.body),
        base => {
            if let (Some(rect), Base::Picture(p)) = (lay.picture, base) {
                picture::render(frame, app, p, theme, rect);
            }
            for (pane, rect) in &lay.panes {
                let first = panes::list::render(frame, app, theme, *pane, *rect);
                drawn.lists.push((*pane, *rect, first));
            }
            if let Some((_, last)) = lay.panes.last() {
                hidden_panes(frame, app, &lay.hidden, *last, theme);
            }
            if let Some(d) = lay.detail {
                drawn.links = panes::detail::render(frame, app, theme, d);
            }
            if let Some(o) = lay.overview {
                drawn.links = overview::draw::render(frame, app, theme, o);
            }
        }
    }
    status(frame, app, theme, lay.status);
    for o in app.overlays() {
        match o {
            Overlay::Changes(v) => changes::draw::render(frame, app, v, theme, lay.body),
            Overlay::Search => search::render(frame, app, theme, lay.body),
            Overlay::Help { .. } | Overlay::Errors { .. } | Overlay::Message { .. } => {
                page::render(frame, app, o, theme, lay.body)
            }
            // The prompt is on the status line.
            Overlay::AsOf(_) => {}
        }
    }
    drawn.layout = lay;
    drawn
}

/// Names the panes with no room in the column on its last border, with
/// their digit, so every pane can be found.
fn hidden_panes(frame: &mut Frame, app: &App, hidden: &[Pane], last: Rect, theme: &Theme) {
    let names: Vec<String> = hidden
        .iter()
        .map(|p| format!("{} {} ({})", p.index() + 1, p.title(), app.rows(*p).len()))
        .collect();
    if !names.is_empty() {
        let label = format!(" also {} ", names.join(", "));
        crate::ui::on_bottom_border(frame, last, &label, true, theme);
    }
}

/// The items the screen shows: the panes' visible rows, the selection (in
/// the detail), the open source; under the overview, what it links to.
fn on_screen(app: &App, lay: &Layout) -> Vec<crate::briefing::ItemRef> {
    let mut out: Vec<_> = app.selected().into_iter().collect();
    for (pane, rect) in &lay.panes {
        let rows = app.rows(*pane);
        let off = app.views[pane.index()].offset;
        let h = panes::list::inner_height(*rect);
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
        top.extend(as_of::prompt(t, theme));
    }
    if let Some(errs) = &app.reload_error {
        let n = errs.len();
        top.push(Span::styled(
            format!(
                "⚠ The last save has {n} error{} — showing the last good version ({}: show)  ",
                if n == 1 { "" } else { "s" },
                key(Ctx::Global, "errors")
            ),
            theme.error(),
        ));
    }
    if let Some(s) = &app.status {
        top.push(Span::styled(format!("{s}  "), theme.status()));
    }
    // How far the message reaches: past the line, it is cut.
    let said_to: usize = top.iter().map(|s| s.width()).sum();
    if let Some(a) = app.filter {
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
    // One line, always: a message cut to fit says which key shows it whole.
    if said_to > w + 2 && app.status.is_some() {
        let more = format!(" {} whole", key(Ctx::Global, "message"));
        let room = w.saturating_sub(more.chars().count());
        top = text::fit_spans(top, room).spans;
        top.push(Span::styled(more, theme.key()));
    }
    let lines = vec![
        text::fit_spans(top, w),
        hint_line(keys::hints(app), theme, w),
    ];
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines), area);
}
