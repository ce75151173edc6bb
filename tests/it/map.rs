//! The map: `location` with coordinates (checked at line:col), markers in
//! the cells the projection says, what has no coordinates listed, the view
//! at two sizes, the "Where" slide, and a real terminal.

use crate::common;
use brief::app::view::picture::Picture;
use brief::app::{Action, App};
use common::{Pty, brief, brief_bin, screen};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/briefs/pakistan-afghanistan-ttp.yaml"
);

fn example() -> App {
    App::new(
        brief::briefing::load_file(std::path::Path::new(EXAMPLE))
            .unwrap()
            .briefing
            .unwrap(),
    )
}

#[test]
fn a_location_with_coordinates_is_checked_where_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("loc.yaml");
    std::fs::write(
        &f,
        "title: Places
actors:
  - {id: a, name: A, location: {name: Kabul, lat: 34.5, lon: 69.2}}
timeline:
  - {id: e1, date: 2026-01-01, title: One, location: {name: Urumqi, lat: 43.8, lon: 187.6}}
  - {id: e2, date: 2026-01-02, title: Two, location: {lat: 91, lon: 2}}
  - {id: e3, date: 2026-01-03, title: Three, location: Somewhere}
  - {id: e4, date: 2026-01-04, title: Four, location: {name: X, lat: north, lon: 2}}
",
    )
    .unwrap();
    let o = brief(&["check", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`187.6` is not a longitude") && err.contains("loc.yaml:5:"),
        "{err}"
    );
    assert!(
        err.contains("`91` is not a latitude") && err.contains("loc.yaml:6:"),
        "{err}"
    );
    assert!(err.contains("missing required field `name`"), "{err}");
    assert!(
        err.contains("`north` is not a latitude") && err.contains("not a number"),
        "{err}"
    );
    assert!(
        !err.contains("Somewhere"),
        "plain text is still a location: {err}"
    );
    assert!(err.contains("4 errors"), "{err}");
}

#[test]
fn markers_land_where_the_projection_says_and_the_rest_are_listed() {
    let mut a = example();
    a.update(Action::Map);
    let Some(Picture::Map(m)) = a.picture() else {
        panic!()
    };
    assert_eq!(m.located.len(), 2, "Urumqi and the frontier");
    assert_eq!(
        m.unlocated.len(),
        a.briefing.actors.len() + a.briefing.events.len() - 2
    );
    let (bounds, urumqi) = (
        m.bounds,
        m.located.iter().find(|l| l.lat > 40.0).copied().unwrap(),
    );
    let (s, drawn) = crate::common::drawn(&mut a, 120, 40);
    // The map's canvas: inside the frame, left of the 24-column strip.
    let r = drawn.layout.picture.unwrap();
    let (w, h) = (r.width - 2 - 24, r.height - 2);
    let (x, y) = bounds.cell(urumqi.lon, urumqi.lat, w, h).unwrap();
    let row: Vec<char> = s
        .lines()
        .nth((r.y + 1 + y) as usize)
        .unwrap()
        .chars()
        .collect();
    // Each screen line is quoted: one character before the first cell.
    assert_eq!(row[(r.x + 1 + x) as usize + 1], '●', "{s}");
    assert!(
        s.contains("● Urumqi") && s.contains("Not on the map (17)"),
        "{s}"
    );
    insta::assert_snapshot!(s);
    a.update(Action::Down);
    insta::assert_snapshot!("map_80x24", screen(&mut a, 80, 24));
}

#[test]
fn keys_walk_the_markers_pan_zoom_and_follow() {
    let mut a = example();
    a.update(Action::Map);
    let first = a.selected().unwrap();
    a.update(Action::Down);
    let second = a.selected().unwrap();
    assert_ne!(first, second);
    assert!(a.briefing.coords(second).is_some());
    let bounds = |a: &App| match a.picture() {
        Some(Picture::Map(m)) => m.bounds,
        _ => panic!(),
    };
    let b0 = bounds(&a);
    a.update(Action::ZoomIn);
    let b1 = bounds(&a);
    assert!(b1.x[1] - b1.x[0] < b0.x[1] - b0.x[0]);
    a.update(Action::PanLeft);
    assert!(bounds(&a).x[0] < b1.x[0]);
    a.update(Action::PanUp);
    a.update(Action::Fit);
    assert_eq!(bounds(&a), b0);
    a.update(Action::Enter);
    assert!(a.picture().is_none() && a.detail_focused());
    assert_eq!(a.selected(), Some(second));
}

#[test]
fn where_is_a_slide_when_two_items_are_located() {
    let a = example();
    let theme = brief::ui::theme::Theme::plain();
    let slides = brief::present::deck::build(&a.briefing, &theme);
    let at = slides
        .iter()
        .position(|s| s.title == "Where")
        .expect("a Where slide");
    let pages = brief::present::deck::paginate(&slides, 100, 26, &theme);
    let mine: Vec<_> = pages.iter().filter(|p| p.slide == at).collect();
    let map: String = mine[0].lines.iter().map(|l| l.to_string() + "\n").collect();
    assert!(map.contains("● Urumqi"), "{map}");
    let all: String = mine
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.to_string() + "\n"))
        .collect();
    assert!(
        all.contains("Urumqi, China — Pakistan–Taliban talks in Urumqi"),
        "{all}"
    );
    // The outage exercise has no coordinates: no slide.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/payments-outage-exercise.yaml");
    let b = brief::briefing::load_file(&path).unwrap().briefing.unwrap();
    assert!(
        !brief::present::deck::build(&b, &theme)
            .iter()
            .any(|s| s.title == "Where")
    );
}

#[test]
fn the_map_in_a_real_terminal() {
    let mut t = Pty::spawn(brief_bin(), &[EXAMPLE], 120, 40);
    t.wait_for("0 Overview");
    t.keys(&["M"]);
    let s = t.wait_for("Not on the map");
    assert!(s.contains("Map · 2 located"), "{s}");
    t.keys(&["j"]);
    t.wait_for("event · urumqi-talks");
    t.keys(&["\r"]);
    let s = t.wait_for("3 Timeline");
    assert!(
        !s.contains("Not on the map") && s.contains("event · urumqi-talks"),
        "{s}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// Every picture, at the smallest sizes the reader draws and a few more,
/// after every key it takes, on briefings with nothing to draw, with
/// places at the poles and the date line, and with events at one instant.
#[test]
fn every_picture_draws_at_every_size_after_every_key() {
    let odd = "title: Odd
actors:
  - {id: n, name: North, location: {name: Pole, lat: 90, lon: 180}}
  - {id: s, name: South, location: {name: South pole, lat: -90, lon: -180}}
  - {id: z, name: Zero, location: {name: Null Island, lat: 0, lon: 0}}
issues:
  - {id: i, title: An issue}
positions:
  - {actor: n, issue: i, stance: Yes}
timeline:
  - {id: a, date: 2026-01-01T00:00Z, title: Same}
  - {id: b, date: 2026-01-01T00:00Z, title: Same too}
  - {id: c, date: ../2026, title: Open}
  - {id: d, date: 0001/9999, title: Forever}
";
    let empty = "title: Empty\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/x.yaml");
    let load = |t: &str| {
        brief::briefing::load::load_str_for(t, "x.yaml", path.clone(), None)
            .briefing
            .unwrap()
    };
    let briefings = [load(odd), load(empty), example().briefing.as_ref().clone()];
    let keys = [
        Action::Down,
        Action::Right,
        Action::ZoomIn,
        Action::ZoomIn,
        Action::PanLeft,
        Action::PanUp,
        Action::PanDown,
        Action::PanRight,
        Action::ZoomOut,
        Action::ZoomOut,
        Action::ZoomOut,
        Action::Left,
        Action::Up,
        Action::Fit,
        Action::CycleSort,
        Action::HideEmpty,
        Action::Bottom,
        Action::Top,
    ];
    for b in &briefings {
        for open in [Action::Matrix, Action::Axis, Action::Map] {
            for (w, h) in [
                (40, 12),
                (41, 13),
                (60, 20),
                (80, 24),
                (99, 29),
                (100, 30),
                (250, 80),
            ] {
                let mut a = App::new(b.clone());
                a.update(open);
                screen(&mut a, w, h);
                for k in keys {
                    a.update(k);
                    screen(&mut a, w, h);
                }
            }
        }
        // And every slide at small sizes.
        let theme = brief::ui::theme::Theme::plain();
        let slides = brief::present::deck::build(b, &theme);
        for (w, h) in [(1, 1), (10, 3), (40, 10), (60, 10), (61, 11)] {
            brief::present::deck::paginate(&slides, w, h, &theme);
        }
    }
}

#[test]
fn an_inland_view_has_degrees_along_its_edges() {
    let mut a = brief::app::App::new(
        brief::briefing::load_file(std::path::Path::new("briefs/pakistan-afghanistan-ttp.yaml"))
            .unwrap()
            .briefing
            .unwrap(),
    );
    a.update(brief::app::Action::Map);
    let s = crate::common::screen(&mut a, 120, 40);
    let bottom = s
        .lines()
        .rev()
        .find(|l| l.contains("°E"))
        .unwrap_or_default();
    assert!(
        bottom.contains("60°E") && bottom.contains("70°E"),
        "longitudes along the bottom:\n{s}"
    );
    assert!(
        s.contains("│30°N") || s.contains("│40°N"),
        "latitudes on the left:\n{s}"
    );
}
