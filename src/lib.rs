//! brief: a terminal briefing reader.

pub mod briefing;
pub mod cli;
pub mod print;
pub mod schema;
pub mod synth;
pub mod tui;
