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

/// Where each sentence of `para` starts, the first at 0: a sentence ends at
/// `.`, `!` or `?` followed by a space. The one rule every check that reads
/// by sentence uses.
pub fn sentence_starts(para: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(para.char_indices().filter_map(|(i, c)| {
            (matches!(c, '.' | '!' | '?') && para[i + 1..].starts_with(' ')).then_some(i + 1)
        }))
        .collect()
}

/// The sentences of `para`, trimmed.
pub fn sentences(para: &str) -> impl Iterator<Item = &str> {
    let starts = sentence_starts(para);
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([para.len()]).collect();
    starts
        .into_iter()
        .zip(ends)
        .map(move |(a, z)| para[a..z].trim())
}
