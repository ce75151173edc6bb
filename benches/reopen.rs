//! Reopening a 100,000-event briefing from the model cache against loading
//! it afresh, with `brief check` (the release binary), alternately: the
//! clean synthetic briefing, and the same with one warning (a source cited
//! by nothing), whose entry keeps the warning. Each round runs the reopen
//! and then the load with `--no-cache`, so the machine's drift hits both
//! alike; the outputs are compared once (a reopen says what a load says).
//! Target (issue: speed, round 3): a reopen ≤ 0.15× the load, warning or
//! not. The file is left to settle first (see `read::Stamp::settled`), as
//! a file reopened is; a reopen within seconds of a save also hashes it.
//! `cargo bench --bench reopen` (after `cargo build --release`;
//! `BRIEF_BENCH_BIN` names another build, `BRIEF_BENCH_EVENTS` another
//! size); numbers in docs/performance.md.

mod common;
// Only its release binary is used here: the pseudo-terminal it also
// drives is for the frame benches.
#[allow(dead_code)]
#[path = "support/mod.rs"]
mod support;
use common::{env_or, median};

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// `brief check [--no-cache] file` with the cache in `cache`: its output
/// and wall time.
fn check(
    bin: &str,
    file: &std::path::Path,
    cache: &std::path::Path,
    fresh: bool,
) -> (Output, Duration) {
    let mut c = Command::new(bin);
    c.arg("check");
    if fresh {
        c.arg("--no-cache");
    }
    let start = Instant::now();
    let out = c
        .arg(file)
        .env("XDG_CACHE_HOME", cache)
        .env("NO_COLOR", "1")
        .output()
        .expect("brief runs");
    (out, start.elapsed())
}

fn main() {
    let Some(bin) = support::release_binary("reopen") else {
        return;
    };
    let events: usize = env_or("BRIEF_BENCH_EVENTS", 100_000);
    let rounds: usize = env_or("BRIEF_BENCH_ROUNDS", 8);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let clean = brief::synth::briefing_yaml(events);
    // A source nothing cites: one warning, at the end of the file.
    let warned = format!(
        "{clean}  - id: never-cited\n    title: A source nobody cites\n    publisher: Nobody\n"
    );
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (n, (what, text)) in [("clean", &clean), ("with one warning", &warned)]
        .into_iter()
        .enumerate()
    {
        let file = dir.path().join("large.yaml");
        std::fs::write(&file, text).expect("written");
        // A file saved a moment ago is hashed at each reopen until its
        // stamp settles (a few seconds; the first reopen after that marks
        // its entry settled): the reopen measured is the one after.
        while !brief::briefing::read::stamp(&file).is_some_and(|s| s.settled()) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let cache = dir.path().join(format!("cache-{n}"));
        // The first check writes the entry; the next is a reopen.
        let (first, _) = check(bin, &file, &cache, false);
        let (reopened, _) = check(bin, &file, &cache, false);
        assert_eq!(
            (&reopened.stdout, &reopened.stderr, reopened.status),
            (&first.stdout, &first.stderr, first.status),
            "a reopen says what a load says"
        );
        let warnings = String::from_utf8_lossy(&first.stderr)
            .matches("warning[")
            .count();
        assert_eq!(
            warnings,
            n,
            "{what}: {}",
            String::from_utf8_lossy(&first.stderr)
        );
        let (mut hits, mut loads) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            hits.push(check(bin, &file, &cache, false).1);
            loads.push(check(bin, &file, &cache, true).1);
        }
        let (h, l) = (median(hits), median(loads));
        println!(
            "{events} events, {what} ({warnings} said), {rounds} alternating rounds, medians: \
             reopened from the cache {:.1} ms, loaded afresh {:.1} ms: {:.3}x (target 0.15)",
            ms(h),
            ms(l),
            h.as_secs_f64() / l.as_secs_f64()
        );
    }
}
