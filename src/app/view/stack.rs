//! What is on screen, as one value: a base view fills the body (the
//! overview, the panes with the detail, a source's text, or a picture) and
//! overlays stack over it (search, help, errors, changes, the as-of
//! prompt), the newest on top. Keys go to the top of the stack first and
//! fall through only when a view lets them; Esc walks back down the stack
//! to the base. Two bases at once cannot be written down.

use super::changes::ChangesView;
use super::picture::Picture;
use super::source_text::SourceReader;
use crate::app::{Action, App};

/// What fills the body of the screen.
pub enum Base {
    /// The bottom line, key points and open issues; `zoom` gives it the
    /// whole width.
    Overview { zoom: bool },
    /// The list panes and the detail of the selection: `detail` when the
    /// detail has the keys, `zoom` when the focused one fills the body.
    Panes { detail: bool, zoom: bool },
    /// A source's own text, in the panes' place.
    Source(SourceReader),
    /// A picture in the panes' place, the detail beside it.
    Picture(Picture),
}

/// A view over the base.
pub enum Overlay {
    /// The search box and its results (typed characters are the query).
    Search,
    /// The keys, from the keymap; `scroll` is its first line shown.
    Help { scroll: usize },
    /// The errors of the last save that did not load, else the version's
    /// warnings.
    Errors { scroll: usize },
    /// The last message, whole.
    Message { scroll: usize },
    /// What changed since a revision, or the revisions to pick from.
    Changes(ChangesView),
    /// The as-of prompt, with what has been typed.
    AsOf(String),
}

impl App {
    pub fn base(&self) -> &Base {
        &self.base
    }

    /// The overlays, bottom first.
    pub fn overlays(&self) -> &[Overlay] {
        &self.overlays
    }

    /// The overlay on top, which has the keys.
    pub fn top(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    pub(crate) fn push(&mut self, o: Overlay) {
        self.overlays.push(o);
    }

    /// Takes the top overlay away.
    pub(crate) fn pop(&mut self) {
        self.overlays.pop();
    }

    pub fn overview_open(&self) -> bool {
        matches!(self.base, Base::Overview { .. })
    }

    /// The detail has the keys (links are numbered and followed by digit).
    pub fn detail_focused(&self) -> bool {
        matches!(self.base, Base::Panes { detail: true, .. })
    }

    /// The focused pane, the detail or the overview fills the body.
    pub fn zoomed(&self) -> bool {
        matches!(
            self.base,
            Base::Panes { zoom: true, .. } | Base::Overview { zoom: true }
        )
    }

    pub fn source_reader(&self) -> Option<&SourceReader> {
        match &self.base {
            Base::Source(r) => Some(r),
            _ => None,
        }
    }

    pub fn picture(&self) -> Option<&Picture> {
        match &self.base {
            Base::Picture(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn picture_mut(&mut self) -> Option<&mut Picture> {
        match &mut self.base {
            Base::Picture(p) => Some(p),
            _ => None,
        }
    }

    /// The Changes view, wherever it is in the stack.
    pub fn changes_view(&self) -> Option<&ChangesView> {
        self.overlays.iter().find_map(|o| match o {
            Overlay::Changes(v) => Some(v),
            _ => None,
        })
    }

    pub(crate) fn changes_view_mut(&mut self) -> Option<&mut ChangesView> {
        self.overlays.iter_mut().find_map(|o| match o {
            Overlay::Changes(v) => Some(v),
            _ => None,
        })
    }

    /// Gives the detail the keys, or the list back.
    pub(crate) fn focus_detail(&mut self, on: bool) {
        if let Base::Panes { detail, .. } = &mut self.base {
            *detail = on;
        } else if on {
            self.base = Base::Panes {
                detail: true,
                zoom: false,
            };
        }
    }

    /// The panes as the base, keeping the zoom (a picture stays: its
    /// selection is the panes').
    pub(crate) fn show_panes(&mut self) {
        match self.base {
            Base::Picture(_) => {}
            Base::Panes { ref mut detail, .. } => *detail = false,
            _ => {
                self.base = Base::Panes {
                    detail: false,
                    zoom: self.zoomed(),
                }
            }
        }
    }

    /// The stack's keys, top first: true when an overlay took the action.
    pub(crate) fn overlay_key(&mut self, action: Action) -> bool {
        for i in (0..self.overlays.len()).rev() {
            let taken = match &self.overlays[i] {
                Overlay::Search => self.search_key(action),
                Overlay::Help { .. } => self.page_key(i, action),
                Overlay::Errors { .. } | Overlay::Message { .. } => self.page_key(i, action),
                Overlay::Changes(_) => self.changes_key(action),
                Overlay::AsOf(_) => self.as_of_key(action),
            };
            if taken {
                return true;
            }
        }
        false
    }

    /// Closes the overlays that `which` picks.
    pub(crate) fn close(&mut self, which: impl Fn(&Overlay) -> bool) {
        self.overlays.retain(|o| !which(o));
    }
}
