//! Loading and validating a synthetic 20,000-event briefing (~10 MB) next to
//! the bare serde_yaml deserialisation of the same text, in one run.
//! `cargo bench --bench load`; numbers and method in docs/performance.md.

use divan::{Bencher, black_box};
use std::sync::LazyLock;

static TEXT: LazyLock<String> = LazyLock::new(|| brief::synth::briefing_yaml(20_000));

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn serde_yaml_value(b: Bencher) {
    b.bench(|| serde_yaml::from_str::<serde_yaml::Value>(black_box(&TEXT)).unwrap());
}

#[divan::bench(sample_count = 10)]
fn brief_load_and_validate(b: Bencher) {
    b.bench(|| {
        let r = brief::briefing::load_str(black_box(&TEXT), "synth.yaml", Default::default());
        assert!(r.briefing.is_some());
        r
    });
}
