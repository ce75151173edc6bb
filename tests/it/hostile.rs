//! Hostile input: each is a clear error, fast, and never a panic.

use brief::briefing::{load_file, load_str};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn codes(text: &str) -> Vec<&'static str> {
    load_str(text, "t.yaml", PathBuf::from("t.yaml"))
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

fn quick<T>(f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    // Generous bound: only catches a hang or a blow-up, not a benchmark.
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "took {:?}",
        t.elapsed()
    );
    out
}

#[test]
fn alias_bomb() {
    let mut y = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, c) in "bcdefghi".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        y.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    let y = format!(
        "title: T\nx-bomb:\n{}authors: *i\n",
        y.lines().map(|l| format!("  {l}\n")).collect::<String>()
    );
    // Nothing ever expands the aliases: each use is a clear type error.
    let got = quick(|| codes(&y));
    assert!(
        !got.is_empty() && got.iter().all(|c| *c == "wrong-type" || *c == "alias-bomb"),
        "{got:?}"
    );
}

#[test]
fn deep_nesting() {
    let y = format!(
        "title: T\nx-deep: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(quick(|| codes(&y)), vec!["too-deep"]);
    let y = format!(
        "title: T\nkey_points: {}{}\n",
        "{a: ".repeat(300),
        "}".repeat(300)
    );
    assert_eq!(quick(|| codes(&y)), vec!["wrong-type"]);
    let y = format!(
        "title: T\nactors: [{{id: a, name: {}{}}}]\n",
        "[".repeat(500),
        "]".repeat(500)
    );
    assert_eq!(quick(|| codes(&y)), vec!["wrong-type"]);
    let y = format!("title: T\nx-deep: {}", "- ".repeat(100_000));
    assert!(!quick(|| codes(&y)).is_empty());
}

#[test]
fn invalid_utf8_binary_and_huge_files() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, b"title: \xff\xfe\n").unwrap();
    let r = quick(|| load_file(&bad).unwrap());
    assert_eq!(r.diagnostics[0].code, "not-utf8");
    assert_eq!(
        (
            r.diagnostics[0].marks[0].line,
            r.diagnostics[0].marks[0].column
        ),
        (1, 8)
    );

    let bin = dir.path().join("bin.yaml");
    std::fs::write(&bin, [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]).unwrap();
    assert_eq!(
        quick(|| load_file(&bin).unwrap()).diagnostics[0].code,
        "binary"
    );

    let big = dir.path().join("big.yaml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(brief::briefing::MAX_BYTES + 1).unwrap();
    let r = quick(|| load_file(&big).unwrap());
    assert_eq!(r.diagnostics[0].code, "too-large");
    assert!(
        r.diagnostics[0].message.text().contains("64 MiB"),
        "{}",
        r.diagnostics[0].message
    );
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = load_file(dir.path()).unwrap_err();
    assert!(e.0.contains("is a folder"), "{e}");
}

#[test]
fn control_characters_never_reach_the_model() {
    let y = "title: \"Evil\\e[2J\\u202Etitle\\x07\"\nsummary: \"a\\x1b]52;c;aGk=\\x07b\"\n";
    let r = load_str(y, "t.yaml", PathBuf::from("t.yaml"));
    let b = r.briefing.expect("loads");
    assert_eq!(b.meta.title, "Evil[2Jtitle");
    let out = brief::print::print(&b, 80);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
}
