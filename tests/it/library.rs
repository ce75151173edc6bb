//! The library fills in as files are checked: a first list from names, each
//! row completed by a check; a rescan re-checks only what changed.

use brief::library::{Entry, LAction, Library};

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, title) in [("a.yaml", "Alpha"), ("b.yml", "Bravo")] {
        std::fs::write(
            dir.path().join(name),
            format!("format: 1\ntitle: {title}\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("notes.txt"), "not a briefing").unwrap();
    dir
}

#[test]
fn the_first_list_is_names_and_checks_fill_the_rows() {
    let dir = folder();
    let mut lib = Library::list_remembering(dir.path(), None).unwrap();
    assert_eq!(lib.entries.len(), 2);
    assert!(lib.entries.iter().all(|e| !e.checked && e.title == e.file));
    assert_eq!(lib.to_check.len(), 2, "both files wait for a check");
    for p in std::mem::take(&mut lib.to_check) {
        lib.apply(Entry::read(&p));
    }
    let titles: Vec<&str> = lib
        .visible()
        .iter()
        .map(|&i| lib.entries[i].title.as_str())
        .collect();
    assert_eq!(titles, ["Alpha", "Bravo"]);
    assert!(lib.entries.iter().all(|e| e.checked));
}

#[test]
fn a_rescan_rechecks_only_changed_files() {
    let dir = folder();
    let mut lib = Library::open(dir.path()).unwrap();
    assert!(lib.entries.iter().all(|e| e.checked));
    // Unchanged: nothing to check again.
    lib.update(LAction::Rescan);
    assert!(lib.to_check.is_empty());
    assert!(lib.entries.iter().all(|e| e.checked));
    // A changed file (new size) and a new one are checked again.
    std::fs::write(
        dir.path().join("a.yaml"),
        "format: 1\ntitle: Alpha, revised\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c.yaml"), "format: 1\ntitle: Charlie\n").unwrap();
    lib.update(LAction::Rescan);
    let mut queued: Vec<String> = lib
        .to_check
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    queued.sort();
    assert_eq!(queued, ["a.yaml", "c.yaml"]);
    // A result for a file that changed again meanwhile is not applied.
    let stale = Entry::read(&dir.path().join("c.yaml"));
    std::fs::write(
        dir.path().join("c.yaml"),
        "format: 1\ntitle: Charlie, later\n",
    )
    .unwrap();
    lib.update(LAction::Rescan);
    lib.apply(stale);
    let c = lib.entries.iter().find(|e| e.file == "c.yaml").unwrap();
    assert!(!c.checked, "the stale result was dropped");
}

/// Waits for the record a finished listing writes on a thread of its own.
fn wait_for_file(f: &std::path::Path) {
    let start = std::time::Instant::now();
    while !f.exists() {
        assert!(start.elapsed().as_secs() < 30, "no record written");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_folder_opens_with_what_was_found_last_time_until_its_checks_come_in() {
    let dir = folder();
    let memory = tempfile::tempdir().unwrap();
    let record = memory.path().join("library.bin");
    let mut lib = Library::list_remembering(dir.path(), Some(record.clone())).unwrap();
    for p in std::mem::take(&mut lib.to_check) {
        lib.apply(Entry::read(&p));
    }
    wait_for_file(&record);

    // Next time: titles at once, still checked again; a changed file is
    // not remembered.
    std::fs::write(
        dir.path().join("b.yml"),
        "format: 1\ntitle: Bravo, edited at length\n",
    )
    .unwrap();
    let lib = Library::list_remembering(dir.path(), Some(record.clone())).unwrap();
    let row = |file: &str| lib.entries.iter().find(|e| e.file == file).unwrap();
    let a = row("a.yaml");
    assert!(a.remembered && !a.checked);
    assert_eq!(a.title, "Alpha");
    let b = row("b.yml");
    assert!(!b.remembered && b.title == "b.yml");
    assert_eq!(lib.to_check.len(), 2, "every file is checked again");

    // A record that is not one is ignored.
    std::fs::write(&record, b"BRIEFL02\xff\xff\xff garbage").unwrap();
    let lib = Library::list_remembering(dir.path(), Some(record)).unwrap();
    assert!(
        lib.entries
            .iter()
            .all(|e| !e.remembered && e.title == e.file)
    );
}

#[test]
fn results_that_arrive_together_fill_their_rows_together_and_keep_the_selection() {
    let dir = folder();
    let mut lib = Library::list_remembering(dir.path(), None).unwrap();
    lib.update(LAction::Bottom);
    let chosen = lib.selected_entry().unwrap().path.clone();
    let results: Vec<Entry> = std::mem::take(&mut lib.to_check)
        .iter()
        .map(|p| Entry::read(p))
        .collect();
    lib.apply_all(results);
    assert!(lib.entries.iter().all(|e| e.checked), "every row filled");
    assert_eq!(lib.selected_entry().unwrap().path, chosen);
}

/// The library drawn at `w`×`h`, its rows as text.
fn library_screen(lib: &Library, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = brief::ui::theme::Theme::plain();
    t.draw(|f| brief::ui::library::draw(f, lib, &theme))
        .unwrap();
    t.backend().to_string()
}

#[test]
fn a_row_keeps_each_fact_whole_and_its_marking_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "format: 1\ntitle: Alpha\nclassification: EXERCISE // FICTIONAL // INTERNAL\nas_of: 2026-03-14T08:45Z\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "format: 1\ntitle: Charlie\nclassification: 分類分類分類分類分類分類分類分類分類分類分類分類分類分類分類分類分類分類分類分類\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "format: 1\ntitle: Bravo\nmarking: TLP:AMBER\nactors:\n  - {id: x, name: X, marking: TLP:RED}\n",
    )
    .unwrap();
    let mut lib = Library::list_remembering(dir.path(), None).unwrap();
    for p in std::mem::take(&mut lib.to_check) {
        lib.apply(Entry::read(&p));
    }
    // Wide: one line of facts, the marking right after the file.
    let s = library_screen(&lib, 120, 20);
    assert!(
        s.contains(
            "a.yaml  · EXERCISE // FICTIONAL // INTERNAL  · as of 14 Mar 2026 08:45Z  · 0 actors"
        ),
        "{s}"
    );
    // Narrower: the facts take a second line, each fact whole.
    let s = library_screen(&lib, 70, 20);
    assert!(
        s.contains("a.yaml  · EXERCISE // FICTIONAL // INTERNAL "),
        "{s}"
    );
    assert!(
        s.contains("    as of 14 Mar 2026 08:45Z  · 0 actors, 0 issues, 0 events"),
        "{s}"
    );
    // The TLP marking follows the classification, and a stricter item's.
    let s = library_screen(&lib, 120, 20);
    assert!(
        s.contains("b.yaml  · TLP:AMBER  · items up to TLP:RED  · 1 actor,"),
        "{s}"
    );
    // Narrower still: what no longer fits is marked, never cut mid-fact.
    let s = library_screen(&lib, 44, 20);
    assert!(
        s.contains("    EXERCISE // FICTIONAL // INTERNAL  …"),
        "{s}"
    );
    assert!(!s.contains("as of 14"), "{s}");
    // A fact too wide for any line is cut once, with one `…`.
    let s = library_screen(&lib, 40, 30);
    assert!(s.contains("    分類分類"), "{s}");
    assert!(!s.contains("……"), "{s}");
}

#[test]
fn the_first_row_is_selected_when_the_checks_sort_the_rows() {
    // By file name `a.yaml` comes first; by title its "Zulu" comes last.
    let dir = tempfile::tempdir().unwrap();
    for (name, title) in [("a.yaml", "Zulu"), ("b.yaml", "Alpha"), ("c.yaml", "Mike")] {
        std::fs::write(
            dir.path().join(name),
            format!("format: 1\ntitle: {title}\n"),
        )
        .unwrap();
    }
    let mut lib = Library::list_remembering(dir.path(), None).unwrap();
    assert_eq!(lib.selected, 0);
    for p in std::mem::take(&mut lib.to_check) {
        lib.apply(Entry::read(&p));
    }
    assert_eq!(lib.selected, 0, "the first row, whichever file it is");
    assert_eq!(lib.selected_entry().unwrap().title, "Alpha");
}
