//! Live reload on the app state: a save replaces the briefing and keeps the
//! reader's place; a broken save keeps the last good version.

use crate::common;
use brief::app::{Action, App, Overlay, Pane};
use brief::briefing::load_file;
use std::path::{Path, PathBuf};

const EXAMPLE: &str = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");

fn setup() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.yaml");
    std::fs::write(&path, EXAMPLE).unwrap();
    common::copy_sources(dir.path());
    let app = App::new(load_file(&path).unwrap().briefing.unwrap());
    (dir, path, app)
}

/// Saves as vim and VS Code do: a new file renamed over the old one.
fn save_atomically(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn id(app: &App) -> String {
    app.selected()
        .map(|r| app.briefing.id(r).to_string())
        .unwrap_or_default()
}

#[test]
fn a_save_shows_new_content_and_keeps_the_selection() {
    let (_d, path, mut app) = setup();
    app.update(Action::Digit(3));
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(id(&app), "urumqi-talks");
    app.update(Action::Enter);
    // Add an event before it: its index changes, its id does not.
    let edited = EXAMPLE
        .replace("Pakistan–Taliban talks in Urumqi, facilitated by China", "Talks in Urumqi (renamed)")
        .replace(
            "timeline:\n",
            "timeline:\n  - id: new-first\n    when: long ago\n    title: A new first event\n    actors: [pakistan]\n    sources: [article]\n",
        );
    save_atomically(&path, &edited);
    crate::common::reload(&mut app);
    assert!(app.reload_error.is_none());
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(id(&app), "urumqi-talks", "the same item by id");
    assert!(app.detail_focused());
    assert_eq!(
        app.briefing.name(app.selected().unwrap()),
        "Talks in Urumqi (renamed)"
    );
    assert_eq!(app.briefing.events.len(), 9);
}

#[test]
fn an_in_place_write_reloads_too_and_keeps_search_and_jumps() {
    let (_d, path, mut app) = setup();
    app.update(Action::Enter);
    app.update(Action::Digit(2)); // follow link 2: a position
    let jumped_to = id(&app);
    app.update(Action::Search);
    for c in "kabul".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchSubmit);
    std::fs::write(&path, EXAMPLE.replace("Kabul", "Kabul (the capital)")).unwrap();
    crate::common::reload(&mut app);
    assert_eq!(app.search.query, "kabul");
    assert!(!app.search.hits.is_empty());
    app.update(Action::Back);
    assert_eq!(id(&app), jumped_to, "the jump list survived");
    app.update(Action::Back);
    assert_eq!(id(&app), "pakistan");
}

#[test]
fn a_broken_save_keeps_the_last_good_version_and_a_fixed_one_clears_it() {
    let (_d, path, mut app) = setup();
    app.update(Action::Digit(4));
    let before = id(&app);
    save_atomically(&path, &EXAMPLE.replace("status: open\n    priority: high\n    actors: [pakistan, afghan-taliban, ttp]\n    summary", "status: opne\n    priority: high\n    actors: [pakistan, afghan-taliban, ttp]\n    summary"));
    crate::common::reload(&mut app);
    let errs = app.reload_error.as_ref().expect("the banner's diagnostics");
    assert_eq!(errs[0].code, "bad-value");
    assert!(
        errs[0]
            .place()
            .ends_with(&format!(":{}:13", errs[0].marks[0].line)),
        "{}",
        errs[0].place()
    );
    assert_eq!(id(&app), before, "still showing the old version");
    assert_eq!(app.briefing.issues.len(), 5);
    app.update(Action::ShowErrors);
    assert!(matches!(app.top(), Some(Overlay::Errors { .. })));
    app.update(Action::Escape);
    save_atomically(&path, EXAMPLE);
    crate::common::reload(&mut app);
    assert!(app.reload_error.is_none());
    assert_eq!(id(&app), before);
}

#[test]
fn a_deleted_item_falls_back_to_a_neighbour() {
    let (_d, path, mut app) = setup();
    app.update(Action::Digit(1));
    app.update(Action::Bottom);
    assert_eq!(id(&app), "analysts");
    // Remove the last actor and its position.
    let text = EXAMPLE
        .replace("  - id: analysts\n    name: Analysts and officials\n    kind: observers\n    summary: Unnamed analysts and officials on the central challenge in relations.\n    sources: [{source: article, locator: \"¶19\"}]\n", "")
        .replace("  - actor: analysts\n    issue: verifiable-action\n    stance: Acknowledge that the central challenge is differing perceptions of how effective efforts against terrorist groups are.\n    alignment: unclear\n    confidence: moderate\n    sources: [{source: article, locator: \"¶19\"}]\n", "");
    assert_ne!(text, EXAMPLE);
    save_atomically(&path, &text);
    crate::common::reload(&mut app);
    assert!(app.reload_error.is_none(), "{:?}", app.reload_error);
    assert_eq!(
        id(&app),
        "regional-officials",
        "the row where it was, clamped"
    );
}

/// A presentation's footer says what the first error is and on which line
/// of the file, so it can be mended while the room waits.
#[test]
fn a_broken_save_while_presenting_names_its_line() {
    let (_d, path, mut app) = setup();
    save_atomically(
        &path,
        "format: 1\ntitle: Fine\nactors:\n  - id: a\n    name: [broken\n",
    );
    crate::common::reload(&mut app);
    let notice = app.reload_notice().unwrap();
    assert!(
        notice.starts_with("⚠ Last save not loaded: line 5: YAML syntax error"),
        "{notice}"
    );
}

#[test]
fn a_reload_while_presenting_stays_on_the_slide() {
    let (_d, path, mut app) = setup();
    let mut p = crate::common::present(&mut app).unwrap();
    for _ in 0..4 {
        p.update(brief::present::PAction::Next);
    }
    let at = p.current;
    save_atomically(
        &path,
        &EXAMPLE.replace("TTP presence on Afghan soil", "TTP on Afghan soil"),
    );
    crate::common::reload(&mut app);
    assert_eq!(app.reload_notice(), None);
    let p = app.presenter_after_reload(&p, brief::ui::theme::Theme::plain());
    assert_eq!(p.current, at);
    assert!(p.slides.iter().any(|s| s.title == "TTP on Afghan soil"));
}

#[test]
fn a_reload_keeps_the_overview_or_the_source_text_open_and_a_broken_save_clears_reloaded() {
    let (_d, path, mut app) = setup();
    app.show_overview();
    save_atomically(&path, &EXAMPLE.replace("Kabul", "Kabul (the capital)"));
    crate::common::reload(&mut app);
    assert!(app.overview_open(), "still on the overview");
    assert!(app.status.as_deref().unwrap_or("").starts_with("Reloaded"));
    app.update(Action::Digit(5));
    app.update(Action::Enter);
    app.update(Action::NextResult);
    let at = app.source_reader().unwrap().focus_para;
    save_atomically(&path, EXAMPLE);
    crate::common::reload(&mut app);
    let r = app.source_reader().expect("the text stays open");
    assert_eq!(r.top_para(), at);
    save_atomically(&path, "format: 1\ntitle: [broken\n");
    crate::common::reload(&mut app);
    assert!(app.reload_error.is_some());
    assert_eq!(app.status, None, "no \"Reloaded\" beside the error banner");
}

#[test]
fn a_huge_url_is_not_copied_through_the_terminal() {
    let (_d, path, mut app) = setup();
    let long = format!("https://example.com/{}", "a".repeat(brief::app::MAX_COPY));
    save_atomically(
        &path,
        &EXAMPLE.replace(
            "    kind: news article\n",
            &format!("    kind: news article\n    url: {long}\n"),
        ),
    );
    crate::common::reload(&mut app);
    assert!(app.reload_error.is_none(), "{:?}", app.reload_error);
    app.update(Action::Digit(5));
    assert_eq!(crate::common::copied(&app.update(Action::CopyUrl)), None);
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("too long to copy"),
        "{:?}",
        app.status
    );
}
