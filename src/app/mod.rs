//! The reader's state and everything a key can do to it. No terminal here:
//! every method is testable on its own.

pub mod asof;
pub mod changes;
pub mod effect;
pub mod history;
pub mod links;
mod reload;
pub mod search;
mod searching;
pub mod view;

use crate::briefing::{Briefing, ItemRef, Kind};
pub use crate::input::action::Action;
use crate::input::keymap::{Ctx, key};
use crate::ui::theme::Theme;
pub use effect::Effect;
use history::{Jump, JumpList};
use links::DetailLink;
use std::collections::HashSet;
pub use view::stack::{Base, Overlay};
use view::{overview, source_text as source_reader};

/// The most `y` copies through the terminal (OSC 52).
pub const MAX_COPY: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Actors,
    Positions,
    Timeline,
    Issues,
    Sources,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Actors,
        Pane::Positions,
        Pane::Timeline,
        Pane::Issues,
        Pane::Sources,
    ];

    pub fn kind(self) -> Kind {
        match self {
            Pane::Actors => Kind::Actor,
            Pane::Positions => Kind::Position,
            Pane::Timeline => Kind::Event,
            Pane::Issues => Kind::Issue,
            Pane::Sources => Kind::Source,
        }
    }

    pub fn of(kind: Kind) -> Pane {
        match kind {
            Kind::Actor => Pane::Actors,
            Kind::Position => Pane::Positions,
            Kind::Event => Pane::Timeline,
            Kind::Issue => Pane::Issues,
            Kind::Source => Pane::Sources,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Actors => "Actors",
            Pane::Positions => "Positions",
            Pane::Timeline => "Timeline",
            Pane::Issues => "Issues",
            Pane::Sources => "Sources",
        }
    }
}

/// What a pane lists: every item of its kind, or a filtered few.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    All(Kind, usize),
    Only(Vec<ItemRef>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::All(_, n) => *n,
            Rows::Only(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: usize) -> Option<ItemRef> {
        match self {
            Rows::All(k, n) => (i < *n).then(|| ItemRef::new(*k, i)),
            Rows::Only(v) => v.get(i).copied(),
        }
    }
    pub fn position(&self, item: ItemRef) -> Option<usize> {
        match self {
            Rows::All(k, n) => (item.kind == *k && item.index < *n).then_some(item.index),
            Rows::Only(v) => v.iter().position(|r| *r == item),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListView {
    pub selected: usize,
    pub offset: usize,
}

#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<search::Hit>,
    /// Items that match, of which `hits` holds the best.
    pub items: usize,
    pub cursor: usize,
    /// The hit `n`/`N` last jumped to, after the search closed.
    pub current: Option<usize>,
    /// Results are still coming from the search thread.
    pub pending: bool,
    /// Enter was pressed while results were coming: jump when they are in.
    pub submitted: bool,
}

pub struct App {
    pub briefing: std::sync::Arc<Briefing>,
    pub focus: Pane,
    pub views: [ListView; 5],
    rows: [Rows; 5],
    /// `f`: the other panes show only what is linked to this item, until
    /// cleared (moving elsewhere does not change it).
    pub filter: Option<ItemRef>,
    /// What the filter's item is linked to, sorted.
    filtered: Vec<ItemRef>,
    /// `s`: the Sources pane shows only these items' sources.
    pub sources_of: Option<ItemRef>,
    /// The item whose links light up, and what they are.
    anchor: Option<ItemRef>,
    related: HashSet<ItemRef>,
    pub links: Vec<DetailLink>,
    pub link_cursor: usize,
    pub detail_scroll: usize,
    pub history: JumpList,
    pub search: SearchState,
    searching: searching::Searching,
    pub status: Option<String>,
    /// Rows visible per pane and in the detail, from the last frame.
    pub heights: [usize; 5],
    pub detail_height: usize,
    /// The screen size of the last frame.
    pub screen: (u16, u16),
    /// The briefing's full path: jump-list entries name files by it.
    pub canonical: std::path::PathBuf,
    /// The errors of the last save that did not load; the last good
    /// version stays on screen meanwhile.
    pub reload_error: Option<Vec<crate::briefing::Diagnostic>>,
    /// What `brief check` says of the version on screen (its warnings;
    /// under `--tlp` only how many there are).
    pub findings: Vec<crate::briefing::Diagnostic>,
    /// The last message the status line showed, whole, for the key that
    /// shows it (a long one is cut on the line).
    pub said: Option<String>,
    /// The bottom line, key points and open issues; shown first.
    pub overview: overview::Overview,
    /// Opened from the library: `q` and a top-level Esc go back to it.
    pub in_library: bool,
    /// Digits typed towards a link number that could still grow (`1` of
    /// `12` when there are twelve links).
    pub digits: String,
    /// The comparison with a git revision (`--since`, or picked with `c`).
    pub since: Option<changes::Compared>,
    /// What the last save changed, and when it landed: marked for a moment.
    pub saved: Option<(changes::Compared, std::time::Instant)>,
    /// Seeing the briefing as of a date (`a`, `--as-of`).
    pub as_of: Option<asof::AsOf>,
    /// What the action being applied asks of the world: `update` hands
    /// it back.
    out: Vec<Effect>,
    /// What fills the body, and what is shown over it.
    base: Base,
    overlays: Vec<Overlay>,
}

impl App {
    /// Hands `text` to the terminal layer to copy (OSC 52) and says
    /// `said`; terminals cap OSC 52 themselves, some by hanging, so brief
    /// sends no more than [`MAX_COPY`].
    pub(crate) fn copy(&mut self, text: String, what: &str, said: String) {
        if text.len() > MAX_COPY {
            self.status = Some(format!(
                "This {what} is {} KB: too long to copy through the terminal (at most {} KB)",
                text.len() / 1024,
                MAX_COPY / 1024
            ));
        } else {
            self.status = Some(said);
            self.out.push(Effect::Copy(text));
        }
    }

    pub fn new(briefing: Briefing) -> Self {
        let rows = Pane::ALL.map(|p| Rows::All(p.kind(), briefing.len(p.kind())));
        let focus = Pane::ALL
            .into_iter()
            .find(|p| !rows[p.index()].is_empty())
            .unwrap_or(Pane::Actors);
        let mut app = App {
            briefing: briefing.into(),
            focus,
            views: [ListView::default(); 5],
            rows,
            filter: None,
            filtered: Vec::new(),
            sources_of: None,
            anchor: None,
            related: HashSet::new(),
            links: Vec::new(),
            link_cursor: 0,
            detail_scroll: 0,
            history: JumpList::default(),
            search: SearchState::default(),
            searching: Default::default(),
            status: None,
            heights: [10; 5],
            detail_height: 10,
            screen: (120, 40),
            canonical: std::path::PathBuf::new(),
            reload_error: None,
            findings: Vec::new(),
            said: None,
            overview: overview::Overview::default(),
            digits: String::new(),
            in_library: false,
            since: None,
            saved: None,
            as_of: None,
            out: Vec::new(),
            base: Base::Panes {
                detail: false,
                zoom: false,
            },
            overlays: Vec::new(),
        };
        app.overview = overview::Overview::new(&app.briefing);
        app.canonical = app.briefing.canonical_path();
        app.refresh();
        app
    }

    pub fn rows(&self, pane: Pane) -> &Rows {
        &self.rows[pane.index()]
    }

    /// The item selected in the focused pane: what the detail shows.
    pub fn selected(&self) -> Option<ItemRef> {
        self.selected_in(self.focus)
    }

    pub fn selected_in(&self, pane: Pane) -> Option<ItemRef> {
        if self.overview_open() && pane == self.focus {
            return None;
        }
        self.rows[pane.index()].get(self.views[pane.index()].selected)
    }

    pub fn anchor(&self) -> Option<ItemRef> {
        self.anchor
    }

    pub fn is_related(&self, item: ItemRef) -> bool {
        self.related.contains(&item)
    }

    /// Recomputes what depends on the selection: links, highlights, filters.
    /// Only runs when the selection or a filter changes, so its cost never
    /// lands on frames that change nothing.
    fn refresh(&mut self) {
        let anchor = self.selected();
        let changed = anchor != self.anchor;
        self.anchor = anchor;
        self.related = anchor
            .map(|a| self.briefing.related(a).into_iter().collect())
            .unwrap_or_default();
        if changed {
            self.links = anchor
                .map(|a| links::detail_links(&self.briefing, a))
                .unwrap_or_default();
            self.link_cursor = 0;
            self.detail_scroll = 0;
        }
        for pane in Pane::ALL {
            if pane == self.focus {
                continue;
            }
            let keep = self.selected_in(pane);
            let rows = self.rows_for(pane);
            if rows != self.rows[pane.index()] {
                let sel = keep.and_then(|k| rows.position(k)).unwrap_or(0);
                self.rows[pane.index()] = rows;
                self.views[pane.index()] = ListView {
                    selected: sel,
                    offset: 0,
                };
                self.scroll_into_view(pane);
            }
        }
    }

    /// What `pane` lists: a source list asked for with `s`, what the
    /// filter's item is linked to (its own kind's pane lists all), or all.
    fn rows_for(&self, pane: Pane) -> Rows {
        if pane == Pane::Sources
            && let Some(of) = self.sources_of
        {
            return Rows::Only(
                self.briefing
                    .sources_of(of)
                    .into_iter()
                    .map(|i| ItemRef::new(Kind::Source, i))
                    .collect(),
            );
        }
        match self.filter {
            Some(f) if f.kind != pane.kind() => Rows::Only(
                self.filtered
                    .iter()
                    .copied()
                    .filter(|r| r.kind == pane.kind())
                    .collect(),
            ),
            _ => Rows::All(pane.kind(), self.briefing.len(pane.kind())),
        }
    }

    /// Filters the other panes to what `item` is linked to (`None`: off).
    pub(crate) fn set_filter(&mut self, item: Option<ItemRef>) {
        self.filter = item;
        self.filtered = item
            .map(|f| {
                let mut v = self.briefing.related(f);
                v.sort();
                v
            })
            .unwrap_or_default();
    }

    fn scroll_into_view(&mut self, pane: Pane) {
        let h = self.heights[pane.index()].max(1);
        let v = &mut self.views[pane.index()];
        if v.selected < v.offset {
            v.offset = v.selected;
        } else if v.selected >= v.offset + h {
            v.offset = v.selected + 1 - h;
        }
    }

    fn select(&mut self, pane: Pane, index: usize) {
        let len = self.rows[pane.index()].len();
        if len == 0 {
            return;
        }
        self.views[pane.index()].selected = index.min(len - 1);
        self.scroll_into_view(pane);
        self.refresh();
    }

    fn move_by(&mut self, delta: isize) {
        if self.detail_focused() {
            if self.links.is_empty() {
                self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
            } else {
                let max = self.links.len() as isize - 1;
                self.link_cursor = (self.link_cursor as isize + delta).clamp(0, max) as usize;
            }
            return;
        }
        let cur = self.views[self.focus.index()].selected as isize;
        self.select(self.focus, (cur + delta).max(0) as usize);
    }

    pub fn focus_pane(&mut self, pane: Pane) {
        self.show_panes();
        if self.focus != pane {
            // The newly focused pane lists what it did, filtered to the
            // filter's item as the others are.
            let keep = self.selected_in(pane);
            self.focus = pane;
            let rows = self.rows_for(pane);
            if rows != self.rows[pane.index()] {
                let sel = keep.and_then(|k| rows.position(k)).unwrap_or(0);
                self.rows[pane.index()] = rows;
                self.views[pane.index()].selected = sel;
                self.scroll_into_view(pane);
            }
        }
        self.refresh();
    }

    /// Shows `item` in its pane, selected and in view; records a jump from
    /// the current item when `record` is set.
    pub fn goto(&mut self, item: ItemRef, record: bool) {
        if record {
            let from = self.here();
            if from.id != self.briefing.id(item) || self.source_reader().is_some() {
                self.history.record(from);
            }
        }
        let pane = Pane::of(item.kind);
        if pane == Pane::Sources
            && let Some(of) = self.sources_of
            && !self.briefing.sources_of(of).contains(&item.index)
        {
            self.sources_of = None;
        }
        self.focus_pane(pane);
        if let Some(i) = self.rows[pane.index()].position(item) {
            self.select(pane, i);
        }
    }

    pub fn follow(&mut self, n: usize) {
        if self.overview_open() {
            if let Some(&target) = self.overview.links.get(n) {
                self.overview.cursor = n;
                self.goto(target, true);
            }
            return;
        }
        let Some(l) = self.links.get(n) else { return };
        if let Some(e) = l.external.clone() {
            // Into another briefing: the terminal layer opens it.
            self.history.record(self.here());
            self.out.push(Effect::OpenOther(Jump {
                file: e.file,
                id: e.id,
                name: e.name,
            }));
            return;
        }
        if let Some(c) = l.citation.clone()
            && self.briefing.sources[c.source].text.is_some()
        {
            self.open_source_at(c.source, c.locator.as_deref(), c.quote.as_deref());
            return;
        }
        let target = l.target;
        self.goto(target, true);
    }

    /// The jump-list entry for an item of this briefing.
    pub fn jump(&self, item: ItemRef) -> Jump {
        Jump {
            file: self.canonical.clone(),
            id: self.briefing.id(item).to_string(),
            name: self.briefing.name(item),
        }
    }

    /// The jump-list entry for this briefing's overview (an empty id).
    pub fn overview_jump(&self) -> Jump {
        Jump {
            file: self.canonical.clone(),
            id: String::new(),
            name: "Overview".into(),
        }
    }

    /// The jump-list entry for what is on screen now.
    fn here(&self) -> Jump {
        if let Some(r) = self.source_reader() {
            let s = &self.briefing.sources[r.source];
            return Jump {
                file: self.canonical.clone(),
                id: source_reader::stop_id(&s.id, r.place()),
                name: format!("¶{} of {}", r.place() + 1, s.title),
            };
        }
        match self.selected() {
            Some(c) if !self.overview_open() => self.jump(c),
            _ => self.overview_jump(),
        }
    }

    pub fn show_overview(&mut self) {
        self.base = Base::Overview { zoom: false };
        self.refresh();
    }

    /// A digit in the detail: link N. Digits that could still start a
    /// larger link number wait for the next key (Enter takes them as is).
    fn link_digit(&mut self, d: u8) {
        self.digits.push(char::from(b'0' + d));
        let n: usize = self.digits.parse().unwrap_or(usize::MAX);
        let total = self.links.len();
        if n >= 1 && n.saturating_mul(10) <= total {
            self.status = Some(format!(
                "Link {n}… (another digit, or {} for link {n})",
                key(Ctx::Global, "open")
            ));
            return;
        }
        self.digits.clear();
        if n >= 1 && n <= total {
            self.follow(n - 1);
        } else {
            self.status = Some(format!(
                "No link {n}: this item has {total} link{}",
                if total == 1 { "" } else { "s" }
            ));
        }
    }

    /// Goes to a jump-list entry: here when it is in this briefing, or asks
    /// the terminal layer to open the other briefing.
    pub fn open_jump(&mut self, j: Jump) {
        if j.file != self.canonical {
            self.out.push(Effect::OpenOther(j));
            return;
        }
        if j.id.is_empty() {
            self.show_overview();
            return;
        }
        if let Some((src, para)) = source_reader::parse_stop(&j.id) {
            match self.briefing.lookup(src).filter(|r| r.kind == Kind::Source) {
                Some(r) => {
                    let mut reader = source_reader::SourceReader::open(&self.briefing, r.index);
                    reader.go_to_para(para);
                    self.base = Base::Source(reader);
                }
                None => self.status = Some(format!("{} is no longer in the briefing", j.name)),
            }
            return;
        }
        match self.briefing.lookup(&j.id) {
            Some(item) => self.goto(item, false),
            None => self.status = Some(format!("{} is no longer in the briefing", j.name)),
        }
    }

    fn back(&mut self) {
        let cur = self.here();
        match self.history.back(cur) {
            Some(j) => self.open_jump(j),
            None => {
                if self.in_library {
                    self.out.push(Effect::ToLibrary);
                }
                self.status = Some("Already at the oldest jump".into());
            }
        }
    }

    fn forward(&mut self) {
        match self.history.forward() {
            Some(j) => self.open_jump(j),
            None => self.status = Some("Already at the newest jump".into()),
        }
    }

    fn show_sources(&mut self) {
        let Some(item) = self.selected() else { return };
        if item.kind == Kind::Source {
            return;
        }
        let sources = self.briefing.sources_of(item);
        if sources.is_empty() {
            self.status = Some(format!("{} cites no source", self.briefing.name(item)));
            return;
        }
        self.history.record(self.jump(item));
        self.sources_of = Some(item);
        self.focus_pane(Pane::Sources);
        self.rows[Pane::Sources.index()] = Rows::Only(
            sources
                .iter()
                .map(|&i| ItemRef::new(Kind::Source, i))
                .collect(),
        );
        self.select(Pane::Sources, 0);
        // The pane's label already names the item: say what to do next.
        let n = sources.len();
        let (open, esc) = (key(Ctx::Global, "open"), key(Ctx::Global, "escape"));
        self.status = Some(if n == 1 {
            format!("1 source — {open} opens it, {esc} lists every source")
        } else {
            format!("{n} sources — {open} opens one, {esc} lists every source")
        });
    }

    fn selected_url(&mut self) -> Option<String> {
        let item = self.selected().filter(|i| i.kind == Kind::Source);
        let Some(item) = item else {
            self.status = Some(format!(
                "Select a source first (5, or {} on any item)",
                key(Ctx::Global, "sources")
            ));
            return None;
        };
        match &self.briefing.sources[item.index].url {
            Some(u) => Some(u.to_string()),
            None => {
                self.status = Some("This source has no URL".into());
                None
            }
        }
    }

    /// Esc with no overlay: back one step towards the briefing's plain
    /// state (the detail's focus, a zoom, a filter, a search, as-of), and
    /// never out of the briefing.
    fn escape(&mut self) {
        if self.detail_focused() {
            self.focus_detail(false);
        } else if self.zoomed() {
            match &mut self.base {
                Base::Panes { zoom, .. } | Base::Overview { zoom } => *zoom = false,
                _ => {}
            }
        } else if self.filter.is_some() || self.sources_of.is_some() {
            self.set_filter(None);
            self.sources_of = None;
            self.focus_pane(self.focus);
            self.status = Some("Filter cleared".into());
        } else if !self.search.hits.is_empty() {
            self.clear_search();
            self.status = Some("Search cleared".into());
        } else if let Some(a) = self.as_of.take() {
            self.status = Some(format!("No longer as of {}", a.label));
        } else if self.in_library {
            // Esc never leaves the briefing: it says which key does.
            self.status = Some(format!(
                "{} goes back to the library",
                key(Ctx::Global, "quit")
            ));
        }
    }

    /// Applies one action (keys become actions in `app::keys`); returns
    /// what it asks of the world, for the terminal loop to carry out.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.apply(action);
        self.take_effects()
    }

    /// What the reader asked of the world since it was last asked.
    pub(crate) fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.out)
    }

    /// Asks the terminal loop to start `w` off its thread.
    pub(crate) fn start(&mut self, w: changes::Wanted) {
        self.out.push(Effect::Start(w));
    }

    fn apply(&mut self, action: Action) {
        if !matches!(action, Action::Tick)
            && let Some(s) = self.status.take()
        {
            self.said = Some(s);
        }
        let pending = std::mem::take(&mut self.digits);
        if self.detail_focused() && !pending.is_empty() {
            match action {
                Action::Digit(_) | Action::Overview => self.digits = pending,
                Action::Enter => {
                    let n: usize = pending.parse().unwrap_or(0);
                    self.follow(n.saturating_sub(1));
                    return;
                }
                _ => {}
            }
        }
        // The stack, top first, then the base: each takes what it means
        // differently; the rest means the same everywhere.
        if self.overlay_key(action) {
            return;
        }
        let taken = match self.base {
            Base::Overview { .. } => self.overview_key(action),
            Base::Source(_) => self.reader_key(action),
            Base::Picture(_) => self.picture_key(action),
            Base::Panes { .. } => false,
        };
        if taken {
            return;
        }
        match action {
            Action::Quit if self.in_library => self.out.push(Effect::ToLibrary),
            Action::Quit | Action::QuitAll => self.out.push(Effect::Quit),
            Action::Help => self.push(Overlay::Help { scroll: 0 }),
            Action::Escape => self.escape(),
            Action::NextPane | Action::PrevPane if self.overview_open() => {
                self.focus_pane(self.focus)
            }
            Action::NextPane | Action::PrevPane => {
                let i =
                    self.focus.index() as isize + if action == Action::NextPane { 1 } else { -1 };
                self.focus_pane(Pane::ALL[i.rem_euclid(5) as usize]);
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::Top => {
                if self.detail_focused() {
                    self.link_cursor = 0;
                    self.detail_scroll = 0;
                } else {
                    self.select(self.focus, 0);
                }
            }
            Action::Bottom => {
                if self.detail_focused() {
                    self.link_cursor = self.links.len().saturating_sub(1);
                } else {
                    self.select(self.focus, usize::MAX);
                }
            }
            Action::Enter => {
                if self.detail_focused() {
                    self.follow(self.link_cursor);
                } else if let Some(s) = self.selected().filter(|s| s.kind == Kind::Source) {
                    self.open_source_at(s.index, None, None);
                } else if self.selected().is_some() {
                    self.focus_detail(true);
                }
            }
            Action::Digit(d) => {
                if self.detail_focused() {
                    self.link_digit(d);
                } else if (1..=5).contains(&d) {
                    self.focus_pane(Pane::ALL[d as usize - 1]);
                }
            }
            Action::Overview => {
                if self.detail_focused() && !self.digits.is_empty() {
                    self.link_digit(0);
                } else if !self.overview_open() {
                    self.history.record(self.here());
                    self.show_overview();
                }
            }
            Action::FollowLink(n) => self.follow(n),
            Action::Back => self.back(),
            Action::Forward => self.forward(),
            // On the item it is set on it goes off; on another it moves there.
            Action::ToggleFilter => {
                let here = self.selected();
                match (self.filter, here) {
                    (Some(f), Some(h)) if f != h => {
                        self.set_filter(Some(h));
                        self.status = Some("Filter moved here".into());
                    }
                    (Some(_), _) => {
                        self.set_filter(None);
                        self.status = Some("Filter off".into());
                    }
                    (None, Some(h)) => {
                        self.set_filter(Some(h));
                        self.status = Some(format!(
                            "Filter on: the other panes list what it is linked to ({} or {} clears)",
                            key(Ctx::Global, "filter"),
                            key(Ctx::Global, "escape")
                        ));
                    }
                    (None, None) => {
                        self.status = Some("Select an item to filter the other panes by".into())
                    }
                }
                self.refresh();
            }
            Action::Sources => self.show_sources(),
            Action::OpenUrl => {
                if let Some(u) = self.selected_url() {
                    match crate::briefing::sanitize::web_url(&u) {
                        Some(u) => {
                            self.status = Some(format!("Opening {u}"));
                            self.out.push(Effect::OpenUrl(u));
                        }
                        None => self.status = Some("Only http and https URLs are opened".into()),
                    }
                }
            }
            Action::CopyUrl => {
                if let Some(u) = self.selected_url() {
                    let said = format!("Copied {u} (OSC 52)");
                    self.copy(u, "URL", said);
                }
            }
            // Only a source's text has a citation to copy.
            Action::CopyCitation => {}
            Action::Zoom => match &mut self.base {
                Base::Panes { zoom, .. } | Base::Overview { zoom } => *zoom = !*zoom,
                _ => {}
            },
            Action::Search => {
                self.clear_search();
                self.push(Overlay::Search);
            }
            // Only the search box and prompts take typing.
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchNext
            | Action::SearchPrev
            | Action::SearchSubmit => {}
            Action::NextResult | Action::PrevResult => {
                let n = self.search.hits.len();
                if n == 0 {
                    self.status = Some(format!(
                        "No search results: {} to search",
                        key(Ctx::Global, "search")
                    ));
                } else {
                    let cur = self.search.current.unwrap_or(0);
                    let next = if action == Action::NextResult {
                        (cur + 1) % n
                    } else {
                        (cur + n - 1) % n
                    };
                    self.jump_to_hit(next);
                }
            }
            Action::Click { pane, row } => {
                if let Some(p) = pane.map(Pane::of) {
                    self.focus_pane(p);
                    self.select(p, row);
                }
            }
            Action::ScrollPane { pane, down } => {
                let d: isize = if down { 3 } else { -3 };
                match pane.map(Pane::of) {
                    Some(p) => {
                        let len = self.rows[p.index()].len();
                        let h = self.heights[p.index()];
                        let v = &mut self.views[p.index()];
                        v.offset = (v.offset as isize + d).clamp(0, len.saturating_sub(h) as isize)
                            as usize;
                    }
                    None if self.overview_open() => {
                        self.overview.scroll = self.overview.scroll.saturating_add_signed(d)
                    }
                    None => self.detail_scroll = self.detail_scroll.saturating_add_signed(d),
                }
            }
            Action::Present => self.out.push(Effect::Present(self.selected())),
            // The terminal reads it off this thread.
            Action::Reload => self.out.push(Effect::Reload),
            Action::ShowErrors => {
                if self.reload_error.is_some() || !self.findings.is_empty() {
                    self.push(Overlay::Errors { scroll: 0 });
                } else {
                    self.status = Some("The file loads cleanly, with no warnings".into());
                }
            }
            Action::Message => match &self.said {
                Some(_) => self.push(Overlay::Message { scroll: 0 }),
                None => self.status = Some("No message yet".into()),
            },
            Action::Changes => self.open_changes(),
            Action::Matrix => self.open_matrix(),
            Action::Axis => self.open_axis(),
            Action::AsOf => self.ask_as_of(),
            Action::Map => self.open_map(),
            // Outside a picture these move nothing.
            Action::Left
            | Action::Right
            | Action::CycleSort
            | Action::HideEmpty
            | Action::ZoomIn
            | Action::ZoomOut
            | Action::PanLeft
            | Action::PanRight
            | Action::PanUp
            | Action::PanDown
            | Action::Fit => {}
            Action::Tick => {}
        }
    }

    /// A presentation of the briefing as the reader sees it (as of, with
    /// the changes since a revision), cut for the screen, at the slide that
    /// shows `at` (or the first); when no slide shows it, why not.
    pub fn presentation(
        &self,
        at: Option<ItemRef>,
        theme: Theme,
    ) -> Result<crate::present::Presenter, String> {
        let mut p = crate::present::Presenter::as_of(
            &self.briefing,
            theme,
            self.as_of.as_ref().map(|a| a.cutoff),
        );
        p.set_changes(self.changes_slide(&theme));
        p.layout(self.screen.0, self.screen.1);
        if let Some(item) = at {
            p.current = p.find(item).ok_or_else(|| {
                format!(
                    "{} is on no slide (the deck leaves it out): {} then {} presents from the start",
                    self.briefing.name(item),
                    key(Ctx::Global, "overview"),
                    key(Ctx::Global, "present")
                )
            })?;
        }
        Ok(p)
    }

    fn page(&self) -> usize {
        if self.detail_focused() {
            self.detail_height.max(1)
        } else {
            self.heights[self.focus.index()].max(1)
        }
    }

    /// The trail of jumps, named, for the status bar.
    pub fn breadcrumb(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .history
            .trail()
            .iter()
            .map(|j| j.name.clone())
            .collect();
        if self.source_reader().is_some() || self.overview_open() {
            v.push(self.here().name);
        } else if let Some(cur) = self.selected() {
            v.push(self.briefing.name(cur));
        }
        v
    }
}
