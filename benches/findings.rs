//! Many findings cost about what a clean file of the same size costs:
//! 100,000 findings (unknown keys, dangling references on one long line,
//! duplicate ids) loaded and validated (diagnostics located and rendered)
//! in interleaved rounds against two clean files of about the same size:
//! the same file with every finding mended (its twin: same shape, same
//! number of nodes) and a synthetic briefing (long texts, fewer nodes per
//! byte). Target: ≤ 2×. `cargo bench --bench findings`; numbers in
//! docs/performance.md.

mod common;
use common::{env_or, median};

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

/// A briefing with `n` findings of three kinds; `mended` writes each the
/// way that is no finding (an `x-` key, a reference to an actor that
/// exists, a fresh id), and names every actor in one event so none is idle.
pub fn broken(n: usize, mended: bool) -> String {
    let q = n.div_ceil(3);
    let mut y = String::from("format: 1\ntitle: Many findings\n");
    for i in 0..q {
        if mended {
            let _ = writeln!(y, "x-{i}nknown: {i}");
        } else {
            let _ = writeln!(y, "x{i}unknown: {i}");
        }
    }
    y.push_str("actors:\n  - id: a\n    name: A\n    part_of: [");
    for i in 0..q {
        let sep = if i > 0 { ", " } else { "" };
        if mended {
            let _ = write!(y, "{sep}dup-{i}");
        } else {
            let _ = write!(y, "{sep}nobody-{i}");
        }
    }
    y.push_str("]\n");
    for i in 0..=q {
        if mended {
            let _ = writeln!(y, "  - id: dup-{i}\n    name: Duplicate {i}");
        } else {
            let _ = writeln!(y, "  - id: dup\n    name: Duplicate {i}");
        }
    }
    if mended {
        y.push_str("timeline:\n  - id: e\n    date: 2026-01\n    title: Everyone\n    actors: [a");
        for i in 0..=q {
            let _ = write!(y, ", dup-{i}");
        }
        y.push_str("]\n");
    }
    y
}

fn main() {
    let n: usize = env_or("BRIEF_BENCH_FINDINGS", 100_000);
    let rounds = 5;
    let bad = broken(n, false);
    let twin = broken(n, true);
    // A clean synthetic briefing of about the same size.
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
    assert_eq!(load(&twin).0, 0, "the twin has no findings");
    assert_eq!(load(&clean).0, 0, "the synthetic briefing has no findings");
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(load(&twin));
        a.push(t.elapsed());
        let t = Instant::now();
        black_box(load(&bad));
        b.push(t.elapsed());
        let t = Instant::now();
        black_box(load(&clean));
        c.push(t.elapsed());
    }
    let (a, b, c) = (median(a), median(b), median(c));
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{found} findings in {:.1} MB, {rounds} interleaved rounds: findings (located and rendered) {:.0} ms; \
         mended twin ({:.1} MB) {:.0} ms, ratio {:.2} (target ≤ 2); synthetic briefing ({:.1} MB) {:.0} ms, ratio {:.2}",
        bad.len() as f64 / 1e6,
        ms(b),
        twin.len() as f64 / 1e6,
        ms(a),
        ms(b) / ms(a),
        clean.len() as f64 / 1e6,
        ms(c),
        ms(b) / ms(c),
    );
}
