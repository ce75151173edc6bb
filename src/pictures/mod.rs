//! The pictures of a briefing — who stands where, what happened when,
//! where — as data built from it, with the view over each (cursor, zoom,
//! pan) and the moves on it. Below the reader and the presenter alike:
//! the reader opens them in the panes' place (`app/`, drawn in `ui/`),
//! a presentation makes slides of them (`present/`); nothing here knows
//! either, nor the terminal.

pub mod axis;
pub mod map;
pub mod matrix;
