//! `brief print` and `brief export --format html` against `brief check` of
//! the same synthetic briefing (20,000 events unless
//! `BRIEF_BENCH_EVENTS` says otherwise), in one process, interleaved: the
//! load and check alone, the load and the printed text, the load and the
//! HTML page. Target (issue: speed, round 3): each at most 1.3× the check.
//! `cargo bench --bench commands`; numbers in docs/performance.md.

mod common;
use common::{env_or, median, time};

use std::hint::black_box;

fn main() {
    let events: usize = env_or("BRIEF_BENCH_EVENTS", 20_000);
    let rounds: usize = env_or("BRIEF_BENCH_ROUNDS", 15);
    let text = brief::synth::briefing_yaml(events);
    let load = || {
        brief::briefing::load_str(black_box(&text), "synth.yaml", Default::default())
            .briefing
            .unwrap()
    };
    let (mut check, mut print, mut export) = (vec![], vec![], vec![]);
    for _ in 0..rounds {
        check.push(time(load));
        // Written piece by piece, as `brief print` writes it.
        print.push(time(|| {
            let b = load();
            let out = brief::print::print_into(&b, 100, None, &mut std::io::sink());
            (b, out)
        }));
        // Written piece by piece, as `brief export` writes it (the page is
        // never one string); the bytes go nowhere, as `check`'s do.
        export.push(time(|| {
            let b = load();
            let out = brief::export::html_into(&b, false, &mut std::io::sink());
            (b, out)
        }));
    }
    let (c, p, e) = (median(check), median(print), median(export));
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{events} events, {:.1} MB, {rounds} interleaved rounds, medians:",
        text.len() as f64 / 1e6
    );
    println!("  load and check                    {:>8.1} ms", ms(c));
    for (what, d) in [("load and print", p), ("load and the HTML handout", e)] {
        println!(
            "  {what:<33} {:>8.1} ms  ({:.2}x the check; target 1.3)",
            ms(d),
            d.as_secs_f64() / c.as_secs_f64()
        );
    }
}
