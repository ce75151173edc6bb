//! Presenting: the deck built from the data, pages that never cut content,
//! clicker keys, and notes that never reach the audience's screen.

use brief::app::{Action, App};
use brief::briefing::{Briefing, load_file};
use brief::present::{PAction, Presenter, deck::SlideKind};
use brief::ui::theme::Theme;
use ratatui::{Terminal, backend::TestBackend};
use std::time::Duration;

fn briefing(name: &str) -> Briefing {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs")
        .join(name);
    load_file(&path).unwrap().briefing.unwrap()
}

fn presenter(b: &Briefing, w: u16, h: u16) -> Presenter {
    let mut p = Presenter::new(b, Theme::plain());
    p.layout(w, h);
    p
}

fn screen(p: &Presenter, b: &Briefing, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| brief::present::view::draw(f, p, b, &Theme::plain(), Duration::from_secs(754)))
        .unwrap();
    t.backend().to_string()
}

#[test]
fn default_order_is_title_bottom_line_issues_by_status_and_priority_then_lists() {
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let p = presenter(&b, 120, 40);
    let kinds: Vec<SlideKind> = p.slides.iter().map(|s| s.kind).collect();
    assert_eq!(kinds[0], SlideKind::Title);
    assert_eq!(kinds[1], SlideKind::BottomLine);
    let issues: Vec<&str> = p
        .slides
        .iter()
        .filter_map(|s| match s.kind {
            SlideKind::Issue(i) => Some(b.issues[i].id.as_str()),
            _ => None,
        })
        .collect();
    // Open before watching; high before medium; file order within.
    assert_eq!(
        issues,
        [
            "verifiable-action",
            "ttp-sanctuary",
            "regional-groups",
            "dialogue",
            "border-security"
        ]
    );
    assert_eq!(
        &kinds[kinds.len() - 3..],
        &[SlideKind::Actors, SlideKind::Timeline, SlideKind::Sources]
    );
}

#[test]
fn a_deck_gives_the_order_and_item_slides() {
    let b = briefing("payments-outage-exercise.yaml");
    let p = presenter(&b, 120, 40);
    let titles: Vec<&str> = p.slides.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Card payments outage — exercise CIRRUS",
            "Bottom line",
            "Who stands where",
            "Refund declined-then-retried customers?",
            "Freeze automated certificate rotation?",
            "Card authorisations failing",
            "Card gateway cluster",
            "Public status page history",
        ]
    );
}

#[test]
fn pages_never_cut_content_at_any_size() {
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let tall = presenter(&b, 120, 400);
    for (w, h) in [(80, 24), (120, 40), (200, 60), (60, 16)] {
        let p = presenter(&b, w, h);
        let g = brief::present::view::Geometry::new(w, h, true, false);
        for page in &p.pages {
            assert!(
                page.lines.len() <= g.body.height as usize,
                "{w}x{h}: a page overflows"
            );
        }
        // Every item shown on the one-page layout is on some page here.
        for page in &tall.pages {
            for item in &page.items {
                assert!(p.find(*item).is_some(), "{w}x{h}: {item:?} lost");
            }
        }
        // The matrix repeats its titles on each page and cuts them to its
        // columns, the map labels what fits: tests/matrix.rs and
        // tests/map.rs check their words.
        let words = |p: &Presenter| -> usize {
            p.pages
                .iter()
                .filter(|pg| !matches!(p.slides[pg.slide].kind, SlideKind::Matrix | SlideKind::Map))
                .flat_map(|pg| pg.lines.iter())
                .map(|l| l.to_string().split_whitespace().count())
                .sum()
        };
        if w >= 120 {
            assert_eq!(
                words(&p),
                words(&tall),
                "{w}x{h}: the same words, only cut into pages"
            );
        }
    }
    let small = presenter(&b, 80, 24);
    let cont = small
        .pages
        .iter()
        .find(|p| p.parts > 1)
        .expect("a continuation at 80x24");
    assert!(
        cont.title(&small.slides)
            .ends_with(&format!("{}/{}", cont.part + 1, cont.parts))
    );
}

#[test]
fn clicker_keys() {
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let mut p = presenter(&b, 120, 40);
    let n = p.pages.len();
    p.update(PAction::Next);
    p.update(PAction::Next);
    assert_eq!(p.current, 2);
    p.update(PAction::Prev);
    assert_eq!(p.current, 1);
    p.update(PAction::Last);
    assert_eq!(p.current, n - 1);
    p.update(PAction::Next);
    assert_eq!(p.current, n - 1, "stays on the last slide");
    p.update(PAction::First);
    p.update(PAction::Prev);
    assert_eq!(p.current, 0);
    // A number then Enter, or then G.
    p.update(PAction::Digit(1));
    p.update(PAction::Digit(0));
    p.update(PAction::Enter);
    assert_eq!(p.current, 9);
    p.update(PAction::Digit(3));
    p.update(PAction::GotoOrLast);
    assert_eq!(p.current, 2);
    p.update(PAction::Enter);
    assert_eq!(p.current, 3, "Enter alone is next");
    // Blank, then any key brings it back without moving.
    p.update(PAction::Blank);
    assert!(p.blank);
    let blank = screen(&p, &b, 80, 24);
    assert!(
        !blank.chars().any(|c| c.is_alphanumeric()),
        "a blank screen shows nothing:\n{blank}"
    );
    p.update(PAction::Dismiss);
    assert!(!p.blank);
    assert_eq!(p.current, 3);
    // The index picks a slide.
    p.update(PAction::Index);
    p.update(PAction::Next);
    p.update(PAction::Next);
    p.update(PAction::Enter);
    assert_eq!(p.current, 5);
}

#[test]
fn clicker_keys_map_to_the_right_actions() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let p = presenter(&b, 120, 40);
    let key = |c: KeyCode| brief::present::keys::action(&p, KeyEvent::new(c, KeyModifiers::NONE));
    assert_eq!(key(KeyCode::PageDown), Some(PAction::Next));
    assert_eq!(key(KeyCode::PageUp), Some(PAction::Prev));
    assert_eq!(key(KeyCode::F(5)), Some(PAction::RestartClock));
    assert_eq!(key(KeyCode::Esc), Some(PAction::Leave));
    assert_eq!(key(KeyCode::Char('.')), Some(PAction::Blank));
    assert_eq!(key(KeyCode::Char('b')), Some(PAction::Blank));
    assert_eq!(key(KeyCode::Char(' ')), Some(PAction::Next));
    assert_eq!(key(KeyCode::Backspace), Some(PAction::Prev));
}

#[test]
fn notes_are_never_on_the_audience_screen_but_in_the_rehearsal_strip() {
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let mut p = presenter(&b, 120, 40);
    let timeline = p
        .pages
        .iter()
        .position(|pg| p.slides[pg.slide].kind == SlideKind::Timeline)
        .unwrap();
    p.current = timeline;
    let notes = p.notes(&b, timeline);
    assert!(
        notes.iter().any(|(name, _)| name.contains("Urumqi")),
        "{notes:?}"
    );
    let audience = screen(&p, &b, 120, 40);
    assert!(
        !audience.contains("The year is not given"),
        "notes leaked:\n{audience}"
    );
    p.update(PAction::ToggleNotes);
    p.layout(120, 40);
    let rehearsal = screen(&p, &b, 120, 40);
    assert!(rehearsal.contains("The year is not given"), "{rehearsal}");
    assert!(rehearsal.contains("Next: Sources"), "{rehearsal}");
    assert!(
        rehearsal.contains(" Speaker notes — only on this screen while rehearsing (n hides) "),
        "{rehearsal}"
    );
    // Too narrow for the whole title, the short one, never cut mid-word.
    p.layout(60, 20);
    let narrow = screen(&p, &b, 60, 20);
    assert!(narrow.contains(" Speaker notes (n hides) "), "{narrow}");
    assert!(!narrow.contains("rehearsing"), "{narrow}");
}

#[test]
fn p_in_the_reader_starts_at_the_selected_item_and_esc_returns_unchanged() {
    let mut app = App::new(briefing("pakistan-afghanistan-ttp.yaml"));
    app.update(Action::Digit(4));
    app.update(Action::Down);
    let before = app.selected();
    let mut p = crate::common::present(&mut app).expect("a presentation");
    assert_eq!(
        p.slides[p.pages[p.current].slide].title,
        "TTP presence on Afghan soil"
    );
    p.update(PAction::Next);
    p.update(PAction::Leave);
    assert!(p.leave);
    assert!(app.top().is_none());
    assert_eq!(app.selected(), before);
}

#[test]
fn footer_shows_position_progress_and_clock_which_t_hides() {
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let mut p = presenter(&b, 120, 40);
    p.update(PAction::Next);
    let s = screen(&p, &b, 120, 40);
    assert!(
        s.contains(&format!("2/{}", p.pages.len())) && s.contains("12:34"),
        "{s}"
    );
    p.update(PAction::ToggleClock);
    assert!(!screen(&p, &b, 120, 40).contains("12:34"));
    p.update(PAction::ToggleFooter);
    p.layout(120, 40);
    assert!(!screen(&p, &b, 120, 40).contains(&format!("2/{}", p.pages.len())));
}

#[test]
fn a_save_that_did_not_load_is_said_whole_in_the_footer_until_a_key() {
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let why = "⚠ Last save not loaded: the source text `sources/pakistan-afghanistan-ttp.txt` \
               cannot be used: it could not be read (Too many open files (os error 24))";
    let joined = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (w, h) in [(120, 40), (80, 24)] {
        let mut p = presenter(&b, w, h);
        p.update(PAction::Next);
        p.notice = Some(why.into());
        let s = screen(&p, &b, w, h);
        // Wrapped over the page's last lines, the cause included.
        assert!(
            joined(&s).contains("(Too many open files (os error 24))"),
            "{w}x{h}:\n{s}"
        );
        assert!(!s.contains('…'), "{w}x{h}: nothing cut:\n{s}");
        p.update(PAction::Next);
        let s = screen(&p, &b, w, h);
        assert!(!s.contains("Last save"), "{w}x{h}: a key clears it:\n{s}");
    }
    // Where three lines cannot hold it, the last says it was cut.
    let mut p = presenter(&b, 60, 20);
    p.notice = Some(format!("{why} {why}"));
    let s = screen(&p, &b, 60, 20);
    let rows: Vec<&str> = s.lines().collect();
    let first = rows.iter().position(|l| l.contains("Last save")).unwrap();
    // The footer's row is the one above the marking's banner.
    assert_eq!(
        first,
        rows.len() - 2 - 2,
        "three lines, the last the footer's:\n{s}"
    );
    assert!(rows[rows.len() - 2].contains('…'), "{s}");
    // A hidden footer comes back to say it, and goes again with a key.
    let mut p = presenter(&b, 120, 40);
    p.update(PAction::ToggleFooter);
    p.layout(120, 40);
    p.notice = Some(why.into());
    let s = screen(&p, &b, 120, 40);
    assert!(
        joined(&s).contains("(Too many open files (os error 24))"),
        "{s}"
    );
    p.update(PAction::Next);
    let s = screen(&p, &b, 120, 40);
    assert!(!s.contains("Last save") && !s.contains("2/"), "{s}");
    // A short one stays on the footer's line beside the progress gauge.
    let mut p = presenter(&b, 120, 40);
    p.notice = Some("⚠ Last save not loaded: b.yaml: line 3".into());
    let s = screen(&p, &b, 120, 40);
    let line = s.lines().find(|l| l.contains("Last save")).unwrap();
    assert!(
        line.contains("1/") && line.contains("line 3") && line.contains('─'),
        "{s}"
    );
}

fn snapshot_all(name: &str, w: u16, h: u16) {
    let b = briefing(name);
    let p0 = presenter(&b, w, h);
    let mut seen = std::collections::HashSet::new();
    for n in 0..p0.pages.len() {
        let mut p = presenter(&b, w, h);
        p.current = n;
        let page = &p.pages[n];
        // One snapshot per slide kind, plus the first continuation.
        let kind = match p.slides[page.slide].kind {
            SlideKind::Item(r) => format!("Item-{}", r.kind.noun()),
            k => format!("{k:?}").split('(').next().unwrap().to_string(),
        };
        let key = if page.part > 0 {
            format!("{kind}-continued")
        } else {
            kind
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        let stem = name.split('-').next().unwrap();
        insta::assert_snapshot!(
            format!("present_{stem}_{w}x{h}_{key}"),
            screen(&p, &b, w, h)
        );
    }
}

#[test]
fn snapshots_of_every_slide_kind() {
    snapshot_all("pakistan-afghanistan-ttp.yaml", 120, 40);
    snapshot_all("pakistan-afghanistan-ttp.yaml", 80, 24);
    snapshot_all("payments-outage-exercise.yaml", 120, 40);
    snapshot_all("payments-outage-exercise.yaml", 80, 24);
}

#[test]
fn every_screen_draws_at_every_tiny_size_without_panicking() {
    use brief::app::{Action, App};
    use brief::library::Library;
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs");
    let lib = Library::open(&dir).unwrap();
    for (w, h) in [
        (0, 0),
        (1, 0),
        (0, 1),
        (80, 0),
        (0, 24),
        (1, 1),
        (5, 2),
        (10, 3),
        (200, 1),
    ] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        // Every slide, with every strip on.
        let mut p = presenter(&b, w, h);
        p.update(brief::present::PAction::ToggleNotes);
        for n in 0..p.pages.len() {
            p.current = n;
            t.draw(|f| brief::present::view::draw(f, &p, &b, &Theme::plain(), Duration::ZERO))
                .unwrap();
        }
        p.update(brief::present::PAction::Index);
        t.draw(|f| brief::present::view::draw(f, &p, &b, &Theme::plain(), Duration::ZERO))
            .unwrap();
        // A notice wrapped over the slide, and on the notes screen.
        p.update(brief::present::PAction::Index);
        p.notice = Some("⚠ Last save not loaded: a reason long enough to wrap ".repeat(4));
        t.draw(|f| brief::present::view::draw(f, &p, &b, &Theme::plain(), Duration::ZERO))
            .unwrap();
        let state = (
            brief::present::notes::State::of(&p, &b),
            std::time::Instant::now(),
        );
        t.draw(|f| {
            brief::present::notes_view::draw(f, &Theme::plain(), "b.yaml", true, None, Some(&state))
        })
        .unwrap();
        // The reader in each view, the library, the notes screen.
        let mut a = App::new(b.clone());
        for action in [
            Action::Overview,
            Action::Digit(2),
            Action::Help,
            Action::Escape,
            Action::Digit(5),
            Action::Enter,
        ] {
            a.update(action);
            let mut drawn = Default::default();
            t.draw(|f| drawn = brief::app::view::draw(f, &a, &Theme::plain()))
                .unwrap();
            a.measured(&drawn);
        }
        t.draw(|f| brief::ui::library::draw(f, &lib, &Theme::plain()))
            .unwrap();
        t.draw(|f| {
            brief::present::notes_view::draw(f, &Theme::plain(), "b.yaml", true, None, None)
        })
        .unwrap();
    }
}

/// The notes listener shows what the slides' footer says (a save that did
/// not load), whole and above the next slide's title, and nothing once a
/// key has cleared it.
#[test]
fn the_notes_screen_says_what_the_footer_says() {
    use brief::present::notes::State;
    let b = briefing("pakistan-afghanistan-ttp.yaml");
    let mut p = presenter(&b, 120, 40);
    let why = "⚠ Last save not loaded: the source text `sources/pakistan-afghanistan-ttp.txt` \
               cannot be used: it could not be read (Too many open files (os error 24))";
    p.notice = Some(why.into());
    let notes = |p: &Presenter, w: u16, h: u16| {
        let state = (State::of(p, &b), std::time::Instant::now());
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| {
            brief::present::notes_view::draw(f, &Theme::plain(), "b.yaml", true, None, Some(&state))
        })
        .unwrap();
        t.backend().to_string()
    };
    let s = notes(&p, 80, 24);
    let words = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("(Too many open files (os error 24))"), "{s}");
    let rows: Vec<&str> = s.lines().collect();
    assert!(rows[rows.len() - 1].contains("Next: Bottom line"), "{s}");
    assert!(
        rows[rows.len() - 2].contains("(os error 24))"),
        "just above Next:\n{s}"
    );
    // A state from a presenter of an older brief has no notice: it reads.
    let old: State = serde_json::from_str(
        r#"{"slide":1,"total":2,"title":"T","next":null,"notes":[],"elapsed_ms":0,"clock":true}"#,
    )
    .unwrap();
    assert_eq!(old.notice, None);
    p.update(PAction::Next);
    let s = notes(&p, 80, 24);
    assert!(!s.contains("Last save"), "{s}");
}

#[test]
fn question_mark_in_a_presentation_lists_its_keys_over_the_slide() {
    let mut app = App::new(briefing("pakistan-afghanistan-ttp.yaml"));
    let mut p = crate::common::present(&mut app).unwrap();
    p.update(PAction::Help);
    let b = &app.briefing;
    let s = crate::common::presenting(&mut p, b, 100, 40);
    assert!(s.contains("Presenting (any key closes)"), "{s}");
    // From the keymap: the reload key and what it does.
    assert!(s.contains("reload the file"), "{s}");
    assert!(s.contains("Help"), "{s}");
    // Too small for a slide: the note, and no help drawn over it.
    let s = crate::common::presenting(&mut p, b, 19, 5);
    assert!(s.contains("Window too") && !s.contains("Help"), "{s}");
    // Any key closes it.
    p.update(PAction::Dismiss);
    let s = crate::common::presenting(&mut p, b, 100, 40);
    assert!(!s.contains("Presenting (any key closes)"), "{s}");
}

#[test]
fn p_on_a_position_opens_the_slide_that_writes_its_stance_out() {
    let mut app = App::new(briefing("pakistan-afghanistan-ttp.yaml"));
    app.update(Action::Digit(2));
    for n in 0..app.briefing.positions.len() {
        let pos = app.selected().unwrap();
        let stance = app.briefing.positions[pos.index].stance.clone();
        let mut p = crate::common::present(&mut app).expect("a slide");
        let s = crate::common::presenting(&mut p, &app.briefing, 120, 40);
        let words: String = stance
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            s.contains(&words),
            "position {n}: the slide does not write {words:?} out:\n{s}"
        );
        assert!(!s.contains("Who stands where"), "not the matrix:\n{s}");
        app.update(Action::Down);
    }
}
