//! Time from a save to the new content on screen: the release binary in a
//! pseudo-terminal on a copy of the example, then on a synthetic
//! 20,000-event briefing; the file is replaced by an atomic rename (as vim
//! and VS Code save) and the clock stops when the new title has been
//! drawn. On the large file a key (`j`, then `k`) is pressed 40 ms into
//! each reload and timed until the selection has moved on screen: keys
//! must keep working while the new version loads.
//! `cargo build --release && cargo bench --bench reload`; the target is
//! 200 ms.

#[path = "support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let Some(bin) = support::release_binary("reload") else {
        return;
    };
    let example = include_str!("../briefs/pakistan-afghanistan-ttp.yaml");
    let dir = tempfile::tempdir().unwrap();
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
    let (saves, _) = measure(
        bin,
        dir.path(),
        example,
        "Pakistan, the Afghan Taliban and the TTP",
        "Actors (11)",
        false,
    );
    report("example", &saves);
    let large = brief::synth::briefing_yaml(20_000);
    let (saves, keys) = measure(
        bin,
        dir.path(),
        &large,
        "Synthetic briefing with 20000 events",
        "Actors (1 of",
        true,
    );
    report("20,000 events", &saves);
    report("20,000 events, a key during the reload", &keys);
}

fn report(what: &str, times: &[Duration]) {
    let mut t = times.to_vec();
    t.sort();
    println!(
        "{what} ({} saves): median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms",
        t.len(),
        t[t.len() / 2].as_secs_f64() * 1e3,
        t[0].as_secs_f64() * 1e3,
        t[t.len() - 1].as_secs_f64() * 1e3
    );
}

/// Saves `text` with a new title 20 times over a file open in `bin`: the
/// time from each rename to the new title on screen, and (with `keys`) from
/// a key pressed during the reload to its effect.
fn measure(
    bin: &str,
    dir: &Path,
    text: &str,
    title: &str,
    first: &str,
    keys: bool,
) -> (Vec<Duration>, Vec<Duration>) {
    let path = dir.join("live.yaml");
    std::fs::write(&path, text).unwrap();
    // The model cache on, as a user has it (in a folder of its own).
    let cache = dir.join("cache");
    let env = [("XDG_CACHE_HOME", cache.as_os_str())];
    let support::Running {
        mut child,
        mut reader,
        writer,
        ..
    } = support::start(bin, &[&path], &env);
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
        while start.elapsed() < Duration::from_secs(30) {
            if screen.lock().unwrap().screen().contents().contains(marker) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        false
    };
    assert!(wait_for(first), "no first frame");
    if keys {
        // The actors' list, where j and k move the selection.
        let _ = writer.lock().unwrap().write_all(b"1");
        assert!(wait_for("Actors (1 of"));
    }
    let (mut saves, mut answers) = (Vec::new(), Vec::new());
    for n in 0..20 {
        let edited = format!("Edited title number {n:02}");
        let tmp = dir.join("live.yaml.tmp");
        std::fs::write(&tmp, text.replacen(title, &edited, 1)).unwrap();
        let start = Instant::now();
        std::fs::rename(&tmp, &path).unwrap();
        if keys {
            std::thread::sleep(Duration::from_millis(40));
            let (key, after) = if n % 2 == 0 {
                (b"j", "Actors (2 of")
            } else {
                (b"k", "Actors (1 of")
            };
            let pressed = Instant::now();
            let _ = writer.lock().unwrap().write_all(key);
            assert!(wait_for(after), "key {n} never answered");
            answers.push(pressed.elapsed());
        }
        assert!(wait_for(&edited), "save {n} never showed");
        saves.push(start.elapsed());
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = writer.lock().unwrap().write_all(b"q");
    let _ = child.wait();
    (saves, answers)
}
