//! A frame of each picture, on a bundled briefing and on a synthetic
//! 100,000-event one: the stance matrix and the time axis draw what the
//! screen holds (the axis counts per column what it cannot draw), so the
//! large one should cost about the same. `cargo bench --bench pictures`.

mod common;
use common::{bundled, synthetic};

use brief::app::{Action, App};
use brief::ui::theme::Theme;
use divan::Bencher;
use ratatui::{Terminal, backend::TestBackend};

fn main() {
    divan::main();
}

/// A key in the open picture, then the frame.
fn frames(b: Bencher, mut app: App, open: Action, keys: &[Action]) {
    let theme = Theme::from_env();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut drawn = Default::default();
    term.draw(|f| drawn = brief::app::view::draw(f, &app, &theme))
        .unwrap();
    app.measured(&drawn);
    app.update(open);
    let mut n = 0usize;
    b.bench_local(|| {
        app.update(keys[n % keys.len()]);
        n += 1;
        term.draw(|f| {
            brief::app::view::draw(f, &app, &theme);
        })
        .unwrap();
    });
}

const CELLS: &[Action] = &[Action::Right, Action::Down, Action::Left, Action::Up];
const EVENTS: &[Action] = &[Action::Right, Action::Right, Action::Left];

#[divan::bench(sample_count = 100)]
fn matrix_example(b: Bencher) {
    frames(
        b,
        bundled("pakistan-afghanistan-ttp.yaml"),
        Action::Matrix,
        CELLS,
    );
}

#[divan::bench(sample_count = 100)]
fn matrix_100k_events(b: Bencher) {
    frames(b, synthetic(), Action::Matrix, CELLS);
}

/// The bundled example's events have no dates (its article gives none):
/// the outage exercise is the axis's baseline.
#[divan::bench(sample_count = 100)]
fn axis_exercise(b: Bencher) {
    frames(
        b,
        bundled("payments-outage-exercise.yaml"),
        Action::Axis,
        EVENTS,
    );
}

#[divan::bench(sample_count = 100)]
fn map_example(b: Bencher) {
    frames(
        b,
        bundled("pakistan-afghanistan-ttp.yaml"),
        Action::Map,
        MARKERS,
    );
}

/// Every event of the synthetic briefing given a place on the map.
#[divan::bench(sample_count = 100)]
fn map_100k_located(b: Bencher) {
    let mut text = brief::synth::briefing_yaml(100_000);
    let mut n = 0u64;
    while let Some(at) = text.find("    location: Place ") {
        let end = at + text[at..].find('\n').unwrap_or(0);
        n += 1;
        let (lat, lon) = ((n * 37 % 140) as f64 - 70.0, (n * 53 % 340) as f64 - 170.0);
        text.replace_range(
            at..end,
            &format!("    location: {{name: Place {n}, lat: {lat}, lon: {lon}}}"),
        );
    }
    let app = App::new(
        brief::briefing::load_str(&text, "synth.yaml", Default::default())
            .briefing
            .unwrap(),
    );
    frames(b, app, Action::Map, MARKERS);
}

const MARKERS: &[Action] = &[Action::Down, Action::Down, Action::Up];

/// All 100,000 in view: counts per column.
#[divan::bench(sample_count = 100)]
fn axis_100k_events_all_in_view(b: Bencher) {
    frames(b, synthetic(), Action::Axis, EVENTS);
}

/// Zoomed in far enough to draw events one by one.
#[divan::bench(sample_count = 100)]
fn axis_100k_events_zoomed(b: Bencher) {
    let mut app = synthetic();
    app.update(Action::Axis);
    for _ in 0..10 {
        app.update(Action::ZoomIn);
    }
    frames(b, app, Action::Tick, EVENTS);
}

/// Zoomed in on a minute beside a millennium-long event: only the columns
/// on screen are drawn, so this should cost what the exercise's axis does
/// (drawing every column of the span took about a second a frame).
#[divan::bench(sample_count = 100)]
fn axis_a_minute_beside_a_millennium(b: Bencher) {
    let text = "title: Zoom
timeline:
  - {id: long, date: 1000/2026, title: A millennium}
  - {id: year, date: 2026, title: A year}
  - {id: open, date: ../2026, title: Open at the start}
  - {id: t, date: 2026-03-14T06:15Z, title: A minute}
";
    let mut app = App::new(
        brief::briefing::load_str(text, "zoom.yaml", Default::default())
            .briefing
            .unwrap(),
    );
    app.update(Action::Axis);
    app.update(Action::Bottom);
    for _ in 0..40 {
        app.update(Action::ZoomIn);
    }
    frames(b, app, Action::Tick, EVENTS);
}
