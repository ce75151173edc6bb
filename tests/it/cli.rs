//! The `brief` binary as a user runs it: exit codes, output, formats.

use std::process::{Command, Output};

use crate::common;
use common::brief;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_examples_check_clean_without_warnings() {
    let o = brief(&["check", "--deny-warnings", "briefs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("briefs/pakistan-afghanistan-ttp.yaml: ok\n"),
        "{e}"
    );
    assert!(
        e.contains("briefs/payments-outage-exercise.yaml: ok\n"),
        "{e}"
    );
}

#[test]
fn errors_exit_1_and_every_error_is_reported() {
    let o = brief(&["check", "tests/fixtures/check/dangling-reference.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert_eq!(e.matches("error[dangling-reference]").count(), 4, "{e}");
    assert!(
        e.contains("--> tests/fixtures/check/dangling-reference.yaml:6:15"),
        "{e}"
    );
    assert!(e.ends_with("4 errors, 0 warnings\n"), "{e}");
}

#[test]
fn warnings_pass_unless_denied() {
    let f = "tests/fixtures/check/warnings.yaml";
    assert_eq!(brief(&["check", f]).status.code(), Some(0));
    assert_eq!(
        brief(&["check", "--deny-warnings", f]).status.code(),
        Some(1)
    );
}

#[test]
fn usage_and_io_failures_exit_2() {
    assert_eq!(brief(&["check", "--bogus", "x"]).status.code(), Some(2));
    let o = brief(&["check", "no/such/file.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/file.yaml: no such file"),
        "{}",
        stderr(&o)
    );
    let o = brief(&["print", "briefs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
}

/// `brief args` with stdout on Linux's /dev/full (every write fails with
/// "no space left"), the user's config folder empty: it must exit 2 and
/// say why on stderr.
fn says_a_full_disk(args: &[&str]) {
    let full = std::path::Path::new("/dev/full");
    assert!(full.exists(), "this test needs Linux's /dev/full");
    let config = tempfile::tempdir().unwrap();
    let o = Command::new(common::brief_bin())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CACHE_HOME", common::test_cache())
        .env("XDG_CONFIG_HOME", config.path())
        .stdout(std::fs::File::create(full).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert!(
        stderr(&o).contains("error: writing to standard output: No space left"),
        "{args:?}: {}",
        stderr(&o)
    );
}

/// Text written to a full disk is an error said on stderr, not a file cut
/// short in silence; a reader that stops early (`| head`) is no error.
#[test]
fn a_full_disk_under_print_or_export_is_an_error_and_a_closed_pipe_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, brief::synth::briefing_yaml(2_000)).unwrap();
    for args in [
        &["print", "briefs/pakistan-afghanistan-ttp.yaml"][..],
        &[
            "export",
            "--format",
            "html",
            "briefs/pakistan-afghanistan-ttp.yaml",
        ],
        &[
            "export",
            "--format",
            "md",
            "briefs/pakistan-afghanistan-ttp.yaml",
        ],
    ] {
        says_a_full_disk(args);
        // The reader of the pipe reads one byte and closes it, long before
        // the text of 2,000 events (megabytes, beyond any pipe's buffer)
        // is written.
        let mut args = args.to_vec();
        *args.last_mut().unwrap() = big.to_str().unwrap();
        let mut child = Command::new(common::brief_bin())
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CACHE_HOME", common::test_cache())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        std::io::Read::read_exact(&mut out, &mut [0; 1]).unwrap();
        drop(out);
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
}

/// Every other command that writes its text to stdout says a write that
/// failed, whatever it would have exited with.
#[test]
fn every_command_writing_to_stdout_says_a_full_disk() {
    let (a, b) = (
        "briefs/pakistan-afghanistan-ttp.yaml",
        "briefs/payments-outage-exercise.yaml",
    );
    for args in [
        &["man"][..],
        &["schema"],
        &["config"],
        &["completions", "bash"],
        &["gen-briefing", "10"],
        &["diff", a, b],
        &["diff", "--format", "json", a, a],
    ] {
        says_a_full_disk(args);
    }
}

/// `check --format json` (a report a pipeline keeps) to a full disk is an
/// I/O failure, said on stderr; the check's own verdict is not lost either.
#[test]
fn a_json_report_written_to_a_full_disk_is_an_error() {
    let clean = "briefs/pakistan-afghanistan-ttp.yaml";
    // A file with errors has no coverage to write: only its JSON.
    let broken = "tests/fixtures/check/bad-date.yaml";
    says_a_full_disk(&["check", "--format", "json", clean]);
    says_a_full_disk(&["check", "--coverage", clean]);
    says_a_full_disk(&["check", "--format", "json", broken]);
}

#[test]
fn json_lists_diagnostics_with_positions() {
    let o = brief(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/check/duplicate-id.yaml",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "duplicate-id");
    assert_eq!(d["file"], "tests/fixtures/check/duplicate-id.yaml");
    assert_eq!(d["marks"][0]["line"], 6);
    assert_eq!(d["marks"][0]["column"], 9);
    assert_eq!(d["marks"][1]["line"], 3);
    assert!(o.stderr.is_empty(), "json mode keeps stderr quiet");
}

#[test]
fn no_colour_when_not_a_terminal() {
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "tests/fixtures/check/bad-id.yaml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!o.stderr.contains(&0x1b), "escape codes in piped output");
}

#[test]
fn print_is_deterministic_and_wraps() {
    let a = brief(&[
        "print",
        "--width",
        "60",
        "briefs/pakistan-afghanistan-ttp.yaml",
    ]);
    let b = brief(&[
        "print",
        "--width",
        "60",
        "briefs/pakistan-afghanistan-ttp.yaml",
    ]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8(a.stdout).unwrap();
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60),
        "{text}"
    );
    for part in [
        "Bottom line",
        "Actors",
        "Issues",
        "Timeline",
        "Sources",
        "Hibatullah Akhundzada",
    ] {
        assert!(text.contains(part), "missing {part}");
    }
    // The key points stand apart from the summary above them.
    assert!(
        text.contains("approximate.\n\nKey points\n• A senior Pakistani official"),
        "{text}"
    );
    // The timeline keeps file order for undated events.
    let first = text.find("during the past year").unwrap();
    let april = text.find("first week of April").unwrap();
    assert!(first < april);
    // Issues list each actor's position with its source.
    assert!(
        text.contains("Pakistan (oppose, high): Officials say assurances are"),
        "{text}"
    );
}

#[test]
fn a_broken_file_opens_nothing_and_prints_diagnostics() {
    let o = brief(&["tests/fixtures/check/bad-date.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[bad-date]"));
    assert!(!o.stdout.contains(&0x1b), "the screen was not touched");
}

#[test]
fn the_complete_example_in_the_format_doc_checks_clean() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md")).unwrap();
    let start = doc.find("## A complete example").unwrap();
    let block = &doc[start..];
    let yaml_start = block.find("```yaml\n").unwrap() + 8;
    let yaml = &block[yaml_start..yaml_start + block[yaml_start..].find("```").unwrap()];
    let r = brief::briefing::load_str(yaml, "format.md", Default::default());
    let msgs: Vec<String> = r.diagnostics.iter().map(|d| d.render(false)).collect();
    assert!(r.diagnostics.is_empty(), "{}", msgs.join("\n"));
    let b = r.briefing.unwrap();
    assert_eq!(b.positions[0].id, "downstream-on-canal-share");
    assert_eq!(b.deck.len(), 3);
}

/// The README's key tables are the keymap's, between markers:
/// `<!-- keys:NAME -->` … `<!-- /keys -->`. `BLESS=1 cargo test` rewrites
/// them from the table.
#[test]
fn the_readme_key_tables_are_the_keymap() {
    use brief::input::keymap::{Ctx, markdown_table};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let mut readme = std::fs::read_to_string(path).unwrap();
    type InCtx = fn(Ctx) -> bool;
    let tables: [(&str, InCtx); 9] = [
        ("reader", brief::input::keymap::in_reader_table),
        ("search", |c| c == Ctx::Search),
        ("source-text", |c| c == Ctx::SourceReader),
        ("changes", |c| c == Ctx::Changes),
        ("matrix", |c| c == Ctx::Matrix),
        ("axis", |c| c == Ctx::Axis),
        ("map", |c| c == Ctx::Map),
        ("library", |c| c == Ctx::Library),
        ("present", |c| c == Ctx::Present),
    ];
    let bless = std::env::var_os("BLESS").is_some();
    for (name, ctx) in tables {
        let open = format!("<!-- keys:{name} -->\n");
        let close = "<!-- /keys -->";
        let start = readme
            .find(&open)
            .unwrap_or_else(|| panic!("README.md has no {open}"))
            + open.len();
        let end = start + readme[start..].find(close).expect("a closing marker");
        let want = markdown_table(ctx);
        if bless {
            readme.replace_range(start..end, &want);
        } else {
            assert_eq!(
                readme[start..end],
                want,
                "README's {name} keys differ from the keymap (BLESS=1 cargo test rewrites them)"
            );
        }
    }
    if bless {
        std::fs::write(path, &readme).unwrap();
    }
    assert!(readme.contains("cargo run --release") && readme.contains("cargo test"));
}

#[test]
fn notes_and_present_refuse_missing_or_broken_files() {
    let o = brief(&["notes", "no/such.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such briefing file"));
    let o = brief(&["present", "tests/fixtures/check/bad-date.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[bad-date]"));
}

#[test]
fn check_a_folder_checks_every_briefing_in_it() {
    let o = brief(&["check", "tests/fixtures/cross"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    for f in [
        "broken-links.yaml: 6 errors",
        "country.yaml: ok",
        "region.yaml: ok",
        "shared-sources.yaml: ok",
    ] {
        assert!(e.contains(f), "{f} in\n{e}");
    }
    let dir = tempfile::tempdir().unwrap();
    let o = brief(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "an empty folder is a usage error");
}

#[test]
fn without_a_terminal_the_reader_says_what_to_use_instead() {
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("briefs/pakistan-afghanistan-ttp.yaml")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("brief needs a terminal"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty(), "no escape codes written to a pipe");
}

#[test]
fn check_with_no_argument_checks_the_briefs_folder_like_brief_does() {
    let o = brief(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("pakistan-afghanistan-ttp.yaml: ok"), "{e}");
    assert!(e.contains("payments-outage-exercise.yaml: ok"), "{e}");
}

#[test]
fn yml_files_are_briefings_too() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/payments-outage-exercise.yaml");
    std::fs::copy(&src, dir.path().join("copy.yml")).unwrap();
    let o = brief(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("copy.yml: ok"), "{}", stderr(&o));
}

#[test]
fn help_does_not_suggest_file_then_command() {
    let o = brief(&["--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Usage: brief [OPTIONS] [FILE|DIR]"), "{out}");
    assert!(out.contains("Exit status: 0"), "{out}");
    // Every argument of every command is described.
    for cmd in [
        "check",
        "print",
        "export",
        "diff",
        "present",
        "notes",
        "config",
        "completions",
    ] {
        let o = brief(&[cmd, "-h"]);
        let help = String::from_utf8_lossy(&o.stdout);
        let args = help
            .split("Arguments:")
            .nth(1)
            .map(|a| a.split("Options:").next().unwrap_or(""))
            .unwrap_or("");
        for line in args
            .lines()
            .filter(|l| l.trim_start().starts_with(['<', '[']))
        {
            let words = line.split_whitespace().count();
            assert!(
                words > 2,
                "`brief {cmd}`: an argument without a description: {line}"
            );
        }
        // Options only the screens use are not offered where they do nothing.
        if !matches!(cmd, "present" | "notes" | "config") {
            assert!(!help.contains("--config"), "{cmd}: {help}");
            assert!(!help.contains("--theme"), "{cmd}: {help}");
        }
    }
    assert!(!out.contains("[FILE] [COMMAND]"), "{out}");
}

#[test]
fn every_command_survives_a_closed_stdout() {
    use std::io::Read;
    use std::process::Stdio;
    let big = "briefs/pakistan-afghanistan-ttp.yaml";
    for args in [
        vec!["schema"],
        vec!["print", big],
        vec!["check", "--format", "json", big],
        vec!["--help"],
        vec!["--version"],
    ] {
        // Repeated: a race between the write and the close is what made
        // `schema | head -1` fail a third of the time.
        for _ in 0..5 {
            let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
                .args(&args)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            let code = child.wait().unwrap().code();
            assert!(
                matches!(code, Some(0) | Some(1)),
                "{args:?}: {code:?} {err}"
            );
            assert!(!err.contains("internal error"), "{args:?}: {err}");
            assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        }
    }
}

#[test]
fn links_in_one_line_fields_print_as_prose() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    std::fs::write(
        &f,
        "format: 1\ntitle: On the [[gw]] cluster\nactors:\n  - id: a\n    name: Alpha\nissues:\n  - id: gw\n    title: Gateway cluster\n    question: Does [[a|the first team]] agree?\npositions:\n  - actor: a\n    issue: gw\n    stance: Backs the [[gw]] cluster.\n    sources: [s]\ntimeline:\n  - id: e\n    when: after [[a]] spoke\n    title: \"[[a]] acts\"\n    actors: [a]\nsources:\n  - id: s\n    title: Memo\n",
    )
    .unwrap();
    let o = brief(&["check", "--deny-warnings", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = brief(&["print", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("[["), "{out}");
    assert!(
        out.contains("On the Gateway cluster\n"),
        "no doubled word: {out}"
    );
    assert!(out.contains("Does the first team agree?"), "{out}");
    assert!(out.contains("Backs the Gateway cluster."), "{out}");
    assert!(out.contains("after Alpha spoke — Alpha acts"), "{out}");
}

#[test]
fn coverage_lists_the_paragraphs_nothing_cites() {
    let f = "tests/fixtures/check/single-source.yaml";
    let o = brief(&["check", "--coverage", f]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("coverage of `report` (texts/report.txt): 1 of 4 paragraphs cited"),
        "{out}"
    );
    assert!(out.contains("¶1 not cited: Flood report"), "{out}");
    assert!(!out.contains("¶2 not cited"), "{out}");
    let o = brief(&["check", "--coverage", "--format", "json", f]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let uncited: Vec<u64> = v["coverage"][0]["uncited"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(uncited, [1, 3, 4]);
}

#[test]
fn a_link_never_repeats_the_words_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.yaml");
    std::fs::write(
        &f,
        "format: 1\ntitle: The [[canal]] dispute\nsummary: Work goes on with the [[canal]], and the [[canal]] canal.\nissues:\n  - id: canal\n    title: The canal\n    question: Go ahead?\n",
    )
    .unwrap();
    let o = brief(&["print", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("The canal dispute\n"), "{out}");
    assert!(
        out.contains("Work goes on with the canal, and the canal."),
        "{out}"
    );
}

#[test]
fn the_manual_is_one_whole_page() {
    let o = brief(&["man"]);
    assert!(o.status.success());
    let page = String::from_utf8_lossy(&o.stdout);
    for part in [
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH KEYS",
        ".SS The reader",
        ".SS The library",
        ".SS A presentation",
        ".SH CONFIGURATION",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXIT STATUS",
        ".SH EXAMPLES",
        "BRIEF_PAGER",
        "\\-\\-deny\\-warnings",
        "next slide",
    ] {
        assert!(page.contains(part), "the page lacks {part}");
    }
    // Every command is in the synopsis; no page is named that is not written.
    for cmd in [
        "check", "print", "export", "diff", "present", "notes", "config",
    ] {
        assert!(page.contains(&format!("\\fBbrief\\fR {cmd}")), "{cmd}");
    }
    assert!(!page.contains("brief\\-check(1)") && !page.contains("SEE ALSO"));
}

#[test]
fn messages_say_what_is_wrong_once_and_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, text: &str| {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        let o = brief(&["check", f.to_str().unwrap()]);
        stderr(&o)
    };
    // A misspelt field is one error that names the field it means.
    let e = check("t.yaml", "titel: T\nactors: []\n");
    assert!(
        e.contains("did you mean `title`?") && e.contains("1 error"),
        "{e}"
    );
    assert!(!e.contains("missing-field"), "{e}");
    // A date in words says so, and what to write.
    let e = check(
        "d.yaml",
        "title: T\ntimeline:\n  - id: e\n    date: summer 2019\n    title: x\n",
    );
    assert!(
        e.contains("written in words") && e.contains("`date: 2019` with `when: summer 2019`"),
        "{e}"
    );
    assert!(!e.contains("4 digits"), "{e}");
    // A reference to an id that is itself invalid is not told to use it.
    let e = check(
        "r.yaml",
        "title: T\nactors:\n  - id: Reinholt\n    name: R\nissues:\n  - id: x\n    title: X\npositions:\n  - actor: reinholt\n    issue: x\n    stance: s\n",
    );
    assert!(!e.contains("did you mean `Reinholt`"), "{e}");
    assert!(e.contains("write that id `reinholt`"), "{e}");
    // One source where a list is wanted: the list to write.
    let e = check(
        "s.yaml",
        "title: T\nactors:\n  - id: a\n    name: A\n    sources: article\nsources:\n  - id: article\n    title: x\n",
    );
    assert!(e.contains("`sources: [source-id]`"), "{e}");
    // A width print cannot honour is refused, not ignored.
    let o = brief(&[
        "print",
        "--width",
        "10",
        "briefs/payments-outage-exercise.yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--width"), "{}", stderr(&o));
    // Warnings denied: the last line never says "ok".
    let f = dir.path().join("w.yaml");
    std::fs::write(&f, "title: T\nactors:\n  - id: a\n    name: A\n").unwrap();
    let o = brief(&["check", "--deny-warnings", f.to_str().unwrap()]);
    let e = stderr(&o);
    if o.status.code() == Some(1) {
        let last = e.lines().last().unwrap_or("");
        assert!(
            last.contains("failed") && last.contains("(warnings denied)"),
            "{e}"
        );
    }
}

#[test]
fn marking_an_item_is_a_judgment_change() {
    let dir = tempfile::tempdir().unwrap();
    let before = include_str!("../../briefs/payments-outage-exercise.yaml");
    let after = before
        .replacen("\nmarking: TLP:AMBER\n", "\nmarking: TLP:GREEN\n", 1)
        .replacen("  - id: ", "  - marking: TLP:AMBER\n    id: ", 1);
    assert_ne!(before, after);
    let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
    std::fs::write(&a, before).unwrap();
    std::fs::write(&b, &after).unwrap();
    let o = brief(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(out.starts_with("Judgments ("), "{out}");
    assert!(out.contains("marking (none) → TLP:AMBER"), "{out}");
    assert!(out.contains("marking TLP:AMBER → TLP:GREEN"), "{out}");
}

#[test]
fn long_output_on_a_terminal_goes_through_the_pager_and_never_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let paged = dir.path().join("paged.txt");
    let pager = format!("cat > {}", paged.display());
    let mut t = common::Pty::spawn_env(
        common::brief_bin(),
        &["print", "briefs/payments-outage-exercise.yaml"],
        100,
        30,
        &[("BRIEF_PAGER", &pager)],
    );
    assert_eq!(t.wait_exit(), 0);
    let text = std::fs::read_to_string(&paged).unwrap();
    assert!(text.contains("Bottom line"), "{text}");
    // Piped, it is printed as it is, whatever the pager.
    let o = Command::new(common::brief_bin())
        .args(["print", "briefs/payments-outage-exercise.yaml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "BRIEF_PAGER",
            format!("cat > {}", dir.path().join("no.txt").display()),
        )
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("Bottom line"));
    assert!(!dir.path().join("no.txt").exists());
}

/// The middle floors import one way (`app` → `present` → `ui` → `input`),
/// as the README's layout says: no file of a lower floor names a higher.
#[test]
fn the_middle_floors_import_one_way() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let below: &[(&str, &[&str])] = &[
        ("input", &["crate::app", "crate::ui", "crate::present"]),
        ("ui", &["crate::app", "crate::present"]),
        ("present", &["crate::app"]),
    ];
    let mut seen = 0;
    for (floor, higher) in below {
        let mut stack = vec![root.join(floor)];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                seen += 1;
                for h in *higher {
                    assert!(!text.contains(h), "{} names {h}", p.display());
                }
            }
        }
    }
    assert!(seen > 20, "the floors' files were read: {seen}");
}
