//! What the pseudo-terminal benchmarks share: the release binary, started
//! in a 120×40 pseudo-terminal as a terminal would run it.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::io::{Read, Write};

/// crossterm asks for the device attributes at start; a terminal answers.
pub const DA_QUERY: &[u8] = b"\x1b[c";
pub const DA_ANSWER: &[u8] = b"\x1b[?62;22c";

pub struct Running {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub reader: Box<dyn Read + Send>,
    pub writer: Box<dyn Write + Send>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// The release binary, or `None` (with a message) when it is not built.
pub fn release_binary(bench: &str) -> Option<&'static str> {
    // Another build (an older one, to compare) when BRIEF_BENCH_BIN names it.
    if let Some(other) = std::env::var_os("BRIEF_BENCH_BIN") {
        return Some(Box::leak(
            other.to_string_lossy().into_owned().into_boxed_str(),
        ));
    }
    let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/brief");
    if std::path::Path::new(bin).exists() {
        Some(bin)
    } else {
        eprintln!("{bench}: build the release binary first (cargo build --release)");
        None
    }
}

/// Starts `bin args` in the project folder in a 120×40 pseudo-terminal.
/// `env` adds environment variables.
pub fn start<S: AsRef<OsStr>>(bin: &str, args: &[S], env: &[(&str, &OsStr)]) -> Running {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let child = pair.slave.spawn_command(cmd).unwrap();
    Running {
        child,
        reader,
        writer,
        _master: pair.master,
    }
}
