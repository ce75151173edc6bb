//! Presenting a briefing: slides built from the data, clicker keys, a
//! clock, blanking, an index, and speaker notes for a second terminal.

mod big;
pub mod deck;
pub mod keys;
pub mod notes;
pub mod notes_view;
pub mod view;

use crate::briefing::{Briefing, ItemRef, Text};
use crate::ui::theme::Theme;
use deck::{Page, Slide};
use std::time::{Duration, Instant};

pub use crate::input::action::PAction;

pub struct Presenter {
    pub slides: Vec<Slide>,
    pub pages: Vec<Page>,
    /// The size the pages were cut for.
    geometry: (u16, u16, bool, bool),
    pub current: usize,
    pub blank: bool,
    pub help: bool,
    pub index: Option<usize>,
    pub show_clock: bool,
    pub show_footer: bool,
    pub show_notes: bool,
    pub pending: Option<usize>,
    /// A word for the presenter in the footer, until the next key (why
    /// speaker notes are not served, say).
    pub notice: Option<String>,
    clock_start: Instant,
    pub leave: bool,
    pub quit: bool,
    theme: Theme,
}

impl Presenter {
    pub fn new(b: &Briefing, theme: Theme) -> Self {
        Presenter::as_of(b, theme, None)
    }

    /// The presentation as of an instant (`--as-of`): events and positions
    /// from then on are left out.
    pub fn as_of(b: &Briefing, theme: Theme, cutoff: Option<i64>) -> Self {
        Presenter {
            slides: deck::build_at(b, &theme, cutoff),
            pages: Vec::new(),
            geometry: (0, 0, false, false),
            current: 0,
            blank: false,
            help: false,
            index: None,
            show_clock: true,
            show_footer: true,
            show_notes: false,
            pending: None,
            notice: None,
            clock_start: Instant::now(),
            leave: false,
            quit: false,
            theme,
        }
    }

    /// Puts the "What changed" slide after the bottom line (replacing an
    /// older one; none when `slide` is none), keeping the slide on screen.
    pub fn set_changes(&mut self, slide: Option<Slide>) {
        // Every slide kind is on one slide: the one on screen is found by it.
        let here = self
            .pages
            .get(self.current)
            .map(|p| (self.slides[p.slide].kind, p.part));
        self.slides.retain(|s| s.kind != deck::SlideKind::Changes);
        if let Some(s) = slide {
            let at = self
                .slides
                .iter()
                .position(|s| s.kind == deck::SlideKind::BottomLine)
                .map_or(1, |i| i + 1)
                .min(self.slides.len());
            self.slides.insert(at, s);
        }
        let (w, h) = (self.geometry.0, self.geometry.1);
        self.pages.clear();
        self.geometry = (0, 0, false, false);
        self.current = 0;
        if w > 0 && h > 0 {
            self.layout(w, h);
            if let Some((kind, part)) = here {
                let slide = self.slides.iter().position(|s| s.kind == kind);
                if let Some(first) =
                    slide.and_then(|n| self.pages.iter().position(|p| p.slide == n))
                {
                    let parts = self.pages[first].parts;
                    self.current = first + part.min(parts - 1);
                }
            }
        }
    }

    /// Cuts the slides into pages for this screen size, keeping the current
    /// slide (and the place within it) across a resize or a toggle.
    pub fn layout(&mut self, width: u16, height: u16) {
        let key = (width, height, self.show_footer, self.show_notes);
        if key == self.geometry && !self.pages.is_empty() {
            return;
        }
        let here = self
            .pages
            .get(self.current)
            .map(|p| (p.slide, p.part as f64 / p.parts.max(1) as f64));
        let g = view::Geometry::new(width, height, self.show_footer, self.show_notes);
        self.pages = deck::paginate(
            &self.slides,
            g.body.width as usize,
            g.body.height as usize,
            &self.theme,
        );
        self.geometry = key;
        if let Some((slide, frac)) = here {
            let first = self
                .pages
                .iter()
                .position(|p| p.slide == slide)
                .unwrap_or(0);
            let parts = self.pages[first].parts;
            self.current = first + ((frac * parts as f64) as usize).min(parts - 1);
        }
    }

    /// Carries the running clock over from the presenter this one replaces.
    pub fn keep_clock_of(&mut self, old: &Presenter) {
        self.clock_start = old.clock_start;
    }

    pub fn elapsed(&self) -> Duration {
        self.clock_start.elapsed()
    }

    pub fn page(&self) -> Option<&Page> {
        self.pages.get(self.current)
    }

    /// The page where `item` first appears, for `p` in the reader.
    /// The page that shows `item` best: its own slide, else the issue
    /// slide that writes a stance out, else a listing; the pictures (the
    /// matrix, the map), which only mark it, last.
    pub fn find(&self, item: ItemRef) -> Option<usize> {
        use deck::SlideKind;
        let rank = |p: &Page| match self.slides[p.slide].kind {
            SlideKind::Item(r) if r == item => 0,
            SlideKind::Issue(_) => 1,
            SlideKind::Matrix | SlideKind::Map | SlideKind::Changes => 3,
            _ => 2,
        };
        self.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.items.contains(&item))
            .min_by_key(|(n, p)| (rank(p), *n))
            .map(|(n, _)| n)
    }

    pub fn title_of(&self, n: usize) -> String {
        self.pages
            .get(n)
            .map(|p| p.title(&self.slides))
            .unwrap_or_default()
    }

    /// The speaker notes of the items on page `n`.
    pub fn notes<'a>(&self, b: &'a Briefing, n: usize) -> Vec<(String, &'a Text)> {
        let Some(p) = self.pages.get(n) else {
            return Vec::new();
        };
        p.items
            .iter()
            .filter(|i| !b.notes(**i).is_empty())
            .map(|i| (b.name(*i), b.notes(*i)))
            .collect()
    }

    fn go(&mut self, n: usize) {
        if !self.pages.is_empty() {
            self.current = n.min(self.pages.len() - 1);
        }
    }

    pub fn update(&mut self, a: PAction) {
        if a != PAction::Tick {
            self.notice = None;
        }
        if !matches!(
            a,
            PAction::Digit(_) | PAction::Enter | PAction::GotoOrLast | PAction::Tick
        ) {
            self.pending = None;
        }
        if let Some(sel) = self.index {
            match a {
                PAction::Next => {
                    self.index = Some((sel + 1).min(self.pages.len().saturating_sub(1)))
                }
                PAction::Prev => self.index = Some(sel.saturating_sub(1)),
                PAction::Enter => {
                    self.go(sel);
                    self.index = None;
                }
                PAction::Quit => self.quit = true,
                _ => self.index = None,
            }
            return;
        }
        match a {
            PAction::Next => self.go(self.current + 1),
            PAction::Prev => self.go(self.current.saturating_sub(1)),
            PAction::First => self.go(0),
            PAction::Last => self.go(usize::MAX),
            PAction::Digit(d) => {
                self.pending = Some(
                    self.pending
                        .unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(d as usize),
                );
            }
            PAction::Enter => match self.pending.take() {
                Some(n) => self.go(n.saturating_sub(1)),
                None => self.go(self.current + 1),
            },
            PAction::GotoOrLast => match self.pending.take() {
                Some(n) => self.go(n.saturating_sub(1)),
                None => self.go(usize::MAX),
            },
            PAction::Index => self.index = Some(self.current),
            PAction::Blank => self.blank = true,
            PAction::ToggleClock => self.show_clock = !self.show_clock,
            PAction::ToggleFooter => self.show_footer = !self.show_footer,
            PAction::ToggleNotes => self.show_notes = !self.show_notes,
            PAction::RestartClock => self.clock_start = Instant::now(),
            // The reader reads the file; the slides follow as on a save.
            PAction::Reload => {}
            PAction::Help => self.help = true,
            PAction::Leave => self.leave = true,
            PAction::Quit => self.quit = true,
            PAction::Dismiss => {
                self.blank = false;
                self.help = false;
            }
            PAction::Tick => {}
        }
    }
}
