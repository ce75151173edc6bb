//! The attack families of tests/attacks.rs at sizes that matter: for each,
//! `brief check` (the real binary) on the hostile file and on a clean
//! briefing of the same size, at two sizes four times apart. Printed per
//! family: time and peak memory against the clean file (the cost of the
//! attack) and the growth from the small size to the large (4 when the
//! cost is linear). Tests never time anything; this is where the promise
//! "time and memory proportional to size" is measured.
//! `cargo bench --bench attacks`; numbers in docs/performance.md.

mod common;
use common::{env_or, median};

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const HEAD: &str = "format: 1\ntitle: Attack\n";

/// A hostile file of about `n` units of its kind.
type Family = (&'static str, fn(usize) -> String);

fn families() -> Vec<Family> {
    vec![
        ("many findings", |n| {
            let mut y = String::from(HEAD);
            for i in 0..n / 3 {
                let _ = writeln!(y, "x{i}unknown: {i}");
            }
            y.push_str("actors:\n  - id: a\n    name: A\n    part_of: [");
            for i in 0..n / 3 {
                let _ = write!(y, "{}nobody-{i}", if i > 0 { ", " } else { "" });
            }
            y.push_str("]\n");
            for i in 0..n / 3 {
                let _ = writeln!(y, "  - id: dup\n    name: D {i}");
            }
            y
        }),
        ("one long line of dangling references", |n| {
            let refs: Vec<String> = (0..n).map(|i| format!("ghost-{i}")).collect();
            format!(
                "{HEAD}actors:\n  - id: a\n    name: A\n    part_of: [{}]\n",
                refs.join(", ")
            )
        }),
        ("unknown keys with control characters", |n| {
            let mut y = String::from(HEAD);
            for i in 0..n {
                let _ = writeln!(y, "\"k\\e]0;pwn\\a\\u009b{i}\\u202e\": 1");
            }
            y
        }),
        ("one key repeated", |n| {
            let mut y = String::from(HEAD);
            for i in 0..n {
                let _ = writeln!(y, "summary: s{i}");
            }
            y
        }),
        ("duplicate ids", |n| {
            let mut y = format!("{HEAD}actors:\n");
            for i in 0..n {
                let _ = writeln!(y, "  - id: same\n    name: A {i}");
            }
            y
        }),
        ("deep block nesting", |n| {
            let mut y = format!("{HEAD}x-deep:\n");
            for i in 0..n.min(20_000) {
                let _ = writeln!(y, "{}- ", " ".repeat(i % 2000));
            }
            y
        }),
        ("deep flow nesting", |n| {
            format!("{HEAD}x-deep: {}{}\n", "[".repeat(n), "]".repeat(n))
        }),
        ("anchors and aliases", |n| {
            let mut y = format!("{HEAD}x-a: &a [\"lol\"]\nkey_points:\n");
            for _ in 0..n {
                y.push_str("  - *a\n");
            }
            y
        }),
        ("tags", |n| {
            let mut y = format!("{HEAD}key_points:\n");
            for i in 0..n {
                let _ = writeln!(y, "  - !custom t{i}");
            }
            y
        }),
        ("one long text with escapes", |n| {
            let mut y = format!("{HEAD}summary: \"");
            for _ in 0..n {
                y.push_str("ab\\e]0;x\\a ");
            }
            y.push_str("\"\n");
            y
        }),
    ]
}

/// Wall time and peak resident memory (KiB) of `brief check FILE`.
fn check(file: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", file.to_str().unwrap_or_default()])
        .env("BRIEF_CACHE", "off")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("brief runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // wait4 gives this child's own peak, where getrusage would give the
    // largest of every child so far.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "waited for brief");
    let _ = child.try_wait();
    let code = libc::WEXITSTATUS(status);
    assert!(code <= 2, "{}: exit {code}", file.display());
    (elapsed, usage.ru_maxrss as u64)
}

/// A clean synthetic briefing of about `bytes` bytes.
fn clean(bytes: usize) -> String {
    let mut events = 10;
    let mut y = brief::synth::briefing_yaml(events);
    while y.len() < bytes {
        events = events * bytes / y.len().max(1) + 2;
        y = brief::synth::briefing_yaml(events);
    }
    y
}

fn main() {
    let n: usize = env_or("BRIEF_BENCH_ATTACK", 25_000);
    let rounds = 3;
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!(
        "{:<38} {:>7} {:>11} {:>11} {:>7} {:>7} {:>7}",
        "family", "size", "time/clean", "mem/clean", "size ×", "time ×", "mem ×"
    );
    for (name, make) in families() {
        let mut per_size = Vec::new();
        for size in [n, 4 * n] {
            let bad = make(size);
            let good = clean(bad.len());
            let (b, g) = (dir.path().join("bad.yaml"), dir.path().join("good.yaml"));
            std::fs::write(&b, &bad).expect("written");
            std::fs::write(&g, &good).expect("written");
            let (mut tb, mut tg, mut mb, mut mg) = (Vec::new(), Vec::new(), 0, 0);
            for _ in 0..rounds {
                let (t, m) = check(&g);
                tg.push(t);
                mg = mg.max(m);
                let (t, m) = check(&b);
                tb.push(t);
                mb = mb.max(m);
            }
            per_size.push((bad.len(), median(tb), median(tg), mb, mg));
        }
        let (s0, tb0, tg0, mb0, mg0) = per_size[0];
        let (s1, tb1, tg1, mb1, mg1) = per_size[1];
        let r = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        println!(
            "{:<38} {:>6.1}M {:>5.2} {:>5.2} {:>5.2} {:>5.2} {:>7.1} {:>7.1} {:>7.1}",
            name,
            s1 as f64 / 1e6,
            r(tb0, tg0),
            r(tb1, tg1),
            mb0 as f64 / mg0 as f64,
            mb1 as f64 / mg1 as f64,
            s1 as f64 / s0 as f64,
            r(tb1, tb0),
            mb1 as f64 / mb0 as f64,
        );
    }
    println!(
        "size: the larger file; time/clean and mem/clean: against a clean briefing of the same size, \
         at the smaller and the larger; ×: growth from the smaller to the larger (linear: time × ≤ size ×)"
    );
}
