//! The stance matrix: its grid (sorting, hiding, cells), its drawing at
//! two sizes, its slide, and using it in a real terminal.

use crate::common;
use brief::app::view::picture::Picture;
use brief::app::{Action, App};
use brief::briefing::{ItemRef, Kind, load_file};
use brief::pictures::matrix::{Grid, Sort};
use common::{Pty, brief_bin, screen};

fn example() -> App {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/pakistan-afghanistan-ttp.yaml");
    App::new(load_file(&p).unwrap().briefing.unwrap())
}

#[test]
fn the_grid_puts_each_position_in_its_actor_and_issue_cell() {
    let a = example();
    let b = &a.briefing;
    let g = Grid::build(b, Sort::File, false);
    assert_eq!(g.rows.len(), b.actors.len());
    assert_eq!(g.cols.len(), b.issues.len());
    for (n, p) in b.positions.iter().enumerate() {
        let r = g.rows.iter().position(|x| *x == p.actor).unwrap();
        let c = g.cols.iter().position(|x| *x == p.issue).unwrap();
        assert!(g.at(r, c).contains(&n));
    }
    // Hidden: actors with no position; sorted by count, most first.
    let g = Grid::build(b, Sort::Positions, true);
    assert!(g.rows.iter().all(|a| g.count[*a] > 0));
    assert!(g.rows.windows(2).all(|w| g.count[w[0]] >= g.count[w[1]]));
    let g = Grid::build(b, Sort::Name, false);
    let names: Vec<String> = g
        .rows
        .iter()
        .map(|a| b.actors[*a].name.as_str().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn columns_scroll_so_the_cursor_stays_in_view_and_titles_wrap_on_whole_words() {
    use brief::ui::matrix::{first_shown, two_lines};
    assert_eq!(first_shown(0, 10, 4), 0);
    assert_eq!(first_shown(5, 10, 4), 2);
    assert_eq!(first_shown(9, 10, 4), 6);
    assert_eq!(first_shown(3, 3, 4), 0);
    assert_eq!(
        two_lines("Dialogue between Islamabad and Kabul", 9),
        ("Dialogue".to_string(), "between …".to_string())
    );
    assert_eq!(
        two_lines("Assurances or verifiable action", 9).0,
        "Assuranc…"
    );
}

#[test]
fn moving_the_cursor_selects_the_position_actor_or_issue_under_it() {
    let mut a = example();
    a.update(Action::Matrix);
    assert!(matches!(a.picture(), Some(Picture::Matrix(_))));
    // Row 1, column 1: Pakistan on the first issue.
    let first = a.selected().unwrap();
    assert_eq!(first.kind, Kind::Position);
    assert_eq!(a.briefing.id(first), "pakistan-on-verifiable-action");
    a.update(Action::Left);
    assert_eq!(a.selected(), a.briefing.lookup("pakistan"));
    a.update(Action::Up);
    a.update(Action::Right);
    assert_eq!(a.selected(), Some(ItemRef::new(Kind::Issue, 0)));
    a.update(Action::Down);
    a.update(Action::Enter);
    assert!(a.picture().is_none() && a.detail_focused());
    assert_eq!(a.selected(), Some(first));
    // Sort and hide keep the cursor's actor.
    a.update(Action::Matrix);
    a.update(Action::CycleSort);
    a.update(Action::HideEmpty);
    let Some(Picture::Matrix(m)) = a.picture() else {
        panic!()
    };
    assert_eq!(
        m.grid.rows[m.row - 1],
        a.briefing.positions[first.index].actor
    );
    a.update(Action::Escape);
    assert!(a.picture().is_none());
}

#[test]
fn the_matrix_at_two_sizes() {
    let mut a = example();
    a.update(Action::Matrix);
    insta::assert_snapshot!(screen(&mut a, 120, 40));
    for _ in 0..4 {
        a.update(Action::Right);
    }
    a.update(Action::Down);
    insta::assert_snapshot!("matrix_80x24", screen(&mut a, 80, 24));
}

/// With every actor hidden for want of a position, the matrix says which
/// key shows them again, and that key does.
#[test]
fn a_matrix_with_every_actor_hidden_names_the_key_that_shows_them() {
    let text = "format: 1\ntitle: No stances yet\nactors:\n  - id: a\n    name: Alpha\n\
                issues:\n  - id: i\n    title: The question\n";
    let loaded = brief::briefing::load_str(text, "b.yaml", Default::default());
    let mut a = App::new(loaded.briefing.unwrap());
    a.update(Action::Matrix);
    assert!(screen(&mut a, 100, 24).contains("Alpha"));
    a.update(Action::HideEmpty);
    let s = screen(&mut a, 100, 24);
    assert!(
        s.contains("No actors to show (x shows actors with no position)"),
        "{s}"
    );
    a.update(Action::HideEmpty);
    assert!(screen(&mut a, 100, 24).contains("Alpha"));
}

#[test]
fn who_stands_where_is_a_slide_that_continues_rows_then_columns() {
    let a = example();
    let theme = brief::ui::theme::Theme::plain();
    let slides = brief::present::deck::build(&a.briefing, &theme);
    let at = slides
        .iter()
        .position(|s| s.title == "Who stands where")
        .unwrap();
    assert_eq!(slides[at - 1].title, "Bottom line");
    let pages = brief::present::deck::paginate(&slides, 100, 26, &theme);
    let p = pages.iter().find(|p| p.slide == at).unwrap();
    insta::assert_snapshot!(
        p.lines
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Small: more pages, every actor and issue still on one of them.
    let pages = brief::present::deck::paginate(&slides, 40, 8, &theme);
    let mine: Vec<_> = pages.iter().filter(|p| p.slide == at).collect();
    assert!(mine.len() > 2, "{}", mine.len());
    let text: String = mine
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.to_string() + "\n"))
        .collect();
    for x in &a.briefing.issues {
        let first = x.title.split_whitespace().next().unwrap();
        assert!(text.contains(&first[..first.len().min(5)]), "{}", x.title);
    }
}

#[test]
fn the_matrix_in_a_real_terminal() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefs/pakistan-afghanistan-ttp.yaml"
    );
    let mut t = Pty::spawn(brief_bin(), &[file], 120, 40);
    t.wait_for("1 Actors");
    t.keys(&["m"]);
    let s = t.wait_for("Who stands where");
    assert!(s.contains("−H") && s.contains("H/M/L confidence"), "{s}");
    t.keys(&["l", "j", "j", "j"]);
    t.wait_for("afghan-taliban-on-ttp-sanctuary");
    t.keys(&["\r"]);
    let s = t.wait_for("2 Positions");
    assert!(
        !s.contains("Who stands where") && s.contains("afghan-taliban-on-ttp-sanctuary"),
        "{s}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_save_keeps_the_picture_open_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_sources(dir.path());
    let file = dir.path().join("b.yaml");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefs/pakistan-afghanistan-ttp.yaml"
    ))
    .unwrap();
    std::fs::write(&file, &text).unwrap();
    let mut a = App::new(load_file(&file).unwrap().briefing.unwrap());
    a.update(Action::Matrix);
    a.update(Action::CycleSort);
    a.update(Action::Down);
    a.update(Action::Right);
    let before = a.selected();
    std::fs::write(&file, text.replace("alignment: oppose", "alignment: mixed")).unwrap();
    crate::common::reload(&mut a);
    let Some(Picture::Matrix(m)) = a.picture() else {
        panic!("the matrix closed on a save")
    };
    assert_eq!(m.sort, Sort::Name);
    assert_eq!(a.selected(), before);
    a.update(Action::Axis);
    a.update(Action::Escape);
    a.update(Action::Map);
    a.update(Action::ZoomIn);
    let Some(Picture::Map(m)) = a.picture() else {
        panic!()
    };
    let bounds = m.bounds;
    crate::common::reload(&mut a);
    let Some(Picture::Map(m)) = a.picture() else {
        panic!("the map closed on a save")
    };
    assert_eq!(m.bounds, bounds);
}

#[test]
fn issue_titles_take_the_lines_the_rows_leave_free() {
    let mut a = example();
    a.update(Action::Matrix);
    let s = screen(&mut a, 120, 40);
    for whole in [
        "presence", "Afghan", "soil", "Islamab", "Kabul", "groups", "cost",
    ] {
        assert!(s.contains(whole), "{whole} cut or missing:\n{s}");
    }
    assert!(!s.contains("presenc…"), "{s}");
    // Short of room, two lines as before.
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Who stands where"), "{s}");
    let no_more = brief::ui::matrix::title_lines("Assurances or verifiable action", 8, 2);
    assert_eq!(no_more, ["Assuran…", "or veri…"]);
    let all = brief::ui::matrix::title_lines("Assurances or verifiable action", 8, 6);
    assert_eq!(all, ["Assuran…", "or", "verifia…", "action"]);
}
