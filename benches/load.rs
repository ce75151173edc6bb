//! Loading and validating a synthetic 20,000-event briefing (~10 MB) next to
//! the bare serde_yaml deserialisation of the same text, in one run.
//! The two are interleaved (serde, brief, serde, brief, …) so that drift in
//! the machine's speed hits both alike; the medians and their ratio are
//! printed. `cargo bench --bench load`; numbers in docs/performance.md.

mod common;
use common::{env_or, median, time};

use std::hint::black_box;

fn main() {
    let events: usize = env_or("BRIEF_BENCH_EVENTS", 20_000);
    let rounds: usize = env_or("BRIEF_BENCH_ROUNDS", 15);
    let text = brief::synth::briefing_yaml(events);
    let (mut serde, mut brief) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        serde.push(time(|| {
            serde_yaml::from_str::<serde_yaml::Value>(black_box(&text)).unwrap()
        }));
        brief.push(time(|| {
            let r = brief::briefing::load_str(black_box(&text), "synth.yaml", Default::default());
            assert!(r.briefing.is_some());
            r
        }));
    }
    let (s, b) = (median(serde), median(brief));
    println!(
        "{events} events, {:.1} MB, {rounds} interleaved rounds: serde_yaml::Value median {:.1} ms; \
         brief load+validate median {:.1} ms; ratio {:.2}",
        text.len() as f64 / 1e6,
        s.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        b.as_secs_f64() / s.as_secs_f64()
    );
}
