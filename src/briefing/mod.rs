//! A briefing: the format's raw structs, the validated model, and `check`.

pub mod cache;
pub mod date;
pub mod diagnostic;
pub mod evidence;
pub mod external;
pub mod load;
pub mod locate;
pub mod marking;
pub mod model;
pub mod pieces;
pub mod problem;
pub mod progress;
pub mod raw;
pub mod read;
pub mod sanitize;
pub mod text;
pub mod validate;

pub use diagnostic::Diagnostic;
pub use load::{MAX_BYTES, ReadError, Report, load_file, load_str};
pub use model::*;
pub use text::{Block, Inline, Text};

/// Frees a large value on a thread of its own: freeing a 20,000-event
/// model takes longer than a frame, and a reload must not wait for it.
/// Without a thread to spare, here.
pub fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
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
