//! Search on a 100,000-event briefing, typing `actor 12` one character at
//! a time, 5 rounds: what a keystroke costs the screen with the search on
//! its own thread (the reader's way), how long until that keystroke's full
//! results are in, and, as the baseline in the same run, the same search
//! answered on the spot on one thread over every entry (how brief searched
//! before). Then `acto` typed faster than it is answered: the time from the
//! last key to the full results, and `gnrt` the same way: a query that
//! matches many entries but none written out, so every match is scored.
//! `cargo bench --bench search`; numbers in docs/performance.md.

mod common;
use common::{env_or, median};

use brief::app::search::Found;
use brief::app::{Action, App};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Waits for the newest search's full results and hands them to the app.
fn settle(app: &mut App, rx: &Receiver<Found>) {
    while app.search.pending {
        let f = rx.recv().unwrap();
        app.found(f);
    }
}

fn main() {
    let events: usize = env_or("BRIEF_BENCH_EVENTS", 100_000);
    let text = brief::synth::briefing_yaml(events);
    let b = brief::briefing::load_str(&text, "synth.yaml", Default::default())
        .briefing
        .unwrap();
    let query = "actor 12";
    let index = brief::app::search::Index::new(&b);
    let mut app = App::new(b);
    let (tx, rx) = channel();
    app.search_in_background(std::sync::Arc::new(move |f| {
        let _ = tx.send(f);
    }));
    // The index is built by the search thread as the briefing opens; wait
    // for it (the first search's answer) before timing.
    app.update(Action::Search);
    app.update(Action::SearchInput('x'));
    settle(&mut app, &rx);
    let n = query.len();
    let (mut key, mut full, mut baseline) = (vec![vec![]; n], vec![vec![]; n], vec![vec![]; n]);
    let mut fast = Vec::new();
    // A query no 200 entries match written out: every entry it matches is
    // scored (the search never settles).
    let scattered = "gnrt";
    let (mut spread, mut spread_baseline) = (Vec::new(), Vec::new());
    let one_thread = |q: &str| {
        let t = Instant::now();
        std::hint::black_box(index.search_one_thread(q));
        t.elapsed()
    };
    for _ in 0..5 {
        app.update(Action::Escape);
        app.update(Action::Search);
        // The query is ASCII: byte k is character k.
        for (k, c) in query.bytes().map(char::from).enumerate() {
            let t = Instant::now();
            app.update(Action::SearchInput(c));
            key[k].push(t.elapsed());
            settle(&mut app, &rx);
            full[k].push(t.elapsed());
            baseline[k].push(one_thread(&query[..=k]));
        }
        app.update(Action::Escape);
        app.update(Action::Search);
        for c in "acto".chars() {
            app.update(Action::SearchInput(c));
        }
        let t = Instant::now();
        settle(&mut app, &rx);
        fast.push(t.elapsed());
        app.update(Action::Escape);
        app.update(Action::Search);
        for c in scattered.chars() {
            app.update(Action::SearchInput(c));
        }
        let t = Instant::now();
        settle(&mut app, &rx);
        spread.push(t.elapsed());
        spread_baseline.push(one_thread(scattered));
    }
    let ms = |v: &Vec<Duration>| median(v.clone()).as_secs_f64() * 1e3;
    println!("{events} events, {query:?} typed one character at a time, 5 rounds (medians, ms):");
    println!("  typed        keystroke  full results  one thread, every entry");
    for k in 0..n {
        println!(
            "  {:<10} {:>10.3} {:>13.1} {:>24.1}",
            format!("{:?}", &query[..=k]),
            ms(&key[k]),
            ms(&full[k]),
            ms(&baseline[k])
        );
    }
    println!(
        "  \"acto\" typed at once: full results {:.1} ms after the last key",
        ms(&fast)
    );
    println!(
        "  {scattered:?} typed at once (no 200 best-scored matches): full results {:.1} ms after the last key; one thread, every entry {:.1} ms",
        ms(&spread),
        ms(&spread_baseline)
    );
}
