//! brief: a terminal briefing reader.

/// Set here, in the library, so the binary, the tests and the benchmarks
/// all measure the allocator users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns the memory freed so far to the system. mimalloc does so only
/// on later allocations, and a reader left idle after a large load makes
/// none: called once the load and the search index are done.
pub fn give_back_memory() {
    // SAFETY: mi_collect takes no pointers and may be called from any
    // thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

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
pub mod threads;
pub mod tui;
pub mod ui;
