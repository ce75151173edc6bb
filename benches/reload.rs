//! Time from a save to the new content on screen: the release binary in a
//! pseudo-terminal on a copy of the example; the file is replaced by an
//! atomic rename (as vim and VS Code save) and the clock stops when the
//! new title has been drawn. `cargo build --release && cargo bench --bench
//! reload`; 20 saves; the target is 200 ms.

#[path = "support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let Some(bin) = support::release_binary("reload") else {
        return;
    };
    let example = include_str!("../briefs/pakistan-afghanistan-ttp.yaml");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.yaml");
    std::fs::write(&path, example).unwrap();
    // The example cites its article's text, kept beside it.
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/briefs/sources/pakistan-afghanistan-ttp.txt"
        ),
        dir.path().join("sources/pakistan-afghanistan-ttp.txt"),
    )
    .unwrap();
    let support::Running {
        mut child,
        mut reader,
        writer,
        ..
    } = support::start(bin, &[&path], &[]);
    let writer = Arc::new(Mutex::new(writer));
    // The screen as a terminal shows it: ratatui writes only the cells that
    // change, so the raw bytes do not hold the new text in one piece.
    let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let (s2, w2) = (screen.clone(), writer.clone());
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            s2.lock().unwrap().process(&buf[..n]);
            if buf[..n].windows(3).any(|w| w == support::DA_QUERY) {
                let _ = w2.lock().unwrap().write_all(support::DA_ANSWER);
            }
        }
    });
    let wait_for = |marker: &str| -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if screen.lock().unwrap().screen().contents().contains(marker) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        false
    };
    assert!(wait_for("Actors (11)"), "no first frame");
    let mut times = Vec::new();
    for n in 0..20 {
        let title = format!("Edited title number {n:02}");
        let tmp = dir.path().join("live.yaml.tmp");
        std::fs::write(
            &tmp,
            example.replace("Pakistan, the Afghan Taliban and the TTP", &title),
        )
        .unwrap();
        let start = Instant::now();
        std::fs::rename(&tmp, &path).unwrap();
        assert!(wait_for(&title), "save {n} never showed");
        times.push(start.elapsed());
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = writer.lock().unwrap().write_all(b"q");
    let _ = child.wait();
    times.sort();
    println!(
        "save to screen (atomic rename, 20 saves): median {:.0} ms, fastest {:.0} ms, slowest {:.0} ms",
        times[10].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[19].as_secs_f64() * 1e3
    );
}
