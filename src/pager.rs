//! Long output for a person goes through their pager, as git's does:
//! `$BRIEF_PAGER`, else `$PAGER`, else `less` (with `LESS=FRX` unless set:
//! it quits at once when the text fits the screen and keeps colours);
//! never when the output is not a terminal, and not when the pager is empty
//! or `cat`.

use std::io::Write;
use std::process::{Child, Command, Stdio};

/// The pager command, when output to a terminal should go through one.
fn command() -> Option<String> {
    let pick = std::env::var("BRIEF_PAGER")
        .or_else(|_| std::env::var("PAGER"))
        .unwrap_or_else(|_| "less".into());
    let pick = pick.trim();
    (!pick.is_empty() && pick != "cat").then(|| pick.to_string())
}

/// Runs `f` with a writer that reaches a pager when `terminal` (the stream
/// the text would go to is a terminal, and so is standard output, where the
/// pager draws), else `fallback`; waits for the pager to end.
pub fn page(terminal: bool, fallback: &mut dyn Write, f: impl FnOnce(&mut dyn Write)) {
    let child = terminal.then(command).flatten().and_then(|cmd| spawn(&cmd));
    match child {
        Some(mut child) => {
            if let Some(mut stdin) = child.stdin.take() {
                f(&mut stdin);
                // Quitting the pager early closes the pipe: that is no error.
                let _ = stdin.flush();
            }
            let _ = child.wait();
        }
        None => f(fallback),
    }
}

fn spawn(cmd: &str) -> Option<Child> {
    let mut c = Command::new("sh");
    c.arg("-c").arg(cmd).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        c.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        c.env("LV", "-c");
    }
    c.spawn().ok()
}
