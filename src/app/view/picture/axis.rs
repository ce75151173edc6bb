//! The time axis's keys in the reader: opening it on the selected
//! event, walking the events, zooming and panning, leaving it.

use crate::app::{Action, App};
use crate::briefing::Kind;
use crate::pictures::axis::Axis;

impl App {
    /// `t`: the time axis, on the selected event when there is one.
    pub fn open_axis(&mut self) {
        let mut a = Axis::new(&self.briefing);
        let picked = self
            .selected()
            .filter(|r| r.kind == Kind::Event)
            .and_then(|r| a.timeline.dated.iter().position(|d| d.event == r.index));
        let inside = |a: &Axis, n: usize| {
            let d = &a.timeline.dated[n];
            d.start >= a.from && d.start <= a.to
        };
        let n = a.timeline.dated.len();
        match picked {
            // Far off the rest: the rest stay readable, and the nearest
            // event in view is selected; the fit key shows it too.
            Some(p) if !inside(&a, p) => {
                let at = a.timeline.dated[p].start;
                a.cursor = (0..n)
                    .filter(|&k| inside(&a, k))
                    .min_by_key(|&k| (a.timeline.dated[k].start - at).abs())
                    .unwrap_or(p);
                self.status = Some(format!(
                    "{} lies far off the other events: {} fits them all",
                    self.briefing.events[a.timeline.dated[p].event].title,
                    crate::input::keymap::key(crate::input::keymap::Ctx::Axis, "fit")
                ));
            }
            Some(p) => a.cursor = p,
            None => a.cursor = (0..n).find(|&k| inside(&a, k)).unwrap_or(0),
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
