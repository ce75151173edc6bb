//! brief: a terminal briefing reader.

/// Set here, in the library, so the binary, the tests and the benchmarks
/// all measure the allocator users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod app;
pub mod briefing;
pub mod cli;
pub mod config;
pub mod cores;
pub mod diff;
pub mod export;
pub mod git;
pub mod input;
pub mod library;
mod lsp;
mod manual;
mod pager;
pub mod pictures;
pub mod present;
pub mod print;
pub mod schema;
pub mod synth;
pub mod tui;
pub mod ui;
