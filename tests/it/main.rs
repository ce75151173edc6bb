//! The integration tests, as one test binary: each module was once a
//! binary of its own that linked the whole program again (30 of them took
//! most of a first `cargo test` and a gigabyte of disk).
//!
//! The tests that drive brief in a pseudo-terminal are the modules named
//! `e2e*`, `hardening`, `vanish`, `tlp`, `tlp_audiences` and `since`;
//! `.ci/run` runs them again with every core busy.

mod attacks;
mod axis;
mod cache;
mod check_fixtures;
mod check_watch;
mod cli;
mod common;
mod config;
mod cross;
mod diff;
mod e2e;
mod e2e_early;
mod e2e_library;
mod e2e_open;
mod e2e_present;
mod e2e_reload;
mod evidence;
mod export;
mod hardening;
mod hardening3;
mod hostile;
mod library;
mod likelihood;
mod lsp;
mod map;
mod matrix;
mod never_panics;
mod originators;
mod pieces;
mod present;
mod quick_yaml;
mod quotes_real;
mod reader;
mod reload;
mod render;
mod schema;
mod since;
mod stack;
mod tlp;
mod tlp_audiences;
mod validate_cores;
mod vanish;
