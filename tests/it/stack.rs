//! The reader as a stack of views: every base view with every overlay,
//! opened in either order, draws what its hint bar describes; Esc walks
//! back down the stack to the base and never leaves the briefing.

use crate::common;
use brief::app::{Action, App, Base, Effect, Overlay};
use brief::briefing::load_file;

const EXAMPLE: &str = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");

/// The example, with a save that did not load (so `e` has errors to list).
fn broken() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.yaml");
    std::fs::write(&path, EXAMPLE).unwrap();
    common::copy_sources(dir.path());
    let mut app = App::new(load_file(&path).unwrap().briefing.unwrap());
    std::fs::write(&path, "format: 1\ntitle: [broken\n").unwrap();
    common::reload(&mut app);
    assert!(app.reload_error.is_some());
    // Something said, for the message page to show whole.
    app.status = Some("A message from the last key".into());
    (dir, app)
}

/// The bases, each by the keys that open it from the overview.
const BASES: &[(&str, &[Action])] = &[
    ("overview", &[Action::Overview]),
    ("list", &[Action::Digit(2)]),
    ("detail", &[Action::Digit(2), Action::Enter]),
    ("source text", &[Action::Digit(5), Action::Enter]),
    ("matrix", &[Action::Matrix]),
    ("axis", &[Action::Axis]),
    ("map", &[Action::Map]),
];

const OVERLAYS: &[(&str, Action)] = &[
    ("search", Action::Search),
    ("help", Action::Help),
    ("errors", Action::ShowErrors),
    ("changes", Action::Changes),
    ("as-of", Action::AsOf),
    ("message", Action::Message),
];

/// What each view draws and hints when it is on top: a line of its own
/// on screen, and a hint only it gives.
fn marks(app: &App) -> (&'static str, &'static str, &'static str) {
    match (app.top(), app.base()) {
        (Some(Overlay::Search), _) => ("search", "┌ Search", "type search"),
        (Some(Overlay::Help { .. }), _) => ("help", "┌ Help", "any key close"),
        (Some(Overlay::Errors { .. }), _) => ("errors", "The last save did not load", "r reload"),
        (Some(Overlay::Changes(_)), _) => ("changes", "┌ What changed", "Tab lists"),
        (Some(Overlay::AsOf(_)), _) => ("as-of", "As of: █", "type text"),
        (Some(Overlay::Message { .. }), _) => ("message", "┌ Message", "any key close"),
        (None, Base::Overview { .. }) => ("overview", "┌ 0 Overview", "j/k move"),
        (None, Base::Panes { detail: false, .. }) => ("list", "", "j/k move"),
        (None, Base::Panes { detail: true, .. }) => ("detail", "", "follow link"),
        (None, Base::Source(r)) if r.typing => {
            ("source text search", "Search this text:", "type text")
        }
        (None, Base::Source(_)) => ("source text", "┌ Source text", "Y copy"),
        (None, Base::Picture(brief::app::view::picture::Picture::Matrix(_))) => {
            ("matrix", "┌ Who stands where", "s sort")
        }
        (None, Base::Picture(brief::app::view::picture::Picture::Axis(_))) => {
            ("axis", "┌ Time axis", "[/] pan")
        }
        (None, Base::Picture(brief::app::view::picture::Picture::Map(_))) => {
            ("map", "┌ Map", "←/→/↑/↓ pan")
        }
    }
}

/// What each base draws (the panes draw no line of their own).
const BASE_LINES: &[&str] = &[
    "┌ 0 Overview",
    "┌ Source text",
    "┌ Who stands where",
    "┌ Time axis",
    "┌ Map",
];

fn marks_of_base(app: &App) -> &'static str {
    use brief::app::view::picture::Picture;
    match app.base() {
        Base::Overview { .. } => BASE_LINES[0],
        Base::Source(_) => BASE_LINES[1],
        Base::Picture(Picture::Matrix(_)) => BASE_LINES[2],
        Base::Picture(Picture::Axis(_)) => BASE_LINES[3],
        Base::Picture(Picture::Map(_)) => BASE_LINES[4],
        Base::Panes { .. } => "",
    }
}

/// The view on top is the one drawn on top and the one the hints are
/// for: its own line is on screen and its own hint in the bar, and no
/// other view's hint is.
fn holds_together(app: &mut App, what: &str) {
    let (name, line, hint) = marks(app);
    for (w, h) in [(100, 30), (80, 24)] {
        let s = common::screen(app, w, h);
        let bar = s.lines().last().unwrap();
        assert!(
            s.contains(line),
            "{what}: {name} on top, but not drawn at {w}x{h}:\n{s}"
        );
        // One base at a time: no other base is drawn.
        let base = marks_of_base(app);
        for other in BASE_LINES {
            assert!(
                *other == base || !s.contains(other),
                "{what}: {name} on top, yet {other:?} is drawn at {w}x{h}:\n{s}"
            );
        }
        assert!(
            bar.contains(hint),
            "{what}: {name} on top, not hinted at {w}x{h}:\n{s}"
        );
        for other in [
            "type search",
            "r reload",
            "Tab lists",
            "type text",
            "follow link",
            "Y copy",
            "s sort",
            "[/] pan",
            "←/→/↑/↓ pan",
        ] {
            assert!(
                other == hint || !bar.contains(other),
                "{what}: {name} on top, yet the bar hints {other:?}:\n{s}"
            );
        }
    }
}

/// Presses `keys`; none of them may leave the briefing.
fn press(app: &mut App, keys: &[Action], what: &str) {
    for k in keys {
        let fx = app.update(*k);
        assert!(
            !fx.iter()
                .any(|e| matches!(e, Effect::Quit | Effect::ToLibrary)),
            "{what}: {k:?} left the briefing: {fx:?}"
        );
    }
}

#[test]
fn every_base_with_every_overlay_draws_what_its_hints_describe() {
    for (bname, base) in BASES {
        for (oname, overlay) in OVERLAYS {
            // The base, then the overlay over it.
            let (_d, mut a) = broken();
            let what = format!("{bname} then {oname}");
            press(&mut a, base, &what);
            holds_together(&mut a, &what);
            press(&mut a, &[*overlay], &what);
            // A source's text searches itself: `/` is its own.
            let typing = a.source_reader().is_some_and(|r| r.typing);
            assert!(a.top().is_some() || typing, "{what}: no overlay");
            holds_together(&mut a, &what);
            // The overlay first: the base's keys go to it, and whatever
            // they do, the screen and the hints agree.
            let (_d, mut a) = broken();
            let what = format!("{oname} then {bname}");
            press(&mut a, &[*overlay], &what);
            press(&mut a, base, &what);
            holds_together(&mut a, &what);
        }
    }
}

#[test]
fn esc_walks_down_the_stack_to_the_base_and_never_leaves() {
    for (bname, base) in BASES {
        for (oname, overlay) in OVERLAYS {
            let (_d, mut a) = broken();
            a.in_library = true;
            let what = format!("{bname} + {oname} + help");
            press(&mut a, base, &what);
            let was = marks(&a).0;
            press(&mut a, &[*overlay], &what);
            let typing = a.source_reader().is_some_and(|r| r.typing);
            assert_eq!(a.overlays().len(), usize::from(!typing), "{what}");
            // Help over it where the overlay lets the key through (a page
            // closes on it instead; a box being typed in takes it).
            press(&mut a, &[Action::Help], &what);
            let mut depth = a.overlays().len();
            while depth > 0 {
                press(&mut a, &[Action::Escape], &what);
                assert_eq!(
                    a.overlays().len(),
                    depth - 1,
                    "{what}: Esc takes one overlay away"
                );
                depth -= 1;
                holds_together(&mut a, &what);
            }
            if typing {
                // Esc ends the text's own search box first.
                press(&mut a, &[Action::Escape], &what);
            }
            assert_eq!(
                marks(&a).0,
                was,
                "{what}: back to the base it was opened on"
            );
            // At the base, Esc goes on stepping back and never out.
            press(&mut a, &[Action::Escape; 8], &what);
            holds_together(&mut a, &what);
        }
    }
}
