//! Search per keystroke on a 100,000-event briefing: typing a query one
//! character at a time, each keystroke narrowed to what the shorter query
//! matched, against searching everything at every keystroke, interleaved.
//! `cargo bench --bench search`; numbers in docs/performance.md.

mod common;
use common::{env_or, median};

use brief::app::{Action, App};
use std::time::Instant;

fn main() {
    let events: usize = env_or("BRIEF_BENCH_EVENTS", 100_000);
    let text = brief::synth::briefing_yaml(events);
    let b = brief::briefing::load_str(&text, "synth.yaml", Default::default())
        .briefing
        .unwrap();
    let query = "actor 12";
    let index = brief::app::search::Index::new(&b);
    let mut app = App::new(b);
    // The index is built once (on the first `/`); it is not what is timed.
    app.update(Action::Search);
    app.update(Action::SearchInput('x'));
    let (mut narrowed, mut fresh) = (vec![Vec::new(); query.len()], vec![Vec::new(); query.len()]);
    for _ in 0..5 {
        app.update(Action::Escape);
        app.update(Action::Search);
        // The query is ASCII: byte k is character k.
        for (k, c) in query.bytes().map(char::from).enumerate() {
            let t = Instant::now();
            app.update(Action::SearchInput(c));
            narrowed[k].push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(index.search(&query[..=k]));
            fresh[k].push(t.elapsed());
        }
    }
    println!(
        "{events} events, query {query:?} typed one character at a time, 5 interleaved rounds (medians):"
    );
    for k in 0..query.len() {
        println!(
            "  {:<10} narrowed {:>7.1} ms   everything {:>7.1} ms",
            format!("{:?}", &query[..=k]),
            median(narrowed[k].clone()).as_secs_f64() * 1e3,
            median(fresh[k].clone()).as_secs_f64() * 1e3
        );
    }
}
