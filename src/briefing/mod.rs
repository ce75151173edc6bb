//! A briefing: the format's raw structs, the validated model, and `check`.

pub mod cache;
pub mod date;
pub mod diagnostic;
pub mod evidence;
pub mod external;
pub mod load;
pub mod locate;
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
