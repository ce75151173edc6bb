//! The TLP promise, held against every output: a briefing with items at
//! every level (and links, labels, citations and a linked file reaching
//! across levels) is shown to each audience through print, both handouts,
//! diff (two files and `--since`), check, the library and the reader in a
//! real terminal, the model cache, and in-process through every pane,
//! detail, search, picture, the Changes view, slides and speaker notes.
//! Every string of an item above the audience starts with its level's
//! marker (`wqzrk…` for RED): the marker must appear nowhere, and the
//! markers of what the audience may see must appear (so an empty output
//! cannot pass).

use crate::common;
use brief::app::{Action, App, Pane};
use brief::briefing::load::load_str_for;
use brief::briefing::marking::Tlp;
use common::repo::Repo;
use common::{Pty, brief_bin, screen};
use std::path::Path;
use std::process::Command;

/// Each level, its marker, and its name in the file.
const LEVELS: [(Tlp, &str, &str); 5] = [
    (Tlp::Clear, "wqzck", "TLP:CLEAR"),
    (Tlp::Green, "wqzgk", "TLP:GREEN"),
    (Tlp::Amber, "wqzak", "TLP:AMBER"),
    (Tlp::AmberStrict, "wqzsk", "TLP:AMBER+STRICT"),
    (Tlp::Red, "wqzrk", "TLP:RED"),
];

/// The briefing: for each level an actor, an issue, a position, an event
/// and a source marked at it, every string led by the level's marker; a
/// CLEAR event that links to all of them by `[[id|label]]`, cites them and
/// names them; and, with `external`, links into `other.yaml`.
fn briefing(external: bool) -> String {
    let mut y = String::from(
        "title: Audiences\nmarking: TLP:CLEAR\nsummary: |-\n  The bottom line names [[wqzrk-actor|wqzrk label]] and [[wqzak-event]].\n",
    );
    if external {
        y.push_str("  Elsewhere: [[other.yaml#wqzrk-other|wqzrk outside label]] and [[other.yaml#wqzgk-other|a green item]].\n");
    }
    y.push_str("key_points:\n  - \"Watch [[wqzsk-issue]] and [[wqzck-issue]].\"\nactors:\n");
    for (_, m, name) in LEVELS {
        y.push_str(&format!(
            "  - id: {m}-actor\n    name: {m} Actor\n    kind: state\n    marking: {name}\n    summary: {m} actor summary\n    notes: {m} actor note\n    location: {{name: {m} Capital, lat: 30, lon: 70}}\n"
        ));
    }
    y.push_str("issues:\n");
    for (_, m, name) in LEVELS {
        y.push_str(&format!(
            "  - id: {m}-issue\n    title: {m} Issue\n    question: {m} question?\n    marking: {name}\n    actors: [wqzck-actor, {m}-actor]\n"
        ));
    }
    y.push_str("positions:\n");
    for (_, m, name) in LEVELS {
        y.push_str(&format!(
            "  - id: {m}-position\n    actor: wqzck-actor\n    issue: {m}-issue\n    stance: {m} stance on it\n    alignment: support\n    quote: {m} quoted words\n    marking: {name}\n    sources: [{{source: {m}-source, locator: p. 2, quote: {m} cited words}}]\n  - actor: {m}-actor\n    issue: wqzck-issue\n    stance: {m} stance of the actor\n    alignment: oppose\n    confidence: moderate\n    sources: [wqzck-source]\n"
        ));
    }
    y.push_str("timeline:\n");
    for (n, (_, m, name)) in LEVELS.iter().enumerate() {
        y.push_str(&format!(
            "  - id: {m}-event\n    date: 2026-03-0{}\n    title: {m} Event\n    summary: {m} event summary\n    marking: {name}\n    actors: [{m}-actor]\n    location: {{name: {m} Town, lat: 31, lon: 71}}\n    sources: [{m}-source]\n",
            n + 1
        ));
    }
    let all = |f: &dyn Fn(&str) -> String| {
        LEVELS
            .iter()
            .map(|(_, m, _)| f(m))
            .collect::<Vec<_>>()
            .join(", ")
    };
    y.push_str(&format!(
        "  - id: crossing\n    date: 2026-03-09\n    title: A meeting of all\n    summary: \"{}\"\n    actors: [{}]\n    issues: [{}]\n    sources: [{}]\n",
        all(&|m| format!("[[{m}-actor|{m} label]]")),
        all(&|m| format!("{m}-actor")),
        all(&|m| format!("{m}-issue")),
        all(&|m| format!("{m}-source")),
    ));
    y.push_str("sources:\n");
    for (_, m, name) in LEVELS {
        y.push_str(&format!(
            "  - id: {m}-source\n    title: {m} Source\n    publisher: {m} Press\n    url: https://{m}.example/article\n    date: 2026-03-01\n    reliability: B\n    credibility: 2\n    excerpt: {m} excerpt\n    notes: {m} source note\n    marking: {name}\n"
        ));
    }
    y
}

/// A linked briefing with an item at each level.
fn other() -> String {
    let mut y = String::from("title: Other\nmarking: TLP:CLEAR\nactors:\n");
    for (_, m, name) in LEVELS {
        y.push_str(&format!(
            "  - id: {m}-other\n    name: {m} Other Actor\n    marking: {name}\n"
        ));
    }
    y
}

/// The same briefing before anything was marked: what `--since` and `diff`
/// compare with. Every item is there, unmarked, so an item withheld now
/// must not show through the older version.
fn unmarked(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("marking:") || l.starts_with("marking:"))
        .map(|l| l.replace(" stance on it", " stance before"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn lower(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_lowercase()
}

/// What an audience at `level` must not see (markers above it) and must.
fn split(level: Tlp) -> (Vec<&'static str>, Vec<&'static str>) {
    let above = LEVELS.iter().filter(|l| l.0 > level).map(|l| l.1).collect();
    let within = LEVELS
        .iter()
        .filter(|l| l.0 <= level)
        .map(|l| l.1)
        .collect();
    (above, within)
}

fn assert_clean(what: &str, level: Tlp, out: &str) {
    let (above, _) = split(level);
    for m in above {
        assert!(
            !out.contains(m),
            "{what} for {level} shows {m} (an item above the audience):\n{out}"
        );
    }
}

fn assert_shows(what: &str, level: Tlp, out: &str) {
    let (_, within) = split(level);
    for m in within {
        assert!(
            out.contains(m),
            "{what} for {level} lost {m}, which the audience may see:\n{out}"
        );
    }
}

/// A folder with the briefing, the file it links to and its older version
/// in git (HEAD~1: all unmarked; HEAD: marked).
fn folder() -> Repo {
    let mut r = Repo::new();
    let now = briefing(true);
    r.commit(
        "before marking",
        &[("b.yaml", &unmarked(&now)), ("other.yaml", &other())],
    );
    r.commit("marked", &[("b.yaml", &now), ("old.yaml", &unmarked(&now))]);
    r
}

fn run(dir: &Path, cache: &Path, args: &[&str]) -> std::process::Output {
    Command::new(brief_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cache)
        .env_remove("BRIEF_CACHE")
        .output()
        .unwrap()
}

#[test]
fn no_command_line_output_shows_an_audience_what_is_withheld() {
    let r = folder();
    let dir = r.dir.path();
    let cache = tempfile::tempdir().unwrap();
    // Without --tlp the author sees everything (the fixture holds what the
    // checks look for), and the briefing checks clean.
    let o = run(dir, cache.path(), &["print", "b.yaml"]);
    assert!(o.status.success(), "{}", lower(&o.stderr));
    assert_shows("print without --tlp", Tlp::Red, &lower(&o.stdout));
    let o = run(dir, cache.path(), &["check", "b.yaml", "old.yaml"]);
    assert!(o.status.success(), "{}", lower(&o.stdout));
    for (level, _, name) in LEVELS {
        let l = &name[4..];
        let outputs: Vec<(&str, Vec<&str>, bool)> = vec![
            ("print", vec!["print", "b.yaml", "--tlp", l], true),
            (
                "html",
                vec!["export", "b.yaml", "--format", "html", "--tlp", l],
                true,
            ),
            (
                "markdown",
                vec![
                    "export",
                    "b.yaml",
                    "--format",
                    "md",
                    "--with-notes",
                    "--tlp",
                    l,
                ],
                true,
            ),
            (
                "diff",
                vec!["diff", "old.yaml", "b.yaml", "--tlp", l],
                false,
            ),
            (
                "diff json",
                vec!["diff", "old.yaml", "b.yaml", "--format", "json", "--tlp", l],
                false,
            ),
            (
                "diff --since",
                vec![
                    "diff", "b.yaml", "--since", "HEAD~1", "--format", "json", "--tlp", l,
                ],
                false,
            ),
            (
                "check json",
                vec!["check", "b.yaml", "--format", "json", "--tlp", l],
                false,
            ),
        ];
        for (what, args, shows) in outputs {
            let o = run(dir, cache.path(), &args);
            let out = format!("{}{}", lower(&o.stdout), lower(&o.stderr));
            assert_clean(what, level, &out);
            if shows {
                assert!(o.status.success(), "{what} {level}: {out}");
                assert_shows(what, level, &out);
            }
        }
    }
    // Nothing an audience saw was written to the cache (it holds only the
    // author's loads, and none of those were of a file this size).
    let written: Vec<_> = walk(cache.path());
    assert!(written.is_empty(), "{written:?}");
}

fn walk(p: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

/// A large file is cached for its author: an audience must never be shown
/// that cached whole briefing, nor add to the cache.
#[test]
fn the_model_cache_never_serves_an_audience() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let filler: String = (0..6000)
        .map(|n| format!("  - id: filler-{n}\n    date: 2025-01-01\n    title: An ordinary event number {n}\n"))
        .collect();
    let text = briefing(false).replacen("timeline:\n", &format!("timeline:\n{filler}"), 1);
    assert!(text.len() > 256 * 1024);
    std::fs::write(dir.path().join("big.yaml"), &text).unwrap();
    let o = run(dir.path(), cache.path(), &["print", "big.yaml"]);
    assert!(o.status.success());
    let cached = walk(cache.path());
    assert!(!cached.is_empty(), "the author's load is cached");
    for (level, _, name) in LEVELS {
        let o = run(
            dir.path(),
            cache.path(),
            &["print", "big.yaml", "--tlp", &name[4..]],
        );
        let out = lower(&o.stdout);
        assert_clean("print of a cached file", level, &out);
        assert_shows("print of a cached file", level, &out);
    }
    assert_eq!(
        walk(cache.path()),
        cached,
        "an audience's load wrote to the cache"
    );
}

/// What each audience sees in the reader: every pane and every row with
/// its detail and backlinks, the overview, search, the pictures, the
/// Changes view against the unmarked version, every slide with its notes.
#[test]
fn no_screen_of_the_reader_or_the_presentation_shows_what_is_withheld() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/b.yaml");
    let text = briefing(false);
    for (level, _, _) in LEVELS {
        let load = |t: &str| {
            let r = load_str_for(t, "b.yaml", path.clone(), Some(level));
            r.briefing
                .unwrap_or_else(|| panic!("{level}: {:?}", r.diagnostics))
        };
        let b = load(&text);
        let old = load(&unmarked(&text));
        let mut seen = String::new();
        let mut a = App::new(b.clone());
        let mut look = |a: &mut App| {
            let s = screen(a, 120, 40).to_lowercase();
            assert_clean("a reader screen", level, &s);
            seen.push_str(&s);
        };
        look(&mut a);
        for pane in [
            Pane::Actors,
            Pane::Positions,
            Pane::Timeline,
            Pane::Issues,
            Pane::Sources,
        ] {
            a.focus_pane(pane);
            for _ in 0..40 {
                look(&mut a);
                a.update(Action::Down);
            }
        }
        for view in [Action::Matrix, Action::Axis, Action::Map] {
            a.update(Action::Overview);
            a.update(view);
            look(&mut a);
            a.update(Action::Escape);
        }
        a.update(Action::Overview);
        a.update(Action::Search);
        for c in "wqz".chars() {
            a.update(Action::SearchInput(c));
        }
        look(&mut a);
        a.update(Action::Escape);
        let hits = brief::app::search::Index::new(&b).search("wqz");
        let found: String = hits.iter().map(|h| h.text.to_lowercase()).collect();
        assert_clean("search", level, &found);
        assert_shows("search", level, &found);
        // The Changes view: the older version had every item, unmarked.
        let c = brief::app::changes::compare(
            "HEAD~1".into(),
            std::sync::Arc::new(old),
            a.briefing.clone(),
            false,
        );
        a.arrived(brief::app::changes::Arrived::Compared(Box::new(c)));
        a.update(Action::Changes);
        look(&mut a);
        a.update(Action::NextPane);
        look(&mut a);
        assert_shows("the reader", level, &seen);
        // Every slide with its notes, and the notes screen's state.
        let mut p = brief::present::Presenter::new(&b, brief::ui::theme::Theme::plain());
        p.layout(120, 40);
        p.update(brief::present::PAction::ToggleNotes);
        let mut slides = String::new();
        for n in 0..p.pages.len() {
            p.current = n;
            let mut t =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
            t.draw(|f| {
                brief::present::view::draw(
                    f,
                    &p,
                    &b,
                    &brief::ui::theme::Theme::plain(),
                    std::time::Duration::ZERO,
                )
            })
            .unwrap();
            slides.push_str(&t.backend().to_string().to_lowercase());
            let notes = brief::present::notes::State::of(&p, &b);
            slides.push_str(&format!("{notes:?}").to_lowercase());
        }
        assert_clean("slides and notes", level, &slides);
        assert_shows("slides", level, &slides);
    }
}

/// The library for an audience, and a briefing opened from it, in a real
/// terminal: rows count only what the audience may see, a briefing above
/// it is "not for" it and nothing more.
#[test]
fn the_library_lists_and_opens_only_what_the_audience_may_see() {
    let r = folder();
    let dir = r.dir.path();
    std::fs::write(
        dir.join("secret.yaml"),
        "title: wqzrk Secret Title\nmarking: TLP:RED\nclassification: wqzrk class\nactors:\n  - id: wqzrk-a\n    name: wqzrk A\n",
    )
    .unwrap();
    std::fs::remove_file(dir.join("old.yaml")).unwrap();
    let d = dir.to_str().unwrap();
    let mut t = Pty::spawn(brief_bin(), &["--tlp", "green", d], 120, 40);
    let s = t.wait_for("not for TLP:GREEN").to_lowercase();
    assert_clean("the library", Tlp::Green, &s);
    let s = t.wait_for("Audiences").to_lowercase();
    assert_clean("the library", Tlp::Green, &s);
    // Rows count what GREEN may see: 2 of the 5 actors, 2 of the 5 issues,
    // 3 of the 6 events.
    assert!(s.contains("2 actors, 2 issues, 3 events"), "{s}");
    // Open the briefing (the rows are sorted by title: Audiences first).
    t.keys(&["g", "\r"]);
    let s = t.wait_for("1 Actors (2)").to_lowercase();
    assert_clean("a briefing from the library", Tlp::Green, &s);
    for (key, pane) in [
        ("2", "2 Positions (4)"),
        ("3", "3 Timeline (3)"),
        ("4", "4 Issues (2)"),
        ("5", "5 Sources (2)"),
        ("0", "Bottom line"),
    ] {
        t.keys(&[key]);
        let s = t.wait_for(pane).to_lowercase();
        assert_clean("a briefing from the library", Tlp::Green, &s);
    }
    t.keys(&["e"]);
    let s = t.wait_for("loads cleanly").to_lowercase();
    assert_clean("the errors of a briefing from the library", Tlp::Green, &s);
}

/// Markings written oddly: the rule that checks a marking is the rule that
/// withholds by it, so an item reads as RED to both or is an error that
/// keeps the whole file from any audience.
#[test]
fn a_marking_is_read_one_way_for_the_check_and_for_withholding() {
    let dir = tempfile::tempdir().unwrap();
    let base = "title: Odd markings\nmarking: TLP:GREEN\nactors:\n  - id: open\n    name: wqzgk Open\n  - id: hidden\n    name: wqzrk Hidden\n    marking: ";
    // Written another way but a level: withheld from GREEN.
    for (n, m) in ["tlp:red", "\"  TLP:RED  \"", "Red", "\"TLP:RED\\t\""]
        .iter()
        .enumerate()
    {
        let f = dir.path().join(format!("ok{n}.yaml"));
        std::fs::write(&f, format!("{base}{m}\n")).unwrap();
        let f = f.to_str().unwrap();
        let o = common::brief(&["check", f]);
        assert!(o.status.success(), "{m}: {}", lower(&o.stdout));
        let o = common::brief(&["print", f, "--tlp", "green"]);
        assert!(o.status.success(), "{m}");
        assert_clean(m, Tlp::Green, &lower(&o.stdout));
        assert!(lower(&o.stdout).contains("wqzgk"));
    }
    // Not a level: an error for the author, and the file refused whole to
    // every audience (never shown with the item kept).
    for m in [
        "\"TLP:\\u200DRED\"",
        "\"TLP:\\u2060RED\"",
        "\"TLP:R\\u00ADED\"",
        "\"TLP:\\u001BRED\"",
        "\"\\uFEFFTLP:RED\"",
        "\"TLP:RED\\u200B\"",
        "\"TLP:\\u202ERED\"",
        "\"TLP: RED\"",
        "TLP:WHITE",
        "WHITE",
        "\"TLP:ＲＥＤ\"",
        "[TLP:RED]",
        "7",
    ] {
        let f = dir.path().join("bad.yaml");
        std::fs::write(&f, format!("{base}{m}\n")).unwrap();
        let f = f.to_str().unwrap();
        let o = common::brief(&["check", f]);
        assert_eq!(o.status.code(), Some(1), "{m} must be an error");
        for args in [
            vec!["print", f, "--tlp", "green"],
            vec!["export", f, "--format", "md", "--tlp", "red"],
        ] {
            let o = common::brief(&args);
            assert_eq!(o.status.code(), Some(1), "{m}: {args:?}");
            assert!(o.stdout.is_empty(), "{m}");
            let err = lower(&o.stderr);
            assert!(err.contains("refused under --tlp"), "{m}: {err}");
            assert_clean(m, Tlp::Clear, &err);
        }
    }
    // The briefing's own marking with an invisible character: the whole
    // file is refused, not shown as unmarked.
    let f = dir.path().join("own.yaml");
    std::fs::write(
        &f,
        "title: wqzak Title\nmarking: \"TLP:\\u200DAMBER\"\nactors:\n  - id: a\n    name: wqzak A\n",
    )
    .unwrap();
    let o = common::brief(&["print", f.to_str().unwrap(), "--tlp", "green"]);
    assert_eq!(o.status.code(), Some(1));
    assert_clean("own marking", Tlp::Green, &lower(&o.stdout));
    assert_clean("own marking", Tlp::Green, &lower(&o.stderr));
}
