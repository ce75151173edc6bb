//! Time to first frame: start the release binary in a pseudo-terminal on
//! the example and time until the first frame is on the screen. Run with
//! `cargo bench --bench first_frame`; it builds nothing itself, so run
//! `cargo build --release` first. Prints the median and spread of 30 runs.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn one_run(bin: &str) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg("briefs/pakistan-afghanistan-ttp.yaml");
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
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
        let asked = seen.windows(3).filter(|w| w == b"\x1b[c").count();
        while answered < asked {
            writer.write_all(b"\x1b[?62;22c").unwrap();
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
    let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/brief");
    if !std::path::Path::new(bin).exists() {
        eprintln!("first_frame: build the release binary first (cargo build --release)");
        return;
    }
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
