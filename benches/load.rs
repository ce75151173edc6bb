//! Loading and validating a synthetic 20,000-event briefing (~10 MB) next to
//! the bare serde_yaml deserialisation of the same text, in one run.
//! The two are interleaved (serde, brief, serde, brief, …) so that drift in
//! the machine's speed hits both alike; the medians and their ratio are
//! printed. `cargo bench --bench load`; numbers in docs/performance.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    drop(black_box(out));
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let events: usize = std::env::var("BRIEF_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let rounds: usize = std::env::var("BRIEF_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
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
