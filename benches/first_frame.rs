//! Time to first frame: start the release binary in a pseudo-terminal on
//! the example and time until the first frame is on the screen. Run with
//! `cargo bench --bench first_frame`; it builds nothing itself, so run
//! `cargo build --release` first. Prints the median and spread of 30 runs.

#[path = "support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::time::{Duration, Instant};
use support::{DA_ANSWER, DA_QUERY};

fn one_run(bin: &str) -> Duration {
    let start = Instant::now();
    let support::Running {
        mut child,
        mut reader,
        mut writer,
        ..
    } = support::start(bin, &["briefs/pakistan-afghanistan-ttp.yaml"]);
    let mut seen = Vec::new();
    let mut buf = [0u8; 65536];
    let mut answered = 0;
    let elapsed = loop {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no first frame after 10 s"
        );
        let n = reader.read(&mut buf).unwrap();
        seen.extend_from_slice(&buf[..n]);
        // Answer the device-attributes query at once, as a terminal does.
        let asked = seen.windows(3).filter(|w| *w == DA_QUERY).count();
        while answered < asked {
            writer.write_all(DA_ANSWER).unwrap();
            answered += 1;
        }
        // The hint bar is the last row a frame draws (its text is styled in
        // pieces, so look for one piece).
        if seen.windows(7).any(|w| w == b" filter") {
            break start.elapsed();
        }
    };
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    elapsed
}

fn main() {
    let Some(bin) = support::release_binary("first_frame") else {
        return;
    };
    let mut times: Vec<Duration> = (0..30).map(|_| one_run(bin)).collect();
    times.sort();
    println!(
        "time to first frame (example, 120x40, pty): median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms over {} runs",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    );
}
