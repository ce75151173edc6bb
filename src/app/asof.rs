//! As of a date: what came after it — events that start later, positions
//! dated later — is dimmed in every pane and on the axis, and left out of
//! `print --as-of` and `present --as-of`. Undated items are never hidden.

use super::{Action, App};
use crate::briefing::date::{self, DateValue};
use crate::input::keymap::{Ctx, key};

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

    /// `a`: asks for the date (Enter on nothing takes the selected event's).
    pub fn ask_as_of(&mut self) {
        self.push(super::Overlay::AsOf(String::new()));
    }

    /// The prompt's keys while it is open; true when it took the action.
    pub(super) fn as_of_key(&mut self, action: Action) -> bool {
        let Some(super::Overlay::AsOf(text)) = self.overlays.last_mut() else {
            return false;
        };
        match action {
            Action::SearchInput(c) => text.push(c),
            Action::SearchBackspace => {
                text.pop();
            }
            Action::Escape => self.pop(),
            Action::SearchSubmit => {
                let typed = std::mem::take(text);
                self.pop();
                let picked = if typed.trim().is_empty() {
                    self.selected()
                        .and_then(|r| self.briefing.date_of(r))
                        .and_then(AsOf::of)
                        .ok_or_else(|| {
                            "Type a date, or select a dated event or position first".to_string()
                        })
                } else {
                    AsOf::parse(&typed)
                };
                match picked {
                    Ok(a) => {
                        self.status = Some(format!(
                            "As of {}: what came later is dimmed; undated items stay ({} clears)",
                            a.label,
                            key(Ctx::Global, "escape")
                        ));
                        self.as_of = Some(a);
                    }
                    Err(e) => self.status = Some(e),
                }
            }
            Action::QuitAll | Action::Tick => return false,
            _ => {}
        }
        true
    }
}
