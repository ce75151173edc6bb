//! The map's keys in the reader: opening it on the selection, walking
//! the markers, zooming and panning, leaving it.

use crate::app::{Action, App};
use crate::pictures::map::MapView;

impl App {
    /// `M`: the map, on the selected item when it is located.
    pub fn open_map(&mut self) {
        let mut m = MapView::new(&self.briefing);
        if let Some(r) = self.selected()
            && let Some(n) = m.located.iter().position(|l| l.item == r)
        {
            m.cursor = n;
        }
        self.show_picture(crate::app::view::picture::Picture::Map(m));
    }

    pub(crate) fn map_key(&mut self, action: Action) -> bool {
        let Some(crate::app::view::picture::Picture::Map(m)) = self.picture_mut() else {
            return false;
        };
        let n = m.located.len();
        let centre = |m: &MapView| {
            m.selected().map_or(
                (
                    (m.bounds.x[0] + m.bounds.x[1]) / 2.0,
                    (m.bounds.y[0] + m.bounds.y[1]) / 2.0,
                ),
                |l| (l.lon, l.lat),
            )
        };
        match action {
            Action::Down | Action::Up => {
                if n > 0 {
                    m.cursor = if action == Action::Down {
                        (m.cursor + 1) % n
                    } else {
                        (m.cursor + n - 1) % n
                    };
                    m.follow();
                }
            }
            Action::ZoomIn => m.bounds = m.bounds.zoom(0.5, centre(m)),
            Action::ZoomOut => m.bounds = m.bounds.zoom(2.0, centre(m)),
            Action::PanLeft => m.bounds = m.bounds.pan(-0.25, 0.0),
            Action::PanRight => m.bounds = m.bounds.pan(0.25, 0.0),
            Action::PanUp => m.bounds = m.bounds.pan(0.0, 0.25),
            Action::PanDown => m.bounds = m.bounds.pan(0.0, -0.25),
            Action::Fit => m.fit(),
            Action::Enter => self.leave_picture(true),
            Action::Escape | Action::Map => self.leave_picture(false),
            _ => return false,
        }
        self.follow_picture();
        true
    }
}
