//! A standing attack suite: hostile inputs of many families, built here,
//! each run through the real binary's `check`, `print` and `--format json`.
//! For every one: a clear error or a clean exit (never a panic, code 101),
//! and no control byte in any output. The same generator at large sizes,
//! with time against a clean file of the same size, is
//! `cargo bench --bench findings` (times are never asserted in tests).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One hostile input: a name and the files it needs, written under `dir`;
/// returns the path to check.
type Family = (&'static str, fn(&Path) -> PathBuf);

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const HEAD: &str = "format: 1\ntitle: Attack\n";

fn families() -> Vec<Family> {
    vec![
        ("many findings", |d| {
            let mut y = String::from(HEAD);
            y.push_str("actors:\n");
            for i in 0..3000 {
                let _ = writeln!(
                    y,
                    "  - id: a{i}\n    name: A\n    part_of: [nobody{i}]\n    x{i}: 1"
                );
            }
            write(d, "many.yaml", y)
        }),
        ("one long line of dangling references", |d| {
            let refs: Vec<String> = (0..5000).map(|i| format!("ghost-{i}")).collect();
            write(
                d,
                "long.yaml",
                format!(
                    "{HEAD}actors:\n  - id: a\n    name: A\n    part_of: [{}]\n",
                    refs.join(", ")
                ),
            )
        }),
        ("unknown keys with control characters", |d| {
            let mut y = String::from(HEAD);
            for i in 0..200 {
                let _ = writeln!(y, "\"k\\e]0;pwn\\a\\u009b{i}\\u202e\": 1");
            }
            write(d, "ctl.yaml", y)
        }),
        ("deep block nesting", |d| {
            let mut y = String::from(HEAD);
            y.push_str("x-deep:\n");
            for i in 0..3000 {
                let _ = writeln!(y, "{}- ", " ".repeat(i));
            }
            write(d, "deep.yaml", y)
        }),
        ("deep flow nesting", |d| {
            write(
                d,
                "flow.yaml",
                format!(
                    "{HEAD}x-deep: {}{}\n",
                    "[".repeat(50_000),
                    "]".repeat(50_000)
                ),
            )
        }),
        ("UTF-16 with a BOM", |d| {
            let mut b = vec![0xff, 0xfe];
            for c in HEAD.encode_utf16() {
                b.extend_from_slice(&c.to_le_bytes());
            }
            write(d, "utf16.yaml", b)
        }),
        ("invalid UTF-8", |d| {
            write(d, "latin1.yaml", b"format: 1\ntitle: caf\xe9\n")
        }),
        ("two BOMs", |d| {
            write(d, "boms.yaml", format!("\u{feff}\u{feff}{HEAD}"))
        }),
        ("tags", |d| {
            write(
                d,
                "tags.yaml",
                format!("{HEAD}summary: !!binary aGVsbG8=\nactors: !custom [1]\n"),
            )
        }),
        ("an alias bomb", |d| {
            let mut y = String::from(HEAD);
            y.push_str("x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            for (n, p) in ["b", "c", "d", "e", "f", "g", "h", "i"]
                .iter()
                .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
            {
                let _ = writeln!(
                    y,
                    "x-{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]"
                );
            }
            y.push_str("key_points: *i\n");
            write(d, "bomb.yaml", y)
        }),
        ("several documents", |d| {
            write(
                d,
                "docs.yaml",
                format!("{HEAD}---\n{HEAD}---\ntitle: third\n"),
            )
        }),
        ("complex and NaN keys", |d| {
            write(d, "keys.yaml", format!("{HEAD}? [a, b]\n: 1\n.nan: 2\n"))
        }),
        ("huge numbers", |d| {
            write(
                d,
                "nums.yaml",
                format!("format: {}\ntitle: {}\n", "9".repeat(400), "1".repeat(400)),
            )
        }),
        ("a FIFO", |d| {
            let p = d.join("fifo.yaml");
            let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            p
        }),
        ("a device", |_| PathBuf::from("/dev/zero")),
        ("a link to a device in a link", |d| {
            let p = write(
                d,
                "links.yaml",
                format!(
                    "{HEAD}actors:\n  - id: a\n    name: A\n    part_of: [\"/dev/urandom#x\", \"zero.yaml#y\"]\n"
                ),
            );
            std::os::unix::fs::symlink("/dev/zero", d.join("zero.yaml")).unwrap();
            p
        }),
        ("a symlink to a secret", |d| {
            let secret = write(d, "secret.txt", "password hunter2\n");
            let p = d.join("zz.yaml");
            std::os::unix::fs::symlink(secret, &p).unwrap();
            p
        }),
        ("a hostile file name", |d| {
            write(
                d,
                "a\u{1b}]52;c;eA==\u{7}\u{9b}31m\u{202e}.yaml",
                "title: [unclosed\n",
            )
        }),
        ("a source text that escapes", |d| {
            write(
                d,
                "esc.yaml",
                format!(
                    "{HEAD}sources:\n  - id: s\n    title: S\n    file: ../../../../../../etc/passwd.txt\n"
                ),
            )
        }),
    ]
}

fn run(args: &[&str]) -> std::process::Output {
    let (tx, rx) = std::sync::mpsc::channel();
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    std::thread::spawn(move || {
        let o = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let _ = tx.send(o);
    });
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .expect("brief answered instead of hanging")
}

#[test]
fn every_family_gets_a_clear_answer_and_no_control_byte_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for (name, build) in families() {
        let sub = dir.path().join(name.replace(' ', "-"));
        std::fs::create_dir(&sub).unwrap();
        let path = build(&sub);
        let p = path.to_str().unwrap();
        for args in [
            vec!["check", p],
            vec!["print", p],
            vec!["check", "--format", "json", p],
        ] {
            let o = run(&args);
            let code = o.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{name} {args:?}: exit {code:?}\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
            for out in [&o.stdout, &o.stderr] {
                let text = String::from_utf8_lossy(out);
                assert!(!text.contains("internal error"), "{name} {args:?}: {text}");
                assert!(
                    !text.contains("hunter2"),
                    "{name} {args:?}: a secret was printed"
                );
                let bad = text.chars().find(|c| {
                    (c.is_control() && *c != '\n' && *c != '\t')
                        || ('\u{80}'..='\u{9f}').contains(c)
                        || ('\u{202a}'..='\u{202e}').contains(c)
                        || ('\u{2066}'..='\u{2069}').contains(c)
                });
                assert_eq!(
                    bad, None,
                    "{name} {args:?}: a control character in the output"
                );
            }
            if code != Some(0) {
                let err = String::from_utf8_lossy(&o.stderr);
                let out = String::from_utf8_lossy(&o.stdout);
                assert!(
                    err.contains("error") || out.contains("\"errors\""),
                    "{name} {args:?}: a failure says what is wrong\n{err}"
                );
            }
        }
        // A folder holding the file is checked the same way.
        let o = run(&["check", sub.to_str().unwrap()]);
        assert!(matches!(o.status.code(), Some(0..=2)), "{name}: folder");
    }
}

#[test]
fn the_alias_bomb_and_nesting_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let fams = families();
    let get = |n: &str| fams.iter().find(|(name, _)| *name == n).unwrap().1;
    let bomb = get("an alias bomb")(dir.path());
    let o = run(&["check", bomb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let flow = get("deep flow nesting")(dir.path());
    let err = String::from_utf8_lossy(&run(&["check", flow.to_str().unwrap()]).stderr).into_owned();
    assert!(err.contains("nested too deeply"), "{err}");
}
