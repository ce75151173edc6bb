//! The pictures of a briefing in the reader — views drawn from its data
//! in place of the panes, beside the detail. Each has its data and view in
//! `pictures/`, its keys here in `app/` and its drawing in `ui/`; this is
//! only which one is open.

pub mod axis;
pub mod map;
pub mod matrix;

use crate::app::{Action, App};
use crate::briefing::{ItemRef, Kind};

pub enum Picture {
    /// Who stands where (`m`).
    Matrix(crate::pictures::matrix::Matrix),
    /// What happened when (`t`).
    Axis(crate::pictures::axis::Axis),
    /// Where (`M`).
    Map(crate::pictures::map::MapView),
}

impl Picture {
    /// What the picture has selected: under the matrix's cursor, the
    /// axis's event, the map's marker.
    pub fn item(&self) -> Option<ItemRef> {
        match self {
            Picture::Matrix(m) => m.item(),
            Picture::Axis(a) => a.selected().map(|d| ItemRef::new(Kind::Event, d.event)),
            Picture::Map(m) => m.selected().map(|l| l.item),
        }
    }
}

impl App {
    /// Opens `p` in the panes' place, its selection the reader's.
    pub(crate) fn show_picture(&mut self, p: Picture) {
        // One view in the panes' place: a source's text gives way (Back
        // returns to it, as to any stop).
        if self.source_reader().is_some() {
            let here = self.here();
            self.history.record(here);
        }
        self.base = crate::app::Base::Picture(p);
        self.follow_picture();
    }

    /// The picture's selection becomes the reader's, so the detail shows it.
    pub(crate) fn follow_picture(&mut self) {
        if let Some(r) = self.picture().and_then(Picture::item) {
            self.goto(r, false);
        }
    }

    /// Closes the picture; with `open`, for its selection in the detail
    /// (a stop on the jump list).
    pub(crate) fn leave_picture(&mut self, open: bool) {
        let item = self.picture().and_then(|p| p.item());
        self.base = crate::app::Base::Panes {
            detail: false,
            zoom: false,
        };
        if let (true, Some(r)) = (open, item) {
            self.goto(r, true);
            self.focus_detail(true);
        }
    }

    /// After a save: the same picture, built again from the new version,
    /// where it was (view, sort, zoom) as far as the new version allows.
    pub(crate) fn reopen_picture(&mut self, was: Picture) {
        match was {
            Picture::Matrix(old) => {
                self.open_matrix();
                let b = self.briefing.clone();
                if let Some(Picture::Matrix(m)) = self.picture_mut() {
                    m.sort = old.sort;
                    m.hide_empty = old.hide_empty;
                    m.rebuild(&b);
                }
            }
            Picture::Axis(old) => {
                self.open_axis();
                if let Some(Picture::Axis(a)) = self.picture_mut() {
                    (a.from, a.to) = (old.from, old.to);
                }
            }
            Picture::Map(old) => {
                self.open_map();
                if let Some(Picture::Map(m)) = self.picture_mut() {
                    m.bounds = old.bounds;
                }
            }
        }
    }

    /// The open picture's keys first; true when it took the action.
    pub(crate) fn picture_key(&mut self, action: Action) -> bool {
        match self.picture() {
            Some(Picture::Matrix(_)) => self.matrix_key(action),
            Some(Picture::Axis(_)) => self.axis_key(action),
            Some(Picture::Map(_)) => self.map_key(action),
            None => false,
        }
    }
}

/// Draws the picture `p` in `area`.
pub fn render(
    frame: &mut ratatui::Frame,
    app: &App,
    p: &Picture,
    theme: &crate::ui::theme::Theme,
    area: ratatui::layout::Rect,
) {
    let b = &app.briefing;
    match p {
        Picture::Matrix(m) => crate::ui::matrix::render(frame, b, m, theme, area),
        Picture::Axis(a) => {
            let as_of = app.as_of.as_ref().map(|a| a.cutoff);
            crate::ui::axis::render(frame, b, as_of, a, theme, area)
        }
        Picture::Map(m) => {
            let lit = |r| app.is_related(r);
            crate::ui::map::render(frame, b, app.selected(), &lit, m, theme, area)
        }
    }
}
