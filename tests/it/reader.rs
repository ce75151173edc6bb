//! The reader's state without a terminal: navigation, links, filters, the
//! jump list and search, on the bundled example.

use brief::app::{Action, App, Effect, Overlay, Pane};
use brief::briefing::{ItemRef, Kind, load_file};

fn app() -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/pakistan-afghanistan-ttp.yaml");
    App::new(load_file(&path).unwrap().briefing.unwrap())
}

fn id(app: &App, r: Option<ItemRef>) -> String {
    r.map(|r| app.briefing.id(r).to_string())
        .unwrap_or_default()
}

fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

#[test]
fn starts_on_the_first_actor_with_its_links_lit() {
    let a = app();
    assert_eq!(a.focus, Pane::Actors);
    assert_eq!(id(&a, a.selected()), "pakistan");
    let issue = a.briefing.lookup("verifiable-action").unwrap();
    let position = a.briefing.lookup("pakistan-on-verifiable-action").unwrap();
    let event = a.briefing.lookup("urumqi-talks").unwrap();
    let etim = a.briefing.lookup("etim").unwrap();
    assert!(a.is_related(issue) && a.is_related(position) && a.is_related(event));
    assert!(!a.is_related(etim), "ETIM is not linked to Pakistan");
}

#[test]
fn moving_changes_the_selection_and_the_highlights() {
    let mut a = app();
    press(&mut a, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!(id(&a, a.selected()), "afghan-taliban");
    press(&mut a, &[Action::Bottom]);
    assert_eq!(id(&a, a.selected()), "analysts");
    press(&mut a, &[Action::Down]);
    assert_eq!(id(&a, a.selected()), "analysts", "stops at the end");
    press(&mut a, &[Action::Top, Action::Up]);
    assert_eq!(id(&a, a.selected()), "pakistan");
    press(&mut a, &[Action::Digit(4)]);
    assert_eq!(a.focus, Pane::Issues);
    let issue = a.selected().unwrap();
    // An issue lights up every actor with a position on it.
    for actor in ["pakistan", "afghan-taliban", "analysts"] {
        assert!(a.is_related(a.briefing.lookup(actor).unwrap()), "{actor}");
    }
    assert_eq!(a.briefing.id(issue), "verifiable-action");
}

#[test]
fn following_links_records_jumps_and_back_returns() {
    let mut a = app();
    press(&mut a, &[Action::Enter]);
    assert!(a.detail_focused());
    let n = a
        .links
        .iter()
        .position(|l| a.briefing.id(l.target) == "pakistan-on-ttp-sanctuary")
        .unwrap();
    for _ in 0..n {
        a.update(Action::Down);
    }
    a.update(Action::Enter);
    assert_eq!(a.focus, Pane::Positions);
    assert_eq!(id(&a, a.selected()), "pakistan-on-ttp-sanctuary");
    // Link 2 of a position is its issue.
    press(&mut a, &[Action::Enter, Action::Digit(2)]);
    assert_eq!(id(&a, a.selected()), "ttp-sanctuary");
    assert_eq!(
        a.breadcrumb(),
        vec![
            "Pakistan",
            "Pakistan → TTP presence on Afghan soil",
            "TTP presence on Afghan soil"
        ]
    );
    a.update(Action::Back);
    assert_eq!(id(&a, a.selected()), "pakistan-on-ttp-sanctuary");
    a.update(Action::Back);
    assert_eq!(id(&a, a.selected()), "pakistan");
    assert_eq!(a.focus, Pane::Actors);
    a.update(Action::Back);
    assert_eq!(id(&a, a.selected()), "pakistan", "nothing older");
    a.update(Action::Forward);
    a.update(Action::Forward);
    assert_eq!(id(&a, a.selected()), "ttp-sanctuary");
}

#[test]
fn filter_shows_only_linked_items_and_esc_clears_it() {
    let mut a = app();
    press(&mut a, &[Action::Digit(4), Action::ToggleFilter]);
    assert!(a.filter.is_some());
    assert_eq!(
        a.rows(Pane::Actors).len(),
        5,
        "pakistan, afghan-taliban, ttp, analysts, regional-officials"
    );
    assert_eq!(a.rows(Pane::Positions).len(), 4);
    assert_eq!(
        a.rows(Pane::Issues).len(),
        5,
        "the focused pane is never filtered"
    );
    // Moving does not change what it filters to; f on another item does.
    a.update(Action::Down);
    assert_eq!(a.rows(Pane::Positions).len(), 4);
    a.update(Action::ToggleFilter);
    assert_eq!(
        a.rows(Pane::Positions).len(),
        3,
        "ttp-sanctuary has three positions"
    );
    a.update(Action::Escape);
    assert!(a.filter.is_none());
    assert_eq!(a.rows(Pane::Actors).len(), 11);
}

#[test]
fn a_filter_keeps_to_its_item_in_every_pane_until_cleared() {
    let mut a = app();
    press(&mut a, &[Action::Digit(1), Action::ToggleFilter]);
    let pakistan = a.selected().unwrap();
    let of_pakistan = a
        .briefing
        .positions
        .iter()
        .filter(|p| p.actor == pakistan.index)
        .count();
    // To the positions: only Pakistan's, and still after moving there.
    press(&mut a, &[Action::Digit(2)]);
    assert_eq!(a.rows(Pane::Positions).len(), of_pakistan);
    press(&mut a, &[Action::Down, Action::Digit(3), Action::Digit(4)]);
    assert_eq!(a.filter, Some(pakistan));
    assert!(a.rows(Pane::Positions).len() == of_pakistan);
    let s = crate::common::screen(&mut a, 120, 40);
    assert!(s.contains("[filter: linked to Pakistan]"), "{s}");
    // Its own pane lists every actor.
    press(&mut a, &[Action::Digit(1)]);
    assert_eq!(a.rows(Pane::Actors).len(), 11);
    press(&mut a, &[Action::ToggleFilter]);
    assert!(a.filter.is_none());
    assert_eq!(a.rows(Pane::Positions).len(), 13);
}

#[test]
fn s_shows_the_sources_of_any_item_and_source_backlinks() {
    let mut a = app();
    a.update(Action::Sources);
    assert_eq!(a.focus, Pane::Sources);
    assert_eq!(a.rows(Pane::Sources).len(), 1);
    assert_eq!(id(&a, a.selected()), "article");
    // The pane's label names the item; the message says what comes next.
    assert_eq!(
        a.status.as_deref(),
        Some("1 source — Enter opens it, Esc lists every source")
    );
    // A source's detail lists everything that cites it.
    let cited_by = a.links.iter().filter(|l| l.section == "Cited by").count();
    assert!(cited_by >= 25, "{cited_by}");
    a.update(Action::Back);
    assert_eq!(id(&a, a.selected()), "pakistan");
    assert_eq!(crate::common::opened(&a.update(Action::OpenUrl)), None);
}

#[test]
fn search_finds_aliases_and_text_and_n_walks_results() {
    let mut a = app();
    a.update(Action::Search);
    assert!(matches!(a.top(), Some(Overlay::Search)));
    for c in "islamabad".chars() {
        a.update(Action::SearchInput(c));
    }
    let first = a.search.hits.first().unwrap();
    assert_eq!(
        a.briefing.id(first.item.unwrap()),
        "pakistan",
        "alias match ranks first"
    );
    assert!(a.search.hits.len() > 1);
    a.update(Action::SearchSubmit);
    assert!(a.top().is_none());
    assert_eq!(id(&a, a.selected()), "pakistan");
    a.update(Action::NextResult);
    let second = a.search.hits[1].item;
    assert_eq!(a.selected(), second);
    a.update(Action::PrevResult);
    assert_eq!(id(&a, a.selected()), "pakistan");
    a.update(Action::Search);
    a.update(Action::SearchInput('z'));
    a.update(Action::SearchInput('q'));
    a.update(Action::SearchInput('x'));
    a.update(Action::SearchSubmit);
    assert!(a.status.as_deref().unwrap_or("").starts_with("No match"));
}

#[test]
fn escape_unwinds_one_layer_at_a_time() {
    let mut a = app();
    press(&mut a, &[Action::ToggleFilter, Action::Enter, Action::Help]);
    assert!(matches!(a.top(), Some(Overlay::Help { .. })));
    a.update(Action::Escape);
    assert!(a.top().is_none());
    assert!(a.detail_focused());
    a.update(Action::Escape);
    assert!(!a.detail_focused() && a.filter.is_some());
    a.update(Action::Escape);
    assert!(a.filter.is_none());
}

#[test]
fn pages_and_clicks_respect_what_is_visible() {
    let mut a = app();
    a.heights = [3; 5];
    a.update(Action::PageDown);
    assert_eq!(a.views[0].selected, 3);
    assert_eq!(
        a.views[0].offset, 1,
        "scrolled so the selection is the last visible row"
    );
    a.update(Action::Click {
        pane: Some(Pane::Timeline.kind()),
        row: 2,
    });
    assert_eq!(a.focus, Pane::Timeline);
    assert_eq!(a.views[Pane::Timeline.index()].selected, 2);
    a.update(Action::ScrollPane {
        pane: Some(Pane::Timeline.kind()),
        down: true,
    });
    assert_eq!(a.views[Pane::Timeline.index()].offset, 3);
    assert_eq!(
        a.views[Pane::Timeline.index()].selected,
        2,
        "the wheel scrolls without moving the selection"
    );
}

#[test]
fn copy_url_hands_the_url_to_the_terminal_layer() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/payments-outage-exercise.yaml");
    let mut a = App::new(load_file(&path).unwrap().briefing.unwrap());
    a.update(Action::Digit(5));
    assert_eq!(a.selected().map(|s| s.kind), Some(Kind::Source));
    assert_eq!(
        crate::common::copied(&a.update(Action::CopyUrl)).as_deref(),
        Some("https://wiki.example.com/incidents/cirrus")
    );
    assert_eq!(
        crate::common::opened(&a.update(Action::OpenUrl)).as_deref(),
        Some("https://wiki.example.com/incidents/cirrus")
    );
}

#[test]
fn jumps_name_the_file_by_its_full_path() {
    // Opened by a relative path, as `brief briefs/x.yaml` does (cargo runs
    // tests in the package root).
    let rel = std::path::Path::new("briefs/pakistan-afghanistan-ttp.yaml");
    let mut a = App::new(load_file(rel).unwrap().briefing.unwrap());
    press(&mut a, &[Action::Enter, Action::Digit(3)]);
    let fx = a.update(Action::Back);
    assert!(
        fx.is_empty(),
        "going back within one file opens nothing: {fx:?}"
    );
    assert!(
        a.history
            .trail()
            .iter()
            .chain(std::iter::once(&a.jump(a.selected().unwrap())))
            .all(|j| j.file.is_absolute())
    );
}

#[test]
fn the_overview_follows_its_links_and_back_returns_to_it() {
    let mut a = app();
    a.show_overview();
    assert!(a.overview_open());
    assert_eq!(a.selected(), None, "the overview selects no item");
    let first = a.overview.links[0];
    a.update(Action::Enter);
    assert!(!a.overview_open());
    assert_eq!(a.selected(), Some(first));
    a.update(Action::Back);
    assert!(a.overview_open(), "back returns to the overview");
    a.update(Action::Down);
    assert_eq!(a.overview.cursor, 1);
    a.update(Action::Digit(3));
    assert!(!a.overview_open());
    assert_eq!(a.focus, Pane::Timeline);
    a.update(Action::Overview);
    assert!(a.overview_open());
}

#[test]
fn the_overview_lists_open_issues_by_priority() {
    let a = app();
    let issues: Vec<&str> = a
        .overview
        .links
        .iter()
        .filter(|r| r.kind == Kind::Issue)
        .map(|r| a.briefing.id(*r))
        .collect();
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
}

#[test]
fn search_finds_words_only_in_the_bottom_line() {
    let mut a = app();
    a.update(Action::Search);
    for c in "order of the timeline is approximate".chars() {
        a.update(Action::SearchInput(c));
    }
    let hit = a.search.hits.first().expect("a hit in the summary");
    assert_eq!(hit.item, None, "the overview's text is found");
    a.update(Action::SearchSubmit);
    assert!(a.overview_open());
}

#[test]
fn two_digits_follow_links_ten_and_above() {
    let mut a = app();
    // Pakistan has more than ten links.
    a.update(Action::Enter);
    assert!(a.links.len() >= 12, "{}", a.links.len());
    let twelfth = a.links[11].target;
    a.update(Action::Digit(1));
    assert!(a.detail_focused(), "waits for a second digit");
    assert!(a.status.as_deref().unwrap_or("").contains("Link 1"));
    a.update(Action::Digit(2));
    assert_eq!(a.selected(), Some(twelfth));
    // One digit then Enter takes it as is.
    a.update(Action::Back);
    a.update(Action::Enter);
    let first = a.links[0].target;
    a.update(Action::Digit(1));
    a.update(Action::Enter);
    assert_eq!(a.selected(), Some(first));
}

#[test]
fn q_returns_to_the_library_when_the_briefing_came_from_it() {
    let mut a = app();
    a.in_library = true;
    let fx = a.update(Action::Quit);
    assert!(matches!(fx[..], [Effect::ToLibrary]), "{fx:?}");
    let mut a = app();
    let fx = a.update(Action::Quit);
    assert!(matches!(fx[..], [Effect::Quit]), "{fx:?}");
    let mut a = app();
    a.in_library = true;
    let fx = a.update(Action::QuitAll);
    assert!(matches!(fx[..], [Effect::Quit]), "Ctrl-c quits everything");
}

#[test]
fn p_on_an_item_the_deck_leaves_out_says_so() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/payments-outage-exercise.yaml");
    let mut a = App::new(load_file(&path).unwrap().briefing.unwrap());
    // The card network (no position, in no deck item) is on no slide.
    let network = a.briefing.lookup("card-network").unwrap();
    a.goto(network, false);
    assert!(crate::common::present(&mut a).is_none());
    let why = a
        .presentation(Some(network), brief::ui::theme::Theme::plain())
        .err()
        .unwrap_or_default();
    assert!(why.contains("is on no slide"), "{why}");
    assert!(a.top().is_none());
}

#[test]
fn a_link_in_a_stance_is_followable_from_the_detail() {
    let yaml = "format: 1\ntitle: T\nactors:\n  - id: a\n    name: Alpha\n  - id: b\n    name: Beta\nissues:\n  - id: x\n    title: X\npositions:\n  - actor: a\n    issue: x\n    stance: Sides with [[b]].\n";
    let r = brief::briefing::load_str(yaml, "t.yaml", Default::default());
    let mut a = App::new(r.briefing.unwrap());
    a.update(Action::Digit(2));
    assert_eq!(a.briefing.positions[0].stance, "Sides with Beta.");
    let n = a
        .links
        .iter()
        .position(|l| l.section == "Mentions")
        .expect("a Mentions link");
    a.update(Action::FollowLink(n));
    assert_eq!(a.briefing.id(a.selected().unwrap()), "b");
    assert!(
        a.links.iter().any(|l| l.section == "Mentioned in"),
        "Beta's detail lists what mentions it"
    );
}

#[test]
fn the_source_reader_walks_cited_passages_and_searches_the_text() {
    let mut a = app();
    a.update(Action::Digit(5));
    a.update(Action::Enter);
    let r = a.source_reader().expect("Enter on a source opens its text");
    assert_eq!(r.passages.len(), 21, "the example cites every paragraph");
    assert_eq!(r.focus_para, 0);
    let citers_of_5 = &r.passages[4].citers;
    assert!(
        citers_of_5
            .iter()
            .any(|(i, _)| a.briefing.id(*i) == "pakistan-on-verifiable-action"),
        "¶5 is cited by Pakistan's position"
    );
    a.update(Action::NextResult);
    assert_eq!(a.source_reader().unwrap().focus_para, 1);
    a.update(Action::PrevResult);
    assert_eq!(a.source_reader().unwrap().focus_para, 0);
    // Search: typing goes to the query, Enter runs it, n walks matches.
    a.update(Action::Search);
    for c in "urumqi".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchSubmit);
    let r = a.source_reader().unwrap();
    assert_eq!(r.matches, vec![8], "¶9 names Urumqi");
    assert_eq!(r.focus_para, 8);
    a.update(Action::Escape);
    assert!(a.source_reader().unwrap().matches.is_empty());
    // A digit follows an item citing the current passage; back returns.
    a.update(Action::Digit(1));
    assert!(a.source_reader().is_none());
    let followed = a.selected().unwrap();
    assert!(a.briefing.citations(followed).iter().any(|c| c.source == 0));
    a.update(Action::Back);
    assert_eq!(a.source_reader().unwrap().focus_para, 8);
    a.update(Action::Escape);
    assert!(a.source_reader().is_none(), "Esc goes back");
}

#[test]
fn a_source_without_text_says_how_to_add_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/payments-outage-exercise.yaml");
    let mut a = App::new(load_file(&path).unwrap().briefing.unwrap());
    a.update(Action::Digit(5));
    a.update(Action::Enter);
    assert!(a.source_reader().is_some());
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("add `file:` or `text:`"),
        "{:?}",
        a.status
    );
}

#[test]
fn narrowing_as_the_query_grows_finds_what_a_fresh_search_finds() {
    let mut a = app();
    let index = brief::app::search::Index::new(&a.briefing);
    for q in ["taliban tt", "urumqi", "pak asu", "ttp!x"] {
        a.update(Action::Search);
        for c in q.chars() {
            a.update(Action::SearchInput(c));
            let typed = &a.search.query;
            let fresh = index.search(typed);
            assert_eq!(
                a.search
                    .hits
                    .iter()
                    .map(|h| (h.item, h.score))
                    .collect::<Vec<_>>(),
                fresh.iter().map(|h| (h.item, h.score)).collect::<Vec<_>>(),
                "after typing {typed:?}"
            );
        }
        a.update(Action::SearchBackspace);
        let fresh = index.search(&a.search.query);
        assert_eq!(
            a.search.hits.len(),
            fresh.len(),
            "a backspace searches everything again"
        );
        a.update(Action::Escape);
    }
}

/// An app whose searches run on the search thread, and where its answers
/// arrive.
fn app_searching_in_background() -> (App, std::sync::mpsc::Receiver<brief::app::search::Found>) {
    let mut a = app();
    let (tx, rx) = std::sync::mpsc::channel();
    a.search_in_background(std::sync::Arc::new(move |f| {
        let _ = tx.send(f);
    }));
    (a, rx)
}

/// Hands the search thread's answers to the app until the newest is in.
fn settle(a: &mut App, rx: &std::sync::mpsc::Receiver<brief::app::search::Found>) {
    while a.search.pending {
        let f = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the search thread answers");
        a.found(f);
    }
}

#[test]
fn a_search_on_its_own_thread_finds_what_a_search_on_the_spot_finds() {
    let (mut bg, rx) = app_searching_in_background();
    let mut here = app();
    press(&mut bg, &[Action::Search]);
    press(&mut here, &[Action::Search]);
    for c in "taliban ttp".chars() {
        bg.update(Action::SearchInput(c));
        assert!(bg.search.pending, "typing does not wait for the search");
        here.update(Action::SearchInput(c));
        settle(&mut bg, &rx);
        assert_eq!(
            bg.search.hits, here.search.hits,
            "after {:?}",
            here.search.query
        );
    }
}

#[test]
fn enter_before_the_results_are_in_jumps_once_they_are() {
    let (mut a, rx) = app_searching_in_background();
    press(&mut a, &[Action::Search]);
    for c in "kabul".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchSubmit);
    assert!(a.search.pending && matches!(a.top(), Some(Overlay::Search)));
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Searching for “kabul”")
    );
    settle(&mut a, &rx);
    assert!(a.top().is_none());
    assert_eq!(id(&a, a.selected()), "afghan-taliban");
}

#[test]
fn an_answer_to_a_closed_search_is_dropped() {
    let (mut a, rx) = app_searching_in_background();
    press(&mut a, &[Action::Search]);
    for c in "pakistan".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::Escape);
    // Whatever the thread still sends answers a query no one waits for.
    while let Ok(f) = rx.recv_timeout(std::time::Duration::from_millis(500)) {
        a.found(f);
    }
    assert!(a.search.hits.is_empty() && !a.search.pending);
}

#[test]
fn a_search_split_across_threads_and_chunks_finds_what_one_thread_finds() {
    let text = brief::synth::briefing_yaml(20_000);
    let b = brief::briefing::load_str(&text, "synth.yaml", Default::default())
        .briefing
        .unwrap();
    let index = brief::app::search::Index::new(&b);
    for q in ["actor 12", "ev 1999", "gen", "x"] {
        let key = |h: &brief::app::search::Hit| (h.item, h.field, h.score);
        assert_eq!(
            index.search(q).iter().map(key).collect::<Vec<_>>(),
            index
                .search_one_thread(q)
                .iter()
                .map(key)
                .collect::<Vec<_>>(),
            "{q:?}"
        );
    }
}

#[test]
fn capital_y_in_a_source_text_copies_a_citation_that_checks_clean() {
    let mut a = app();
    a.update(Action::Digit(5));
    a.update(Action::Enter);
    // A search match: the sentence that holds it.
    a.update(Action::Search);
    for c in "urumqi".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchSubmit);
    let copied = crate::common::copied(&a.update(Action::CopyCitation)).expect("a citation copied");
    assert!(
        copied.starts_with("{source: article, locator: \"¶9\", quote: \"")
            && copied.contains("Urumqi"),
        "{copied}"
    );
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("Copied a citation of ¶9"),
        "{:?}",
        a.status
    );
    // Without a search: the paragraph at the top of the view.
    a.update(Action::Escape);
    a.update(Action::Top);
    let para2 = crate::common::copied(&a.update(Action::CopyCitation)).unwrap();
    assert!(
        para2.starts_with("{source: article, locator: \"¶1\", quote: \"Pakistan has reiterated"),
        "{para2}"
    );
    // Pasted into the briefing where ¶9 is cited, it checks clean.
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_sources(dir.path());
    let text = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");
    let pasted = text.replacen(
        "sources: [{source: article, locator: \"¶9\"}, {source: article, locator: \"¶10\"}]",
        &format!("sources: [{copied}, {{source: article, locator: \"¶10\"}}]"),
        1,
    );
    assert_ne!(pasted, text);
    let f = dir.path().join("b.yaml");
    std::fs::write(&f, pasted).unwrap();
    let r = load_file(&f).unwrap();
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn a_picture_opened_over_a_source_text_replaces_it_and_back_returns() {
    let mut a = app();
    a.update(Action::Digit(5));
    a.update(Action::Enter);
    assert!(a.source_reader().is_some());
    a.update(Action::Axis);
    assert!(a.source_reader().is_none(), "one view in the panes' place");
    assert!(a.picture().is_some());
    let hints: Vec<String> = brief::app::view::keys::hints(&a)
        .into_iter()
        .map(|h| h.1.to_string())
        .collect();
    assert!(!hints.iter().any(|h| h == "passages"), "{hints:?}");
    let s = crate::common::screen(&mut a, 120, 40);
    assert!(s.contains("┌ Time axis"), "the axis is what is drawn:\n{s}");
    a.update(Action::Escape);
    a.update(Action::Back);
    assert!(
        a.source_reader().is_some() && a.picture().is_none(),
        "Back returns to the text"
    );
}

#[test]
fn q_closes_help_and_esc_never_leaves_a_briefing_from_the_library() {
    let mut a = app();
    a.update(Action::Help);
    assert!(matches!(a.top(), Some(Overlay::Help { .. })));
    let q =
        ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('q'));
    let act = brief::app::view::keys::action_for(&a, q).unwrap();
    let fx = a.update(act);
    assert!(a.top().is_none());
    assert!(fx.is_empty(), "q over help closes it, never quits: {fx:?}");
    // From the library: Esc at the top stays, and says which key leaves.
    let mut a = app();
    a.in_library = true;
    for _ in 0..5 {
        let fx = a.update(Action::Escape);
        assert!(fx.is_empty(), "{fx:?}");
    }
    assert_eq!(a.status.as_deref(), Some("q goes back to the library"));
}

#[test]
fn link_numbers_show_only_where_digits_follow_them() {
    let mut a = app();
    a.update(Action::Digit(3));
    let s = crate::common::screen(&mut a, 120, 40);
    assert!(!s.contains("  1 "), "list focused: no link numbers\n{s}");
    a.update(Action::Enter);
    assert!(a.detail_focused());
    let s = crate::common::screen(&mut a, 120, 40);
    assert!(s.contains("▶ 1 "), "detail focused: numbered\n{s}");
}
