//! The time axis (`t`): the timeline drawn to scale, with the uncertainty
//! of each date drawn rather than hidden — a day is a mark, a month or a
//! year a span over it, an interval a bar, an open end an arrow, and a
//! qualified date (`~`, `?`, `%`) its own style. Events with only `when`
//! wait in an "undated" strip. The selection is the Timeline pane's.

use crate::briefing::Briefing;
use crate::briefing::date::{DateValue, Precision};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A day, or a time: one place on the axis.
    Mark,
    /// A month or a year: the whole period.
    Span,
    /// An interval with both ends.
    Bar,
    /// An interval open at its start (`../B`) or its end (`A/..`).
    OpenStart,
    OpenEnd,
}

/// One dated event on the axis, in seconds since the epoch (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub event: usize,
    pub start: i64,
    pub end: i64,
    pub shape: Shape,
    /// `~`, `?` or `%` on either end.
    pub qualified: bool,
}

/// Where each event of a briefing sits in time.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Dated events by start (then end).
    pub dated: Vec<Dated>,
    /// Events with only `when`, in file order.
    pub undated: Vec<usize>,
    /// The longest a dated event lasts: how far before a view to look.
    pub longest: i64,
    /// The zone the axis is labelled in, as an offset in seconds, and its name.
    pub offset: i64,
    pub zone: String,
}

fn zone_name(minutes: i64) -> String {
    if minutes == 0 {
        "UTC".into()
    } else {
        let sign = if minutes < 0 { '−' } else { '+' };
        format!(
            "UTC{sign}{:02}:{:02}",
            minutes.abs() / 60,
            minutes.abs() % 60
        )
    }
}

impl Timeline {
    pub fn build(b: &Briefing) -> Timeline {
        let mut dated = Vec::new();
        let mut undated = Vec::new();
        let mut offsets = std::collections::BTreeSet::new();
        for (n, e) in b.events.iter().enumerate() {
            let Some(d) = &e.date else {
                undated.push(n);
                continue;
            };
            let (start, end, shape, qualified) = match &d.value {
                DateValue::Point(p) => {
                    let shape = if p.precision >= Precision::Day {
                        Shape::Mark
                    } else {
                        Shape::Span
                    };
                    offsets.extend(p.offset.filter(|_| p.precision >= Precision::Minute));
                    (
                        p.start_instant(),
                        p.end_instant(),
                        shape,
                        p.qualifier.is_some(),
                    )
                }
                DateValue::Interval(a, z) => {
                    for p in a.iter().chain(z.iter()) {
                        offsets.extend(p.offset.filter(|_| p.precision >= Precision::Minute));
                    }
                    let q = a.iter().chain(z.iter()).any(|p| p.qualifier.is_some());
                    match (a, z) {
                        (Some(a), Some(z)) => (a.start_instant(), z.end_instant(), Shape::Bar, q),
                        (Some(a), None) => (a.start_instant(), a.end_instant(), Shape::OpenEnd, q),
                        (None, Some(z)) => {
                            (z.start_instant(), z.end_instant(), Shape::OpenStart, q)
                        }
                        (None, None) => {
                            undated.push(n);
                            continue;
                        }
                    }
                }
            };
            dated.push(Dated {
                event: n,
                start,
                end: end.max(start),
                shape,
                qualified,
            });
        }
        dated.sort_by_key(|d| (d.start, d.end, d.event));
        let longest = dated.iter().map(|d| d.end - d.start).max().unwrap_or(0);
        // The briefing's own zone when every time shares one, else UTC.
        let minutes = if offsets.len() == 1 {
            i64::from(*offsets.iter().next().unwrap_or(&0))
        } else {
            0
        };
        Timeline {
            dated,
            undated,
            longest,
            offset: minutes * 60,
            zone: zone_name(minutes),
        }
    }

    /// The whole extent, with a margin so nothing sits on the edge.
    pub fn extent(&self) -> (i64, i64) {
        let from = self.dated.iter().map(|d| d.start).min().unwrap_or(0);
        let to = self.dated.iter().map(|d| d.end).max().unwrap_or(86_400);
        let span = (to - from).max(3600);
        (from - span / 20, to + span / 20)
    }

    /// Where the axis first looks: every event, unless a few lie so far
    /// off that fitting them would crowd the rest into a few columns. A
    /// gap between events ten times wider than everything else splits
    /// them, and a side of at most a quarter of the events is left out
    /// (fit shows all).
    pub fn first_view(&self) -> (i64, i64) {
        // In time order already (`build` sorts them).
        let starts: Vec<i64> = self.dated.iter().map(|d| d.start).collect();
        let (mut lo, mut hi) = (0, starts.len());
        while hi - lo >= 4 {
            let s = &starts[lo..hi];
            let Some((at, gap)) = s
                .windows(2)
                .enumerate()
                .map(|(i, w)| (i, w[1] - w[0]))
                .max_by_key(|(_, g)| *g)
            else {
                break;
            };
            let span = s[s.len() - 1] - s[0];
            let (left, right) = (at + 1, s.len() - at - 1);
            if gap <= 10 * (span - gap) || gap < 86_400 || left.min(right) > s.len() / 4 {
                break;
            }
            // The side with fewer events goes.
            if left <= right {
                lo += left;
            } else {
                hi -= right;
            }
        }
        if lo == 0 && hi == starts.len() {
            return self.extent();
        }
        let kept: Vec<&Dated> = self
            .dated
            .iter()
            .filter(|d| d.start >= starts[lo] && d.start <= starts[hi - 1])
            .collect();
        let from = kept.iter().map(|d| d.start).min().unwrap_or(0);
        let to = kept.iter().map(|d| d.end).max().unwrap_or(from + 86_400);
        let span = (to - from).max(3600);
        (from - span / 20, to + span / 20)
    }

    /// How many events start outside `from..=to` (the events are in time
    /// order: two binary searches, whatever their number).
    pub fn outside(&self, from: i64, to: i64) -> usize {
        let before = self.dated.partition_point(|d| d.start < from);
        let after = self.dated.len() - self.dated.partition_point(|d| d.start <= to);
        before + after
    }

    /// The dated events that can show between `from` and `to`.
    pub fn within(&self, from: i64, to: i64) -> &[Dated] {
        let lo = self
            .dated
            .partition_point(|d| d.start < from - self.longest);
        let hi = self.dated.partition_point(|d| d.start <= to);
        &self.dated[lo..hi.max(lo)]
    }
}

/// Time to columns: `width` columns from `from` to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub from: i64,
    pub to: i64,
    pub width: usize,
}

impl Scale {
    /// The column of instant `t` (outside `0..width` when off the view).
    pub fn col(&self, t: i64) -> i64 {
        let span = (self.to - self.from).max(1) as i128;
        ((t - self.from) as i128 * self.width as i128 / span) as i64
    }
}

/// The step between ticks, and how a tick is labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Seconds(i64),
    Months(i64),
}

const STEPS: &[(Step, &str)] = &[
    (Step::Seconds(60), "minutes"),
    (Step::Seconds(300), "minutes"),
    (Step::Seconds(900), "minutes"),
    (Step::Seconds(1800), "minutes"),
    (Step::Seconds(3600), "hours"),
    (Step::Seconds(3 * 3600), "hours"),
    (Step::Seconds(6 * 3600), "hours"),
    (Step::Seconds(12 * 3600), "hours"),
    (Step::Seconds(86_400), "days"),
    (Step::Seconds(2 * 86_400), "days"),
    (Step::Seconds(7 * 86_400), "days"),
    (Step::Months(1), "months"),
    (Step::Months(3), "months"),
    (Step::Months(6), "months"),
    (Step::Months(12), "years"),
    (Step::Months(24), "years"),
    (Step::Months(60), "years"),
    (Step::Months(120), "years"),
    (Step::Months(240), "years"),
    (Step::Months(600), "years"),
    (Step::Months(1200), "years"),
    (Step::Months(3000), "years"),
    (Step::Months(6000), "years"),
    (Step::Months(12_000), "years"),
    (Step::Months(30_000), "years"),
    (Step::Months(60_000), "years"),
    (Step::Months(120_000), "years"),
];

/// How far the view may reach either side of 1970: 20,000 years, past
/// any date the format can write (zooming out or panning stops there, so
/// the arithmetic never overflows).
pub const EDGE: i64 = 20_000 * 31_556_952;

fn approx_secs(s: Step) -> i64 {
    match s {
        Step::Seconds(n) => n,
        Step::Months(n) => n * 2_629_746,
    }
}

/// Ticks for a view: the finest step whose labels fit (one every
/// `min_gap` columns or more), each at a calendar boundary in the axis's
/// zone, with its label (`06:00`, `14 Mar`, `Mar 2026`, `2026`).
pub fn ticks(scale: Scale, offset: i64, min_gap: usize) -> (Vec<(i64, String)>, &'static str) {
    use crate::briefing::date::{MONTHS, civil_from_days, days_from_civil};
    let span = (scale.to - scale.from).max(1);
    let most = (scale.width / min_gap.max(1)).max(1) as i64;
    let (step, unit) = STEPS
        .iter()
        .copied()
        .find(|(s, _)| span / approx_secs(*s) <= most)
        .unwrap_or(STEPS[STEPS.len() - 1]);
    let mut out = Vec::new();
    let local = |t: i64| t + offset;
    match step {
        Step::Seconds(n) => {
            let first = (local(scale.from)).div_euclid(n) * n + n;
            let mut t = first;
            while t <= local(scale.to) && out.len() < 1000 {
                let days = t.div_euclid(86_400);
                let rest = t.rem_euclid(86_400);
                let label = if n >= 86_400 || rest == 0 && n >= 3600 * 6 {
                    let (_, m, d) = civil_from_days(days);
                    format!("{d} {}", MONTHS[usize::from(m) - 1])
                } else {
                    format!("{:02}:{:02}", rest / 3600, rest / 60 % 60)
                };
                out.push((t - offset, label));
                t += n;
            }
        }
        Step::Months(n) => {
            let (y, m, _) = civil_from_days(local(scale.from).div_euclid(86_400));
            // Months counted from year 0, rounded up to a multiple of the step.
            let mut k = (i64::from(y) * 12 + i64::from(m) - 1).div_euclid(n) * n + n;
            loop {
                let (yy, mm) = (k.div_euclid(12), k.rem_euclid(12) + 1);
                let t = days_from_civil(yy as i32, mm as u8, 1) * 86_400 - offset;
                if t > scale.to || out.len() >= 1000 {
                    break;
                }
                let label = if n >= 12 {
                    yy.to_string()
                } else {
                    format!("{} {yy}", MONTHS[mm as usize - 1])
                };
                out.push((t, label));
                k += n;
            }
        }
    }
    (out, unit)
}

/// A lane for each of `items` (in start order) so that none overlaps
/// another on screen: the first lane whose last item ended (with a
/// column's gap, and room for `label` columns) before this one starts.
pub fn lanes(items: &[Dated], scale: Scale, label: usize) -> Vec<usize> {
    let mut ends: Vec<i64> = Vec::new();
    items
        .iter()
        .map(|d| {
            // An open end runs to the edge, an open start from it.
            let c0 = match d.shape {
                Shape::OpenStart => i64::MIN,
                _ => scale.col(d.start),
            };
            let c1 = match d.shape {
                Shape::OpenEnd => i64::MAX,
                _ => scale.col(d.end).max(c0) + 1 + label as i64,
            };
            match ends.iter().position(|e| *e < c0) {
                Some(l) => {
                    ends[l] = c1;
                    l
                }
                None => {
                    ends.push(c1);
                    ends.len() - 1
                }
            }
        })
        .collect()
}

/// The time axis view: the timeline, the visible stretch of time, and the
/// selected dated event (index into `dated`).
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub timeline: Timeline,
    pub from: i64,
    pub to: i64,
    pub cursor: usize,
}

impl Axis {
    pub fn new(b: &Briefing) -> Axis {
        let timeline = Timeline::build(b);
        let (from, to) = timeline.first_view();
        Axis {
            timeline,
            from,
            to,
            cursor: 0,
        }
    }

    pub fn selected(&self) -> Option<&Dated> {
        self.timeline.dated.get(self.cursor)
    }

    /// Zooms by `factor` (below 1 zooms in) around the selection.
    pub fn zoom(&mut self, factor: f64) {
        let centre = self.selected().map_or((self.from + self.to) / 2, |d| {
            d.start + (d.end - d.start) / 2
        });
        let half = (((self.to - self.from) as f64 * factor) / 2.0).clamp(30.0, EDGE as f64) as i64;
        let centre = centre.clamp(-EDGE + half, EDGE - half);
        self.from = centre - half;
        self.to = centre + half;
    }

    /// Moves the view by a fraction of its width, no further than the edge.
    pub fn pan(&mut self, fraction: f64) {
        let d = ((self.to - self.from) as f64 * fraction) as i64;
        let d = d.clamp(-EDGE - self.from, EDGE - self.to);
        self.from += d;
        self.to += d;
    }

    pub fn fit(&mut self) {
        (self.from, self.to) = self.timeline.extent();
    }

    /// Keeps the selection in view, moving the view by as little as it can.
    pub fn follow(&mut self) {
        let Some(d) = self.selected().copied() else {
            return;
        };
        let span = self.to - self.from;
        if d.start < self.from || d.start > self.to {
            self.from = d.start - span / 4;
            self.to = self.from + span;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(from: i64, to: i64) -> Scale {
        Scale {
            from,
            to,
            width: 100,
        }
    }

    #[test]
    fn ticks_suit_the_span() {
        let day = 86_400;
        let t0 = 1_773_446_400; // 14 Mar 2026
        let (t, unit) = ticks(scale(t0, t0 + 6 * 3600), 0, 10);
        assert_eq!(unit, "hours");
        assert_eq!(t[0].1, "01:00");
        let (_, unit) = ticks(scale(t0, t0 + 20 * day), 0, 10);
        assert_eq!(unit, "days");
        let (t, unit) = ticks(scale(t0, t0 + 400 * day), 0, 10);
        assert_eq!(unit, "months");
        assert!(t[0].1.ends_with("2026"), "{t:?}");
        let (t, unit) = ticks(scale(t0, t0 + 30 * 365 * day), 0, 10);
        assert_eq!(unit, "years");
        assert!(t.iter().all(|(_, l)| l.len() == 4), "{t:?}");
        let (_, unit) = ticks(scale(t0 - 3000 * 365 * day, t0), 0, 10);
        assert_eq!(unit, "years");
    }

    #[test]
    fn a_zone_moves_the_ticks_to_local_hours() {
        let t0 = 1_773_446_400;
        let (t, _) = ticks(scale(t0, t0 + 6 * 3600), 3600, 10);
        // 01:00 local is 00:00 UTC: the first tick after the start.
        assert_eq!(t[0], (t0 + 3600 - 3600 + 3600, "02:00".to_string()));
    }

    #[test]
    fn overlapping_items_stack_in_lanes() {
        let d = |start, end| Dated {
            event: 0,
            start,
            end,
            shape: Shape::Bar,
            qualified: false,
        };
        let items = [d(0, 50), d(10, 20), d(30, 40), d(60, 70)];
        assert_eq!(lanes(&items, scale(0, 100), 0), vec![0, 1, 1, 0]);
        // Labels need room: with 20 columns of label the last one moves down.
        assert_eq!(lanes(&items, scale(0, 100), 20), vec![0, 1, 2, 1]);
        // An open end keeps its lane to the edge; an open start from it.
        let open = |start, shape| Dated {
            shape,
            ..d(start, start)
        };
        let items = [open(10, Shape::OpenEnd), d(60, 70)];
        assert_eq!(lanes(&items, scale(0, 100), 0), vec![0, 1]);
        let items = [d(0, 5), open(60, Shape::OpenStart)];
        assert_eq!(lanes(&items, scale(0, 100), 0), vec![0, 1]);
    }

    #[test]
    fn zooming_out_and_panning_stop_at_the_edge_and_ticks_stay_apart() {
        let mut a = Axis {
            timeline: Timeline {
                dated: vec![],
                undated: vec![],
                longest: 0,
                offset: 0,
                zone: "UTC".into(),
            },
            from: 0,
            to: 86_400,
            cursor: 0,
        };
        for _ in 0..200 {
            a.zoom(2.0);
        }
        assert!(a.from >= -EDGE && a.to <= EDGE && a.to - a.from > EDGE);
        for _ in 0..200 {
            a.pan(0.25);
        }
        assert!(a.to <= EDGE);
        for _ in 0..400 {
            a.pan(-0.25);
        }
        assert!(a.from >= -EDGE);
        let (t, unit) = ticks(scale(a.from, a.to), 0, 10);
        assert_eq!(unit, "years");
        assert!(t.len() <= 10, "{} ticks on 100 columns: {t:?}", t.len());
    }

    #[test]
    fn the_scale_maps_the_view_onto_columns() {
        let s = scale(1000, 2000);
        assert_eq!(s.col(1000), 0);
        assert_eq!(s.col(1500), 50);
        assert_eq!(s.col(2000), 100);
        assert!(s.col(0) < 0);
    }
}
