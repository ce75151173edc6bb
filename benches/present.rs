//! Presenting: the cost of showing the next slide (handle the key, draw the
//! frame) on the example and on a 100,000-event briefing, and the cost of
//! building the deck (slides and pages) for that briefing next to loading
//! it. `cargo bench --bench present`; numbers in docs/performance.md.

mod common;
use common::median;

use brief::present::{PAction, Presenter};
use brief::ui::theme::Theme;
use ratatui::{Terminal, backend::TestBackend};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn next_slide(b: &brief::briefing::Briefing) -> (Duration, Duration) {
    let theme = Theme::from_env();
    let mut p = Presenter::new(b, theme);
    p.layout(120, 40);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut times = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        if p.current + 1 == p.pages.len() {
            p.update(PAction::First);
        } else {
            p.update(PAction::Next);
        }
        term.draw(|f| brief::present::view::draw(f, &p, b, &theme, p.elapsed()))
            .unwrap();
        times.push(start.elapsed());
    }
    let worst = *times.iter().max().unwrap();
    (median(times), worst)
}

fn main() {
    let example = {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("briefs/pakistan-afghanistan-ttp.yaml");
        brief::briefing::load_file(&path).unwrap().briefing.unwrap()
    };
    let text = brief::synth::briefing_yaml(100_000);
    let (mut loads, mut decks) = (Vec::new(), Vec::new());
    let mut big = None;
    for _ in 0..3 {
        let start = Instant::now();
        let b = brief::briefing::load_str(&text, "synth.yaml", Default::default())
            .briefing
            .unwrap();
        loads.push(start.elapsed());
        let start = Instant::now();
        let mut p = Presenter::new(&b, Theme::from_env());
        p.layout(120, 40);
        decks.push(start.elapsed());
        assert!(p.pages.len() > 1000);
        big = Some(b);
    }
    let big = big.unwrap();
    let (em, ew) = next_slide(&example);
    let (bm, bw) = next_slide(&big);
    println!(
        "next slide, 120x40, example: median {:.2} ms, worst {:.2} ms",
        ms(em),
        ms(ew)
    );
    println!(
        "next slide, 120x40, 100,000 events: median {:.2} ms, worst {:.2} ms",
        ms(bm),
        ms(bw)
    );
    println!(
        "100,000 events: load median {:.0} ms; build deck + pages at 120x40 median {:.0} ms (ratio {:.2})",
        ms(median(loads.clone())),
        ms(median(decks.clone())),
        median(decks).as_secs_f64() / median(loads).as_secs_f64()
    );
}
