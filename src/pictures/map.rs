//! The map (`M`): every actor and event with coordinates on a world
//! outline, zoomed to them. `j`/`k` walk the markers (the selection and
//! the detail follow), the arrows pan, `+`/`-` zoom, `0` fits them all;
//! what has no coordinates is listed beside it, so nothing silently
//! disappears.

use crate::briefing::{Briefing, ItemRef, Kind};

/// An item with a place on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Located {
    pub item: ItemRef,
    pub lat: f64,
    pub lon: f64,
}

/// The visible stretch of the world: longitudes then latitudes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Bounds {
    pub const WORLD: Bounds = Bounds {
        x: [-180.0, 180.0],
        y: [-90.0, 90.0],
    };

    /// The cell of `w`×`h` where a point at (`lon`, `lat`) is drawn — the
    /// canvas's own rule for labels — or `None` off the view.
    pub fn cell(&self, lon: f64, lat: f64, w: u16, h: u16) -> Option<(u16, u16)> {
        let [left, right] = self.x;
        let [bottom, top] = self.y;
        if !(left..=right).contains(&lon) || !(bottom..=top).contains(&lat) || w == 0 || h == 0 {
            return None;
        }
        let x = ((lon - left) * f64::from(w - 1) / (right - left)) as u16;
        let y = ((top - lat) * f64::from(h - 1) / (top - bottom)) as u16;
        Some((x, y))
    }

    /// Around these points with a margin, never smaller than 60° by 30°
    /// (so a coast or two is there to read the place by) nor larger than
    /// the world.
    pub fn around(points: impl Iterator<Item = (f64, f64)>) -> Bounds {
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (lon, lat) in points {
            x0 = x0.min(lon);
            x1 = x1.max(lon);
            y0 = y0.min(lat);
            y1 = y1.max(lat);
        }
        if x0 > x1 {
            return Bounds::WORLD;
        }
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let w = ((x1 - x0) * 1.3).max(60.0);
        let h = ((y1 - y0) * 1.3).max(30.0);
        Bounds {
            x: [cx - w / 2.0, cx + w / 2.0],
            y: [cy - h / 2.0, cy + h / 2.0],
        }
        .clamped()
    }

    fn clamped(self) -> Bounds {
        let fit = |[a, b]: [f64; 2], lo: f64, hi: f64| {
            let w = (b - a).min(hi - lo);
            let a = a.clamp(lo, hi - w);
            [a, a + w]
        };
        Bounds {
            x: fit(self.x, -180.0, 180.0),
            y: fit(self.y, -90.0, 90.0),
        }
    }

    pub fn zoom(self, factor: f64, around: (f64, f64)) -> Bounds {
        let w = ((self.x[1] - self.x[0]) * factor).clamp(0.5, 360.0);
        let h = ((self.y[1] - self.y[0]) * factor).clamp(0.3, 180.0);
        Bounds {
            x: [around.0 - w / 2.0, around.0 + w / 2.0],
            y: [around.1 - h / 2.0, around.1 + h / 2.0],
        }
        .clamped()
    }

    pub fn pan(self, dx: f64, dy: f64) -> Bounds {
        let (w, h) = (self.x[1] - self.x[0], self.y[1] - self.y[0]);
        Bounds {
            x: [self.x[0] + dx * w, self.x[1] + dx * w],
            y: [self.y[0] + dy * h, self.y[1] + dy * h],
        }
        .clamped()
    }
}

/// The markers of one view: per cell, how many items and the first.
pub type Bins = Vec<((u16, u16), (usize, usize))>;

/// Markers sorted into cells, and the view (bounds, width, height) they are for.
type BinsOf = (Bounds, u16, u16, std::sync::Arc<Bins>);

/// The map view.
#[derive(Debug, Clone)]
pub struct MapView {
    /// Actors, then events, in file order.
    pub located: Vec<Located>,
    /// Actors and events without coordinates, in the same order.
    pub unlocated: Vec<ItemRef>,
    pub bounds: Bounds,
    pub cursor: usize,
    /// The markers for the last view drawn (bounds and size): moving the
    /// selection redraws without sorting 100,000 points into cells again.
    bins: std::cell::RefCell<Option<BinsOf>>,
}

impl PartialEq for MapView {
    fn eq(&self, o: &MapView) -> bool {
        self.located == o.located
            && self.unlocated == o.unlocated
            && self.bounds == o.bounds
            && self.cursor == o.cursor
    }
}

impl MapView {
    pub fn new(b: &Briefing) -> MapView {
        let mut located = Vec::new();
        let mut unlocated = Vec::new();
        let items = (0..b.actors.len())
            .map(|i| ItemRef::new(Kind::Actor, i))
            .chain((0..b.events.len()).map(|i| ItemRef::new(Kind::Event, i)));
        for r in items {
            match b.coords(r) {
                Some((lat, lon)) => located.push(Located { item: r, lat, lon }),
                None => unlocated.push(r),
            }
        }
        let bounds = Bounds::around(located.iter().map(|l| (l.lon, l.lat)));
        MapView {
            located,
            unlocated,
            bounds,
            cursor: 0,
            bins: Default::default(),
        }
    }

    /// The markers of this view at `w`×`h`, sorted into cells once per view.
    pub fn bins(&self, w: u16, h: u16) -> std::sync::Arc<Bins> {
        if let Some((b, bw, bh, bins)) = &*self.bins.borrow()
            && *b == self.bounds
            && (*bw, *bh) == (w, h)
        {
            return bins.clone();
        }
        let mut cells: rustc_hash::FxHashMap<(u16, u16), (usize, usize)> = Default::default();
        for (n, l) in self.located.iter().enumerate() {
            if let Some(c) = self.bounds.cell(l.lon, l.lat, w, h) {
                cells.entry(c).or_insert((0, n)).0 += 1;
            }
        }
        let mut v: Bins = cells.into_iter().collect();
        v.sort_by_key(|(c, _)| (c.1, c.0));
        let v = std::sync::Arc::new(v);
        *self.bins.borrow_mut() = Some((self.bounds, w, h, v.clone()));
        v
    }

    pub fn selected(&self) -> Option<&Located> {
        self.located.get(self.cursor)
    }

    pub fn fit(&mut self) {
        self.bounds = Bounds::around(self.located.iter().map(|l| (l.lon, l.lat)));
    }

    /// Keeps the selected marker in view.
    pub fn follow(&mut self) {
        if let Some(l) = self.selected().copied()
            && self.bounds.cell(l.lon, l.lat, 100, 100).is_none()
        {
            let f = 1.0;
            self.bounds = self.bounds.zoom(f, (l.lon, l.lat));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_point_lands_in_the_known_cell() {
        let w = Bounds::WORLD;
        // 0°, 0° is the middle of the world.
        assert_eq!(w.cell(0.0, 0.0, 101, 51), Some((50, 25)));
        assert_eq!(w.cell(-180.0, 90.0, 101, 51), Some((0, 0)));
        assert_eq!(w.cell(180.0, -90.0, 101, 51), Some((100, 50)));
        // Urumqi (87.6 E, 43.8 N) on a 100×50 world.
        assert_eq!(w.cell(87.6, 43.8, 100, 50), Some((73, 12)));
        assert_eq!(w.cell(200.0, 0.0, 100, 50), None);
    }

    #[test]
    fn fitting_keeps_a_margin_and_a_minimum_size_within_the_world() {
        let b = Bounds::around([(69.2, 34.5), (87.6, 43.8)].into_iter());
        assert!(b.x[0] < 69.2 && b.x[1] > 87.6 && b.y[0] < 34.5 && b.y[1] > 43.8);
        let one = Bounds::around([(10.0, 10.0)].into_iter());
        assert!(one.x[1] - one.x[0] >= 60.0 && one.y[1] - one.y[0] >= 30.0);
        let edge = Bounds::around([(179.0, 89.0)].into_iter());
        assert!(edge.x[1] <= 180.0 && edge.y[1] <= 90.0);
        assert_eq!(Bounds::around(std::iter::empty()), Bounds::WORLD);
    }
}
