//! The pictures of a briefing — views drawn from its data in place of the
//! panes, beside the detail: each has its own module (state and keys) and
//! its own drawing in `ui/`; this is only which one is open.

use super::{Action, App};

pub enum Picture {
    /// Who stands where (`m`).
    Matrix(super::matrix::Matrix),
    /// What happened when (`t`).
    Axis(super::axis::Axis),
    /// Where (`M`).
    Map(super::map::MapView),
}

impl App {
    /// The open picture's keys first; true when it took the action.
    pub(super) fn picture_key(&mut self, action: Action) -> bool {
        match &self.picture {
            Some(Picture::Matrix(_)) => self.matrix_key(action),
            Some(Picture::Axis(_)) => self.axis_key(action),
            Some(Picture::Map(_)) => self.map_key(action),
            None => false,
        }
    }
}
