//! As of a date: what came after it — events that start later, positions
//! dated later — is dimmed in every pane and on the axis, and left out of
//! `print --as-of` and `present --as-of`. Undated items are never hidden.

use super::App;
use crate::briefing::date::{self, DateValue};

/// The date everything is seen as of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// Where the date's period ends: an item starting there or later is after.
    pub cutoff: i64,
    /// As people write it: `14 Mar 2026`.
    pub label: String,
}

impl AsOf {
    /// `2026-03-14`, `2026-03`, `2026`, a time, or an interval (its end).
    pub fn parse(text: &str) -> Result<AsOf, String> {
        let d = date::parse(text.trim()).map_err(|e| format!("not a date: {}", e.0))?;
        AsOf::of(&d).ok_or_else(|| "an as-of date needs an end: `../2026` has none".into())
    }

    pub fn of(d: &date::Date) -> Option<AsOf> {
        let end = match &d.value {
            DateValue::Point(p) => p,
            DateValue::Interval(_, Some(z)) => z,
            DateValue::Interval(Some(a), None) => a,
            DateValue::Interval(None, None) => return None,
        };
        Some(AsOf {
            cutoff: end.end_instant(),
            // A time in UTC says so (`06:25Z`), as the header's as-of does.
            label: end.human_in(date::Frame::Years, end.offset == Some(0)),
        })
    }
}

impl App {
    /// Whether `r` came after the as-of date (never for an undated item).
    pub fn is_later(&self, r: crate::briefing::ItemRef) -> bool {
        self.as_of
            .as_ref()
            .is_some_and(|a| self.briefing.after(r, a.cutoff))
    }
}
