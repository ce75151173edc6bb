//! Starting a thread that may not start: `std::thread::spawn` panics when
//! the system has no thread to give (a process or user at its limit), and
//! brief never panics on what the machine refuses.

use std::io;
use std::thread::JoinHandle;

/// Starts `f` on a thread named `name`, or says why it could not (an
/// error that [`refused`] recognises).
pub fn spawn<F, T>(name: &str, f: F) -> io::Result<JoinHandle<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let why = if switched_off() {
        "BRIEF_DEBUG_NO_THREADS is set".to_string()
    } else {
        match std::thread::Builder::new().name(name.to_string()).spawn(f) {
            Ok(started) => return Ok(started),
            Err(e) => e.to_string(),
        }
    };
    Err(io::Error::other(Refused(format!(
        "no thread for {name}: {why}"
    ))))
}

/// A thread the system would not start.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// Whether `e` is a thread [`spawn`] could not start (not, say, the
/// terminal failing).
pub fn refused(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Refused>())
}

/// Lets the end-to-end tests prove that a thread the system refuses ends
/// brief with a message, the terminal put back: no test can make a real
/// system run out of threads for one process alone.
fn switched_off() -> bool {
    static OFF: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *OFF.get_or_init(|| std::env::var_os("BRIEF_DEBUG_NO_THREADS").is_some())
}
