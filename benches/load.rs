//! Loading and validating a synthetic 20,000-event briefing (~10 MB) next to
//! the bare parses of the same text, in one run: serde_yaml into a `Value`,
//! serde_yaml into brief's own raw structs on one thread (the plain typed
//! deserialisation), brief's quick YAML reader into the same structs on
//! one thread, and the saphyr-parser event parser reading every
//! event and building nothing (the least an event-parser load could cost
//! for its parse). All are interleaved so that drift in the machine's speed
//! hits each alike; the medians and the ratios to brief's load are printed.
//! Validation alone is timed on one thread and on every core.
//! `cargo bench --bench load`; numbers in docs/performance.md.

mod common;
use common::{env_or, median, time};

use std::hint::black_box;

fn main() {
    let events: usize = env_or("BRIEF_BENCH_EVENTS", 20_000);
    let rounds: usize = env_or("BRIEF_BENCH_ROUNDS", 15);
    let text = brief::synth::briefing_yaml(events);
    let (mut value, mut typed, mut parsed, mut brief) = (vec![], vec![], vec![], vec![]);
    let mut quick = vec![];
    let (mut nesting, mut one, mut every) = (vec![], vec![], vec![]);
    let brief::briefing::raw::Val::Ok(raw) = brief::briefing::raw::parse_whole(&text).unwrap()
    else {
        panic!("the synthetic briefing is not a mapping")
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let check = |threads| {
        let (b, problems, _) = brief::briefing::validate::validate_on(
            black_box(&raw),
            "synth.yaml".into(),
            None,
            threads,
        );
        assert!(b.is_some() && problems.is_empty());
        b
    };
    for _ in 0..rounds {
        one.push(time(|| check(1)));
        every.push(time(|| check(cores)));
        nesting.push(time(|| {
            brief::briefing::load::nesting_scan(black_box(&text))
        }));
        value.push(time(|| {
            serde_yaml::from_str::<serde_yaml::Value>(black_box(&text)).unwrap()
        }));
        typed.push(time(|| {
            serde_yaml::from_str::<brief::briefing::raw::Val<brief::briefing::raw::Briefing>>(
                black_box(&text),
            )
            .unwrap()
        }));
        quick.push(time(|| {
            brief::briefing::quick_yaml::from_str::<
                brief::briefing::raw::Val<brief::briefing::raw::Briefing>,
            >(black_box(&text))
            .unwrap()
        }));
        parsed.push(time(|| {
            let mut parser = saphyr_parser::Parser::new_from_str(black_box(&text));
            let mut n = 0usize;
            while let Some(Ok(e)) = parser.next_event() {
                n += black_box(&e).1.start.index() & 1;
            }
            n
        }));
        brief.push(time(|| {
            let r = brief::briefing::load_str(black_box(&text), "synth.yaml", Default::default());
            assert!(r.briefing.is_some());
            r
        }));
    }
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let b = median(brief);
    println!(
        "{events} events, {:.1} MB, {rounds} interleaved rounds, medians:",
        text.len() as f64 / 1e6
    );
    println!(
        "  brief load + validate (pieces on every core)  {:>8.1} ms",
        ms(b)
    );
    let n = median(nesting);
    println!(
        "  the nesting scan (serde_yaml's files only)    {:>8.1} ms  ({:.3} of the load)",
        ms(n),
        n.as_secs_f64() / b.as_secs_f64()
    );
    let (o, e) = (median(one), median(every));
    println!(
        "  validation alone, 1 thread                    {:>8.1} ms",
        ms(o)
    );
    println!(
        "  validation alone, {cores} cores                    {:>8.1} ms  ({:.2}x one thread)",
        ms(e),
        e.as_secs_f64() / o.as_secs_f64()
    );
    for (what, v) in [
        ("serde_yaml into a Value", value),
        ("serde_yaml into brief's raw structs, 1 thread", typed),
        ("the quick YAML reader into them, 1 thread", quick),
        ("saphyr-parser events only, 1 thread", parsed),
    ] {
        let m = median(v);
        println!(
            "  {what:<46} {:>8.1} ms  (brief's load is {:.2}x this)",
            ms(m),
            b.as_secs_f64() / m.as_secs_f64()
        );
    }
}
