//! Evidence at scale: 200 source texts of about 50 KB each, cited 200 and
//! 2,000 times with quotes and paragraph locators. Checking the 2,000 must
//! cost no more than 2× checking the 200 (matching grows with the text,
//! not with quotes × text). Then the first frame of an opened source text
//! against the reader's first frame on the same briefing (target: ≤ 2×).
//! Interleaved rounds, medians. `cargo bench --bench evidence`; numbers in
//! docs/performance.md.

mod common;
use common::{env_or, median, time};

use brief::app::{Action, App};
use brief::ui::theme::Theme;
use ratatui::{Terminal, backend::TestBackend};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

const SOURCES: usize = 200;
const PARAGRAPHS: usize = 100;

const WORDS: &[&str] = &[
    "officials",
    "said",
    "the",
    "talks",
    "border",
    "security",
    "would",
    "continue",
    "despite",
    "concerns",
    "about",
    "reported",
    "incidents",
    "along",
    "frontier",
    "while",
    "diplomats",
    "noted",
    "progress",
    "on",
    "trade",
    "and",
    "transit",
    "in",
    "recent",
    "weeks",
    "according",
    "to",
    "sources",
    "familiar",
    "with",
    "matter",
];

/// Paragraph `p` of source `s`: about 500 bytes of words, deterministic.
fn paragraph(s: usize, p: usize) -> String {
    let mut x = (s * 7919 + p * 104729 + 1) as u64;
    let mut out = String::new();
    while out.len() < 500 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
    }
    out.push_str(&format!(" (s{s}p{p})."));
    out
}

fn write_texts(dir: &Path) {
    std::fs::create_dir_all(dir.join("texts")).unwrap();
    for s in 0..SOURCES {
        let text: Vec<String> = (0..PARAGRAPHS).map(|p| paragraph(s, p)).collect();
        std::fs::write(dir.join(format!("texts/s{s}.txt")), text.join("\n\n")).unwrap();
    }
}

/// A briefing whose positions cite the texts `cites` times in all, each
/// with a locator and a quote of six words from that paragraph.
fn briefing(cites: usize) -> String {
    let mut y = String::from("format: 1\ntitle: Evidence at scale\nactors:\n");
    let actors = 20;
    for a in 0..actors {
        let _ = writeln!(y, "  - id: a{a}\n    name: Actor {a}");
    }
    y.push_str("issues:\n");
    let issues = cites.div_ceil(actors);
    for i in 0..issues {
        let _ = writeln!(y, "  - id: i{i}\n    title: Issue {i}");
    }
    y.push_str("positions:\n");
    for n in 0..cites {
        let (s, p) = (n % SOURCES, (n / SOURCES * 13 + n) % PARAGRAPHS);
        let para = paragraph(s, p);
        let words: Vec<&str> = para.split(' ').skip(3).take(6).collect();
        let _ = writeln!(
            y,
            "  - actor: a{}\n    issue: i{}\n    stance: Actor says so.\n    sources: [{{source: s{s}, locator: \"¶{}\", quote: \"{}\"}}]",
            n % actors,
            n / actors,
            p + 1,
            words.join(" ")
        );
    }
    y.push_str("sources:\n");
    for s in 0..SOURCES {
        let _ = writeln!(
            y,
            "  - id: s{s}\n    title: Source {s}\n    file: texts/s{s}.txt"
        );
    }
    y
}

fn frame(app: &mut App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut drawn = Default::default();
    t.draw(|f| drawn = brief::app::view::draw(f, app, &Theme::plain()))
        .unwrap();
    app.measured(&drawn);
    t
}

fn main() {
    // Every load checks the quotes: the model cache would answer the larger
    // briefing from disk (it keeps files with warnings), and this bench
    // writes nothing into the user's cache.
    brief::briefing::cache::disable();
    let rounds: usize = env_or("BRIEF_BENCH_ROUNDS", 9);
    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    let small = dir.path().join("cites-200.yaml");
    let large = dir.path().join("cites-2000.yaml");
    std::fs::write(&small, briefing(200)).unwrap();
    std::fs::write(&large, briefing(2000)).unwrap();
    for f in [&small, &large] {
        let r = brief::briefing::load_file(f).unwrap();
        assert!(
            r.briefing.is_some() && r.errors() == 0,
            "{:?}",
            r.diagnostics.first()
        );
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        a.push(time(|| {
            brief::briefing::load_file(black_box(&small)).unwrap()
        }));
        b.push(time(|| {
            brief::briefing::load_file(black_box(&large)).unwrap()
        }));
    }
    let (a, b) = (median(a), median(b));
    println!(
        "check with {SOURCES} texts of ~50 KB, {rounds} interleaved rounds: 200 quoted citations {:.1} ms; \
         2,000 quoted citations {:.1} ms; ratio {:.2} (target ≤ 2)",
        a.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        b.as_secs_f64() / a.as_secs_f64()
    );

    let loaded = brief::briefing::load_file(&large)
        .unwrap()
        .briefing
        .unwrap();
    let (mut reader, mut text) = (Vec::new(), Vec::new());
    for _ in 0..rounds * 5 {
        reader.push(time(|| {
            let mut app = App::new(loaded.clone());
            frame(&mut app)
        }));
        text.push(time(|| {
            let mut app = App::new(loaded.clone());
            app.update(Action::Digit(5));
            app.update(Action::Enter);
            assert!(app.source_reader().is_some());
            frame(&mut app)
        }));
    }
    let (r, t) = (median(reader), median(text));
    // The largest text brief reads: a frame costs one screen, not the text.
    let big = dir.path().join("big");
    std::fs::create_dir_all(big.join("texts")).unwrap();
    let mut huge = String::new();
    let mut p = 0;
    while huge.len() < 8 * 1024 * 1024 - 1024 {
        huge.push_str(&paragraph(0, p));
        huge.push_str("\n\n");
        p += 1;
    }
    std::fs::write(big.join("texts/s0.txt"), &huge).unwrap();
    std::fs::write(big.join("b.yaml"), briefing(1)).unwrap();
    for s in 1..SOURCES {
        std::fs::copy(
            dir.path().join(format!("texts/s{s}.txt")),
            big.join(format!("texts/s{s}.txt")),
        )
        .unwrap();
    }
    let huge_b = brief::briefing::load_file(&big.join("b.yaml"))
        .unwrap()
        .briefing
        .unwrap();
    let mut app = App::new(huge_b);
    app.update(Action::Digit(5));
    app.update(Action::Enter);
    let first = time(|| frame(&mut app));
    app.update(Action::Bottom);
    let bottom = time(|| frame(&mut app));
    let mut keys = Vec::new();
    for _ in 0..rounds * 5 {
        app.update(Action::Up);
        keys.push(time(|| frame(&mut app)));
    }
    println!(
        "a source text of 8 MB ({p} paragraphs): first frame {:.2} ms; G (to the end) {:.2} ms; k median {:.2} ms",
        first.as_secs_f64() * 1e3,
        bottom.as_secs_f64() * 1e3,
        median(keys).as_secs_f64() * 1e3
    );
    println!(
        "first frame at 120×40, {} interleaved rounds: the reader {:.2} ms; a source text of ~50 KB {:.2} ms; \
         ratio {:.2} (target ≤ 2)",
        rounds * 5,
        r.as_secs_f64() * 1e3,
        t.as_secs_f64() * 1e3,
        t.as_secs_f64() / r.as_secs_f64()
    );
}
