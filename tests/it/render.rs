//! The reader drawn on ratatui's TestBackend: snapshots of the screen at
//! several sizes and states (tests/snapshots/), and checks on styles.

use brief::app::{Action, App};
use brief::briefing::load_file;
use brief::ui::theme::Theme;
use ratatui::{Terminal, backend::TestBackend, style::Modifier};

fn app(name: &str) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs")
        .join(name);
    App::new(load_file(&path).unwrap().briefing.unwrap())
}

fn example() -> App {
    app("pakistan-afghanistan-ttp.yaml")
}

fn draw(app: &mut App, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut drawn = Default::default();
    t.draw(|f| drawn = brief::app::view::draw(f, app, &theme))
        .unwrap();
    app.measured(&drawn);
    t
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h, Theme::plain()).backend().to_string()
}

#[test]
fn example_120x40() {
    insta::assert_snapshot!(screen(&mut example(), 120, 40));
}

#[test]
fn example_80x24() {
    insta::assert_snapshot!(screen(&mut example(), 80, 24));
}

#[test]
fn example_30x10_is_too_small() {
    let s = screen(&mut example(), 30, 10);
    assert!(s.contains("Window too small"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn example_200x60_has_a_sources_column() {
    let s = screen(&mut example(), 200, 60);
    assert!(s.contains("5 Sources") && s.contains("4 Issues"), "{s}");
}

#[test]
fn help_overlay() {
    let mut a = example();
    a.update(Action::Help);
    insta::assert_snapshot!(screen(&mut a, 120, 40));
}

#[test]
fn search_overlay() {
    let mut a = example();
    a.update(Action::Search);
    for c in "urumqi".chars() {
        a.update(Action::SearchInput(c));
    }
    insta::assert_snapshot!(screen(&mut a, 120, 40));
}

#[test]
fn filtered_view() {
    let mut a = example();
    a.update(Action::Digit(4));
    a.update(Action::ToggleFilter);
    insta::assert_snapshot!(screen(&mut a, 120, 40));
}

#[test]
fn zoomed_pane() {
    let mut a = example();
    a.update(Action::Digit(3));
    a.update(Action::Zoom);
    insta::assert_snapshot!(screen(&mut a, 100, 30));
}

#[test]
fn detail_focused_on_a_source() {
    let mut a = app("payments-outage-exercise.yaml");
    a.update(Action::Digit(5));
    a.update(Action::Enter);
    insta::assert_snapshot!(screen(&mut a, 120, 40));
}

#[test]
fn selection_and_focus_stay_visible_without_colour() {
    let mut a = example();
    let t = draw(&mut a, 120, 40, Theme::plain());
    let buf = t.backend().buffer();
    // The selected actor's row is reversed; the focused border is bold.
    let row = (0..40)
        .find(|y| (0..40).any(|x| buf[(x, *y)].symbol() == "▶"))
        .unwrap();
    let cell = (0..40)
        .map(|x| &buf[(x, row)])
        .find(|c| c.symbol() == "P")
        .unwrap();
    assert!(cell.modifier.contains(Modifier::REVERSED));
    assert!(
        cell.fg == ratatui::style::Color::Reset,
        "no colour under NO_COLOR"
    );
}

#[test]
fn every_size_draws_without_panicking_and_keeps_the_selection() {
    let mut a = example();
    a.update(Action::Digit(3));
    a.update(Action::Bottom);
    let before = a.selected();
    for (w, h) in [
        (1, 1),
        (39, 11),
        (40, 12),
        (41, 13),
        (60, 15),
        (99, 29),
        (100, 30),
        (159, 45),
        (160, 50),
        (250, 80),
    ] {
        let s = screen(&mut a, w, h);
        assert_eq!(a.selected(), before, "resize to {w}x{h} kept the selection");
        if w >= 40 && h >= 12 {
            assert!(
                s.contains("Supreme leader"),
                "{w}x{h}: the selected event is visible\n{s}"
            );
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_screen_as_escapes() {
    let y = "title: \"T\\e]0;pwned\\a\"\nactors:\n  - id: a\n    name: \"\\e[31mred\\u202e\\x9b2J\"\n    kind: \"x\\ty\"\n";
    let r = brief::briefing::load_str(y, "t.yaml", Default::default());
    let mut a = App::new(r.briefing.unwrap());
    let t = draw(&mut a, 100, 30, Theme::plain());
    for cell in t.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut a = example();
    a.update(Action::Help);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("j/k scroll") && !s.contains("mouse "), "{s}");
    for _ in 0..120 {
        a.update(Action::Down);
    }
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("mouse "), "the last entry is reachable:\n{s}");
    a.update(Action::Escape);
    assert!(a.top().is_none());
}

fn with_overview(mut a: App) -> App {
    a.show_overview();
    a
}

#[test]
fn overview_140x50_shows_the_bottom_line_and_open_issues() {
    let s = screen(&mut with_overview(example()), 140, 50);
    for want in [
        "0 Overview",
        "Bottom line",
        "Key points",
        "Open issues, by priority",
        "By brief example",
        "PUBLIC // OPEN SOURCES",
    ] {
        assert!(s.contains(want), "{want}:\n{s}");
    }
    assert!(!s.contains("[["), "no link markup:\n{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn overview_80x24_takes_the_body() {
    let s = screen(&mut with_overview(example()), 80, 24);
    assert!(s.contains("0 Overview") && s.contains("Bottom line"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn position_rows_show_actor_and_stance_at_100x30_and_120x40() {
    for (w, h) in [(100, 30), (120, 40)] {
        let mut a = example();
        a.update(Action::Digit(2));
        let s = screen(&mut a, w, h);
        assert!(
            s.contains("− Pakistan  Officials say assurances are"),
            "{w}x{h}:\n{s}"
        );
        assert!(
            s.contains("? Afghan Taliban  According to informed"),
            "{w}x{h}:\n{s}"
        );
        insta::assert_snapshot!(format!("positions_{w}x{h}"), s);
    }
}

#[test]
fn timeline_rows_give_the_title_what_the_dates_leave() {
    let mut a = example();
    a.update(Action::Digit(3));
    let s = screen(&mut a, 120, 40);
    // The date column is as wide as the dates shown (at most a third), so
    // a title gets most of the row.
    assert!(
        s.lines().any(|l| l.contains("▶ during the past year")
            && l.contains("Border incidents cause casualties and")),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn a_long_list_says_where_the_selection_is() {
    let mut a = example();
    a.update(Action::Digit(2));
    a.update(Action::Down);
    a.update(Action::Down);
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("2 Positions (3 of 13)"), "{s}");
}

#[test]
fn an_issue_detail_lists_positions_by_actor_and_stance() {
    let mut a = example();
    a.update(Action::Digit(4));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("− Pakistan: Officials say assurances are"),
        "{s}"
    );
}

#[test]
fn help_wraps_at_60_columns_and_cuts_no_line() {
    let mut a = example();
    a.update(Action::Help);
    let s = screen(&mut a, 60, 70);
    let overlay: Vec<&str> = s
        .lines()
        .skip_while(|l| !l.contains("┌ Help"))
        .take_while(|l| !l.contains('└'))
        .collect();
    assert!(overlay.len() > 10, "{s}");
    assert!(
        overlay.iter().all(|l| !l.contains('…')),
        "nothing cut:\n{s}"
    );
    assert!(s.contains("filter other panes to linked items"), "{s}");
    insta::assert_snapshot!(s);
}

fn reading_the_quote_of_pakistans_position() -> App {
    let mut a = example();
    a.update(Action::Digit(2));
    a.update(Action::Enter);
    let n = a
        .links
        .iter()
        .position(|l| l.citation.as_ref().is_some_and(|c| c.quote.is_some()))
        .expect("a quoted citation");
    a.update(Action::FollowLink(n));
    assert!(a.source_reader().is_some());
    a
}

#[test]
fn source_reader_120x40_puts_citing_items_beside_the_text() {
    let mut a = reading_the_quote_of_pakistans_position();
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Source text"), "{s}");
    assert!(s.contains("▶ ¶3 However, Pakistani officials"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.contains("¶3") && l.contains("1 − Pakistan")),
        "the citing position stands beside its passage:\n{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn source_reader_80x24_puts_citing_items_under_the_text() {
    let mut a = reading_the_quote_of_pakistans_position();
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("▶ ¶3"), "{s}");
    assert!(
        s.lines().any(|l| l.contains("│     1 − Pakistan")),
        "the citing position stands under its passage:\n{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn the_quote_is_marked_in_the_source_text() {
    let mut a = reading_the_quote_of_pakistans_position();
    let t = draw(
        &mut a,
        120,
        40,
        Theme::with(brief::ui::theme::Palette::Dark),
    );
    let buf = t.backend().buffer();
    // The marked quote is drawn reversed, and only it.
    let marked: String = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .map(|(x, y)| &buf[(x, y)])
        .filter(|c| c.modifier.contains(Modifier::REVERSED) && c.symbol() != " ")
        .map(|c| c.symbol().to_string())
        .collect();
    assert!(
        marked.starts_with("Islamabadviewssuchassurances"),
        "{marked}"
    );
}

/// The colours a frame uses, as `fg` names.
fn colours(t: &Terminal<TestBackend>) -> std::collections::BTreeSet<String> {
    let buf = t.backend().buffer();
    buf.content()
        .iter()
        .filter(|c| c.symbol() != " ")
        .map(|c| format!("{:?}", c.fg))
        .collect()
}

#[test]
fn the_light_theme_uses_no_colour_that_fades_on_white() {
    use brief::ui::theme::Palette;
    let mut a = example();
    a.update(Action::Digit(2));
    let light = draw(&mut a, 120, 40, Theme::with(Palette::Light));
    let used = colours(&light);
    for bad in ["Yellow", "LightYellow", "White", "Cyan", "LightCyan"] {
        assert!(!used.contains(bad), "{bad} on a light background: {used:?}");
    }
    let dark = draw(&mut a, 120, 40, Theme::with(Palette::Dark));
    assert!(
        colours(&dark).contains("Cyan"),
        "the dark theme is another scheme"
    );
    let high = draw(&mut a, 120, 40, Theme::with(Palette::HighContrast));
    assert!(
        !colours(&high).contains("DarkGray"),
        "high contrast has no dim grey: {:?}",
        colours(&high)
    );
    insta::assert_debug_snapshot!("light_theme_60x20", {
        let t = draw(&mut a, 60, 20, Theme::with(Palette::Light));
        t.backend().buffer().clone()
    });
}

#[test]
fn timeline_dates_are_written_for_people() {
    let mut a = app("payments-outage-exercise.yaml");
    a.update(Action::Digit(3));
    let s = screen(&mut a, 120, 40);
    // The times are in two zones, so the list shows them in UTC; the year
    // is left out because every date shares it.
    assert!(s.contains("14 Mar 05:15Z"), "{s}");
    assert!(
        s.contains("~14 Mar 06:30Z"),
        "an approximate time keeps its ~:\n{s}"
    );
    // The list column only: the detail on the right keeps the exact form.
    let lists: String = s
        .lines()
        .map(|l| l.chars().take(67).collect::<String>())
        .collect();
    assert!(
        !lists.contains("2026-03-14T"),
        "no ISO timestamp in the list:\n{s}"
    );
    // The detail writes it as the list does (in UTC) and keeps the exact
    // form, zone and all.
    assert!(
        s.contains("Date: 14 Mar 2026 05:15Z (2026-03-14T06:15+01:00)"),
        "{s}"
    );
    // Narrow, a date written in the format is still whole; titles take
    // what is left.
    let s = screen(&mut a, 60, 20);
    assert!(
        s.contains("14 Mar 06:15Z – 07:02Z  Card authorisations"),
        "{s}"
    );
}

#[test]
fn the_header_cuts_the_subtitle_before_what_the_screen_is_showing() {
    let mut a = app("payments-outage-exercise.yaml");
    a.update(Action::AsOf);
    for c in "2026-03-14T06:25Z".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchSubmit);
    let head = |a: &mut App, w: u16| {
        let s = screen(a, w, 24);
        s.lines().nth(1).unwrap_or("").trim_matches('"').to_string()
    };
    let wide = head(&mut a, 180);
    assert!(
        wide.contains("Incident briefing for the 09:00 bridge call  · as of 14 Mar 2026 08:45Z  · seen as of 14 Mar 2026 06:25Z (◌ later; Esc clears)"),
        "{wide}"
    );
    // Narrower: the subtitle is cut, the how-to goes, the state stays whole.
    let h = head(&mut a, 100);
    assert!(
        h.contains("…  · as of 14 Mar 2026 08:45Z  · seen as of 14 Mar 2026 06:25Z"),
        "{h}"
    );
    let h = head(&mut a, 80);
    assert!(h.starts_with("Card payments outage"), "{h}");
    assert!(h.contains("…  · seen as of 14 Mar 2026 06:25Z"), "{h}");
}

#[test]
fn a_search_result_shows_its_match_whole_and_its_text_from_the_start_when_it_fits() {
    let mut a = app("pakistan-afghanistan-ttp.yaml");
    a.update(Action::Search);
    for c in "urumqi".chars() {
        a.update(Action::SearchInput(c));
    }
    let s = screen(&mut a, 80, 24);
    let rows: Vec<&str> = s.lines().filter(|l| l.contains(": ")).collect();
    assert!(rows.len() >= 4, "{s}");
    for r in &rows {
        assert!(r.contains("Urumqi"), "the match is cut in {r}");
    }
    let s = screen(&mut a, 140, 24);
    assert!(
        s.contains("text: Unnamed observers quoted on the Urumqi talks."),
        "{s}"
    );
}

/// The text drawn reversed, row by row (the selection, without colour).
fn reversed(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| &buf[(x, y)])
                .filter(|c| c.modifier.contains(Modifier::REVERSED))
                .map(|c| c.symbol())
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn every_overview_link_is_drawn_selected_when_it_is_the_one_enter_follows() {
    let mut a = example();
    a.show_overview();
    let n = a.overview.links.len();
    assert!(n > 3, "{n}");
    let mut seen = Vec::new();
    for k in 0..n {
        let t = draw(&mut a, 120, 40, Theme::plain());
        // Below the marking banner, which is drawn reversed too.
        let lit: Vec<String> = reversed(&t)
            .into_iter()
            .filter(|r| !r.contains("PUBLIC // OPEN SOURCES"))
            .collect();
        assert!(!lit.is_empty(), "link {k} is not drawn selected");
        seen.push(lit.join(" "));
        a.update(Action::Down);
    }
    seen.dedup();
    assert_eq!(seen.len(), n, "each link lit in turn: {seen:?}");
}

#[test]
fn only_the_selected_link_of_the_detail_is_marked() {
    let mut a = example();
    a.update(Action::Digit(1));
    a.update(Action::Enter);
    assert!(a.detail_focused() && a.links.len() > 3);
    let t = draw(&mut a, 120, 40, Theme::plain());
    let rows = reversed(&t);
    // The tab-less wide screen: the actor's row in its pane and the one
    // link in the detail; no blank blocks before the other links.
    let links = rows.iter().filter(|r| r.starts_with("▶ 1 ")).count();
    assert_eq!(links, 1, "{rows:?}");
    assert_eq!(rows.len(), 3, "banner, the actor's row, the link: {rows:?}");
}

#[test]
fn the_detail_and_the_overview_say_what_is_below() {
    let mut a = example();
    a.show_overview();
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("↓ ") && s.contains(" more ─┘"), "{s}");
    a.update(Action::Bottom);
    for _ in 0..80 {
        a.update(Action::ScrollPane {
            pane: None,
            down: true,
        });
    }
    let s = screen(&mut a, 80, 24);
    assert!(!s.contains(" more ─┘"), "nothing more at the end:\n{s}");
}

#[test]
fn the_detail_writes_a_time_as_its_list_row_does() {
    let yaml = "format: 1\ntitle: T\nactors:\n  - id: a\n    name: A\ntimeline:\n  - id: early\n    date: 2026-03-14T06:15+01:00\n    title: Early\n    actors: [a]\n  - id: late\n    date: 2026-03-14T09:00Z\n    title: Late\n    actors: [a]\n";
    let r = brief::briefing::load_str(yaml, "t.yaml", Default::default());
    let mut a = App::new(r.briefing.unwrap());
    a.update(Action::Digit(3));
    let s = screen(&mut a, 120, 40);
    let row = s
        .lines()
        .find(|l| l.contains("▶") && l.contains("Early"))
        .unwrap();
    assert!(row.contains("05:15Z"), "the list in UTC: {row}");
    assert!(
        s.contains("Date: 14 Mar 2026 05:15Z (2026-03-14T06:15+01:00)"),
        "the detail the same, with the time as written:\n{s}"
    );
}

#[test]
fn the_trail_names_the_paragraph_of_the_marked_quote() {
    let mut a = reading_the_quote_of_pakistans_position();
    let s = screen(&mut a, 120, 40);
    let said = a.status.clone().unwrap_or_default();
    let para = said.split(':').next().unwrap().to_string();
    assert!(para.starts_with('¶'), "{said}");
    let trail = a.breadcrumb();
    assert!(
        trail.last().unwrap().starts_with(&format!("{para} of")),
        "the trail names {para}: {trail:?}\n{s}"
    );
}

#[test]
fn a_pane_without_room_is_named_with_its_digit() {
    let mut a = example();
    a.update(Action::Digit(1));
    let s = screen(&mut a, 100, 30);
    assert!(!s.contains("┌ 5 Sources"), "no room for Sources here:\n{s}");
    assert!(s.contains("also 5 Sources (1)"), "{s}");
    // Its digit brings it into the column, and the Issues are named instead.
    a.update(Action::Digit(5));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("┌ 5 Sources") && s.contains("also 4 Issues (5)"),
        "{s}"
    );
}
