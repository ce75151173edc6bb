//! Evidence: the texts of sources, and the checks that tie claims to them
//! (quotes found where the locator says, hedges kept, one weak source
//! behind a confident position). No terminal code.

pub mod check;
pub mod dates;
mod flatten;
pub mod hedge;
pub mod likelihood;
pub mod locator;
pub mod passages;
pub mod quote;
pub mod source_text;
mod speaker;

pub use source_text::SourceText;
