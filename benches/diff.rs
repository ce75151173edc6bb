//! `brief diff` of two 20,000-event versions of a briefing against loading
//! both, in interleaved rounds. Target: the diff within 2.5× the cost of
//! loading both. Then what a save costs the reader's change marks: one
//! event's title edited, the whole comparison against the one that looks
//! only at items whose fields changed (`compare_edited`).
//! `cargo bench --bench diff`; numbers in docs/performance.md.

mod common;
use common::{env_or, median};

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let events: usize = env_or("BRIEF_BENCH_EVENTS", 20_000);
    let old = brief::synth::briefing_yaml(events);
    // A new version: a few judgments, texts and items changed.
    let new = old
        .replacen("alignment: support", "alignment: oppose", 50)
        .replacen("Generated event number 1", "Renamed event number 1", 200)
        .replacen("confidence: high", "confidence: low", 20);
    let load = |t: &str| {
        brief::briefing::load_str(black_box(t), "b.yaml", Default::default())
            .briefing
            .unwrap()
    };
    let (mut loading, mut diffing) = (Vec::new(), Vec::new());
    let mut changes = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let (a, b) = (load(&old), load(&new));
        loading.push(t.elapsed());
        let t = Instant::now();
        let (a2, b2) = (load(&old), load(&new));
        let c = brief::diff::compare(&a2, &b2);
        let text = brief::diff::render(&c, false);
        diffing.push(t.elapsed());
        changes = c.judgments.len() + c.text.len();
        black_box((a, b, text));
    }
    let (l, d) = (median(loading), median(diffing));
    println!(
        "{events} events, {changes} changes, 7 interleaved rounds: loading both {:.1} ms; \
         diff (loading both, comparing, writing the report) {:.1} ms; ratio {:.2} (target ≤ 2.5)",
        l.as_secs_f64() * 1e3,
        d.as_secs_f64() * 1e3,
        d.as_secs_f64() / l.as_secs_f64()
    );
    let saved = old.replacen("Generated event number 7 in", "Edited event number 7 in", 1);
    let (a, b) = (load(&old), load(&saved));
    let (mut full, mut edited) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        let t = Instant::now();
        let c = brief::diff::compare(black_box(&a), black_box(&b));
        full.push(t.elapsed());
        assert_eq!(c.text.len(), 1);
        let t = Instant::now();
        let c = brief::diff::compare_edited(black_box(&a), black_box(&b));
        edited.push(t.elapsed());
        assert_eq!(c.text.len(), 1);
    }
    let (f, e) = (median(full), median(edited));
    println!(
        "a save that edits one title, 15 interleaved rounds: whole comparison {:.1} ms; \
         items whose fields changed {:.1} ms ({:.3}x)",
        f.as_secs_f64() * 1e3,
        e.as_secs_f64() * 1e3,
        e.as_secs_f64() / f.as_secs_f64()
    );
}
