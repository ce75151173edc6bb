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
mod scope;
pub mod source_text;
mod speaker;

pub use source_text::SourceText;

/// Determiners: where a noun phrase begins ("the report", "a deal that…").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my",
    "your",
];

/// Where each sentence of `para` starts, the first at 0: a sentence ends at
/// `.`, `!` or `?` followed by a space, but not at the point of an
/// abbreviation that goes on ("the U.N. brokered deal", "Gen. Asim Munir",
/// "Jan. 5"). The one rule every check that reads by sentence uses.
pub fn sentence_starts(para: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            memchr::memchr3_iter(b'.', b'!', b'?', para.as_bytes())
                .filter_map(|i| ends_at(para, i)),
        )
        .collect()
}

/// Where the sentence that the stop at byte `i` may end ends, if it does.
fn ends_at(para: &str, i: usize) -> Option<usize> {
    // A quotation the stop closes ends with it (`."` is one end), unless
    // the sentence goes on (`"Will they?" she asked`).
    let after = para[i + 1..].trim_start_matches(['"', '”', '’', ')']);
    let next = after.strip_prefix(' ')?;
    let end = para.len() - after.len();
    let goes_on = end > i + 1 && next.starts_with(char::is_lowercase);
    (!goes_on && (para.as_bytes()[i] != b'.' || !abbreviation_goes_on(&para[..i], next)))
        .then_some(end)
}

/// Whether the point after the last word of `before` marks an abbreviation
/// that the sentence goes on after (`next` is the text after the space).
fn abbreviation_goes_on(before: &str, next: &str) -> bool {
    // Titles before a name; a month or "No." before its number.
    const TITLES: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm",
        "Cmdr", "Brig", "Sen", "Rep", "Gov", "Amb", "Rev", "Pres", "Supt", "St", "Mt", "Ft",
    ];
    const BEFORE_NUMBER: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
        "Nos", "Art", "para", "p", "pp", "vol",
    ];
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(['"', '“', '‘', '\'', '(', '[']);
    // Most sentences end on a word longer than any abbreviation here.
    if word.len() > 4 && !word.contains('.') {
        return false;
    }
    let next_word = next
        .trim_start_matches(['"', '“', '‘', '\'', '(', '['])
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let Some(first) = next_word.chars().next() else {
        return false;
    };
    if TITLES.contains(&word) {
        return first.is_uppercase();
    }
    if BEFORE_NUMBER.contains(&word) {
        return first.is_ascii_digit();
    }
    // "U.S", "U.N", "p.m", an initial ("John F. Kennedy"): the sentence
    // goes on unless the next word is one that opens sentences.
    let dotted = !word.is_empty()
        && word.split('.').all(|part| {
            let mut cs = part.chars();
            cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
        });
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    (dotted || initial) && (first.is_lowercase() || first.is_uppercase() && !opens(next_word))
}

/// Words that open sentences far more often than they follow an
/// abbreviation inside one.
fn opens(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "In",
        "On",
        "At",
        "As",
        "For",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "My",
        "What",
        "Why",
        "How",
        "Who",
        "Asked",
        "According",
        "Meanwhile",
        "However",
        "Earlier",
        "Later",
        "Last",
        "On",
        "Some",
        "Many",
        "Most",
        "One",
        "Two",
        "Both",
        "All",
    ];
    OPENERS.contains(&word)
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

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Any text splits, at places in order and on character boundaries.
        #[test]
        fn every_text_splits_into_its_sentences(p in "(U\\.S\\.|Mr|\\.|!|\\?|\"|”|’|\\)| |a|A|é|Ω|5|The|he)*") {
            let starts = super::sentence_starts(&p);
            proptest::prop_assert_eq!(starts[0], 0);
            proptest::prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert!(starts.iter().all(|&s| p.is_char_boundary(s)));
        }
    }

    fn split(p: &str) -> Vec<&str> {
        super::sentences(p).collect()
    }

    #[test]
    fn an_abbreviation_that_goes_on_ends_no_sentence() {
        assert_eq!(
            split("Lee asked if the U.S. would provide evidence. Price said he had."),
            [
                "Lee asked if the U.S. would provide evidence.",
                "Price said he had."
            ]
        );
        assert_eq!(
            split("Gen. Asim Munir met Mr. Khan on Jan. 5 at 3 p.m. local time."),
            ["Gen. Asim Munir met Mr. Khan on Jan. 5 at 3 p.m. local time."]
        );
        assert_eq!(
            split("John F. Kennedy spoke. U.N. officials agreed."),
            ["John F. Kennedy spoke.", "U.N. officials agreed."]
        );
    }

    #[test]
    fn an_abbreviation_at_a_sentence_s_end_still_ends_it() {
        assert_eq!(
            split("The talks were held in the U.S. The next round is in May."),
            [
                "The talks were held in the U.S.",
                "The next round is in May."
            ]
        );
        assert_eq!(
            split("They met at 5 p.m. He left at six. She stayed."),
            ["They met at 5 p.m.", "He left at six.", "She stayed."]
        );
        assert_eq!(
            split("Is it over? Yes! It is."),
            ["Is it over?", "Yes!", "It is."]
        );
        // A quotation the stop closes ends with it.
        assert_eq!(
            split("He said: \"We will act.\" Officials agreed. \"Will they?\" she asked."),
            [
                "He said: \"We will act.\"",
                "Officials agreed.",
                "\"Will they?\" she asked."
            ]
        );
    }
}
