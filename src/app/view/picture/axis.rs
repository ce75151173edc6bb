//! The time axis's keys in the reader: opening it on the selected
//! event, walking the events, zooming and panning, leaving it.

use crate::app::{Action, App};
use crate::briefing::Kind;
use crate::pictures::axis::Axis;

impl App {
    /// `t`: the time axis, on the selected event when there is one.
    pub fn open_axis(&mut self) {
        let mut a = Axis::new(&self.briefing);
        if let Some(r) = self.selected().filter(|r| r.kind == Kind::Event)
            && let Some(n) = a.timeline.dated.iter().position(|d| d.event == r.index)
        {
            a.cursor = n;
        }
        self.show_picture(crate::app::view::picture::Picture::Axis(a));
    }

    pub(crate) fn axis_key(&mut self, action: Action) -> bool {
        let Some(crate::app::view::picture::Picture::Axis(a)) = self.picture_mut() else {
            return false;
        };
        let n = a.timeline.dated.len();
        match action {
            Action::Right | Action::Down => {
                a.cursor = (a.cursor + 1).min(n.saturating_sub(1));
                a.follow();
            }
            Action::Left | Action::Up => {
                a.cursor = a.cursor.saturating_sub(1);
                a.follow();
            }
            Action::Top => {
                a.cursor = 0;
                a.follow();
            }
            Action::Bottom => {
                a.cursor = n.saturating_sub(1);
                a.follow();
            }
            Action::ZoomIn => a.zoom(0.5),
            Action::ZoomOut => a.zoom(2.0),
            Action::PanLeft => a.pan(-0.25),
            Action::PanRight => a.pan(0.25),
            Action::Fit => a.fit(),
            Action::Enter => self.leave_picture(true),
            Action::Escape | Action::Axis => self.leave_picture(false),
            _ => return false,
        }
        self.follow_picture();
        true
    }
}
