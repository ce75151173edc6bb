//! Starting a thread that may not start: `std::thread::spawn` panics when
//! the system has no thread to give (a process or user at its limit), and
//! brief never panics on what the machine refuses.

use std::io;
use std::thread::JoinHandle;

/// Starts `f` on a thread named `name`, or says why it could not.
pub fn spawn<F, T>(name: &str, f: F) -> io::Result<JoinHandle<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    if refused() {
        return Err(io::Error::other("BRIEF_DEBUG_NO_THREADS is set"));
    }
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(f)
        .map_err(|e| io::Error::new(e.kind(), format!("no thread for {name}: {e}")))
}

/// Lets the end-to-end tests prove that a thread the system refuses ends
/// brief with a message, the terminal put back: no test can make a real
/// system run out of threads for one process alone.
fn refused() -> bool {
    static REFUSED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *REFUSED.get_or_init(|| std::env::var_os("BRIEF_DEBUG_NO_THREADS").is_some())
}
