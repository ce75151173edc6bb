//! `brief export`: the briefing as a handout. One walk over the briefing
//! ([`walk`]) makes it — headings with item ids, paragraphs with links,
//! stance tables, cited passages — into an [`Out`]: gathered as a
//! [`Handout`]'s blocks for GitHub-flavoured Markdown ([`markdown`]), or
//! written as it comes for one self-contained HTML page ([`html`]). Every
//! string from the briefing is escaped by the writer; nothing here
//! produces markup.

mod html;
mod md;

use crate::briefing::marking::Tlp;
use crate::briefing::{Briefing, ItemRef, Kind, Text};
use std::borrow::Cow;

pub use html::{html, html_into};
pub use md::markdown;

/// Text of the handout: mostly the briefing's own, borrowed (a handout of
/// 100,000 events copied every title, id and link text into new strings,
/// some 100 MB, before a byte was written).
pub type Str<'a> = Cow<'a, str>;

/// A run of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Span<'a> {
    Text(Str<'a>),
    /// A link to an item of this briefing, by id.
    Item(Str<'a>, Str<'a>),
    /// A web address (http and https only), and its text.
    Url(Str<'a>, Str<'a>),
    /// Words set apart: a quote, a grade.
    Em(Str<'a>),
}

pub type Rich<'a> = Vec<Span<'a>>;

#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// A heading; `id` is the item it stands for, `marking` the item's
    /// own when it differs from the briefing's.
    Heading {
        level: u8,
        text: Str<'a>,
        id: Option<Str<'a>>,
        marking: Option<Tlp>,
    },
    Para(Rich<'a>),
    /// `Label: value`.
    Field(&'static str, Rich<'a>),
    Bullets(Vec<Rich<'a>>),
    /// A cited passage of a source's text: `¶5`, the paragraph, who cites it.
    Passage {
        at: String,
        text: Str<'a>,
        by: Rich<'a>,
    },
    /// Rows may stand for an item (a position): its id.
    Table {
        head: Vec<&'static str>,
        rows: Vec<(Option<Str<'a>>, Vec<Rich<'a>>)>,
    },
}

pub struct Handout<'a> {
    pub title: Str<'a>,
    /// The classification and the strictest marking: at the top and the
    /// bottom of the page (and of every printed page).
    pub banner: Option<String>,
    pub marking: Option<Tlp>,
    pub blocks: Vec<Block<'a>>,
}

fn text<'a>(s: impl Into<Str<'a>>) -> Span<'a> {
    Span::Text(s.into())
}

fn link(b: &Briefing, r: ItemRef) -> Span<'_> {
    Span::Item(Cow::Borrowed(b.id(r)), b.name_ref(r))
}

/// Links to `items`, comma-separated.
fn links(b: &Briefing, items: impl IntoIterator<Item = ItemRef>) -> Rich<'_> {
    let mut out = Vec::new();
    each_link(b, items, |s| out.push(s));
    out
}

/// [`links`], each span handed to `f` as it is made.
fn each_link<'a>(
    b: &'a Briefing,
    items: impl IntoIterator<Item = ItemRef>,
    mut f: impl FnMut(Span<'a>),
) {
    for (n, r) in items.into_iter().enumerate() {
        if n > 0 {
            f(text(", "));
        }
        f(link(b, r));
    }
}

/// Where a walk over the briefing puts the handout: [`Blocks`] gathers it
/// for Markdown (its anchors need every heading first), the HTML page
/// writes each span as it comes (a block of spans made and let go for
/// every field of 100,000 events was a third of the page's time).
pub trait Out<'a> {
    fn block(&mut self, block: Block<'a>);
    /// Rich text begun: the spans up to the matching [`Out::end`] are its.
    fn begin(&mut self, what: Begin);
    fn span(&mut self, span: Span<'a>);
    fn end(&mut self);
    /// Where the timeline's events go, when the walk leaves them to the
    /// writer (the HTML page makes them a batch at a time on every core).
    fn timeline(&mut self) {}
}

/// What [`Out::begin`] begins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Begin {
    Para,
    /// `Label: ` and the spans.
    Field(&'static str),
    /// A bulleted list: its [`Begin::Item`]s up to its end.
    List,
    Item,
}

/// The handout's blocks, gathered.
#[derive(Default)]
pub struct Blocks<'a> {
    pub out: Vec<Block<'a>>,
    open: Vec<Open<'a>>,
}

enum Open<'a> {
    Rich(Begin, Rich<'a>),
    List(Vec<Rich<'a>>),
}

impl<'a> Out<'a> for Blocks<'a> {
    fn block(&mut self, block: Block<'a>) {
        self.out.push(block);
    }

    fn begin(&mut self, what: Begin) {
        self.open.push(match what {
            Begin::List => Open::List(Vec::new()),
            _ => Open::Rich(what, Vec::new()),
        });
    }

    fn span(&mut self, span: Span<'a>) {
        if let Some(Open::Rich(_, r)) = self.open.last_mut() {
            r.push(span);
        }
    }

    fn end(&mut self) {
        match self.open.pop() {
            Some(Open::Rich(Begin::Item, r)) => {
                if let Some(Open::List(items)) = self.open.last_mut() {
                    items.push(r);
                }
            }
            Some(Open::Rich(Begin::Field(label), r)) => self.out.push(Block::Field(label, r)),
            Some(Open::Rich(_, r)) => self.out.push(Block::Para(r)),
            Some(Open::List(items)) => self.out.push(Block::Bullets(items)),
            None => {}
        }
    }
}

struct Builder<'a, O> {
    b: &'a Briefing,
    notes: bool,
    out: O,
}

impl<'a, O: Out<'a>> Builder<'a, O> {
    fn push(&mut self, block: Block<'a>) {
        self.out.block(block);
    }

    fn heading(&mut self, level: u8, text: impl Into<Str<'a>>) {
        self.push(Block::Heading {
            level,
            text: text.into(),
            id: None,
            marking: None,
        });
    }

    fn item_heading(&mut self, r: ItemRef, title: impl Into<Str<'a>>) {
        let own = self
            .b
            .marking(r)
            .filter(|m| Some(*m) != self.b.meta.marking);
        self.push(Block::Heading {
            level: 3,
            text: title.into(),
            id: Some(Cow::Borrowed(self.b.id(r))),
            marking: own,
        });
    }

    fn field(&mut self, label: &'static str, value: Rich<'a>) {
        if !value.is_empty() {
            self.push(Block::Field(label, value));
        }
    }

    fn plain(&mut self, label: &'static str, value: Option<impl Into<Str<'a>>>) {
        let value: Option<Str<'a>> = value.map(Into::into);
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            self.out.begin(Begin::Field(label));
            self.out.span(text(v));
            self.out.end();
        }
    }

    /// `Label: ` and links to `items`, comma-separated; nothing when there
    /// are none.
    fn links(&mut self, label: &'static str, items: impl IntoIterator<Item = ItemRef>) {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            return;
        }
        self.out.begin(Begin::Field(label));
        let out = &mut self.out;
        each_link(self.b, items, |s| out.span(s));
        self.out.end();
    }

    /// Text with its `[[links]]`, a paragraph a block (bullets as a list).
    fn text(&mut self, t: &'a Text) {
        let b = self.b;
        let mut listed = false;
        for block in &t.blocks {
            if block.bullet {
                if !listed {
                    self.out.begin(Begin::List);
                    listed = true;
                }
                self.out.begin(Begin::Item);
            } else {
                if listed {
                    self.out.end();
                    listed = false;
                }
                self.out.begin(Begin::Para);
            }
            let out = &mut self.out;
            b.each_segment(&block.inlines, |s, to| {
                out.span(match to {
                    Some(Some(r)) => Span::Item(Cow::Borrowed(b.id(r)), s),
                    _ => Span::Text(s),
                })
            });
            self.out.end();
        }
        if listed {
            self.out.end();
        }
    }

    /// Sources, withheld links, speaker notes (when asked for) and who
    /// links here: the end of every item.
    fn tail(&mut self, r: ItemRef) {
        let b = self.b;
        let cites = b.citations(r);
        if !cites.is_empty() {
            self.out.begin(Begin::Field("Sources"));
            for (n, c) in cites.into_iter().enumerate() {
                if n > 0 {
                    self.out.span(text("; "));
                }
                let s = &b.sources[c.source];
                self.out
                    .span(Span::Item(Cow::Borrowed(&s.id), Cow::Borrowed(&s.title)));
                if let Some(g) = s.grade() {
                    self.out.span(text(" "));
                    self.out.span(Span::Em(g));
                }
                if let Some(l) = &c.locator {
                    self.out.span(text(" "));
                    self.out.span(text(l.as_str()));
                }
                if let Some(q) = &c.quote {
                    self.out.span(text(" “"));
                    self.out.span(text(q.as_str()));
                    self.out.span(text("”"));
                }
            }
            self.out.end();
        }
        let n = b.withheld(r);
        if n > 0 {
            self.field(
                "Withheld",
                vec![text(format!(
                    "[withheld] {n} link{} to items this audience may not see",
                    if n == 1 { "" } else { "s" }
                ))],
            );
        }
        if self.notes && !b.notes(r).is_empty() {
            self.push(Block::Field("Speaker notes", Vec::new()));
            self.text(b.notes(r));
        }
        // Each item once: a backlink per link, an item's links in a row.
        // The items are asked for ahead: their records, then their names.
        let list = b.backlinks(r);
        let mut last = None;
        let from = list.iter().enumerate().filter_map(|(n, bl)| {
            if let Some(ahead) = list.get(n + AHEAD) {
                b.fetch_ahead(ahead.from());
            }
            if let Some(ahead) = list.get(n + AHEAD / 2) {
                b.fetch_name_ahead(ahead.from());
            }
            let f = bl.from();
            let again = last == Some(f);
            last = Some(f);
            (!again).then_some(f)
        });
        self.links("Linked from", from);
    }
}

/// How many links ahead a list of links asks for the items' records.
const AHEAD: usize = 16;

/// The handout of `b`; speaker notes only when `notes`.
pub fn handout(b: &Briefing, notes: bool) -> Handout<'_> {
    let blocks = walk(b, notes, Blocks::default(), true).out;
    Handout {
        title: Cow::Borrowed(&b.meta.title),
        banner: b.banner(b.all_items()),
        marking: b.strictest(b.all_items()),
        blocks,
    }
}

/// The blocks of the events in `range`, as [`handout`] has them.
pub fn event_blocks(b: &Briefing, notes: bool, range: std::ops::Range<usize>) -> Vec<Block<'_>> {
    let mut out = Blocks {
        // An event is a heading and a few fields: room for them at once.
        out: Vec::with_capacity(range.len() * 6),
        open: Vec::new(),
    };
    events_into(b, notes, range, &mut out);
    out.out
}

/// The events in `range`, as [`handout`] has them, put into `out` as they
/// are made.
pub fn events_into<'a>(
    b: &'a Briefing,
    notes: bool,
    range: std::ops::Range<usize>,
    out: &mut impl Out<'a>,
) {
    let mut part = Builder { b, notes, out };
    for i in range {
        event(&mut part, i);
    }
}

impl<'a, O: Out<'a> + ?Sized> Out<'a> for &mut O {
    fn block(&mut self, block: Block<'a>) {
        (**self).block(block)
    }
    fn begin(&mut self, what: Begin) {
        (**self).begin(what)
    }
    fn span(&mut self, span: Span<'a>) {
        (**self).span(span)
    }
    fn end(&mut self) {
        (**self).end()
    }
    fn timeline(&mut self) {
        (**self).timeline()
    }
}

/// The handout of `b` put into `out`, all but its title; the timeline's
/// events too when `events`, else only [`Out::timeline`] where they go.
pub fn walk<'a, O: Out<'a>>(b: &'a Briefing, notes: bool, out: O, events: bool) -> O {
    let m = &b.meta;
    let mut h = Builder { b, notes, out };
    if let Some(s) = &m.subtitle {
        h.push(Block::Para(vec![Span::Em(Cow::Borrowed(s))]));
    }
    h.plain(
        "As of",
        m.as_of
            .as_ref()
            .map(|d| d.human_in(crate::briefing::date::Frame::Years, true)),
    );
    if !m.authors.is_empty() {
        h.plain("By", Some(m.authors.join(", ")));
    }
    if !m.summary.is_empty() || !m.key_points.is_empty() {
        h.heading(2, "Bottom line");
        h.text(&m.summary);
        let points: Vec<Rich> = m
            .key_points
            .iter()
            .flat_map(|k| {
                let mut one = Builder {
                    b,
                    notes,
                    out: Blocks::default(),
                };
                one.text(&k.text);
                let note = k.likelihood_note();
                if !note.is_empty()
                    && let Some(Block::Para(r)) = one.out.out.last_mut()
                {
                    r.push(Span::Text(" ".into()));
                    r.push(Span::Em(note.trim_start().to_string().into()));
                }
                one.out.out
            })
            .flat_map(|block| match block {
                Block::Para(r) => vec![r],
                Block::Bullets(v) => v,
                _ => vec![],
            })
            .collect();
        if !points.is_empty() {
            h.heading(3, "Key points");
            h.push(Block::Bullets(points));
        }
    }
    if !b.issues.is_empty() {
        h.heading(2, "Issues");
        for i in b.issues_by_priority() {
            issue(&mut h, i);
        }
    }
    if !b.actors.is_empty() {
        h.heading(2, "Actors");
        for i in 0..b.actors.len() {
            actor(&mut h, i);
        }
    }
    if !b.events.is_empty() {
        h.heading(2, "Timeline");
        if events {
            let parts = crate::cores::stretches(b.events.len(), crate::cores::count(), |range| {
                event_blocks(b, notes, range)
            });
            parts
                .into_iter()
                .flatten()
                .for_each(|block| h.out.block(block));
        } else {
            h.out.timeline();
        }
    }
    if !b.sources.is_empty() {
        h.heading(2, "Sources");
        for i in 0..b.sources.len() {
            source(&mut h, i);
        }
    }
    h.out
}

fn issue<'a>(h: &mut Builder<'a, impl Out<'a>>, i: usize) {
    let b = h.b;
    let x = &b.issues[i];
    let r = ItemRef::new(Kind::Issue, i);
    h.item_heading(r, x.title.as_str());
    h.plain("Question", x.question.as_deref());
    let pri = x
        .priority
        .map(|p| format!(", {} priority", p.as_str()))
        .unwrap_or_default();
    h.plain("Status", Some(format!("{}{pri}", x.status.as_str())));
    h.text(&x.summary);
    let positions: Vec<usize> = b
        .backlinks(r)
        .iter()
        .filter(|bl| bl.from().kind == Kind::Position)
        .map(|bl| bl.from().index)
        .collect();
    if !positions.is_empty() {
        let rows = positions
            .into_iter()
            .map(|n| {
                let p = &b.positions[n];
                let mut stance = vec![text(p.stance.as_str())];
                if let Some(q) = &p.quote {
                    stance.push(text(" "));
                    stance.push(Span::Em(format!("“{q}”").into()));
                }
                if let Some(s) = p.said_by {
                    stance.push(text(" — "));
                    stance.push(link(b, ItemRef::new(Kind::Actor, s)));
                }
                let pr = ItemRef::new(Kind::Position, n);
                if let Some(m) = b.marking(pr).filter(|m| Some(*m) != b.meta.marking) {
                    stance.push(text(format!(" [{m}]")));
                }
                let sources: Rich = b
                    .sources_of(pr)
                    .into_iter()
                    .enumerate()
                    .flat_map(|(k, s)| {
                        let src = &b.sources[s];
                        let label = src.grade().unwrap_or(Cow::Borrowed(src.id.as_str()));
                        let mut v = Vec::new();
                        if k > 0 {
                            v.push(text(" "));
                        }
                        v.push(Span::Item(Cow::Borrowed(&src.id), label));
                        v
                    })
                    .collect();
                (
                    Some(Cow::Borrowed(p.id.as_str())),
                    vec![
                        vec![link(b, ItemRef::new(Kind::Actor, p.actor))],
                        stance,
                        vec![text(
                            crate::ui::theme::Theme::alignment_mark(p.alignment).to_string()
                                + " "
                                + p.alignment.map_or("—", |a| a.as_str()),
                        )],
                        vec![text(match (p.confidence, p.likelihood) {
                            (c, Some(l)) => {
                                format!("{} ({})", c.map_or("—", |c| c.as_str()), l.as_str())
                            }
                            (c, None) => c.map_or("—", |c| c.as_str()).to_string(),
                        })],
                        sources,
                    ],
                )
            })
            .collect();
        h.push(Block::Table {
            head: vec!["Actor", "Position", "Alignment", "Confidence", "Sources"],
            rows,
        });
    }
    h.links(
        "Actors",
        x.actors.iter().map(|&a| ItemRef::new(Kind::Actor, a)),
    );
    h.tail(r);
}

fn actor<'a>(h: &mut Builder<'a, impl Out<'a>>, i: usize) {
    let b = h.b;
    let a = &b.actors[i];
    let r = ItemRef::new(Kind::Actor, i);
    h.item_heading(r, a.name.as_str());
    h.plain("Kind", a.kind.as_deref());
    h.plain("Also", Some(a.aliases.join(", ")));
    h.links(
        "Part of",
        a.part_of.iter().map(|&p| ItemRef::new(Kind::Actor, p)),
    );
    for rel in &a.relations {
        h.field(
            "Relation",
            vec![
                text(format!("{} ", rel.kind)),
                link(b, ItemRef::new(Kind::Actor, rel.to)),
            ],
        );
    }
    h.text(&a.summary);
    h.tail(r);
}

fn event<'a>(h: &mut Builder<'a, impl Out<'a>>, i: usize) {
    let b = h.b;
    let e = &b.events[i];
    let r = ItemRef::new(Kind::Event, i);
    let mut title = e.list_label(crate::briefing::date::Frame::Years, b.timeline_utc);
    title.reserve(5 + e.title.len());
    title.push_str(" — ");
    title.push_str(&e.title);
    h.item_heading(r, title);
    h.plain("Where", e.location.as_deref());
    h.links(
        "Actors",
        e.actors.iter().map(|&a| ItemRef::new(Kind::Actor, a)),
    );
    h.links(
        "Issues",
        e.issues.iter().map(|&x| ItemRef::new(Kind::Issue, x)),
    );
    h.text(&e.summary);
    h.tail(r);
}

fn source<'a>(h: &mut Builder<'a, impl Out<'a>>, i: usize) {
    let b = h.b;
    let s = &b.sources[i];
    let r = ItemRef::new(Kind::Source, i);
    h.item_heading(r, s.title.as_str());
    if let Some(g) = s.grade() {
        h.field(
            "Grade",
            vec![Span::Em(g), text(format!(" — {}", grade_words(s)))],
        );
    }
    h.plain("Publisher", s.publisher.as_deref());
    h.plain("Author", s.author.as_deref());
    let date = s.date.as_ref().map(|d| d.alone());
    h.plain("Date", date);
    if let Some(u) = &s.url {
        let v = match crate::briefing::sanitize::web_url(u) {
            Some(web) => vec![Span::Url(web.into(), Cow::Borrowed(u))],
            None => vec![text(u.as_str())],
        };
        h.field("URL", v);
    }
    h.text(&s.excerpt);
    if let Some(t) = &s.text {
        let passages = crate::briefing::evidence::passages::passages(b, i);
        if !passages.is_empty() {
            h.push(Block::Field("Cited passages", Vec::new()));
        }
        for p in passages {
            let by = links(b, p.citers.iter().map(|(r, _)| *r));
            h.push(Block::Passage {
                at: format!("¶{}", p.para + 1),
                text: Cow::Borrowed(&t.paragraphs[p.para]),
                by,
            });
        }
    }
    h.tail(r);
}

/// The Admiralty grade in words: `usually reliable, probably true`.
fn grade_words(s: &crate::briefing::Source) -> String {
    let rel = s.reliability.map(crate::briefing::model::reliability_words);
    let cred = s.credibility.map(crate::briefing::model::credibility_words);
    [rel, cred]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}
