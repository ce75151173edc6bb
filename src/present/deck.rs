//! Slides built from the briefing, and their pages at a given size: a slide
//! whose content does not fit continues on numbered pages ("Timeline 2/3"),
//! so nothing is ever cut.

use crate::briefing::{Briefing, ItemRef, Kind, Text};
use crate::ui::text::{fit_spans, wrap_styled};
use crate::ui::theme::Theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    Title,
    BottomLine,
    Issue(usize),
    Actors,
    Timeline,
    Sources,
    Item(ItemRef),
    /// What changed since an earlier version.
    Changes,
    /// Who stands where: the stance matrix.
    Matrix,
    /// Where: the map.
    Map,
}

/// An actor's row of the matrix: the actor, its name, and per issue the
/// cell and the position it shows.
type MatrixRow = (ItemRef, String, Vec<(Span<'static>, Option<ItemRef>)>);

/// One block of a slide's body; blocks are kept whole on a page when they fit.
#[derive(Debug, Clone)]
enum Block {
    Heading(String),
    /// Text with styled ranges; `bullet` indents and marks it.
    Para {
        text: String,
        styles: Vec<(std::ops::Range<usize>, Style)>,
        bullet: bool,
    },
    /// A table: column titles, relative widths, and rows of cells.
    Table {
        head: Vec<&'static str>,
        widths: Vec<u16>,
        rows: Vec<Vec<(String, Style)>>,
    },
    Gap,
    /// The stance matrix: issue titles, and per actor its name and a cell
    /// per issue (with the position it shows). Cut into column groups
    /// that fit the width, then row chunks that fit the height.
    Matrix {
        titles: Vec<String>,
        rows: Vec<MatrixRow>,
    },
    /// The map of the located items, with each marker's label.
    Map {
        view: Box<crate::pictures::map::MapView>,
        labels: rustc_hash::FxHashMap<ItemRef, String>,
    },
    /// The time axis, drawn on a page of its own when the slide is wide
    /// enough (the list follows); the events' titles and the undated strip.
    Axis {
        axis: Box<crate::pictures::axis::Axis>,
        titles: Vec<String>,
        undated: Vec<String>,
    },
}

#[derive(Debug, Clone)]
struct Part {
    block: Block,
    item: Option<ItemRef>,
}

#[derive(Debug, Clone)]
pub struct Slide {
    pub kind: SlideKind,
    pub title: String,
    /// Lines under the title on the title slide.
    pub subtitle: Vec<String>,
    parts: Vec<Part>,
    /// Items the slide is about even when none has a body line (notes).
    items: Vec<ItemRef>,
}

/// One screen: a slide, or one continuation of it.
#[derive(Debug, Clone)]
pub struct Page {
    pub slide: usize,
    pub part: usize,
    pub parts: usize,
    pub lines: Vec<Line<'static>>,
    pub items: Vec<ItemRef>,
}

impl Page {
    pub fn title(&self, slides: &[Slide]) -> String {
        let t = &slides[self.slide].title;
        if self.parts > 1 {
            format!("{t} {}/{}", self.part + 1, self.parts)
        } else {
            t.clone()
        }
    }
}

impl Slide {
    fn new(kind: SlideKind, title: impl Into<String>) -> Self {
        Slide {
            kind,
            title: title.into(),
            subtitle: Vec::new(),
            parts: Vec::new(),
            items: Vec::new(),
        }
    }
    fn push(&mut self, block: Block, item: Option<ItemRef>) {
        self.parts.push(Part { block, item });
    }
    fn para(&mut self, text: impl Into<String>, item: Option<ItemRef>) {
        self.push(
            Block::Para {
                text: text.into(),
                styles: Vec::new(),
                bullet: false,
            },
            item,
        );
    }
    fn labelled(&mut self, label: &str, value: &str, theme: &Theme, item: Option<ItemRef>) {
        if value.is_empty() {
            return;
        }
        let text = format!("{label}: {value}");
        self.push(
            Block::Para {
                text,
                styles: vec![(0..label.len() + 1, theme.label())],
                bullet: false,
            },
            item,
        );
    }
    fn bullet(&mut self, text: impl Into<String>, item: Option<ItemRef>) {
        self.push(
            Block::Para {
                text: text.into(),
                styles: Vec::new(),
                bullet: true,
            },
            item,
        );
    }
    fn text(&mut self, b: &Briefing, t: &Text, item: Option<ItemRef>) {
        for (n, (bullet, s)) in crate::print::text_paragraphs(b, t).into_iter().enumerate() {
            if n > 0 && !bullet {
                self.push(Block::Gap, None);
            }
            self.push(
                Block::Para {
                    text: s,
                    styles: Vec::new(),
                    bullet,
                },
                item,
            );
        }
    }
    fn heading(&mut self, s: &str) {
        self.push(Block::Gap, None);
        self.push(Block::Heading(s.to_string()), None);
    }

    /// A bulleted list of the events that involve `r`, in timeline order.
    fn events(&mut self, b: &Briefing, r: ItemRef, heading: &str) {
        let mut events: Vec<ItemRef> = b
            .backlinks(r)
            .iter()
            .filter(|bl| bl.from().kind == Kind::Event)
            .map(|bl| bl.from())
            .collect();
        if events.is_empty() {
            return;
        }
        events.sort();
        self.heading(heading);
        for e in events {
            let ev = &b.events[e.index];
            let date = ev.list_label(crate::briefing::date::Frame::Years, b.timeline_utc);
            self.bullet(format!("{date} — {}", ev.title), Some(e));
        }
    }
}

fn grade_of(b: &Briefing, item: ItemRef) -> String {
    let mut grades: Vec<_> = b
        .sources_of(item)
        .iter()
        .filter_map(|s| b.sources[*s].grade())
        .collect();
    grades.dedup();
    if grades.is_empty() {
        "—".into()
    } else {
        grades.join(" ")
    }
}

/// The stance, then a short quote and who said it: the row a room reads.
fn stance_cell(b: &Briefing, p: &crate::briefing::Position) -> String {
    let mut s = p.stance.to_string();
    if let Some(q) = &p.quote {
        // Short enough to read aloud: whole words up to about a line.
        let short = if q.chars().count() <= 120 {
            q.to_string()
        } else {
            let cut: String = q.chars().take(100).collect();
            let at = cut.rfind(' ').unwrap_or(cut.len());
            format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
        };
        s.push_str(&format!(" “{short}”"));
    }
    if let Some(a) = p.said_by {
        s.push_str(&format!(" — {}", b.actors[a].name));
    }
    s
}

/// The sources an item cites by name and grade, e.g. "Reuters B2".
fn sources_named(b: &Briefing, item: ItemRef) -> String {
    b.sources_of(item)
        .iter()
        .map(|&i| {
            let s = &b.sources[i];
            let name = crate::ui::text::truncate(s.publisher.as_deref().unwrap_or(&s.title), 40);
            match s.grade() {
                Some(g) => format!("{name} {g}"),
                None => name,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn issue_slide(b: &Briefing, i: usize, theme: &Theme) -> Slide {
    let x = &b.issues[i];
    let r = ItemRef::new(Kind::Issue, i);
    let mut s = Slide::new(SlideKind::Issue(i), x.title.clone());
    s.items.push(r);
    if let Some(q) = &x.question {
        s.push(
            Block::Para {
                text: q.to_string(),
                styles: vec![(0..q.len(), theme.title())],
                bullet: false,
            },
            Some(r),
        );
    }
    let pri = x
        .priority
        .map(|p| format!(" · {} priority", p.as_str()))
        .unwrap_or_default();
    s.para(format!("Status: {}{pri}", x.status.as_str()), Some(r));
    s.text(b, &x.summary, Some(r));
    let positions: Vec<ItemRef> = b
        .backlinks(r)
        .iter()
        .filter(|bl| bl.from().kind == Kind::Position)
        .map(|bl| bl.from())
        .collect();
    if !positions.is_empty() {
        s.push(Block::Gap, None);
        let mut rows = Vec::new();
        for p in &positions {
            let pos = &b.positions[p.index];
            let st = theme.alignment(pos.alignment);
            let mark = crate::ui::theme::Theme::alignment_mark(pos.alignment);
            rows.push(vec![
                (
                    format!("{mark} {}", b.actors[pos.actor].name),
                    st.add_modifier(Modifier::BOLD),
                ),
                (stance_cell(b, pos), theme.text()),
                (pos.alignment.map_or("—", |a| a.as_str()).to_string(), st),
                (
                    pos.confidence.map_or("—", |c| c.as_str()).to_string(),
                    theme.text(),
                ),
                (grade_of(b, *p), theme.label()),
            ]);
        }
        // One table per page, so each row is its own part and a table split
        // across pages repeats its header.
        for (row, p) in rows.into_iter().zip(positions) {
            s.push(
                Block::Table {
                    head: vec!["Actor", "Stance", "Alignment", "Confidence", "Source"],
                    widths: vec![22, 48, 11, 11, 8],
                    rows: vec![row],
                },
                Some(p),
            );
        }
    }
    s.events(b, r, "Related events");
    s
}

fn item_slide(b: &Briefing, r: ItemRef, theme: &Theme) -> Slide {
    if r.kind == Kind::Issue {
        return issue_slide(b, r.index, theme);
    }
    let mut s = Slide::new(SlideKind::Item(r), b.name(r));
    s.items.push(r);
    let it = Some(r);
    match r.kind {
        Kind::Actor => {
            let a = &b.actors[r.index];
            s.labelled("Kind", a.kind.as_deref().unwrap_or(""), theme, it);
            s.labelled("Also", &a.aliases.join(", "), theme, it);
            let parts: Vec<String> = a
                .part_of
                .iter()
                .map(|p| b.actors[*p].name.to_string())
                .collect();
            s.labelled("Part of", &parts.join(", "), theme, it);
            for rel in &a.relations {
                s.labelled(
                    "Relation",
                    &format!("{} {}", rel.kind, b.actors[rel.to].name),
                    theme,
                    it,
                );
            }
            s.text(b, &a.summary, it);
            let positions: Vec<ItemRef> = b
                .backlinks(r)
                .iter()
                .filter(|bl| {
                    bl.from().kind == Kind::Position
                        && b.positions[bl.from().index].actor == r.index
                })
                .map(|bl| bl.from())
                .collect();
            if !positions.is_empty() {
                s.heading("Positions");
                for p in positions {
                    let pos = &b.positions[p.index];
                    s.bullet(
                        format!("{}: {}", b.issues[pos.issue].title, pos.stance),
                        Some(p),
                    );
                }
            }
            s.events(b, r, "Events");
        }
        Kind::Position => {
            let p = &b.positions[r.index];
            s.labelled("Stance", &p.stance, theme, it);
            if let Some(q) = &p.quote {
                let by = p
                    .said_by
                    .map(|a| format!(" — {}", b.actors[a].name))
                    .unwrap_or_default();
                s.para(format!("“{q}”{by}"), it);
            }
            s.labelled("Alignment", &p.judgment().join(" · "), theme, it);
            s.text(b, &p.detail, it);
            s.labelled("Sources", &sources_named(b, r), theme, it);
        }
        Kind::Event => {
            let e = &b.events[r.index];
            let when = match (&e.when, &e.date) {
                (Some(w), Some(d)) => format!("{w} ({})", d.alone()),
                (None, Some(d)) => d.alone(),
                _ => e.when.as_deref().unwrap_or_default().to_string(),
            };
            s.labelled("When", &when, theme, it);
            s.labelled("Where", e.location.as_deref().unwrap_or(""), theme, it);
            s.text(b, &e.summary, it);
            let actors: Vec<String> = e
                .actors
                .iter()
                .map(|a| b.actors[*a].name.to_string())
                .collect();
            s.labelled("Actors", &actors.join(", "), theme, it);
            let issues: Vec<String> = e
                .issues
                .iter()
                .map(|i| b.issues[*i].title.to_string())
                .collect();
            s.labelled("Issues", &issues.join(", "), theme, it);
            s.labelled("Sources", &sources_named(b, r), theme, it);
        }
        Kind::Source => {
            let src = &b.sources[r.index];
            s.labelled("Grade", &src.grade().unwrap_or_default(), theme, it);
            s.labelled(
                "Publisher",
                src.publisher.as_deref().unwrap_or(""),
                theme,
                it,
            );
            s.labelled("Author", src.author.as_deref().unwrap_or(""), theme, it);
            s.labelled(
                "Date",
                &src.date.as_ref().map(|d| d.alone()).unwrap_or_default(),
                theme,
                it,
            );
            s.labelled("URL", src.url.as_deref().unwrap_or(""), theme, it);
            s.text(b, &src.excerpt, it);
            let citing: Vec<ItemRef> = b.backlinks(r).iter().map(|bl| bl.from()).collect();
            if !citing.is_empty() {
                s.heading("Cited by");
                for c in citing {
                    s.bullet(format!("{} ({})", b.name(c), c.kind.noun()), Some(c));
                }
            }
        }
        Kind::Issue => {}
    }
    s
}

/// A slide listing items one bullet each, the first `n` bytes of each row
/// styled; none when there is nothing to list.
fn listing(
    kind: SlideKind,
    title: &str,
    rows: impl Iterator<Item = (String, usize, Style, ItemRef)>,
) -> Option<Slide> {
    let mut s = Slide::new(kind, title);
    for (text, n, style, item) in rows {
        s.push(
            Block::Para {
                text,
                styles: vec![(0..n, style)],
                bullet: true,
            },
            Some(item),
        );
    }
    (!s.parts.is_empty()).then_some(s)
}

/// The slides for a briefing: title, bottom line, then the deck order when
/// the briefing gives one, otherwise issues (open first, by priority), the
/// actors, the timeline and the sources.
pub fn build(b: &Briefing, theme: &Theme) -> Vec<Slide> {
    build_at(b, theme, None)
}

/// [`build`] as of `cutoff`: events and positions from then on are left out
/// (undated ones stay).
pub fn build_at(b: &Briefing, theme: &Theme, cutoff: Option<i64>) -> Vec<Slide> {
    let later = |r: ItemRef| cutoff.is_some_and(|c| b.after(r, c));
    let mut slides = build_all(b, theme, cutoff);
    if cutoff.is_none() {
        return slides;
    }
    slides.retain(|s| !matches!(s.kind, SlideKind::Item(r) if later(r)));
    for s in &mut slides {
        s.parts.retain(|p| !p.item.is_some_and(later));
        s.items.retain(|r| !later(*r));
        for p in &mut s.parts {
            match &mut p.block {
                Block::Matrix { rows, .. } => {
                    for (_, _, cells) in rows.iter_mut() {
                        for (span, pos) in cells.iter_mut() {
                            if pos.is_some_and(later) {
                                *span = Span::raw("");
                                *pos = None;
                            }
                        }
                    }
                }
                Block::Axis { axis, .. } => {
                    let c = cutoff.unwrap_or(i64::MAX);
                    axis.timeline.dated.retain(|d| d.start < c);
                }
                _ => {}
            }
        }
    }
    slides
}

fn build_all(b: &Briefing, theme: &Theme, cutoff: Option<i64>) -> Vec<Slide> {
    let mut slides = Vec::new();
    let m = &b.meta;
    let mut title = Slide::new(SlideKind::Title, m.title.clone());
    title
        .subtitle
        .extend(m.subtitle.as_deref().map(String::from));
    if let Some(d) = &m.as_of {
        title.subtitle.push(format!(
            "As of {}",
            d.human_in(crate::briefing::date::Frame::Years, true)
        ));
    }
    if !m.authors.is_empty() {
        title.subtitle.push(format!("By {}", m.authors.join(", ")));
    }
    slides.push(title);
    if !m.summary.is_empty() || !m.key_points.is_empty() {
        let mut s = Slide::new(SlideKind::BottomLine, "Bottom line");
        // As of a date, a sentence naming what came later is marked ◌.
        for (n, (bullet, t)) in crate::print::text_as_of(b, &m.summary, cutoff)
            .into_iter()
            .enumerate()
        {
            if n > 0 && !bullet {
                s.push(Block::Gap, None);
            }
            if bullet {
                s.bullet(t, None);
            } else {
                s.para(t, None);
            }
        }
        if !m.key_points.is_empty() {
            s.push(Block::Gap, None);
        }
        for k in &m.key_points {
            let mut paras: Vec<String> = crate::print::text_as_of(b, &k.text, cutoff)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            if let Some(last) = paras.last_mut() {
                last.push_str(&k.likelihood_note());
            }
            for t in paras {
                s.bullet(t, None);
            }
        }
        slides.push(s);
    }
    slides.extend(matrix_slide(b, theme));
    slides.extend(map_slide(b));
    if !b.deck.is_empty() {
        for r in &b.deck {
            slides.push(item_slide(b, *r, theme));
        }
        return slides;
    }
    for i in b.issues_by_priority() {
        slides.push(issue_slide(b, i, theme));
    }
    let actors = b.actors.iter().enumerate().map(|(i, a)| {
        let kind = a
            .kind
            .as_deref()
            .map(|k| format!(" — {k}"))
            .unwrap_or_default();
        (
            format!("{}{kind}", a.name),
            a.name.len(),
            theme.title(),
            ItemRef::new(Kind::Actor, i),
        )
    });
    slides.extend(listing(SlideKind::Actors, "Actors", actors));
    let events = b.events.iter().enumerate().map(|(i, e)| {
        let date = e.list_label(crate::briefing::date::Frame::Years, b.timeline_utc);
        let n = date.len();
        (
            format!("{date} — {}", e.title),
            n,
            theme.label(),
            ItemRef::new(Kind::Event, i),
        )
    });
    if let Some(mut s) = listing(SlideKind::Timeline, "Timeline", events) {
        let mut axis = crate::pictures::axis::Axis::new(b);
        // Nothing is selected on a slide.
        axis.cursor = usize::MAX;
        if axis.timeline.dated.len() >= 2 {
            let undated = crate::ui::axis::undated(b, &axis);
            let titles = b.events.iter().map(|e| e.title.to_string()).collect();
            s.parts.insert(
                0,
                Part {
                    block: Block::Axis {
                        axis: Box::new(axis),
                        titles,
                        undated,
                    },
                    item: None,
                },
            );
        }
        slides.push(s);
    }
    let sources = b.sources.iter().enumerate().map(|(i, src)| {
        let grade = src.grade().unwrap_or_else(|| "--".into());
        let mut t = format!("{grade}  {}", src.title);
        for part in [&src.publisher, &src.author].into_iter().flatten() {
            t.push_str(&format!(", {part}"));
        }
        if let Some(d) = &src.date {
            t.push_str(&format!(", {d}"));
        }
        (t, grade.len(), theme.label(), ItemRef::new(Kind::Source, i))
    });
    slides.extend(listing(SlideKind::Sources, "Sources", sources));
    slides
}

/// Below this width a table reads better as a list: the first cell and the
/// short cells on one line, the long cell wrapped under it.
const TABLE_MIN_WIDTH: usize = 90;

fn render_rows_as_list(
    rows: &[Vec<(String, Style)>],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for row in rows {
        let mut spans = vec![Span::styled(row[0].0.clone(), row[0].1)];
        for (text, style) in row.iter().skip(2) {
            spans.push(Span::styled(" · ", theme.dim()));
            spans.push(Span::styled(text.clone(), *style));
        }
        out.push(fit_spans(spans, width));
        if let Some((text, style)) = row.get(1) {
            out.extend(wrap_styled(text, &[], *style, width, "    "));
        }
    }
    out
}

fn render_table(
    head: &[&str],
    widths: &[u16],
    rows: &[Vec<(String, Style)>],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if width < TABLE_MIN_WIDTH {
        return render_rows_as_list(rows, width, theme);
    }
    let total: u16 = widths.iter().sum();
    let gap = 2;
    let avail = width.saturating_sub(gap * (widths.len() - 1));
    let mut cols: Vec<usize> = widths
        .iter()
        .map(|w| (*w as usize * avail / total as usize).max(3))
        .collect();
    let used: usize = cols.iter().sum();
    if used < avail {
        cols[1] += avail - used;
    }
    let mut out = Vec::new();
    let header: Vec<Span> = head
        .iter()
        .zip(&cols)
        .map(|(h, w)| {
            Span::styled(
                format!("{:<w$}", crate::ui::text::truncate(h, *w)),
                theme.dim(),
            )
        })
        .flat_map(|s| [s, Span::raw(" ".repeat(gap))])
        .collect();
    out.push(fit_spans(header, width));
    for row in rows {
        let cells: Vec<Vec<Line>> = row
            .iter()
            .zip(&cols)
            .map(|((text, style), w)| wrap_styled(text, &[(0..text.len(), *style)], *style, *w, ""))
            .collect();
        let height = cells.iter().map(|c| c.len()).max().unwrap_or(1);
        for l in 0..height {
            let mut spans = Vec::new();
            for (n, (c, w)) in cells.iter().zip(&cols).enumerate() {
                let line = c.get(l).cloned().unwrap_or_default();
                let pad = w.saturating_sub(line.width());
                spans.extend(line.spans);
                if n + 1 < cols.len() {
                    spans.push(Span::raw(" ".repeat(pad + gap)));
                }
            }
            out.push(fit_spans(spans, width));
        }
    }
    out
}

fn render_part(part: &Part, width: usize, theme: &Theme, with_header: bool) -> Vec<Line<'static>> {
    match &part.block {
        // Paged by itself (`matrix_pages`).
        Block::Gap | Block::Matrix { .. } | Block::Axis { .. } | Block::Map { .. } => {
            vec![Line::default()]
        }
        Block::Heading(h) => vec![Line::from(Span::styled(h.clone(), theme.section()))],
        Block::Para {
            text,
            styles,
            bullet,
        } => {
            let indent = if *bullet { "  " } else { "" };
            let mut lines = wrap_styled(text, styles, theme.text(), width, indent);
            if *bullet && let Some(first) = lines.first_mut() {
                first.spans[0] = Span::styled("• ", theme.dim());
            }
            lines
        }
        Block::Table { head, widths, rows } => {
            let mut lines = render_table(head, widths, rows, width, theme);
            if !with_header && width >= TABLE_MIN_WIDTH {
                lines.remove(0);
            }
            lines
        }
    }
}

/// "What changed": changed judgments first (old → new), then new items,
/// removed ones, changed links and text, and the briefing's own fields;
/// none when nothing changed. `label` names the earlier version.
pub fn changes_slide(
    b: &Briefing,
    c: &crate::diff::Changes,
    label: &str,
    theme: &Theme,
) -> Option<Slide> {
    if c.is_empty() {
        return None;
    }
    let mut s = Slide::new(SlideKind::Changes, "What changed");
    let find = |kind: &str, id: &str| b.lookup(id).filter(|r| r.kind.noun() == kind);
    let none = |v: &str| {
        if v.is_empty() {
            "(none)".to_string()
        } else {
            v.to_string()
        }
    };
    s.para(format!("Since {label}"), None);
    if !c.judgments.is_empty() {
        s.heading("Judgments");
        for f in &c.judgments {
            let name = f.item.name.as_str();
            s.push(
                Block::Para {
                    text: format!("{name}: {} {} → {}", f.field, none(&f.old), none(&f.new)),
                    styles: vec![(0..name.len() + 1, theme.title())],
                    bullet: true,
                },
                find(f.item.kind, &f.item.id),
            );
        }
    }
    if !c.added.is_empty() {
        s.heading("New");
        for a in &c.added {
            s.bullet(format!("{} ({})", a.name, a.kind), find(a.kind, &a.id));
        }
    }
    if !c.removed.is_empty() {
        s.heading("Removed");
        for r in &c.removed {
            let renamed = r
                .renamed_to
                .as_ref()
                .map(|to| format!(", now `{to}`"))
                .unwrap_or_default();
            s.bullet(format!("{} ({}{renamed})", r.item.name, r.item.kind), None);
        }
    }
    let mut text: Vec<(&crate::diff::Item, Vec<&str>)> = Vec::new();
    for f in &c.text {
        match text.last_mut() {
            Some((i, fields)) if **i == f.item => fields.push(f.field),
            _ => text.push((&f.item, vec![f.field])),
        }
    }
    let linked: Vec<&crate::diff::Links> = c.links.iter().collect();
    if !text.is_empty() || !linked.is_empty() {
        s.heading("Reworded or relinked");
        for (i, fields) in text {
            s.bullet(
                format!("{}: {}", i.name, fields.join(", ")),
                find(i.kind, &i.id),
            );
        }
        for l in linked {
            s.bullet(
                format!(
                    "{}: links +{} −{}",
                    l.item.name,
                    l.added.len(),
                    l.removed.len()
                ),
                find(l.item.kind, &l.item.id),
            );
        }
    }
    if !c.briefing.is_empty() {
        s.heading("The briefing");
        let fields: Vec<&str> = c.briefing.iter().map(|f| f.field).collect();
        s.bullet(fields.join(", "), None);
    }
    Some(s)
}

/// "Who stands where", when at least two actors have positions.
fn matrix_slide(b: &Briefing, theme: &Theme) -> Option<Slide> {
    let g = crate::pictures::matrix::Grid::build(b, crate::pictures::matrix::Sort::File, true);
    if g.rows.len() < 2 || g.cols.is_empty() {
        return None;
    }
    let titles = g
        .cols
        .iter()
        .map(|i| b.issues[*i].title.to_string())
        .collect();
    let rows = g
        .rows
        .iter()
        .enumerate()
        .map(|(r, a)| {
            let cells = (0..g.cols.len())
                .map(|c| {
                    let ps = g.at(r, c);
                    (
                        crate::ui::matrix::cell(b, ps, theme),
                        ps.first().map(|p| ItemRef::new(Kind::Position, *p)),
                    )
                })
                .collect();
            (
                ItemRef::new(Kind::Actor, *a),
                b.actors[*a].name.to_string(),
                cells,
            )
        })
        .collect();
    let mut s = Slide::new(SlideKind::Matrix, "Who stands where");
    s.push(Block::Matrix { titles, rows }, None);
    Some(s)
}

/// "Where", when at least two items have coordinates: the map, then the
/// located items listed with their places.
fn map_slide(b: &Briefing) -> Option<Slide> {
    let view = crate::pictures::map::MapView::new(b);
    if view.located.len() < 2 {
        return None;
    }
    let labels = view
        .located
        .iter()
        .map(|l| (l.item, crate::ui::map::label(b, l.item)))
        .collect();
    let mut s = Slide::new(SlideKind::Map, "Where");
    let rows: Vec<(String, ItemRef)> = view
        .located
        .iter()
        .map(|l| {
            (
                format!("{} — {}", crate::ui::map::label(b, l.item), b.name(l.item)),
                l.item,
            )
        })
        .collect();
    s.push(
        Block::Map {
            view: Box::new(view),
            labels,
        },
        None,
    );
    for (text, r) in rows {
        s.bullet(text, Some(r));
    }
    Some(s)
}

/// The matrix's pages at this size: every row of the first columns that
/// fit, then of the next, each page with the titles and the legend.
fn matrix_pages(
    titles: &[String],
    rows: &[MatrixRow],
    width: usize,
    height: usize,
    theme: &Theme,
) -> Vec<(Vec<Line<'static>>, Vec<ItemRef>)> {
    use crate::ui::text::truncate;
    let name_w = rows
        .iter()
        .map(|r| r.1.width())
        .max()
        .unwrap_or(8)
        .clamp(8, 28)
        .min(width / 3);
    let avail = width.saturating_sub(name_w + 1);
    let col_w = (avail / titles.len().max(1)).clamp(8, 18);
    let fit = (avail / col_w).max(1);
    let legend = crate::ui::legend(crate::ui::matrix::LEGEND, width, theme);
    let per_page = height.saturating_sub(2 + legend.len()).max(1);
    let mut out = Vec::new();
    for c0 in (0..titles.len()).step_by(fit) {
        let cols = c0..(c0 + fit).min(titles.len());
        for chunk in rows.chunks(per_page) {
            let mut lines = Vec::new();
            let mut head = [
                vec![Span::raw(" ".repeat(name_w + 1))],
                vec![Span::raw(" ".repeat(name_w + 1))],
            ];
            for c in cols.clone() {
                let (a, b) = crate::ui::matrix::two_lines(&titles[c], col_w - 1);
                for (n, t) in [a, b].into_iter().enumerate() {
                    let pad = col_w - t.width();
                    head[n].push(Span::styled(t, theme.title()));
                    head[n].push(Span::raw(" ".repeat(pad)));
                }
            }
            lines.extend(head.into_iter().map(Line::from));
            let mut items = Vec::new();
            for (actor, name, cells) in chunk {
                items.push(*actor);
                let name = truncate(name, name_w);
                let mut spans = vec![Span::raw(format!("{name:<name_w$} "))];
                for (span, pos) in &cells[cols.clone()] {
                    let used = span.content.width().min(col_w);
                    let left = (col_w - used) / 2;
                    spans.push(Span::raw(" ".repeat(left)));
                    spans.push(span.clone());
                    spans.push(Span::raw(" ".repeat(col_w - used - left)));
                    items.extend(*pos);
                }
                lines.push(Line::from(spans));
            }
            lines.extend(legend.iter().cloned());
            out.push((lines, items));
        }
    }
    out
}

/// The pages of every slide for a body of `width`×`height` cells.
pub fn paginate(slides: &[Slide], width: usize, height: usize, theme: &Theme) -> Vec<Page> {
    let height = height.max(1);
    let mut pages = Vec::new();
    for (si, slide) in slides.iter().enumerate() {
        let chunks = match slide.parts.first() {
            Some(Part {
                block: Block::Matrix { titles, rows },
                ..
            }) => matrix_pages(titles, rows, width, height, theme),
            _ => slide_chunks(slide, width, height, theme),
        };
        let n = chunks.len();
        for (part, (lines, items)) in chunks.into_iter().enumerate() {
            pages.push(Page {
                slide: si,
                part,
                parts: n,
                lines,
                items,
            });
        }
    }
    pages
}

/// A slide cut into pages of `height` lines, with the items each shows.
fn slide_chunks(
    slide: &Slide,
    width: usize,
    height: usize,
    theme: &Theme,
) -> Vec<(Vec<Line<'static>>, Vec<ItemRef>)> {
    let mut chunks: Vec<(Vec<Line<'static>>, Vec<ItemRef>)> = Vec::new();
    let mut map_page: Option<Vec<Line<'static>>> = None;
    let mut map_items: Vec<ItemRef> = Vec::new();
    // The time axis first, on a page of its own, when it has the room.
    let parts = match slide.parts.first() {
        Some(Part {
            block:
                Block::Axis {
                    axis,
                    titles,
                    undated,
                },
            ..
        }) => {
            if width >= 60 && height >= 10 {
                let title = |e: usize| titles.get(e).cloned().unwrap_or_default();
                let words = crate::ui::axis::Words {
                    title: &title,
                    undated,
                    as_of: None,
                };
                let shown = axis.timeline.within(axis.from, axis.to);
                let items = if shown.len() <= 200 {
                    shown
                        .iter()
                        .map(|d| ItemRef::new(Kind::Event, d.event))
                        .collect()
                } else {
                    Vec::new()
                };
                chunks.push((
                    crate::ui::axis::lines(axis, &words, width, height, theme),
                    items,
                ));
            }
            &slide.parts[1..]
        }
        Some(Part {
            block: Block::Map { view, labels },
            ..
        }) => {
            if width >= 40 && height >= 10 {
                // The list of places below the map when it is short.
                let list: usize = slide.parts[1..]
                    .iter()
                    .map(|p| render_part(p, width, theme, false).len())
                    .sum();
                let below = if list < height / 3 { list + 1 } else { 0 };
                let find = |r: ItemRef| labels.get(&r).cloned().unwrap_or_default();
                let h = (height - below) as u16;
                map_page = Some(crate::ui::map::lines(&find, view, width as u16, h, theme));
                map_items = view.located.iter().map(|l| l.item).collect();
            }
            &slide.parts[1..]
        }
        _ => &slide.parts[..],
    };
    let mut cur: Vec<Line<'static>> = Vec::new();
    let mut items: Vec<ItemRef> = slide.items.clone();
    // The map starts the first page; what follows fills it or goes on.
    if let Some(lines) = map_page {
        cur = lines;
        items.extend(map_items);
        if cur.len() < height {
            cur.push(Line::default());
        }
    }
    let mut table_open = false;
    for part in parts {
        let is_table = matches!(part.block, Block::Table { .. });
        let mut lines = render_part(part, width, theme, is_table && !table_open);
        // A new page starts when the block does not fit; a table row
        // starting a page repeats the header.
        if !cur.is_empty() && cur.len() + lines.len() > height {
            chunks.push((
                std::mem::take(&mut cur),
                std::mem::replace(&mut items, slide.items.clone()),
            ));
            if is_table && table_open {
                lines = render_part(part, width, theme, true);
            }
        }
        table_open = is_table;
        if cur.is_empty() && matches!(part.block, Block::Gap) {
            continue;
        }
        if let Some(i) = part.item
            && !items.contains(&i)
        {
            items.push(i);
        }
        for line in lines {
            if cur.len() == height {
                chunks.push((std::mem::take(&mut cur), items.clone()));
            }
            cur.push(line);
        }
    }
    if !cur.is_empty() || chunks.is_empty() {
        chunks.push((cur, items));
    }
    chunks
}

/// `s` as the big 8×8 font can draw it (the font has ASCII glyphs only):
/// dashes, quotes, arrows and accented Latin letters become their ASCII
/// look-alikes one character at a time. `None` when a character has no
/// such stand-in (CJK, Arabic…), so the title is drawn plain instead.
pub fn big_text(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let sub: &str = match c {
            c if c.is_ascii() && !c.is_ascii_control() => {
                out.push(c);
                continue;
            }
            '–' | '—' | '−' | '‐' | '‑' => "-",
            '‘' | '’' | '′' => "'",
            '“' | '”' | '″' => "\"",
            '…' => "...",
            '→' => "->",
            '←' => "<-",
            '·' | '•' => "*",
            '\u{a0}' => " ",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
            'ç' | 'č' | 'ć' => "c",
            'Ç' | 'Č' | 'Ć' => "C",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => "e",
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => "E",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
            'ñ' | 'ń' => "n",
            'Ñ' | 'Ń' => "N",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "O",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => "U",
            'ý' | 'ÿ' => "y",
            'Ý' => "Y",
            'š' | 'ś' => "s",
            'Š' | 'Ś' => "S",
            'ž' | 'ź' | 'ż' => "z",
            'Ž' | 'Ź' | 'Ż' => "Z",
            'ß' => "ss",
            _ => return None,
        };
        out.push_str(sub);
    }
    Some(out)
}

/// Whether `s` can be drawn in big glyphs in `width` columns (four columns
/// a character at quadrant size).
pub fn fits_big(s: &str, width: usize) -> bool {
    big_text(s).is_some_and(|t| t.width() * 4 <= width)
}
