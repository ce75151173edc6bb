//! Links across briefings: checked with line:col, cycles load once each,
//! and following one asks to open the other file.

use brief::app::{Action, App};
use brief::briefing::{Kind, load_file};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cross")
        .join(name)
}

#[test]
fn briefings_that_link_to_each_other_check_clean() {
    for f in ["region.yaml", "country.yaml"] {
        let r = load_file(&fixture(f)).unwrap();
        assert_eq!(
            r.errors(),
            0,
            "{f}: {:?}",
            r.diagnostics.first().map(|d| d.render(false))
        );
    }
    let region = load_file(&fixture("region.yaml"))
        .unwrap()
        .briefing
        .unwrap();
    let issue = region.lookup("stability").unwrap();
    let ext = region.externals(issue);
    assert_eq!(ext.len(), 1);
    assert_eq!(
        (ext[0].id.as_str(), ext[0].kind, ext[0].name.as_str()),
        ("ttp", Kind::Actor, "Tehreek-e-Taliban Pakistan")
    );
    assert_eq!(
        ext[0].file,
        std::fs::canonicalize(fixture("country.yaml")).unwrap()
    );
    // A text link to another briefing shows its label; a citation of a
    // shared sources file is an external source.
    let pos = region.lookup("china-on-stability").unwrap();
    let kinds: Vec<(&str, Kind)> = region
        .externals(pos)
        .iter()
        .map(|e| (e.section, e.kind))
        .collect();
    assert_eq!(
        kinds,
        [("Mentions", Kind::Event), ("Sources", Kind::Source)]
    );
}

#[test]
fn broken_links_are_reported_where_they_are_written() {
    let r = load_file(&fixture("broken-links.yaml")).unwrap();
    let got: Vec<(&str, usize, usize)> = r
        .diagnostics
        .iter()
        .map(|d| (d.code, d.marks[0].line, d.marks[0].column))
        .collect();
    assert_eq!(
        got,
        [
            ("dangling-reference", 5, 15),
            ("dangling-reference", 5, 31),
            ("wrong-kind", 5, 50),
            ("external-not-allowed", 7, 12),
            ("external-not-allowed", 8, 12),
            ("dangling-reference", 10, 17),
        ]
    );
    assert!(
        r.diagnostics[0]
            .message
            .text()
            .contains("no briefing file `missing.yaml`")
    );
    assert_eq!(
        r.diagnostics[1].help.as_ref().map(|h| h.text()).as_deref(),
        Some("did you mean `region.yaml#china`?")
    );
}

#[test]
fn following_an_external_link_asks_to_open_the_other_briefing() {
    let mut app = App::new(
        load_file(&fixture("region.yaml"))
            .unwrap()
            .briefing
            .unwrap(),
    );
    app.update(Action::Digit(4));
    assert_eq!(app.briefing.id(app.selected().unwrap()), "stability");
    app.update(Action::Enter);
    let n = app
        .links
        .iter()
        .position(|l| l.external.is_some())
        .expect("an external link");
    let j = crate::common::other(app.update(Action::FollowLink(n)))
        .expect("a request to open the other file");
    assert_eq!(j.id, "ttp");
    assert!(j.file.ends_with("country.yaml"));
    assert_eq!(
        app.history.trail().last().map(|j| j.id.as_str()),
        Some("stability")
    );
}

#[test]
fn the_library_sorts_filters_and_marks_broken_briefings() {
    use brief::library::{LAction, Library};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cross");
    let mut lib = Library::open(&dir).unwrap();
    let titles = |lib: &Library| {
        lib.visible()
            .iter()
            .map(|&i| lib.entries[i].title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles(&lib),
        [
            "Broken links",
            "Country file",
            "Region overview",
            "Shared sources"
        ]
    );
    let broken = lib
        .entries
        .iter()
        .find(|e| e.file == "broken-links.yaml")
        .unwrap();
    assert_eq!(broken.errors, 6);
    let region = lib
        .entries
        .iter()
        .find(|e| e.file == "region.yaml")
        .unwrap();
    assert_eq!(
        (region.actors, region.issues, region.events, region.errors),
        (2, 1, 1, 0)
    );
    // Enter on a broken briefing shows its errors instead of opening it.
    lib.update(LAction::Open);
    assert!(lib.show_errors && lib.open.is_none());
    lib.update(LAction::Escape);
    lib.update(LAction::StartFilter);
    for c in "REG".chars() {
        lib.update(LAction::FilterInput(c));
    }
    assert_eq!(titles(&lib), ["Region overview"]);
    lib.update(LAction::Open);
    assert_eq!(lib.open.as_deref(), Some(dir.join("region.yaml").as_path()));
    lib.update(LAction::Escape);
    lib.update(LAction::Escape);
    assert_eq!(lib.visible().len(), 4);
}

#[test]
fn the_library_sorts_by_date_newest_first_undated_last() {
    use brief::library::{LAction, Library};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs");
    let mut lib = Library::open(&dir).unwrap();
    lib.update(LAction::ToggleSort);
    let files: Vec<&str> = lib
        .visible()
        .iter()
        .map(|&i| lib.entries[i].file.as_str())
        .collect();
    assert_eq!(
        files,
        [
            "payments-outage-exercise.yaml",
            "pakistan-afghanistan-ttp.yaml"
        ]
    );
}
