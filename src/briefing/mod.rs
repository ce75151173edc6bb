//! A briefing: the format's raw structs, the validated model, and `check`.

pub mod cache;
mod clean_strings;
pub mod date;
pub mod diagnostic;
pub mod evidence;
pub mod external;
pub mod ids;
pub mod load;
pub mod locate;
pub mod marking;
pub mod model;
pub mod pieces;
pub mod problem;
pub mod progress;
pub mod quick_yaml;
pub mod raw;
pub mod read;
pub mod sanitize;
pub mod text;
pub mod validate;

pub use diagnostic::Diagnostic;
pub use load::{MAX_BYTES, ReadError, Report, load_file, load_str};
pub use model::*;
pub use text::{Block, Inline, Text};

/// The first of each value, in order. A few are compared with each other;
/// past them a set finds repeats, so a list of 30,000 stays linear.
pub fn firsts<T: std::hash::Hash + Eq + Clone>(items: Vec<T>) -> Vec<T> {
    if items.len() <= 16 {
        let mut out: Vec<T> = Vec::with_capacity(items.len());
        for t in items {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        return out;
    }
    let mut seen: rustc_hash::FxHashSet<T> = Default::default();
    items
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

/// Frees a large value on a thread of its own: freeing a 20,000-event
/// model takes longer than a frame, and a reload must not wait for it.
/// Without a thread to spare, here.
pub fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || {
            only_when_idle();
            drop(value)
        });
}

/// The calling thread runs only on a core nothing else wants: freeing
/// what a load left behind (tens of milliseconds of a large file's) took
/// a core from the work that follows the load, the timeline printed or
/// drawn on every core. Linux's `SCHED_IDLE`; elsewhere nothing changes.
fn only_when_idle() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: `param` is a valid sched_param; pid 0 is this thread.
        // A refusal leaves the thread as it was, which is only slower.
        let _ = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
    }
}

/// Runs `work` on a thread of its own, or here, waiting, when no thread
/// can be had (threads or memory exhausted): slower, never a panic.
pub fn in_background(work: impl FnOnce() + Send + 'static) {
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(work)));
    let theirs = slot.clone();
    let spawned = std::thread::Builder::new().spawn(move || {
        let work = theirs.lock().ok().and_then(|mut w| w.take());
        if let Some(w) = work {
            w()
        }
    });
    if spawned.is_err() {
        let work = slot.lock().ok().and_then(|mut w| w.take());
        if let Some(w) = work {
            w()
        }
    }
}
