//! Every diagnostic kind: the fixture under tests/fixtures/check/NAME.yaml
//! must produce exactly the text in NAME.expected (messages, line:col,
//! carets and help). `BLESS=1 cargo test` rewrites the expected files;
//! review the diff before committing.

use brief::briefing::load_file;
use std::path::Path;

fn render(path: &Path) -> String {
    let report = load_file(path).expect("fixture is readable");
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&d.render(false));
        out.push('\n');
    }
    out.push_str(&format!(
        "errors: {}, warnings: {}\n",
        report.errors(),
        report.warnings()
    ));
    out.replace('\\', "/")
}

#[test]
fn every_fixture_matches_its_expected_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "expected a fixture per diagnostic kind");
    let mut failures = Vec::new();
    // Paths are relative to the package root, where cargo runs tests
    // (changing the directory here would race the tests beside it).
    for path in names {
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_path_buf();
        let got = render(&rel);
        let expected_path = path.with_extension("expected");
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!("--- {}\n{got}", rel.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "diagnostics differ:\n{}",
        failures.join("\n")
    );
}

#[test]
fn each_fixture_reports_its_own_kind() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let report = load_file(&path).unwrap();
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        let want = match stem.as_str() {
            s if s.starts_with("yaml-") => "yaml-syntax",
            "empty-comments" => "empty",
            // A list at the top level does not look like a briefing at all.
            "not-a-mapping" => "not-a-briefing",
            "warnings" => "unused-source",
            "bad-id-no-follow-ons" => "bad-id",
            // Said where the id comes again in the file, not in the
            // timeline (the second event is the earlier one).
            "duplicate-id-in-the-timeline" => "duplicate-id",
            "links-in-one-line-fields" => "dangling-reference",
            s => s,
        };
        assert!(codes.contains(&want), "{stem}: got {codes:?}");
    }
}
