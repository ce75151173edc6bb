//! A keystroke's cost: handle the key and render the frame, on the example
//! and on a 100,000-event synthetic briefing. `cargo bench --bench reader`.

mod common;
use common::{bundled, synthetic};

use brief::app::{Action, App};
use brief::ui::theme::Theme;
use divan::Bencher;
use ratatui::{Terminal, backend::TestBackend};

fn main() {
    divan::main();
}

fn keystrokes(b: Bencher, mut app: App, keys: &[Action]) {
    let theme = Theme::from_env();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut drawn = Default::default();
    term.draw(|f| drawn = brief::app::view::draw(f, &app, &theme))
        .unwrap();
    app.measured(&drawn);
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

const MOVES: &[Action] = &[Action::Down, Action::Down, Action::Up];
const PANES: &[Action] = &[
    Action::Digit(3),
    Action::Down,
    Action::Digit(1),
    Action::Down,
    Action::Digit(4),
    Action::Up,
];

#[divan::bench(sample_count = 200)]
fn move_in_example(b: Bencher) {
    keystrokes(b, bundled("pakistan-afghanistan-ttp.yaml"), MOVES);
}

#[divan::bench(sample_count = 200)]
fn move_in_100k_events(b: Bencher) {
    let mut app = synthetic();
    app.update(Action::Digit(3));
    keystrokes(b, app, MOVES);
}

#[divan::bench(sample_count = 200)]
fn switch_panes_in_example(b: Bencher) {
    keystrokes(b, bundled("pakistan-afghanistan-ttp.yaml"), PANES);
}

#[divan::bench(sample_count = 200)]
fn switch_panes_in_100k_events(b: Bencher) {
    keystrokes(b, synthetic(), PANES);
}
