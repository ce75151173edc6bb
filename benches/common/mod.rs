//! What every benchmark measures with: medians, one timed call, sizes
//! taken from the environment, and the readers the frame benches drive.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// How long `f` takes; its result is dropped outside the timing.
pub fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    drop(black_box(out));
    elapsed
}

/// The number in the environment variable `name`, else `default`.
pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A reader on one of the bundled briefings.
pub fn bundled(name: &str) -> brief::app::App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs")
        .join(name);
    brief::app::App::new(brief::briefing::load_file(&path).unwrap().briefing.unwrap())
}

/// A reader on a synthetic briefing of 100,000 events.
pub fn synthetic() -> brief::app::App {
    let text = brief::synth::briefing_yaml(100_000);
    brief::app::App::new(
        brief::briefing::load_str(&text, "synth.yaml", Default::default())
            .briefing
            .unwrap(),
    )
}
