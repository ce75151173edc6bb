//! Many findings cost about what a clean file of the same size costs:
//! 100,000 findings (unknown keys, dangling references on one long line,
//! duplicate ids, idle actors) against a clean synthetic briefing of about
//! the same size, loaded and validated (diagnostics located and rendered)
//! in interleaved rounds. Target: ≤ 2×. `cargo bench --bench findings`;
//! numbers in docs/performance.md.

mod common;
use common::{env_or, median};

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

/// A briefing with `n` findings of four kinds.
pub fn broken(n: usize) -> String {
    let q = n / 4;
    let mut y = String::from("format: 1\ntitle: Many findings\n");
    for i in 0..q {
        let _ = writeln!(y, "x{i}unknown: {i}");
    }
    y.push_str("actors:\n  - id: a\n    name: A\n    part_of: [");
    for i in 0..q {
        let _ = write!(y, "{}nobody-{i}", if i > 0 { ", " } else { "" });
    }
    y.push_str("]\n");
    for i in 0..q {
        let _ = writeln!(y, "  - id: dup\n    name: Duplicate {i}");
    }
    for i in 0..q {
        let _ = writeln!(y, "  - id: idle-{i}\n    name: Idle {i}");
    }
    y
}

fn main() {
    let n: usize = env_or("BRIEF_BENCH_FINDINGS", 100_000);
    let rounds = 5;
    let bad = broken(n);
    // A clean file of about the same size.
    let mut events = 1000;
    let mut clean = brief::synth::briefing_yaml(events);
    while clean.len() < bad.len() {
        events = events * bad.len() / clean.len() + 10;
        clean = brief::synth::briefing_yaml(events);
    }
    // As `brief check` does: every finding located, the first of each kind
    // rendered in full, the rest counted.
    let load = |t: &str| {
        let r = brief::briefing::load_str(black_box(t), "b.yaml", Default::default());
        let mut per: std::collections::HashMap<&str, usize> = Default::default();
        let mut text = 0;
        for d in &r.diagnostics {
            let n = per.entry(d.code).or_default();
            *n += 1;
            if *n <= brief::briefing::diagnostic::SHOWN_PER_KIND {
                text += d.render(false).len();
            }
        }
        (r.diagnostics.len(), text)
    };
    let found = load(&bad).0;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(load(&clean));
        a.push(t.elapsed());
        let t = Instant::now();
        black_box(load(&bad));
        b.push(t.elapsed());
    }
    let (a, b) = (median(a), median(b));
    println!(
        "{found} findings in {:.1} MB vs a clean {:.1} MB briefing, {rounds} interleaved rounds: clean {:.0} ms; \
         findings (located and rendered) {:.0} ms; ratio {:.2} (target ≤ 2)",
        bad.len() as f64 / 1e6,
        clean.len() as f64 / 1e6,
        a.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        b.as_secs_f64() / a.as_secs_f64()
    );
}
