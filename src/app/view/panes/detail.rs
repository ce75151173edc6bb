//! The detail pane: every field of the selected item, wrapped, then its
//! numbered links and citations.

use crate::app::App;
use crate::briefing::{Briefing, ItemRef, Kind, Text};
use crate::ui::text::{truncate, wrap_styled};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The detail for a width: the item's own lines, built in full (they are
/// few), then one row per link section and link, built only when visible,
/// so an item cited a thousand times costs no more to draw than one.
pub struct Content {
    pub lines: Vec<Line<'static>>,
    pub rows: Vec<Row>,
    /// The line of each numbered link.
    pub link_line: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Blank,
    Section(&'static str),
    /// Line `part` of link `n`, wrapped.
    Link(usize, usize),
}

/// Past this many links each link keeps to one line, so an item cited
/// everywhere costs no more per frame than one cited a few times.
const WRAP_LINKS_UP_TO: usize = 2000;

impl Content {
    pub(crate) fn len(&self) -> usize {
        self.lines.len() + self.rows.len()
    }

    /// The link shown on line `i`, if any.
    pub fn link_at(&self, i: usize) -> Option<usize> {
        match self.rows.get(i.checked_sub(self.lines.len())?) {
            Some(Row::Link(n, _)) => Some(*n),
            _ => None,
        }
    }

    /// Line `i`, built now.
    pub fn line(&self, i: usize, app: &App, theme: &Theme, width: usize) -> Line<'static> {
        if let Some(l) = self.lines.get(i) {
            return l.clone();
        }
        match self.rows.get(i - self.lines.len()) {
            Some(Row::Section(s)) => Line::from(Span::styled(s.to_string(), theme.section())),
            Some(Row::Link(n, part)) => {
                if app.links.len() > WRAP_LINKS_UP_TO {
                    link_line(app, theme, *n, width)
                } else {
                    link_lines(app, theme, *n, width)
                        .into_iter()
                        .nth(*part)
                        .unwrap_or_default()
                }
            }
            _ => Line::default(),
        }
    }
}

/// How a linked item reads in another item's detail: a position under an
/// issue leads with its actor and stance, under an actor with its issue
/// and stance; anything else by its name.
pub fn link_label(b: &Briefing, from: Option<ItemRef>, target: ItemRef) -> Vec<Span<'static>> {
    if target.kind == Kind::Position {
        let p = &b.positions[target.index];
        let who = match from.map(|f| f.kind) {
            Some(Kind::Issue) => b.actors[p.actor].name.to_string(),
            Some(Kind::Actor) => b.issues[p.issue].title.to_string(),
            _ => b.name(target),
        };
        return vec![
            Span::styled(
                format!("{} ", Theme::alignment_mark(p.alignment)),
                Theme::plain().alignment(p.alignment),
            ),
            Span::raw(format!("{who}: ")),
            Span::raw(p.stance.clone()),
        ];
    }
    vec![Span::raw(b.name(target))]
}

fn link_spans(app: &App, theme: &Theme, n: usize) -> (Vec<Span<'static>>, bool) {
    let b = &app.briefing;
    let l = &app.links[n];
    let selected = app.detail_focused() && n == app.link_cursor;
    // A link's number is drawn only where a digit follows it (the detail
    // focused); elsewhere digits reach the panes, whose titles number them.
    let number = if app.detail_focused() {
        format!("{:>2} ", n + 1)
    } else {
        "   ".to_string()
    };
    let mut spans = vec![
        // Only the selected link is marked: a blank drawn reversed would
        // read as a block before every other one.
        if selected {
            Span::styled("▶", theme.selected(true))
        } else {
            Span::raw(" ")
        },
        Span::styled(number, theme.key()),
    ];
    match &l.external {
        Some(e) => {
            spans.push(Span::styled(e.name.clone(), theme.link()));
            spans.push(Span::styled(
                format!("  {} in {}", e.kind.noun(), e.written),
                theme.dim(),
            ));
        }
        None => {
            let label = link_label(b, app.selected(), l.target);
            let is_position = l.target.kind == Kind::Position;
            for (i, sp) in label.into_iter().enumerate() {
                let style = if is_position && i == 0 {
                    theme.alignment(b.positions[l.target.index].alignment)
                } else {
                    theme.link()
                };
                spans.push(Span::styled(sp.content.into_owned(), style));
            }
            if !is_position {
                spans.push(Span::styled(
                    format!("  {}", l.target.kind.noun()),
                    theme.dim(),
                ));
            }
        }
    }
    if let Some(note) = &l.note {
        spans.push(Span::styled(format!("  {note}"), theme.text()));
    }
    (spans, selected)
}

fn link_line(app: &App, theme: &Theme, n: usize, width: usize) -> Line<'static> {
    let (spans, selected) = link_spans(app, theme, n);
    let line = crate::ui::text::fit_spans(spans, width);
    if selected {
        line.patch_style(theme.selected(true))
    } else {
        line
    }
}

/// A link's row wrapped to the width, so a citation's quote can be read.
fn link_lines(app: &App, theme: &Theme, n: usize, width: usize) -> Vec<Line<'static>> {
    let (spans, selected) = link_spans(app, theme, n);
    let lines = crate::ui::text::wrap_spans(&spans, width, "    ");
    if selected {
        lines
            .into_iter()
            .map(|l| l.patch_style(theme.selected(true)))
            .collect()
    } else {
        lines
    }
}

struct Builder<'a> {
    b: &'a Briefing,
    theme: &'a Theme,
    width: usize,
    c: Content,
}

impl Builder<'_> {
    fn push(&mut self, line: Line<'static>) {
        self.c.lines.push(line);
    }

    fn blank(&mut self) {
        if self.c.lines.last().is_some_and(|l| l.width() > 0) {
            self.push(Line::default());
        }
    }

    fn field(&mut self, label: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        let label_text = format!("{label}: ");
        let styles = [(0..label_text.len(), self.theme.label())];
        for l in wrap_styled(
            &format!("{label_text}{value}"),
            &styles,
            self.theme.text(),
            self.width,
            "",
        ) {
            self.push(l);
        }
    }

    /// What changed in this item since the revision compared with (or in
    /// the last save, while its marks last): each field as old → new, text
    /// word by word (struck out, then put in), then its links.
    fn changes(&mut self, app: &App, item: ItemRef) {
        use crate::app::changes::{Mark, shown};
        let Some((mark, fresh)) = app.mark(item) else {
            return;
        };
        let c = match (fresh, &app.saved) {
            (true, Some((c, _))) => c,
            _ => match app.since_now() {
                Some(c) => c,
                None => return,
            },
        };
        let t = self.theme;
        let what = match (mark, fresh) {
            (Mark::Added, true) => "New in the last save".to_string(),
            (Mark::Changed, true) => "Changed in the last save".to_string(),
            (Mark::Added, false) => format!("New since {}", c.label),
            (Mark::Changed, false) => format!("Changed since {}", c.label),
        };
        let head = format!("{} {what}", mark.sign());
        for l in wrap_styled(
            &head,
            &[],
            t.change(mark == Mark::Added, false),
            self.width,
            "",
        ) {
            self.push(l);
        }
        for (judgment, f) in c.fields_of(item) {
            let label = format!("{}: ", f.field);
            let mut s = label.clone();
            let mut styles = vec![(0..label.len(), t.label())];
            if judgment {
                s.push_str(&format!("{} → {}", shown(&f.old), shown(&f.new)));
            } else {
                for (run, words) in crate::diff::word_runs(&f.old, &f.new) {
                    let at = s.len();
                    // Line breaks in a text field read as spaces here; without
                    // colour the brackets of `brief diff` say which is which.
                    let words = words.replace('\n', " ");
                    match (run, t.color) {
                        (crate::diff::Run::Out, false) => s.push_str(&format!("[-{words}-]")),
                        (crate::diff::Run::In, false) => s.push_str(&format!("{{+{words}+}}")),
                        _ => s.push_str(&words),
                    }
                    match run {
                        crate::diff::Run::Out => styles.push((at..s.len(), t.removed_words())),
                        crate::diff::Run::In => styles.push((at..s.len(), t.added_words())),
                        crate::diff::Run::Kept => {}
                    }
                }
            }
            for l in wrap_styled(&s, &styles, t.text(), self.width, "  ") {
                self.push(l);
            }
        }
        if let Some(l) = c.links.get(&item).map(|n| &c.changes.links[*n]) {
            let mut parts: Vec<String> = l.added.iter().map(|a| format!("+ {a}")).collect();
            parts.extend(l.removed.iter().map(|r| format!("− {r}")));
            let s = format!("links: {}", parts.join(", "));
            for l in wrap_styled(&s, &[(0..6, t.label())], t.text(), self.width, "  ") {
                self.push(l);
            }
        }
        self.blank();
    }

    fn text(&mut self, label: Option<&str>, t: &Text) {
        if t.is_empty() {
            return;
        }
        if let Some(l) = label {
            self.push(Line::from(Span::styled(
                format!("{l}:"),
                self.theme.label(),
            )));
        }
        for (n, block) in t.blocks.iter().enumerate() {
            if n > 0 && !block.bullet {
                self.push(Line::default());
            }
            let mut s = String::new();
            let mut styles = Vec::new();
            for (piece, link) in self.b.inline_segments(&block.inlines) {
                let start = s.len();
                s.push_str(&piece);
                if link.is_some() {
                    styles.push((start..s.len(), self.theme.link()));
                }
            }
            let indent = if block.bullet { "  " } else { "" };
            let mut lines = wrap_styled(&s, &styles, self.theme.text(), self.width, indent);
            if block.bullet
                && let Some(first) = lines.first_mut()
            {
                first.spans[0] = Span::raw("• ");
            }
            for l in lines {
                self.push(l);
            }
        }
    }
}

pub fn content(app: &App, item: ItemRef, theme: &Theme, width: usize) -> Content {
    let b = &app.briefing;
    let mut d = Builder {
        b,
        theme,
        width: width.max(10),
        c: Content {
            lines: Vec::new(),
            rows: Vec::new(),
            link_line: Vec::new(),
        },
    };
    let mut first = vec![Span::styled(
        format!("{} · {}", item.kind.noun(), b.id(item)),
        theme.dim(),
    )];
    if let Some(m) = b.marking(item) {
        first.push(Span::raw("  "));
        first.push(Span::styled(format!(" {} ", m.label()), theme.tlp(m)));
    }
    d.push(crate::ui::text::fit_spans(first, d.width));
    for l in wrap_styled(&b.name(item), &[], theme.title(), d.width, "") {
        d.push(l);
    }
    d.changes(app, item);
    if let Some(a) = &app.as_of
        && matches!(item.kind, Kind::Event | Kind::Position)
    {
        if app.is_later(item) {
            d.field(
                "As of",
                &format!(
                    "after {}: dimmed, and left out of print and slides as of it",
                    a.label
                ),
            );
        } else if b.date_of(item).is_none() {
            d.field(
                "As of",
                &format!("undated: shown whatever the as-of date ({})", a.label),
            );
        }
    }
    let i = item.index;
    match item.kind {
        Kind::Actor => {
            let a = &b.actors[i];
            d.field("Kind", a.kind.as_deref().unwrap_or(""));
            d.field("Also", &a.aliases.join(", "));
            for r in &a.relations {
                let mut v = format!("{} {}", r.kind, b.actors[r.to].name);
                if let Some(s) = &r.since {
                    v.push_str(&format!(" (since {s})"));
                }
                if let Some(u) = &r.until {
                    v.push_str(&format!(" (until {u})"));
                }
                d.field("Relation", &v);
            }
            d.blank();
            d.text(None, &a.summary);
        }
        Kind::Issue => {
            let x = &b.issues[i];
            d.field("Question", x.question.as_deref().unwrap_or(""));
            let pri = x
                .priority
                .map(|p| format!(", {} priority", p.as_str()))
                .unwrap_or_default();
            d.field("Status", &format!("{}{pri}", x.status.as_str()));
            d.blank();
            d.text(None, &x.summary);
        }
        Kind::Position => {
            let p = &b.positions[i];
            d.field("Stance", &p.stance);
            d.field("Alignment", &p.judgment().join(", "));
            if let Some(q) = &p.quote {
                d.field("Quote", &format!("“{q}”"));
            }
            if let Some(s) = p.said_by {
                d.field("Said by", &b.actors[s].name);
            }
            if let Some(dt) = &p.date {
                d.field("Date", &dt.alone_in(b.timeline_utc));
            }
            d.blank();
            d.text(None, &p.detail);
            if !p.rationale.is_empty() {
                d.blank();
                d.text(Some("Why this sure"), &p.rationale);
            }
        }
        Kind::Event => {
            let e = &b.events[i];
            d.field("When", e.when.as_deref().unwrap_or(""));
            if let Some(dt) = &e.date {
                d.field("Date", &dt.alone_in(b.timeline_utc));
            }
            d.field("Where", e.location.as_deref().unwrap_or(""));
            d.blank();
            d.text(None, &e.summary);
        }
        Kind::Source => {
            let s = &b.sources[i];
            if let Some(g) = s.grade() {
                d.field("Grade", &g);
            }
            d.field("Publisher", s.publisher.as_deref().unwrap_or(""));
            d.field("Author", s.author.as_deref().unwrap_or(""));
            if let Some(dt) = &s.date {
                d.field("Date", &dt.alone_in(b.timeline_utc));
            }
            d.field("Kind", s.kind.as_deref().unwrap_or(""));
            d.field("URL", s.url.as_deref().unwrap_or(""));
            match &s.text {
                Some(t) => d.field(
                    "Text",
                    &format!(
                        "{}, {} paragraphs — {} in the Sources pane opens it",
                        t.file.as_deref().unwrap_or("given inline"),
                        t.len(),
                        crate::input::keymap::key(crate::input::keymap::Ctx::Global, "open")
                    ),
                ),
                None => d.field(
                    "Text",
                    "none — add `file:` or `text:` to check quotes against it",
                ),
            }
            d.blank();
            d.text(Some("Excerpt"), &s.excerpt);
        }
    }
    let withheld = b.withheld(item);
    if withheld > 0 {
        d.blank();
        d.field(
            "Withheld",
            &format!(
                "[withheld] {withheld} link{} to items this audience may not see",
                if withheld == 1 { "" } else { "s" }
            ),
        );
    }
    let notes = b.notes(item);
    if !notes.is_empty() {
        d.blank();
        d.text(Some("Speaker notes"), notes);
    }
    let mut section = "";
    let mut c = d.c;
    for (n, l) in app.links.iter().enumerate() {
        if l.section != section {
            section = l.section;
            let after_blank = c.rows.is_empty() && c.lines.last().is_none_or(|l| l.width() == 0);
            if !after_blank {
                c.rows.push(Row::Blank);
            }
            c.rows.push(Row::Section(section));
        }
        c.link_line.push(c.lines.len() + c.rows.len());
        let parts = if app.links.len() > WRAP_LINKS_UP_TO {
            1
        } else {
            link_lines(app, theme, n, width).len().max(1)
        };
        for part in 0..parts {
            c.rows.push(Row::Link(n, part));
        }
    }
    c
}

/// The first line to show so the selected link is in view.
pub fn scroll_for(app: &App, c: &Content, height: usize) -> usize {
    let mut top = app.detail_scroll.min(c.len().saturating_sub(height.max(1)));
    if app.detail_focused()
        && let Some(&line) = c.link_line.get(app.link_cursor)
    {
        if line < top {
            top = line;
        } else if line >= top + height {
            top = line + 1 - height;
        }
    }
    top
}

/// Draws the detail of the selection; returns the screen lines that
/// hold a link, with its index.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> Vec<(u16, usize)> {
    let title = match app.selected() {
        Some(item) => format!(
            " {} ",
            truncate(
                &app.briefing.name(item),
                area.width.saturating_sub(4) as usize
            )
        ),
        None => " Detail ".to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(app.detail_focused()))
        .title(Span::styled(title, theme.border(app.detail_focused())));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(item) = app.selected() else {
        frame.render_widget(
            Paragraph::new(Span::styled("Nothing selected", theme.dim())),
            inner,
        );
        return Vec::new();
    };
    let width = inner.width as usize;
    let c = content(app, item, theme, width);
    let top = scroll_for(app, &c, inner.height as usize);
    let end = (top + inner.height as usize).min(c.len());
    let lines: Vec<Line> = (top..end).map(|i| c.line(i, app, theme, width)).collect();
    frame.render_widget(Paragraph::new(lines).style(Style::new()), inner);
    crate::ui::more_below(frame, area, c.len() - end, theme);
    (top..end)
        .filter_map(|i| Some((inner.y + (i - top) as u16, c.link_at(i)?)))
        .collect()
}
